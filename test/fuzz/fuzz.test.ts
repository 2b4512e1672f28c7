/**
 * A fixed-seed sample of the fuzzer (`./cases.ts`): random and adversarial topologies, construct
 * props and CLI input files give a valid result or the library's own error with a bounded
 * message and well-formed issues, never another exception, never a hang. `scripts/fuzz.ts` runs
 * the same cases at length.
 */
import * as fs from 'node:fs';
import * as fc from 'fast-check';
import { PlanError, ValidationError } from '../../src';
import { checkCli, checkConstruct, checkPlan, clean, cliCaseArb, constructCaseArb, planCaseArb, scratchDir } from './cases';

const SEED = 20261201;

describe('fuzz (fixed seed)', () => {
  test('topologies and plan options: a plan or a PlanError', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(fc.property(planCaseArb, (c) => { seen[checkPlan(c)]++; }), { seed: SEED, numRuns: 400 });
    // Both outcomes occur: the generator reaches valid plans and every kind of refusal.
    expect(seen.ok).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });

  test('construct props: a construct or a ValidationError', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(fc.property(constructCaseArb, (c) => { seen[checkConstruct(c)]++; }), { seed: SEED, numRuns: 150 });
    expect(seen.refused).toBeGreaterThan(50);
  });

  test('CLI input files: exit 0, or exit 1 with a message; never a throw', () => {
    const dir = scratchDir();
    try {
      const seen = { ok: 0, refused: 0 };
      fc.assert(fc.property(cliCaseArb, (c) => { seen[checkCli(c, dir)]++; }), { seed: SEED, numRuns: 100 });
      expect(seen.refused).toBeGreaterThan(20);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the oracle refuses an error whose issues lack a path or a stable code', () => {
    const refusing = (e: unknown) => () => clean(() => { throw e; });
    expect(refusing(new PlanError([{ path: 'sites[0].asn', code: 'asn-reserved', message: 'reserved' }]))).not.toThrow();
    expect(refusing(new PlanError([]))).toThrow(/has no issues/);
    expect(refusing(new PlanError([{ path: '', code: 'asn-reserved', message: 'reserved' }]))).toThrow(/without a path/);
    expect(refusing(new ValidationError('S/G', 'Not Kebab', 'x'))).toThrow(/kebab-case code/);
    expect(refusing(new ValidationError('S/G', '', 'x'))).toThrow(/kebab-case code/);
    expect(refusing(new TypeError('x'))).toThrow(/threw TypeError/);
  });
});
