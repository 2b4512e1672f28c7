/**
 * An existing Azure VPN gateway linked into a mesh with AWS and Alibaba Cloud: the gateway
 * `vpngw-prod` (active-active, VpnGw2AZ, ASN 65010, VNet 10.50.0.0/16) was created outside this
 * app and already serves two other connections. The app reads it from the Azure CLI's JSON
 * (`test/azure/fixtures/cli-export/`: documented-shape outputs, not recordings) and adds only
 * local network gateways and connections that reference it by id; its stack holds nothing else.
 *
 *   az network vnet-gateway show --resource-group rg-net --name vpngw-prod --output json > gateway.json
 *   az network vpn-connection list --resource-group rg-net --vnet-gateway vpngw-prod --output json > connections.json
 *   az network vnet show --resource-group rg-net --name vnet-prod --output json > vnet.json
 *
 * The APIPA BGP addresses the plan gives the gateway's instances were added to it beforehand
 * with the `az network vnet-gateway update` command the first synth printed (the app never
 * changes a gateway it does not own); the other connections' addresses and tunnels are in use.
 *
 * Run: npm run example · EXAMPLE=azure-existing-gateway node -r @swc-node/register examples/azure-existing-gateway.ts
 */
import * as path from 'node:path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { CrossCloudVpn } from '../src';
import { AzureVpnGateway, azureGatewayAttributesFromCli } from '../src/azure';
import { ExampleApps, main } from './lib/example-apps';
import { AlicloudSite, AwsSite } from './lib/sites';

/** Where the example's CLI outputs are. */
export const AZURE_EXPORT_DIR = path.join(__dirname, '..', 'test', 'azure', 'fixtures', 'cli-export');

export function azureExistingGateway(apps: ExampleApps): CrossCloudVpn {
  const stack = new TerraformStack(apps.terraform, 'azure-prod');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(stack, 'VpnGateway', azureGatewayAttributesFromCli({
    siteId: 'azure-prod',
    gateway: path.join(AZURE_EXPORT_DIR, 'gateway.json'),
    connections: path.join(AZURE_EXPORT_DIR, 'connections.json'),
    virtualNetwork: path.join(AZURE_EXPORT_DIR, 'vnet.json'),
  }));
  const aws = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: 64512 });
  const alibaba = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 });
  return new CrossCloudVpn('ExistingAzure', {
    masterSecret: apps.masterSecret,
    links: [
      { between: [aws.gateway, azure], routing: 'bgp' },
      { between: [azure, alibaba.gateway], routing: 'bgp' },
    ],
  });
}

if (require.main === module) main('azure-existing-gateway', azureExistingGateway);
