/**
 * `npm run bench:plan`: time and peak memory to plan
 *   (a) the three-cloud mesh of the examples, and
 *   (b) 100 gateways, each linked up to its cloud's connection limit.
 * Prints the median of several runs. Targets for (b) on the 2-core machines: < 1 s, < 300 MB.
 * `npm run bench` reuses `hundredGateways` and `timePlan` (bench/cases/plan.ts).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AZURE_SKU_TUNNELS, CONNECTION_LIMITS, Cloud, LinkSpec, SiteSpec, Topology, planVpn } from '../src/plan';
import { readTopology } from '../src/cli/topology-file';

const SECRET = 'benchmark-only-master-secret-0000';

/** Connections each side of a link costs, with the default gateway kinds and layout 'all'. */
const COST: Record<string, [number, number]> = { 'aws+azure': [2, 4], 'aws+alicloud': [2, 2], 'azure+alicloud': [2, 1] };

/** 100 gateways (a third per cloud), each linked greedily up to its cloud's connection limit. */
export function hundredGateways(): Topology {
  const clouds: Cloud[] = ['aws', 'azure', 'alicloud'];
  const sites: SiteSpec[] = Array.from({ length: 100 }, (_, i) => ({
    id: `gw${String(i).padStart(3, '0')}`,
    cloud: clouds[i % 3],
    cidrs: [`10.${Math.floor(i / 2)}.${(i % 2) * 128}.0/17`],
  }));
  // Azure counts S2S tunnels by SKU, two per connection on the default active-active VpnGw2AZ.
  const azureConnections = AZURE_SKU_TUNNELS.VpnGw2AZ / 2;
  const limit = (s: SiteSpec) => (s.cloud === 'aws' ? CONNECTION_LIMITS['vpn-gateway'] : s.cloud === 'azure' ? azureConnections : CONNECTION_LIMITS['dual-tunnel']);
  const used = new Map(sites.map((s) => [s.id, 0]));
  const links: LinkSpec[] = [];
  // Greedy: link every pair of different clouds while both ends have room. AWS↔Azure links use
  // static routing: BGP tunnels with an Azure end all share Azure's 128 APIPA /30s.
  for (let i = 0; i < sites.length; i++) {
    for (let j = i + 1; j < sites.length; j++) {
      const [a, b] = [sites[i], sites[j]];
      if (a.cloud === b.cloud) continue;
      const key = [a.cloud, b.cloud].sort((x, y) => clouds.indexOf(x) - clouds.indexOf(y)).join('+');
      const [ca, cb] = clouds.indexOf(a.cloud) < clouds.indexOf(b.cloud) ? COST[key] : [COST[key][1], COST[key][0]];
      if (used.get(a.id)! + ca > limit(a) || used.get(b.id)! + cb > limit(b)) continue;
      used.set(a.id, used.get(a.id)! + ca);
      used.set(b.id, used.get(b.id)! + cb);
      links.push({ between: [a.id, b.id], routing: key === 'aws+azure' || key === 'azure+alicloud' ? 'static' : 'bgp' });
    }
  }
  return { sites, links };
}

/** Plans `topology` `runs` times in this process; the median time, and the plan's size. */
export function timePlan(topology: Topology, runs: number): { medianMs: number; tunnels: number; full: number } {
  const times: number[] = [];
  let tunnels = 0;
  let full = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const plan = planVpn(topology, { masterSecret: SECRET });
    times.push(performance.now() - start);
    tunnels = plan.tunnels.length;
    full = plan.gateways.filter((g) => g.connectionCount === g.connectionLimit).length;
  }
  times.sort((x, y) => x - y);
  return { medianMs: times[Math.floor(times.length / 2)], tunnels, full };
}

function measure(name: string, topology: Topology, runs: number): void {
  const { medianMs, tunnels, full } = timePlan(topology, runs);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${name.padEnd(44)} ${String(topology.sites.length).padStart(8)} ${String(topology.links.length).padStart(6)} ${String(tunnels).padStart(8)} ${medianMs.toFixed(1).padStart(10)} ${rssMb.toFixed(0).padStart(14)}   ${full}/${topology.sites.length} at their limit`);
}

if (require.main === module) {
  console.log(`${'topology'.padEnd(44)} ${'gateways'.padStart(8)} ${'links'.padStart(6)} ${'tunnels'.padStart(8)} ${'median ms'.padStart(10)} ${'peak RSS (MB)'.padStart(14)}`);
  measure('(a) three-cloud mesh (examples)', readTopology(path.join(__dirname, '..', 'examples', 'topologies', 'three-cloud-mesh.yaml')), 21);
  measure('(b) 100 gateways, each at its limit', hundredGateways(), 7);
  console.log('\npeak RSS is the whole process (Node itself is ~45 MB); targets for (b): < 1000 ms, < 300 MB');
}
