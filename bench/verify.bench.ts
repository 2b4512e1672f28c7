/**
 * `npm run bench:verify`: time and memory to verify generated topologies of about 10, 30, 60 and
 * 100 tunnels (`bench/verify-topologies.ts`: several sites per cloud, BGP and policy-based
 * mixed), every tunnel fully checked (IKE, CHILD + rekey, BGP or selectors, routed ping over ESP).
 *
 * Per size: wall time of `verify()` (reading the output to the lab's cleanup), peak memory of the
 * daemons the lab starts (summed over the lab's own pids: RSS from each daemon's own peak,
 * `VmHWM`; PSS from `/proc/<pid>/smaps_rollup` at the ends of the lab's phases), peak RSS of the
 * harness process (`process.resourceUsage().maxRSS` of a process that does nothing but verify,
 * as `ccvpn verify` does), the lab's phases (`CCVPN_VERIFY_TIMING`), and the marginal cost per
 * tunnel (time between two sizes over the tunnels between them). The load average is printed
 * with every row: these 2-core machines are shared. Prints figures only; the targets (issue 19)
 * are stated, not asserted.
 *
 * Processes: the topologies are synthesized in one child process (this file with
 * `--synth <root>`); each verify run is its own child (`--verify <dir>`), so the harness peak
 * belongs to that size alone and holds nothing aws-cdk-lib or cdktf loaded (a process that
 * synthesized first is ~500 MB resident, and every one of the lab's command spawns forks it).
 * The verify children run this file and `src/` transpiled to JavaScript (`verify-compile.ts`), as
 * `ccvpn verify` runs from the package: a TypeScript loader in the process would add ~50 MB.
 *
 * Env: BENCH_RUNS (runs per size, default 3), BENCH_SIZES (comma-separated names, default all),
 * BENCH_CPU_PROF=<dir> (each verify child writes a V8 CPU profile there). Needs root and the
 * daemons (see test/verify/e2e.test.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MASTER_SECRET_ENV } from '../src/plan/psk';
import { labPrerequisitesSync } from '../src/verify/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** What one verify child reports. */
interface VerifyRun {
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly up: number;
  readonly bgp: number;
  readonly tunnels: number;
  readonly namespaces: number;
  readonly daemons: number;
  readonly seconds: number;
  readonly daemonRssKb: number;
  readonly daemonPssKb: number;
  readonly harnessRssKb: number;
  readonly phases: readonly { readonly name: string; readonly seconds: number }[];
  readonly load: number;
}

/** In the child (`--synth <root>`): synthesizes every selected size under `root`, prints them as JSON. */
async function synthSizes(root: string): Promise<void> {
  const { synthExample } = await import('../examples/lib/example-apps');
  const { SCALE_SIZES, buildScale, scaleLayout } = await import('./verify-topologies');
  const wanted = process.env.BENCH_SIZES?.split(',').map((s) => s.trim());
  const out = SCALE_SIZES.filter((s) => !wanted || wanted.includes(s.name)).map((s) => ({
    name: s.name, tunnels: scaleLayout(s).tunnels, sites: Object.values(s.sites).reduce((a, b) => a + b, 0),
    dir: path.dirname(synthExample(s.name, (apps) => buildScale(apps, s), root).manifest),
  }));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** In the child (`--verify <dir>`): one verify run, its figures as one JSON line. */
async function verifyOnce(dir: string): Promise<void> {
  const { verify } = await import('../src/verify');
  const phases: { name: string; seconds: number }[] = [];
  const write = process.stderr.write.bind(process.stderr);
  // The lab's phase lines (CCVPN_VERIFY_TIMING=1): `[verify timing] <phase>: +<s> s (at <s> s)`.
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const m = /^\[verify timing\] (.+?): \+([\d.]+) s/.exec(String(chunk));
    if (m) phases.push({ name: m[1], seconds: Number(m[2]) });
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  process.env.CCVPN_VERIFY_TIMING = '1';
  const report = await verify([dir]);
  const up = report.tunnels.filter((t) => t.status === 'up');
  const result: VerifyRun = {
    ok: report.ok, failures: report.failures.slice(0, 5), up: up.length, bgp: up.filter((t) => t.routing === 'bgp').length, tunnels: report.tunnels.length,
    namespaces: report.lab?.namespaces ?? 0, daemons: report.lab?.daemons ?? 0, seconds: report.timings.totalSeconds,
    daemonRssKb: report.lab?.peakDaemonRssKb ?? 0, daemonPssKb: report.lab?.peakDaemonPssKb ?? 0,
    harnessRssKb: process.resourceUsage().maxRSS, phases, load: os.loadavg()[0],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs `node <nodeArgs> <script> <args>`; its last stdout line as JSON. */
function child<T>(nodeArgs: readonly string[], script: string, args: readonly string[]): T {
  // Not BENCH_RSS_FILE: `npm run bench` reads the peak of this process from it, not a child's.
  const env = { ...process.env };
  delete env.BENCH_RSS_FILE;
  const r = spawnSync(process.execPath, [...nodeArgs, script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: 900_000, env });
  if (r.status !== 0) {
    // The error's message lines (not its stack frames), then where it was thrown.
    const lines = (r.stderr ?? '').trim().split('\n').filter((l) => l.trim());
    const message = lines.filter((l) => !/^\s+at /.test(l)).slice(-5);
    const where = lines.find((l) => /^\s+at /.test(l))?.trim() ?? '';
    throw new Error(`bench child ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}): ${[...message, where].join(' | ')}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const missing = labPrerequisitesSync();
  if (missing) {
    process.stdout.write(`bench:verify skipped: ${missing}\n`);
    return;
  }
  process.env[MASTER_SECRET_ENV] ??= 'benchmark-only-master-secret-0000';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-bench-'));
  const profDir = process.env.BENCH_CPU_PROF;
  try {
    const sizes = child<{ name: string; tunnels: number; sites: number; dir: string }[]>(process.execArgv, __filename, ['--synth', root]);
    // The verify runs: this file and src/ as plain JavaScript, no TypeScript loader (as ccvpn runs).
    const { compileHarness } = await import('./verify-compile');
    const compiled = compileHarness(__filename, path.join(root, 'js'));
    const rows: string[][] = [];
    const medians: { tunnels: number; seconds: number }[] = [];
    const phaseRows: string[] = [];
    for (const s of sizes) {
      const runs: VerifyRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const loadBefore = os.loadavg()[0];
        const r = child<VerifyRun>(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${s.name}-${i}.cpuprofile`] : [], compiled, ['--verify', s.dir]);
        if (!r.ok) throw new Error(`${s.name}: verify failed:\n${r.failures.join('\n')}`);
        runs.push({ ...r, load: (loadBefore + r.load) / 2 });
      }
      const seconds = median(runs.map((r) => r.seconds));
      const prev = medians[medians.length - 1];
      medians.push({ tunnels: s.tunnels, seconds });
      const marginal = prev ? `${((seconds - prev.seconds) / (s.tunnels - prev.tunnels)).toFixed(3)} s` : `${(seconds / s.tunnels).toFixed(3)} s (avg)`;
      const first = runs[0];
      rows.push([
        `${s.name} (${s.sites} sites)`, `${first.up} up (${first.bgp} BGP), ${first.namespaces} netns, ${first.daemons} daemons`,
        `${seconds.toFixed(1)} s`, `${Math.min(...runs.map((r) => r.seconds)).toFixed(1)}-${Math.max(...runs.map((r) => r.seconds)).toFixed(1)} s`,
        mb(Math.max(...runs.map((r) => r.daemonRssKb))), mb(Math.max(...runs.map((r) => r.daemonPssKb))), mb(Math.max(...runs.map((r) => r.harnessRssKb))),
        marginal, runs.map((r) => r.load.toFixed(1)).join('/'),
      ]);
      const byPhase = new Map<string, number[]>();
      for (const r of runs) for (const p of r.phases) byPhase.set(p.name, [...(byPhase.get(p.name) ?? []), p.seconds]);
      phaseRows.push(`  ${s.name}: ${[...byPhase].map(([n, xs]) => `${n} ${median(xs).toFixed(2)} s`).join(', ')}`);
    }
    const head = ['topology', 'tunnels / lab', 'median', 'range', 'daemons RSS', 'daemons PSS', 'harness RSS', 'marginal / tunnel', 'load avg'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    process.stdout.write(`verify at scale, ${RUNS} run(s) each, ${os.cpus().length} CPU(s); each run a fresh harness process\n\n${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
    process.stdout.write(`\nlab phases (median):\n${phaseRows.join('\n')}\n`);
    const small = medians.find((m) => m.tunnels <= 12);
    const big = medians.find((m) => m.tunnels >= 90);
    if (small && big) process.stdout.write(`\ntime(${big.tunnels}) / time(${small.tunnels}) = ${(big.seconds / small.seconds).toFixed(2)} (target ≤ 10); ${big.tunnels} tunnels in ${big.seconds.toFixed(1)} s (target < 30 s); targets also: daemons < 1 GB PSS, harness < 150 MB RSS\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const [mode, arg] = process.argv.slice(2);
(mode === '--synth' ? synthSizes(arg) : mode === '--verify' ? verifyOnce(arg) : main()).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
