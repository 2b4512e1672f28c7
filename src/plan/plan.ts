/**
 * The planner's output: every tunnel with both ends' parameters (`./tunnel.ts`), and per gateway
 * the resources its cloud needs. Plain data (JSON-serialisable); pre-shared keys serialise redacted.
 */
import type { Cloud, GatewayKind, LinkResources } from './clouds';
import type { AllocationRecord, Routing, TunnelLayout } from './topology';
import type { PlannedTunnel } from './tunnel';

// The union of every cloud's link resources lives with the registry; named here too for the modules that read it from the plan.
export type { LinkResources } from './clouds';

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
   * Connections the gateway already uses outside the topology (`SiteSpec.inUse.connections`), in
   * the unit of `connectionCount`: they count against `connectionLimit` with it
   * (`connectionCount + connectionsInUse` is at most `connectionLimit`), and are not part of
   * `connectionCount`.
   *
   * @default - none: nothing in use (a plan without `inUse` carries no such field)
   */
  readonly connectionsInUse?: number;
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
