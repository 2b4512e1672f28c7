/**
 * Random topologies for the planner's property tests and its golden plans: any shape (valid or
 * not, to prove a plan or a clear error) and shapes that always plan. Deterministic for a given
 * fast-check seed (no `Math.random`), so `fc.sample(arb, { seed })` replays the same topologies.
 */
import * as fc from 'fast-check';
import { Cloud, GATEWAY_KINDS, LinkSpec, SiteSpec, Topology } from '../../src/plan';

export const clouds: Cloud[] = ['aws', 'azure', 'alicloud'];

const siteArb = (index: number): fc.Arbitrary<SiteSpec> => fc.record({
  cloud: fc.constantFrom(...clouds),
  kindPick: fc.nat(1),
  net: fc.integer({ min: 0, max: 40 }),
  asn: fc.option(fc.constantFrom(64512, 65000, 65010, 65515, 45104, 4200000001, 16509, 64600), { freq: 3 }),
  // one site in 40 names a gateway kind no cloud has
  badKind: fc.integer({ min: 0, max: 39 }).map((n) => n === 0),
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

/** Any topology of 2-7 sites and up to 8 links: often invalid (same-cloud links, reserved ASNs, bad pins). */
export const topologyArb: fc.Arbitrary<Topology> = fc.integer({ min: 2, max: 7 }).chain((n) => fc.record({
  sites: fc.tuple(...Array.from({ length: n }, (_, i) => siteArb(i))),
  links: fc.array(linkArb(n), { maxLength: 8 }),
}));

/** Topologies that plan: distinct networks, links only across clouds, each pair once, within every limit (at most 5 links a gateway). */
export const validTopologyArb: fc.Arbitrary<Topology> = fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(
  fc.tuple(...Array.from({ length: n }, () => fc.tuple(fc.constantFrom(...clouds), fc.nat(1)))),
  fc.infiniteStream(fc.tuple(fc.constantFrom('bgp', 'static', 'policy'), fc.constantFrom('all', 'minimal'))),
  fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }),
)).map(([kinds, options, picks]) => {
  // Azure sites on VpnGw5AZ: 5 links to AWS gateways use up to 40 S2S tunnels (2 per active-active connection).
  const sites: SiteSpec[] = kinds.map(([cloud, k], i) => ({
    id: `s${i}`, cloud, gateway: GATEWAY_KINDS[cloud][k], cidrs: [`10.${i}.0.0/16`], ...(cloud === 'azure' ? { sku: 'VpnGw5AZ' } : {}),
  }));
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

/**
 * Pins of lifetimes and inside /30s on a link between two sites of any clouds and kinds: each
 * value drawn from ones in and out of every cloud's range, so every lifetime and inside-CIDR
 * rule (and its error) is reached.
 */
export const pinnedLinkArb: fc.Arbitrary<Topology> = fc.record({
  x: fc.tuple(fc.constantFrom(...clouds), fc.nat(1)),
  y: fc.tuple(fc.constantFrom(...clouds), fc.nat(1)),
  routing: fc.constantFrom('bgp', 'static', 'policy'),
  layout: fc.constantFrom('all', 'minimal'),
  p1: fc.option(fc.constantFrom(0, 600, 900, 3600, 27000, 28800, 30000, 86400, 90000, 1.5), { freq: 2 }),
  p2: fc.option(fc.constantFrom(0, 299, 300, 900, 3600, 4000, 27000, 28800, 172800), { freq: 2 }),
  pins: fc.array(fc.constantFrom('169.254.21.0/30', '169.254.22.4/30', '169.254.40.0/30', '169.254.5.0/30', '169.254.6.0/30', '169.254.21.1/30', '169.254.21.0/29', '10.0.0.0/30', 'nonsense', '169.254.169.252/30'), { maxLength: 5 }),
}).map(({ x, y, routing, layout, p1, p2, pins }) => {
  const [cx, kx] = x;
  const [cy, ky] = cx === y[0] ? [clouds[(clouds.indexOf(cx) + 1) % clouds.length], y[1]] : y;
  const proposal = {
    ...(p1 === null ? {} : { phase1: { lifetimeSeconds: p1 } }),
    ...(p2 === null ? {} : { phase2: { lifetimeSeconds: p2 } }),
  };
  return {
    sites: [
      { id: 'x', cloud: cx, gateway: GATEWAY_KINDS[cx][kx], cidrs: ['10.1.0.0/16'] },
      { id: 'y', cloud: cy, gateway: GATEWAY_KINDS[cy][ky], cidrs: ['10.2.0.0/16'] },
    ],
    links: [{
      between: ['x', 'y'] as const, routing: routing as LinkSpec['routing'], layout: layout as LinkSpec['layout'],
      proposal, tunnels: pins.map((insideCidr) => ({ insideCidr })),
    }],
  };
});
