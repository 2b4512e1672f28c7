/**
 * The reader's layers on their own: `Resolver.resourceOf` (the one way to follow a reference to a
 * resource of a type) and `readOutput` (one output's resources, properties settled), on the
 * AWS ↔ Azure fixture.
 */
import * as path from 'node:path';
import { Resolver, loadStacks, readOutput } from '../../src/verify/read-output';

const FIXTURE = path.join(__dirname, 'fixtures', 'aws-azure');

describe('Resolver.resourceOf', () => {
  const { stacks, manifest } = loadStacks([FIXTURE]);
  const r = new Resolver(stacks, manifest);
  const awsLinks = r.stack('AwsLinks', 'cdk')!;
  const azureLinks = r.stack('azure-links', 'cdktf')!;
  const conn = r.cfnResource(awsLinks, 'Conn1A2B3C4D')!.Properties as { [k: string]: never };
  const azureConn = r.tfResource(azureLinks, 'azurerm_virtual_network_gateway_connection.Gw_link_conn1')!;

  test.each([
    ['a CloudFormation Ref in the same template', awsLinks, conn.CustomerGatewayId, 'AWS::EC2::CustomerGateway', 'cdk:AwsLinks/Cgw1ABCDEF12'],
    ['a CloudFormation Fn::ImportValue of another template', awsLinks, conn.VpnGatewayId, 'AWS::EC2::VPNGateway', 'cdk:Aws/VpnGateway1234ABCD'],
    ['a Terraform reference in the same stack', azureLinks, azureConn.local_network_gateway_id, 'azurerm_local_network_gateway', 'cdktf:azure-links/azurerm_local_network_gateway.Gw_link_lng1'],
    ['a Terraform remote-state output of another stack', azureLinks, azureConn.virtual_network_gateway_id, 'azurerm_virtual_network_gateway', 'cdktf:azure/azurerm_virtual_network_gateway.Gw_Resource'],
  ])('GIVEN %s WHEN followed THEN it names the resource, with its body and properties', (_what, stack, value, type, key) => {
    const found = r.resourceOf(stack, value, type);
    expect(found?.key).toBe(key);
    expect(found?.type).toBe(type);
    expect(found?.props).toBe(found?.stack.engine === 'cdk' ? found?.body.Properties : found?.body);
  });

  test('a reference to a resource of another type, a deploy-time value or nothing follows to nothing', () => {
    expect(r.resourceOf(awsLinks, conn.CustomerGatewayId, 'AWS::EC2::VPNGateway')).toBeUndefined();
    expect(r.resourceOf(azureLinks, azureConn.local_network_gateway_id, 'azurerm_virtual_network_gateway')).toBeUndefined();
    expect(r.resourceOf(awsLinks, { Ref: 'AWS::Region' }, 'AWS::EC2::VPNGateway')).toBeUndefined();
    expect(r.resourceOf(awsLinks, undefined, 'AWS::EC2::VPNGateway')).toBeUndefined();
  });
});

describe('readOutput', () => {
  const out = readOutput([FIXTURE]);
  const res = (key: string) => out.resources.find((x) => x.key === key)!;

  test('lists every resource of both engines, keyed as violations key them', () => {
    expect(out.warnings).toEqual([]);
    expect(out.resources.map((x) => x.key)).toEqual(expect.arrayContaining([
      'cdk:AwsLinks/Conn1A2B3C4D', 'cdk:Aws/VpnGateway1234ABCD', 'cdktf:azure-links/azurerm_local_network_gateway.Gw_link_lng1', 'cdktf:azure/azurerm_public_ip.Gw_PublicIp0_AAAA',
    ]));
    let written = 0;
    for (const s of out.stacks) {
      if (s.engine === 'cdk') written += Object.keys(s.body.Resources as object).length;
      else for (const byName of Object.values(s.body.resource as object)) written += Object.keys(byName as object).length;
    }
    expect(out.resources).toHaveLength(written);
  });

  test('settles references: resources by key, gateway addresses by endpoint, through the manifest across engines', () => {
    const conn = res('cdk:AwsLinks/Conn1A2B3C4D').settled;
    expect(conn.CustomerGatewayId).toEqual({ $ref: 'cdk:AwsLinks/Cgw1ABCDEF12' });
    expect(conn.VpnGatewayId).toEqual({ $ref: 'cdk:Aws/VpnGateway1234ABCD' });
    expect(res('cdk:AwsLinks/Cgw1ABCDEF12').settled.IpAddress).toEqual({ $endpoint: 'azure:azure/azurerm_public_ip.Gw_PublicIp0_AAAA' });
    expect(res('cdktf:azure-links/azurerm_local_network_gateway.Gw_link_lng1').settled.gateway_address).toEqual({ $endpoint: 'aws:AwsLinks/Conn1A2B3C4D#tunnel1' });
    // Objects as written (CloudFormation list values) stay objects; only intrinsic functions are evaluated.
    expect((conn.VpnTunnelOptionsSpecifications as { IKEVersions: unknown }[])[0].IKEVersions).toEqual([{ Value: 'ikev2' }]);
  });

  test('keys settle to fingerprints, equal on both halves, and never appear as written', () => {
    const aws = (res('cdk:AwsLinks/Conn1A2B3C4D').settled.VpnTunnelOptionsSpecifications as { PreSharedKey: { $key: string } }[])[0].PreSharedKey;
    const azure = res('cdktf:azure-links/azurerm_virtual_network_gateway_connection.Gw_link_conn1').settled.shared_key as { $key: string };
    expect(aws.$key).toMatch(/^[0-9a-f]{12}$/);
    expect(azure.$key).toBe(aws.$key);
    expect(JSON.stringify(out.resources.map((x) => x.settled))).not.toContain('fixtureKeyNotSecret');
  });

  test('GIVEN one stack folder without its manifest WHEN read THEN values only deployment knows say why', () => {
    const alone = readOutput([path.join(FIXTURE, 'cdktf.out', 'stacks', 'azure-links')]);
    const lng = alone.resources.find((x) => x.id === 'azurerm_local_network_gateway.Gw_link_lng1')!.settled;
    const conn = alone.resources.find((x) => x.id === 'azurerm_virtual_network_gateway_connection.Gw_link_conn1')!.settled;
    expect(lng.gateway_address).toEqual({ $deployTime: 'variable azure-links.aws_tunnel1_ip is set at deploy time and no deployment manifest says what feeds it' });
    expect(conn.virtual_network_gateway_id).toEqual({ $deployTime: expect.stringMatching(/^remote state .* names no stack among the folders read$/) });
  });
});
