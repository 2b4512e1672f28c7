/**
 * Compiles the examples and the benchmark cases to plain CommonJS in `tmp/bench/` (same layout
 * as the repository), with every import of `src/` pointed at the built `lib/`: the benchmark
 * measures the library as a user runs it (tsc output, no TypeScript loader in the process).
 *
 * Each Terraform engine of `scripts/engine-flavours.js` gets its own tree: the default (cdktf) in
 * `tmp/bench/`, every other flavour in `tmp/bench/<libDir>/` (CDK Terrain: `tmp/bench/cdktn/`),
 * the same sources compiled once more with the flavour's specifier swaps (`cdktf` → `cdktn`,
 * `@cdktf/provider-azurerm/…` → `@cdktn/…`) and every import of `src/` pointed at the flavour's
 * build where `scripts/build.js` wrote one (`lib/cdktn/azure`, `lib/cdktn/private/cdktf`), else
 * at the one engine-free copy in `lib/` (`lib/index`, `lib/plan`) — exactly the modules a CDK
 * Terrain user loads through `cross-cloud-vpn` and `cross-cloud-vpn/cdktn/azure`. No `require`
 * hook runs in the measured processes.
 *
 * The examples and cases are transpiled with SWC (the transform jest uses; type-checking is
 * `npm run typecheck`'s job); `lib/` must be fresh (`npm run bench` runs `npm run build` first).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';

export const ROOT = path.join(__dirname, '..', '..');
export const OUT = path.join(ROOT, 'tmp', 'bench');

interface Flavour {
  readonly name: string;
  /** Where the flavour's build lives, relative to `lib/` ('' for the default engine). */
  readonly libDir: string;
}

// scripts/engine-flavours.js is plain CommonJS, shared with the build and jest (no typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flavours = require('../../scripts/engine-flavours.js') as {
  readonly DEFAULT_ENGINE: string;
  readonly ENGINES: Readonly<Record<string, Flavour>>;
  readonly mapSpecifier: (engine: string, spec: string) => string;
};

/** The engines the benchmark compiles a tree for (`cdktf`, `cdktn`). */
export type BenchEngine = 'cdktf' | 'cdktn';
export const BENCH_ENGINES = Object.keys(flavours.ENGINES) as BenchEngine[];

// The existing-gateway examples read their CLI exports from the test fixtures, relative to themselves.
const SOURCES = ['examples', 'bench', 'test/aws/fixtures/cli', 'test/azure/fixtures/cli-export', 'test/alicloud/fixtures/cli'];
const COPIED = /\.(ya?ml|json)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** Whether `base` (a module path without extension) is a file or folder module Node would load. */
const isModule = (base: string) => fs.existsSync(`${base}.js`) || fs.existsSync(path.join(base, 'index.js'));

/**
 * The require specifiers of a file compiled from `from`, as `engine` runs them: package
 * specifiers swapped for the engine; `../src/x` → an absolute require of `lib/<libDir>/x` when
 * the flavour's build has that module, else of the shared `lib/x`.
 */
function pointAtLib(code: string, from: string, engine: BenchEngine): string {
  const { libDir } = flavours.ENGINES[engine];
  return code.replace(/require\("([^"]*)"\)/g, (whole, written: string) => {
    const spec = flavours.mapSpecifier(engine, written);
    if (!spec.startsWith('.')) return spec === written ? whole : `require(${JSON.stringify(spec)})`;
    const rel = path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(from), spec));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return spec === written ? whole : `require(${JSON.stringify(spec)})`;
    const flavoured = path.join(ROOT, 'lib', libDir, rel);
    return `require(${JSON.stringify(libDir && isModule(flavoured) ? flavoured : path.join(ROOT, 'lib', rel))})`;
  });
}

/** The compiled tree of `engine` under `root` (`tmp/bench/` or `tmp/bench/cdktn/`). */
export function treeOf(root: string, engine: BenchEngine): string {
  return path.join(root, flavours.ENGINES[engine].libDir);
}

/**
 * Compiles `examples/` and `bench/` into `tmp/bench/` for the default engine and into
 * `tmp/bench/<libDir>/` for every other one; returns the output root (the default engine's tree).
 */
export function compileForBench(): string {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npm run build` first');
  for (const engine of BENCH_ENGINES) {
    const { libDir } = flavours.ENGINES[engine];
    if (libDir && !fs.existsSync(path.join(ROOT, 'lib', libDir))) throw new Error(`lib/${libDir}/ is missing: run \`npm run build\` first`);
  }
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
        for (const engine of BENCH_ENGINES) {
          const out = path.join(treeOf(OUT, engine), rel.replace(/\.ts$/, '.js'));
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out, pointAtLib(code, file, engine));
        }
      } else if (COPIED.test(file)) {
        for (const engine of BENCH_ENGINES) {
          const out = path.join(treeOf(OUT, engine), rel);
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.copyFileSync(file, out);
        }
      }
    }
  }
  return OUT;
}
