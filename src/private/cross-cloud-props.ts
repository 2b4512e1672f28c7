/**
 * The shape of `CrossCloudVpn`'s props (see `./props.ts`); the links' other fields, `previous`
 * and the master secret's strength are the planner's to check. Engine-free: the root entry
 * loads it.
 * @internal
 */
import type { EndpointsKnown } from '../contract';
import { TOPOLOGY_LIMITS } from '../plan/validate';
import { ObjectShape, checkProps, instance, isObject, list, obj, optional, required, str } from './props';
import { ValidationError } from './errors';

/** Anything that implements `IVpnGateway` (duck-typed: gateways come from any engine). */
const isGateway = (v: unknown): boolean =>
  isObject(v) && isObject(v.site) && typeof v.path === 'string' && isObject(v.deployment)
  && typeof v.realiseLink === 'function' && typeof v.endpointAddress === 'function';

const ENDPOINTS_KNOWN: readonly EndpointsKnown[] = ['gateway', 'link'];

const GATEWAY = instance('an IVpnGateway (an AwsVpnGateway, AzureVpnGateway or AlicloudVpnGateway)', isGateway, {
  props: { endpointsKnown: required(str({ values: ENDPOINTS_KNOWN })) },
});

const LINK: ObjectShape = {
  between: required(list(GATEWAY, { min: 2, max: 2 })),
};

export const CROSS_CLOUD_VPN_PROPS: ObjectShape = {
  links: required(list(obj(LINK, 'a link { between: [gatewayA, gatewayB], ... }'), { max: TOPOLOGY_LIMITS.maxLinks })),
  masterSecret: optional(str({ secret: true, max: 1024 })),
  previous: optional(obj({}, "an allocation record (a plan's allocations)")),
};

/** Checks `CrossCloudVpn`'s id and props; throws one `ValidationError` listing every problem. */
export function checkCrossCloudVpnProps(id: unknown, props: unknown): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) {
    throw new ValidationError('CrossCloudVpn', 'prop-invalid', `id: expected a string of 1-256 characters, got ${typeof id === 'string' ? `${id.length} characters` : typeof id}`);
  }
  checkProps(id, props, CROSS_CLOUD_VPN_PROPS, () => false);
}
