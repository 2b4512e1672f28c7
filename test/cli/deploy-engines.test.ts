/**
 * `ccvpn deploy` / `ccvpn destroy` run each stack with the CLI of the engine the manifest names:
 * `cdk`, `cdktf`, or `cdktn` (CDK Terrain, the same arguments as cdktf's). Stand-in CLIs
 * (fake-bin/) record their arguments.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { engineCli } from '../../src/cli/engine-cli';
import { main } from '../../src/cli/main';
import type { DeploymentManifest } from '../../src/manifest';

const FAKE_BIN = path.join(__dirname, 'fake-bin');

/** AWS ↔ Azure, the Azure stacks on CDK Terrain: Azure gateway → AWS connections → Azure connections. */
const MANIFEST: DeploymentManifest = {
  version: 1,
  cdkOut: 'cdk.out',
  cdktfOut: 'cdktf.out',
  phases: [
    { phase: 1, description: 'gateways', stacks: [
      { name: 'AwsGateway', engine: 'cdk', inputs: [], outputs: [] },
      { name: 'azure-gateway', engine: 'cdktn', inputs: [], outputs: ['instance0_ip'] },
    ] },
    { phase: 2, description: 'AWS connections (need the Azure IPs)', stacks: [
      { name: 'AwsLinks', engine: 'cdk', inputs: [{ name: 'AzureInstance0Ip', from: { stack: 'azure-gateway', output: 'instance0_ip' } }], outputs: ['Conn1Tunnel1OutsideIp'] },
    ] },
    { phase: 3, description: 'Azure connections (need the AWS tunnel IPs)', stacks: [
      { name: 'azure-links', engine: 'cdktn', inputs: [{ name: 'aws_conn1_tunnel1_ip', from: { stack: 'AwsLinks', output: 'Conn1Tunnel1OutsideIp' } }], outputs: [] },
    ] },
  ],
};
const OUTPUTS = { 'azure-gateway': { instance0_ip: '198.51.100.10' }, AwsLinks: { Conn1Tunnel1OutsideIp: '203.0.113.5' } };

let dir: string;
let log: string;
const savedPath = process.env.PATH;

function setUp(manifest: DeploymentManifest) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-deploy-engines-'));
  log = path.join(dir, 'calls.jsonl');
  fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(manifest));
  process.env.PATH = `${FAKE_BIN}${path.delimiter}${savedPath}`;
  process.env.CCVPN_FAKE_LOG = log;
  process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify(OUTPUTS);
  delete process.env.CCVPN_FAKE_FAIL;
}
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });
afterAll(() => { process.env.PATH = savedPath; });

/** Runs the CLI one stack at a time (`--parallel 1`: a deterministic order of calls). */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--parallel', '1'], (s) => { stdout += s; }, (s) => { stderr += s; });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; args: string[] }) : [];
  return { code, stdout, stderr, calls };
}

describe('ccvpn deploy with CDK Terrain stacks', () => {
  test('runs cdktn for the cdktn stacks, with the arguments cdktf gets, and passes outputs across engines', async () => {
    // GIVEN
    setUp(MANIFEST);
    // WHEN
    const { code, calls } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    // THEN
    expect(code).toBe(0);
    const order = calls.map((c) => `${c.tool} ${c.args[0]} ${c.args[1]}`);
    expect([...order].sort()).toEqual(['cdk deploy AwsGateway', 'cdk deploy AwsLinks', 'cdktn deploy azure-gateway', 'cdktn deploy azure-links']);
    // each stack after the stacks whose outputs it reads
    expect(order.indexOf('cdk deploy AwsLinks')).toBeGreaterThan(order.indexOf('cdktn deploy azure-gateway'));
    expect(order.indexOf('cdktn deploy azure-links')).toBeGreaterThan(order.indexOf('cdk deploy AwsLinks'));
    const call = (stack: string) => calls.find((c) => c.args[1] === stack)!;
    const outDir = path.join(dir, 'cdktf.out');
    expect(call('azure-gateway').args).toEqual(['deploy', 'azure-gateway', '--ignore-missing-stack-dependencies', '--skip-synth', '--output', outDir, '--auto-approve', '--outputs-file', expect.stringMatching(/outputs\.json$/)]);
    expect(call('azure-links').args.slice(0, 7)).toEqual(['deploy', 'azure-links', '--ignore-missing-stack-dependencies', '--skip-synth', '--output', outDir, '--auto-approve']);
    expect(call('azure-links').args.slice(-2)).toEqual(['--var', 'aws_conn1_tunnel1_ip=203.0.113.5']);
    expect(call('AwsLinks').args.join(' ')).toContain('--parameters AwsLinks:AzureInstance0Ip=198.51.100.10');
  });

  test('the same manifest on cdktf runs cdktf with identical arguments (only the program differs)', async () => {
    /** Each call with its folder and scratch outputs file made neutral. */
    const calls = async (manifest: DeploymentManifest) => {
      setUp(manifest);
      const r = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
      return r.calls.map((c) => ({ tool: c.tool, args: c.args.map((a) => a.split(dir).join('<dir>').replace(/^\/.*outputs\.json$/, '<outputs>')) }));
    };
    const cdktn = await calls(MANIFEST);
    fs.rmSync(dir, { recursive: true, force: true });
    const cdktf = await calls({ ...MANIFEST, phases: MANIFEST.phases.map((p) => ({ ...p, stacks: p.stacks.map((st) => ({ ...st, engine: st.engine === 'cdktn' ? 'cdktf' as const : st.engine })) })) });
    expect(cdktn.map((c) => c.tool).sort()).toEqual(['cdk', 'cdk', 'cdktn', 'cdktn']);
    expect(cdktf.map((c) => c.tool)).toEqual(cdktn.map((c) => (c.tool === 'cdktn' ? 'cdktf' : c.tool)));
    expect(cdktn.map((c) => c.args)).toEqual(cdktf.map((c) => c.args));
  });

  test('destroy runs cdktn destroy, each stack before the stacks it read, with the variables again', async () => {
    setUp(MANIFEST);
    expect((await run('deploy', path.join(dir, 'ccvpn.manifest.json'))).code).toBe(0);
    fs.rmSync(log);
    const { code, calls } = await run('destroy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(0);
    const order = calls.map((c) => `${c.tool} ${c.args[0]} ${c.args[1]}`);
    expect(order.slice(0, 2)).toEqual(['cdktn destroy azure-links', 'cdk destroy AwsLinks']);
    expect(order.slice(2).sort()).toEqual(['cdk destroy AwsGateway', 'cdktn destroy azure-gateway']);
    expect(calls[0].args).toEqual(['destroy', 'azure-links', '--ignore-missing-stack-dependencies', '--skip-synth', '--output', path.join(dir, 'cdktf.out'), '--auto-approve', '--var', 'aws_conn1_tunnel1_ip=203.0.113.5']);
  });

  test('a manifest naming an unknown tool is refused before anything runs', async () => {
    setUp({ ...MANIFEST, phases: [{ ...MANIFEST.phases[0], stacks: [{ ...MANIFEST.phases[0].stacks[1], engine: 'terraform' as 'cdktf' }] }] });
    const { code, stderr, calls } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/ccvpn deploy: .*ccvpn\.manifest\.json: stack 'azure-gateway' has engine "terraform"; allowed: cdk, cdktf, cdktn/);
    expect(calls).toEqual([]);
  });

  test.each([['cdk', 'cdk'], ['cdktf', 'cdktf'], ['cdktn', 'cdktn']] as const)('engine %s is deployed by %s', (engine, cli) => {
    expect(engineCli(engine)).toBe(cli);
  });
});
