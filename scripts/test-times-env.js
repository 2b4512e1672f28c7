// The jest test environment `scripts/test-times.js` installs (jest.config.js, when
// CCVPN_TEST_TIMES names a file): test/lib/environment.js, plus one JSON line per test file appended to that file
// with the file's wall time and the CPU time its worker process spent on it, its own and its
// reaped children's (compilers, CLIs, the lab's launchers and every daemon they reap), from
// /proc/self/stat (utime, stime, cutime, cstime; proc(5)). A worker runs one file at a time, so
// the difference between setup and teardown is that file's: transform, imports, tests, hooks.
const fs = require('node:fs');
const Environment = require('../test/lib/environment');

/** [self, children] CPU seconds of this process so far. */
function cpu() {
  // The fields after the command name `(…)`, which may itself hold spaces or parentheses.
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const tick = 100; // sysconf(_SC_CLK_TCK) is 100 on Linux (USER_HZ)
  // Fields 14-17 (utime stime cutime cstime) are at 11-14 after the state field (3).
  return [(f[11] + f[12]) / tick, (f[13] + f[14]) / tick];
}

class TimedEnvironment extends Environment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.project = config.projectConfig.displayName?.name ?? '';
  }

  async setup() {
    this.started = { wall: performance.now(), cpu: cpu() };
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    const [self, children] = cpu();
    const line = {
      project: this.project,
      file: require('node:path').relative(process.cwd(), this.testPath),
      wall: (performance.now() - this.started.wall) / 1000,
      self: self - this.started.cpu[0],
      children: children - this.started.cpu[1],
      pid: process.pid,
    };
    fs.appendFileSync(process.env.CCVPN_TEST_TIMES, `${JSON.stringify(line)}\n`);
  }
}

module.exports = TimedEnvironment;
