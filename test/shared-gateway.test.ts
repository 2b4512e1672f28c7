/**
 * Two `CrossCloudVpn` declarations may share a gateway, but neither may take on it what the
 * other already took: inside one declaration the planner guarantees it; across declarations the
 * gateway keeps the claims.
 */
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn, IVpnGateway, SiteInUse } from '../src';
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

/** The same gateway, as an import of an existing one would declare it: its site with `inUse`. */
function withInUse(gateway: IVpnGateway, inUse: SiteInUse): IVpnGateway {
  return Object.create(gateway, { site: { value: { ...gateway.site, inUse }, enumerable: true }, path: { value: gateway.path, enumerable: true } }) as IVpnGateway;
}

describe('connections an existing gateway already has count once over every declaration that uses it', () => {
  // GIVEN an AWS virtual private gateway (10 VPN connections) with some in use, linked to Azure by one
  // declaration and to Alibaba Cloud by another (2 VPN connections each)
  test.each<[number, RegExp | undefined]>([
    [6, undefined], // 2 + 2 + 6 = 10: counted once, it fits (counted per declaration it would be 16)
    [7, /\[Second\] Tokyo\/VpnGateway: 11 connections over every declaration using this gateway \(First: 2, Second: 2, in use outside them: 7\); allowed: at most 10/],
  ])('with %d in use', (inUse, message) => {
    const s = sites();
    const tokyo = withInUse(s.tokyo.gateway, { connections: inUse });
    // WHEN both declarations plan
    const first = new CrossCloudVpn('First', { masterSecret: TEST_SECRET, links: [{ between: [tokyo, s.azure.gateway] }] });
    expect(first.plan.gateways.find((g) => g.site === 'aws-tokyo')).toMatchObject({ connectionCount: 2, connectionsInUse: inUse });
    const second = () => new CrossCloudVpn('Second', { masterSecret: TEST_SECRET, links: [{ between: [tokyo, s.ali.gateway] }] });
    // THEN the second fits only while the connections in use, counted once, leave room
    if (message) expect(second).toThrow(message);
    else expect(second().plan.gateways.find((g) => g.site === 'aws-tokyo')).toMatchObject({ connectionCount: 2, connectionsInUse: inUse });
  });
});
