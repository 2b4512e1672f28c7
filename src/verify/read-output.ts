/**
 * Reads synthesized output folders — CloudFormation templates of a CDK cloud assembly
 * (`*.template.json`) and Terraform JSON of a cdktf output folder (`stacks/<name>/cdk.tf.json`) —
 * as ONE deployment, and extracts the VPN resources of AWS, Azure and Alibaba Cloud.
 *
 * Public IPs do not exist before deployment, so addresses are resolved symbolically: every
 * gateway endpoint (an AWS tunnel, an Azure public IP, an Alibaba gateway IP) gets a
 * documentation-range address (AWS 192.0.2.0/24, Azure 198.51.100.0/24, Alibaba 203.0.113.0/24),
 * and every reference to an address — CloudFormation `Ref` of a parameter, `Fn::ImportValue`,
 * `Fn::GetAtt` of the tunnel-outside-IP lookup, Terraform `${var.x}`, `${resource.attr}` and
 * cdktf's cross-stack remote state — is followed, through the deployment manifest
 * (`ccvpn.manifest.json`: which output feeds which input) when it crosses engines, to the
 * endpoint it names.
 *
 * Pre-shared keys are read as written (that is how deployment works) into `PresharedKey`
 * objects, which print only a fingerprint.
 *
 * The reader in layers (this module re-exports each one's public names):
 * - `output/load.ts` — `loadStacks(folders)`: finds and reads the stacks and the manifest, as written;
 * - `output/resolve.ts` — `Resolver`: follows `Ref` / `Fn::GetAtt` / `Fn::ImportValue` / `Fn::*`,
 *   Terraform `${…}` interpolation, parameters and variables (fed by the manifest), outputs and
 *   remote state, to a literal, an endpoint, a resource or a deploy-time value;
 *   `Resolver.resourceOf(stack, value, type)`: the resource of a type a value references;
 * - `output/read.ts` — `readOutput(folders)`: loading + resolving on their own, for comparing two
 *   outputs: every resource of every stack with its properties settled (references resolved,
 *   keys as fingerprints), and the resolver;
 * - `clouds/<cloud>/extract.ts` — each cloud's VPN resources (beside that cloud's model and
 *   acceptance rules), resolved;
 * - here — `readDeployment` / `extractDeployment`: every cloud's extraction (the registry,
 *   `clouds/index.ts`) as one `Deployment`, with a documentation-range address for every
 *   endpoint (`assignAddresses`).
 */
import type { DeploymentManifest } from '../manifest';
import { formatIpv4 } from '../common/cidr';
import { CLOUD_IDS, CLOUD_LINES, type CloudParts, VERIFY_CLOUDS } from './clouds';
import { Json, StackDoc, loadStacks } from './output/load';
import { Resolved, Resolver } from './output/resolve';
import type { DeploymentBase, Endpoint } from './deployment';
import type { Cloud } from './types';

export type { DeploymentBase, Endpoint } from './deployment';

export type { Obj, LoadedStacks } from './output/load';
export type { Json, StackDoc };
export { isObj, loadStacks } from './output/load';
export type { FoundResource, ResourceRef, Resolved } from './output/resolve';
export { Resolver, eachCfn, eachTf } from './output/resolve';
export type { KeyValue } from './output/values';
export { stringsOf, withoutSecrets } from './output/values';
export type { Output, OutputResource } from './output/read';
export { readOutput, settle } from './output/read';
export type { ExtractContext } from './output/values';
export type * from './clouds';

/** The whole deployment as read: what every deployment has, and each cloud's resources (`CloudParts`). */
export type Deployment = DeploymentBase & CloudParts;

/** Reads folders into a deployment: resources of every cloud with references resolved. */
export function readDeployment(folders: readonly string[]): Deployment {
  const { stacks, manifest, warnings } = loadStacks(folders);
  return extractDeployment(folders, stacks, manifest, warnings);
}

/** Extracts the VPN resources of already loaded stacks. */
export function extractDeployment(folders: readonly string[], stacks: readonly StackDoc[], manifest: DeploymentManifest | undefined, warnings: string[] = []): Deployment {
  const x = { r: new Resolver(stacks, manifest), endpointLabels: new Map<string, string>(), warnings };
  const parts = Object.assign({}, ...CLOUD_LINES.map((c) => c.extract(x))) as CloudParts;

  // Every endpoint named anywhere (owned or referenced) gets one documentation-range address.
  const referenced: Resolved[] = CLOUD_LINES.flatMap((c) => c.referenced(parts)).filter((a): a is Resolved => !!a);
  for (const ref of referenced) {
    if (ref.kind === 'endpoint' && !x.endpointLabels.has(ref.endpoint)) x.endpointLabels.set(ref.endpoint, ref.endpoint);
    if (ref.kind === 'literal' && typeof ref.value === 'string' && !x.endpointLabels.has(`ip:${ref.value}`)) x.endpointLabels.set(`ip:${ref.value}`, `literal address ${ref.value}`);
  }
  const endpoints = assignAddresses(x.endpointLabels);
  return { folders, stacks: stacks.map((s) => `${s.engine}:${s.name}`), manifest, endpoints, ...parts, warnings };
}

/** Addresses outside the deployment share TEST-NET-3 (203.0.113.0/24), from .200 up. */
const OUTSIDE_POOL = (203 << 24) | (0 << 16) | (113 << 8);
const OUTSIDE_FIRST = 200;
const POOLS: Record<Cloud | 'outside', number> = { ...Object.fromEntries(CLOUD_IDS.map((c) => [c, VERIFY_CLOUDS[c].pool])) as Record<Cloud, number>, outside: OUTSIDE_POOL };

/**
 * Documentation-range addresses: each cloud's endpoints from .10 of its registry `pool` (AWS
 * 192.0.2.10+, Azure 198.51.100.10+, Alibaba 203.0.113.10+), outside 203.0.113.200+.
 */
export function assignAddresses(labels: ReadonlyMap<string, string>): Map<string, Endpoint> {
  const out = new Map<string, Endpoint>();
  const next: Record<string, number> = { ...Object.fromEntries(CLOUD_IDS.map((c) => [c, 10])), outside: OUTSIDE_FIRST };
  const order: (Cloud | 'outside')[] = [...CLOUD_IDS, 'outside'];
  const keys = [...labels.keys()].sort();
  for (const key of keys) {
    const prefix = key.split(':')[0];
    let cloud = ((CLOUD_IDS as string[]).includes(prefix) ? prefix : 'outside') as Cloud | 'outside';
    // An exhausted pool spills into the next one (hundreds of endpoints).
    for (let i = 0; i < order.length && next[cloud] > 254; i++) cloud = order[(order.indexOf(cloud) + 1) % order.length];
    if (next[cloud] > 254) throw new Error('more than 900 endpoints: the documentation ranges are exhausted');
    const host = next[cloud]++;
    out.set(key, { key, cloud: prefix === 'ip' ? 'outside' : cloud, address: formatIpv4((POOLS[cloud] + host) >>> 0), label: labels.get(key)! });
  }
  return out;
}
