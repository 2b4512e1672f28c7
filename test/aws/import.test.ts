import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsGatewayKind, AwsPeerGateway, AwsTransitGatewayAttributes, AwsTunnelBandwidth, AwsVpnConnection, AwsVpnGateway, AwsVpnGatewayAttributes } from '../../src/aws';
import type { LinkRealisation } from '../../src/contract';
import { SiteSpec, planVpn } from '../../src/plan';
import { testStack } from './util';

/** A master secret for tests only (never a real one). */
const TEST_SECRET = 'test-only-master-secret-0123456789';
const azureSite: SiteSpec = { id: 'azure-east', cloud: 'azure', cidrs: ['10.20.0.0/16'] };
const AZURE_IPS: Record<string, string> = { instance0: '203.0.113.10', instance1: '203.0.113.11' };

const VGW: AwsVpnGatewayAttributes = {
  vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64620, cidrs: ['10.30.0.0/16'], siteId: 'aws-osaka',
};
const TGW: AwsTransitGatewayAttributes = {
  transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700, cidrs: ['172.16.0.0/16'], siteId: 'aws-osaka',
};

/** Plans the gateway with an Azure site and builds the AWS half of the link. */
/** Plans a link of `planned`'s site (by default `gw`'s own) to Azure and builds it on `gw`. */
function realise(gw: AwsVpnGateway, routing: 'bgp' | 'static' = 'bgp', planned: AwsVpnGateway = gw): void {
  const plan = planVpn({ sites: [planned.site, azureSite], links: [{ between: [planned.site.id, 'azure-east'], routing }] }, { masterSecret: TEST_SECRET });
  const gateway = plan.gateways.find((g) => g.site === gw.site.id)!;
  const resources = gateway.links[0];
  const realisation: LinkRealisation = {
    plan, gateway, resources, tunnels: plan.tunnels.filter((t) => t.link === resources.link), remoteAddress: (e) => AZURE_IPS[e],
  };
  gw.realiseLink(realisation);
}

const metadataOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPNConnection')).map((c) => c.Metadata.CrossCloudVpn.Gateway);

describe('AwsVpnGateway.fromVpnGatewayAttributes', () => {
  test('links an existing virtual private gateway: its id on every connection, no gateway resource, the declared record in the metadata', () => {
    // GIVEN
    const stack = testStack();
    const gw = AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', { ...VGW, inUse: { insideCidrs: ['169.254.44.0/30', '169.254.44.4/30'], connections: 1 } });

    // WHEN
    realise(gw);

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 0);
    template.resourceCountIs('AWS::EC2::VPNGatewayRoutePropagation', 0);
    const connections = Object.values(template.findResources('AWS::EC2::VPNConnection'));
    expect(connections.length).toBeGreaterThan(0);
    for (const c of connections) expect(c.Properties.VpnGatewayId).toBe('vgw-0123456789abcdef0');
    expect(metadataOf(stack)[0]).toEqual({
      Kind: 'vpn-gateway', Existing: true, Asn: 64620, Networks: ['10.30.0.0/16'], InsideCidrsInUse: ['169.254.44.0/30', '169.254.44.4/30'],
    });
    expect(gw.site).toEqual({
      id: 'aws-osaka', cloud: 'aws', gateway: 'vpn-gateway', cidrs: ['10.30.0.0/16'], asn: 64620, inUse: { insideCidrs: ['169.254.44.0/30', '169.254.44.4/30'], connections: 1 },
    });
    expect(gw.existing).toBe(true);
    expect(gw.vpnGatewayId).toBe('vgw-0123456789abcdef0');
    expect(gw.transitGatewayId).toBeUndefined();
    expect(gw.endpointsKnown).toBe('link');
  });

  test('propagates into the route tables given, without waiting for an attachment (the gateway is attached already)', () => {
    const stack = testStack();
    AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', { ...VGW, routeTableIds: ['rtb-0123456789abcdef0', 'rtb-89abcdef'] });
    const [propagation] = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPNGatewayRoutePropagation'));
    expect(propagation.Properties).toEqual({ RouteTableIds: ['rtb-0123456789abcdef0', 'rtb-89abcdef'], VpnGatewayId: 'vgw-0123456789abcdef0' });
    expect(propagation.DependsOn).toBeUndefined();
  });

  test('alarms: false makes the site unwatched; a token id is taken as given', () => {
    const stack = testStack();
    const id = new CfnParameter(stack, 'VgwId').valueAsString;
    const gw = AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', { ...VGW, vpnGatewayId: id, alarms: false });
    expect(gw.site.alarms).toBe(false);
    expect(gw.vpnGatewayId).toBe(id);
  });

  test('a planned tunnel never takes an inside CIDR that an existing connection of the gateway uses', () => {
    // GIVEN a plain object gateway (IAwsVpnGateway) that declares one /30 in use
    const stack = testStack();
    const gw = AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', VGW);
    realise(gw);
    const taken = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPNConnection'))[0].Properties.VpnTunnelOptionsSpecifications[0].TunnelInsideCidr;

    // WHEN the same /30 is declared in use on a second import of the gateway
    const again = AwsVpnGateway.fromVpnGatewayAttributes(testStack(), 'Vgw', { ...VGW, inUse: { insideCidrs: [taken] } });

    // THEN the planner gives its tunnels other /30s
    realise(again);
    const insideOf = (st: Stack) => Object.values(Template.fromStack(st).findResources('AWS::EC2::VPNConnection'))
      .flatMap((c) => (c.Properties.VpnTunnelOptionsSpecifications as { TunnelInsideCidr: string }[]).map((o) => o.TunnelInsideCidr));
    expect(insideOf(Stack.of(again))).not.toContain(taken);
    // AND a plan made without the declaration (e.g. an old allocation record) is refused on it by the connection's own check
    const third = AwsVpnGateway.fromVpnGatewayAttributes(testStack(), 'Vgw', { ...VGW, inUse: { insideCidrs: [taken] } });
    expect(() => realise(third, 'bgp', gw)).toThrow(new RegExp(`tunnel1\\.insideCidr: '${taken.replace(/\./g, '\\.').replace('/', '\\/')}' is already used by an existing connection of the gateway \\(inUse\\.insideCidrs\\)`));
  });

  test.each<[string, Partial<AwsVpnGatewayAttributes>, RegExp]>([
    ['an id of another kind', { vpnGatewayId: 'tgw-0123456789abcdef0' }, /\[Test\/Vgw\] vpnGatewayId: 'tgw-0123456789abcdef0' is not a virtual private gateway id; allowed: 'vgw-' and 8 or 17 hexadecimal digits/],
    ['an id with upper-case digits', { vpnGatewayId: 'vgw-0123456789ABCDEF0' }, /vpnGatewayId: 'vgw-0123456789ABCDEF0' is not a virtual private gateway id/],
    ['a public ASN', { asn: 3356 }, /\[Test\/Vgw\] asn: .*3356.*64512-65534/],
    ['no ASN', { asn: undefined }, /\[Test\/Vgw\] asn: is missing/],
    ['no networks', { cidrs: [] }, /\[Test\/Vgw\] cidrs: got 0 entries/],
    ['a network that is not a prefix', { cidrs: ['10.30.0.1/16'] }, /cidrs\[0\]: '10\.30\.0\.1\/16' is not a valid IPv4 prefix/],
    ['a route table id that is not one', { routeTableIds: ['vgw-01234567'] }, /routeTableIds\[0\]: 'vgw-01234567' is not a route table id; allowed: 'rtb-'/],
    ['an in-use CIDR that is not a /30', { inUse: { insideCidrs: ['169.254.44.0/29'] } }, /inUse\.insideCidrs\[0\]: '169\.254\.44\.0\/29' is not a tunnel inside CIDR \(a \/29, not a \/30\)/],
    ['an in-use CIDR outside 169.254.0.0/16', { inUse: { insideCidrs: ['10.0.0.0/30'] } }, /inUse\.insideCidrs\[0\]: '10\.0\.0\.0\/30' is not a tunnel inside CIDR \(outside 169\.254\.0\.0\/16\)/],
    ['a negative connection count', { inUse: { connections: -1 } }, /inUse\.connections: .*-1/],
    ['large tunnels', { tunnelBandwidth: AwsTunnelBandwidth.LARGE }, /tunnelBandwidth: 'large' tunnels \(5 Gbps\) are offered on transit gateways \(and Cloud WAN\) only/],
    ['acceleration', { acceleration: true }, /acceleration: acceleration is supported only on a transit gateway/],
  ])('refuses %s with one clear error', (_, change, error) => {
    expect(() => AwsVpnGateway.fromVpnGatewayAttributes(testStack(), 'Vgw', { ...VGW, ...change } as AwsVpnGatewayAttributes)).toThrow(error);
  });
});

describe('AwsVpnGateway.fromTransitGatewayAttributes', () => {
  test('links an existing transit gateway like AwsGatewayKind.existingTransitGateway, with its routing', () => {
    // GIVEN the same gateway both ways
    const a = testStack();
    const imported = AwsVpnGateway.fromTransitGatewayAttributes(a, 'Tgw', { ...TGW, routing: { routeTableId: 'tgw-rtb-0123456789abcdef0' } });
    const b = testStack();
    const kind = new AwsVpnGateway(b, 'Tgw', { kind: AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0', { routeTableId: 'tgw-rtb-0123456789abcdef0' }), asn: 64700, cidrs: ['172.16.0.0/16'], siteId: 'aws-osaka' });

    // WHEN
    realise(imported, 'static');
    realise(kind, 'static');

    // THEN the same resources and the same record
    expect(Template.fromStack(a).toJSON()).toEqual(Template.fromStack(b).toJSON());
    expect(metadataOf(a)[0]).toEqual({ Kind: 'transit-gateway', Existing: true, Asn: 64700, Networks: ['172.16.0.0/16'], RouteTableId: 'tgw-rtb-0123456789abcdef0' });
    expect(imported.site).toEqual(kind.site);
    expect(imported.transitGatewayRouting).toEqual({ routeTableId: 'tgw-rtb-0123456789abcdef0', associateVpnAttachments: undefined, propagateVpnAttachments: undefined });
  });

  test('writes large tunnels and acceleration on every connection it builds', () => {
    const stack = testStack();
    realise(AwsVpnGateway.fromTransitGatewayAttributes(stack, 'Tgw', { ...TGW, tunnelBandwidth: AwsTunnelBandwidth.LARGE }));
    const accelerated = testStack('Accelerated');
    realise(AwsVpnGateway.fromTransitGatewayAttributes(accelerated, 'Tgw', { ...TGW, acceleration: true }));
    const props = (s: Stack) => Object.values(Template.fromStack(s).findResources('AWS::EC2::VPNConnection')).map((c) => [c.Properties.TunnelBandwidth, c.Properties.EnableAcceleration]);
    expect(props(stack)).toEqual([['large', undefined], ['large', undefined]]);
    expect(props(accelerated)).toEqual([[undefined, true], [undefined, true]]);
  });

  test('static routing on a gateway without default association needs a route table', () => {
    const gw = AwsVpnGateway.fromTransitGatewayAttributes(testStack(), 'Tgw', { ...TGW, defaultRouteTableAssociation: false });
    expect(() => realise(gw, 'static')).toThrow(/routes statically, but the transit gateway associates attachments with no default route table/);
  });

  test.each<[string, Partial<AwsTransitGatewayAttributes>, RegExp]>([
    ['an id of another kind', { transitGatewayId: 'vgw-0123456789abcdef0' }, /\[Test\/Tgw\] transitGatewayId: 'vgw-0123456789abcdef0' is not a transit gateway id/],
    ['a public ASN', { asn: 7018 }, /\[Test\/Tgw\] asn: .*7018/],
    ['no networks', { cidrs: [] }, /\[Test\/Tgw\] cidrs: got 0 entries/],
    ['a route table id that is not one', { routing: { routeTableId: 'rtb-0123456789abcdef0' } }, /routing\.routeTableId: 'rtb-0123456789abcdef0' is not a transit gateway route table id; allowed: 'tgw-rtb-'/],
    ['association on a gateway that associates by default', { defaultRouteTableAssociation: true, routing: { routeTableId: 'tgw-rtb-0123456789abcdef0', associateVpnAttachments: true } },
      /routing\.associateVpnAttachments: the transit gateway associates every attachment with its default association route table \(DefaultRouteTableAssociation enable\)/],
    ['propagation into the default propagation table', {
      defaultRouteTableAssociation: true, associationDefaultRouteTableId: 'tgw-rtb-0123456789abcdef0', defaultRouteTablePropagation: true, propagationDefaultRouteTableId: 'tgw-rtb-0123456789abcdef0', routing: { propagateVpnAttachments: true },
    }, /routing\.propagateVpnAttachments: the transit gateway already propagates every attachment into its default propagation route table 'tgw-rtb-0123456789abcdef0'/],
    ['association without a route table', { routing: { associateVpnAttachments: true } }, /routing\.associateVpnAttachments: needs routeTableId/],
    ['a default route table id that is not one', { associationDefaultRouteTableId: 'tgw-0123456789abcdef0' }, /associationDefaultRouteTableId: 'tgw-0123456789abcdef0' is not a transit gateway route table id/],
    ['large tunnels with acceleration', { tunnelBandwidth: AwsTunnelBandwidth.LARGE, acceleration: true }, /tunnelBandwidth: 'large' tunnels are not supported on an accelerated connection/],
    ['a bandwidth AWS does not offer', { tunnelBandwidth: 'huge' as AwsTunnelBandwidth }, /tunnelBandwidth: 'huge' is not a tunnel bandwidth; allowed: 'standard', 'large'/],
  ])('refuses %s with one clear error', (_, change, error) => {
    expect(() => AwsVpnGateway.fromTransitGatewayAttributes(testStack(), 'Tgw', { ...TGW, ...change } as AwsTransitGatewayAttributes)).toThrow(error);
  });

  test('allows association where the gateway does not associate by default, and propagation into another table', () => {
    const stack = testStack();
    const gw = AwsVpnGateway.fromTransitGatewayAttributes(stack, 'Tgw', {
      ...TGW, defaultRouteTableAssociation: false, defaultRouteTablePropagation: true, propagationDefaultRouteTableId: 'tgw-rtb-00000000000000000',
      routing: { routeTableId: 'tgw-rtb-0123456789abcdef0', associateVpnAttachments: true, propagateVpnAttachments: true },
    });
    realise(gw);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 2);
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTablePropagation', 2);
  });
});

describe('AwsVpnConnection connection-wide options', () => {
  const build = (gateway: { vpnGatewayId?: string; transitGatewayId?: string }, options: { tunnelBandwidth?: AwsTunnelBandwidth; acceleration?: boolean }) => {
    const stack = testStack();
    const peer = new AwsPeerGateway(stack, 'Peer', { ipAddress: '203.0.113.12', peerAsn: 65010 });
    new AwsVpnConnection(stack, 'Conn', {
      gateway: { ...gateway, asn: 64600 }, peer,
      tunnel1: { presharedKey: SecretValue.secretsManager('test/vpn', { jsonField: 'tunnel1' }), insideCidr: '169.254.30.0/30' },
      tunnel2: { presharedKey: SecretValue.secretsManager('test/vpn', { jsonField: 'tunnel2' }), insideCidr: '169.254.30.4/30' },
      ...options,
    });
    return Template.fromStack(stack);
  };

  test('writes TunnelBandwidth and EnableAcceleration on a transit gateway connection', () => {
    build({ transitGatewayId: 'tgw-0123456789abcdef0' }, { tunnelBandwidth: AwsTunnelBandwidth.LARGE })
      .hasResourceProperties('AWS::EC2::VPNConnection', { TunnelBandwidth: 'large' });
    build({ transitGatewayId: 'tgw-0123456789abcdef0' }, { acceleration: true })
      .hasResourceProperties('AWS::EC2::VPNConnection', { EnableAcceleration: true });
  });

  test('refuses them on a virtual private gateway given as a plain object', () => {
    expect(() => build({ vpnGatewayId: 'vgw-0123456789abcdef0' }, { tunnelBandwidth: AwsTunnelBandwidth.LARGE, acceleration: true }))
      .toThrow(/\[Test\/Conn\][\s\S]*tunnelBandwidth: 'large' tunnels \(5 Gbps\) are offered on transit gateways[\s\S]*acceleration: acceleration is supported only on a transit gateway/);
  });
});
