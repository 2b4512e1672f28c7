import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { parseTopology, readTopology } from '../../src/cli/topology-file';
import { MASTER_SECRET_ENV, planVpn } from '../../src/plan';
import { renderPlan } from '../../src/cli/plan-table';
import { TEST_SECRET, aliSite, awsSite, azureSite } from '../plan/fixtures';

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

  test('plans without a master secret: derived keys are shown as not derived, with no fingerprint', () => {
    // GIVEN no master secret (plan prints redacted keys only, so it needs none)
    delete process.env[MASTER_SECRET_ENV];
    // WHEN
    const { code, stdout, stderr } = run('plan', MESH);
    const json = run('plan', MESH, '--json');
    // THEN every tunnel is planned, and no derived key shows a fingerprint
    expect(code).toBe(0);
    expect(stdout).toContain('3 gateways, 3 links, 10 tunnels');
    expect(stdout).not.toMatch(/<psk:derived sha256:/);
    expect(stdout.match(/<psk:derived, not derived \(no master secret\)>/g)).toHaveLength(10);
    expect(stderr).toMatch(/CCVPN_MASTER_SECRET is not set, so derived keys are shown as not derived/);
    expect(JSON.parse(json.stdout).tunnels.map((t: { presharedKey: string }) => t.presharedKey)).toEqual(Array(10).fill('<psk:derived, not derived (no master secret)>'));
    // and the allocations are those of a plan with a secret (keys do not shape them)
    const withSecret = planVpn(readTopology(MESH), { masterSecret: TEST_SECRET });
    expect(JSON.parse(json.stdout).allocations).toEqual(withSecret.allocations);
  });

  test('still refuses a master secret that is set but too short', () => {
    process.env[MASTER_SECRET_ENV] = 'short';
    const { code, stderr } = run('plan', MESH);
    expect(code).toBe(1);
    expect(stderr).toMatch(/masterSecret: the master secret must be at least 16 characters, got \d+/);
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
    ['an unknown cloud', 'sites: [{id: a, cloud: gcp, cidrs: [10.0.0.0/16]}]\nlinks: []', /sites\[0\]\.cloud: got 'gcp'; must be one of: "aws", "azure", "alicloud"/],
    ['a missing field', 'sites: [{id: a, cloud: aws}]\nlinks: []', /sites\[0\]: missing field 'cidrs'/],
    ['an ASN of the wrong type', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], asn: "64512"}]\nlinks: []', /sites\[0\]\.asn: got '64512'; must be integer/],
    ['a link with three ends', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16]}]\nlinks: [{between: [a, b, c]}]', /links\[0\]\.between: got \["a","b","c"\]; must NOT have more than 2 items/],
    ['a PFS group that is neither a group nor none', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16]}]\nlinks: [{between: [a, b], proposal: {phase2: {pfsGroup: "nein"}}}]', /links\[0\]\.proposal\.phase2\.pfsGroup: got 'nein'; must be one of: 1, 2, 5, 14.*, or must be "none"/],
    ['a value of 5 MB, echoed truncated', `sites: [{id: a, cloud: ${'x'.repeat(5_000_000)}, cidrs: [10.0.0.0/16]}]\nlinks: []`, /sites\[0\]\.cloud: got 'x{80}…' \(5000000 characters\); must be one of/],
    ['too many sites', `sites: [${Array.from({ length: 1001 }, (_, i) => `{id: s${i}, cloud: aws, cidrs: [10.0.0.0/16]}`).join(', ')}]\nlinks: []`, /sites: got \[.*\(truncated\); must NOT have more than 1000 items/],
    ['broken YAML', 'sites: [', /not valid YAML or JSON/],
    ['a misspelt inUse field', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], inUse: {insideCidr: [169.254.10.0/30]}}]\nlinks: []', /sites\[0\]\.inUse: unknown field 'insideCidr'/],
    ['inUse /30s that are not a list', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], inUse: {insideCidrs: 169.254.10.0/30}}]\nlinks: []', /sites\[0\]\.inUse\.insideCidrs: got '169\.254\.10\.0\/30'; must be array/],
    ['an inUse address that is not a string', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], inUse: {insideAddresses: [42]}}]\nlinks: []', /sites\[0\]\.inUse\.insideAddresses\[0\]: got 42; must be string/],
    ['a negative count of connections in use', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], inUse: {connections: -1}}]\nlinks: []', /sites\[0\]\.inUse\.connections: got -1; must be >= 0/],
    ['a fractional count of connections in use', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], inUse: {connections: 1.5}}]\nlinks: []', /sites\[0\]\.inUse\.connections: got 1\.5; must be integer/],
    ['alarms that is not a boolean', 'sites: [{id: a, cloud: aws, cidrs: [10.0.0.0/16], alarms: "off"}]\nlinks: []', /sites\[0\]\.alarms: got 'off'; must be boolean/],
  ])('fails when the file has %s', (_, text, message) => {
    expect(() => parseTopology(text, 'topology.yaml')).toThrow(message);
  });

  test('accepts inUse and alarms, which reach the planner with the same rules', () => {
    // GIVEN a file whose AWS site lists in-use values and turns alarms off
    const text = [
      'name: estate',
      'sites:',
      '  - {id: aws, cloud: aws, cidrs: [10.1.0.0/16], alarms: false, inUse: {insideCidrs: [169.254.10.0/30], insideAddresses: [169.254.11.1], connections: 2}}',
      '  - {id: ali, cloud: alicloud, cidrs: [10.2.0.0/16]}',
      'links: [{between: [aws, ali]}]',
    ].join('\n');
    // WHEN read and planned
    const t = parseTopology(text, 'estate.yaml');
    const plan = planVpn(t, { masterSecret: TEST_SECRET });
    // THEN the values arrive as written, and the plan honours them
    expect(t.name).toBe('estate');
    expect(t.sites[0]).toMatchObject({ alarms: false, inUse: { insideCidrs: ['169.254.10.0/30'], insideAddresses: ['169.254.11.1'], connections: 2 } });
    expect(plan.gateways[0].connectionsInUse).toBe(2);
    expect(plan.tunnels.every((x) => x.ends[0].alarms === undefined)).toBe(true);
    expect(plan.tunnels.map((x) => x.insideCidr)).not.toContain('169.254.10.0/30');
    // and a value the schema lets through (a string) but the planner refuses fails with the planner's message
    const bad = parseTopology(text.replace('169.254.10.0/30', '169.254.10.2/30'), 'estate.yaml');
    expect(() => planVpn(bad, { masterSecret: TEST_SECRET })).toThrow(/sites\[0\]\.inUse\.insideCidrs\[0\]: '169\.254\.10\.2\/30' is not a valid IPv4 prefix \(host bits are set; the network address is 169\.254\.10\.0\/30\); allowed: an aligned \/30 in 169\.254\.0\.0\/16/);
  });

  test('accepts JSON as well as YAML', () => {
    const t = parseTopology(JSON.stringify({ sites: [{ id: 'a', cloud: 'aws', cidrs: ['10.0.0.0/16'] }], links: [] }), 'x.json');
    expect(t.sites[0].id).toBe('a');
  });
});

describe('ccvpn plan shows what watches each tunnel end', () => {
  // GIVEN AWS ↔ Azure in the guide's layout (two idle tunnels), AWS ↔ Alibaba with Alibaba's alarms off, AWS with 2 connections in use
  const plan = planVpn({
    name: 'estate',
    sites: [{ ...awsSite, inUse: { connections: 2 } }, azureSite, { ...aliSite, alarms: false }],
    links: [{ between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }, { between: ['aws-tokyo', 'ali-hz'] }],
  }, { masterSecret: TEST_SECRET });
  // WHEN rendered
  const text = renderPlan(plan);
  const lines = text.split('\n');
  const section = lines.slice(lines.findIndex((l) => l.startsWith('alarms: ')));
  const tunnelRow = (id: string) => lines.find((l) => l.startsWith(`${id} `))!;

  test.each<[string, string, string, RegExp]>([
    ['an active AWS end: its CloudWatch alarm by name, what it watches and its metric', 'aws-tokyo--azure-east:1', 'aws-tokyo (conn1/tunnel1)', /estate-aws-tokyo--azure-east-t1-aws-tunnel\s+tunnel or BGP session down, or no data\s+AWS\/VPN TunnelState \(cloudwatch\)$/],
    ['an end of a site with alarms: false', 'ali-hz--aws-tokyo:2', 'ali-hz (slave)', /none\s+alarms: false on ali-hz$/],
    ['an idle tunnel: none on either end', 'aws-tokyo--azure-east:3', 'both ends', /none\s+idle tunnel: nothing answers it, an alarm would never clear$/],
  ])('THEN the alarm section shows %s', (_, tunnel, end, row) => {
    const found = section.filter((l) => l.startsWith(`${tunnel} `) && l.includes(`  ${end}  `));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(row);
  });

  test('THEN the alarm section shows an active Azure end of a BGP link: its tunnel alert and its BGP peer alert', () => {
    const found = section.filter((l) => l.startsWith('aws-tokyo--azure-east:1 ') && l.includes('  azure-east (instance0)  '));
    expect(found).toHaveLength(2);
    expect(found.find((l) => l.includes('-t1-azure-tunnel'))).toMatch(/tunnel down\s+Microsoft\.Network\/virtualNetworkGateways QmsaCount \(azure-monitor\)$/);
    expect(found.find((l) => l.includes('-t1-azure-bgp'))).toMatch(/BGP peer down\s+Microsoft\.Network\/virtualNetworkGateways BgpPeerStatus \(azure-monitor\)$/);
  });

  test.each([
    ['aws-tokyo--azure-east:1', '1~2'],
    ['aws-tokyo--azure-east:3', '-~-'],
    ['ali-hz--aws-tokyo:1', '1~off'],
  ])('THEN the tunnel table counts the alarms of each end of %s: %s', (id, cell) => {
    expect(tunnelRow(id)).toMatch(new RegExp(`\\s${cell}$`));
  });

  test('THEN the gateways show their alarms (off for alarms: false) and the connections in use within their load', () => {
    expect(lines.find((l) => l.startsWith('aws-tokyo '))).toMatch(/\s6\/10 \(2 in use\)\s+6$/);
    expect(lines.find((l) => l.startsWith('ali-hz '))).toMatch(/\s2\/30\s+off$/);
    expect(lines.find((l) => l.startsWith('azure-east '))).toMatch(/\s4$/);
    expect(section[0]).toBe('alarms: 10 watch 8 of 12 active tunnel ends');
    // one row per alarm of an end (6 AWS, 2 × 2 Azure) or per end without one (4 Alibaba, alarms: false), one per idle tunnel
    expect(section.filter((l) => /^\S+:\d+ /.test(l))).toHaveLength(6 + 4 + 4 + 2);
  });

  test('THEN no key appears, in the table nor in the JSON plan, which carries the alarms', () => {
    const json = JSON.stringify(plan);
    for (const t of plan.tunnels) {
      expect(text).not.toContain(t.presharedKey.reveal());
      expect(json).not.toContain(t.presharedKey.reveal());
    }
    expect(JSON.parse(json).tunnels[0].ends[0].alarms).toEqual([{ name: 'estate-aws-tokyo--azure-east-t1-aws-tunnel', service: 'cloudwatch', metric: 'AWS/VPN TunnelState', watches: 'tunnel or BGP session down, or no data' }]);
  });

  test('ccvpn plan --json and the table name the alarms after the file\'s name, keys redacted', () => {
    // GIVEN a topology file with a name
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-'));
    const file = path.join(dir, 'estate.yaml');
    fs.writeFileSync(file, 'name: estate\nsites:\n  - {id: aws, cloud: aws, cidrs: [10.1.0.0/16]}\n  - {id: ali, cloud: alicloud, cidrs: [10.2.0.0/16], alarms: false}\nlinks: [{between: [aws, ali]}]\n');
    const saved = process.env[MASTER_SECRET_ENV];
    process.env[MASTER_SECRET_ENV] = TEST_SECRET;
    // WHEN
    const table = run('plan', file);
    const json = run('plan', file, '--json');
    // THEN
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ali--aws:1 +aws \(conn1\/tunnel1\) +estate-ali--aws-t1-aws-tunnel +tunnel (or BGP session )?down/m);
    const planned = JSON.parse(json.stdout);
    expect(planned.tunnels.map((t: { ends: { alarms?: { name: string }[] }[] }) => t.ends.map((e) => e.alarms?.map((a) => a.name) ?? null)))
      .toEqual([1, 2, 3, 4].map((n) => [[`estate-ali--aws-t${n}-aws-tunnel`], null]));
    const keys = planVpn(readTopology(file), { masterSecret: TEST_SECRET }).tunnels.map((t) => t.presharedKey.reveal());
    for (const k of keys) expect(table.stdout + json.stdout).not.toContain(k);
    if (saved === undefined) delete process.env[MASTER_SECRET_ENV]; else process.env[MASTER_SECRET_ENV] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
