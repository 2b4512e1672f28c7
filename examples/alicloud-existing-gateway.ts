/**
 * An existing Alibaba Cloud VPN gateway linked into a mesh: the dual-tunnel gateway of
 * `test/alicloud/fixtures/cli/` (created outside this app, already carrying two IPsec connections
 * to on-premises sites, one of them BGP over 169.254.10.0/30 and 169.254.10.4/30), read from the
 * Alibaba Cloud CLI's output and imported with `AlicloudVpnGateway.fromVpnGatewayAttributes`,
 * linked to a new AWS virtual private gateway (BGP, all 4 AWS tunnels) and a new Azure
 * active-active gateway (policy routing, as in the Alibaba guide).
 *
 * The CLI output the example reads (documented-shape fixtures, see their README):
 *
 *   aliyun vpc DescribeVpnGateway --RegionId cn-hangzhou --VpnGatewayId vpn-bp1r3v1xqkl0w519gexst > describe-vpn-gateway.json
 *   aliyun vpc DescribeVpnConnections --RegionId cn-hangzhou --VpnGatewayId vpn-bp1r3v1xqkl0w519gexst --PageSize 50 > describe-vpn-connections.json
 *   aliyun vpc DescribeVpcs --RegionId cn-hangzhou --VpcId vpc-bp19m2yx1m5q0avyqexst > describe-vpcs.json
 *
 * The gateway's stack holds no gateway resource (only the provider and the gateway's endpoint
 * outputs); the IPsec connections built on it are bound to its id, take tunnel CIDRs clear of the
 * two in use, count against its limit after its two connections, use its Alibaba-side ASN 65110,
 * and record the gateway in their `//.crossCloudVpn` comment key for `ccvpn verify`.
 *
 * Run: npm run example · node -r @swc-node/register examples/alicloud-existing-gateway.ts
 */
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { CrossCloudVpn } from '../src';
import { AlicloudVpnGateway, alicloudGatewayAttributesFromCli, provider } from '../src/alicloud';
import { ExampleApps, main } from './lib/example-apps';
import { AwsSite, AzureSite } from './lib/sites';

/** The folder of the CLI output the example imports the gateway from. */
export const ALICLOUD_EXPORT_DIR = path.join(__dirname, '..', 'test', 'alicloud', 'fixtures', 'cli');

export function alicloudExistingGateway(apps: ExampleApps): CrossCloudVpn {
  const aws = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: 64512 });
  const azure = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 });

  const attributes = alicloudGatewayAttributesFromCli({
    vpnGateway: path.join(ALICLOUD_EXPORT_DIR, 'describe-vpn-gateway.json'),
    vpnConnections: path.join(ALICLOUD_EXPORT_DIR, 'describe-vpn-connections.json'),
    vpcs: path.join(ALICLOUD_EXPORT_DIR, 'describe-vpcs.json'),
  });
  const stack = new TerraformStack(apps.terraform, 'ali-hangzhou-existing');
  new provider.AlicloudProvider(stack, 'alicloud', { region: attributes.region ?? 'cn-hangzhou' });
  const alibaba = AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'VpnGateway', { ...attributes, siteId: 'ali-hangzhou' });

  return new CrossCloudVpn('ExistingAlicloud', {
    masterSecret: apps.masterSecret,
    links: [
      { between: [aws.gateway, alibaba], routing: 'bgp' },
      { between: [azure.gateway, alibaba], routing: 'policy' },
    ],
  });
}

if (require.main === module) main('alicloud-existing-gateway', alicloudExistingGateway);
