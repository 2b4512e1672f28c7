/**
 * Failover: one tunnel of an active-active pair dies (its first half's charon killed: a crash,
 * no DELETE) while the sites' test hosts ping each other; reports whether traffic continued over
 * the other tunnels, the longest gap and what made the far side notice.
 * @internal
 */
import * as fs from 'node:fs';
import { CharonTimers, FAST_RETRANSMITS } from '../daemon-config';
import { mapLimit, run, sleep } from '../exec';
import type { LabSiteSpec, LabTunnelSpec } from '../lab-plan';
import { espDelta } from '../parse';
import type { FailoverResult, TunnelHalf } from '../types';
import { Lab, LabOptions, endpointOf, openLab, scaledTimers } from './lab';
import { negotiate } from './negotiate';

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
