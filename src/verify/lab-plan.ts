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
    return {
      key: s.key, index: i + 1, routerNs: `${prefix}r${i + 1}`, hostNs: `${prefix}h${i + 1}`,
      hostAddress: formatIpv4(base + 1), routerHostAddress: formatIpv4(base + 2),
      networks: [...s.networks], endpoints: mine.map((e) => e.name),
    };
  });
  const namespaces = [`${prefix}inet`, ...labSites.flatMap((s) => [s.routerNs, s.hostNs]), ...endpoints.map((e) => e.ns)];
  return { runId, prefix, inetNs: `${prefix}inet`, sites: labSites, endpoints, tunnels, namespaces };
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
  }
  return out;
}

/**
 * Static routes at each site router for halves without BGP: the prefixes the cloud routes into
 * the tunnel (static routing) or the remote traffic selectors (policy-based), spread over every
 * such endpoint of the site.
 */
export function staticRouterRoutes(plan: LabPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of plan.sites) {
    const via = new Map<string, string[]>();
    for (const e of plan.endpoints.filter((x) => x.site === s.key && x.half.routing !== 'bgp')) {
      const prefixes = e.half.routing === 'policy' ? e.half.remoteTs : e.half.routes;
      for (const p of prefixes) {
        if (p === '0.0.0.0/0') continue;
        if (!via.has(p)) via.set(p, []);
        via.get(p)!.push(e.linkAddress);
      }
    }
    const lines = [...via.entries()].map(([p, hops]) => (hops.length === 1
      ? `route replace ${p} via ${hops[0]} metric 100`
      : `route replace ${p} metric 100 ${hops.map((h) => `nexthop via ${h}`).join(' ')}`));
    if (lines.length) out.set(s.routerNs, lines);
  }
  return out;
}
