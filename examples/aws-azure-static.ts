/**
 * AWS ↔ Azure with static routing: no BGP; each side routes the other's network by
 * configuration (AWS static routes, Azure local network gateways' address spaces).
 *
 * Variants (EXAMPLE_VARIANT, default `vgw`):
 * - `vgw`: a virtual private gateway: one `AWS::EC2::VPNConnectionRoute` per remote prefix and
 *   connection (StaticRoutesOnly), propagated into the VPC's route tables;
 * - `tgw`: a new transit gateway with its default route table: one `AWS::EC2::TransitGatewayRoute`
 *   per remote prefix to the VPN attachment of the first connection, in the route table the
 *   attachment was associated with (both read by the stack's `Custom::VpnTunnelOutsideIps`
 *   lookup); a transit gateway route table holds one static route per prefix, so the second
 *   connection carries no traffic toward Azure (BGP spreads it over every tunnel: see
 *   `aws-azure-bgp-tgw`).
 *
 * Run: npm run example · EXAMPLE_VARIANT=tgw npx cdk synth --app "node -r @swc-node/register examples/aws-azure-static.ts"
 */
import { CrossCloudVpn } from '../src';
import { ExampleApps, main } from './lib/example-apps';
import { AwsSite, AzureSite } from './lib/sites';

export type AwsAzureStaticVariant = 'vgw' | 'tgw';

export function awsAzureStatic(apps: ExampleApps, variant: AwsAzureStaticVariant = 'vgw'): CrossCloudVpn {
  const aws = new AwsSite(apps.cdk, 'AwsOsaka', { siteId: 'aws-osaka', cidr: '10.30.0.0/16', asn: 64512, transitGateway: variant === 'tgw' });
  const azure = new AzureSite(apps.terraform, 'azure-japanwest', {
    siteId: 'azure-japanwest', cidr: '10.40.0.0/16', gatewaySubnet: '10.40.255.0/27', asn: 65000, location: 'japanwest',
  });
  return new CrossCloudVpn('AwsAzureStatic', {
    masterSecret: apps.masterSecret,
    links: [{ between: [aws.gateway, azure.gateway], routing: 'static' }],
  });
}

if (require.main === module) {
  const variant = (process.env.EXAMPLE_VARIANT ?? 'vgw') as AwsAzureStaticVariant;
  main(variant === 'vgw' ? 'aws-azure-static' : 'aws-azure-static-tgw', (apps) => awsAzureStatic(apps, variant));
}
