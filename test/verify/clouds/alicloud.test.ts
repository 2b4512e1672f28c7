/**
 * Alibaba Cloud acceptance: mutations of real example output that Alibaba Cloud (its API or
 * provider v1.289.0) rejects must fail exactly the tunnels the mutated resource shapes, with
 * `cloud-rejects` and a reason naming the attribute and the rule; the unmutated examples give
 * none. Plus the rules on their own, and the independence check against the planner's spellings.
 */
import { FACTS } from '../../../src/plan/clouds';
import { verify } from '../../../src/verify';
import { acceptAlicloud, tunnelCidrProblem } from '../../../src/verify/clouds/alicloud/accept';
import { asnOf } from '../../../src/verify/clouds/alicloud/model';
import {
  ALICLOUD_ASSUMPTIONS, ENCRYPTION, IKE_VERSIONS, INTEGRITY, PHASE1_DH, PHASE2_PFS,
} from '../../../src/verify/clouds/alicloud/tables';
import { DH_KEYWORDS } from '../../../src/verify/models/proposals';
import { modelDeployment } from '../../../src/verify/models';
import { extractDeployment, loadStacks, Resolver } from '../../../src/verify/read-output';
import type { VerifyReport } from '../../../src/verify/types';
import { cleanupScratch, exampleOutput, type Json, mutated, type Obj, tfResources } from '../mutate';

jest.setTimeout(120_000);
afterAll(cleanupScratch);

const POLICY = 'azure-alicloud-policy';
const BGP = 'azure-alicloud-bgp';
const MESH = 'three-cloud-mesh';

/** A copy of `example` in which the Terraform resource of `type` whose name contains `part` was changed. */
function mutate(example: string, type: string, part: string, change: (r: Obj, body: Obj) => void): string {
  return mutated(exampleOutput(example), `${example}-${type}-${part}`, (_file, body) => {
    const hit = tfResources(body, type).find(([name]) => name.includes(part));
    if (!hit) return false;
    change(hit[1], body);
    return true;
  });
}
const tunnelsOf = (conn: Obj) => conn.tunnel_options_specification as Obj[];
const ike = (conn: Obj, i: number) => tunnelsOf(conn)[i].tunnel_ike_config as Obj;
const ipsec = (conn: Obj, i: number) => tunnelsOf(conn)[i].tunnel_ipsec_config as Obj;
const bgp = (conn: Obj, i: number) => tunnelsOf(conn)[i].tunnel_bgp_config as Obj;

const reports = new Map<string, Promise<VerifyReport>>();
const run = (dir: string) => {
  if (!reports.has(dir)) reports.set(dir, verify([dir], { modelOnly: true }));
  return reports.get(dir)!;
};

/**
 * THEN exactly one Alibaba violation, on `resource` at `attribute`, with a rule matching `rule`;
 * every tunnel with a half matching `affected` fails `cloud-rejects` naming both; no other does.
 */
async function expectRejected(dir: string, want: { resource: RegExp; attribute: string | RegExp; rule: RegExp; affected: RegExp }) {
  const report = await run(dir);
  const ali = report.violations.filter((v) => v.cloud === 'alicloud');
  expect(ali).toEqual([expect.objectContaining({
    resource: expect.stringMatching(want.resource),
    attribute: typeof want.attribute === 'string' ? want.attribute : expect.stringMatching(want.attribute),
    rule: expect.stringMatching(want.rule),
    source: expect.stringMatching(/\S/),
  })]);
  const [v] = ali;
  expect(v.resource).toMatch(/^cdktf:[^/]+\/alicloud_vpn_[a-z_]+\./);
  expect(v.file).toMatch(/cdk\.tf\.json$/);
  const affected = report.tunnels.filter((t) => t.halves.some((h) => want.affected.test(h)));
  expect(affected.length).toBeGreaterThan(0);
  for (const t of affected) {
    expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
    expect(t.failure!.reason).toContain(v.attribute);
    expect(t.failure!.reason).toContain(v.rule);
  }
  const others = report.tunnels.filter((t) => !affected.includes(t));
  expect(others.filter((t) => t.failure?.code === 'cloud-rejects')).toEqual([]);
  expect(report.ok).toBe(false);
  return { report, violation: v };
}

/** The halves of the Azure link's dual-tunnel connection (same names in the policy and BGP examples). */
const CONN1 = /alicloud_vpn_connection\.Link-ali-hangzhou--azure-japaneast_conn1_[^#]+#/;
const BGP_MASTER = /alicloud_vpn_connection\.Link-ali-hangzhou--azure-japaneast_conn1_[^#]+#master$/;
const ANY_ALICLOUD = /^alicloud:/;

describe('unmutated examples', () => {
  test.each([POLICY, BGP, MESH])('%s: no Alibaba Cloud violation, every Alibaba half lists its resources and assumptions', async (name) => {
    const report = await run(exampleOutput(name));
    expect(report.violations.filter((v) => v.cloud === 'alicloud')).toEqual([]);
    expect(report.tunnels.filter((t) => t.failure?.code === 'cloud-rejects')).toEqual([]);
    expect(report.assumptions.map((a) => a.id)).toEqual(expect.arrayContaining(['alicloud-dpd-timers', 'alicloud-responder-proposal']));
  });

  test('the policy example\'s halves carry the connection, gateway, customer gateway, both policy route entries and the connection\'s CloudMonitor alarm', () => {
    const dir = exampleOutput(POLICY);
    const { stacks, manifest, warnings } = loadStacks([dir]);
    const r = new Resolver(stacks, manifest);
    const halves = modelDeployment(extractDeployment([dir], stacks, manifest, warnings), r).halves.filter((h) => h.cloud === 'alicloud');
    expect(halves.map((h) => h.label.split(' ').pop())).toEqual(['master', 'slave']);
    halves.forEach((h, i) => {
      const kinds = h.resources.map((k) => k.replace(/^cdktf:[^/]+\/(alicloud_[a-z_]+)\..*?((cgw\d)_[^_]+)?$/, '$1 $3').trim()).sort();
      expect(kinds).toEqual(['alicloud_cms_alarm', 'alicloud_vpn_connection', `alicloud_vpn_customer_gateway cgw${i + 1}`, 'alicloud_vpn_gateway', 'alicloud_vpn_pbr_route_entry', 'alicloud_vpn_pbr_route_entry']);
      expect(h.assumptions.map((a) => a.id)).toEqual(['alicloud-responder-proposal', 'alicloud-dpd-timers']);
    });
    expect(acceptAlicloud(r)).toEqual([]);
  });
});

describe('Alibaba Cloud rejects (mutations of example output)', () => {
  test('IKE lifetime 90000 s (above 86400)', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { ike(c, 0).ike_lifetime = 90000; });
    const { violation } = await expectRejected(dir, {
      resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_ike_config.ike_lifetime', rule: /0-86400 seconds/, affected: CONN1,
    });
    expect(violation.value).toBe('90000');
  });

  test('phase 1 DH group24 (the API lists group1/2/5/14 only; no alias)', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { ike(c, 1).ike_pfs = 'group24'; });
    const { violation } = await expectRejected(dir, {
      resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[1].tunnel_ike_config.ike_pfs', rule: /^one of group1, group2, group5, group14$/, affected: CONN1,
    });
    expect(violation.source).toMatch(/CreateVpnConnection/);
  });

  test('phase 2 PFS group24', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { ipsec(c, 0).ipsec_pfs = 'group24'; });
    await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_ipsec_config.ipsec_pfs', rule: /disabled, group1, group2, group5, group14/, affected: CONN1 });
  });

  test('an upper-case spelling (the API documents lower case only)', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { ike(c, 0).ike_enc_alg = 'AES256'; });
    await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_ike_config.ike_enc_alg', rule: /aes, aes192, aes256, des, 3des/, affected: CONN1 });
  });

  test('a dual-tunnel connection with only its master tunnel', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { c.tunnel_options_specification = [tunnelsOf(c)[0]]; });
    const { violation } = await expectRejected(dir, {
      resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification', rule: /exactly two tunnels, roles master, slave/, affected: CONN1,
    });
    expect(violation.value).toBe('1 tunnel(s): master');
    expect(violation.rule).toMatch(/its gateway is dual-tunnel/);
  });

  test('two master tunnels', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_connection', 'conn1', (c) => { tunnelsOf(c)[1].role = 'master'; });
    const report = await run(dir);
    const v = report.violations.filter((x) => x.cloud === 'alicloud');
    expect(v).toEqual([expect.objectContaining({ attribute: 'tunnel_options_specification', value: '2 tunnel(s): master, master' })]);
  });

  test('a pre-shared key with a space: described, never shown', async () => {
    let key = '';
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => {
      key = `${String(ike(c, 0).psk)} x`;
      ike(c, 0).psk = key;
    });
    const { report, violation } = await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_ike_config.psk', rule: /no spaces/, affected: CONN1 });
    expect(violation.value).toBe('(a key with 1 character(s) outside the allowed set)');
    expect(JSON.stringify(report)).not.toContain(key.slice(0, -2));
  });

  test('a local subnet with host bits set', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_connection', 'conn1', (c) => { c.local_subnet = ['10.0.0.1/16', '100.104.0.0/16']; });
    await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'local_subnet[0]', rule: /network CIDR \(host bits are set/, affected: CONN1 });
  });

  test('a policy route entry of weight 50 fails the tunnels of the connection it routes to', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_pbr_route_entry', 'PolicyRoute9d758bec', (e) => { e.weight = 50; });
    await expectRejected(dir, { resource: /alicloud_vpn_pbr_route_entry\./, attribute: 'weight', rule: /^one of 0, 100$/, affected: CONN1 });
  });

  test('a route entry whose next hop is not an IPsec-VPN connection fails the deployment', async () => {
    const dir = mutate(POLICY, 'alicloud_vpn_pbr_route_entry', 'PolicyRoutec15736c4', (e, body) => {
      const [cgw] = tfResources(body, 'alicloud_vpn_customer_gateway');
      e.next_hop = `\${alicloud_vpn_customer_gateway.${cgw[0]}.id}`;
    });
    const report = await run(dir);
    expect(report.violations).toEqual([expect.objectContaining({ attribute: 'next_hop', rule: expect.stringMatching(/IPsec-VPN connection.+not alicloud_vpn_customer_gateway/) })]);
    expect(report.ok).toBe(false);
    expect(report.failures.join('\n')).toMatch(/cloud-rejects: .+next_hop/);
  });

  test('tunnel CIDR 169.254.6.0/30 (reserved)', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_connection', 'conn1', (c) => { Object.assign(bgp(c, 0), { tunnel_cidr: '169.254.6.0/30', local_bgp_ip: '169.254.6.1' }); });
    const { violation } = await expectRejected(dir, {
      resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_bgp_config.tunnel_cidr', rule: /reserved block/, affected: CONN1,
    });
    expect(violation.value).toBe("'169.254.6.0/30'");
  });

  test('local_bgp_ip outside its tunnel CIDR', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_connection', 'conn1', (c) => { bgp(c, 1).local_bgp_ip = '169.254.22.1'; });
    await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[1].tunnel_bgp_config.local_bgp_ip', rule: /inside tunnel_cidr 169\.254\.21\.0\/30/, affected: CONN1 });
  });

  test('both tunnels with one tunnel CIDR (unique per VPN gateway)', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_connection', 'conn1', (c) => { Object.assign(bgp(c, 1), { tunnel_cidr: bgp(c, 0).tunnel_cidr, local_bgp_ip: bgp(c, 0).local_bgp_ip }); });
    const report = await run(dir);
    const v = report.violations.filter((x) => x.cloud === 'alicloud');
    expect(v.map((x) => x.attribute)).toEqual(['tunnel_options_specification[0].tunnel_bgp_config.tunnel_cidr', 'tunnel_options_specification[1].tunnel_bgp_config.tunnel_cidr']);
    expect(v[0].rule).toMatch(/unique among the tunnels of the VPN gateway/);
    for (const t of report.tunnels.filter((x) => x.halves.some((h) => CONN1.test(h)))) expect(t.failure?.code).toBe('cloud-rejects');
  });

  test('customer gateway ASN 45104 (Alibaba Cloud\'s own) fails only the tunnel to that customer gateway', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_customer_gateway', 'cgw1', (g) => { g.asn = '45104'; });
    await expectRejected(dir, { resource: /alicloud_vpn_customer_gateway\..*cgw1/, attribute: 'asn', rule: /not 45104/, affected: BGP_MASTER });
  });

  test('a customer gateway without an ASN that a connection runs BGP to', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_customer_gateway', 'cgw1', (g) => { delete g.asn; });
    await expectRejected(dir, { resource: /alicloud_vpn_customer_gateway\..*cgw1/, attribute: 'asn', rule: /required: a connection runs BGP/, affected: BGP_MASTER });
  });

  test('a local ASN that is no number', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_connection', 'conn1', (c) => { bgp(c, 0).local_asn = 'AS65100'; });
    await expectRejected(dir, { resource: /alicloud_vpn_connection\./, attribute: 'tunnel_options_specification[0].tunnel_bgp_config.local_asn', rule: /1-4294967295/, affected: CONN1 });
  });

  test('gateway bandwidth 150 fails every tunnel of the gateway', async () => {
    const dir = mutate(BGP, 'alicloud_vpn_gateway', 'VpnGateway', (g) => { g.bandwidth = 150; });
    const { violation } = await expectRejected(dir, { resource: /alicloud_vpn_gateway\./, attribute: 'bandwidth', rule: /5, 10, 20, 50, 100, 200, 500, 1000 Mbit\/s for a public gateway/, affected: ANY_ALICLOUD });
    expect(violation.source).toMatch(/constraints\.json resources\.alicloud_vpn_gateway\.bandwidth/);
  });

  test('a private gateway of 100 Mbit/s', async () => {
    const dir = mutate(MESH, 'alicloud_vpn_gateway', 'VpnGateway', (g) => { g.network_type = 'private'; });
    await expectRejected(dir, { resource: /alicloud_vpn_gateway\./, attribute: 'bandwidth', rule: /200, 1000 Mbit\/s for a private gateway/, affected: ANY_ALICLOUD });
  });

  test('IKE version ikev3 on one of two connections fails only that connection\'s tunnels', async () => {
    const dir = mutate(MESH, 'alicloud_vpn_connection', 'aws-tokyo_conn2', (c) => { ike(c, 1).ike_version = 'ikev3'; });
    await expectRejected(dir, { resource: /aws-tokyo_conn2/, attribute: 'tunnel_options_specification[1].tunnel_ike_config.ike_version', rule: /^one of ikev1, ikev2$/, affected: /alicloud_vpn_connection\.Link-ali-hangzhou--aws-tokyo_conn2_/ });
  });
});

/** The Alibaba violations of one hand-written Terraform stack. */
function violationsOf(resource: Obj, variable: Obj = {}) {
  const body: Obj = { resource, variable };
  return acceptAlicloud(new Resolver([{ engine: 'cdktf', name: 's', file: 'cdktf.out/stacks/s/cdk.tf.json', body }]))
    .map((v) => `${v.resource.replace('cdktf:s/', '')} ${v.attribute} = ${v.value}: ${v.rule}`);
}
const GATEWAY: Obj = { vpc_id: 'vpc-1', bandwidth: 100 };

describe('rules on hand-written stacks', () => {
  test('a single-tunnel connection needs its customer gateway; judged only when the gateway is single-tunnel', () => {
    const conn: Obj = { vpn_gateway_id: '${alicloud_vpn_gateway.g.id}', local_subnet: ['10.0.0.0/16'], remote_subnet: ['10.1.0.0/16'] };
    expect(violationsOf({ alicloud_vpn_gateway: { g: GATEWAY }, alicloud_vpn_connection: { c: conn } })).toEqual([
      'alicloud_vpn_connection.c customer_gateway_id = (not set): required for a single-tunnel connection (one without tunnel_options_specification)',
    ]);
    expect(violationsOf({ alicloud_vpn_gateway: { g: GATEWAY }, alicloud_vpn_connection: { c: { ...conn, customer_gateway_id: 'cgw-1' } } })).toEqual([]);
    expect(violationsOf({ alicloud_vpn_gateway: { g: { ...GATEWAY, disaster_recovery_vswitch_id: 'vsw-2' } }, alicloud_vpn_connection: { c: { ...conn, customer_gateway_id: 'cgw-1' } } }))
      .toEqual([expect.stringMatching(/^alicloud_vpn_connection\.c tunnel_options_specification = \(not set\): a dual-tunnel connection \(its gateway is dual-tunnel/)]);
  });

  test('single-tunnel ike_config / ipsec_config / bgp_config are judged like the per-tunnel blocks', () => {
    const conn: Obj = {
      vpn_gateway_id: 'vpn-1', customer_gateway_id: '${alicloud_vpn_customer_gateway.k.id}', local_subnet: ['0.0.0.0/0'], remote_subnet: ['0.0.0.0/0'],
      ike_config: [{ ike_version: 'ikev2', ike_lifetime: -1, ike_local_id: 'has space' }],
      ipsec_config: [{ ipsec_lifetime: '3600', ipsec_auth_alg: 'sha2' }],
      bgp_config: [{ enable: true, tunnel_cidr: '169.254.30.0/30', local_bgp_ip: '169.254.30.1' }],
    };
    expect(violationsOf({ alicloud_vpn_connection: { c: conn }, alicloud_vpn_customer_gateway: { k: { ip_address: '198.51.100.1' } } })).toEqual([
      'alicloud_vpn_connection.c ike_config[0].ike_lifetime = -1: an integer of 0-86400 seconds',
      'alicloud_vpn_connection.c ike_config[0].ike_local_id = \'has space\': at most 100 characters, no spaces',
      'alicloud_vpn_connection.c ipsec_config[0].ipsec_auth_alg = \'sha2\': one of md5, sha1, sha256, sha384, sha512',
      'alicloud_vpn_customer_gateway.k asn = (not set): required: a connection runs BGP to this customer gateway',
    ]);
  });

  test('gateway enums (any case), period, features, conflicts and required arguments', () => {
    expect(violationsOf({ alicloud_vpn_gateway: { g: { ...GATEWAY, payment_type: 'payasyougo', vpn_type: 'Fast', period: 10, enable_ipsec: false, name: 'a', vpn_gateway_name: 'b' } } })).toEqual([
      'alicloud_vpn_gateway.g vpn_gateway_name = \'b\': conflicts with name (set only one)',
      'alicloud_vpn_gateway.g vpn_type = \'Fast\': one of Normal, NationalStandard (any case)',
      'alicloud_vpn_gateway.g period = 10: 1-9, 12, 24 or 36 (months)',
      'alicloud_vpn_gateway.g enable_ipsec = false: at least one of enable_ipsec / enable_ssl is true',
    ]);
    expect(violationsOf({ alicloud_vpn_gateway: { g: { bandwidth: 10 } } })).toEqual(['alicloud_vpn_gateway.g vpc_id = (not set): required']);
  });

  test('route entries: CIDRs, weights, required arguments', () => {
    expect(violationsOf({ alicloud_vpn_pbr_route_entry: { p: { vpn_gateway_id: 'vpn-1', next_hop: 'vco-1', publish_vpc: true, weight: 100, route_source: '10.0.0.0/33', route_dest: '10.1.0.0/16' } } }))
      .toEqual(['alicloud_vpn_pbr_route_entry.p route_source = \'10.0.0.0/33\': an IPv4 CIDR block (prefix length 33 is above 32)']);
    expect(violationsOf({ alicloud_vpn_route_entry: { e: { vpn_gateway_id: 'vpn-1', next_hop: 'vco-1', weight: 100, route_dest: '10.1.0.0/16' } } }))
      .toEqual(['alicloud_vpn_route_entry.e publish_vpc = (not set): required']);
  });

  test('values only known at deploy time are not judged; variable defaults are', () => {
    const gw = (bandwidth: Json) => ({ alicloud_vpn_gateway: { g: { vpc_id: 'vpc-1', bandwidth } } });
    expect(violationsOf(gw('${var.bw}'))).toEqual([]);
    expect(violationsOf(gw('${var.bw}'), { bw: { default: 150 } })).toEqual(['alicloud_vpn_gateway.g bandwidth = 150: one of 5, 10, 20, 50, 100, 200, 500, 1000 Mbit/s for a public gateway']);
  });

  test('a key of 101 characters is described by its length only', () => {
    const conn: Obj = { vpn_gateway_id: 'vpn-1', customer_gateway_id: 'cgw-1', local_subnet: ['0.0.0.0/0'], remote_subnet: ['0.0.0.0/0'], ike_config: { psk: 'k'.repeat(101) } };
    expect(violationsOf({ alicloud_vpn_connection: { c: conn } })).toEqual(['alicloud_vpn_connection.c ike_config.psk = (a key of 101 characters): 1-100 characters']);
  });
});

describe('rules', () => {
  test.each([
    ['169.254.21.0/30', undefined],
    ['169.254.7.0/30', undefined],
    ['169.254.6.0/30', 'a reserved block'],
    ['169.254.0.0/30', 'a reserved block'],
    ['169.254.169.252/30', 'a reserved block'],
    ['169.254.21.0/29', 'not a /30'],
    ['10.0.0.0/30', 'outside 169.254.0.0/16'],
    ['169.254.21.1/30', 'host bits are set; the network address is 169.254.21.0/30'],
  ])('tunnel CIDR %s: %s', (cidr, problem) => {
    expect(tunnelCidrProblem(cidr)).toBe(problem);
  });

  test.each([
    ['65100', 65100], [64512, 64512], ['123.456', 8061384], ['1.70000', undefined], ['AS1', undefined], [1.5, undefined],
  ] as const)('ASN %s reads as %s', (text, n) => {
    expect(asnOf(text)).toBe(n);
  });

  test('phase 1 takes group1/2/5/14 and nothing else; phase 2 also disabled (= no PFS)', () => {
    expect(Object.keys(PHASE1_DH.values)).toEqual(['group1', 'group2', 'group5', 'group14']);
    expect(PHASE2_PFS.values.disabled).toBeNull();
    expect(Object.keys(PHASE2_PFS.values)).not.toContain('group24');
  });

  test('every assumption names its cloud and says why it has no source', () => {
    for (const a of Object.values(ALICLOUD_ASSUMPTIONS)) {
      expect(a).toMatchObject({ cloud: 'alicloud', id: expect.stringMatching(/^alicloud-[a-z-]+$/), what: expect.stringMatching(/\S/), why: expect.stringMatching(/\S/) });
    }
  });
});

describe('independence: every spelling the planner can emit for Alibaba Cloud is known to verify\'s tables, with the same meaning', () => {
  const s = FACTS.alicloud.spelling;

  test.each(Object.entries(s.encryption))('encryption %s is written %s', (planner, spelling) => {
    expect(ENCRYPTION.values[spelling!]).toBe(planner);
  });

  test.each(Object.entries(s.integrity))('integrity %s is written %s', (planner, spelling) => {
    expect(INTEGRITY.values[spelling!]).toBe(planner);
  });

  test.each(Object.entries(s.phase1Dh))('phase 1 DH group %s is written %s', (group, spelling) => {
    expect(PHASE1_DH.values[spelling!]).toBe(DH_KEYWORDS[Number(group)]);
  });

  test.each(Object.entries(s.phase2Dh))('phase 2 PFS group %s is written %s', (group, spelling) => {
    expect(PHASE2_PFS.values[spelling!]).toBe(DH_KEYWORDS[Number(group)]);
  });

  test('no PFS and IKE versions', () => {
    expect(PHASE2_PFS.values[s.noPfs!]).toBeNull();
    expect(Object.entries(s.ikeVersion).map(([v, spelling]) => [v, IKE_VERSIONS.values[spelling!]])).toEqual([['ikev1', 1], ['ikev2', 2]]);
  });
});
