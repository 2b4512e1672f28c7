/**
 * Helpers the cloud models share.
 * @internal
 */
import type { DeploymentBase } from '../deployment';
import type { Resolved } from '../output/resolve';

/** The symbolic address of an endpoint key. */
export function addressOf(d: DeploymentBase, endpoint: string | undefined): string | undefined {
  return endpoint === undefined ? undefined : d.endpoints.get(endpoint)?.address;
}

/** The endpoint key a resolved address names: an endpoint of the deployment, or a literal IP outside it. */
export function endpointKeyOf(r: Resolved | undefined): string | undefined {
  if (!r) return undefined;
  if (r.kind === 'endpoint') return r.endpoint;
  if (r.kind === 'literal' && typeof r.value === 'string') return `ip:${r.value}`;
  return undefined;
}

/** How an address was resolved, for reports. */
export function describe(r: Resolved | undefined): string {
  if (!r) return 'not found';
  const trail = r.trail.length ? ` via ${r.trail.join(' → ')}` : '';
  switch (r.kind) {
    case 'endpoint': return `${r.endpoint}${trail}`;
    case 'literal': return `literal ${String(r.value)}${trail}`;
    case 'resource': return `${r.ref.stack}/${r.ref.id}${r.attr ? `.${r.attr}` : ''} (not a gateway address)${trail}`;
    default: return `unresolved: ${r.why}${trail}`;
  }
}

/** Other host of the /30 an address is in (Alibaba's peer BGP address: presumed, unconfirmed). */
export function otherHost(address: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!m) return undefined;
  const last = Number(m[4]);
  const pos = last & 3;
  if (pos !== 1 && pos !== 2) return undefined;
  return `${m[1]}.${m[2]}.${m[3]}.${pos === 1 ? last + 1 : last - 1}`;
}
