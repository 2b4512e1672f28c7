/**
 * One lab's lifecycle: namespaces, links, addresses and the outside counters (`buildNetwork`),
 * the endpoints' files and daemons (charon per half, BIRD per BGP half and per site router),
 * readings of their state, and cleanup (running commands, daemons by pid, then namespaces, then
 * files and the record) on success, failure, exceptions, SIGINT, SIGTERM and SIGHUP — the signal
 * handlers stay attached until the cleanup is complete, so a signal during the cleanup finishes
 * it synchronously.
 *
 * Safety: only namespaces of the lab's claimed prefix (`host.ts`), no link to the host's own
 * namespace, only documentation-range outside addresses and the sites' own networks, a deadline
 * on every command, daemons with a minimal environment (never the caller's master secret), every
 * lab file in 0700 directories (key files 0600).
 * @internal
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BgpTimers, CharonTimers, EndpointPaths, UPDOWN_SCRIPT, endpointBirdConf, routerBirdConf, strongswanConf, swanctlConf,
} from '../daemon-config';
import { CommandResult, Daemon, Serial, isRunning, killRunningSync, mapLimit, mustRun, poll, procStat, run, sleep, sleepSync, startDaemon } from '../exec';
import { LabEndpoint, LabPlan, LabSiteSpec, LabTunnelSpec, linkCommands, namespaceCommands, planLab, staticRouterRoutes } from '../lab-plan';
import { BgpProtocolState, ChildCounters, SaState, childCounters, parseBirdProtocol, parseBirdRoutes, saState } from '../parse';
import type { CheckResult, FailureCode, TunnelHalf } from '../types';
import { birdControl, swanctlOverVici } from './control';
import { LaunchSpec, killLaunchersSync, launchDaemons } from './launch';
import {
  COMMAND_TIMEOUT_MS, LabRecord, SIGNALS, WORK_PREFIX, charonPath, claimRunId, labRecordDir, noteCreated, ownerIdentity, removeNamespaces, removeNamespacesSync, signalPid,
} from './host';

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

/** One endpoint of a running lab: its layout, files and daemons. */
export interface EndpointRuntime {
  readonly e: LabEndpoint;
  readonly paths: EndpointPaths & { readonly swanctl: string; readonly birdConf: string; readonly birdSock: string; readonly birdLog: string };
  charon?: Daemon;
  bird?: Daemon;
  /** The half the endpoint's files were last written for (the plan's, or a change's after-half). */
  half: TunnelHalf;
  /** Byte offset of charon.log at the last marker. */
  logMark: number;
}

/** One lab: created, run and cleaned up by `runLab`. */
export class Lab {
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
      noteCreated({ runId: plan.runId, prefix: plan.prefix, dir: this.dir, recordFile: this.recordFile });
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
    // One write per synchronous batch of starts (a 100-tunnel lab starts ~400 daemons in one
    // loop: a write each rewrote the growing record 400 times), before any await can yield.
    if (!this.recordDirty) {
      this.recordDirty = true;
      queueMicrotask(() => {
        this.recordDirty = false;
        if (!this.finished) this.saveRecord();
      });
    }
    return d;
  }

  private recordDirty = false;
  /** Daemon launchers still running (`launch.ts`). */
  private readonly launchers = new Set<ChildProcess>();

  private log(line: string): void {
    this.opts.progress?.(line);
  }

  public runtime(name: string): EndpointRuntime {
    return this.endpoints.get(name)!;
  }

  /**
   * Namespaces, links, addresses, routes and the outside counters; the site routers' static
   * routes only toward the endpoints `staticFor` selects (default: all).
   */
  public async buildNetwork(staticFor: (e: LabEndpoint) => boolean = () => true): Promise<void> {
    const p = this.plan;
    await mustRun('ip', ['-batch', '-'], { input: `${p.namespaces.map((n) => `netns add ${n}`).join('\n')}\n`, timeoutMs: 20000 });
    // A few spawned shells for all namespaces, side by side (a spawn costs the verifying process
    // 5-40 ms of blocked event loop, growing with its memory; the shell's own forks are cheap).
    // nsenter --net, not `ip netns exec`: /proc/sys/net is the entering process's namespace's,
    // and ip netns exec would also unshare a mount namespace and mount sysfs for each.
    await Promise.all(chunks(p.namespaces, SHELLS).map((group) => mustRun('sh', ['-c', 'for ns; do nsenter "--net=/run/netns/$ns" sysctl -q -w "net.ipv4.ip_forward=1" "net.ipv4.conf.all.rp_filter=0" "net.ipv4.conf.default.rp_filter=0" "net.ipv6.conf.all.disable_ipv6=1" "net.ipv6.conf.default.disable_ipv6=1" || { echo "sysctl in $ns failed" >&2; exit 1; }; done', 'sh', ...group], { timeoutMs: 60000 })));
    await mustRun('ip', ['-batch', '-'], { input: `${linkCommands(p).join('\n')}\n`, timeoutMs: 20000 });
    await this.batchPerNamespace('ns', namespaceCommands(p));
    await this.batchPerNamespace('static', staticRouterRoutes({ ...p, endpoints: p.endpoints.filter(staticFor) }));
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

  /** `ip -n <ns> -batch` for every namespace's lines, in a few spawned shells side by side (the files stay in the lab's folder). */
  private async batchPerNamespace(tag: string, perNs: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const args: string[][] = [];
    for (const [ns, lines] of perNs) {
      const file = path.join(this.dir, `${tag}-${ns}.ip`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      args.push([ns, file]);
    }
    await Promise.all(chunks(args, SHELLS).map((group) => mustRun('sh', ['-c', 'while [ $# -gt 1 ]; do ip -n "$1" -batch "$2" || { echo "ip -n $1 -batch failed" >&2; exit 1; }; shift 2; done', 'sh', ...group.flat()], { timeoutMs: 60000 })));
  }

  /** Plain ICMP packets "inet" forwarded (must stay 0: pings cross only encrypted). */
  public async outsideCounters(): Promise<{ plainIcmp: number; espUdp: number } | undefined> {
    const r = await run('ip', ['netns', 'exec', this.plan.inetNs, 'nft', 'list', 'counters', 'table', 'inet', 'ccvpn']);
    if (r.code !== 0) return undefined;
    const get = (name: string) => Number(new RegExp(`counter ${name} \\{\\s*packets (\\d+)`).exec(r.stdout)?.[1] ?? NaN);
    return { plainIcmp: get('plain_icmp'), espUdp: get('esp_udp') };
  }

  /**
   * Writes every endpoint's files and starts the charons and the site routers' BIRDs; with
   * `active`, only those endpoints (the others start later with `startEndpoint`).
   */
  public async startDaemons(decisions: ReadonlyMap<string, { initiates: boolean; createsChildren: boolean }>, charonTimers: (h: TunnelHalf) => CharonTimers, bgpTimers: (h: TunnelHalf) => BgpTimers, scale: number, bfd: boolean, active: (e: LabEndpoint) => boolean = () => true): Promise<void> {
    this.assertOpen();
    const p = this.plan;
    this.settings = { charonTimers, bgpTimers, scale, bfd };
    fs.writeFileSync(path.join(this.dir, 'updown.sh'), UPDOWN_SCRIPT, { mode: 0o700 });
    for (const e of p.endpoints) {
      if (active(e)) this.configure(e, e.half, decisions.get(e.name)!);
    }
    // charons first (they are the slow part), then the routers' BIRDs: one launcher for all.
    const specs: LaunchSpec[] = [...this.endpoints.values()].map((rt) => this.charonSpec(rt));
    const routers: { key: string; sock: string }[] = [];
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
      specs.push({ name: `bird r${s.index}`, file: 'ip', args: ['netns', 'exec', s.routerNs, ...birdCommand(conf, sock, path.join(dir, 'bird.pid'))], logFile: path.join(dir, 'bird.out') });
      routers.push({ key: s.key, sock });
    }
    const launched = await launchDaemons(specs, this.launchers);
    const charons = [...this.endpoints.values()];
    charons.forEach((rt, i) => { rt.charon = this.track(launched[i]); });
    routers.forEach((r, i) => this.routerBirds.set(r.key, { daemon: this.track(launched[charons.length + i]), sock: r.sock }));
  }

  /** Timers and options the daemons were started with (set by `startDaemons`). */
  private settings?: { charonTimers: (h: TunnelHalf) => CharonTimers; bgpTimers: (h: TunnelHalf) => BgpTimers; scale: number; bfd: boolean };

  /** Writes (or rewrites) the files of one endpoint for `half`; the runtime keeps its daemons. */
  private configure(e: LabEndpoint, half: TunnelHalf, d: { initiates: boolean; createsChildren: boolean }): EndpointRuntime {
    const st = this.settings!;
    const dir = path.join(this.dir, e.name);
    // Every endpoint's swanctl.conf in one folder, with the empty credential folders swanctl
    // looks for next to the file once (13 folders per endpoint before: 2,600 in a 100-tunnel lab).
    const swanDir = path.join(this.dir, 'swanctl');
    privateDir(path.join(dir, 'run'));
    if (!fs.existsSync(path.join(swanDir, 'pkcs12'))) {
      for (const sub of ['x509', 'x509ca', 'x509ocsp', 'x509aa', 'x509ac', 'x509crl', 'pubkey', 'private', 'rsa', 'ecdsa', 'bliss', 'pkcs8', 'pkcs12']) {
        privateDir(path.join(swanDir, sub));
      }
    }
    const paths = {
      dir, runDir: path.join(dir, 'run'), vici: path.join(dir, 'charon.vici'), charonLog: path.join(dir, 'charon.log'), updown: path.join(this.dir, 'updown.sh'),
      swanctl: path.join(swanDir, `${e.name}.swanctl.conf`), birdConf: path.join(dir, 'bird.conf'), birdSock: path.join(dir, 'bird.ctl'), birdLog: path.join(dir, 'bird.log'),
    };
    fs.writeFileSync(path.join(dir, 'strongswan.conf'), strongswanConf(paths, st.charonTimers(half)), { mode: 0o600 });
    fs.writeFileSync(paths.swanctl, swanctlConf(half, half.peerAddress!, paths, {
      initiates: d.initiates, createsChildren: d.createsChildren, timerScale: st.scale, insideFollowsSa: true,
    }), { mode: 0o600 });
    if (half.routing === 'bgp' && half.inside && half.bgp) {
      fs.writeFileSync(paths.birdConf, endpointBirdConf(half, {
        logFile: paths.birdLog, routerId: e.linkAddress, linkAddress: e.linkAddress, routerAddress: e.routerAddress, timers: st.bgpTimers(half), bfd: st.bfd,
      }), { mode: 0o600 });
    }
    const existing = this.endpoints.get(e.name);
    const rt: EndpointRuntime = existing ?? { e, paths, logMark: 0, half };
    rt.half = half;
    this.endpoints.set(e.name, rt);
    return rt;
  }

  /** How the charon of an endpoint starts (umask 077: what it creates is its own). */
  private charonSpec(rt: EndpointRuntime): LaunchSpec {
    return {
      name: `charon ${rt.e.name}`, file: 'ip', args: ['netns', 'exec', rt.e.ns, 'sh', '-c', 'umask 077 && mount --bind "$1" /run && exec "$2"', 'sh', rt.paths.runDir, charonPath()],
      logFile: path.join(rt.paths.dir, 'charon.out'), env: { STRONGSWAN_CONF: path.join(rt.paths.dir, 'strongswan.conf') },
    };
  }

  /** Starts the charon of one endpoint. */
  private startCharon(rt: EndpointRuntime): void {
    this.assertOpen();
    const c = this.charonSpec(rt);
    rt.charon = this.track(startDaemon(c.name, c.file, c.args, c.logFile, c.env));
  }

  /**
   * Waits for every (selected) charon's VICI socket, puts the inside addresses on ipsec0, loads
   * the configs; a problem per endpoint, `undefined` when it is ready.
   */
  public async readyCharons(only: (e: LabEndpoint) => boolean = () => true): Promise<Map<string, string | undefined>> {
    const problems = new Map<string, string | undefined>();
    const loaded: EndpointRuntime[] = [];
    await mapLimit([...this.endpoints.values()].filter((rt) => only(rt.e)), 32, async (rt) => {
      problems.set(rt.e.name, await this.readyCharon(rt, () => loaded.push(rt)));
    });
    // The BIRDs of every endpoint that got as far as loading its configuration, in one launch.
    this.assertOpen();
    const birds = loaded.filter((rt) => !rt.bird && fs.existsSync(rt.paths.birdConf));
    const launched = await launchDaemons(birds.map((rt) => this.birdSpec(rt)), this.launchers);
    birds.forEach((rt, i) => { rt.bird = this.track(launched[i]); });
    return problems;
  }

  /**
   * Readiness of one charon, its inside address and configuration; then its BIRD, or
   * `onLoaded` (the caller starts the BIRDs of a batch together).
   */
  private async readyCharon(rt: EndpointRuntime, onLoaded?: () => void): Promise<string | undefined> {
    // The socket file first (cheap; the run directory is fresh, so it cannot be stale), then VICI.
    const ready = await poll(async () => {
      if (rt.charon!.hasExited()) return 'exited';
      if (!fs.existsSync(rt.paths.vici)) return undefined;
      return (await this.swanctl(rt, ['--stats'], 3000)).code === 0 ? 'ok' : undefined;
    }, 15000, 50);
    if (ready !== 'ok') return `charon ${ready === 'exited' ? 'exited' : 'did not answer on VICI within 15 s'} (${tail(path.join(rt.paths.dir, 'charon.out'), 3)})`;
    // charon runs in the endpoint's namespace: its /proc/<pid>/net/dev lists that namespace's
    // devices (a file read, not a spawn per poll); `ip link show` only where /proc cannot tell.
    const tun = await poll(async () => {
      const seen = hasDevice(rt.charon!.pid, 'ipsec0');
      if (seen !== undefined) return seen ? true : undefined;
      return (await run('ip', ['-n', rt.e.ns, 'link', 'show', 'ipsec0'], { timeoutMs: 3000 })).code === 0 ? true : undefined;
    }, 5000, 20);
    if (!tun) return 'kernel-libipsec created no ipsec0 TUN device';
    const load = await this.loadBatched(rt);
    // BIRD now (its inside address exists): its 1 s connect delay overlaps with IKE.
    if (onLoaded) onLoaded();
    else await this.startEndpointBird(rt.e.name);
    return load.code !== 0 ? `swanctl --load-all failed: ${lastLines(load.output, 2)}` : undefined;
  }

  /**
   * Puts the inside address on ipsec0 and loads the configuration (`swanctl --load-all`) of an
   * endpoint, batched: endpoints that get here within 50 ms of each other (up to 25) share one
   * spawned shell, each swanctl under `timeout`, its output in `<endpoint>/load.out` (0600).
   */
  private loadBatched(rt: EndpointRuntime): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      this.loadQueue.push({ rt, resolve });
      if (this.loadQueue.length >= 25) this.flushLoads();
      else this.loadTimer ??= setTimeout(() => this.flushLoads(), 50);
    });
  }

  private loadQueue: { rt: EndpointRuntime; resolve: (r: { code: number | null; output: string }) => void }[] = [];
  private loadTimer?: NodeJS.Timeout;

  private flushLoads(): void {
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.loadTimer = undefined;
    const batch = this.loadQueue.splice(0);
    if (!batch.length) return;
    const seconds = Math.ceil(COMMAND_TIMEOUT_MS / 1000);
    const args = batch.flatMap(({ rt }) => [path.join(rt.paths.dir, 'load.out'), rt.e.ns, rt.half.inside?.address ?? '', rt.half.inside?.peerAddress ?? '',
      path.join(rt.paths.dir, 'strongswan.conf'), rt.paths.swanctl, `unix://${rt.paths.vici}`]);
    const script = `umask 077; while [ $# -ge 7 ]; do if [ -n "$3" ]; then ip -n "$2" addr replace "$3" peer "$4" dev ipsec0; fi; STRONGSWAN_CONF="$5" timeout -s KILL ${seconds} swanctl --load-all --file "$6" --uri "$7" >"$1" 2>&1; echo "$?"; shift 7; done`;
    void run('sh', ['-c', script, 'sh', ...args], { timeoutMs: COMMAND_TIMEOUT_MS * batch.length + 5000 }).then((r) => {
      const codes = r.stdout.trim().split('\n').map(Number);
      batch.forEach(({ rt, resolve }, i) => {
        const code = i < codes.length ? codes[i] : null;
        let output = '';
        try {
          output = code === 0 ? '' : fs.readFileSync(path.join(rt.paths.dir, 'load.out'), 'utf8');
        } catch {
          output = r.stderr;
        }
        resolve({ code: code === 137 ? null : code, output: code === 137 ? `timed out after ${seconds} s` : output });
      });
    });
  }

  /**
   * An endpoint that was not started with the others (a tunnel a change adds): its files for
   * `half`, its charon, readiness, configuration and BIRD. Returns a problem, or `undefined`.
   */
  public async startEndpoint(name: string, half: TunnelHalf, d: { initiates: boolean; createsChildren: boolean }): Promise<string | undefined> {
    const e = this.plan.endpoints.find((x) => x.name === name)!;
    const rt = this.configure(e, half, d);
    this.startCharon(rt);
    return this.readyCharon(rt);
  }

  /**
   * Reconfigures a live half as its cloud applies an update of its resource: the new swanctl.conf
   * loaded, BIRD's configuration re-read, then (`reset`) the tunnel reset: the IKE SA deleted,
   * which sends an IKE DELETE to the peer; the updown hook takes the inside address off ipsec0.
   */
  public async reconfigureHalf(name: string, half: TunnelHalf, d: { initiates: boolean; createsChildren: boolean }, reset = true): Promise<void> {
    const rt = this.configure(this.runtime(name).e, half, d);
    await this.swanctl(rt, ['--load-all', '--file', rt.paths.swanctl], COMMAND_TIMEOUT_MS);
    if (rt.bird && fs.existsSync(rt.paths.birdConf)) await this.birdc(rt.paths.birdSock, ['configure']);
    if (reset) await this.swanctl(rt, ['--terminate', '--ike', 'tun', '--timeout', '5'], 8000);
  }

  /**
   * Reconfigures a live half with a silent reset: its charon is killed (no DELETE reaches the
   * peer, as when a cloud re-provisions the tunnel endpoint) and started again with the new
   * configuration. The peer notices only through DPD or its BGP hold timer.
   */
  public async restartHalf(name: string, half: TunnelHalf, d: { initiates: boolean; createsChildren: boolean }): Promise<string | undefined> {
    const rt = this.configure(this.runtime(name).e, half, d);
    const old = rt.charon;
    if (old && !old.hasExited()) {
      signalPid(old.pid, 'SIGKILL');
      await Promise.race([old.exited, sleep(3000)]);
    }
    fs.rmSync(rt.paths.vici, { force: true });
    this.startCharon(rt);
    const problem = await this.readyCharon(rt);
    if (rt.bird && fs.existsSync(rt.paths.birdConf)) await this.birdc(rt.paths.birdSock, ['configure']);
    return problem;
  }

  /** Removes a half as its cloud deletes the resource: the IKE SA deleted (DELETE sent), then its daemons stopped. */
  public async stopEndpoint(name: string): Promise<void> {
    const rt = this.runtime(name);
    await this.swanctl(rt, ['--terminate', '--ike', 'tun', '--timeout', '3'], 5000);
    const ds = [rt.bird, rt.charon].filter((x): x is Daemon => !!x && !x.hasExited());
    for (const x of ds) signalPid(x.pid, 'SIGTERM');
    await Promise.race([Promise.all(ds.map((x) => x.exited)), sleep(3000)]);
    for (const x of ds) if (!x.hasExited()) signalPid(x.pid, 'SIGKILL');
  }

  /**
   * Replaces the site routers' static routes with those toward the endpoints `active` selects
   * (a change added or removed a static tunnel); prefixes no longer routed are deleted.
   *
   * One call at a time, each reading `active` when its turn comes: the tunnels of a change step
   * call this side by side as each comes back, and two overlapping calls raced, so that the one
   * that read the older state could write last. On a loaded CI machine the second of two policy
   * tunnels coming back left the router on the first alone, and the step failed ("its route ... is
   * via 10.0.0.22, not this tunnel") although both tunnels were up.
   */
  public applyStaticRoutes(active: (e: LabEndpoint) => boolean): Promise<void> {
    return this.routeWrites.run(() => this.writeStaticRoutes(active));
  }

  private readonly routeWrites = new Serial();

  private async writeStaticRoutes(active: (e: LabEndpoint) => boolean): Promise<void> {
    const all = staticRouterRoutes(this.plan);
    const now = staticRouterRoutes({ ...this.plan, endpoints: this.plan.endpoints.filter(active) });
    for (const [ns, lines] of all) {
      const keep = now.get(ns) ?? [];
      const prefix = (l: string) => l.split(' ')[2];
      const gone = lines.map(prefix).filter((x) => !keep.some((k) => prefix(k) === x));
      const batch = [...keep, ...[...new Set(gone)].map((x) => `route del ${x}`)];
      if (batch.length) await run('ip', ['-n', ns, '-force', '-batch', '-'], { input: `${batch.join('\n')}\n` });
    }
  }

  /** Starts a probe (a ping in a lab namespace) that runs until `stopProbes` or the cleanup. */
  public startProbe(name: string, ns: string, args: readonly string[], logFile: string): void {
    this.assertOpen();
    this.probes.push(this.track(startDaemon(name, 'ip', ['netns', 'exec', ns, ...args], logFile)));
  }

  /** Stops every probe with SIGINT (ping prints its summary). */
  public stopProbes(): void {
    for (const d of this.probes) if (!d.hasExited()) signalPid(d.pid, 'SIGINT');
  }

  private readonly probes: Daemon[] = [];

  /** State changes of an endpoint's BGP session to its peer logged since `sinceEpoch` (seconds). */
  public bgpStateChanges(name: string, sinceEpoch: number): string[] {
    const rt = this.runtime(name);
    let text = '';
    try {
      text = fs.readFileSync(rt.paths.birdLog, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter((l) => / tun: State changed to /.test(l)).filter((l) => {
      const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})/.exec(l);
      return m ? new Date(m[1].replace(' ', 'T')).getTime() / 1000 >= sinceEpoch : false;
    });
  }

  /** Starts the BIRD of a BGP endpoint. */
  public async startEndpointBird(name: string): Promise<void> {
    const rt = this.runtime(name);
    if (rt.bird || !fs.existsSync(rt.paths.birdConf)) return;
    this.assertOpen();
    const b = this.birdSpec(rt);
    rt.bird = this.track(startDaemon(b.name, b.file, b.args, b.logFile));
  }

  private birdSpec(rt: EndpointRuntime): LaunchSpec {
    return { name: `bird ${rt.e.name}`, file: 'ip', args: ['netns', 'exec', rt.e.ns, ...birdCommand(rt.paths.birdConf, rt.paths.birdSock, path.join(rt.paths.dir, 'bird.pid'))], logFile: path.join(rt.paths.dir, 'bird.out') };
  }

  /** A swanctl command: over VICI in-process where `control.ts` speaks it, else the swanctl tool. */
  public async swanctl(rt: EndpointRuntime, args: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS): Promise<CommandResult> {
    const direct = await swanctlOverVici(rt.paths.vici, args, timeoutMs);
    if (direct) return direct;
    return run('swanctl', [...args, '--uri', `unix://${rt.paths.vici}`], { timeoutMs, env: { STRONGSWAN_CONF: path.join(rt.paths.dir, 'strongswan.conf') } });
  }

  /** A birdc command, spoken on BIRD's control socket in-process (`control.ts`). */
  public birdc(sock: string, args: readonly string[]): Promise<CommandResult> {
    return birdControl(sock, args.join(' '), 4000);
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

  /**
   * Reads the memory of every daemon the lab started and keeps the peaks. RSS is the sum of each
   * daemon's own peak (`VmHWM` of `/proc/<pid>/status`: the kernel keeps it, so no moment is
   * missed; an upper bound of the lab's peak, equal to it for daemons that only grow, as charon and
   * BIRD do while tunnels come up). PSS has no kept peak: it is summed from `smaps_rollup`, which
   * walks each daemon's page tables (~0.2 ms a daemon, 90 ms for a 100-tunnel lab), so the harness
   * reads it at the ends of its phases (the charons ready, every SA and session up, every ping
   * done), not on a timer: sampling every 250 ms cost a lab run of the examples 2.6 CPU-seconds, and labs that
   * report no memory (change, failover) paid it too.
   */
  public sampleMemory(): void {
    let rss = 0;
    let pss = 0;
    for (const d of this.daemons) {
      if (d.hasExited()) continue;
      try {
        rss += Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d.pid}/status`, 'utf8'))?.[1] ?? 0);
        pss += Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d.pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // exited between the check and the read
      }
    }
    this.peakRssKb = Math.max(this.peakRssKb, rss);
    this.peakPssKb = Math.max(this.peakPssKb, pss);
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
    if (this.opts.keep && this.dir) {
      this.keepForDebugging();
      return;
    }
    if (killCommands) {
      killRunningSync();
      killLaunchersSync(this.launchers);
    }
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

/** Shells that set the namespaces up side by side (these machines have 2 cores). */
const SHELLS = 3;

/** `items` in at most `n` contiguous groups of nearly equal size (none empty). */
export function chunks<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / Math.max(1, n));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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

/** The last lines of a file, one line. */
export function tail(file: string, lines: number): string {
  try {
    return lastLines(fs.readFileSync(file, 'utf8'), lines);
  } catch {
    return 'no output';
  }
}

/** The last `n` lines of a text, one line. */
export function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** Default BGP timers per half, scaled. */
export function scaledTimers(h: TunnelHalf, scale: number): BgpTimers {
  const hold = Math.max(3, Math.round((h.bgp?.holdTimeSeconds ?? 30) / scale));
  const keepalive = Math.max(1, Math.min(Math.floor(hold / 3), Math.round((h.bgp?.keepaliveSeconds ?? 10) / scale)));
  return { holdSeconds: hold, keepaliveSeconds: keepalive };
}

/** Claims a run id, lays the lab out and creates its record and work directory. */
export function openLab(sites: readonly LabSiteSpec[], tunnels: readonly LabTunnelSpec[], opts: LabOptions): Lab {
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

/** The runtime of a tunnel's half on `side`. */
export function endpointOf(lab: Lab, t: LabTunnelSpec, side: 0 | 1): EndpointRuntime {
  return lab.runtime(lab.plan.endpoints.find((e) => e.tunnel === t.id && e.side === side)!.name);
}

/**
 * Whether a network device exists in the network namespace of a running process (read from its
 * `/proc/<pid>/net/dev`); `undefined` when that cannot be read (process gone, no procfs).
 */
export function hasDevice(pid: number, device: string): boolean | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/net/dev`, 'utf8').split('\n').some((l) => l.trim().startsWith(`${device}:`));
  } catch {
    return undefined;
  }
}
