/**
 * The namespace lab's robustness (issue 13 item 5): run ids no other lab holds, two labs on one
 * host side by side, SIGINT/SIGTERM at any moment (network build, daemons starting, negotiation,
 * cleanup) leaving nothing behind, key files 0600 in 0700 directories, daemons without the
 * caller's environment, and `cleanupStaleLabs` finding a killed lab wherever TMPDIR pointed while
 * killing only pids that are still that lab's daemons.
 *
 * What a lab left behind is looked up by that lab's own prefix, record and directory only (other
 * labs may run on the host meanwhile). The tests that start daemons need root and the lab's
 * packages (see e2e.test.ts) and are skipped without them; the record checks need neither.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MASTER_SECRET_ENV } from '../../src';
import { LabInfo, LabRecord, claimRunId, cleanupStaleLabs, labPrerequisitesSync, labRecordDir, labsCreated, runLab } from '../../src/verify/harness';
import { procStat } from '../../src/verify/exec';
import { fixtureLab } from './lab-fixture';

const missing = labPrerequisitesSync();
if (missing && process.env.CI !== 'true') console.log(`lab robustness tests skipped: ${missing}`);
const lab = missing && process.env.CI !== 'true' ? describe.skip : describe;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-robust-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const freshId = () => `t${Math.random().toString(36).slice(2, 7).padEnd(5, '0')}`;

function readProc(pid: string | number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** Processes whose command line or environment names `dir` (a lab's work directory). */
function processesNaming(dir: string): string[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => readProc(p, 'cmdline').includes(`${dir}/`) || readProc(p, 'environ').includes(`${dir}/`))
    .map((p) => `pid ${p} (${readProc(p, 'comm').trim()})`);
}

/** What is left of one lab: its namespaces, record, directory, daemons (recorded or naming its dir). */
function remains(info: Pick<LabInfo, 'prefix' | 'recordFile'> & { dir?: string }, daemons: LabRecord['daemons'] = []): string[] {
  const namespaces = fs.existsSync('/run/netns') ? fs.readdirSync('/run/netns').filter((n) => n.startsWith(info.prefix)) : [];
  const out = namespaces.map((n) => `netns ${n}`);
  if (fs.existsSync(info.recordFile)) out.push(`record ${info.recordFile}`);
  if (info.dir && fs.existsSync(info.dir)) out.push(`dir ${info.dir}`);
  if (info.dir) out.push(...processesNaming(info.dir));
  for (const d of daemons) {
    const stat = procStat(d.pid);
    if (stat && stat.state !== 'Z' && stat.startTime === d.startTime) out.push(`daemon ${d.name} pid ${d.pid}`);
  }
  return [...new Set(out)];
}

/** A child process running the fixture lab (`lab-child.ts`) with a given run id. */
interface LabChild {
  readonly proc: ChildProcess;
  readonly runId: string;
  readonly recordFile: string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  stdout(): string;
  /** The child's lab record as last seen (read on every `until` poll and by this call). */
  record(): LabRecord;
  /** Reads the record if it can be read now (it is written in steps), keeping the last one seen. */
  look(): void;
}

function startChild(env: Record<string, string> = {}): LabChild {
  const runId = freshId();
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'lab-child.ts'), runId], {
    cwd: path.join(__dirname, '..', '..'), env: { ...process.env, [MASTER_SECRET_ENV]: 'robust-test-master-secret', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  proc.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  proc.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const recordFile = path.join(labRecordDir(), `${runId}.json`);
  let last: LabRecord | undefined;
  const look = () => {
    try {
      last = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as LabRecord;
    } catch {
      // not written yet, or already removed: keep the last one seen
    }
  };
  const record = () => {
    look();
    if (!last) throw new Error(`no lab record ${recordFile} seen`);
    return last;
  };
  return { proc, runId, recordFile, exit, stderr: () => err, stdout: () => out, record, look };
}

async function until<T>(probe: () => T | undefined, what: string, child: LabChild, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    child.look();
    const v = probe();
    if (v !== undefined) return v;
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`the child exited before ${what}: ${child.stderr()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const signalNumber = (s: NodeJS.Signals) => os.constants.signals[s];

describe('run ids and records (no daemons)', () => {
  test('a run id is claimed exclusively: its record 0600 in a 0700 directory; a held id is refused; random ids never repeat', () => {
    // GIVEN a record directory of its own
    const dir = path.join(scratch, 'claims');
    // WHEN ids are claimed
    const id = claimRunId(undefined, dir);
    const ids = Array.from({ length: 40 }, () => claimRunId(undefined, dir));
    // THEN
    expect(id).toMatch(/^[a-z0-9]{6}$/);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, `${id}.json`)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8'))).toMatchObject({ version: 1, runId: id, prefix: `cv${id}-`, owner: { pid: process.pid } });
    expect(new Set([id, ...ids]).size).toBe(41);
    expect(() => claimRunId(id, dir)).toThrow(new RegExp(`lab run id '${id}' is held by another lab`));
    expect(() => claimRunId('Bad-Id', dir)).toThrow(/1-6 lowercase letters or digits/);
  });

  describe('cleanupStaleLabs kills only pids that are still the dead lab\'s daemons', () => {
    const dir = path.join(scratch, 'records');
    const sleepers: ChildProcess[] = [];
    afterAll(() => {
      for (const s of sleepers) s.kill('SIGKILL');
    });
    const sleeper = (env: Record<string, string>) => {
      const s = spawn('sleep', ['60'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: 'ignore' });
      sleepers.push(s);
      return s;
    };
    const deadPid = () => {
      const r = execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
      return Number(r.trim());
    };
    const write = (record: LabRecord) => {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(dir, `${record.runId}.json`), JSON.stringify(record), { mode: 0o600 });
    };
    const alive = (p: ChildProcess) => procStat(p.pid!) !== undefined && procStat(p.pid!)!.state !== 'Z';

    test('a daemon is killed only when its start time matches and it names the lab\'s directory; a reused or foreign pid is spared', async () => {
      // GIVEN a dead lab (owner gone) whose record lists four pids
      const runId = freshId();
      const labDir = fs.mkdtempSync(path.join(scratch, `ccvpn-verify-${runId}-`));
      const daemon = sleeper({ STRONGSWAN_CONF: `${labDir}/e1/strongswan.conf` });
      const foreign = sleeper({});
      const reused = sleeper({ STRONGSWAN_CONF: `${labDir}/e2/strongswan.conf` });
      await new Promise((r) => setTimeout(r, 50));
      const start = (p: ChildProcess) => procStat(p.pid!)!.startTime;
      write({
        version: 1, runId, prefix: `cv${runId}-`, owner: { pid: deadPid(), startTime: '1' }, dir: labDir, namespaces: [],
        daemons: [
          { name: 'charon e1', pid: daemon.pid!, startTime: start(daemon) }, // still the lab's
          { name: 'charon e2', pid: foreign.pid!, startTime: start(foreign) }, // same start, not the lab's
          { name: 'bird e1', pid: reused.pid!, startTime: String(Number(start(reused)) - 1) }, // a reused pid
          { name: 'bird r1', pid: deadPid(), startTime: '2' }, // gone
        ],
      });
      // WHEN
      const result = await cleanupStaleLabs({ recordDir: dir, runIds: [runId] });
      // THEN
      expect(result).toEqual({ labs: [runId], namespaces: [], killed: [daemon.pid], spared: [foreign.pid, reused.pid, expect.any(Number)] });
      await new Promise((r) => setTimeout(r, 100));
      expect([alive(daemon), alive(foreign), alive(reused)]).toEqual([false, true, true]);
      expect(fs.existsSync(labDir)).toBe(false);
      expect(fs.existsSync(path.join(dir, `${runId}.json`))).toBe(false);
    });

    test('a lab whose owner still runs is left alone; a recorded directory that is not the lab\'s own is never removed', async () => {
      // GIVEN a live lab (this process) and a dead one whose record names a foreign directory
      const liveId = freshId();
      const deadId = freshId();
      const foreignDir = fs.mkdtempSync(path.join(scratch, 'not-a-lab-'));
      const daemon = sleeper({ STRONGSWAN_CONF: `${foreignDir}/x` });
      await new Promise((r) => setTimeout(r, 50));
      write({ version: 1, runId: liveId, prefix: `cv${liveId}-`, owner: { pid: process.pid, startTime: procStat(process.pid)!.startTime }, dir: foreignDir, namespaces: [], daemons: [{ name: 'charon e1', pid: daemon.pid!, startTime: procStat(daemon.pid!)!.startTime }] });
      write({ version: 1, runId: deadId, prefix: `cv${deadId}-`, owner: { pid: deadPid(), startTime: '1' }, dir: foreignDir, namespaces: [], daemons: [] });
      // WHEN
      const result = await cleanupStaleLabs({ recordDir: dir, runIds: [liveId, deadId] });
      // THEN
      expect(result.labs).toEqual([deadId]);
      expect(fs.existsSync(path.join(dir, `${liveId}.json`))).toBe(true);
      expect(alive(daemon)).toBe(true);
      expect(fs.existsSync(foreignDir)).toBe(true);
    });
  });
});

lab('the lab under signals, side by side, with its secrets', () => {
  const { sites, tunnels } = fixtureLab();
  const saved = { secret: process.env[MASTER_SECRET_ENV], other: process.env.CCVPN_ROBUST_CALLER_VAR };
  afterAll(() => {
    if (saved.secret === undefined) delete process.env[MASTER_SECRET_ENV];
    else process.env[MASTER_SECRET_ENV] = saved.secret;
    delete process.env.CCVPN_ROBUST_CALLER_VAR;
  });

  test('a run id held through a namespace of another lab (no record of ours) is refused', () => {
    const id = freshId();
    execFileSync('ip', ['netns', 'add', `cv${id}-x`]);
    try {
      expect(() => claimRunId(id, path.join(scratch, 'claims-ns'))).toThrow(/held by another lab/);
    } finally {
      execFileSync('ip', ['netns', 'del', `cv${id}-x`]);
    }
  });

  test('key files 0600 in 0700 directories; daemons get PATH, LC_ALL and their own variables only (no master secret)', async () => {
    // GIVEN a caller whose environment holds the master secret and more
    process.env[MASTER_SECRET_ENV] = 'robust-test-master-secret-not-for-real-use';
    process.env.CCVPN_ROBUST_CALLER_VAR = 'caller-only';
    let seen: { files: { rel: string; mode: number; dir: boolean; socket: boolean }[]; swanctl: string[]; environs: Record<string, string>[]; recordMode: number; recordDirMode: number } | undefined;
    // WHEN the lab runs, looked at while its daemons are up (after the tunnel's checks)
    const started = labsCreated().length;
    const run = await runLab(sites, tunnels, {
      onTunnel: () => {
        const info = labsCreated()[started];
        const walk = (d: string): { rel: string; mode: number; dir: boolean; socket: boolean }[] => fs.readdirSync(d).flatMap((n) => {
          const p = path.join(d, n);
          const st = fs.lstatSync(p);
          return [{ rel: path.relative(info.dir, p), mode: st.mode & 0o777, dir: st.isDirectory(), socket: st.isSocket() }, ...(st.isDirectory() ? walk(p) : [])];
        });
        const record = JSON.parse(fs.readFileSync(info.recordFile, 'utf8')) as LabRecord;
        seen = {
          files: [{ rel: '.', mode: fs.statSync(info.dir).mode & 0o777, dir: true, socket: false }, ...walk(info.dir)],
          swanctl: walk(info.dir).filter((f) => f.rel.endsWith('swanctl.conf')).map((f) => fs.readFileSync(path.join(info.dir, f.rel), 'utf8')),
          environs: record.daemons.map((d) => Object.fromEntries(readProc(d.pid, 'environ').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))),
          recordMode: fs.statSync(info.recordFile).mode & 0o777,
          recordDirMode: fs.statSync(path.dirname(info.recordFile)).mode & 0o777,
        };
      },
    });
    // THEN
    expect([...run.outcomes.values()].map((o) => o.failure)).toEqual([undefined]);
    expect(seen).toBeDefined();
    const s = seen!;
    expect(s.files.filter((f) => f.dir && f.mode !== 0o700)).toEqual([]);
    // No file readable by group or others. The daemons' control sockets get their own modes
    // (charon 0770, BIRD 0660): reachable only through the 0700 directories above them.
    expect(s.files.filter((f) => !f.dir && !f.socket && (f.mode & 0o077) !== 0)).toEqual([]);
    expect(s.files.filter((f) => f.socket).map((f) => f.rel.split('/').pop()).sort()).toEqual(['bird.ctl', 'bird.ctl', 'bird.ctl', 'bird.ctl', 'charon.vici', 'charon.vici']);
    expect(s.swanctl).toHaveLength(2);
    expect(s.swanctl.every((c) => /secret = 0x[0-9a-f]+/.test(c))).toBe(true);
    expect(s.files.filter((f) => f.rel.endsWith('swanctl.conf')).map((f) => f.mode)).toEqual([0o600, 0o600]);
    expect([s.recordMode, s.recordDirMode]).toEqual([0o600, 0o700]);
    expect(s.environs).toHaveLength(6); // 2 charons, 2 endpoint BIRDs, 2 router BIRDs
    for (const env of s.environs) {
      // PWD is the shell's own (the daemon's directory in the lab), not the caller's.
      expect(Object.keys(env).filter((k) => !['PATH', 'LC_ALL', 'PWD', 'STRONGSWAN_CONF'].includes(k))).toEqual([]);
      expect(JSON.stringify(env)).not.toMatch(/robust-test-master-secret|caller-only/);
    }
    expect(s.environs.filter((e) => e.STRONGSWAN_CONF)).toHaveLength(2);
    expect(remains(labsCreated()[started])).toEqual([]);
  }, 90_000);

  test('two labs on one host at once: distinct prefixes, both all up, each cleans up only its own', async () => {
    // GIVEN a lab in another process, held with its daemons up (SIGSTOP)
    const other = startChild();
    await until(() => (/charons ready/.test(other.stderr()) ? true : undefined), 'the other lab\'s daemons', other);
    other.proc.kill('SIGSTOP');
    const otherRecord = other.record();
    try {
      // WHEN two more labs run at once in this process
      const started = labsCreated().length;
      const runs = await Promise.all([runLab(sites, tunnels), runLab(sites, tunnels)]);
      const mine = labsCreated().slice(started);
      // THEN each came up, and left nothing, while the other process's lab is untouched
      expect(runs.map((r) => [...r.outcomes.values()].map((o) => o.failure))).toEqual([[undefined], [undefined]]);
      expect(new Set([...mine.map((l) => l.prefix), otherRecord.prefix]).size).toBe(3);
      expect(mine.flatMap((l) => remains(l))).toEqual([]);
      expect(remains({ prefix: otherRecord.prefix, recordFile: other.recordFile, dir: otherRecord.dir }, otherRecord.daemons).filter((r) => r.startsWith('netns')))
        .toHaveLength(otherRecord.namespaces.length);
    } finally {
      other.proc.kill('SIGCONT');
    }
    // AND the other lab finishes on its own, all up, leaving nothing
    expect(await other.exit).toEqual({ code: 0, signal: null });
    expect(other.stdout()).toContain('lab done: 1/1 up');
    expect(remains({ prefix: otherRecord.prefix, recordFile: other.recordFile, dir: otherRecord.dir }, otherRecord.daemons)).toEqual([]);
  }, 120_000);

  // The moments: the first namespace exists (network build); the network is built (charons
  // starting); charons loaded (negotiation); the cleanup has begun (its awaits).
  const atNamespace = (c: LabChild) => (fs.existsSync('/run/netns') && fs.readdirSync('/run/netns').some((n) => n.startsWith(`cv${c.runId}-`)) ? true : undefined);
  const atLine = (re: RegExp) => (c: LabChild) => (re.test(c.stderr()) ? true : undefined);
  test.each([
    ['while the network is built', 'SIGTERM', atNamespace],
    ['while the daemons start', 'SIGINT', atLine(/\] network: /)],
    ['during negotiation', 'SIGTERM', atLine(/charons ready \+ loaded/)],
    ['during cleanup', 'SIGINT', atLine(/cleanup started/)],
    ['during cleanup', 'SIGTERM', atLine(/cleanup started/)],
  ] as const)('%s, %s leaves no namespace, daemon or key file of that lab', async (moment, signal, when) => {
    for (let attempt = 1; ; attempt++) {
      // GIVEN a lab in a child process, at that moment
      const child = startChild();
      await until(() => when(child), moment, child);
      const record = child.record();
      // WHEN it gets the signal
      child.proc.kill(signal);
      const exit = await child.exit;
      // (a signal that arrived after the child had finished proves nothing: try again. Finished is
      // a clean exit, or, once the lab has removed its handlers after its cleanup, the signal's
      // default action; on a loaded machine the signal can be that late more than once.)
      const tooLate = exit.code === 0 || (exit.signal !== null && /cleanup done/.test(child.stderr()));
      if (tooLate && attempt < 8) continue;
      // THEN it exits as signalled, having removed everything of its lab
      expect(exit).toEqual({ code: 128 + signalNumber(signal), signal: null });
      if (moment === 'during cleanup') expect(child.stderr()).not.toMatch(/cleanup done/);
      expect(remains({ prefix: `cv${child.runId}-`, recordFile: child.recordFile, dir: record.dir }, record.daemons)).toEqual([]);
      expect(record.dir === '' || !fs.existsSync(record.dir)).toBe(true);
      return;
    }
  }, 240_000);

  test('a lab whose harness was SIGKILLed is found by cleanupStaleLabs wherever its TMPDIR pointed, and removed', async () => {
    // GIVEN a lab in a child whose TMPDIR is elsewhere, killed outright with its daemons up
    const elsewhere = fs.mkdtempSync(path.join(scratch, 'elsewhere-'));
    const child = startChild({ TMPDIR: elsewhere });
    await until(() => (/charons ready/.test(child.stderr()) ? true : undefined), 'the daemons', child);
    const record = child.record();
    child.proc.kill('SIGKILL');
    await child.exit;
    const info = { prefix: `cv${child.runId}-`, recordFile: child.recordFile, dir: record.dir };
    expect(record.dir.startsWith(`${elsewhere}/ccvpn-verify-${child.runId}-`)).toBe(true);
    expect(remains(info, record.daemons).filter((r) => r.startsWith('netns'))).toHaveLength(record.namespaces.length); // nothing could clean up
    expect(remains(info, record.daemons).filter((r) => r.startsWith('daemon'))).not.toEqual([]);
    // WHEN this process (another TMPDIR) cleans up stale labs
    const result = await cleanupStaleLabs({ runIds: [child.runId] });
    // THEN the lab is gone: daemons killed, namespaces, directory with its keys, record
    expect(result.labs).toEqual([child.runId]);
    expect([...result.namespaces].sort()).toEqual([...record.namespaces].sort());
    expect(result.killed.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(remains(info, record.daemons)).toEqual([]);
  }, 120_000);
});
