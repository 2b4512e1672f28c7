/**
 * What verify asks of a cloud: the shape of one line of its registry (`clouds/index.ts`). Every
 * layer of verify (reading, modelling, acceptance, routing, reports) and `src/change/` iterate the
 * registry instead of naming a cloud; each cloud's answers live in `clouds/<cloud>/`.
 */
import type { DeploymentOf } from './deployment';
import type { Resolved, Resolver } from './output/resolve';
import type { ExtractContext } from './output/values';
import type { HalfRouting } from './route-rules';
import type { Assumption, Cloud, SiteModel, TunnelHalf, Violation } from './types';

/** One cloud as verify reads, models and checks it; `P` is what it adds to a `Deployment`. */
export interface VerifyCloud<P extends object = object> {
  readonly id: Cloud;
  /** Its name in reports (`AWS conn1 tunnel1: ...`). */
  readonly name: string;
  /** The engine its resources are synthesized by (the first part of their resource keys). */
  readonly engine: 'cdk' | 'cdktf';
  /**
   * The documentation-range /24 its endpoints take symbolic addresses from (hosts .10 up), as a
   * 32-bit number.
   */
  readonly pool: number;
  /** Resource types whose replacement takes down the tunnels they carry (`ccvpn diff`). */
  readonly carriers: readonly string[];
  /** Its VPN resources of the output, resolved: the fields it adds to the deployment. */
  extract(x: ExtractContext): P;
  /** The peer addresses its resources name (each becomes an endpoint, or a literal address). */
  referenced(d: P): readonly (Resolved | undefined)[];
  /** Its tunnel halves; warns of a connection whose gateway is not in the folders read. */
  halves(d: DeploymentOf<P>, r: Resolver | undefined, warnings: string[]): TunnelHalf[];
  /** Its gateways, as sites. */
  sites(d: DeploymentOf<P>): SiteModel[];
  /** What its API or provider would reject (`acceptance.ts`). */
  accept(r: Resolver): Violation[];
  /** One of its halves' routing; `undefined` when the half's resources are not in the deployment. */
  routing(h: TunnelHalf, d: DeploymentOf<P>, r: Resolver): HalfRouting | undefined;
  /** Routing behaviour of it that no source states. */
  readonly routingAssumptions: Readonly<Record<string, Assumption>>;
}
