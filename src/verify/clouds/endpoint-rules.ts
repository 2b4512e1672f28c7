/**
 * Which values of a synthesized output are a gateway's public endpoint: the shape of each cloud's
 * rules (the data lives in `clouds/<cloud>/endpoints.ts`, one leaf module per cloud, and
 * `clouds/endpoints.ts` lists them). The resolver (`output/resolve.ts`) reads them; it sits below
 * the extractors the verify registry imports, so it takes these leaves and nothing else of a cloud.
 */
import type { Cloud } from '../types';

/**
 * A CloudFormation lookup resource whose attributes give the outside IPs of one connection's
 * tunnels, matched to a tunnel by inside CIDR (not by the API's order).
 */
export interface CfnTunnelLookup {
  /** The lookup's resource type. */
  readonly type: string;
  /** The attributes holding a tunnel's outside IP; group 1 is the tunnel's 1-based position in `insideCidrs`. */
  readonly attribute: RegExp;
  /** The lookup property that names the connection (a `Ref`). */
  readonly connectionProperty: string;
  /** The connection's resource type. */
  readonly connectionType: string;
  /** The lookup property listing the inside CIDRs it matches, in attribute order. */
  readonly insideCidrsProperty: string;
  /** The connection property listing its tunnels, and each tunnel's inside CIDR property. */
  readonly tunnelsProperty: string;
  readonly tunnelInsideCidrProperty: string;
}

/** One cloud's endpoint rules. Endpoint keys are `<cloud>:<stack>/<resource id><suffix>`. */
export interface EndpointRules {
  readonly cloud: Cloud;
  /**
   * Terraform resource type → attribute → endpoint key suffix (`''`, or `#<name>` when a
   * resource has several endpoints).
   */
  readonly terraform?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** CloudFormation lookups; an endpoint key's suffix is `#tunnel<n>` (n = the connection's tunnel position). */
  readonly cfnLookups?: readonly CfnTunnelLookup[];
}

/** The endpoint key of a resource's endpoint. */
export function endpointKey(cloud: Cloud, stack: string, id: string, suffix = ''): string {
  return `${cloud}:${stack}/${id}${suffix}`;
}
