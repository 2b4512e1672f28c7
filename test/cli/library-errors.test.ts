/**
 * The CLI prints the library's own error, of either kind (the planner's `PlanError`, a
 * construct's `ValidationError`), as one clear message: every problem on its line, exit code 1,
 * never a stack trace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, runMain } from '../../src/cli/main';
import { PlanError, ValidationError } from '../../src';
import { MASTER_SECRET_ENV } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';

const STACK_FRAME = /\n\s+at /;

describe('ccvpn plan on a topology the planner refuses', () => {
  let dir: string;
  const saved = process.env[MASTER_SECRET_ENV];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-errors-'));
    process.env[MASTER_SECRET_ENV] = TEST_SECRET;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[MASTER_SECRET_ENV];
    else process.env[MASTER_SECRET_ENV] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('prints the file, then every problem with its path, and exits 1', () => {
    const file = path.join(dir, 'topology.json');
    fs.writeFileSync(file, JSON.stringify({
      sites: [{ id: 'aws', cloud: 'aws', gateway: 'vpn-gateway', cidrs: ['10.1.0.0/16'], asn: 23456 }, { id: 'az', cloud: 'azure', gateway: 'active-active', cidrs: ['10.2.0.0/16'] }],
      links: [{ between: ['aws', 'aws'] }],
    }));
    let stdout = '';
    let stderr = '';
    const code = main(['plan', file], (s) => { stdout += s; }, (s) => { stderr += s; });
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(new RegExp(`^ccvpn plan ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the topology has 2 problems:\n {2}- sites\\[0\\]\\.asn: .*\n {2}- links\\[0\\]\\.between: .*\n$`));
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

describe('an error of the library that escapes a command', () => {
  test.each([
    ['a PlanError', new PlanError([
      { path: 'sites[0].asn', code: 'asn-reserved', message: '23456 is reserved (AS_TRANS)' },
      { path: 'links[0].between', code: 'link-to-itself', message: "links 'aws' to itself" },
    ]), ['ccvpn plan: the topology has 2 problems:', '  - sites[0].asn: 23456 is reserved (AS_TRANS)', "  - links[0].between: links 'aws' to itself"]],
    ['a ValidationError', new ValidationError('Stack/Gw', [
      { path: 'bandwidthMbps', code: 'bandwidth-invalid', message: '7 Mbit/s is not a bandwidth' },
      { path: 'cidrs[0]', code: 'cidr-invalid', message: "'10.0.0.1/33' is not a valid IPv4 prefix" },
    ]), ['ccvpn plan: [Stack/Gw] 2 problems:', '  - bandwidthMbps: 7 Mbit/s is not a bandwidth', "  - cidrs[0]: '10.0.0.1/33' is not a valid IPv4 prefix"]],
  ])('%s is printed whole (every problem, no stack trace), exit code 1', async (_, error, lines) => {
    let stderr = '';
    const code = await runMain(['plan', 'x.yaml'], (s) => { stderr += s; }, () => { throw error; });
    expect(code).toBe(1);
    expect(stderr).toBe(`${lines.join('\n')}\n`);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  test('the same for an error of a second copy of the package (recognised by its brand)', async () => {
    let other!: typeof import('../../src/common/errors');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time, inside the isolated registry: a second copy
      other = require('../../src/common/errors') as typeof import('../../src/common/errors');
    });
    let stderr = '';
    const code = await runMain(['plan', 'x.yaml'], (s) => { stderr += s; }, () => Promise.reject(new other.ValidationError('Stack/Gw', [
      { path: 'a', code: 'prop-invalid', message: 'got 1' }, { path: 'b', code: 'prop-missing', message: 'is missing' },
    ])));
    expect(code).toBe(1);
    expect(stderr).toBe('ccvpn plan: [Stack/Gw] 2 problems:\n  - a: got 1\n  - b: is missing\n');
  });
});
