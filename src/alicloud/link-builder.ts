/**
 * How an Alibaba Cloud gateway, new or existing, builds its half of one planned link: the
 * customer gateways and IPsec connections the plan names.
 * @internal
 */
import type { Construct } from 'constructs';
import type { LinkRealisation } from '../contract';
import { AlicloudConnectionPlan, AlicloudLinkResources, show } from '../plan';
import { ValidationError } from '../private/errors';
import { linkScope } from '../private/realise-link';
import { AlicloudTunnelMode, IAlicloudVpnGateway } from './interfaces';
import { AlicloudPeerGateway } from './peer-gateway';
import { AlicloudVpnConnection } from './vpn-connection';

/** Called with each IPsec connection built, in the link's scope (e.g. to add what watches it). */
export type ConnectionBuilt = (scope: Construct, connection: AlicloudConnectionPlan, built: AlicloudVpnConnection) => void;

/**
 * Builds one planned link of an Alibaba Cloud gateway under `Link-<link id>` (in
 * `realisation.stack` when given, else under `owner`): a customer gateway per remote endpoint
 * and the planned IPsec connections with their routes, `onConnection` called after each. Shared
 * by new and existing gateways.
 */
export function buildAlicloudLink(owner: Construct, gateway: IAlicloudVpnGateway, realisation: LinkRealisation, r: AlicloudLinkResources, onConnection?: ConnectionBuilt): void {
  const scope = linkScope(owner, realisation, 'link-prefixed');
  const peers = new Map(r.customerGateways.map((cgw) => [cgw.id, new AlicloudPeerGateway(scope, cgw.id, {
    ipAddress: realisation.remoteAddress(cgw.remote.endpoint),
    peerAsn: cgw.asn,
  })]));
  for (const connection of r.connections) {
    const built = new AlicloudVpnConnection(scope, connection.id, AlicloudVpnConnection.propsFromPlan({
      gateway, connection, tunnels: realisation.tunnels, peers,
    }));
    onConnection?.(scope, connection, built);
  }
}

/**
 * The public IP of endpoint `master` (`internetIp`) or `slave` (`disasterRecoveryInternetIp`) of
 * `gateway`; any other name, or `slave` on a single-tunnel gateway, is one clear error. Shared by
 * new and existing gateways.
 */
export function tunnelEndpointAddress(path: string, gateway: IAlicloudVpnGateway, endpoint: string): string {
  const value = endpoint === 'master' ? gateway.internetIp : endpoint === 'slave' ? gateway.disasterRecoveryInternetIp : undefined;
  if (value === undefined) {
    throw new ValidationError(path, 'endpoint-unknown',
      `endpoint ${show(endpoint)} is not an endpoint of this ${gateway.tunnelMode} gateway; allowed: ${gateway.tunnelMode === AlicloudTunnelMode.DUAL_TUNNEL ? "'master', 'slave'" : "'master'"}`);
  }
  return value;
}
