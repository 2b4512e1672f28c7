/**
 * Routing, read from the synthesized resources only: for each tunnel half, the networks behind it
 * that its peer must reach (`serves`), what its cloud routes into the tunnel (static routes,
 * policy routes, or what it accepts of the peer's BGP announcement), what it announces over BGP
 * (`advertise`), and whether the cloud's own networks send traffic for the tunnel to the gateway
 * at all (`siteRoutes`: VGW route propagation, Alibaba route publishing). Then, per tunnel, every
 * remote network no route covers (`routeGaps`): verify fails those with `route-missing`.
 *
 * Sources (each rule below cites one of these):
 * Each cloud's rules, with their sources, are in `clouds/<cloud>/routing.ts` (the registry's
 * `routing`); the gap check here is the same for every cloud.
 */
import { VERIFY_CLOUDS } from './clouds';
import type { Deployment, Resolver } from './read-output';
import { covers, type HalfRouting, isAny, overlap } from './route-rules';
import type { Assumption, HalfReach, RouteEntry, TunnelHalf } from './types';

export { covers } from './route-rules';
export type { HalfRouting } from './route-rules';

/** Routing behaviour no source states, every cloud's (listed in reports and the README like the clouds' own). */
export const ROUTING_ASSUMPTIONS: Readonly<Record<string, Assumption>> = Object.assign({}, ...Object.values(VERIFY_CLOUDS).map((c) => c.routingAssumptions));

/** The half with its routing as the output configures it (`advertise`, `routes`, `reach`). */
export function withRouting(h: TunnelHalf, d: Deployment, r: Resolver): TunnelHalf {
  const x = routingOf(h, d, r);
  if (!x) return h;
  return {
    ...h,
    advertise: x.advertise,
    routes: x.reach.routes.map((e) => e.prefix),
    reach: x.reach,
    assumptions: [...h.assumptions, ...x.assumptions],
    ...(x.unverifiable || h.unverifiable ? { unverifiable: [h.unverifiable, x.unverifiable].filter(Boolean).join('; ') } : {}),
  };
}

/** Routing of one half, by cloud; `undefined` when its resources are not in the deployment. */
export function routingOf(h: TunnelHalf, d: Deployment, r: Resolver): HalfRouting | undefined {
  return VERIFY_CLOUDS[h.cloud].routing(h, d, r);
}

// ---------------------------------------------------------------------------------------------
// Gaps: remote networks no route covers.

/** One remote network a half does not route into its tunnel. */
export interface RouteGap {
  /** The half that lacks the route. */
  readonly half: TunnelHalf;
  /** The remote network it should reach, and the local network traffic comes from. */
  readonly prefix: string;
  readonly from: string;
  readonly why: string;
}

type Reject = NonNullable<HalfReach['rejects']>[number];
const refuses = (x: Reject, p: string) => (x.match === 'exact' ? x.prefix === p : overlap(x.prefix, p));

/** What `h` routes into the tunnel toward `peer`'s networks: its static routes, plus (BGP) what it accepts of the peer's announcement. */
export function tunnelRoutes(h: TunnelHalf, peer: TunnelHalf): RouteEntry[] {
  const reach = h.reach!;
  if (h.routing !== 'bgp') return [...reach.routes];
  const learned = peer.advertise.filter((p) => !(reach.rejects ?? []).some((x) => refuses(x, p))).map((prefix) => ({ prefix, source: `BGP from ${peer.label}` }));
  return [...reach.routes, ...learned];
}

/** Prefixes of the peer's announcement `h` refuses, with the rule. */
export function rejectedRoutes(h: TunnelHalf, peer: TunnelHalf): { prefix: string; rule: string }[] {
  if (h.routing !== 'bgp' || !h.reach) return [];
  return peer.advertise.flatMap((p) => (h.reach!.rejects ?? []).filter((x) => refuses(x, p)).map((x) => ({ prefix: p, rule: x.rule })));
}

const entryCovers = (e: RouteEntry, dest: string, from: string) => covers(e.prefix, dest) && (e.from === undefined || covers(e.from, from));

/**
 * Every (local network → remote network) of one tunnel that `h` does not carry into the tunnel:
 * no route (static, policy or accepted BGP) covers the remote network, the traffic selectors
 * leave it out, or the site's own route tables do not send it to the gateway.
 */
export function gapsOf(h: TunnelHalf, peer: TunnelHalf): RouteGap[] {
  if (!h.reach || !peer.reach) return [];
  const gaps: RouteGap[] = [];
  const routes = tunnelRoutes(h, peer);
  const rejected = rejectedRoutes(h, peer);
  for (const dest of peer.reach.serves) {
    for (const from of h.reach.serves) {
      const hit = routes.find((e) => entryCovers(e, dest, from));
      if (!hit) {
        const had = routes.length ? routes.map((e) => `${e.prefix}${e.from ? ` from ${e.from}` : ''} (${e.source})`).join(', ') : 'none';
        const refused = rejected.filter((x) => overlap(x.prefix, dest)).map((x) => `${x.prefix} is refused: ${x.rule}`);
        gaps.push({ half: h, prefix: dest, from, why: `${refused.length ? `${refused.join('; ')}; ` : ''}routes into the tunnel: ${had}` });
        continue;
      }
      if (!isAny(h.remoteTs) && !h.remoteTs.some((t) => covers(t, dest))) {
        gaps.push({ half: h, prefix: dest, from, why: `its remote traffic selectors ${h.remoteTs.join(', ')} leave ${dest} out` });
        continue;
      }
      if (!isAny(h.localTs) && !h.localTs.some((t) => covers(t, from))) {
        gaps.push({ half: h, prefix: dest, from, why: `its local traffic selectors ${h.localTs.join(', ')} leave ${from} out` });
        continue;
      }
      const sr = h.reach.siteRoutes;
      if (sr.kind === 'only' && !sr.prefixes.some((p) => covers(p, dest))) {
        gaps.push({ half: h, prefix: dest, from, why: `the site's own route tables do not send ${dest} to the gateway: ${sr.missing}` });
      }
    }
  }
  return gaps;
}

/** The gaps of a tunnel, both directions. */
export function routeGaps(halves: readonly [TunnelHalf, TunnelHalf]): RouteGap[] {
  return [...gapsOf(halves[0], halves[1]), ...gapsOf(halves[1], halves[0])];
}

/** One line per gap: the prefix, the side that lacks the route, and why. */
export function describeGap(g: RouteGap, siteLabel: (h: TunnelHalf) => string): string {
  return `${siteLabel(g.half)} ${g.half.label} routes nothing into the tunnel for ${g.prefix} (from ${g.from}): ${g.why}`;
}
