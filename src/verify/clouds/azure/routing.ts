/**
 * Azure routing, read from the synthesized resources only (see `routing.ts`): what each half
 * serves, routes and announces, and whether the cloud's own networks send traffic for the tunnel
 * to the gateway.
 *
 * Sources (each rule below cites one of these):
 * - AZ-LNG: azurerm `azurerm_local_network_gateway.address_space`: the remote prefixes Azure
 *   routes to that local network gateway (also with BGP, where it may be empty: cloud-vpn-facts Z6).
 * - AZ-ADV: Azure VPN Gateway FAQ (vpn-gateway-vpn-faq, BGP: "What address prefixes will Azure
 *   VPN gateways advertise to me?"): the VNet's address prefixes and the address prefixes of every
 *   local network gateway connected to the gateway (and routes learned from its other BGP peers:
 *   not modelled); learn.microsoft.com vpn-gateway-bgp-overview: a learned prefix identical to a
 *   VNet prefix is rejected (cloud-vpn-facts "Prefix limits", Z6).
 * - AZ-UDR: Azure virtual-networks-udr-overview: the gateway's routes reach the VNet's subnets
 *   ("Virtual network gateway" next hop) unless a route table turns gateway route propagation off
 *   (azurerm `azurerm_route_table.bgp_route_propagation_enabled = false`).
 */
import type { DeploymentOf } from '../../deployment';
import type { AzureParts } from './extract';
import type { Resolver } from '../../output/resolve';
import { eachTf } from '../../output/resolve';
import { type HalfRouting, isAny, uniq } from '../../route-rules';
import type { HalfReach, RouteEntry, TunnelHalf } from '../../types';

/** Routing of one Azure half; `undefined` when its connection or gateway is not in the deployment. */
export function azureRouting(h: TunnelHalf, d: DeploymentOf<AzureParts>, r: Resolver): HalfRouting | undefined {
  const conn = d.azure.find((c) => c.key === h.group);
  const gw = conn?.gateway;
  if (!conn || !gw) return undefined;
  const lng = conn.localNetworkGateway;
  const policy = !isAny(h.localTs) || !isAny(h.remoteTs);
  const serves = policy ? [...h.localTs] : [...gw.networks];
  const servesSource = policy ? `traffic selectors of ${conn.key.replace(/^azure:/, 'cdktf:')} (local)` : `${gw.networksSource} (AZ-ADV)`;
  const routes: RouteEntry[] = (lng?.addressSpace ?? []).map((prefix) => ({ prefix, source: `${lng!.key.replace(/^azure:/, 'cdktf:')} address_space (AZ-LNG)` }));
  // Route tables that turn gateway route propagation off, associated with a subnet.
  const off = eachTf(r, 'azurerm_route_table').filter((t) => t.body.bgp_route_propagation_enabled === false || t.body.disable_bgp_route_propagation === true)
    .filter((t) => eachTf(r, 'azurerm_subnet_route_table_association').some((a) => {
      const ref = r.eval(a.stack, a.body.route_table_id);
      return ref.kind === 'resource' && ref.ref.stack === t.stack.name && ref.ref.id === t.id;
    }));
  const siteRoutes: HalfReach['siteRoutes'] = off.length
    ? { kind: 'only', prefixes: [], source: 'azurerm_route_table', missing: `route table(s) ${off.map((t) => `cdktf:${t.stack.name}/${t.id}`).join(', ')} turn gateway route propagation off for their subnets (AZ-UDR)` }
    : { kind: 'all', source: 'the gateway\'s routes reach every subnet of the VNet (AZ-UDR)' };
  const rejects = h.routing === 'bgp' ? gw.networks.map((p) => ({ prefix: p, match: 'exact' as const, rule: `identical to the VNet prefix ${p}: Azure rejects it (AZ-ADV)` })) : undefined;
  // BGP: the VNet and every connected local network gateway's prefixes (AZ-ADV).
  const connected = uniq(d.azure.filter((c) => c.gateway?.key === gw.key).flatMap((c) => c.localNetworkGateway?.addressSpace ?? []));
  return {
    reach: { serves, servesSource, routes, siteRoutes, ...(rejects ? { rejects } : {}) },
    advertise: h.routing === 'bgp' ? uniq([...gw.networks, ...connected]) : serves,
    assumptions: [],
    unverifiable: serves.length ? undefined : `${gw.name}: the output does not say which networks are behind it (${gw.networksSource})`,
  };
}
