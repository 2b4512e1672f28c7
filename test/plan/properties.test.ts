import * as fc from 'fast-check';
import {
  Cloud, GATEWAY_KINDS, LinkSpec, PlanError, SiteSpec, Topology, VpnPlan, algorithmProblem, insideCidrProblem, lifetimeProblem, planVpn, pskProblem,
} from '../../src/plan';
import { TEST_SECRET } from './fixtures';

const clouds: Cloud[] = ['aws', 'azure', 'alicloud'];

const siteArb = (index: number): fc.Arbitrary<SiteSpec> => fc.record({
  cloud: fc.constantFrom(...clouds),
  kindPick: fc.nat(1),
  net: fc.integer({ min: 0, max: 40 }),
  asn: fc.option(fc.constantFrom(64512, 65000, 65010, 65515, 45104, 4200000001, 16509, 64600), { freq: 3 }),
  badKind: fc.boolean().map((b) => b && Math.random() < 0.05),
}).map(({ cloud, kindPick, net, asn, badKind }) => ({
  id: `s${index}`,
  cloud,
  gateway: badKind ? 'nonsense' as never : GATEWAY_KINDS[cloud][kindPick],
  cidrs: [`10.${net}.0.0/16`],
  ...(asn === null ? {} : { asn }),
}));

const linkArb = (n: number): fc.Arbitrary<LinkSpec> => fc.record({
  a: fc.nat(n - 1),
  b: fc.nat(n - 1),
  routing: fc.constantFrom('bgp', 'bgp', 'static', 'policy'),
  layout: fc.constantFrom('all', 'minimal'),
  pin: fc.option(fc.constantFrom('169.254.21.0/30', '169.254.22.4/30', '169.254.40.0/30', '169.254.5.0/30', '169.254.21.1/30'), { freq: 4 }),
}).map(({ a, b, routing, layout, pin }) => ({
  between: [`s${a}`, `s${b}`] as const,
  routing: routing as LinkSpec['routing'],
  layout: layout as LinkSpec['layout'],
  ...(pin === null ? {} : { tunnels: [{ insideCidr: pin }] }),
}));

const topologyArb: fc.Arbitrary<Topology> = fc.integer({ min: 2, max: 7 }).chain((n) => fc.record({
  sites: fc.tuple(...Array.from({ length: n }, (_, i) => siteArb(i))),
  links: fc.array(linkArb(n), { maxLength: 8 }),
}));

/** Topologies that plan: distinct networks, links only across clouds, each pair once, within every limit (at most 5 links a gateway). */
const validTopologyArb: fc.Arbitrary<Topology> = fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(
  fc.tuple(...Array.from({ length: n }, () => fc.tuple(fc.constantFrom(...clouds), fc.nat(1)))),
  fc.infiniteStream(fc.tuple(fc.constantFrom('bgp', 'static', 'policy'), fc.constantFrom('all', 'minimal'))),
  fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }),
)).map(([kinds, options, picks]) => {
  const sites: SiteSpec[] = kinds.map(([cloud, k], i) => ({ id: `s${i}`, cloud, gateway: GATEWAY_KINDS[cloud][k], cidrs: [`10.${i}.0.0/16`] }));
  const links: LinkSpec[] = [];
  for (let i = 0; i < sites.length; i++) {
    for (let j = i + 1; j < sites.length; j++) {
      if (sites[i].cloud === sites[j].cloud || !picks[i * sites.length + j]) continue;
      const [routing, layout] = options.next().value;
      links.push({ between: [sites[i].id, sites[j].id], routing: routing as LinkSpec['routing'], layout: layout as LinkSpec['layout'] });
    }
  }
  return { sites, links };
});

/** Every invariant a plan must meet; returns the first broken one. */
function brokenInvariant(plan: VpnPlan): string | undefined {
  const byGateway = new Map<string, Set<string>>();
  const azure = new Set<string>();
  for (const t of plan.tunnels) {
    const tunnelClouds = t.ends.map((e) => e.cloud);
    for (const cloud of tunnelClouds) if (pskProblem(cloud, t.presharedKey.reveal())) return `${t.id}: key rejected by ${cloud}`;
    if (t.insideCidr) {
      const problem = insideCidrProblem(tunnelClouds, t.insideCidr);
      if (problem) return `${t.id}: ${problem}`;
      const base = t.insideCidr.split('/')[0].split('.').map(Number);
      const hosts = [1, 2].map((h) => [...base.slice(0, 3), base[3] + h].join('.'));
      if ([...t.ends.map((e) => e.insideAddress)].sort().join() !== hosts.sort().join()) return `${t.id}: inside addresses are not the two hosts`;
      for (const e of t.ends) {
        const used = byGateway.get(e.site) ?? new Set();
        if (used.has(t.insideCidr)) return `${t.id}: ${t.insideCidr} reused on ${e.site}`;
        used.add(t.insideCidr);
        byGateway.set(e.site, used);
      }
      if (tunnelClouds.includes('azure')) {
        if (azure.has(t.insideCidr)) return `${t.id}: ${t.insideCidr} reused across Azure`;
        azure.add(t.insideCidr);
      }
    }
    if (t.routing === 'bgp') {
      const [x, y] = t.ends;
      if (x.asn !== y.peerAsn || y.asn !== x.peerAsn || x.asn === y.asn) return `${t.id}: ASNs do not mirror`;
    }
    for (const e of t.ends) {
      const p = e.proposal;
      const problems = [
        algorithmProblem(e.cloud, 'phase1', 'encryption', p.phase1.encryption), algorithmProblem(e.cloud, 'phase1', 'integrity', p.phase1.integrity),
        algorithmProblem(e.cloud, 'phase1', 'dhGroup', p.phase1.dhGroup), algorithmProblem(e.cloud, 'phase2', 'encryption', p.phase2.encryption),
        algorithmProblem(e.cloud, 'phase2', 'dhGroup', p.phase2.pfsGroup), lifetimeProblem(e.cloud, 'phase1', p.phase1.lifetimeSeconds),
        lifetimeProblem(e.cloud, 'phase2', p.phase2.lifetimeSeconds),
      ].filter(Boolean);
      if (problems.length) return `${t.id} (${e.cloud}): ${problems[0]}`;
      if (p.phase2.lifetimeSeconds >= p.phase1.lifetimeSeconds) return `${t.id}: phase 2 outlives phase 1`;
    }
  }
  for (const g of plan.gateways) if (g.connectionCount > g.connectionLimit) return `${g.site}: over its limit`;
  return undefined;
}

function tryPlan(t: Topology, previous?: VpnPlan['allocations']): VpnPlan | PlanError {
  try {
    return planVpn(t, { masterSecret: TEST_SECRET, previous });
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e; // anything else is a crash: the property fails
  }
}

describe('planner properties', () => {
  test('random topologies give a plan that meets every invariant, or a PlanError — never another exception', () => {
    fc.assert(fc.property(topologyArb, (t) => {
      const result = tryPlan(t);
      if (result instanceof PlanError) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) expect(issue.path).toBeTruthy();
      } else {
        expect(brokenInvariant(result)).toBeUndefined();
      }
    }), { numRuns: 400 });
  });

  test('same input gives the same plan', () => {
    fc.assert(fc.property(topologyArb, (t) => {
      const a = tryPlan(t);
      const b = tryPlan(t);
      expect(a instanceof PlanError ? a.message : JSON.stringify(a)).toBe(b instanceof PlanError ? b.message : JSON.stringify(b));
    }), { numRuns: 150 });
  });

  test('valid topologies always plan', () => {
    fc.assert(fc.property(validTopologyArb, (t) => {
      const result = tryPlan(t);
      expect(result instanceof PlanError ? result.message : brokenInvariant(result)).toBeUndefined();
    }), { numRuns: 200 });
  });

  test('adding a site and a link changes no existing tunnel', () => {
    fc.assert(fc.property(validTopologyArb, fc.constantFrom(...clouds), fc.nat(6), (t, cloud, peerPick) => {
      const before = tryPlan(t);
      fc.pre(!(before instanceof PlanError) && t.sites.length > 0);
      const plan = before as VpnPlan;
      const peer = t.sites[peerPick % t.sites.length];
      fc.pre(peer.cloud !== cloud);
      const grown: Topology = {
        sites: [...t.sites, { id: 'new-site', cloud, cidrs: ['172.16.0.0/16'] }],
        links: [...t.links, { between: ['new-site', peer.id] }],
      };
      const after = tryPlan(grown, plan.allocations);
      fc.pre(!(after instanceof PlanError));
      const tunnelsAfter = new Map((after as VpnPlan).tunnels.map((x) => [x.id, JSON.stringify(x)]));
      for (const tunnel of plan.tunnels) expect(tunnelsAfter.get(tunnel.id)).toBe(JSON.stringify(tunnel));
      // and the new tunnels key differently from every old one
      const oldKeys = new Set(plan.tunnels.map((x) => x.presharedKey.fingerprint));
      for (const x of (after as VpnPlan).tunnels.filter((y) => y.link.includes('new-site'))) expect(oldKeys.has(x.presharedKey.fingerprint)).toBe(false);
    }), { numRuns: 200 });
  });

  test('removing a link changes no other tunnel', () => {
    fc.assert(fc.property(validTopologyArb, fc.nat(7), (t, drop) => {
      const before = tryPlan(t);
      fc.pre(!(before instanceof PlanError) && t.links.length > 1);
      const removed = t.links[drop % t.links.length];
      const after = tryPlan({ sites: t.sites, links: t.links.filter((l) => l !== removed) }, (before as VpnPlan).allocations);
      fc.pre(!(after instanceof PlanError));
      const tunnelsBefore = new Map((before as VpnPlan).tunnels.map((x) => [x.id, JSON.stringify(x)]));
      for (const tunnel of (after as VpnPlan).tunnels) expect(JSON.stringify(tunnel)).toBe(tunnelsBefore.get(tunnel.id));
    }), { numRuns: 200 });
  });
});
