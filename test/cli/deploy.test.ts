import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { DeploymentManifest } from '../../src/manifest';

const FAKE_BIN = path.join(__dirname, 'fake-bin');

/** AWS ↔ Azure: Azure gateway → AWS connections → Azure connections. */
const MANIFEST: DeploymentManifest = {
  version: 1,
  cdkOut: 'cdk.out',
  cdktfOut: 'cdktf.out',
  phases: [
    { phase: 1, description: 'gateways', stacks: [
      { name: 'AwsGateway', engine: 'cdk', inputs: [], outputs: [] },
      { name: 'azure-gateway', engine: 'cdktf', inputs: [], outputs: ['instance0_ip', 'instance1_ip'] },
    ] },
    { phase: 2, description: 'AWS connections (need the Azure IPs)', stacks: [
      { name: 'AwsLinks', engine: 'cdk', inputs: [
        { name: 'AzureInstance0Ip', from: { stack: 'azure-gateway', output: 'instance0_ip' } },
        { name: 'AzureInstance1Ip', from: { stack: 'azure-gateway', output: 'instance1_ip' } },
      ], outputs: ['Conn1Tunnel1OutsideIp'] },
    ] },
    { phase: 3, description: 'Azure connections (need the AWS tunnel IPs)', stacks: [
      { name: 'azure-links', engine: 'cdktf', inputs: [{ name: 'aws_conn1_tunnel1_ip', from: { stack: 'AwsLinks', output: 'Conn1Tunnel1OutsideIp' } }], outputs: [] },
    ] },
  ],
};
const OUTPUTS = {
  'azure-gateway': { instance0_ip: '198.51.100.10', instance1_ip: '198.51.100.11' },
  AwsLinks: { Conn1Tunnel1OutsideIp: '203.0.113.5' },
};

let dir: string;
let log: string;
const savedPath = process.env.PATH;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-deploy-'));
  log = path.join(dir, 'calls.jsonl');
  fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(MANIFEST));
  process.env.PATH = `${FAKE_BIN}${path.delimiter}${savedPath}`;
  process.env.CCVPN_FAKE_LOG = log;
  process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify(OUTPUTS);
  delete process.env.CCVPN_FAKE_FAIL;
});
afterAll(() => { process.env.PATH = savedPath; });

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; args: string[] }) : [];
  return { code, stdout, stderr, calls };
}

describe('ccvpn deploy', () => {
  test('runs the phases in order with the real CLIs and passes each phase\'s outputs to the next', () => {
    const { code, calls } = run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(0);
    expect(calls.map((c) => `${c.tool} ${c.args[0]} ${c.args[1]}`)).toEqual([
      'cdk deploy AwsGateway', 'cdktf deploy azure-gateway', 'cdk deploy AwsLinks', 'cdktf deploy azure-links',
    ]);
    const awsLinks = calls[2].args;
    expect(awsLinks).toEqual(expect.arrayContaining(['--app', path.join(dir, 'cdk.out'), '--require-approval', 'never']));
    expect(awsLinks.join(' ')).toContain('--parameters AwsLinks:AzureInstance0Ip=198.51.100.10 --parameters AwsLinks:AzureInstance1Ip=198.51.100.11');
    expect(calls[3].args.join(' ')).toContain('--skip-synth --output');
    expect(calls[3].args.join(' ')).toContain('--var aws_conn1_tunnel1_ip=203.0.113.5');
    // outputs kept for later runs
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ccvpn.outputs.json'), 'utf8'))).toEqual({ ...OUTPUTS, AwsGateway: {}, 'azure-links': {} });
  });

  test('a failing phase stops the run, says which, and nothing later runs', () => {
    process.env.CCVPN_FAKE_FAIL = 'AwsLinks';
    const { code, stderr, calls } = run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/phase 2: deploy of stack 'AwsLinks' failed \(cdk exited with 1\); stopped, phases 3 not run/);
    expect(calls.map((c) => c.args[1])).toEqual(['AwsGateway', 'azure-gateway', 'AwsLinks']);
  });

  test('a phase run out of order names the output it waits for', () => {
    const { code, stderr, calls } = run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--phase', '3');
    expect(code).toBe(1);
    expect(stderr).toMatch(/stack 'azure-links' \(phase 3\) needs input 'aws_conn1_tunnel1_ip' from output 'Conn1Tunnel1OutsideIp' of stack 'AwsLinks' \(phase 2\), which has not been deployed; run phase 2 first/);
    expect(calls).toEqual([]);
  });

  test('a single phase runs later from the kept outputs', () => {
    expect(run('deploy', path.join(dir, 'ccvpn.manifest.json')).code).toBe(0);
    fs.rmSync(log);
    const { code, calls } = run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--phase', '3');
    expect(code).toBe(0);
    expect(calls.map((c) => c.args[1])).toEqual(['azure-links']);
    expect(calls[0].args).toContain('aws_conn1_tunnel1_ip=203.0.113.5');
  });

  test('a stack that does not report an output later phases need is an error', () => {
    process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify({ ...OUTPUTS, 'azure-gateway': { instance0_ip: '198.51.100.10' } });
    const { code, stderr } = run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/stack 'azure-gateway' deployed but did not report output\(s\) instance1_ip/);
  });

  test('--dry-run prints every command with placeholders and runs nothing', () => {
    const { code, stdout, calls } = run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--dry-run');
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout).toMatch(/\$ cdk deploy AwsLinks .*--parameters 'AwsLinks:AzureInstance0Ip=<azure-gateway\.instance0_ip>'/);
    expect(stdout).toMatch(/== phase 3: Azure connections/);
    expect(stdout).toContain('dry run: nothing was deployed');
  });
});

describe('ccvpn destroy', () => {
  test('runs in reverse order, passing Terraform variables again', () => {
    expect(run('deploy', path.join(dir, 'ccvpn.manifest.json')).code).toBe(0);
    fs.rmSync(log);
    const { code, calls } = run('destroy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(0);
    expect(calls.map((c) => `${c.tool} ${c.args[0]} ${c.args[1]}`)).toEqual([
      'cdktf destroy azure-links', 'cdk destroy AwsLinks', 'cdk destroy AwsGateway', 'cdktf destroy azure-gateway',
    ]);
    expect(calls[0].args).toEqual(expect.arrayContaining(['--auto-approve', '--var', 'aws_conn1_tunnel1_ip=203.0.113.5']));
    expect(calls[1].args).toContain('--force');
  });
});

test('a manifest whose input reads a later phase is rejected before anything runs', () => {
  const bad = { ...MANIFEST, phases: [MANIFEST.phases[2], { ...MANIFEST.phases[1], phase: 4 }, MANIFEST.phases[0]] };
  fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
  const { code, stderr, calls } = run('deploy', path.join(dir, 'bad.json'));
  expect(code).toBe(1);
  expect(stderr).toMatch(/input 'aws_conn1_tunnel1_ip' of stack 'azure-links' \(phase 3\) reads stack 'AwsLinks' of phase 4: it must come from an earlier phase/);
  expect(calls).toEqual([]);
});

describe('ccvpn deploy refuses keys from the published demo secret', () => {
  const demo = { ...MANIFEST, keys: { derivation: 'bound' as const, deployment: 'x', demoSecret: true } };
  test('a real deploy runs nothing and says why; a dry run warns; destroy is not refused', () => {
    fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(demo));
    const deploy = run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(deploy.code).toBe(1);
    expect(deploy.stderr).toMatch(/derived from the published demo secret.+CCVPN_MASTER_SECRET/);
    expect(deploy.calls).toEqual([]);
    const dry = run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/published demo secret: a real deploy of this output is refused/);
    const destroy = run('destroy', path.join(dir, 'ccvpn.manifest.json'));
    expect(destroy.stderr).not.toMatch(/demo secret/);
  });

  test("the manifest of an example synthesized without CCVPN_MASTER_SECRET says so; with one, it doesn't", () => {
    const { synthExample } = jest.requireActual('../../examples/lib/example-apps') as typeof import('../../examples/lib/example-apps');
    const { threeCloudMesh } = jest.requireActual('../../examples/three-cloud-mesh') as typeof import('../../examples/three-cloud-mesh');
    const saved = process.env.CCVPN_MASTER_SECRET;
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      delete process.env.CCVPN_MASTER_SECRET;
      const demoOut = synthExample('demo', (apps) => threeCloudMesh(apps), dir);
      expect(JSON.parse(fs.readFileSync(demoOut.manifest, 'utf8')).keys).toEqual({ derivation: 'bound', deployment: 'Mesh', demoSecret: true });
      expect(run('deploy', demoOut.manifest).code).toBe(1);
      process.env.CCVPN_MASTER_SECRET = 'k2J9v+Qx7LmW/3pZ8rTb1sYc0Hd6FgNe';
      const realOut = synthExample('real', (apps) => threeCloudMesh(apps), dir);
      expect(JSON.parse(fs.readFileSync(realOut.manifest, 'utf8')).keys).toEqual({ derivation: 'bound', deployment: 'Mesh', demoSecret: false });
    } finally {
      quiet.mockRestore();
      if (saved === undefined) delete process.env.CCVPN_MASTER_SECRET;
      else process.env.CCVPN_MASTER_SECRET = saved;
    }
  }, 60000);
});

describe('ccvpn deploy on a synthesized example', () => {
  test('the three-cloud mesh deploys in three phases, every input fed from the output the manifest names', () => {
    // GIVEN the example's real manifest, and stand-ins that report a documentation IP per output
    const { synthExample } = jest.requireActual('../../examples/lib/example-apps') as typeof import('../../examples/lib/example-apps');
    const { threeCloudMesh } = jest.requireActual('../../examples/three-cloud-mesh') as typeof import('../../examples/three-cloud-mesh');
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const saved = process.env.CCVPN_MASTER_SECRET;
    process.env.CCVPN_MASTER_SECRET = 'k2J9v+Qx7LmW/3pZ8rTb1sYc0Hd6FgNe';
    const example = synthExample('mesh', (apps) => threeCloudMesh(apps), dir);
    if (saved === undefined) delete process.env.CCVPN_MASTER_SECRET;
    else process.env.CCVPN_MASTER_SECRET = saved;
    quiet.mockRestore();
    const manifest: DeploymentManifest = JSON.parse(fs.readFileSync(example.manifest, 'utf8'));
    let n = 0;
    const outputs: Record<string, Record<string, string>> = {};
    for (const p of manifest.phases) for (const s of p.stacks) outputs[s.name] = Object.fromEntries(s.outputs.map((o) => [o, `203.0.113.${++n}`]));
    process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify(outputs);
    // WHEN
    const { code, calls } = run('deploy', example.manifest);
    // THEN
    expect(code).toBe(0);
    expect(manifest.phases.map((p) => p.phase)).toEqual([1, 2, 3]);
    const order = calls.map((c) => c.args[1]);
    expect(order).toEqual(manifest.phases.flatMap((p) => p.stacks.map((s) => s.name)));
    for (const p of manifest.phases) {
      for (const s of p.stacks) {
        const args = calls.find((c) => c.args[1] === s.name)!.args.join(' ');
        for (const input of s.inputs) {
          const value = outputs[input.from.stack][input.from.output];
          expect(args).toContain(s.engine === 'cdk' ? `${s.name}:${input.name}=${value}` : `${input.name}=${value}`);
        }
      }
    }
    // the AWS link stack needs both Azure IPs and both Alibaba IPs; the phase 3 stacks the AWS tunnel IPs
    const stack = (name: string) => manifest.phases.flatMap((p) => p.stacks).find((s) => s.name === name)!;
    expect(stack('AwsTokyoLinks2').inputs.map((i) => i.from.stack).sort()).toEqual(['ali-hangzhou', 'ali-hangzhou', 'azure-japaneast', 'azure-japaneast']);
    expect(new Set(stack('azure-japaneast-links-3').inputs.map((i) => i.from.stack))).toEqual(new Set(['AwsTokyoLinks2']));
    expect(new Set(stack('ali-hangzhou-links-3').inputs.map((i) => i.from.stack))).toEqual(new Set(['AwsTokyoLinks2']));
  }, 60000);
});
