/**
 * AWS ↔ Azure with BGP over an active-active Azure gateway — the guide
 * `seeds/003_3e206d8da2259685.txt` (AWS Site-to-Site VPN ↔ Azure VPN Gateway, APIPA, BGP).
 *
 * Variants (EXAMPLE_VARIANT, default `all`):
 * - `all`: the default layout, all 4 AWS tunnels up: 2 customer gateways + 2 VPN connections on
 *   AWS, 4 local network gateways + 4 connections on Azure;
 * - `guide`: the guide's own 2-connection layout with its values: inside 169.254.21.0/30 and
 *   169.254.22.0/30 (AWS .1, Azure .2), IKEv2, AES256 / SHA256 / DH 14, PFS 14, phase 2 lifetime
 *   3600 s, Azure ASN 65000, AWS ASN 64512; tunnel 2 of each AWS connection stays idle;
 * - `tgw` and `tgw-guide`: the same on a transit gateway with VPN ECMP (traffic over every tunnel).
 *
 * Run: npm run example · npx cdk synth --app "node -r @swc-node/register examples/aws-azure-bgp.ts"
 */
import { CrossCloudVpn } from '../src';
import { ExampleApps, main } from './lib/example-apps';
import { AwsSite, AzureSite } from './lib/sites';

export type AwsAzureVariant = 'all' | 'guide' | 'tgw' | 'tgw-guide';

export function awsAzureBgp(apps: ExampleApps, variant: AwsAzureVariant = 'all'): CrossCloudVpn {
  const aws = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '10.10.0.0/16', asn: 64512, transitGateway: variant.startsWith('tgw') });
  const azure = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '10.20.0.0/16', gatewaySubnet: '10.20.255.0/27', asn: 65000 });
  const guide = variant.endsWith('guide');
  return new CrossCloudVpn('AwsAzure', {
    masterSecret: apps.masterSecret,
    links: [{
      between: [aws.gateway, azure.gateway],
      routing: 'bgp',
      layout: guide ? 'minimal' : 'all',
      ...(guide ? {
        tunnels: [{ insideCidr: '169.254.21.0/30' }, { insideCidr: '169.254.22.0/30' }],
        proposal: {
          ikeVersion: 'ikev2',
          phase1: { encryption: 'aes256', integrity: 'sha256', dhGroup: 14 },
          phase2: { encryption: 'aes256', integrity: 'sha256', pfsGroup: 14, lifetimeSeconds: 3600 },
        },
      } : {}),
    }],
  });
}

if (require.main === module) {
  const variant = (process.env.EXAMPLE_VARIANT ?? 'all') as AwsAzureVariant;
  main(variant === 'all' ? 'aws-azure-bgp' : `aws-azure-bgp-${variant}`, (apps) => awsAzureBgp(apps, variant));
}
