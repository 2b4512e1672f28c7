/**
 * The planner's input: sites (one VPN gateway each) and links between them.
 *
 * The same shape is the topology file format (`ccvpn plan topology.yaml`), described by the JSON
 * Schema shipped in `schema/topology.schema.json`; the allocation record (`AllocationRecord`) by
 * `schema/allocations.schema.json`.
 */
import type { Cloud, GatewayKind } from './clouds/ids';
import type { DhGroup, Encryption, IkeVersion, Integrity, NeutralProposal } from './facts';

/** How routes are exchanged over a link. */
export type Routing = 'bgp' | 'static' | 'policy';

/**
 * Which tunnels of a link are brought up.
 *
 * - `all`: every tunnel the two gateways can form (AWS↔Azure active-active: all 4 AWS tunnels).
 * - `minimal`: the layout of the vendor guides (AWS↔Azure active-active: tunnel 1 of each of the
 *   2 AWS VPN connections); the tunnels AWS creates anyway are planned as idle.
 */
export type TunnelLayout = 'all' | 'minimal';

/** One VPN gateway and the networks behind it. */
export interface SiteSpec {
  /** Stable identity of the site: keys every derived value (keys, addresses, ASNs). Letters, digits, `-`, `_`, `.`. */
  readonly id: string;
  /**
   * The cloud the gateway is in: `aws`, `azure` or `alicloud`. Decides every limit, reserved
   * value and algorithm spelling the planner applies to the site (see `FACTS`).
   */
  readonly cloud: Cloud;
  /**
   * Gateway kind: AWS `vpn-gateway` | `transit-gateway`; Azure `active-active` | `active-standby`;
   * Alibaba Cloud `dual-tunnel` | `single-tunnel`.
   *
   * @default - `vpn-gateway`, `active-active`, `dual-tunnel`
   */
  readonly gateway?: GatewayKind;
  /** IPv4 prefixes of the networks behind the gateway (VPC / VNet address space). */
  readonly cidrs: readonly string[];
  /**
   * BGP ASN of this gateway: its own ASN, and the ASN its BGP peers register for it.
   *
   * 1-4294967295: as the gateway's own ASN, one its cloud allows ({@link FACTS}`[cloud].ownAsn`:
   * {@link AWS}, {@link AZURE}, {@link ALICLOUD}); on a BGP link also a peer ASN the other end's
   * cloud registers ({@link FACTS}`[cloud].peerAsn`), different from the other end's.
   *
   * @default - a site of a cloud with a default ASN takes it (AWS: {@link AWS_DEFAULT_AMAZON_SIDE_ASN},
   * what the AWS constructs emit); other sites: allocated from {@link ALLOCATED_ASNS} (private,
   * accepted by every cloud in both roles), distinct from every other site's; kept when fed back
   * through `PlanOptions.previous`
   */
  readonly asn?: number;
  /**
   * Region, for tables and labels only: the planner does not read it.
   *
   * @default - none
   */
  readonly region?: string;
  /**
   * Free-form labels, for tables only: the planner does not read them.
   *
   * @default - no labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Azure gateway SKU, which sets its tunnel limit (`AZURE_SKU_TUNNELS`). Azure sites only.
   *
   * `Basic`, `VpnGw1AZ`-`VpnGw5AZ`, or (an existing gateway not yet migrated, with a warning:
   * Azure no longer creates them) `VpnGw1`-`VpnGw5`.
   *
   * @default 'VpnGw2AZ'
   */
  readonly sku?: string;
  /**
   * Override of the gateway's connection limit (e.g. after a quota increase): the most
   * connections the site's links may use, counted as the cloud counts them (AWS VPN connections
   * of two tunnels each; Azure S2S tunnels, two per connection on an active-active gateway;
   * Alibaba Cloud connections). An integer of at least 1.
   *
   * @default - the documented limit of the gateway kind (`CONNECTION_LIMITS`): AWS 10 per virtual
   * private gateway, 50 per transit gateway; Azure S2S tunnels by SKU (`AZURE_SKU_TUNNELS`: 10 for
   * Basic, 30 for VpnGw1AZ-3AZ, 100 for VpnGw4AZ-5AZ); Alibaba Cloud 30 (the quota is unconfirmed)
   */
  readonly maxConnections?: number;
  /**
   * What an existing gateway already uses outside this topology (connections made by other
   * tools): the planner treats it as taken. Read from the cloud's CLI output by each cloud's
   * `from...Attributes` import, or listed by hand.
   *
   * @default - nothing in use: a gateway this topology creates
   */
  readonly inUse?: SiteInUse;
  /**
   * Whether every active tunnel end of this site is watched by an alarm in its cloud's own
   * monitoring (`TunnelEnd.alarms`: AWS CloudWatch, Azure Monitor, Alibaba Cloud CloudMonitor).
   *
   * @default true
   */
  readonly alarms?: boolean;
}

/**
 * What an existing gateway already uses (`SiteSpec.inUse`): the planner allocates around it and
 * counts it against the gateway's limit.
 *
 * List only what lies outside the topology: connections another tool (or another deployment)
 * made. A tunnel this topology plans, listed here too (e.g. from a CLI export taken after it was
 * deployed), would collide with itself: a pinned or recorded (`PlanOptions.previous`) inside /30
 * then fails to plan rather than move, since a new /30 replaces the tunnel.
 */
export interface SiteInUse {
  /**
   * Inside /30s of the gateway's existing tunnels (e.g. `169.254.10.0/30`): no tunnel of the
   * topology on this gateway takes them (nor, on a cloud whose inside range is shared by all its
   * gateways, Azure, any tunnel with an end on that cloud).
   *
   * Each an aligned /30 in `169.254.0.0/16` (every cloud's inside range merged,
   * `IN_USE_INSIDE_RANGES`), whichever the site's cloud: an existing tunnel may use a /30 this
   * planner would not allocate. One outside the site's own cloud's range plans with a warning (it
   * reserves nothing). At most 10000 entries.
   *
   * @default - none
   */
  readonly insideCidrs?: readonly string[];
  /**
   * Inside (APIPA / BGP) addresses the gateway already has (Azure: its instances' custom BGP
   * addresses), e.g. `169.254.21.1`: no tunnel of the topology takes the aligned /30 holding one
   * (with the same reach as `insideCidrs`).
   *
   * Each a dotted-quad IPv4 address (one outside `169.254.0.0/16`, such as an Azure gateway's
   * default BGP address in its GatewaySubnet, reserves nothing). At most 10000 entries.
   *
   * @default - none
   */
  readonly insideAddresses?: readonly string[];
  /**
   * Connections already counted against the gateway's limit, in the unit the limit counts
   * (`SiteSpec.maxConnections`): AWS VPN connections, Azure S2S tunnels, Alibaba Cloud IPsec
   * connections. An integer of at least 0. The plan reports it as
   * `GatewayPlan.connectionsInUse`, apart from the topology's own `connectionCount`.
   *
   * @default 0
   */
  readonly connections?: number;
}

/**
 * A proposal pinned on a link; anything left out is negotiated: the first value both clouds
 * accept, in the planner's order of preference (`ENCRYPTIONS`, `INTEGRITIES`, `DH_GROUPS`), weak
 * values (`WEAK`) only when pinned on a link with `allowWeakCrypto`.
 */
export interface ProposalSpec {
  /**
   * IKE version of every tunnel of the link. `ikev1` is weak: it needs `allowWeakCrypto`.
   *
   * @default 'ikev2'
   */
  readonly ikeVersion?: IkeVersion;
  /**
   * Phase 1 (IKE SA) choices.
   *
   * @default - every phase 1 value negotiated
   */
  readonly phase1?: {
    /**
     * Phase 1 encryption algorithm; both clouds must accept it in phase 1. `3des` and `des` are weak.
     *
     * @default - the first both clouds accept: `aes256` for every pair of clouds
     */
    readonly encryption?: Encryption;
    /**
     * Phase 1 integrity (and PRF) algorithm; both clouds must accept it in phase 1. `md5` and
     * `sha1` are weak.
     *
     * @default - the first both clouds accept: `sha256` for every pair of clouds
     */
    readonly integrity?: Integrity;
    /**
     * Phase 1 Diffie-Hellman group (IANA number); both clouds must accept it in phase 1.
     * Groups 1, 2, 5 and 22 are weak.
     *
     * @default - the first both clouds accept: 14 for every pair of clouds
     */
    readonly dhGroup?: DhGroup;
    /**
     * Phase 1 lifetime of the ends that can set one, in seconds (a cloud with a fixed phase 1,
     * Azure, keeps its own: {@link AZURE_DEFAULT_TUNNEL}`.phase1LifetimeSeconds`).
     *
     * Within each such end's range ({@link FACTS}`[cloud].phase1.lifetimeSeconds`), above the phase 2
     * lifetime, and at most the fixed lifetime of the other end, if it has one, so that it never
     * waits for its peer to rekey.
     *
     * @default - each end's default (`phase1LifetimeSeconds` of {@link AWS_DEFAULT_TUNNEL},
     * {@link ALICLOUD_DEFAULT_TUNNEL}); facing a fixed phase 1, the shorter one that rekeys first
     * ({@link AZURE_DEFAULT_TUNNEL}`.peerPhase1LifetimeSeconds`)
     */
    readonly lifetimeSeconds?: number;
  };
  /**
   * Phase 2 (IPsec / CHILD SA) choices.
   *
   * @default - every phase 2 value negotiated
   */
  readonly phase2?: {
    /**
     * Phase 2 encryption algorithm; both clouds must accept it in phase 2. `3des` and `des` are
     * weak. A GCM cipher (`aes128gcm16`, ...) carries its own integrity.
     *
     * @default - the first both clouds accept: `aes256` for every pair of clouds
     */
    readonly encryption?: Encryption;
    /**
     * Phase 2 integrity algorithm; both clouds must accept it in phase 2. Must be left out with a
     * GCM cipher. `md5` and `sha1` are weak.
     *
     * @default - the first both clouds accept: `sha256` for every pair of clouds; none with a GCM cipher
     */
    readonly integrity?: Integrity;
    /**
     * PFS group (IANA number), or `none` (weak: needs `allowWeakCrypto`, and both clouds must allow
     * phase 2 without PFS: Azure and Alibaba Cloud do, AWS does not). Groups 1, 2, 5 and 22 are weak.
     *
     * @default - the first both clouds accept: 14 for every pair of clouds
     */
    readonly pfsGroup?: DhGroup | 'none';
    /**
     * Phase 2 lifetime of both ends, in seconds.
     *
     * Within both clouds' ranges ({@link FACTS}`[cloud].phase2.lifetimeSeconds`) and below each
     * end's phase 1 lifetime.
     *
     * @default - each end's default tunnel's `phase2LifetimeSeconds` ({@link AWS_DEFAULT_TUNNEL},
     * {@link AZURE_DEFAULT_TUNNEL}: Azure's own default, its lifetimes are local and the peer
     * rekeys first; {@link ALICLOUD_DEFAULT_TUNNEL})
     */
    readonly lifetimeSeconds?: number;
  };
}

/** Values pinned for one tunnel of a link (by its index in the plan, from 0). */
export interface TunnelPin {
  /**
   * Inside /30 of the tunnel, e.g. `169.254.21.0/30`: the two ends' BGP addresses.
   *
   * An aligned /30 inside both clouds' inside ranges ({@link FACTS}`[cloud].insideRanges`; with an
   * Azure end, {@link AZURE}`.insideRanges`) and outside both clouds' reserved blocks
   * (`.insideReserved`); unique among the tunnels that share
   * a gateway (and among all tunnels with an Azure end). Only tunnels that have inside addresses
   * take one: those of BGP links, and every tunnel with an AWS end.
   *
   * @default - allocated from the blocks both clouds accept (tunnels without an Azure end leave
   * Azure's range alone); kept when fed back through `PlanOptions.previous`
   */
  readonly insideCidr?: string;
  /**
   * Pre-shared key of the tunnel (prefer the derived keys: a literal here lives in your source).
   *
   * Accepted by both clouds: AWS letters, digits, `.` and `_`, 8-64 characters, not starting with
   * `0`; Azure 1-128 printable ASCII characters except space, `-` and `~`; Alibaba Cloud 1-100
   * letters, digits and ASCII punctuation except the backslash, no spaces. Below 22 characters the plan
   * warns (less than 128 bits).
   *
   * @default - derived from `PlanOptions.masterSecret` and the tunnel id (40 letters and digits)
   */
  readonly presharedKey?: string;
}

/** A VPN link between two sites' gateways. */
export interface LinkSpec {
  /**
   * Stable identity of the link.
   *
   * @default - the two site ids in alphabetical order, joined by `--`
   */
  readonly id?: string;
  /** The two sites' ids: two sites of different clouds, linked by no other link. */
  readonly between: readonly [string, string];
  /**
   * How routes are exchanged: `bgp` (BGP sessions over the tunnels' inside addresses), `static`
   * (each side routes the other site's `cidrs` into the tunnels) or `policy` (traffic selectors,
   * see `selectors`).
   *
   * @default 'bgp'
   */
  readonly routing?: Routing;
  /**
   * Which tunnels of the link are brought up: `all` or `minimal` (see `TunnelLayout`).
   *
   * @default 'all'
   */
  readonly layout?: TunnelLayout;
  /**
   * Pins per tunnel, by tunnel index (the plan lists tunnels in a stable order: a `minimal`
   * layout's tunnels come first). At most as many pins as the link has tunnels.
   *
   * @default - no pins: every inside /30 allocated, every key derived
   */
  readonly tunnels?: readonly TunnelPin[];
  /**
   * Pinned proposal parts.
   *
   * @default - the whole proposal negotiated (see `ProposalSpec`)
   */
  readonly proposal?: ProposalSpec;
  /**
   * Allow weak choices (IKEv1, DES/3DES, MD5, SHA-1, DH 1/2/5/22, no PFS) in pins.
   *
   * @default false
   */
  readonly allowWeakCrypto?: boolean;
  /**
   * Traffic selectors per site id for `policy` routing: the local ranges each side protects.
   *
   * @default - each site's `cidrs`
   */
  readonly selectors?: Readonly<Record<string, readonly string[]>>;
}

/** The whole topology. */
export interface Topology {
  /**
   * The deployment's name: derived keys are bound to it (`PlanOptions.deployment` wins).
   *
   * @default - `default`
   */
  readonly name?: string;
  /** The sites, one VPN gateway each, with distinct ids. At least one. */
  readonly sites: readonly SiteSpec[];
  /** The links between the sites: at most one per pair of sites, each between two clouds. */
  readonly links: readonly LinkSpec[];
}

/** Values the planner allocated, fed back in to keep them (see `PlanOptions.previous`). */
export interface AllocationRecord {
  /**
   * Inside /30 per tunnel id; and per `<tunnel id>/<instance>` the /30 whose second host is an
   * active-active Azure gateway's custom BGP address on that instance for a tunnel whose link has
   * no tunnel there.
   */
  readonly insideCidrs: Readonly<Record<string, string>>;
  /**
   * ASN per site id (1-4294967295): pinned, a cloud's default ({@link AWS_DEFAULT_AMAZON_SIDE_ASN}),
   * or allocated from {@link ALLOCATED_ASNS}.
   */
  readonly asns: Readonly<Record<string, number>>;
  /**
   * How the plan derived its keys (`PlanOptions.keyDerivation`, `deployment`): a later plan that
   * would derive them otherwise is refused unless it asks to rotate them.
   *
   * @default - not recorded (a record written before keys were bound: `unbound-v1`)
   */
  readonly keys?: KeyScheme;
  /**
   * What each tunnel was deployed with, per tunnel id: its key generation, proposal and
   * lifetimes (kept until a rollout step changes them, see `ccvpn rotate`), and its ends.
   *
   * @default - not recorded (a record written before 0.3): every key of generation 0, proposals
   *   and lifetimes as the topology asks
   */
  readonly tunnels?: Readonly<Record<string, TunnelRecord>>;
}

/**
 * One tunnel as it was deployed. The planner writes it for every tunnel; `ccvpn rotate` changes
 * `keyGeneration` and drops `settings` (a rollout step releasing the tunnel).
 */
export interface TunnelRecord {
  /** Id of the tunnel's link. */
  readonly link: string;
  /** `active` (both ends configured) or `idle` (see `PlannedTunnel.state`). */
  readonly state: 'active' | 'idle';
  /** Site id and endpoint of each end, in the link's `between` order. */
  readonly ends: readonly [RecordedEnd, RecordedEnd];
  /**
   * Generation of the tunnel's derived key: 0 is the key the tunnel was first planned with;
   * `ccvpn rotate` counts it up, and each generation derives another key. An integer, 0-2147483647.
   *
   * @default 0
   */
  readonly keyGeneration?: number;
  /**
   * Whether the tunnel's key is pinned (`TunnelPin.presharedKey`): then the generation changes
   * the key only where the app picks its pinned key by generation (see `keyGenerationOf`).
   *
   * @default false
   */
  readonly pinnedKey?: boolean;
  /**
   * The proposal and lifetimes the tunnel was deployed with. A later plan keeps them, whatever
   * the topology asks, until a rollout step releases them (drops this field).
   *
   * @default - none: the tunnel takes what the topology asks
   */
  readonly settings?: TunnelSettings;
  /**
   * What the topology asks for while the tunnel keeps `settings` (written by the planner for
   * `ccvpn rotate --settings` to read).
   *
   * @default - none: the tunnel has what the topology asks
   */
  readonly pending?: TunnelSettings;
}

/** One end of a recorded tunnel. */
export interface RecordedEnd {
  /** The end's site id. */
  readonly site: string;
  /** The end's endpoint (see `TunnelEnd.endpoint`). */
  readonly endpoint: string;
}

/** A tunnel's negotiated proposal and each end's lifetimes. */
export interface TunnelSettings {
  /** The proposal, in engine-neutral names. */
  readonly proposal: NeutralProposal;
  /** Lifetimes per site id of each end, in seconds. */
  readonly lifetimes: Readonly<Record<string, RecordedLifetimes>>;
}

/** One end's lifetimes. */
export interface RecordedLifetimes {
  /** Phase 1 (IKE SA) lifetime, in seconds. */
  readonly phase1: number;
  /** Phase 2 (IPsec SA) lifetime, in seconds. */
  readonly phase2: number;
}

/** How derived keys were derived: bound to a deployment name, or the unbound keys of 0.1. */
export interface KeyScheme {
  /** `bound` or `unbound-v1`. */
  readonly derivation: 'bound' | 'unbound-v1';
  /**
   * The deployment name keys are bound to.
   *
   * @default - none (`unbound-v1`)
   */
  readonly deployment?: string;
}
