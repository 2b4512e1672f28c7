/**
 * Starts a batch of daemons through one launcher shell instead of one `spawn` each: every
 * `spawn` forks the harness and blocks its event loop until the child has exec'd (6 s of a
 * 100-tunnel lab's 40 s went into starting its ~200 charons so, measured with `--cpu-prof`).
 * The launcher (bash, for `wait -n -p`) starts each daemon in the background exactly as
 * `startDaemon` would (its directory, `labEnv` plus its own variables, output appended to its
 * log, stdin from /dev/null; every layer `exec`s, so `$!` is the daemon's pid), prints the pids,
 * then reaps the daemons and prints each exit: the harness learns of an exit as it would from its
 * own child. Should the launcher die first, the daemons left are watched through `/proc`.
 * @internal
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Daemon, isRunning, labEnv, sleepSync } from '../exec';

/** One daemon of a batch: what `startDaemon(name, file, args, logFile, env)` takes. */
export interface LaunchSpec {
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** A word for bash, single-quoted. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** Batches launched by this process (names their script files). */
let batches = 0;

/** The launcher script of a batch (pure: unit-tested). */
export function launcherScript(specs: readonly LaunchSpec[]): string {
  const lines = specs.map((s, i) => {
    const env = Object.entries(labEnv(s.env)).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
    const cmd = [s.file, ...s.args].map(shellQuote).join(' ');
    return `( cd ${shellQuote(path.dirname(s.logFile))} && exec env -i ${env} ${cmd} ) >>${shellQuote(s.logFile)} 2>&1 </dev/null & echo "pid ${i} $!"`;
  });
  return [
    ...lines,
    'echo started',
    'while :; do pid=; wait -n -p pid; rc=$?; [ -n "$pid" ] || break; echo "exit $pid $rc"; done',
    '',
  ].join('\n');
}

/**
 * SIGKILLs the process group of every launcher in `launchers` (a lab's own, see `launchDaemons`) (the launcher and each daemon it started, also one
 * still between fork and exec that no pid list names yet) and waits up to `waitMs` until the
 * launchers are gone: signal and exit handlers call it before removing the namespaces, so no
 * daemon starts after them.
 */
export function killLaunchersSync(launchers: ReadonlySet<ChildProcess>, waitMs = 2000): void {
  const pids = [...launchers].map((l) => l.pid).filter((p): p is number => p !== undefined);
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const end = Date.now() + waitMs;
  while (pids.some(isRunning) && Date.now() < end) sleepSync(10);
}

/**
 * Starts every daemon of `specs` through one launcher; resolves once every pid is known. The
 * launcher is in `launchers` while it runs (each leads its own process group: itself and every
 * daemon it started).
 */
export function launchDaemons(specs: readonly LaunchSpec[], launchers: Set<ChildProcess>): Promise<Daemon[]> {
  if (!specs.length) return Promise.resolve([]);
  for (const s of specs) fs.closeSync(fs.openSync(s.logFile, 'a', 0o600));
  // The script goes in a file, not in `bash -c`: one argument may hold at most 128 KiB
  // (MAX_ARG_STRLEN), and a 100-tunnel lab's script, with the caller's PATH written for each of
  // its ~400 daemons, passed that under npm (whose PATH is long): spawn failed with E2BIG. The
  // file is in the first daemon's folder (the lab's, removed with it) and removed once bash has it.
  const script = path.join(path.dirname(specs[0].logFile), `launch-${++batches}.sh`);
  fs.writeFileSync(script, launcherScript(specs), { mode: 0o600 });
  // Its own process group (bash without job control keeps its background jobs in it), so the
  // group can be killed at once; the harness's signal handlers clean up, not the terminal.
  const launcher = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'], env: labEnv(), detached: true });
  launchers.add(launcher);
  const removeScript = () => fs.rmSync(script, { force: true });
  launcher.once('exit', () => {
    launchers.delete(launcher);
    removeScript();
  });
  const daemons: (Daemon & { settle: (code: number | null, signal: NodeJS.Signals | null) => void })[] = [];
  const byPid = new Map<number, (typeof daemons)[number]>();
  return new Promise((resolve, reject) => {
    let buf = '';
    let started = false;
    let stderr = '';
    launcher.stderr!.setEncoding('utf8');
    launcher.stderr!.on('data', (c: string) => { stderr = (stderr + c).slice(-2000); });
    launcher.stdout!.setEncoding('utf8');
    launcher.stdout!.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const [word, a, b] = line.split(' ');
        if (word === 'pid') {
          const spec = specs[Number(a)];
          const d = watched(spec.name, Number(b), launcher);
          daemons.push(d);
          byPid.set(d.pid, d);
        } else if (word === 'started') {
          started = true;
          removeScript(); // bash has the file open: it reads the rest from its descriptor
          resolve(daemons.slice());
        } else if (word === 'exit') {
          const rc = Number(b);
          const signal = rc > 128 ? (Object.entries(os.constants.signals).find(([, n]) => n === rc - 128)?.[0] as NodeJS.Signals | undefined) ?? null : null;
          byPid.get(Number(a))?.settle(signal ? null : rc, signal);
        }
      }
    });
    launcher.once('error', (e) => { if (!started) reject(e); });
    launcher.once('exit', () => {
      if (!started) {
        reject(new Error(`the daemon launcher exited before starting every daemon: ${stderr.trim().split('\n').slice(-2).join(' | ')}`));
        return;
      }
      // The launcher reaps its daemons: gone, it can report no more exits. Watch the rest.
      const left = daemons.filter((d) => !d.hasExited());
      const timer = setInterval(() => {
        for (const d of left) if (!d.hasExited() && !isRunning(d.pid)) d.settle(null, null);
        if (left.every((d) => d.hasExited())) clearInterval(timer);
      }, 200);
      timer.unref();
    });
  });
}

function watched(name: string, pid: number, launcher: ChildProcess): Daemon & { settle: (code: number | null, signal: NodeJS.Signals | null) => void } {
  let done = false;
  let settle: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    settle = (code, signal) => {
      if (done) return;
      done = true;
      resolve({ code, signal });
    };
  });
  return { name, pid, child: launcher, exited, hasExited: () => done, settle: (c, s) => settle(c, s) };
}
