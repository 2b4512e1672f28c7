import { App, Stack } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsGatewayKind, AwsPeerGateway, AwsVpnGateway } from '../../src/aws';

/**
 * Context of every test app: the bundled CloudFormation validator's findings fail synthesis
 * (`validateAgainstDefaultRules` turns its errors into errors, `strictCfnValidateErrors` its
 * warnings too), and secrets must be unwrapped explicitly.
 */
export const STRICT_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  '@aws-cdk/core:strictCfnValidateErrors': true,
  '@aws-cdk/core:checkSecretUsage': true,
};

export function testStack(id = 'Test'): Stack {
  const app = new App({ context: STRICT_CONTEXT });
  return new Stack(app, id);
}

/** A stack with a VPC (10.10.0.0/16), a virtual private gateway and one peer (ASN 65010). */
export function vgwFixture(stack = testStack()) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 2, natGateways: 1 });
  const gateway = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc }), asn: 64600 });
  const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
  return { stack, vpc, gateway, peer };
}

/** Test-only keys: shaped like real ones, never used anywhere. */
export const TEST_KEY_1 = 'TestOnlyKeyTunnelOne0123456789';
export const TEST_KEY_2 = 'TestOnlyKeyTunnelTwo0123456789';
