import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib/core';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsGatewayKind, AwsPeerGateway, AwsVpnConnection, AwsVpnGateway } from '../../src/aws';
import { testStack } from './util';

function vpc(stack: Stack, config: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 2, natGateways: 1, ...config });
}

describe('AwsVpnGateway with a virtual private gateway', () => {
  test('creates the gateway with the Amazon-side ASN, attaches it and propagates routes into every private subnet', () => {
    // GIVEN
    const stack = testStack();
    const v = vpc(stack, {
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });

    // WHEN
    const gw = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: v }), asn: 64600 });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPNGateway', { Type: 'ipsec.1', AmazonSideAsn: 64600 });
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', { VpcId: { Ref: 'Vpc8378EB38' }, VpnGatewayId: { Ref: 'GwFF01B60D' } });
    const [propagation] = Object.values(template.findResources('AWS::EC2::VPNGatewayRoutePropagation'));
    expect(propagation.DependsOn).toEqual([expect.stringMatching(/^GwAttachment/)]);
    const tables = propagation.Properties.RouteTableIds.map((r: { Ref: string }) => r.Ref).sort();
    expect(tables).toEqual([
      expect.stringMatching(/^VpcAppSubnet1RouteTable/), expect.stringMatching(/^VpcAppSubnet2RouteTable/),
      expect.stringMatching(/^VpcDataSubnet1RouteTable/), expect.stringMatching(/^VpcDataSubnet2RouteTable/),
    ]);
    expect(stack.resolve(gw.vpnGatewayId)).toEqual({ Ref: 'GwFF01B60D' });
    expect(gw.transitGatewayId).toBeUndefined();
    template.resourceCountIs('AWS::EC2::TransitGateway', 0);
  });

  test('describes itself as a site with the VPC CIDR and its ASN', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Tokyo', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack) }) });
    expect(gw.site).toEqual({ id: 'Tokyo', cloud: 'aws', gateway: 'vpn-gateway', cidrs: ['10.10.0.0/16'], asn: 64512 });
    expect(gw.asn).toBe(64512);
    expect(gw.path).toBe('Test/Tokyo');
    expect(gw.deployment.engine).toBe('cdk');
    expect(gw.deployment.stackName).toBe('Test');
  });

  test('takes the site id and CIDRs given', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack) }), siteId: 'aws-tokyo', cidrs: ['10.10.0.0/17', '10.10.128.0/17'] });
    expect(gw.site).toMatchObject({ id: 'aws-tokyo', cidrs: ['10.10.0.0/17', '10.10.128.0/17'] });
  });

  test('propagates into the route tables named, only', () => {
    const stack = testStack();
    new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack), routeTableIds: ['rtb-0123456789abcdef0'] }) });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPNGatewayRoutePropagation', { RouteTableIds: ['rtb-0123456789abcdef0'] });
  });

  test('propagates nowhere, silently, when given no route tables', () => {
    const stack = testStack();
    new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack), routeTableIds: [] }) });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPNGatewayRoutePropagation', 0);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('warns when the VPC has no private subnet to propagate to', () => {
    const stack = testStack();
    new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack, { natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] }) }) });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPNGatewayRoutePropagation', 0);
    Annotations.fromStack(stack).hasWarning('/Test/Gw', Match.stringLikeRegexp('no private or isolated subnet'));
  });

  test('reads the CIDR of an imported VPC with a literal CIDR', () => {
    const stack = testStack();
    const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.50.0.0/16', availabilityZones: ['a', 'b'], privateSubnetIds: ['subnet-1', 'subnet-2'], privateSubnetRouteTableIds: ['rtb-1', 'rtb-1'] });
    const gw = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: imported }) });
    expect(gw.site.cidrs).toEqual(['10.50.0.0/16']);
    // Subnets that share a route table give it once.
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPNGatewayRoutePropagation', { RouteTableIds: ['rtb-1'] });
  });
});

describe('AwsVpnGateway with a transit gateway', () => {
  test('creates a transit gateway with VPN ECMP and default route tables by default', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Tgw', { kind: AwsGatewayKind.transitGateway(), asn: 4200000001, cidrs: ['10.0.0.0/8'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::TransitGateway', {
      AmazonSideAsn: 4200000001,
      VpnEcmpSupport: 'enable',
      DefaultRouteTableAssociation: 'enable',
      DefaultRouteTablePropagation: 'enable',
      Description: Match.absent(),
    });
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
    expect(stack.resolve(gw.transitGatewayId)).toEqual({ Ref: expect.stringMatching(/^Tgw/) });
    expect(gw.vpnGatewayId).toBeUndefined();
    expect(gw.site).toEqual({ id: 'Tgw', cloud: 'aws', gateway: 'transit-gateway', cidrs: ['10.0.0.0/8'], asn: 4200000001 });
  });

  test('disables default route table association and propagation when asked', () => {
    const stack = testStack();
    new AwsVpnGateway(stack, 'Tgw', {
      kind: AwsGatewayKind.transitGateway({ defaultRouteTableAssociation: false, defaultRouteTablePropagation: false, description: 'hub' }),
      cidrs: ['10.0.0.0/8'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::TransitGateway', {
      DefaultRouteTableAssociation: 'disable',
      DefaultRouteTablePropagation: 'disable',
      Description: 'hub',
    });
  });

  test('uses an existing transit gateway by id, creating no gateway', () => {
    // GIVEN
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Tgw', { kind: AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0'), asn: 64700, cidrs: ['10.0.0.0/8'] });
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });

    // WHEN
    new AwsVpnConnection(stack, 'Conn', {
      gateway: gw, peer,
      tunnel1: { presharedKey: SecretValue.secretsManager('test/vpn', { jsonField: 't1' }), insideCidr: '169.254.10.0/30' },
      tunnel2: { presharedKey: SecretValue.secretsManager('test/vpn', { jsonField: 't2' }), insideCidr: '169.254.10.4/30' },
    });

    // THEN
    expect(gw.transitGatewayId).toBe('tgw-0123456789abcdef0');
    expect(gw.site).toEqual({ id: 'Tgw', cloud: 'aws', gateway: 'transit-gateway', cidrs: ['10.0.0.0/8'], asn: 64700 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::TransitGateway', 0);
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
    template.hasResourceProperties('AWS::EC2::VPNConnection', { TransitGatewayId: 'tgw-0123456789abcdef0', VpnGatewayId: Match.absent() });
  });

  test('takes an existing transit gateway id from a parameter', () => {
    const stack = testStack();
    const id = new CfnParameter(stack, 'TgwId', { type: 'String' }).valueAsString;
    const gw = new AwsVpnGateway(stack, 'Tgw', { kind: AwsGatewayKind.existingTransitGateway(id), asn: 64700, cidrs: ['10.0.0.0/8'] });
    expect(stack.resolve(gw.transitGatewayId)).toEqual({ Ref: 'TgwId' });
  });
});

describe('AwsVpnGateway validation', () => {
  test('fails when the Amazon-side ASN is public', () => {
    const stack = testStack();
    expect(() => new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack) }), asn: 16509 }))
      .toThrow(/\[Test\/Gw\] asn: 16509 is not allowed for an AWS gateway; allowed: 64512-65534 or 4200000000-4294967294/);
  });

  test('fails when a transit gateway has no CIDRs', () => {
    expect(() => new AwsVpnGateway(testStack(), 'Tgw', { kind: AwsGatewayKind.transitGateway() })).toThrow(/cidrs: required with a transit gateway/);
  });

  test('fails when the VPC CIDR is only known at deploy time', () => {
    const stack = testStack();
    const cidr = new CfnParameter(stack, 'Cidr', { type: 'String' }).valueAsString;
    const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: cidr, availabilityZones: ['a'] });
    expect(() => new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: imported }) })).toThrow(/cidrs: the VPC's CIDR block is only known at deploy time/);
  });

  test('fails when a CIDR is not a prefix', () => {
    expect(() => new AwsVpnGateway(testStack(), 'Tgw', { kind: AwsGatewayKind.transitGateway(), cidrs: ['10.0.0.0/8', '10.300.0.0/16'] }))
      .toThrow(/cidrs\[1\]: '10\.300\.0\.0\/16' is not a valid IPv4 prefix/);
  });

  test('fails when a CIDR is a token', () => {
    const stack = testStack();
    const cidr = new CfnParameter(stack, 'Cidr', { type: 'String' }).valueAsString;
    expect(() => new AwsVpnGateway(stack, 'Tgw', { kind: AwsGatewayKind.transitGateway(), cidrs: [cidr] })).toThrow(/cidrs\[0\]: is a token; allowed: a literal IPv4 prefix/);
  });

  test('fails when the CIDR list is empty', () => {
    expect(() => new AwsVpnGateway(testStack(), 'Tgw', { kind: AwsGatewayKind.transitGateway(), cidrs: [] })).toThrow(/cidrs: expected at least one IPv4 prefix/);
  });

  test('fails when an existing transit gateway id is malformed', () => {
    expect(() => new AwsVpnGateway(testStack(), 'Tgw', { kind: AwsGatewayKind.existingTransitGateway('vgw-0123456789abcdef0'), asn: 64700, cidrs: ['10.0.0.0/8'] }))
      .toThrow(/kind: 'vgw-0123456789abcdef0' is not a transit gateway id/);
  });

  test('fails when asked for the address of an endpoint it has not built', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc: vpc(stack) }) });
    expect(() => gw.endpointAddress('aws--azure/conn1/tunnel1')).toThrow(/endpoint 'aws--azure\/conn1\/tunnel1' is not a tunnel of a realised link.+known: none yet/);
  });
});
