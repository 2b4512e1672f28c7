/**
 * One planned tunnel: both ends' parameters (`PlannedTunnel`, `TunnelEnd`, each end's proposal in
 * its cloud's spelling), the reference to a gateway endpoint, and what every cloud's resources for
 * a link have in common (`LinkResourcesBase`). Neutral types the profiles and the plan
 * (`./plan.ts`) are written in; plain data, pre-shared keys serialise redacted.
 */
import type { PresharedKey } from '../common/preshared-key';
import type { Cloud, MonitoringService } from './clouds/ids';
import type { NeutralProposal } from './facts';
import type { Routing } from './topology';

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
  /**
   * The alarms that watch this end in its cloud's own monitoring (`SiteSpec.alarms`), named by
   * the plan so that `ccvpn plan` and the diagram show what watches each tunnel.
   *
   * @default - none: an idle tunnel (nothing answers it: an alarm would never clear), or a site
   *   with `alarms: false`
   */
  readonly alarms?: readonly PlannedAlarm[];
}

/** One alarm that watches a tunnel end, in the end's cloud's monitoring. */
export interface PlannedAlarm {
  /**
   * The alarm's name in its cloud (CloudWatch alarm name, Azure metric alert name, CloudMonitor
   * rule name): derived from the deployment, link and tunnel, stable across plans, unique in the
   * deployment, and valid in the cloud's naming rules.
   */
  readonly name: string;
  /** The monitoring service: AWS `cloudwatch`, Azure `azure-monitor`, Alibaba Cloud `cloudmonitor`. */
  readonly service: MonitoringService;
  /** The metric it watches, as its cloud names it: `<namespace> <metric>`, e.g. `AWS/VPN TunnelState`. */
  readonly metric: string;
  /** What the alarm means, for tables: e.g. `tunnel down`, `BGP peer down`. */
  readonly watches: string;
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
