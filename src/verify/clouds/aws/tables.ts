/**
 * What AWS accepts for a Site-to-Site VPN, as verify's own tables: every entry is written from
 * AWS's documentation and cites it. Nothing here is imported from the planner (`src/plan`) or the
 * AWS constructs (`src/aws`); a test compares the planner's spellings against these tables.
 *
 * Sources (short names used in `source` fields below):
 * - CFN-TUNNEL: CloudFormation `AWS::EC2::VPNConnection` `VpnTunnelOptionsSpecification`, as
 *   aws-cdk-lib 2.276.0 ships it (`aws-ec2/lib/ec2.generated.d.ts`,
 *   `CfnVPNConnection.VpnTunnelOptionsSpecificationProperty`), = docs.aws.amazon.com/AWSCloudFormation
 *   aws-properties-ec2-vpnconnection-vpntunneloptionsspecification.
 * - CFN-CONN / CFN-CGW / CFN-VGW / CFN-TGW / CFN-TGW-ROUTE / CFN-VPN-ROUTE: the same file,
 *   `CfnVPNConnectionProps`, `CfnCustomerGatewayProps`, `CfnVPNGatewayProps`, `CfnTransitGatewayProps`,
 *   `CfnTransitGatewayRouteProps`, `CfnVPNConnectionRoute` (docs: aws-resource-ec2-*).
 * - UG-TUNNELS: AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN
 *   connection" (docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html).
 * - UG-INITIATE: the same guide, "Site-to-Site VPN tunnel initiation options"
 *   (initiate-vpn-tunnels.html), "Rules and limitations".
 * - UG-CGW: the same guide, "Customer gateway options" (cgw-options.html).
 * - UG-HOW: the same guide, "How AWS Site-to-Site VPN works" (how_it_works.html).
 * - API-VGW: EC2 API Reference `CreateVpnGateway` (`AmazonSideAsn`).
 * - API-TGW: EC2 API Reference `TransitGatewayRequestOptions` / `ModifyTransitGatewayOptions`
 *   (`AmazonSideAsn`).
 * - API-CGW: EC2 API Reference `CreateCustomerGateway` (`BgpAsn`, `BgpAsnExtended`).
 * - API-CONN: EC2 API Reference `CreateVpnConnection` / `VpnConnectionOptionsSpecification`.
 * - KC-DPD: AWS Knowledge Center, "How do I troubleshoot VPN tunnel inactivity or instability"
 *   (aws.amazon.com/premiumsupport/knowledge-center/vpn-tunnel-instability-inactivity/).
 * - Z8: Azure's AWS guide (MicrosoftDocs azure-docs `articles/vpn-gateway/vpn-gateway-howto-aws-bgp.md`),
 *   as recorded in shared/reference/cloud-vpn-facts.md §2.
 */
import type { Assumption } from '../../types';

/** A documented rule: what is allowed, and where AWS says so. */
export interface AwsRule {
  /** What is allowed, in words (goes into a `Violation`). */
  readonly rule: string;
  readonly source: string;
}

/** An inclusive integer range with its default. */
export interface AwsRange extends AwsRule {
  readonly min: number;
  /** `undefined`: no upper bound documented. */
  readonly max?: number;
  /** The value AWS uses when the property is not written. */
  readonly default?: number;
}

const CFN_TUNNEL = (prop: string) => `CloudFormation AWS::EC2::VPNConnection VpnTunnelOptionsSpecification.${prop} (aws-cdk-lib 2.276.0 ec2.generated.d.ts)`;
const CFN = (resource: string, prop: string) => `CloudFormation ${resource}.${prop} (aws-cdk-lib 2.276.0 ec2.generated.d.ts)`;
const UG_TUNNELS = 'AWS Site-to-Site VPN User Guide, Tunnel options (VPNTunnels.html)';

// ---------------------------------------------------------------------------------------------
// Algorithms: the API spelling → strongSwan keyword.

/**
 * Phase 1 and phase 2 encryption algorithms (the same four values in both phases), API spelling →
 * strongSwan keyword. CFN-TUNNEL Phase1EncryptionAlgorithms / Phase2EncryptionAlgorithms: "Valid
 * values: AES128 | AES256 | AES128-GCM-16 | AES256-GCM-16"; UG-TUNNELS defaults: the same list.
 */
export const AWS_ENCRYPTION: Readonly<Record<string, string>> = {
  'AES128': 'aes128',
  'AES256': 'aes256',
  'AES128-GCM-16': 'aes128gcm16',
  'AES256-GCM-16': 'aes256gcm16',
};
export const AWS_ENCRYPTION_SOURCE = `${CFN_TUNNEL('Phase1EncryptionAlgorithms')}, Phase2EncryptionAlgorithms`;

/**
 * Phase 1 and phase 2 integrity algorithms, API spelling → strongSwan keyword. CFN-TUNNEL
 * Phase1IntegrityAlgorithms / Phase2IntegrityAlgorithms: "Valid values: SHA1 | SHA2-256 | SHA2-384 |
 * SHA2-512" (HMAC-SHA2 with the RFC 4868 truncation, strongSwan `sha256` etc.).
 */
export const AWS_INTEGRITY: Readonly<Record<string, string>> = {
  'SHA1': 'sha1',
  'SHA2-256': 'sha256',
  'SHA2-384': 'sha384',
  'SHA2-512': 'sha512',
};
export const AWS_INTEGRITY_SOURCE = `${CFN_TUNNEL('Phase1IntegrityAlgorithms')}, Phase2IntegrityAlgorithms`;

/** Phase 1 DH groups. CFN-TUNNEL Phase1DHGroupNumbers: "Valid values: 2 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24". */
export const AWS_PHASE1_DH: readonly number[] = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
export const AWS_PHASE1_DH_SOURCE = CFN_TUNNEL('Phase1DHGroupNumbers');

/**
 * Phase 2 (PFS) DH groups. CFN-TUNNEL Phase2DHGroupNumbers: "Valid values: 2 | 5 | 14 | 15 | 16 |
 * 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24". No value turns PFS off (none is listed).
 */
export const AWS_PHASE2_DH: readonly number[] = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
export const AWS_PHASE2_DH_SOURCE = CFN_TUNNEL('Phase2DHGroupNumbers');

/** IKE versions, API spelling → strongSwan `version`. CFN-TUNNEL IKEVersions: "Valid values: ikev1 | ikev2"; UG-TUNNELS default: both. */
export const AWS_IKE_VERSIONS: Readonly<Record<string, 1 | 2>> = { ikev1: 1, ikev2: 2 };
export const AWS_IKE_VERSIONS_SOURCE = `${CFN_TUNNEL('IKEVersions')}; ${UG_TUNNELS} (default: ikev1, ikev2)`;

/**
 * What an unwritten list means: "All default values will be associated with that tunnel option
 * if you don't choose specific values" (UG-TUNNELS): every value of the list above.
 */
export const AWS_UNSET_LIST_MEANS_ALL_SOURCE = `${UG_TUNNELS}: unset options take every default value`;

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Tunnel option ranges and defaults (CFN-TUNNEL constraints; UG-TUNNELS where it adds to them). */
export const AWS_TUNNEL_RANGES = {
  /** Phase1LifetimeSeconds: "A value between 900 and 28,800. Default: 28800". */
  phase1LifetimeSeconds: { min: 900, max: 28800, default: 28800, rule: '900-28800 seconds', source: CFN_TUNNEL('Phase1LifetimeSeconds') },
  /**
   * Phase2LifetimeSeconds: "A value between 900 and 3,600. The value must be less than the value
   * for Phase1LifetimeSeconds. Default: 3600".
   */
  phase2LifetimeSeconds: { min: 900, max: 3600, default: 3600, rule: '900-3600 seconds and less than Phase1LifetimeSeconds', source: CFN_TUNNEL('Phase2LifetimeSeconds') },
  /**
   * RekeyMarginTimeSeconds: "A value between 60 and half of Phase2LifetimeSeconds" (UG-TUNNELS:
   * "a number between 60 and half of the value of the phase 2 lifetime seconds"). Default 270 in
   * the CloudFormation text, 540 in the user guide: verify models no rekey margin, so the
   * disagreement does not matter here.
   */
  rekeyMarginTimeSeconds: { min: 60, default: 270, rule: '60 to half of Phase2LifetimeSeconds', source: `${CFN_TUNNEL('RekeyMarginTimeSeconds')}; ${UG_TUNNELS}` },
  /** RekeyFuzzPercentage: "A value between 0 and 100. Default: 100". */
  rekeyFuzzPercentage: { min: 0, max: 100, default: 100, rule: '0-100 percent', source: CFN_TUNNEL('RekeyFuzzPercentage') },
  /** ReplayWindowSize: "A value between 64 and 2048. Default: 1024". */
  replayWindowSize: { min: 64, max: 2048, default: 1024, rule: '64-2048 packets', source: CFN_TUNNEL('ReplayWindowSize') },
  /** DPDTimeoutSeconds: "A value greater than or equal to 30. Default: 30" (UG-TUNNELS: "30 or higher", default 30). */
  dpdTimeoutSeconds: { min: 30, default: 30, rule: '30 seconds or more', source: `${CFN_TUNNEL('DPDTimeoutSeconds')}; ${UG_TUNNELS}` },
} satisfies Record<string, AwsRange>;

/**
 * How often AWS probes an idle peer: "If AWS receives no traffic from a VPN peer for 10 seconds,
 * AWS sends a DPD R-U-THERE message" (KC-DPD); consistent with the EC2 API's "A DPD timeout of 40
 * seconds means that the VPN endpoint will consider the peer dead 30 seconds after the first
 * failed keep-alive" (ModifyVpnTunnelOptionsSpecification.DPDTimeoutSeconds).
 */
export const AWS_DPD_INTERVAL = { seconds: 10, source: 'AWS Knowledge Center vpn-tunnel-instability-inactivity (DPD after 10 s without traffic); EC2 API ModifyVpnTunnelOptionsSpecification.DPDTimeoutSeconds' };

/**
 * The same options when the tunnel options resource (`Custom::VpnTunnelOptions`) sets them: EC2
 * API Reference `ModifyVpnTunnelOptionsSpecification`
 * (docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptionsSpecification.html),
 * which states per member: Phase1LifetimeSeconds "A value between 900 and 28,800", default 28800;
 * Phase2LifetimeSeconds "A value between 900 and 3,600. The value must be less than the value for
 * Phase1LifetimeSeconds", default 3600; RekeyMarginTimeSeconds "A value between 60 and half of
 * Phase2LifetimeSeconds", default 270; RekeyFuzzPercentage "A value between 0 and 100", default
 * 100; ReplayWindowSize "A value between 64 and 2048", default 1024; DPDTimeoutSeconds "A value
 * greater than or equal to 30", default 40 (not 30 as for a new connection: "A DPD timeout of 40
 * seconds means that the VPN endpoint will consider the peer dead 30 seconds after the first
 * failed keep-alive"); the same valid values as a new connection for DPDTimeoutAction,
 * StartupAction, IKEVersions, the algorithm lists and the DH groups, and the same constraints for
 * PreSharedKey and TunnelInsideCidr. The call modifies "one tunnel at a time" (ModifyVpnTunnelOptions).
 */
export const AWS_MODIFY_SOURCE = (prop: string) => `EC2 API ModifyVpnTunnelOptionsSpecification.${prop} (API_ModifyVpnTunnelOptionsSpecification.html)`;

/** A request parameter of EC2 `ModifyVpnTunnelOptions` itself. */
const MODIFY_API = (param: string) => `EC2 API ModifyVpnTunnelOptions.${param} (API_ModifyVpnTunnelOptions.html)`;

/** `AWS_TUNNEL_RANGES` as ModifyVpnTunnelOptionsSpecification states them (see `AWS_MODIFY_SOURCE`). */
export const AWS_MODIFY_TUNNEL_RANGES = {
  phase1LifetimeSeconds: { min: 900, max: 28800, default: 28800, rule: '900-28800 seconds', source: AWS_MODIFY_SOURCE('Phase1LifetimeSeconds') },
  phase2LifetimeSeconds: { min: 900, max: 3600, default: 3600, rule: '900-3600 seconds and less than Phase1LifetimeSeconds', source: AWS_MODIFY_SOURCE('Phase2LifetimeSeconds') },
  rekeyMarginTimeSeconds: { min: 60, default: 270, rule: '60 to half of Phase2LifetimeSeconds', source: AWS_MODIFY_SOURCE('RekeyMarginTimeSeconds') },
  rekeyFuzzPercentage: { min: 0, max: 100, default: 100, rule: '0-100 percent', source: AWS_MODIFY_SOURCE('RekeyFuzzPercentage') },
  replayWindowSize: { min: 64, max: 2048, default: 1024, rule: '64-2048 packets', source: AWS_MODIFY_SOURCE('ReplayWindowSize') },
  dpdTimeoutSeconds: { min: 30, default: 40, rule: '30 seconds or more', source: AWS_MODIFY_SOURCE('DPDTimeoutSeconds') },
} satisfies Record<keyof typeof AWS_TUNNEL_RANGES, AwsRange>;

/**
 * What the tunnel options resource needs to address a tunnel. ModifyVpnTunnelOptions takes
 * `VpnConnectionId` and `VpnTunnelOutsideIpAddress` ("Required: Yes"); the template knows neither
 * outside IP, so each entry names its tunnel by `TunnelInsideCidr`, which must be one of the
 * connection's; one tunnel per entry, at most the connection's two (UG-TUNNELS). A key by
 * reference is a secure dynamic reference without its delimiters, because "Dynamic references for
 * secure values, such as ssm-secure and secretsmanager, are not currently supported in custom
 * resources" (CloudFormation User Guide, dynamic-references.html).
 */
export const AWS_MODIFY_RESOURCE = {
  connection: { rule: 'VpnConnectionId: the VPN connection whose tunnels are modified (required)', source: MODIFY_API('VpnConnectionId') },
  tunnels: { rule: 'Tunnels: one or two entries, one per tunnel of the connection', source: `${MODIFY_API('VpnTunnelOutsideIpAddress')}; ${UG_TUNNELS}` },
  identifies: { rule: 'TunnelInsideCidr names the tunnel modified: one of the connection\'s tunnel inside CIDRs, each at most once', source: `${MODIFY_API('VpnTunnelOutsideIpAddress')} (the tunnel is found by its inside CIDR)` },
  oneResource: { rule: 'one tunnel options resource per VPN connection (two would modify the same tunnels with different options)', source: 'EC2 API ModifyVpnTunnelOptions ("you can only modify one tunnel at a time")' },
  reference: { rule: 'a secure dynamic reference without {{resolve: and }}: secretsmanager:<secret-id>… or ssm-secure:<name>…', source: 'CloudFormation User Guide, dynamic-references.html (secure references not supported in custom resources)' },
};

// ---------------------------------------------------------------------------------------------
// Enumerations.

/** DPDTimeoutAction: "Valid Values: clear | none | restart. Default: clear". */
export const AWS_DPD_ACTIONS = { values: ['clear', 'none', 'restart'] as const, default: 'clear' as const, source: CFN_TUNNEL('DPDTimeoutAction') };

/** StartupAction: "Valid Values: add | start. Default: add"; `start` = AWS initiates IKE. */
export const AWS_STARTUP_ACTIONS = { values: ['add', 'start'] as const, default: 'add' as const, source: CFN_TUNNEL('StartupAction') };

/** `start` needs IKEv2 only: "IKE initiation (startup action) from the AWS side of the VPN connection is supported for IKEv2 only" (UG-INITIATE). */
export const AWS_START_NEEDS_IKEV2: AwsRule = {
  rule: 'StartupAction start (AWS initiates IKE) is supported for IKEv2 only: IKEVersions must be [ikev2]',
  source: 'AWS Site-to-Site VPN User Guide, Tunnel initiation options, Rules and limitations (initiate-vpn-tunnels.html)',
};

/** Connection / gateway `Type`: "The supported connection type is ipsec.1" (API-CONN); CFN-CGW Type "( ipsec.1 )"; API-VGW Type "Valid Values: ipsec.1". */
export const AWS_VPN_TYPE = { value: 'ipsec.1', source: 'EC2 API CreateVpnConnection / CreateCustomerGateway / CreateVpnGateway (Type: ipsec.1)' };

/** Connection-level enumerations (CFN-CONN). */
export const AWS_CONNECTION_ENUMS = {
  /** OutsideIpAddressType: "Valid values: PrivateIpv4 | PublicIpv4 | Ipv6. Default: PublicIpv4". */
  OutsideIpAddressType: { values: ['PrivateIpv4', 'PublicIpv4', 'Ipv6'], source: CFN('AWS::EC2::VPNConnection', 'OutsideIpAddressType') },
  /** TunnelInsideIpVersion: "Indicate whether the VPN tunnels process IPv4 or IPv6 traffic. Default: ipv4". */
  TunnelInsideIpVersion: { values: ['ipv4', 'ipv6'], source: CFN('AWS::EC2::VPNConnection', 'TunnelInsideIpVersion') },
  /** TunnelBandwidth: "standard supports up to 1.25 Gbps per tunnel, while large supports up to 5 Gbps". */
  TunnelBandwidth: { values: ['standard', 'large'], source: CFN('AWS::EC2::VPNConnection', 'TunnelBandwidth') },
  /** PreSharedKeyStorage: Standard / SecretsManager (shared/reference/cloud-vpn-facts.md, December 2026). */
  PreSharedKeyStorage: { values: ['Standard', 'SecretsManager'], source: `${CFN('AWS::EC2::VPNConnection', 'PreSharedKeyStorage')}; cloud-vpn-facts.md December 2026` },
} as const;

/** "You must specify either TransitGatewayId or VpnGatewayId, but not both" (CFN-CONN). */
export const AWS_ONE_GATEWAY: AwsRule = { rule: 'exactly one of VpnGatewayId and TransitGatewayId', source: CFN('AWS::EC2::VPNConnection', 'VpnGatewayId / TransitGatewayId') };

/** TransportTransitGatewayAttachmentId: "Required if OutsideIpAddressType is set to PrivateIpv4" (CFN-CONN). */
export const AWS_PRIVATE_IP_NEEDS_TRANSPORT: AwsRule = { rule: 'TransportTransitGatewayAttachmentId is required when OutsideIpAddressType is PrivateIpv4', source: CFN('AWS::EC2::VPNConnection', 'TransportTransitGatewayAttachmentId') };

/** "Each Site-to-Site VPN connection has two tunnels" (UG-TUNNELS): at most two tunnel option blocks. */
export const AWS_TWO_TUNNELS: AwsRule = { rule: 'at most 2 entries (a VPN connection has two tunnels)', source: UG_TUNNELS };

/** A virtual private gateway has no IPv6 VPN: "Virtual private gateways do not support IPv6 for Site-to-Site VPN connections" (UG-HOW). */
export const AWS_VGW_NO_IPV6: AwsRule = { rule: 'IPv6 tunnels need a transit gateway: a virtual private gateway does not support IPv6 VPN connections', source: 'AWS Site-to-Site VPN User Guide, How it works, Virtual private gateway (how_it_works.html)' };

/**
 * EnableAcceleration: "Acceleration is only supported for Site-to-Site VPN connections that are
 * attached to a transit gateway. Virtual private gateways do not support accelerated VPN
 * connections" (AWS Site-to-Site VPN User Guide, Accelerated Site-to-Site VPN connections).
 */
export const AWS_ACCELERATION_NEEDS_TGW: AwsRule = { rule: 'acceleration is supported only on a transit gateway: a virtual private gateway does not support accelerated VPN connections', source: 'AWS Site-to-Site VPN User Guide, Accelerated Site-to-Site VPN connections (accelerated-vpn.html)' };

/**
 * TunnelBandwidth `large`: large (5 Gbps) tunnels are offered on transit gateway and AWS Cloud
 * WAN attachments, not on a virtual private gateway (AWS Site-to-Site VPN User Guide, Tunnel
 * options, "Tunnel bandwidth options"); the Terraform AWS provider documents `tunnel_bandwidth`
 * as "Not supported when vpn_gateway_id is specified, or enable_acceleration is true".
 */
export const AWS_LARGE_TUNNELS: { readonly needsTgw: AwsRule; readonly notAccelerated: AwsRule } = {
  needsTgw: {
    rule: "TunnelBandwidth large (5 Gbps) is offered on transit gateways (and Cloud WAN) only: a virtual private gateway takes 'standard'",
    source: `${UG_TUNNELS}, Tunnel bandwidth options; Terraform AWS provider aws_vpn_connection.tunnel_bandwidth ("Not supported when vpn_gateway_id is specified")`,
  },
  notAccelerated: {
    rule: 'TunnelBandwidth large is not supported on an accelerated connection (EnableAcceleration true)',
    source: 'Terraform AWS provider aws_vpn_connection.tunnel_bandwidth ("Not supported when ... enable_acceleration is true")',
  },
};

/**
 * What an existing virtual private gateway's other connections use (`Metadata.CrossCloudVpn.Gateway.InsideCidrsInUse`,
 * the library's output contract): "Any specified CIDR blocks must be unique across all VPN
 * connections that use the same virtual private gateway" (CFN-TUNNEL TunnelInsideCidr).
 */
export const AWS_INSIDE_CIDR_IN_USE: AwsRule = {
  rule: 'unique across all VPN connections of the same virtual private gateway, its existing ones included (Metadata.CrossCloudVpn.Gateway.InsideCidrsInUse)',
  source: CFN_TUNNEL('TunnelInsideCidr'),
};

/**
 * TunnelInsideIpv6Cidr: "A size /126 CIDR block from the local fd00::/8 range"; "unique across all
 * VPN connections that use the same transit gateway" (CFN-TUNNEL).
 */
export const AWS_INSIDE_IPV6_CIDR = { range: 'fd00::/8', prefixLength: 126, rule: 'a /126 inside fd00::/8', source: CFN_TUNNEL('TunnelInsideIpv6Cidr') };

// ---------------------------------------------------------------------------------------------
// Pre-shared keys.

/**
 * PreSharedKey: "Allowed characters are alphanumeric characters, periods (.), and underscores (_).
 * Must be between 8 and 64 characters in length and cannot start with zero (0)" (CFN-TUNNEL,
 * UG-TUNNELS).
 */
export const AWS_PSK = {
  minLength: 8,
  maxLength: 64,
  charset: /^[A-Za-z0-9._]*$/,
  rule: '8-64 characters of letters, digits, "." and "_", not starting with "0"',
  source: `${CFN_TUNNEL('PreSharedKey')}; ${UG_TUNNELS}`,
};

// ---------------------------------------------------------------------------------------------
// Inside addresses.

/**
 * TunnelInsideCidr: "A size /30 CIDR block from the 169.254.0.0/16 range. The following CIDR blocks
 * are reserved and cannot be used: 169.254.0.0/30 … 169.254.5.0/30, 169.254.169.252/30. Any
 * specified CIDR blocks must be unique across all VPN connections that use the same virtual
 * private gateway" (CFN-TUNNEL). On a transit gateway uniqueness is not required: "The CIDR block
 * does not need to be unique across all connections on a transit gateway" (UG-TUNNELS).
 */
export const AWS_INSIDE_CIDR = {
  range: '169.254.0.0/16',
  prefixLength: 30,
  reserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'],
  rule: 'a /30 inside 169.254.0.0/16, not one of 169.254.0.0/30-169.254.5.0/30 or 169.254.169.252/30',
  source: CFN_TUNNEL('TunnelInsideCidr'),
  unique: { rule: 'unique across all VPN connections (and tunnels) of the same virtual private gateway', source: CFN_TUNNEL('TunnelInsideCidr') },
};

/**
 * Which end takes which host of the /30: AWS the first, the customer gateway the second (Z8,
 * Azure's AWS guide; AWS's configuration files show the same split).
 */
export const AWS_INSIDE_SPLIT_SOURCE = 'Azure VPN Gateway docs, How to connect AWS and Azure using BGP (cloud-vpn-facts.md Z8)';

// ---------------------------------------------------------------------------------------------
// ASNs.

/** ASN ranges as [min, max] pairs. */
export type AsnRanges = readonly (readonly [number, number])[];

/**
 * Amazon-side ASN of a virtual private gateway: "If you're using a 16-bit ASN, it must be in the
 * 64512 to 65534 range. If you're using a 32-bit ASN, it must be in the 4200000000 to 4294967294
 * range. Default: 64512" (API-VGW); UG-HOW: "If you don't specify an ASN, the virtual private
 * gateway is created with the default ASN (64512)".
 */
export const AWS_VGW_ASN = {
  ranges: [[64512, 65534], [4200000000, 4294967294]] as AsnRanges,
  default: 64512,
  rule: '64512-65534 or 4200000000-4294967294 (private ASNs)',
  source: 'EC2 API CreateVpnGateway.AmazonSideAsn; AWS Site-to-Site VPN User Guide, How it works',
};

/**
 * Amazon-side ASN of a transit gateway: "The range is 64512 to 65534 for 16-bit ASNs and
 * 4200000000 to 4294967294 for 32-bit ASNs" (API-TGW); CFN-TGW: "The default is 64512".
 */
export const AWS_TGW_ASN = {
  ranges: [[64512, 65534], [4200000000, 4294967294]] as AsnRanges,
  default: 64512,
  rule: '64512-65534 or 4200000000-4294967294 (private ASNs)',
  source: `EC2 API TransitGatewayRequestOptions.AmazonSideAsn; ${CFN('AWS::EC2::TransitGateway', 'AmazonSideAsn')}`,
};

/**
 * Transit gateway switches: "Valid Values: enable | disable" for AutoAcceptSharedAttachments,
 * DefaultRouteTableAssociation, DefaultRouteTablePropagation, DnsSupport, MulticastSupport and
 * VpnEcmpSupport (EC2 API TransitGatewayRequestOptions).
 */
export const AWS_TGW_SWITCHES = {
  names: ['AutoAcceptSharedAttachments', 'DefaultRouteTableAssociation', 'DefaultRouteTablePropagation', 'DnsSupport', 'MulticastSupport', 'VpnEcmpSupport'],
  values: ['enable', 'disable'],
  source: 'EC2 API TransitGatewayRequestOptions (Valid Values: enable | disable)',
};

/**
 * Customer gateway ASN: "You must specify either BgpAsn or BgpAsnExtended when creating the
 * customer gateway. If the ASN is larger than 2,147,483,647, you must use BgpAsnExtended";
 * BgpAsn "Valid values: 1 to 2,147,483,647", "Default: 65000"; BgpAsnExtended "Valid values:
 * 2,147,483,648 to 4,294,967,295" (CFN-CGW, API-CGW; cloud-vpn-facts.md December 2026).
 */
export const AWS_CGW_ASN = {
  bgpAsn: { min: 1, max: 2147483647, rule: '1-2147483647 (larger ASNs go in BgpAsnExtended)', source: `${CFN('AWS::EC2::CustomerGateway', 'BgpAsn')}; EC2 API CreateCustomerGateway` },
  bgpAsnExtended: { min: 2147483648, max: 4294967295, rule: '2147483648-4294967295 (smaller ASNs go in BgpAsn)', source: `${CFN('AWS::EC2::CustomerGateway', 'BgpAsnExtended')}; EC2 API CreateCustomerGateway` },
  exactlyOne: { rule: 'exactly one of BgpAsn and BgpAsnExtended', source: `${CFN('AWS::EC2::CustomerGateway', 'BgpAsn')} ("You must specify either BgpAsn or BgpAsnExtended")` },
  default: 65000,
};

// ---------------------------------------------------------------------------------------------
// Static routes.

/**
 * `AWS::EC2::VPNConnectionRoute`: "a static route for a VPN connection between an existing virtual
 * private gateway and a VPN customer gateway" (CFN-VPN-ROUTE); static routes are for connections
 * with StaticRoutesOnly: "If you are creating a VPN connection for a device that does not support
 * BGP, you must specify true. Use CreateVpnConnectionRoute to create a static route"
 * (API-CONN VpnConnectionOptionsSpecification.StaticRoutesOnly). On a transit gateway, static
 * routes are `AWS::EC2::TransitGatewayRoute` (cloud-vpn-facts.md December 2026).
 */
export const AWS_VPN_ROUTE = {
  vgwOnly: { rule: 'a VPN connection route needs a connection on a virtual private gateway (transit gateways take AWS::EC2::TransitGatewayRoute)', source: 'CloudFormation AWS::EC2::VPNConnectionRoute (aws-cdk-lib ec2.generated.d.ts); cloud-vpn-facts.md December 2026' },
  staticOnly: { rule: 'a VPN connection route needs a connection with StaticRoutesOnly true', source: 'EC2 API VpnConnectionOptionsSpecification.StaticRoutesOnly ("Use CreateVpnConnectionRoute to create a static route")' },
  destination: { rule: 'an IPv4 CIDR block (a.b.c.d/n, no host bits)', source: CFN('AWS::EC2::VPNConnectionRoute', 'DestinationCidrBlock') },
};

/** `AWS::EC2::TransitGatewayRoute` (CFN-TGW-ROUTE): DestinationCidrBlock and TransitGatewayRouteTableId required; an attachment unless Blackhole. */
export const AWS_TGW_ROUTE = {
  destination: { rule: 'an IPv4 CIDR block (a.b.c.d/n, no host bits)', source: CFN('AWS::EC2::TransitGatewayRoute', 'DestinationCidrBlock') },
  routeTable: { rule: 'required', source: CFN('AWS::EC2::TransitGatewayRoute', 'TransitGatewayRouteTableId') },
  attachment: { rule: 'a route that is not Blackhole needs TransitGatewayAttachmentId', source: CFN('AWS::EC2::TransitGatewayRoute', 'TransitGatewayAttachmentId / Blackhole') },
  tgwConnection: { rule: 'the attachment must be a VPN connection on a transit gateway (a connection on a virtual private gateway has no transit gateway attachment)', source: `${CFN('AWS::EC2::TransitGatewayRoute', 'TransitGatewayAttachmentId')}; cloud-vpn-facts.md December 2026` },
};

// ---------------------------------------------------------------------------------------------
// What no source states.

/**
 * Behaviour the AWS model relies on that no AWS documentation states. Listed in the report
 * (`--json`) and in the README's table of assumptions.
 */
export const AWS_ASSUMPTIONS = {
  bgpTimers: {
    id: 'aws-bgp-timers',
    cloud: 'aws',
    what: 'AWS BGP hold time 30 s and keepalive 10 s',
    why: 'No AWS Site-to-Site VPN page states the BGP timers of the AWS side (the Direct Connect guide documents 90/30 s for Direct Connect only); a capture of a real AWS BGP OPEN would settle it.',
  },
  bgpOpensSession: {
    id: 'aws-bgp-active',
    cloud: 'aws',
    what: 'the AWS side opens the BGP session itself (not passive)',
    why: 'AWS documents that its customer gateway must establish BGP peerings, not whether AWS also connects actively; Azure\'s AWS guide relies on it working with Azure passive on APIPA addresses.',
  },
  initiatorOffer: {
    id: 'aws-initiator-offer',
    cloud: 'aws',
    what: 'as initiator (StartupAction start), AWS offers every combination of the tunnel\'s permitted algorithms',
    why: 'The guide documents what AWS accepts as responder ("evaluates proposals … starting with the lowest configured value"), not what it sends when it initiates.',
  },
} satisfies Record<string, Assumption>;

/** Every AWS assumption, for the README table and tests. */
export const AWS_ASSUMPTION_LIST: readonly Assumption[] = Object.values(AWS_ASSUMPTIONS);

/** The BGP timers the model uses (unsourced: see `AWS_ASSUMPTIONS.bgpTimers`). */
export const AWS_BGP_TIMERS = { holdSeconds: 30, keepaliveSeconds: 10, assumption: AWS_ASSUMPTIONS.bgpTimers };
