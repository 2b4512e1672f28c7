import { Stack } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsGatewayKind, AwsVpnGateway } from '../../src/aws';
import type { LinkRealisation } from '../../src/contract';
import { LinkSpec, PlannedTunnel, SiteSpec, VpnPlan, planVpn } from '../../src/plan';
import { testStack } from './util';

/** A master secret for tests only (never a real one). */
const TEST_SECRET = 'test-only-master-secret-0123456789';
const azureSite: SiteSpec = { id: 'azure-east', cloud: 'azure', cidrs: ['10.20.0.0/16'] };
/** Documentation-range addresses the fake realisation hands out for the Azure instances. */
const AZURE_IPS: Record<string, string> = { instance0: '203.0.113.10', instance1: '203.0.113.11' };

function awsGateway(stack: Stack, kind: 'vgw' | 'tgw' = 'vgw'): AwsVpnGateway {
  if (kind === 'tgw') {
    return new AwsVpnGateway(stack, 'Hub', { kind: AwsGatewayKind.transitGateway(), siteId: 'aws-tokyo', asn: 64600, cidrs: ['10.10.0.0/16'] });
  }
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 2, natGateways: 1 });
  return new AwsVpnGateway(stack, 'Tokyo', { kind: AwsGatewayKind.vpnGateway({ vpc }), siteId: 'aws-tokyo', asn: 64600 });
}

/** Plans the AWS gateway with an Azure site, and a realisation of the link for the AWS side. */
function planLink(gw: AwsVpnGateway, link: Partial<LinkSpec> = {}): { plan: VpnPlan; realisation: LinkRealisation } {
  const plan = planVpn({ sites: [gw.site, azureSite], links: [{ between: ['aws-tokyo', 'azure-east'], ...link }] }, { masterSecret: TEST_SECRET });
  const gateway = plan.gateways.find((g) => g.site === 'aws-tokyo')!;
  const resources = gateway.links[0];
  return {
    plan,
    realisation: {
      plan,
      gateway,
      resources,
      tunnels: plan.tunnels.filter((t) => t.link === resources.link),
      remoteAddress: (endpoint) => AZURE_IPS[endpoint],
    },
  };
}

const awsEnd = (t: PlannedTunnel) => t.ends.find((e) => e.cloud === 'aws')!;

describe('AwsVpnGateway.realiseLink', () => {
  test('builds the planned customer gateways and connections, with tunnel options from the plan and ASNs by role', () => {
    // GIVEN
    const stack = testStack();
    const gw = awsGateway(stack);
    const { plan, realisation } = planLink(gw);
    const azureAsn = plan.gateways.find((g) => g.site === 'azure-east')!.asn;

    // WHEN
    gw.realiseLink(realisation);

    // THEN: the AWS side's ASN is the AWS site's, each customer gateway carries the peer's
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPNGateway', { AmazonSideAsn: 64600 });
    template.resourceCountIs('AWS::EC2::CustomerGateway', 2);
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '203.0.113.10', BgpAsn: azureAsn });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '203.0.113.11', BgpAsn: azureAsn });
    expect(azureAsn).not.toBe(64600);

    // AND: two connections, each with its planned tunnel pair, in order
    template.resourceCountIs('AWS::EC2::VPNConnection', 2);
    const connections = template.findResources('AWS::EC2::VPNConnection');
    const resources = realisation.resources.cloud === 'aws' ? realisation.resources : undefined;
    expect(resources?.vpnConnections).toHaveLength(2);
    resources!.vpnConnections.forEach((planned, k) => {
      const [logicalId, connection] = Object.entries(connections).find(([id]) => id.includes(`Linkawstokyoazureeast${planned.id}`))!;
      expect(logicalId).toBeDefined();
      const props = connection.Properties;
      expect(props.StaticRoutesOnly).toBe(false);
      expect(props.VpnGatewayId).toEqual({ Ref: expect.stringMatching(/^Tokyo/) });
      expect(props.CustomerGatewayId).toEqual({ Ref: expect.stringMatching(new RegExp(`cgw${k + 1}`)) });
      // The connection names each tunnel by its inside CIDR; its options resource carries the rest.
      const options = Object.values(template.findResources('Custom::VpnTunnelOptions')).find((o) => o.Properties.VpnConnectionId.Ref === logicalId)!;
      planned.tunnels.forEach((tunnelId, i) => {
        const tunnel = plan.tunnels.find((t) => t.id === tunnelId)!;
        const p = awsEnd(tunnel).proposal;
        expect(props.VpnTunnelOptionsSpecifications[i]).toEqual({ TunnelInsideCidr: tunnel.insideCidr });
        const written = options.Properties.Tunnels[i];
        expect(written).toEqual({
          PreSharedKey: expect.any(String),
          TunnelInsideCidr: tunnel.insideCidr,
          IKEVersions: [{ Value: p.ikeVersion }],
          Phase1EncryptionAlgorithms: [{ Value: p.phase1.encryption }],
          Phase1IntegrityAlgorithms: [{ Value: p.phase1.integrity }],
          Phase1DHGroupNumbers: [{ Value: Number(p.phase1.dhGroup) }],
          Phase2EncryptionAlgorithms: [{ Value: p.phase2.encryption }],
          Phase2IntegrityAlgorithms: [{ Value: p.phase2.integrity }],
          Phase2DHGroupNumbers: [{ Value: Number(p.phase2.pfsGroup) }],
          Phase1LifetimeSeconds: p.phase1.lifetimeSeconds,
          Phase2LifetimeSeconds: p.phase2.lifetimeSeconds,
          RekeyMarginTimeSeconds: 540,
          RekeyFuzzPercentage: 100,
          ReplayWindowSize: 1024,
          DPDTimeoutSeconds: 30,
          DPDTimeoutAction: 'restart',
          StartupAction: awsEnd(tunnel).initiates ? 'start' : 'add',
        });
        // Compared without printing the key on failure.
        expect(written.PreSharedKey === tunnel.presharedKey.reveal()).toBe(true);
      });
    });
    // Facing Azure, AWS rekeys phase 1 before Azure's fixed 28800 s, and initiates (IKEv2).
    expect(awsEnd(plan.tunnels[0]).proposal.phase1.lifetimeSeconds).toBe(27000);
    expect(awsEnd(plan.tunnels[0]).initiates).toBe(true);
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
  });

  test('builds under Link-<link id>, with the plan ids as construct ids', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    gw.realiseLink(planLink(gw).realisation);
    const link = gw.node.findChild('Link-aws-tokyo--azure-east');
    expect(link.node.children.map((c) => c.node.id).sort()).toEqual(['cgw1', 'cgw2', 'conn1', 'conn2']);
  });

  test("gives each AWS endpoint's address: the outside IP of its tunnel", () => {
    // GIVEN
    const stack = testStack();
    const gw = awsGateway(stack);
    const { plan, realisation } = planLink(gw);

    // WHEN
    gw.realiseLink(realisation);

    // THEN: every AWS endpoint of the plan resolves to the lookup attribute of its own inside CIDR
    const lookups = Template.fromStack(stack).findResources('Custom::VpnTunnelOutsideIps');
    for (const tunnel of plan.tunnels) {
      const address = stack.resolve(gw.endpointAddress(awsEnd(tunnel).endpoint)) as { 'Fn::GetAtt': [string, string] };
      const [lookupId, attribute] = address['Fn::GetAtt'];
      const n = Number(/^Tunnel([12])OutsideIp$/.exec(attribute)![1]);
      expect(lookups[lookupId].Properties.TunnelInsideCidrs[n - 1]).toBe(tunnel.insideCidr);
    }
    expect(awsEnd(plan.tunnels[0]).endpoint).toBe('aws-tokyo--azure-east/conn1/tunnel1');
    expect(() => gw.endpointAddress('aws-tokyo--azure-east/conn3/tunnel1')).toThrow(/known: aws-tokyo--azure-east\/conn1\/tunnel1, /);
  });

  test('exports an endpoint address as an output of the stack its connection lives in', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    gw.realiseLink(planLink(gw).realisation);
    const ref = gw.deployment.exportEndpoint('aws-tokyo--azure-east/conn2/tunnel1');
    expect(ref.stack).toBe('Test');
    const outputs = Template.fromStack(stack).findOutputs(ref.output);
    expect(JSON.stringify(outputs[ref.output].Value)).toContain('conn2');
  });

  test('static routing: StaticRoutesOnly, routes to the remote networks, default peer ASN', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    gw.realiseLink(planLink(gw, { routing: 'static' }).realisation);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPNConnection', 2);
    template.allResourcesProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 2);
    template.allResourcesProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: '10.20.0.0/16' });
    template.allResourcesProperties('AWS::EC2::CustomerGateway', { BgpAsn: 65000 });
  });

  test('policy routing: one local and one remote prefix per connection', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    gw.realiseLink(planLink(gw, { routing: 'policy' }).realisation);
    Template.fromStack(stack).allResourcesProperties('AWS::EC2::VPNConnection', {
      StaticRoutesOnly: true,
      RemoteIpv4NetworkCidr: '10.10.0.0/16',
      LocalIpv4NetworkCidr: '10.20.0.0/16',
    });
  });

  test('on a transit gateway: connections attach with TransitGatewayId', () => {
    const stack = testStack();
    const gw = awsGateway(stack, 'tgw');
    const { realisation } = planLink(gw);
    expect(realisation.gateway.kind).toBe('transit-gateway');
    gw.realiseLink(realisation);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::TransitGateway', { AmazonSideAsn: 64600, VpnEcmpSupport: 'enable' });
    template.allResourcesProperties('AWS::EC2::VPNConnection', { TransitGatewayId: { Ref: Match.stringLikeRegexp('^Hub') }, VpnGatewayId: Match.absent() });
  });

  test('builds in the link stack it is given, with remote addresses from its parameters', () => {
    // GIVEN
    const stack = testStack();
    const gw = awsGateway(stack);
    const linkStack = gw.deployment.linkStack(2);
    const { realisation } = planLink(gw);

    // WHEN
    gw.realiseLink({ ...realisation, stack: linkStack, remoteAddress: (e) => linkStack.importValue(`Azure ${e}`, `public IP of ${e}`).value });

    // THEN
    const links = Template.fromStack(linkStack.scope as Stack);
    links.resourceCountIs('AWS::EC2::VPNConnection', 2);
    links.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: { Ref: 'AzureInstance0' } });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPNConnection', 0);
  });

  test('fails when given another cloud\'s resources', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { plan, realisation } = planLink(gw);
    const azure = plan.gateways.find((g) => g.site === 'azure-east')!;
    expect(() => gw.realiseLink({ ...realisation, resources: azure.links[0] })).toThrow(/\[Test\/Tokyo\] link 'aws-tokyo--azure-east' was planned for azure site 'aws-tokyo' \(vpn-gateway\); allowed: a link of AWS site 'aws-tokyo' \(vpn-gateway\)/);
  });

  test('fails when the plan gives the site another ASN', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw);
    expect(() => gw.realiseLink({ ...realisation, gateway: { ...realisation.gateway, asn: 64999 } })).toThrow(/the plan gives site 'aws-tokyo' ASN 64999, but asn is 64600/);
  });

  test('fails with one clear error when the link is realised twice', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw);
    gw.realiseLink(realisation);
    expect(() => gw.realiseLink(realisation)).toThrow(/\[Test\/Tokyo\] link 'aws-tokyo--azure-east' is already realised on this gateway; allowed: each link once/);
  });
});
