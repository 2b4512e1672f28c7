/**
 * `npm run bench`: one table of speed and memory, every figure the median of several runs, all
 * measured in the same run, side by side (the cases are interleaved round by round so that a
 * busy moment of the machine spreads over all of them). Each run is a separate, whole Node
 * process: wall time from spawn to exit, peak RSS as the process reports it on exit
 * (`process.resourceUsage().maxRSS`, via the preloaded `bench/lib/report-rss.ts`).
 *
 * The processes run compiled JavaScript, as users do: the library from `lib/` (tsc, built by
 * `npm run bench` first), the examples and cases transpiled once into `tmp/bench/` — the
 * TypeScript loader alone would add about half a second per process. The CDK Terrain rows run
 * the same examples and cases compiled as that flavour (`tmp/bench/cdktn/`, `bench/lib/compile.ts`:
 * `cdktn`, `@cdktn/provider-azurerm` and the library's `lib/cdktn/` build, what a CDK Terrain user
 * loads), and every row fails unless the process loaded only its own engine's packages.
 *
 * Rows: synth of every example (`examples/index.ts`), of the bare hello app (the floor), of the
 * three-cloud mesh written with barrel imports (`bench/naive/`), of the mesh's own output replayed
 * as raw resources, without and with its typed classes loaded (`bench/cases/replay.ts`: lower
 * bounds for any implementation); the CDK Terrain flavour's hello
 * floor and three-cloud mesh (each ratio against its own engine's floor); loading each package
 * entry, `cross-cloud-vpn/cdktn/azure` and `/cdktn/alicloud` next to `/azure` and `/alicloud`;
 * planning (`bench/plan.bench.ts`); `verify` of generated topologies (10-100 tunnels) if
 * `bench/verify.bench.ts` exists; `ccvpn deploy` with stand-in CLIs (`bench/deploy.bench.ts`:
 * wall time against the critical path).
 * Synth rows run twice: with aws-cdk-lib's built-in CloudFormation validation (its default) and
 * with `CDK_VALIDATION=false`.
 *
 * Options: `--runs N` (default 5), `--only <regex>` (row ids), `--markdown` (README table).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BenchEngine, ROOT, compileForBench, treeOf } from './lib/compile';
import { EXAMPLES } from '../examples';

type Mode = 'validation' | 'no-validation';

interface Case {
  readonly id: string;
  readonly label: string;
  readonly kind: 'synth' | 'load' | 'plan';
  /**
   * The engine the case runs as: its script runs from that engine's compiled tree, and the
   * process may load no other engine's packages (`null`: none at all, e.g. the root entry).
   */
  readonly engine: BenchEngine | null;
  /**
   * Script (relative to the compiled tree) and its arguments; `{out}` is a fresh temp folder,
   * `{replay}` and `{typed}` the replay rows' inputs (`replayInputs`).
   */
  readonly argv: readonly string[];
}

interface Sample {
  readonly wallMs: number;
  readonly rssKb: number;
  readonly stdout: string;
  /** The Terraform engine packages the process loaded (`bench/lib/report-rss.ts`). */
  readonly enginePackages: readonly string[];
}

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' }, markdown: { type: 'boolean' } } });
const RUNS = Number(opts.runs);
const BENCH_SECRET = 'benchmark-only-master-secret-0000';

/** The CDK Terrain rows: the same cases run from the cdktn tree, next to their cdktf rows. */
const CDKTN_SYNTH = ['three-cloud-mesh'];
/** The hello floor of an engine's synth rows. */
const floorId = (engine: BenchEngine) => (engine === 'cdktf' ? 'hello' : `${engine}/hello`);
const loadCase = (sub: string, engine: BenchEngine | null): Case => ({
  id: `load${sub || '/'}`, label: `load: cross-cloud-vpn${sub}`, kind: 'load', engine, argv: ['bench/cases/load.js', `cross-cloud-vpn${sub}`],
});

const ALL_CASES: Case[] = [
  { id: 'hello', label: 'synth: hello floor (empty aws-cdk-lib + cdktf stacks)', kind: 'synth', engine: 'cdktf', argv: ['bench/cases/hello.js', '{out}'] },
  { id: floorId('cdktn'), label: 'synth: hello floor, CDK Terrain (empty aws-cdk-lib + cdktn stacks)', kind: 'synth', engine: 'cdktn', argv: ['bench/cases/hello.js', '{out}'] },
  ...EXAMPLES.flatMap((e): Case[] => [
    { id: e.name, label: `synth: ${e.name}`, kind: 'synth', engine: 'cdktf', argv: ['bench/cases/synth.js', e.name, '{out}'] },
    ...(CDKTN_SYNTH.includes(e.name)
      ? [{ id: `cdktn/${e.name}`, label: `synth: ${e.name}, CDK Terrain (cdktn, lib/cdktn)`, kind: 'synth', engine: 'cdktn', argv: ['bench/cases/synth.js', e.name, '{out}'] } as const]
      : []),
  ]),
  { id: 'naive', label: 'synth: three-cloud-mesh, naive barrel imports', kind: 'synth', engine: 'cdktf', argv: ['bench/cases/synth-naive.js', '{out}'] },
  // Lower bounds for the mesh (bench/cases/replay.ts): its own output replayed as raw resources,
  // then the same with the typed classes the mesh's run loaded required first.
  { id: 'replay', label: 'synth: three-cloud-mesh output replayed raw (bound)', kind: 'synth', engine: 'cdktf', argv: ['bench/cases/replay.js', '{replay}', '{out}'] },
  { id: 'replay-typed', label: 'synth: the same, its typed classes loaded (bound)', kind: 'synth', engine: 'cdktf', argv: ['bench/cases/replay.js', '{replay}', '{out}', '{typed}'] },
  { id: 'node', label: 'load: node alone', kind: 'load', engine: null, argv: ['bench/cases/load.js', '-'] },
  loadCase('', null),
  loadCase('/aws', null),
  loadCase('/azure', 'cdktf'),
  loadCase('/cdktn/azure', 'cdktn'),
  loadCase('/alicloud', 'cdktf'),
  loadCase('/cdktn/alicloud', 'cdktn'),
  { id: 'plan', label: 'plan (in-process median; whole-process RSS)', kind: 'plan', engine: null, argv: ['bench/cases/plan.js'] },
];
const CASES = ALL_CASES.filter((c) => !opts.only || new RegExp(opts.only).test(c.id));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs one whole process; `script` is a path or a `-r`-able command line head. */
function runProcess(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Sample & { status: number | null; stderr: string } {
  const rssFile = path.join(os.tmpdir(), `ccvpn-bench-rss-${process.pid}.json`);
  fs.rmSync(rssFile, { force: true });
  const start = performance.now();
  const r = spawnSync(process.execPath, ['-r', path.join(COMPILED, 'bench', 'lib', 'report-rss.js'), ...args], {
    cwd: ROOT, env: { ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  const report = fs.existsSync(rssFile) ? JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKb: number; enginePackages: string[] } : undefined;
  fs.rmSync(rssFile, { force: true });
  return {
    wallMs, rssKb: report?.maxRssKb ?? NaN, enginePackages: report?.enginePackages ?? [],
    stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, status: r.status,
  };
}

function envFor(mode: Mode): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CCVPN_MASTER_SECRET: BENCH_SECRET };
  delete env.CDK_VALIDATION;
  if (mode === 'no-validation') env.CDK_VALIDATION = 'false';
  return env;
}

/**
 * The replay rows' inputs, made once: the mesh synthesized by its own case (no validation) into
 * `tmp/bench/replay/`, and the typed classes that run loaded (`typed.json`): aws-cdk-lib's
 * `aws-*` modules (the L1s, the example's `ec2.Vpc`), the provider's resource modules and the
 * Alibaba Cloud bindings.
 */
function replayInputs(): { replay: string; typed: string } {
  const dir = path.join(ROOT, 'tmp', 'bench', 'replay');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const loaded = path.join(dir, 'loaded.json');
  const r = runProcess([path.join(COMPILED, 'bench', 'cases', 'synth.js'), 'three-cloud-mesh', path.join(dir, 'out')], { ...envFor('no-validation'), BENCH_MODULES_FILE: loaded });
  if (r.status !== 0) throw new Error(`the replay rows' mesh synthesis failed with status ${r.status}:\n${r.stderr.slice(-2000)}`);
  const TYPED = /[\\/]node_modules[\\/](aws-cdk-lib[\\/]aws-[^\\/]+|@cdktf[\\/]provider-[^\\/]+)[\\/]|[\\/]lib[\\/]alicloud[\\/]generated[\\/]/;
  const typed = path.join(dir, 'typed.json');
  fs.writeFileSync(typed, JSON.stringify((JSON.parse(fs.readFileSync(loaded, 'utf8')) as string[]).filter((f) => TYPED.test(f))));
  return { replay: path.join(dir, 'out', 'three-cloud-mesh'), typed };
}

let replay: { replay: string; typed: string } | undefined;
function runCase(c: Case, mode: Mode): Sample {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-bench-'));
  try {
    const [script, ...args] = c.argv;
    if (args.includes('{replay}')) replay ??= replayInputs();
    const value = (a: string) => (a === '{out}' ? out : a === '{replay}' ? replay!.replay : a === '{typed}' ? replay!.typed : a);
    const r = runProcess([path.join(treeOf(COMPILED, c.engine ?? 'cdktf'), script), ...args.map(value)], envFor(mode));
    if (r.status !== 0) throw new Error(`${c.id} (${mode}) failed with status ${r.status}:\n${r.stderr.slice(-2000)}`);
    const foreign = r.enginePackages.filter((p) => c.engine === null || !(p === c.engine || p.startsWith(`@${c.engine}/`)));
    if (foreign.length) {
      throw new Error(`${c.id} (${mode}) measured the wrong engine: it loaded ${foreign.join(', ')} (allowed: ${c.engine ? `${c.engine}, @${c.engine}/*` : 'no Terraform engine'})`);
    }
    return r;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The naive stacks are left out of the repository's tsconfig (their barrel and root imports are
// 1.4 M lines of declarations), so they are type-checked here, before anything of them runs.
if (CASES.some((c) => c.id === 'naive')) {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'naive', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) {
    process.stderr.write(`bench/naive does not type-check (tsc -p bench/naive/tsconfig.json):\n${tsc.stdout}${tsc.stderr}`);
    process.exit(1);
  }
}
const COMPILED = compileForBench();
const modesOf = (c: Case): Mode[] => (c.kind === 'synth' ? ['validation', 'no-validation'] : ['validation']);
const samples = new Map<string, Sample[]>();
const key = (c: Case, m: Mode) => `${c.id} ${m}`;

process.stderr.write(`${RUNS} rounds of ${CASES.reduce((n, c) => n + modesOf(c).length, 0)} processes`);
for (let round = 0; round < RUNS; round++) {
  for (const c of CASES) {
    for (const m of modesOf(c)) {
      const list = samples.get(key(c, m)) ?? [];
      list.push(runCase(c, m));
      samples.set(key(c, m), list);
    }
  }
  process.stderr.write('.');
}
process.stderr.write('\n');

/**
 * `bench/verify.bench.ts` belongs to the verification harness (it needs root and the IPsec/BGP
 * daemons, and takes its own median over `BENCH_RUNS` runs): run it once if it is there and take
 * its rows, one per generated topology (about 10, 30, 60 and 100 tunnels). Its table:
 * topology | tunnels / lab | median | range | daemons RSS | daemons PSS | harness RSS | marginal / tunnel | load avg.
 */
function verifyRows(): string[][] {
  const file = path.join(ROOT, 'bench', 'verify.bench.ts');
  if (!fs.existsSync(file)) return [['verify: generated topologies', 'n/a', 'n/a', 'n/a (bench/verify.bench.ts does not exist)']];
  const r = runProcess(['-r', '@swc-node/register', file], { ...envFor('validation'), BENCH_RUNS: String(Math.min(RUNS, 3)) }, 1_800_000);
  if (r.status !== 0) {
    // The error's own message, not the last frame of its stack; the whole output in a file.
    const log = path.join(ROOT, 'tmp', 'bench', 'verify-failed.log');
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, `exit ${r.status}\n== stdout\n${r.stdout}\n== stderr\n${r.stderr}`);
    const lines = r.stderr.trim().split('\n').filter((l) => l.trim());
    const last = lines.filter((l) => !/^\s+at /.test(l)).slice(-1)[0] ?? lines.slice(-1)[0] ?? '';
    return [['verify: generated topologies', 'n/a', 'n/a', `n/a (bench:verify failed, exit ${r.status}: ${last.slice(0, 160)}; all of its output: ${path.relative(ROOT, log)})`]];
  }
  const skipped = /skipped: (.*)/.exec(r.stdout);
  if (skipped) return [['verify: generated topologies', 'n/a', 'n/a', `n/a (${skipped[1].trim()})`]];
  const rows = r.stdout.split('\n').filter((l) => l.startsWith('scale-')).map((l) => l.trim().split(/\s{2,}/));
  if (!rows.length || rows.some((c) => c.length < 9)) {
    return [['verify: generated topologies', seconds(r.wallMs), mb(r.rssKb), `bench:verify output not recognised; whole process: ${r.stdout.trim().split('\n').slice(-1)[0]}`]];
  }
  const ratio = r.stdout.split('\n').find((l) => l.startsWith('time('));
  return [
    ...rows.map((c) => [`verify: ${c[0]}`, c[2], `${c[6]} (harness)`, `${c[1]}; range ${c[3]}; daemons RSS ${c[4]} / PSS ${c[5]}; marginal ${c[7]} per tunnel; load ${c[8]}`]),
    ...(ratio ? [['verify: scaling', '', '', ratio.trim()]] : []),
  ];
}

/**
 * `bench/deploy.bench.ts` (stand-in CLIs sleeping each stack's typical provisioning time, scaled
 * 1 min → 60 ms): run it once and take its `BENCH_ROWS` (the mesh and the 10-site topology).
 */
function deployRows(): string[][] {
  const file = path.join(ROOT, 'bench', 'deploy.bench.ts');
  if (!fs.existsSync(file)) return [['deploy: three-cloud mesh', 'n/a', 'n/a', 'n/a (bench/deploy.bench.ts does not exist)']];
  const r = runProcess(['-r', '@swc-node/register', file], envFor('validation'), 600_000);
  const rows = /^BENCH_ROWS (.*)$/m.exec(r.stdout);
  if (r.status !== 0 || !rows) {
    // The error's own message, not the last frame of its stack.
    const lines = r.stderr.trim().split('\n').filter((l) => l.trim());
    const last = lines.filter((l) => !/^\s+at /.test(l)).slice(-1)[0] ?? lines.slice(-1)[0] ?? '';
    return [['deploy: three-cloud mesh', 'n/a', 'n/a', `n/a (bench:deploy failed, exit ${r.status}: ${last.slice(0, 160)})`]];
  }
  return (JSON.parse(rows[1]) as { label: string; wall: string; note: string }[]).map((x) => [x.label, x.wall, '', x.note]);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ratio = (x: number, floor: number) => `${(x / floor).toFixed(2)}×`;

const stat = (c: Case, m: Mode) => {
  const s = samples.get(key(c, m))!;
  return { wallMs: median(s.map((x) => x.wallMs)), rssKb: median(s.map((x) => x.rssKb)), stdout: s.map((x) => x.stdout) };
};
const hello = CASES.find((c) => c.id === 'hello');
/** The hello floor of the case's engine, when it ran. */
const floorOf = (c: Case, m: Mode) => {
  const f = CASES.find((x) => x.id === floorId(c.engine ?? 'cdktf'));
  return f ? stat(f, m) : undefined;
};

const head = ['figure', 'wall', 'peak RSS', '× floor (wall / RSS)', 'wall, no validation', 'peak RSS, no validation', '× floor, no validation'];
const rows: string[][] = [];
for (const c of CASES) {
  const v = stat(c, 'validation');
  if (c.kind === 'synth') {
    const n = stat(c, 'no-validation');
    const fv = floorOf(c, 'validation');
    const fn = floorOf(c, 'no-validation');
    rows.push([c.label, seconds(v.wallMs), mb(v.rssKb), fv ? `${ratio(v.wallMs, fv.wallMs)} / ${ratio(v.rssKb, fv.rssKb)}` : '',
      seconds(n.wallMs), mb(n.rssKb), fn ? `${ratio(n.wallMs, fn.wallMs)} / ${ratio(n.rssKb, fn.rssKb)}` : '']);
  } else if (c.kind === 'load') {
    rows.push([c.label, `${Math.round(v.wallMs)} ms`, mb(v.rssKb), '', '', '', '']);
  } else {
    const parsed = v.stdout.map((s) => JSON.parse(s.trim().split('\n').pop()!) as { meshMs: number; bigMs: number; bigTunnels: number });
    rows.push(['plan: three-cloud mesh (10 tunnels), in-process median', `${median(parsed.map((p) => p.meshMs)).toFixed(2)} ms`, mb(v.rssKb), '', '', '', '']);
    rows.push([`plan: 100 gateways (${parsed[0].bigTunnels} tunnels), in-process median`, `${median(parsed.map((p) => p.bigMs)).toFixed(0)} ms`, mb(v.rssKb), '', '', '', '']);
  }
}
if (!opts.only || /verify/.test(opts.only)) {
  for (const v of verifyRows()) rows.push([...v, '', '', '']);
}
if (!opts.only || /deploy/.test(opts.only)) {
  for (const v of deployRows()) rows.push([...v, '', '', '']);
}

function render(markdown: boolean): string {
  if (markdown) return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const cpus = os.cpus();
console.log(`node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; median of ${RUNS} runs per figure; wall = whole process, spawn to exit\n`);
console.log(render(Boolean(opts.markdown)));

// The CDK Terrain mesh is held to the same 1.3× against its own floor, and compared with cdktf's.
const mesh = CASES.find((c) => c.id === 'three-cloud-mesh');
const naive = CASES.find((c) => c.id === 'naive');
const tnMesh = CASES.find((c) => c.id === 'cdktn/three-cloud-mesh');
const tnHello = CASES.find((c) => c.id === floorId('cdktn'));
const replayRaw = CASES.find((c) => c.id === 'replay');
const replayTyped = CASES.find((c) => c.id === 'replay-typed');
// Issue 19's guards: with aws-cdk-lib's default validation the mesh within 1.3× of the floor;
// without it, what the library and the example stacks add above the floor ≥ 8× less time and
// ≥ 10× less memory than the same stacks written with barrel imports. (The earlier whole-process
// "naive ≥ 5× the mesh" target could not be met by any implementation, the floor alone being most
// of the naive figure, and was replaced by these; naive ÷ mesh is printed for information.)
const withinFloor = (t: { wallMs: number }, f: { wallMs: number }, m: Mode) => (m === 'validation'
  ? `mesh / floor: ${ratio(t.wallMs, f.wallMs)} wall (guard ≤ 1.30×) ${t.wallMs <= 1.3 * f.wallMs ? 'met' : 'MISSED'}`
  : `mesh / floor: ${ratio(t.wallMs, f.wallMs)} wall (no guard without validation)`);
if ((mesh && hello) || (tnMesh && tnHello)) console.log('\nguards:');
for (const m of ['validation', 'no-validation'] as Mode[]) {
  if (mesh && hello) {
    const t = stat(mesh, m);
    const f = stat(hello, m);
    const label = m === 'validation' ? 'default (CloudFormation validation on)' : 'CDK_VALIDATION=false';
    const line = [`  ${label.padEnd(40)} ${withinFloor(t, f, m)}`];
    if (naive) {
      const n = stat(naive, m);
      line.push(`naive / mesh, whole process: ${ratio(n.wallMs, t.wallMs)} wall, ${ratio(n.rssKb, t.rssKb)} RSS`);
      // A library that cost nothing would synthesize the mesh at the floor: naive / floor is the
      // highest whole-process ratio any implementation can reach.
      line.push(`ceiling (naive / floor, a library costing nothing): ${ratio(n.wallMs, f.wallMs)} wall, ${ratio(n.rssKb, f.rssKb)} RSS`);
      const wall = (n.wallMs - f.wallMs) / (t.wallMs - f.wallMs);
      const rss = (n.rssKb - f.rssKb) / (t.rssKb - f.rssKb);
      // A mesh at or below the floor (noise) has no ratio above it.
      const times = (x: number) => (Number.isFinite(x) && x > 0 ? `${x.toFixed(2)}×` : 'n/a');
      const verdict = (x: number, min: number) => (Number.isFinite(x) && x > 0 ? (x >= min ? 'met' : 'MISSED') : 'n/a (the mesh measured at or below the floor)');
      const guard = m === 'no-validation' ? ` (guards ≥ 8× / ≥ 10×) ${verdict(wall, 8)} / ${verdict(rss, 10)}` : '';
      line.push(`above the floor: naive ${seconds(n.wallMs - f.wallMs)} / ${mb(n.rssKb - f.rssKb)}, mesh ${seconds(t.wallMs - f.wallMs)} / ${mb(t.rssKb - f.rssKb)}`
        + ` = ${times(wall)} wall, ${times(rss)} RSS${guard}`);
    }
    // The bounds (bench/cases/replay.ts): with validation, bound / floor. Without it, the typed
    // bound's cost above the floor and the ceiling it sets: an implementation costing what the
    // bound costs would make the naive stacks cost the barrels (naive - mesh) plus that, so
    // above the floor no implementation gets past (barrels + bound) / bound. (The raw replay,
    // which loads no typed classes, would leave some of their cost to the barrels: no ceiling.)
    for (const b of [replayRaw, replayTyped]) {
      if (!b) continue;
      const r = stat(b, m);
      const what = b === replayRaw ? 'raw replay' : 'typed replay';
      if (m === 'validation') {
        line.push(`lower bound, ${what}: ${ratio(r.wallMs, f.wallMs)} the floor's wall (guard ≤ 1.30×)`);
        continue;
      }
      const above = `lower bound, ${what}: ${seconds(r.wallMs - f.wallMs)} / ${mb(r.rssKb - f.rssKb)} above the floor`;
      if (b === replayRaw || !naive) {
        line.push(above);
        continue;
      }
      const n = stat(naive, m);
      const ceiling = (naiveX: number, meshX: number, boundX: number, floorX: number) => (naiveX - meshX + boundX - floorX) / (boundX - floorX);
      const x = (v: number) => (Number.isFinite(v) && v > 0 ? `${v.toFixed(2)}×` : 'n/a');
      line.push(`${above}; the ceiling it sets above the floor: ${x(ceiling(n.wallMs, t.wallMs, r.wallMs, f.wallMs))} wall, `
        + `${x(ceiling(n.rssKb, t.rssKb, r.rssKb, f.rssKb))} RSS (guards ≥ 8× / ≥ 10×: not ruled out where the ceiling is above them)`);
    }
    console.log(line.join('\n  ' + ' '.repeat(41)));
  }
  if (tnMesh && tnHello) {
    const t = stat(tnMesh, m);
    const f = stat(tnHello, m);
    const label = m === 'validation' ? 'CDK Terrain (validation on)' : 'CDK Terrain, CDK_VALIDATION=false';
    const line = [`  ${label.padEnd(40)} ${withinFloor(t, f, m)}`];
    if (mesh && hello) {
      const c = stat(mesh, m);
      const cf = stat(hello, m);
      line.push(`cdktn / cdktf: mesh ${ratio(t.wallMs, c.wallMs)} wall, ${ratio(t.rssKb, c.rssKb)} RSS; floor ${ratio(f.wallMs, cf.wallMs)} wall, ${ratio(f.rssKb, cf.rssKb)} RSS`);
    }
    console.log(line.join('\n  ' + ' '.repeat(41)));
  }
}
