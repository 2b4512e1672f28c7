import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { parseTopology, readTopology } from '../../src/cli/topology-file';
import { MASTER_SECRET_ENV, planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';

const MESH = path.join(__dirname, '..', '..', 'examples', 'topologies', 'three-cloud-mesh.yaml');

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
  return { code, stdout, stderr };
}

describe('ccvpn plan', () => {
  const saved = process.env[MASTER_SECRET_ENV];
  beforeEach(() => { process.env[MASTER_SECRET_ENV] = TEST_SECRET; });
  afterAll(() => { if (saved === undefined) delete process.env[MASTER_SECRET_ENV]; else process.env[MASTER_SECRET_ENV] = saved; });

  test('prints every tunnel with both sides, addresses and ASNs, and no key', () => {
    const { code, stdout } = run('plan', MESH);
    expect(code).toBe(0);
    const plan = planVpn(readTopology(MESH), { masterSecret: TEST_SECRET });
    expect(stdout).toContain('3 gateways, 3 links, 10 tunnels (10 active, 0 idle)');
    for (const t of plan.tunnels) {
      const row = stdout.split('\n').find((l) => l.startsWith(`${t.id} `))!;
      expect(row).toBeDefined();
      if (t.insideCidr) expect(row).toContain(t.insideCidr);
      expect(row).toContain(`<psk:derived fp:${t.presharedKey.fingerprint}>`);
      expect(stdout).not.toContain(t.presharedKey.reveal());
    }
    expect(stdout).toMatch(/aws-tokyo\s+aws\s+vpn-gateway\s+64512\s+172\.16\.0\.0\/16\s+4 customer gateways, 4 VPN connections/);
  });

  test('--json prints the plan itself, keys redacted', () => {
    const { code, stdout } = run('plan', MESH, '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.tunnels).toHaveLength(10);
    expect(plan.tunnels[0].presharedKey).toMatch(/^<psk:derived fp:/);
  });

  test('fails with a clear message when the master secret is missing', () => {
    delete process.env[MASTER_SECRET_ENV];
    const { code, stderr } = run('plan', MESH);
    expect(code).toBe(1);
    expect(stderr).toMatch(/masterSecret: 10 tunnel\(s\) need a derived pre-shared key .* set the CCVPN_MASTER_SECRET environment variable/);
  });

  test('--allocations writes the allocation record and keeps it on the next run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-'));
    const record = path.join(dir, 'allocations.json');
    expect(run('plan', MESH, '--allocations', record).code).toBe(0);
    const written = JSON.parse(fs.readFileSync(record, 'utf8'));
    expect(Object.keys(written.insideCidrs)).toHaveLength(8);
    // a hand-moved allocation is kept (it is valid), which proves the record is read
    const moved = { ...written, insideCidrs: { ...written.insideCidrs, 'ali-hangzhou--aws-tokyo:1': '169.254.100.0/30' } };
    fs.writeFileSync(record, JSON.stringify(moved));
    const { stdout } = run('plan', MESH, '--json', '--allocations', record);
    expect(JSON.parse(stdout).tunnels.find((t: { id: string }) => t.id === 'ali-hangzhou--aws-tokyo:1').insideCidr).toBe('169.254.100.0/30');
  });

  test('unknown command and missing file are usage errors', () => {
    expect(run('deploy-everything').code).toBe(2);
    const missing = run('plan', '/nonexistent/topology.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\/nonexistent\/topology\.yaml: no such file/);
  });
});

describe('topology file checks (JSON Schema)', () => {
  test.each([
    ['an unknown field', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], colour: red}]\nlinks: []', /sites\[0\]: unknown field 'colour'/],
    ['an unknown cloud', 'sites: [{id: a, cloud: gcp, cidrs: [10.0.0.0/16]}]\nlinks: []', /sites\[0\]\.cloud: must be one of: "aws", "azure", "alicloud"/],
    ['a missing field', 'sites: [{id: a, cloud: aws}]\nlinks: []', /sites\[0\]: missing field 'cidrs'/],
    ['an ASN of the wrong type', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], asn: "64512"}]\nlinks: []', /sites\[0\]\.asn: must be integer/],
    ['a link with three ends', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16]}]\nlinks: [{between: [a, b, c]}]', /links\[0\]\.between: must NOT have more than 2 items/],
    ['broken YAML', 'sites: [', /not valid YAML or JSON/],
  ])('fails when the file has %s', (_, text, message) => {
    expect(() => parseTopology(text, 'topology.yaml')).toThrow(message);
  });

  test('accepts JSON as well as YAML', () => {
    const t = parseTopology(JSON.stringify({ sites: [{ id: 'a', cloud: 'aws', cidrs: ['10.0.0.0/16'] }], links: [] }), 'x.json');
    expect(t.sites[0].id).toBe('a');
  });
});
