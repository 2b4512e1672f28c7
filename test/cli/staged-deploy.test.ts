/**
 * `ccvpn deploy --rollout --synth`: each step's record written, the app synthesized again, and
 * only the stacks whose output (or inputs) changed deployed, in phase order; a failure stops
 * with the step and how to resume. Stand-ins: `test/cli/fake-bin` (cdk, cdktf, an app's synth).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RolloutFile } from '../../src/change/rotation';
import { main } from '../../src/cli/main';
import { planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';
import { rotationTopology } from './rotation-fixtures';

const FAKE_BIN = path.join(__dirname, 'fake-bin');
const savedPath = process.env.PATH;

let dir: string;
let out: string;
let log: string;
let allocations: string;
let rolloutFile: string;
let manifest: string;
let synth: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-staged-'));
  out = path.join(dir, 'out');
  fs.mkdirSync(out);
  log = path.join(dir, 'calls.jsonl');
  allocations = path.join(dir, 'allocations.json');
  rolloutFile = path.join(dir, 'ccvpn.rollout.json');
  manifest = path.join(out, 'ccvpn.manifest.json');
  synth = `node ${path.join(FAKE_BIN, 'fake-synth.js')} ${allocations} ${out}`;
  process.env.PATH = `${FAKE_BIN}${path.delimiter}${savedPath}`;
  process.env.CCVPN_FAKE_LOG = log;
  delete process.env.CCVPN_FAKE_OUTPUTS;
  delete process.env.CCVPN_FAKE_FAIL;
  delete process.env.CCVPN_FAKE_REPLACE;
  // GIVEN a deployed app: its record, and the outputs an earlier full deploy kept
  fs.writeFileSync(allocations, JSON.stringify(planVpn(rotationTopology(), { masterSecret: TEST_SECRET }).allocations));
  fs.writeFileSync(path.join(out, 'ccvpn.outputs.json'), JSON.stringify({ AwsGateway: {}, 'azure-gateway': {}, AwsLinks: { Conn1Tunnel1OutsideIp: '203.0.113.5' }, 'azure-ali-links': {}, 'ali-links': {}, 'azure-links': {} }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(() => { process.env.PATH = savedPath; });

interface Call { tool: string; args?: string[]; generations?: Record<string, number>; start?: number; end?: number }
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call) : [];
  fs.rmSync(log, { force: true });
  return { code, stdout, stderr, calls };
}
/** Per synth, the stacks deployed after it (sorted): `synth <generations>: <tool> <stack>, ...`. */
function bySynth(calls: Call[]): string[] {
  const out: { synth: string; stacks: string[] }[] = [];
  for (const c of calls) {
    if (c.tool === 'synth') out.push({ synth: `synth ${Object.values(c.generations!).join('')}`, stacks: [] });
    else out[out.length - 1].stacks.push(`${c.tool} ${c.args![1]}`);
  }
  return out.map((x) => (x.stacks.length ? `${x.synth}: ${x.stacks.sort().join(', ')}` : x.synth));
}
/** The deploy calls after each synth, one list per synth. */
function steps(calls: Call[]): Call[][] {
  const out: Call[][] = [];
  for (const c of calls) {
    if (c.tool === 'synth') out.push([]);
    else out[out.length - 1].push(c);
  }
  return out;
}
/** The calls as lines: `synth <sum of generations>` or `<tool> <stack>`. */
const lines = (calls: Call[]) => calls.map((c) => (c.tool === 'synth' ? `synth ${Object.values(c.generations!).join('')}` : `${c.tool} ${c.args![1]}`));

async function rotateAll(): Promise<RolloutFile> {
  expect((await run('rotate', '--allocations', allocations, '--all')).code).toBe(0);
  return JSON.parse(fs.readFileSync(rolloutFile, 'utf8')) as RolloutFile;
}

describe('ccvpn deploy --rollout', () => {
  test('deploys the steps in order, each only the stacks holding its tunnels\' halves, each after the stacks it reads', async () => {
    // GIVEN a rotation of every key: [aws--azure:3,4 (idle)], [aws--azure:1, ali--azure:1], [aws--azure:2, ali--azure:2]
    const rollout = await rotateAll();
    // WHEN
    const { code, stdout, calls } = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth);
    // THEN (generations in record order: aws--azure:1-4, ali--azure:1-2), the stacks of a step
    // together, azure-links (which reads AwsLinks' outside IP) after AwsLinks
    expect(code).toBe(0);
    expect(bySynth(calls)).toEqual([
      'synth 000000', // baseline: the record before the rollout
      'synth 001100: cdk AwsLinks', // idle tunnels: only their AWS end exists
      'synth 101110: cdk AwsLinks, cdktf ali-links, cdktf azure-ali-links, cdktf azure-links',
      'synth 111111: cdk AwsLinks, cdktf ali-links, cdktf azure-ali-links, cdktf azure-links',
    ]);
    // (found by name within each step: the stand-ins log a call when it ends, and the stacks of a
    // step that run side by side may end in any order)
    for (const step of steps(calls).filter((st) => st.some((c) => c.args![1] === 'azure-links'))) {
      const named = (stack: string) => step.find((c) => c.args![1] === stack)!;
      expect(named('azure-links').start!).toBeGreaterThanOrEqual(named('AwsLinks').end!);
    }
    expect(steps(calls).filter((st) => st.some((c) => c.args![1] === 'azure-links'))).toHaveLength(2);
    // the gateways never change
    expect(calls.some((c) => c.args?.[1] === 'AwsGateway' || c.args?.[1] === 'azure-gateway')).toBe(false);
    // inputs still come from the kept outputs
    expect(calls.find((c) => c.args?.[1] === 'azure-links')!.args).toEqual(expect.arrayContaining(['--var', 'aws_conn1_tunnel1_ip=203.0.113.5']));
    expect(stdout).toMatch(/== step 2 of 3: aws--azure:1, ali--azure:1\n/);
    expect(stdout).toMatch(/step 2: both halves of aws--azure:1, ali--azure:1 deployed \(4 stack\(s\)\)/);
    expect(stdout).toContain('rollout complete');
    // the allocations file ends on the last step's record
    expect(JSON.parse(fs.readFileSync(allocations, 'utf8'))).toEqual(rollout.steps[2].record);
  });

  test('a stack whose inputs changed is deployed again though its own output did not (a replaced connection\'s new outside IP)', async () => {
    // GIVEN an AWS half that is replaced (new outside IP) when any of its tunnels changes
    process.env.CCVPN_FAKE_REPLACE = '1';
    await rotateAll();
    const { code, stdout, calls } = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth);
    expect(code).toBe(0);
    // THEN step 1 (idle tunnels, AWS end only) also redeploys the Azure half that reads the IP
    expect(lines(calls).slice(0, 4)).toEqual(['synth 000000', 'synth 001100', 'cdk AwsLinks', 'cdktf azure-links']);
    expect(calls[3].args).toEqual(expect.arrayContaining(['--var', 'aws_conn1_tunnel1_ip=203.0.113.12']));
    expect(stdout).toMatch(/-- phase 3: azure-links \(inputs changed\)/);
  });

  test('a failure stops at its step, says how to resume, and --from-step resumes from that step\'s baseline', async () => {
    // GIVEN step 2 fails on the Alibaba half
    const rollout = await rotateAll();
    process.env.CCVPN_FAKE_FAIL = 'ali-links';
    const failed = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth, '--parallel', '1');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/step 2, phase 2: deploy of stack 'ali-links' failed \(cdktf exited with 1; its log: .*\/ccvpn\.logs\/ali-links\.log\); stopped; not started: azure-links; steps before 2 are deployed, resume with: ccvpn deploy .* --rollout .* --synth .* --from-step 2/);
    expect(lines(failed.calls)).toEqual(['synth 000000', 'synth 001100', 'cdk AwsLinks', 'synth 101110', 'cdk AwsLinks', 'cdktf azure-ali-links', 'cdktf ali-links']);
    // WHEN it is fixed and resumed
    delete process.env.CCVPN_FAKE_FAIL;
    const resumed = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth, '--from-step', '2', '--parallel', '1');
    // THEN the baseline is step 1's record, and steps 2 and 3 run
    expect(resumed.code).toBe(0);
    expect(lines(resumed.calls)).toEqual([
      'synth 001100',
      'synth 101110', 'cdk AwsLinks', 'cdktf azure-ali-links', 'cdktf ali-links', 'cdktf azure-links',
      'synth 111111', 'cdk AwsLinks', 'cdktf azure-ali-links', 'cdktf ali-links', 'cdktf azure-links',
    ]);
    expect(JSON.parse(fs.readFileSync(allocations, 'utf8'))).toEqual(rollout.steps[2].record);
  });

  test('a failing synth stops with the step', async () => {
    await rotateAll();
    const { code, stderr } = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', 'exit 3');
    expect(code).toBe(1);
    expect(stderr).toMatch(/baseline \(the record before the rollout\): the synth command failed \(exited with 3\)/);
  });

  test('--dry-run prints the steps and commands, and writes, synthesizes and deploys nothing', async () => {
    await rotateAll();
    const before = fs.readFileSync(allocations, 'utf8');
    const { code, stdout, calls } = await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth, '--dry-run', '--from-step', '2');
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(fs.readFileSync(allocations, 'utf8')).toBe(before);
    expect(stdout).toMatch(/== baseline: the record of step 1 → /);
    expect(stdout).toMatch(/== step 2: aws--azure:1, ali--azure:1\nwrite the step's record → .*allocations\.json\n\$ node .*fake-synth\.js/);
    expect(stdout).toMatch(/== step 3: aws--azure:2, ali--azure:2/);
    expect(stdout).not.toMatch(/== step 1:/);
  });

  test.each([
    ['a step beyond the rollout', ['--from-step', '4'], /--from-step 4: the rollout has steps 1-3/],
    ['no synth command', [], /--synth "<command>" is required with --rollout/],
  ])('%s is refused before anything runs', async (_what, extra, message) => {
    await rotateAll();
    const { code, stderr, calls } = await run('deploy', manifest, '--rollout', rolloutFile, ...extra);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(calls).toEqual([]);
  });

  test('a rollout file that is not one is refused; --rollout with --phase or destroy is a usage error', async () => {
    fs.writeFileSync(rolloutFile, JSON.stringify({ version: 1, allocations: 'allocations.json', before: {}, steps: [{ step: 2, tunnels: [], record: {} }], changes: [], outages: [] }));
    expect((await run('deploy', manifest, '--rollout', rolloutFile, '--synth', synth)).stderr).toMatch(/the rollout file .* is not usable: steps\[0\]: expected \{ step: 1/);
    expect((await run('deploy', manifest, '--rollout', rolloutFile, '--phase', '2')).code).toBe(2);
    expect((await run('destroy', manifest, '--rollout', rolloutFile)).code).toBe(2);
    expect((await run('deploy', manifest, '--synth', synth)).code).toBe(2);
  });
});
