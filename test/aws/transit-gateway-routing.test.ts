/**
 * Transit gateway routing of VPN attachments (static routes, association, propagation), the
 * gateway record every VPN connection carries (`Metadata.CrossCloudVpn`), the existing transit
 * gateway's required ASN, stacks that are never empty, and 4-byte customer gateway ASNs.
 */
import { App, CfnParameter, SecretValue, Stack } from 'aws-cdk-lib/core';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsGatewayKind, AwsPeerGateway, AwsVpnConnection, AwsVpnGateway, IAwsVpnGateway } from '../../src/aws';
import type { LinkRealisation } from '../../src/contract';
import { LinkSpec, SiteSpec, planVpn } from '../../src/plan';
import { STRICT_CONTEXT, testStack } from './util';

const TEST_SECRET = 'test-only-master-secret-0123456789';
const azureSite: SiteSpec = { id: 'azure-east', cloud: 'azure', cidrs: ['10.20.0.0/16', '10.21.0.0/16'] };
const AZURE_IPS: Record<string, string> = { instance0: '203.0.113.10', instance1: '203.0.113.11' };
const LOOKUP = 'Custom::VpnTunnelOutsideIps';
const key = (field: string) => SecretValue.secretsManager('test/vpn', { jsonField: field });

/** Plans the AWS gateway with an Azure site (two prefixes) and realises the AWS half. */
function realise(gw: AwsVpnGateway, link: Partial<LinkSpec> = {}): LinkRealisation {
  const plan = planVpn({ sites: [gw.site, azureSite], links: [{ between: [gw.site.id, 'azure-east'], ...link }] }, { masterSecret: TEST_SECRET });
  const gateway = plan.gateways.find((g) => g.site === gw.site.id)!;
  const realisation: LinkRealisation = {
    plan, gateway, resources: gateway.links[0], tunnels: plan.tunnels.filter((t) => t.link === gateway.links[0].link), remoteAddress: (e) => AZURE_IPS[e],
  };
  gw.realiseLink(realisation);
  return realisation;
}

/** A transit gateway (new by default) as site aws-tokyo, with ASN 64600 unless `asn` is given (`null`: none). */
function tgw(stack: Stack, kind = AwsGatewayKind.transitGateway(), asn: number | null = 64600): AwsVpnGateway {
  return new AwsVpnGateway(stack, 'Hub', { kind, siteId: 'aws-tokyo', asn: asn ?? undefined, cidrs: ['10.10.0.0/16'] });
}

/** Logical id of the lookup of connection `conn<n>`. */
function lookupOf(template: Template, n: number): string {
  const ids = Object.keys(template.findResources(LOOKUP)).filter((id) => id.includes(`conn${n}TunnelOutsideIps`));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('static routing on a new transit gateway (default route tables)', () => {
  // GIVEN a transit gateway with default association and propagation, WHEN a static link is realised
  const stack = testStack();
  const gw = tgw(stack);
  realise(gw, { routing: 'static' });
  const template = Template.fromStack(stack);

  test('emits no AWS::EC2::VPNConnectionRoute (virtual private gateways only)', () => {
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
  });

  test('routes every remote prefix to conn1\'s attachment, in the route table the attachment was associated with, both read by its lookup', () => {
    const lookup = lookupOf(template, 1);
    template.resourceCountIs('AWS::EC2::TransitGatewayRoute', 2);
    for (const cidr of azureSite.cidrs) {
      template.hasResourceProperties('AWS::EC2::TransitGatewayRoute', {
        DestinationCidrBlock: cidr,
        TransitGatewayAttachmentId: { 'Fn::GetAtt': [lookup, 'TransitGatewayAttachmentId'] },
        TransitGatewayRouteTableId: { 'Fn::GetAtt': [lookup, 'TransitGatewayRouteTableId'] },
      });
    }
    expect(template.findResources(LOOKUP)[lookup].Properties).toMatchObject({ TransitGatewayAttachment: true, AssociatedRouteTable: true });
  });

  test('routes nothing over conn2 (one static route per prefix and table) and says so', () => {
    const lookup2 = template.findResources(LOOKUP)[lookupOf(template, 2)];
    expect(lookup2.Properties.TransitGatewayAttachment).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Test/Hub', Match.stringLikeRegexp('only conn1 of its 2 VPN connections carries traffic'));
  });

  test('neither associates nor propagates again: the transit gateway does both by default', () => {
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 0);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTablePropagation', 0);
  });

  test('lets the handler role describe transit gateway attachments', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeVpnConnections', 'ec2:DescribeTransitGatewayAttachments'], Resource: '*' }] } }],
    });
  });
});

describe('transit gateway route table choices', () => {
  test('a given route table: static routes go there, the attachments are associated with it and propagate into it', () => {
    // GIVEN a transit gateway that associates nothing by default, and a route table of the user's
    const stack = testStack();
    const table = new ec2.CfnTransitGatewayRouteTable(stack, 'Table', { transitGatewayId: 'tgw-0123456789abcdef0' });
    const gw = tgw(stack, AwsGatewayKind.transitGateway({ defaultRouteTableAssociation: false, defaultRouteTablePropagation: false, routeTableId: table.ref, associateVpnAttachments: true, propagateVpnAttachments: true }));

    // WHEN
    realise(gw, { routing: 'static' });

    // THEN
    const template = Template.fromStack(stack);
    const [l1, l2] = [lookupOf(template, 1), lookupOf(template, 2)];
    const tableRef = { Ref: stack.getLogicalId(table) };
    template.allResourcesProperties('AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: tableRef, TransitGatewayAttachmentId: { 'Fn::GetAtt': [l1, 'TransitGatewayAttachmentId'] } });
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 2);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTablePropagation', 2);
    for (const lookup of [l1, l2]) {
      const attachment = { 'Fn::GetAtt': [lookup, 'TransitGatewayAttachmentId'] };
      template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayRouteTableId: tableRef, TransitGatewayAttachmentId: attachment });
      template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: tableRef, TransitGatewayAttachmentId: attachment });
      // The table is known: the lookup does not wait for an association it would itself precede.
      expect(template.findResources(LOOKUP)[lookup].Properties.TransitGatewayAttachment).toBe(true);
      expect(template.findResources(LOOKUP)[lookup].Properties).not.toHaveProperty('AssociatedRouteTable');
    }
    Annotations.fromStack(stack).hasNoWarning('/Test/Hub', Match.stringLikeRegexp('associated with no route table'));
  });

  test('BGP on a transit gateway needs no attachment id: no route, no extra permission', () => {
    const stack = testStack();
    realise(tgw(stack), { routing: 'bgp' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::TransitGatewayRoute', 0);
    template.allResourcesProperties(LOOKUP, { TransitGatewayAttachment: Match.absent() });
    template.hasResourceProperties('AWS::IAM::Role', { Policies: [{ PolicyDocument: { Statement: [{ Action: 'ec2:DescribeVpnConnections' }] } }] });
  });

  test('BGP with propagation into another route table: one propagation per attachment, no route', () => {
    const stack = testStack();
    realise(tgw(stack, AwsGatewayKind.transitGateway({ routeTableId: 'tgw-rtb-0123456789abcdef0', propagateVpnAttachments: true })), { routing: 'bgp' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::TransitGatewayRoute', 0);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 0);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTablePropagation', 2);
    template.allResourcesProperties('AWS::EC2::TransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: 'tgw-rtb-0123456789abcdef0' });
  });

  test('policy routing on a transit gateway: the remote selector is routed, the connection carries both selectors', () => {
    const stack = testStack();
    realise(tgw(stack), { routing: 'policy', selectors: { 'aws-tokyo': ['10.10.0.0/16'], 'azure-east': ['10.20.0.0/16'] } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::TransitGatewayRoute', 1);
    template.hasResourceProperties('AWS::EC2::TransitGatewayRoute', { DestinationCidrBlock: '10.20.0.0/16' });
    template.allResourcesProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true, RemoteIpv4NetworkCidr: '10.10.0.0/16', LocalIpv4NetworkCidr: '10.20.0.0/16' });
  });

  test('an existing transit gateway with a route table id: routes into it, nothing associated unless asked', () => {
    const stack = testStack();
    realise(tgw(stack, AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0', { routeTableId: 'tgw-rtb-0123456789abcdef0' }), 64700), { routing: 'static', layout: 'minimal' });
    const template = Template.fromStack(stack);
    template.allResourcesProperties('AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: 'tgw-rtb-0123456789abcdef0' });
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 0);
    template.allResourcesProperties('AWS::EC2::VPNConnection', { TransitGatewayId: 'tgw-0123456789abcdef0' });
  });

  test.each([
    ['association on a transit gateway that associates by default', { associateVpnAttachments: true, routeTableId: 'tgw-rtb-0123456789abcdef0' }, /kind\.associateVpnAttachments: the transit gateway associates every attachment with its default route table/],
    ['association without a route table', { associateVpnAttachments: true, defaultRouteTableAssociation: false }, /kind\.associateVpnAttachments: needs routeTableId/],
    ['propagation into the default route table it propagates to already', { propagateVpnAttachments: true }, /kind\.propagateVpnAttachments: the transit gateway already propagates every attachment into its default route table/],
  ])('refuses %s', (_, options, message) => {
    expect(() => tgw(testStack(), AwsGatewayKind.transitGateway(options))).toThrow(message);
  });

  test('refuses static routing on a transit gateway with no default association and no route table', () => {
    const stack = testStack();
    const gw = tgw(stack, AwsGatewayKind.transitGateway({ defaultRouteTableAssociation: false }));
    Annotations.fromStack(stack).hasWarning('/Test/Hub', Match.stringLikeRegexp('associated with no route table'));
    expect(() => realise(gw, { routing: 'static' })).toThrow(/\[Test\/Hub\] link 'aws-tokyo--azure-east' routes statically, but the transit gateway associates attachments with no default route table.+give routeTableId/);
  });

  test('refuses a second static route to the same prefix in the same route table', () => {
    // GIVEN two standalone connections on one transit gateway
    const stack = testStack();
    const gateway: IAwsVpnGateway = { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700, cidrs: ['10.0.0.0/8'] };
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    const conn = (id: string, n: number, routes: string[]) => new AwsVpnConnection(stack, id, {
      gateway, peer, staticRoutes: routes,
      tunnel1: { presharedKey: key('a'), insideCidr: `169.254.1${n}.0/30` },
      tunnel2: { presharedKey: key('b'), insideCidr: `169.254.1${n}.4/30` },
    });
    conn('First', 0, ['192.168.0.0/16']);

    // THEN the second one is refused before anything is deployed, naming the first
    expect(() => conn('Second', 1, ['192.168.0.0/16'])).toThrow(/\[Test\/Second\] staticRoutes: '192\.168\.0\.0\/16' is already routed to Test\/First in the same transit gateway route table/);
    conn('Third', 2, ['172.16.0.0/12']);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::TransitGatewayRoute', 2);
  });

  test('refuses transit gateway routing choices on a virtual private gateway, and association without a table', () => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    const tunnels = { tunnel1: { presharedKey: key('a'), insideCidr: '169.254.10.0/30' }, tunnel2: { presharedKey: key('b'), insideCidr: '169.254.10.4/30' } };
    expect(() => new AwsVpnConnection(stack, 'Vgw', { gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64512, transitGatewayRouting: { routeTableId: 'tgw-rtb-1' } }, peer, ...tunnels }))
      .toThrow(/gateway\.transitGatewayRouting: applies to a transit gateway only/);
    expect(() => new AwsVpnConnection(stack, 'Tgw', { gateway: { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64512, transitGatewayRouting: { associateVpnAttachments: true } }, peer, ...tunnels }))
      .toThrow(/gateway\.transitGatewayRouting\.associateVpnAttachments: needs routeTableId/);
  });
});

describe('Metadata.CrossCloudVpn.Gateway on every VPN connection', () => {
  const metadataOf = (template: Template) => Object.values(template.findResources('AWS::EC2::VPNConnection')).map((c) => c.Metadata.CrossCloudVpn);

  test('a virtual private gateway: kind, new, its ASN and the VPC network', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 2, natGateways: 1 });
    realise(new AwsVpnGateway(stack, 'Tokyo', { kind: AwsGatewayKind.vpnGateway({ vpc }), siteId: 'aws-tokyo', asn: 64600 }));
    const records = metadataOf(Template.fromStack(stack));
    expect(records).toHaveLength(2);
    for (const r of records) expect(r).toEqual({ Gateway: { Kind: 'vpn-gateway', Existing: false, Asn: 64600, Networks: ['10.10.0.0/16'] } });
  });

  test('a new transit gateway with its default route table: no RouteTableId', () => {
    const stack = testStack();
    realise(tgw(stack, AwsGatewayKind.transitGateway(), 4200000001), { routing: 'static' });
    for (const r of metadataOf(Template.fromStack(stack))) expect(r).toEqual({ Gateway: { Kind: 'transit-gateway', Existing: false, Asn: 4200000001, Networks: ['10.10.0.0/16'] } });
  });

  test('an existing transit gateway: its declared ASN, networks and route table', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Hub', {
      kind: AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0', { routeTableId: 'tgw-rtb-0123456789abcdef0' }),
      siteId: 'aws-tokyo', asn: 64700, cidrs: ['10.10.0.0/16', '10.11.0.0/16'],
    });
    realise(gw, { routing: 'bgp' });
    for (const r of metadataOf(Template.fromStack(stack))) {
      expect(r).toEqual({ Gateway: { Kind: 'transit-gateway', Existing: true, Asn: 64700, Networks: ['10.10.0.0/16', '10.11.0.0/16'], RouteTableId: 'tgw-rtb-0123456789abcdef0' } });
    }
  });

  test('a route table given as a token is recorded as its reference', () => {
    const stack = testStack();
    const table = new CfnParameter(stack, 'TableId', { type: 'String' });
    realise(tgw(stack, AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0', { routeTableId: table.valueAsString }), 64700), { routing: 'static', layout: 'minimal' });
    for (const r of metadataOf(Template.fromStack(stack))) expect(r.Gateway.RouteTableId).toEqual({ Ref: 'TableId' });
  });

  test('a gateway given as a plain object: existing, with what the object says', () => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    new AwsVpnConnection(stack, 'Conn', {
      gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64512 }, peer,
      tunnel1: { presharedKey: key('a'), insideCidr: '169.254.10.0/30' }, tunnel2: { presharedKey: key('b'), insideCidr: '169.254.10.4/30' },
    });
    expect(metadataOf(Template.fromStack(stack))).toEqual([{ Gateway: { Kind: 'vpn-gateway', Existing: true, Asn: 64512, Networks: [] } }]);
  });

  test('a transit gateway given as a plain object without cidrs: warned, since nothing then says its networks', () => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    const tunnels = { tunnel1: { presharedKey: key('a'), insideCidr: '169.254.10.0/30' }, tunnel2: { presharedKey: key('b'), insideCidr: '169.254.10.4/30' } };
    new AwsVpnConnection(stack, 'Bare', { gateway: { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700 }, peer, ...tunnels });
    new AwsVpnConnection(stack, 'Declared', { gateway: { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700, cidrs: ['10.0.0.0/8'] }, peer, ...tunnels });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Test/Bare', Match.stringLikeRegexp('Networks is empty'));
    annotations.hasNoWarning('/Test/Declared', Match.stringLikeRegexp('Networks is empty'));
  });
});

describe('an existing transit gateway needs its ASN', () => {
  test('refuses an existing transit gateway without asn, instead of assuming 64512', () => {
    expect(() => tgw(testStack(), AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0'), null))
      .toThrow(/\[Test\/Hub\] asn: required with an existing transit gateway: the ASN it was created with/);
  });

  test('a new gateway still defaults to 64512', () => {
    expect(tgw(testStack(), AwsGatewayKind.transitGateway(), null).asn).toBe(64512);
  });
});

describe('no stack the library creates or builds in is empty', () => {
  const templates = (app: App) => app.synth().stacks.map((s) => ({ name: s.stackName, resources: Object.values<{ Type: string }>(s.template.Resources ?? {}) }));

  test('the home stack of an existing transit gateway gets a placeholder resource; its link stack holds the connections', () => {
    // GIVEN an existing transit gateway alone in its stack, linked through a phase-2 link stack
    const app = new App({ context: STRICT_CONTEXT });
    const home = new Stack(app, 'Home');
    const gw = tgw(home, AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0'), 64700);
    const link = gw.deployment.linkStack(2);
    const plan = planVpn({ sites: [gw.site, azureSite], links: [{ between: ['aws-tokyo', 'azure-east'], routing: 'bgp' }] }, { masterSecret: TEST_SECRET });
    const gatewayPlan = plan.gateways.find((g) => g.site === 'aws-tokyo')!;
    gw.realiseLink({ plan, gateway: gatewayPlan, resources: gatewayPlan.links[0], tunnels: plan.tunnels, stack: link, remoteAddress: (e) => link.importValue(`Azure ${e}`, e).value });

    // THEN every template has resources; the home stack's only one is the placeholder
    const all = templates(app);
    expect(all.map((t) => t.name).sort()).toEqual(['Home', 'HomeLinks2']);
    for (const t of all) expect({ stack: t.name, count: t.resources.length > 0 }).toEqual({ stack: t.name, count: true });
    expect(all.find((t) => t.name === 'Home')!.resources.map((r) => r.Type)).toEqual(['AWS::CloudFormation::WaitConditionHandle']);
    expect(all.find((t) => t.name === 'HomeLinks2')!.resources.map((r) => r.Type)).not.toContain('AWS::CloudFormation::WaitConditionHandle');
  });

  test('a link stack that ends up with nothing in it gets a placeholder too', () => {
    const app = new App({ context: STRICT_CONTEXT });
    const home = new Stack(app, 'Home');
    const vpc = new ec2.Vpc(home, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 1, natGateways: 0 });
    const gw = new AwsVpnGateway(home, 'Gw', { kind: AwsGatewayKind.vpnGateway({ vpc }) });
    gw.deployment.linkStack(3);
    const all = templates(app);
    expect(all.find((t) => t.name === 'HomeLinks3')!.resources.map((r) => r.Type)).toEqual(['AWS::CloudFormation::WaitConditionHandle']);
    // A stack with resources of its own gets none.
    expect(all.find((t) => t.name === 'Home')!.resources.map((r) => r.Type)).not.toContain('AWS::CloudFormation::WaitConditionHandle');
  });
});

describe('4-byte customer gateway ASNs', () => {
  const cgw = (asn: number) => {
    const stack = testStack();
    new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: asn });
    return Template.fromStack(stack);
  };

  test.each([
    [1, 'BgpAsn'], [65010, 'BgpAsn'], [2147483647, 'BgpAsn'],
    [2147483648, 'BgpAsnExtended'], [4200000002, 'BgpAsnExtended'], [4294967294, 'BgpAsnExtended'],
  ])('ASN %d is written as %s, and only there', (asn, field) => {
    const other = field === 'BgpAsn' ? 'BgpAsnExtended' : 'BgpAsn';
    cgw(asn).hasResourceProperties('AWS::EC2::CustomerGateway', { [field]: asn, [other]: Match.absent() });
  });

  test.each([[0], [4294967295], [7224], [9059], [1.5]])('refuses ASN %d, naming both ranges', (asn) => {
    expect(() => cgw(asn)).toThrow(/peerAsn: .+cannot be registered as a peer ASN on AWS; allowed: 1-4294967294 \(above 2147483647 as BgpAsnExtended\), except 7224 and 9059/);
  });

  test('a connection to a 4-byte peer ASN synthesizes (customer gateway and BGP connection)', () => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 4200000002 });
    new AwsVpnConnection(stack, 'Conn', {
      gateway: { transitGatewayId: 'tgw-0123456789abcdef0', asn: 4200000001, cidrs: ['10.0.0.0/8'] }, peer,
      tunnel1: { presharedKey: key('a'), insideCidr: '169.254.10.0/30' }, tunnel2: { presharedKey: key('b'), insideCidr: '169.254.10.4/30' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { BgpAsnExtended: 4200000002 });
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: false, CustomerGatewayId: { Ref: Match.stringLikeRegexp('^Peer') } });
  });
});
