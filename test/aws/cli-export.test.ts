import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsVpnGateway, awsTransitGatewayAttributesFromCli, awsVpnGatewayAttributesFromCli } from '../../src/aws';
import { testStack } from './util';

const DIR = path.join(__dirname, 'fixtures', 'cli');
const file = (name: string) => path.join(DIR, name);
const json = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file(name), 'utf8'));
const VGW = {
  gateway: file('existing-vgw/describe-vpn-gateways.json'),
  connections: file('existing-vgw/describe-vpn-connections.json'),
  vpcs: file('existing-vgw/describe-vpcs.json'),
};
const TGW = {
  gateway: file('existing-tgw/describe-transit-gateways.json'),
  connections: file('existing-tgw/describe-vpn-connections.json'),
  vpcs: file('existing-tgw/describe-vpcs.json'),
};

/** A deep copy of a fixture with one change. */
function changed(name: string, change: (j: any) => void): Record<string, unknown> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const j = json(name);
  change(j);
  return j;
}

/** The message of what `f` throws (it must throw). */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('awsVpnGatewayAttributesFromCli', () => {
  test('reads id, ASN, the attached VPC\'s associated CIDR blocks, and what the existing connections use', () => {
    // WHEN
    const attrs = awsVpnGatewayAttributesFromCli(VGW);

    // THEN: the deleting connection's /30s stay taken but it no longer counts; the deleted one is ignored
    expect(attrs).toEqual({
      vpnGatewayId: 'vgw-0a1b2c3d4e5f60718',
      asn: 64620,
      cidrs: ['10.30.0.0/16', '10.31.0.0/16'],
      inUse: { insideCidrs: ['169.254.44.0/30', '169.254.44.4/30', '169.254.46.0/30', '169.254.46.4/30'], connections: 1 },
    });
  });

  test('takes parsed JSON as well as file paths, and cidrs instead of the VPCs', () => {
    const attrs = awsVpnGatewayAttributesFromCli({ gateway: json('existing-vgw/describe-vpn-gateways.json'), connections: json('existing-vgw/describe-vpn-connections.json'), cidrs: ['10.30.0.0/16'] });
    expect(attrs.cidrs).toEqual(['10.30.0.0/16']);
    expect(attrs.inUse?.connections).toBe(1);
  });

  test('the result imports the gateway as it is: its id on the connections, its ASN and networks in the record', () => {
    const stack = testStack();
    const gw = AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', { ...awsVpnGatewayAttributesFromCli(VGW), siteId: 'aws-osaka' });
    expect(gw.site).toMatchObject({ id: 'aws-osaka', asn: 64620, cidrs: ['10.30.0.0/16', '10.31.0.0/16'], inUse: { connections: 1 } });
    expect(gw.vpnGatewayId).toBe('vgw-0a1b2c3d4e5f60718');
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPNGateway', 0);
  });

  test('an empty connection list: nothing in use', () => {
    const attrs = awsVpnGatewayAttributesFromCli({ ...VGW, connections: { VpnConnections: [] } });
    expect(attrs.inUse).toEqual({ insideCidrs: [], connections: 0 });
  });

  test('names every problem of a broken export at once: file, JSON path, value, what is allowed', () => {
    // GIVEN a deleted, detached gateway with its ASN as a string, and a connection of another gateway
    const message = errorOf(() => awsVpnGatewayAttributesFromCli({
      gateway: file('bad/describe-vpn-gateways-deleted.json'), connections: file('bad/describe-vpn-connections-other-gateway.json'), vpcs: VGW.vpcs,
    }));

    // THEN
    const gw = file('bad/describe-vpn-gateways-deleted.json');
    const conns = file('bad/describe-vpn-connections-other-gateway.json');
    expect(message).toContain('[awsVpnGatewayAttributesFromCli]');
    expect(message).toContain(`${gw} $.VpnGateways[0].State: 'deleted'; allowed: available`);
    expect(message).toContain(`${gw} $.VpnGateways[0].AmazonSideAsn: '64620'; allowed: an integer ASN`);
    expect(message).toContain(`${gw} $.VpnGateways[0].VpcAttachments: [{"State":"detached","VpcId":"vpc-0a1b2c3d4e5f60719"}]; allowed: an attachment in state attached`);
    expect(message).toContain(`${conns} $.VpnConnections[0].VpnGatewayId: 'vgw-0fffffffffffffff0'; allowed: 'vgw-0a1b2c3d4e5f60718': the gateway exported`);
    expect(message).toContain(`${conns} $.VpnConnections[0].Options.TunnelOptions[0].TunnelInsideCidr: '169.254.60.0/29'; allowed: a /30 of 169.254.0.0/16`);
    expect(message).toContain(`${conns} $.VpnConnections[0].Options.TunnelOptions[1].TunnelInsideCidr: missing; allowed: a string`);
  });

  test.each<[string, () => Parameters<typeof awsVpnGatewayAttributesFromCli>[0], RegExp]>([
    ['a file that does not exist', () => ({ ...VGW, gateway: file('existing-vgw/nope.json') }), /nope\.json: cannot read the gateway export: ENOENT; allowed: the path of a file/],
    ['a file that is not JSON', () => ({ ...VGW, gateway: file('bad/truncated.json') }), /truncated\.json: is not JSON \(.*\); allowed: the AWS CLI's output with --output json/],
    ['the transit gateway command\'s output', () => ({ ...VGW, gateway: TGW.gateway }), /describe-transit-gateways\.json \$\.VpnGateways: missing; allowed: a list/],
    ['two gateways', () => ({ ...VGW, gateway: changed('existing-vgw/describe-vpn-gateways.json', (j) => j.VpnGateways.push(j.VpnGateways[0])) }),
      /gateway \$\.VpnGateways: '2 entries'; allowed: exactly one: the output of aws ec2 describe-vpn-gateways --vpn-gateway-ids vgw-\.\.\. with one id/],
    ['an id that is not one', () => ({ ...VGW, gateway: changed('existing-vgw/describe-vpn-gateways.json', (j) => { j.VpnGateways[0].VpnGatewayId = 'vgw-XYZ'; }) }),
      /gateway \$\.VpnGateways\[0\]\.VpnGatewayId: 'vgw-XYZ'; allowed: a virtual private gateway id/],
    ['no VPC output for the attached VPC', () => ({ ...VGW, vpcs: { Vpcs: [] } }), /vpcs \$\.Vpcs: 'no entry for vpc-0a1b2c3d4e5f60719'; allowed: an entry for every VPC attached to the gateway: aws ec2 describe-vpcs --vpc-ids vpc-0a1b2c3d4e5f60719/],
    ['neither vpcs nor cidrs', () => ({ gateway: VGW.gateway, connections: VGW.connections }), /no network behind the gateway: neither vpcs nor cidrs given/],
    ['a connection in an unknown state', () => ({ ...VGW, connections: changed('existing-vgw/describe-vpn-connections.json', (j) => { j.VpnConnections[0].State = 'up'; }) }),
      /connections \$\.VpnConnections\[0\]\.State: 'up'; allowed: one of pending, available, deleting, deleted/],
    ['a connection list that is not one', () => ({ ...VGW, connections: { VpnConnections: {} } }), /connections \$\.VpnConnections: \{\}; allowed: a list/],
    ['a VPC block that is not a prefix', () => ({ ...VGW, vpcs: changed('existing-vgw/describe-vpcs.json', (j) => { j.Vpcs[0].CidrBlockAssociationSet[0].CidrBlock = '10.30.0.1/16'; }) }),
      /vpcs \$\.Vpcs\[0\]\.CidrBlockAssociationSet\[0\]\.CidrBlock: '10\.30\.0\.1\/16'; allowed: an IPv4 prefix/],
  ])('refuses %s', (_, input, error) => {
    expect(errorOf(() => awsVpnGatewayAttributesFromCli(input()))).toMatch(error);
  });

  test('refuses an argument without gateway or connections with one clear error', () => {
    expect(errorOf(() => awsVpnGatewayAttributesFromCli(null as never))).toMatch(/^\[awsVpnGatewayAttributesFromCli\] expected \{ gateway, connections, vpcs\?, cidrs\? \}, got null; allowed: each the AWS CLI's --output json/);
    expect(errorOf(() => awsTransitGatewayAttributesFromCli({ gateway: TGW.gateway } as never))).toMatch(/^\[awsTransitGatewayAttributesFromCli\] expected \{ gateway, connections/);
  });

  test('never shows a pre-shared key found in the export', () => {
    // GIVEN the CLI's output as printed, keys included, and one value wrong next to a key
    const key = 'TestOnlyKeyNeverShown0123456789';
    const connections = changed('existing-vgw/describe-vpn-connections.json', (j) => {
      j.VpnConnections[0].Options.TunnelOptions[0].PreSharedKey = key;
      j.VpnConnections[0].Options.TunnelOptions[1] = { PreSharedKey: key, TunnelInsideCidr: 42 };
    });
    // WHEN / THEN
    const message = errorOf(() => awsVpnGatewayAttributesFromCli({ ...VGW, connections }));
    expect(message).toContain('TunnelOptions[1].TunnelInsideCidr: 42; allowed: a string');
    expect(message).not.toContain(key);
    // AND a malformed list that holds keys is described, not shown
    const list = changed('existing-vgw/describe-vpn-connections.json', (j) => { j.VpnConnections[0].Options.TunnelOptions = { 0: { PreSharedKey: key } }; });
    const second = errorOf(() => awsVpnGatewayAttributesFromCli({ ...VGW, connections: list }));
    expect(second).toContain('Options.TunnelOptions: an object; allowed: a list');
    expect(second).not.toContain(key);
  });
});

describe('awsTransitGatewayAttributesFromCli', () => {
  test('reads id, ASN, default association and propagation with their route tables, networks and what is in use', () => {
    expect(awsTransitGatewayAttributesFromCli(TGW)).toEqual({
      transitGatewayId: 'tgw-0a1b2c3d4e5f6071a',
      asn: 64701,
      cidrs: ['172.20.0.0/16', '172.21.0.0/16'],
      defaultRouteTableAssociation: true,
      associationDefaultRouteTableId: 'tgw-rtb-0a1b2c3d4e5f6071b',
      defaultRouteTablePropagation: true,
      propagationDefaultRouteTableId: 'tgw-rtb-0a1b2c3d4e5f6071b',
      inUse: { insideCidrs: ['169.254.50.0/30', '169.254.50.4/30'], connections: 1 },
    });
  });

  test('its defaults reach the import\'s checks: association with a default-associating gateway is refused', () => {
    expect(() => AwsVpnGateway.fromTransitGatewayAttributes(testStack(), 'Tgw', {
      ...awsTransitGatewayAttributesFromCli(TGW), routing: { routeTableId: 'tgw-rtb-0123456789abcdef0', associateVpnAttachments: true },
    })).toThrow(/routing\.associateVpnAttachments: the transit gateway associates every attachment with its default association route table/);
  });

  test.each<[string, () => Parameters<typeof awsTransitGatewayAttributesFromCli>[0], RegExp]>([
    ['the virtual private gateway command\'s output', () => ({ ...TGW, gateway: VGW.gateway }), /describe-vpn-gateways\.json \$\.TransitGateways: missing; allowed: a list/],
    ['a switch AWS does not print', () => ({ ...TGW, gateway: changed('existing-tgw/describe-transit-gateways.json', (j) => { j.TransitGateways[0].Options.DefaultRouteTableAssociation = true; }) }),
      /gateway \$\.TransitGateways\[0\]\.Options\.DefaultRouteTableAssociation: true; allowed: one of enable, disable/],
    ['default association without its route table', () => ({ ...TGW, gateway: changed('existing-tgw/describe-transit-gateways.json', (j) => { delete j.TransitGateways[0].Options.AssociationDefaultRouteTableId; }) }),
      /Options\.AssociationDefaultRouteTableId: missing; allowed: a transit gateway route table id/],
    ['no ASN', () => ({ ...TGW, gateway: changed('existing-tgw/describe-transit-gateways.json', (j) => { delete j.TransitGateways[0].Options.AmazonSideAsn; }) }),
      /Options\.AmazonSideAsn: missing; allowed: an integer ASN/],
    ['a connection of a virtual private gateway', () => ({ ...TGW, connections: VGW.connections }),
      /describe-vpn-connections\.json \$\.VpnConnections\[0\]\.TransitGatewayId: missing; allowed: 'tgw-0a1b2c3d4e5f6071a': the gateway exported \(describe-vpn-connections --filters Name=transit-gateway-id/],
    ['neither vpcs nor cidrs', () => ({ gateway: TGW.gateway, connections: TGW.connections }), /no network behind the gateway/],
  ])('refuses %s', (_, input, error) => {
    expect(errorOf(() => awsTransitGatewayAttributesFromCli(input()))).toMatch(error);
  });
});
