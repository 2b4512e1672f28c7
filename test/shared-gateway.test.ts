/**
 * Two `CrossCloudVpn` declarations may share a gateway, but neither may take on it what the
 * other already took: inside one declaration the planner guarantees it; across declarations the
 * gateway keeps the claims.
 */
import { App } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn } from '../src';
import { AlicloudSite, AwsSite, AzureSite } from '../examples/lib/sites';
import { TEST_SECRET } from './plan/fixtures';

function sites() {
  const cdk = new App();
  const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
  return {
    tokyo: new AwsSite(cdk, 'Tokyo', { siteId: 'aws-tokyo', cidr: '10.1.0.0/16', asn: 64512 }),
    osaka: new AwsSite(cdk, 'Osaka', { siteId: 'aws-osaka', cidr: '10.4.0.0/16', asn: 64513 }),
    azure: new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 }),
    ali: new AlicloudSite(tf, 'ali', { siteId: 'ali', cidr: '10.3.0.0/16', asn: 65100 }),
  };
}

test('two declarations cannot take the same inside /30 on a shared Azure gateway (two local network gateways with one BGP address)', () => {
  const s = sites();
  new CrossCloudVpn('First', { masterSecret: TEST_SECRET, links: [{ between: [s.tokyo.gateway, s.azure.gateway], tunnels: [{ insideCidr: '169.254.21.0/30' }] }] });
  expect(() => new CrossCloudVpn('Second', { masterSecret: TEST_SECRET, links: [{ between: [s.osaka.gateway, s.azure.gateway], tunnels: [{ insideCidr: '169.254.21.0/30' }] }] }))
    .toThrow(/\[Second\] azure\/VpnGateway: inside \/30 169\.254\.21\.0\/30 \(tunnel aws-osaka--azure:1\) is already taken on this gateway by CrossCloudVpn\(First\) \(tunnel aws-tokyo--azure:1\)/);
});

test('two declarations cannot both link the same pair of gateways', () => {
  const s = sites();
  new CrossCloudVpn('First', { masterSecret: TEST_SECRET, links: [{ between: [s.tokyo.gateway, s.azure.gateway] }] });
  expect(() => new CrossCloudVpn('Second', { masterSecret: TEST_SECRET, links: [{ between: [s.tokyo.gateway, s.azure.gateway] }] }))
    .toThrow(/a link to azure is already declared by CrossCloudVpn\(First\); a pair of gateways has one link/);
});

test('declarations that take disjoint values on a shared gateway both plan', () => {
  const s = sites();
  const first = new CrossCloudVpn('First', { masterSecret: TEST_SECRET, links: [{ between: [s.tokyo.gateway, s.azure.gateway], tunnels: [{ insideCidr: '169.254.21.0/30' }, { insideCidr: '169.254.21.4/30' }, { insideCidr: '169.254.21.8/30' }, { insideCidr: '169.254.21.12/30' }] }] });
  const second = new CrossCloudVpn('Second', { masterSecret: TEST_SECRET, links: [{ between: [s.azure.gateway, s.ali.gateway], routing: 'policy' }] });
  expect(first.plan.tunnels.length + second.plan.tunnels.length).toBeGreaterThan(4);
});
