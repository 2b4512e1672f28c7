/**
 * `npm run bench:verify`: time to verify a three-cloud mesh (every tunnel: IKE, CHILD + rekey,
 * BGP or selectors, host-to-host ping over ESP) and the peak memory of the daemons the lab
 * starts (sum of RSS and PSS of its charon and BIRD processes, sampled every 250 ms).
 *
 * Two meshes, synthesized with the real constructs into a temporary folder:
 *   (a) the examples' mesh: AWS↔Azure BGP (4 tunnels), Azure↔Alibaba policy-based (2),
 *       AWS↔Alibaba BGP (4);
 *   (b) the same with BGP on every link (Azure↔Alibaba BGP: 2 more BGP sessions).
 * Prints the median of RUNS runs (env BENCH_RUNS, default 3). Target on the 2-core machines:
 * under 15 s per mesh. Needs root and the daemons (see test/verify/e2e.test.ts).
 *
 * The meshes are synthesized in a child process (this file with `--synth <root>`), so the process
 * that verifies holds what `ccvpn verify` holds and no more. Synthesizing in-process (aws-cdk-lib,
 * cdktf and both meshes loaded: about 500 MB resident instead of 130 MB) made every one of the
 * lab's ~450 command spawns block the event loop 5-9 times longer (a spawn forks the caller and
 * costs more the more memory it maps: 4.5 ms per spawn in a fresh process, 26-38 ms after
 * synthesis, measured on this machine), which is why this bench once measured 10.9 s for a mesh
 * the CLI verified in 4.5 s.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MASTER_SECRET_ENV } from '../src/plan/psk';
import { verify } from '../src/verify';
import { labPrerequisitesSync } from '../src/verify/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MESHES = [
  { name: 'mesh-policy', label: 'three-cloud mesh (examples: Azure↔Alibaba policy)', azureAlicloud: 'policy' },
  { name: 'mesh-bgp', label: 'three-cloud mesh, BGP on every link', azureAlicloud: 'bgp' },
] as const;

/** In the child (`--synth <root>`): synthesizes every mesh under `root`, prints their folders as JSON. */
async function synthMeshes(root: string): Promise<void> {
  const { synthExample } = await import('../examples/lib/example-apps');
  const { threeCloudMesh } = await import('../examples/three-cloud-mesh');
  const dirs = MESHES.map((m) => path.dirname(synthExample(m.name, (apps) => threeCloudMesh(apps, { azureAlicloud: m.azureAlicloud }), root).manifest));
  process.stdout.write(`${JSON.stringify(dirs)}\n`);
}

/** Synthesizes the meshes in a child process (same node and loader flags); returns their folders. */
function synthInChild(root: string): string[] {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--synth', root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const missing = labPrerequisitesSync();
  if (missing) {
    process.stdout.write(`bench:verify skipped: ${missing}\n`);
    return;
  }
  process.env[MASTER_SECRET_ENV] ??= 'benchmark-only-master-secret-0000';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-bench-'));
  try {
    const dirs = synthInChild(root);
    const meshes = MESHES.map((m, i) => ({ label: m.label, dir: dirs[i] }));
    const residentMb = (process.memoryUsage().rss / 1048576).toFixed(0);
    const loadBefore = os.loadavg()[0].toFixed(1);
    const rows: string[][] = [];
    for (const m of meshes) {
      const times: number[] = [];
      const labTimes: number[] = [];
      let rss = 0;
      let pss = 0;
      let summary = '';
      for (let i = 0; i < RUNS; i++) {
        const report = await verify([m.dir]);
        if (!report.ok) throw new Error(`${m.label}: verify failed:\n${report.failures.join('\n')}`);
        times.push(report.timings.totalSeconds);
        labTimes.push(report.timings.labSeconds);
        rss = Math.max(rss, report.lab?.peakDaemonRssKb ?? 0);
        pss = Math.max(pss, report.lab?.peakDaemonPssKb ?? 0);
        const up = report.tunnels.filter((t) => t.status === 'up');
        summary = `${up.length} up (${up.filter((t) => t.routing === 'bgp').length} BGP), ${report.lab?.namespaces} netns, ${report.lab?.daemons} daemons`;
      }
      rows.push([m.label, summary, `${median(times).toFixed(1)} s`, `${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} s`, `${(rss / 1024).toFixed(0)} MB`, `${(pss / 1024).toFixed(0)} MB`]);
    }
    const head = ['mesh', 'tunnels / lab', 'median', 'range', 'daemons RSS', 'daemons PSS'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    process.stdout.write(`verify, ${RUNS} run(s) each, ${os.cpus().length} CPU(s), load average ${loadBefore} → ${os.loadavg()[0].toFixed(1)}, verifying process ${residentMb} MB resident; target < 15 s\n\n${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

(process.argv[2] === '--synth' ? synthMeshes(process.argv[3]) : main()).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
