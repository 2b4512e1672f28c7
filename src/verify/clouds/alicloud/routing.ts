/**
 * Alibaba Cloud routing, read from the synthesized resources only (see `routing.ts`): what each half
 * serves, routes and announces, and whether the cloud's own networks send traffic for the tunnel
 * to the gateway.
 *
 * Sources (each rule below cites one of these):
 * - ALI-STATIC: alicloud `alicloud_vpn_route_entry` (route_dest, next_hop, publish_vpc) and
 *   `alicloud_vpn_pbr_route_entry` (route_source, route_dest, next_hop, publish_vpc); Alibaba
 *   "Configure routes for a VPN gateway": policy-based routes match source and destination and go
 *   first, then destination-based routes, then BGP routes; a published route is added to the VPC's
 *   route table.
 * - ALI-BGP: Alibaba "Configure BGP dynamic routing" (alibabacloud.com/help/en/vpn/
 *   sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing): with automatic route
 *   advertising the gateway puts the routes it learns into the VPC's system route table and
 *   announces the VPC's system routes (one per vSwitch CIDR) to the peer; a VPN gateway rejects
 *   0.0.0.0/0 from a BGP peer (cloud-vpn-facts L4). The switch is `alicloud_vpn_gateway.
 *   auto_propagate` ("Whether to automatically propagate the BGP route to the VPC":
 *   terraform-provider-alicloud v1.289.0 website/docs/r/vpn_gateway.html.markdown:90; sent as
 *   `AutoPropagate`, alicloud/resource_alicloud_vpn_gateway.go:324-326). When it is not written,
 *   the API's default applies, which no source here states: assumed off (assumption
 *   `alicloud-auto-propagate-default`).
 * - ALI-VSW: Alibaba VPC: every vSwitch CIDR is a system route of its VPC; instances live in vSwitches.
 */
import type { DeploymentOf } from '../../deployment';
import { type AlicloudParts, gatewayRecordOf } from './extract';
import type { Json, StackDoc } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { eachTf } from '../../output/resolve';
import { stringsOf } from '../../output/values';
import { type HalfRouting, isAny, refersTo, uniq } from '../../route-rules';
import type { Assumption, HalfReach, RouteEntry, TunnelHalf } from '../../types';

/** Routing behaviour no source states (listed in reports and the README like the clouds' own). */
export const ALICLOUD_ROUTING_ASSUMPTIONS = {
  alicloudAutoPropagate: {
    id: 'alicloud-auto-propagate-default', cloud: 'alicloud',
    what: 'a VPN gateway without auto_propagate neither announces the VPC\'s routes over BGP nor takes learned routes into the VPC',
    why: 'the provider sends AutoPropagate only when written; the API default is not in the sources read (CreateVpnGateway reference would settle it)',
  },
} as const satisfies Record<string, Assumption>;

/** Routing of one Alibaba Cloud half; `undefined` when its connection or gateway is not in the deployment. */
export function alicloudRouting(h: TunnelHalf, d: DeploymentOf<AlicloudParts>, r: Resolver): HalfRouting | undefined {
  const conn = d.alicloud.find((c) => c.key === h.group);
  const gw = conn?.gateway;
  if (!conn || !gw) return undefined;
  const gwStack = r.stack(gw.stack, 'cdktf');
  const gwId = gw.key.replace(/^alicloud:[^/]+\//, '');
  const gwBody = gwStack ? r.tfResource(gwStack, gwId) : undefined;
  // An existing gateway: what its record declares (ALI-BGP); not declared is not true.
  const own = gw.existing ? gatewayRecordOf(conn.body) : undefined;
  const autoPropagate = gw.existing ? own?.autoPropagateBgpRoutes === true : gwBody?.auto_propagate === true;
  const assumptions: Assumption[] = h.routing === 'bgp' && gwBody && gwBody.auto_propagate === undefined ? [ALICLOUD_ROUTING_ASSUMPTIONS.alicloudAutoPropagate] : [];
  // The VPC's system routes: its vSwitches' CIDRs (ALI-VSW).
  const vpc = gwStack && gwBody ? r.resourceOf(gwStack, gwBody.vpc_id, 'alicloud_vpc') : undefined;
  const vswitches = vpc ? eachTf(r, 'alicloud_vswitch').filter((v) => refersTo(r, v.stack, v.body.vpc_id, { stack: vpc.stack.name, id: vpc.id })) : [];
  const systemRoutes = uniq(vswitches.flatMap((v) => stringsOf(r, v.stack, v.body.cidr_block)));
  const site = systemRoutes.length ? systemRoutes : [...gw.networks];
  const siteSource = systemRoutes.length
    ? `vSwitches ${vswitches.map((v) => `cdktf:${v.stack.name}/${v.id}`).join(', ')} of ${vpc!.stack.name}/${vpc!.id} (ALI-VSW)`
    : `${gw.networksSource} (no vSwitch in the folders read)`;
  const policy = !isAny(h.localTs) || !isAny(h.remoteTs);
  const serves = policy ? [...h.localTs] : site;
  const servesSource = policy ? `local_subnet of ${conn.key.replace(/^alicloud:/, 'cdktf:')}` : siteSource;

  // Destination and policy-based route entries naming this connection as next hop (ALI-STATIC).
  const routes: RouteEntry[] = [];
  const published: string[] = [];
  const unpublished: string[] = [];
  const nextHopIsMe = (s: StackDoc, v: Json | undefined) => refersTo(r, s, v, { stack: conn.stack, id: conn.key.replace(/^alicloud:[^/]+\//, '') });
  for (const e of eachTf(r, 'alicloud_vpn_route_entry')) {
    if (!nextHopIsMe(e.stack, e.body.next_hop) || typeof e.body.route_dest !== 'string') continue;
    routes.push({ prefix: e.body.route_dest, source: `cdktf:${e.stack.name}/${e.id} route_dest (ALI-STATIC)` });
    (e.body.publish_vpc === true ? published : unpublished).push(e.body.route_dest);
  }
  for (const e of eachTf(r, 'alicloud_vpn_pbr_route_entry')) {
    if (!nextHopIsMe(e.stack, e.body.next_hop) || typeof e.body.route_dest !== 'string') continue;
    routes.push({ prefix: e.body.route_dest, ...(typeof e.body.route_source === 'string' ? { from: e.body.route_source } : {}), source: `cdktf:${e.stack.name}/${e.id} route_source → route_dest (ALI-STATIC)` });
    (e.body.publish_vpc === true ? published : unpublished).push(e.body.route_dest);
  }
  let siteRoutes: HalfReach['siteRoutes'];
  const gwName = gw.existing ? `existing gateway ${gw.existing.vpnGatewayId} (declared in ${gw.existing.declaredIn.replace(/^alicloud:/, 'cdktf:')})` : gw.key.replace(/^alicloud:/, 'cdktf:');
  const propagate = gw.existing ? 'autoPropagateBgpRoutes' : 'auto_propagate';
  if (h.routing === 'bgp' && autoPropagate) {
    siteRoutes = { kind: 'all', source: `${gwName} ${propagate} = true (ALI-BGP)` };
  } else {
    const why = h.routing === 'bgp'
      ? `${gwName} ${propagate} is not true: the routes it learns over BGP stay out of the VPC's route table (ALI-BGP)`
      : unpublished.length ? `route entries for ${uniq(unpublished).join(', ')} have publish_vpc = false: the VPC does not route them to the gateway (ALI-STATIC)` : 'no route entry naming this connection is published to the VPC (ALI-STATIC)';
    siteRoutes = { kind: 'only', prefixes: uniq(published), source: 'route entries with publish_vpc = true (ALI-STATIC)', missing: why };
  }
  const rejects = h.routing === 'bgp' ? [{ prefix: '0.0.0.0/0', match: 'exact' as const, rule: 'a VPN gateway rejects 0.0.0.0/0 from a BGP peer (ALI-BGP)' }] : undefined;
  // BGP: the system routes, announced with automatic route advertising on (ALI-BGP).
  const advertise = h.routing === 'bgp' ? (autoPropagate ? site : []) : serves;
  return {
    reach: { serves, servesSource, routes, siteRoutes, ...(rejects ? { rejects } : {}) },
    advertise,
    assumptions,
    unverifiable: serves.length ? undefined : `${gw.label}: the output does not say which networks are behind it (${gw.networksSource})`,
  };
}
