/**
 * What Alibaba Cloud's VPN Gateway API and its Terraform provider accept, and the API's defaults:
 * verify's own tables, written from the sources below (never from the planner's `src/plan` or the
 * `src/alicloud` constructs), each entry citing where it comes from.
 *
 * Sources (short names used in the `source` of every entry):
 * - `provider`: aliyun/terraform-provider-alicloud at tag v1.289.0 (commit 28ee93bc), the Go schema
 *   in `alicloud/resource_alicloud_vpn_*.go` and the docs in `website/docs/r/vpn_*.html.markdown`.
 *   The provider validates no IKE/IPsec value of `alicloud_vpn_connection`; the API does.
 * - `constraints.json`: shared/providers/alicloud/constraints.json (extracted from that tag).
 * - `API`: the Alibaba Cloud VPC API reference (2016-04-28) as the generated SDKs carry it:
 *   aliyun/alibabacloud-typescript-sdk `vpc-20160428/src/models/<Operation>Request.ts`, and
 *   aliyun/alibabacloud-java-sdk `vpc-20160428/.../models/CreateVpnConnectionRequest.java`.
 *
 * API spellings map to strongSwan keywords through `DH_KEYWORDS` (IANA group number → keyword).
 * Spellings are matched exactly: the API documents them in lower case only.
 */
import type { Assumption } from '../../types';
import { DH_KEYWORDS } from '../../models/proposals';

const TAG = 'terraform-provider-alicloud v1.289.0';
/** Citation of a provider file at the pinned tag. */
export const provider = (file: string, line: number | string): string => `${TAG} ${file}:${line}`;
const CONN_GO = 'alicloud/resource_alicloud_vpn_connection.go';
const CONN_DOC = 'website/docs/r/vpn_connection.html.markdown';
const GW_GO = 'alicloud/resource_alicloud_vpn_gateway.go';
const GW_DOC = 'website/docs/r/vpn_gateway.html.markdown';
const CGW_GO = 'alicloud/resource_alicloud_vpn_customer_gateway.go';
const ROUTE_GO = 'alicloud/resource_alicloud_vpn_route_entry.go';
const PBR_GO = 'alicloud/resource_alicloud_vpn_pbr_route_entry.go';
const ATTACH_DOC = 'website/docs/r/vpn_gateway_vpn_attachment.html.markdown';
/** Citation of an API operation's request documentation. */
export const api = (operation: string, field: string): string =>
  `Alibaba Cloud API ${operation} ${field} (aliyun/alibabacloud-typescript-sdk vpc-20160428/src/models/${operation}Request.ts)`;
const constraint = (resource: string, path: string): string => `shared/providers/alicloud/constraints.json resources.${resource}.${path}`;

/** One table: the accepted values and where they are documented. */
export interface Table<T> {
  readonly values: T;
  readonly source: string;
}

/** `ike_version` → strongSwan `version`. */
export const IKE_VERSIONS: Table<Readonly<Record<string, 1 | 2>>> = {
  values: { ikev1: 1, ikev2: 2 },
  source: `${provider(CONN_DOC, '226,266')}; ${api('CreateVpnConnection', 'IkeConfig.IkeVersion')}`,
};

/** `ike_mode` (IKEv1 negotiation mode). */
export const IKE_MODES: Table<readonly string[]> = {
  values: ['main', 'aggressive'],
  source: `${provider(CONN_DOC, '221,262')}; ${api('CreateVpnConnection', 'IkeConfig.IkeMode')}`,
};

/**
 * `ike_enc_alg` / `ipsec_enc_alg` → strongSwan keyword. `aes` is AES-128: the key size is not
 * stated (assumption `alicloud-aes-key-size`).
 */
export const ENCRYPTION: Table<Readonly<Record<string, string>>> = {
  values: { aes: 'aes128', aes192: 'aes192', aes256: 'aes256', des: 'des', '3des': '3des' },
  source: `${provider(CONN_DOC, '218,234,260,280')}; ${api('CreateVpnConnection', 'IkeConfig.IkeEncAlg, IpsecConfig.IpsecEncAlg')}`,
};

/** `ike_auth_alg` / `ipsec_auth_alg` → strongSwan keyword. */
export const INTEGRITY: Table<Readonly<Record<string, string>>> = {
  values: { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' },
  source: `${provider(CONN_DOC, '233,259,279')}; ${api('CreateVpnConnection', 'IkeConfig.IkeAuthAlg, IpsecConfig.IpsecAuthAlg')}`,
};

/**
 * `ike_pfs` (phase 1 DH group) → strongSwan keyword. group1/2/5/14 only: the API lists no
 * group24 (the provider's unused constant `VPN_PFS_G24`, alicloud/extension_vpn.go:29, validates nothing).
 */
export const PHASE1_DH: Table<Readonly<Record<string, string>>> = {
  values: { group1: DH_KEYWORDS[1], group2: DH_KEYWORDS[2], group5: DH_KEYWORDS[5], group14: DH_KEYWORDS[14] },
  source: `${provider(CONN_DOC, 224)}; ${api('CreateVpnConnection', 'IkeConfig.IkePfs, TunnelIkeConfig.IkePfs')}; ${constraint('alicloud_vpn_connection', 'ike_config.ike_pfs')}`,
};

/** `ipsec_pfs` (phase 2 PFS group) → strongSwan keyword; `disabled` = no PFS (`null`). */
export const PHASE2_PFS: Table<Readonly<Record<string, string | null>>> = {
  values: { disabled: null, group1: DH_KEYWORDS[1], group2: DH_KEYWORDS[2], group5: DH_KEYWORDS[5], group14: DH_KEYWORDS[14] },
  source: `${provider(CONN_DOC, '236,282')}; ${api('CreateVpnConnection', 'IpsecConfig.IpsecPfs, TunnelIpsecConfig.IpsecPfs')}`,
};

/** `ike_lifetime` and `ipsec_lifetime`, seconds (inclusive). */
export const LIFETIME_SECONDS: Table<{ readonly min: number; readonly max: number }> = {
  values: { min: 0, max: 86400 },
  source: `${provider(CONN_DOC, '219,235,261,281')}; ${api('CreateVpnConnection', 'IkeConfig.IkeLifetime, IpsecConfig.IpsecLifetime')}`,
};

/** The API's defaults when a field is not written. */
export const DEFAULTS: Table<{
  readonly ikeVersion: string; readonly ikeMode: string; readonly ikeEncAlg: string; readonly ikeAuthAlg: string;
  readonly ikePfs: string; readonly ikeLifetime: number;
  readonly ipsecEncAlg: string; readonly ipsecAuthAlg: string; readonly ipsecPfs: string; readonly ipsecLifetime: number;
  /** Alibaba Cloud's own ASN. */
  readonly localAsn: number;
  readonly enableDpd: boolean;
  readonly effectImmediately: boolean;
}> = {
  values: {
    ikeVersion: 'ikev1', ikeMode: 'main', ikeEncAlg: 'aes', ikeAuthAlg: 'md5', ikePfs: 'group2', ikeLifetime: 86400,
    ipsecEncAlg: 'aes', ipsecAuthAlg: 'md5', ipsecPfs: 'group2', ipsecLifetime: 86400,
    localAsn: 45104, enableDpd: true, effectImmediately: false,
  },
  source: `${provider(CONN_DOC, '199,218-226,233-236,252,259-266,279-282')}; ${api('CreateVpnConnection', 'IkeConfig, IpsecConfig, BgpConfig.LocalAsn, EnableDpd, EffectImmediately')}`,
};

/** ASNs (`local_asn`, customer gateway `asn`): 1-4294967295, also as asdot `a.b` = a×65536+b. */
export const ASN: Table<{ readonly min: number; readonly max: number }> = {
  values: { min: 1, max: 4294967295 },
  source: `${provider(CONN_DOC, '199-201,252')}; ${api('CreateVpnConnection', 'BgpConfig.LocalAsn')}`,
};

/** ASNs a customer gateway may not have: Alibaba Cloud's own. */
export const CUSTOMER_GATEWAY_RESERVED_ASNS: Table<readonly number[]> = {
  values: [45104],
  source: `${api('CreateCustomerGateway', 'Asn')} ("Valid values: 1 to 4294967295. 45104 is not supported")`,
};

/** A customer gateway needs an ASN when BGP runs over a tunnel to it. */
export const CUSTOMER_GATEWAY_ASN_FOR_BGP = {
  source: `${api('CreateCustomerGateway', 'Asn')} ("required if you want to use BGP")`,
};

/** Tunnel CIDRs (`tunnel_cidr`): a /30 block inside 169.254.0.0/16, none of the reserved ones. */
export const TUNNEL_CIDR: Table<{ readonly within: string; readonly prefixLength: number; readonly reserved: readonly string[] }> = {
  values: {
    within: '169.254.0.0/16',
    prefixLength: 30,
    reserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.6.0/30', '169.254.169.252/30'],
  },
  source: `${api('CreateVpnConnection', 'BgpConfig.TunnelCidr, TunnelBgpConfig.TunnelCidr')}; ${provider(ATTACH_DOC, 324)}; ${provider(CONN_DOC, '203,254')}`,
};

/** Each tunnel CIDR unique on a VPN gateway (so the two tunnels of a connection differ too). */
export const TUNNEL_CIDR_UNIQUE = {
  source: `${api('CreateVpnConnection', 'BgpConfig.TunnelCidr')} ("must be unique" per VPN gateway); ${provider(ATTACH_DOC, 326)}`,
};

/** `local_bgp_ip`: an address inside the tunnel CIDR. */
export const LOCAL_BGP_IP = {
  source: `${provider(CONN_DOC, '202,253')}; ${api('CreateVpnConnection', 'BgpConfig.LocalBgpIp, TunnelBgpConfig.LocalBgpIp')}`,
};

/** Pre-shared keys (`psk`): 1-100 characters of this set, no spaces. */
export const PSK: Table<{ readonly min: number; readonly max: number; readonly charset: RegExp; readonly charsetText: string }> = {
  values: {
    min: 1,
    max: 100,
    // The provider docs list ' and the SDK's copy of the API reference lists "; both are taken.
    charset: /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:'",.<>/?]+$/,
    charsetText: 'letters, digits and ~!`@#$%^&*()_-+={}[]|;:\'",.<>/? (no spaces)',
  },
  source: `${provider(CONN_DOC, '228,271')}; ${api('CreateVpnConnection', 'IkeConfig.Psk, TunnelIkeConfig.Psk')}`,
};

/** IKE identities (`local_id`, `remote_id`, `ike_local_id`, `ike_remote_id`): at most 100 characters, no spaces. */
export const IKE_ID: Table<{ readonly max: number }> = {
  values: { max: 100 },
  source: `${provider(CONN_DOC, '220,225,268,273')}; ${api('CreateVpnConnection', 'TunnelIkeConfig.LocalId, TunnelIkeConfig.RemoteId')}`,
};

/** `local_subnet` / `remote_subnet`: a set of 1-10 network CIDRs (no host bits). */
export const SUBNETS: Table<{ readonly min: number; readonly max: number }> = {
  values: { min: 1, max: 10 },
  source: `${provider(CONN_GO, '218-241')} (MinItems 1, MaxItems 10, ValidateFunc validateCIDRNetworkAddress); ${provider('alicloud/validators.go', 20)}`,
};

/**
 * Dual-tunnel connections: exactly two `tunnel_options_specification` entries, roles `master`
 * and `slave`. A gateway with a disaster-recovery vSwitch is dual-tunnel; on it every connection
 * must carry both tunnels.
 */
export const DUAL_TUNNEL: Table<{ readonly roles: readonly string[] }> = {
  values: { roles: ['master', 'slave'] },
  source: 'Alibaba Cloud API CreateVpnConnection TunnelOptionsSpecification (aliyun/alibabacloud-java-sdk vpc-20160428 CreateVpnConnectionRequest.java: a gateway that supports dual-tunnel connections needs both the master and the slave tunnel; only these two); '
    + `${constraint('alicloud_vpn_connection', 'tunnel_options_specification')}; ${provider(ATTACH_DOC, 244)}`,
};

/** A single-tunnel connection names its customer gateway at the top level. */
export const SINGLE_TUNNEL_CUSTOMER_GATEWAY = {
  source: `${api('CreateVpnConnection', 'CustomerGatewayId')} ("supported and required when you create an IPsec-VPN connection in single-tunnel mode")`,
};

/** A dual-tunnel gateway: one with a disaster-recovery vSwitch (the second tunnel's zone). */
export const DUAL_TUNNEL_GATEWAY = {
  source: `${api('CreateVpnGateway', 'DisasterRecoveryVSwitchId')}; ${provider(GW_DOC, 120)} (disaster_recovery_internet_ip only in dual-tunnel mode)`,
};

/**
 * BGP needs a gateway that supports it: `DescribeVpnGateway` `Tag.VpnEnableBgp` says whether it
 * does; a gateway that does not (region or version) takes no BGP connection until it is upgraded.
 * Read from an existing gateway's record (`bgpSupported`).
 */
export const GATEWAY_BGP_SUPPORT = {
  source: 'Alibaba Cloud "Configure BGP dynamic routing", Support for BGP dynamic routing (https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing); '
    + 'DescribeVpnGateway Tag.VpnEnableBgp (aliyun/alibabacloud-typescript-sdk vpc-20160428/src/models/DescribeVpnGatewayResponseBody.ts)',
};

/**
 * A single-tunnel gateway (one not upgraded to dual-tunnel) takes single-tunnel connections only;
 * read from an existing gateway's record (`tunnelMode`).
 */
export const SINGLE_TUNNEL_GATEWAY = {
  source: 'Alibaba Cloud "[Upgrade notice] IPsec-VPN connections support the dual-tunnel mode" (https://alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/ipsec-vpn-connections-support-the-dual-tunnel-mode: '
    + 'existing VPN gateways support only the single-tunnel mode until upgraded)',
};

/** VPN gateway `bandwidth`, Mbit/s, by `network_type` (default `public`). */
export const BANDWIDTH: Table<Readonly<Record<string, readonly number[]>>> = {
  values: { public: [5, 10, 20, 50, 100, 200, 500, 1000], private: [200, 1000] },
  source: `${constraint('alicloud_vpn_gateway', 'bandwidth')}; ${provider(GW_DOC, 91)}; ${api('CreateVpnGateway', 'Bandwidth')}`,
};

/** Enums the provider validates (`StringInSlice(..., true)`: case-insensitive) on `alicloud_vpn_gateway`. */
export const GATEWAY_ENUMS: readonly { readonly attribute: string; readonly values: readonly string[]; readonly source: string }[] = [
  { attribute: 'network_type', values: ['public', 'private'], source: provider(GW_GO, 78) },
  { attribute: 'payment_type', values: ['Subscription', 'PayAsYouGo', 'PostPaid', 'PrePaid'], source: provider(GW_GO, 86) },
  { attribute: 'instance_charge_type', values: ['Subscription', 'PayAsYouGo', 'PostPaid', 'PrePaid'], source: provider(GW_GO, 141) },
  { attribute: 'vpn_type', values: ['Normal', 'NationalStandard'], source: provider(GW_GO, 133) },
];

/** `period`: 1-9, 12, 24 or 36 months. */
export const GATEWAY_PERIOD: Table<readonly number[]> = {
  values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36],
  source: provider(GW_GO, 92),
};

/** At least one of `enable_ipsec` (default true) / `enable_ssl` (default false). */
export const GATEWAY_FEATURES = {
  source: `${provider(GW_DOC, '104-105')}; ${provider(GW_GO, '66,71')} (defaults)`,
};

/** `weight` of destination and policy-based route entries. */
export const ROUTE_WEIGHTS: Table<readonly number[]> = {
  values: [0, 100],
  source: `${provider(ROUTE_GO, 51)}; ${provider(PBR_GO, 52)} (validation.IntInSlice)`,
};

/** Route entry CIDRs (`route_dest`, `route_source`): IPv4 CIDR blocks. */
export const ROUTE_CIDR = {
  source: `${api('CreateVpnRouteEntry', 'RouteDest')}; ${api('CreateVpnPbrRouteEntry', 'RouteSource, RouteDest')}`,
};

/** `next_hop` of a route entry: an IPsec-VPN connection of the gateway. */
export const ROUTE_NEXT_HOP = {
  source: `${api('CreateVpnRouteEntry', 'NextHop')} (example vco-…: an IPsec-VPN connection ID); ${api('CreateVpnPbrRouteEntry', 'NextHop')}`,
};

/** Required arguments per resource type (Go schema `Required: true`). */
export const REQUIRED: Readonly<Record<string, readonly { readonly attribute: string; readonly source: string }[]>> = {
  alicloud_vpn_connection: [
    { attribute: 'vpn_gateway_id', source: provider(CONN_GO, 410) },
    { attribute: 'local_subnet', source: provider(CONN_GO, 220) },
    { attribute: 'remote_subnet', source: provider(CONN_GO, 234) },
  ],
  alicloud_vpn_gateway: [
    { attribute: 'vpc_id', source: provider(GW_GO, 119) },
    { attribute: 'bandwidth', source: provider(GW_GO, 43) },
  ],
  alicloud_vpn_customer_gateway: [{ attribute: 'ip_address', source: provider(CGW_GO, 51) }],
  alicloud_vpn_route_entry: ['vpn_gateway_id:32', 'next_hop:39', 'route_dest:45', 'weight:50', 'publish_vpc:56'].map((x) => {
    const [attribute, line] = x.split(':');
    return { attribute, source: provider(ROUTE_GO, line) };
  }),
  alicloud_vpn_pbr_route_entry: ['next_hop:32', 'route_dest:37', 'route_source:42', 'publish_vpc:47', 'weight:51', 'vpn_gateway_id:56'].map((x) => {
    const [attribute, line] = x.split(':');
    return { attribute, source: provider(PBR_GO, line) };
  }),
};

/** Arguments that cannot be set together (Go schema `ConflictsWith`). */
export const CONFLICTS: Readonly<Record<string, readonly { readonly attributes: readonly [string, string]; readonly source: string }[]>> = {
  alicloud_vpn_connection: [{ attributes: ['vpn_connection_name', 'name'], source: provider(CONN_GO, 406) }],
  alicloud_vpn_gateway: [
    { attributes: ['vpn_gateway_name', 'name'], source: provider(GW_GO, 126) },
    { attributes: ['payment_type', 'instance_charge_type'], source: provider(GW_GO, 84) },
  ],
  alicloud_vpn_customer_gateway: [{ attributes: ['customer_gateway_name', 'name'], source: provider(CGW_GO, 43) }],
};

/** What the Alibaba Cloud model relies on that no source states. */
export const ALICLOUD_ASSUMPTIONS = {
  aesKeySize: {
    id: 'alicloud-aes-key-size', cloud: 'alicloud',
    what: '`aes` (ike_enc_alg / ipsec_enc_alg) is AES-128-CBC (strongSwan aes128).',
    why: 'The API lists aes, aes192 and aes256 without the key size of `aes`; settled by a packet capture or a statement in the API reference.',
  },
  dpdTimers: {
    id: 'alicloud-dpd-timers', cloud: 'alicloud',
    what: 'With enable_dpd, Alibaba Cloud probes every 10 s, declares the peer dead after 30 s, then renegotiates.',
    why: 'The API documents only the switch (EnableDpd, default true) and that the SAs are deleted when the peer does not answer; no interval, timeout or re-initiation is stated.',
  },
  bgpTimers: {
    id: 'alicloud-bgp-timers', cloud: 'alicloud',
    what: 'Alibaba Cloud\'s BGP hold time is 90 s, keepalive 30 s.',
    why: 'No Alibaba Cloud document states the BGP timers of a VPN gateway.',
  },
  bgpActive: {
    id: 'alicloud-bgp-active', cloud: 'alicloud',
    what: 'Alibaba Cloud opens the BGP session itself (it is not passive).',
    why: 'Not stated in the API or the BGP guide; an Azure peer on an APIPA address never opens one, so this decides whether Azure↔Alibaba BGP can come up.',
  },
  bgpPeerAddress: {
    id: 'alicloud-bgp-peer-address', cloud: 'alicloud',
    what: 'The peer\'s BGP address is the other host of the /30 tunnel_cidr (the one local_bgp_ip is not).',
    why: 'The peer address is no parameter of CreateVpnConnection (only returned as peer_bgp_ip after deployment); how Alibaba Cloud picks it is not documented.',
  },
  responderProposal: {
    id: 'alicloud-responder-proposal', cloud: 'alicloud',
    what: 'As responder, Alibaba Cloud accepts exactly its one configured proposal (no other algorithms, no other DH group).',
    why: 'The API configures one value per field; whether the gateway also accepts other offers when answering is not documented.',
  },
} as const satisfies Record<string, Assumption>;
