/**
 * Azure ↔ Alibaba Cloud — the guide `seeds/000_9afbef53d134d6d4.txt`: an Alibaba Cloud dual-tunnel
 * VPN gateway (two IPs) and an active-active Azure gateway (two public IPs); on Azure 2 local
 * network gateways + 2 connections, on Alibaba Cloud 2 customer gateways + 1 dual-tunnel IPsec
 * connection (master ↔ Azure instance 0, slave ↔ instance 1).
 *
 * Variants (EXAMPLE_VARIANT, default `policy`):
 * - `policy`: the guide: interest-flow (policy) routing 10.0.0.0/16 ↔ 192.168.0.0/16, with the
 *   optional extra local range 100.104.0.0/16 (DTS) on the Alibaba side; policy routes published
 *   to the VPC. Every IKE/IPsec value is set explicitly (the guide keeps console defaults);
 * - `bgp`: the same gateways with BGP over inside /30s in 169.254.21.0-169.254.22.255.
 *
 * Run: npm run example · CDKTF_OUTDIR=cdktf.out node -r @swc-node/register examples/azure-alicloud.ts
 */
import { CrossCloudVpn } from '../src';
import { ExampleApps, main } from './lib/example-apps';
import { AlicloudSite, AzureSite } from './lib/sites';

export type AzureAlicloudVariant = 'policy' | 'bgp';

export function azureAlicloud(apps: ExampleApps, variant: AzureAlicloudVariant = 'policy'): CrossCloudVpn {
  const azure = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 });
  const alibaba = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 });
  return new CrossCloudVpn('AzureAlicloud', {
    masterSecret: apps.masterSecret,
    links: [variant === 'policy'
      ? { between: [azure.gateway, alibaba.gateway], routing: 'policy', selectors: { 'ali-hangzhou': ['10.0.0.0/16', '100.104.0.0/16'] } }
      : { between: [azure.gateway, alibaba.gateway], routing: 'bgp' }],
  });
}

if (require.main === module) {
  const variant = (process.env.EXAMPLE_VARIANT ?? 'policy') as AzureAlicloudVariant;
  main(variant === 'policy' ? 'azure-alicloud-policy' : 'azure-alicloud-bgp', (apps) => azureAlicloud(apps, variant));
}
