/**
 * The planner's output: every tunnel with both ends' parameters, and per gateway the resources
 * its cloud needs. Plain data (JSON-serialisable); pre-shared keys serialise redacted.
 */
import type { Cloud, GatewayKind, LinkResources } from './clouds';

// The union of every cloud's link resources lives with the registry; named here too for the modules that read it from the plan.
export type { LinkResources } from './clouds';
import type { DhGroup, Encryption, IkeVersion, Integrity } from './facts';
import type { PresharedKey } from './psk';
import type { AllocationRecord, Routing, TunnelLayout } from './topology';

/** A proposal in engine-neutral names (strongSwan keywords, IANA DH numbers). */
export interface NeutralProposal {
  /** IKE version. */
  readonly ikeVersion: IkeVersion;
  /** Phase 1 (IKE SA) algorithms. */
  readonly phase1: {
    /** Encryption algorithm. */
    readonly encryption: Encryption;
    /** Integrity (and PRF) algorithm. */
    readonly integrity: Integrity;
    /** Diffie-Hellman group (IANA number). */
    readonly dhGroup: DhGroup;
  };
  /** Phase 2 (IPsec / CHILD SA) algorithms. */
  readonly phase2: {
    /** Encryption algorithm. */
    readonly encryption: Encryption;
    /** Integrity algorithm; `null` with an AEAD (GCM) cipher. */
    readonly integrity: Integrity | null;
    /** PFS group (IANA number); `null` without PFS. */
    readonly pfsGroup: DhGroup | null;
  };
}

/** One end's view of a proposal, in that cloud's own API spelling. */
export interface CloudProposal {
  /** IKE version, as the cloud's API spells it. */
  readonly ikeVersion: string;
  /** Phase 1 (IKE SA) settings. */
  readonly phase1: {
    /** Encryption algorithm, as the cloud's API spells it. */
    readonly encryption: string;
    /** Integrity algorithm, as the cloud's API spells it. */
    readonly integrity: string;
    /** Diffie-Hellman group, as the cloud's API spells it. */
    readonly dhGroup: string;
    /** This end's phase 1 lifetime, in seconds. */
    readonly lifetimeSeconds: number;
  };
  /** Phase 2 (IPsec / CHILD SA) settings. */
  readonly phase2: {
    /** Encryption algorithm, as the cloud's API spells it. */
    readonly encryption: string;
    /** Integrity algorithm, as the cloud's API spells it; `null` with an AEAD (GCM) cipher. */
    readonly integrity: string | null;
    /** PFS group, as the cloud's API spells it (its "no PFS" value when PFS is off). */
    readonly pfsGroup: string;
    /** This end's phase 2 lifetime, in seconds. */
    readonly lifetimeSeconds: number;
  };
}

/** Reference to one public endpoint of a gateway. */
export interface EndpointRef {
  /** The gateway's site id. */
  readonly site: string;
  /**
   * The endpoint: Azure `instance0` / `instance1`; Alibaba Cloud `master` / `slave`;
   * AWS `<connection id>.tunnel1` / `.tunnel2` (AWS outside IPs exist per VPN connection).
   */
  readonly endpoint: string;
}

/** One end of a tunnel. */
export interface TunnelEnd {
  /** The site id of this end's gateway. */
  readonly site: string;
  /** This end's cloud. */
  readonly cloud: Cloud;
  /** This end's public endpoint. */
  readonly endpoint: string;
  /**
   * This end's inside (BGP) address: a host of the tunnel's inside /30 (an AWS end takes the
   * first host; between Azure and Alibaba Cloud, the Alibaba Cloud end does).
   *
   * @default - none: the tunnel has no inside /30 (see `PlannedTunnel.insideCidr`)
   */
  readonly insideAddress?: string;
  /**
   * This end's own ASN on a BGP link: its site's pinned ASN, its cloud's default (a cloud with one:
   * {@link AWS_DEFAULT_AMAZON_SIDE_ASN}) or an allocated one ({@link ALLOCATED_ASNS}). 1-4294967295,
   * within the cloud's range ({@link FACTS}`[cloud].ownAsn`).
   *
   * @default - none: `static` and `policy` links run no BGP
   */
  readonly asn?: number;
  /**
   * The other end's ASN, as this end registers its peer on a BGP link (the other end's `asn`): a
   * peer ASN this end's cloud accepts (1-4294967295, within {@link FACTS}`[cloud].peerAsn`).
   *
   * @default - none: `static` and `policy` links run no BGP
   */
  readonly peerAsn?: number;
  /** The proposal in this cloud's spelling, with this end's lifetimes. */
  readonly proposal: CloudProposal;
  /** Whether this end starts IKE negotiation (AWS startup action `start`, Alibaba effect immediately, Azure not responder-only). */
  readonly initiates: boolean;
  /**
   * Traffic selectors this end protects (policy routing): the link's `selectors` for this site,
   * else the site's `cidrs`.
   *
   * @default - none: only `policy` links have traffic selectors
   */
  readonly localSelectors?: readonly string[];
}

/** One planned tunnel. */
export interface PlannedTunnel {
  /** Stable id: `<link id>:<n>`, n from 1. */
  readonly id: string;
  /** Id of the link the tunnel belongs to. */
  readonly link: string;
  /** Index within the link, from 0 (what `LinkSpec.tunnels` pins refer to). */
  readonly index: number;
  /**
   * `active`: both ends are configured. `idle`: only the end whose cloud creates the tunnel anyway
   * (an AWS VPN connection always has two) is configured, fully, and nothing answers it.
   */
  readonly state: 'active' | 'idle';
  /**
   * Why the tunnel is idle.
   *
   * @default - none: the tunnel is active
   */
  readonly idleReason?: string;
  /** The link's routing: `bgp`, `static` or `policy`. */
  readonly routing: Routing;
  /**
   * Inside /30 of the tunnel (BGP links, and every tunnel with an AWS end): pinned, kept from
   * `PlanOptions.previous`, or allocated.
   *
   * @default - none: a `static` or `policy` tunnel without an AWS end has no inside addresses
   */
  readonly insideCidr?: string;
  /** The tunnel's pre-shared key: prints and serialises redacted; `.reveal()` gives the key. */
  readonly presharedKey: PresharedKey;
  /** The negotiated proposal in engine-neutral names (each end's spelling is in `ends`). */
  readonly proposal: NeutralProposal;
  /** The ends, in the link's `between` order. */
  readonly ends: readonly [TunnelEnd, TunnelEnd];
}

/**
 * What every cloud's resources for one link have in common; each cloud's profile extends it
 * (`AwsLinkResources`, `AzureLinkResources`, `AlicloudLinkResources`: the union `LinkResources`).
 */
export interface LinkResourcesBase {
  /** Discriminator: the cloud of the gateway the resources are for. */
  readonly cloud: Cloud;
  /** Id of the link. */
  readonly link: string;
  /** Site id of the gateway at the other end. */
  readonly remoteSite: string;
}

/** What one gateway needs in its cloud. */
export interface GatewayPlan {
  /** The gateway's site id. */
  readonly site: string;
  /** The gateway's cloud. */
  readonly cloud: Cloud;
  /** The gateway kind (AWS VGW or transit gateway, Azure active-active or active-standby, Alibaba dual- or single-tunnel). */
  readonly kind: GatewayKind;
  /**
   * The gateway's own ASN, 1-4294967295 within its cloud's range ({@link FACTS}`[cloud].ownAsn`):
   * pinned; else its cloud's default ({@link AWS_DEFAULT_AMAZON_SIDE_ASN} on AWS); else allocated
   * from {@link ALLOCATED_ASNS}.
   */
  readonly asn: number;
  /** The site's networks (CIDRs) behind the gateway. */
  readonly cidrs: readonly string[];
  /** Public endpoints of the gateway (AWS: none; its outside IPs belong to each VPN connection). */
  readonly endpoints: readonly string[];
  /**
   * Azure: APIPA BGP addresses per instance (`instance0`, `instance1`), those of the active
   * tunnels of its BGP links.
   *
   * @default - none: not an Azure gateway
   */
  readonly apipaAddresses?: Readonly<Record<string, readonly string[]>>;
  /**
   * Connections the gateway's links use, counted as its limit counts them (AWS VPN connections;
   * Azure S2S tunnels, two per connection on an active-active gateway; Alibaba Cloud
   * connections): 0 to `connectionLimit` (a topology that needs more fails to plan).
   */
  readonly connectionCount: number;
  /**
   * The most connections this gateway allows, at least 1: `SiteSpec.maxConnections`, else the
   * limit of its kind (`CONNECTION_LIMITS`) or, on Azure, of its SKU (`AZURE_SKU_TUNNELS`).
   */
  readonly connectionLimit: number;
  /** The resources the gateway needs, per link. */
  readonly links: readonly LinkResources[];
}

/** One planned link. */
export interface LinkPlan {
  /** The link id (`LinkSpec.id`, or `<site>--<site>` by default). */
  readonly id: string;
  /** The site ids of its two gateways, in the topology's order. */
  readonly between: readonly [string, string];
  /** The link's routing. */
  readonly routing: Routing;
  /** The link's tunnel layout. */
  readonly layout: TunnelLayout;
  /** Ids of the link's tunnels (active and idle). */
  readonly tunnels: readonly string[];
}

/** The plan of a whole topology. */
export interface VpnPlan {
  /** Format version of the plan. */
  readonly version: 1;
  /** Every gateway, with the resources it needs. */
  readonly gateways: readonly GatewayPlan[];
  /** Every link. */
  readonly links: readonly LinkPlan[];
  /** Every tunnel, both ends. */
  readonly tunnels: readonly PlannedTunnel[];
  /** Allocated values; pass back as `PlanOptions.previous` to keep them whatever changes. */
  readonly allocations: AllocationRecord;
  /** Things that are allowed but risky. */
  readonly warnings: readonly string[];
}
