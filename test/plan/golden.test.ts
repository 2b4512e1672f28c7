/**
 * The planner reproduces its golden plans byte for byte (see `golden/cases.ts`).
 *
 * `GOLDEN_UPDATE=1 npx jest test/plan/golden.test.ts` rewrites `golden/plans.sha256.json` after a
 * change that is meant to alter plans; `GOLDEN_DUMP=<dir>` writes every serialised case there, to
 * diff two runs (the dump holds key hashes, never keys: keep it out of the repository anyway).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { digests, goldenCases } from './golden/cases';

const FILE = path.join(__dirname, 'golden', 'plans.sha256.json');
const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
afterAll(() => quiet.mockRestore());

test('every golden case plans exactly as recorded', () => {
  const cases = goldenCases();
  const dump = process.env.GOLDEN_DUMP;
  if (dump) {
    fs.mkdirSync(dump, { recursive: true });
    for (const [name, json] of cases) fs.writeFileSync(path.join(dump, `${name.replace(/[/.]/g, '_')}.json`), json);
  }
  const actual = digests(cases);
  if (process.env.GOLDEN_UPDATE) fs.writeFileSync(FILE, `${JSON.stringify(actual, null, 1)}\n`);
  const recorded = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, string>;
  // THEN the same cases, each with the same digest
  expect(Object.keys(actual).sort()).toEqual(Object.keys(recorded).sort());
  const changed = Object.keys(actual).filter((k) => actual[k] !== recorded[k]);
  expect(changed).toEqual([]);
  // and the cases reach both outcomes: plans and errors
  const errors = [...cases.values()].filter((j) => j.startsWith('{\n "error"')).length;
  expect(errors).toBeGreaterThan(30);
  expect(cases.size - errors).toBeGreaterThan(150);
});
