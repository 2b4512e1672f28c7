/**
 * `ccvpn diff` on the three-cloud mesh and on mutations of it (`test/verify/mutate.ts`): what the
 * engines do with each change, which tunnels go down, when a site pair is cut off, exit codes,
 * and that no key ever reaches the output.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '../../examples/lib/example-apps';
import { threeCloudMesh } from '../../examples/three-cloud-mesh';
import { MASTER_SECRET_ENV } from '../../src';
import { diffCommand } from '../../src/change/cli';
import { main } from '../../src/cli/main';
import { ChangeReport, diffOutputs, renderChange, unmodelledOverlaps } from '../../src/change/diff';
import { deployGraph } from '../../src/change/deploy-graph';
import { TunnelOutageInput, evaluateOutage } from '../../src/change/outage';
import { Obj, cfnResources, cleanupScratch, exampleOutput, mutated, tfResources } from '../verify/mutate';

afterAll(cleanupScratch);

const MESH = 'three-cloud-mesh';
const mesh = () => exampleOutput(MESH);
const file = (f: string, part: string) => f.includes(`${path.sep}${part}`);

/** Runs the CLI; returns exit code, stdout and stderr. */
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = diffCommand(args, (s) => { stdout += s; }, (s) => { stderr += s; });
  return { code, stdout, stderr };
}

/** Every pre-shared key written anywhere in a synthesized output (CloudFormation and Terraform). */
function keysIn(dir: string): string[] {
  const keys = new Set<string>();
  const walk = (v: unknown, name = '') => {
    if (typeof v === 'string' && /^(PreSharedKey|shared_key|psk)$/.test(name) && v.length >= 8 && !v.includes('${')) keys.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, name));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  const files = [
    ...fs.readdirSync(path.join(dir, 'cdk.out')).filter((f) => f.endsWith('.template.json')).map((f) => path.join(dir, 'cdk.out', f)),
    ...fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).map((s) => path.join(dir, 'cdktf.out', 'stacks', s, 'cdk.tf.json')),
  ];
  for (const f of files) walk(JSON.parse(fs.readFileSync(f, 'utf8')));
  return [...keys];
}

/** GIVEN output that must print no key: neither a key of either output nor anything key-shaped besides fingerprints. */
function expectNoKey(text: string, dirs: string[]): void {
  const keys = dirs.flatMap(keysIn);
  expect(keys.length).toBeGreaterThan(0);
  for (const k of keys) expect(text.includes(k)).toBe(false);
  // Key-shaped: a 16+ character token of letters and digits that is not one of the output's names
  // (logical ids, Terraform addresses, stack names); fingerprints are 12 hex digits.
  const withoutFolders = dirs.reduce((t, d) => t.split(d).join('<output>'), text);
  const tokens = withoutFolders.split(/[\s/:(),;'"`[\]{}<>|→⇄…#]+/).filter((t) => t.length >= 16);
  for (const t of tokens) expect(t).toMatch(/^(Link[a-z]|VpnGateway_|Endpoint|AwsTokyo|azurerm_|alicloud_|azure-|ali-|aws-|cross-stack|Vpn|Tunnel|Phase|@aws-cdk|VpnTunnelOptionsSpecifications|tunnel_options_specification|[a-z_.\-]+$|[a-z]+([A-Z][a-z]+)+$)/);
}

const tunnelsBy = (r: ChangeReport, status: string) => r.tunnels.filter((t) => t.status === status);
const action = (r: ChangeReport, part: string) => r.resources.filter((x) => x.key.includes(part)).map((x) => x.action);

describe('ccvpn diff', () => {
  test('an output against itself: nothing changes, nothing goes down, exit 0', () => {
    const r = diffOutputs(mesh(), mesh());
    expect(r.resources).toEqual([]);
    expect(r.unchangedResources).toBeGreaterThan(50);
    expect(r.tunnels).toHaveLength(10);
    expect(r.tunnels.every((t) => t.status === 'unchanged' && t.outage.down.length === 0)).toBe(true);
    expect(r.pairs.map((p) => [p.status, p.cutOff.length])).toEqual([['kept', 0], ['kept', 0], ['kept', 0]]);
    // AND the steps are those of `ccvpn deploy --parallel 1` (runGraph's order: longest chain behind first)
    expect(r.steps.map((s) => s.label)).toEqual([
      'phase 1: azure-japaneast', 'phase 1: ali-hangzhou', 'phase 1: AwsTokyo',
      'phase 2: AwsTokyoLinks2', 'phase 2: azure-japaneast-links-2', 'phase 2: ali-hangzhou-links-2',
      'phase 3: azure-japaneast-links-3', 'phase 3: ali-hangzhou-links-3',
    ]);
    // AND the waves those of `ccvpn deploy`, from the manifest inputs and both assemblies' dependencies
    expect(r.parallel.graph).toBe('assemblies');
    expect(r.parallel.steps).toEqual([
      { label: 'wave 1', stacks: ['AwsTokyo', 'azure-japaneast', 'ali-hangzhou'] },
      { label: 'wave 2', stacks: ['AwsTokyoLinks2', 'azure-japaneast-links-2', 'ali-hangzhou-links-2'] },
      { label: 'wave 3', stacks: ['azure-japaneast-links-3', 'ali-hangzhou-links-3'] },
    ]);
    expect(r.parallel.cutsOff).toBe(false);
    expect(cli(mesh(), mesh()).code).toBe(0);
  });

  test('rotating one AWS ↔ Azure tunnel\'s key changes only the tunnel options resource and the Azure connection, both in place: that tunnel is down between the two stacks, the connection and its outside IPs stay (exit 0)', () => {
    // GIVEN tunnel 1 of AWS ↔ Azure connection 1 rotated on both halves: the AWS half's key in its
    // Custom::VpnTunnelOptions entry, the Azure half's in the connection that had the same key
    let oldKey = '';
    const awsHalf = mutated(mesh(), 'rotate-aws-key', (f, body) => {
      if (!file(f, 'AwsTokyoLinks2.template.json')) return false;
      const [, res] = cfnResources(body, 'Custom::VpnTunnelOptions').find(([id]) => id.toLowerCase().includes('azurejapaneastconn1'))!;
      const t = ((res.Properties as Obj).Tunnels as Obj[])[0];
      oldKey = String(t.PreSharedKey);
      t.PreSharedKey = `${oldKey.slice(0, -4)}R0t4`;
      return true;
    });
    const after = mutated(awsHalf, 'rotate-azure-key', (f, body) => {
      if (!file(f, 'azure-japaneast-links')) return false;
      const same = tfResources(body, 'azurerm_virtual_network_gateway_connection').filter(([, c]) => c.shared_key === oldKey);
      for (const [, c] of same) c.shared_key = `${oldKey.slice(0, -4)}R0t4`;
      return same.length > 0;
    });
    const r = diffOutputs(mesh(), after);
    // THEN no resource is replaced: the VPN connection is untouched, its options are applied in place
    expect(r.resources.map((x) => [x.type, x.action, x.attributes.map((a) => [a.path, a.kind, a.verdict.behaviour])])).toEqual([
      ['Custom::VpnTunnelOptions', 'update', [['Tunnels[0].PreSharedKey', 'value', 'in-place']]],
      ['azurerm_virtual_network_gateway_connection', 'update', [['shared_key', 'value', 'in-place']]],
    ]);
    // AND only that tunnel goes down, from the AWS stack until the Azure stack that carries its half
    // (tunnel 2 of the connection counts as changed, its options resource being updated, but stays up)
    const changed = tunnelsBy(r, 'changed').filter((t) => t.outage.down.length > 0);
    expect(changed.map((t) => t.outage.intervals)).toEqual([['during phase 2: AwsTokyoLinks2 … during phase 3: azure-japaneast-links-3']]);
    expect(changed[0].halves.map((h) => h.changes)).toEqual([
      [expect.stringMatching(/^key rotated \(fp:[0-9a-f]{12} → fp:[0-9a-f]{12}\)$/)], [expect.stringMatching(/^key rotated \(fp:[0-9a-f]{12} → fp:[0-9a-f]{12}\)$/)],
    ]);
    expect(r.tunnels.filter((x) => x.outage.down.length === 0)).toHaveLength(9);
    expect(r.pairs.every((p) => p.cutOff.length === 0)).toBe(true);
    const run = cli(mesh(), after);
    expect(run.code).toBe(0);
    expectNoKey(run.stdout, [mesh(), after]);
    expectNoKey(cli(mesh(), after, '--json').stdout, [mesh(), after]);
  });

  test('rotating both halves of every tunnel of a link (Azure in place, Alibaba in place) cuts the pair off between the two stacks (exit 2)', () => {
    const step1 = mutated(mesh(), 'azure-keys', (f, body) => {
      if (!file(f, 'azure-japaneast-links-2')) return false;
      for (const [, c] of tfResources(body, 'azurerm_virtual_network_gateway_connection')) c.shared_key = `${String(c.shared_key).slice(0, -4)}R0t4`;
      return true;
    });
    const after = mutated(step1, 'ali-keys', (f, body) => {
      if (!file(f, 'ali-hangzhou-links-2')) return false;
      for (const [, c] of tfResources(body, 'alicloud_vpn_connection')) {
        for (const t of c.tunnel_options_specification as Obj[]) (t.tunnel_ike_config as Obj).psk = `${String((t.tunnel_ike_config as Obj).psk).slice(0, -4)}R0t4`;
      }
      return true;
    });
    const r = diffOutputs(mesh(), after);
    expect(r.resources.map((x) => [x.type, x.action, [...new Set(x.attributes.map((a) => `${a.path.replace(/\[\d\]/g, '[]')}: ${a.verdict.behaviour}`))]])).toEqual([
      ['alicloud_vpn_connection', 'update', ['tunnel_options_specification[].tunnel_ike_config.psk: in-place']],
      ['azurerm_virtual_network_gateway_connection', 'update', ['shared_key: in-place']],
      ['azurerm_virtual_network_gateway_connection', 'update', ['shared_key: in-place']],
    ]);
    const pair = r.pairs.find((p) => p.label.includes('ali-hangzhou') && p.label.includes('azure'))!;
    expect(pair.cutOffIntervals).toEqual(['during phase 2: azure-japaneast-links-2 … during phase 2: ali-hangzhou-links-2']);
    expect(r.cutsOff).toBe(true);
    const run = cli(mesh(), after);
    expect(run.code).toBe(2);
    // AND the text gives the default (parallel) evaluation, says one stack at a time cuts the
    // same pair off, and points to a staged rollout
    expect(r.parallel.pairs.find((p) => p.pair === pair.pair)!.cutOffIntervals).toEqual(['during wave 2']);
    expect(run.stdout).toMatch(/site pairs, as `ccvpn deploy` runs it \(stacks in parallel, a wave's stacks at once\):\n(.*\n)*  ali-hangzhou ⇄ azure-japaneast-vpngw: CUT OFF \(no tunnel up\) during wave 2\n/);
    expect(run.stdout).toMatch(/\(`ccvpn deploy --parallel 1`, one stack at a time: the same site pairs lose every path\)/);
    expect(run.stdout).toMatch(/\n  wave 2: AwsTokyoLinks2, azure-japaneast-links-2, ali-hangzhou-links-2\n/);
    expect(run.stdout).toMatch(/diff: a site pair loses every path during this change \(exit code 2\); a staged rollout \(`ccvpn rotate`/);
    expect(run.stdout).not.toMatch(/--parallel 1` \(one stack at a time\) keeps every path/);
    expectNoKey(run.stdout, [mesh(), after]);
  });

  test('GIVEN two tunnels of one site pair, each down only while one stack deploys, in two stacks that do not wait for each other WHEN deployed as `ccvpn deploy` runs it THEN the pair is cut off, though one stack at a time keeps a path', () => {
    // GIVEN the mesh's real steps: its deploy waves and its `--parallel 1` order, as diff builds them
    const r = diffOutputs(mesh(), mesh());
    // AND the Azure ⇄ Alibaba pair's two tunnels: t9's Azure connection replaced (azure-japaneast-links-2),
    // t10's Alibaba carrier replaced (ali-hangzhou-links-2), nothing both ends must agree on changing
    const pair = 'ali-hangzhou ⇄ azure-japaneast-vpngw';
    const replaced = (stack: string) => ({ key: `${stack}/half`, exists: 'both' as const, changes: [{ stack, replaces: true }], agreementChanged: false });
    const untouched = (key: string) => ({ key, exists: 'both' as const, changes: [], agreementChanged: false });
    const tunnels: TunnelOutageInput[] = [
      { id: 't9', pair, halves: [replaced('azure-japaneast-links-2'), untouched('ali/master')] },
      { id: 't10', pair, halves: [untouched('azure/instance1'), replaced('ali-hangzhou-links-2')] },
    ];
    // WHEN evaluated over both
    const sequential = evaluateOutage(tunnels, r.steps);
    const parallel = evaluateOutage(tunnels, r.parallel.steps);
    // THEN one stack at a time takes them down in turn: the pair keeps a path
    expect(sequential.tunnels.map((t) => [t.id, t.intervals])).toEqual([['t9', ['during phase 2: azure-japaneast-links-2']], ['t10', ['during phase 2: ali-hangzhou-links-2']]]);
    expect(sequential.cutsOff).toBe(false);
    // AND in parallel both stacks are wave 2: both tunnels down at once, the pair cut off
    expect(parallel.tunnels.map((t) => [t.id, t.intervals])).toEqual([['t9', ['during wave 2']], ['t10', ['during wave 2']]]);
    expect(parallel.pairs.map((p) => [p.pair, p.cutOffIntervals])).toEqual([[pair, ['during wave 2']]]);
    expect(parallel.cutsOff).toBe(true);
    // AND the text of such a report shows both evaluations and says how to avoid the outage
    const labelled = (o: typeof parallel) => o.pairs.map((p) => ({ ...p, label: p.pair }));
    const text = renderChange({
      ...r, outage: sequential, pairs: labelled(sequential), cutsOff: parallel.cutsOff,
      parallel: { ...r.parallel, outage: parallel, pairs: labelled(parallel), cutsOff: parallel.cutsOff },
    });
    expect(text).toMatch(/site pairs, as `ccvpn deploy` runs it \(stacks in parallel, a wave's stacks at once\):\n  ali-hangzhou ⇄ azure-japaneast-vpngw: CUT OFF \(no tunnel up\) during wave 2\n/);
    expect(text).toMatch(/site pairs, as `ccvpn deploy --parallel 1` runs it \(one stack at a time\):\n  ali-hangzhou ⇄ azure-japaneast-vpngw: keeps a path throughout \(tunnels take turns\)\n/);
    expect(text).toMatch(/diff: a site pair loses every path during this change \(exit code 2\); `ccvpn deploy --parallel 1` \(one stack at a time\) keeps every path; a staged rollout/);
  });

  test('GIVEN an after-output without the engines\' assembly manifests THEN the graph has the manifest inputs only (more concurrency, the cautious reading), and the report says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-diff-noassembly-'));
    try {
      fs.cpSync(mesh(), dir, { recursive: true });
      fs.rmSync(path.join(dir, 'cdk.out', 'manifest.json'));
      fs.rmSync(path.join(dir, 'cdktf.out', 'manifest.json'));
      const r = diffOutputs(mesh(), dir);
      expect(r.parallel.graph).toBe('manifest inputs only');
      // the phase-2 Terraform stacks read nothing through the manifest: they join the gateways' wave
      expect(r.parallel.steps.map((s) => s.stacks)).toEqual([
        ['AwsTokyo', 'azure-japaneast', 'ali-hangzhou', 'azure-japaneast-links-2', 'ali-hangzhou-links-2'], ['AwsTokyoLinks2'], ['azure-japaneast-links-3', 'ali-hangzhou-links-3'],
      ]);
      expect(renderChange(r)).toMatch(/deploy waves \(the after-manifest's deploy graph, from the manifest inputs only: the output holds no engine assembly manifest;/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unmodelledOverlaps: a pair whose tunnels change in two stacks of different waves that do not wait for each other is reported; dependent or same-wave stacks are not', () => {
    // GIVEN A and B wait for nothing (wave 1), C reads A (wave 2): B and C may overlap when B is slow
    const g = deployGraph({ version: 1, phases: [
      { phase: 1, description: '', stacks: [{ name: 'A', engine: 'cdk', inputs: [], outputs: ['o'] }, { name: 'B', engine: 'cdktf', inputs: [], outputs: [] }] },
      { phase: 2, description: '', stacks: [{ name: 'C', engine: 'cdktf', inputs: [{ name: 'i', from: { stack: 'A', output: 'o' } }], outputs: [] }] },
    ] });
    const tunnel = (id: string, pair: string, ...stacks: string[]): TunnelOutageInput => ({ id, pair, halves: stacks.map((stack) => ({ key: `${id}/${stack}`, exists: 'both', changes: [{ stack, replaces: false }], agreementChanged: true })) });
    expect(unmodelledOverlaps(g, [tunnel('t1', 'p ⇄ q', 'B'), tunnel('t2', 'p ⇄ q', 'C'), tunnel('t3', 'q ⇄ r', 'A', 'C'), tunnel('t4', 'r ⇄ s', 'A', 'B')]))
      .toEqual([{ pair: 'p ⇄ q', stacks: ['B', 'C'] }]);
  });

  test('a changed proposal on one link, both halves: the link is down between its two stacks, the other links stay up', () => {
    const azure = mutated(mesh(), 'azure-proposal', (f, body) => {
      if (!file(f, 'azure-japaneast-links-2')) return false;
      for (const [, c] of tfResources(body, 'azurerm_virtual_network_gateway_connection')) (c.ipsec_policy as Obj).ike_integrity = 'SHA384';
      return true;
    });
    const after = mutated(azure, 'ali-proposal', (f, body) => {
      if (!file(f, 'ali-hangzhou-links-2')) return false;
      for (const [, c] of tfResources(body, 'alicloud_vpn_connection')) for (const t of c.tunnel_options_specification as Obj[]) (t.tunnel_ike_config as Obj).ike_auth_alg = 'sha384';
      return true;
    });
    const r = diffOutputs(mesh(), after);
    const changed = tunnelsBy(r, 'changed');
    expect(changed).toHaveLength(2);
    for (const t of changed) {
      expect(t.halves.every((h) => h.agreementChanged && h.changes.some((c) => c.startsWith('IKE proposals')))).toBe(true);
      expect(t.outage.intervals).toEqual(['during phase 2: azure-japaneast-links-2 … during phase 2: ali-hangzhou-links-2']);
    }
    expect(r.tunnels.filter((t) => t.outage.down.length === 0)).toHaveLength(8);
    expect(cli(mesh(), after).code).toBe(2);
  });

  test('a lifetime change on one half (nothing both ends must agree on) takes nothing down', () => {
    const after = mutated(mesh(), 'ali-lifetime', (f, body) => {
      if (!file(f, 'ali-hangzhou-links-2')) return false;
      for (const [, c] of tfResources(body, 'alicloud_vpn_connection')) for (const t of c.tunnel_options_specification as Obj[]) (t.tunnel_ipsec_config as Obj).ipsec_lifetime = 1800;
      return true;
    });
    const r = diffOutputs(mesh(), after);
    const [t] = tunnelsBy(r, 'changed');
    expect(t.halves.find((h) => h.cloud === 'alicloud')!.changes).toEqual(['IPsec lifetime 3600 → 1800 s']);
    expect(t.halves.every((h) => !h.agreementChanged)).toBe(true);
    expect(r.tunnels.every((x) => x.outage.down.length === 0)).toBe(true);
  });

  test('a removed link: its resources are deleted, its tunnels removed, the pair reported removed (not an outage, exit 0)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-diff-'));
    const saved = process.env[MASTER_SECRET_ENV];
    process.env[MASTER_SECRET_ENV] = 'verify-mutation-test-secret-not-for-real-use';
    try {
      const two = path.dirname(synthExample('mesh-two', (apps) => threeCloudMesh(apps, { twoClouds: true }), tmp).manifest);
      // GIVEN the mesh, WHEN the Alibaba site and its two links go: a removed site
      const r = diffOutputs(mesh(), two);
      expect(tunnelsBy(r, 'removed')).toHaveLength(6);
      // The AWS ↔ Azure tunnels keep every resource; only what Azure announces to AWS shrinks (no Alibaba networks to pass on).
      const kept = r.tunnels.filter((t) => t.status !== 'removed');
      expect(kept).toHaveLength(4);
      for (const t of kept) {
        expect(t.halves.flatMap((h) => h.resources)).toEqual([]);
        expect(t.halves.flatMap((h) => h.changes)).toEqual([expect.stringMatching(/^announces 10\.0\.0\.0\/16, 100\.104\.0\.0\/16, 192\.168\.0\.0\/16 → 192\.168\.0\.0\/16$/)]);
        expect(t.outage.down).toEqual([]);
      }
      // The removed links: AWS ↔ Alibaba goes down when AwsTokyoLinks2 deletes its connections; Azure ↔ Alibaba
      // lives in stacks the after-output no longer deploys: it stays up until they are destroyed.
      expect(tunnelsBy(r, 'removed').map((t) => t.outage.from?.label ?? 'stays').sort()).toEqual([...Array(4).fill('during phase 2: AwsTokyoLinks2'), 'stays', 'stays']);
      expect(r.resources.filter((x) => x.action !== 'delete' && x.action !== 'left')).toEqual([]);
      expect(action(r, 'ali-hangzhou-links').every((a) => a === 'left')).toBe(true);
      expect(r.resources.filter((x) => x.key.startsWith('cdk:AwsTokyoLinks2/Linkalihangzhou')).every((x) => x.action === 'delete')).toBe(true);
      expect(r.pairs.map((p) => [p.label, p.status])).toEqual([
        ['ali-hangzhou ⇄ AwsTokyo', 'removed'], ['ali-hangzhou ⇄ azure-japaneast-vpngw', 'removed'], ['AwsTokyo ⇄ azure-japaneast-vpngw', 'kept'],
      ]);
      expect(r.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/stack ali-hangzhou-links-2 is in the before output only: `ccvpn deploy` does not remove it/)]));
      expect(cli(mesh(), two).code).toBe(0);
      // AND the reverse, an added site: every existing tunnel unchanged and up throughout
      const added = diffOutputs(two, mesh());
      expect(tunnelsBy(added, 'added')).toHaveLength(6);
      expect(added.tunnels.filter((t) => t.status !== 'added').every((t) => t.outage.down.length === 0 && t.halves.every((h) => !h.resources.length))).toBe(true);
      expect(added.resources.filter((x) => x.action !== 'create')).toEqual([]);
      expect(added.pairs.map((p) => p.status).sort()).toEqual(['added', 'added', 'kept']);
    } finally {
      if (saved === undefined) delete process.env[MASTER_SECRET_ENV];
      else process.env[MASTER_SECRET_ENV] = saved;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120000);

  test('is the `ccvpn diff` command of the CLI (help lists it; it dispatches, exit codes pass through)', () => {
    let out = '';
    expect(main(['--help'], (s) => { out += s; })).toBe(0);
    expect(out).toMatch(/ccvpn diff <before> <after> \[--rollout <file> \| --staged\] \[--json\]/);
    out = '';
    expect(main(['diff', mesh(), mesh(), '--json'], (s) => { out += s; })).toBe(0);
    expect((JSON.parse(out) as ChangeReport).tunnels).toHaveLength(10);
    expect(main(['diff', mesh()], () => undefined, () => undefined)).toBe(1);
  });

  test('bad input: one line and exit 1', () => {
    const none = cli('/nonexistent/before', mesh());
    expect([none.code, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toBe('ccvpn diff: before output \'/nonexistent/before\': no such file or folder (give a synthesized output folder holding ccvpn.manifest.json)\n');
    const cdkOnly = cli(mesh(), path.join(mesh(), 'cdk.out'));
    expect(cdkOnly.code).toBe(1);
    expect(cdkOnly.stderr).toMatch(/^ccvpn diff: after output '.*cdk\.out': no ccvpn\.manifest\.json there/);
    const broken = mutated(mesh(), 'not-json', (f) => {
      if (!file(f, 'AwsTokyo.template.json')) return false;
      return true;
    });
    fs.writeFileSync(path.join(broken, 'cdk.out', 'AwsTokyo.template.json'), '{ not json');
    const bad = cli(mesh(), broken);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ccvpn diff: after output '.*': a synthesized file is not readable JSON/);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    expect(cli(mesh()).code).toBe(1);
    expect(cli(mesh(), mesh(), '--bogus').code).toBe(1);
  });
});
