/**
 * The committed Alibaba Cloud bindings (`src/alicloud/generated/<engine>/`) are exactly what each
 * engine's official generator writes from the pinned schema (`scripts/gen-alicloud.js`): one case
 * per engine of `scripts/engine-flavours.js`, regenerated into a temporary folder and compared
 * byte for byte; a difference names the first differing file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINES } = require('../../scripts/engine-flavours') as { ENGINES: Record<string, { name: string }> };

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'gen-alicloud.js');

/** Every file under `dir`, as paths relative to it, sorted. */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * The first difference between the folders `committed` and `fresh` (file order), as one line
 * naming the file (its path relative to the repository when it is inside it); `null` when they
 * hold the same files with the same bytes.
 */
function firstDifference(committed: string, fresh: string): string | null {
  const at = (f: string) => {
    const rel = path.relative(ROOT, path.join(committed, f));
    return rel.startsWith('..') ? f : rel;
  };
  const want = files(fresh);
  const have = new Set(files(committed));
  for (const f of want) {
    if (!have.has(f)) return `${at(f)}: generated but not committed`;
    const a = fs.readFileSync(path.join(committed, f));
    const b = fs.readFileSync(path.join(fresh, f));
    if (!a.equals(b)) {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      const line = a.subarray(0, i).toString('utf8').split('\n').length;
      return `${at(f)}: committed file differs from the generator output at byte ${i} (line ${line})`;
    }
    have.delete(f);
  }
  const extra = [...have][0];
  return extra === undefined ? null : `${at(extra)}: committed but not generated`;
}

function run(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe.each(Object.keys(ENGINES))('generated alicloud bindings for %s', (engine) => {
  const committed = path.join(ROOT, 'src', 'alicloud', 'generated', engine);
  let fresh: string;

  beforeAll(() => {
    // GIVEN a non-empty output folder (a stray file) and the pinned schema
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), `ccvpn-alicloud-gen-${engine}-`));
    fs.writeFileSync(path.join(fresh, 'stray.ts'), 'export {};\n');
    // WHEN the generator script runs for this engine into it
    const r = run('--engine', engine, fresh);
    if (r.status !== 0) throw new Error(`gen-alicloud.js --engine ${engine} failed (${r.status}):\n${r.stderr}`);
  });

  afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }));

  test('the committed folder is byte for byte the generator output (never hand-edited)', () => {
    // THEN there is no missing, extra or differing file (run `npm run gen:alicloud` after changing the schema)
    expect(firstDifference(committed, fresh)).toBeNull();
    expect(files(fresh)).toContain(path.join('providers', 'alicloud', 'vpn-connection', 'index.ts'));
  });

  test('the script empties its output folder first', () => {
    expect(fs.existsSync(path.join(fresh, 'stray.ts'))).toBe(false);
  });

  test("the bindings are this engine's and pin the provider release of the schema", () => {
    const gateway = fs.readFileSync(path.join(committed, 'providers', 'alicloud', 'vpn-gateway', 'index.ts'), 'utf8');
    expect(gateway).toContain(`import * as ${engine} from '${engine}';`);
    expect(gateway).toContain("providerVersion: '1.289.0'");
    expect(gateway).toContain("terraformResourceType: 'alicloud_vpn_gateway'");
    const other = Object.keys(ENGINES).filter((e) => e !== engine);
    for (const o of other) expect(gateway).not.toMatch(new RegExp(`from '${o}'`));
  });
});

describe('firstDifference', () => {
  // GIVEN a scratch copy of the committed cdktf bindings
  let scratch: string;
  const committed = path.join(ROOT, 'src', 'alicloud', 'generated', 'cdktf');
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-alicloud-diff-'));
    fs.cpSync(committed, scratch, { recursive: true });
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const vpc = path.join('providers', 'alicloud', 'vpc', 'index.ts');
  test.each([
    ['one byte changed', (d: string) => {
      const f = path.join(d, vpc);
      const b = fs.readFileSync(f);
      b[100] ^= 1;
      fs.writeFileSync(f, b);
    }, `${vpc}: committed file differs from the generator output at byte 100 (line`],
    ['a file missing', (d: string) => fs.rmSync(path.join(d, vpc)), `${vpc}: generated but not committed`],
    ['a file added', (d: string) => fs.writeFileSync(path.join(d, 'extra.ts'), ''), 'extra.ts: committed but not generated'],
  ])('names the file when %s', (_what, change, message) => {
    expect(firstDifference(scratch, committed)).toBeNull();
    // WHEN the copy (standing for the committed folder) has one change, THEN that file is named
    change(scratch);
    expect(firstDifference(scratch, committed)).toContain(message);
  });
});

describe('gen-alicloud.js arguments', () => {
  test.each([
    [['--engine', 'cdkx'], 'engine "cdkx" is not known; allowed: cdktf, cdktn'],
    [['somewhere'], 'an output folder needs --engine'],
    [['--bogus'], 'unknown option "--bogus"'],
  ])('%j fails with one clear error', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
