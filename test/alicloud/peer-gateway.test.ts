import { TerraformVariable } from 'cdktf';
import { AlicloudPeerGateway } from '../../src/alicloud';
import { VpnCustomerGateway } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-customer-gateway';
import { newStack, ref, resourcesOf, synthChecked } from './fixtures';
import '../lib/cdktf-matchers';

describe('AlicloudPeerGateway', () => {
  test('registers the peer\'s IP and ASN (as a string)', () => {
    const { stack } = newStack();
    const peer = new AlicloudPeerGateway(stack, 'Router', { ipAddress: '203.0.113.30', peerAsn: 65030, name: 'on-prem' });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnCustomerGateway, { ip_address: '203.0.113.30', asn: '65030', customer_gateway_name: 'on-prem' });
    expect(peer.ipAddress).toBe('203.0.113.30');
    expect(peer.peerAsn).toBe(65030);
    new TerraformVariable(stack, 'probe', { type: 'string', default: peer.customerGatewayId });
    expect(JSON.parse(synthChecked(stack)).variable.probe.default).toBe(ref(synth, 'alicloud_vpn_customer_gateway'));
  });

  test('registers no ASN when none is given (static and policy routing)', () => {
    const { stack } = newStack();
    new AlicloudPeerGateway(stack, 'Router', { ipAddress: '203.0.113.30' });
    expect(Object.values(resourcesOf(synthChecked(stack), 'alicloud_vpn_customer_gateway'))[0]).not.toHaveProperty('asn');
  });

  test('takes a token address (another cloud\'s output) and a 4-byte ASN', () => {
    const { stack } = newStack();
    const ip = new TerraformVariable(stack, 'peer_ip', { type: 'string' }).stringValue;
    new AlicloudPeerGateway(stack, 'Router', { ipAddress: ip, peerAsn: 4200000001 });
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnCustomerGateway, { ip_address: '${var.peer_ip}', asn: '4200000001' });
  });

  test.each([
    ['the ASN is Alibaba Cloud\'s own 45104', { peerAsn: 45104 }, /\[Stack\/Router\] peerAsn: 45104 cannot be registered as a peer ASN on Alibaba Cloud; allowed: 1-4294967295, except 45104/],
    ['the ASN is above 4294967295', { peerAsn: 4294967296 }, /peerAsn: 4294967296 cannot be registered/],
    ['the address is not a dotted quad', { ipAddress: '203.0.113' }, /ipAddress: '203\.0\.113' is not a dotted-quad IPv4 address/],
  ])('fails when %s', (_title, props, message) => {
    const { stack } = newStack();
    expect(() => new AlicloudPeerGateway(stack, 'Router', { ipAddress: '203.0.113.30', ...props })).toThrow(message);
  });
});
