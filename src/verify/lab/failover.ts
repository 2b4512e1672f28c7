/**
 * Failover: one tunnel of an active-active pair dies (its first half's charon killed: a crash,
 * no DELETE) while the sites' test hosts ping each other; reports whether traffic continued over
 * the other tunnels, the longest gap and what made the far side notice.
 * @internal
 */
import * as fs from 'node:fs';
import { CharonTimers, FAST_RETRANSMITS } from '../daemon-config';
import { mapLimit, run, sleep } from '../exec';
import { LabSite, LabSiteSpec, LabTunnelSpec, hostAddressFor, routeVia } from '../lab-plan';
import { espDelta } from '../parse';
import type { FailoverResult, TunnelHalf } from '../types';
import { Lab, LabOptions, endpointOf, openLab, scaledTimers } from './lab';
import { negotiate } from './negotiate';
import { kernelRoutes } from './ping';

/** Charon retransmits that make IKEv2 DPD give up after the cloud's DPD timeout (scaled). */
export function dpdRetransmits(h: TunnelHalf, scale: number): CharonTimers {
  if (!h.dpd) return FAST_RETRANSMITS;
  // strongSwan: probe after dpd_delay without inbound traffic, then 3 transmissions (tries 2,
  // base 1) of retransmit_timeout each: detection = delay + 3 × timeout ≈ the cloud's DPD timeout.
  const rest = Math.max(h.dpd.timeoutSeconds - h.dpd.delaySeconds, 1);
  return { retransmitTimeout: Math.max(0.05, rest / 3 / scale), retransmitBase: 1, retransmitTries: 2 };
}

/** When a half notices a silent peer: DPD (delay + timeout) or the BGP hold timer, real seconds. */
export function detection(dead: TunnelHalf, watcher: TunnelHalf): { seconds: number; by: string; hold: number; dpd?: number } {
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
 * Measures failover for every pair of sites joined by two or more BGP tunnels, one pair at a
 * time: in a lab whose BGP hold, keepalive and DPD timers are each cloud's own divided by
 * `timerScale`, the sites' test hosts ping each other every 20 ms between the first network pair
 * the tunnels carry; once both routers spread the flow over every up tunnel, the tunnel its
 * return traffic is seen crossing (B half's ESP bytes, read while it runs) loses its first-side
 * endpoint (charon killed: no DELETE is sent). Reports whether traffic continued over the other
 * tunnels, the longest gap (scaled back: the site pair's outage) and what made the far side
 * notice (its BIRD and charon logs).
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
    // One site pair at a time: a tunnel killed for one pair re-routes the others' transit
    // prefixes (a site reached through a third one), which would move their flows mid-measurement.
    const results: FailoverResult[] = [];
    for (const list of bySites.values()) results.push(await failoverCase(lab, list.filter((t) => up.has(t.id)), list, scale));
    return results;
  } finally {
    await lab.cleanup();
  }
}

/** The test flow of a site pair: the first network pair its tunnels carry, host address at each end. */
export function flowOf(siteA: LabSite, siteB: LabSite, t: LabTunnelSpec): { from: string; to: string } | undefined {
  const p = t.probes ? t.probes[0] : { from: siteA.networks[0], to: siteB.networks[0] };
  if (!p) return undefined;
  const from = hostAddressFor(siteA, p.from);
  const to = hostAddressFor(siteB, p.to);
  return from && to ? { from, to } : undefined;
}

/**
 * The tunnel that carried the flow's return traffic between two readings of the B halves' ESP
 * bytes out: the one that rose by at least `minBytes`, when exactly one did (an ECMP flow hashes
 * onto one path; BGP keepalives add a few dozen bytes to the others). Undefined otherwise.
 */
export function carrierOf(deltas: readonly number[], minBytes: number): number | undefined {
  const risen = deltas.map((d, i) => ({ d, i })).filter((x) => x.d >= minBytes);
  return risen.length === 1 ? risen[0].i : undefined;
}

/** Waits (≤ `ms`) until both site routers spread the flow over every up tunnel of the pair; the missing next hops otherwise. */
async function converged(lab: Lab, sites: readonly [LabSite, LabSite], flow: { from: string; to: string }, upTunnels: readonly LabTunnelSpec[], ms: number): Promise<string[]> {
  const missing = async () => (await Promise.all(([0, 1] as const).map(async (i) => {
    const routes = await kernelRoutes(sites[i].routerNs);
    return upTunnels.filter((t) => !routeVia(routes, i === 0 ? flow.to : flow.from, endpointOf(lab, t, i).e.linkAddress).ok)
      .map((t) => `${sites[i].key} router → ${t.id}`);
  }))).flat();
  const deadline = Date.now() + ms;
  let left = await missing();
  while (left.length && Date.now() < deadline) {
    await sleep(250);
    left = await missing();
  }
  return left;
}

async function failoverCase(lab: Lab, upTunnels: readonly LabTunnelSpec[], all: readonly LabTunnelSpec[], scale: number): Promise<FailoverResult> {
  const [siteA, siteB] = [all[0].halves[0].site, all[0].halves[1].site].map((k) => lab.plan.sites.find((s) => s.key === k)!);
  const sites = `${siteA.key} ⇄ ${siteB.key}`;
  const base = { sites, continued: false, outageSeconds: 0, detectedBy: '-', timers: '-', ok: false };
  if (upTunnels.length < 2) return { ...base, tunnel: all[0].id, detail: `only ${upTunnels.length} of ${all.length} tunnel(s) came up with scaled timers: nothing to fail over to` };
  // The flow runs between networks the pair's tunnels carry (the site's first address may be
  // reached through a third site, e.g. an Alibaba VPC range Azure re-advertises to AWS).
  const flow = flowOf(siteA, siteB, upTunnels[0]);
  if (!flow) return { ...base, tunnel: upTunnels[0].id, detail: 'no network pair of these tunnels has a test host address at both ends' };
  // Every BGP route must be in both routers first: a next hop arriving later re-hashes the flow
  // onto another tunnel (BIRD sends its first UPDATE up to ~2 s after the session is up).
  const notYet = await converged(lab, [siteA, siteB], flow, upTunnels, 10000);
  if (notYet.length) return { ...base, tunnel: upTunnels[0].id, detail: `the routers never spread the flow over every up tunnel (${notYet.join(', ')})` };
  const window = Math.max(...upTunnels.map((t) => detection(t.halves[0], t.halves[1]).seconds)) / scale * 2 + 2;
  // A count, not a deadline: with `-w`, iputils ping exits at the first ICMP error, and the dead
  // endpoint answers "network unreachable" while its BGP still holds the route (its TUN device
  // is gone) whenever the forward path hashes onto it.
  const ping = run('ip', ['netns', 'exec', siteA.hostNs, 'ping', '-D', '-n', '-O', '-i', '0.02', '-W', '0.5', '-I', flow.from, '-c', String(Math.ceil((window + 1) / 0.02)), flow.to], { timeoutMs: (window + 5) * 1000 });
  // Which tunnel carries the running flow's return traffic (B → A), read just before the kill:
  // its B half's ESP bytes out rise by the pings' bytes, the others' by keepalives at most.
  const reading = () => Promise.all(upTunnels.map((t) => lab.childCounters(endpointOf(lab, t, 1))));
  await sleep(400);
  const before = await reading();
  const t0 = Date.now();
  await sleep(400);
  const after = await reading();
  const pings = (Date.now() - t0) / 1000 / 0.02;
  const deltas = after.map((a, i) => (before[i] && a ? espDelta(before[i]!, a).bytesOut : 0));
  const minBytes = Math.floor(pings / 4) * 84; // a quarter of the 84-byte echo replies
  const index = carrierOf(deltas, minBytes);
  if (index === undefined) {
    const risen = deltas.filter((d) => d >= minBytes).length;
    const pinged = await ping;
    return {
      ...base, tunnel: upTunnels[0].id,
      detail: `the test flow ${flow.from} → ${flow.to} crossed ${risen ? `${risen} tunnels at once (its route moved)` : 'no tunnel'} before the failure (return bytes in 0.4 s, ≥ ${minBytes} expected: ${upTunnels.map((t, i) => `${t.id} ${deltas[i]}`).join(', ')}; ping exit ${pinged.code}: ${pinged.stdout.trim().split('\n').slice(-2).join(' | ')})`,
    };
  }
  const carrier = upTunnels[index];
  const dead = endpointOf(lab, carrier, 0);
  const watcher = endpointOf(lab, carrier, 1);
  const expect = detection(carrier.halves[0], carrier.halves[1]);
  const timers = `BGP hold ${expect.hold} s (${carrier.halves.map((h) => `${h.cloud} ${h.bgp?.holdTimeSeconds ?? '-'}`).join(', ')}), ${carrier.halves[1].cloud} DPD ${carrier.halves[1].dpd ? `${carrier.halves[1].dpd.delaySeconds}/${carrier.halves[1].dpd.timeoutSeconds} s` : 'off'}; every timer ÷${scale} in the lab`;
  lab.markLog(watcher);
  const birdLogStart = fileSize(watcher.paths.birdLog);
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
      ? `the flow ${flow.from} → ${flow.to} returned over ${carrier.id} (+${deltas[index]} B out of ${carrier.halves[1].label} in the last 0.4 s) when ${carrier.halves[0].label} died (crash, no DELETE); ${carrier.halves[1].label} kept sending into it until ${expect.by} (expected ≤ ~${expect.seconds} s)`
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
