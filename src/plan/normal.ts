/**
 * A topology after validation (`validateTopology`), with defaults applied: the sites and links
 * the pairing, the profiles and the planner read.
 */
import type { Ipv4Cidr } from '../common/cidr';
import type { Cloud, GatewayKind } from './clouds/ids';
import type { LinkSpec, Routing, SiteSpec, TunnelLayout } from './topology';

/** A site after validation, with defaults applied. */
export interface NormalSite {
  readonly index: number;
  readonly spec: SiteSpec;
  readonly id: string;
  readonly cloud: Cloud;
  readonly kind: GatewayKind;
  readonly cidrs: readonly Ipv4Cidr[];
}

/** A link after validation, with defaults applied; `a`/`b` in `between` order. */
export interface NormalLink {
  readonly index: number;
  readonly spec: LinkSpec;
  readonly id: string;
  readonly a: NormalSite;
  readonly b: NormalSite;
  readonly routing: Routing;
  readonly layout: TunnelLayout;
  readonly allowWeak: boolean;
  /** Traffic selectors per end, in `between` order (policy routing), else the sites' CIDRs. */
  readonly selectors: readonly [readonly string[], readonly string[]];
}
