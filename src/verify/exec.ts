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

/** Commands started by `run` from this process that have not exited yet. */
const running = new Set<ChildProcess>();
/** Pids of commands the runner started for `run` that have not exited yet. */
const runnerPids = new Set<number>();

/**
 * SIGKILLs every command `run` started that is still running, and the command runner with them
 * (its process group: commands whose pid has not reached this process yet too), and waits
 * (synchronously, up to `waitMs`) until each is dead, so nothing they do lands after the
 * caller's cleanup.
 */
export function killRunningSync(waitMs = 2000): void {
  const pids = [...[...running].map((c) => c.pid), ...runnerPids].filter((p): p is number => p !== undefined);
  const runnerPid = runner?.child.pid;
  if (runnerPid !== undefined) {
    pids.push(runnerPid);
    try {
      process.kill(-runnerPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // The runner's group too: a command it started whose pid has not reached this process yet
  // (the runner reports it after the fork; the command may already be running) is in no list.
  const end = Date.now() + waitMs;
  while ((pids.some(isRunning) || (runnerPid !== undefined && groupAlive(runnerPid))) && Date.now() < end) sleepSync(10);
}

/** Whether a live process (not a zombie) of process group `pgid` is left (a scan of /proc). */
export function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.charCodeAt(0) < 48 || e.charCodeAt(0) > 57) continue;
    const stat = procStat(Number(e));
    if (stat && stat.pgrp === String(pgid) && stat.state !== 'Z' && stat.state !== 'X') return true;
  }
  return false;
}

/** Whether `pid` is a live process (not gone, not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * State, process group and start time of a process from `/proc/<pid>/stat` (start time in clock
 * ticks since boot: with the pid, it names one process for the machine's uptime; proc(5) fields
 * 3, 5 and 22).
 */
export function procStat(pid: number): { state: string; pgrp: string; startTime: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return rest.length > 19 ? { state: rest[0], pgrp: rest[2], startTime: rest[19] } : undefined;
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

/** What an `execFile` callback got, as the runner passes it on. */
interface Outcome {
  readonly error: { readonly killed: boolean; readonly signal: string | null; readonly code: number | string | null; readonly message: string } | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The result of `run` from an outcome. */
function resultOf(o: Outcome, started: number): CommandResult {
  const e = o.error;
  const timedOut = !!e && e.killed && e.signal === 'SIGKILL';
  const code = e ? (typeof e.code === 'number' ? e.code : null) : 0;
  return { code, stdout: o.stdout, stderr: o.stderr + (e && typeof e.code === 'string' ? `${e.code}: ${e.message}` : ''), timedOut, ms: Date.now() - started };
}

const MAX_OUTPUT = 16 * 1024 * 1024;

/** Runs one command and resolves with its result (never rejects on a non-zero exit). */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const request: RunRequest = { id: 0, file, args: [...args], timeoutMs: options.timeoutMs ?? 10_000, env: labEnv(options.env), input: options.input };
  return theRunner()?.run(request) ?? runHere(request);
}

/** `run` from this process. */
function runHere(r: RunRequest): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(r.file, r.args, { timeout: r.timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, env: r.env, encoding: 'utf8' }, (error, stdout, stderr) => {
      running.delete(child);
      const e = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string; signal?: string }) | null;
      resolve(resultOf({ error: e ? { killed: e.killed === true, signal: e.signal ?? null, code: e.code ?? null, message: e.message } : null, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') }, started));
    });
    running.add(child);
    if (r.input !== undefined) child.stdin?.end(r.input);
  });
}

/** One command for the runner. */
interface RunRequest {
  id: number;
  readonly file: string;
  readonly args: string[];
  readonly timeoutMs: number;
  readonly env: Record<string, string>;
  readonly input?: string;
}

/**
 * What the runner reports: a command's pid once it started, its outcome once it ended, and that
 * it has been idle for `RUNNER_IDLE_MS`.
 */
type RunnerMessage = { readonly id: number; readonly pid: number | null } | { readonly id: number; readonly outcome: Outcome } | { readonly idle: true };

/** How long the runner waits without work before it offers to exit. */
export const RUNNER_IDLE_MS = 10_000;

/**
 * The command runner: a small node process that starts the lab's commands for this one.
 *
 * Starting a process forks its parent, and the fork costs in proportion to the parent's memory. A
 * lab makes thousands of short calls (`ip`, `swanctl`, `birdc`, `ping`); made from a jest worker
 * or a harness holding aws-cdk-lib, cdktf and synthesized outputs, their forks were the largest
 * part of the lab's own CPU (17.5 of 48 s in the e2e tests' profile). From the runner (~40 MB)
 * each costs what a fork of a bare node process costs.
 *
 * The runner is `node -e` of `runnerMain` below, started on the first `run`, with the lab's
 * minimal environment (no master secret in it). It runs each request as `runHere` would
 * (`execFile`, the deadline, SIGKILL), reports the pid when a command starts and the outcome when
 * it ends, and kills its commands and exits when this process goes away (its IPC channel
 * closes). After 10 s without work it says so, and this process lets it go (closes the channel)
 * only when no request is on its way to it: a runner that exited by itself could take a request
 * in flight with it. It leads its own process group, so
 * `killRunningSync` kills it and everything it started with one signal. Where it cannot start
 * (or died with commands in flight), commands start from this process as before.
 * `CCVPN_LAB_RUNNER=off` starts every command from this process.
 */
class Runner {
  readonly child: ChildProcess;
  private readonly pending = new Map<number, { readonly resolve: (r: CommandResult) => void; readonly started: number; pid?: number }>();
  private next = 1;

  constructor(onGone: (withWork: boolean) => void) {
    this.child = spawn(process.execPath, ['-e', `(${runnerMain.toString()})(${MAX_OUTPUT}, ${RUNNER_IDLE_MS})`], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: labEnv(), detached: true, serialization: 'json',
    });
    this.child.unref();
    this.idle();
    this.child.on('message', (m: RunnerMessage) => {
      if ('idle' in m) {
        if (this.pending.size === 0) this.child.disconnect(); // `usable` is false from here on
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('pid' in m) {
        if (m.pid !== null) {
          p.pid = m.pid;
          runnerPids.add(m.pid);
        }
        return;
      }
      this.pending.delete(m.id);
      if (p.pid !== undefined) runnerPids.delete(p.pid);
      if (this.pending.size === 0) this.idle();
      p.resolve(resultOf(m.outcome, p.started));
    });
    let gone = false;
    const onExit = () => {
      if (gone) return;
      gone = true;
      const withWork = this.pending.size > 0;
      for (const p of this.pending.values()) {
        if (p.pid !== undefined) runnerPids.delete(p.pid);
        p.resolve({ code: null, stdout: '', stderr: 'the lab\'s command runner exited before the command ended', timedOut: false, ms: Date.now() - p.started });
      }
      this.pending.clear();
      onGone(withWork);
    };
    this.child.on('exit', onExit);
    this.child.on('disconnect', onExit);
    this.child.on('error', onExit);
  }

  get usable(): boolean {
    return this.child.connected;
  }

  run(request: RunRequest): Promise<CommandResult> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, started: Date.now() });
      // While commands are in flight the channel keeps this process alive; idle, it does not.
      if (this.pending.size === 1) this.child.channel?.ref();
      try {
        this.child.send({ ...request, id });
      } catch {
        this.pending.delete(id);
        if (this.pending.size === 0) this.idle();
        resolve(runHere(request));
      }
    });
  }

  private idle(): void {
    this.child.channel?.unref();
  }
}

let runner: Runner | undefined;
/** Set once the runner died with commands in flight, or could not start: commands start here. */
let runnerBroken = false;

function theRunner(): Runner | undefined {
  if (runnerBroken || process.env.CCVPN_LAB_RUNNER === 'off') return undefined;
  if (runner?.usable) return runner;
  try {
    const r: Runner = new Runner((withWork) => {
      if (runner === r) runner = undefined;
      if (withWork) runnerBroken = true;
    });
    runner = r;
    return r.usable ? r : undefined;
  } catch {
    runnerBroken = true;
    return undefined;
  }
}

/**
 * The runner's program. It runs in a bare `node -e` (its source is this function's text), so it
 * names nothing outside itself and loads what it needs with `require`.
 */
function runnerMain(maxBuffer: number, idleMs: number): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runner's own module scope (node -e)
  const cp = require('node:child_process') as typeof import('node:child_process');
  const children = new Map<number, ChildProcess>();
  let idle: NodeJS.Timeout | undefined;
  const send = (m: unknown) => {
    try {
      process.send?.(m);
    } catch {
      // the parent is gone: 'disconnect' follows
    }
  };
  const arm = () => {
    if (idle) clearTimeout(idle);
    // (not an exit: a request may be on its way; the parent closes the channel if none is)
    idle = children.size === 0 ? setTimeout(() => send({ idle: true }), idleMs) : undefined;
  };
  process.on('message', (m: RunRequest) => {
    const child = cp.execFile(m.file, m.args, { timeout: m.timeoutMs, killSignal: 'SIGKILL', maxBuffer, env: m.env, encoding: 'utf8' }, (error, stdout, stderr) => {
      children.delete(m.id);
      const e = error as (Error & { killed?: boolean; code?: number | string; signal?: string }) | null;
      send({ id: m.id, outcome: { error: e ? { killed: e.killed === true, signal: e.signal ?? null, code: e.code ?? null, message: e.message } : null, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') } });
      arm();
    });
    children.set(m.id, child);
    arm();
    send({ id: m.id, pid: child.pid ?? null });
    if (m.input !== undefined) child.stdin?.end(m.input);
  });
  process.on('disconnect', () => {
    for (const c of children.values()) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(0);
  });
  arm();
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

/**
 * One task at a time, in the order they were handed in: a task starts once the one before it has
 * settled (resolved or rejected), and its own outcome is what its caller gets.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  public run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
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
