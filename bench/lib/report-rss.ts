/**
 * Preloaded (`node -r`) into every process `npm run bench` starts: on exit, writes the process's
 * peak resident set size (`process.resourceUsage().maxRSS`, in KiB) to the file named by
 * `BENCH_RSS_FILE`, with the Terraform engine packages the process loaded (`cdktf`,
 * `@cdktf/provider-azurerm`, `cdktn`, …, read from `require.cache`): `bench/run.ts` checks that a
 * row measured the engine it names. The case itself needs no cooperation, so the figure is the
 * whole process. With `BENCH_MODULES_FILE` set it also writes every module file the process
 * loaded there (the replay rows' typed classes are taken from the mesh's own list).
 */
import * as fs from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
const ENGINE_PACKAGE = /[\\/]node_modules[\\/]((?:@cdkt[fn][\\/][^\\/]+)|cdkt[fn])[\\/]/;

/** The distinct engine packages among the loaded module files, e.g. `["cdktn", "@cdktn/provider-azurerm"]`. */
function enginePackages(): string[] {
  const names = new Set<string>();
  for (const f of Object.keys(require.cache)) {
    const m = ENGINE_PACKAGE.exec(f);
    if (m) names.add(m[1].replace(/\\/g, '/'));
  }
  return [...names].sort();
}

if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, enginePackages: enginePackages() }));
  });
}
const modulesFile = process.env.BENCH_MODULES_FILE;
if (modulesFile) {
  process.on('exit', () => fs.writeFileSync(modulesFile, JSON.stringify(Object.keys(require.cache))));
}
