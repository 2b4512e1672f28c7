/**
 * `AzureVpnGateway.fromVirtualNetworkGatewayAttributes`: an existing Azure gateway as a site of
 * the topology, validated with one clear error per bad attribute; linked by `CrossCloudVpn`, its
 * connections reference the gateway by id and record what was declared under
 * `"//".crossCloudVpn.gateway`; the APIPA addresses the plan gives its instances must be ones it
 * has (the app never changes a gateway it does not own).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { CrossCloudVpn } from '../../src/cross-cloud-vpn';
import { AZURE_MANAGED_TAG, AzureGatewayInstance, AzureVpnGateway, AzureVpnGatewayAttributes } from '../../src/azure';
import { isValidationError } from '../../src/common/errors';
import type { IVpnGateway } from '../../src/contract';
import { planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';
import { resourcesOf, testStack } from './util';

const ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vpngw-prod';
const ATTRS: AzureVpnGatewayAttributes = {
  siteId: 'azure-prod',
  virtualNetworkGatewayId: ID,
  location: 'japaneast',
  sku: 'VpnGw2AZ',
  activeActive: true,
  publicIpAddresses: ['52.161.10.135', '52.161.10.136'],
  instance0ApipaAddresses: ['169.254.21.1'],
  instance1ApipaAddresses: ['169.254.22.1'],
  ipConfigurationNames: ['default', 'activeActive'],
  asn: 65010,
  cidrs: ['10.50.0.0/16'],
  inUse: { connections: 4, insideAddresses: ['169.254.21.1', '169.254.22.1'] },
};
const AWS_SITE = { id: 'aws-tokyo', cloud: 'aws' as const, cidrs: ['10.10.0.0/16'] };

/** An AWS gateway of another app (engine `cdk`): asks for the Azure IPs as the AWS half does. */
function fakeAwsGateway(): IVpnGateway {
  return {
    site: AWS_SITE,
    path: 'AwsApp/AwsStack/Gw',
    endpointsKnown: 'link',
    deployment: {
      engine: 'cdk',
      app: {},
      stackName: 'AwsStack',
      linkStack: (phase) => ({ stackName: `AwsStack-links-${phase}`, phase, scope: undefined, importValue: (name) => ({ name, value: `{param ${name}}` }) }),
      exportEndpoint: (endpoint) => ({ stack: 'AwsStack-links-2', output: `Out${endpoint.replace(/[^A-Za-z0-9]/g, '')}` }),
    },
    endpointAddress: (endpoint) => `{aws ${endpoint}}`,
    realiseLink: (r) => {
      if (r.resources.cloud === 'aws') for (const cgw of r.resources.customerGateways) r.remoteAddress(cgw.remote.endpoint);
    },
  };
}

/** The APIPA addresses the plan gives the existing gateway's instances on a BGP link with AWS. */
function plannedApipa(attrs: AzureVpnGatewayAttributes = ATTRS): Record<string, readonly string[]> {
  const existing = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack('Probe'), 'Existing', attrs);
  const plan = planVpn({ sites: [AWS_SITE, existing.site], links: [{ between: ['aws-tokyo', 'azure-prod'] }] }, { masterSecret: TEST_SECRET, deployment: 'Vpn' });
  return { ...plan.gateways.find((g) => g.site === 'azure-prod')!.apipaAddresses! };
}

/** The attributes with the plan's APIPA addresses added to the gateway (as the user does with the printed command). */
function withPlannedApipa(attrs: AzureVpnGatewayAttributes = ATTRS): AzureVpnGatewayAttributes {
  const planned = plannedApipa(attrs);
  return {
    ...attrs,
    instance0ApipaAddresses: [...(attrs.instance0ApipaAddresses ?? []), ...planned.instance0],
    instance1ApipaAddresses: [...(attrs.instance1ApipaAddresses ?? []), ...planned.instance1],
  };
}

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isValidationError(e)) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('fromVirtualNetworkGatewayAttributes: the gateway as a site', () => {
  test('a site with the declared kind, ASN, SKU, networks and what is in use; endpoints are the literal public IPs', () => {
    // WHEN
    const gw = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack(), 'Existing', { ...ATTRS, maxConnections: 60 });
    // THEN
    expect(gw.site).toEqual({
      id: 'azure-prod', cloud: 'azure', gateway: 'active-active', cidrs: ['10.50.0.0/16'], asn: 65010, sku: 'VpnGw2AZ', region: 'japaneast',
      maxConnections: 60, inUse: ATTRS.inUse,
    });
    expect(gw.endpointsKnown).toBe('gateway');
    expect([gw.endpointAddress('instance0'), gw.endpointAddress('instance1')]).toEqual(['52.161.10.135', '52.161.10.136']);
    expect(gw.resourceGroupName).toBe('rg-net');
    expect(gw.virtualNetworkGatewayName).toBe('vpngw-prod');
    expect(gw.apipaAddressesOf(AzureGatewayInstance.INSTANCE_1)).toEqual(['169.254.22.1']);
    expect(gw.existing).toBe(true);
    expect(errorOf(() => gw.endpointAddress('instance2')).code).toBe('endpoint-unknown');
  });

  test('an active-standby gateway: one instance, kind active-standby', () => {
    const gw = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack(), 'Existing', {
      ...ATTRS, activeActive: false, publicIpAddresses: ['52.161.10.135'], instance1ApipaAddresses: undefined, ipConfigurationNames: ['default'],
    });
    expect(gw.site.gateway).toBe('active-standby');
    expect(errorOf(() => gw.endpointAddress('instance1')).code).toBe('endpoint-unknown');
  });

  test('nothing is created in the stack: no gateway, public IP or subnet', () => {
    const stack = testStack();
    AzureVpnGateway.fromVirtualNetworkGatewayAttributes(stack, 'Existing', ATTRS);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test.each<[string, Partial<AzureVpnGatewayAttributes>, string, string, RegExp]>([
    ['an id that is not a gateway\'s ARM id', { virtualNetworkGatewayId: 'vpngw-prod' }, 'virtualNetworkGatewayId', 'gateway-id-invalid', /'vpngw-prod' is not a virtual network gateway's resource id; allowed: the ARM id/],
    ['an id with segment names in another case (the provider parses them case-sensitively)', { virtualNetworkGatewayId: ID.replace('resourceGroups', 'resourcegroups') }, 'virtualNetworkGatewayId', 'gateway-id-invalid', /is not a virtual network gateway's resource id/],
    ['an id of another resource type', { virtualNetworkGatewayId: ID.replace('virtualNetworkGateways', 'localNetworkGateways') }, 'virtualNetworkGatewayId', 'gateway-id-invalid', /Microsoft\.Network\/virtualNetworkGateways\/<name>/],
    ['a resource group other than the id\'s', { resourceGroupName: 'rg-other' }, 'resourceGroupName', 'resource-group-mismatch', /'rg-other' is not the gateway's resource group 'rg-net'/],
    ['the Basic SKU', { sku: 'Basic' }, 'sku', 'sku-unknown', /'Basic' is not a VPN gateway SKU that takes BGP.*allowed: VpnGw1, /],
    ['an unknown SKU', { sku: 'VpnGw9AZ' }, 'sku', 'sku-unknown', /'VpnGw9AZ'/],
    ['one public IP on an active-active gateway', { publicIpAddresses: ['52.161.10.135'] }, 'publicIpAddresses', 'public-ips-mismatch', /has 1 address but the gateway is active-active \(two instances\); allowed: exactly 2/],
    ['a private address as a public IP', { publicIpAddresses: ['52.161.10.135', '10.50.255.4'] }, 'publicIpAddresses[1]', 'public-ip-invalid', /'10\.50\.255\.4' is in 10\.0\.0\.0\/8, never an Azure public IP/],
    ['a public IP that is no address', { publicIpAddresses: ['52.161.10.135', 'pip1'] }, 'publicIpAddresses[1]', 'public-ip-invalid', /'pip1' is not a dotted-quad IPv4 address/],
    ['both instances at one IP', { publicIpAddresses: ['52.161.10.135', '52.161.10.135'] }, 'publicIpAddresses', 'public-ip-duplicate', /names one address twice/],
    ['an APIPA address outside Azure\'s range', { instance0ApipaAddresses: ['169.254.20.1'] }, 'instance0ApipaAddresses[0]', 'apipa-out-of-range', /'169\.254\.20\.1' is outside Azure's APIPA range; allowed: an address in 169\.254\.21\.0-169\.254\.22\.255/],
    ['one APIPA address on both instances', { instance1ApipaAddresses: ['169.254.21.1'] }, 'instance1ApipaAddresses[0]', 'apipa-duplicate', /'169\.254\.21\.1' is also at instance0ApipaAddresses\[0\]/],
    ['instance1 addresses on an active-standby gateway', { activeActive: false, publicIpAddresses: ['52.161.10.135'], ipConfigurationNames: undefined }, 'instance1ApipaAddresses', 'instance-unknown', /active-standby/],
    ['an ASN IANA reserves', { asn: 23456 }, 'asn', 'asn-reserved', /23456/],
    ['a malformed network', { cidrs: ['10.50.0.0/33'] }, 'cidrs[0]', 'cidr-malformed', /'10\.50\.0\.0\/33' is not a valid IPv4 prefix/],
    ['an in-use address that is no address', { inUse: { insideAddresses: ['169.254.21'] } }, 'inUse.insideAddresses[0]', 'address-invalid', /'169\.254\.21' is not a dotted-quad/],
    ['a negative in-use count', { inUse: { connections: -1 } }, 'inUse.connections', 'prop-invalid', /./],
    ['an ASN as a string', { asn: '65010' as unknown as number }, 'asn', 'prop-invalid', /./],
  ])('%s: one clear error', (_, change, field, code, message) => {
    // WHEN
    const e = errorOf(() => AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack(), 'Existing', { ...ATTRS, ...change }));
    // THEN exactly one issue, on the field
    expect(e.issues).toEqual([expect.objectContaining({ path: `[Test/Existing] ${field}`, code })]);
    expect(e.issues[0].message).toMatch(message);
  });
});

describe('fromVirtualNetworkGatewayAttributes with CrossCloudVpn', () => {
  test('planned APIPA addresses the gateway lacks: one error with the exact az command, nothing built', () => {
    // GIVEN the gateway as exported, before the plan's addresses were added
    const planned = plannedApipa();
    const stack = testStack('Azure');
    const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(stack, 'Existing', ATTRS);
    // WHEN
    const e = errorOf(() => new CrossCloudVpn('Vpn', { links: [{ between: [fakeAwsGateway(), azure] }], masterSecret: TEST_SECRET }));
    // THEN
    expect(e.code).toBe('apipa-not-on-gateway');
    expect(e.message).toContain(`instance0 (ip configuration 'default') lacks ${planned.instance0.join(', ')} (has 169.254.21.1)`);
    expect(e.message).toContain(`instance1 (ip configuration 'activeActive') lacks ${planned.instance1.join(', ')} (has 169.254.22.1)`);
    expect(e.message).toContain(`az network vnet-gateway update --resource-group rg-net --name vpngw-prod --set 'bgpSettings.bgpPeeringAddresses[0].customBgpIpAddresses=${JSON.stringify(['169.254.21.1', ...planned.instance0])}' --set 'bgpSettings.bgpPeeringAddresses[1].customBgpIpAddresses=${JSON.stringify(['169.254.22.1', ...planned.instance1])}'`);
  });

  test('adding them does not move the plan: the same addresses once declared, and the link builds', () => {
    const attrs = withPlannedApipa();
    expect(plannedApipa(attrs)).toEqual(plannedApipa());
    const stack = testStack('Azure');
    const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(stack, 'Existing', attrs);
    expect(() => new CrossCloudVpn('Vpn', { links: [{ between: [fakeAwsGateway(), azure] }], masterSecret: TEST_SECRET })).not.toThrow();
  });

  test('an address the plan wants on one instance that the gateway has on the other: listed, with inUse as the way out', () => {
    // GIVEN the gateway has the plan's first instance0 address on instance1
    const planned = plannedApipa();
    const attrs = { ...ATTRS, instance1ApipaAddresses: ['169.254.22.1', planned.instance0[0]] };
    const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack('Azure'), 'Existing', attrs);
    // WHEN
    const e = errorOf(() => new CrossCloudVpn('Vpn', { links: [{ between: [fakeAwsGateway(), azure] }], masterSecret: TEST_SECRET }));
    // THEN
    expect(e.code).toBe('apipa-on-other-instance');
    expect(e.message).toContain(`${planned.instance0[0]} (the plan puts it on instance0, the gateway has it on instance1)`);
    expect(e.message).toContain(`list ${planned.instance0[0]} in inUse.insideAddresses`);
  });

  test('connections reference the gateway by id, carry the declaration beside cdktf\'s metadata, and the app\'s tag', () => {
    // GIVEN
    const attrs = withPlannedApipa({ ...ATTRS, defaultBgpPeeringAddresses: ['10.50.255.4', '10.50.255.5'] });
    const stack = testStack('Azure');
    const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(stack, 'Existing', attrs);
    // WHEN
    const vpn = new CrossCloudVpn('Vpn', { links: [{ between: [fakeAwsGateway(), azure] }], masterSecret: TEST_SECRET });
    // THEN the half is in the link stack facing AWS (phase 3), four connections
    const linkStack = stack.node.scope!.node.findChild('Azure-links-3') as TerraformStack;
    // (a full synth: Testing.synth drops the "//" comment keys)
    const written = fs.readFileSync(path.join(Testing.fullSynth(linkStack), 'stacks', 'Azure-links-3', 'cdk.tf.json'), 'utf8');
    const connections = Object.values(resourcesOf(written, 'azurerm_virtual_network_gateway_connection'));
    expect(connections).toHaveLength(vpn.plan.tunnels.filter((t) => t.state === 'active').length);
    for (const c of connections) {
      expect(c.virtual_network_gateway_id).toBe(ID);
      expect(c.resource_group_name).toBe('rg-net');
      expect(c.tags).toEqual({ [AZURE_MANAGED_TAG]: 'azure-prod' });
      const comment = c['//'] as { crossCloudVpn: unknown; metadata: { path: string } };
      expect(comment.metadata.path).toMatch(/^Azure-links-3\/Existing\//);
      expect(comment.crossCloudVpn).toEqual({
        gateway: {
          existing: true, id: ID, name: 'vpngw-prod', resourceGroupName: 'rg-net', location: 'japaneast', sku: 'VpnGw2AZ', activeActive: true, asn: 65010,
          networks: ['10.50.0.0/16'],
          instances: [
            { name: 'instance0', ipConfiguration: 'default', publicIp: '52.161.10.135', apipaAddresses: attrs.instance0ApipaAddresses, defaultBgpAddress: '10.50.255.4' },
            { name: 'instance1', ipConfiguration: 'activeActive', publicIp: '52.161.10.136', apipaAddresses: attrs.instance1ApipaAddresses, defaultBgpAddress: '10.50.255.5' },
          ],
        },
      });
      const custom = c.custom_bgp_addresses as { primary: string; secondary: string };
      expect(attrs.instance0ApipaAddresses).toContain(custom.primary);
      expect(attrs.instance1ApipaAddresses).toContain(custom.secondary);
    }
    // the gateway's stack publishes its literal IPs for the AWS side, and holds no resource
    const home = JSON.parse(Testing.synth(stack));
    expect(home.resource).toBeUndefined();
    expect(home.output).toEqual({
      endpoint_instance0: expect.objectContaining({ value: '52.161.10.135' }),
      endpoint_instance1: expect.objectContaining({ value: '52.161.10.136' }),
    });
  });

  test('the plan keeps the declared ASN; a plan for another ASN is refused', () => {
    const azure = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack('Azure'), 'Existing', withPlannedApipa());
    const vpn = new CrossCloudVpn('Vpn', { links: [{ between: [fakeAwsGateway(), azure] }], masterSecret: TEST_SECRET });
    expect(vpn.plan.gateways.find((g) => g.site === 'azure-prod')!.asn).toBe(65010);
    const other = AzureVpnGateway.fromVirtualNetworkGatewayAttributes(testStack('Azure2'), 'Existing', withPlannedApipa());
    const r = { plan: vpn.plan, gateway: { ...vpn.plan.gateways.find((g) => g.site === 'azure-prod')!, asn: 65011 }, resources: vpn.plan.gateways.find((g) => g.site === 'azure-prod')!.links[0], tunnels: vpn.plan.tunnels, remoteAddress: () => '203.0.113.9' };
    expect(errorOf(() => other.realiseLink(r)).code).toBe('plan-mismatch');
  });
});
