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
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '../examples/lib/example-apps';
import { threeCloudMesh } from '../examples/three-cloud-mesh';
import { MASTER_SECRET_ENV } from '../src';
import { verify } from '../src/verify';
import { labPrerequisitesSync } from '../src/verify/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function synthMesh(root: string, name: string, azureAlicloud: 'policy' | 'bgp'): string {
  return path.dirname(synthExample(name, (apps) => threeCloudMesh(apps, { azureAlicloud }), root).manifest);
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
    const meshes = [
      { label: 'three-cloud mesh (examples: Azure↔Alibaba policy)', dir: synthMesh(root, 'mesh-policy', 'policy') },
      { label: 'three-cloud mesh, BGP on every link', dir: synthMesh(root, 'mesh-bgp', 'bgp') },
    ];
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
    process.stdout.write(`verify, ${RUNS} run(s) each, ${os.cpus().length} CPU(s); target < 15 s\n\n${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
