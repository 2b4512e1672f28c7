/**
 * The lab's layout, decided before anything is created (pure, unit-tested without root).
 *
 * ```
 *  host h1 ── router r1 ──┬── e1 ═══ tunnel t1 ═══ e2 ──┬── router r2 ── host h2
 *  (site 1's first        ├── e3 ═══ tunnel t2 ═══ e4 ──┤   (site 2)
 *   usable address)       │                             │
 *                         └───── outside: netns "inet" routes e1..eN to each other
 * ```
 *
 * - one namespace per tunnel half (`e<n>`): charon with kernel-libipsec (inside addresses on
 *   `ipsec0`), and BIRD for BGP tunnels; `eth0` toward "inet" holds the half's symbolic outside
 *   address, `eth1` toward its site router;
 * - "inet" forwards between the halves only: a half's outside address may be shared by several
 *   tunnels (an Azure instance or Alibaba gateway IP answers many peers), so "inet" picks the
 *   namespace by (source, destination) with one policy rule per half;
 * - one router (`r<n>`) and one test host (`h<n>`) per site, addressed inside the site's own first
 *   network: host = first usable address, router = second, then a /30 per endpoint link.
 *
 * Nothing routes out of the lab: no namespace is linked to the host's own, and only
 * documentation-range outside addresses and the sites' own networks are used.
 * @internal
 */
import { formatIpv4, parseCidr } from '../common/cidr';
import type { TunnelHalf } from './types';

/** One tunnel the lab brings up. */
export interface LabTunnelSpec {
  readonly id: string;
  readonly halves: readonly [TunnelHalf, TunnelHalf];
  /** Which half starts IKE. */
  readonly initiator: 0 | 1;
  /** Which half rekeys the CHILD SA first (shorter lifetime). */
  readonly rekeyer: 0 | 1;
  /**
   * Pings through this tunnel: from a host address in network `from` (behind side 0) to one in
   * `to` (behind side 1). Empty or absent: the two sites' first host addresses.
   */
  readonly probes?: readonly { readonly from: string; readonly to: string }[];
}

/** One site in the lab. */
export interface LabSiteSpec {
  readonly key: string;
  readonly networks: readonly string[];
}

export interface LabEndpoint {
  /** Short name: namespace suffix and interface name on the "inet" and router sides. */
  readonly name: string;
  readonly ns: string;
  readonly tunnel: string;
  readonly side: 0 | 1;
  readonly half: TunnelHalf;
  readonly site: string;
  /** MAC of `eth0` in the endpoint and of its peer interface in "inet". */
  readonly mac: string;
  readonly inetMac: string;
  /** Endpoint side of the link to the router, and the router side. */
  readonly linkAddress: string;
  readonly routerAddress: string;
  /** Routing table / rule priority of this half in "inet". */
  readonly inetTable: number;
}

export interface LabSite {
  readonly key: string;
  readonly index: number;
  readonly routerNs: string;
  readonly hostNs: string;
  readonly hostAddress: string;
  /** The test host's address in each of the site's networks (`hostAddress` where it lies in one). */
  readonly hosts: readonly { readonly network: string; readonly address: string }[];
  readonly routerHostAddress: string;
  readonly networks: readonly string[];
  readonly endpoints: readonly string[];
}

export interface LabPlan {
  readonly runId: string;
  readonly prefix: string;
  readonly inetNs: string;
  readonly sites: readonly LabSite[];
  readonly endpoints: readonly LabEndpoint[];
  readonly tunnels: readonly LabTunnelSpec[];
  /** Every namespace of the run, in creation order. */
  readonly namespaces: readonly string[];
}

function inCidr(address: string, network: number, prefixLength: number): boolean {
  const a = address.split('.').reduce((acc, x) => ((acc << 8) | Number(x)) >>> 0, 0);
  const mask = prefixLength === 0 ? 0 : (~0 << (32 - prefixLength)) >>> 0;
  return ((a & mask) >>> 0) === network;
}

const mac = (kind: number, n: number) => `02:cc:00:${kind.toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`;

/** Lays the lab out; throws when a site's network has no room for its links. */
export function planLab(runId: string, sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[]): LabPlan {
  if (!/^[a-z0-9]{1,6}$/.test(runId)) throw new Error(`internal: run id '${runId}' must be 1-6 lowercase letters or digits`);
  const prefix = `cv${runId}-`;
  const endpoints: LabEndpoint[] = [];
  const perSite = new Map<string, LabEndpoint[]>();
  for (const s of sites) perSite.set(s.key, []);
  let n = 0;
  for (const t of tunnels) {
    t.halves.forEach((half, side) => {
      n++;
      const list = perSite.get(half.site);
      if (!list) throw new Error(`internal: half ${half.key} belongs to unknown site ${half.site}`);
      const name = `e${n}`;
      endpoints.push({
        name, ns: `${prefix}${name}`, tunnel: t.id, side: side as 0 | 1, half, site: half.site,
        mac: mac(1, n), inetMac: mac(2, n),
        linkAddress: '', routerAddress: '', inetTable: 1000 + n,
      });
      list.push(endpoints[endpoints.length - 1]);
    });
  }
  const labSites: LabSite[] = sites.map((s, i) => {
    const network = s.networks.map((c) => parseCidr(c)).find((p) => p.ok);
    if (!network || !network.ok) throw new Error(`site ${s.key} has no usable IPv4 network for its test host`);
    const mine = perSite.get(s.key)!;
    const size = 2 ** (32 - network.cidr.prefixLength);
    if (size < 4 * (mine.length + 1)) {
      throw new Error(`site ${s.key}: network ${network.cidr.text} is too small for a test host and ${mine.length} tunnel link(s) (/30 each)`);
    }
    const base = network.cidr.network;
    mine.forEach((e, k) => {
      const idx = endpoints.indexOf(e);
      endpoints[idx] = { ...e, routerAddress: formatIpv4(base + 4 * (k + 1) + 1), linkAddress: formatIpv4(base + 4 * (k + 1) + 2) };
    });
    const hostAddress = formatIpv4(base + 1);
    const taken = new Set([base + 2, ...mine.flatMap((_e, k) => [base + 4 * (k + 1) + 1, base + 4 * (k + 1) + 2])]);
    return {
      key: s.key, index: i + 1, routerNs: `${prefix}r${i + 1}`, hostNs: `${prefix}h${i + 1}`,
      hostAddress, hosts: s.networks.map((n) => ({ network: n, address: hostIn(n, base + 1, taken) })).filter((h): h is { network: string; address: string } => !!h.address),
      routerHostAddress: formatIpv4(base + 2),
      networks: [...s.networks], endpoints: mine.map((e) => e.name),
    };
  });
  const namespaces = [`${prefix}inet`, ...labSites.flatMap((s) => [s.routerNs, s.hostNs]), ...endpoints.map((e) => e.ns)];
  return { runId, prefix, inetNs: `${prefix}inet`, sites: labSites, endpoints, tunnels, namespaces };
}

/** The test host's address in `network`: the primary one when it lies inside, else the network's first free address. */
function hostIn(network: string, primary: number, taken: ReadonlySet<number>): string | undefined {
  const p = parseCidr(network);
  if (!p.ok) return undefined;
  const { network: base, prefixLength } = p.cidr;
  if (inCidr(formatIpv4(primary), base, prefixLength)) return formatIpv4(primary);
  const size = 2 ** (32 - prefixLength);
  for (let a = size > 2 ? base + 1 : base; a < base + size; a++) if (!taken.has(a)) return formatIpv4(a);
  return undefined;
}

/** The host address of a site in the network that covers `network` best (exact first, then the narrowest). */
export function hostAddressFor(site: LabSite, network: string): string | undefined {
  const exact = site.hosts.find((h) => h.network === network);
  if (exact) return exact.address;
  const p = parseCidr(network);
  if (!p.ok) return undefined;
  return site.hosts.find((h) => inCidr(h.address, p.cidr.network, p.cidr.prefixLength))?.address;
}

/** `ip -batch` lines that create the veth pairs, each end directly in its namespace. */
export function linkCommands(plan: LabPlan): string[] {
  const lines: string[] = [];
  for (const e of plan.endpoints) {
    const site = plan.sites.find((s) => s.key === e.site)!;
    lines.push(`link add name ${e.name} netns ${plan.inetNs} address ${e.inetMac} type veth peer name eth0 netns ${e.ns} address ${e.mac}`);
    lines.push(`link add name ${e.name} netns ${site.routerNs} type veth peer name eth1 netns ${e.ns}`);
  }
  for (const s of plan.sites) lines.push(`link add name host netns ${s.routerNs} type veth peer name eth0 netns ${s.hostNs}`);
  return lines;
}

/** Per-namespace `ip -batch` lines (addresses, routes, neighbours), keyed by namespace. */
export function namespaceCommands(plan: LabPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (ns: string, line: string) => {
    if (!out.has(ns)) out.set(ns, ['link set lo up']);
    out.get(ns)!.push(line);
  };
  for (const e of plan.endpoints) {
    const h = e.half;
    const site = plan.sites.find((s) => s.key === e.site)!;
    // The endpoint: outside address on eth0, a host route and a fixed neighbour for its one peer.
    add(e.ns, `addr add ${h.outsideAddress}/32 dev eth0`);
    add(e.ns, 'link set eth0 up');
    add(e.ns, `route add ${h.peerAddress}/32 dev eth0 src ${h.outsideAddress}`);
    add(e.ns, `neigh replace ${h.peerAddress} lladdr ${e.inetMac} dev eth0 nud permanent`);
    add(e.ns, `addr add ${e.linkAddress}/30 dev eth1`);
    add(e.ns, 'link set eth1 up');
    // kernel-libipsec routes a policy only with a local address inside its local selector:
    // one (the selector's last usable address) for each selector the link address is not in.
    for (const ts of h.localTs) {
      const p = parseCidr(ts);
      if (!p.ok || p.cidr.prefixLength === 0 || p.cidr.prefixLength > 30 || inCidr(e.linkAddress, p.cidr.network, p.cidr.prefixLength)) continue;
      add(e.ns, `addr add ${formatIpv4(p.cidr.network + 2 ** (32 - p.cidr.prefixLength) - 2)}/32 dev lo`);
    }
    for (const n of site.networks) add(e.ns, `route add ${n} via ${e.routerAddress} metric 1000`);
    // "inet": deliver (peer -> outside) to this endpoint only.
    add(plan.inetNs, `link set ${e.name} up`);
    add(plan.inetNs, `route add ${h.outsideAddress}/32 dev ${e.name} table ${e.inetTable}`);
    add(plan.inetNs, `neigh replace ${h.outsideAddress} lladdr ${e.mac} dev ${e.name} nud permanent`);
    add(plan.inetNs, `rule add from ${h.peerAddress}/32 to ${h.outsideAddress}/32 lookup ${e.inetTable} priority ${e.inetTable}`);
    // The router side of the endpoint link.
    add(site.routerNs, `addr add ${e.routerAddress}/30 dev ${e.name}`);
    add(site.routerNs, `link set ${e.name} up`);
  }
  for (const s of plan.sites) {
    add(s.routerNs, `addr add ${s.routerHostAddress}/30 dev host`);
    add(s.routerNs, 'link set host up');
    add(s.hostNs, `addr add ${s.hostAddress}/30 dev eth0`);
    add(s.hostNs, 'link set eth0 up');
    add(s.hostNs, `route add default via ${s.routerHostAddress}`);
    // The host's addresses in the site's other networks (a site may have several).
    for (const a of new Set(s.hosts.map((h) => h.address))) {
      if (a === s.hostAddress) continue;
      add(s.hostNs, `addr add ${a}/32 dev eth0`);
      add(s.routerNs, `route add ${a}/32 dev host`);
    }
  }
  return out;
}

/**
 * Static routes at each site router for halves without BGP: exactly the prefixes the output has
 * the cloud route into the tunnel (`reach.routes`: AWS VPN connection / transit gateway routes,
 * Azure local network gateway prefixes, Alibaba route entries), and only where the site's own
 * route tables send them to the gateway (`reach.siteRoutes`); spread over every such endpoint of
 * the site. A half without `reach` (no routing read) falls back to its `routes` or, policy-based,
 * its remote selectors.
 */
export function staticRouterRoutes(plan: LabPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of plan.sites) {
    const via = new Map<string, string[]>();
    for (const e of plan.endpoints.filter((x) => x.site === s.key)) {
      const h = e.half;
      let prefixes: readonly string[];
      if (h.reach) {
        const sr = h.reach.siteRoutes;
        prefixes = h.reach.routes.map((r) => r.prefix).filter((p) => sr.kind === 'all' || sr.prefixes.some((q) => coversCidr(q, p)));
      } else {
        prefixes = h.routing === 'bgp' ? [] : h.routing === 'policy' ? h.remoteTs : h.routes;
      }
      for (const p of prefixes) {
        if (p === '0.0.0.0/0') continue;
        if (!via.has(p)) via.set(p, []);
        if (!via.get(p)!.includes(e.linkAddress)) via.get(p)!.push(e.linkAddress);
      }
    }
    const lines = [...via.entries()].map(([p, hops]) => (hops.length === 1
      ? `route replace ${p} via ${hops[0]} metric 100`
      : `route replace ${p} metric 100 ${hops.map((h) => `nexthop via ${h}`).join(' ')}`));
    if (lines.length) out.set(s.routerNs, lines);
  }
  return out;
}

function coversCidr(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o.ok && i.ok && i.cidr.prefixLength >= o.cidr.prefixLength && inCidr(formatIpv4(i.cidr.network), o.cidr.network, o.cidr.prefixLength);
}

/** One kernel route as `ip -j route show` prints it. */
export interface KernelRoute {
  readonly dst: string;
  readonly gateway?: string;
  readonly metric?: number;
  readonly nexthops?: readonly { readonly gateway?: string }[];
}

/**
 * Whether a router's table sends `address` to `nextHop`: the longest prefix covering the address
 * (lowest metric among equals) must have it as gateway or among its nexthops. Returns the route
 * used, or why not.
 */
export function routeVia(routes: readonly KernelRoute[], address: string, nextHop: string): { ok: true; route: string } | { ok: false; why: string } {
  const covering = routes.map((r) => ({ r, p: parseCidr(r.dst === 'default' ? '0.0.0.0/0' : r.dst.includes('/') ? r.dst : `${r.dst}/32`) }))
    .filter((x) => x.p.ok && inCidr(address, x.p.cidr.network, x.p.cidr.prefixLength));
  if (!covering.length) return { ok: false, why: `no route covers ${address}` };
  const best = covering.sort((a, b) => (b.p.ok && a.p.ok ? b.p.cidr.prefixLength - a.p.cidr.prefixLength : 0) || (a.r.metric ?? 0) - (b.r.metric ?? 0))[0].r;
  const hops = [best.gateway, ...(best.nexthops ?? []).map((n) => n.gateway)].filter((g): g is string => !!g);
  if (hops.includes(nextHop)) return { ok: true, route: `${best.dst} via ${hops.join(', ')}` };
  return { ok: false, why: `its route for ${address} is ${best.dst}${hops.length ? ` via ${hops.join(', ')}` : ' (no next hop)'}, not this tunnel (${nextHop})` };
}
