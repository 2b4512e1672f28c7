/**
 * How an Alibaba Cloud gateway, new or existing, builds its half of one planned link: the
 * customer gateways and IPsec connections the plan names.
 * @internal
 */
import type { Construct } from 'constructs';
import type { LinkRealisation } from '../contract';
import type { AlicloudLinkResources } from '../plan';
import { linkScope } from '../private/realise-link';
import type { IAlicloudVpnGateway } from './interfaces';
import { AlicloudPeerGateway } from './peer-gateway';
import { AlicloudVpnConnection } from './vpn-connection';

/**
 * Builds one planned link of an Alibaba Cloud gateway under `Link-<link id>` (in
 * `realisation.stack` when given, else under `owner`): a customer gateway per remote endpoint
 * and the planned IPsec connections with their routes. Shared by new and existing gateways.
 */
export function buildAlicloudLink(owner: Construct, gateway: IAlicloudVpnGateway, realisation: LinkRealisation, r: AlicloudLinkResources): void {
  const scope = linkScope(owner, realisation, 'link-prefixed');
  const peers = new Map(r.customerGateways.map((cgw) => [cgw.id, new AlicloudPeerGateway(scope, cgw.id, {
    ipAddress: realisation.remoteAddress(cgw.remote.endpoint),
    peerAsn: cgw.asn,
  })]));
  for (const connection of r.connections) {
    new AlicloudVpnConnection(scope, connection.id, AlicloudVpnConnection.propsFromPlan({
      gateway, connection, tunnels: realisation.tunnels, peers,
    }));
  }
}
