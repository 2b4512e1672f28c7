/**
 * The planner's output: every tunnel with both ends' parameters, and per gateway the resources
 * its cloud needs. Plain data (JSON-serialisable); pre-shared keys serialise redacted.
 */
import type { Cloud, DhGroup, Encryption, GatewayKind, IkeVersion, Integrity } from './facts';
import type { PresharedKey } from './psk';
import type { AllocationRecord, Routing, TunnelLayout } from './topology';

/** A proposal in engine-neutral names (strongSwan keywords, IANA DH numbers). */
export interface NeutralProposal {
  readonly ikeVersion: IkeVersion;
  readonly phase1: { readonly encryption: Encryption; readonly integrity: Integrity; readonly dhGroup: DhGroup };
  /** `integrity` is `null` with an AEAD (GCM) cipher; `pfsGroup` is `null` without PFS. */
  readonly phase2: { readonly encryption: Encryption; readonly integrity: Integrity | null; readonly pfsGroup: DhGroup | null };
}

/** One end's view of a proposal, in that cloud's own API spelling. */
export interface CloudProposal {
  readonly ikeVersion: string;
  readonly phase1: { readonly encryption: string; readonly integrity: string; readonly dhGroup: string; readonly lifetimeSeconds: number };
  readonly phase2: { readonly encryption: string; readonly integrity: string | null; readonly pfsGroup: string; readonly lifetimeSeconds: number };
}

/** Reference to one public endpoint of a gateway. */
export interface EndpointRef {
  readonly site: string;
  /**
   * The endpoint: Azure `instance0` / `instance1`; Alibaba Cloud `master` / `slave`;
   * AWS `<connection id>.tunnel1` / `.tunnel2` (AWS outside IPs exist per VPN connection).
   */
  readonly endpoint: string;
}

/** One end of a tunnel. */
export interface TunnelEnd {
  readonly site: string;
  readonly cloud: Cloud;
  /** This end's public endpoint. */
  readonly endpoint: string;
  /** This end's inside (BGP) address: a host of the tunnel's inside /30. */
  readonly insideAddress?: string;
  /** This end's own ASN (BGP links). */
  readonly asn?: number;
  /** The other end's ASN, as this end's peer ASN (BGP links). */
  readonly peerAsn?: number;
  /** The proposal in this cloud's spelling, with this end's lifetimes. */
  readonly proposal: CloudProposal;
  /** Whether this end starts IKE negotiation (AWS startup action `start`, Alibaba effect immediately, Azure not responder-only). */
  readonly initiates: boolean;
  /** Traffic selectors this end protects (policy routing). */
  readonly localSelectors?: readonly string[];
}

/** One planned tunnel. */
export interface PlannedTunnel {
  /** Stable id: `<link id>:<n>`, n from 1. */
  readonly id: string;
  readonly link: string;
  /** Index within the link, from 0 (what `LinkSpec.tunnels` pins refer to). */
  readonly index: number;
  /**
   * `active`: both ends are configured. `idle`: only the end whose cloud creates the tunnel anyway
   * (an AWS VPN connection always has two) is configured, fully, and nothing answers it.
   */
  readonly state: 'active' | 'idle';
  readonly idleReason?: string;
  readonly routing: Routing;
  /** Inside /30 (BGP links, and every tunnel with an AWS end). */
  readonly insideCidr?: string;
  readonly presharedKey: PresharedKey;
  readonly proposal: NeutralProposal;
  /** The ends, in the link's `between` order. */
  readonly ends: readonly [TunnelEnd, TunnelEnd];
}

/** AWS customer gateway for one remote endpoint. */
export interface AwsCustomerGatewayPlan {
  readonly id: string;
  readonly remote: EndpointRef;
  readonly bgpAsn?: number;
}

/** AWS VPN connection: one tunnel pair toward one customer gateway. */
export interface AwsVpnConnectionPlan {
  readonly id: string;
  readonly customerGateway: string;
  /** Tunnel ids of tunnel 1 and tunnel 2 (active or idle). */
  readonly tunnels: readonly [string, string];
  readonly staticRoutesOnly: boolean;
  /** Remote prefixes routed over the connection (static routing). */
  readonly staticRoutes: readonly string[];
  /** Single local / remote CIDRs for policy routing (AWS takes one each). */
  readonly localNetworkCidr?: string;
  readonly remoteNetworkCidr?: string;
}

export interface AwsLinkResources {
  readonly cloud: 'aws';
  readonly link: string;
  readonly remoteSite: string;
  readonly customerGateways: readonly AwsCustomerGatewayPlan[];
  readonly vpnConnections: readonly AwsVpnConnectionPlan[];
}

/** Azure local network gateway for one remote endpoint. */
export interface AzureLocalNetworkGatewayPlan {
  readonly id: string;
  readonly remote: EndpointRef;
  /** Address space (static and policy routing). */
  readonly addressSpace: readonly string[];
  /** BGP peer (dynamic routing). */
  readonly bgp?: { readonly asn: number; readonly peeringAddress: string };
}

/** Azure connection to one local network gateway. */
export interface AzureConnectionPlan {
  readonly id: string;
  readonly localNetworkGateway: string;
  readonly tunnel: string;
  readonly bgpEnabled: boolean;
  /** Custom APIPA BGP addresses: primary on instance 0, secondary on instance 1. */
  readonly customBgpAddresses?: { readonly primary: string; readonly secondary?: string };
  readonly connectionMode: 'Default' | 'ResponderOnly' | 'InitiatorOnly';
  readonly dpdTimeoutSeconds: number;
  /** Policy-based traffic selectors (policy routing). */
  readonly trafficSelectors?: { readonly local: readonly string[]; readonly remote: readonly string[] };
}

export interface AzureLinkResources {
  readonly cloud: 'azure';
  readonly link: string;
  readonly remoteSite: string;
  readonly localNetworkGateways: readonly AzureLocalNetworkGatewayPlan[];
  readonly connections: readonly AzureConnectionPlan[];
}

/** Alibaba Cloud customer gateway for one remote endpoint. */
export interface AlicloudCustomerGatewayPlan {
  readonly id: string;
  readonly remote: EndpointRef;
  readonly asn?: number;
}

/** Alibaba Cloud IPsec connection: dual-tunnel (master + slave) or single-tunnel. */
export interface AlicloudConnectionPlan {
  readonly id: string;
  readonly mode: 'dual-tunnel' | 'single-tunnel';
  readonly tunnels: readonly { readonly role: 'master' | 'slave'; readonly customerGateway: string; readonly tunnel: string }[];
  readonly bgpEnabled: boolean;
  /** Interest-flow subnets: local / remote (`0.0.0.0/0` both in destination-routing mode). */
  readonly localSubnets: readonly string[];
  readonly remoteSubnets: readonly string[];
  /** Route entries to publish to the VPC. */
  readonly routes: { readonly kind: 'policy' | 'destination' | 'bgp'; readonly destinations: readonly string[]; readonly sources: readonly string[] };
}

export interface AlicloudLinkResources {
  readonly cloud: 'alicloud';
  readonly link: string;
  readonly remoteSite: string;
  readonly customerGateways: readonly AlicloudCustomerGatewayPlan[];
  readonly connections: readonly AlicloudConnectionPlan[];
}

export type LinkResources = AwsLinkResources | AzureLinkResources | AlicloudLinkResources;

/** What one gateway needs in its cloud. */
export interface GatewayPlan {
  readonly site: string;
  readonly cloud: Cloud;
  readonly kind: GatewayKind;
  readonly asn: number;
  readonly cidrs: readonly string[];
  /** Public endpoints of the gateway (AWS: none; its outside IPs belong to each VPN connection). */
  readonly endpoints: readonly string[];
  /** Azure: APIPA BGP addresses per instance (ip configuration). */
  readonly apipaAddresses?: Readonly<Record<string, readonly string[]>>;
  /** Connections counted against the gateway's limit, and that limit. */
  readonly connectionCount: number;
  readonly connectionLimit: number;
  readonly links: readonly LinkResources[];
}

/** One planned link. */
export interface LinkPlan {
  readonly id: string;
  readonly between: readonly [string, string];
  readonly routing: Routing;
  readonly layout: TunnelLayout;
  readonly tunnels: readonly string[];
}

/** The plan of a whole topology. */
export interface VpnPlan {
  readonly version: 1;
  readonly gateways: readonly GatewayPlan[];
  readonly links: readonly LinkPlan[];
  readonly tunnels: readonly PlannedTunnel[];
  /** Allocated values; pass back as `PlanOptions.previous` to keep them whatever changes. */
  readonly allocations: AllocationRecord;
  /** Things that are allowed but risky. */
  readonly warnings: readonly string[];
}
