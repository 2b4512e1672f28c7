/**
 * An AWS virtual private gateway that exists already (created outside this app, attached to its
 * VPC, with a VPN connection of its own to a data centre), linked with BGP to a new Azure
 * gateway and a new Alibaba Cloud gateway. The gateway is imported from what the AWS CLI prints
 * about it: the documented-shape exports in `test/aws/fixtures/cli/existing-vgw/` stand for the
 * output of
 *
 *   aws ec2 describe-vpn-gateways --vpn-gateway-ids vgw-0a1b2c3d4e5f60718 --output json > describe-vpn-gateways.json
 *   aws ec2 describe-vpcs --vpc-ids vpc-0a1b2c3d4e5f60719 --output json > describe-vpcs.json
 *   aws ec2 describe-vpn-connections --filters Name=vpn-gateway-id,Values=vgw-0a1b2c3d4e5f60718 \
 *     --query '{VpnConnections: VpnConnections[].{VpnConnectionId: VpnConnectionId, State: State, VpnGatewayId: VpnGatewayId, Options: {TunnelOptions: Options.TunnelOptions[].{TunnelInsideCidr: TunnelInsideCidr}}}}' \
 *     --output json > describe-vpn-connections.json
 *
 * (the `--query` keeps the tunnels' pre-shared keys out of the file; the parser reads the full
 * output as well, and never its keys). Its ASN (64620), its VPC's
 * CIDR blocks and the inside /30s its existing connection uses come from those files; the AWS
 * stack holds no gateway resource (only a placeholder: a stack needs one), and every VPN
 * connection records the gateway in `Metadata.CrossCloudVpn.Gateway` (`Existing: true`). The
 * VPC's route tables stay as their owner configured them (pass `routeTableIds` to propagate the
 * VPN routes into some).
 *
 * Run: npm run example · npx cdk synth --app "node -r @swc-node/register examples/aws-existing-vgw.ts"
 */
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib/core';
import { CrossCloudVpn } from '../src';
import { AwsVpnGateway, awsVpnGatewayAttributesFromCli } from '../src/aws';
import { ExampleApps, main } from './lib/example-apps';
import { AlicloudSite, AzureSite } from './lib/sites';

/** The folder of the gateway's CLI exports. */
export const EXISTING_VGW_EXPORTS = path.join(__dirname, '..', 'test', 'aws', 'fixtures', 'cli', 'existing-vgw');

export function awsExistingVgw(apps: ExampleApps): CrossCloudVpn {
  const stack = new Stack(apps.cdk, 'AwsOsaka'); // environment-agnostic: synthesizes with no AWS account at hand
  const exported = (name: string) => path.join(EXISTING_VGW_EXPORTS, `${name}.json`);
  const aws = AwsVpnGateway.fromVpnGatewayAttributes(stack, 'VpnGateway', {
    ...awsVpnGatewayAttributesFromCli({
      gateway: exported('describe-vpn-gateways'),
      connections: exported('describe-vpn-connections'),
      vpcs: exported('describe-vpcs'),
    }),
    siteId: 'aws-osaka',
  });
  const azure = new AzureSite(apps.terraform, 'azure-japanwest', {
    siteId: 'azure-japanwest', cidr: '10.40.0.0/16', gatewaySubnet: '10.40.255.0/27', asn: 65000, location: 'japanwest',
  });
  const alibaba = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.50.0.0/16', asn: 65100 });
  return new CrossCloudVpn('ExistingVgw', {
    masterSecret: apps.masterSecret,
    links: [
      { between: [aws, azure.gateway], routing: 'bgp' },
      { between: [aws, alibaba.gateway], routing: 'bgp' },
    ],
  });
}

if (require.main === module) {
  main('aws-existing-vgw', (apps) => awsExistingVgw(apps));
}
