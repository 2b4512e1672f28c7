/**
 * What Azure VPN Gateway and the azurerm provider accept, and how the gateway behaves by
 * default: verify's own tables, written from the provider's source at the pinned tags
 * (hashicorp/terraform-provider-azurerm v4.55.0 and v4.73.0, `internal/services/network/…`,
 * cited as `file:line`) and from Microsoft's documentation (MicrosoftDocs/azure-docs, cited by page and
 * revision date). Nothing here comes from the planner (`src/plan`) or the constructs
 * (`src/azure`): a wrong entry there must not pass here too.
 *
 * The output says which provider version it targets (`terraform.required_providers.azurerm.version`,
 * written by the bindings: 4.55.0 for the cdktf flavour, 4.73.0 for CDK Terrain). What differs
 * between versions is in `AZURERM_VERSIONED` (each entry from the tags that define it); every other
 * rule here was compared at v4.73.0 and is the same there (the schema of the connection, the local
 * network gateway and the subnet, the connection's enums and ranges and the SDK constants behind
 * them, unchanged but for the BGP switch), so its v4.55.0 citation holds for both.
 *
 * Behaviour no source states is an `Assumption` in `AZURE_ASSUMPTIONS`, attached to every
 * tunnel half that relies on it.
 */
import type { Assumption } from '../../types';

// ---------------------------------------------------------------------------------------------
// Sources.

const PROVIDER = 'terraform-provider-azurerm v4.55.0 internal/services/network/';
const CONN = `${PROVIDER}virtual_network_gateway_connection_resource.go`;
const GW = `${PROVIDER}virtual_network_gateway_resource.go`;
const LNG = `${PROVIDER}local_network_gateway_resource.go`;
const PIP = `${PROVIDER}public_ip_resource.go`;
const CONN_DOC = 'terraform-provider-azurerm v4.55.0 website/docs/r/virtual_network_gateway_connection.html.markdown';
const DOCS = 'MicrosoftDocs/azure-docs ';

/** Where each rule and default comes from (provider file:line at v4.55.0, or the doc page). */
export const SOURCES = {
  connType: `${CONN}:61-70`,
  connIpsecNeedsLng: `${CONN}:870-874`,
  connMode: `${CONN}:187-197`,
  connProtocol: `${CONN}:176-185`,
  connProtocolDefault: `${CONN_DOC}:234`,
  routingWeight: `${CONN}:157-162`,
  ipsecPolicyMax: `${CONN}:242-245`,
  ipsecPolicyRequired: `${CONN}:248-333 (dh_group … pfs_group Required)`,
  dhGroup: `${CONN}:248-261`,
  ikeEncryption: `${CONN}:263-275`,
  ikeIntegrity: `${CONN}:277-288`,
  ipsecEncryption: `${CONN}:290-304`,
  ipsecIntegrity: `${CONN}:306-317`,
  pfsGroup: `${CONN}:319-333`,
  saDatasize: `${CONN}:335-340 (0-2147483647); ${DOCS}includes/vpn-gateway-ipsec-ike-algorithm-include.md (min. 1024 KB), 2023-01-30`,
  saLifetime: `${CONN}:342-347 (IntAtLeast(300)); ${DOCS}includes/vpn-gateway-ipsec-ike-algorithm-include.md (min. 300 s), 2023-01-30`,
  customBgp: `${CONN}:222-240`,
  customBgpOnlyIpsec: `${CONN}:882-884`,
  customBgpLookup: `${CONN}:957-997`,
  gatewayIdFormat: `${CONN}:72-76 (ValidateFunc virtualnetworkgateways.ValidateVirtualNetworkGatewayID); terraform-provider-azurerm v4.55.0 and v4.73.0 vendor/github.com/hashicorp/go-azure-sdk/resource-manager/network/2025-01-01/virtualnetworkgateways/id_virtualnetworkgateway.go:37-50,88-120 (case-sensitive parse of the segments)`,
  customBgpInstance: `${CONN_DOC}:265-268 (primary: first ip_configuration, secondary: second)`,
  customBgpNeedsPeering: `${CONN}:846-850`,
  // (conn:886 means to allow custom_bgp_addresses only on active-active gateways, but compares
  // two pointers, so it never fires: not a rule here.)
  policyBasedNeedsPolicy: `${CONN_DOC}:251; ${DOCS}articles/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps.md (IMPORTANT note), 2023-10-10`,
  dpd: `${DOCS}includes/vpn-gateway-faq-ipsecikepolicy-include.md "What is the default DPD timeout value?", 2023-10-18`,
  sharedKey: `${DOCS}articles/vpn-gateway/vpn-gateway-vpn-faq.md "Does Azure generate the same IPsec/IKE pre-shared key for all my VPN connections…?" ("printable ASCII characters except space, hyphen (-) or tilde (~)"), 2023-07-28`,
  gcmMatch: `${DOCS}includes/vpn-gateway-ipsec-ike-requirements-include.md, 2023-01-11`,
  customPolicyNotBasic: `${DOCS}includes/vpn-gateway-faq-ipsecikepolicy-include.md "Is Custom IPsec/IKE policy supported on all Azure VPN Gateway SKUs?", 2023-10-18`,
  ikev1NotBasic: `${DOCS}includes/vpn-gateway-faq-ipsecikepolicy-include.md "Can I have IKEv1 site-to-site connections on Basic SKUs of RouteBased VPN type?", 2023-10-18`,
  gwType: `${GW}:67-75`,
  vpnType: `${GW}:77-86`,
  generation: `${GW}:124-134`,
  sku: `${GW}:109-122, 1511-1553`,
  skuPerGeneration: `${GW}:952-976, 1511-1542`,
  skuCreatable: 'ARM error NonAzSkusNotAllowedForVPNGateway (new non-AZ VpnGw1-5 refused since 2025-11-01; field reports, shared/reference/cloud-vpn-facts.md December 2026)',
  ipConfigMax: `${GW}:136-141`,
  ipConfigName: `${GW}:144-151`,
  ipAllocation: `${GW}:153-161`,
  gatewaySubnet: `${GW}:163-168; ${PROVIDER}validate/gateway_subnet.go:26-28`,
  activeActiveTwoIps: `${DOCS}articles/vpn-gateway/active-active-portal.md ("Active-active gateways have two Gateway IP configurations"), 2021-07-22`,
  activeActiveSku: `${DOCS}articles/vpn-gateway/about-active-active-gateways.md "Configure an active-active gateway", 2024-07-22`,
  bgpSettingsAtLeastOne: `${GW}:535-551, 594-597`,
  peeringCount: `${GW}:553-560`,
  peeringName: `${GW}:1015-1046`,
  apipaRange: `${GW}:569-577; ${PROVIDER}validate/virtual_network_gateway.go:24-31; ${DOCS}articles/vpn-gateway/bgp-howto.md, 2023-04-20`,
  apipaUnique: `${DOCS}articles/vpn-gateway/bgp-howto.md ("Each address you select must be unique"), 2023-04-20`,
  bgpNotBasic: `${DOCS}includes/vpn-gateway-faq-bgp-include.md "Is BGP supported on all Azure VPN Gateway SKUs?" / "Can I use BGP with Azure Policy-Based VPN gateways?", 2019-02-12`,
  asnRange: 'learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp (32-bit ASNs supported; shared/reference/cloud-vpn-facts.md December 2026)',
  asnIana: `${DOCS}includes/vpn-gateway-faq-bgp-include.md "Are there any other ASNs that I can't use?" (IANA special-purpose registry), 2019-02-12`,
  asnAzureReserved: `${DOCS}includes/vpn-gateway-faq-bgp-include.md "Are there ASNs reserved by Azure?", 2019-02-12`,
  asnDistinct: `${DOCS}includes/vpn-gateway-faq-bgp-include.md "Can I use the same ASN for both on-premises VPN networks and Azure VNets?", 2019-02-12`,
  defaultAsn: `${DOCS}includes/vpn-gateway-faq-bgp-include.md (default ASN 65515), 2019-02-12`,
  bgpTimers: 'learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp (keepalive 60 s, hold 180 s; shared/reference/cloud-vpn-facts.md December 2026)',
  bgpApipaPassive: `${DOCS}articles/vpn-gateway/bgp-howto.md ("the gateways do not initiate BGP peering sessions with APIPA source IP addresses"), 2023-04-20`,
  bgpApipaChoice: `${DOCS}articles/vpn-gateway/bgp-howto.md ("VPN Gateway will choose the custom APIPA address if the … local network gateway … has an APIPA address as the BGP peer IP"), 2023-04-20`,
  lngAddressXorFqdn: `${LNG}:58-68 (ExactlyOneOf)`,
  lngAddressSpace: `${LNG}:70-77`,
  lngBgp: `${LNG}:79-101`,
  lngNeedsPrefixes: `${DOCS}articles/vpn-gateway/bgp-howto.md ("If you're NOT using BGP … you must provide a list of valid address prefixes"), 2023-04-20`,
  pipAllocation: `${PIP}:63-70`,
  pipSku: `${PIP}:103-113`,
  pipSkuTier: `${PIP}:115-124`,
  pipIdleTimeout: `${PIP}:126-131`,
  pipStandardStatic: `${PIP}:210-217`,
  pipZonesForAz: 'ARM error VmssVpnGatewayPublicIpsMustHaveZonesConfigured ("Standard Public IPs associated with VPN Gateways with AZ VPN skus must have zones configured"; field reports, shared/reference/cloud-vpn-facts.md December 2026)',
  defaultPolicy: `${DOCS}articles/vpn-gateway/vpn-gateway-about-vpn-devices.md#ipsec (Default IPsec/IKE parameters, RouteBased QM SA Offers), 2023-10-06`,
  customPolicyOnly: `${DOCS}includes/vpn-gateway-faq-ipsecikepolicy-include.md "Does the custom policy replace the default IPsec/IKE policy sets?", 2023-10-18`,
  ikeLifetime: `${DOCS}includes/vpn-gateway-ipsec-ike-requirements-include.md ("IKE Main Mode SA lifetime is fixed at 28,800 seconds"), 2023-01-11`,
  dhNames: `${DOCS}includes/vpn-gateway-ipsec-ike-diffie-hellman-include.md, 2023-01-11`,
  connectionModeMeaning: `${DOCS}includes/vpn-gateway-connection-mode-include.md (InitiatorOnly / ResponderOnly / Default; route-based IKEv2 only), 2023-08-10`,
  selectors: `${DOCS}articles/vpn-gateway/vpn-gateway-vpn-faq.md "Can I specify my own policy-based traffic selectors?" (Azure accepts any traffic selectors the remote gateway proposes, in every connection mode), 2023-07-28`,
  policyBasedSelectors: `${DOCS}includes/vpn-gateway-ipsec-ike-requirements-include.md (UsePolicyBasedTrafficSelectors: all combinations of local network gateway prefixes and VNet prefixes), 2023-01-11`,
} as const;

// ---------------------------------------------------------------------------------------------
// Provider versions: what changed from v4.55.0 to v4.73.0 for the attributes verify reads.

const P73 = 'terraform-provider-azurerm v4.73.0 internal/services/network/';

/** The azurerm versions these tables cover: from v4.55.0 to before 5.0 (which removes `enable_bgp` and is unread). */
export const AZURERM_COVERED = {
  from: '4.55.0',
  before: '5.0.0',
  source: `${GW}:91-95 (v4.55.0); ${P73}virtual_network_gateway_resource.go:658-672 (enable_bgp kept while !features.FivePointOh(), "will be removed in v5.0")`,
} as const;

/**
 * What a range of versions changed, each with the first tag that has it (found by reading every
 * tag from v4.55.0 to v4.73.0) and where v4.73.0 defines it.
 */
export const AZURERM_VERSIONED = {
  /**
   * `bgp_enabled` on the gateway and the connection; `enable_bgp` deprecated, kept until 5.0,
   * each `ConflictsWith` the other; create and update take `enable_bgp` when it is set in the
   * configuration, else `bgp_enabled`; read sets both from the same API field (`EnableBgp`).
   */
  bgpEnabled: {
    since: '4.62.0',
    gatewaySource: `${P73}virtual_network_gateway_resource.go:89-93, 659-672 (schema), 765-768 (read), 852-862 (update), 957-960 (create)`,
    connectionSource: `${P73}virtual_network_gateway_connection_resource.go:145-149, 357-369 (schema), 527-530 (read), 658-668 (update), 778-781 (create)`,
    before: `${GW}:91-95, ${CONN}:145-149 (enable_bgp only; no bgp_enabled from v4.55.0 to v4.61.0)`,
  },
  /** `ErGwScale` among the ExpressRoute SKUs. */
  erGwScale: { since: '4.56.0', source: `${P73}virtual_network_gateway_resource.go:1602-1612` },
  /** No `ip_configuration.public_ip_address_id` on an ExpressRoute gateway (CustomizeDiff). */
  expressRouteNoPublicIp: { since: '4.59.0', source: `${P73}virtual_network_gateway_resource.go:677-692` },
  /**
   * Public IP: `StandardV2` among the SKUs; no new `Basic` public IP; `Standard` and `StandardV2`
   * need `Static`; `sku_tier` `Global` needs `Standard`.
   */
  publicIpStandardV2: {
    since: '4.67.0',
    skuSource: `${P73}public_ip_resource.go:107-114; vendor/github.com/hashicorp/go-azure-sdk/resource-manager/network/2025-01-01/publicipaddresses/constants.go:804-818 (v4.73.0)`,
    basicSource: `${P73}public_ip_resource.go:183-190, 206 ("creation of new Basic SKU public IP addresses is no longer permitted")`,
    globalSource: `${P73}public_ip_resource.go:191-198`,
    staticSource: `${P73}public_ip_resource.go:232-236`,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Enumerations of the connection's ipsec_policy (provider enums; meanings from the docs).

/** `ipsec_policy.ike_encryption` → strongSwan keyword (S1; GCM ICV length: assumption `azure-gcm-icv16`). */
export const IKE_ENCRYPTION: Readonly<Record<string, string>> = {
  AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', DES: 'des', DES3: '3des', GCMAES128: 'aes128gcm16', GCMAES256: 'aes256gcm16',
};

/**
 * `ipsec_policy.ike_integrity` → strongSwan integrity keyword (with a GCM cipher it is the PRF:
 * `prf<keyword>`). The GCMAES values are accepted by the provider, but which PRF Azure pairs
 * with them is documented nowhere: `undefined`.
 */
export const IKE_INTEGRITY: Readonly<Record<string, string | undefined>> = {
  MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', GCMAES128: undefined, GCMAES256: undefined,
};

/** `ipsec_policy.dh_group` → IANA DH group (`null`: `None`, no group). Meanings: `SOURCES.dhNames`. */
export const DH_GROUP: Readonly<Record<string, number | null>> = {
  DHGroup1: 1, DHGroup2: 2, DHGroup14: 14, DHGroup2048: 14, DHGroup24: 24, ECP256: 19, ECP384: 20, None: null,
};

/** `ipsec_policy.ipsec_encryption` → strongSwan keyword (`None` is ESP NULL). */
export const IPSEC_ENCRYPTION: Readonly<Record<string, string>> = {
  AES128: 'aes128', AES192: 'aes192', AES256: 'aes256', DES: 'des', DES3: '3des',
  GCMAES128: 'aes128gcm16', GCMAES192: 'aes192gcm16', GCMAES256: 'aes256gcm16', None: 'null',
};

/** `ipsec_policy.ipsec_integrity` → strongSwan keyword; `gcm`: the GCM "integrity" that must name the cipher. */
export const IPSEC_INTEGRITY: Readonly<Record<string, string>> = {
  MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', GCMAES128: 'gcm', GCMAES192: 'gcm', GCMAES256: 'gcm',
};

/**
 * `ipsec_policy.pfs_group` → IANA DH group of PFS (`null`: `None`). `PFS14` is in the provider's
 * enum but in no Azure document: taken as group 14 under assumption `azure-pfs14`. `PFSMM` has no
 * documented meaning at all: `undefined` (the model cannot say what Azure negotiates).
 */
export const PFS_GROUP: Readonly<Record<string, { readonly group: number | null; readonly assumption?: AzureAssumptionId } | undefined>> = {
  None: { group: null }, PFS1: { group: 1 }, PFS2: { group: 2 }, PFS2048: { group: 14 }, PFS24: { group: 24 },
  ECP256: { group: 19 }, ECP384: { group: 20 }, PFS14: { group: 14, assumption: 'azure-pfs14' }, PFSMM: undefined,
};

/** Connection settings. */
export const CONNECTION = {
  types: ['ExpressRoute', 'IPsec', 'Vnet2Vnet'],
  modes: ['InitiatorOnly', 'ResponderOnly', 'Default'],
  defaultMode: 'Default',
  protocols: ['IKEv1', 'IKEv2'],
  defaultProtocol: 'IKEv2',
  routingWeight: { min: 0, max: 32000 },
  /** Pre-shared key characters: printable ASCII (0x21-0x7D) except `-`; space and `~` are outside it. */
  sharedKeyCharacters: /^[\x21-\x2c\x2e-\x7d]+$/,
  /** Seconds. */
  dpdTimeout: { min: 9, max: 3600, default: 45 },
  /** Seconds; no maximum in the provider or the docs for S2S connections. */
  saLifetime: { min: 300, default: 27000 },
  /** Kilobytes: 0, or at least the documented 1024, up to the provider's 2147483647. */
  saDatasize: { min: 1024, max: 2147483647, default: 102400000 },
} as const;

/** Virtual network gateway settings. */
export const GATEWAY = {
  types: ['ExpressRoute', 'Vpn'],
  vpnTypes: ['RouteBased', 'PolicyBased'],
  defaultVpnType: 'RouteBased',
  generations: ['Generation1', 'Generation2', 'None'],
  /** SKUs by (vpn_type, generation), as the provider checks them when `generation` is set. */
  skus: {
    policyBased: ['Basic'],
    routeBasedGeneration1: ['Basic', 'Standard', 'HighPerformance', 'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ'],
    routeBasedGeneration2: ['VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'],
    expressRoute: ['Standard', 'HighPerformance', 'UltraPerformance', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ'],
  },
  /** Added to the ExpressRoute SKUs in v4.56.0 (`AZURERM_VERSIONED.erGwScale`). */
  expressRouteSkusSince456: ['ErGwScale'],
  /** VPN gateway SKUs Azure still creates (non-AZ VpnGw1-5 refused since 2025-11-01). */
  creatableVpnSkus: ['Basic', 'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'],
  maxIpConfigurations: 3,
  defaultIpConfigurationName: 'vnetGatewayConfig',
  ipAllocations: ['Static', 'Dynamic'],
  activeActiveIpConfigurations: 2,
  /** SKUs without active-active, BGP, custom IPsec policy or IKEv1 (route-based). */
  basicSku: 'Basic',
  peeringAddresses: { min: 1, max: 2 },
  /** Azure's APIPA range for custom BGP addresses, inclusive. */
  apipa: { first: '169.254.21.0', last: '169.254.22.255' },
  defaultAsn: 65515,
  bgpKeepaliveSeconds: 60,
  bgpHoldSeconds: 180,
  subnetName: 'GatewaySubnet',
  /**
   * What `virtual_network_gateway_id` must be: the provider parses it case-sensitively
   * (`parser.Parse(input, false)`) into these segments (SOURCES.gatewayIdFormat).
   */
  idPattern: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworkGateways\/[^/]+$/,
  idText: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworkGateways/{virtualNetworkGatewayName}',
} as const;

/** Public IP settings. */
export const PUBLIC_IP = {
  allocations: ['Static', 'Dynamic'],
  /** Before v4.67.0 (`AZURERM_VERSIONED.publicIpStandardV2` adds `StandardV2`). */
  skus: ['Basic', 'Standard'],
  skusSince467: ['Basic', 'Standard', 'StandardV2'],
  defaultSku: 'Standard',
  skuTiers: ['Global', 'Regional'],
  idleTimeoutMinutes: { min: 4, max: 30 },
} as const;

/** An inclusive range of ASNs. */
export interface AsnRange { readonly from: number; readonly to: number }

/** BGP ASNs (32-bit since the current FAQ; reserved values per role). */
export const ASNS = {
  range: { from: 1, to: 4294967295 } as AsnRange,
  /** Reserved by IANA: refused on the gateway and for the local network gateway (the FAQ's "429496729" is 4294967295). */
  iana: [{ from: 23456, to: 23456 }, { from: 64496, to: 64511 }, { from: 65535, to: 65551 }, { from: 4294967295, to: 4294967295 }] as readonly AsnRange[],
  /** Reserved by Azure: refused for the on-premises side (local network gateway). */
  azureReserved: [{ from: 8074, to: 8075 }, { from: 12076, to: 12076 }, { from: 65515, to: 65515 }, { from: 65517, to: 65520 }] as readonly AsnRange[],
} as const;

// ---------------------------------------------------------------------------------------------
// Azure's default policy (no ipsec_policy on the connection), route-based gateway.

/** One algorithm combination as Azure's table writes it (PFS as an IANA group, `null` = none). */
export interface DefaultOffer {
  readonly encryption: string;
  readonly integrity: string;
  readonly pfs: number | null;
}

/**
 * Phase 1 (Main Mode), route-based: IKEv1 and IKEv2, DH group 2 only, these encryption and
 * hashing pairs in this order, SA lifetime 28800 s (`SOURCES.defaultPolicy`).
 */
export const DEFAULT_PHASE1 = {
  dhGroups: [2],
  pairs: [['AES256', 'SHA1'], ['AES256', 'SHA256'], ['AES128', 'SHA1'], ['AES128', 'SHA256'], ['DES3', 'SHA1'], ['DES3', 'SHA256']] as readonly (readonly [string, string])[],
  lifetimeSeconds: 28800,
} as const;

/** Phase 2 offers when Azure initiates, in its order: all without PFS (`SOURCES.defaultPolicy`). */
export const DEFAULT_PHASE2_INITIATOR: readonly DefaultOffer[] = [
  { encryption: 'GCMAES256', integrity: 'GCMAES256', pfs: null },
  { encryption: 'AES256', integrity: 'SHA1', pfs: null },
  { encryption: 'DES3', integrity: 'SHA1', pfs: null },
  { encryption: 'AES256', integrity: 'SHA256', pfs: null },
  { encryption: 'AES128', integrity: 'SHA1', pfs: null },
  { encryption: 'DES3', integrity: 'SHA256', pfs: null },
];

/**
 * Phase 2 offers Azure accepts as responder: exactly the 26 rows of the published table, not every
 * combination (absent, e.g.: AES128-SHA1-PFS24, AES128-SHA256-PFS24, 3DES-SHA1-PFS24,
 * 3DES-SHA256-PFS1/14/24) (`SOURCES.defaultPolicy`).
 */
export const DEFAULT_PHASE2_RESPONDER: readonly DefaultOffer[] = [
  { encryption: 'GCMAES256', integrity: 'GCMAES256', pfs: null },
  { encryption: 'AES256', integrity: 'SHA1', pfs: null },
  { encryption: 'DES3', integrity: 'SHA1', pfs: null },
  { encryption: 'AES256', integrity: 'SHA256', pfs: null },
  { encryption: 'AES128', integrity: 'SHA1', pfs: null },
  { encryption: 'DES3', integrity: 'SHA256', pfs: null },
  { encryption: 'DES', integrity: 'SHA1', pfs: null },
  { encryption: 'AES256', integrity: 'SHA1', pfs: 1 },
  { encryption: 'AES256', integrity: 'SHA1', pfs: 2 },
  { encryption: 'AES256', integrity: 'SHA1', pfs: 14 },
  { encryption: 'AES128', integrity: 'SHA1', pfs: 1 },
  { encryption: 'AES128', integrity: 'SHA1', pfs: 2 },
  { encryption: 'AES128', integrity: 'SHA1', pfs: 14 },
  { encryption: 'DES3', integrity: 'SHA1', pfs: 1 },
  { encryption: 'DES3', integrity: 'SHA1', pfs: 2 },
  { encryption: 'DES3', integrity: 'SHA256', pfs: 2 },
  { encryption: 'AES256', integrity: 'SHA256', pfs: 1 },
  { encryption: 'AES256', integrity: 'SHA256', pfs: 2 },
  { encryption: 'AES256', integrity: 'SHA256', pfs: 14 },
  { encryption: 'AES256', integrity: 'SHA1', pfs: 24 },
  { encryption: 'AES256', integrity: 'SHA256', pfs: 24 },
  { encryption: 'AES128', integrity: 'SHA256', pfs: null },
  { encryption: 'AES128', integrity: 'SHA256', pfs: 1 },
  { encryption: 'AES128', integrity: 'SHA256', pfs: 2 },
  { encryption: 'AES128', integrity: 'SHA256', pfs: 14 },
  { encryption: 'DES3', integrity: 'SHA1', pfs: 14 },
];

/** Phase 2 SA lifetime of the default policy and of a policy without `sa_lifetime` (seconds). */
export const DEFAULT_PHASE2_LIFETIME_SECONDS = 27000;

// ---------------------------------------------------------------------------------------------
// Assumptions: behaviour the model needs that no source states.

/** Every unsourced behaviour the Azure model may rely on, by id. */
export const AZURE_ASSUMPTIONS = {
  'azure-dpd-interval': {
    id: 'azure-dpd-interval', cloud: 'azure',
    what: 'Azure sends a DPD probe after a third of dpd_timeout_seconds of silence (at least every 3 s)',
    why: 'Azure documents only the DPD timeout (9-3600 s, default 45); the probe interval is in no document or API field. A packet capture of an idle Azure tunnel would settle it.',
  },
  'azure-dpd-restart': {
    id: 'azure-dpd-restart', cloud: 'azure',
    what: 'When DPD declares the peer dead, an Azure connection that may initiate (Default, InitiatorOnly) re-initiates the tunnel',
    why: 'No document says what Azure does after a DPD timeout; the connection-mode page says only who starts the initial IKE exchange.',
  },
  'azure-apipa-choice': {
    id: 'azure-apipa-choice', cloud: 'azure',
    what: 'Without custom_bgp_addresses, an instance with several APIPA addresses peers from the first one listed',
    why: 'bgp-howto.md says the gateway chooses a custom APIPA address when the local network gateway\'s BGP peer is APIPA, not which of several. Setting custom_bgp_addresses removes the assumption.',
  },
  'azure-pfs14': {
    id: 'azure-pfs14', cloud: 'azure',
    what: 'pfs_group PFS14 is DH group 14 (2048-bit MODP), like PFS2048',
    why: 'PFS14 is in the provider\'s and the API\'s enum, but Azure\'s DH table documents PFS2048 for group 14 and never names PFS14 (PowerShell\'s New-AzIpsecPolicy even refuses it). Use PFS2048 to remove the assumption.',
  },
  'azure-existing-as-declared': {
    id: 'azure-existing-as-declared', cloud: 'azure',
    what: 'An existing gateway is what its connections declare (//.crossCloudVpn.gateway): its SKU, active-active mode, BGP on, ASN, instances\' public IPs and APIPA addresses',
    why: 'The output holds no azurerm_virtual_network_gateway for a gateway created elsewhere, only the declaration its connections carry; compare it with az network vnet-gateway show.',
  },
  'azure-gcm-icv16': {
    id: 'azure-gcm-icv16', cloud: 'azure',
    what: 'Azure\'s GCMAES128/192/256 are AES-GCM with a 16-octet ICV (strongSwan aes*gcm16)',
    why: 'Azure names the GCM algorithms without their ICV length; 16 octets is the IKEv2/ESP norm (RFC 4106) but no Azure page says so.',
  },
} as const satisfies Record<string, Assumption>;

/** Id of an Azure assumption. */
export type AzureAssumptionId = keyof typeof AZURE_ASSUMPTIONS;

/** Inclusive membership of an ASN in ranges. */
export const inRanges = (asn: number, ranges: readonly AsnRange[]): boolean => ranges.some((x) => asn >= x.from && asn <= x.to);

/** Ranges as text: `23456, 64496-64511`. */
export const rangesText = (ranges: readonly AsnRange[]): string => ranges.map((x) => (x.from === x.to ? String(x.from) : `${x.from}-${x.to}`)).join(', ');
