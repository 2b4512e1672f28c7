/** Every example scenario, as `npm run example` and the tests build them. */
import { CrossCloudVpn } from '../src';
import { alicloudExistingGateway } from './alicloud-existing-gateway';
import { awsAzureBgp } from './aws-azure-bgp';
import { awsAzureStatic } from './aws-azure-static';
import { awsExistingVgw } from './aws-existing-vgw';
import { azureAlicloud } from './azure-alicloud';
import { azureExistingGateway } from './azure-existing-gateway';
import { ExampleApps } from './lib/example-apps';
import { EXISTING_TRANSIT_GATEWAY, threeCloudMesh } from './three-cloud-mesh';

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
  { name: 'aws-azure-static', source: 'static routing on a virtual private gateway', define: (a) => awsAzureStatic(a, 'vgw') },
  { name: 'aws-azure-static-tgw', source: 'static routing on a new transit gateway', define: (a) => awsAzureStatic(a, 'tgw') },
  { name: 'aws-existing-vgw', source: 'an existing virtual private gateway (imported from AWS CLI exports) with Azure and Alibaba Cloud', define: (a) => awsExistingVgw(a) },
  { name: 'three-cloud-mesh-existing-tgw', source: 'all three clouds, an existing transit gateway with ASN 64700', define: (a) => threeCloudMesh(a, { existingTransitGateway: EXISTING_TRANSIT_GATEWAY }) },
  { name: 'azure-existing-gateway', source: 'an existing Azure gateway (from its CLI export) with AWS and Alibaba Cloud', define: (a) => azureExistingGateway(a) },
  { name: 'alicloud-existing-gateway', source: 'an existing Alibaba Cloud gateway (from its CLI export) linked to AWS and Azure', define: (a) => alicloudExistingGateway(a) },
];
