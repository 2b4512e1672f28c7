/**
 * Each cloud's limits, reserved values and algorithm spellings, as data.
 *
 * Every entry carries the ids of its sources; the ids are listed in `SOURCES` at the end and in
 * the project's reference notes (`shared/reference/cloud-vpn-facts.md`). Values marked
 * `unconfirmed` were not found in a primary source: they are the conservative reading and stay
 * overridable where it matters.
 *
 * Nothing in here decides anything: the allocators and the proposal negotiation read these tables.
 */

/** The clouds this library connects. */
export type Cloud = 'aws' | 'azure' | 'alicloud';
/** Every cloud, in the order tables and diagrams list them. */
export const CLOUDS: readonly Cloud[] = ['aws', 'azure', 'alicloud'];

/** Display names used in messages and tables. */
export const CLOUD_NAMES: Record<Cloud, string> = { aws: 'AWS', azure: 'Azure', alicloud: 'Alibaba Cloud' };

/** Engine-neutral algorithm names (strongSwan keywords where one exists). */
export type Encryption = 'aes128' | 'aes192' | 'aes256' | 'aes128gcm16' | 'aes192gcm16' | 'aes256gcm16' | '3des' | 'des';
/** Engine-neutral integrity (hash) algorithm names (strongSwan keywords). */
export type Integrity = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
/** IANA Diffie-Hellman group numbers. */
export type DhGroup = 1 | 2 | 5 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24;
/** IKE protocol version. */
export type IkeVersion = 'ikev1' | 'ikev2';

/** Every encryption algorithm, strongest first (the planner's order of preference). */
export const ENCRYPTIONS: readonly Encryption[] = ['aes256', 'aes256gcm16', 'aes192', 'aes192gcm16', 'aes128', 'aes128gcm16', '3des', 'des'];
/** Every integrity algorithm, preferred first. */
export const INTEGRITIES: readonly Integrity[] = ['sha256', 'sha384', 'sha512', 'sha1', 'md5'];
/** Every Diffie-Hellman group, preferred first. */
export const DH_GROUPS: readonly DhGroup[] = [14, 20, 19, 15, 16, 17, 18, 21, 24, 22, 23, 5, 2, 1];

/** A range of integers, both ends inclusive. */
export interface IntRange {
  /**
   * Smallest allowed value, inclusive, in the unit of the value the range bounds (seconds for
   * lifetimes, characters for key lengths; ASNs are plain numbers).
   */
  readonly min: number;
  /**
   * Largest allowed value, inclusive, in the same unit as `min` (seconds, characters, ...); equal
   * to `min` for a fixed value.
   */
  readonly max: number;
}

/** What one cloud accepts for one IPsec phase. */
export interface PhaseCapability {
  /** Encryption algorithms the cloud accepts in this phase. */
  readonly encryption: readonly Encryption[];
  /** Integrity algorithms the cloud accepts in this phase. */
  readonly integrity: readonly Integrity[];
  /** DH groups (phase 1) or PFS groups (phase 2). */
  readonly dhGroups: readonly DhGroup[];
  /** Whether phase 2 may run without PFS. */
  readonly allowsNoPfs: boolean;
  /** Lifetimes the cloud accepts, in seconds. */
  readonly lifetimeSeconds: IntRange;
  /** The lifetime the cloud uses when nothing is set, in seconds (inside `lifetimeSeconds`). */
  readonly defaultLifetimeSeconds: number;
  /** True when the lifetime cannot be configured at all (Azure phase 1). */
  readonly lifetimeFixed: boolean;
}

/** The pre-shared key rules of one cloud. */
export interface PskRule {
  /** Human description of the allowed characters. */
  readonly charset: string;
  /** The allowed characters, as a whole-string pattern. */
  readonly pattern: RegExp;
  /** Allowed length, in characters. */
  readonly length: IntRange;
  /**
   * A further rule beyond charset and length (e.g. AWS: must not start with "0").
   *
   * @default - none: charset and length are the whole rule
   */
  readonly extra?: {
    /** True when the key passes the rule. */
    readonly test: (k: string) => boolean;
    /** The rule in words, for error messages. */
    readonly rule: string;
  };
  /** Source ids (see `SOURCES`). */
  readonly sources: readonly string[];
}

/** Everything the planner needs to know about one cloud. */
export interface CloudFacts {
  /** The cloud these facts describe. */
  readonly cloud: Cloud;
  /** Pre-shared key rules. */
  readonly psk: PskRule;
  /** Ranges inside 169.254.0.0/16 where this cloud takes tunnel inside addresses. */
  readonly insideRanges: readonly string[];
  /** /30 blocks (or larger) this cloud reserves. */
  readonly insideReserved: readonly string[];
  /** ASN this cloud's own gateway may use. */
  readonly ownAsn: {
    /** Allowed ranges. */
    readonly ranges: readonly IntRange[];
    /** Values inside `ranges` that are nevertheless refused. */
    readonly reserved: readonly IntRange[];
    /** The rule in words, for error messages. */
    readonly rule: string;
    /** Source ids (see `SOURCES`). */
    readonly sources: readonly string[];
  };
  /** ASN this cloud accepts for a remote peer (customer gateway / local network gateway). */
  readonly peerAsn: {
    /** Allowed ranges. */
    readonly ranges: readonly IntRange[];
    /** Values inside `ranges` that are nevertheless refused. */
    readonly reserved: readonly IntRange[];
    /** The rule in words, for error messages. */
    readonly rule: string;
    /** Source ids (see `SOURCES`). */
    readonly sources: readonly string[];
  };
  /** IKE versions the cloud supports, preferred first. */
  readonly ikeVersions: readonly IkeVersion[];
  /** What the cloud accepts in IKE phase 1 (IKE SA). */
  readonly phase1: PhaseCapability;
  /** What the cloud accepts in IKE phase 2 (IPsec / CHILD SA). */
  readonly phase2: PhaseCapability;
  /** Spelling of each algorithm in this cloud's API (`undefined` = not supported). */
  readonly spelling: {
    /** Encryption algorithm names. */
    readonly encryption: Partial<Record<Encryption, string>>;
    /** Integrity algorithm names. */
    readonly integrity: Partial<Record<Integrity, string>>;
    /** Phase 1 Diffie-Hellman group names. */
    readonly phase1Dh: Partial<Record<DhGroup, string>>;
    /** Phase 2 PFS group names. */
    readonly phase2Dh: Partial<Record<DhGroup, string>>;
    /**
     * The value that turns PFS off.
     *
     * @default - none: PFS cannot be turned off (AWS)
     */
    readonly noPfs?: string;
    /** IKE version names. */
    readonly ikeVersion: Record<IkeVersion, string>;
  };
  /** Source ids (see `SOURCES`). */
  readonly sources: readonly string[];
}

const r = (min: number, max: number): IntRange => ({ min, max });
const one = (n: number): IntRange => ({ min: n, max: n });

/**
 * ASNs Azure refuses in both roles (Z6, the BGP FAQ as of 2026-06): reserved by IANA (0, 23456,
 * 64496-64511, 65535-65551 and what the FAQ prints as "429496729", kept literally as well as the
 * 4294967295 it stands for), and Azure's public ASNs 8074, 8075 and 12076.
 */
const AZURE_REFUSED_ASNS: readonly IntRange[] = [one(0), one(8074), one(8075), one(12076), one(23456), r(64496, 64511), r(65535, 65551), one(429496729), one(4294967295)];

/**
 * AWS's default Amazon-side ASN: what a virtual private gateway or transit gateway created
 * without `AmazonSideAsn` gets (A7). The one default for an AWS site without an ASN: the planner
 * gives it to every AWS site that pins none, and the AWS constructs emit it.
 */
export const AWS_DEFAULT_AMAZON_SIDE_ASN = 64512;

/** AWS Site-to-Site VPN facts. */
export const AWS: CloudFacts = {
  cloud: 'aws',
  psk: {
    charset: 'letters, digits, "." and "_"',
    pattern: /^[A-Za-z0-9._]+$/,
    length: r(8, 64),
    extra: { test: (k) => !k.startsWith('0'), rule: 'must not start with "0"' },
    sources: ['A1', 'A3', 'A4'],
  },
  insideRanges: ['169.254.0.0/16'],
  insideReserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'],
  ownAsn: {
    ranges: [r(64512, 65534), r(4200000000, 4294967294)],
    reserved: [],
    rule: '64512-65534 or 4200000000-4294967294 (private ASNs only)',
    sources: ['A7', 'A13'],
  },
  peerAsn: {
    // Customer gateway: `BgpAsn` 1-2,147,483,647, `BgpAsnExtended` 2,147,483,648-4,294,967,295
    // (A6 A14); an ASN above 2,147,483,647 must go in `BgpAsnExtended`. The resource schema
    // aws-cdk-lib's CloudFormation validator bundles caps BgpAsnExtended at 4,294,967,294 (rule
    // F3034; 4,294,967,295 is IANA-reserved): the stricter bound.
    ranges: [r(1, 4294967294)],
    reserved: [one(7224), one(9059)],
    rule: '1-4294967294 (above 2147483647 as BgpAsnExtended), except 7224 and 9059 (reserved in us-east-1 / eu-west-1)',
    sources: ['A5', 'A6', 'A14'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes128', 'aes256', 'aes128gcm16', 'aes256gcm16'],
    integrity: ['sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    allowsNoPfs: false,
    lifetimeSeconds: r(900, 28800),
    defaultLifetimeSeconds: 28800,
    lifetimeFixed: false,
  },
  phase2: {
    encryption: ['aes128', 'aes256', 'aes128gcm16', 'aes256gcm16'],
    integrity: ['sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    allowsNoPfs: false,
    lifetimeSeconds: r(900, 3600),
    defaultLifetimeSeconds: 3600,
    lifetimeFixed: false,
  },
  spelling: {
    encryption: { aes128: 'AES128', aes256: 'AES256', aes128gcm16: 'AES128-GCM-16', aes256gcm16: 'AES256-GCM-16' },
    integrity: { sha1: 'SHA1', sha256: 'SHA2-256', sha384: 'SHA2-384', sha512: 'SHA2-512' },
    phase1Dh: { 2: '2', 14: '14', 15: '15', 16: '16', 17: '17', 18: '18', 19: '19', 20: '20', 21: '21', 22: '22', 23: '23', 24: '24' },
    phase2Dh: { 2: '2', 5: '5', 14: '14', 15: '15', 16: '16', 17: '17', 18: '18', 19: '19', 20: '20', 21: '21', 22: '22', 23: '23', 24: '24' },
    ikeVersion: { ikev1: 'ikev1', ikev2: 'ikev2' },
  },
  sources: ['A1', 'A2', 'A3'],
};

/** Azure VPN Gateway facts. */
export const AZURE: CloudFacts = {
  cloud: 'azure',
  psk: {
    charset: 'printable ASCII except space, "-" and "~"',
    pattern: /^[\x21-\x2c\x2e-\x7d]+$/,
    length: r(1, 128),
    sources: ['Z5', 'Z12'],
  },
  insideRanges: ['169.254.21.0/24', '169.254.22.0/24'],
  insideReserved: [],
  ownAsn: {
    // 32-bit (4-byte) ASNs are supported (Z6). Azure reserves 65515 (its gateways' default, so
    // allowed as the gateway's own) and 65517-65520; 65516 is outside the FAQ's "usable private
    // ranges" (64512-65514, 65521-65534) though not listed as reserved: refused, the
    // conservative reading.
    ranges: [r(1, 4294967294)],
    reserved: [...AZURE_REFUSED_ASNS, r(65516, 65520)],
    rule: '1-4294967294 (32-bit ASNs supported), except 8074, 8075, 12076, 23456, 64496-64511, 65516-65520, 65535-65551 and 429496729',
    sources: ['Z6'],
  },
  peerAsn: {
    // As the gateway's own, and 65515 too: "you can't specify these ASNs for your on-premises
    // VPN devices" (Z6).
    ranges: [r(1, 4294967294)],
    reserved: [...AZURE_REFUSED_ASNS, r(65515, 65520)],
    rule: '1-4294967294 (32-bit ASNs supported), except 8074, 8075, 12076, 23456, 64496-64511, 65515-65520, 65535-65551 and 429496729',
    sources: ['Z6'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes256gcm16', 'aes128gcm16', 'aes256', 'aes192', 'aes128', '3des', 'des'],
    integrity: ['sha384', 'sha256', 'sha1', 'md5'],
    dhGroups: [24, 20, 19, 14, 2, 1],
    allowsNoPfs: false,
    lifetimeSeconds: r(28800, 28800),
    defaultLifetimeSeconds: 28800,
    lifetimeFixed: true,
  },
  phase2: {
    encryption: ['aes256gcm16', 'aes192gcm16', 'aes128gcm16', 'aes256', 'aes192', 'aes128', '3des', 'des'],
    integrity: ['sha256', 'sha1', 'md5'],
    dhGroups: [24, 20, 19, 14, 2, 1],
    allowsNoPfs: true,
    // Minimum 300 s (Z2); the maximum is unconfirmed, the point-to-site field allows up to 172799.
    lifetimeSeconds: r(300, 172799),
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
  },
  sources: ['Z2', 'Z3', 'Z11'],
};

/** Alibaba Cloud VPN Gateway facts. */
export const ALICLOUD: CloudFacts = {
  cloud: 'alicloud',
  psk: {
    charset: 'letters, digits and ~!`@#$%^&*()_-+={}[]|;:\'",.<>/? (no spaces)',
    pattern: /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:'",.<>/?]+$/,
    length: r(1, 100),
    sources: ['L1'],
  },
  insideRanges: ['169.254.0.0/16'],
  insideReserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.6.0/30', '169.254.169.252/30'],
  ownAsn: {
    ranges: [r(1, 4294967295)],
    reserved: [],
    rule: '1-4294967295',
    sources: ['L1'],
  },
  peerAsn: {
    ranges: [r(1, 4294967295)],
    reserved: [one(45104)],
    rule: '1-4294967295, except 45104 (Alibaba Cloud\'s own)',
    sources: ['L3'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes128', 'aes192', 'aes256', 'des', '3des'],
    integrity: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [1, 2, 5, 14],
    allowsNoPfs: false,
    lifetimeSeconds: r(0, 86400),
    defaultLifetimeSeconds: 86400,
    lifetimeFixed: false,
  },
  phase2: {
    encryption: ['aes128', 'aes192', 'aes256', 'des', '3des'],
    integrity: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [1, 2, 5, 14],
    allowsNoPfs: true,
    lifetimeSeconds: r(0, 86400),
    defaultLifetimeSeconds: 86400,
    lifetimeFixed: false,
  },
  spelling: {
    // `aes` is AES-128 (key size not stated by Alibaba: unconfirmed).
    encryption: { aes128: 'aes', aes192: 'aes192', aes256: 'aes256', des: 'des', '3des': '3des' },
    integrity: { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' },
    phase1Dh: { 1: 'group1', 2: 'group2', 5: 'group5', 14: 'group14' },
    phase2Dh: { 1: 'group1', 2: 'group2', 5: 'group5', 14: 'group14' },
    noPfs: 'disabled',
    ikeVersion: { ikev1: 'ikev1', ikev2: 'ikev2' },
  },
  sources: ['L1', 'L7'],
};

/** The facts of every cloud, by cloud. */
export const FACTS: Record<Cloud, CloudFacts> = { aws: AWS, azure: AZURE, alicloud: ALICLOUD };

/** Choices that only a user who says `allowWeakCrypto` gets (weak or broken). */
export const WEAK = {
  /** Weak encryption algorithms. */
  encryption: ['3des', 'des'] as readonly Encryption[],
  /** Weak integrity algorithms. */
  integrity: ['md5', 'sha1'] as readonly Integrity[],
  /** Weak Diffie-Hellman / PFS groups. */
  dhGroups: [1, 2, 5, 22] as readonly DhGroup[],
  /** Weak IKE versions. */
  ikeVersions: ['ikev1'] as readonly IkeVersion[],
  /** Source ids (see `SOURCES`). */
  sources: ['Z1', 'S2'],
};

/** Gateway kinds per cloud, with how many public endpoints each has. */
export type GatewayKind =
  | 'vpn-gateway' | 'transit-gateway' // AWS
  | 'active-active' | 'active-standby' // Azure
  | 'dual-tunnel' | 'single-tunnel'; // Alibaba Cloud

/** The gateway kinds each cloud offers. */
export const GATEWAY_KINDS: Record<Cloud, readonly GatewayKind[]> = {
  aws: ['vpn-gateway', 'transit-gateway'],
  azure: ['active-active', 'active-standby'],
  alicloud: ['dual-tunnel', 'single-tunnel'],
};

/** Default gateway kind per cloud (the guides' choice). */
export const DEFAULT_GATEWAY_KIND: Record<Cloud, GatewayKind> = { aws: 'vpn-gateway', azure: 'active-active', alicloud: 'dual-tunnel' };

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
export const AZURE_TUNNELS_PER_CONNECTION: Record<'active-active' | 'active-standby', number> = {
  'active-active': 2,
  'active-standby': 1,
};

/**
 * Connection limits per gateway (the unit each cloud counts).
 * AWS: 10 VPN connections per virtual private gateway; a transit gateway is bounded by the 50
 * customer gateways / VPN connections per region (A10). Azure: S2S tunnels by SKU (Z9,
 * `AZURE_SKU_TUNNELS`), each connection counted as `AZURE_TUNNELS_PER_CONNECTION`; the values
 * here are the default SKU's. Alibaba Cloud: the per-gateway quota is unconfirmed; 30 is used as
 * a conservative, overridable limit (`maxConnections` on the site).
 */
export const CONNECTION_LIMITS: Record<GatewayKind, number> = {
  'vpn-gateway': 10,
  'transit-gateway': 50,
  'active-active': 30,
  'active-standby': 30,
  'dual-tunnel': 30,
  'single-tunnel': 30,
};

/** Lifetimes and timers the planner sets explicitly on every tunnel. */
export const TIMERS = {
  /** Phase 1 lifetime everywhere; Azure's is fixed at this value (Z3). */
  phase1LifetimeSeconds: 28800,
  /** Phase 1 lifetime of a peer of Azure: shorter, so the peer rekeys before Azure's fixed 28800 s expires (field report, Microsoft Q&A 5857584). */
  phase1LifetimeFacingAzureSeconds: 27000,
  /** Phase 2 lifetime of AWS and Alibaba Cloud ends: AWS's maximum (A1). */
  phase2LifetimeSeconds: 3600,
  /** Azure's phase 2 lifetime when its peer rekeys first: Azure's own default (Z2); lifetimes are local on Azure. */
  azurePhase2LifetimeSeconds: 27000,
  /** AWS rekey margin and fuzz, set explicitly because the documented defaults disagree (A1 A2 A3). */
  awsRekeyMarginSeconds: 540,
  /** AWS rekey fuzz, in percent of the rekey margin (0-100, A1). */
  awsRekeyFuzzPercentage: 100,
  /** AWS replay window, in packets (64-2048, A1). */
  awsReplayWindowPackets: 1024,
  /** AWS DPD timeout (>= 30, A1); action `restart` re-initiates instead of clearing the tunnel. */
  awsDpdTimeoutSeconds: 30,
  /** Azure DPD timeout, 9-3600 s, 45 s default (Z3). */
  azureDpdTimeoutSeconds: 45,
};

/** Where each fact comes from. */
export const SOURCES: Record<string, string> = {
  A1: 'AWS Site-to-Site VPN User Guide, Tunnel options for your Site-to-Site VPN connection',
  A2: 'Amazon EC2 API Reference, VpnTunnelOptionsSpecification',
  A3: 'hashicorp/terraform-provider-aws internal/service/ec2/vpnsite_connection.go',
  A4: 'aws/aws-cdk packages/aws-cdk-lib/aws-ec2/lib/vpn.ts',
  A5: 'AWS Site-to-Site VPN User Guide, Customer gateway options',
  A6: 'Amazon EC2 API Reference, CreateCustomerGateway',
  A7: 'Amazon EC2 API Reference, CreateVpnGateway / TransitGatewayRequestOptions AmazonSideAsn',
  A10: 'AWS Site-to-Site VPN User Guide, quotas',
  A13: 'AWS Site-to-Site VPN User Guide, How AWS Site-to-Site VPN works',
  A14: 'CloudFormation AWS::EC2::CustomerGateway BgpAsn (1-2,147,483,647) / BgpAsnExtended (2,147,483,648-4,294,967,295), as aws-cdk-lib ec2.generated.d.ts CfnCustomerGatewayProps documents them',
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
  L1: 'Alibaba Cloud VPC API CreateVpnConnection (aliyun/alibabacloud-java-sdk CreateVpnConnectionRequest)',
  L3: 'Alibaba Cloud VPN Gateway, Customer gateway',
  L7: 'aliyun/terraform-provider-alicloud resource_alicloud_vpn_connection.go',
  S2: 'strongSwan documentation, IKE and ESP proposals',
};
