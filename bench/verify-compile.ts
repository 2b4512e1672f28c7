/**
 * Transpiles `src/` and one bench file to plain CommonJS (SWC, the transform jest uses; the
 * type-check is `npm run typecheck`'s job) under a folder of the caller's, same layout as the
 * repository, so the bench's verify processes run as `ccvpn verify` runs from the package: no
 * TypeScript loader in the process. The loader alone is about 50 MB of the harness's resident
 * memory (SWC's native binding and its cache), which is not the harness's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';

const ROOT = path.join(__dirname, '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

function emit(file: string, outRoot: string): void {
  const rel = path.relative(ROOT, file);
  if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
    const { code } = transformFileSync(file, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: false });
    const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
  } else if (file.endsWith('.json')) {
    const out = path.join(outRoot, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(file, out);
  }
}

/**
 * `src/` (without the generated provider bindings, which the harness never loads) and `benchFile`
 * into `outRoot`, with `node_modules` linked beside them; returns the compiled bench file.
 */
export function compileHarness(benchFile: string, outRoot: string): string {
  for (const f of files(path.join(ROOT, 'src')).filter((x) => !x.includes(`${path.sep}generated${path.sep}`))) emit(f, outRoot);
  emit(benchFile, outRoot);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outRoot, 'node_modules'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(outRoot, 'package.json'));
  return path.join(outRoot, path.relative(ROOT, benchFile).replace(/\.ts$/, '.js'));
}
