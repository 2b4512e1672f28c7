/**
 * What every gateway's `realiseLink` does before it builds, in one place: the checks that the
 * realisation is for this gateway (its cloud, site, kind and ASN), and the construct scope the
 * link's resources are built in (refusing a link realised twice). Engine-free (`constructs`
 * only): the aws-cdk-lib and the cdktf gateways both use it.
 * @internal
 */
import { Construct } from 'constructs';
import type { LinkRealisation } from '../contract';
import type { Cloud, LinkResources, SiteSpec } from '../plan';
import { show } from '../plan';
import { ValidationError } from './errors';

/** The gateway realising a link, as the shared checks see it. */
export interface RealisingGateway {
  /** The gateway construct: messages carry its path, and links are built under it without a link stack. */
  readonly construct: Construct;
  /** Its site (cloud, id, kind). */
  readonly site: SiteSpec;
  /** The cloud as messages name it, e.g. `Alibaba Cloud`. */
  readonly cloudName: string;
  /**
   * The ASN the gateway was given, which the plan must carry.
   *
   * @default - none to compare: the plan chooses, or the given ASN is a token
   */
  readonly givenAsn?: number;
}

/**
 * How a cloud names a link's scope. Kept per cloud as it was first released: the construct path
 * names the resources (CloudFormation logical ids, Terraform addresses), so renaming it would
 * replace every deployed connection.
 *
 * - `link-prefixed`: `Link-<link id>`, in the link stack or under the gateway;
 * - `under-gateway`: `<gateway id>/<link id>` in the link stack, `<link id>` under the gateway.
 */
export type LinkScopeLayout = 'link-prefixed' | 'under-gateway';

/**
 * The realisation's resources, once the realisation is known to be for `gateway`: planned for
 * its cloud, its site and its kind, with the ASN it was given. Throws a `ValidationError`
 * (`plan-mismatch`) otherwise.
 */
export function realisedResources<C extends Cloud>(gateway: RealisingGateway, r: LinkRealisation, cloud: C): Extract<LinkResources, { cloud: C }> {
  const { site } = gateway;
  const resources = r.resources;
  const kind = (k: string | undefined) => (k === undefined ? '' : ` (${k})`);
  if (resources.cloud !== cloud || r.gateway.site !== site.id || (site.gateway !== undefined && r.gateway.kind !== site.gateway)) {
    throw new ValidationError(gateway.construct.node.path, 'plan-mismatch',
      `link ${show(resources.link)} was planned for ${resources.cloud} site ${show(r.gateway.site)}${kind(r.gateway.kind)}; allowed: a link of ${gateway.cloudName} site ${show(site.id)}${kind(site.gateway)} (plan from this gateway's site)`);
  }
  if (gateway.givenAsn !== undefined && r.gateway.asn !== gateway.givenAsn) {
    throw new ValidationError(gateway.construct.node.path, 'plan-mismatch',
      `the plan gives site ${show(site.id)} ASN ${r.gateway.asn}, but asn is ${gateway.givenAsn}; allowed: the gateway's own ASN (plan from this gateway's site)`);
  }
  return resources as Extract<LinkResources, { cloud: C }>;
}

/**
 * The scope one link's resources are built in (see `LinkScopeLayout`): in the link stack the
 * cross-cloud layer gives (a later deployment phase), else under the gateway. Throws a
 * `ValidationError` (`link-realised-twice`) when the link was built there already.
 */
export function linkScope(gateway: Construct, r: LinkRealisation, layout: LinkScopeLayout): Construct {
  const link = r.resources.link;
  const stack = r.stack?.scope as Construct | undefined;
  let parent: Construct = stack ?? gateway;
  if (stack && layout === 'under-gateway') {
    parent = (stack.node.tryFindChild(gateway.node.id) as Construct | undefined) ?? new Construct(stack, gateway.node.id);
  }
  const id = layout === 'link-prefixed' ? `Link-${link}` : link;
  if (parent.node.tryFindChild(id)) {
    throw new ValidationError(gateway.node.path, 'link-realised-twice', `link ${show(link)} is already realised on this gateway; allowed: each link once`);
  }
  return new Construct(parent, id);
}
