/**
 * Three clouds, full mesh, one declaration: AWS ↔ Azure (BGP, all 4 AWS tunnels), Azure ↔ Alibaba
 * Cloud (policy routing, as in the Alibaba guide) and AWS ↔ Alibaba Cloud (BGP, all 4 AWS
 * tunnels). The same topology as `examples/topologies/three-cloud-mesh.yaml`.
 *
 * `twoClouds` builds the AWS ↔ Azure part alone: the examples' tests check that adding the third
 * cloud leaves every existing tunnel's resources byte-identical. `azureAlicloud: 'bgp'` routes the
 * Azure ↔ Alibaba link with BGP instead (the verify benchmark's all-BGP mesh).
 * `existingTransitGateway` links an AWS transit gateway that exists already (created outside this
 * app, with a non-default ASN, e.g. 64700) instead of a new virtual private gateway: its stack
 * holds only a placeholder resource (a stack needs one), and every VPN connection records the
 * gateway's ASN and networks in `Metadata.CrossCloudVpn` (the template holds nothing else about it).
 * With EXAMPLE_VARIANT=existing-tgw the entry file builds that variant. With
 * CCVPN_ALLOCATIONS=<file> it keeps its allocations in that file (`allocationsFile`: read when it
 * exists, written at synth), the record `ccvpn rotate` plans from and `ccvpn deploy --rollout`
 * writes step by step, e.g. a rotation of every key:
 *
 *   ccvpn rotate --allocations mesh.allocations.json --all
 *   ccvpn deploy out/three-cloud-mesh/ccvpn.manifest.json --rollout ccvpn.rollout.json \
 *     --synth "CCVPN_ALLOCATIONS=mesh.allocations.json node -r @swc-node/register examples/three-cloud-mesh.ts"
 *
 * Run: npm run example · npx cdktf synth (top-level cdktf.json) ·
 *      npx cdk synth --app "node -r @swc-node/register examples/three-cloud-mesh.ts"
 */
import { CrossCloudLink, CrossCloudVpn, Routing } from '../src';
import { ExampleApps, main } from './lib/example-apps';
import { AlicloudSite, AwsSite, AzureSite } from './lib/sites';

export interface ThreeCloudMeshOptions {
  readonly twoClouds?: boolean;
  readonly azureAlicloud?: Extract<Routing, 'policy' | 'bgp'>;
  /** An existing AWS transit gateway instead of a new virtual private gateway: its id and the ASN it was created with. */
  readonly existingTransitGateway?: { readonly id: string; readonly asn: number };
  /** The allocations file (`CrossCloudVpnProps.allocationsFile`). */
  readonly allocationsFile?: string;
}

/** The example's existing transit gateway (a placeholder id) and its non-default ASN. */
export const EXISTING_TRANSIT_GATEWAY = { id: 'tgw-0123456789abcdef0', asn: 64700 } as const;

export function threeCloudMesh(apps: ExampleApps, options: ThreeCloudMeshOptions = {}): CrossCloudVpn {
  const existing = options.existingTransitGateway;
  const aws = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: existing?.asn ?? 64512, existingTransitGateway: existing?.id });
  const azure = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 });
  const links: CrossCloudLink[] = [{ between: [aws.gateway, azure.gateway], routing: 'bgp' }];
  if (!options.twoClouds) {
    const alibaba = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 });
    links.push(
      options.azureAlicloud === 'bgp'
        ? { between: [azure.gateway, alibaba.gateway], routing: 'bgp' }
        : { between: [azure.gateway, alibaba.gateway], routing: 'policy', selectors: { 'ali-hangzhou': ['10.0.0.0/16', '100.104.0.0/16'] } },
      { between: [aws.gateway, alibaba.gateway], routing: 'bgp' },
    );
  }
  return new CrossCloudVpn('Mesh', { masterSecret: apps.masterSecret, links, allocationsFile: options.allocationsFile });
}

if (require.main === module) {
  if (process.env.EXAMPLE_VARIANT === 'existing-tgw') {
    main('three-cloud-mesh-existing-tgw', (apps) => threeCloudMesh(apps, { existingTransitGateway: EXISTING_TRANSIT_GATEWAY }));
  } else {
    main('three-cloud-mesh', (apps) => threeCloudMesh(apps, { allocationsFile: process.env.CCVPN_ALLOCATIONS || undefined }));
  }
}
