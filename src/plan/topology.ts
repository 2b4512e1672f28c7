/**
 * The planner's input: sites (one VPN gateway each) and links between them.
 *
 * The same shape is the topology file format (`ccvpn plan topology.yaml`), described by the JSON
 * Schema shipped in `schema/topology.schema.json`.
 */
import type { Cloud, DhGroup, Encryption, GatewayKind, IkeVersion, Integrity } from './facts';

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
   * BGP ASN of this gateway.
   *
   * @default - allocated from 64512-65514, distinct from every other site's
   */
  readonly asn?: number;
  /** Region, for tables and labels only. */
  readonly region?: string;
  /** Free-form labels, for tables only. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Azure gateway SKU, which sets its tunnel limit.
   *
   * @default 'VpnGw2AZ'
   */
  readonly sku?: string;
  /**
   * Override of the gateway's connection limit (e.g. after a quota increase).
   *
   * @default - the cloud's documented limit for the gateway kind
   */
  readonly maxConnections?: number;
}

/** A proposal pinned on a link; anything left out is negotiated. */
export interface ProposalSpec {
  /** @default 'ikev2' */
  readonly ikeVersion?: IkeVersion;
  readonly phase1?: {
    readonly encryption?: Encryption;
    readonly integrity?: Integrity;
    readonly dhGroup?: DhGroup;
    /** Phase 1 lifetime of the ends that can set one (Azure's is fixed at 28800 s). */
    readonly lifetimeSeconds?: number;
  };
  readonly phase2?: {
    readonly encryption?: Encryption;
    readonly integrity?: Integrity;
    /** PFS group, or `none` (weak: needs `allowWeakCrypto`). */
    readonly pfsGroup?: DhGroup | 'none';
    /** Phase 2 lifetime of both ends. */
    readonly lifetimeSeconds?: number;
  };
}

/** Values pinned for one tunnel of a link (by its index in the plan, from 0). */
export interface TunnelPin {
  /** Inside /30 of the tunnel, e.g. `169.254.21.0/30`. */
  readonly insideCidr?: string;
  /** Pre-shared key of the tunnel (prefer the derived keys: a literal here lives in your source). */
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
  /** The two sites' ids. */
  readonly between: readonly [string, string];
  /** @default 'bgp' */
  readonly routing?: Routing;
  /** @default 'all' */
  readonly layout?: TunnelLayout;
  /** Pins per tunnel, by tunnel index (the plan lists tunnels in a stable order: a `minimal` layout's tunnels come first). */
  readonly tunnels?: readonly TunnelPin[];
  /** Pinned proposal parts. */
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
  readonly sites: readonly SiteSpec[];
  readonly links: readonly LinkSpec[];
}

/** Values the planner allocated, fed back in to keep them (see `PlanOptions.previous`). */
export interface AllocationRecord {
  /** Inside /30 per tunnel id. */
  readonly insideCidrs: Readonly<Record<string, string>>;
  /** ASN per site id. */
  readonly asns: Readonly<Record<string, number>>;
}
