/**
 * The data-plane check of healthy tunnels: a ping per network pair through each tunnel, proven
 * to cross it (the routes the lab installed from the output point into it; the CHILD SA byte
 * counters of both halves rise).
 * @internal
 */
import { mapLimit, run, sleep } from '../exec';
import { KernelRoute, LabTunnelSpec, hostAddressFor, routeVia } from '../lab-plan';
import { espDelta } from '../parse';
import type { CheckResult, FailureCode } from '../types';
import { Lab, TunnelOutcome, endpointOf } from './lab';

/**
 * Pings through each healthy tunnel, one per probe (a network behind side 0 → a network behind
 * side 1; without probes, the two sites' first host addresses): each site router must already
 * route the other end's host address to this tunnel's endpoint with the routes the lab installed
 * from the output (static routes, BGP-learned routes; a BGP route gets up to 10 s to arrive from
 * the endpoint) — else `route-missing`, naming the address,
 * the side and the route it has instead; then both routers get a /32 for the two host addresses
 * via this tunnel (so the tunnel under test carries them, not a sibling), the host pings from its
 * address in the source network, and the CHILD SA byte counters of both halves must rise.
 * Tunnels between the same two sites take turns; up to 8 site pairs at a time.
 */
export async function pingAll(lab: Lab, tunnels: readonly LabTunnelSpec[], outcomes: Map<string, TunnelOutcome>, done: (id: string) => void): Promise<void> {
  const pairs = new Map<string, LabTunnelSpec[]>();
  for (const t of tunnels) {
    if (outcomes.get(t.id)?.failure) continue;
    const key = [t.halves[0].site, t.halves[1].site].sort().join(' ');
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key)!.push(t);
  }
  // Every router's table before any /32 is steered (read again before calling a route missing).
  const routes = new RouteTables();
  await mapLimit(lab.plan.sites.map((s) => s.routerNs), 4, (ns) => routes.of(ns));
  await mapLimit([...pairs.values()], 8, async (list) => {
    for (const t of list) {
      const o = outcomes.get(t.id)!;
      const result = await pingThrough(lab, t, routes);
      outcomes.set(t.id, result.ok
        ? { ...o, ping: result }
        : { ...o, ping: result, failure: { code: result.code ?? (result.summary.startsWith('ESP') ? 'esp-not-used' : 'ping-failed'), reason: result.detail ?? result.summary } });
      done(t.id);
    }
  });
}

/** The kernel routes of a namespace (`ip -j route show`); empty when unreadable. */
export async function kernelRoutes(ns: string): Promise<KernelRoute[]> {
  const r = await run('ip', ['-n', ns, '-j', 'route', 'show'], { timeoutMs: 3000 });
  try {
    return r.code === 0 ? (JSON.parse(r.stdout) as KernelRoute[]) : [];
  } catch {
    return [];
  }
}

/**
 * How long a site router may take to learn a BGP tunnel's route from its endpoint once the
 * tunnel's session is up and the endpoint has the peer's routes (the lab waits for that first),
 * before the route counts as missing. Ends as soon as the route is there; CI once saw a healthy
 * tunnel's route arrive after the single re-read this replaces.
 */
const BGP_ROUTE_WAIT_MS = 10_000;

/**
 * Whether a router sends `dest` to `nextHop`, from its table as read before the pings, else read
 * again; a BGP route still on its way from the endpoint's BIRD to the router (iBGP, then the
 * router's kernel table) is waited for up to `waitMs`, reading every 200 ms.
 */
export async function routeInto(table: (fresh: boolean) => Promise<readonly KernelRoute[]>, dest: string, nextHop: string, waitMs: number): Promise<ReturnType<typeof routeVia>> {
  let via = routeVia(await table(false), dest, nextHop);
  if (!via.ok) via = routeVia(await table(true), dest, nextHop);
  for (const end = Date.now() + waitMs; !via.ok && Date.now() < end;) {
    await sleep(200);
    via = routeVia(await table(true), dest, nextHop);
  }
  return via;
}

/** `$1..$6`: router A, /32, next hop, router B, /32, next hop. */
const UNSTEER = 'ip -n "$1" route del "$2" via "$3"; ip -n "$4" route del "$5" via "$6"; exit 0';
/** `$1..$6` as UNSTEER, then host namespace, source, destination: two pings 50 ms apart, 2 s for a reply. */
const STEER_AND_PING = 'ip -n "$1" route replace "$2" via "$3"; ip -n "$4" route replace "$5" via "$6"; '
  + 'ip netns exec "$7" ping -n -q -c 2 -i 0.05 -W 2 -I "$8" "$9"; rc=$?; ip -n "$1" route del "$2" via "$3"; ip -n "$4" route del "$5" via "$6"; exit $rc';

/** Kernel routes per router namespace, read once and again on demand. */
export class RouteTables {
  private readonly tables = new Map<string, Promise<KernelRoute[]>>();

  /** The table of `ns` (read at the first call, or again with `fresh`). */
  public of(ns: string, fresh = false): Promise<KernelRoute[]> {
    if (fresh || !this.tables.has(ns)) this.tables.set(ns, kernelRoutes(ns));
    return this.tables.get(ns)!;
  }
}

async function pingThrough(lab: Lab, t: LabTunnelSpec, routes: RouteTables): Promise<CheckResult & { code?: FailureCode }> {
  const sides = [endpointOf(lab, t, 0), endpointOf(lab, t, 1)] as const;
  const sites = sides.map((rt) => lab.plan.sites.find((s) => s.key === rt.e.site)!);
  const probes = (t.probes?.length ? t.probes.map((p) => ({ net: [p.from, p.to], address: [hostAddressFor(sites[0], p.from), hostAddressFor(sites[1], p.to)] }))
    : t.probes ? [] : [{ net: [sites[0].networks[0], sites[1].networks[0]], address: [sites[0].hostAddress, sites[1].hostAddress] }]);
  if (!probes.length) return { ok: true, summary: '- (no probe)', detail: 'every network pair is a route gap' };
  const before = await Promise.all(sides.map((rt) => lab.childCounters(rt)));
  let sent = 0;
  let received = 0;
  const rtts: number[] = [];
  for (const p of probes) {
    const [from, to] = p.address;
    if (!from || !to) return { ok: false, summary: 'no host', detail: `internal: no test host address in ${p.net.join(' / ')}`, code: 'lab-error' };
    // The routes the lab installed from the output must send each end's address into this tunnel
    // (the table read before the pings; read again before calling a route missing).
    for (const i of [0, 1] as const) {
      const dest = i === 0 ? to : from;
      const ns = sites[i].routerNs;
      const via = await routeInto((fresh) => routes.of(ns, fresh), dest, sides[i].e.linkAddress, t.halves[i].routing === 'bgp' ? BGP_ROUTE_WAIT_MS : 0);
      if (!via.ok) {
        return {
          ok: false, summary: 'route-missing', code: 'route-missing',
          detail: `${t.halves[i].label} has no route into this tunnel for ${p.net[1 - i]} (${dest}): ${via.why}`,
        };
      }
    }
    // Steer the two host addresses into this tunnel (a /32 on each router), ping, un-steer: one
    // spawned shell for the five commands (a spawn blocks the harness; the shell's forks do not).
    const steer = [sites[0].routerNs, `${to}/32`, sides[0].e.linkAddress, sites[1].routerNs, `${from}/32`, sides[1].e.linkAddress];
    const r = await run('sh', ['-c', STEER_AND_PING, 'sh', ...steer, sites[0].hostNs, from, to], { timeoutMs: 10000 });
    if (r.timedOut) await run('sh', ['-c', UNSTEER, 'sh', ...steer], { timeoutMs: 5000 });
    const m = /(\d+) packets transmitted, (\d+) received/.exec(r.stdout);
    const rtt = /= [\d.]+\/([\d.]+)\//.exec(r.stdout)?.[1];
    const s = Number(m?.[1] ?? 2);
    const got = Number(m?.[2] ?? 0);
    sent += s;
    received += got;
    if (rtt) rtts.push(Number(rtt));
    if (got === 0) {
      return { ok: false, summary: `${received}/${sent}`, detail: `no reply from ${to} (${sites[1].key}, ${p.net[1]}) to ${from} (${sites[0].key}, ${p.net[0]}) through this tunnel` };
    }
  }
  const after = await Promise.all(sides.map((rt) => lab.childCounters(rt)));
  const summary = `${received}/${sent}${rtts.length ? ` ${(rtts.reduce((a, b) => a + b, 0) / rtts.length).toFixed(3)} ms` : ''}${probes.length > 1 ? ` (${probes.length} network pairs)` : ''}`;
  const unread = [0, 1].filter((i) => !before[i] || !after[i]).map((i) => t.halves[i].label);
  if (unread.length) return { ok: false, summary: `ESP ${summary}`, detail: `replies arrived but the CHILD SA counters of ${unread.join(' and ')} could not be read (swanctl --list-sas failed 3 times)` };
  // SA by SA: a CHILD SA rekeyed before the ping may be deleted during it, taking its counters.
  const delta = [0, 1].map((i) => espDelta(before[i]!, after[i]!));
  if (delta.some((d) => d.bytesIn <= 0 || d.bytesOut <= 0)) {
    const churn = delta.map((d) => (d.vanished || d.appeared ? ` (${d.vanished} CHILD SA(s) deleted, ${d.appeared} new between the readings)` : ''));
    return { ok: false, summary: `ESP ${summary}`, detail: `replies arrived but the CHILD SA counters did not rise on both halves (${delta.map((d, i) => `+${d.bytesOut} out/+${d.bytesIn} in${churn[i]}`).join(', ')})` };
  }
  return { ok: true, summary, detail: `${probes.map((p) => `${p.net[0]} → ${p.net[1]}`).join(', ')}; ESP bytes ${delta.map((d) => `+${d.bytesOut}/+${d.bytesIn}`).join(' ')}` };
}
