/**
 * The namespace lab: brings paired tunnel halves up between real strongSwan (charon with
 * kernel-libipsec) and BIRD daemons, each half in its own network namespace, and checks every
 * tunnel: IKE SA, CHILD SA (and one CHILD rekey, which is where PFS is negotiated), BGP with the
 * expected ASNs and prefixes, and a host-to-host ping that crosses ESP.
 *
 * Safety: only namespaces this run creates (prefix `cv<run id>-`, the id claimed against every
 * other lab on the host: no namespace with that prefix exists and its record file is created
 * exclusively), no link to the host's own namespace, only documentation-range outside addresses
 * and the sites' own networks, a deadline on every command, daemons with a minimal environment
 * (never the caller's master secret), every lab file in 0700 directories (key files 0600), and
 * cleanup (running commands, daemons by pid, then namespaces, then files) on success, failure,
 * exceptions, SIGINT, SIGTERM and SIGHUP — the signal handlers stay attached until the cleanup is
 * complete, so a signal during the cleanup finishes it synchronously. A lab record
 * (`labRecordDir()/<run id>.json`, a fixed place whatever TMPDIR says) is written before anything
 * is created, so `cleanupStaleLabs()` can recover after the harness itself was killed.
 * @internal
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BgpTimers, CharonTimers, EndpointPaths, FAST_RETRANSMITS, UPDOWN_SCRIPT, endpointBirdConf, routerBirdConf, strongswanConf, swanctlConf,
} from './daemon-config';
import { Daemon, isRunning, killRunningSync, labEnv, mapLimit, mustRun, poll, procStat, run, sleep, sleepSync, startDaemon } from './exec';
import { KernelRoute, LabEndpoint, LabPlan, LabSiteSpec, LabTunnelSpec, hostAddressFor, linkCommands, namespaceCommands, planLab, routeVia, staticRouterRoutes } from './lab-plan';
import { BgpProtocolState, ChildCounters, SaState, childCounters, espDelta, parseBirdProtocol, parseBirdRoutes, proposalText, saState } from './parse';
import { rejectedRoutes } from './routing';
import { CheckResult, FailoverResult, FailureCode, TunnelHalf } from './types';

/** What the harness found for one tunnel. */
export interface TunnelOutcome {
  readonly id: string;
  readonly ike: CheckResult;
  readonly child?: CheckResult;
  readonly bgp?: CheckResult;
  readonly ping?: CheckResult;
  readonly proposal?: string;
  readonly failure?: { readonly code: FailureCode; readonly reason: string };
  readonly seconds: number;
  readonly notes: readonly string[];
}

/** Result of one lab run. */
export interface LabRun {
  readonly outcomes: ReadonlyMap<string, TunnelOutcome>;
  readonly namespaces: number;
  readonly daemons: number;
  readonly peakRssKb: number;
  readonly peakPssKb: number;
  readonly seconds: number;
}

/** Options of `runLab`. */
export interface LabOptions {
  /**
   * 1-6 lowercase letters/digits; an id another lab on the host holds is an error.
   * @default 6 random letters/digits no other lab holds
   */
  readonly runId?: string;
  /** Parent of the run's work directory. @default os.tmpdir() */
  readonly workRoot?: string;
  readonly progress?: (line: string) => void;
  /** Keep namespaces, daemons and files (debugging: `CCVPN_VERIFY_KEEP=1`). */
  readonly keep?: boolean;
  /** Run the failover measurement after the checks. */
  readonly failover?: boolean;
  /** Divide every cloud timer by this in failover runs (outage reported scaled back). @default 10 */
  readonly timerScale?: number;
  /** How long BGP may take to come up after the tunnel is, in ms. @default 10000 */
  readonly bgpDeadlineMs?: number;
  /** Called once per tunnel when its checks are done. */
  readonly onTunnel?: (id: string, outcome: TunnelOutcome) => void;
}

const CHARON_CANDIDATES = ['/usr/lib/ipsec/charon', '/usr/libexec/ipsec/charon', '/usr/lib/strongswan/charon'];
const COMMAND_TIMEOUT_MS = 8000;
const WORK_PREFIX = 'ccvpn-verify-';
/** Where `ip netns` keeps the namespaces' names (iproute2's NETNS_RUN_DIR). */
const NETNS_DIR = '/run/netns';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Why the lab cannot run on this machine, or `undefined` when it can. */
export async function labPrerequisites(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'creating network namespaces needs root';
  const charon = CHARON_CANDIDATES.find((c) => fs.existsSync(c));
  if (!charon) return `strongSwan's charon not found (looked in ${CHARON_CANDIDATES.join(', ')}; apt-get install strongswan-charon strongswan-swanctl libcharon-extra-plugins)`;
  const plugin = ['/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so', '/usr/lib/x86_64-linux-gnu/ipsec/plugins/libstrongswan-kernel-libipsec.so', '/usr/lib/aarch64-linux-gnu/ipsec/plugins/libstrongswan-kernel-libipsec.so'];
  if (!plugin.some((p) => fs.existsSync(p))) return 'strongSwan kernel-libipsec plugin not found (apt-get install libcharon-extra-plugins)';
  for (const [bin, pkg] of [['swanctl', 'strongswan-swanctl'], ['bird', 'bird2'], ['birdc', 'bird2'], ['ip', 'iproute2'], ['ping', 'iputils-ping']]) {
    const r = await run('sh', ['-c', 'command -v "$1"', 'sh', bin], { timeoutMs: 3000 });
    if (r.code !== 0) return `'${bin}' not found (apt-get install ${pkg})`;
  }
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing (kernel-libipsec needs TUN devices)';
  const probe = `cvprobe${process.pid % 100000}`;
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
  const onPath = (bin: string) => (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').some((d) => fs.existsSync(path.join(d, bin)));
  for (const [bin, pkg] of [['swanctl', 'strongswan-swanctl'], ['bird', 'bird2'], ['birdc', 'bird2'], ['ip', 'iproute2'], ['ping', 'iputils-ping']]) {
    if (!onPath(bin)) return `'${bin}' not found (apt-get install ${pkg})`;
  }
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing (kernel-libipsec needs TUN devices)';
  const probe = `cvprobe${process.pid % 100000}`;
  try {
    execFileSync('ip', ['netns', 'add', probe], { timeout: 3000, stdio: 'pipe' });
    execFileSync('ip', ['netns', 'del', probe], { timeout: 3000, stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  }
  return undefined;
}

function charonPath(): string {
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

function ownerIdentity(): LabRecord['owner'] {
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

interface EndpointRuntime {
  readonly e: LabEndpoint;
  readonly paths: EndpointPaths & { readonly swanctl: string; readonly birdConf: string; readonly birdSock: string; readonly birdLog: string };
  charon?: Daemon;
  bird?: Daemon;
  /** Byte offset of charon.log at the last marker. */
  logMark: number;
}

/** One lab: created, run and cleaned up by `runLab`. */
class Lab {
  public readonly dir: string;
  private readonly endpoints = new Map<string, EndpointRuntime>();
  private readonly routerBirds = new Map<string, { daemon: Daemon; sock: string }>();
  private readonly daemons: Daemon[] = [];
  private readonly record: LabRecord;
  private readonly recordFile: string;
  /** No daemon starts once set (cleanup has begun). */
  private closing = false;
  /** Everything is gone (or kept on purpose): the handlers are detached. */
  private finished = false;
  private cleaning?: Promise<void>;
  private readonly onSignal: (signal: NodeJS.Signals) => void;
  private readonly onExit: () => void;
  private sampler?: NodeJS.Timeout;
  public peakRssKb = 0;
  public peakPssKb = 0;

  /** `plan.runId` must have been claimed with `claimRunId` (its record file exists). */
  constructor(public readonly plan: LabPlan, private readonly opts: LabOptions, recordDir = labRecordDir()) {
    // Handlers first: from here on a signal or exit removes whatever exists. Everything below
    // is synchronous, so no handler runs before the record names the work directory.
    this.onSignal = (signal) => {
      this.cleanupSync();
      process.exit(128 + (os.constants.signals[signal] ?? 15));
    };
    this.onExit = () => this.cleanupSync();
    for (const sig of SIGNALS) process.on(sig, this.onSignal);
    process.on('exit', this.onExit);
    this.recordFile = path.join(recordDir, `${plan.runId}.json`);
    this.record = { version: 1, runId: plan.runId, prefix: plan.prefix, owner: ownerIdentity(), dir: '', namespaces: plan.namespaces, daemons: [] };
    this.dir = '';
    try {
      const root = opts.workRoot ?? os.tmpdir();
      this.dir = fs.mkdtempSync(path.join(root, `${WORK_PREFIX}${plan.runId}-`));
      fs.chmodSync(this.dir, 0o700);
      this.record.dir = this.dir;
      this.saveRecord();
      created.push({ runId: plan.runId, prefix: plan.prefix, dir: this.dir, recordFile: this.recordFile });
    } catch (e) {
      this.cleanupSync(false);
      throw e;
    }
  }

  private saveRecord(): void {
    const tmp = `${this.recordFile}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.record, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.recordFile);
  }

  /** Throws once the cleanup has begun: a straggling task must not start a daemon after it. */
  private assertOpen(): void {
    if (this.closing) throw new Error('internal: the lab is being cleaned up');
  }

  private track(d: Daemon): Daemon {
    this.daemons.push(d);
    this.record.daemons.push({ name: d.name, pid: d.pid, startTime: procStat(d.pid)?.startTime ?? '' });
    this.saveRecord();
    return d;
  }

  private log(line: string): void {
    this.opts.progress?.(line);
  }

  public runtime(name: string): EndpointRuntime {
    return this.endpoints.get(name)!;
  }

  /** Namespaces, links, addresses, routes and the outside counters. */
  public async buildNetwork(): Promise<void> {
    const p = this.plan;
    await mustRun('ip', ['-batch', '-'], { input: `${p.namespaces.map((n) => `netns add ${n}`).join('\n')}\n`, timeoutMs: 20000 });
    await mapLimit(p.namespaces, 8, (ns) => mustRun('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w',
      'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0',
      'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']));
    await mustRun('ip', ['-batch', '-'], { input: `${linkCommands(p).join('\n')}\n`, timeoutMs: 20000 });
    const perNs = namespaceCommands(p);
    await mapLimit([...perNs.entries()], 8, ([ns, lines]) => mustRun('ip', ['-n', ns, '-batch', '-'], { input: `${lines.join('\n')}\n` }));
    for (const [ns, lines] of staticRouterRoutes(p)) await mustRun('ip', ['-n', ns, '-batch', '-'], { input: `${lines.join('\n')}\n` });
    // Proof that test traffic crosses the outside only as ESP-in-UDP: count what "inet" forwards.
    const nft = [
      'table inet ccvpn {',
      '  counter plain_icmp {}',
      '  counter esp_udp {}',
      '  counter ike {}',
      '  chain forward {',
      '    type filter hook forward priority 0; policy accept;',
      '    meta l4proto icmp counter name plain_icmp',
      '    udp dport 4500 counter name esp_udp',
      '    udp dport 500 counter name ike',
      '  }',
      '}',
    ].join('\n');
    fs.writeFileSync(path.join(this.dir, 'inet.nft'), `${nft}\n`, { mode: 0o600 });
    await run('ip', ['netns', 'exec', p.inetNs, 'nft', '-f', path.join(this.dir, 'inet.nft')]);
  }

  /** Plain ICMP packets "inet" forwarded (must stay 0: pings cross only encrypted). */
  public async outsideCounters(): Promise<{ plainIcmp: number; espUdp: number } | undefined> {
    const r = await run('ip', ['netns', 'exec', this.plan.inetNs, 'nft', 'list', 'counters', 'table', 'inet', 'ccvpn']);
    if (r.code !== 0) return undefined;
    const get = (name: string) => Number(new RegExp(`counter ${name} \\{\\s*packets (\\d+)`).exec(r.stdout)?.[1] ?? NaN);
    return { plainIcmp: get('plain_icmp'), espUdp: get('esp_udp') };
  }

  /** Writes every endpoint's files and starts the charons and the site routers' BIRDs. */
  public async startDaemons(decisions: ReadonlyMap<string, { initiates: boolean; createsChildren: boolean }>, charonTimers: (h: TunnelHalf) => CharonTimers, bgpTimers: (h: TunnelHalf) => BgpTimers, scale: number, bfd: boolean): Promise<void> {
    this.assertOpen();
    const p = this.plan;
    const updown = path.join(this.dir, 'updown.sh');
    fs.writeFileSync(updown, UPDOWN_SCRIPT, { mode: 0o700 });
    for (const e of p.endpoints) {
      const dir = path.join(this.dir, e.name);
      const swanDir = path.join(dir, 'swanctl');
      privateDir(path.join(dir, 'run'));
      for (const sub of ['x509', 'x509ca', 'x509ocsp', 'x509aa', 'x509ac', 'x509crl', 'pubkey', 'private', 'rsa', 'ecdsa', 'bliss', 'pkcs8', 'pkcs12']) {
        privateDir(path.join(swanDir, sub));
      }
      const paths = {
        dir, runDir: path.join(dir, 'run'), vici: path.join(dir, 'charon.vici'), charonLog: path.join(dir, 'charon.log'), updown,
        swanctl: path.join(swanDir, 'swanctl.conf'), birdConf: path.join(dir, 'bird.conf'), birdSock: path.join(dir, 'bird.ctl'), birdLog: path.join(dir, 'bird.log'),
      };
      fs.writeFileSync(path.join(dir, 'strongswan.conf'), strongswanConf(paths, charonTimers(e.half)), { mode: 0o600 });
      const d = decisions.get(e.name)!;
      fs.writeFileSync(paths.swanctl, swanctlConf(e.half, e.half.peerAddress!, paths, {
        initiates: d.initiates, createsChildren: d.createsChildren, timerScale: scale, insideFollowsSa: true,
      }), { mode: 0o600 });
      if (e.half.routing === 'bgp' && e.half.inside && e.half.bgp) {
        fs.writeFileSync(paths.birdConf, endpointBirdConf(e.half, {
          logFile: paths.birdLog, routerId: e.linkAddress, linkAddress: e.linkAddress, routerAddress: e.routerAddress, timers: bgpTimers(e.half), bfd,
        }), { mode: 0o600 });
      }
      this.endpoints.set(e.name, { e, paths, logMark: 0 });
    }
    // charons first (they are the slow part), then the routers' BIRDs. umask 077: what the
    // daemons create (logs, sockets, pid files) is theirs alone.
    for (const rt of this.endpoints.values()) {
      rt.charon = this.track(startDaemon(`charon ${rt.e.name}`, 'ip', [
        'netns', 'exec', rt.e.ns, 'sh', '-c', 'umask 077 && mount --bind "$1" /run && exec "$2"', 'sh', rt.paths.runDir, charonPath(),
      ], path.join(rt.paths.dir, 'charon.out'), { STRONGSWAN_CONF: path.join(rt.paths.dir, 'strongswan.conf') }));
    }
    for (const s of p.sites) {
      const bgpEndpoints = p.endpoints.filter((e) => e.site === s.key && e.half.routing === 'bgp' && e.half.bgp && e.half.inside);
      if (!bgpEndpoints.length) continue;
      const dir = path.join(this.dir, `r${s.index}`);
      privateDir(dir);
      const conf = path.join(dir, 'bird.conf');
      const sock = path.join(dir, 'bird.ctl');
      fs.writeFileSync(conf, routerBirdConf({
        logFile: path.join(dir, 'bird.log'), routerId: s.routerHostAddress, networks: s.networks,
        endpoints: bgpEndpoints.map((e) => ({ name: e.name, asn: e.half.bgp!.localAsn, linkAddress: e.linkAddress, routerAddress: e.routerAddress })),
      }), { mode: 0o600 });
      const daemon = this.track(startDaemon(`bird r${s.index}`, 'ip', ['netns', 'exec', s.routerNs, ...birdCommand(conf, sock, path.join(dir, 'bird.pid'))], path.join(dir, 'bird.out')));
      this.routerBirds.set(s.key, { daemon, sock });
    }
    this.startSampler();
  }

  /** Waits for every charon's VICI socket, puts the inside addresses on ipsec0, loads the configs. */
  public async readyCharons(): Promise<Map<string, string | undefined>> {
    const problems = new Map<string, string | undefined>();
    await mapLimit([...this.endpoints.values()], 6, async (rt) => {
      // The socket file first (cheap; the run directory is fresh, so it cannot be stale), then VICI.
      const ready = await poll(async () => {
        if (rt.charon!.hasExited()) return 'exited';
        if (!fs.existsSync(rt.paths.vici)) return undefined;
        return (await this.swanctl(rt, ['--stats'], 3000)).code === 0 ? 'ok' : undefined;
      }, 15000, 50);
      if (ready !== 'ok') {
        problems.set(rt.e.name, `charon ${ready === 'exited' ? 'exited' : 'did not answer on VICI within 15 s'} (${tail(path.join(rt.paths.dir, 'charon.out'), 3)})`);
        return;
      }
      const tun = await poll(async () => ((await run('ip', ['-n', rt.e.ns, 'link', 'show', 'ipsec0'], { timeoutMs: 3000 })).code === 0 ? true : undefined), 5000, 50);
      if (!tun) {
        problems.set(rt.e.name, 'kernel-libipsec created no ipsec0 TUN device');
        return;
      }
      const inside = rt.e.half.inside;
      if (inside) await run('ip', ['-n', rt.e.ns, 'addr', 'replace', inside.address, 'peer', inside.peerAddress, 'dev', 'ipsec0']);
      const load = await this.swanctl(rt, ['--load-all', '--file', rt.paths.swanctl], COMMAND_TIMEOUT_MS);
      if (load.code !== 0) problems.set(rt.e.name, `swanctl --load-all failed: ${lastLines(load.stdout + load.stderr, 2)}`);
      else problems.set(rt.e.name, undefined);
      // BIRD now (its inside address exists): its 1 s connect delay overlaps with IKE.
      await this.startEndpointBird(rt.e.name);
    });
    return problems;
  }

  /** Starts the BIRD of a BGP endpoint. */
  public async startEndpointBird(name: string): Promise<void> {
    const rt = this.runtime(name);
    if (rt.bird || !fs.existsSync(rt.paths.birdConf)) return;
    this.assertOpen();
    rt.bird = this.track(startDaemon(`bird ${name}`, 'ip', ['netns', 'exec', rt.e.ns, ...birdCommand(rt.paths.birdConf, rt.paths.birdSock, path.join(rt.paths.dir, 'bird.pid'))], path.join(rt.paths.dir, 'bird.out')));
  }

  public swanctl(rt: EndpointRuntime, args: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS) {
    return run('swanctl', [...args, '--uri', `unix://${rt.paths.vici}`], { timeoutMs, env: { STRONGSWAN_CONF: path.join(rt.paths.dir, 'strongswan.conf') } });
  }

  public birdc(sock: string, args: readonly string[]) {
    return run('birdc', ['-s', sock, ...args], { timeoutMs: 4000 });
  }

  public async sas(rt: EndpointRuntime): Promise<SaState> {
    const r = await this.swanctl(rt, ['--list-sas', '--raw'], 5000);
    return r.code === 0 ? saState(r.stdout) : { children: [] };
  }

  /**
   * Byte counters of every CHILD SA of the half (compare two readings with `espDelta`), or
   * `undefined` when swanctl failed three times: a failed reading is not "no SA, 0 bytes".
   */
  public async childCounters(rt: EndpointRuntime): Promise<ChildCounters[] | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.swanctl(rt, ['--list-sas', '--raw'], 5000);
      if (r.code === 0) return childCounters(r.stdout);
    }
    return undefined;
  }

  /** charon.log of an endpoint since its last mark. */
  public logSince(rt: EndpointRuntime): string {
    try {
      const buf = fs.readFileSync(rt.paths.charonLog);
      return buf.subarray(Math.min(rt.logMark, buf.length)).toString('utf8');
    } catch {
      return '';
    }
  }

  public markLog(rt: EndpointRuntime): void {
    try {
      rt.logMark = fs.statSync(rt.paths.charonLog).size;
    } catch {
      rt.logMark = 0;
    }
  }

  public async bgpState(name: string): Promise<BgpProtocolState | undefined> {
    const rt = this.runtime(name);
    const r = await this.birdc(rt.paths.birdSock, ['show', 'protocols', 'all', 'tun']);
    return r.code === 0 ? parseBirdProtocol(r.stdout, 'tun') : undefined;
  }

  public async bgpRoutes(name: string): Promise<string[]> {
    const rt = this.runtime(name);
    const r = await this.birdc(rt.paths.birdSock, ['show', 'route', 'protocol', 'tun']);
    return r.code === 0 ? parseBirdRoutes(r.stdout) : [];
  }

  /** Sums RSS and PSS of every daemon the lab started, keeping the peak. */
  public sampleMemory(): void {
    {
      let rss = 0;
      let pss = 0;
      for (const d of this.daemons) {
        if (d.hasExited()) continue;
        try {
          const text = fs.readFileSync(`/proc/${d.pid}/smaps_rollup`, 'utf8');
          rss += Number(/^Rss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
          pss += Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
        } catch {
          // exited between the check and the read
        }
      }
      this.peakRssKb = Math.max(this.peakRssKb, rss);
      this.peakPssKb = Math.max(this.peakPssKb, pss);
    }
  }

  private startSampler(): void {
    this.sampler = setInterval(() => this.sampleMemory(), 250);
    this.sampler.unref();
  }

  public get daemonCount(): number {
    return this.daemons.length;
  }

  /** Stops one endpoint's charon: SIGKILL = a crash (no DELETE), SIGTERM = graceful. */
  public killCharon(name: string, signal: NodeJS.Signals): void {
    const d = this.runtime(name).charon;
    if (d && !d.hasExited()) signalPid(d.pid, signal);
  }

  /**
   * Daemons by pid, then leftovers in our namespaces, then the namespaces, then the files and
   * the record. The signal and exit handlers stay attached until the end: a signal meanwhile
   * runs `cleanupSync`, which finishes the job before the process exits.
   */
  public cleanup(): Promise<void> {
    this.cleaning ??= this.cleanupAsync();
    return this.cleaning;
  }

  private async cleanupAsync(): Promise<void> {
    if (this.finished) return;
    this.closing = true;
    if (this.sampler) clearInterval(this.sampler);
    if (process.env.CCVPN_VERIFY_TIMING) process.stderr.write(`[verify timing] cleanup started (${this.plan.prefix})\n`);
    if (this.opts.keep) {
      this.keepForDebugging();
      return;
    }
    const alive = this.daemons.filter((d) => !d.hasExited());
    for (const d of alive) signalPid(d.pid, 'SIGTERM');
    await Promise.race([Promise.all(alive.map((d) => d.exited)), sleep(1000)]);
    for (const d of alive) if (!d.hasExited()) signalPid(d.pid, 'SIGKILL');
    await Promise.race([Promise.all(alive.map((d) => d.exited)), sleep(1000)]);
    if (this.finished) return; // a signal finished it meanwhile
    await removeNamespaces(this.plan.prefix, this.plan.namespaces);
    if (this.finished) return;
    this.removeFiles();
    this.finished = true;
    this.detach();
  }

  /**
   * The same, synchronously, for signal and exit handlers (and a constructor that failed):
   * commands still running first (an `ip netns add` must not land after the namespaces are
   * removed), then daemons (SIGKILL, waited for), namespaces, files, record.
   */
  public cleanupSync(killCommands = true): void {
    if (this.finished) return;
    this.closing = true;
    if (this.sampler) clearInterval(this.sampler);
    if (this.opts.keep && this.dir) {
      this.keepForDebugging();
      return;
    }
    if (killCommands) killRunningSync();
    const alive = this.daemons.filter((d) => !d.hasExited());
    for (const d of alive) signalPid(d.pid, 'SIGKILL');
    const end = Date.now() + 2000;
    while (alive.some((d) => isRunning(d.pid)) && Date.now() < end) sleepSync(10);
    removeNamespacesSync(this.plan.prefix, this.plan.namespaces);
    this.removeFiles();
    this.finished = true;
    this.detach();
  }

  private keepForDebugging(): void {
    this.finished = true;
    for (const d of this.daemons) d.child.unref();
    this.detach();
    this.log(`lab kept for debugging: ${this.dir} (namespaces ${this.plan.prefix}*; record ${this.recordFile}; clean up with ccvpn verify --cleanup-stale once this process is gone)`);
  }

  private removeFiles(): void {
    try {
      if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    } finally {
      fs.rmSync(this.recordFile, { force: true });
      fs.rmSync(`${this.recordFile}.tmp`, { force: true });
    }
  }

  private detach(): void {
    for (const sig of SIGNALS) process.removeListener(sig, this.onSignal);
    process.removeListener('exit', this.onExit);
  }
}

/** A 0700 directory (and its missing parents, which are inside the 0700 work directory). */
function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** BIRD in the foreground under umask 077 (its log, socket and pid file are root's alone). */
function birdCommand(conf: string, sock: string, pidFile: string): string[] {
  return ['sh', '-c', 'umask 077 && exec "$@"', 'sh', 'bird', '-f', '-c', conf, '-s', sock, '-P', pidFile];
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
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

async function removeNamespaces(prefix: string, planned: readonly string[]): Promise<string[]> {
  const ours = ourNamespaces(prefix, planned);
  await mapLimit(ours, 8, async (ns) => {
    const pids = (await run('ip', ['netns', 'pids', ns], { timeoutMs: 3000 })).stdout.split('\n').map(Number).filter((n) => n > 0);
    for (const pid of pids) signalPid(pid, 'SIGKILL');
  });
  if (ours.length) await run('ip', ['-force', '-batch', '-'], { input: `${ours.map((n) => `netns del ${n}`).join('\n')}\n`, timeoutMs: 20000 });
  return ours;
}

function removeNamespacesSync(prefix: string, planned: readonly string[]): void {
  let ours: string[];
  try {
    ours = ourNamespaces(prefix, planned);
  } catch {
    return;
  }
  for (const ns of ours) {
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

function tail(file: string, lines: number): string {
  try {
    return lastLines(fs.readFileSync(file, 'utf8'), lines);
  } catch {
    return 'no output';
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** Default BGP timers per half, scaled. */
function scaledTimers(h: TunnelHalf, scale: number): BgpTimers {
  const hold = Math.max(3, Math.round((h.bgp?.holdTimeSeconds ?? 30) / scale));
  const keepalive = Math.max(1, Math.min(Math.floor(hold / 3), Math.round((h.bgp?.keepaliveSeconds ?? 10) / scale)));
  return { holdSeconds: hold, keepaliveSeconds: keepalive };
}

// ---------------------------------------------------------------------------------------------
// Diagnosis: the verdict comes from the daemons; the reason names what differs.

/** Classifies an IKE failure from the initiator's swanctl output and the responder's log. */
export function classifyIkeFailure(initiatorOut: string, responderLog: string, halves: readonly [TunnelHalf, TunnelHalf]): { code: FailureCode; reason: string } {
  const [ini, resp] = halves;
  const strip = (l: string) => l.replace(/^.*?\[(IKE|CFG|ENC|NET|CHD)\]\s*/, '').trim();
  const lines = initiatorOut.split('\n');
  const last = strip(lines.filter((l) => /\[(IKE|CFG)\]/.test(l)).pop() ?? lines.filter(Boolean).pop() ?? '');
  const said = (re: RegExp) => responderLog.split('\n').filter((l) => re.test(l)).map(strip);
  const fp = (h: TunnelHalf) => (h.psk ? `fp:${h.psk.fingerprint}` : 'none');
  const versions = (h: TunnelHalf) => (h.ikeVersion === 0 ? 'IKEv1/IKEv2' : `IKEv${h.ikeVersion}`);
  const list = (xs: readonly string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')}, … (${xs.length})` : xs.join(', '));
  const versionsMeet = ini.ikeVersion === 0 || resp.ikeVersion === 0 || ini.ikeVersion === resp.ikeVersion;
  const has = (re: RegExp) => re.test(initiatorOut);

  if (has(/AUTHENTICATION_FAILED|AUTH_FAILED/) || said(/MAC mismatched/).length) {
    const mac = said(/MAC mismatched/)[0];
    const noPeer = said(/no matching peer config found/)[0];
    if (noPeer && !mac) return { code: 'identity-mismatch', reason: `AUTHENTICATION_FAILED: the responder found no peer config for the identities (${noPeer}); ${ini.label} is '${ini.localId}' expecting '${ini.remoteId}', ${resp.label} is '${resp.localId}' expecting '${resp.remoteId}'` };
    return { code: 'psk-mismatch', reason: `AUTHENTICATION_FAILED${mac ? ` (responder: ${mac})` : ''}: pre-shared keys ${fp(ini)} (${ini.label}) and ${fp(resp)} (${resp.label})${ini.psk?.fingerprint === resp.psk?.fingerprint ? ' are the same: look at the identities' : ' differ'}` };
  }
  if (has(/NO_PROPOSAL_CHOSEN notify, no CHILD_SA built/) || said(/no acceptable proposal found/).length) {
    const got = said(/received proposals: ESP/)[0];
    return { code: 'esp-proposal-mismatch', reason: `ESP NO_PROPOSAL_CHOSEN: ${ini.label} offers ${list(ini.esp.offers)}; ${resp.label} accepts ${list(resp.esp.accepts)}${got ? ` (responder ${got})` : ''}` };
  }
  if (has(/TS_UNACCEPTABLE/)) {
    return { code: 'ts-mismatch', reason: `TS_UNACCEPTABLE: ${ini.label} proposes ${ini.localTs.join(',')} ⇄ ${ini.remoteTs.join(',')}; ${resp.label} has ${resp.localTs.join(',')} ⇄ ${resp.remoteTs.join(',')}` };
  }
  if (!versionsMeet && (has(/NO_PROP|NO_PROPOSAL_CHOSEN|INVALID_MAJOR_VERSION|retransmit|peer not responding/) || said(/no IKE config found|unsupported IKE version|INVALID_MAJOR_VERSION/).length)) {
    const r = said(/no IKE config found|unsupported IKE version|INVALID_MAJOR_VERSION/)[0];
    return { code: 'ike-version-mismatch', reason: `${ini.label} speaks ${versions(ini)}, ${resp.label} only ${versions(resp)}${r ? ` (responder: ${r})` : ''}` };
  }
  if (has(/N\(NO_PROP\)|NO_PROPOSAL_CHOSEN|INVALID_KE_PAYLOAD/) || said(/received proposals unacceptable|no IKE config found/).length) {
    return { code: 'ike-proposal-mismatch', reason: `IKE NO_PROPOSAL_CHOSEN: ${ini.label} offers ${list(ini.ikeProposals)}; ${resp.label} accepts ${list(resp.ikeProposals)}` };
  }
  if (has(/giving up after|peer not responding/)) {
    if (ini.psk?.fingerprint !== resp.psk?.fingerprint && (ini.ikeVersion === 1 || resp.ikeVersion === 1)) {
      return { code: 'psk-mismatch', reason: `${last}: pre-shared keys ${fp(ini)} and ${fp(resp)} differ (IKEv1 main mode fails without a notify)` };
    }
    return { code: 'peer-not-responding', reason: `${last}: ${resp.label} at ${resp.outsideAddress} did not answer ${ini.label}` };
  }
  return { code: 'ike-failed', reason: last || 'IKE negotiation failed' };
}

/** Classifies a BGP session that did not come up. */
export function classifyBgpFailure(states: readonly [BgpProtocolState | undefined, BgpProtocolState | undefined], halves: readonly [TunnelHalf, TunnelHalf]): { code: FailureCode; reason: string } {
  const [a, b] = halves;
  const text = states.map((s, i) => `${halves[i].label}: ${s?.state ?? 'no answer'}${s?.lastError || s?.info ? ` (${s?.lastError || s?.info})` : ''}`).join('; ');
  if (/Bad peer AS/i.test(text)) {
    return { code: 'bgp-peer-as', reason: `Bad peer AS: ${a.label} expects AS ${a.bgp?.peerAsn} and is AS ${a.bgp?.localAsn}; ${b.label} expects AS ${b.bgp?.peerAsn} and is AS ${b.bgp?.localAsn}` };
  }
  if (a.bgp?.passive && b.bgp?.passive) return { code: 'bgp-both-passive', reason: 'both ends wait for the other to open the BGP session (passive)' };
  if (a.inside && b.inside && (a.inside.address !== b.inside.peerAddress || b.inside.address !== a.inside.peerAddress)) {
    return { code: 'bgp-inside-address', reason: `inside addresses do not pair: ${a.label} is ${a.inside.address} expecting ${a.inside.peerAddress}; ${b.label} is ${b.inside.address} expecting ${b.inside.peerAddress} (BGP ${text})` };
  }
  return { code: 'bgp-failed', reason: `BGP not Established: ${text}` };
}

// ---------------------------------------------------------------------------------------------

/** Claims a run id, lays the lab out and creates its record and work directory. */
function openLab(sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[], opts: LabOptions): Lab {
  const recordDir = labRecordDir();
  const runId = claimRunId(opts.runId, recordDir);
  let plan: LabPlan;
  try {
    plan = planLab(runId, sites, tunnels);
  } catch (e) {
    fs.rmSync(path.join(recordDir, `${runId}.json`), { force: true });
    throw e;
  }
  return new Lab(plan, opts, recordDir);
}

/** Brings every tunnel up and checks it; always cleans up. */
export async function runLab(sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[], opts: LabOptions = {}): Promise<LabRun> {
  const started = Date.now();
  const lab = openLab(sites, tunnels, opts);
  const plan = lab.plan;
  try {
    const phase = phaseTimer(started);
    await lab.buildNetwork();
    phase('network');
    const decisions = new Map<string, { initiates: boolean; createsChildren: boolean }>();
    for (const t of tunnels) {
      for (const side of [0, 1] as const) {
        const e = plan.endpoints.find((x) => x.tunnel === t.id && x.side === side)!;
        decisions.set(e.name, { initiates: t.initiator === side, createsChildren: t.rekeyer === side });
      }
    }
    await lab.startDaemons(decisions, () => FAST_RETRANSMITS, (h) => scaledTimers(h, 1), 1, false);
    phase('charons started');
    const charonProblems = await lab.readyCharons();
    phase('charons ready + loaded');
    const outcomes = new Map<string, TunnelOutcome>();
    await mapLimit(tunnels, 16, async (t) => {
      const o = await negotiate(lab, t, charonProblems, opts.bgpDeadlineMs ?? 10000);
      outcomes.set(t.id, o);
      if (o.failure) opts.onTunnel?.(t.id, o);
    });
    phase('IKE/CHILD/rekey/BGP');
    lab.sampleMemory();
    await pingAll(lab, tunnels, outcomes, (id) => opts.onTunnel?.(id, outcomes.get(id)!));
    lab.sampleMemory();
    phase('pings');
    const outside = await lab.outsideCounters();
    if (outside && outside.plainIcmp > 0) {
      for (const [id, o] of outcomes) if (o.ping?.ok) outcomes.set(id, { ...o, notes: [...o.notes, `the outside saw ${outside.plainIcmp} plain ICMP packet(s)`] });
    }
    return {
      outcomes, namespaces: plan.namespaces.length, daemons: lab.daemonCount,
      peakRssKb: lab.peakRssKb, peakPssKb: lab.peakPssKb, seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await lab.cleanup();
    if (process.env.CCVPN_VERIFY_TIMING) process.stderr.write(`[verify timing] cleanup done at ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
  }
}

/** Phase timings on stderr with CCVPN_VERIFY_TIMING=1. */
function phaseTimer(started: number): (name: string) => void {
  let last = started;
  return (name) => {
    if (!process.env.CCVPN_VERIFY_TIMING) return;
    const now = Date.now();
    process.stderr.write(`[verify timing] ${name}: +${((now - last) / 1000).toFixed(2)} s (at ${((now - started) / 1000).toFixed(2)} s)\n`);
    last = now;
  };
}

function endpointOf(lab: Lab, t: LabTunnelSpec, side: 0 | 1): EndpointRuntime {
  return lab.runtime(lab.plan.endpoints.find((e) => e.tunnel === t.id && e.side === side)!.name);
}

/** IKE, CHILD, rekey and BGP for one tunnel. */
async function negotiate(lab: Lab, t: LabTunnelSpec, charonProblems: ReadonlyMap<string, string | undefined>, bgpDeadlineMs: number): Promise<TunnelOutcome> {
  const started = Date.now();
  const sides = [endpointOf(lab, t, 0), endpointOf(lab, t, 1)] as const;
  const notes: string[] = [];
  const elapsed = () => (Date.now() - started) / 1000;
  const fail = (code: FailureCode, reason: string, partial: Partial<TunnelOutcome> = {}): TunnelOutcome => ({
    id: t.id, ike: partial.ike ?? { ok: false, summary: 'failed' }, ...partial, failure: { code, reason }, seconds: elapsed(), notes,
  });
  for (const rt of sides) {
    const problem = charonProblems.get(rt.e.name);
    if (problem) return fail('lab-error', `${rt.e.half.label}: ${problem}`);
  }
  const ini = sides[t.initiator];
  const resp = sides[1 - t.initiator];
  lab.markLog(resp);
  lab.markLog(ini);
  // A deadline for slow machines only: an unanswered IKE_SA_INIT fails after charon's retransmits
  // (~3 s); a loaded machine may need longer than that for an exchange that succeeds.
  const initiate = await lab.swanctl(ini, ['--initiate', '--child', 'tun', '--timeout', '20'], 25000);
  const output = initiate.stdout + initiate.stderr;
  if (process.env.CCVPN_VERIFY_DEBUG) process.stderr.write(`--- ${t.id} initiator\n${output}\n--- responder log\n${lab.logSince(resp)}\n`);
  const [sa0, sa1] = await Promise.all([lab.sas(sides[0]), lab.sas(sides[1])]);
  const ikeUp = sa0.ike?.state === 'ESTABLISHED' && sa1.ike?.state === 'ESTABLISHED';
  const childUp = sa0.child?.state === 'INSTALLED' && sa1.child?.state === 'INSTALLED';
  const iniSa = t.initiator === 0 ? sa0 : sa1;
  const ikeProposal = proposalText(iniSa.ike);
  const espProposal = proposalText(iniSa.child);
  const version = iniSa.ike?.version ? `IKEv${iniSa.ike.version}` : undefined;
  const proposal = ikeProposal ? `${version} ${ikeProposal}${espProposal ? ` | ${espProposal}` : ''}` : undefined;
  if (initiate.code !== 0 || !ikeUp || !childUp) {
    const responderLog = lab.logSince(resp);
    const failure = classifyIkeFailure(output + lab.logSince(ini), responderLog, t.initiator === 0 ? t.halves : [t.halves[1], t.halves[0]]);
    const ike: CheckResult = ikeUp ? { ok: true, summary: 'ESTABLISHED' } : { ok: false, summary: failure.code };
    const child: CheckResult | undefined = ikeUp ? { ok: false, summary: failure.code } : undefined;
    return fail(failure.code, failure.reason, { ike, child, proposal });
  }
  const ike: CheckResult = { ok: true, summary: `ESTABLISHED ${version}` };
  const ts = `${listText(iniSa.child?.['local-ts'])}⇄${listText(iniSa.child?.['remote-ts'])}`;
  for (const [i, sa] of [sa0, sa1].entries()) {
    const h = t.halves[i];
    const got = listText(sa.child?.['local-ts']);
    if (got !== h.localTs.join(',')) notes.push(`${h.label}: traffic selectors narrowed to ${got} (configured ${h.localTs.join(',')})`);
  }

  // Rekey the CHILD SA once from the side that rekeys first: PFS is negotiated only there (IKEv2).
  const rekeyer = sides[t.rekeyer];
  const before = (t.rekeyer === 0 ? sa0 : sa1).child;
  lab.markLog(rekeyer);
  await lab.swanctl(rekeyer, ['--rekey', '--child', 'tun'], 5000);
  const rekeyed = await poll(async () => {
    const s = await lab.sas(rekeyer);
    if (s.children.some((c) => c.state === 'INSTALLED' && c['spi-in'] !== before?.['spi-in'])) return 'ok';
    const log = lab.logSince(rekeyer);
    if (/NO_PROPOSAL_CHOSEN|no acceptable proposal|failed to establish CHILD_SA|INVALID_KE_PAYLOAD/.test(log) && /CHILD_SA rekeying failed|NO_PROPOSAL_CHOSEN|failed/.test(log)) return 'failed';
    return undefined;
  }, 10000, 100); // a rejected rekey shows in the log at once; the deadline is for slow machines
  if (rekeyed !== 'ok') {
    const log = lab.logSince(rekeyer).split('\n').filter((l) => /NO_PROPOSAL|proposal|failed|INVALID_KE/.test(l)).map((l) => l.replace(/^.*?\[(IKE|CFG|ENC|CHD)\]\s*/, '')).slice(0, 2).join('; ');
    return fail('rekey-failed', `CHILD SA rekey by ${t.halves[t.rekeyer].label} failed${log ? `: ${log}` : ' (no new CHILD SA within 10 s)'}; offers ${t.halves[t.rekeyer].esp.offers.join(', ')} vs accepts ${t.halves[1 - t.rekeyer].esp.accepts.join(', ')}`,
      { ike, child: { ok: false, summary: 'rekey failed' }, proposal });
  }
  const rekeyedSa = await lab.sas(sides[t.initiator]);
  const pfs = rekeyedSa.children.filter((c) => c.state === 'INSTALLED').map((c) => c['dh-group']).filter((g): g is string => typeof g === 'string').pop();
  const child: CheckResult = { ok: true, summary: `INSTALLED, rekeyed${pfs ? ` (PFS ${pfs})` : ' (no PFS)'}`, detail: ts };

  if (t.halves[0].routing !== 'bgp' || t.halves[1].routing !== 'bgp') {
    if (t.halves[0].routing === 'bgp' || t.halves[1].routing === 'bgp') {
      return fail('bgp-failed', `one half runs BGP (${t.halves.map((h) => `${h.label}: ${h.routing}`).join(', ')}), the other does not`, { ike, child, proposal });
    }
    return { id: t.id, ike, child, bgp: { ok: true, summary: `- (${t.halves[0].routing})` }, proposal: `${proposal}${pfs ? '' : ''}`, seconds: elapsed(), notes };
  }
  // BGP: both endpoints' BIRD, Established, each has learned every network the other announces.
  await Promise.all(sides.map((rt) => lab.startEndpointBird(rt.e.name)));
  // Each side must learn what the other announces, less what its cloud refuses (routing.ts).
  const want = ([0, 1] as const).map((i) => {
    const refused = new Set(rejectedRoutes(t.halves[i], t.halves[1 - i]).map((x) => x.prefix));
    return t.halves[1 - i].advertise.filter((n) => !refused.has(n));
  });
  let last: [BgpProtocolState | undefined, BgpProtocolState | undefined] = [undefined, undefined];
  const birdStarted = Date.now();
  const established = await poll(async () => {
    last = [await lab.bgpState(sides[0].e.name), await lab.bgpState(sides[1].e.name)];
    if (last.some((s) => /Bad peer AS/i.test(`${s?.info} ${s?.lastError}`))) return 'failed';
    // Settled failures: nobody connects, or the neighbour address is not across the tunnel.
    const settled = Date.now() - birdStarted > 4000;
    if (settled && t.halves.every((h) => h.bgp?.passive)) return 'failed';
    if (settled && last.every((s) => s?.state !== 'Established') && last.some((s) => /No route to host/i.test(`${s?.info} ${s?.lastError}`))) return 'failed';
    if (!last.every((s) => s?.state === 'Established')) return undefined;
    const learned = await Promise.all(sides.map((rt) => lab.bgpRoutes(rt.e.name)));
    return want.every((w, i) => w.every((n) => learned[i].includes(n))) ? 'ok' : undefined;
  }, bgpDeadlineMs, 100);
  let lateOk = false;
  if (established !== 'ok' && last.every((s) => s?.state === 'Established')) {
    const learned = await Promise.all(sides.map((rt) => lab.bgpRoutes(rt.e.name)));
    const missing = want.flatMap((w, i) => w.filter((n) => !learned[i].includes(n)).map((n) => `${t.halves[i].label} did not learn ${n}`));
    // Learned between the last poll and the deadline (a loaded machine): up, not a failure.
    if (missing.length) return fail('prefix-missing', missing.join('; '), { ike, child, bgp: { ok: false, summary: 'Established, prefixes missing' }, proposal });
    lateOk = true;
  }
  if (established !== 'ok' && !lateOk) {
    const f = classifyBgpFailure(last, t.halves);
    return fail(f.code, f.reason, { ike, child, bgp: { ok: false, summary: last.map((s) => s?.state ?? '?').join('/') }, proposal });
  }
  const bgp: CheckResult = { ok: true, summary: `Established ${t.halves[0].bgp!.localAsn}~${t.halves[1].bgp!.localAsn}`, detail: `learned ${want[0].join(',')} / ${want[1].join(',')}` };
  return { id: t.id, ike, child, bgp, proposal, seconds: elapsed(), notes };
}

function listText(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '?';
}

/**
 * Pings through each healthy tunnel, one per probe (a network behind side 0 → a network behind
 * side 1; without probes, the two sites' first host addresses): each site router must already
 * route the other end's host address to this tunnel's endpoint with the routes the lab installed
 * from the output (static routes, BGP-learned routes) — else `route-missing`, naming the address,
 * the side and the route it has instead; then both routers get a /32 for the two host addresses
 * via this tunnel (so the tunnel under test carries them, not a sibling), the host pings from its
 * address in the source network, and the CHILD SA byte counters of both halves must rise.
 * Tunnels between the same two sites take turns.
 */
async function pingAll(lab: Lab, tunnels: readonly LabTunnelSpec[], outcomes: Map<string, TunnelOutcome>, done: (id: string) => void): Promise<void> {
  const pairs = new Map<string, LabTunnelSpec[]>();
  for (const t of tunnels) {
    if (outcomes.get(t.id)?.failure) continue;
    const key = [t.halves[0].site, t.halves[1].site].sort().join(' ');
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key)!.push(t);
  }
  await mapLimit([...pairs.values()], 4, async (list) => {
    for (const t of list) {
      const o = outcomes.get(t.id)!;
      const result = await pingThrough(lab, t);
      outcomes.set(t.id, result.ok
        ? { ...o, ping: result }
        : { ...o, ping: result, failure: { code: result.code ?? (result.summary.startsWith('ESP') ? 'esp-not-used' : 'ping-failed'), reason: result.detail ?? result.summary } });
      done(t.id);
    }
  });
}

async function kernelRoutes(ns: string): Promise<KernelRoute[]> {
  const r = await run('ip', ['-n', ns, '-j', 'route', 'show'], { timeoutMs: 3000 });
  try {
    return r.code === 0 ? (JSON.parse(r.stdout) as KernelRoute[]) : [];
  } catch {
    return [];
  }
}

async function pingThrough(lab: Lab, t: LabTunnelSpec): Promise<CheckResult & { code?: FailureCode }> {
  const sides = [endpointOf(lab, t, 0), endpointOf(lab, t, 1)] as const;
  const sites = sides.map((rt) => lab.plan.sites.find((s) => s.key === rt.e.site)!);
  const probes = (t.probes?.length ? t.probes.map((p) => ({ net: [p.from, p.to], address: [hostAddressFor(sites[0], p.from), hostAddressFor(sites[1], p.to)] }))
    : t.probes ? [] : [{ net: [sites[0].networks[0], sites[1].networks[0]], address: [sites[0].hostAddress, sites[1].hostAddress] }]);
  if (!probes.length) return { ok: true, summary: '- (no probe)', detail: 'every network pair is a route gap' };
  const before = await Promise.all(sides.map((rt) => lab.childCounters(rt)));
  let sent = 0;
  let received = 0;
  const rtts: number[] = [];
  for (const p of probes) {
    const [from, to] = p.address;
    if (!from || !to) return { ok: false, summary: 'no host', detail: `internal: no test host address in ${p.net.join(' / ')}`, code: 'lab-error' };
    // The routes the lab installed from the output must send each end's address into this tunnel.
    for (const i of [0, 1] as const) {
      const dest = i === 0 ? to : from;
      const via = routeVia(await kernelRoutes(sites[i].routerNs), dest, sides[i].e.linkAddress);
      if (!via.ok) {
        return {
          ok: false, summary: 'route-missing', code: 'route-missing',
          detail: `${t.halves[i].label} has no route into this tunnel for ${p.net[1 - i]} (${dest}): ${via.why}`,
        };
      }
    }
    const steer = async (add: boolean) => {
      for (const [i, dest] of [[0, to], [1, from]] as const) {
        const args = add ? ['route', 'replace', `${dest}/32`, 'via', sides[i].e.linkAddress] : ['route', 'del', `${dest}/32`, 'via', sides[i].e.linkAddress];
        await run('ip', ['-n', sites[i].routerNs, ...args], { timeoutMs: 3000 });
      }
    };
    await steer(true);
    try {
      const r = await run('ip', ['netns', 'exec', sites[0].hostNs, 'ping', '-n', '-q', '-c', '2', '-i', '0.05', '-W', '2', '-I', from, to], { timeoutMs: 8000 });
      const m = /(\d+) packets transmitted, (\d+) received/.exec(r.stdout);
      const rtt = /= [\d.]+\/([\d.]+)\//.exec(r.stdout)?.[1];
      const s = Number(m?.[1] ?? 2);
      const got = Number(m?.[2] ?? 0);
      sent += s;
      received += got;
      if (rtt) rtts.push(Number(rtt));
      if (got === 0) {
        return { ok: false, summary: `${received}/${sent}`, detail: `no reply from ${to} (${sites[1].key}, ${p.net[1]}) to ${from} (${sites[0].key}, ${p.net[0]}) through this tunnel` };
      }
    } finally {
      await steer(false);
    }
  }
  const after = await Promise.all(sides.map((rt) => lab.childCounters(rt)));
  const summary = `${received}/${sent}${rtts.length ? ` ${(rtts.reduce((a, b) => a + b, 0) / rtts.length).toFixed(3)} ms` : ''}${probes.length > 1 ? ` (${probes.length} network pairs)` : ''}`;
  const unread = [0, 1].filter((i) => !before[i] || !after[i]).map((i) => t.halves[i].label);
  if (unread.length) return { ok: false, summary: `ESP ${summary}`, detail: `replies arrived but the CHILD SA counters of ${unread.join(' and ')} could not be read (swanctl --list-sas failed 3 times)` };
  // SA by SA: a CHILD SA rekeyed before the ping may be deleted during it, taking its counters.
  const delta = [0, 1].map((i) => espDelta(before[i]!, after[i]!));
  if (delta.some((d) => d.bytesIn <= 0 || d.bytesOut <= 0)) {
    const churn = delta.map((d) => (d.vanished || d.appeared ? ` (${d.vanished} CHILD SA(s) deleted, ${d.appeared} new between the readings)` : ''));
    return { ok: false, summary: `ESP ${summary}`, detail: `replies arrived but the CHILD SA counters did not rise on both halves (${delta.map((d, i) => `+${d.bytesOut} out/+${d.bytesIn} in${churn[i]}`).join(', ')})` };
  }
  return { ok: true, summary, detail: `${probes.map((p) => `${p.net[0]} → ${p.net[1]}`).join(', ')}; ESP bytes ${delta.map((d) => `+${d.bytesOut}/+${d.bytesIn}`).join(' ')}` };
}

// ---------------------------------------------------------------------------------------------
// Failover: one tunnel of an active-active pair dies while traffic flows.

/** Charon retransmits that make IKEv2 DPD give up after the cloud's DPD timeout (scaled). */
function dpdRetransmits(h: TunnelHalf, scale: number): CharonTimers {
  if (!h.dpd) return FAST_RETRANSMITS;
  // strongSwan: probe after dpd_delay without inbound traffic, then 3 transmissions (tries 2,
  // base 1) of retransmit_timeout each: detection = delay + 3 × timeout ≈ the cloud's DPD timeout.
  const rest = Math.max(h.dpd.timeoutSeconds - h.dpd.delaySeconds, 1);
  return { retransmitTimeout: Math.max(0.05, rest / 3 / scale), retransmitBase: 1, retransmitTries: 2 };
}

/** When a half notices a silent peer: DPD (delay + timeout) or the BGP hold timer, real seconds. */
function detection(dead: TunnelHalf, watcher: TunnelHalf): { seconds: number; by: string; hold: number; dpd?: number } {
  const hold = Math.min(dead.bgp?.holdTimeSeconds ?? 90, watcher.bgp?.holdTimeSeconds ?? 90);
  const dpd = watcher.dpd ? Math.max(watcher.dpd.timeoutSeconds, watcher.dpd.delaySeconds) : undefined;
  return dpd !== undefined && dpd < hold ? { seconds: dpd, by: 'DPD', hold, dpd } : { seconds: hold, by: 'BGP hold timer', hold, dpd };
}

/** Options of `runFailover`. */
export interface FailoverOptions extends LabOptions {
  /** Divide every cloud timer by this; outages are reported scaled back. @default 10 */
  readonly timerScale?: number;
}

/**
 * Measures failover for every pair of sites joined by two or more BGP tunnels: in a lab whose
 * BGP hold, keepalive and DPD timers are each cloud's own divided by `timerScale`, the tunnel
 * that carries the test flow's return traffic loses its first-side endpoint (charon killed:
 * no DELETE is sent), while the sites' test hosts ping each other every 20 ms. Reports whether
 * traffic continued over the other tunnels, the longest gap (scaled back) and what made the far
 * side notice (its BIRD and charon logs).
 */
export async function runFailover(sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[], opts: FailoverOptions = {}): Promise<FailoverResult[]> {
  const scale = opts.timerScale ?? 10;
  const lab = openLab(sites, tunnels, opts);
  const plan = lab.plan;
  try {
    await lab.buildNetwork();
    const decisions = new Map<string, { initiates: boolean; createsChildren: boolean }>();
    for (const t of tunnels) {
      for (const side of [0, 1] as const) {
        decisions.set(plan.endpoints.find((x) => x.tunnel === t.id && x.side === side)!.name, { initiates: t.initiator === side, createsChildren: t.rekeyer === side });
      }
    }
    await lab.startDaemons(decisions, (h) => dpdRetransmits(h, scale), (h) => scaledTimers(h, scale), scale, false);
    const problems = await lab.readyCharons();
    const up = new Set<string>();
    await mapLimit(tunnels, 16, async (t) => {
      const o = await negotiate(lab, t, problems, opts.bgpDeadlineMs ?? 15000);
      if (!o.failure) up.add(t.id);
    });
    const bySites = new Map<string, LabTunnelSpec[]>();
    for (const t of tunnels) {
      const key = `${t.halves[0].site}|${t.halves[1].site}`;
      if (!bySites.has(key)) bySites.set(key, []);
      bySites.get(key)!.push(t);
    }
    const results = await Promise.all([...bySites.values()].map((list) => failoverCase(lab, list.filter((t) => up.has(t.id)), list, scale)));
    return results;
  } finally {
    await lab.cleanup();
  }
}

async function failoverCase(lab: Lab, upTunnels: readonly LabTunnelSpec[], all: readonly LabTunnelSpec[], scale: number): Promise<FailoverResult> {
  const [siteA, siteB] = [all[0].halves[0].site, all[0].halves[1].site].map((k) => lab.plan.sites.find((s) => s.key === k)!);
  const sites = `${siteA.key} ⇄ ${siteB.key}`;
  const base = { sites, continued: false, outageSeconds: 0, detectedBy: '-', timers: '-', ok: false };
  if (upTunnels.length < 2) return { ...base, tunnel: all[0].id, detail: `only ${upTunnels.length} of ${all.length} tunnel(s) came up with scaled timers: nothing to fail over to` };
  // Which tunnel carries the flow's return traffic (B → A): its B half's ESP bytes rise.
  const reading = (t: LabTunnelSpec) => lab.childCounters(endpointOf(lab, t, 1));
  const before = await Promise.all(upTunnels.map(reading));
  await run('ip', ['netns', 'exec', siteA.hostNs, 'ping', '-n', '-q', '-c', '5', '-i', '0.02', '-W', '1', siteB.hostAddress], { timeoutMs: 5000 });
  const after = await Promise.all(upTunnels.map(reading));
  const deltas = after.map((a, i) => (before[i] && a ? espDelta(before[i]!, a).bytesOut : 0));
  const carrier = upTunnels[deltas.indexOf(Math.max(...deltas))];
  if (Math.max(...deltas) <= 0) return { ...base, tunnel: upTunnels[0].id, detail: 'the test flow crossed no tunnel before the failure' };
  const dead = endpointOf(lab, carrier, 0);
  const watcher = endpointOf(lab, carrier, 1);
  const expect = detection(carrier.halves[0], carrier.halves[1]);
  const timers = `BGP hold ${expect.hold} s (${carrier.halves.map((h) => `${h.cloud} ${h.bgp?.holdTimeSeconds ?? '-'}`).join(', ')}), ${carrier.halves[1].cloud} DPD ${carrier.halves[1].dpd ? `${carrier.halves[1].dpd.delaySeconds}/${carrier.halves[1].dpd.timeoutSeconds} s` : 'off'}; every timer ÷${scale} in the lab`;
  const window = expect.seconds / scale * 2 + 2;
  lab.markLog(watcher);
  const birdLogStart = fileSize(watcher.paths.birdLog);
  // A count, not a deadline: with `-w`, iputils ping exits at the first ICMP error, and the dead
  // endpoint answers "network unreachable" while its BGP still holds the route (its TUN device
  // is gone) whenever the forward path hashes onto it.
  const ping = run('ip', ['netns', 'exec', siteA.hostNs, 'ping', '-D', '-n', '-O', '-i', '0.02', '-W', '0.5', '-c', String(Math.ceil((window + 1) / 0.02)), siteB.hostAddress], { timeoutMs: (window + 5) * 1000 });
  await sleep(600);
  const killedAt = Date.now() / 1000;
  lab.killCharon(dead.e.name, 'SIGKILL');
  const pinged = await ping;
  const out = pinged.stdout;
  const replies = [...out.matchAll(/^\[(\d+\.\d+)\] \d+ bytes from/gm)].map((m) => Number(m[1]));
  let gap = 0;
  let gapEnd = 0;
  for (let i = 1; i < replies.length; i++) {
    if (replies[i] < killedAt) continue;
    const g = replies[i] - Math.max(replies[i - 1], killedAt);
    if (g > gap) {
      gap = g;
      gapEnd = replies[i];
    }
  }
  const last = replies[replies.length - 1] ?? 0;
  const continued = last > killedAt && (gapEnd === 0 || last >= gapEnd);
  const bird = readFrom(watcher.paths.birdLog, birdLogStart);
  const charon = lab.logSince(watcher);
  const detectedBy = /Hold timer expired/.test(bird) ? 'BGP hold timer expired'
    : /giving up after/.test(charon) ? 'DPD (charon gave up, inside address removed, BGP neighbour lost)'
      : /Neighbor lost/.test(bird) ? 'BGP neighbour lost'
        : /BFD session down/.test(bird) ? 'BFD' : 'not seen in the logs';
  const outageSeconds = Math.round(gap * scale * 10) / 10;
  return {
    tunnel: carrier.id, sites, continued, outageSeconds, detectedBy, timers,
    ok: continued,
    detail: continued
      ? `${carrier.halves[0].label} died (crash, no DELETE); ${carrier.halves[1].label} kept sending into it until ${expect.by} (expected ≤ ~${expect.seconds} s)`
      : `no reply after the failure within ${(window * scale).toFixed(0)} s (scaled back): traffic did not move to the other ${upTunnels.length - 1} tunnel(s)`
        + ` [ping exit ${pinged.code} after ${(pinged.ms / 1000).toFixed(1)} s, ${replies.length} replies, ${replies.filter((r) => r > killedAt).length} after the kill; ${pinged.stderr.trim().split('\n').slice(-2).join(' | ') || 'no stderr'}; ping said: ${out.trim().split('\n').slice(-3).join(' | ')}; watcher BIRD: ${bird.trim().split('\n').slice(-3).join(' | ') || 'nothing logged'}]`,
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return fs.readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}
