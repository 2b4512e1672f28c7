/**
 * verify's AWS folder: its tables know every spelling the planner emits, its acceptance rules
 * reject what AWS rejects (mutations of real example output, one AWS value each), and its model
 * takes the Amazon-side ASN from the output only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FACTS } from '../../../src/plan/clouds';
import { verify } from '../../../src/verify';
import { acceptAws, insideCidrProblem, pskProblem } from '../../../src/verify/clouds/aws/accept';
import { awsHalves } from '../../../src/verify/clouds/aws/model';
import {
  AWS_ASSUMPTION_LIST, AWS_ENCRYPTION, AWS_IKE_VERSIONS, AWS_INTEGRITY, AWS_PHASE1_DH, AWS_PHASE2_DH,
} from '../../../src/verify/clouds/aws/tables';
import { Resolver, StackDoc, loadStacks, readDeployment } from '../../../src/verify/read-output';
import type { TunnelResult, VerifyReport } from '../../../src/verify/types';
import { Json, Obj, cfnResources, cleanupScratch, exampleOutput, mutated } from '../mutate';

afterAll(() => cleanupScratch());

const LINKS = 'AwsTokyoLinks2.template.json';
const HUB = 'AwsTokyo.template.json';
const CONN = 'AWS::EC2::VPNConnection';

type Tunnel = Obj & { TunnelInsideCidr: string };
const tunnelsOf = (conn: Obj) => (conn.Properties as Obj).VpnTunnelOptionsSpecifications as Tunnel[];
const OPTIONS = 'Custom::VpnTunnelOptions';
/** The `Tunnels` entries of the tunnel options resource naming connection `connId`: where the constructs write every option but the inside CIDR. */
const optionsOf = (body: Obj, connId: string) => {
  const found = cfnResources(body, OPTIONS).find(([, o]) => ((o.Properties as Obj).VpnConnectionId as Obj).Ref === connId);
  if (!found) throw new Error(`no ${OPTIONS} for ${connId}`);
  return (found[1].Properties as Obj).Tunnels as Tunnel[];
};
const connections = (body: Obj) => cfnResources(body, CONN);
const conn = (body: Obj, part: string) => {
  const found = connections(body).find(([id]) => id.includes(part));
  if (!found) throw new Error(`no connection ${part} in ${connections(body).map(([id]) => id).join(', ')}`);
  return found;
};

/** Changes the links template of an example: returns the mutated deployment's folder. */
const mutateLinks = (example: string, name: string, change: (body: Obj) => void) =>
  mutated(exampleOutput(example), name, (file, body) => {
    if (path.basename(file) !== LINKS) return false;
    change(body);
    return true;
  });

/** Sets a tunnel's inside CIDR, and the outside-IP lookup's and tunnel options resource's copies of it (as the constructs would). */
function setInsideCidr(body: Obj, connPart: string, index: number, cidr: string): void {
  const [id, c] = conn(body, connPart);
  const old = tunnelsOf(c)[index].TunnelInsideCidr;
  tunnelsOf(c)[index].TunnelInsideCidr = cidr;
  for (const t of optionsOf(body, id)) if (t.TunnelInsideCidr === old) t.TunnelInsideCidr = cidr;
  for (const [, lookup] of cfnResources(body, 'Custom::VpnTunnelOutsideIps')) {
    const p = lookup.Properties as Obj;
    if ((p.VpnConnectionId as Obj).Ref === id) p.TunnelInsideCidrs = (p.TunnelInsideCidrs as string[]).map((x) => (x === old ? cidr : x));
  }
}

const touches = (t: TunnelResult, connIds: readonly string[]) => t.halves.some((h) => connIds.some((id) => h.includes(`/${id}#`)));

/**
 * THEN exactly the tunnels of the given connections fail, each with `cloud-rejects` and a reason
 * matching every pattern; no other tunnel fails.
 */
function expectRejected(report: VerifyReport, connIds: readonly string[], ...reason: RegExp[]): void {
  const affected = report.tunnels.filter((t) => touches(t, connIds));
  expect(affected.length).toBeGreaterThan(0);
  for (const t of affected) {
    expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
    for (const re of reason) expect(t.failure!.reason).toMatch(re);
  }
  const others = report.tunnels.filter((t) => !touches(t, connIds) && t.status === 'failed');
  expect(others.map((t) => `${t.sides}: ${t.failure?.code} ${t.failure?.reason}`)).toEqual([]);
  expect(report.ok).toBe(false);
}

const idsOf = (example: string, ...parts: string[]) => {
  const body = readTemplate(example, LINKS);
  return parts.map((p) => conn(body, p)[0]);
};

function readTemplate(example: string, file: string): Obj {
  return JSON.parse(fs.readFileSync(path.join(exampleOutput(example), 'cdk.out', file), 'utf8')) as Obj;
}

describe('the planner\'s AWS spellings are known to verify\'s own tables', () => {
  // The direction that cannot hide a wrong planner entry: whatever the planner emits must be a
  // value verify's sourced tables list (a wrong planner spelling then fails this test).
  const s = FACTS.aws.spelling;
  test.each(Object.entries(s.encryption))('encryption %s is spelled %s, a value AWS lists, mapping back to it', (keyword, spelled) => {
    expect(AWS_ENCRYPTION[spelled!]).toBe(keyword);
  });
  test.each(Object.entries(s.integrity))('integrity %s is spelled %s, a value AWS lists, mapping back to it', (keyword, spelled) => {
    expect(AWS_INTEGRITY[spelled!]).toBe(keyword);
  });
  test('every phase 1 / phase 2 DH group the planner emits is one AWS lists for that phase', () => {
    for (const [group, spelled] of Object.entries(s.phase1Dh)) expect([group, AWS_PHASE1_DH.includes(Number(spelled))]).toEqual([group, true]);
    for (const [group, spelled] of Object.entries(s.phase2Dh)) expect([group, AWS_PHASE2_DH.includes(Number(spelled))]).toEqual([group, true]);
  });
  test('IKE versions and PFS: the planner spells only versions AWS lists, and never a "no PFS" value', () => {
    expect(Object.values(s.ikeVersion).every((v) => v in AWS_IKE_VERSIONS)).toBe(true);
    expect(s.noPfs).toBeUndefined();
  });
});

describe('unmutated examples: AWS accepts every AWS resource', () => {
  test.each(['aws-azure-bgp', 'aws-azure-bgp-tgw', 'three-cloud-mesh', 'aws-azure-bgp-guide'])('%s has zero AWS violations', async (example) => {
    const report = await verify([exampleOutput(example)], { modelOnly: true });
    expect(report.violations.filter((v) => v.cloud === 'aws')).toEqual([]);
    expect(report.tunnels.filter((t) => t.status === 'failed')).toEqual([]);
  });

  test('the report lists the AWS assumptions the models relied on, each with a reason', async () => {
    const report = await verify([exampleOutput('aws-azure-bgp')], { modelOnly: true });
    const aws = report.assumptions.filter((a) => a.cloud === 'aws');
    expect(aws.map((a) => a.id).sort()).toEqual(AWS_ASSUMPTION_LIST.map((a) => a.id).sort());
    expect(aws.every((a) => a.why.length > 20)).toBe(true);
  });

  test('the README\'s table lists every AWS assumption', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    for (const a of AWS_ASSUMPTION_LIST) expect(readme).toContain(`| \`${a.id}\` |`);
  });
});

describe('mutations of real example output: one AWS value AWS rejects, exactly the tunnels it shapes fail', () => {
  // GIVEN a real example's output with one AWS value changed, WHEN verified (model only),
  // THEN the tunnels of the resource carrying it fail with cloud-rejects, naming attribute and rule.
  const example = 'aws-azure-bgp';
  const tunnelCase = (name: string, change: (t: Tunnel) => void, ...reason: RegExp[]) => test(name, async () => {
    const [id] = idsOf(example, 'conn1');
    const dir = mutateLinks(example, name, (body) => change(optionsOf(body, conn(body, 'conn1')[0])[0]));
    expectRejected(await verify([dir], { modelOnly: true }), [id], ...reason);
  });

  tunnelCase('phase 2 lifetime 27000 s: above 3600 and not below phase 1', (t) => { t.Phase2LifetimeSeconds = 27000; },
    /Tunnels\[0\]\.Phase2LifetimeSeconds = 27000: 900-3600 seconds/, /must be less than Phase1LifetimeSeconds \(27000\)/);
  tunnelCase('rekey margin 2000 s: above half of the 3600 s phase 2 lifetime', (t) => { t.RekeyMarginTimeSeconds = 2000; },
    /RekeyMarginTimeSeconds = 2000: between 60 and half of Phase2LifetimeSeconds \(3600\): at most 1800/);
  tunnelCase('DPD timeout 10 s: below 30', (t) => { t.DPDTimeoutSeconds = 10; }, /DPDTimeoutSeconds = 10: 30 seconds or more \(EC2 API ModifyVpnTunnelOptionsSpecification\.DPDTimeoutSeconds/);
  tunnelCase('startup action start with IKEv1 allowed', (t) => { t.IKEVersions = [{ Value: 'ikev1' }, { Value: 'ikev2' }]; },
    /StartupAction = 'start' with IKEVersions \["ikev1","ikev2"\]: .*IKEv2 only.*initiate-vpn-tunnels/);
  tunnelCase('startup action start with IKEVersions unset (both)', (t) => { delete t.IKEVersions; }, /StartupAction = .*not set: ikev1, ikev2.*IKEv2 only/);
  tunnelCase('a key starting with 0', (t) => { t.PreSharedKey = `0${String(t.PreSharedKey).slice(1)}`; },
    /PreSharedKey = a key of \d+ characters starting with '0': 8-64 characters of letters, digits/);
  tunnelCase('a key containing -', (t) => { t.PreSharedKey = `${String(t.PreSharedKey).slice(0, 10)}-${String(t.PreSharedKey).slice(11)}`; },
    /PreSharedKey = a key of \d+ characters containing '-'/);
  tunnelCase('phase 1 DH group 5 (phase 2 only)', (t) => { t.Phase1DHGroupNumbers = [{ Value: 5 }]; }, /Phase1DHGroupNumbers = \[5\]: each of 2, 14, 15/);
  tunnelCase('phase 2 integrity MD5', (t) => { t.Phase2IntegrityAlgorithms = [{ Value: 'MD5' }]; }, /Phase2IntegrityAlgorithms = \["MD5"\]: each of SHA1, SHA2-256/);
  tunnelCase('phase 1 lifetime 600 s: below 900', (t) => { t.Phase1LifetimeSeconds = 600; },
    /Phase1LifetimeSeconds = 600: 900-28800 seconds/, /Phase2LifetimeSeconds \(3600\) must be less than Phase1LifetimeSeconds \(600\)/);
  tunnelCase('replay window 4096 packets', (t) => { t.ReplayWindowSize = 4096; }, /ReplayWindowSize = 4096: 64-2048 packets/);
  tunnelCase('DPD timeout action hold', (t) => { t.DPDTimeoutAction = 'hold'; }, /DPDTimeoutAction = 'hold': one of clear, none, restart/);

  test('the reserved inside /30 169.254.169.252/30', async () => {
    const [id] = idsOf(example, 'conn1');
    const dir = mutateLinks(example, 'reserved /30', (body) => setInsideCidr(body, 'conn1', 0, '169.254.169.252/30'));
    expectRejected(await verify([dir], { modelOnly: true }), [id], /TunnelInsideCidr = '169\.254\.169\.252\/30': a \/30 inside 169\.254\.0\.0\/16.*\(169\.254\.169\.252\/30 is reserved\)/);
  });

  test('an inside /29', async () => {
    const [id] = idsOf(example, 'conn2');
    const dir = mutateLinks(example, 'inside /29', (body) => setInsideCidr(body, 'conn2', 1, '169.254.22.200/29'));
    expectRejected(await verify([dir], { modelOnly: true }), [id], /VpnTunnelOptionsSpecifications\[1\]\.TunnelInsideCidr = '169\.254\.22\.200\/29'.*\(a \/29, not a \/30\)/);
  });

  test('a duplicate inside CIDR on one virtual private gateway fails both connections, and only them', async () => {
    // three-cloud-mesh: four connections on one VGW; the Alibaba link's conn1 takes the Azure conn1's CIDR.
    const mesh = 'three-cloud-mesh';
    const body = readTemplate(mesh, LINKS);
    const [azureId, azure] = conn(body, 'azurejapaneastconn1');
    const [aliId] = conn(body, 'alihangzhouawstokyoconn1');
    const taken = tunnelsOf(azure)[0].TunnelInsideCidr;
    const dir = mutateLinks(mesh, 'duplicate inside CIDR', (b) => setInsideCidr(b, 'alihangzhouawstokyoconn1', 0, taken));
    const report = await verify([dir], { modelOnly: true });
    expectRejected(report, [azureId, aliId], new RegExp(`TunnelInsideCidr = '${taken.replace(/[./]/g, '\\$&')}': unique across all VPN connections.*also used by`));
    expect(report.tunnels.filter((t) => t.status !== 'failed').length).toBeGreaterThan(0);
  });

  test('a customer gateway ASN above 2147483647 in BgpAsn fails the connection using it', async () => {
    const [id] = idsOf(example, 'conn1');
    const dir = mutateLinks(example, 'cgw asn', (body) => {
      const cgwId = ((conn(body, 'conn1')[1].Properties as Obj).CustomerGatewayId as Obj).Ref as string;
      ((body.Resources as Obj)[cgwId] as Obj & { Properties: Obj }).Properties.BgpAsn = 4200000000;
    });
    expectRejected(await verify([dir], { modelOnly: true }), [id], /BgpAsn = 4200000000: 1-2147483647 \(larger ASNs go in BgpAsnExtended\)/);
  });

  test('a customer gateway with both BgpAsn and BgpAsnExtended', async () => {
    const [id] = idsOf(example, 'conn2');
    const dir = mutateLinks(example, 'cgw both asns', (body) => {
      const cgwId = ((conn(body, 'conn2')[1].Properties as Obj).CustomerGatewayId as Obj).Ref as string;
      ((body.Resources as Obj)[cgwId] as Obj & { Properties: Obj }).Properties.BgpAsnExtended = 4200000001;
    });
    expectRejected(await verify([dir], { modelOnly: true }), [id], /BgpAsn \/ BgpAsnExtended = both set: exactly one of BgpAsn and BgpAsnExtended/);
  });

  test('a virtual private gateway ASN outside the private ranges fails every tunnel on it', async () => {
    const ids = idsOf(example, 'conn1', 'conn2');
    const dir = mutated(exampleOutput(example), 'vgw asn', (file, body) => {
      if (path.basename(file) !== HUB) return false;
      ((cfnResources(body, 'AWS::EC2::VPNGateway')[0][1]) as Obj & { Properties: Obj }).Properties.AmazonSideAsn = 65535;
      return true;
    });
    expectRejected(await verify([dir], { modelOnly: true }), ids, /AmazonSideAsn = 65535: 64512-65534 or 4200000000-4294967294/);
  });

  test('a transit gateway ASN outside the private ranges', async () => {
    const tgw = 'aws-azure-bgp-tgw';
    const ids = idsOf(tgw, 'conn1', 'conn2');
    const dir = mutated(exampleOutput(tgw), 'tgw asn', (file, body) => {
      if (path.basename(file) !== HUB) return false;
      ((cfnResources(body, 'AWS::EC2::TransitGateway')[0][1]) as Obj & { Properties: Obj }).Properties.AmazonSideAsn = 100;
      return true;
    });
    expectRejected(await verify([dir], { modelOnly: true }), ids, /AmazonSideAsn = 100: 64512-65534 or 4200000000-4294967294.*TransitGatewayRequestOptions/);
  });

  /** Adds a VPNConnectionRoute to conn1 (and, if asked, makes conn1 static). */
  const addRoute = (body: Obj, destination: string, makeStatic: boolean) => {
    const [id, c] = conn(body, 'conn1');
    if (makeStatic) (c.Properties as Obj).StaticRoutesOnly = true;
    (body.Resources as Obj).Conn1RouteMutation = { Type: 'AWS::EC2::VPNConnectionRoute', Properties: { DestinationCidrBlock: destination, VpnConnectionId: { Ref: id } } };
  };

  test('a VPN connection route to a prefix no site uses is a routing matter: acceptance does not flag it', async () => {
    const dir = mutateLinks(example, 'route wrong prefix', (body) => addRoute(body, '10.99.0.0/16', true));
    const report = await verify([dir], { modelOnly: true });
    expect(report.violations.filter((v) => v.cloud === 'aws')).toEqual([]);
    expect(report.tunnels.filter((t) => t.failure?.code === 'cloud-rejects')).toEqual([]);
  });

  test('a VPN connection route on a BGP connection', async () => {
    const [id] = idsOf(example, 'conn1');
    const dir = mutateLinks(example, 'route on bgp', (body) => addRoute(body, '10.20.0.0/16', false));
    expectRejected(await verify([dir], { modelOnly: true }), [id], /Conn1RouteMutation VpnConnectionId = .*StaticRoutesOnly false.*: a VPN connection route needs a connection with StaticRoutesOnly true/);
  });

  test('a VPN connection route on a transit gateway connection', async () => {
    const tgw = 'aws-azure-bgp-tgw';
    const [id] = idsOf(tgw, 'conn1');
    const dir = mutateLinks(tgw, 'route on tgw', (body) => addRoute(body, '10.20.0.0/16', true));
    expectRejected(await verify([dir], { modelOnly: true }), [id], /on a transit gateway\): a VPN connection route needs a connection on a virtual private gateway/);
  });
});

// ---------------------------------------------------------------------------------------------
// Rules on small inputs.

const TEMPLATE = '/fixture/Small.template.json';
function small(resources: Obj, parameters: Obj = {}): Resolver {
  const stack: StackDoc = { engine: 'cdk', name: 'Small', file: TEMPLATE, body: { Parameters: parameters, Resources: resources } };
  return new Resolver([stack]);
}
const KEY = 'smallFixtureKeyNotSecret';
const tunnel = (extra: Obj = {}): Obj => ({ TunnelInsideCidr: '169.254.21.0/30', PreSharedKey: KEY, ...extra });
const connection = (tunnels: Obj[], extra: Obj = {}): Obj => ({
  Type: CONN,
  Properties: { Type: 'ipsec.1', CustomerGatewayId: { Ref: 'Cgw' }, VpnGatewayId: { Ref: 'Vgw' }, VpnTunnelOptionsSpecifications: tunnels as Json, ...extra },
});
const base = (conns: Obj = { Conn: connection([tunnel(), tunnel({ TunnelInsideCidr: '169.254.22.0/30' })]) }): Obj => ({
  Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', AmazonSideAsn: 64512 } },
  Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { Type: 'ipsec.1', BgpAsn: 65000, IpAddress: '203.0.113.5' } },
  ...conns,
});
const rules = (resources: Obj, parameters?: Obj) => acceptAws(small(resources, parameters)).map((v) => `${v.resource} ${v.attribute} = ${v.value}: ${v.rule}`);

describe('AWS acceptance rules on small inputs', () => {
  test('a valid minimal deployment has no violation; every violation names file, resource and source', () => {
    expect(rules(base())).toEqual([]);
    const [v] = acceptAws(small(base({ Conn: connection([tunnel({ DPDTimeoutSeconds: 29 })]) })));
    expect(v).toMatchObject({ cloud: 'aws', file: TEMPLATE, resource: 'cdk:Small/Conn', attribute: 'VpnTunnelOptionsSpecifications[0].DPDTimeoutSeconds', value: '29' });
    expect(v.source).toMatch(/VpnTunnelOptionsSpecification\.DPDTimeoutSeconds/);
  });

  test.each([
    [{ Phase2LifetimeSeconds: 3600, Phase1LifetimeSeconds: 3600 }, /Phase2LifetimeSeconds = 3600: Phase2LifetimeSeconds \(3600\) must be less than Phase1LifetimeSeconds \(3600\)/],
    [{ Phase1LifetimeSeconds: 1800 }, /Phase1LifetimeSeconds = 1800: Phase2LifetimeSeconds \(3600, the default\) must be less/],
    [{ RekeyMarginTimeSeconds: 451, Phase2LifetimeSeconds: 900 }, /at most 450/],
    [{ RekeyMarginTimeSeconds: 59 }, /RekeyMarginTimeSeconds = 59: 60 to half/],
    [{ RekeyFuzzPercentage: 101 }, /0-100 percent/],
    [{ DPDTimeoutSeconds: 'thirty' }, /DPDTimeoutSeconds = 'thirty': an integer: 30 seconds or more/],
    [{ StartupAction: 'initiate' }, /StartupAction = 'initiate': one of add, start/],
    [{ IKEVersions: [{ Value: 'ikev3' }] }, /IKEVersions = \["ikev3"\]: each of ikev1, ikev2/],
    [{ IKEVersions: [{ Value: 'ikev1' }], StartupAction: 'start' }, /IKEv2 only/],
    [{ Phase1EncryptionAlgorithms: [{ Value: 'aes256' }] }, /Phase1EncryptionAlgorithms = \["aes256"\]: each of AES128, AES256/],
    [{ Phase2DHGroupNumbers: [{ Value: 1 }] }, /Phase2DHGroupNumbers = \[1\]: each of 2, 5, 14/],
    [{ TunnelInsideCidr: '169.254.3.0/30' }, /169\.254\.3\.0\/30 is reserved/],
    [{ TunnelInsideCidr: '10.0.0.0/30' }, /outside 169\.254\.0\.0\/16/],
    [{ TunnelInsideCidr: '169.254.21.1/30' }, /host bits are set/],
    [{ PreSharedKey: 'short' }, /a key of 5 characters shorter than 8/],
    [{ PreSharedKey: 'a'.repeat(65) }, /a key of 65 characters longer than 64/],
    [{ PreSharedKey: 'key with+plus' }, /a key of 13 characters containing space, '\+'/],
  ])('tunnel option %j is rejected', (extra, pattern) => {
    expect(rules(base({ Conn: connection([tunnel(extra)]) })).join('\n')).toMatch(pattern);
  });

  test('StartupAction start with IKEVersions [ikev2] and the defaults elsewhere is accepted', () => {
    expect(rules(base({ Conn: connection([tunnel({ StartupAction: 'start', IKEVersions: [{ Value: 'ikev2' }], RekeyMarginTimeSeconds: 1800 })]) }))).toEqual([]);
  });

  test('a violation on a key describes it and never shows it', () => {
    const secret = '0ThisKeyMustNeverBeShown-anywhere';
    const out = JSON.stringify(acceptAws(small(base({ Conn: connection([tunnel({ PreSharedKey: secret })]) }))));
    expect(out).toMatch(/a key of 33 characters starting with '0', containing '-'/);
    expect(out).not.toContain('ThisKeyMustNeverBeShown');
    expect(pskProblem('validKey_1.x')).toBeUndefined();
  });

  test('values known only at deploy time are not checked', () => {
    expect(rules(base({ Conn: connection([tunnel({ PreSharedKey: { Ref: 'Key' }, DPDTimeoutSeconds: { Ref: 'Dpd' } })]) }), { Key: { Type: 'String', NoEcho: true }, Dpd: { Type: 'Number' } })).toEqual([]);
    expect(rules(base({ Conn: connection([tunnel({ PreSharedKey: '{{resolve:secretsmanager:vpn:SecretString:psk}}' })]) }))).toEqual([]);
  });

  test('inside CIDRs: unique across the connections of one VGW, not required on a TGW', () => {
    const dup = { A: connection([tunnel()]), B: connection([tunnel()]) };
    expect(rules(base(dup))).toEqual([
      expect.stringMatching(/^cdk:Small\/A VpnTunnelOptionsSpecifications\[0\]\.TunnelInsideCidr = '169\.254\.21\.0\/30': unique .*also used by Small\/B tunnel 1$/),
      expect.stringMatching(/^cdk:Small\/B .*also used by Small\/A tunnel 1$/),
    ]);
    const onTgw = (extra: Obj) => connection([tunnel()], { VpnGatewayId: undefined as unknown as Json, TransitGatewayId: { Ref: 'Tgw' }, ...extra });
    const tgw = { Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { AmazonSideAsn: 64512 } }, A: onTgw({}), B: onTgw({}) };
    expect(rules(JSON.parse(JSON.stringify(base(tgw))))).toEqual([]);
    // Two tunnels of one connection with the same CIDR on a VGW.
    expect(rules(base({ A: connection([tunnel(), tunnel()]) })).join('\n')).toMatch(/also used by Small\/A tunnel 2/);
  });

  test('connection-level rules: one gateway, at most two tunnels, enumerations, IPv6 needs a TGW', () => {
    expect(rules(base({ Conn: connection([tunnel()], { TransitGatewayId: 'tgw-1' }) })).join('\n')).toMatch(/VpnGatewayId \/ TransitGatewayId = both set: exactly one/);
    expect(rules(base({ Conn: connection([tunnel(), tunnel({ TunnelInsideCidr: '169.254.22.0/30' }), tunnel({ TunnelInsideCidr: '169.254.23.0/30' })]) })).join('\n')).toMatch(/= 3 entries: at most 2/);
    expect(rules(base({ Conn: connection([tunnel()], { TunnelBandwidth: 'huge', Type: 'ipsec.2' }) }))).toEqual([
      expect.stringMatching(/Type = 'ipsec.2': one of ipsec.1/),
      expect.stringMatching(/TunnelBandwidth = 'huge': one of standard, large/),
    ]);
    expect(rules(base({ Conn: connection([tunnel()], { TunnelInsideIpVersion: 'ipv6' }) })).join('\n')).toMatch(/IPv6 tunnels need a transit gateway/);
    expect(rules(base({ Conn: connection([tunnel()], { OutsideIpAddressType: 'PrivateIpv4' }) })).join('\n')).toMatch(/TransportTransitGatewayAttachmentId is required/);
    expect(rules(base({ Conn: connection([tunnel()], { EnableAcceleration: true }) })).join('\n')).toMatch(/EnableAcceleration = true: acceleration is supported only on a transit gateway/);
    expect(rules(base({ Conn: connection([tunnel({ TunnelInsideIpv6Cidr: 'fd00::4/126' })]) })).join('\n')).toMatch(/TunnelInsideIpv6Cidr = 'fd00::4\/126': IPv6 tunnels need a transit gateway/);
  });

  test('IPv6 inside CIDRs on a transit gateway: a /126 of fd00::/8', () => {
    const onTgw = (t: Obj) => ({ Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} }, Conn: { Type: CONN, Properties: { Type: 'ipsec.1', CustomerGatewayId: { Ref: 'Cgw' }, TransitGatewayId: { Ref: 'Tgw' }, EnableAcceleration: true, VpnTunnelOptionsSpecifications: [tunnel(t)] } } });
    expect(rules(base(onTgw({ TunnelInsideIpv6Cidr: 'fd00::4/126' })))).toEqual([]);
    const switched = base(onTgw({}));
    (switched.Tgw as { Properties: Obj }).Properties.VpnEcmpSupport = 'enabled';
    expect(rules(switched)).toEqual([expect.stringMatching(/cdk:Small\/Tgw VpnEcmpSupport = 'enabled': one of enable, disable/)]);
    expect(rules(base(onTgw({ TunnelInsideIpv6Cidr: 'fd00::/64' })))).toEqual([expect.stringMatching(/a \/126 inside fd00::\/8 \(a \/64, not a \/126\)/)]);
    expect(rules(base(onTgw({ TunnelInsideIpv6Cidr: '2001:db8::/126' })))).toEqual([expect.stringMatching(/outside fd00::\/8/)]);
  });

  test('customer gateway ASNs: exactly one field, each in its range', () => {
    const cgw = (p: Obj) => ({ ...base(), Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { Type: 'ipsec.1', IpAddress: '203.0.113.5', ...p } } });
    expect(rules(cgw({}))).toEqual([expect.stringMatching(/BgpAsn \/ BgpAsnExtended = neither set: exactly one/)]);
    expect(rules(cgw({ BgpAsnExtended: 65000 }))).toEqual([expect.stringMatching(/BgpAsnExtended = 65000: 2147483648-4294967295/)]);
    expect(rules(cgw({ BgpAsnExtended: 4200000000 }))).toEqual([]);
    expect(rules(cgw({ BgpAsn: 0 }))).toEqual([expect.stringMatching(/BgpAsn = 0: 1-2147483647/)]);
  });

  test('transit gateway routes: destination, route table, an attachment of a TGW connection', () => {
    const lookup = { Type: 'Custom::VpnTunnelOutsideIps', Properties: { VpnConnectionId: { Ref: 'Conn' }, TunnelInsideCidrs: ['169.254.21.0/30', '169.254.22.0/30'] } };
    const route = (p: Obj) => ({ ...base(), Lookup: lookup, Route: { Type: 'AWS::EC2::TransitGatewayRoute', Properties: p } });
    const attachment = { 'Fn::GetAtt': ['Lookup', 'TransitGatewayAttachmentId'] };
    expect(rules(route({ DestinationCidrBlock: '10.1.0.0/16', TransitGatewayRouteTableId: 'tgw-rtb-1', TransitGatewayAttachmentId: attachment })))
      .toEqual([expect.stringMatching(/Route TransitGatewayAttachmentId = Lookup of Conn \(on a virtual private gateway\)/)]);
    expect(rules(route({ DestinationCidrBlock: '10.1.0.1/16' })).join('\n')).toMatch(/DestinationCidrBlock = '10\.1\.0\.1\/16'.*host bits[\s\S]*TransitGatewayRouteTableId = \(not set\): required[\s\S]*TransitGatewayAttachmentId = \(not set\)/);
    expect(rules(route({ DestinationCidrBlock: '10.1.0.0/16', TransitGatewayRouteTableId: 'tgw-rtb-1', Blackhole: true }))).toEqual([]);
  });

  describe('the tunnel options resource (Custom::VpnTunnelOptions): ModifyVpnTunnelOptions\' rules', () => {
    const bare = () => connection([{ TunnelInsideCidr: '169.254.21.0/30' }, { TunnelInsideCidr: '169.254.22.0/30' }]);
    const options = (tunnels: Obj[], props: Obj = {}): Obj => ({ Type: OPTIONS, Properties: { VpnConnectionId: { Ref: 'Conn' }, Tunnels: tunnels as Json, ...props } });
    const both = (extra: Obj = {}) => [tunnel(extra), tunnel({ TunnelInsideCidr: '169.254.22.0/30' })];
    /** A tunnel entry without `key`. */
    const without = (key: string, extra: Obj = {}): Obj => Object.fromEntries(Object.entries(tunnel(extra)).filter(([k]) => k !== key));

    test('a connection with only its inside CIDRs and a valid resource has no violation', () => {
      expect(rules(base({ Conn: bare(), Opts: options(both()) }))).toEqual([]);
      expect(rules(base({ Conn: bare(), Opts: options([without('PreSharedKey', { PreSharedKeyReference: 'secretsmanager:vpn:SecretString:k::' })]) }))).toEqual([]);
    });

    test('its options are checked with the EC2 API reference as the source', () => {
      const [v] = acceptAws(small(base({ Conn: bare(), Opts: options(both({ DPDTimeoutSeconds: 29 })) })));
      expect(v).toMatchObject({ resource: 'cdk:Small/Opts', attribute: 'Tunnels[0].DPDTimeoutSeconds', value: '29', rule: '30 seconds or more' });
      expect(v.source).toBe('EC2 API ModifyVpnTunnelOptionsSpecification.DPDTimeoutSeconds (API_ModifyVpnTunnelOptionsSpecification.html)');
      expect(rules(base({ Conn: bare(), Opts: options(both({ Phase2LifetimeSeconds: 3600, Phase1LifetimeSeconds: 3600, PreSharedKey: 'short' })) })).join('\n'))
        .toMatch(/Opts Tunnels\[0\]\.Phase2LifetimeSeconds = 3600: .*must be less than[\s\S]*Opts Tunnels\[0\]\.PreSharedKey = a key of 5 characters shorter than 8/);
    });

    test.each<[string, Obj, RegExp]>([
      ['an entry naming no tunnel of the connection', { Conn: bare(), Opts: options([tunnel({ TunnelInsideCidr: '169.254.23.0/30' })]) },
        /Opts Tunnels\[0\]\.TunnelInsideCidr = '169\.254\.23\.0\/30': TunnelInsideCidr names the tunnel .*the connection's are 169\.254\.21\.0\/30, 169\.254\.22\.0\/30/],
      ['two entries for one tunnel', { Conn: bare(), Opts: options([tunnel(), tunnel()]) }, /Tunnels\[1\]\.TunnelInsideCidr = '169\.254\.21\.0\/30': .*named twice/],
      ['an entry without inside CIDR', { Conn: bare(), Opts: options([without('TunnelInsideCidr')]) }, /Tunnels\[0\]\.TunnelInsideCidr = \(not set\)/],
      ['three entries', { Conn: bare(), Opts: options([tunnel(), tunnel(), tunnel()]) }, /Opts Tunnels = 3 entries: Tunnels: one or two entries/],
      ['a key reference that is not a secure reference', { Conn: bare(), Opts: options([without('PreSharedKey', { PreSharedKeyReference: 'vault:vpn/key' })]) }, /PreSharedKeyReference = .*secretsmanager:<secret-id>/],
      ['two resources for one connection', { Conn: bare(), Opts: options(both()), Opts2: options(both()) }, /Opts2 VpnConnectionId = Conn \(also named by Opts\): one tunnel options resource per VPN connection/],
      ['a resource naming something else', { Conn: bare(), Opts: options(both(), { VpnConnectionId: { Ref: 'Cgw' } }) }, /Opts VpnConnectionId = Cgw \(AWS::EC2::CustomerGateway\)/],
    ])('%s is rejected', (_, resources, pattern) => {
      expect(rules(base(resources)).join('\n')).toMatch(pattern);
    });
  });

  test('insideCidrProblem: only an aligned, unreserved /30 of 169.254.0.0/16 passes', () => {
    expect(insideCidrProblem('169.254.21.0/30')).toBeUndefined();
    expect(insideCidrProblem('169.254.5.0/30')).toMatch(/reserved/);
    expect(insideCidrProblem('169.254.6.0/30')).toBeUndefined();
    expect(insideCidrProblem(30)).toBe('not a string');
  });
});

describe('AWS model: the tunnel options resource\'s values are the tunnel\'s', () => {
  const example = 'aws-azure-bgp';

  test('an option the resource sets overrides the connection\'s (the constructs write only inside CIDRs there)', () => {
    const dir = mutateLinks(example, 'options override', (body) => {
      const [id, c] = conn(body, 'conn1');
      tunnelsOf(c)[0].Phase2LifetimeSeconds = 3000; // what the connection was created with
      optionsOf(body, id)[0].Phase2LifetimeSeconds = 1800; // what the resource applied since
    });
    const d = readDeployment([dir]);
    const r = new Resolver(loadStacks([dir]).stacks, d.manifest);
    const [id] = idsOf(example, 'conn1');
    const halves = d.aws.filter((c) => c.logicalId === id).flatMap((c) => awsHalves(c, d, r));
    expect(halves.map((h) => h.childLifetimeSeconds)).toEqual([1800, 3600]);
    // The resource shapes the half: a violation on it fails the tunnel.
    expect(halves[0].resources).toContainEqual(expect.stringMatching(/TunnelOptions/));
  });

  test('without the resource, the connection\'s own (creation-time) options are all there is: no key, so the tunnels fail', async () => {
    const [id] = idsOf(example, 'conn1');
    const dir = mutateLinks(example, 'no options resource', (body) => {
      for (const [rid, o] of cfnResources(body, OPTIONS)) if (((o.Properties as Obj).VpnConnectionId as Obj).Ref === id) delete (body.Resources as Obj)[rid];
    });
    const report = await verify([dir], { modelOnly: true });
    const affected = report.tunnels.filter((t) => touches(t, [id]));
    expect(affected.length).toBeGreaterThan(0);
    for (const t of affected) expect(t.status).toBe('failed');
    expect(JSON.stringify(affected)).toMatch(/PreSharedKey is not set, AWS generates one at deploy time/);
  });
});

describe('AWS model: the Amazon-side ASN comes from the output, never a silent default', () => {
  const tgw = 'aws-azure-bgp-tgw';
  /** Both connections on an existing transit gateway (a literal id), optionally with the metadata contract. */
  const existing = (asn?: number) => mutateLinks(tgw, `existing tgw ${asn ?? 'no metadata'}`, (body) => {
    for (const [, c] of connections(body)) {
      (c.Properties as Obj).TransitGatewayId = 'tgw-0123456789abcdef0';
      if (asn !== undefined) c.Metadata = { CrossCloudVpn: { Gateway: { Kind: 'transit-gateway', Existing: true, Asn: asn, Networks: ['10.10.0.0/16'] } } };
      else delete c.Metadata;
    }
  });

  test('an existing transit gateway without Metadata.CrossCloudVpn.Gateway.Asn: the half says the ASN is unverifiable', async () => {
    const report = await verify([existing()], { modelOnly: true });
    const aws = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('aws:')) && t.status === 'failed');
    expect(aws.length).toBeGreaterThan(0);
    for (const t of aws) expect(t.failure).toEqual({ code: 'unverifiable', reason: expect.stringMatching(/Amazon-side ASN of gateway .* is unverifiable.*Metadata\.CrossCloudVpn\.Gateway\.Asn/) });
    expect(report.ok).toBe(false);
  });

  test('with the metadata, its ASN (64700) is the AWS side\'s BGP ASN', () => {
    const dir = existing(64700);
    const stacks = readDeployment([dir]);
    const r = new Resolver(loadStacks([dir]).stacks, stacks.manifest);
    const halves = stacks.aws.flatMap((c) => awsHalves(c, stacks, r));
    expect(halves.length).toBe(4);
    for (const h of halves) {
      expect(h.bgp).toMatchObject({ localAsn: 64700, peerAsn: 65000 });
      expect(h.problems).toEqual([]);
    }
  });

  test('a gateway in the output wins over metadata that disagrees, with a note', () => {
    const dir = mutateLinks(tgw, 'metadata disagrees', (body) => {
      for (const [, c] of connections(body)) c.Metadata = { CrossCloudVpn: { Gateway: { Kind: 'transit-gateway', Existing: false, Asn: 65010, Networks: ['10.10.0.0/16'] } } };
    });
    const d = readDeployment([dir]);
    const r = new Resolver(loadStacks([dir]).stacks, d.manifest);
    const [h] = awsHalves(d.aws[0], d, r);
    expect(h.bgp?.localAsn).toBe(64512);
    expect(h.notes.join('\n')).toMatch(/Metadata\.CrossCloudVpn\.Gateway\.Asn 65010 differs from the gateway's 64512/);
  });

  test('a gateway in the output: its AmazonSideAsn; the half lists the connection, customer gateway, gateway and lookup as resources', () => {
    const dir = exampleOutput('aws-azure-bgp');
    const d = readDeployment([dir]);
    const r = new Resolver(loadStacks([dir]).stacks, d.manifest);
    const [h] = awsHalves(d.aws[0], d, r);
    expect(h.bgp?.localAsn).toBe(64512);
    expect(h.resources).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cdk:AwsTokyoLinks2\/Link.*conn/), expect.stringMatching(/^cdk:AwsTokyoLinks2\/Link.*cgw/),
      expect.stringMatching(/^cdk:AwsTokyo\/VpnGateway/), expect.stringMatching(/^cdk:AwsTokyoLinks2\/.*TunnelOutsideIps/),
    ]));
    expect(h.dpd).toMatchObject({ delaySeconds: 10 });
    expect(h.assumptions.map((a) => a.id)).toEqual(expect.arrayContaining(['aws-bgp-timers', 'aws-bgp-active', 'aws-initiator-offer']));
  });
});
