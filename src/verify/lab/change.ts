/**
 * A change applied to a live lab: the before-tunnels come up, timestamped pings run between
 * every pair of site networks (one flow per network pair, every `probeIntervalMs`, only the
 * lab's own host addresses, for at most the run's deadline), then each step reconfigures its
 * tunnels' halves from the after-output — both halves of a changed tunnel reset and re-initiated
 * with the after-configuration, a removed tunnel's halves deleted, an added tunnel's halves
 * started — and waits (bounded) until the step's tunnels carry traffic again before the next
 * step: SAs installed, BGP Established with every expected prefix, and both site routers routing
 * the far site's networks into the tunnel. Afterwards the pings' reply timestamps give each site
 * pair's longest gap.
 *
 * Timers are each cloud's own (no scaling): DPD through charon's retransmits as `--failover`
 * sets them, BGP hold and keepalive per half as the models give them.
 * @internal
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapLimit, poll, sleep } from '../exec';
import { LabSiteSpec, LabTunnelSpec, hostAddressFor, routeVia } from '../lab-plan';
import { rejectedRoutes } from '../routing';
import type { TunnelHalf } from '../types';
import { dpdRetransmits } from './failover';
import { EndpointRuntime, Lab, LabOptions, endpointOf, openLab, scaledTimers } from './lab';
import { negotiate } from './negotiate';
import { kernelRoutes } from './ping';

/** One version of a tunnel: its halves (side order of the lab's layout) and roles. */
export interface TunnelVersion {
  readonly halves: readonly [TunnelHalf, TunnelHalf];
  readonly initiator: 0 | 1;
  readonly rekeyer: 0 | 1;
}

/** One tunnel of a change: before only (removed), after only (added), or both. */
export interface ChangeLabTunnel {
  readonly id: string;
  readonly before?: TunnelVersion;
  readonly after?: TunnelVersion;
  /** Whether a step touches it (an unchanged tunnel in a step is left alone). */
  readonly changed: boolean;
  /**
   * Whether the change resets the live tunnel (key, proposal, lifetimes, inside addresses, ASN…);
   * a change of announced routes only is applied in place (the configuration re-read, the SAs
   * and the BGP session kept), as a gateway updates its announcements.
   * @default true
   */
  readonly reset?: boolean;
}

/** Options of `runChangeLab`. */
export interface ChangeLabOptions extends Pick<LabOptions, 'runId' | 'workRoot' | 'keep' | 'progress'> {
  /** Ping interval per flow, in ms (10-1000). @default 50 */
  readonly probeIntervalMs?: number;
  /** How long a step's tunnels may take to come back, in ms. @default 30000 */
  readonly stepDeadlineMs?: number;
  /** Traffic before the first step and after the last, in ms. @default 2000 */
  readonly settleMs?: number;
  /**
   * How a reconfigured half resets its tunnel: `graceful` deletes the IKE SA (an IKE DELETE
   * reaches the peer); `silent` kills and restarts its charon (no DELETE: the peer keeps sending
   * into the tunnel until DPD or its BGP hold timer notices).
   * @default 'graceful'
   */
  readonly reset?: 'graceful' | 'silent';
  /** Time between the two halves of a tunnel being reconfigured (the second cloud's deploy), in ms. @default 0 */
  readonly halfDelayMs?: number;
}

/** What the lab saw of one tunnel; times in seconds since the first step began. */
export interface ChangeLabTunnelResult {
  readonly downAt?: number;
  readonly upAt?: number;
  readonly ok: boolean;
  readonly detail?: string;
}

/** What the lab saw of the traffic between two sites. */
export interface ChangeLabSitePair {
  /** The two site keys. */
  readonly sites: readonly [string, string];
  readonly flows: readonly string[];
  readonly longestGapSeconds: number;
  /** When that gap ended, seconds since the first step began. */
  readonly longestGapEndsAt?: number;
  /** Probes sent while the pair was meant to be connected, and those of them never answered. */
  readonly sent: number;
  readonly lost: number;
  readonly redundant: boolean;
  readonly presence: 'kept' | 'added' | 'removed';
}

/** Result of `runChangeLab`. */
export interface ChangeLabResult {
  readonly steps: { readonly tunnels: readonly string[]; readonly startedAt: number; readonly seconds: number; readonly ok: boolean; readonly detail?: string }[];
  readonly tunnels: ReadonlyMap<string, ChangeLabTunnelResult>;
  readonly sitePairs: readonly ChangeLabSitePair[];
  /** A longest gap up to this is no outage: a few probe intervals of scheduling jitter on a loaded machine, in seconds. */
  readonly zeroGapSeconds: number;
  readonly failures: string[];
  readonly warnings: string[];
}

/** The most flows per site pair (network pairs), and the longest a run may probe, in seconds. */
const MAX_FLOWS_PER_PAIR = 4;
const MAX_PROBE_SECONDS = 1800;

interface Flow {
  readonly pair: string;
  readonly from: string;
  readonly to: string;
  readonly ns: string;
  readonly log: string;
  readonly label: string;
}

const pairKey = (a: string, b: string) => [a, b].sort().join('|');
const siteOf = (v: TunnelVersion | undefined, side: 0 | 1) => v?.halves[side].site;

/** Each site pair's flows: a network one side serves to one the other serves (bounded). */
function flowsOf(lab: Lab, tunnels: readonly ChangeLabTunnel[]): Flow[] {
  const serves = new Map<string, Map<string, Set<string>>>();
  for (const t of tunnels) {
    for (const v of [t.before, t.after]) {
      if (!v) continue;
      const key = pairKey(v.halves[0].site, v.halves[1].site);
      if (!serves.has(key)) serves.set(key, new Map());
      for (const h of v.halves) {
        const m = serves.get(key)!;
        if (!m.has(h.site)) m.set(h.site, new Set());
        for (const n of h.reach?.serves ?? []) m.get(h.site)!.add(n);
      }
    }
  }
  const flows: Flow[] = [];
  for (const [key, bySite] of serves) {
    const [a, b] = key.split('|').map((k) => lab.plan.sites.find((s) => s.key === k)!);
    const nets = (s: typeof a) => {
      const listed = [...(bySite.get(s.key) ?? [])];
      return (listed.length ? listed : [s.networks[0]]).map((n) => hostAddressFor(s, n)).filter((x): x is string => !!x);
    };
    const pairs = nets(a).flatMap((from) => nets(b).map((to) => ({ from, to }))).slice(0, MAX_FLOWS_PER_PAIR);
    pairs.forEach((p, i) => flows.push({ pair: key, ...p, ns: a.hostNs, log: path.join(lab.dir, `probe-${a.index}-${b.index}-${i}.log`), label: `${p.from} → ${p.to}` }));
  }
  return flows;
}

/** Replies of one ping log: epoch timestamp and sequence number of each. */
export function parsePingLog(text: string): { at: number; seq: number }[] {
  return [...text.matchAll(/^\[(\d+\.\d+)\] \d+ bytes from .*icmp_seq=(\d+)/gm)].map((m) => ({ at: Number(m[1]), seq: Number(m[2]) }));
}

/**
 * The longest stretch without a reply within [from, to] (epoch seconds): between consecutive
 * replies, and from `from` to the first / from the last to `to`; with when it ended.
 */
export function longestGap(replies: readonly number[], from: number, to: number): { seconds: number; endsAt: number } {
  const inside = replies.filter((r) => r >= from && r <= to);
  if (!inside.length) return { seconds: Math.max(0, to - from), endsAt: to };
  let best = { seconds: inside[0] - from, endsAt: inside[0] };
  if (to - inside[inside.length - 1] > best.seconds) best = { seconds: to - inside[inside.length - 1], endsAt: to };
  for (let i = 1; i < inside.length; i++) if (inside[i] - inside[i - 1] > best.seconds) best = { seconds: inside[i] - inside[i - 1], endsAt: inside[i] };
  return best;
}

/** Probes lost within [from, to]: sequence numbers between the first and the last reply there that never got one. */
export function lostWithin(replies: readonly { at: number; seq: number }[], from: number, to: number): { sent: number; lost: number } {
  const seqs = [...new Set(replies.filter((r) => r.at >= from && r.at <= to).map((r) => r.seq))].sort((a, b) => a - b);
  if (!seqs.length) return { sent: 0, lost: 0 };
  const sent = seqs[seqs.length - 1] - seqs[0] + 1;
  return { sent, lost: sent - seqs.length };
}

/** What each side of a tunnel must learn over BGP: the peer's announcement less what its cloud refuses. */
function wanted(v: TunnelVersion): string[][] {
  return ([0, 1] as const).map((i) => {
    const refused = new Set(rejectedRoutes(v.halves[i], v.halves[1 - i]).map((x) => x.prefix));
    return v.halves[1 - i].advertise.filter((n) => !refused.has(n));
  });
}

/**
 * Whether a tunnel carries traffic: both SAs up; for BGP both sessions Established with every
 * expected prefix; and both site routers route the far site's first flow address into it.
 */
async function carries(lab: Lab, t: ChangeLabTunnel, v: TunnelVersion, sides: readonly [EndpointRuntime, EndpointRuntime]): Promise<string | undefined> {
  const sas = await Promise.all(sides.map((rt) => lab.sas(rt)));
  if (!sas.every((s) => s.ike?.state === 'ESTABLISHED' && s.child?.state === 'INSTALLED')) return 'SAs not installed';
  if (v.halves.every((h) => h.routing === 'bgp')) {
    const states = await Promise.all(sides.map((rt) => lab.bgpState(rt.e.name)));
    if (!states.every((s) => s?.state === 'Established')) return `BGP ${states.map((s) => s?.state ?? '?').join('/')}`;
    const want = wanted(v);
    const learned = await Promise.all(sides.map((rt) => lab.bgpRoutes(rt.e.name)));
    if (!want.every((w, i) => w.every((n) => learned[i].includes(n)))) return 'prefixes not learned yet';
  }
  for (const i of [0, 1] as const) {
    const site = lab.plan.sites.find((s) => s.key === sides[i].e.site)!;
    const far = lab.plan.sites.find((s) => s.key === sides[1 - i].e.site)!;
    const dest = (v.halves[1 - i].reach?.serves ?? []).map((n) => hostAddressFor(far, n)).find((x): x is string => !!x) ?? far.hostAddress;
    const via = routeVia(await kernelRoutes(site.routerNs), dest, sides[i].e.linkAddress);
    if (!via.ok) return `${t.id}: ${site.key} router: ${via.why}`;
  }
  return undefined;
}

/**
 * Brings the before-tunnels up, starts the probes, runs the steps, stops the probes and reports.
 * Always cleans up.
 */
export async function runChangeLab(sites: readonly LabSiteSpec[], tunnels: readonly ChangeLabTunnel[], steps: readonly (readonly string[])[], opts: ChangeLabOptions = {}): Promise<ChangeLabResult> {
  const interval = Math.min(1000, Math.max(10, opts.probeIntervalMs ?? 50));
  const stepDeadline = opts.stepDeadlineMs ?? 30000;
  const settle = opts.settleMs ?? 2000;
  const layout: LabTunnelSpec[] = tunnels.map((t) => ({ id: t.id, ...(t.before ?? t.after)! }));
  const byId = new Map(tunnels.map((t) => [t.id, t]));
  const lab = openLab(sites, layout, opts);
  const failures: string[] = [];
  const warnings: string[] = [];
  const results = new Map<string, ChangeLabTunnelResult>();
  const stepResults: ChangeLabResult['steps'][number][] = [];
  const log = (line: string) => opts.progress?.(line);
  try {
    const active = new Set(tunnels.filter((t) => t.before).map((t) => t.id));
    const isActive = (name: string) => active.has(lab.plan.endpoints.find((e) => e.name === name)!.tunnel);
    await lab.buildNetwork((e) => isActive(e.name));
    const decisions = new Map<string, { initiates: boolean; createsChildren: boolean }>();
    for (const t of tunnels) {
      const v = t.before ?? t.after!;
      for (const side of [0, 1] as const) {
        decisions.set(lab.plan.endpoints.find((x) => x.tunnel === t.id && x.side === side)!.name, { initiates: v.initiator === side, createsChildren: v.rekeyer === side });
      }
    }
    await lab.startDaemons(decisions, (h) => dpdRetransmits(h, 1), (h) => scaledTimers(h, 1), 1, false, (e) => isActive(e.name));
    const problems = await lab.readyCharons((e) => isActive(e.name));
    await mapLimit(tunnels.filter((t) => t.before), 16, async (t) => {
      const o = await negotiate(lab, { id: t.id, ...t.before! }, problems, 20000);
      if (o.failure) failures.push(`before: ${t.id} did not come up: ${o.failure.code}: ${o.failure.reason}`);
    });
    if (failures.length) return { steps: [], tunnels: results, sitePairs: [], zeroGapSeconds: 0, failures, warnings };
    // Every before-tunnel carries traffic (routes at both site routers) before the probes start.
    for (const t of tunnels.filter((x) => x.before)) {
      const sides = [endpointOf(lab, layout.find((l) => l.id === t.id)!, 0), endpointOf(lab, layout.find((l) => l.id === t.id)!, 1)] as const;
      const why = await poll(async () => ((await carries(lab, t, t.before!, sides)) === undefined ? 'ok' : undefined), stepDeadline, 100);
      if (!why) failures.push(`before: ${t.id} came up but does not carry traffic: ${await carries(lab, t, t.before!, sides)}`);
    }
    if (failures.length) return { steps: [], tunnels: results, sitePairs: [], zeroGapSeconds: 0, failures, warnings };

    const flows = flowsOf(lab, tunnels);
    const count = Math.ceil(MAX_PROBE_SECONDS / (interval / 1000));
    for (const f of flows) {
      lab.startProbe(`ping ${f.label}`, f.ns, ['ping', '-D', '-n', '-i', String(interval / 1000), '-W', '1', '-c', String(count), '-I', f.from, f.to], f.log);
    }
    log(`traffic: ${flows.length} flow(s) between ${new Set(flows.map((f) => f.pair)).size} site pair(s), every ${interval} ms`);
    await sleep(settle);
    const t0 = Date.now() / 1000;
    const at = () => Date.now() / 1000 - t0;
    /**
     * Static tunnels being reset: their gateways route around them while they are down, as a
     * cloud's gateway does with a tunnel that is down (Alibaba Cloud: "the system automatically
     * detects the connectivity of the active tunnel. If the active tunnel is disconnected, the
     * VPN Gateway automatically switches traffic to the standby tunnel", VPN Gateway "Dual-tunnel
     * mode"); the detection delay of a real gateway is not modelled.
     */
    const down = new Set<string>();
    const routed = (e: { tunnel: string }) => active.has(e.tunnel) && !down.has(e.tunnel);
    /** When each site pair stops / starts being meant to be connected (epoch seconds). */
    const pairEnd = new Map<string, number>();
    const pairStart = new Map<string, number>();

    for (const [i, step] of steps.entries()) {
      const startedAt = at();
      const problemsOfStep: string[] = [];
      log(`step ${i + 1}/${steps.length}: ${step.join(' ')}`);
      await Promise.all(step.map(async (id) => {
        const t = byId.get(id)!;
        const spec = layout.find((l) => l.id === id)!;
        // An added tunnel's endpoints have no runtime until they start: names first.
        const names = ([0, 1] as const).map((side) => lab.plan.endpoints.find((e) => e.tunnel === spec.id && e.side === side)!.name);
        if (!t.changed) {
          results.set(id, { ok: true, detail: 'unchanged: not touched' });
          return;
        }
        if (!t.after) {
          const downAt = at();
          await Promise.all(names.map((n) => lab.stopEndpoint(n)));
          active.delete(id);
          results.set(id, { downAt, ok: true, detail: 'removed' });
          return;
        }
        const v = t.after;
        let sides = [lab.runtime(names[0]), lab.runtime(names[1])] as const;
        const decision = (side: 0 | 1) => ({ initiates: v.initiator === side, createsChildren: v.rekeyer === side });
        const downAt = at();
        const isStatic = v.halves.some((h) => h.routing !== 'bgp');
        if (t.before && t.reset === false) {
          for (const side of [0, 1] as const) await lab.reconfigureHalf(names[side], v.halves[side], decision(side), false);
          const back = await poll(async () => ((await carries(lab, t, v, sides)) === undefined ? 'ok' : undefined), stepDeadline, 100);
          results.set(id, back ? { ok: true, detail: 'applied in place (routes only)' } : { ok: false, detail: `routes changed in place, then: ${await carries(lab, t, v, sides)}` });
          if (!back) problemsOfStep.push(`${id} ${results.get(id)!.detail}`);
          return;
        }
        if (t.before) {
          // A static tunnel that goes down leaves its gateways' routing at once (below).
          if (isStatic) {
            down.add(id);
            await lab.applyStaticRoutes(routed);
          }
          // Each half as its cloud applies the update: new configuration, then the reset.
          for (const side of [0, 1] as const) {
            if (side === 1 && opts.halfDelayMs) await sleep(opts.halfDelayMs);
            if (opts.reset === 'silent') {
              const problem = await lab.restartHalf(names[side], v.halves[side], decision(side));
              if (problem) problemsOfStep.push(`${id}: ${problem}`);
            } else {
              await lab.reconfigureHalf(names[side], v.halves[side], decision(side));
            }
          }
        } else {
          active.add(id);
          // The responder first, so the initiator finds it listening.
          for (const side of [(1 - v.initiator) as 0 | 1, v.initiator]) {
            const problem = await lab.startEndpoint(names[side], v.halves[side], decision(side));
            if (problem) problemsOfStep.push(`${id}: ${problem}`);
          }
        }
        sides = [endpointOf(lab, spec, 0), endpointOf(lab, spec, 1)] as const;
        const initiate = await lab.swanctl(sides[v.initiator], ['--initiate', '--child', 'tun', '--timeout', '20'], 25000);
        if (isStatic) {
          await poll(async () => ((await Promise.all(sides.map((rt) => lab.sas(rt)))).every((x) => x.child?.state === 'INSTALLED') ? true : undefined), stepDeadline, 100);
          down.delete(id);
          await lab.applyStaticRoutes(routed);
        }
        const back = await poll(async () => ((await carries(lab, t, v, sides)) === undefined ? 'ok' : undefined), stepDeadline, 100);
        if (back) {
          results.set(id, { downAt, upAt: at(), ok: true });
          return;
        }
        const why = await carries(lab, t, v, sides);
        const detail = `not back within ${stepDeadline / 1000} s: ${why}${initiate.code !== 0 ? ` (initiate: ${initiate.stdout.trim().split('\n').filter((l) => /\[(IKE|CFG)\]/.test(l)).pop() ?? `exit ${initiate.code}`})` : ''}`;
        results.set(id, { downAt, ok: false, detail });
        problemsOfStep.push(`${id} ${detail}`);
      }));
      if (step.some((id) => !byId.get(id)!.after || !byId.get(id)!.before)) await lab.applyStaticRoutes(routed);
      // Pairs whose last tunnel went / whose first tunnel came.
      for (const key of new Set(step.map((id) => byId.get(id)!).map((t) => pairKey(siteOf(t.before ?? t.after, 0)!, siteOf(t.before ?? t.after, 1)!)))) {
        const live = [...active].some((id) => {
          const t = byId.get(id)!;
          const v = t.after ?? t.before!;
          return pairKey(v.halves[0].site, v.halves[1].site) === key;
        });
        if (!live && !pairEnd.has(key)) pairEnd.set(key, t0 + startedAt);
        if (live && !pairStart.has(key)) pairStart.set(key, Date.now() / 1000);
      }
      stepResults.push({ tunnels: step, startedAt, seconds: at() - startedAt, ok: !problemsOfStep.length, detail: problemsOfStep.join('; ') || undefined });
      if (problemsOfStep.length) {
        failures.push(`step ${i + 1}: ${problemsOfStep.join('; ')}`);
        break;
      }
    }
    const end = Date.now() / 1000;
    await sleep(settle);
    lab.stopProbes();
    await sleep(300);

    // Unchanged tunnels must not have dropped: their BIRD sessions stayed Established.
    for (const t of tunnels.filter((x) => !x.changed && x.before && x.after)) {
      const spec = layout.find((l) => l.id === t.id)!;
      const flaps = ([0, 1] as const).flatMap((side) => lab.bgpStateChanges(endpointOf(lab, spec, side).e.name, t0));
      results.set(t.id, flaps.length ? { ok: false, detail: `unchanged but its BGP session changed state: ${flaps.slice(0, 3).join('; ')}` } : { ok: true });
    }

    const sitePairs: ChangeLabSitePair[] = [];
    const pairs = [...new Set(flows.map((f) => f.pair))];
    for (const key of pairs) {
      const [a, b] = key.split('|') as [string, string];
      const mine = tunnels.filter((t) => [t.before, t.after].some((v) => v && pairKey(v.halves[0].site, v.halves[1].site) === key));
      const presence = mine.some((t) => t.before) ? (mine.some((t) => t.after) ? 'kept' : 'removed') : 'added';
      // Redundant: every step that touches the pair leaves one of its tunnels up throughout.
      const stepOf = (id: string) => steps.findIndex((st) => st.includes(id));
      const alive = (t: ChangeLabTunnel, j: number) => {
        const k = stepOf(t.id);
        if (k === j && t.changed) return false;
        if (t.before) return !!t.after || k < 0 || k > j;
        return k >= 0 && k < j;
      };
      const redundant = presence === 'kept' && steps.every((st, j) => !mine.some((t) => st.includes(t.id) && t.changed) || mine.some((t) => alive(t, j)));
      const from = presence === 'added' ? pairStart.get(key) ?? end : t0;
      const to = presence === 'removed' ? pairEnd.get(key) ?? end : end;
      let gap = { seconds: 0, endsAt: 0 };
      let sent = 0;
      let lost = 0;
      const myFlows = flows.filter((f) => f.pair === key);
      for (const f of myFlows) {
        const replies = parsePingLog(readText(f.log));
        const counted = lostWithin(replies, from, to);
        sent += counted.sent;
        lost += counted.lost;
        const g = to > from ? longestGap(replies.map((r) => r.at), from, to) : { seconds: 0, endsAt: 0 };
        if (g.seconds > gap.seconds) gap = g;
      }
      sitePairs.push({
        sites: [a, b], flows: myFlows.map((f) => f.label), longestGapSeconds: Math.round(gap.seconds * 1000) / 1000,
        longestGapEndsAt: gap.endsAt ? Math.round((gap.endsAt - t0) * 1000) / 1000 : undefined, sent, lost, redundant, presence,
      });
    }
    return { steps: stepResults, tunnels: results, sitePairs, zeroGapSeconds: Math.max(0.5, (interval / 1000) * 10), failures, warnings };
  } finally {
    await lab.cleanup();
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
