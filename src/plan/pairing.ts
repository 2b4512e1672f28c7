/**
 * Tunnel pairing: which endpoint of one gateway talks to which endpoint of the other, and which
 * tunnels are idle. Facts: cloud-vpn-facts §0 "Tunnel pairing" (A1 Z8 Z10 L5 and the guides).
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
import type { GatewayKind } from './facts';
import type { NormalLink, NormalSite } from './validate';

/** One tunnel before addresses and keys are chosen. */
export interface TunnelSlot {
  readonly index: number;
  /** Endpoint per end, in `between` order. */
  readonly endpoints: readonly [string, string];
  readonly state: 'active' | 'idle';
  readonly idleReason?: string;
  /** AWS end: which VPN connection (1-based) and tunnel number. */
  readonly aws?: { readonly connection: number; readonly tunnel: 1 | 2 };
  /** Alibaba end: which connection (1-based) and role. */
  readonly alicloud?: { readonly connection: number; readonly role: 'master' | 'slave' };
}

/** Public endpoints of a gateway that exist independently of its links. */
export function endpointsOf(kind: GatewayKind): string[] {
  switch (kind) {
    case 'active-active': return ['instance0', 'instance1'];
    case 'active-standby': return ['instance0'];
    case 'dual-tunnel': return ['master', 'slave'];
    case 'single-tunnel': return ['master'];
    default: return [];
  }
}

/** The endpoint name of an AWS tunnel's outside IP. */
export function awsEndpoint(linkId: string, connection: number, tunnel: 1 | 2): string {
  return `${linkId}/conn${connection}/tunnel${tunnel}`;
}

/** Pairs the tunnels of one link. */
export function pairTunnels(link: NormalLink): TunnelSlot[] {
  const sites: readonly [NormalSite, NormalSite] = [link.a, link.b];
  const awsSide = sites.findIndex((s) => s.cloud === 'aws');
  const slots: TunnelSlot[] = [];
  const place = (sideEndpoint: string, otherEndpoint: string, side: number): readonly [string, string] =>
    side === 0 ? [sideEndpoint, otherEndpoint] : [otherEndpoint, sideEndpoint];

  if (awsSide >= 0) {
    const other = sites[1 - awsSide];
    const remote = endpointsOf(other.kind);
    const azureStandbyBgp = other.kind === 'active-standby' && link.routing === 'bgp';
    for (const tunnel of [1, 2] as const) {
      remote.forEach((endpoint, k) => {
        let idleReason: string | undefined;
        if (tunnel === 2 && link.layout === 'minimal') {
          idleReason = 'minimal layout: tunnel 1 of each AWS VPN connection carries the link';
        } else if (tunnel === 2 && azureStandbyBgp) {
          idleReason = 'an active-standby Azure gateway has one usable APIPA BGP address (Z8)';
        }
        slots.push({
          index: slots.length,
          endpoints: place(awsEndpoint(link.id, k + 1, tunnel), endpoint, awsSide),
          state: idleReason ? 'idle' : 'active',
          idleReason,
          aws: { connection: k + 1, tunnel },
          alicloud: other.cloud === 'alicloud'
            ? other.kind === 'dual-tunnel' ? { connection: tunnel, role: k === 0 ? 'master' : 'slave' } : { connection: slots.filter((s) => s.state === 'active').length + 1, role: 'master' }
            : undefined,
        });
      });
    }
    // Alibaba single-tunnel connections exist only for active tunnels; renumber them densely.
    return slots;
  }

  // Azure ↔ Alibaba Cloud.
  const azureSide = sites.findIndex((s) => s.cloud === 'azure');
  const azure = sites[azureSide];
  const ali = sites[1 - azureSide];
  const instances = endpointsOf(azure.kind);
  const aliEndpoints = endpointsOf(ali.kind);
  aliEndpoints.forEach((aliEndpoint, j) => {
    const instance = instances[j % instances.length];
    const idleReason = j > 0 && instance === instances[0] && link.routing === 'bgp'
      ? 'an active-standby Azure gateway has one usable APIPA BGP address (Z8)'
      : undefined;
    slots.push({
      index: slots.length,
      endpoints: place(instance, aliEndpoint, azureSide),
      state: idleReason ? 'idle' : 'active',
      idleReason,
      alicloud: { connection: 1, role: j === 0 ? 'master' : 'slave' },
    });
  });
  return slots;
}

/** Whether a cloud creates a tunnel even when nothing answers it (AWS pairs, Alibaba dual-tunnel connections). */
export function configuresIdle(site: NormalSite): boolean {
  return site.cloud === 'aws' || (site.cloud === 'alicloud' && site.kind === 'dual-tunnel');
}
