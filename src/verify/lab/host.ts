/**
 * The lab's standing on the host: whether the lab can run here, the fixed record directory,
 * run ids claimed against every other lab of the host (no namespace with the prefix exists and
 * the record file is created exclusively), removal of a lab's own namespaces (only names with its
 * `cv<run id>-` prefix), and `cleanupStaleLabs()` for labs whose harness died.
 *
 * Safety: a lab record (`labRecordDir()/<run id>.json`, a fixed place whatever TMPDIR says) is
 * written before anything is created; stale cleanup kills only recorded daemons still running
 * with their recorded start time and naming the lab's work directory.
 * @internal
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRunning, labEnv, mapLimit, poll, procStat, run } from '../exec';

/** Where distributions install charon. */
export const CHARON_CANDIDATES = ['/usr/lib/ipsec/charon', '/usr/libexec/ipsec/charon', '/usr/lib/strongswan/charon'];
/** Deadline of a swanctl call, in ms. */
export const COMMAND_TIMEOUT_MS = 8000;
/** Work directories are `<root>/ccvpn-verify-<run id>-XXXXXX`. */
export const WORK_PREFIX = 'ccvpn-verify-';
/** Where `ip netns` keeps the namespaces' names (iproute2's NETNS_RUN_DIR). */
const NETNS_DIR = '/run/netns';
/** Signals the lab cleans up on. */
export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Probes made by this process so far: each probe namespace is its own (verify may run concurrently). */
let probes = 0;
/** A namespace name for one prerequisite probe: unique per process and call. */
const probeName = () => `cvprobe${process.pid % 100000}-${++probes}`;

/** The tools the lab runs, with the Debian package of each. */
const TOOLS = [['swanctl', 'strongswan-swanctl'], ['bird', 'bird2'], ['birdc', 'bird2'], ['ip', 'iproute2'], ['ping', 'iputils-ping'], ['nsenter', 'util-linux']] as const;

/** Whether an executable `bin` is in a folder of `PATH` (the lookup `execFile` makes). */
function onPath(bin: string): boolean {
  return (process.env.PATH || '/usr/sbin:/usr/bin:/sbin:/bin').split(':').some((d) => {
    try {
      fs.accessSync(path.join(d || '.', bin), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why the lab cannot run on this machine, or `undefined` when it can. */
export async function labPrerequisites(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'creating network namespaces needs root';
  const charon = CHARON_CANDIDATES.find((c) => fs.existsSync(c));
  if (!charon) return `strongSwan's charon not found (looked in ${CHARON_CANDIDATES.join(', ')}; apt-get install strongswan-charon strongswan-swanctl libcharon-extra-plugins)`;
  const plugin = ['/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so', '/usr/lib/x86_64-linux-gnu/ipsec/plugins/libstrongswan-kernel-libipsec.so', '/usr/lib/aarch64-linux-gnu/ipsec/plugins/libstrongswan-kernel-libipsec.so'];
  if (!plugin.some((p) => fs.existsSync(p))) return 'strongSwan kernel-libipsec plugin not found (apt-get install libcharon-extra-plugins)';
  for (const [bin, pkg] of TOOLS) if (!onPath(bin)) return `'${bin}' not found (apt-get install ${pkg})`;
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing (kernel-libipsec needs TUN devices)';
  const probe = probeName();
  const add = await run('ip', ['netns', 'add', probe], { timeoutMs: 3000 });
  if (add.code !== 0) return `cannot create a network namespace: ${add.stderr.trim()}`;
  await run('ip', ['netns', 'del', probe], { timeoutMs: 3000 });
  return undefined;
}

/** `labPrerequisites`, synchronously (test files decide at load time whether to skip). */
export function labPrerequisitesSync(): string | undefined {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'creating network namespaces needs root';
  if (!CHARON_CANDIDATES.some((c) => fs.existsSync(c))) return 'strongSwan\'s charon not found (apt-get install strongswan-charon strongswan-swanctl libcharon-extra-plugins)';
  for (const [bin, pkg] of TOOLS) if (!onPath(bin)) return `'${bin}' not found (apt-get install ${pkg})`;
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing (kernel-libipsec needs TUN devices)';
  const probe = probeName();
  try {
    execFileSync('ip', ['netns', 'add', probe], { timeout: 3000, stdio: 'pipe' });
    execFileSync('ip', ['netns', 'del', probe], { timeout: 3000, stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
  return undefined;
}

/** The charon binary of this machine. */
export function charonPath(): string {
  return CHARON_CANDIDATES.find((c) => fs.existsSync(c)) ?? CHARON_CANDIDATES[0];
}

/**
 * Where lab records live: one fixed place whatever TMPDIR says, so `cleanupStaleLabs()` finds
 * every lab of the host. Root (every lab runs as root): `/run/ccvpn-verify`; anyone else (who can
 * only list and clean up nothing): `/tmp/ccvpn-verify-<uid>`. Always a 0700 directory.
 */
export function labRecordDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return uid === 0 ? '/run/ccvpn-verify' : path.join('/tmp', `ccvpn-verify-${uid}`);
}

function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
  if (!st.isDirectory() || st.uid !== uid) throw new Error(`lab record directory ${dir} is not a directory owned by uid ${uid}`);
  if ((st.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

const RUN_ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomRunId = () => Array.from({ length: 6 }, () => RUN_ID_CHARS[randomInt(RUN_ID_CHARS.length)]).join('');

function existingNamespaces(): string[] {
  try {
    return fs.readdirSync(NETNS_DIR);
  } catch {
    return [];
  }
}

/** The lab record: written before anything is created, updated as daemons start. */
export interface LabRecord {
  readonly version: 1;
  readonly runId: string;
  /** `cv<run id>-`: every namespace of the lab starts with it. */
  readonly prefix: string;
  /** The harness process; the lab is stale once it is gone. */
  readonly owner: { readonly pid: number; readonly startTime: string };
  /** The work directory (configuration, keys, logs, sockets); empty until it exists. */
  dir: string;
  namespaces: readonly string[];
  /** Each daemon by pid and start time (`/proc/<pid>/stat` field 22): a pid alone may be reused. */
  readonly daemons: { readonly name: string; readonly pid: number; readonly startTime: string }[];
}

/** This process, by pid and start time. */
export function ownerIdentity(): LabRecord['owner'] {
  return { pid: process.pid, startTime: procStat(process.pid)?.startTime ?? '' };
}

/**
 * Claims a run id no other lab on this host holds: no namespace starts with `cv<id>-` and the
 * record `<recordDir>/<id>.json` did not exist (created exclusively, so two labs starting at
 * the same moment cannot both get it). A requested id that is taken is an error.
 */
export function claimRunId(requested: string | undefined, recordDir = labRecordDir()): string {
  ensurePrivateDir(recordDir);
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = requested ?? randomRunId();
    if (!/^[a-z0-9]{1,6}$/.test(id)) throw new Error(`lab run id '${id}' must be 1-6 lowercase letters or digits`);
    const prefix = `cv${id}-`;
    const taken = existingNamespaces().some((n) => n.startsWith(prefix));
    if (!taken) {
      const record: LabRecord = { version: 1, runId: id, prefix, owner: ownerIdentity(), dir: '', namespaces: [], daemons: [] };
      try {
        fs.writeFileSync(path.join(recordDir, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        return id;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    if (requested !== undefined) throw new Error(`lab run id '${id}' is held by another lab on this host (namespaces ${prefix}* or record ${path.join(recordDir, `${id}.json`)})`);
  }
  throw new Error(`no free lab run id found in ${recordDir}`);
}

/** A lab this process created (for tests and tools that check what it left behind). */
export interface LabInfo {
  readonly runId: string;
  readonly prefix: string;
  readonly dir: string;
  readonly recordFile: string;
}

const created: LabInfo[] = [];

/** Every lab this process created, oldest first. */
export function labsCreated(): readonly LabInfo[] {
  return [...created];
}

/** Records a lab this process created (`labsCreated`). */
export function noteCreated(info: LabInfo): void {
  created.push(info);
}

/** Sends a signal to a pid that may be gone. */
export function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** The lab's namespaces that exist: those of its plan and any other with its prefix. */
function ourNamespaces(prefix: string, planned: readonly string[]): string[] {
  if (!/^cv[a-z0-9]{1,6}-$/.test(prefix)) throw new Error(`internal: '${prefix}' is not a lab namespace prefix`);
  const existing = existingNamespaces();
  return [...new Set([...planned.filter((n) => existing.includes(n)), ...existing.filter((n) => n.startsWith(prefix))])];
}

/**
 * Pids of every process in one of the named namespaces, as `ip netns pids` finds them (iproute2
 * `ip/ipnetns.c`: the process's `/proc/<pid>/ns/net` is the namespace file's inode), in one pass
 * over `/proc` instead of one `ip` process per namespace; `undefined` when `/proc` or a
 * namespace file cannot be read (the caller asks `ip`).
 */
export function pidsInNamespaces(names: readonly string[]): number[] | undefined {
  const inodes = new Set<number>();
  try {
    for (const n of names) inodes.add(fs.statSync(path.join(NETNS_DIR, n)).ino);
  } catch {
    return undefined;
  }
  if (!inodes.size) return [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const out: number[] = [];
  for (const e of entries) {
    let link: string;
    try {
      link = fs.readlinkSync(`/proc/${e}/ns/net`);
    } catch {
      continue; // gone, or a kernel thread
    }
    const m = /^net:\[(\d+)\]$/.exec(link);
    if (m && inodes.has(Number(m[1])) && Number(e) !== process.pid) out.push(Number(e));
  }
  return out;
}

/** Kills what is left in the lab's namespaces, then removes them; returns the names removed. */
export async function removeNamespaces(prefix: string, planned: readonly string[]): Promise<string[]> {
  const ours = ourNamespaces(prefix, planned);
  const found = pidsInNamespaces(ours);
  if (found) {
    for (const pid of found) signalPid(pid, 'SIGKILL');
  } else {
    await mapLimit(ours, 8, async (ns) => {
      const pids = (await run('ip', ['netns', 'pids', ns], { timeoutMs: 3000 })).stdout.split('\n').map(Number).filter((n) => n > 0);
      for (const pid of pids) signalPid(pid, 'SIGKILL');
    });
  }
  if (ours.length) await run('ip', ['-force', '-batch', '-'], { input: `${ours.map((n) => `netns del ${n}`).join('\n')}\n`, timeoutMs: 20000 });
  return ours;
}

/** `removeNamespaces`, synchronously (signal and exit handlers). */
export function removeNamespacesSync(prefix: string, planned: readonly string[]): void {
  let ours: string[];
  try {
    ours = ourNamespaces(prefix, planned);
  } catch {
    return;
  }
  const found = pidsInNamespaces(ours);
  for (const pid of found ?? []) signalPid(pid, 'SIGKILL');
  for (const ns of found ? [] : ours) {
    try {
      const pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8', timeout: 3000, env: labEnv() }).split('\n').map(Number).filter((n) => n > 0);
      for (const pid of pids) signalPid(pid, 'SIGKILL');
    } catch {
      // best effort on the way out
    }
  }
  if (!ours.length) return;
  try {
    execFileSync('ip', ['-force', '-batch', '-'], { input: `${ours.map((n) => `netns del ${n}`).join('\n')}\n`, timeout: 10000, stdio: ['pipe', 'ignore', 'ignore'], env: labEnv() });
  } catch {
    // best effort on the way out
  }
}

/** Options of `cleanupStaleLabs`. */
export interface StaleCleanupOptions {
  /** Where the records are. @default labRecordDir() */
  readonly recordDir?: string;
  /** Only these labs (run ids). @default every dead lab of the host */
  readonly runIds?: readonly string[];
}

/** What `cleanupStaleLabs` removed. */
export interface StaleCleanup {
  /** Run ids of the dead labs cleaned up. */
  readonly labs: string[];
  readonly namespaces: string[];
  /** Daemons killed: still running with the recorded start time and naming the lab's directory. */
  readonly killed: number[];
  /** Recorded pids left alone: gone, or now another process. */
  readonly spared: number[];
}

/**
 * Removes labs whose harness died without cleaning up (killed with SIGKILL, a crash, `--keep`):
 * every record in the fixed record directory whose owner process is gone (pid and start time).
 * Kills only recorded daemons that are still that lab's (same start time, and their command
 * line or environment names the lab's work directory), then removes the lab's namespaces
 * (`cv<run id>-*`), its work directory and its record.
 */
export async function cleanupStaleLabs(options: StaleCleanupOptions = {}): Promise<StaleCleanup> {
  const dir = options.recordDir ?? labRecordDir();
  const result: StaleCleanup = { labs: [], namespaces: [], killed: [], spared: [] };
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return result;
  }
  for (const entry of entries.filter((e) => /^[a-z0-9]{1,6}\.json$/.test(e)).sort()) {
    const runId = entry.slice(0, -'.json'.length);
    if (options.runIds && !options.runIds.includes(runId)) continue;
    const file = path.join(dir, entry);
    let record: LabRecord;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8')) as LabRecord;
    } catch {
      continue;
    }
    if (record.version !== 1 || record.runId !== runId || ownerAlive(record.owner)) continue;
    const killed = record.daemons.filter((d) => isLabDaemon(d, record.dir));
    for (const d of killed) signalPid(d.pid, 'SIGKILL');
    await poll(async () => (killed.some((d) => isRunning(d.pid)) ? undefined : true), 3000, 20);
    result.killed.push(...killed.map((d) => d.pid));
    result.spared.push(...record.daemons.filter((d) => !killed.includes(d)).map((d) => d.pid));
    result.namespaces.push(...await removeNamespaces(`cv${runId}-`, record.namespaces ?? []));
    // Only a directory this lab made: `<root>/ccvpn-verify-<run id>-XXXXXX`.
    if (record.dir && path.isAbsolute(record.dir) && path.basename(record.dir).startsWith(`${WORK_PREFIX}${runId}-`)) fs.rmSync(record.dir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.tmp`, { force: true });
    result.labs.push(runId);
  }
  return result;
}

function ownerAlive(owner: LabRecord['owner']): boolean {
  const stat = procStat(owner.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return !owner.startTime || stat.startTime === owner.startTime;
}

/** Whether a recorded daemon is still running as that daemon (not a reused pid). */
export function isLabDaemon(d: LabRecord['daemons'][number], labDir: string): boolean {
  const stat = procStat(d.pid);
  if (!stat || stat.state === 'Z' || !d.startTime || stat.startTime !== d.startTime || !labDir) return false;
  const read = (f: string) => {
    try {
      return fs.readFileSync(`/proc/${d.pid}/${f}`, 'utf8');
    } catch {
      return '';
    }
  };
  // BIRD names its configuration in its command line; charon has none, but STRONGSWAN_CONF.
  return read('cmdline').includes(`${labDir}/`) || read('environ').includes(`${labDir}/`);
}
