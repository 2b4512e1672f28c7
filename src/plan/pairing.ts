/**
 * Tunnel pairing: which endpoint of one gateway talks to which endpoint of the other, and which
 * tunnels are idle. One rule for every pair of clouds, asking each end's profile
 * (`src/plan/clouds/`) the rest. Facts: cloud-vpn-facts §0 "Tunnel pairing" (A1 Z8 Z10 L5 and
 * the guides).
 *
 * - An end whose endpoints exist per connection (`CloudProfile.perConnection`) drives: one
 *   connection per endpoint of the other end, each with its tunnels; tunnel 1 of every connection
 *   first, then tunnel 2, ...
 * - Otherwise instance by instance: the end whose every endpoint carries a tunnel
 *   (`tunnelOnEveryEndpoint`) leads, and its endpoint j talks to the other end's endpoint
 *   (j mod count).
 *
 * Each end's profile then says why a tunnel is idle (`idleReason`) and where the tunnel sits on it
 * (`place`). For the three clouds:
 *
 * ```
 * AWS ↔ Azure active-active (layout 'all')            AWS ↔ Alibaba dual-tunnel (layout 'all')
 *   conn1 (CGW = Azure instance0 IP)                    conn1 (CGW = Alibaba master IP)
 *     tunnel1 ── instance0   tunnel2 ── instance0         tunnel1 ── master   tunnel2 ── master
 *   conn2 (CGW = Azure instance1 IP)                    conn2 (CGW = Alibaba slave IP)
 *     tunnel1 ── instance1   tunnel2 ── instance1         tunnel1 ── slave    tunnel2 ── slave
 *   Azure: one local network gateway + connection       Alibaba: one dual-tunnel connection per
 *   per AWS tunnel (4)                                   AWS tunnel number (master = conn1, slave = conn2)
 *
 * Azure ↔ Alibaba: Alibaba endpoint j ── Azure instance (j mod instances); Azure: one local network
 * gateway + connection per Alibaba IP; Alibaba: one customer gateway per Azure IP, one connection.
 * ```
 *
 * Tunnels are listed in a stable order in which a `minimal` layout's tunnels come first, so pins
 * by index mean the same tunnel whatever the layout.
 */
import { GatewayKind, profileOf, PROFILES } from './clouds';
import type { PairingStep, Placement, TunnelSlot } from './profile';
import type { NormalLink, NormalSite } from './normal';

export type { Placement, TunnelSlot } from './profile';

/** Public endpoints of a gateway that exist independently of its links (none where they exist per connection). */
export function endpointsOf(kind: GatewayKind): string[] {
  const owner = Object.values(PROFILES).find((p) => p.kinds.includes(kind));
  return owner ? owner.endpoints(kind) : [];
}

const endpointsOfSite = (site: NormalSite) => profileOf(site.cloud).endpoints(site.kind);

/** Pairs the tunnels of one link. */
export function pairTunnels(link: NormalLink): TunnelSlot[] {
  const sites: readonly [NormalSite, NormalSite] = [link.a, link.b];
  const profiles = sites.map((s) => profileOf(s.cloud));
  const slots: TunnelSlot[] = [];
  const both = <T>(x: T, y: T, firstSide: number): readonly [T, T] => (firstSide === 0 ? [x, y] : [y, x]);
  /** Adds one slot: `lead` is the side that enumerates, `endpoints` in [lead, other] order. */
  const add = (lead: 0 | 1, endpoints: [string, string], indexes: [number, number], round: number, leadPlacement?: Placement) => {
    const steps = ([lead, 1 - lead] as const).map((side, i): PairingStep => ({
      link, side: side as 0 | 1, site: sites[side], endpoint: endpoints[i], endpointIndex: indexes[i], round, earlier: slots,
    }));
    const idleReason = profiles[lead].idleReason(steps[0]) ?? profiles[1 - lead].idleReason(steps[1]);
    const placements = [leadPlacement ?? profiles[lead].place(steps[0]), profiles[1 - lead].place(steps[1])] as const;
    slots.push({
      index: slots.length,
      endpoints: both(endpoints[0], endpoints[1], lead),
      state: idleReason ? 'idle' : 'active',
      idleReason,
      placements: both(placements[0], placements[1], lead),
    });
  };

  const driver = profiles.findIndex((p) => p.perConnection !== undefined);
  if (driver >= 0) {
    // One connection per endpoint of the other end; the driver's tunnel n of every connection in turn.
    const d = driver as 0 | 1;
    const { tunnelsPerConnection, endpoint } = profiles[d].perConnection!;
    const remote = endpointsOfSite(sites[1 - d]);
    for (let n = 1; n <= tunnelsPerConnection; n++) {
      remote.forEach((other, k) => add(d, [endpoint(link.id, k + 1, n), other], [k, k], n, { connection: k + 1, tunnel: n }));
    }
    return slots;
  }

  // Instance by instance: the end that carries a tunnel on every endpoint leads (else the one with more).
  const counts = sites.map((s) => endpointsOfSite(s).length);
  const carrying = profiles.map((p) => p.tunnelOnEveryEndpoint);
  const lead: 0 | 1 = carrying[0] !== carrying[1] ? (carrying[0] ? 0 : 1) : counts[1] > counts[0] ? 1 : 0;
  const leading = endpointsOfSite(sites[lead]);
  const following = endpointsOfSite(sites[1 - lead]);
  if (following.length === 0) return slots;
  leading.forEach((own, j) => add(lead, [own, following[j % following.length]], [j, j % following.length], 1));
  return slots;
}
