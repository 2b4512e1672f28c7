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
  /** What the gateway already uses outside the topology (`SiteSpec.inUse`), its valid entries only. */
  readonly inUse: NormalInUse;
}

/** One inside value an existing gateway already uses (`SiteInUse.insideCidrs` / `insideAddresses`). */
export interface InUseEntry {
  /** Its field path, e.g. `sites[1].inUse.insideCidrs[0]`. */
  readonly path: string;
  /** The value as given. */
  readonly value: string;
  /** A /30 in use, or an address whose /30 is taken. */
  readonly kind: 'cidr' | 'address';
  /** Network address of the aligned /30 it takes (an address: the /30 holding it), 0-4294967295. */
  readonly block: number;
}

/** `SiteSpec.inUse` after validation. */
export interface NormalInUse {
  /** Inside /30s and addresses in use, in the order given. */
  readonly entries: readonly InUseEntry[];
  /** Connections already counted against the gateway's limit (0 when none are given). */
  readonly connections: number;
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
