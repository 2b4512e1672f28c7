/**
 * Running the lab's commands: every call is an `execFile` (no shell, no interpolated strings)
 * with a deadline, so a hung `swanctl` or `birdc` can never block a run. Commands and daemons
 * get a minimal environment (`PATH`, `LC_ALL=C` and what the call names), never the caller's:
 * the caller's may hold the master secret the keys are derived from. Commands still running are
 * known, so a signal handler can kill them before it removes the namespaces they may be creating.
 * @internal
 */
import { execFile, spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the lab's tools are looked up when the caller has no `PATH`. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The whole environment of a lab command or daemon: the caller's `PATH` (where it found the
 * tools), `LC_ALL=C` (output parsed in one language) and `extra`. Nothing else of the caller's.
 */
export function labEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { PATH: process.env.PATH || DEFAULT_PATH, LC_ALL: 'C', ...extra };
}

/** Commands started by `run` that have not exited yet. */
const running = new Set<ChildProcess>();

/**
 * SIGKILLs every command `run` started that is still running and waits (synchronously, up to
 * `waitMs`) until each is dead, so nothing they do lands after the caller's cleanup.
 */
export function killRunningSync(waitMs = 2000): void {
  const pids = [...running].map((c) => c.pid).filter((p): p is number => p !== undefined);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const end = Date.now() + waitMs;
  while (pids.some(isRunning) && Date.now() < end) sleepSync(10);
}

/** Whether `pid` is a live process (not gone, not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * State and start time of a process from `/proc/<pid>/stat` (start time in clock ticks since
 * boot: with the pid, it names one process for the machine's uptime; proc(5) fields 3 and 22).
 */
export function procStat(pid: number): { state: string; startTime: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return rest.length > 19 ? { state: rest[0], startTime: rest[19] } : undefined;
}

/** Blocks the thread for `ms` (signal and exit handlers cannot await). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Result of one command. `code` is `null` when it was killed (deadline). */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Options of `run`. */
export interface RunOptions {
  /** Deadline in milliseconds; the process gets SIGKILL after it. */
  readonly timeoutMs?: number;
  /** Environment variables besides `PATH` and `LC_ALL` (the caller's are not passed on). */
  readonly env?: Readonly<Record<string, string>>;
  /** Text written to stdin. */
  readonly input?: string;
}

/** Runs one command and resolves with its result (never rejects on a non-zero exit). */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(file, [...args], {
      timeout: options.timeoutMs ?? 10_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
      env: labEnv(options.env),
      encoding: 'utf8',
    }, (error, stdout, stderr) => {
      running.delete(child);
      const e = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string; signal?: string }) | null;
      const timedOut = !!e && e.killed === true && e.signal === 'SIGKILL';
      let code: number | null = 0;
      if (e) code = typeof e.code === 'number' ? e.code : null;
      resolve({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') + (e && typeof e.code === 'string' ? `${e.code}: ${e.message}` : ''), timedOut, ms: Date.now() - started });
    });
    running.add(child);
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a command and throws with its output when it fails. */
export async function mustRun(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const r = await run(file, args, options);
  if (r.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed (${r.timedOut ? 'timed out' : `exit ${r.code}`}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  }
  return r;
}

/** A daemon the lab started, owned by pid. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

/**
 * Starts a long-running process with its output appended to a log file (created 0600). Every
 * layer of the command `exec`s (`ip netns exec`, `sh -c '... && exec daemon'`), so the pid is the
 * daemon's. Its environment is `labEnv(env)`: nothing of the caller's but `PATH`; it runs in the
 * directory of its log file.
 */
export function startDaemon(name: string, file: string, args: readonly string[], logFile: string, env?: Readonly<Record<string, string>>): Daemon {
  const fd = fs.openSync(logFile, 'a', 0o600);
  const child = spawn(file, [...args], { stdio: ['ignore', fd, fd], env: labEnv(env), cwd: path.dirname(logFile), detached: false });
  fs.closeSync(fd);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => { done = true; resolve({ code, signal }); });
    child.once('error', () => { done = true; resolve({ code: null, signal: null }); });
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${file})`);
  return { name, pid: child.pid, child, exited, hasExited: () => done };
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it returns a value other than `undefined`, or the deadline passes. */
export async function poll<T>(probe: () => Promise<T | undefined>, deadlineMs: number, everyMs = 50): Promise<T | undefined> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() >= end) return undefined;
    await sleep(everyMs);
  }
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
