/**
 * The shapes of the Azure constructs' props, checked at runtime before anything else (see
 * `src/private/props.ts`): types, lists, finite numbers, enums, tag limits. Names, SKUs, ASNs,
 * prefixes and algorithm names are checked by the constructs (their messages name Azure's rules).
 *
 * Tags: at most 50 per resource, names up to 512 characters, values up to 256 (Azure Resource
 * Manager limits). Resource group names: 1-90 characters.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
 * @internal
 */
import { Token } from '../private/cdktf';
import { ADDRESS, ASN, CIDR, CIDRS, KEY_OR_STRING, SITE_ID } from '../private/common-shapes';
import { ObjectShape, bool, checkProps, either, instance, int, isObject, list, map, num, obj, optional, renamed, required, str } from '../private/props';
import { AzureConnectionMode, AzureGatewayInstance } from './interfaces';

/** The options of the tunnels' alarms (`alarms.ts`; values are checked there). */
const ALARM_OPTIONS = {
  severity: optional(num()),
  frequency: optional(str({ max: 16 })),
  windowSize: optional(str({ max: 16 })),
  tunnelThreshold: optional(num()),
  bgpThreshold: optional(num()),
  actionGroupId: optional(str({ min: 1 })),
};

const CONNECTION_MODES: readonly string[] = Object.values(AzureConnectionMode);

const NAME = str({ min: 1 });
const RESOURCE_GROUP = str({ min: 1, max: 90 });
const LOCATION = str({ min: 1, max: 64 });
const ALGORITHM = str({ max: 64 });
const TAGS = map(str({ max: 256 }), { max: 50 });

export const AZURE_VPN_GATEWAY_PROPS: ObjectShape = {
  siteId: optional(SITE_ID),
  name: optional(NAME),
  resourceGroupName: required(RESOURCE_GROUP),
  location: required(LOCATION),
  cidrs: required(CIDRS()),
  virtualNetworkAddressSpace: renamed('cidrs', CIDRS()),
  virtualNetworkName: optional(str({ min: 1, max: 64 })),
  gatewaySubnetCidr: optional(CIDR),
  gatewaySubnetId: optional(str()),
  activeActive: optional(bool()),
  sku: optional(str({ max: 64 })),
  generation: optional(str({ max: 64 })),
  asn: optional(ASN),
  instance0ApipaAddresses: optional(list(ADDRESS, { max: 128 })),
  instance1ApipaAddresses: optional(list(ADDRESS, { max: 128 })),
  publicIpZones: optional(list(str({ max: 8 }), { max: 3 })),
  alarms: optional(either('true, false or alarm options (AzureVpnAlarmOptions)', [bool(), obj(ALARM_OPTIONS, 'AzureVpnAlarmOptions')])),
  tags: optional(TAGS),
};

export const AZURE_PEER_GATEWAY_PROPS: ObjectShape = {
  name: required(NAME),
  resourceGroupName: required(RESOURCE_GROUP),
  location: required(LOCATION),
  gatewayAddress: required(ADDRESS),
  cidrs: optional(CIDRS()),
  addressSpace: renamed('cidrs', CIDRS()),
  peerAsn: optional(ASN),
  bgpPeeringAddress: optional(ADDRESS),
  tags: optional(TAGS),
};

const GATEWAY = instance('an IAzureVpnGateway (an AzureVpnGateway, or an object with virtualNetworkGatewayId, resourceGroupName, location, activeActive and apipaAddressesOf)',
  (v) => isObject(v) && typeof v.apipaAddressesOf === 'function', {
    props: {
      virtualNetworkGatewayId: required(str()),
      resourceGroupName: required(RESOURCE_GROUP),
      location: required(LOCATION),
      activeActive: required(bool()),
    },
  });

const PEER = obj({
  localNetworkGatewayId: required(str()),
  peerAsn: optional(ASN),
}, 'an IAzurePeerGateway: an AzurePeerGateway, or { localNetworkGatewayId, peerAsn? }');

export const AZURE_VPN_CONNECTION_PROPS: ObjectShape = {
  name: required(NAME),
  gateway: required(GATEWAY),
  peer: required(PEER),
  sharedKey: required(KEY_OR_STRING(128)),
  ikeVersion: optional(ALGORITHM),
  ikeEncryption: optional(ALGORITHM),
  ikeIntegrity: optional(ALGORITHM),
  dhGroup: optional(ALGORITHM),
  ipsecEncryption: optional(ALGORITHM),
  ipsecIntegrity: optional(ALGORITHM),
  pfsGroup: optional(ALGORITHM),
  saLifetimeSeconds: optional(num()),
  saDataSizeKilobytes: optional(num()),
  dpdTimeoutSeconds: optional(num()),
  connectionMode: optional(str({ values: CONNECTION_MODES })),
  bgpEnabled: optional(bool()),
  customBgpPrimaryAddress: optional(ADDRESS),
  customBgpSecondaryAddress: optional(ADDRESS),
  trafficSelectorLocalCidrs: optional(CIDRS()),
  trafficSelectorRemoteCidrs: optional(CIDRS()),
  resourceGroupName: optional(RESOURCE_GROUP),
  location: optional(LOCATION),
  tags: optional(TAGS),
};

/** The attributes of an existing gateway (`AzureVpnGateway.fromVirtualNetworkGatewayAttributes`). */
export const AZURE_EXISTING_GATEWAY_ATTRS: ObjectShape = {
  siteId: optional(SITE_ID),
  virtualNetworkGatewayId: required(str({ min: 1, max: 1024 })),
  resourceGroupName: optional(RESOURCE_GROUP),
  location: required(LOCATION),
  sku: required(str({ max: 64 })),
  activeActive: required(bool()),
  publicIpAddresses: required(list(ADDRESS, { min: 1, max: 2 })),
  instance0ApipaAddresses: optional(list(ADDRESS, { max: 128 })),
  instance1ApipaAddresses: optional(list(ADDRESS, { max: 128 })),
  defaultBgpPeeringAddresses: optional(list(ADDRESS, { max: 2 })),
  ipConfigurationNames: optional(list(str({ min: 1, max: 80 }), { min: 1, max: 2 })),
  asn: required(ASN),
  cidrs: required(CIDRS({ min: 1 })),
  inUse: optional(obj({
    insideCidrs: optional(CIDRS()),
    insideAddresses: optional(list(ADDRESS, { max: 1024 })),
    connections: optional(int({ min: 0, max: 10000 })),
  }, 'what the gateway already uses: { insideCidrs?, insideAddresses?, connections? }')),
  maxConnections: optional(int({ min: 1, max: 10000 })),
  alarms: optional(either('true, false or alarm options (AzureVpnAlarmOptions)', [bool(), obj(ALARM_OPTIONS, 'AzureVpnAlarmOptions')])),
  tags: optional(TAGS),
};

export const AZURE_TUNNEL_ALARM_PROPS: ObjectShape = {
  ...ALARM_OPTIONS,
  name: required(str({ min: 1, max: 260 })),
  gateway: required(GATEWAY),
  watch: required(str({ values: ['tunnel', 'bgp-peer'] })),
  connectionName: optional(NAME),
  bgpPeerAddress: optional(ADDRESS),
  resourceGroupName: optional(RESOURCE_GROUP),
  tags: optional(TAGS),
};

/** The arguments of `AzureVpnGateway.addApipaAddresses`. */
export const AZURE_ADD_APIPA_ARGS: ObjectShape = {
  instance: required(str({ values: Object.values(AzureGatewayInstance) })),
  addresses: required(list(ADDRESS, { max: 128 })),
};

/** Checks the props of an Azure construct (`Token.isUnresolved` values pass). */
export function checkAzureProps(constructPath: string, props: unknown, shape: ObjectShape, prefix = ''): void {
  checkProps(constructPath, props, shape, (v) => Token.isUnresolved(v), prefix);
}
