/**
 * `examples/three-cloud-mesh.ts` on the naive sites of `./sites.ts`: the same stacks and the same
 * `CrossCloudVpn`, for the benchmark's comparison.
 */
import { CrossCloudVpn } from '../../src';
import type { ExampleApps } from '../../examples/lib/example-apps';
import { NaiveAlicloudSite, NaiveAwsSite, NaiveAzureSite } from './sites';

export function naiveThreeCloudMesh(apps: ExampleApps): CrossCloudVpn {
  const aws = new NaiveAwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: 64512 });
  const azure = new NaiveAzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 });
  const alibaba = new NaiveAlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 });
  return new CrossCloudVpn('Mesh', {
    masterSecret: apps.masterSecret,
    links: [
      { between: [aws.gateway, azure.gateway], routing: 'bgp' },
      { between: [azure.gateway, alibaba.gateway], routing: 'policy', selectors: { 'ali-hangzhou': ['10.0.0.0/16', '100.104.0.0/16'] } },
      { between: [aws.gateway, alibaba.gateway], routing: 'bgp' },
    ],
  });
}
