/**
 * Azure VPN Gateway, as the planner knows it: its facts (with sources), gateway kinds and SKUs,
 * how its tunnels pair (one public IP per instance; custom APIPA BGP addresses per instance),
 * the default connection the Azure constructs emit, and the resources a link needs on an Azure
 * gateway (local network gateways and connections). Facts: `shared/reference/cloud-vpn-facts.md`
 * (Z*), hashicorp/terraform-provider-azurerm.
 */
import { cidr, containsAddress, formatIpv4, parseIpv4 } from '../../common/cidr';
import { alarmName } from '../alarms';
import { show } from '../errors';
import type { CloudFacts, IntRange } from '../facts';
import type { EndpointRef, LinkResourcesBase } from '../tunnel';
import { CloudProfile, range, single } from '../profile';
import type { AzureGatewayKind } from './ids';

/**
 * ASNs Azure refuses in both roles (Z6, the BGP FAQ as of 2026-06): reserved by IANA (0, 23456,
 * 64496-64511, 65535-65551 and what the FAQ prints as "429496729", kept literally as well as the
 * 4294967295 it stands for), and Azure's public ASNs 8074, 8075 and 12076.
 */
const AZURE_REFUSED_ASNS: readonly IntRange[] = [single(0), single(8074), single(8075), single(12076), single(23456), range(64496, 64511), range(65535, 65551), single(429496729), single(4294967295)];

/**
 * The ASN an Azure VPN gateway has when none is set (Z6): allowed as a gateway's own, refused for
 * an on-premises peer. What the Azure constructs default to without a plan.
 */
export const AZURE_DEFAULT_ASN = 65515;

/** Azure VPN Gateway facts. */
export const AZURE: CloudFacts = {
  cloud: 'azure',
  psk: {
    charset: 'printable ASCII except space, "-" and "~"',
    pattern: /^[\x21-\x2c\x2e-\x7d]+$/,
    length: range(1, 128),
    sources: ['Z5', 'Z12'],
  },
  insideRanges: ['169.254.21.0/24', '169.254.22.0/24'],
  insideReserved: [],
  ownAsn: {
    // 32-bit (4-byte) ASNs are supported (Z6). Azure reserves 65515 (its gateways' default, so
    // allowed as the gateway's own) and 65517-65520; 65516 is outside the FAQ's "usable private
    // ranges" (64512-65514, 65521-65534) though not listed as reserved: refused, the
    // conservative reading.
    ranges: [range(1, 4294967294)],
    reserved: [...AZURE_REFUSED_ASNS, range(65516, 65520)],
    rule: '1-4294967294 (32-bit ASNs supported), except 8074, 8075, 12076, 23456, 64496-64511, 65516-65520, 65535-65551 and 429496729',
    sources: ['Z6'],
  },
  peerAsn: {
    // As the gateway's own, and 65515 too: "you can't specify these ASNs for your on-premises
    // VPN devices" (Z6).
    ranges: [range(1, 4294967294)],
    reserved: [...AZURE_REFUSED_ASNS, range(AZURE_DEFAULT_ASN, 65520)],
    rule: '1-4294967294 (32-bit ASNs supported), except 8074, 8075, 12076, 23456, 64496-64511, 65515-65520, 65535-65551 and 429496729',
    sources: ['Z6'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes256gcm16', 'aes128gcm16', 'aes256', 'aes192', 'aes128', '3des', 'des'],
    integrity: ['sha384', 'sha256', 'sha1', 'md5'],
    dhGroups: [24, 20, 19, 14, 2, 1],
    allowsNoPfs: false,
    lifetimeSeconds: range(28800, 28800),
    defaultLifetimeSeconds: 28800,
    lifetimeFixed: true,
  },
  phase2: {
    encryption: ['aes256gcm16', 'aes192gcm16', 'aes128gcm16', 'aes256', 'aes192', 'aes128', '3des', 'des'],
    integrity: ['sha256', 'sha1', 'md5'],
    dhGroups: [24, 20, 19, 14, 2, 1],
    allowsNoPfs: true,
    // Minimum 300 s (Z2); the maximum is unconfirmed, the point-to-site field allows up to 172799.
    lifetimeSeconds: range(300, 172799),
    defaultLifetimeSeconds: 27000,
    lifetimeFixed: false,
  },
  spelling: {
    encryption: { aes128: 'AES128', aes192: 'AES192', aes256: 'AES256', aes128gcm16: 'GCMAES128', aes192gcm16: 'GCMAES192', aes256gcm16: 'GCMAES256', '3des': 'DES3', des: 'DES' },
    integrity: { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha384: 'SHA384' },
    phase1Dh: { 1: 'DHGroup1', 2: 'DHGroup2', 14: 'DHGroup14', 19: 'ECP256', 20: 'ECP384', 24: 'DHGroup24' },
    phase2Dh: { 1: 'PFS1', 2: 'PFS2', 14: 'PFS2048', 19: 'ECP256', 20: 'ECP384', 24: 'PFS24' },
    noPfs: 'None',
    ikeVersion: { ikev1: 'IKEv1', ikev2: 'IKEv2' },
    // Azure names the GCM cipher again as the phase 2 integrity of an AEAD proposal (Z2).
    aeadIntegrity: 'cipher',
  },
  sources: ['Z2', 'Z3', 'Z11'],
};

/** Where each Azure fact comes from. */
export const AZURE_SOURCES: Record<string, string> = {
  Z1: 'Azure VPN Gateway, About cryptographic requirements',
  Z2: 'Azure VPN Gateway, Configure IPsec/IKE policy (algorithm and DH tables)',
  Z3: 'Azure VPN Gateway FAQ, IPsec/IKE policy',
  Z5: 'Azure VPN Gateway FAQ (vpn-gateway-vpn-faq.md, ms.date 2026-06-04): "Can I have more than one tunnel ..." (every tunnel counts against the total)',
  Z6: 'Azure VPN Gateway FAQ, BGP and routing (vpn-gateway-vpn-faq.md, ms.date 2026-06-04): reserved ASNs, "Can I use 32-bit (4-byte) ASNs? Yes", usable private ranges 64512-65514 and 65521-65534',
  Z7: 'Azure VPN Gateway, How to configure BGP',
  Z8: 'Azure VPN Gateway, How to connect Azure and AWS with BGP',
  Z9: 'Azure VPN Gateway SKUs (about-gateway-skus.md, S2S/VNet-to-VNet tunnels per SKU)',
  Z10: 'Azure VPN Gateway, About active-active gateways (about-active-active-gateways.md)',
  Z11: 'hashicorp/terraform-provider-azurerm virtual_network_gateway(_connection)_resource.go',
  Z12: 'Azure Network REST API, ConnectionResetSharedKey',
  Z13: 'MicrosoftDocs/azure-docs issue 78775 and PR 10166 (32-bit ASNs; superseded by Z6)',
  Z14: 'Field reports in public IaC repositories (NonAzSkusNotAllowedForVPNGateway since 2025-11-01, VmssVpnGatewayPublicIpsMustHaveZonesConfigured; invisible to az deployment validate / what-if); project facts, December 2026 corrections',
  Z15: 'Azure VPN Gateway, SKU consolidation and migration (gateway-sku-consolidation.md): VpnGw1-5 map to VpnGw1AZ-5AZ; no new non-AZ gateways',
};

/** Azure VPN gateway SKUs and their site-to-site tunnel limits (Z9), in S2S tunnels. */
export const AZURE_SKU_TUNNELS: Record<string, number> = {
  Basic: 10,
  VpnGw1: 30, VpnGw2: 30, VpnGw3: 30, VpnGw4: 100, VpnGw5: 100,
  VpnGw1AZ: 30, VpnGw2AZ: 30, VpnGw3AZ: 30, VpnGw4AZ: 100, VpnGw5AZ: 100,
};
/**
 * The non-AZ SKUs Azure no longer creates, each with the AZ SKU it is migrated to (Z15). Since
 * 2025-11-01 creating a gateway with one fails with `NonAzSkusNotAllowedForVPNGateway` (Z14);
 * an existing gateway may still report one until Azure migrates it. `az deployment validate` and
 * what-if catch neither this nor the missing zones of an AZ SKU's public IPs (Z14).
 */
export const AZURE_RETIRED_SKUS: Record<string, string> = {
  VpnGw1: 'VpnGw1AZ', VpnGw2: 'VpnGw2AZ', VpnGw3: 'VpnGw3AZ', VpnGw4: 'VpnGw4AZ', VpnGw5: 'VpnGw5AZ',
};
/**
 * Whether an Azure SKU is zone-redundant: its gateway needs zones on its Standard public IPs, or
 * Azure refuses it with `VmssVpnGatewayPublicIpsMustHaveZonesConfigured` (Z14).
 */
export function isAzureAzSku(sku: string): boolean {
  return /^VpnGw[1-5]AZ$/.test(sku);
}
/** Which Azure VPN gateway SKUs each gateway generation offers (Z9). */
export const AZURE_SKUS_BY_GENERATION: Record<'Generation1' | 'Generation2', readonly string[]> = {
  Generation1: ['VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ'],
  Generation2: ['VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'],
};
/** An availability-zone SKU, as the Azure constructs default to. */
export const AZURE_DEFAULT_SKU = 'VpnGw2AZ';

/**
 * S2S tunnels one Azure connection counts against its SKU's tunnel limit, per gateway kind.
 *
 * On an active-active gateway both instances establish a tunnel for every connection ("both VPN
 * tunnels are actually part of the same connection", Z10), and every tunnel counts against the
 * gateway's total ("two redundant tunnels ... consume two tunnels out of the total quota", Z5).
 * No Azure page says in so many words how an active-active connection is counted, so the
 * conservative count is used: two, one per instance.
 */
export const AZURE_TUNNELS_PER_CONNECTION: Record<AzureGatewayKind, number> = {
  'active-active': 2,
  'active-standby': 1,
};

/**
 * The connection an Azure gateway gets from the planner toward a peer that rekeys first, and,
 * without other props, from the Azure constructs: the planner's default proposal (AES-256,
 * SHA-256, DH group 14, PFS 2048) and timers.
 */
export const AZURE_DEFAULT_TUNNEL = {
  /** IKE version, as Azure spells it. */
  ikeVersion: AZURE.spelling.ikeVersion.ikev2,
  /** Phase 1 encryption, as Azure spells it. */
  ikeEncryption: AZURE.spelling.encryption.aes256!,
  /** Phase 1 integrity, as Azure spells it. */
  ikeIntegrity: AZURE.spelling.integrity.sha256!,
  /** Phase 1 DH group, as Azure spells it. */
  dhGroup: AZURE.spelling.phase1Dh[14]!,
  /** Phase 2 encryption, as Azure spells it. */
  ipsecEncryption: AZURE.spelling.encryption.aes256!,
  /** Phase 2 integrity, as Azure spells it. */
  ipsecIntegrity: AZURE.spelling.integrity.sha256!,
  /** PFS group, as Azure spells it. */
  pfsGroup: AZURE.spelling.phase2Dh[14]!,
  /** Phase 1 lifetime, in seconds: fixed by Azure (Z3). */
  phase1LifetimeSeconds: AZURE.phase1.defaultLifetimeSeconds,
  /** Phase 2 SA lifetime, in seconds: Azure's own default (Z2); lifetimes are local on Azure, the peer rekeys first. */
  phase2LifetimeSeconds: AZURE.phase2.defaultLifetimeSeconds,
  /** Phase 1 lifetime of a peer of Azure, in seconds: below Azure's fixed one, so that the peer rekeys first (field report, Microsoft Q&A 5857584). */
  peerPhase1LifetimeSeconds: 27000,
  /** Dead peer detection timeout, in seconds (9-3600, 45 s default, Z3). */
  dpdTimeoutSeconds: 45,
} as const;

/** Azure's APIPA range, first to last address (`169.254.21.0-169.254.22.255`): {@link AZURE}`.insideRanges`. */
const APIPA_SPAN = (() => {
  const blocks = AZURE.insideRanges.map(cidr);
  const last = blocks[blocks.length - 1];
  return `${formatIpv4(blocks[0].network)}-${formatIpv4(last.network + 2 ** (32 - last.prefixLength) - 1)}`;
})();

/** Azure custom APIPA BGP address: inside Azure's APIPA range, {@link AZURE}`.insideRanges` (Z7 Z11). */
export function azureApipaProblem(address: string): string | undefined {
  const a = parseIpv4(address);
  if (a === undefined) return `${show(address)} is not a dotted-quad IPv4 address; allowed: an address in ${APIPA_SPAN}`;
  if (!AZURE.insideRanges.some((r) => containsAddress(cidr(r), a))) {
    return `${show(address)} is outside Azure's APIPA range; allowed: an address in ${APIPA_SPAN}`;
  }
  return undefined;
}

/** Azure local network gateway for one remote endpoint. */
export interface AzureLocalNetworkGatewayPlan {
  /** Id of the local network gateway within its link (stable; part of construct ids). */
  readonly id: string;
  /** The remote endpoint whose public IP the local network gateway registers. */
  readonly remote: EndpointRef;
  /** Address space (static and policy routing). */
  readonly addressSpace: readonly string[];
  /**
   * BGP peer (dynamic routing).
   *
   * @default - none: not a BGP link
   */
  readonly bgp?: {
    /** The remote end's ASN: 1-4294967295, a peer ASN Azure accepts ({@link AZURE}`.peerAsn`). */
    readonly asn: number;
    /** The remote end's inside (BGP peering) address. */
    readonly peeringAddress: string;
  };
}

/** Azure connection to one local network gateway. */
export interface AzureConnectionPlan {
  /** Id of the connection within its link (stable; part of construct ids). */
  readonly id: string;
  /** Id of the local network gateway (`AzureLocalNetworkGatewayPlan.id`) it connects to. */
  readonly localNetworkGateway: string;
  /** Id of the tunnel the connection carries. */
  readonly tunnel: string;
  /** Whether BGP runs over the connection (`enable_bgp`, or `bgp_enabled` in the provider versions that have it). */
  readonly bgpEnabled: boolean;
  /**
   * Custom APIPA BGP addresses: primary on instance 0, secondary on instance 1.
   *
   * @default - none: not a BGP link
   */
  readonly customBgpAddresses?: {
    /** APIPA address on gateway instance 0. */
    readonly primary: string;
    /**
     * APIPA address on gateway instance 1 (active-active gateways).
     *
     * @default - none: an active-standby gateway has no instance 1
     */
    readonly secondary?: string;
  };
  /** Who may start IKE (`connection_mode`). */
  readonly connectionMode: 'Default' | 'ResponderOnly' | 'InitiatorOnly';
  /** Dead peer detection timeout, in seconds (`dpd_timeout_seconds`, 9-3600). */
  readonly dpdTimeoutSeconds: number;
  /**
   * Policy-based traffic selectors (policy routing).
   *
   * @default - none: route-based (any-to-any) selectors on `bgp` and `static` links
   */
  readonly trafficSelectors?: {
    /** Prefixes on the Azure side. */
    readonly local: readonly string[];
    /** Prefixes on the remote side. */
    readonly remote: readonly string[];
  };
}

/** What an Azure gateway needs for one link. */
export interface AzureLinkResources extends LinkResourcesBase {
  /** Discriminator: an Azure gateway's resources. */
  readonly cloud: 'azure';
  /** One local network gateway per remote endpoint. */
  readonly localNetworkGateways: readonly AzureLocalNetworkGatewayPlan[];
  /** One connection per tunnel. */
  readonly connections: readonly AzureConnectionPlan[];
}

/**
 * The Azure Monitor metrics that watch one Azure tunnel end, as the REST API names them: both are
 * metrics of the virtual network gateway (`Microsoft.Network/virtualNetworkGateways`; a
 * connection, `Microsoft.Network/connections`, has only `BitsInPerSecond` / `BitsOutPerSecond`),
 * smallest time grain PT5M ("Supported metrics for Microsoft.Network/virtualNetworkGateways" and
 * "... Microsoft.Network/connections", MicrosoftDocs/azure-reference-other
 * azure-monitor-ref/supported-metrics/includes/, ms.date 2024-03-26).
 *
 * - `QmsaCount` ("Tunnel QMSA Count", quick-mode security associations present; aggregation
 *   Total; dimensions ConnectionName, RemoteIP, Instance): no IPsec SA on the connection means the
 *   tunnel carries nothing, whether IKE or phase 2 failed.
 * - `BgpPeerStatus` ("BGP Peer Status", 1 connected / 0 not; aggregation Average; dimensions
 *   BgpPeerAddress, Instance): on BGP links only. Microsoft's guidance is an Average below 1 per
 *   peer address (MicrosoftDocs/azure-docs articles/virtual-wan/monitoring-best-practices.md,
 *   "Create alert rule to monitor BGP peer status", ms.date 2023-10-03).
 */
export const AZURE_ALARM_METRICS: {
  /** The tunnel end has no IPsec SA. */
  readonly tunnel: AzureAlarmMetric;
  /** The BGP session over the tunnel is down (BGP links). */
  readonly bgp: AzureAlarmMetric;
} = {
  tunnel: { namespace: 'Microsoft.Network/virtualNetworkGateways', name: 'QmsaCount', suffix: 'azure-tunnel', watches: 'tunnel down' },
  bgp: { namespace: 'Microsoft.Network/virtualNetworkGateways', name: 'BgpPeerStatus', suffix: 'azure-bgp', watches: 'BGP peer down' },
};

/** One Azure Monitor metric a tunnel alarm watches (`AZURE_ALARM_METRICS`). */
export interface AzureAlarmMetric {
  /** The metric namespace: the resource type the metric belongs to. */
  readonly namespace: string;
  /** The metric's REST name. */
  readonly name: string;
  /** The suffix of the alarm's name (`alarmName`). */
  readonly suffix: string;
  /** What the alarm means, for tables (`PlannedAlarm.watches`). */
  readonly watches: string;
}

const INSTANCES: Record<AzureGatewayKind, string[]> = { 'active-active': ['instance0', 'instance1'], 'active-standby': ['instance0'] };
const otherInstance = (instance: string) => (instance === 'instance0' ? 'instance1' : 'instance0');
const skuOf = (sku: string | undefined) => sku ?? AZURE_DEFAULT_SKU;

/**
 * Azure, as the planner knows it.
 *
 * @internal the planner's contract with a cloud (`CloudProfile`) is not public API yet
 */
export const AZURE_PROFILE: CloudProfile<AzureGatewayKind, AzureLinkResources> = {
  cloud: 'azure',
  name: 'Azure',
  display: {
    label: 'Microsoft Azure',
    color: '#0078d4',
    nouns: { peers: 'local network gateways', connections: 'connections' },
    count: (l) => ({ peers: l.localNetworkGateways.length, connections: l.connections.length }),
  },
  facts: AZURE,
  sources: AZURE_SOURCES,
  kinds: ['active-active', 'active-standby'],
  endpoints: (kind) => [...(INSTANCES[kind] ?? [])],
  tunnelOnEveryEndpoint: false, // an instance may carry none of a link's tunnels
  // An active-standby gateway has one usable APIPA BGP address (Z8): one BGP tunnel per link.
  idleReason: ({ link, site, side, endpoint, earlier }) => (link.routing === 'bgp' && INSTANCES[site.kind as AzureGatewayKind].length === 1 && earlier.some((s) => s.endpoints[side] === endpoint)
    ? 'an active-standby Azure gateway has one usable APIPA BGP address (Z8)' : undefined),
  place: () => undefined, // one local network gateway and connection per active tunnel
  configuresIdle: () => false,
  alwaysInside: false,
  firstHostRank: 0,
  scarceInsideRange: true, // 512 APIPA addresses for every gateway (Z7)
  // Active-active on a BGP link: the custom BGP address of the instance this link leaves without a tunnel.
  ownAddresses: (site, side, slot, active) => {
    if (site.kind !== 'active-active') return [];
    const other = otherInstance(slot.endpoints[side]);
    return active.some((x) => x.endpoints[side] === other) ? [] : [other];
  },
  initiation: () => 'yields', // ResponderOnly facing an initiating AWS (Z8)
  startsBgp: false, // never from an APIPA address (Z8)
  lifetimes: { phase1: AZURE_DEFAULT_TUNNEL.phase1LifetimeSeconds, phase2: AZURE_DEFAULT_TUNNEL.phase2LifetimeSeconds },
  fixedPhase1: { peerSeconds: AZURE_DEFAULT_TUNNEL.peerPhase1LifetimeSeconds, waitsCode: 'lifetime-azure-waits' },
  skus: AZURE_SKU_TUNNELS,
  siteWarnings: (site, path) => {
    const sku = site.spec.sku;
    if (typeof sku !== 'string' || !Object.hasOwn(AZURE_RETIRED_SKUS, sku)) return [];
    return [`${path}.sku: ${show(sku)} is a non-AZ SKU, which Azure no longer creates (NonAzSkusNotAllowedForVPNGateway since 2025-11-01); planned as an existing gateway's. A new gateway needs ${AZURE_RETIRED_SKUS[sku]}`];
  },
  // Per active tunnel end: its IPsec SAs, and on BGP links its BGP session (AZURE_ALARM_METRICS).
  // Azure metric alert rule names may hold anything but * # & + : < > ? @ % { } \ /, must not end
  // with a space or a period, and with their resource group name (at most 90) may not exceed 252
  // characters (MicrosoftDocs/azure-monitor-docs alerts-create-metric-alert-rule.md, "Naming
  // restrictions for metric alert rules"): alarmName's at most 64 of [A-Za-z0-9._-], ending in the
  // suffix, are within them.
  alarms: ({ deployment, tunnelId, link }) => (link.routing === 'bgp' ? [AZURE_ALARM_METRICS.tunnel, AZURE_ALARM_METRICS.bgp] : [AZURE_ALARM_METRICS.tunnel])
    .map((m) => ({ name: alarmName(deployment, tunnelId, m.suffix), service: 'azure-monitor' as const, metric: `${m.namespace} ${m.name}`, watches: m.watches })),

  planGateway: ({ site, links, ownAddress, issues }) => {
    const apipa: Record<string, string[]> = {};
    for (const e of INSTANCES[site.kind as AzureGatewayKind]) apipa[e] = [];
    // APIPA addresses per instance first: connections refer to them.
    for (const { link, side, slots, tunnel } of links) {
      if (link.routing !== 'bgp') continue;
      for (const slot of slots) {
        const t = tunnel(slot);
        if (t.state !== 'active') continue;
        apipa[slot.endpoints[side]].push(t.ends[side].insideAddress!);
        const own = ownAddress(t.id, otherInstance(slot.endpoints[side]));
        if (own !== undefined) apipa[otherInstance(slot.endpoints[side])].push(own);
      }
    }
    const resources = links.map(({ link, side, remote, slots, tunnel }): AzureLinkResources => {
      const bgp = link.routing === 'bgp';
      const active = slots.filter((s) => s.state === 'active');
      const localNetworkGateways: AzureLocalNetworkGatewayPlan[] = [];
      const connections: AzureConnectionPlan[] = [];
      active.forEach((slot, n) => {
        const t = tunnel(slot);
        const instance = slot.endpoints[side];
        localNetworkGateways.push({
          id: `lng${n + 1}`,
          remote: { site: remote.id, endpoint: slot.endpoints[1 - side] },
          addressSpace: link.routing === 'static' ? remote.cidrs.map((c) => c.text) : link.routing === 'policy' ? [...link.selectors[1 - side]] : [],
          bgp: bgp ? { asn: t.ends[1 - side].asn!, peeringAddress: t.ends[1 - side].insideAddress! } : undefined,
        });
        let customBgpAddresses: AzureConnectionPlan['customBgpAddresses'];
        if (bgp) {
          const own = t.ends[side].insideAddress!;
          const other = otherInstance(instance);
          // The other instance's address, from this tunnel's own link only (so that no other link
          // changes it): the link's first tunnel on that instance, else the address allocated for
          // this tunnel there (`ownAddresses`); none on an active-standby gateway.
          const sibling = active.find((s) => s.endpoints[side] === other);
          const otherAddress = apipa[other] ? (sibling ? tunnel(sibling).ends[side].insideAddress : ownAddress(t.id, other)) : undefined;
          customBgpAddresses = instance === 'instance0' ? { primary: own, secondary: otherAddress } : { primary: otherAddress ?? own, secondary: own };
          if (instance === 'instance1' && otherAddress === undefined) {
            issues.add(`sites[${site.index}]`, 'apipa-missing', `instance0 of Azure gateway ${show(site.id)} has no APIPA address for the primary custom BGP address of ${t.id}`);
          }
        }
        connections.push({
          id: `conn${n + 1}`,
          localNetworkGateway: `lng${n + 1}`,
          tunnel: t.id,
          bgpEnabled: bgp,
          customBgpAddresses,
          connectionMode: t.ends[side].initiates ? 'Default' : 'ResponderOnly',
          dpdTimeoutSeconds: AZURE_DEFAULT_TUNNEL.dpdTimeoutSeconds,
          trafficSelectors: link.routing === 'policy' ? { local: [...link.selectors[side]], remote: [...link.selectors[1 - side]] } : undefined,
        });
      });
      return { cloud: 'azure', link: link.id, remoteSite: remote.id, localNetworkGateways, connections };
    });
    return { links: resources, addresses: apipa };
  },
  connectionLimit: (_kind, sku) => AZURE_SKU_TUNNELS[skuOf(sku)],
  // S2S tunnels: every connection of an active-active gateway is two (AZURE_TUNNELS_PER_CONNECTION).
  capacity: (site, links) => {
    const connections = links.reduce((n, r) => n + r.connections.length, 0);
    const perConnection = AZURE_TUNNELS_PER_CONNECTION[site.kind as AzureGatewayKind];
    return {
      used: connections * perConnection,
      limit: AZURE_SKU_TUNNELS[skuOf(site.spec.sku)],
      unit: `S2S tunnels (${connections} connections${perConnection > 1 ? `, ${perConnection} tunnels each on an active-active gateway` : ''})`,
      gateway: `${skuOf(site.spec.sku)} gateway`,
      remedy: 'a larger SKU, ',
    };
  },
};
