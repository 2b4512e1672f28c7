/**
 * The shapes of the AWS constructs' props, checked at runtime before anything else (see
 * `src/private/props.ts`): types, lists, finite integers, enums. The ranges AWS documents are
 * checked by the constructs (from `src/plan/facts.ts`).
 *
 * Integer options are EC2 API `Integer`s (32-bit): a larger value is refused here, not by
 * CloudFormation at deploy time.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html
 * @internal
 */
import { Annotations, Token } from 'aws-cdk-lib/core';
import { ASN, CIDR, CIDRS, ADDRESS, SITE_ID, isPresharedKey, isSecretValue } from '../private/common-shapes';
import type { IConstruct } from 'constructs';
import { ObjectShape, PROP_LIMITS, bool, checkProps, either, instance, int, isObject, list, num, obj, optional, renamed, renamedPropMessage, required, str, withRenamedProps } from '../private/props';
import { AwsGatewayKind } from './gateway-kind';

const NAME = str({ max: 64 });
const NAMES = list(NAME, { min: 0, max: 20 });
const DH_GROUPS = list(num(), { min: 0, max: 20 });

const IN_USE = obj({
  insideCidrs: optional(list(CIDR, { min: 0, max: 1000 })),
  insideAddresses: optional(list(ADDRESS, { min: 0, max: 1000 })),
  connections: optional(int({ min: 0, max: PROP_LIMITS.maxInteger })),
}, 'what the gateway already uses: { insideCidrs?, insideAddresses?, connections? }');

/** `AwsConnectionOptions` (connection-options.ts); the bandwidth's values are checked there. */
const CONNECTION_OPTIONS: ObjectShape = {
  tunnelBandwidth: optional(str({ max: 16 })),
  acceleration: optional(bool()),
};


export const AWS_TUNNEL_OPTIONS: ObjectShape = {
  presharedKey: required(either('a SecretValue (SecretValue.secretsManager(...), SecretValue.ssmSecure(...)) or a planner PresharedKey', [
    instance('a SecretValue', isSecretValue), instance('a PresharedKey', isPresharedKey),
  ], { secret: true })),
  insideCidr: required(CIDR),
  ikeVersions: optional(NAMES),
  phase1EncryptionAlgorithms: optional(NAMES),
  phase1IntegrityAlgorithms: optional(NAMES),
  phase1DhGroupNumbers: optional(DH_GROUPS),
  phase2EncryptionAlgorithms: optional(NAMES),
  phase2IntegrityAlgorithms: optional(NAMES),
  phase2DhGroupNumbers: optional(DH_GROUPS),
  phase1LifetimeSeconds: optional(num()),
  phase2LifetimeSeconds: optional(num()),
  rekeyMarginTimeSeconds: optional(num()),
  rekeyFuzzPercentage: optional(num()),
  replayWindowSizePackets: optional(num()),
  // AWS documents a minimum only (30 s); the API's integer type bounds it above.
  dpdTimeoutSeconds: optional(int({ min: 0, max: PROP_LIMITS.maxInteger, unit: ' s' })),
  // Enum values are checked by the construct (its messages name AWS's values).
  dpdTimeoutAction: optional(NAME),
  startupAction: optional(NAME),
};

const GATEWAY = obj({
  vpnGatewayId: optional(str()),
  transitGatewayId: optional(str()),
  asn: required(ASN),
  amazonSideAsn: renamed('asn', ASN),
}, 'an IAwsVpnGateway: an AwsVpnGateway, or { vpnGatewayId or transitGatewayId, asn }');

const PEER = obj({
  customerGatewayId: required(str()),
  peerAsn: required(ASN),
}, 'an IAwsPeerGateway: an AwsPeerGateway, or { customerGatewayId, peerAsn }');

export const AWS_VPN_CONNECTION_PROPS: ObjectShape = {
  gateway: required(GATEWAY),
  peer: required(PEER),
  tunnel1: required(obj(AWS_TUNNEL_OPTIONS, 'tunnel options { presharedKey, insideCidr, ... }')),
  tunnel2: required(obj(AWS_TUNNEL_OPTIONS, 'tunnel options { presharedKey, insideCidr, ... }')),
  staticRoutesOnly: optional(bool()),
  staticRoutes: optional(CIDRS()),
  awsNetworkCidr: optional(CIDR),
  peerNetworkCidr: optional(CIDR),
  ...CONNECTION_OPTIONS,
};

export const AWS_PEER_GATEWAY_PROPS: ObjectShape = {
  ipAddress: required(ADDRESS),
  peerAsn: optional(ASN),
};

/** What gateways and their imports share besides the kind. */
const GATEWAY_COMMON: ObjectShape = {
  siteId: optional(SITE_ID),
  inUse: optional(IN_USE),
  alarms: optional(either('true, false or alarm options { threshold?, periodSeconds?, evaluationPeriods?, topic? }', [bool(), obj({
    threshold: optional(num()),
    periodSeconds: optional(int({ min: 0, max: PROP_LIMITS.maxInteger, unit: ' s' })),
    evaluationPeriods: optional(int({ min: 0, max: PROP_LIMITS.maxInteger })),
    topic: optional(instance('an sns.ITopic (e.g. an sns.Topic, or sns.Topic.fromTopicArn(...))', (v) => isObject(v) && typeof v.topicArn === 'string')),
  }, 'alarm options { threshold?, periodSeconds?, evaluationPeriods?, topic? }')])),
  ...CONNECTION_OPTIONS,
};

export const AWS_VPN_GATEWAY_PROPS: ObjectShape = {
  kind: required(instance('an AwsGatewayKind: AwsGatewayKind.vpnGateway(...), .transitGateway(...) or .existingTransitGateway(...)', (v) => v instanceof AwsGatewayKind && isObject(v._config) && typeof v._config.type === 'string')),
  asn: optional(ASN),
  amazonSideAsn: renamed('asn', ASN),
  cidrs: optional(CIDRS()),
  ...GATEWAY_COMMON,
};

const EC2_ID = str({ min: 1, max: 64 });

/** `AwsVpnGatewayAttributes` (`AwsVpnGateway.fromVpnGatewayAttributes`). */
export const AWS_VPN_GATEWAY_ATTRIBUTES: ObjectShape = {
  vpnGatewayId: required(EC2_ID),
  asn: required(ASN),
  cidrs: required(CIDRS({ min: 1 })),
  routeTableIds: optional(list(EC2_ID, { min: 0, max: 200 })),
  ...GATEWAY_COMMON,
};

/** `AwsTransitGatewayAttributes` (`AwsVpnGateway.fromTransitGatewayAttributes`). */
export const AWS_TRANSIT_GATEWAY_ATTRIBUTES: ObjectShape = {
  transitGatewayId: required(EC2_ID),
  asn: required(ASN),
  cidrs: required(CIDRS({ min: 1 })),
  routing: optional(obj({
    routeTableId: optional(EC2_ID),
    associateVpnAttachments: optional(bool()),
    propagateVpnAttachments: optional(bool()),
  }, 'transit gateway routing { routeTableId?, associateVpnAttachments?, propagateVpnAttachments? }')),
  defaultRouteTableAssociation: optional(bool()),
  associationDefaultRouteTableId: optional(EC2_ID),
  defaultRouteTablePropagation: optional(bool()),
  propagationDefaultRouteTableId: optional(EC2_ID),
  ...GATEWAY_COMMON,
};

/** The options inside each gateway kind, by kind. */
const KIND_OPTIONS: Readonly<Record<string, ObjectShape>> = {
  'vpn-gateway': {
    vpc: required(instance('an ec2.IVpc (e.g. an ec2.Vpc, or ec2.Vpc.fromLookup(...))', (v) => isObject(v) && typeof v.vpcId === 'string'
      && typeof v.vpcCidrBlock === 'string' && isObject(v.node) && Array.isArray(v.privateSubnets) && Array.isArray(v.isolatedSubnets))),
    routeTableIds: optional(list(str(), { min: 0 })),
  },
  'existing-vpn-gateway': {
    routeTableIds: optional(list(str(), { min: 0 })),
  },
  'new-transit-gateway': {
    defaultRouteTableAssociation: optional(bool()),
    defaultRouteTablePropagation: optional(bool()),
    description: optional(str()),
  },
};

/**
 * `props` under the new names of its renamed props, with an aws-cdk-lib deprecation warning on
 * `scope` for each old name given (`Annotations.addDeprecation`: shown at synthesis, an error
 * with `CDK_BLOCK_DEPRECATIONS` set, as aws-cdk-lib's own deprecated APIs).
 */
export function currentAwsProps<T extends object>(scope: IConstruct, props: T, shape: ObjectShape, type: string): T {
  const { props: current, deprecated } = withRenamedProps(props, shape);
  for (const d of deprecated) Annotations.of(scope).addDeprecation(`cross-cloud-vpn/aws.${type}#${d.old}`, renamedPropMessage(d));
  return current;
}

/** Checks the props of an AWS construct (`Token.isUnresolved` values pass). */
export function checkAwsProps(constructPath: string, props: unknown, shape: ObjectShape): void {
  checkProps(constructPath, props, shape, (v) => Token.isUnresolved(v));
  if (shape === AWS_VPN_GATEWAY_PROPS) {
    const config = (props as { kind: AwsGatewayKind }).kind._config;
    const options = Object.prototype.hasOwnProperty.call(KIND_OPTIONS, config.type) ? KIND_OPTIONS[config.type] : undefined;
    if (options) checkProps(constructPath, (config as { options?: unknown }).options, options, (v) => Token.isUnresolved(v), 'kind.options');
    if (config.type === 'existing-transit-gateway') checkProps(constructPath, { transitGatewayId: config.transitGatewayId }, { transitGatewayId: required(str({ max: 64 })) }, (v) => Token.isUnresolved(v), 'kind');
  }
}
