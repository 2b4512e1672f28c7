/** Every example scenario, as `npm run example` and the tests build them. */
import { CrossCloudVpn } from '../src';
import { awsAzureBgp } from './aws-azure-bgp';
import { azureAlicloud } from './azure-alicloud';
import { ExampleApps } from './lib/example-apps';
import { threeCloudMesh } from './three-cloud-mesh';

export interface Example {
  readonly name: string;
  readonly source: string;
  readonly define: (apps: ExampleApps) => CrossCloudVpn;
}

export const EXAMPLES: readonly Example[] = [
  { name: 'aws-azure-bgp', source: 'seeds/003 (all 4 tunnels)', define: (a) => awsAzureBgp(a, 'all') },
  { name: 'aws-azure-bgp-guide', source: 'seeds/003 (the guide\'s 2 connections)', define: (a) => awsAzureBgp(a, 'guide') },
  { name: 'aws-azure-bgp-tgw', source: 'seeds/003 on a transit gateway with ECMP', define: (a) => awsAzureBgp(a, 'tgw') },
  { name: 'aws-azure-bgp-tgw-guide', source: 'seeds/003, guide layout, transit gateway', define: (a) => awsAzureBgp(a, 'tgw-guide') },
  { name: 'azure-alicloud-policy', source: 'seeds/000 (policy routing)', define: (a) => azureAlicloud(a, 'policy') },
  { name: 'azure-alicloud-bgp', source: 'seeds/000, BGP variant', define: (a) => azureAlicloud(a, 'bgp') },
  { name: 'three-cloud-mesh', source: 'all three clouds', define: (a) => threeCloudMesh(a) },
];
