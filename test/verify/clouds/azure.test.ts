/**
 * verify's Azure folder: its acceptance rules on mutations of real example output (each one
 * value a real Azure or the azurerm provider rejects), its default-policy table, its selector
 * behaviour, its assumptions, and its independence from the planner's spelling tables.
 *
 * Acceptance tests run `verify([dir], { modelOnly: true })`: read, model, check acceptance and
 * pair, without root or daemons. Each asserts that exactly the tunnels the mutated resource
 * shapes fail with `cloud-rejects`, naming the attribute and the rule, and that every other
 * tunnel keeps the status it has in the unmutated example.
 */
import { FACTS } from '../../../src/plan/clouds';
import { verify, VerifyReport } from '../../../src/verify';
import { acceptAzure } from '../../../src/verify/clouds/azure/accept';
import { AZURE_DEFAULT_POLICY } from '../../../src/verify/clouds/azure/model';
import {
  AZURE_ASSUMPTIONS, CONNECTION, DEFAULT_PHASE2_RESPONDER, DH_GROUP, IKE_ENCRYPTION, IKE_INTEGRITY, IPSEC_ENCRYPTION, IPSEC_INTEGRITY, PFS_GROUP,
} from '../../../src/verify/clouds/azure/tables';
import { swanctlConf } from '../../../src/verify/daemon-config';
import { modelDeployment } from '../../../src/verify/models';
import { loadStacks, extractDeployment, Resolver } from '../../../src/verify/read-output';
import type { TunnelHalf } from '../../../src/verify/types';
import { Obj, cleanupScratch, exampleOutput, mutated, tfResource, tfResources } from '../mutate';

const GW = 'azurerm_virtual_network_gateway';
const CONN = 'azurerm_virtual_network_gateway_connection';
const LNG = 'azurerm_local_network_gateway';
const PIP = 'azurerm_public_ip';

afterAll(() => cleanupScratch());

const baselines = new Map<string, VerifyReport>();
async function baseline(example: string): Promise<VerifyReport> {
  if (!baselines.has(example)) baselines.set(example, await verify([exampleOutput(example)], { modelOnly: true }));
  return baselines.get(example)!;
}

/** A copy of `example` in which the resource of `type` in `stack` whose construct path contains `pathPart` was edited. */
function mutate(example: string, stack: string, type: string, pathPart: string, edit: (r: Obj) => void): string {
  return mutated(exampleOutput(example), `${example}-${type}-${pathPart}`, (file, body) => {
    if (!file.endsWith(`/stacks/${stack}/cdk.tf.json`)) return false;
    const r = tfResource(body, type, pathPart);
    if (!r) return false;
    edit(r);
    return true;
  });
}

/** Half keys of one connection (`/conn1/` of a stack), or of every Azure half. */
function connectionHalves(example: string, stack: string, pathPart: string): (half: string) => boolean {
  const dir = exampleOutput(example);
  const { stacks } = loadStacks([dir]);
  const s = stacks.find((x) => x.engine === 'cdktf' && x.name === stack)!;
  const [name] = tfResources(s.body as Obj, CONN).find(([, r]) => JSON.stringify(r['//']).includes(pathPart))!;
  return (half) => half.startsWith(`azure:${stack}/${CONN}.${name}#`);
}
const anyAzureHalf = (half: string) => half.startsWith('azure:');

/**
 * THEN exactly the tunnels with an affected half fail with cloud-rejects naming the attribute and
 * the rule; every other tunnel has its unmutated status.
 */
async function expectRejected(
  example: string, dir: string, affected: (half: string) => boolean, attribute: string, rule: RegExp, orphaned: (half: string) => boolean = () => false,
): Promise<VerifyReport> {
  const before = await baseline(example);
  const report = await verify([dir], { modelOnly: true });
  expect(before.tunnels.filter((t) => t.status === 'failed')).toEqual([]);
  const hit = report.tunnels.filter((t) => t.halves.some(affected));
  expect(hit.length).toBeGreaterThan(0);
  for (const t of hit) {
    expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
    expect(t.failure!.reason).toContain(` ${attribute} = `);
    expect(t.failure!.reason).toMatch(rule);
  }
  const statusBefore = new Map(before.tunnels.map((t) => [t.halves.join('|'), t.status]));
  for (const t of report.tunnels.filter((x) => !x.halves.some(affected))) {
    // Tunnels the mutation left alone keep their status; a peer half whose only partners the
    // mutation removed (`orphaned`) is answered by nothing and fails as unpaired.
    const expected = t.halves.every(orphaned) ? 'failed: unpaired' : 'not failed';
    expect(t.status === 'failed' ? `${t.halves.join('|')} failed: ${t.failure!.code}` : 'not failed').toBe(expected === 'not failed' ? expected : `${t.halves.join('|')} ${expected}`);
    if (expected !== 'not failed') continue;
    if (statusBefore.has(t.halves.join('|'))) expect(t.status).toBe(statusBefore.get(t.halves.join('|')));
  }
  expect(report.ok).toBe(false);
  expect(report.violations.every((v) => v.cloud === 'azure' && !/[A-Za-z0-9]{32,}/.test(v.value))).toBe(true);
  return report;
}

describe('Azure acceptance: mutations of real example output', () => {
  test.each([
    // [name, example, stack, type, path part, edit, affected: connection path part or gateway, attribute, rule]
    ['sa_lifetime 200 (at least 300 s)', 'aws-azure-bgp', 'azure-japaneast-links-3', CONN, '/conn1/',
      (r: Obj) => { (r.ipsec_policy as Obj).sa_lifetime = 200; }, '/conn1/', 'ipsec_policy.sa_lifetime', /at least 300 seconds.*virtual_network_gateway_connection_resource\.go:342-347/],
    ['dpd_timeout_seconds 5 (9-3600 s)', 'aws-azure-bgp', 'azure-japaneast-links-3', CONN, '/conn2/',
      (r: Obj) => { r.dpd_timeout_seconds = 5; }, '/conn2/', 'dpd_timeout_seconds', /from 9 to 3600 seconds.*faq-ipsecikepolicy/],
    ['sa_datasize 500 KB (0 or at least 1024)', 'three-cloud-mesh', 'azure-japaneast-links-2', CONN, '/conn2/',
      (r: Obj) => { (r.ipsec_policy as Obj).sa_datasize = 500; }, '/conn2/', 'ipsec_policy.sa_datasize', /from 1024 to 2147483647 KB \(or 0\)/],
    ['GCMAES256 encryption with SHA256 integrity', 'three-cloud-mesh', 'azure-japaneast-links-2', CONN, '/conn1/',
      (r: Obj) => { (r.ipsec_policy as Obj).ipsec_encryption = 'GCMAES256'; }, '/conn1/', 'ipsec_policy.ipsec_integrity', /same GCMAES algorithm and key length \(GCMAES256\)/],
    ['pfs_group PFS15 (not in the enum)', 'azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn2/',
      (r: Obj) => { (r.ipsec_policy as Obj).pfs_group = 'PFS15'; }, '/conn2/', 'ipsec_policy.pfs_group', /one of None, PFS1, PFS2, PFS2048, PFS24, ECP256, ECP384, PFS14, PFSMM/],
    ['connection_mode Responder (typo)', 'azure-alicloud-policy', 'azure-japaneast-links-2', CONN, '/conn1/',
      (r: Obj) => { r.connection_mode = 'Responder'; }, '/conn1/', 'connection_mode', /one of InitiatorOnly, ResponderOnly, Default/],
    ['policy-based selectors without ipsec_policy', 'azure-alicloud-policy', 'azure-japaneast-links-2', CONN, '/conn2/',
      (r: Obj) => { delete r.ipsec_policy; }, '/conn2/', 'use_policy_based_traffic_selectors', /needs an ipsec_policy block/],
    ['custom BGP primary not an APIPA address of the gateway', 'azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/',
      (r: Obj) => { (r.custom_bgp_addresses as Obj).primary = '169.254.21.9'; }, '/conn1/', 'custom_bgp_addresses.primary', /one of the gateway's APIPA addresses \(169\.254\.21\.230, 169\.254\.21\.2\)/],
    ['custom BGP addresses swapped between the instances', 'aws-azure-bgp', 'azure-japaneast-links-3', CONN, '/conn1/',
      (r: Obj) => { r.custom_bgp_addresses = { primary: '169.254.21.38', secondary: '169.254.22.66' }; }, '/conn1/', 'custom_bgp_addresses.primary', /first ip_configuration 'instance0'.*not of 'instance1'/],
    ['LNG with both gateway_address and gateway_fqdn', 'azure-alicloud-policy', 'azure-japaneast-links-2', LNG, '/lng1/',
      (r: Obj) => { r.gateway_fqdn = 'vpn.example.com'; }, '/conn1/', 'gateway_address', /exactly one of gateway_address, gateway_fqdn.*ExactlyOneOf/],
    ['LNG ASN 65515 (reserved by Azure)', 'aws-azure-bgp', 'azure-japaneast-links-3', LNG, '/lng3/',
      (r: Obj) => { (r.bgp_settings as Obj).asn = 65515; }, '/conn3/', 'bgp_settings.asn', /not an ASN Azure reserves/],
    ['LNG ASN equal to the gateway\'s', 'azure-alicloud-bgp', 'azure-japaneast-links-2', LNG, '/lng2/',
      (r: Obj) => { (r.bgp_settings as Obj).asn = 65000; }, '/conn2/', 'local_network_gateway_id', /different from the Azure gateway's/],
    ['an APIPA address outside 169.254.21.0-169.254.22.255', 'aws-azure-bgp', 'azure-japaneast', GW, '/Resource',
      (r: Obj) => { ((r.bgp_settings as Obj).peering_addresses as Obj[])[1].apipa_addresses = ['169.254.21.38', '169.254.23.190']; }, 'gateway',
      'bgp_settings.peering_addresses[1].apipa_addresses[1]', /within Azure's APIPA range 169\.254\.21\.0-169\.254\.22\.255/],
    ['active-active gateway with one ip_configuration', 'aws-azure-bgp', 'azure-japaneast', GW, '/Resource',
      (r: Obj) => { r.ip_configuration = (r.ip_configuration as Obj[]).slice(0, 1); }, 'gateway', 'ip_configuration', /exactly 2 ip_configuration blocks/],
    ['non-AZ SKU VpnGw2 (no longer created)', 'three-cloud-mesh', 'azure-japaneast', GW, '/Resource',
      (r: Obj) => { r.sku = 'VpnGw2'; }, 'gateway', 'sku', /Azure still creates: Basic, VpnGw1AZ.*NonAzSkusNotAllowedForVPNGateway/],
    ['SKU VpnGw1AZ on a Generation2 gateway', 'aws-azure-bgp', 'azure-japaneast', GW, '/Resource',
      (r: Obj) => { r.sku = 'VpnGw1AZ'; }, 'gateway', 'sku', /RouteBased Generation2 gateway: one of VpnGw2, .*:952-976/],
    ['gateway ASN 23456 (IANA reserved)', 'azure-alicloud-bgp', 'azure-japaneast', GW, '/Resource',
      (r: Obj) => { (r.bgp_settings as Obj).asn = 23456; }, 'gateway', 'bgp_settings.asn', /not an ASN reserved by IANA/],
    ['public IP of an AZ gateway without zones', 'aws-azure-bgp', 'azure-japaneast', PIP, '/PublicIp1',
      (r: Obj) => { delete r.zones; }, 'gateway', 'ip_configuration[1].public_ip_address_id', /public IPs of an AZ SKU gateway \(VpnGw2AZ\) have zones/],
    ['Standard public IP with Dynamic allocation', 'azure-alicloud-policy', 'azure-japaneast', PIP, '/PublicIp0',
      (r: Obj) => { r.allocation_method = 'Dynamic'; }, 'gateway', 'allocation_method', /Static for a Standard SKU public IP.*public_ip_resource\.go:(210-217|232-236)/], // v4.55.0 / v4.73.0
  ] as const)('%s', async (name, example, stack, type, pathPart, edit, affects, attribute, rule) => {
    // GIVEN real output with exactly one value Azure rejects
    const dir = mutate(example, stack, type, pathPart, edit as (r: Obj) => void);
    const affected = affects === 'gateway' ? anyAzureHalf : connectionHalves(example, stack, affects);
    // WHEN verify reads it THEN exactly the tunnels the resource shapes fail, naming attribute and rule
    // (Without its second ip_configuration the gateway has no instance1: the AWS tunnels that
    // registered instance1's public IP, those of AWS conn2, are answered by nothing.)
    const orphaned = name.startsWith('active-active') ? (h: string) => /^aws:.*conn2[0-9A-F]{8}#tunnel[12]$/.test(h) : undefined;
    await expectRejected(example, dir, affected, attribute, rule, orphaned);
  });

  test('shared_key with a hyphen: rejected, described, never shown', async () => {
    let key = '';
    const dir = mutate('aws-azure-bgp', 'azure-japaneast-links-3', CONN, '/conn2/', (r) => { key = String(r.shared_key).replace(/^(.{8})/, '$1-'); r.shared_key = key; });
    expect(key).toContain('-');
    const report = await expectRejected('aws-azure-bgp', dir, connectionHalves('aws-azure-bgp', 'azure-japaneast-links-3', '/conn2/'), 'shared_key',
      new RegExp(`shared_key = 'a ${key.length}-character key containing '-'': printable ASCII characters except space, hyphen \\(-\\) and tilde`));
    expect(JSON.stringify(report)).not.toContain(key);
    expect(JSON.stringify(report)).not.toContain(key.slice(9));
  });

  test('every unmutated example gives zero Azure violations', async () => {
    for (const e of ['aws-azure-bgp', 'aws-azure-bgp-guide', 'aws-azure-bgp-tgw', 'aws-azure-bgp-tgw-guide', 'azure-alicloud-policy', 'azure-alicloud-bgp', 'three-cloud-mesh']) {
      const { stacks, manifest } = loadStacks([exampleOutput(e)]);
      expect([e, acceptAzure(new Resolver(stacks, manifest))]).toEqual([e, []]);
    }
  });

  test('a deploy-time value is not judged; a violation names the file, the resource key and the source', () => {
    const dir = mutate('aws-azure-bgp', 'azure-japaneast-links-3', CONN, '/conn4/', (r) => { (r.ipsec_policy as Obj).sa_lifetime = '${var.lifetime}'; r.dpd_timeout_seconds = 4000; });
    const { stacks, manifest } = loadStacks([dir]);
    const v = acceptAzure(new Resolver(stacks, manifest));
    expect(v).toEqual([expect.objectContaining({
      cloud: 'azure', attribute: 'dpd_timeout_seconds', value: '4000', rule: 'an integer from 9 to 3600 seconds',
      resource: expect.stringMatching(/^cdktf:azure-japaneast-links-3\/azurerm_virtual_network_gateway_connection\.VpnGateway_aws-tokyo--azure-japaneast_conn4_/),
      file: expect.stringMatching(/stacks\/azure-japaneast-links-3\/cdk\.tf\.json$/),
      source: expect.stringMatching(/^MicrosoftDocs\/azure-docs /),
    })]);
  });
});

/** The model of a deployment folder. */
function model(dir: string): TunnelHalf[] {
  const { stacks, manifest, warnings } = loadStacks([dir]);
  return [...modelDeployment(extractDeployment([dir], stacks, manifest, warnings), new Resolver(stacks, manifest)).halves];
}

describe('Azure default policy (no ipsec_policy): the published tables, not every combination', () => {
  const responder = AZURE_DEFAULT_POLICY.espResponder;

  test.each([
    ['aes128-sha1-modp2048s256', false], ['aes128-sha256-modp2048s256', false], ['3des-sha1-modp2048s256', false],
    ['3des-sha256-modp768', false], ['3des-sha256-modp2048', false], ['3des-sha256-modp2048s256', false],
    ['aes256-sha256-modp2048', true], ['aes256-sha1-modp2048s256', true], ['3des-sha1-modp2048', true], ['aes128-sha256', true], ['aes256gcm16', true], ['des-sha1', true],
  ] as const)('as responder, phase 2 %s is accepted: %s', (proposal, accepted) => {
    expect(responder.includes(proposal)).toBe(accepted);
  });

  test('26 responder offers, 6 initiator offers without PFS, phase 1 DH group 2 only', () => {
    expect(responder).toHaveLength(26);
    expect(new Set(responder).size).toBe(DEFAULT_PHASE2_RESPONDER.length);
    expect(AZURE_DEFAULT_POLICY.espInitiator).toEqual(['aes256gcm16', 'aes256-sha1', '3des-sha1', 'aes256-sha256', 'aes128-sha1', '3des-sha256']);
    expect(AZURE_DEFAULT_POLICY.ike).toEqual(['aes256-sha1-modp1024', 'aes256-sha256-modp1024', 'aes128-sha1-modp1024', 'aes128-sha256-modp1024', '3des-sha1-modp1024', '3des-sha256-modp1024']);
  });

  test('a connection without ipsec_policy offers the initiator list and accepts the responder list', () => {
    const dir = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { delete r.ipsec_policy; });
    const h = model(dir).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!;
    expect(h.esp).toEqual({ offers: AZURE_DEFAULT_POLICY.espInitiator, accepts: responder });
    expect(h.childLifetimeSeconds).toBe(27000);
    expect(h.assumptions.map((a) => a.id)).toContain('azure-gcm-icv16');
  });
});

describe('Azure traffic selectors: Azure proposes its own, accepts whatever the remote proposes', () => {
  const paths = { dir: '/x', runDir: '/x/run', vici: '/x/vici', charonLog: '/x/log', updown: '/x/updown' };
  const run = (initiates: boolean) => ({ initiates, createsChildren: initiates, timerScale: 1, insideFollowsSa: true });
  const tsLines = (conf: string) => conf.split('\n').filter((l) => /_ts = /.test(l)).map((l) => l.trim());

  test('policy-based: the traffic_selector_policy prefixes when initiating, 0.0.0.0/0 (take the proposal) when responding', () => {
    const h = model(exampleOutput('azure-alicloud-policy')).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!;
    expect(h).toMatchObject({ routing: 'policy', localTs: ['192.168.0.0/16'], remoteTs: ['10.0.0.0/16', '100.104.0.0/16'], respondsToAnyTs: true });
    expect(tsLines(swanctlConf(h, '203.0.113.10', paths, run(true)))).toEqual(['local_ts = 192.168.0.0/16', 'remote_ts = 10.0.0.0/16, 100.104.0.0/16']);
    expect(tsLines(swanctlConf(h, '203.0.113.10', paths, run(false)))).toEqual(['local_ts = 0.0.0.0/0', 'remote_ts = 0.0.0.0/0']);
  });

  test('without traffic_selector_policy: every VNet prefix with every local network gateway prefix', () => {
    const dir = mutate('azure-alicloud-policy', 'azure-japaneast-links-2', CONN, '/conn2/', (r) => { delete r.traffic_selector_policy; });
    const h = model(dir).find((x) => x.cloud === 'azure' && x.key.includes('conn2'))!;
    expect(h).toMatchObject({ localTs: ['192.168.0.0/16'], remoteTs: ['10.0.0.0/16', '100.104.0.0/16'] });
  });

  test('route-based: any-to-any; a traffic_selector_policy without the flag is ignored (noted)', () => {
    const dir = mutate('azure-alicloud-policy', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { r.use_policy_based_traffic_selectors = false; });
    const h = model(dir).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!;
    expect(h).toMatchObject({ routing: 'static', localTs: ['0.0.0.0/0'], remoteTs: ['0.0.0.0/0'] });
    expect(h.notes.join('\n')).toMatch(/traffic_selector_policy is ignored/);
  });
});

describe('Azure model: sourced behaviour and listed assumptions', () => {
  test('resources of a half: connection, gateway, local network gateway, both public IPs, the GatewaySubnet, the two alarms on the tunnel', () => {
    const h = model(exampleOutput('aws-azure-bgp')).find((x) => x.cloud === 'azure' && x.key.includes('conn1') && x.key.endsWith('#instance0'))!;
    const types = h.resources.map((k) => k.replace(/^cdktf:[^/]+\//, '').split('.')[0]).sort();
    expect(types).toEqual([LNG, PIP, PIP, 'azurerm_subnet', GW, CONN, 'azurerm_monitor_metric_alert', 'azurerm_monitor_metric_alert'].sort());
    expect(h.resources.every((k) => k.startsWith('cdktf:'))).toBe(true);
  });

  test('ResponderOnly only answers; BGP timers 60/180 from the FAQ; DPD probe interval listed as an assumption', () => {
    const h = model(exampleOutput('aws-azure-bgp')).find((x) => x.cloud === 'azure' && x.key.includes('conn1') && x.key.endsWith('#instance0'))!;
    expect(h.initiation).toMatchObject({ initiates: 'never', responds: true });
    expect(h.bgp).toMatchObject({ keepaliveSeconds: 60, holdTimeSeconds: 180, passive: true, localAsn: 65000, peerAsn: 64512 });
    expect(h.assumptions.map((a) => a.id)).toEqual(['azure-dpd-interval']);
  });

  test('InitiatorOnly does not answer; with IKEv1 the connection mode does not apply', () => {
    const only = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { r.connection_mode = 'InitiatorOnly'; });
    expect(model(only).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!.initiation).toMatchObject({ initiates: 'always', responds: false });
    const v1 = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { r.connection_mode = 'InitiatorOnly'; r.connection_protocol = 'IKEv1'; });
    const h = model(v1).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!;
    expect(h).toMatchObject({ ikeVersion: 1, initiation: { initiates: 'always', responds: true } });
    expect(h.notes.join('\n')).toMatch(/applies to route-based IKEv2 connections only/);
  });

  test('PFS14 is not a violation (the provider and the API take it) but an assumption on the tunnels that use it', async () => {
    const dir = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { (r.ipsec_policy as Obj).pfs_group = 'PFS14'; });
    const report = await verify([dir], { modelOnly: true });
    expect(report.violations).toEqual([]);
    expect(report.assumptions).toContainEqual(AZURE_ASSUMPTIONS['azure-pfs14']);
    const h = model(dir).find((x) => x.cloud === 'azure' && x.key.includes('conn1'))!;
    expect(h.esp.offers).toEqual(['aes256-sha256-modp2048']);
    expect(model(exampleOutput('azure-alicloud-bgp')).some((x) => x.assumptions.some((a) => a.id === 'azure-pfs14'))).toBe(false);
  });

  test('PFSMM (no documented meaning) makes the half unusable rather than guessed', async () => {
    const dir = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn2/', (r) => { (r.ipsec_policy as Obj).pfs_group = 'PFSMM'; });
    const report = await verify([dir], { modelOnly: true });
    const failed = report.tunnels.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t.failure!.code === 'half-unusable' && /PFSMM' has no documented meaning/.test(t.failure!.reason))).toBe(true);
  });

  test('without custom_bgp_addresses an instance peers from its first APIPA address, listed as an assumption', () => {
    const dir = mutate('azure-alicloud-bgp', 'azure-japaneast-links-2', CONN, '/conn1/', (r) => { delete r.custom_bgp_addresses; });
    const h = model(dir).find((x) => x.cloud === 'azure' && x.key.includes('conn1') && x.key.endsWith('#instance0'))!;
    expect(h.inside).toMatchObject({ address: '169.254.21.230' });
    expect(h.assumptions.map((a) => a.id)).toContain('azure-apipa-choice');
  });
});

describe('independence: every spelling the planner can emit for Azure is known to verify\'s tables, with the same meaning', () => {
  const s = FACTS.azure.spelling;
  const p1 = FACTS.azure.phase1;
  const p2 = FACTS.azure.phase2;
  const pairs = <K extends string | number>(t: Partial<Record<K, string>>) => Object.entries(t) as [string, string][];

  test.each(pairs(s.encryption))('encryption %s → %s', (keyword, name) => {
    if ((p1.encryption as readonly string[]).includes(keyword)) expect(IKE_ENCRYPTION[name]).toBe(keyword);
    if ((p2.encryption as readonly string[]).includes(keyword)) expect(IPSEC_ENCRYPTION[name]).toBe(keyword);
    expect(name in IKE_ENCRYPTION || name in IPSEC_ENCRYPTION).toBe(true);
  });

  test.each(pairs(s.integrity))('integrity %s → %s', (keyword, name) => {
    if ((p1.integrity as readonly string[]).includes(keyword)) expect(IKE_INTEGRITY[name]).toBe(keyword);
    if ((p2.integrity as readonly string[]).includes(keyword)) expect(IPSEC_INTEGRITY[name]).toBe(keyword);
    expect(name in IKE_INTEGRITY || name in IPSEC_INTEGRITY).toBe(true);
  });

  test.each(pairs(s.phase1Dh))('phase 1 DH group %s → %s', (group, name) => {
    expect(DH_GROUP[name]).toBe(Number(group));
  });

  test.each(pairs(s.phase2Dh))('PFS group %s → %s (documented, no assumption)', (group, name) => {
    expect(PFS_GROUP[name]).toEqual({ group: Number(group) });
  });

  test('no PFS and the IKE versions', () => {
    expect(PFS_GROUP[s.noPfs!]).toEqual({ group: null });
    for (const v of Object.values(s.ikeVersion)) expect(CONNECTION.protocols).toContain(v);
  });
});

