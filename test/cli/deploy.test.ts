/**
 * `ccvpn deploy` / `ccvpn destroy` with stand-in CLIs (`test/cli/fake-bin`): each stack once what it
 * reads is deployed, bounded parallelism, logs, a failure that lets running stacks finish, resume.
 */
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
  delete process.env.CCVPN_FAKE_SLEEP;
  delete process.env.CCVPN_FAKE_MEET;
  delete process.env.CCVPN_FAKE_PRINT;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(() => { process.env.PATH = savedPath; });

interface Call { tool: string; args: string[]; start: number; end: number }

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call) : [];
  fs.rmSync(log, { force: true });
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`${path.basename(log)}.started.`)) fs.rmSync(path.join(dir, f));
  return { code, stdout, stderr, calls };
}

/** The call that deployed (or destroyed) a stack. */
const callOf = (calls: Call[], stack: string) => {
  const c = calls.find((x) => x.args[1] === stack);
  if (!c) throw new Error(`no call for ${stack} in ${calls.map((x) => x.args[1]).join(', ')}`);
  return c;
};
/** `a` started only after `b` ended. */
const after = (calls: Call[], a: string, b: string) => callOf(calls, a).start >= callOf(calls, b).end;
const overlap = (calls: Call[], a: string, b: string) => callOf(calls, a).start < callOf(calls, b).end && callOf(calls, b).start < callOf(calls, a).end;

/**
 * The synthesized output the manifest points at: a cloud assembly and a cdktf output whose
 * manifests record the link stacks' dependencies on their gateway stacks, as the engines write them.
 */
function writeAssemblies(root: string, change = '') {
  const cdkOut = path.join(root, 'cdk.out');
  fs.mkdirSync(cdkOut, { recursive: true });
  for (const name of ['AwsGateway', 'AwsLinks']) fs.writeFileSync(path.join(cdkOut, `${name}.template.json`), JSON.stringify({ Resources: { R: { Type: 'AWS::EC2::VPNGateway', Change: name === 'AwsLinks' ? change : '' } } }));
  fs.writeFileSync(path.join(cdkOut, 'manifest.json'), JSON.stringify({ version: '41.0.0', artifacts: {
    'AwsGateway.assets': { type: 'cdk:asset-manifest' },
    AwsGateway: { type: 'aws:cloudformation:stack', dependencies: ['AwsGateway.assets'], properties: { templateFile: 'AwsGateway.template.json' } },
    AwsLinks: { type: 'aws:cloudformation:stack', dependencies: ['AwsGateway'], properties: { templateFile: 'AwsLinks.template.json' } },
  } }));
  const tfOut = path.join(root, 'cdktf.out');
  const stacks: Record<string, object> = {};
  for (const [name, dependencies] of [['azure-gateway', []], ['azure-links', ['azure-gateway']]] as const) {
    fs.mkdirSync(path.join(tfOut, 'stacks', name), { recursive: true });
    const resource = name === 'azure-links' ? { alicloud_vpn_connection: { c: { tunnel_options_specification: [{ tunnel_ike_config: { psk: KEY } }] } } } : { [name]: {} };
    fs.writeFileSync(path.join(tfOut, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ resource }));
    stacks[name] = { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(tfOut, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
}

const manifestFile = () => path.join(dir, 'ccvpn.manifest.json');
/** A key written literally in a synthesized file (as alicloud's psk is). */
const KEY = 'Zx9-literal-key-0123456789';

describe('ccvpn deploy', () => {
  beforeEach(() => writeAssemblies(dir));

  test('starts each stack once the outputs it reads exist, not at a phase barrier, and passes them on', async () => {
    // GIVEN the AWS gateway slower than the Azure one, and neither finishing before the other started
    process.env.CCVPN_FAKE_SLEEP = JSON.stringify({ AwsGateway: 400, 'azure-gateway': 100 });
    process.env.CCVPN_FAKE_MEET = JSON.stringify({ AwsGateway: ['azure-gateway'], 'azure-gateway': ['AwsGateway'] });
    const { code, calls, stdout } = await run('deploy', manifestFile());
    expect(code).toBe(0);
    // THEN both gateways run together; AwsLinks waits for its inputs (the Azure IPs) and its engine
    // dependency (the AWS gateway); azure-links for the AWS outside IP
    expect(overlap(calls, 'AwsGateway', 'azure-gateway')).toBe(true);
    expect(after(calls, 'AwsLinks', 'AwsGateway') && after(calls, 'AwsLinks', 'azure-gateway')).toBe(true);
    expect(after(calls, 'azure-links', 'AwsLinks')).toBe(true);
    const awsLinks = callOf(calls, 'AwsLinks').args;
    expect(awsLinks).toEqual(expect.arrayContaining(['--app', path.join(dir, 'cdk.out'), '--require-approval', 'never']));
    expect(awsLinks.slice(0, 3)).toEqual(['deploy', 'AwsLinks', '--exclusively']);
    expect(awsLinks.join(' ')).toContain('--parameters AwsLinks:AzureInstance0Ip=198.51.100.10 --parameters AwsLinks:AzureInstance1Ip=198.51.100.11');
    const azureLinks = callOf(calls, 'azure-links').args.join(' ');
    expect(azureLinks).toContain('deploy azure-links --ignore-missing-stack-dependencies --skip-synth --output');
    expect(azureLinks).toContain('--var aws_conn1_tunnel1_ip=203.0.113.5');
    // outputs kept for later runs
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ccvpn.outputs.json'), 'utf8'))).toEqual({ ...OUTPUTS, AwsGateway: {}, 'azure-links': {} });
    // one line per event on the terminal, each CLI's own output in its log
    expect(stdout).toMatch(/^\[azure-gateway\] deploying; log: .*ccvpn\.logs\/azure-gateway\.log$/m);
    expect(stdout).toMatch(/^\[AwsGateway\] deployed in \d+\.\d s$/m);
    expect(stdout).toMatch(/^deploy complete in .*: 4 stack\(s\) deployed$/m);
    expect(stdout).not.toContain('stand-in');
    const azureLog = fs.readFileSync(path.join(dir, 'ccvpn.logs', 'azure-gateway.log'), 'utf8');
    expect(azureLog).toMatch(/^\$ cdktf deploy azure-gateway --ignore-missing-stack-dependencies .*\ncdktf deploy azure-gateway: starting \(stand-in\)\ncdktf deploy azure-gateway: done \(stand-in\)\n$/);
    expect(fs.statSync(path.join(dir, 'ccvpn.logs', 'azure-gateway.log')).mode & 0o077).toBe(0);
  });

  test('a key the CLI prints (a Terraform plan of an attribute not marked sensitive) never reaches the log or the terminal', async () => {
    // GIVEN azure-links' Terraform JSON holds a key literally, and the tool prints it, then fails
    process.env.CCVPN_FAKE_PRINT = `      + psk = "${KEY}"`;
    process.env.CCVPN_FAKE_FAIL = 'azure-links';
    const { code, stdout, stderr } = await run('deploy', manifestFile());
    expect(code).toBe(1);
    const log = fs.readFileSync(path.join(dir, 'ccvpn.logs', 'azure-links.log'), 'utf8');
    expect(log).toContain('      + psk = "<psk:redacted>"\n');
    for (const text of [log, stdout, stderr]) expect(text).not.toContain(KEY);
    expect(stdout).toContain('[azure-links] |       + psk = "<psk:redacted>"');
  });

  test('--parallel 1 runs one stack at a time', async () => {
    process.env.CCVPN_FAKE_SLEEP = JSON.stringify({ AwsGateway: 100, 'azure-gateway': 100 });
    const { code, calls } = await run('deploy', manifestFile(), '--parallel', '1');
    expect(code).toBe(0);
    const sorted = [...calls].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end);
  });

  test.each(['0', '1.5', 'many'])('--parallel %s is a usage error', async (n) => {
    const { code, stderr, calls } = await run('deploy', manifestFile(), '--parallel', n);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--parallel takes a whole number of stacks ≥ 1/);
    expect(calls).toEqual([]);
  });

  test('a failing stack stops new starts, lets the running ones finish and keeps their outputs; the same command resumes', async () => {
    // GIVEN the Azure gateway fails while the AWS gateway is still deploying
    process.env.CCVPN_FAKE_FAIL = 'azure-gateway';
    process.env.CCVPN_FAKE_SLEEP = JSON.stringify({ AwsGateway: 300 });
    const failed = await run('deploy', manifestFile());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^ccvpn deploy: deploy of stack 'azure-gateway' \(phase 1\) failed \(cdktf exited with 1; its log: .*azure-gateway\.log\); stopped; not started: AwsLinks, azure-links; the outputs of the stacks that finished are kept: run the same command again to resume\n$/);
    expect(failed.calls.map((c) => c.args[1]).sort()).toEqual(['AwsGateway', 'azure-gateway']);
    expect(failed.stdout).toMatch(/^\[AwsGateway\] deployed in/m);
    expect(failed.stdout).toMatch(/^\[azure-gateway\] failed after .*\n\[azure-gateway\] \| cdktf deploy azure-gateway: starting \(stand-in\)\n\[azure-gateway\] \| cdktf: azure-gateway failed \(stand-in\)$/m);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'ccvpn.outputs.json'), 'utf8')))).toEqual(['AwsGateway']);
    // WHEN fixed and run again
    delete process.env.CCVPN_FAKE_FAIL;
    const resumed = await run('deploy', manifestFile());
    // THEN the AWS gateway, deployed from the same output, is skipped
    expect(resumed.code).toBe(0);
    expect(resumed.calls.map((c) => c.args[1]).sort()).toEqual(['AwsLinks', 'azure-gateway', 'azure-links']);
    expect(resumed.stdout).toMatch(/^\[AwsGateway\] deployed already from the same synthesized output and inputs: skipped$/m);
    expect(resumed.stdout).toMatch(/3 stack\(s\) deployed, 1 unchanged/);
  });

  test('a stack is deployed again when its synthesized output or its inputs changed, every stack with --force', async () => {
    expect((await run('deploy', manifestFile())).code).toBe(0);
    expect((await run('deploy', manifestFile())).calls).toEqual([]);
    // GIVEN AwsLinks' template changed
    writeAssemblies(dir, 'new tunnel options');
    expect((await run('deploy', manifestFile())).calls.map((c) => c.args[1])).toEqual(['AwsLinks']);
    // GIVEN a new outside IP reported by AwsLinks: azure-links reads it
    process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify({ ...OUTPUTS, AwsLinks: { Conn1Tunnel1OutsideIp: '203.0.113.99' } });
    writeAssemblies(dir, 'replaced connection');
    const fed = await run('deploy', manifestFile());
    expect(fed.calls.map((c) => c.args[1])).toEqual(['AwsLinks', 'azure-links']);
    expect(callOf(fed.calls, 'azure-links').args).toContain('aws_conn1_tunnel1_ip=203.0.113.99');
    expect((await run('deploy', manifestFile(), '--force')).calls).toHaveLength(4);
  });

  test('a phase run out of order names the output it waits for, before anything runs', async () => {
    const { code, stderr, calls } = await run('deploy', manifestFile(), '--phase', '3');
    expect(code).toBe(1);
    expect(stderr).toMatch(/stack 'azure-links' \(phase 3\) needs input 'aws_conn1_tunnel1_ip' from output 'Conn1Tunnel1OutsideIp' of stack 'AwsLinks' \(phase 2\), which has not been deployed; run phase 2 first/);
    expect(calls).toEqual([]);
  });

  test('a single phase runs later from the kept outputs, deployed again though unchanged', async () => {
    expect((await run('deploy', manifestFile())).code).toBe(0);
    const { code, calls } = await run('deploy', manifestFile(), '--phase', '3');
    expect(code).toBe(0);
    expect(calls.map((c) => c.args[1])).toEqual(['azure-links']);
    expect(calls[0].args).toContain('aws_conn1_tunnel1_ip=203.0.113.5');
  });

  test('a stack that does not report an output other stacks read is an error', async () => {
    process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify({ ...OUTPUTS, 'azure-gateway': { instance0_ip: '198.51.100.10' } });
    const { code, stderr } = await run('deploy', manifestFile());
    expect(code).toBe(1);
    expect(stderr).toMatch(/stack 'azure-gateway' deployed but did not report output\(s\) instance1_ip that other stacks read/);
  });

  test('--dry-run prints every command with placeholders and what each stack waits for, and runs nothing', async () => {
    const { code, stdout, calls } = await run('deploy', manifestFile(), '--dry-run');
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout).toMatch(/\$ cdk deploy AwsLinks --exclusively .*--parameters 'AwsLinks:AzureInstance0Ip=<azure-gateway\.instance0_ip>'/);
    expect(stdout).toContain('[AwsLinks] waits for: AwsGateway, azure-gateway\n');
    expect(stdout).toContain('[azure-links] waits for: AwsLinks, azure-gateway\n');
    expect(stdout).toMatch(/== phase 3: Azure connections/);
    expect(stdout).toContain('dry run: nothing was deployed');
  });

  test('a stack the manifest\'s stacks depend on in their own app is deployed first, and never destroyed', async () => {
    // GIVEN the AWS gateway stack depends on the user's network stack
    const cdkManifest = path.join(dir, 'cdk.out', 'manifest.json');
    const assembly = JSON.parse(fs.readFileSync(cdkManifest, 'utf8'));
    assembly.artifacts.Network = { type: 'aws:cloudformation:stack', properties: { templateFile: 'Network.template.json' } };
    assembly.artifacts.AwsGateway.dependencies.push('Network');
    fs.writeFileSync(cdkManifest, JSON.stringify(assembly));
    fs.writeFileSync(path.join(dir, 'cdk.out', 'Network.template.json'), '{}');
    const deploy = await run('deploy', manifestFile());
    expect(deploy.code).toBe(0);
    expect(after(deploy.calls, 'AwsGateway', 'Network')).toBe(true);
    const destroy = await run('destroy', manifestFile());
    expect(destroy.calls.map((c) => c.args[1])).not.toContain('Network');
  });
});

describe('ccvpn destroy', () => {
  test('destroys every stack after the stacks that read it, passing Terraform variables again', async () => {
    writeAssemblies(dir);
    expect((await run('deploy', manifestFile())).code).toBe(0);
    const { code, calls } = await run('destroy', manifestFile());
    expect(code).toBe(0);
    expect(calls).toHaveLength(4);
    expect(after(calls, 'AwsLinks', 'azure-links')).toBe(true);
    expect(after(calls, 'azure-gateway', 'azure-links') && after(calls, 'azure-gateway', 'AwsLinks')).toBe(true);
    expect(after(calls, 'AwsGateway', 'AwsLinks')).toBe(true);
    expect(callOf(calls, 'azure-links').args).toEqual(expect.arrayContaining(['--auto-approve', '--ignore-missing-stack-dependencies', '--var', 'aws_conn1_tunnel1_ip=203.0.113.5']));
    expect(callOf(calls, 'AwsLinks').args).toEqual(expect.arrayContaining(['--force', '--exclusively']));
    // destroyed stacks are forgotten: a deploy afterwards deploys them all again
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'ccvpn.deployed.json'), 'utf8')).stacks).toEqual({});
  });
});

test('a manifest whose input reads a later phase is rejected before anything runs', async () => {
  const bad = { ...MANIFEST, phases: [MANIFEST.phases[2], { ...MANIFEST.phases[1], phase: 4 }, MANIFEST.phases[0]] };
  fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
  const { code, stderr, calls } = await run('deploy', path.join(dir, 'bad.json'));
  expect(code).toBe(1);
  expect(stderr).toMatch(/input 'aws_conn1_tunnel1_ip' of stack 'azure-links' \(phase 3\) reads stack 'AwsLinks' of phase 4: it must come from an earlier phase/);
  expect(calls).toEqual([]);
});

test('a dependency cycle between the engines\' dependencies and the manifest\'s inputs is refused before anything runs', async () => {
  writeAssemblies(dir);
  const cdkManifest = path.join(dir, 'cdk.out', 'manifest.json');
  const assembly = JSON.parse(fs.readFileSync(cdkManifest, 'utf8'));
  assembly.artifacts.AwsGateway.dependencies = ['AwsLinks'];
  fs.writeFileSync(cdkManifest, JSON.stringify(assembly));
  const { code, stderr, calls } = await run('deploy', manifestFile());
  expect(code).toBe(1);
  expect(stderr).toMatch(/the stacks depend on each other in a cycle: AwsGateway → AwsLinks → AwsGateway/);
  expect(calls).toEqual([]);
});

describe('ccvpn deploy refuses keys from the published demo secret', () => {
  const demo = { ...MANIFEST, keys: { derivation: 'bound' as const, deployment: 'x', demoSecret: true } };
  test('a real deploy runs nothing and says why; a dry run warns; destroy is not refused', async () => {
    fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(demo));
    const deploy = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(deploy.code).toBe(1);
    expect(deploy.stderr).toMatch(/derived from the published demo secret.+CCVPN_MASTER_SECRET/);
    expect(deploy.calls).toEqual([]);
    const dry = await run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/published demo secret: a real deploy of this output is refused/);
    const destroy = await run('destroy', path.join(dir, 'ccvpn.manifest.json'));
    expect(destroy.stderr).not.toMatch(/demo secret/);
  });

  test("the manifest of an example synthesized without CCVPN_MASTER_SECRET says so; with one, it doesn't", async () => {
    const { synthExample } = jest.requireActual('../../examples/lib/example-apps') as typeof import('../../examples/lib/example-apps');
    const { threeCloudMesh } = jest.requireActual('../../examples/three-cloud-mesh') as typeof import('../../examples/three-cloud-mesh');
    const saved = process.env.CCVPN_MASTER_SECRET;
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      delete process.env.CCVPN_MASTER_SECRET;
      const demoOut = synthExample('demo', (apps) => threeCloudMesh(apps), dir);
      expect(JSON.parse(fs.readFileSync(demoOut.manifest, 'utf8')).keys).toEqual({ derivation: 'bound', deployment: 'Mesh', demoSecret: true });
      expect((await run('deploy', demoOut.manifest)).code).toBe(1);
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
  test('the three-cloud mesh: every stack starts after the stacks it reads, every input fed from the output the manifest names', async () => {
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
    process.env.CCVPN_FAKE_SLEEP = JSON.stringify({ AwsTokyo: 300, 'azure-japaneast': 300, 'ali-hangzhou': 300 });
    const gateways = ['AwsTokyo', 'azure-japaneast', 'ali-hangzhou'];
    process.env.CCVPN_FAKE_MEET = JSON.stringify(Object.fromEntries(gateways.map((g) => [g, gateways.filter((o) => o !== g)])));
    // WHEN
    const { code, calls } = await run('deploy', example.manifest);
    // THEN
    expect(code).toBe(0);
    expect(manifest.phases.map((p) => p.phase)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.args[1]).sort()).toEqual(manifest.phases.flatMap((p) => p.stacks.map((s) => s.name)).sort());
    // each stack after the producers of its inputs, and after its engine dependencies (the
    // assemblies' manifests): a phase-3 half after its AWS connections and its own gateway only
    for (const s of manifest.phases.flatMap((p) => p.stacks)) for (const i of s.inputs) expect(after(calls, s.name, i.from.stack)).toBe(true);
    expect(after(calls, 'AwsTokyoLinks2', 'AwsTokyo')).toBe(true);
    expect(after(calls, 'azure-japaneast-links-2', 'ali-hangzhou') && after(calls, 'azure-japaneast-links-2', 'azure-japaneast')).toBe(true);
    expect(after(calls, 'ali-hangzhou-links-3', 'ali-hangzhou')).toBe(true);
    expect(overlap(calls, 'AwsTokyo', 'azure-japaneast') && overlap(calls, 'azure-japaneast', 'ali-hangzhou')).toBe(true);
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
