#!/usr/bin/env node
// @ts-check
/**
 * The API reference, generated from the doc comments by TypeDoc (typedoc.json: markdown,
 * validation warnings are errors; the entry points are the package's, read from package.json
 * `exports` here, so that a subpath is listed in one place) into docs/api, which is committed.
 *
 *   node scripts/docs.mjs           # TypeDoc's own run: regenerate docs/api
 *   npm run docs:check              # node scripts/docs.mjs --check: fail when docs/api is stale
 *   node scripts/docs.mjs --entries # print the entry points (JSON), as the API-docs test reads them
 *
 * `--check` generates into a temporary folder with the same configuration and compares both trees
 * byte for byte; it prints the files that differ and exits 1 when any does. `npm test` runs the
 * same comparison in scripts/static-checks.ts, on the program of its type check (its exports
 * below), and `npm run docs` writes docs/api from that program (commit the result).
 *
 * The output is deterministic: no timestamps, no absolute paths (`disableSources`), and TypeDoc
 * runs with `LC_ALL=C`, because it sorts names with `localeCompare` in the process's locale (in
 * Danish `aa` sorts after `z`, in Lithuanian `y` next to `i`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMMITTED = path.join(ROOT, 'docs', 'api');

/**
 * Folders of `lib/` holding another engine's flavour of the same source (`lib/cdktn/`, from
 * scripts/engine-flavours.js): `cross-cloud-vpn/cdktn/azure` is `cross-cloud-vpn/azure` built
 * against CDK Terrain, the same classes by the same names, so the reference documents each API
 * once, under the default engine's entry, and leaves these out.
 */
const FLAVOUR_DIRS = Object.values(createRequire(import.meta.url)('./engine-flavours.js').ENGINES)
  .filter((e) => e.libDir !== '')
  .map((e) => `./lib/${e.libDir}/`);

/**
 * The package's public entry files: the source of every `types` of package.json `exports`
 * (`./lib/aws/index.d.ts` → `src/aws/index.ts`), in the order listed, without the other engines'
 * flavours of them (`./lib/cdktn/…`, see FLAVOUR_DIRS).
 *
 * @returns {string[]}
 */
export function packageEntries() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return Object.values(pkg.exports)
    .flatMap((v) => (v !== null && typeof v === 'object' && typeof v.types === 'string' ? [v.types] : []))
    .filter((t) => !FLAVOUR_DIRS.some((dir) => t.startsWith(dir)))
    .map((t) => t.replace(/^\.\/lib\//, 'src/').replace(/\.d\.ts$/, '.ts'));
}

/**
 * Every file under `dir`, relative, with `/` separators, sorted.
 *
 * @param {string} dir
 */
function filesOf(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    // `parentPath` from Node 20.12; `path` before (deprecated since).
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The first line where two texts differ, for the report.
 *
 * @param {string} a
 * @param {string} b
 */
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n      committed: ${JSON.stringify(x[i] ?? '(end of file)')}\n      generated: ${JSON.stringify(y[i] ?? '(end of file)')}`;
  }
  return '';
}

/**
 * Runs TypeDoc with a fixed locale; `out` overrides typedoc.json's folder. Returns its exit code.
 *
 * @param {string | undefined} out
 */
function typedoc(out) {
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
  const entries = packageEntries().flatMap((e) => ['--entryPoints', e]);
  const args = out === undefined ? [bin, ...entries] : [bin, ...entries, '--out', out, '--logLevel', 'Warn'];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  if (run.status !== 0) console.error(`docs: typedoc failed (exit ${run.status ?? run.signal}); fix the warnings above`);
  return run.status ?? 1;
}

/**
 * How a generated reference differs from docs/api: one line per file added, removed or changed
 * (with its first differing line); empty when both trees are the same byte for byte.
 *
 * @param {string} out the generated tree
 * @returns {string[]}
 */
export function differences(out) {
  const committed = filesOf(COMMITTED);
  const generated = filesOf(out);
  const problems = [];
  for (const file of generated.filter((f) => !committed.includes(f))) problems.push(`  + ${file} (missing from docs/api)`);
  for (const file of committed.filter((f) => !generated.includes(f))) problems.push(`  - ${file} (no longer generated)`);
  for (const file of generated.filter((f) => committed.includes(f))) {
    const a = fs.readFileSync(path.join(COMMITTED, file), 'utf8');
    const b = fs.readFileSync(path.join(out, file), 'utf8');
    if (a !== b) problems.push(`  ~ ${file}, ${firstDifference(a, b)}`);
  }
  return problems;
}

/**
 * The verdict on a generated tree, printed: 0 when docs/api is up to date, else 1.
 *
 * @param {string} out the generated tree
 */
export function report(out) {
  const problems = differences(out);
  if (problems.length > 0) {
    console.error(`docs:check: docs/api is out of date (${problems.length} file(s)); run \`npm run docs\` and commit docs/api:\n${problems.join('\n')}`);
    return 1;
  }
  console.log(`docs:check: docs/api is up to date (${filesOf(out).length} files)`);
  return 0;
}

/** Generates into a temporary folder and compares with docs/api; returns the exit code. */
function check() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-docs-'));
  try {
    return typedoc(out) !== 0 ? 1 : report(out);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

// Run as a script (not imported by scripts/static-checks.ts):
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv.includes('--entries')) console.log(JSON.stringify(packageEntries()));
  else process.exitCode = process.argv.includes('--check') ? check() : typedoc(undefined);
}
