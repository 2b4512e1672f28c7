/**
 * The shapes of the Alibaba Cloud constructs' props, checked at runtime before anything else
 * (see `src/private/props.ts`): types, lists, finite numbers, name lengths. Bandwidths, periods,
 * ASNs, prefixes and algorithm names are checked by the constructs.
 *
 * Names: a VPN gateway's 2-100 characters, a customer gateway's and an IPsec connection's 1-100
 * (`CreateVpnGateway`, `CreateCustomerGateway`, `CreateVpnConnection` `Name`); IKE identities at
 * most 100 characters (checked by the construct).
 * @see https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createvpngateway-vpns
 * @internal
 */
import { hasOwnKey } from '../common/own-key';
import { Token } from '../private/cdktf';
import { ADDRESS, ASN, CIDR, CIDRS, KEY_OR_STRING, SITE_ID } from '../private/common-shapes';
import { ObjectShape, bool, checkProps, either, instance, isObject, list, num, obj, optional, renamed, required, str } from '../private/props';
import { AlicloudConnectionRouting } from './connection-routing';
import { AlicloudTunnelMode } from './interfaces';

const TUNNEL_MODES: readonly string[] = Object.values(AlicloudTunnelMode);

const ID = str({ min: 1, max: 128 });
const ALGORITHM = str({ max: 64 });

export const ALICLOUD_VPN_GATEWAY_PROPS: ObjectShape = {
  vpcId: required(ID),
  cidrs: required(CIDRS()),
  vswitchId: required(ID),
  disasterRecoveryVswitchId: optional(ID),
  tunnelMode: optional(str({ max: 64 })),
  bandwidthMbps: required(num()),
  paymentType: optional(str({ max: 64 })),
  subscriptionPeriodMonths: optional(num()),
  asn: optional(ASN),
  localAsn: renamed('asn', ASN),
  autoPropagateBgpRoutes: optional(bool()),
  name: optional(str({ min: 2, max: 100 })),
  vpnGatewayName: renamed('name', str({ min: 2, max: 100 })),
  siteId: optional(SITE_ID),
  alarms: optional(either('true, false or AlicloudAlarmOptions { periodSeconds?, thresholdBitsPerSecond?, evaluationPeriods?, contactGroups? }', [bool(), obj({
    periodSeconds: optional(num()),
    thresholdBitsPerSecond: optional(num()),
    evaluationPeriods: optional(num()),
    contactGroups: optional(list(str({ min: 1 }))),
  }, 'AlicloudAlarmOptions')])),
};

export const ALICLOUD_PEER_GATEWAY_PROPS: ObjectShape = {
  ipAddress: required(ADDRESS),
  peerAsn: optional(ASN),
  name: optional(str({ min: 1, max: 100 })),
  customerGatewayName: renamed('name', str({ min: 1, max: 100 })),
};

const PEER = obj({
  customerGatewayId: required(ID),
  ipAddress: required(ADDRESS),
  peerAsn: optional(ASN),
}, 'an IAlicloudPeerGateway: an AlicloudPeerGateway, or { customerGatewayId, ipAddress, peerAsn? }');

export const ALICLOUD_TUNNEL_OPTIONS: ObjectShape = {
  peer: required(PEER),
  presharedKey: required(KEY_OR_STRING(100)),
  ikeVersion: optional(ALGORITHM),
  ikeMode: optional(ALGORITHM),
  phase1EncryptionAlgorithm: optional(ALGORITHM),
  phase1IntegrityAlgorithm: optional(ALGORITHM),
  phase1DhGroup: optional(ALGORITHM),
  phase1LifetimeSeconds: optional(num()),
  phase2EncryptionAlgorithm: optional(ALGORITHM),
  phase2IntegrityAlgorithm: optional(ALGORITHM),
  phase2PfsGroup: optional(ALGORITHM),
  phase2LifetimeSeconds: optional(num()),
  localId: optional(str()),
  remoteId: optional(str()),
  enableDpd: optional(bool()),
  enableNatTraversal: optional(bool()),
  tunnelCidr: optional(CIDR),
  localBgpIp: optional(ADDRESS),
};

const GATEWAY = obj({
  vpnGatewayId: required(ID),
  tunnelMode: required(str({ values: TUNNEL_MODES })),
  internetIp: optional(ADDRESS),
  disasterRecoveryInternetIp: optional(ADDRESS),
  asn: optional(ASN),
  localAsn: renamed('asn', ASN),
  existing: optional(bool()),
  cidrs: optional(CIDRS()),
  bgpSupported: optional(bool()),
  autoPropagateBgpRoutes: optional(bool()),
  tunnelCidrsInUse: optional(CIDRS()),
}, 'an IAlicloudVpnGateway: an AlicloudVpnGateway, or { vpnGatewayId, tunnelMode, ... }');

export const ALICLOUD_VPN_GATEWAY_ATTRIBUTES: ObjectShape = {
  vpnGatewayId: required(ID),
  tunnelMode: required(str({ values: TUNNEL_MODES })),
  internetIp: required(ADDRESS),
  disasterRecoveryInternetIp: optional(ADDRESS),
  cidrs: required(CIDRS()),
  asn: optional(ASN),
  bgpSupported: optional(bool()),
  autoPropagateBgpRoutes: optional(bool()),
  inUse: optional(obj({
    insideCidrs: optional(CIDRS()),
    insideAddresses: optional(list(ADDRESS, { max: 400 })),
    connections: optional(num()),
  }, 'what the gateway already uses: { insideCidrs?, insideAddresses?, connections? }')),
  maxConnections: optional(num()),
  region: optional(str({ min: 1, max: 64 })),
  siteId: optional(SITE_ID),
  alarms: optional(either('true, false or AlicloudAlarmOptions { periodSeconds?, thresholdBitsPerSecond?, evaluationPeriods?, contactGroups? }', [bool(), obj({
    periodSeconds: optional(num()),
    thresholdBitsPerSecond: optional(num()),
    evaluationPeriods: optional(num()),
    contactGroups: optional(list(str({ min: 1 }))),
  }, 'AlicloudAlarmOptions')])),
};

const ROUTING = instance('an AlicloudConnectionRouting: AlicloudConnectionRouting.policy(...), .destination(...) or .bgp(...)',
  (v) => v instanceof AlicloudConnectionRouting && isObject(v._config) && hasOwnKey(ROUTING_OPTIONS, v._config.kind));

export const ALICLOUD_VPN_CONNECTION_PROPS: ObjectShape = {
  gateway: required(GATEWAY),
  routing: required(ROUTING),
  masterTunnel: required(obj(ALICLOUD_TUNNEL_OPTIONS, 'tunnel options { peer, presharedKey, ... }')),
  slaveTunnel: optional(obj(ALICLOUD_TUNNEL_OPTIONS, 'tunnel options { peer, presharedKey, ... }')),
  effectImmediately: optional(bool()),
  vpnConnectionName: optional(str({ min: 1, max: 100 })),
};

/** What each routing kind holds. */
const ROUTING_OPTIONS: Readonly<Record<string, ObjectShape>> = {
  policy: { localSubnets: required(CIDRS()), remoteSubnets: required(CIDRS()) },
  destination: { destinations: required(CIDRS()) },
  bgp: { localAsn: optional(ASN) },
};

/** Checks the props of an Alibaba Cloud construct (`Token.isUnresolved` values pass). */
export function checkAlicloudProps(constructPath: string, props: unknown, shape: ObjectShape): void {
  const isToken = (v: unknown) => Token.isUnresolved(v);
  checkProps(constructPath, props, shape, isToken);
  if (shape === ALICLOUD_VPN_CONNECTION_PROPS) {
    const config = (props as { routing: AlicloudConnectionRouting }).routing._config;
    const options = Object.prototype.hasOwnProperty.call(ROUTING_OPTIONS, config.kind) ? ROUTING_OPTIONS[config.kind] : undefined;
    if (options) checkProps(constructPath, config, options, isToken, 'routing');
  }
}
