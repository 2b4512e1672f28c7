import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn, MASTER_SECRET_ENV } from '../src';
import { AlicloudSite, AwsSite, AzureSite } from '../examples/lib/sites';
import { TEST_SECRET } from './plan/fixtures';

function sites() {
  const cdk = new App();
  const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
  return {
    aws: new AwsSite(cdk, 'Aws', { siteId: 'aws', cidr: '10.1.0.0/16', asn: 64512 }),
    azure: new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 }),
    ali: new AlicloudSite(tf, 'ali', { siteId: 'ali', cidr: '10.3.0.0/16', asn: 65100 }),
  };
}

describe('CrossCloudVpn', () => {
  test('plans once: each gateway\'s half carries the plan\'s values, and the plan is exposed', () => {
    const s = sites();
    const vpn = new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.azure.gateway] }] });
    expect(vpn.plan.tunnels).toHaveLength(4);
    expect(vpn.plan.gateways.map((g) => [g.site, g.asn])).toEqual([['aws', 64512], ['azure', 65000]]);
    expect(vpn.manifest().phases.map((p) => p.stacks.map((st) => st.name))).toEqual([['Aws', 'azure'], ['AwsLinks2'], ['azure-links-3']]);
  });

  test('fails when two gateways use one site id, naming both construct paths', () => {
    const s = sites();
    const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
    const twin = new AzureSite(tf, 'azure-twin', { siteId: 'azure', cidr: '10.9.0.0/16', gatewaySubnet: '10.9.255.0/27', asn: 65001 });
    expect(() => new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.azure.gateway] }, { between: [s.aws.gateway, twin.gateway] }] }))
      .toThrow(/\[Mesh\]: gateways azure\/VpnGateway and azure-twin\/VpnGateway both use site id 'azure'/);
  });

  test('fails with the planner\'s problems prefixed by the construct id and mapped to construct paths', () => {
    const s = sites();
    expect(() => new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.ali.gateway], tunnels: [{ insideCidr: '169.254.5.0/30' }] }] }))
      .toThrow(/\[Mesh\] links\[0\]\.tunnels\[0\]\.insideCidr: '169\.254\.5\.0\/30' is reserved by AWS[\s\S]*sites\[0\] is Aws\/VpnGateway, sites\[1\] is ali\/VpnGateway/);
  });

  test('fails without a master secret, saying how to give one', () => {
    const saved = process.env[MASTER_SECRET_ENV];
    delete process.env[MASTER_SECRET_ENV];
    try {
      const s = sites();
      expect(() => new CrossCloudVpn('Mesh', { links: [{ between: [s.aws.gateway, s.azure.gateway] }] })).toThrow(/set the CCVPN_MASTER_SECRET environment variable/);
    } finally {
      if (saved !== undefined) process.env[MASTER_SECRET_ENV] = saved;
    }
  });
});
