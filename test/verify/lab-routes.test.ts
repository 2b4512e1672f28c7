/**
 * The lab's routing, pure parts (no root): the test host's address in every site network, the
 * static routes the site routers get (exactly the output's, gated by the site's own route
 * tables), the BGP announcements and import filters of the endpoints, the probes per tunnel, and
 * the check that a router's table sends an address into a given tunnel.
 */
import { labNetworks, probesOf } from '../../src/verify';
import { birdImportFilter, endpointBirdConf } from '../../src/verify/daemon-config';
import { hostAddressFor, namespaceCommands, planLab, routeVia, staticRouterRoutes } from '../../src/verify/lab-plan';
import { routeInto } from '../../src/verify/lab/ping';
import { routeGaps } from '../../src/verify/routing';
import type { HalfReach, TunnelHalf } from '../../src/verify/types';

/** A minimal half: only what routing and the lab plan read. */
function half(o: { key: string; site: string; routing: TunnelHalf['routing']; reach?: Partial<HalfReach>; advertise?: string[]; localTs?: string[]; remoteTs?: string[]; cloud?: TunnelHalf['cloud'] }): TunnelHalf {
  const reach: HalfReach | undefined = o.reach ? { serves: [], servesSource: 'test', routes: [], siteRoutes: { kind: 'all', source: 'test' }, ...o.reach } : undefined;
  return {
    key: o.key, cloud: o.cloud ?? 'aws', site: o.site, label: o.key, group: o.key, outsideEndpoint: `${o.key}#out`, outsideAddress: '192.0.2.1',
    peerAddress: '198.51.100.1', peerAddressSource: 'test', localId: 'a', remoteId: 'b', ikeVersion: 2, aggressive: false,
    ikeProposals: ['aes256-sha256-modp2048'], esp: { offers: ['aes256-sha256'], accepts: ['aes256-sha256'] },
    initiation: { initiates: 'always', responds: true, setting: 'test' }, ikeLifetimeSeconds: 28800, childLifetimeSeconds: 3600,
    localTs: o.localTs ?? ['0.0.0.0/0'], remoteTs: o.remoteTs ?? ['0.0.0.0/0'], routing: o.routing,
    inside: { address: '169.254.21.1', peerAddress: '169.254.21.2', prefixLength: 30, source: 'test' },
    bgp: o.routing === 'bgp' ? { localAsn: 64512, peerAsn: 65000, passive: false, holdTimeSeconds: 30, keepaliveSeconds: 10 } : undefined,
    advertise: o.advertise ?? [], routes: reach?.routes.map((r) => r.prefix) ?? [], notes: [], problems: [], resources: [], assumptions: [],
    ...(reach ? { reach } : {}),
  };
}

describe('test hosts in every network of a site', () => {
  // GIVEN an Alibaba-like site with its VPC and a second, disjoint range (policy selectors 10.0.0.0/16 + 100.104.0.0/16)
  const a = half({ key: 'ali', site: 'A', routing: 'policy', reach: { serves: ['10.0.0.0/16', '100.104.0.0/16'], routes: [{ prefix: '192.168.0.0/16', source: 'pbr' }] }, localTs: ['10.0.0.0/16', '100.104.0.0/16'], remoteTs: ['192.168.0.0/16'] });
  const b = half({ key: 'az', site: 'B', cloud: 'azure', routing: 'policy', reach: { serves: ['192.168.0.0/16'], routes: [{ prefix: '10.0.0.0/16', source: 'lng' }, { prefix: '100.104.0.0/16', source: 'lng' }] }, localTs: ['192.168.0.0/16'], remoteTs: ['10.0.0.0/16', '100.104.0.0/16'] });
  const nets = labNetworks('A', ['10.0.0.0/16'], [a, b]);
  const plan = planLab('rt01', [{ key: 'A', networks: nets }, { key: 'B', networks: ['192.168.0.0/16'] }], [{ id: 't1', halves: [a, b], initiator: 0, rekeyer: 0, probes: probesOf([a, b], routeGaps([a, b])) }]);

  test('the site\'s lab networks are its own plus every network its halves serve', () => {
    expect(nets).toEqual(['10.0.0.0/16', '100.104.0.0/16']);
  });

  test('the host has an address in each network; the router reaches the extra ones on the host link', () => {
    const site = plan.sites[0];
    expect(site.hosts).toEqual([{ network: '10.0.0.0/16', address: '10.0.0.1' }, { network: '100.104.0.0/16', address: '100.104.0.1' }]);
    const cmds = namespaceCommands(plan);
    expect(cmds.get(site.hostNs)).toContain('addr add 100.104.0.1/32 dev eth0');
    expect(cmds.get(site.routerNs)).toContain('route add 100.104.0.1/32 dev host');
    expect(hostAddressFor(site, '100.104.0.0/16')).toBe('100.104.0.1');
    expect(hostAddressFor(site, '10.0.1.0/24')).toBeUndefined(); // no host address inside a network the site does not list
  });

  test('one probe from every network behind side 0 to every network behind side 1', () => {
    expect(plan.tunnels[0].probes).toEqual([{ from: '10.0.0.0/16', to: '192.168.0.0/16' }, { from: '100.104.0.0/16', to: '192.168.0.0/16' }]);
  });

  test('a probe whose route is missing on either side is not pinged (it fails as a route gap)', () => {
    const narrow = half({ key: 'az2', site: 'B', cloud: 'azure', routing: 'policy', reach: { serves: ['192.168.0.0/16'], routes: [{ prefix: '10.0.0.0/16', source: 'lng' }] }, localTs: ['192.168.0.0/16'], remoteTs: ['10.0.0.0/16', '100.104.0.0/16'] });
    const gaps = routeGaps([a, narrow]);
    expect(gaps.map((g) => [g.half.key, g.prefix, g.from])).toEqual([['az2', '100.104.0.0/16', '192.168.0.0/16']]);
    expect(probesOf([a, narrow], gaps)).toEqual([{ from: '10.0.0.0/16', to: '192.168.0.0/16' }]);
  });
});

describe('static routes at the site routers: exactly the output\'s', () => {
  const s1 = half({ key: 's1', site: 'A', routing: 'static', reach: { serves: ['10.0.0.0/16'], routes: [{ prefix: '192.168.0.0/16', source: 'r' }] } });
  const s2 = half({ key: 's2', site: 'A', routing: 'static', reach: { serves: ['10.0.0.0/16'], routes: [{ prefix: '192.168.0.0/16', source: 'r' }, { prefix: '172.16.0.0/12', source: 'r' }], siteRoutes: { kind: 'only', prefixes: ['192.168.0.0/16'], source: 'published', missing: '172.16.0.0/12 not published' } } });
  const peer1 = half({ key: 'p1', site: 'B', routing: 'static', reach: { serves: ['192.168.0.0/16'], routes: [] } });
  const peer2 = half({ key: 'p2', site: 'B', routing: 'static', reach: { serves: ['192.168.0.0/16'], routes: [] } });
  const plan = planLab('rt02', [{ key: 'A', networks: ['10.0.0.0/16'] }, { key: 'B', networks: ['192.168.0.0/16'] }], [
    { id: 't1', halves: [s1, peer1], initiator: 0, rekeyer: 0 },
    { id: 't2', halves: [s2, peer2], initiator: 0, rekeyer: 0 },
  ]);

  test('a prefix two tunnels route is multipath; one the site does not publish is not installed; a peer with no routes gets none', () => {
    const routes = staticRouterRoutes(plan);
    expect(routes.get(plan.sites[0].routerNs)).toEqual(['route replace 192.168.0.0/16 metric 100 nexthop via 10.0.0.6 nexthop via 10.0.0.10']);
    expect(routes.get(plan.sites[1].routerNs)).toBeUndefined();
  });

  test('routeVia: the longest covering prefix must name this tunnel\'s endpoint', () => {
    const table = [
      { dst: '10.0.0.0/30', gateway: undefined },
      { dst: '192.168.0.0/16', metric: 100, nexthops: [{ gateway: '10.0.0.6' }, { gateway: '10.0.0.10' }] },
      { dst: '192.168.5.0/24', gateway: '10.0.0.14', metric: 32 },
    ];
    expect(routeVia(table, '192.168.0.1', '10.0.0.10')).toEqual({ ok: true, route: '192.168.0.0/16 via 10.0.0.6, 10.0.0.10' });
    expect(routeVia(table, '192.168.5.1', '10.0.0.10')).toEqual({ ok: false, why: 'its route for 192.168.5.1 is 192.168.5.0/24 via 10.0.0.14, not this tunnel (10.0.0.10)' });
    expect(routeVia(table, '172.16.0.1', '10.0.0.10')).toEqual({ ok: false, why: 'no route covers 172.16.0.1' });
  });
});

describe('BGP endpoints announce exactly what the cloud announces and import what it accepts', () => {
  const opts = { logFile: '/w/bird.log', routerId: '10.0.0.6', linkAddress: '10.0.0.6', routerAddress: '10.0.0.5', timers: { holdSeconds: 30, keepaliveSeconds: 10 }, bfd: false };

  test('the announcement is a static protocol of the half\'s advertise list, exported over the tunnel only', () => {
    const h = half({ key: 'b1', site: 'A', routing: 'bgp', advertise: ['10.0.1.0/24', '10.0.2.0/24'], reach: { serves: ['10.0.1.0/24', '10.0.2.0/24'] } });
    const conf = endpointBirdConf(h, opts);
    expect(conf).toContain('protocol static adv { ipv4; route 10.0.1.0/24 blackhole; route 10.0.2.0/24 blackhole; }');
    expect(conf).toMatch(/protocol bgp tun \{[^]*?ipv4 \{ import all; export where proto = "adv"; \};/s);
    expect(conf).toMatch(/protocol bgp vpc \{[^]*ipv4 \{ import none; export where proto = "tun"; next hop self; \};/);
  });

  test('refused prefixes are filtered on import (exact, or everything overlapping)', () => {
    expect(birdImportFilter(half({ key: 'x', site: 'A', routing: 'bgp', reach: { rejects: [{ prefix: '10.20.0.0/16', match: 'exact', rule: 'r' }] } }))).toBe('import where !(net ~ [ 10.20.0.0/16 ]);');
    expect(birdImportFilter(half({ key: 'x', site: 'A', routing: 'bgp', reach: { rejects: [{ prefix: '10.10.0.0/16', match: 'overlap', rule: 'r' }] } }))).toBe('import where !(net ~ [ 10.10.0.0/16+, 10.10.0.0/16- ]);');
  });

  test('a site whose route tables do not take the gateway\'s routes (no VGW propagation) does not learn the tunnel\'s routes', () => {
    const h = half({ key: 'b2', site: 'A', routing: 'bgp', advertise: ['10.10.0.0/16'], reach: { serves: ['10.10.0.0/16'], siteRoutes: { kind: 'only', prefixes: [], source: 's', missing: 'no propagation' } } });
    expect(endpointBirdConf(h, opts)).toMatch(/protocol bgp vpc \{[^]*ipv4 \{ import none; export none; \};/);
  });
});

describe('routeInto: a router table read before the pings, then again, then (BGP) until the route arrives', () => {
  const via = { dst: '10.20.0.0/16', gateway: '10.255.0.2' };
  /** A table with no route for its first `late` reads, then with `via`. */
  function lateTable(late: number) {
    let reads = 0;
    const table = async (_fresh: boolean) => (++reads > late ? [via] : []);
    return { table, reads: () => reads };
  }

  test('a route present at the first read: one read', async () => {
    const t = lateTable(0);
    expect(await routeInto(t.table, '10.20.0.1', '10.255.0.2', 0)).toEqual({ ok: true, route: '10.20.0.0/16 via 10.255.0.2' });
    expect(t.reads()).toBe(1);
  });

  test('a BGP route that reaches the router after both reads is waited for (CI saw one arrive late)', async () => {
    const t = lateTable(4);
    expect(await routeInto(t.table, '10.20.0.1', '10.255.0.2', 10_000)).toMatchObject({ ok: true });
    expect(t.reads()).toBe(5);
  });

  test('without a wait (static routing: the lab installed the routes itself), two reads decide', async () => {
    const t = lateTable(4);
    expect(await routeInto(t.table, '10.20.0.1', '10.255.0.2', 0)).toEqual({ ok: false, why: 'no route covers 10.20.0.1' });
    expect(t.reads()).toBe(2);
  });

  test('a route that never comes, or points elsewhere, is missing once the wait is over', async () => {
    const started = Date.now();
    expect(await routeInto(async () => [via], '10.20.0.1', '10.255.0.9', 500)).toEqual({ ok: false, why: 'its route for 10.20.0.1 is 10.20.0.0/16 via 10.255.0.2, not this tunnel (10.255.0.9)' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});
