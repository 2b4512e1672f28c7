/**
 * Reading an existing Azure gateway from the Azure CLI's JSON (`azureGatewayAttributesFromCli`):
 * the documented-shape fixtures of `fixtures/cli-export/` (see its README for the pages), the
 * CLI's flattened form and the REST form, what counts as in use, and one clear problem (file,
 * JSON path, value, what is allowed) per missing or malformed field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isValidationError } from '../../src/common/errors';
import { azureGatewayAttributesFromCli, azureGatewayAttributesFromJson } from '../../src/azure';
import type { AzureCliExportFiles } from '../../src/azure';

const DIR = path.join(__dirname, 'fixtures', 'cli-export');
const at = (f: string) => path.join(DIR, f);
const FILES: AzureCliExportFiles = { siteId: 'azure-prod', gateway: at('gateway.json'), connections: at('connections.json'), virtualNetwork: at('vnet.json') };
const GATEWAY_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vpngw-prod';

/** The issues of the ValidationError `read` throws. */
function issuesOf(read: () => unknown): { path: string; code: string; message: string }[] {
  try {
    read();
  } catch (e) {
    if (!isValidationError(e)) throw e;
    return [...e.issues];
  }
  throw new Error('no error thrown');
}

describe('azureGatewayAttributesFromCli: documented shapes', () => {
  test('the CLI output of an active-active gateway: every attribute, instance0 first', () => {
    // WHEN
    const attrs = azureGatewayAttributesFromCli(FILES);
    // THEN
    expect(attrs).toEqual({
      siteId: 'azure-prod',
      virtualNetworkGatewayId: GATEWAY_ID,
      location: 'japaneast',
      sku: 'VpnGw2AZ',
      activeActive: true,
      publicIpAddresses: ['52.161.10.135', '52.161.10.136'],
      instance0ApipaAddresses: ['169.254.21.1', '169.254.21.114', '169.254.22.10', '169.254.21.110'],
      instance1ApipaAddresses: ['169.254.22.1', '169.254.22.86', '169.254.22.142', '169.254.21.186'],
      defaultBgpPeeringAddresses: ['10.50.255.4', '10.50.255.5'],
      ipConfigurationNames: ['default', 'activeActive'],
      asn: 65010,
      cidrs: ['10.50.0.0/16'],
      // two other connections on an active-active gateway: 4 S2S tunnels; conn-hq's custom BGP addresses
      inUse: { connections: 4, insideAddresses: ['169.254.21.1', '169.254.22.1'] },
    });
  });

  test('the REST form (properties not flattened) of the reference example: active-standby, a non-AZ SKU', () => {
    const attrs = azureGatewayAttributesFromCli({ siteId: 'legacy', gateway: at('gateway-rest.json'), connections: at('connections-none.json'), cidrs: ['10.0.0.0/16'] });
    expect(attrs).toMatchObject({ sku: 'VpnGw1', activeActive: false, asn: 65514, publicIpAddresses: ['52.161.10.135'], instance0ApipaAddresses: ['169.254.21.10'], ipConfigurationNames: ['gwipconfig1'] });
    expect(attrs).not.toHaveProperty('instance1ApipaAddresses');
  });

  test('without tunnelIpAddresses the public IPs come from az network public-ip show, matched by id', () => {
    const attrs = azureGatewayAttributesFromCli({ ...FILES, gateway: at('gateway-no-tunnel-ips.json'), publicIps: [at('pip1.json'), at('pip0.json')] });
    expect(attrs.publicIpAddresses).toEqual(['52.161.10.135', '52.161.10.136']);
  });

  test('after deployment: the app\'s own connections (tag ccvpn-site) and an ExpressRoute connection are not in use', () => {
    // GIVEN the list with the app's connection for this site and an ExpressRoute connection added
    const attrs = azureGatewayAttributesFromCli({ ...FILES, connections: at('connections-after-deploy.json') });
    // THEN the same as before: the plan does not move after a deployment
    expect(attrs.inUse).toEqual({ connections: 4, insideAddresses: ['169.254.21.1', '169.254.22.1'] });
    // a different site id counts that connection (it belongs to another deployment)
    expect(azureGatewayAttributesFromCli({ ...FILES, siteId: 'other', connections: at('connections-after-deploy.json') }).inUse)
      .toEqual({ connections: 6, insideAddresses: ['169.254.21.1', '169.254.21.114', '169.254.22.1', '169.254.22.86'] });
  });
});

describe('azureGatewayAttributesFromCli: one problem per missing or malformed field', () => {
  test.each([
    ['a malformed gateway', { gateway: at('bad/gateway-malformed.json') }, [
      ['gateway-malformed.json: vpnType', 'vpn-type-unsupported', /'\\?"PolicyBased\\?"'; allowed: RouteBased/],
      ['gateway-malformed.json: sku.name', 'cli-export-missing', /missing; allowed: the SKU name/],
      ['gateway-malformed.json: bgpSettings.asn', 'cli-export-missing', /missing; allowed: the gateway's ASN/],
      ['gateway-malformed.json: bgpSettings.bgpPeeringAddresses[1].customBgpIpAddresses', 'cli-export-invalid', /169\.254\.22\.1.*allowed: a list of APIPA addresses/],
    ]],
    ['two ip configurations on an active-standby gateway', { gateway: at('bad/gateway-instances-mismatch.json') }, [
      ['gateway-instances-mismatch.json: ipConfigurations', 'instances-mismatch', /has 2 ip configurations with activeActive false; allowed: 1/],
    ]],
    ['the REST list envelope instead of the CLI list', { connections: at('bad/connections-rest-envelope.json') }, [
      ['connections-rest-envelope.json: (top level)', 'cli-export-invalid', /is not a JSON list; allowed: the output of az network vpn-connection list/],
    ]],
    ['a connection of another gateway', { connections: at('bad/connections-other-gateway.json') }, [
      ['connections-other-gateway.json: [0].virtualNetworkGateway1.id', 'connection-elsewhere', /other-gw.*is not this gateway/],
    ]],
    ['the virtual network of another subnet', { virtualNetwork: at('bad/vnet-other.json') }, [
      ['vnet-other.json: id', 'vnet-mismatch', /vnet-other' is not the virtual network of the gateway's subnet/],
    ]],
    ['no tunnel IPs and no public IP output', { gateway: at('gateway-no-tunnel-ips.json') }, [
      ['gateway-no-tunnel-ips.json: bgpSettings.bgpPeeringAddresses[0].tunnelIpAddresses', 'public-ip-missing', /az network public-ip show --ids \/subscriptions\/.*vpngw-prod-pip0 --output json/],
      ['gateway-no-tunnel-ips.json: bgpSettings.bgpPeeringAddresses[1].tunnelIpAddresses', 'public-ip-missing', /vpngw-prod-pip1/],
    ]],
    ['a truncated file', { gateway: at('bad/truncated.json') }, [['truncated.json', 'cli-export-invalid', /is not JSON/]]],
    ['a missing file', { connections: at('bad/none.json') }, [['none.json', 'cli-export-unreadable', /cannot be read \(ENOENT\)/]]],
  ] as const)('%s', (_, change, expected) => {
    // WHEN
    const issues = issuesOf(() => azureGatewayAttributesFromCli({ ...FILES, ...change }));
    // THEN exactly these problems, each naming the file and JSON path
    expect(issues.map((i) => [path.basename(i.path.split(': ')[0]) + (i.path.includes(': ') ? `: ${i.path.split(': ').slice(1).join(': ')}` : ''), i.code]))
      .toEqual(expected.map(([p, code]) => [p, code]));
    issues.forEach((i, n) => expect(i.message).toMatch(expected[n][2]));
  });

  test('nothing says which networks are behind it: virtualNetwork or cidrs is required', () => {
    const issues = issuesOf(() => azureGatewayAttributesFromCli({ ...FILES, virtualNetwork: undefined }));
    expect(issues).toEqual([expect.objectContaining({ code: 'cidrs-missing', message: expect.stringContaining('az network vnet show') })]);
  });

  test('cidrs that differ from the virtual network\'s prefixes are refused', () => {
    const issues = issuesOf(() => azureGatewayAttributesFromCli({ ...FILES, cidrs: ['10.60.0.0/16'] }));
    expect(issues).toEqual([expect.objectContaining({ code: 'cidrs-mismatch', path: expect.stringContaining('vnet.json: addressSpace.addressPrefixes') })]);
  });

  test('a gateway with BGP off: the message names the az command that turns it on', () => {
    const gateway = { file: 'g.json', json: { ...JSON.parse(fs.readFileSync(at('gateway.json'), 'utf8')), enableBgp: false } };
    const issues = issuesOf(() => azureGatewayAttributesFromJson({ siteId: 's', gateway, connections: { file: 'c.json', json: [] }, cidrs: ['10.50.0.0/16'] }));
    expect(issues).toEqual([expect.objectContaining({ path: '[azureGatewayAttributesFromCli] g.json: enableBgp', code: 'bgp-off', message: expect.stringContaining('az network vnet-gateway update --resource-group rg-net --name vpngw-prod --enable-bgp true') })]);
  });

  test('not a gateway at all (a public IP\'s output given as the gateway)', () => {
    const issues = issuesOf(() => azureGatewayAttributesFromCli({ ...FILES, gateway: at('pip0.json') }));
    expect(issues[0]).toMatchObject({ path: expect.stringContaining('pip0.json: type'), message: expect.stringContaining('allowed: Microsoft.Network/virtualNetworkGateways') });
  });
});
