/**
 * Running the lab's commands: every call is an `execFile` (no shell, no interpolated strings)
 * with a deadline, so a hung `swanctl` or `birdc` can never block a run.
 * @internal
 */
import { execFile, spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

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
  /** Extra environment variables. */
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
      env: options.env ? { ...process.env, ...options.env } : process.env,
      encoding: 'utf8',
    }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string; signal?: string }) | null;
      const timedOut = !!e && e.killed === true && e.signal === 'SIGKILL';
      let code: number | null = 0;
      if (e) code = typeof e.code === 'number' ? e.code : null;
      resolve({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') + (e && typeof e.code === 'string' ? `${e.code}: ${e.message}` : ''), timedOut, ms: Date.now() - started });
    });
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
 * Starts a long-running process with its output appended to a log file. Every layer of the
 * command `exec`s (`ip netns exec`, `env`, `sh -c '... && exec daemon'`), so the pid is the daemon's.
 */
export function startDaemon(name: string, file: string, args: readonly string[], logFile: string, env?: Readonly<Record<string, string>>): Daemon {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(file, [...args], { stdio: ['ignore', fd, fd], env: env ? { ...process.env, ...env } : process.env, detached: false });
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
