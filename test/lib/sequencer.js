// The order jest starts test files in. Jest runs the longest files first when its cache holds
// their last durations, and the largest files first when it holds none, as on a fresh clone in
// CI. File size says little here: the lab files wait on daemons for a minute or two, so one that
// starts last ends the run that long after the rest. Files without a cached duration get the
// typical wall time below (measured with scripts/test-times.js, 3 workers, December 2026), or
// that of a small file; a cached duration, and a failure in the last run, still come first.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');

/** Typical wall seconds of the slow files, relative to test/. */
const TYPICAL_SECONDS = new Map([
  ['verify/change-e2e.test.ts', 113],
  ['verify/e2e.test.ts', 63],
  ['examples/examples.test.ts', 42],
  ['verify/failover-lab.test.ts', 32],
  ['verify/clouds/azure-versions.test.ts', 29],
  ['verify/lab-robust.test.ts', 27],
  ['change/replacement.test.ts', 22],
  ['api-docs.test.ts', 19],
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
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      const rel = path.relative(path.join(test.context.config.rootDir, 'test'), test.path).split(path.sep).join('/');
      return TYPICAL_SECONDS.get(rel) ?? SMALL_FILE_SECONDS;
    };
    for (const t of tests) t.duration = this.time(t); // as jest's own sort leaves them
    const key = new Map(tests.map((t) => [t, { failed: this.hasFailed(t), seconds: seconds(t) }]));
    return [...tests].sort((a, b) => {
      const ka = key.get(a);
      const kb = key.get(b);
      if (ka.failed !== kb.failed) return ka.failed ? -1 : 1;
      return kb.seconds - ka.seconds;
    });
  }
}

module.exports = TypicalTimeSequencer;
module.exports.TYPICAL_SECONDS = TYPICAL_SECONDS;
