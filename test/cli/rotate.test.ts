/**
 * `ccvpn rotate`: from an allocation record to a rollout file (steps, each with its record), and
 * the steps printed without a key.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RolloutFile } from '../../src/change/rotation';
import { main } from '../../src/cli/main';
import { AllocationRecord, Topology, planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';
import { rotationTopology } from './rotation-fixtures';

let dir: string;
let allocations: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-rotate-'));
  allocations = path.join(dir, 'allocations.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  return { code, stdout, stderr };
}
const writeRecord = (r: AllocationRecord) => fs.writeFileSync(allocations, `${JSON.stringify(r, null, 2)}\n`);
const rolloutOf = (file = path.join(dir, 'ccvpn.rollout.json')) => JSON.parse(fs.readFileSync(file, 'utf8')) as RolloutFile;

describe('ccvpn rotate', () => {
  test('--all: idle tunnels first, then one tunnel of each link per step; every step record adds its own generations', () => {
    // GIVEN a deployed topology's record
    const plan = planVpn(rotationTopology(), { masterSecret: TEST_SECRET });
    writeRecord(plan.allocations);
    const recordBefore = fs.readFileSync(allocations, 'utf8');
    // WHEN every key is rotated
    const { code, stdout } = run('rotate', '--allocations', allocations, '--all');
    // THEN
    expect(code).toBe(0);
    const rollout = rolloutOf();
    expect(rollout.allocations).toBe('allocations.json');
    expect(rollout.before).toEqual(plan.allocations);
    expect(rollout.steps.map((s) => s.tunnels)).toEqual([
      ['aws--azure:3', 'aws--azure:4'],
      ['aws--azure:1', 'ali--azure:1'],
      ['aws--azure:2', 'ali--azure:2'],
    ]);
    const generations = rollout.steps.map((s) => Object.fromEntries(Object.entries(s.record.tunnels!).map(([id, t]) => [id, t.keyGeneration ?? 0])));
    expect(generations[0]).toEqual({ 'aws--azure:1': 0, 'aws--azure:2': 0, 'aws--azure:3': 1, 'aws--azure:4': 1, 'ali--azure:1': 0, 'ali--azure:2': 0 });
    expect(generations[2]).toEqual({ 'aws--azure:1': 1, 'aws--azure:2': 1, 'aws--azure:3': 1, 'aws--azure:4': 1, 'ali--azure:1': 1, 'ali--azure:2': 1 });
    expect(rollout.outages).toEqual([]);
    // the record the app reads is not touched: deploy --rollout applies the steps
    expect(fs.readFileSync(allocations, 'utf8')).toBe(recordBefore);
    expect(stdout).toContain('rollout of 6 tunnel(s) in 3 step(s)');
    expect(stdout).toMatch(/step 1: aws--azure:3 \(key generation 0 → 1\), aws--azure:4 \(key generation 0 → 1\)/);
    expect(stdout).toMatch(/next: ccvpn deploy --rollout .*ccvpn\.rollout\.json --synth/);
    // and no key, old or new, anywhere
    const newKeys = planVpn(rotationTopology(), { masterSecret: TEST_SECRET, previous: rollout.steps[2].record }).tunnels.map((t) => t.presharedKey.reveal());
    const written = fs.readFileSync(path.join(dir, 'ccvpn.rollout.json'), 'utf8');
    for (const key of [...plan.tunnels.map((t) => t.presharedKey.reveal()), ...newKeys]) {
      expect(stdout).not.toContain(key);
      expect(written).not.toContain(key);
    }
    // each step's record gives its tunnels their new keys and leaves every other key as it was
    const keys = (r: AllocationRecord) => new Map(planVpn(rotationTopology(), { masterSecret: TEST_SECRET, previous: r }).tunnels.map((t) => [t.id, t.presharedKey.reveal()]));
    let last = keys(plan.allocations);
    for (const s of rollout.steps) {
      const now = keys(s.record);
      for (const [id, key] of now) expect({ id, changed: key !== last.get(id) }).toEqual({ id, changed: s.tunnels.includes(id) });
      last = now;
    }
  });

  test('--link rotates one link; --tunnel one tunnel; --out names the file', () => {
    writeRecord(planVpn(rotationTopology(), { masterSecret: TEST_SECRET }).allocations);
    expect(run('rotate', '--allocations', allocations, '--link', 'ali--azure').code).toBe(0);
    expect(rolloutOf().steps.map((s) => s.tunnels)).toEqual([['ali--azure:1'], ['ali--azure:2']]);
    const out = path.join(dir, 'sub', '..', 'one.json');
    expect(run('rotate', '--allocations', allocations, '--tunnel', 'aws--azure:2', '--out', out).code).toBe(0);
    expect(rolloutOf(out).steps).toEqual([expect.objectContaining({ step: 1, tunnels: ['aws--azure:2'] })]);
  });

  test('--settings releases the pending proposal one tunnel of a link per step', () => {
    // GIVEN a deployed record, and the topology changed to a GCM phase 2 on aws--azure (synthesized: the record says what is pending)
    const first = planVpn(rotationTopology(), { masterSecret: TEST_SECRET });
    const gcm = rotationTopology({ proposal: { phase2: { encryption: 'aes256gcm16' } } });
    const held = planVpn(gcm, { masterSecret: TEST_SECRET, previous: first.allocations });
    writeRecord(held.allocations);
    // WHEN its settings are released
    const { code, stdout } = run('rotate', '--allocations', allocations, '--all', '--settings');
    // THEN only the aws--azure tunnels change (the others have nothing pending), keys stay
    expect(code).toBe(0);
    const rollout = rolloutOf();
    expect(rollout.steps.map((s) => s.tunnels)).toEqual([['aws--azure:3', 'aws--azure:4'], ['aws--azure:1'], ['aws--azure:2']]);
    expect(rollout.changes.every((c) => c.releasesSettings && c.keyGeneration === undefined)).toBe(true);
    expect(stdout).toMatch(/note: 2 chosen tunnel\(s\) already have the proposal and lifetimes the topology asks for/);
    // and planning each step's record moves exactly that step's tunnels to the new proposal
    const gcmTunnels = (r: AllocationRecord) => planVpn(gcm, { masterSecret: TEST_SECRET, previous: r }).tunnels.filter((t) => t.proposal.phase2.encryption === 'aes256gcm16').map((t) => t.id);
    expect(rollout.steps.map((s) => gcmTunnels(s.record))).toEqual([['aws--azure:3', 'aws--azure:4'], ['aws--azure:1', 'aws--azure:3', 'aws--azure:4'], ['aws--azure:1', 'aws--azure:2', 'aws--azure:3', 'aws--azure:4']]);
  });

  test('--keys --settings changes both in the same step', () => {
    const first = planVpn(rotationTopology(), { masterSecret: TEST_SECRET });
    writeRecord(planVpn(rotationTopology({ proposal: { phase2: { lifetimeSeconds: 1800 } } }), { masterSecret: TEST_SECRET, previous: first.allocations }).allocations);
    expect(run('rotate', '--allocations', allocations, '--tunnel', 'aws--azure:1', '--keys', '--settings').code).toBe(0);
    expect(rolloutOf().changes).toEqual([{ tunnel: 'aws--azure:1', keyGeneration: { from: 0, to: 1 }, releasesSettings: true }]);
  });

  test('--replaced-connections: both tunnels of an AWS VPN connection go down together, one connection per step', () => {
    // GIVEN AWS ↔ Azure minimal: conn1 = tunnels 1 (active) and 3 (idle), conn2 = tunnels 2 and 4
    writeRecord(planVpn(rotationTopology(), { masterSecret: TEST_SECRET }).allocations);
    const { code, stdout } = run('rotate', '--allocations', allocations, '--link', 'aws--azure', '--replaced-connections');
    expect(code).toBe(0);
    // THEN the idle tunnels are not "free": each takes its connection's active tunnel with it
    expect(rolloutOf().steps.map((s) => [s.tunnels, s.alsoDown])).toEqual([[['aws--azure:1', 'aws--azure:3'], undefined], [['aws--azure:2', 'aws--azure:4'], undefined]]);
    expect(rolloutOf().outages).toEqual([]);
    expect(run('rotate', '--allocations', allocations, '--tunnel', 'aws--azure:3', '--replaced-connections').stdout).toMatch(/step 1: aws--azure:3 \(key generation 0 → 1\); also down: aws--azure:1/);
    expect(stdout).toContain('in 2 step(s)');
  });

  test('a site pair with one active tunnel is printed as an outage', () => {
    const single: Topology = {
      sites: [{ id: 'az', cloud: 'azure', gateway: 'active-standby', cidrs: ['10.1.0.0/16'] }, { id: 'ali', cloud: 'alicloud', gateway: 'single-tunnel', cidrs: ['10.2.0.0/16'] }],
      links: [{ between: ['az', 'ali'], routing: 'static' }],
    };
    writeRecord(planVpn(single, { masterSecret: TEST_SECRET }).allocations);
    const { code, stdout } = run('rotate', '--allocations', allocations, '--all');
    expect(code).toBe(0);
    expect(stdout).toMatch(/!! outage: sites ali and az have no path during step 1: their active tunnel\(s\) ali--az:1 are all down during it/);
    expect(rolloutOf().outages).toEqual([{ sites: ['ali', 'az'], tunnels: ['ali--az:1'], step: 1 }]);
  });

  test('tunnels with pinned keys get a note on picking the pinned key by generation', () => {
    const pinned = rotationTopology({ tunnels: [{ presharedKey: 'PinnedKeyOnlyForThisTest_0123456789' }] });
    writeRecord(planVpn(pinned, { masterSecret: TEST_SECRET }).allocations);
    const { stdout } = run('rotate', '--allocations', allocations, '--link', 'aws--azure');
    expect(stdout).toMatch(/note: 1 tunnel\(s\) have pinned keys.*'aws--azure:1'.*keyGenerationOf\(record, tunnelId\)/);
    expect(stdout).not.toContain('PinnedKeyOnlyForThisTest');
  });

  test.each([
    ['no tunnel chosen', [], 2, /choose the tunnels: --all, --link <id> or --tunnel <id>/],
    ['an unknown link', ['--link', 'nope'], 1, /no link 'nope' in the record; its links: 'aws--azure', 'ali--azure'/],
    ['an unknown tunnel', ['--tunnel', 'aws--azure:9'], 1, /no tunnel 'aws--azure:9' in the record; its tunnels: 'aws--azure:1'/],
    ['settings with nothing pending', ['--all', '--settings'], 1, /nothing to roll out: 6 chosen tunnel\(s\) already have the proposal and lifetimes/],
  ])('%s is refused with one line', (_what, extra, exit, message) => {
    writeRecord(planVpn(rotationTopology(), { masterSecret: TEST_SECRET }).allocations);
    const { code, stderr } = run('rotate', '--allocations', allocations, ...extra);
    expect(code).toBe(exit);
    expect(stderr).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'ccvpn.rollout.json'))).toBe(false);
  });

  test('a record without tunnel records, a missing file and no --allocations are refused', () => {
    const plan = planVpn(rotationTopology(), { masterSecret: TEST_SECRET });
    writeRecord({ insideCidrs: plan.allocations.insideCidrs, asns: plan.allocations.asns });
    expect(run('rotate', '--allocations', allocations, '--all').stderr).toMatch(/the record lists no tunnels .*synthesize the app once with this version, or run `ccvpn plan --allocations`/);
    expect(run('rotate', '--allocations', path.join(dir, 'none.json'), '--all').stderr).toMatch(/cannot read the allocations file .*none\.json: no such file/);
    expect(run('rotate', '--all')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--allocations <file> is required/) });
  });
});
