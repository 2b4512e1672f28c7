import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { AzureGatewayInstance, AzureVpnGateway, AzureVpnGatewayProps } from '../../src/azure';
import { GATEWAY_PROPS, resourcesOf, testStack, bgpSwitch } from './util';
import { ENGINE } from '../lib/engine';
import '../lib/cdktf-matchers';

function synthGateway(props: Partial<AzureVpnGatewayProps> = {}) {
  const stack = testStack();
  const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, ...props });
  return { stack, gateway, synth: Testing.synth(stack) };
}

/** Partial match of a nested block (the matcher compares nested values in full). */
const partial = (o: Record<string, unknown>) => expect.objectContaining(o);

const build = (props: Partial<AzureVpnGatewayProps>, id = 'Gw') => () => new AzureVpnGateway(testStack(), id, { ...GATEWAY_PROPS, ...props });

describe('AzureVpnGateway', () => {
  test('creates the subnet named exactly GatewaySubnet in the given virtual network', () => {
    // WHEN
    const { synth, gateway } = synthGateway();
    // THEN
    expect(synth).toHaveResourceWithProperties(Subnet, {
      name: 'GatewaySubnet', virtual_network_name: 'vnet', resource_group_name: 'rg-vpn', address_prefixes: ['10.20.255.0/27'],
    });
    const [subnetId] = Object.keys(resourcesOf(synth, 'azurerm_subnet'));
    const gw = Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway'))[0] as { ip_configuration: { subnet_id: string }[] };
    expect(gw.ip_configuration.map((c) => c.subnet_id)).toEqual([`\${azurerm_subnet.${subnetId}.id}`, `\${azurerm_subnet.${subnetId}.id}`]);
    expect(gateway.gatewaySubnetId).toMatch(/^\$\{TfToken/);
  });

  test('uses an existing GatewaySubnet by id and creates none', () => {
    const id = '/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/GatewaySubnet';
    const { synth, gateway } = synthGateway({ virtualNetworkName: undefined, gatewaySubnetCidr: undefined, gatewaySubnetId: id });
    expect(synth).not.toHaveResource(Subnet);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, { ip_configuration: [partial({ subnet_id: id }), partial({ subnet_id: id })] });
    expect(gateway.gatewaySubnetId).toBe(id);
  });

  test('creates two Standard static public IPs with the same zones, one per ip configuration', () => {
    const { synth } = synthGateway();
    const ips = resourcesOf(synth, 'azurerm_public_ip');
    expect(Object.values(ips)).toEqual([
      expect.objectContaining({ name: 'Gw-vpngw-pip0', sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] }),
      expect.objectContaining({ name: 'Gw-vpngw-pip1', sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] }),
    ]);
    const [ip0, ip1] = Object.keys(ips);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, {
      ip_configuration: [
        partial({ name: 'instance0', public_ip_address_id: `\${azurerm_public_ip.${ip0}.id}`, private_ip_address_allocation: 'Dynamic' }),
        partial({ name: 'instance1', public_ip_address_id: `\${azurerm_public_ip.${ip1}.id}`, private_ip_address_allocation: 'Dynamic' }),
      ],
    });
  });

  test('is a route-based, active-active, BGP gateway on VpnGw2AZ Generation2 by default', () => {
    const { synth, gateway } = synthGateway();
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, {
      name: 'Gw-vpngw', resource_group_name: 'rg-vpn', location: 'japaneast',
      type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2AZ', generation: 'Generation2', active_active: true, [bgpSwitch()]: true,
      bgp_settings: { asn: 65515, peering_addresses: [{ ip_configuration_name: 'instance0' }, { ip_configuration_name: 'instance1' }] },
    });
    expect(gateway.activeActive).toBe(true);
  });

  test('writes the APIPA addresses per ip configuration', () => {
    const { synth, gateway } = synthGateway({ instance0ApipaAddresses: ['169.254.21.2', '169.254.21.6'], instance1ApipaAddresses: ['169.254.22.2'] });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, {
      bgp_settings: partial({
        peering_addresses: [
          { ip_configuration_name: 'instance0', apipa_addresses: ['169.254.21.2', '169.254.21.6'] },
          { ip_configuration_name: 'instance1', apipa_addresses: ['169.254.22.2'] },
        ],
      }),
    });
    expect(gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_0)).toEqual(['169.254.21.2', '169.254.21.6']);
    expect(gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_1)).toEqual(['169.254.22.2']);
  });

  test('addApipaAddresses adds to one instance, skipping addresses it has', () => {
    const stack = testStack();
    const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, instance1ApipaAddresses: ['169.254.22.2'] });
    gateway.addApipaAddresses(AzureGatewayInstance.INSTANCE_1, ['169.254.22.2', '169.254.22.6']);
    gateway.addApipaAddresses(AzureGatewayInstance.INSTANCE_0, ['169.254.21.10']);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, {
      bgp_settings: partial({ peering_addresses: [partial({ apipa_addresses: ['169.254.21.10'] }), partial({ apipa_addresses: ['169.254.22.2', '169.254.22.6'] })] }),
    });
  });

  test('an active-standby gateway has one public IP and one ip configuration', () => {
    const { synth, gateway } = synthGateway({ activeActive: false });
    expect(Object.keys(resourcesOf(synth, 'azurerm_public_ip'))).toHaveLength(1);
    const gw = Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway'))[0] as { ip_configuration: unknown[]; active_active: boolean; bgp_settings: { peering_addresses: unknown[] } };
    expect(gw.active_active).toBe(false);
    expect(gw.ip_configuration).toHaveLength(1);
    expect(gw.bgp_settings.peering_addresses).toEqual([{ ip_configuration_name: 'instance0' }]);
    expect(gateway.site.gateway).toBe('active-standby');
    expect(gateway.publicIpAddresses).toHaveLength(1);
  });

  test('takes the SKU, generation, ASN, zones, name and tags it is given', () => {
    const { synth } = synthGateway({ sku: 'VpnGw3AZ', generation: 'Generation1', asn: 65010, publicIpZones: ['1'], name: 'vgw-east', tags: { env: 'test' } });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, { name: 'vgw-east', sku: 'VpnGw3AZ', generation: 'Generation1', bgp_settings: partial({ asn: 65010 }), tags: { env: 'test' } });
    expect(synth).toHaveResourceWithProperties(PublicIp, { name: 'vgw-east-pip0', zones: ['1'], tags: { env: 'test' } });
  });

  test.each([
    ['VpnGw1AZ', 'Generation1'],
    ['VpnGw3AZ', 'Generation2'],
    ['VpnGw4AZ', 'Generation2'],
    ['VpnGw5AZ', 'Generation2'],
  ])('SKU %s defaults to %s, and both public IPs get zones (an AZ SKU needs them)', (sku, generation) => {
    const { synth } = synthGateway({ sku, activeActive: true });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, { sku, generation });
    expect(Object.values(resourcesOf(synth, 'azurerm_public_ip')).map((ip) => ip.zones)).toEqual([['1', '2', '3'], ['1', '2', '3']]);
  });

  test('a SKU given as a token still gets zones on its public IPs (every creatable SKU is an AZ SKU)', () => {
    const stack = testStack();
    const sku = new TerraformVariable(stack, 'sku', { type: 'string' });
    new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, sku: sku.stringValue, generation: 'Generation2' });
    expect(Object.values(resourcesOf(Testing.synth(stack), 'azurerm_public_ip')).map((ip) => ip.zones)).toEqual([['1', '2', '3'], ['1', '2', '3']]);
  });

  test('exposes the public IPs and default BGP addresses per instance as references', () => {
    const { stack, gateway } = synthGateway();
    gateway.publicIpAddresses.forEach((ip, i) => new TerraformOutput(stack, `ip${i}`, { value: ip }));
    gateway.defaultBgpPeeringAddresses.forEach((a, i) => new TerraformOutput(stack, `bgp${i}`, { value: a }));
    new TerraformOutput(stack, 'endpoint1', { value: gateway.endpointAddress('instance1') });
    const out = JSON.parse(Testing.synth(stack)).output;
    const [ip0, ip1] = Object.keys(resourcesOf(Testing.synth(stack), 'azurerm_public_ip'));
    const [gw] = Object.keys(resourcesOf(Testing.synth(stack), 'azurerm_virtual_network_gateway'));
    expect(out.ip0.value).toBe(`\${azurerm_public_ip.${ip0}.ip_address}`);
    expect(out.ip1.value).toBe(`\${azurerm_public_ip.${ip1}.ip_address}`);
    expect(out.endpoint1.value).toBe(out.ip1.value);
    expect(out.bgp0.value).toBe(`\${element(azurerm_virtual_network_gateway.${gw}.bgp_settings[0].peering_addresses[0].default_addresses, 0)}`);
    expect(out.bgp1.value).toBe(`\${element(azurerm_virtual_network_gateway.${gw}.bgp_settings[0].peering_addresses[1].default_addresses, 0)}`);
  });

  test('describes itself as an Azure site of the topology', () => {
    const { gateway } = synthGateway({ siteId: 'azure-east', asn: 65010, sku: 'VpnGw3AZ', cidrs: ['10.20.0.0/16', '10.21.0.0/16'] });
    expect(gateway.site).toEqual({ id: 'azure-east', cloud: 'azure', gateway: 'active-active', cidrs: ['10.20.0.0/16', '10.21.0.0/16'], asn: 65010, sku: 'VpnGw3AZ' });
    expect(gateway.path).toBe('Test/Gw');
    expect(gateway.deployment.engine).toBe(ENGINE);
    expect(gateway.deployment.stackName).toBe('Test');
  });

  test('the site id defaults to the construct id, and the ASN to the planner', () => {
    const { gateway } = synthGateway();
    expect(gateway.site.id).toBe('Gw');
    expect(gateway.site.asn).toBeUndefined();
  });

  test('skips checks of unresolved values', () => {
    const stack = testStack();
    const asn = new TerraformVariable(stack, 'asn', { type: 'number' }).numberValue;
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    const apipa = new TerraformVariable(stack, 'apipa', { type: 'string' }).stringValue;
    expect(() => new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, asn, gatewaySubnetCidr: cidr, instance0ApipaAddresses: [apipa] })).not.toThrow();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, {
      bgp_settings: { asn: '${var.asn}', peering_addresses: [{ ip_configuration_name: 'instance0', apipa_addresses: ['${var.apipa}'] }, { ip_configuration_name: 'instance1' }] },
    });
  });

  describe('validation', () => {
    test('fails when an APIPA address is outside Azure\'s range', () => {
      expect(build({ instance0ApipaAddresses: ['169.254.20.2'] })).toThrow(/\[Test\/Gw\] instance0ApipaAddresses\[0\]: '169\.254\.20\.2' is outside Azure's APIPA range; allowed: an address in 169\.254\.21\.0-169\.254\.22\.255/);
    });

    test('fails when an APIPA address is not an IPv4 address', () => {
      expect(build({ instance1ApipaAddresses: ['169.254.21.300'] })).toThrow(/instance1ApipaAddresses\[0\]: '169\.254\.21\.300' is not a dotted-quad IPv4 address/);
    });

    test('fails when both instances use the same APIPA address', () => {
      expect(build({ instance0ApipaAddresses: ['169.254.21.2'], instance1ApipaAddresses: ['169.254.21.2'] })).toThrow(/instance1ApipaAddresses\[0\]: '169\.254\.21\.2' is already an APIPA address of the other instance/);
    });

    test('fails when addApipaAddresses gets an address outside the range', () => {
      const gateway = build({})();
      expect(() => gateway.addApipaAddresses(AzureGatewayInstance.INSTANCE_1, ['169.254.23.1'])).toThrow(/instance1ApipaAddresses\[0\]: '169\.254\.23\.1' is outside Azure's APIPA range/);
    });

    test('fails when instance1 APIPA addresses are given to an active-standby gateway', () => {
      expect(build({ activeActive: false, instance1ApipaAddresses: ['169.254.22.2'] })).toThrow(/instance1ApipaAddresses: is set but the gateway is active-standby.+allowed: instance1 APIPA addresses only with activeActive true/);
      const standby = build({ activeActive: false })();
      expect(() => standby.addApipaAddresses(AzureGatewayInstance.INSTANCE_1, ['169.254.22.2'])).toThrow(/instance1 does not exist on this active-standby gateway/);
    });

    test.each([65516, 65517, 65520, 8074, 8075, 12076, 23456, 64500, 65535, 65551, 429496729, 4294967295, 0])('fails when the ASN is %d (reserved by Azure or IANA, or out of range)', (asn) => {
      expect(build({ asn })).toThrow(new RegExp(`asn: ${asn} is not allowed for an Azure gateway; allowed: 1-4294967294 \\(32-bit ASNs supported\\)`));
    });

    test.each([65515, 65521, 70000, 4200000001, 4294967294])('takes the ASN %d (Azure supports 32-bit ASNs; 65515 is its own default)', (asn) => {
      const { synth } = synthGateway({ asn });
      expect(synth).toHaveResourceWithProperties(VirtualNetworkGateway, { bgp_settings: partial({ asn }) });
    });

    test('fails when the SKU is Basic or unknown', () => {
      expect(build({ sku: 'Basic' })).toThrow(/sku: 'Basic' is not a VPN gateway SKU with BGP, active-active and custom IPsec policies; allowed: VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ$/m);
      expect(build({ sku: 'VpnGw9' })).toThrow(/sku: 'VpnGw9' is not a VPN gateway SKU/);
      expect(build({ sku: 'toString' })).toThrow(/sku: 'toString' is not a VPN gateway SKU/);
    });

    test.each([1, 2, 3, 4, 5])('fails when the SKU is the retired non-AZ VpnGw%d, naming its AZ equivalent', (n) => {
      // Azure refuses new non-AZ gateways since 2025-11-01 (NonAzSkusNotAllowedForVPNGateway)
      expect(build({ sku: `VpnGw${n}` })).toThrow(new RegExp(`sku: 'VpnGw${n}' is a non-AZ SKU, which Azure no longer creates \\(NonAzSkusNotAllowedForVPNGateway since 2025-11-01\\); allowed: its AZ equivalent 'VpnGw${n}AZ'`));
    });

    test('fails when the generation does not offer the SKU', () => {
      expect(build({ sku: 'VpnGw1AZ', generation: 'Generation2' })).toThrow(/generation: 'Generation2' has no SKU 'VpnGw1AZ'; allowed: Generation1 for VpnGw1AZ/);
      expect(build({ sku: 'VpnGw5AZ', generation: 'Generation1' })).toThrow(/generation: 'Generation1' has no SKU 'VpnGw5AZ'; allowed: Generation2/);
      expect(build({ generation: 'Generation3' })).toThrow(/generation: 'Generation3' is not a gateway generation; allowed: Generation1, Generation2/);
    });

    test('fails when the GatewaySubnet is smaller than /29, outside the VNet or malformed', () => {
      expect(build({ gatewaySubnetCidr: '10.20.255.0/30' })).toThrow(/gatewaySubnetCidr: '10\.20\.255\.0\/30' is smaller than Azure's minimum GatewaySubnet; allowed: a \/29 or larger prefix/);
      expect(build({ gatewaySubnetCidr: '10.99.255.0/27' })).toThrow(/gatewaySubnetCidr: '10\.99\.255\.0\/27' is outside the virtual network's address space 10\.20\.0\.0\/16/);
      expect(build({ gatewaySubnetCidr: '10.20.255.1/27' })).toThrow(/gatewaySubnetCidr: '10\.20\.255\.1\/27' is not a valid IPv4 prefix \(host bits are set/);
    });

    test('fails when neither or both ways to the GatewaySubnet are given', () => {
      expect(build({ virtualNetworkName: undefined, gatewaySubnetCidr: undefined })).toThrow(/2 problems:\n {2}- virtualNetworkName: is missing.+\n {2}- gatewaySubnetCidr: is missing/);
      expect(build({ gatewaySubnetId: '/subscriptions/0/x' })).toThrow(/virtualNetworkName: is set together with gatewaySubnetId/);
    });

    test('fails when the VNet address space is empty or malformed', () => {
      expect(build({ cidrs: [] })).toThrow(/cidrs: is empty/);
      expect(build({ cidrs: ['10.20.0.0/33'] })).toThrow(/cidrs\[0\]: '10\.20\.0\.0\/33' is not a valid IPv4 prefix/);
    });

    test('fails when a zone is unknown or an AZ SKU has no zones', () => {
      expect(build({ publicIpZones: ['4'] })).toThrow(/publicIpZones\[0\]: '4' is not an availability zone; allowed: 1, 2, 3/);
      expect(build({ publicIpZones: [] })).toThrow(/publicIpZones: is empty but SKU 'VpnGw2AZ' is zone-redundant, and Azure refuses .*VmssVpnGatewayPublicIpsMustHaveZonesConfigured/);
    });

    test('fails when the site id or the name is not usable', () => {
      expect(build({}, 'my gateway')).toThrow(/siteId: 'my gateway' \(the construct id\) is not a valid site id/);
      expect(build({ name: 'gw-' })).toThrow(/name: 'gw-' is not a valid Azure resource name/);
    });

    test('fails when asked for an endpoint the gateway does not have', () => {
      expect(() => build({ activeActive: false })().endpointAddress('instance1')).toThrow(/\[Test\/Gw\] endpoint 'instance1' is not an instance of this active-standby gateway; allowed: instance0/);
      expect(() => build({})().endpointAddress('master')).toThrow(/endpoint 'master' is not an instance.+allowed: instance0, instance1/);
    });

    test('reports every problem at once', () => {
      expect(build({ asn: 65517, sku: 'Basic', instance0ApipaAddresses: ['10.0.0.1'] })).toThrow(/3 problems:/);
    });
  });
});

describe('AzureVpnGateway deployment', () => {
  test('publishes an instance\'s public IP as a stack output for other engines', () => {
    const stack = testStack();
    const gateway = new AzureVpnGateway(stack, 'Gw', GATEWAY_PROPS);
    const ref = gateway.deployment.exportEndpoint('instance1');
    expect(ref).toEqual({ stack: 'Test', output: 'endpoint_instance1' });
    const [ip1] = Object.keys(resourcesOf(Testing.synth(stack), 'azurerm_public_ip')).slice(1);
    expect(JSON.parse(Testing.synth(stack)).output.endpoint_instance1.value).toBe(`\${azurerm_public_ip.${ip1}.ip_address}`);
  });
});
