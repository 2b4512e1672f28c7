// The order jest starts test files in. Two rules, for a suite that is CPU-bound on 2 cores:
//
// 1. The lab files that mostly wait (on BGP hold timers, rekeys, idle timeouts: CPU well under
//    their wall time) start first, in the order below, while `npm test`'s static checks (two
//    processes, ~45 CPU-s) keep both cores busy. Started later, they met each other: with two of
//    jest's three workers waiting and the checks done, a core stood idle (20-40 % of the machine
//    for ~30 s of a run, sampled with vmstat).
// 2. The rest longest first: jest's cached durations when it has them, else the typical wall time
//    below (measured with scripts/test-times.js, 3 workers, December 2026), or that of a small
//    file; a failure in the last run still comes first of all.
//
// (File size, jest's own order without a cache, as on a fresh clone in CI, says little here.)
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');

/**
 * The lab files that mostly wait, relative to test/, in the order they start (rule 1), with their
 * CPU and wall seconds in a whole run: the command runner's idle timeout, the BGP failover (hold
 * timers ÷10), the e2e labs, the change labs, the harness's robustness cases. The runner's file
 * first: almost all wait, it once started when the change labs ended and met the e2e file's
 * failover wait, with only one of the three workers busy (42 % of the machine idle for 10 s).
 */
const WAITING_FIRST = [
  'verify/exec.test.ts', // 2 CPU-s in 13 s
  'verify/failover-lab.test.ts', // 5-12 in 30-43
  'verify/e2e.test.ts', // 23-25 in 47-79
  'verify/change-e2e.test.ts', // 27-31 in 24-57
  'verify/lab-robust.test.ts', // 9-14 in 14-27
];

/** Typical wall seconds of the other slow files, relative to test/. */
const TYPICAL_SECONDS = new Map([
  ['examples/examples.test.ts', 42],
  ['verify/clouds/azure-versions.test.ts', 29],
  ['change/replacement.test.ts', 22],
  ['verify/routing-lab.test.ts', 19],
  ['cli/deploy.test.ts', 17],
  ['aws/example-aws-only.test.ts', 13],
  ['change/stability.test.ts', 13],
  ['cli/staged-deploy.test.ts', 10],
]);
/** Any other file (most take 1-5 s). */
const SMALL_FILE_SECONDS = 2;

class TypicalTimeSequencer extends Sequencer {
  sort(tests) {
    const rel = (test) => path.relative(path.join(test.context.config.rootDir, 'test'), test.path).split(path.sep).join('/');
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      return TYPICAL_SECONDS.get(rel(test)) ?? SMALL_FILE_SECONDS;
    };
    for (const t of tests) t.duration = this.time(t); // as jest's own sort leaves them
    const key = new Map(tests.map((t) => {
      const waiting = WAITING_FIRST.indexOf(rel(t));
      return [t, { failed: this.hasFailed(t), waiting: waiting < 0 ? WAITING_FIRST.length : waiting, seconds: seconds(t) }];
    }));
    return [...tests].sort((a, b) => {
      const ka = key.get(a);
      const kb = key.get(b);
      if (ka.failed !== kb.failed) return ka.failed ? -1 : 1;
      if (ka.waiting !== kb.waiting) return ka.waiting - kb.waiting;
      return kb.seconds - ka.seconds;
    });
  }
}

module.exports = TypicalTimeSequencer;
module.exports.TYPICAL_SECONDS = TYPICAL_SECONDS;
module.exports.WAITING_FIRST = WAITING_FIRST;
