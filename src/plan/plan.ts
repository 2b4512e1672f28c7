/**
 * The planner's output: every tunnel with both ends' parameters, and per gateway the resources
 * its cloud needs. Plain data (JSON-serialisable); pre-shared keys serialise redacted.
 */
import type { Cloud, DhGroup, Encryption, GatewayKind, IkeVersion, Integrity } from './facts';
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
   * This end's own ASN on a BGP link: its site's pinned or allocated ASN (an AWS site without one
   * takes AWS's default 64512; allocated ones lie in 64513-65514), valid for this end's cloud.
   * 1-4294967295, within the cloud's range (`FACTS[cloud].ownAsn`).
   *
   * @default - none: `static` and `policy` links run no BGP
   */
  readonly asn?: number;
  /**
   * The other end's ASN, as this end registers its peer on a BGP link: pinned, AWS's default 64512
   * or allocated (64513-65514), a peer ASN this end's cloud accepts (1-4294967295, within
   * `FACTS[cloud].peerAsn`).
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

/** AWS customer gateway for one remote endpoint. */
export interface AwsCustomerGatewayPlan {
  /** Id of the customer gateway within its link (stable; part of construct ids). */
  readonly id: string;
  /** The remote endpoint whose public IP the customer gateway registers. */
  readonly remote: EndpointRef;
  /**
   * The remote end's ASN, as the customer gateway's `BgpAsn`: a peer ASN AWS accepts
   * (1-2147483647 except 7224 and 9059).
   *
   * @default - none: not a BGP link (`AwsPeerGateway` then registers AWS's default, 65000)
   */
  readonly bgpAsn?: number;
}

/** AWS VPN connection: one tunnel pair toward one customer gateway. */
export interface AwsVpnConnectionPlan {
  /** Id of the VPN connection within its link (stable; part of construct ids). */
  readonly id: string;
  /** Id of the customer gateway (`AwsCustomerGatewayPlan.id`) the connection goes to. */
  readonly customerGateway: string;
  /** Tunnel ids of tunnel 1 and tunnel 2 (active or idle). */
  readonly tunnels: readonly [string, string];
  /** Whether the connection uses static routes instead of BGP (`StaticRoutesOnly`). */
  readonly staticRoutesOnly: boolean;
  /** Remote prefixes routed over the connection (static routing). */
  readonly staticRoutes: readonly string[];
  /**
   * The single AWS-side prefix of policy routing (AWS takes one prefix per side): the AWS site's
   * selector. `AwsVpnConnectionProps.awsNetworkCidr`, CloudFormation `RemoteIpv4NetworkCidr`
   * (AWS names its own side "remote").
   *
   * @default - none: not a policy link
   */
  readonly localNetworkCidr?: string;
  /**
   * The single peer-side prefix of policy routing: the remote site's selector.
   * `AwsVpnConnectionProps.peerNetworkCidr`, CloudFormation `LocalIpv4NetworkCidr` (AWS names the
   * customer side "local").
   *
   * @default - none: not a policy link
   */
  readonly remoteNetworkCidr?: string;
}

/** What an AWS gateway needs for one link. */
export interface AwsLinkResources {
  /** Discriminator: an AWS gateway's resources. */
  readonly cloud: 'aws';
  /** Id of the link. */
  readonly link: string;
  /** Site id of the gateway at the other end. */
  readonly remoteSite: string;
  /** One customer gateway per remote endpoint. */
  readonly customerGateways: readonly AwsCustomerGatewayPlan[];
  /** VPN connections, two tunnels each. */
  readonly vpnConnections: readonly AwsVpnConnectionPlan[];
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
    /**
     * The remote end's ASN: a peer ASN Azure accepts (1-4294967294 except 8074, 8075, 12076,
     * 23456, 64496-64511, 65515-65520, 65535-65551 and 429496729).
     */
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
export interface AzureLinkResources {
  /** Discriminator: an Azure gateway's resources. */
  readonly cloud: 'azure';
  /** Id of the link. */
  readonly link: string;
  /** Site id of the gateway at the other end. */
  readonly remoteSite: string;
  /** One local network gateway per remote endpoint. */
  readonly localNetworkGateways: readonly AzureLocalNetworkGatewayPlan[];
  /** One connection per tunnel. */
  readonly connections: readonly AzureConnectionPlan[];
}

/** Alibaba Cloud customer gateway for one remote endpoint. */
export interface AlicloudCustomerGatewayPlan {
  /** Id of the customer gateway within its link (stable; part of construct ids). */
  readonly id: string;
  /** The remote endpoint whose public IP the customer gateway registers. */
  readonly remote: EndpointRef;
  /**
   * The remote end's ASN: a peer ASN Alibaba Cloud accepts (1-4294967295 except 45104).
   *
   * @default - none: not a BGP link
   */
  readonly asn?: number;
}

/** Alibaba Cloud IPsec connection: dual-tunnel (master + slave) or single-tunnel. */
export interface AlicloudConnectionPlan {
  /** Id of the connection within its link (stable; part of construct ids). */
  readonly id: string;
  /** Dual-tunnel (master + slave) or single-tunnel connection. */
  readonly mode: 'dual-tunnel' | 'single-tunnel';
  /** The connection's tunnels. */
  readonly tunnels: readonly {
    /** The gateway endpoint the tunnel leaves from. */
    readonly role: 'master' | 'slave';
    /** Id of the customer gateway (`AlicloudCustomerGatewayPlan.id`) it goes to. */
    readonly customerGateway: string;
    /** Id of the planned tunnel. */
    readonly tunnel: string;
  }[];
  /** Whether BGP runs over the connection. */
  readonly bgpEnabled: boolean;
  /** Interest-flow subnets: local / remote (`0.0.0.0/0` both in destination-routing mode). */
  readonly localSubnets: readonly string[];
  /** Remote interest-flow subnets (`0.0.0.0/0` in destination-routing mode). */
  readonly remoteSubnets: readonly string[];
  /** Route entries to publish to the VPC. */
  readonly routes: {
    /** Policy routes, destination routes, or none to write (BGP learns them). */
    readonly kind: 'policy' | 'destination' | 'bgp';
    /** Destination prefixes (the remote side). */
    readonly destinations: readonly string[];
    /** Source prefixes of policy routes (the local side). */
    readonly sources: readonly string[];
  };
}

/** What an Alibaba Cloud gateway needs for one link. */
export interface AlicloudLinkResources {
  /** Discriminator: an Alibaba Cloud gateway's resources. */
  readonly cloud: 'alicloud';
  /** Id of the link. */
  readonly link: string;
  /** Site id of the gateway at the other end. */
  readonly remoteSite: string;
  /** One customer gateway per remote endpoint. */
  readonly customerGateways: readonly AlicloudCustomerGatewayPlan[];
  /** IPsec connections (dual-tunnel: two tunnels each). */
  readonly connections: readonly AlicloudConnectionPlan[];
}

/** What a gateway needs for one link, in its cloud's terms (discriminated by `cloud`). */
export type LinkResources = AwsLinkResources | AzureLinkResources | AlicloudLinkResources;

/** What one gateway needs in its cloud. */
export interface GatewayPlan {
  /** The gateway's site id. */
  readonly site: string;
  /** The gateway's cloud. */
  readonly cloud: Cloud;
  /** The gateway kind (AWS VGW or transit gateway, Azure active-active or active-standby, Alibaba dual- or single-tunnel). */
  readonly kind: GatewayKind;
  /** The gateway's own ASN: pinned; on AWS without one, AWS's default 64512; else allocated from 64513-65514. */
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
