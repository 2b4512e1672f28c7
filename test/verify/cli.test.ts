import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { readVerifyJson, verifyCommand } from '../../src/verify/cli';

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

  test('--json streams newline-delimited records: one per tunnel, then the summary (the whole report); keys as fingerprints', async () => {
    // GIVEN the fixture's four tunnels WHEN verify --json runs THEN every line is one JSON record
    const r = await capture([FIXTURE, '--dry-run', '--json']);
    const lines = r.out.trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type: string; deployment: number; id?: string; tunnels?: unknown[] });
    expect(records.map((x) => x.type)).toEqual(['tunnel', 'tunnel', 'tunnel', 'tunnel', 'summary']);
    expect(records.every((x) => x.deployment === 0)).toBe(true);
    // the summary is the report, tunnels in numbered order; the stream holds the same results
    const { tunnels, summaries } = readVerifyJson(r.out);
    expect(summaries).toHaveLength(1);
    const report = summaries[0];
    expect(report.tunnels).toHaveLength(4);
    expect(report.tunnels.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
    expect([...tunnels].sort((a, b) => a.id.localeCompare(b.id)).map(({ type: _t, deployment: _d, ...t }: typeof tunnels[number] & { type?: string }) => t)).toEqual(report.tunnels);
    expect(report.tunnels[0].keyFingerprints[0]).toMatch(/^fp:[0-9a-f]{12}$/);
    expect(r.out).not.toContain('fixtureKeyNotSecret');
    expect(() => readVerifyJson(`${r.out}{"type":"other"}\n`)).toThrow(/line 6 is not a tunnel or summary record/);
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
    expect(readVerifyJson(out).summaries[0].tunnels).toHaveLength(4);
  });
});
