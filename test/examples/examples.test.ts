import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/lib/example-apps';
import { threeCloudMesh } from '../../examples/three-cloud-mesh';
import { verify } from '../../src/verify';
import { AZURERM_VERSION, ENGINE, ENGINE_CLI, ENGINE_VERSION } from '../lib/engine';
import { exampleOutput, planSummary } from '../verify/mutate';
import { Half, SynthOutput, pairProblems, readHalves, readOutput } from './halves';

const ROOT = path.join(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-examples-'));
const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
afterAll(() => quiet.mockRestore());

/**
 * Every registered example as the registry defines it, synthesized by this project's engine: the
 * run's copy, which the verify and mutation tests read too (`exampleOutput`), with what the
 * planner said of it beside it.
 */
const synthesized = new Map(EXAMPLES.map((e) => {
  const dir = exampleOutput(e.name);
  const manifest = path.join(dir, 'ccvpn.manifest.json');
  const { cdkOut, cdktfOut } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { cdkOut: string; cdktfOut: string };
  return [e.name, { result: { manifest, plan: planSummary(dir) }, output: readOutput(path.join(dir, cdkOut), path.join(dir, cdktfOut)) }];
}));

/** Halves grouped by pre-shared key: a tunnel's two halves carry the same one. */
function byKey(halves: Half[]): Map<string, Half[]> {
  const m = new Map<string, Half[]>();
  for (const h of halves) m.set(h.psk, [...(m.get(h.psk) ?? []), h]);
  return m;
}

describe.each(EXAMPLES.map((e) => [e.name]))('example %s', (name) => {
  const { result, output } = synthesized.get(name)!;

  test('synthesized output matches the snapshot (keys redacted)', () => {
    expect(output).toMatchSnapshot();
  });

  test('every tunnel\'s two halves carry the same key, mirrored addresses and ASNs, and a proposal both accept', () => {
    const groups = byKey(readHalves(output));
    const pairs = [...groups.values()].filter((g) => g.length === 2);
    expect(pairs).toHaveLength(result.plan.activeTunnels);
    for (const [a, b] of pairs) {
      expect(a.cloud).not.toBe(b.cloud);
      expect({ tunnel: `${a.where} ~ ${b.where}`, problems: pairProblems(a, b) }).toEqual({ tunnel: `${a.where} ~ ${b.where}`, problems: [] });
    }
    // idle tunnels: configured on the side that creates them anyway, answered by nobody
    const unpaired = [...groups.values()].filter((g) => g.length !== 2);
    expect(unpaired.map((g) => g.length)).toEqual(Array.from({ length: result.plan.idleTunnels }, () => 1));
  });

  test('the deployment manifest orders every stack of both engines, each with the tool that deploys it', () => {
    const manifest = JSON.parse(fs.readFileSync(result.manifest, 'utf8'));
    const listed = manifest.phases.flatMap((p: { stacks: { name: string; engine: string }[] }) => p.stacks.map((s) => `${s.engine}:${s.name}`)).sort();
    const cdk = Object.keys(output.templates).map((f) => `cdk:${f.replace('.template.json', '')}`);
    // the Terraform stacks are deployed by the engine that wrote them (cdktf, or cdktn in the CDK Terrain project)
    expect(listed).toEqual([...cdk, ...Object.keys(output.stacks).map((s) => `${ENGINE}:${s}`)].sort());
    for (const stack of Object.values(output.stacks) as { '//': { metadata: { version: string } } }[]) expect(stack['//'].metadata.version).toBe(ENGINE_VERSION);
  });

  test('verify --model-only reads the output: every planned tunnel has its two halves, every input resolved', async () => {
    // GIVEN the folder as `npm run example` writes it (manifest, cdk.out, cdktf.out)
    // WHEN
    const report = await verify([path.dirname(result.manifest)], { modelOnly: true });
    // THEN
    expect({ ok: report.ok, failures: report.failures, violations: report.violations, warnings: report.warnings }).toEqual({ ok: true, failures: [], violations: [], warnings: [] });
    const paired = report.tunnels.filter((t) => t.halves.length === 2);
    expect(paired).toHaveLength(result.plan.activeTunnels);
    expect(paired.every((t) => t.idleReason === 'not run (model only)')).toBe(true);
  });
});

test('the cross-check catches a wrong key, a wrong ASN and a wrong address', () => {
  const halves = readHalves(synthesized.get('aws-azure-bgp')!.output);
  const [a, b] = [...byKey(halves).values()][0];
  expect(pairProblems(a, { ...b, peerAsn: 65001 })).toEqual([expect.stringMatching(/ASNs do not mirror/)]);
  expect(pairProblems(a, { ...b, ownIp: '169.254.21.250' })).toEqual([expect.stringMatching(/inside addresses do not mirror/)]);
  expect(pairProblems(a, { ...b, p1: { ...b.p1, dh: ['2'] } })).toEqual([expect.stringMatching(/no common p1 dh/)]);
  expect(byKey([...halves.slice(1), { ...halves[0], psk: 'another-key' }]).size).toBe(byKey(halves).size + 1);
});

test('the guide layout reproduces the guide\'s values on both halves', () => {
  const halves = readHalves(synthesized.get('aws-azure-bgp-guide')!.output);
  const pairs = [...byKey(halves).values()].filter((g) => g.length === 2).map((g) => g.sort((x) => (x.cloud === 'aws' ? -1 : 1)));
  expect(pairs.map(([aws, azure]) => [aws.cidr, aws.ownIp, azure.ownIp, aws.asn, azure.asn]).sort()).toEqual([
    ['169.254.21.0/30', '169.254.21.1', '169.254.21.2', 64512, 65000],
    ['169.254.22.0/30', '169.254.22.1', '169.254.22.2', 64512, 65000],
  ]);
  for (const [aws, azure] of pairs) {
    for (const h of [aws, azure]) expect([h.ikeVersions, h.p1.enc, h.p1.integ, h.p1.dh.map(String), h.p2.enc, h.p2.pfs.map(String)]).toEqual([['ikev2'], ['aes256'], ['sha256'], ['14'], ['aes256'], ['14']].map((x, i) => (i === 3 || i === 5 ? (h.cloud === 'aws' ? ['14'] : ['14']) : x)));
  }
  const aws = synthesized.get('aws-azure-bgp-guide')!.output.templates['AwsTokyoLinks2.template.json'];
  const lifetimes = Object.values<{ Type: string; Properties: { Tunnels: { Phase2LifetimeSeconds: number }[] } }>(aws.Resources)
    .filter((r) => r.Type === 'Custom::VpnTunnelOptions').flatMap((r) => r.Properties.Tunnels.map((o) => o.Phase2LifetimeSeconds));
  expect(lifetimes).toHaveLength(4);
  expect(new Set(lifetimes)).toEqual(new Set([3600]));
  const azure = synthesized.get('aws-azure-bgp-guide')!.output.stacks['azure-japaneast-links-3'];
  const saLifetimes = Object.values<{ ipsec_policy: { sa_lifetime: number } }>(azure.resource.azurerm_virtual_network_gateway_connection).map((c) => c.ipsec_policy.sa_lifetime);
  expect(saLifetimes).toEqual([3600, 3600]);
});

test('adding the third cloud leaves every resource of the two-cloud deployment byte-identical', () => {
  const two = synthExample('mesh-two-clouds', (apps) => threeCloudMesh(apps, { twoClouds: true }), tmp);
  const three = synthExample('mesh-three-clouds', (apps) => threeCloudMesh(apps), tmp);
  const before: SynthOutput = readOutput(two.cdkOut, two.cdktfOut);
  const after: SynthOutput = readOutput(three.cdkOut, three.cdktfOut);
  let compared = 0;
  for (const [file, t] of Object.entries(before.templates)) {
    for (const [id, r] of Object.entries(t.Resources)) {
      expect({ file, id, r: after.templates[file]?.Resources?.[id] }).toEqual({ file, id, r });
      compared++;
    }
  }
  for (const [stack, s] of Object.entries(before.stacks)) {
    for (const [type, list] of Object.entries<Record<string, unknown>>(s.resource ?? {})) {
      for (const [id, r] of Object.entries(list)) {
        expect({ stack, type, id, r: after.stacks[stack]?.resource?.[type]?.[id] }).toEqual({ stack, type, id, r });
        compared++;
      }
    }
  }
  expect(compared).toBeGreaterThan(30);
});

describe('the example entry files work with the engines\' own CLIs', () => {
  // CDK_VALIDATION=false: these apps are the mesh this file synthesizes above, where aws-cdk-lib's
  // template validation runs and an error-severity finding fails the synthesis
  // (`validateAgainstDefaultRules`). Run again under a CLI, it would load and build the validator
  // anew: 5 of the 6.4 CPU-seconds each of these apps took.
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true', CDK_VALIDATION: 'false', TF_CLI_CONFIG_FILE: path.join(tmp, 'empty.tfrc') };
  fs.writeFileSync(env.TF_CLI_CONFIG_FILE, '');

  // engine-free: run by the default project only
  (ENGINE === 'cdktf' ? test : test.skip)('npx cdk synth --app examples/three-cloud-mesh.ts', () => {
    const out = path.join(tmp, 'cli-cdk.out');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--no-notices', '--quiet', '--app', 'node -r @swc-node/register examples/three-cloud-mesh.ts', '-o', out], { cwd: ROOT, env, stdio: 'pipe' });
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.template.json')).sort()).toEqual(['AwsTokyo.template.json', 'AwsTokyoLinks2.template.json']);
  }, 120000);

  test(`npx ${ENGINE_CLI.name} synth with the top-level cdktf.json`, () => {
    const out = path.join(tmp, `cli-${ENGINE_CLI.name}.out`);
    execFileSync(process.execPath, [...ENGINE_CLI.args, 'synth', '--output', out], { cwd: ROOT, env: { ...env, ...ENGINE_CLI.env }, stdio: 'pipe' });
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['ali-hangzhou', 'ali-hangzhou-links-2', 'ali-hangzhou-links-3', 'azure-japaneast', 'azure-japaneast-links-2', 'azure-japaneast-links-3']);
    // the app ran as the CLI's flavour (cdktf.json's app loads scripts/engine-register.js)
    const azure = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'azure-japaneast', 'cdk.tf.json'), 'utf8'));
    expect([azure['//'].metadata.version, azure.terraform.required_providers.azurerm.version]).toEqual([ENGINE_VERSION, AZURERM_VERSION]);
  }, 120000);
});
