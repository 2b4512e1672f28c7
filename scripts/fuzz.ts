/**
 * Long fuzz run: `node -r @swc-node/register scripts/fuzz.ts --cases 10000 [--seed N]`.
 *
 * Runs the cases of `test/fuzz/cases.ts` (60 % topologies and plan options, 25 % construct
 * props, 15 % CLI input files) and prints the cases run, the failures (with the first few
 * inputs' summaries) and the time. Exit code 1 when any case failed.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { FuzzFailure, checkCli, checkConstruct, checkPlan, cliCaseArb, constructCaseArb, planCaseArb, scratchDir } from '../test/fuzz/cases';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const total = Number(values.cases);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: scripts/fuzz.ts [--cases N] [--seed N]\n');
  process.exit(2);
}

const kinds = [
  { name: 'plan', share: 0.6, arb: planCaseArb as fc.Arbitrary<unknown>, run: (c: unknown) => checkPlan(c as never) },
  { name: 'construct', share: 0.25, arb: constructCaseArb as fc.Arbitrary<unknown>, run: (c: unknown) => checkConstruct(c as never) },
  { name: 'cli', share: 0.15, arb: cliCaseArb as fc.Arbitrary<unknown>, run: (c: unknown) => checkCli(c as never, dir) },
];
const dir = scratchDir();
const started = Date.now();
const failures: { kind: string; index: number; why: string }[] = [];
const counts: Record<string, { ok: number; refused: number; slowestMs: number }> = {};
let run = 0;
try {
  kinds.forEach((kind, k) => {
    const n = k === kinds.length - 1 ? total - run : Math.round(total * kind.share);
    counts[kind.name] = { ok: 0, refused: 0, slowestMs: 0 };
    // Generated in batches, so memory stays flat on long runs.
    for (let done = 0; done < n;) {
      const batch = fc.sample(kind.arb, { seed: seed + k * 1_000_003 + done, numRuns: Math.min(500, n - done) });
      for (const c of batch) {
        const t = Date.now();
        try {
          counts[kind.name][kind.run(c)]++;
        } catch (e) {
          failures.push({ kind: kind.name, index: done, why: e instanceof FuzzFailure ? e.message : `harness: ${(e as Error).message}` });
        }
        counts[kind.name].slowestMs = Math.max(counts[kind.name].slowestMs, Date.now() - t);
        done++;
        run++;
      }
      process.stderr.write(`\r${run}/${total} cases, ${failures.length} failures`);
    }
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.stderr.write('\n');
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`seed ${seed}: ${run} cases in ${seconds} s, ${failures.length} failures\n`);
for (const [name, c] of Object.entries(counts)) process.stdout.write(`  ${name}: ${c.ok} valid, ${c.refused} refused with the library's error, slowest ${c.slowestMs} ms\n`);
for (const f of failures.slice(0, 10)) process.stdout.write(`  FAIL ${f.kind} #${f.index}: ${f.why}\n`);
process.exitCode = failures.length ? 1 : 0;
