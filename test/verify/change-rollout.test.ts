/**
 * The rollout steps `verify --change` and `ccvpn diff` share (`src/verify/rollout-steps.ts`),
 * without the lab: planner tunnel ids of a `ccvpn rotate` rollout file matched to the output's
 * tunnels (checked against the key each tunnel carries: the planner's key fingerprint must be the
 * one on both halves), the steps `planRollout` chooses by default, and `ccvpn rotate`'s rollout
 * for the three-cloud mesh fed to `ccvpn diff --rollout` and `ccvpn verify --change --rollout
 * --dry-run`, which must name the same tunnels in the same steps. The lab runs with these steps
 * are in change-e2e.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '../../examples/lib/example-apps';
import { threeCloudMesh } from '../../examples/three-cloud-mesh';
import { MASTER_SECRET_ENV } from '../../src';
import { diffCommand } from '../../src/change/cli';
import { ChangeReport, diffOutputs } from '../../src/change/diff';
import { TunnelOutageInput, evaluateOutage } from '../../src/change/outage';
import type { RolloutFile } from '../../src/change/rotation';
import { main } from '../../src/cli/main';
import type { VpnPlan } from '../../src/plan';
import { ChangePlan, halvesKey, planChange } from '../../src/verify/change';
import { verifyCommand } from '../../src/verify/cli';
import { verify } from '../../src/verify/index';
import { RolloutFileInput, RolloutStepsError, StepTunnel, mapPlannerTunnels, rolloutFileProblem, stepsOfRolloutFile } from '../../src/verify/rollout-steps';
import type { TunnelHalf } from '../../src/verify/types';

const LINK_AZURE_ALI = 'ali-hangzhou--azure-japaneast';
const savedSecret = process.env[MASTER_SECRET_ENV];
let root: string;
let before: string;
let rotated: string;
let linkRotated: string;
let plan: VpnPlan;
let rolloutAll: string;
let rolloutLink: string;

const silent = { out: (_s: string) => undefined, err: (s: string) => { throw new Error(s); } };
const readRollout = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as RolloutFile;

/** Synthesizes the mesh with an allocations file; returns the output folder. */
function synth(name: string, allocations: string) {
  const r = synthExample(name, (apps) => threeCloudMesh(apps, { allocationsFile: allocations }), root);
  return { dir: path.dirname(r.manifest), plan: r.vpn.plan };
}

/** `ccvpn rotate`, then the app synthesized with the rollout's last record (what `ccvpn deploy --rollout` ends with). */
function rotate(name: string, allocations: string, out: string, ...choice: string[]): string {
  expect(main(['rotate', '--allocations', allocations, ...choice, '--out', out], silent.out, silent.err)).toBe(0);
  const last = readRollout(out).steps.at(-1)!.record;
  const after = path.join(root, `${name}.allocations.json`);
  fs.writeFileSync(after, JSON.stringify(last));
  return synth(name, after).dir;
}

beforeAll(() => {
  process.env[MASTER_SECRET_ENV] = 'change-rollout-test-master-secret';
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-change-rollout-'));
  const allocations = path.join(root, 'allocations.json');
  const b = synth('mesh', allocations);
  before = b.dir;
  plan = b.plan;
  rolloutAll = path.join(root, 'all.rollout.json');
  rolloutLink = path.join(root, 'link.rollout.json');
  rotated = rotate('rotated', allocations, rolloutAll, '--all');
  linkRotated = rotate('link-rotated', allocations, rolloutLink, '--link', LINK_AZURE_ALI);
}, 180_000);

afterAll(() => {
  if (savedSecret === undefined) delete process.env[MASTER_SECRET_ENV];
  else process.env[MASTER_SECRET_ENV] = savedSecret;
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The output's tunnels as `verify --change` numbers them, with their before-halves. */
const verifyTunnels = (p: ChangePlan): StepTunnel[] => p.tunnels.filter((t) => t.before).map((t) => ({ id: t.id, halves: t.before!.halves }));
/** A tunnel named by its half keys (what both commands share). */
const keysOf = (halves: readonly { key: string }[]) => halves.map((h) => h.key).sort().join(' ~ ');
/** The half keys of the output tunnel that carries the planner tunnel's key (the oracle: keys are per tunnel). */
function keysOfPlanned(p: ChangePlan, plannerId: string): string {
  const fp = plan.tunnels.find((t) => t.id === plannerId)!.presharedKey.fingerprint;
  const carrying = verifyTunnels(p).filter((t) => t.halves.every((h) => h.psk?.fingerprint === fp));
  expect(carrying).toHaveLength(1);
  return keysOf(carrying[0].halves);
}
const verifySteps = (p: ChangePlan) => p.steps.map((s) => s.map((id) => keysOf(p.tunnels.find((t) => t.id === id)!.before!.halves)).sort());
/** The outage model's input of a diff's tunnels (a changed resource that is replaced, created or deleted counts as carrying the tunnel: the cautious reading). */
const outageInputs = (d: ChangeReport): TunnelOutageInput[] => d.tunnels.map((t) => ({
  id: t.id, pair: t.pair,
  halves: t.halves.map((h) => ({
    key: h.key, exists: h.exists, agreementChanged: h.agreementChanged || h.exists !== 'both',
    changes: h.resources.map((r) => ({ stack: r.key.slice(r.key.indexOf(':') + 1, r.key.indexOf('/')), replaces: ['replace', 'create', 'delete'].includes(r.action) })),
  })),
}));
const diffSteps = (r: ChangeReport) => r.staged!.steps.map((s) => s.tunnels!.map((id) => id.split(' ⇄ ').sort().join(' ~ ')).sort());
const pairOf = (r: ChangeReport, a: string, b: string, staged: boolean) => (staged ? r.staged!.pairs : r.pairs).find((p) => p.label.includes(a) && p.label.includes(b))!;

describe('planner tunnel ids matched to the output\'s tunnels', () => {
  test('every tunnel of the mesh\'s record maps to the output tunnel carrying its key; sites to their gateways', () => {
    // GIVEN the output's tunnels and the record ccvpn rotate wrote
    const p = planChange({ before: [before], after: [before] });
    const file = readRollout(rolloutAll);
    // WHEN matched
    const m = mapPlannerTunnels(file.before, verifyTunnels(p));
    // THEN every planner tunnel has exactly one tunnel, the one whose halves both hold its key
    expect(m.unmatched.size).toBe(0);
    expect(m.idle).toEqual([]);
    expect([...m.tunnels.keys()].sort()).toEqual(plan.tunnels.map((t) => t.id).sort());
    for (const [plannerId, id] of m.tunnels) expect(keysOf(p.tunnels.find((t) => t.id === id)!.before!.halves)).toBe(keysOfPlanned(p, plannerId));
    expect(new Set(m.tunnels.values()).size).toBe(10);
    // and the sites are the gateways of their clouds
    expect(Object.fromEntries([...m.sites].map(([site, key]) => [site, key.split('/')[0]]))).toEqual({ 'aws-tokyo': 'aws:AwsTokyo', 'azure-japaneast': 'azure:azure-japaneast', 'ali-hangzhou': 'alicloud:ali-hangzhou' });
    // the policy link (no inside addresses) is matched by its endpoints and sites
    expect(m.how.get(`${LINK_AZURE_ALI}:1`)).toBe('endpoints instance0 ⇄ master');
    expect(m.how.get('aws-tokyo--azure-japaneast:1')).toMatch(/^inside 169\.254\.\d+\.\d+\/30, endpoints tunnel1 ⇄ instance0$/);
  });
});

describe('ccvpn rotate\'s rollout of the mesh, in diff --rollout and verify --change --rollout', () => {
  test('both name the same tunnels in the same steps: those of the rollout file, each step at most one tunnel of a site pair', () => {
    // GIVEN the rollout of a full key rotation and the output after its last step
    const file = readRollout(rolloutAll);
    const input: RolloutFileInput = file; // the rollout file is what verify reads (a type error otherwise)
    // WHEN both commands take its steps
    const v = planChange({ before: [before], after: [rotated], rollout: input });
    const d = diffOutputs(before, rotated, { rollout: input });
    // THEN the steps are the rollout file's, tunnel for tunnel
    const expected = file.steps.map((s) => s.tunnels.map((id) => keysOfPlanned(v, id)).sort());
    expect(file.steps).toHaveLength(4);
    expect(v.stepsSource).toBe('rollout file');
    expect(verifySteps(v)).toEqual(expected);
    expect(diffSteps(d)).toEqual(expected);
    expect(d.staged!.source).toBe('rollout file');
    for (const s of v.steps) {
      const pairs = s.map((id) => keysOf(v.tunnels.find((t) => t.id === id)!.before!.halves.map((h) => ({ key: h.site }))));
      expect(new Set(pairs).size).toBe(pairs.length);
    }
    // and every tunnel changes (keys only) in exactly one step
    expect(v.report.every((r) => r.status === 'changed' && r.changes.join() === 'key')).toBe(true);
    expect(v.steps.flat().sort()).toEqual(v.report.map((r) => r.id).sort());
  });

  test('the CLIs: verify --change --rollout --dry-run prints the steps without the lab; diff --rollout exits 2 only when the staged rollout cuts a pair off', async () => {
    let out = '';
    const code = await verifyCommand(['--change', before, rotated, '--rollout', rolloutAll, '--dry-run', '--json'], (s) => { out += s; }, silent.err);
    expect(code).toBe(0);
    const dry = JSON.parse(out) as { steps: string[][]; stepsSource: string };
    expect(dry.stepsSource).toBe('rollout file');
    expect(dry.steps).toEqual(planChange({ before: [before], after: [rotated], rollout: readRollout(rolloutAll) }).steps);
    let text = '';
    expect(await verifyCommand(['--change', before, rotated, '--rollout', rolloutAll, '--dry-run'], (s) => { text += s; }, silent.err)).toBe(0);
    expect(text).toMatch(/in 4 step\(s\) \(the rollout file's steps\)/);
    expect(text).toMatch(/planner tunnels matched: .*ali-hangzhou--azure-japaneast:1 = t9/);
    expect(text).toMatch(/the lab was not started/);
    // diff: the exit code follows the staged rollout's outage, the phase-by-phase one is shown too
    let diffOut = '';
    const diffCode = diffCommand([before, rotated, '--rollout', rolloutAll, '--json'], (s) => { diffOut += s; }, silent.err);
    const report = JSON.parse(diffOut) as ChangeReport;
    expect(report.outage.cutsOff).toBe(true);
    expect(diffCode).toBe(report.staged!.cutsOff ? 2 : 0);
    expect(report.cutsOff).toBe(report.staged!.cutsOff);
  });

  test('GIVEN a rotation of the Azure ⇄ Alibaba link only THEN the one-shot deploy cuts that pair off (exit 2), its rollout and --staged keep every pair up (exit 0)', () => {
    const cli = (...extra: string[]) => {
      let out = '';
      const code = diffCommand([before, linkRotated, ...extra], (s) => { out += s; }, silent.err);
      return { code, out };
    };
    const oneShot = cli();
    expect(oneShot.code).toBe(2);
    expect(oneShot.out).toMatch(/ali-hangzhou ⇄ azure-japaneast-vpngw: CUT OFF \(no tunnel up\) during wave 2/);
    for (const staged of [cli('--rollout', rolloutLink), cli('--staged')]) {
      expect(staged.code).toBe(0);
      // the whole change's outage is still shown, next to the staged one
      expect(staged.out).toMatch(/site pairs, the whole change as `ccvpn deploy` runs it[^]*ali-hangzhou ⇄ azure-japaneast-vpngw: CUT OFF/);
      expect(staged.out).toMatch(/site pairs, staged:\n(  .*keeps a path throughout.*\n){3}/);
      expect(staged.out).toMatch(/diff: no site pair loses every path during the staged rollout/);
    }
    // the two tunnels of the link, one per step, in both commands
    const d = diffOutputs(before, linkRotated, { rollout: readRollout(rolloutLink) });
    const v = planChange({ before: [before], after: [linkRotated], rollout: readRollout(rolloutLink) });
    expect(diffSteps(d)).toEqual(verifySteps(v));
    expect(v.steps).toEqual([['t9'], ['t10']]);
    expect(planChange({ before: [before], after: [linkRotated] }).steps).toEqual([['t9'], ['t10']]);
    expect(diffSteps(diffOutputs(before, linkRotated, { rollout: 'planned' }))).toEqual(verifySteps(v));
  });
});

describe('one numbering: verify, verify --change and diff give a tunnel the same id', () => {
  test('the full rotation of the mesh: every id names the same half keys in verify <before>, verify --change --dry-run and diff (tables and --json)', async () => {
    // GIVEN the ids verify <before> prints (the numbering the other two follow)
    const byVerify = new Map((await verify([before], { modelOnly: true })).tunnels.filter((t) => t.halves.length === 2).map((t) => [halvesKey(t.halves.map((key) => ({ key }))), t.id]));
    expect(byVerify.size).toBe(10);
    // WHEN verify --change --dry-run and diff report the rotation
    let vOut = '';
    expect(await verifyCommand(['--change', before, rotated, '--rollout', rolloutAll, '--dry-run', '--json'], (s) => { vOut += s; }, silent.err)).toBe(0);
    const byChange = new Map((JSON.parse(vOut) as { tunnels: { id: string; halves: string[] }[] }).tunnels.map((t) => [halvesKey(t.halves.map((key) => ({ key }))), t.id]));
    let dOut = '';
    diffCommand([before, rotated, '--rollout', rolloutAll, '--json'], (s) => { dOut += s; }, silent.err);
    const diffJson = JSON.parse(dOut) as ChangeReport;
    const byDiff = new Map(diffJson.tunnels.map((t) => [halvesKey(t.id.split(' ⇄ ').map((key) => ({ key }))), t.ref]));
    // THEN all three give every tunnel the same id
    expect(Object.fromEntries(byChange)).toEqual(Object.fromEntries(byVerify));
    expect(Object.fromEntries(byDiff)).toEqual(Object.fromEntries(byVerify));
    // e.g. the AWS ⇄ Azure tunnel on AWS conn1 tunnel1 is t2 in each (diff once called it t5)
    const awsAzure = diffJson.tunnels.find((t) => t.sides === 'AwsTokyo conn1 tunnel1 ⇄ azure-japaneast-vpngw conn1 instance0')!;
    expect(awsAzure.ref).toBe('t2');
    // and diff lists them in that order, its table rows and its rollout steps with the same ids
    expect(diffJson.tunnels.map((t) => t.ref)).toEqual([...byVerify.values()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    let dText = '';
    diffCommand([before, rotated, '--rollout', rolloutAll], (s) => { dText += s; }, silent.err);
    let vText = '';
    await verifyCommand(['--change', before, rotated, '--rollout', rolloutAll, '--dry-run'], (s) => { vText += s; }, silent.err);
    expect(dText).toMatch(/^t2 +AwsTokyo conn1 tunnel1 ⇄ azure-japaneast-vpngw conn1 instance0 +changed /m);
    expect(vText).toMatch(/^t2 +AwsTokyo conn1 tunnel1 ⇄ azure-japaneast-vpngw conn1 instance0 +key /m);
    const matched = (text: string) => text.match(/planner tunnels matched: (.*)/)![1];
    expect(matched(dText)).toBe(matched(vText));
    const v = planChange({ before: [before], after: [rotated], rollout: readRollout(rolloutAll) });
    expect(diffJson.staged!.steps.map((s) => s.tunnels!.map((id) => byDiff.get(halvesKey(id.split(' ⇄ ').map((key) => ({ key })))))!.sort())).toEqual(v.steps.map((s) => [...s].sort()));
  });
});

describe('default steps: planRollout over the output\'s tunnels', () => {
  test('a full rotation of the mesh: 4 steps, one tunnel of each site pair per step, in tunnel order', () => {
    const p = planChange({ before: [before], after: [rotated] });
    expect(p.stepsSource).toBe('planRollout');
    // t1/t3/t5/t7 AWS ⇄ Alibaba, t2/t4/t6/t8 AWS ⇄ Azure, t9/t10 Azure ⇄ Alibaba (verify's order)
    expect(p.steps).toEqual([['t1', 't2', 't9'], ['t3', 't4', 't10'], ['t5', 't6'], ['t7', 't8']]);
  });

  test('GIVEN the mesh rotation\'s rollout file WHEN each step\'s stacks deploy at once (as `ccvpn deploy --rollout` runs them, in parallel) THEN a step changes at most one tunnel of a site pair, another stays up, and no split or order of its stacks cuts a pair off', () => {
    const d = diffOutputs(before, rotated, { rollout: readRollout(rolloutAll) });
    const pairOfId = new Map(d.tunnels.map((t) => [t.id, t.pair]));
    const staged = d.staged!;
    expect(staged.cutsOff).toBe(false);
    staged.steps.forEach((s, i) => {
      // a step changes at most one tunnel of each site pair (nothing else goes down with them here)
      const changing = s.tunnels!.map((id) => pairOfId.get(id)!);
      expect(new Set(changing).size).toBe(changing.length);
      expect(s.alsoDown ?? []).toEqual([]);
      // AND every site pair keeps a tunnel the step does not touch, up during it
      const during = `during ${s.label}`;
      for (const pair of new Set(d.tunnels.map((t) => t.pair))) {
        const up = staged.outage.tunnels.filter((t) => t.pair === pair && !s.tunnels!.includes(t.id) && !t.down.some((m) => m.label === during && m.step === i + 1));
        expect(up.length).toBeGreaterThan(0);
      }
    });
    // AND the step as one moment is the worst case: its stacks one at a time, in either order, keep every pair too
    for (const order of [(xs: readonly string[]) => [...xs], (xs: readonly string[]) => [...xs].reverse()]) {
      const split = staged.steps.flatMap((s) => order(s.stacks).map((stack) => ({ ...s, label: `${s.label} / ${stack}`, stacks: [stack] })));
      expect(evaluateOutage(outageInputs(d), split).cutsOff).toBe(false);
    }
    // AND the whole change at once cuts every pair off, in parallel as one stack at a time
    expect([d.parallel.cutsOff, d.outage.cutsOff]).toEqual([true, true]);
    // AND the waves are the whole story for the mesh: every two stacks changing one pair's tunnels
    // are in one wave or wait for each other (unmodelledOverlaps warns of none)
    expect(d.warnings.filter((w) => w.includes('do not wait for each other'))).toEqual([]);
  });

  test('diff --staged: every changing tunnel in one step; AWS ⇄ Azure and Azure ⇄ Alibaba keep a path, AWS ⇄ Alibaba only where no replaced resource is shared', () => {
    const d = diffOutputs(before, rotated, { rollout: 'planned' });
    expect(d.staged!.source).toBe('planRollout');
    expect(d.staged!.steps.flatMap((s) => s.tunnels!).sort()).toEqual(d.tunnels.map((t) => t.id).sort());
    // one-shot: every pair is cut off
    for (const [a, b] of [['AwsTokyo', 'azure'], ['azure', 'ali'], ['AwsTokyo', 'ali']]) expect(pairOf(d, a, b, false).cutOff.length).toBeGreaterThan(0);
    for (const [a, b] of [['AwsTokyo', 'azure'], ['azure', 'ali']]) expect(pairOf(d, a, b, true).cutOff).toEqual([]);
    // Where CloudFormation replaces the AWS VPN connections (a key is a replacing property), the
    // Alibaba connections and customer gateways facing them are replaced too: the four AWS ⇄
    // Alibaba tunnels share replaced resources and go down together, which no order avoids.
    const replaced = d.resources.some((r) => r.type === 'AWS::EC2::VPNConnection' && r.action === 'replace');
    expect(pairOf(d, 'AwsTokyo', 'ali', true).cutOff.length > 0).toBe(replaced);
    if (replaced) expect(d.staged!.notes.join('\n')).toMatch(/no order avoids the outage/);
  });
});

// ---------------------------------------------------------------------------------------------
// The matching rules on hand-made tunnels.

const half = (key: string, site: string, inside?: [string, string]): TunnelHalf => ({
  key, cloud: 'aws', site, label: key, outsideEndpoint: `${key}:out`, outsideAddress: '192.0.2.10', peerAddress: '198.51.100.10',
  peerAddressSource: '', localId: '192.0.2.10', remoteId: '198.51.100.10', ikeVersion: 2, aggressive: false, ikeProposals: [], esp: { offers: [], accepts: [] },
  initiation: { initiates: 'always', responds: true, setting: 'x' }, ikeLifetimeSeconds: 28800, childLifetimeSeconds: 3600, localTs: [], remoteTs: [],
  routing: inside ? 'bgp' : 'policy', advertise: [], routes: [], notes: [], problems: [], group: 'g', resources: [], assumptions: [],
  ...(inside ? { inside: { address: inside[0], peerAddress: inside[1], prefixLength: 30, source: 'test' } } : {}),
});
const tunnel = (id: string, a: TunnelHalf, b: TunnelHalf): StepTunnel => ({ id, halves: [a, b] });
const end = (site: string, endpoint: string) => ({ site, endpoint });

/** Sites A (an AWS-like gateway), B, C (dual-tunnel) and D: A ⇄ B over BGP, B ⇄ C and D ⇄ C by policy. */
const OUTPUT: StepTunnel[] = [
  tunnel('t1', half('aws:A/conn1#tunnel1', 'gwA', ['169.254.10.1', '169.254.10.2']), half('azure:B/conn1#instance0', 'gwB', ['169.254.10.2', '169.254.10.1'])),
  tunnel('t2', half('azure:B/conn2#instance0', 'gwB'), half('alicloud:C/conn1#master', 'gwC')),
  tunnel('t3', half('azure:D/conn1#instance0', 'gwD'), half('alicloud:C/conn2#master', 'gwC')),
];
const record = (tunnels: Record<string, { link: string; state: 'active' | 'idle'; ends: [ReturnType<typeof end>, ReturnType<typeof end>] }>, insideCidrs: Record<string, string> = {}): RolloutFileInput['before'] => ({ insideCidrs, tunnels });
const fileOf = (before: RolloutFileInput['before'], steps: string[][]): RolloutFileInput => ({ version: 1, before, steps: steps.map((tunnels, i) => ({ step: i + 1, tunnels })) });

describe('mapPlannerTunnels / stepsOfRolloutFile', () => {
  const bgp = { link: 'a--b', state: 'active' as const, ends: [end('a', 'a--b/conn1/tunnel1'), end('b', 'instance0')] as [ReturnType<typeof end>, ReturnType<typeof end>] };

  test('a tunnel without inside addresses is told apart by the sites learnt from another tunnel', () => {
    // GIVEN two policy tunnels with the same endpoint names (instance0 ⇄ master) on different site pairs
    const m = mapPlannerTunnels(record({
      'b--c:1': { link: 'b--c', state: 'active', ends: [end('b', 'instance0'), end('c', 'master')] },
      'a--b:1': bgp,
    }, { 'a--b:1': '169.254.10.0/30' }), OUTPUT);
    // THEN the BGP tunnel's /30 places sites a and b, and b's gateway picks t2 over t3
    expect(Object.fromEntries(m.tunnels)).toEqual({ 'a--b:1': 't1', 'b--c:1': 't2' });
    expect(Object.fromEntries(m.sites)).toEqual({ a: 'gwA', b: 'gwB', c: 'gwC' });
  });

  test('without anything that tells two output tunnels apart, the id is unmatched, and a step naming it is one error', () => {
    const before = record({ 'x--c:1': { link: 'x--c', state: 'active', ends: [end('x', 'instance0'), end('c', 'master')] } });
    expect(mapPlannerTunnels(before, OUTPUT).unmatched.get('x--c:1')).toMatch(/^2 tunnels of the output have no inside addresses and endpoints instance0 \(site x\) ⇄ master \(site c\) \(t2, t3\): cannot tell which$/);
    expect(() => stepsOfRolloutFile(fileOf(before, [['x--c:1']]), OUTPUT)).toThrow(RolloutStepsError);
    expect(() => stepsOfRolloutFile(fileOf(before, [['x--c:1']]), OUTPUT)).toThrow(/^rollout step 1: planner tunnel 'x--c:1': 2 tunnels of the output/);
  });

  test.each([
    ['an inside /30 no output tunnel has', { 'a--b:1': '169.254.99.0/30' }, /rollout step 1: planner tunnel 'a--b:1': no tunnel of the output has inside \/30 169\.254\.99\.0\/30 and endpoints tunnel1 \(site a\) ⇄ instance0 \(site b\)/],
    ['an endpoint name no half has', { 'a--b:1': '169.254.10.0/30' }, /no tunnel of the output has inside \/30 169\.254\.10\.0\/30 and endpoints tunnel2/],
  ])('%s is one error naming the tunnel', (what, cidrs, message) => {
    const t = what.startsWith('an endpoint') ? { ...bgp, ends: [end('a', 'a--b/conn1/tunnel2'), bgp.ends[1]] as typeof bgp.ends } : bgp;
    expect(() => stepsOfRolloutFile(fileOf(record({ 'a--b:1': t }, cidrs), [['a--b:1']]), OUTPUT)).toThrow(message);
  });

  test('two planner tunnels that would be the same output tunnel: the second is unmatched, naming the first', () => {
    const m = mapPlannerTunnels(record({ 'a--b:1': bgp, 'a--b:2': bgp }, { 'a--b:1': '169.254.10.0/30', 'a--b:2': '169.254.10.0/30' }), OUTPUT);
    expect(Object.fromEntries(m.tunnels)).toEqual({ 'a--b:1': 't1' });
    expect(m.unmatched.get('a--b:2')).toBe('the only tunnel of the output with inside /30 169.254.10.0/30 and endpoints tunnel1 (site a) ⇄ instance0 (site b) is already planner tunnel a--b:1\'s');
  });

  test('a step naming a tunnel the record does not have is an error; an idle tunnel without a tunnel is a note, its step left out', () => {
    const before = record({ 'a--b:1': bgp, 'a--b:2': { ...bgp, state: 'idle', ends: [end('a', 'a--b/conn1/tunnel2'), end('b', 'instance1')] } }, { 'a--b:1': '169.254.10.0/30', 'a--b:2': '169.254.20.0/30' });
    expect(() => stepsOfRolloutFile(fileOf(before, [['a--b:9']]), OUTPUT)).toThrow(/rollout step 1: tunnel 'a--b:9' is not in the rollout file's record \(before\.tunnels\)/);
    const r = stepsOfRolloutFile(fileOf(before, [['a--b:2'], ['a--b:1']]), OUTPUT);
    expect(r.steps).toEqual([{ step: 2, tunnels: ['t1'], alsoDown: [] }]);
    expect(r.notes).toEqual(['rollout step 1: a--b:2 idle (configured on one end only): no tunnel of the output to apply it to']);
  });

  test.each([
    [{ version: 2 }, /not a ccvpn rollout file/],
    [{ version: 1, before: { insideCidrs: {} }, steps: [] }, /before\.tunnels: expected the tunnel records/],
    [{ version: 1, before: { insideCidrs: {}, tunnels: { x: { link: 'l', state: 'on', ends: [] } } }, steps: [] }, /before\.tunnels\['x'\]: expected \{ link, state/],
    [{ version: 1, before: { insideCidrs: {}, tunnels: { x: bgp } }, steps: [{ step: 2, tunnels: ['x'] }] }, /steps\[0\]: expected \{ step: 1, tunnels/],
  ])('a malformed rollout file is refused: %j', (data, message) => {
    expect(rolloutFileProblem(data)).toMatch(message);
  });
});

describe('CLI usage', () => {
  const capture = async (argv: string[]) => {
    let err = '';
    const code = await verifyCommand(argv, () => undefined, (s) => { err += s; });
    return { code, err };
  };

  test('verify: --rollout needs --change; --rollout and --steps together are refused; a bad rollout file is one line', async () => {
    expect(await capture([before, '--rollout', rolloutAll])).toMatchObject({ code: 2, err: expect.stringMatching(/--rollout needs --change/) });
    expect(await capture(['--change', before, rotated, '--rollout', rolloutAll, '--steps', rolloutAll])).toMatchObject({ code: 2, err: expect.stringMatching(/give --rollout or --steps, not both/) });
    const bad = path.join(root, 'bad.json');
    fs.writeFileSync(bad, '{"version": 1}');
    expect(await capture(['--change', before, rotated, '--rollout', bad])).toMatchObject({ code: 2, err: expect.stringMatching(/^ccvpn verify --change: --rollout: rollout file .*bad\.json: before\.insideCidrs: expected/) });
  });

  test('diff: --rollout and --staged together, or a bad rollout file: exit 1 with one line', () => {
    let err = '';
    expect(diffCommand([before, rotated, '--rollout', rolloutAll, '--staged'], () => undefined, (s) => { err += s; })).toBe(1);
    expect(err).toMatch(/give --rollout <file> or --staged, not both/);
    err = '';
    expect(diffCommand([before, rotated, '--rollout', path.join(root, 'none.json')], () => undefined, (s) => { err += s; })).toBe(1);
    expect(err).toMatch(/^ccvpn diff: rollout file .*none\.json: cannot be read \(ENOENT\)\n$/);
  });
});
