/**
 * Compiles the examples and the benchmark cases to plain CommonJS in `tmp/bench/` (same layout
 * as the repository), with every import of `src/` pointed at the built `lib/`: the benchmark
 * measures the library as a user runs it (tsc output, no TypeScript loader in the process).
 *
 * The examples and cases are transpiled with SWC (the transform jest uses; type-checking is
 * `npm run typecheck`'s job); `lib/` must be fresh (`npm run bench` runs `npm run build` first).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';

export const ROOT = path.join(__dirname, '..', '..');
export const OUT = path.join(ROOT, 'tmp', 'bench');

const SOURCES = ['examples', 'bench'];
const COPIED = /\.(ya?ml|json)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** `require("../src/x")` in a file compiled from `from` → an absolute require of `lib/x`. */
function pointAtLib(code: string, from: string): string {
  return code.replace(/require\("(\.[^"]*)"\)/g, (whole, spec: string) => {
    const target = path.resolve(path.dirname(from), spec);
    const rel = path.relative(path.join(ROOT, 'src'), target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return whole;
    return `require(${JSON.stringify(path.join(ROOT, 'lib', rel))})`;
  });
}

/** Compiles `examples/` and `bench/` into `tmp/bench/`; returns the output root. */
export function compileForBench(): string {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npm run build` first');
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const dir of SOURCES) {
    for (const file of files(path.join(ROOT, dir))) {
      const rel = path.relative(ROOT, file);
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        const { code } = transformFileSync(file, {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: false,
        });
        const out = path.join(OUT, rel.replace(/\.ts$/, '.js'));
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, pointAtLib(code, file));
      } else if (COPIED.test(file)) {
        const out = path.join(OUT, rel);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(file, out);
      }
    }
  }
  return OUT;
}
