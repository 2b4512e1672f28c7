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
 * - here — `readDeployment` / `extractDeployment`: the three extractions as one `Deployment`,
 *   with a documentation-range address for every endpoint (`assignAddresses`).
 */
import type { DeploymentManifest } from '../manifest';
import { formatIpv4 } from '../common/cidr';
import { AlicloudConnectionRes, AlicloudGatewayRes, extractAlicloud } from './clouds/alicloud/extract';
import { AwsConnectionRes, extractAws } from './clouds/aws/extract';
import { AzureConnectionRes, AzureGatewayRes, extractAzure } from './clouds/azure/extract';
import { Json, StackDoc, loadStacks } from './output/load';
import { Resolved, Resolver } from './output/resolve';
import type { Cloud } from './types';

export type { Obj, LoadedStacks } from './output/load';
export type { Json, StackDoc };
export { isObj, loadStacks } from './output/load';
export type { FoundResource, ResourceRef, Resolved } from './output/resolve';
export { Resolver, awsTunnelEndpoint, eachCfn, eachTf } from './output/resolve';
export type { KeyValue } from './output/values';
export { stringsOf, withoutSecrets } from './output/values';
export type { Output, OutputResource } from './output/read';
export { readOutput, settle } from './output/read';
export type { AwsConnectionRes, AwsGatewayRes, AwsTunnelRes } from './clouds/aws/extract';
export type { AzureConnectionRes, AzureGatewayRes } from './clouds/azure/extract';
export type { AlicloudConnectionRes, AlicloudCustomerGatewayRes, AlicloudGatewayRes } from './clouds/alicloud/extract';

/** A public address of a gateway, with its symbolic address. */
export interface Endpoint {
  readonly key: string;
  readonly cloud: Cloud | 'outside';
  readonly address: string;
  /** What it is, for reports (`AwsTokyoLinks2 conn1 tunnel1`, `public IP pip0`). */
  readonly label: string;
}

/** The whole deployment as read. */
export interface Deployment {
  readonly folders: readonly string[];
  /** `engine:name` of every stack read (the stacks themselves hold keys: not kept here). */
  readonly stacks: readonly string[];
  readonly manifest?: DeploymentManifest;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly aws: readonly AwsConnectionRes[];
  readonly azure: readonly AzureConnectionRes[];
  readonly azureGateways: readonly AzureGatewayRes[];
  readonly alicloud: readonly AlicloudConnectionRes[];
  readonly alicloudGateways: readonly AlicloudGatewayRes[];
  readonly warnings: readonly string[];
}

/** Reads folders into a deployment: resources of every cloud with references resolved. */
export function readDeployment(folders: readonly string[]): Deployment {
  const { stacks, manifest, warnings } = loadStacks(folders);
  return extractDeployment(folders, stacks, manifest, warnings);
}

/** Extracts the VPN resources of already loaded stacks. */
export function extractDeployment(folders: readonly string[], stacks: readonly StackDoc[], manifest: DeploymentManifest | undefined, warnings: string[] = []): Deployment {
  const x = { r: new Resolver(stacks, manifest), endpointLabels: new Map<string, string>(), warnings };
  const aws = extractAws(x);
  const { gateways: azureGateways, connections: azure } = extractAzure(x);
  const { gateways: alicloudGateways, connections: alicloud } = extractAlicloud(x);

  // Every endpoint named anywhere (owned or referenced) gets one documentation-range address.
  const referenced: Resolved[] = [
    ...aws.map((c) => c.customerGateway.address),
    ...azure.flatMap((c) => (c.localNetworkGateway ? [c.localNetworkGateway.address] : [])),
    ...alicloud.flatMap((c) => [...c.tunnels.map((t) => t.customerGateway?.address), c.single?.customerGateway?.address]).filter((a): a is Resolved => !!a),
  ];
  for (const ref of referenced) {
    if (ref.kind === 'endpoint' && !x.endpointLabels.has(ref.endpoint)) x.endpointLabels.set(ref.endpoint, ref.endpoint);
    if (ref.kind === 'literal' && typeof ref.value === 'string') x.endpointLabels.set(`ip:${ref.value}`, `literal address ${ref.value}`);
  }
  const endpoints = assignAddresses(x.endpointLabels);
  return { folders, stacks: stacks.map((s) => `${s.engine}:${s.name}`), manifest, endpoints, aws, azure, azureGateways, alicloud, alicloudGateways, warnings };
}

const POOLS: Record<Cloud | 'outside', number> = {
  aws: (192 << 24) | (0 << 16) | (2 << 8),
  azure: (198 << 24) | (51 << 16) | (100 << 8),
  alicloud: (203 << 24) | (0 << 16) | (113 << 8),
  outside: (203 << 24) | (0 << 16) | (113 << 8),
};

/** Documentation-range addresses: AWS 192.0.2.10+, Azure 198.51.100.10+, Alibaba 203.0.113.10+, outside 203.0.113.200+. */
export function assignAddresses(labels: ReadonlyMap<string, string>): Map<string, Endpoint> {
  const out = new Map<string, Endpoint>();
  const next: Record<string, number> = { aws: 10, azure: 10, alicloud: 10, outside: 200 };
  const order: (Cloud | 'outside')[] = ['aws', 'azure', 'alicloud', 'outside'];
  const keys = [...labels.keys()].sort();
  for (const key of keys) {
    const prefix = key.split(':')[0];
    let cloud = (['aws', 'azure', 'alicloud'].includes(prefix) ? prefix : 'outside') as Cloud | 'outside';
    // An exhausted pool spills into the next one (hundreds of endpoints).
    for (let i = 0; i < order.length && next[cloud] > 254; i++) cloud = order[(order.indexOf(cloud) + 1) % order.length];
    if (next[cloud] > 254) throw new Error('more than 900 endpoints: the documentation ranges are exhausted');
    const host = next[cloud]++;
    out.set(key, { key, cloud: prefix === 'ip' ? 'outside' : cloud, address: formatIpv4((POOLS[cloud] + host) >>> 0), label: labels.get(key)! });
  }
  return out;
}
