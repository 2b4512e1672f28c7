/**
 * The engine-neutral description of one half of a tunnel, as a cloud's gateway would behave
 * given its synthesized resources, and the shapes of a verification report.
 *
 * Readers (`read-output.ts`) turn synthesized templates into resources; models
 * (`models/<cloud>.ts`) turn resources into `TunnelHalf`s; the harness (`harness.ts`) brings two
 * paired halves up between real IKE and BGP daemons. Nothing here knows about strongSwan files
 * or namespaces: algorithms are spelled as strongSwan proposal keywords because that is the
 * neutral vocabulary the plan already uses.
 */
import type { PresharedKey } from '../common/preshared-key';

/** The clouds verify models (its own name for them: verify shares no table with the planner). */
export type Cloud = 'aws' | 'azure' | 'alicloud';

/**
 * A value of the synthesized output that the cloud's API or its Terraform provider would reject
 * (enum, range, cross-field rule), found before anything is negotiated.
 */
export interface Violation {
  readonly cloud: Cloud;
  /** The synthesized file the resource is in. */
  readonly file: string;
  /** Key of the resource (`resourceKey()`): `cdk:<stack>/<logicalId>` or `cdktf:<stack>/<type.name>`. */
  readonly resource: string;
  /** Attribute path as written, e.g. `VpnTunnelOptionsSpecifications[0].Phase2LifetimeSeconds`. */
  readonly attribute: string;
  /** The value as written (truncated to 80 characters; never a key). */
  readonly value: string;
  /** What is allowed, e.g. `900-3600 seconds and less than Phase1LifetimeSeconds`. */
  readonly rule: string;
  /** Where the rule comes from: provider file and line at the pinned tag, or the doc page. */
  readonly source: string;
}

/**
 * Something a model relies on that no documentation or provider source states. Every one is
 * listed in the report (`--json`) and in the README's table of assumptions.
 */
export interface Assumption {
  /** Stable id, e.g. `azure-dpd-interval`. */
  readonly id: string;
  readonly cloud: Cloud;
  /** What is assumed. */
  readonly what: string;
  /** Why it has no source, and what would settle it. */
  readonly why: string;
}

/** How routes reach a tunnel. */
export type HalfRouting = 'bgp' | 'static' | 'policy';

/** Who starts IKE, per the cloud's own setting. */
export interface InitiationModel {
  /**
   * `always`: negotiates as soon as it is configured (AWS `StartupAction: start`, Alibaba
   * `effect_immediately`, Azure `Default`/`InitiatorOnly`); `on-traffic`: when traffic wants the
   * tunnel (Alibaba's default); `never`: only answers.
   */
  readonly initiates: 'always' | 'on-traffic' | 'never';
  /** Whether it answers a peer that initiates (Azure `InitiatorOnly` does not). */
  readonly responds: boolean;
  /** The setting it comes from, for reports (`StartupAction=start`). */
  readonly setting: string;
}

/** BGP over the tunnel's inside addresses. */
export interface HalfBgp {
  readonly localAsn: number;
  /** The ASN this half expects of its peer. */
  readonly peerAsn: number;
  /** Does not open the session itself (Azure from an APIPA address). */
  readonly passive: boolean;
  readonly holdTimeSeconds: number;
  readonly keepaliveSeconds: number;
}

/** Inside (tunnel interface) addresses. */
export interface HalfInside {
  /** This half's own inside address. */
  readonly address: string;
  /** The address this half expects its peer to have (BGP neighbour). */
  readonly peerAddress: string;
  /** Prefix length of the inside block as configured (30 for a /30, 32 for Azure's APIPA). */
  readonly prefixLength: number;
  /** Where it comes from, for reports. */
  readonly source: string;
}

/** Dead peer detection. */
export interface HalfDpd {
  /** Interval between liveness checks when idle. */
  readonly delaySeconds: number;
  /** How long without an answer until the peer is declared dead. */
  readonly timeoutSeconds: number;
  /** What happens then: `clear` (wait for the peer), `restart` (re-initiate), `none`. */
  readonly action: 'clear' | 'restart' | 'none';
}

/** One half of a tunnel: everything one cloud's gateway does on it. */
export interface TunnelHalf {
  /** Stable key within the deployment, e.g. `aws:Links2/VpnConnection#tunnel1`. */
  readonly key: string;
  readonly cloud: Cloud;
  /** Key of the gateway (site) the half belongs to. */
  readonly site: string;
  /** Short human label: resource name and tunnel, e.g. `conn1 tunnel1`. */
  readonly label: string;
  /** Endpoint key of this half's public address. */
  readonly outsideEndpoint: string;
  /** Symbolic (documentation-range) outside address assigned to that endpoint. */
  readonly outsideAddress: string;
  /** Endpoint the peer address resolves to; `undefined` when it is outside the deployment. */
  readonly peerEndpoint?: string;
  /** Symbolic peer address; `undefined` when it could not be resolved. */
  readonly peerAddress?: string;
  /** How the peer address was resolved (parameter, variable, output chain). */
  readonly peerAddressSource: string;
  /** The pre-shared key; `undefined` when it is only known at deploy time. */
  readonly psk?: PresharedKey;
  /** IKE identities (default: the outside addresses). */
  readonly localId: string;
  readonly remoteId: string;
  /** strongSwan `version`: 0 = IKEv1 or IKEv2, 1, 2. */
  readonly ikeVersion: 0 | 1 | 2;
  /** IKEv1 aggressive mode. */
  readonly aggressive: boolean;
  /** IKE proposals, strongSwan syntax (what it offers as initiator and accepts as responder). */
  readonly ikeProposals: readonly string[];
  /**
   * ESP proposals, strongSwan syntax. `offers`: what it sends when it creates or rekeys a CHILD
   * SA; `accepts`: what it takes as responder (Azure's default policy differs between the two).
   */
  readonly esp: { readonly offers: readonly string[]; readonly accepts: readonly string[] };
  readonly initiation: InitiationModel;
  readonly ikeLifetimeSeconds: number;
  readonly childLifetimeSeconds: number;
  readonly dpd?: HalfDpd;
  /** Traffic selectors: `0.0.0.0/0` both for route-based tunnels. */
  readonly localTs: readonly string[];
  readonly remoteTs: readonly string[];
  /**
   * As responder, accepts whatever traffic selectors the initiator proposes (Azure: its FAQ);
   * `localTs` / `remoteTs` are then what it proposes when it initiates.
   *
   * @default false: it narrows to `localTs` / `remoteTs` in both roles
   */
  readonly respondsToAnyTs?: boolean;
  readonly routing: HalfRouting;
  readonly inside?: HalfInside;
  readonly bgp?: HalfBgp;
  /** Networks this side announces (BGP) or serves (static, policy). */
  readonly advertise: readonly string[];
  /** Static routing: remote prefixes this cloud routes into the tunnel. */
  readonly routes: readonly string[];
  /** Model assumptions worth reading (defaults used, unconfirmed facts). */
  readonly notes: readonly string[];
  /** Things that make the half unusable as synthesized (key or inside CIDR only known at deploy time). */
  readonly problems: readonly string[];
  /**
   * The resource that creates this half with its siblings (an AWS VPN connection: two tunnels;
   * an Azure active-active connection: one tunnel per instance; an Alibaba dual-tunnel
   * connection). A half nothing answers is idle when a sibling pairs, or when its peer is outside
   * the deployment; otherwise it is a failure (nothing in the deployment answers the resource).
   */
  readonly group: string;
  /**
   * Keys (`resourceKey()`) of every synthesized resource that shapes this half: its connection,
   * gateway, customer / local network gateway, public IP, routes. A `Violation` on any of them
   * fails the tunnel with `cloud-rejects`.
   */
  readonly resources: readonly string[];
  /** Unsourced behaviour this half's model relies on. */
  readonly assumptions: readonly Assumption[];
  /**
   * The alarms of the output that watch this half, in its cloud's monitoring (their resources are
   * in `resources` too: an alarm the cloud rejects fails the tunnel).
   *
   * @default - none found
   */
  readonly alarms?: readonly HalfAlarm[];
  /** Routing as the output configures it (`routing.ts`); set by `modelDeployment`. */
  readonly reach?: HalfReach;
  /**
   * What the output does not carry but the half needs (an existing gateway's ASN, the networks
   * behind a gateway): the tunnel fails as `unverifiable`, never on a guessed value.
   */
  readonly unverifiable?: string;
}

/** One alarm of the output that watches a tunnel half (an Azure metric alert, a CloudWatch alarm, …). */
export interface HalfAlarm {
  /** Its name in the cloud. */
  readonly name: string;
  /** The metric it watches, `<namespace> <metric>` (as the plan's `PlannedAlarm.metric` spells it). */
  readonly metric: string;
  /** What it means, for reports: `tunnel down`, `BGP peer down`. */
  readonly watches: string;
  /** Key of its resource (`resourceKey()`). */
  readonly resource: string;
}

/** One prefix a cloud routes into a tunnel, and the resource that says so. */
export interface RouteEntry {
  readonly prefix: string;
  /** Only for traffic from this prefix (Alibaba policy-based route entries). */
  readonly from?: string;
  /** Resource and attribute, for reports (`cdktf:ali-links/alicloud_vpn_route_entry.x route_dest`). */
  readonly source: string;
}

/**
 * What one half's cloud routes, read from the synthesized resources only (`routing.ts`):
 * the networks behind it its peer must reach, what it routes into the tunnel, what it accepts
 * over BGP, and whether its own networks send traffic for the tunnel to the gateway at all.
 */
export interface HalfReach {
  /** Networks behind this half that the peer must reach over this tunnel (a lab host address in each). */
  readonly serves: readonly string[];
  readonly servesSource: string;
  /** Static and policy routing: prefixes this cloud sends into the tunnel. BGP: static routes it adds to what it learns. */
  readonly routes: readonly RouteEntry[];
  /** BGP: prefixes this cloud refuses to install from its peer, with the rule (`undefined`: accepted). */
  readonly rejects?: readonly { readonly prefix: string; readonly match: 'exact' | 'overlap'; readonly rule: string }[];
  /**
   * The site side: whether the cloud's own networks route traffic for the tunnel's prefixes to
   * the gateway (VGW route propagation, Alibaba route publishing). `all`: everything the gateway
   * routes or learns; a list: only these prefixes; with `missing`, why not.
   */
  readonly siteRoutes: { readonly kind: 'all'; readonly source: string } | { readonly kind: 'only'; readonly prefixes: readonly string[]; readonly source: string; readonly missing: string };
}

/** The key of one synthesized resource: `cdk:<stack>/<logicalId>` or `cdktf:<stack>/<type.name>`. */
export function resourceKey(engine: 'cdk' | 'cdktf', stack: string, id: string): string {
  return `${engine}:${stack}/${id}`;
}

/** A site: one gateway and the networks behind it. */
export interface SiteModel {
  readonly key: string;
  readonly cloud: Cloud;
  /** Human name (gateway name or stack). */
  readonly label: string;
  readonly networks: readonly string[];
  /** Where the networks come from. */
  readonly networksSource: string;
  readonly asn?: number;
}

/** Failure reasons, stable for machines. */
export type FailureCode =
  | 'half-unusable' | 'unpaired' | 'no-initiator'
  | 'psk-mismatch' | 'ike-proposal-mismatch' | 'ike-version-mismatch' | 'identity-mismatch' | 'peer-not-responding' | 'ike-failed'
  | 'esp-proposal-mismatch' | 'ts-mismatch' | 'child-failed' | 'rekey-failed'
  | 'bgp-peer-as' | 'bgp-inside-address' | 'bgp-both-passive' | 'bgp-failed' | 'prefix-missing'
  | 'ping-failed' | 'esp-not-used' | 'lab-error'
  /** A value the cloud's API or provider rejects (see `Violation`). */
  | 'cloud-rejects'
  /** A remote network no configured route (static, selector or BGP) carries into the tunnel. */
  | 'route-missing'
  /** The output lacks what verify needs (a site's networks, an existing gateway's ASN). */
  | 'unverifiable';

/** Outcome of one check. */
export interface CheckResult {
  readonly ok: boolean;
  /** Short text for the table (`ESTABLISHED`, `Established 64512~65000`, `3/3 0.4ms`). */
  readonly summary: string;
  readonly detail?: string;
}

/** What happened to one tunnel. */
export interface TunnelResult {
  /** Short id in this report (`t1`, ...). */
  readonly id: string;
  readonly status: 'up' | 'idle' | 'failed';
  /** `siteA endpoint ⇄ siteB endpoint`. */
  readonly sides: string;
  readonly halves: readonly string[];
  readonly routing: HalfRouting;
  /** Negotiated (or, idle, configured) proposal. */
  readonly proposal?: string;
  readonly ike?: CheckResult;
  readonly child?: CheckResult;
  readonly bgp?: CheckResult;
  readonly ping?: CheckResult;
  readonly seconds?: number;
  readonly failure?: { readonly code: FailureCode; readonly reason: string };
  readonly idleReason?: string;
  readonly notes: readonly string[];
  /** Key fingerprints of the halves (never the keys). */
  readonly keyFingerprints: readonly string[];
  /**
   * The alarms that watch the tunnel, per half (`<cloud> <half label>: <name> (<metric>)`).
   *
   * @default - none found
   */
  readonly alarms?: readonly string[];
}

/** One failover measurement. */
export interface FailoverResult {
  readonly tunnel: string;
  readonly sites: string;
  /** Whether traffic kept flowing over the other tunnels. */
  readonly continued: boolean;
  /** Outage seen by the test traffic, scaled back to real time. */
  readonly outageSeconds: number;
  /** What made the far side notice (hold timer, DPD), from the logs. */
  readonly detectedBy: string;
  /** The timers in force (real values). */
  readonly timers: string;
  readonly ok: boolean;
  readonly detail?: string;
}

/** The whole report. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly folders: readonly string[];
  readonly sites: readonly SiteModel[];
  readonly tunnels: readonly TunnelResult[];
  readonly failover?: readonly FailoverResult[];
  /** Why the run failed, one line per problem; empty when `ok`. */
  readonly failures: readonly string[];
  /** Problems of the input (unresolved references, unknown resources). */
  readonly warnings: readonly string[];
  /** Every value of the output a cloud would reject, whether or not a tunnel uses it. */
  readonly violations: readonly Violation[];
  /** Unsourced behaviour the models relied on in this run. */
  readonly assumptions: readonly Assumption[];
  readonly timings: { readonly labSeconds: number; readonly totalSeconds: number };
  readonly lab?: { readonly namespaces: number; readonly daemons: number; readonly peakDaemonRssKb?: number; readonly peakDaemonPssKb?: number };
}
