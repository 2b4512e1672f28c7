/**
 * Every bad input the CLI reads or writes ends in one line naming the file and what is wrong,
 * exit code 1, never a stack trace; and a deploy leaves nothing behind in TMPDIR.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, runMain } from '../../src/cli/main';
import { MASTER_SECRET_ENV } from '../../src/plan';
import type { DeploymentManifest } from '../../src/manifest';
import { TEST_SECRET } from '../plan/fixtures';

const MESH = path.join(__dirname, '..', '..', 'examples', 'topologies', 'three-cloud-mesh.yaml');
const FAKE_BIN = path.join(__dirname, 'fake-bin');

let dir: string;
const saved = { secret: process.env[MASTER_SECRET_ENV], tmp: process.env.TMPDIR, path: process.env.PATH };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-inputs-'));
  process.env[MASTER_SECRET_ENV] = TEST_SECRET;
});
afterEach(() => {
  for (const [k, v] of [[MASTER_SECRET_ENV, saved.secret], ['TMPDIR', saved.tmp], ['PATH', saved.path]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  delete process.env.CCVPN_FAKE_TRUNCATE;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  return { code, stdout, stderr };
}

/** One line, naming `file`, no stack frame. */
function expectOneLine(stderr: string, file: string, what: RegExp) {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toContain(file);
  expect(stderr).toMatch(what);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('ccvpn plan --allocations', () => {
  test.each([
    ['an empty object', '{}', /the allocations file .* is not an allocation record|^$/],
    ['a list', '[]', /is not an allocation record: \(record\): expected an allocation record/],
    ['a string', '"x"', /is not an allocation record: \(record\): expected an allocation record .* got 'x'/],
    ['asns: null', '{"asns":null}', /is not an allocation record: asns: expected an object mapping site ids to ASNs, got null/],
    ['an ASN that is a string', '{"insideCidrs":{},"asns":{"aws-tokyo":"64512"}}', /asns\.aws-tokyo: expected an integer ASN, got '64512'/],
    ['an unknown field', '{"insideCidrs":{},"asns":{},"colour":1}', /colour: unknown field; allowed: insideCidrs, asns/],
    ['truncated JSON', '{"insideCidrs": {"a:1": "169.254.', /is not valid JSON/],
    ['an empty file', '', /is not valid JSON .*: it is empty/],
  ])('fails in one line when the file holds %s', async (_, text, message) => {
    // GIVEN
    const file = path.join(dir, 'allocations.json');
    fs.writeFileSync(file, text);
    // WHEN
    const { code, stderr } = await run('plan', MESH, '--allocations', file);
    // THEN ({} is a valid, empty record: planned from scratch)
    if (text === '{}') {
      expect(code).toBe(0);
      return;
    }
    expect(code).toBe(1);
    expectOneLine(stderr, file, message);
  });

  test('fails in one line when the path is a folder', async () => {
    const { code, stderr } = await run('plan', MESH, '--allocations', dir);
    expect(code).toBe(1);
    expectOneLine(stderr, dir, /cannot read the allocations file .*: is a folder, not a file/);
  });

  test('fails in one line when the file cannot be written', async () => {
    const file = path.join(dir, 'no-such-folder', 'allocations.json');
    const { code, stderr } = await run('plan', MESH, '--allocations', file);
    expect(code).toBe(1);
    expectOneLine(stderr, file, /cannot write the allocations file .*: no such file or folder/);
  });

  test('refuses a prototype key as a kept allocation (it is an unknown site, not a method)', async () => {
    const file = path.join(dir, 'allocations.json');
    fs.writeFileSync(file, JSON.stringify({ insideCidrs: {}, asns: { toString: 64600, constructor: 64601 } }));
    const { code } = await run('plan', MESH, '--allocations', file, '--json');
    expect(code).toBe(0);
  });
});

describe('ccvpn plan --diagram', () => {
  test.each(['diagram.dot', 'diagram.svg'])('fails in one line when %s cannot be written', async (name) => {
    const file = path.join(dir, 'missing', name);
    const { code, stderr } = await run('plan', MESH, '--diagram', file);
    expect(code).toBe(1);
    expectOneLine(stderr, file, /cannot write the diagram .*: no such file or folder/);
  });
});

describe('ccvpn plan <topology>', () => {
  test('fails in one line when the topology is a folder', async () => {
    const { code, stderr } = await run('plan', dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/is a folder, not a file/);
  });

  test('refuses a topology file over 4 MiB before parsing it', async () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, `# ${'x'.repeat(4 * 1024 * 1024)}\nsites: []\n`);
    const started = Date.now();
    const { code, stderr } = await run('plan', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\d+ bytes; allowed: at most 4194304 bytes/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

const MANIFEST: DeploymentManifest = {
  version: 1,
  phases: [
    { phase: 1, description: 'gateways', stacks: [{ name: 'azure-gateway', engine: 'cdktf', inputs: [], outputs: ['instance0_ip'] }] },
    { phase: 2, description: 'links', stacks: [{ name: 'AwsLinks', engine: 'cdk', inputs: [{ name: 'Ip', from: { stack: 'azure-gateway', output: 'instance0_ip' } }], outputs: [] }] },
  ],
};

describe('ccvpn deploy', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(MANIFEST));
    process.env.PATH = `${FAKE_BIN}${path.delimiter}${saved.path}`;
    process.env.CCVPN_FAKE_LOG = path.join(dir, 'calls.jsonl');
    process.env.CCVPN_FAKE_OUTPUTS = JSON.stringify({ 'azure-gateway': { instance0_ip: '198.51.100.10' } });
    process.env.TMPDIR = tmp;
  });

  test('leaves no scratch folder in TMPDIR, on success and on failure', async () => {
    expect((await run('deploy', path.join(dir, 'ccvpn.manifest.json'))).code).toBe(0);
    expect(fs.readdirSync(tmp)).toEqual([]);
    process.env.CCVPN_FAKE_FAIL = 'AwsLinks';
    try {
      expect((await run('deploy', path.join(dir, 'ccvpn.manifest.json'))).code).toBe(1);
    } finally {
      delete process.env.CCVPN_FAKE_FAIL;
    }
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  test('fails in one line when the kept ccvpn.outputs.json is truncated', async () => {
    const state = path.join(dir, 'ccvpn.outputs.json');
    fs.writeFileSync(state, '{"azure-gateway": {"instance0_ip": "198.5');
    const { code, stderr } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--phase', '2');
    expect(code).toBe(1);
    expectOneLine(stderr, state, /the outputs file .* is not valid JSON/);
  });

  test('fails in one line when ccvpn.outputs.json is JSON of the wrong shape', async () => {
    const state = path.join(dir, 'ccvpn.outputs.json');
    fs.writeFileSync(state, '{"azure-gateway": 5}');
    const { code, stderr } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'), '--phase', '2');
    expect(code).toBe(1);
    expectOneLine(stderr, state, /is not an outputs file: expected an object of stacks/);
  });

  test('fails in one line when a tool writes a truncated outputs file, and cleans up', async () => {
    process.env.CCVPN_FAKE_TRUNCATE = '1';
    const { code, stderr } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/the outputs file cdktf wrote for stack 'azure-gateway' .*outputs\.json is not valid JSON/);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  test('fails in one line when TMPDIR does not exist', async () => {
    process.env.TMPDIR = path.join(dir, 'gone');
    const { code, stderr } = await run('deploy', path.join(dir, 'ccvpn.manifest.json'));
    expect(code).toBe(1);
    expectOneLine(stderr, path.join(dir, 'gone'), /cannot create a scratch folder in .* \(TMPDIR\)/);
  });
});

describe('the ccvpn process', () => {
  async function runProcess(...argv: string[]) {
    let stderr = '';
    const code = await runMain(argv, (s) => { stderr += s; });
    return { code, stderr };
  }

  test('verify with a TMPDIR that does not exist fails in one line', async () => {
    process.env.TMPDIR = path.join(dir, 'gone');
    const { code, stderr } = await runProcess('verify', '--dry-run', dir);
    expect(code).toBe(1);
    expectOneLine(stderr, path.join(dir, 'gone'), /ccvpn verify: the temporary folder .* \(TMPDIR\) cannot be used: no such file or folder; set TMPDIR/);
  });

  test.each([
    ['throws', () => { throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.ts:1:1)"); }],
    ['rejects', () => Promise.reject(new Error('EIO: i/o error, read'))],
  ])('any unexpected error of a command that %s becomes one line and exit code 1, not a stack trace', async (_, command) => {
    let stderr = '';
    const code = await runMain(['plan', 'x.yaml'], (s) => { stderr += s; }, command as unknown as typeof main);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^ccvpn plan: /);
    expect(stderr).not.toMatch(/\s+at /);
  });
});
