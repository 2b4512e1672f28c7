import { CfnParameter } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsPeerGateway } from '../../src/aws';
import { publicIpv4Problem } from '../../src/aws/peer-gateway';
import { testStack } from './util';

describe('AwsPeerGateway', () => {
  test('registers the peer address and the peer ASN', () => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Router', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::CustomerGateway', { Type: 'ipsec.1', IpAddress: '203.0.113.12', BgpAsn: 65010 });
    expect(stack.resolve(peer.customerGatewayId)).toEqual({ Ref: expect.stringMatching(/^Router/) });
    expect(peer.peerAsn).toBe(65010);
    expect(peer.ipAddress).toBe('203.0.113.12');
  });

  test("writes AWS's default ASN when none is given", () => {
    const stack = testStack();
    new AwsPeerGateway(stack, 'Router', { ipAddress: '198.51.100.7' });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::CustomerGateway', { BgpAsn: 65000 });
  });

  test('takes the address from a parameter without checking it', () => {
    const stack = testStack();
    const ip = new CfnParameter(stack, 'PeerIp', { type: 'String' }).valueAsString;
    new AwsPeerGateway(stack, 'Router', { ipAddress: ip });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: { Ref: 'PeerIp' } });
  });

  test.each([
    ['203.0.113.300', /is not a dotted-quad IPv4 address/],
    ['010.1.2.3', /is not a dotted-quad IPv4 address/],
    ['10.1.2.3', /non-public range 10\.0\.0\.0\/8/],
    ['172.31.0.1', /non-public range 172\.16\.0\.0\/12/],
    ['192.168.1.1', /non-public range 192\.168\.0\.0\/16/],
    ['100.64.0.1', /non-public range 100\.64\.0\.0\/10/],
    ['169.254.10.1', /non-public range 169\.254\.0\.0\/16/],
    ['239.1.1.1', /non-public range 224\.0\.0\.0\/3/],
  ])('fails when the address is %s', (ip, message) => {
    expect(() => new AwsPeerGateway(testStack(), 'Router', { ipAddress: ip })).toThrow(message);
    expect(() => new AwsPeerGateway(testStack(), 'Router', { ipAddress: ip })).toThrow(/\[Test\/Router\] ipAddress: .+allowed: a public IPv4 address/);
  });

  test.each([7224, 9059, 0, 4294967295])('fails when the peer ASN is %d', (asn) => {
    expect(() => new AwsPeerGateway(testStack(), 'Router', { ipAddress: '203.0.113.12', peerAsn: asn }))
      .toThrow(new RegExp(`peerAsn: ${asn} cannot be registered as a peer ASN on AWS`));
  });

  test('accepts public addresses, including the documentation ranges', () => {
    expect(['203.0.113.12', '198.51.100.1', '8.8.8.8', '172.32.0.1'].map(publicIpv4Problem)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
