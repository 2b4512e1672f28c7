/**
 * The lab's commands (`src/verify/exec.ts`): `run` starts them from the command runner, a small
 * node process (a fork costs in proportion to the forking process's memory), with the same
 * results as starting them here; `killRunningSync` kills them wherever they run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Exec from '../../src/verify/exec';
import { Serial } from '../../src/verify/exec';

/** A fresh copy of the module: its own runner (or none), as a new process has. */
function freshExec(): typeof Exec {
  let m: typeof Exec | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module instance of its own per test
    m = require('../../src/verify/exec');
  });
  return m!;
}

const savedRunner = process.env.CCVPN_LAB_RUNNER;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-exec-'));
  process.env.CCVPN_EXEC_TEST_SECRET = 'not-for-commands';
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.CCVPN_EXEC_TEST_SECRET;
  if (savedRunner === undefined) delete process.env.CCVPN_LAB_RUNNER;
  else process.env.CCVPN_LAB_RUNNER = savedRunner;
});

/** The same calls, their results without the time they took. */
async function calls(exec: typeof Exec) {
  const results = [
    await exec.run('sh', ['-c', 'echo out; echo err >&2; exit 3']),
    await exec.run('sleep', ['5'], { timeoutMs: 200 }),
    await exec.run('no-such-command-ccvpn', []),
    await exec.run('cat', [], { input: 'typed in\n' }),
    await exec.run('sh', ['-c', 'echo "${CCVPN_EXEC_TEST_SECRET-unset} $LC_ALL $EXTRA"'], { env: { EXTRA: 'given' } }),
  ];
  return results.map(({ ms, ...r }) => {
    expect(ms).toBeGreaterThanOrEqual(0);
    return r;
  });
}

describe('run', () => {
  test('gives the same results from the runner as from this process: exit code, output, deadline, a missing command, stdin, the minimal environment', async () => {
    process.env.CCVPN_LAB_RUNNER = 'off';
    const here = await calls(freshExec());
    delete process.env.CCVPN_LAB_RUNNER;
    const viaRunner = await calls(freshExec());
    expect(viaRunner).toEqual(here);
    expect(here).toEqual([
      { code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false },
      { code: null, stdout: '', stderr: '', timedOut: true },
      { code: null, stdout: '', stderr: expect.stringMatching(/^ENOENT: spawn no-such-command-ccvpn ENOENT/), timedOut: false },
      { code: 0, stdout: 'typed in\n', stderr: '', timedOut: false },
      // nothing of the caller's environment (it may hold the master secret) but PATH
      { code: 0, stdout: 'unset C given\n', stderr: '', timedOut: false },
    ]);
  });

  test('starts the commands from one runner process, not from this one (unless CCVPN_LAB_RUNNER=off)', async () => {
    const exec = freshExec();
    const parents = new Set<string>();
    for (let i = 0; i < 5; i++) parents.add((await exec.run('sh', ['-c', 'echo $PPID'])).stdout.trim());
    expect(parents.size).toBe(1);
    const runnerPid = Number([...parents][0]);
    expect(runnerPid).not.toBe(process.pid);
    // the runner is our child, with the lab's environment only
    expect(fs.readFileSync(`/proc/${runnerPid}/stat`, 'utf8').split(') ')[1].split(' ')[1]).toBe(String(process.pid));
    expect(fs.readFileSync(`/proc/${runnerPid}/environ`, 'utf8')).not.toContain('CCVPN_EXEC_TEST_SECRET');
    process.env.CCVPN_LAB_RUNNER = 'off';
    expect((await exec.run('sh', ['-c', 'echo $PPID'])).stdout.trim()).toBe(String(process.pid));
  });

  test('killRunningSync kills a command in flight and the runner; later commands start from this process', async () => {
    const exec = freshExec();
    const pidFile = path.join(dir, 'pid');
    const pending = exec.run('sh', ['-c', `echo $$ > '${pidFile}'; exec sleep 30`], { timeoutMs: 60_000 });
    const runnerPid = await (async () => {
      for (let i = 0; i < 500 && !(fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').endsWith('\n')); i++) await exec.sleep(10);
      return Number(fs.readFileSync(`/proc/${fs.readFileSync(pidFile, 'utf8').trim()}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    })();
    const commandPid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(exec.isRunning(commandPid)).toBe(true);
    exec.killRunningSync();
    expect(exec.isRunning(commandPid)).toBe(false);
    expect(exec.isRunning(runnerPid)).toBe(false);
    expect(await pending).toMatchObject({ code: null, timedOut: false });
    expect((await exec.run('sh', ['-c', 'echo $PPID'])).stdout.trim()).toBe(String(process.pid));
  });

  test('an idle runner is let go by this process (it offers, it does not exit on its own), and the next command gets a new one', async () => {
    const exec = freshExec();
    const first = Number((await exec.run('sh', ['-c', 'echo $PPID'])).stdout.trim());
    expect(exec.isRunning(first)).toBe(true);
    // WHEN it has had no work for RUNNER_IDLE_MS
    await exec.sleep(exec.RUNNER_IDLE_MS + 1000);
    // THEN it is gone, and commands still run, from a new runner (not from this process)
    expect(exec.isRunning(first)).toBe(false);
    const second = Number((await exec.run('sh', ['-c', 'echo $PPID'])).stdout.trim());
    expect(second).not.toBe(first);
    expect(second).not.toBe(process.pid);
  }, 30_000);

  test('the runner does not outlive its process, nor keep it alive', () => {
    // GIVEN a process that runs one command and then has nothing left to do
    const script = path.join(dir, 'one.ts');
    fs.writeFileSync(script, `import { run } from ${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'verify', 'exec'))};\nrun('sh', ['-c', 'echo $PPID']).then((r) => console.log(r.stdout.trim()));\n`);
    // WHEN it runs (it would hang on a runner that kept it alive)
    const { execFileSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const runnerPid = Number(execFileSync(process.execPath, ['-r', '@swc-node/register', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', timeout: 30_000 }).trim());
    // THEN it exited, and its runner with it
    expect(runnerPid).toBeGreaterThan(0);
    const exec = freshExec();
    const end = Date.now() + 5000;
    while (exec.isRunning(runnerPid) && Date.now() < end) exec.sleepSync(20);
    expect(exec.isRunning(runnerPid)).toBe(false);
  });
});

describe('groupAlive', () => {
  test('is true while any process of the group lives (the leader or a child it forked), false once all are dead', async () => {
    // GIVEN a process group of a shell and the sleep it forked (its pid read back, so the sleep
    // surely exists before the leader is killed: under load the shell may not have forked yet)
    const { spawn } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const leader = spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const exec = freshExec();
    try {
      const sleepPid = await new Promise<number>((resolve, reject) => {
        let out = '';
        leader.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(Number(out.trim()));
        });
        leader.on('exit', () => reject(new Error(`the shell exited before printing its child's pid (${JSON.stringify(out)})`)));
      });
      const end = Date.now() + 5000;
      expect(exec.isRunning(sleepPid)).toBe(true);
      expect(exec.groupAlive(leader.pid!)).toBe(true);
      // WHEN the leader alone dies, THEN its child keeps the group alive
      process.kill(leader.pid!, 'SIGKILL');
      while (exec.isRunning(leader.pid!) && Date.now() < end) exec.sleepSync(10);
      expect(exec.groupAlive(leader.pid!)).toBe(true);
    } finally {
      process.kill(-leader.pid!, 'SIGKILL');
    }
    // WHEN the whole group is killed, THEN none is left
    const end = Date.now() + 5000;
    while (exec.groupAlive(leader.pid!) && Date.now() < end) exec.sleepSync(10);
    expect(exec.groupAlive(leader.pid!)).toBe(false);
  });
});

describe('Serial', () => {
  test('runs overlapping tasks one at a time in the order given, and a rejected one does not stop the next', async () => {
    // (the lab writes its routers' static routes through one: two overlapping writes raced, and the older state could land last)
    const serial = new Serial();
    const log: string[] = [];
    const task = (name: string, ms: number, fails = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fails) throw new Error(`${name} failed`);
      return name;
    };
    const a = serial.run(task('a', 60));
    const b = serial.run(task('b', 0, true));
    const c = serial.run(task('c', 10));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
