import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { verifyCommand } from '../../src/verify/cli';

const FIXTURE = path.join(__dirname, 'fixtures', 'aws-azure');

const capture = async (argv: string[]) => {
  let out = '';
  let err = '';
  const code = await verifyCommand(argv, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
};

describe('ccvpn verify', () => {
  test('--dry-run reads, models and pairs without the lab: the table, idle halves, key fingerprints only', async () => {
    const r = await capture([FIXTURE, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/t1 +Aws Conn tunnel1 ⇄ azure-gw conn1 instance0/);
    expect(r.out).toMatch(/idle:\n.*not run \(model only\)/);
    expect(r.out).toMatch(/fp:[0-9a-f]{12} ~ fp:[0-9a-f]{12}/);
    expect(r.out).not.toContain('fixtureKeyNotSecret');
  });

  test('--json prints the report as JSON, keys as fingerprints', async () => {
    const r = await capture([FIXTURE, '--dry-run', '--json']);
    const report = JSON.parse(r.out);
    expect(report.tunnels).toHaveLength(4);
    expect(report.tunnels[0].keyFingerprints[0]).toMatch(/^fp:[0-9a-f]{12}$/);
    expect(r.out).not.toContain('fixtureKeyNotSecret');
  });

  test('fails when --timer-scale is out of range', async () => {
    const r = await capture([FIXTURE, '--timer-scale', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--timer-scale takes a number from 1 to 100, got '0'/);
  });

  test('fails when a folder does not exist', async () => {
    const r = await capture([path.join(FIXTURE, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope does not exist/);
  });

  test('fails when an option is unknown', async () => {
    const r = await capture(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: ccvpn verify/);
  });

  test('is the `ccvpn verify` command of the CLI (help lists it; it dispatches)', async () => {
    let out = '';
    expect(main(['--help'], (s) => { out += s; })).toBe(0);
    expect(out).toMatch(/ccvpn verify \[folder \.\.\.\]/);
    out = '';
    const code = await main(['verify', FIXTURE, '--dry-run', '--json'], (s) => { out += s; });
    expect(code).toBe(0);
    expect(JSON.parse(out).tunnels).toHaveLength(4);
  });
});
