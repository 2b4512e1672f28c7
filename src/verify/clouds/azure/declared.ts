/**
 * An existing Azure virtual network gateway as the output declares it: a connection whose
 * `virtual_network_gateway_id` names no `azurerm_virtual_network_gateway` of the output carries,
 * in the Terraform JSON comment key `"//"` (Terraform ignores it), the record
 * `crossCloudVpn.gateway` = `{ existing: true, id, name, resourceGroupName, location, sku,
 * activeActive, asn, networks[], instances[{ name, ipConfiguration?, publicIp, apipaAddresses[],
 * defaultBgpAddress? }] }` — what the user declared the gateway to be (the output holds nothing
 * else about it). Verify reads it as a claim, and its own rules (`accept.ts`, `tables.ts`) judge
 * it like a gateway resource: it is read here field by field, never trusted for its shape.
 */
import { parseIpv4 } from '../../../common/cidr';
import { Json, Obj, isObj } from '../../output/load';

/** Where the record lives in a connection's body, as violations name it. */
export const DECLARED_PATH = '//.crossCloudVpn.gateway';

/** One instance of a declared gateway. */
export interface DeclaredInstance {
  readonly name: string;
  readonly ipConfiguration?: string;
  readonly publicIp?: string;
  readonly apipa: readonly string[];
}

/** A declared existing gateway, with what in the record could not be read. */
export interface DeclaredGateway {
  readonly id?: string;
  readonly name?: string;
  readonly resourceGroupName?: string;
  readonly sku?: string;
  readonly activeActive?: boolean;
  readonly asn?: number;
  readonly networks: readonly string[];
  readonly instances: readonly DeclaredInstance[];
  /** Fields of the record that are missing or malformed: `[attribute path, value, what is expected]`. */
  readonly malformed: readonly (readonly [string, Json | undefined, string])[];
}

const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The record of an existing gateway a connection body carries, if any. */
export function declaredGatewayOf(body: Obj): DeclaredGateway | undefined {
  const comment = body['//'];
  const ccv = isObj(comment) ? comment.crossCloudVpn : undefined;
  const g = isObj(ccv) ? ccv.gateway : undefined;
  if (!isObj(g) || g.existing !== true) return undefined;
  const malformed: [string, Json | undefined, string][] = [];
  const str = (k: string): string | undefined => {
    if (typeof g[k] === 'string' && g[k] !== '') return g[k] as string;
    malformed.push([`${DECLARED_PATH}.${k}`, g[k], 'a non-empty string']);
    return undefined;
  };
  const id = str('id');
  const name = str('name');
  const resourceGroupName = str('resourceGroupName');
  const sku = str('sku');
  const activeActive = typeof g.activeActive === 'boolean' ? g.activeActive : undefined;
  if (activeActive === undefined) malformed.push([`${DECLARED_PATH}.activeActive`, g.activeActive, 'true or false']);
  const asn = typeof g.asn === 'number' ? g.asn : undefined;
  if (asn === undefined) malformed.push([`${DECLARED_PATH}.asn`, g.asn, 'the gateway\'s ASN, a number']);
  const networks = strings(g.networks);
  if (!Array.isArray(g.networks)) malformed.push([`${DECLARED_PATH}.networks`, g.networks, 'a list of IPv4 prefixes']);
  const instances: DeclaredInstance[] = [];
  if (!Array.isArray(g.instances)) malformed.push([`${DECLARED_PATH}.instances`, g.instances, 'a list of instances { name, publicIp, apipaAddresses }']);
  (Array.isArray(g.instances) ? g.instances : []).forEach((x, i) => {
    const at = `${DECLARED_PATH}.instances[${i}]`;
    if (!isObj(x)) {
      malformed.push([at, x, 'an instance { name, publicIp, apipaAddresses }']);
      return;
    }
    const publicIp = typeof x.publicIp === 'string' && parseIpv4(x.publicIp) !== undefined ? x.publicIp : undefined;
    if (!publicIp) malformed.push([`${at}.publicIp`, x.publicIp, 'the instance\'s public IPv4 address']);
    if (!Array.isArray(x.apipaAddresses)) malformed.push([`${at}.apipaAddresses`, x.apipaAddresses, 'a list of the instance\'s APIPA addresses']);
    instances.push({
      name: typeof x.name === 'string' ? x.name : `instance${i}`,
      ipConfiguration: typeof x.ipConfiguration === 'string' ? x.ipConfiguration : undefined,
      publicIp,
      apipa: strings(x.apipaAddresses),
    });
  });
  return { id, name, resourceGroupName, sku, activeActive, asn, networks, instances, malformed };
}
