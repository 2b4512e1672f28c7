import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { TerraformVariable, Testing } from 'cdktf';
import { AzurePeerGateway, AzurePeerGatewayProps } from '../../src/azure';
import { resourcesOf, testStack } from './util';
import '../lib/cdktf-matchers';

const BASE = { name: 'lng-router', resourceGroupName: 'rg-vpn', location: 'japaneast', gatewayAddress: '203.0.113.20' };
const build = (props: Partial<AzurePeerGatewayProps>) => () => new AzurePeerGateway(testStack(), 'Peer', { ...BASE, ...props });

describe('AzurePeerGateway', () => {
  test('registers a BGP peer: ASN and peering address, no address space', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const peer = new AzurePeerGateway(stack, 'Peer', { ...BASE, peerAsn: 65020, bgpPeeringAddress: '169.254.21.1', tags: { env: 'test' } });
    // THEN
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, {
      name: 'lng-router', resource_group_name: 'rg-vpn', location: 'japaneast', gateway_address: '203.0.113.20',
      bgp_settings: { asn: 65020, bgp_peering_address: '169.254.21.1' }, tags: { env: 'test' },
    });
    expect(Object.values(resourcesOf(synth, 'azurerm_local_network_gateway'))[0]).not.toHaveProperty('address_space');
    expect(peer.peerAsn).toBe(65020);
    expect(peer.localNetworkGatewayId).toMatch(/^\$\{TfToken/);
  });

  test('registers a static peer: address space, no BGP settings', () => {
    const stack = testStack();
    const peer = new AzurePeerGateway(stack, 'Peer', { ...BASE, cidrs: ['192.168.0.0/16', '172.16.0.0/12'] });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, { address_space: ['192.168.0.0/16', '172.16.0.0/12'] });
    expect(Object.values(resourcesOf(synth, 'azurerm_local_network_gateway'))[0]).not.toHaveProperty('bgp_settings');
    expect(peer.peerAsn).toBeUndefined();
  });

  test('takes the gateway address from a variable without checking it', () => {
    const stack = testStack();
    const ip = new TerraformVariable(stack, 'router_ip', { type: 'string' }).stringValue;
    new AzurePeerGateway(stack, 'Peer', { ...BASE, gatewayAddress: ip, peerAsn: 65020, bgpPeeringAddress: '169.254.21.1' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LocalNetworkGateway, { gateway_address: '${var.router_ip}' });
  });

  test('accepts a non-APIPA BGP address (a loopback behind the device)', () => {
    expect(build({ peerAsn: 65020, bgpPeeringAddress: '10.99.0.1' })).not.toThrow();
  });

  test.each([65515, 65516, 65517, 65520, 8074, 12076, 23456, 64511, 0, 65535, 65551, 429496729, 4294967295, 4294967296])('fails when the peer ASN is %d (reserved by Azure or IANA, or out of range)', (asn) => {
    expect(build({ peerAsn: asn, bgpPeeringAddress: '169.254.21.1' })).toThrow(new RegExp(`\\[Test/Peer\\] peerAsn: ${asn} cannot be registered as a peer ASN on Azure; allowed: 1-4294967294 \\(32-bit ASNs supported\\), except .*65515-65520`));
  });

  test.each([65552, 131072, 4200000002, 4294967294])('takes a 32-bit peer ASN such as %d (Azure supports 4-byte ASNs)', (asn) => {
    const stack = testStack();
    new AzurePeerGateway(stack, 'Peer', { ...BASE, peerAsn: asn, bgpPeeringAddress: '169.254.21.1' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LocalNetworkGateway, { bgp_settings: { asn, bgp_peering_address: '169.254.21.1' } });
  });

  test('fails when the BGP peering address is not an IPv4 address', () => {
    expect(build({ peerAsn: 65020, bgpPeeringAddress: '169.254.21' })).toThrow(/bgpPeeringAddress: '169\.254\.21' is not a dotted-quad IPv4 address/);
  });

  test('fails when the BGP peering address is the public address', () => {
    expect(build({ peerAsn: 65020, bgpPeeringAddress: '203.0.113.20' })).toThrow(/bgpPeeringAddress: '203\.0\.113\.20' is also the gatewayAddress; allowed: an address other than the device's public IP/);
  });

  test('fails when the gateway address is not an IPv4 address', () => {
    expect(build({ gatewayAddress: 'router.example.com', cidrs: ['192.168.0.0/16'] })).toThrow(/gatewayAddress: 'router\.example\.com' is not a dotted-quad IPv4 address/);
  });

  test('fails when only half of the BGP settings is given', () => {
    expect(build({ peerAsn: 65020 })).toThrow(/bgpPeeringAddress: missing while peerAsn is set; allowed: both peerAsn and bgpPeeringAddress/);
    expect(build({ bgpPeeringAddress: '169.254.21.1' })).toThrow(/peerAsn: missing while bgpPeeringAddress is set/);
  });

  test('fails when there is neither BGP nor an address space', () => {
    expect(build({})).toThrow(/cidrs: is empty and BGP is not set, so Azure would route nothing/);
    expect(build({ cidrs: [] })).toThrow(/cidrs: is empty and BGP is not set/);
  });

  test('fails when an address space prefix is malformed', () => {
    expect(build({ cidrs: ['192.168.1.0/16'] })).toThrow(/cidrs\[0\]: '192\.168\.1\.0\/16' is not a valid IPv4 prefix \(host bits are set/);
  });

  test('fails when the name is not an Azure name', () => {
    expect(build({ name: 'lng router', cidrs: ['192.168.0.0/16'] })).toThrow(/name: 'lng router' is not a valid Azure resource name/);
  });
});
