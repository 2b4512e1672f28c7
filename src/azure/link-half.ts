/**
 * An Azure gateway's half of one planned link, for a new gateway (`AzureVpnGateway`) and an
 * existing one (`AzureVpnGateway.fromVirtualNetworkGatewayAttributes`) alike: one local network
 * gateway per remote endpoint and one connection (custom IPsec/IKE policy) per planned Azure
 * connection, under the link's scope. Construct ids and names are those the first release gave
 * (`lng1`, `conn1`, `<gateway name>-<link>-<id>`): they name deployed resources.
 * @internal
 */
import type { Construct } from 'constructs';
import type { LinkRealisation } from '../contract';
import { AZURE_ALARM_METRICS, AzureLinkResources, PlannedAlarm, show } from '../plan';
import { ValidationError } from '../private/errors';
import { AzureTunnelAlarm, AzureTunnelAlarmWatch, AzureVpnAlarmOptions } from './alarms';
import { azureResourceName } from './azure-names';
import { AzureConnectionMode, AzureGatewayInstance, IAzureVpnGateway } from './interfaces';
import { AzurePeerGateway } from './peer-gateway';
import { AzureVpnConnection } from './vpn-connection';

/** The gateway building a link half, as the builder sees it. */
export interface LinkHalfGateway {
  /** The gateway its connections belong to. */
  readonly gateway: IAzureVpnGateway;
  /** The gateway construct's path, for messages. */
  readonly path: string;
  /** The gateway's site id. */
  readonly siteId: string;
  /** Name of the virtual network gateway: the link's resources are named after it. */
  readonly name: string;
  /** Tags of every resource created. */
  readonly tags?: Record<string, string>;
  /** How the tunnels' metric alerts evaluate and notify; `undefined`: no alerts (`alarms: false`). */
  readonly alarms?: AzureVpnAlarmOptions;
}

/**
 * Builds the local network gateways and connections of one link, and beside each connection (same
 * stack) the metric alerts the plan names on its tunnel end; returns the connections.
 */
export function buildAzureLinkHalf(gw: LinkHalfGateway, scope: Construct, r: LinkRealisation, resources: AzureLinkResources): AzureVpnConnection[] {
  const peers = new Map<string, AzurePeerGateway>();
  for (const lng of resources.localNetworkGateways) {
    peers.set(lng.id, new AzurePeerGateway(scope, lng.id, {
      name: azureResourceName(gw.name, resources.link, lng.id),
      resourceGroupName: gw.gateway.resourceGroupName,
      location: gw.gateway.location,
      gatewayAddress: r.remoteAddress(lng.remote.endpoint),
      cidrs: [...lng.addressSpace],
      peerAsn: lng.bgp?.asn,
      bgpPeeringAddress: lng.bgp?.peeringAddress,
      tags: gw.tags,
    }));
  }
  return resources.connections.map((conn) => {
    const tunnel = r.tunnels.find((t) => t.id === conn.tunnel);
    const end = tunnel?.ends.find((e) => e.site === gw.siteId);
    const peer = peers.get(conn.localNetworkGateway);
    if (!tunnel || !end || !peer) {
      throw new ValidationError(gw.path, 'plan-mismatch', `connection ${show(conn.id)} of link ${show(resources.link)} refers to tunnel ${show(conn.tunnel)} and local network gateway ${show(conn.localNetworkGateway)}, which the realisation does not hold`);
    }
    const p = end.proposal;
    const name = azureResourceName(gw.name, resources.link, conn.id);
    const connection = new AzureVpnConnection(scope, conn.id, {
      name,
      gateway: gw.gateway,
      peer,
      sharedKey: tunnel.presharedKey,
      ikeVersion: p.ikeVersion,
      ikeEncryption: p.phase1.encryption,
      ikeIntegrity: p.phase1.integrity,
      dhGroup: p.phase1.dhGroup,
      ipsecEncryption: p.phase2.encryption,
      // Azure names the GCM cipher again as integrity; the planner spells it so already.
      ipsecIntegrity: p.phase2.integrity ?? p.phase2.encryption,
      pfsGroup: p.phase2.pfsGroup,
      saLifetimeSeconds: p.phase2.lifetimeSeconds,
      dpdTimeoutSeconds: conn.dpdTimeoutSeconds,
      connectionMode: conn.connectionMode as AzureConnectionMode,
      bgpEnabled: conn.bgpEnabled,
      customBgpPrimaryAddress: conn.customBgpAddresses?.primary,
      customBgpSecondaryAddress: conn.customBgpAddresses?.secondary,
      trafficSelectorLocalCidrs: conn.trafficSelectors ? [...conn.trafficSelectors.local] : undefined,
      trafficSelectorRemoteCidrs: conn.trafficSelectors ? [...conn.trafficSelectors.remote] : undefined,
      tags: gw.tags,
    });
    const lng = resources.localNetworkGateways.find((l) => l.id === conn.localNetworkGateway);
    buildAlarms(gw, connection, end.alarms ?? [], name, lng?.bgp?.peeringAddress);
    return connection;
  });
}

/**
 * The metric alerts the plan names for one tunnel end, beside its connection: the tunnel alarm
 * filtered on the connection's name, the BGP alarm on the peer's BGP address.
 */
function buildAlarms(gw: LinkHalfGateway, connection: Construct, alarms: readonly PlannedAlarm[], connectionName: string, bgpPeerAddress: string | undefined): void {
  if (!gw.alarms) return;
  const metricOf = (m: { namespace: string; name: string }) => `${m.namespace} ${m.name}`;
  for (const alarm of alarms) {
    const watch = alarm.metric === metricOf(AZURE_ALARM_METRICS.tunnel) ? AzureTunnelAlarmWatch.TUNNEL
      : alarm.metric === metricOf(AZURE_ALARM_METRICS.bgp) && bgpPeerAddress !== undefined ? AzureTunnelAlarmWatch.BGP_PEER : undefined;
    if (alarm.service !== 'azure-monitor' || watch === undefined) {
      throw new ValidationError(gw.path, 'plan-mismatch', `alarm ${show(alarm.name)} of connection ${show(connectionName)} watches ${show(`${alarm.service} ${alarm.metric}`)}, which an Azure connection${bgpPeerAddress === undefined ? ' without BGP' : ''} has no alert for; allowed: azure-monitor ${metricOf(AZURE_ALARM_METRICS.tunnel)}${bgpPeerAddress === undefined ? '' : ` or ${metricOf(AZURE_ALARM_METRICS.bgp)}`}`);
    }
    new AzureTunnelAlarm(connection, watch === AzureTunnelAlarmWatch.TUNNEL ? 'TunnelAlarm' : 'BgpAlarm', {
      ...gw.alarms,
      name: alarm.name,
      gateway: gw.gateway,
      watch,
      connectionName: watch === AzureTunnelAlarmWatch.TUNNEL ? connectionName : undefined,
      bgpPeerAddress: watch === AzureTunnelAlarmWatch.BGP_PEER ? bgpPeerAddress : undefined,
      tags: gw.tags,
    });
  }
}

/**
 * The public IP of one instance endpoint (`instance0`, `instance1`) of a gateway with `instances`
 * and their `addresses` in the same order; any other name is one clear error. Shared by new and
 * existing gateways.
 */
export function instanceAddress(path: string, kind: string, instances: readonly AzureGatewayInstance[], addresses: readonly string[], endpoint: string): string {
  const i = instances.indexOf(endpoint as AzureGatewayInstance);
  if (i < 0) {
    throw new ValidationError(path, 'endpoint-unknown', `endpoint ${show(endpoint)} is not an instance of this ${kind} gateway; allowed: ${instances.join(', ')}`);
  }
  return addresses[i];
}
