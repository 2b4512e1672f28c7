/**
 * What the planner asks of a cloud: the `CloudProfile` every cloud of `src/plan/clouds/`
 * implements, and the neutral shapes its questions and answers use.
 *
 * The planner (`planner.ts`, `pairing.ts`, `proposals.ts`, `validate.ts`) names no cloud: each
 * decision that differs between clouds is a field or a function of the profile of the end it
 * concerns, and the few rules that involve both ends are written once, in terms of those fields
 * (see `docs/architecture.md`). Engine-free, like the rest of the planning core.
 */
import type { IssueCollector } from './errors';
import type { CloudFacts, IntRange } from './facts';
import type { NormalLink, NormalSite } from './normal';
import type { LinkResourcesBase, PlannedAlarm, PlannedTunnel } from './tunnel';

/** A range of integers, both ends inclusive. */
export const range = (min: number, max: number): IntRange => ({ min, max });
/** A single integer, as a range. */
export const single = (n: number): IntRange => ({ min: n, max: n });

/**
 * Where one end of a tunnel sits on its own gateway, as that end's profile reads it (e.g. an AWS
 * VPN connection and its tunnel number; an Alibaba Cloud connection and master = 1 / slave = 2).
 */
export interface Placement {
  /** The end's connection that carries the tunnel, from 1. */
  readonly connection: number;
  /** The tunnel of that connection, from 1. */
  readonly tunnel: number;
}

/** What a profile's `alarms` sees of one end of an active tunnel. */
export interface AlarmContext {
  /** The deployment name (`PlanOptions.deployment`, else the topology's name, else `default`). */
  readonly deployment: string;
  /** The tunnel's id (`<link id>:<n>`). */
  readonly tunnelId: string;
  /** The tunnel's link. */
  readonly link: NormalLink;
  /** This end's site. */
  readonly site: NormalSite;
  /** This end's endpoint (see `TunnelEnd.endpoint`). */
  readonly endpoint: string;
  /**
   * Where the tunnel sits on this end's gateway (`CloudProfile.place`), for clouds whose
   * monitoring watches a connection rather than a tunnel.
   *
   * @default - none: this end's cloud places no tunnel
   */
  readonly placement?: Placement;
}

/** One tunnel before addresses and keys are chosen. */
export interface TunnelSlot {
  /** Index within the link, from 0. */
  readonly index: number;
  /** Endpoint per end, in `between` order. */
  readonly endpoints: readonly [string, string];
  /** Whether both ends are configured (`active`) or only the one whose cloud creates it anyway. */
  readonly state: 'active' | 'idle';
  /**
   * Why the tunnel is idle.
   *
   * @default - none: active
   */
  readonly idleReason?: string;
  /** Per end, in `between` order: where the tunnel sits on that end (`undefined`: its cloud needs no placement). */
  readonly placements: readonly [Placement | undefined, Placement | undefined];
}

/** One step of pairing, seen from one end: the question a profile answers about a tunnel being paired. */
export interface PairingStep {
  /** The link being paired. */
  readonly link: NormalLink;
  /** This end's side of the link (0 or 1, `between` order). */
  readonly side: 0 | 1;
  /** This end's site. */
  readonly site: NormalSite;
  /** This end's endpoint for the tunnel. */
  readonly endpoint: string;
  /** Index of that endpoint among the gateway's own endpoints (its connection's, from 0, for a per-connection end). */
  readonly endpointIndex: number;
  /**
   * The tunnel number of the per-connection end that drives the pairing (1, 2, ...); 1 when
   * the link pairs instance by instance.
   */
  readonly round: number;
  /** The slots of this link paired so far. */
  readonly earlier: readonly TunnelSlot[];
}

/** One link of a gateway, as the gateway's profile plans its resources. */
export interface GatewayLink {
  /** The link. */
  readonly link: NormalLink;
  /** This gateway's side of the link (0 or 1). */
  readonly side: 0 | 1;
  /** The site at the other end. */
  readonly remote: NormalSite;
  /** The link's tunnels, paired. */
  readonly slots: readonly TunnelSlot[];
  /** The planned tunnel of a slot. */
  tunnel(slot: TunnelSlot): PlannedTunnel;
}

/** Everything a profile sees when it plans one gateway's resources. */
export interface GatewayContext {
  /** The gateway's site. */
  readonly site: NormalSite;
  /** Its links, in topology order. */
  readonly links: readonly GatewayLink[];
  /** The address allocated for `<tunnel id>/<endpoint>` by `CloudProfile.ownAddresses`, if any. */
  ownAddress(tunnelId: string, endpoint: string): string | undefined;
  /** Where a problem found while planning is recorded. */
  readonly issues: IssueCollector;
}

/** What a profile plans for one gateway. */
export interface GatewayResources<R extends LinkResourcesBase = LinkResourcesBase> {
  /** The resources per link, in the order of `GatewayContext.links`. */
  readonly links: readonly R[];
  /**
   * Inside addresses per gateway endpoint the gateway itself must carry (Azure's APIPA BGP
   * addresses per instance).
   *
   * @default - none
   */
  readonly addresses?: Readonly<Record<string, readonly string[]>>;
}

/** How many connections a gateway uses and may use, in the unit its cloud counts. */
export interface Capacity {
  /** Connections used, as the limit counts them. */
  readonly used: number;
  /** The documented limit, when `SiteSpec.maxConnections` does not override it. */
  readonly limit: number;
  /** What `used` counts, for messages (e.g. `VPN connections`). */
  readonly unit: string;
  /** The gateway, for messages (e.g. its kind, or its SKU). */
  readonly gateway: string;
  /** A remedy of this cloud, for messages, ending in `, ` (e.g. `a larger SKU, `), or empty. */
  readonly remedy: string;
}

/**
 * Whether an end starts IKE negotiation:
 * - `leads`: it initiates, and a peer that can wait for it does (AWS startup action `start`);
 * - `initiates`: it initiates whatever the peer does;
 * - `yields`: it initiates unless the peer `leads` (then it is responder only);
 * - `responds`: it never initiates.
 */
export type Initiation = 'leads' | 'initiates' | 'yields' | 'responds';

/**
 * How the CLI shows a cloud: its name and colour on a diagram, what a link's resources on it are
 * called and how many each link holds, and (for a cloud whose endpoints belong to each
 * connection) the connections whose tunnels a diagram groups.
 */
export interface CloudDisplay<R extends LinkResourcesBase = LinkResourcesBase> {
  /** Its name on a diagram (may be fuller than `name`). */
  readonly label: string;
  /** Its colour on a diagram, `#rrggbb`. */
  readonly color: string;
  /** Plural nouns of a link's resources: the remote end as the cloud registers it, and the connections. */
  readonly nouns: { readonly peers: string; readonly connections: string };
  /** How many of each of those one link's resources hold (0 or more). */
  count(link: R): { readonly peers: number; readonly connections: number };
  /**
   * The connections of a link whose own tunnels are the gateway's endpoints (the cloud has
   * per-connection endpoints), each with its tunnel ids in order.
   *
   * @default - none: the endpoints belong to the gateway
   */
  endpointGroups?(link: R): readonly { readonly id: string; readonly tunnels: readonly string[] }[];
}

/**
 * A cloud, as the planner knows it.
 *
 * @internal not public API yet: its questions carry the planner's normalised sites and links
 */
export interface CloudProfile<Kind extends string = string, R extends LinkResourcesBase = LinkResourcesBase> {
  /** The cloud's id (`SiteSpec.cloud`). */
  readonly cloud: R['cloud'];
  /** Display name, for messages and tables. */
  readonly name: string;
  /** How the CLI shows the cloud (`ccvpn plan`'s tables, `--diagram`). */
  readonly display: CloudDisplay<R>;
  /** Limits, reserved values and algorithm spellings, with sources. */
  readonly facts: CloudFacts;
  /** Where each of this cloud's source ids comes from. */
  readonly sources: Readonly<Record<string, string>>;
  /** The gateway kinds the cloud offers, the default first. */
  readonly kinds: readonly Kind[];

  /** The public endpoints a gateway of `kind` has independently of its links (none when they exist per connection). */
  endpoints(kind: Kind): string[];
  /**
   * Set when the gateway's public endpoints exist per connection, not per gateway (AWS: every VPN
   * connection has two outside IPs): such an end drives the pairing, one connection per remote
   * endpoint, `tunnelsPerConnection` tunnels each.
   *
   * @default - none: the endpoints are the gateway's (`endpoints`)
   */
  readonly perConnection?: {
    /** Tunnels every connection has. */
    readonly tunnelsPerConnection: number;
    /** The endpoint name of a connection's tunnel on a link. */
    endpoint(linkId: string, connection: number, tunnel: number): string;
    /**
     * The connection an endpoint name of this cloud belongs to (`<link>/conn<k>` for AWS), or
     * `undefined` when the name is not one `endpoint` writes: the inverse, so that a record
     * (which keeps endpoint names, not clouds) can group a connection's tunnels.
     */
    connectionOf(endpoint: string): string | undefined;
  };
  /**
   * True when every endpoint of the gateway carries a tunnel of every link (Alibaba Cloud: a
   * connection configures all its tunnels): when no end is per connection, such an end leads the
   * pairing and the other end's endpoints are taken in turn.
   */
  readonly tunnelOnEveryEndpoint: boolean;
  /** Why this end leaves the tunnel of a pairing step idle, or `undefined`. */
  idleReason(step: PairingStep): string | undefined;
  /** Where this end places the tunnel of a pairing step (`undefined`: nothing to place). */
  place(step: PairingStep): Placement | undefined;
  /** Whether the cloud creates a tunnel of a gateway of `kind` even when nothing answers it. */
  configuresIdle(kind: Kind): boolean;

  /** True when every tunnel with an end on this cloud has inside addresses, whatever its routing (AWS). */
  readonly alwaysInside: boolean;
  /**
   * Rank of this end's claim on the first host of a tunnel's inside /30: the end with the higher
   * rank takes it (AWS 2, Alibaba Cloud 1, Azure 0).
   */
  readonly firstHostRank: number;
  /**
   * True when the cloud's inside range is scarce and shared by all its gateways (Azure's 512
   * APIPA addresses): its /30s are unique across the cloud, and tunnels without an end on it
   * leave its range alone.
   */
  readonly scarceInsideRange: boolean;
  /**
   * Inside addresses a gateway needs beyond its tunnels' (Azure active-active: a custom BGP
   * address on the instance a tunnel's link leaves without a tunnel), as the endpoints they go
   * on, for one active slot of a BGP link.
   *
   * @default - none
   */
  ownAddresses?(site: NormalSite, side: 0 | 1, slot: TunnelSlot, active: readonly TunnelSlot[]): string[];

  /**
   * The ASN a site of this cloud gets when it pins none, instead of an allocated one (AWS's default
   * Amazon-side ASN). Never allocated to another site.
   *
   * @default - none: allocated
   */
  readonly defaultAsn?: number;
  /** How this end starts IKE for a proposal of `ikeVersion`. */
  initiation(ikeVersion: 'ikev1' | 'ikev2'): Initiation;
  /** Whether this end opens BGP sessions from an inside address: `true`, `false`, or `undefined` (unconfirmed). */
  readonly startsBgp: boolean | undefined;
  /** Default lifetimes of this end, in seconds (a fixed phase 1 is `facts.phase1`'s). */
  readonly lifetimes: {
    /** Phase 1 lifetime, in seconds. */
    readonly phase1: number;
    /** Phase 2 lifetime, in seconds. */
    readonly phase2: number;
  };
  /**
   * Set when the cloud's phase 1 lifetime is fixed (`facts.phase1.lifetimeFixed`): the peer's
   * phase 1 lifetime and its rule, so that this end never waits for the peer to rekey.
   *
   * @default - none: the lifetime is configurable
   */
  readonly fixedPhase1?: {
    /** The peer's default phase 1 lifetime, in seconds: below this cloud's fixed one. */
    readonly peerSeconds: number;
    /** The code of the problem "a pinned peer lifetime would leave this cloud waiting". */
    readonly waitsCode: string;
  };

  /**
   * The cloud's SKUs with their tunnel limits, when `SiteSpec.sku` applies to it.
   *
   * @default - none: `sku` does not apply
   */
  readonly skus?: Readonly<Record<string, number>>;
  /**
   * Set when policy routing takes a single prefix per side (AWS): the code and rule of the problem.
   *
   * @default - none: any number of prefixes
   */
  readonly singlePolicyPrefix?: { readonly code: string; readonly rule: string };
  /** Warnings about a site (e.g. a retired SKU), each a sentence starting with `path`. */
  siteWarnings(site: NormalSite, path: string): string[];

  /**
   * The alarms that watch this cloud's end of one active tunnel in the cloud's own monitoring,
   * named with `alarmName` (`./alarms.ts`). Called only for sites whose `alarms` is not `false`.
   */
  alarms(ctx: AlarmContext): PlannedAlarm[];

  /** The resources a gateway of this cloud needs, per link. */
  planGateway(ctx: GatewayContext): GatewayResources<R>;
  /** The documented connection limit of a gateway of `kind` (and `sku`, where the cloud has SKUs), in the unit the cloud counts. */
  connectionLimit(kind: Kind, sku?: string): number;
  /** How many connections a gateway uses (from its planned resources) and may use. */
  capacity(site: NormalSite, links: readonly R[]): Capacity;
}
