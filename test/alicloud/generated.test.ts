import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const COMMITTED = path.join(ROOT, 'src', 'alicloud', 'generated', 'cdktf');

/** Every file under `dir`, as paths relative to it, sorted. */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('generated alicloud bindings', () => {
  let fresh: string;

  beforeAll(() => {
    // GIVEN the pinned schema, WHEN the generator script runs into a temporary folder
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-alicloud-gen-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-alicloud.js'), fresh], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gen-alicloud.js failed (${r.status}):\n${r.stderr}`);
  });

  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  test('the committed folder holds exactly the files the generator writes', () => {
    // THEN no file is missing or extra (run `npm run gen:alicloud` after changing the schema)
    expect(files(COMMITTED)).toEqual(files(fresh));
    expect(files(fresh)).toContain(path.join('providers', 'alicloud', 'vpn-connection', 'index.ts'));
  });

  test('every committed file is byte-for-byte the generator output (never hand-edited)', () => {
    const differing = files(fresh).filter((f) => {
      const committed = path.join(COMMITTED, f);
      return !fs.existsSync(committed) || !fs.readFileSync(committed).equals(fs.readFileSync(path.join(fresh, f)));
    });
    expect(differing).toEqual([]);
  });

  test('the script empties its output folder first', () => {
    // GIVEN a stray file in the output folder, WHEN it runs again, THEN the file is gone
    const stray = path.join(fresh, 'stray.ts');
    fs.writeFileSync(stray, 'export {};\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-alicloud.js'), fresh], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.existsSync(stray)).toBe(false);
  });

  test('the bindings pin the provider release of the schema', () => {
    const gateway = fs.readFileSync(path.join(COMMITTED, 'providers', 'alicloud', 'vpn-gateway', 'index.ts'), 'utf8');
    expect(gateway).toContain("providerVersion: '1.289.0'");
    expect(gateway).toContain("terraformResourceType: 'alicloud_vpn_gateway'");
  });
});
