/**
 * verify's AWS view of imported gateways and of the connection-wide options: an existing virtual
 * private gateway (by literal id, `Metadata.CrossCloudVpn.Gateway.Existing`) is modelled and
 * routed, with what it assumes said; large tunnels and acceleration only where AWS offers them;
 * an inside CIDR an existing connection of the gateway uses is rejected.
 */
import * as path from 'node:path';
import { verify } from '../../../src/verify';
import { acceptAws } from '../../../src/verify/clouds/aws/accept';
import { Resolver, StackDoc } from '../../../src/verify/read-output';
import type { TunnelResult, VerifyReport } from '../../../src/verify/types';
import { Json, Obj, cfnResources, cleanupScratch, exampleOutput, mutated } from '../mutate';

afterAll(() => cleanupScratch());

const EXAMPLE = 'aws-existing-vgw';
const LINKS = 'AwsOsakaLinks2.template.json';
const CONN = 'AWS::EC2::VPNConnection';

// ---------------------------------------------------------------------------------------------
// Small inputs.

const TEMPLATE = '/fixture/Small.template.json';
const small = (resources: Obj): Resolver => new Resolver([{ engine: 'cdk', name: 'Small', file: TEMPLATE, body: { Resources: resources } } as StackDoc]);
const KEY = 'smallFixtureKeyNotSecret';
const tunnel = (cidr: string): Obj => ({ TunnelInsideCidr: cidr, PreSharedKey: KEY });
const CGW = { Type: 'AWS::EC2::CustomerGateway', Properties: { Type: 'ipsec.1', BgpAsn: 65000, IpAddress: '203.0.113.5' } };
const TGW = { Type: 'AWS::EC2::TransitGateway', Properties: { AmazonSideAsn: 64512 } };
const connection = (gateway: Obj, extra: Obj = {}, metadata?: Obj): Obj => ({
  Type: CONN,
  Properties: { Type: 'ipsec.1', CustomerGatewayId: { Ref: 'Cgw' }, ...gateway, VpnTunnelOptionsSpecifications: [tunnel('169.254.21.0/30'), tunnel('169.254.22.0/30')] as Json, ...extra },
  ...(metadata ? { Metadata: { CrossCloudVpn: { Gateway: metadata } } } : {}),
});
const VGW_ID = { VpnGatewayId: 'vgw-0a1b2c3d4e5f60718' };
const TGW_REF = { TransitGatewayId: { Ref: 'Tgw' } };
const rules = (resources: Obj) => acceptAws(small({ Cgw: CGW, Tgw: TGW, ...resources })).map((v) => `${v.resource} ${v.attribute} = ${v.value}: ${v.rule} [${v.source}]`);

describe('AWS acceptance of the connection-wide options', () => {
  test.each<[string, Obj, RegExp | undefined]>([
    ['large tunnels on a transit gateway', connection(TGW_REF, { TunnelBandwidth: 'large' }), undefined],
    ['standard tunnels on a virtual private gateway', connection(VGW_ID, { TunnelBandwidth: 'standard' }), undefined],
    ['acceleration on a transit gateway', connection(TGW_REF, { EnableAcceleration: true }), undefined],
    ['large tunnels on a virtual private gateway', connection(VGW_ID, { TunnelBandwidth: 'large' }),
      /^cdk:Small\/Conn TunnelBandwidth = 'large': TunnelBandwidth large \(5 Gbps\) is offered on transit gateways \(and Cloud WAN\) only.*\[AWS Site-to-Site VPN User Guide, Tunnel options \(VPNTunnels\.html\), Tunnel bandwidth options/],
    ['large tunnels on an accelerated connection', connection(TGW_REF, { TunnelBandwidth: 'large', EnableAcceleration: 'true' }),
      /^cdk:Small\/Conn TunnelBandwidth = 'large' with EnableAcceleration true: TunnelBandwidth large is not supported on an accelerated connection/],
  ])('%s', (_, conn, rule) => {
    expect(rules({ Conn: conn })).toEqual(rule ? [expect.stringMatching(rule)] : []);
  });
});

describe('AWS acceptance of inside CIDRs an existing gateway uses', () => {
  const meta = (inUse: string[]) => ({ Kind: 'vpn-gateway', Existing: true, Asn: 64620, Networks: ['10.30.0.0/16'], InsideCidrsInUse: inUse });

  test('a tunnel on an existing virtual private gateway that takes a /30 its existing connections use is rejected', () => {
    expect(rules({ Conn: connection(VGW_ID, {}, meta(['169.254.22.0/30', '169.254.44.0/30'])) })).toEqual([
      expect.stringMatching(/^cdk:Small\/Conn VpnTunnelOptionsSpecifications\[1\]\.TunnelInsideCidr = '169\.254\.22\.0\/30': unique across all VPN connections of the same virtual private gateway, its existing ones included .*: an existing connection of the gateway uses it \[CloudFormation AWS::EC2::VPNConnection VpnTunnelOptionsSpecification\.TunnelInsideCidr/),
    ]);
  });

  test('other /30s, and any /30 on a transit gateway (where uniqueness is not required), pass', () => {
    expect(rules({ Conn: connection(VGW_ID, {}, meta(['169.254.44.0/30', '169.254.44.4/30'])) })).toEqual([]);
    expect(rules({ Conn: connection(TGW_REF, {}, { ...meta(['169.254.22.0/30']), Kind: 'transit-gateway' }) })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The example: an existing virtual private gateway linked with Azure and Alibaba Cloud.

const touches = (t: TunnelResult, connIds: readonly string[]) => t.halves.some((h) => connIds.some((id) => h.includes(`/${id}#`)));

function expectRejected(report: VerifyReport, connIds: readonly string[], reason: RegExp): void {
  const affected = report.tunnels.filter((t) => touches(t, connIds));
  expect(affected.length).toBeGreaterThan(0);
  for (const t of affected) {
    expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
    expect(t.failure!.reason).toMatch(reason);
  }
  const others = report.tunnels.filter((t) => !touches(t, connIds) && t.status === 'failed');
  expect(others.map((t) => `${t.sides}: ${t.failure?.code} ${t.failure?.reason}`)).toEqual([]);
}

/** The first VPN connection of the links template (its logical id and resource). */
const firstConnection = (body: Obj): [string, Obj] => cfnResources(body, CONN)[0];

const mutateLinks = (name: string, change: (body: Obj) => void) => mutated(exampleOutput(EXAMPLE), name, (file, body) => {
  if (path.basename(file) !== LINKS) return false;
  change(body);
  return true;
});

describe(`verify of ${EXAMPLE}`, () => {
  test('models the existing gateway from its record: every tunnel paired, routed, and what is assumed about its VPC said', async () => {
    // GIVEN the example as synthesized: no AWS::EC2::VPNGateway, connections on the literal id
    const dir = exampleOutput(EXAMPLE);

    // WHEN
    const report = await verify([dir], { modelOnly: true });

    // THEN
    expect({ ok: report.ok, failures: report.failures, violations: report.violations }).toEqual({ ok: true, failures: [], violations: [] });
    expect(report.assumptions.map((a) => a.id)).toContain('aws-existing-vgw-routes');
    const aws = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('aws:')));
    expect(aws.length).toBe(8);
    expect(aws.every((t) => t.halves.length === 2)).toBe(true);
  });

  test('a tunnel that takes an inside /30 of the gateway\'s existing connection fails with cloud-rejects', async () => {
    let id = '';
    const dir = mutateLinks('in-use inside cidr', (body) => {
      const [connId, conn] = firstConnection(body);
      id = connId;
      const specs = (conn.Properties as Obj).VpnTunnelOptionsSpecifications as Obj[];
      const old = specs[0].TunnelInsideCidr;
      specs[0].TunnelInsideCidr = '169.254.44.0/30';
      // the copies the constructs keep in step: the tunnel options and the outside-IP lookup
      for (const [, r] of [...cfnResources(body, 'Custom::VpnTunnelOptions'), ...cfnResources(body, 'Custom::VpnTunnelOutsideIps')]) {
        const p = r.Properties as Obj;
        if ((p.VpnConnectionId as Obj).Ref !== connId) continue;
        if (Array.isArray(p.Tunnels)) for (const t of p.Tunnels as Obj[]) if (t.TunnelInsideCidr === old) t.TunnelInsideCidr = '169.254.44.0/30';
        if (Array.isArray(p.TunnelInsideCidrs)) p.TunnelInsideCidrs = (p.TunnelInsideCidrs as string[]).map((c) => (c === old ? '169.254.44.0/30' : c));
      }
    });
    expectRejected(await verify([dir], { modelOnly: true }), [id], /TunnelInsideCidr = '169\.254\.44\.0\/30': unique across all VPN connections of the same virtual private gateway, its existing ones included/);
  });

  test('large tunnels on the virtual private gateway fail with cloud-rejects', async () => {
    let id = '';
    const dir = mutateLinks('large on vgw', (body) => {
      const [connId, conn] = firstConnection(body);
      id = connId;
      (conn.Properties as Obj).TunnelBandwidth = 'large';
    });
    expectRejected(await verify([dir], { modelOnly: true }), [id], /TunnelBandwidth = 'large': TunnelBandwidth large \(5 Gbps\) is offered on transit gateways/);
  });
});
