/**
 * `verify`: proves that both halves of every synthesized tunnel agree, by negotiating them
 * between real strongSwan IKEv2/IKEv1 and BIRD BGP daemons in network namespaces.
 *
 * 1. read the synthesized folders as one deployment (`read-output.ts`);
 * 2. model each cloud's gateway on each tunnel (`models/`): proposals, version, role, lifetimes,
 *    DPD, selectors, inside addresses, BGP;
 * 3. pair halves by address; a half nothing answers is idle (AWS tunnel 2 in a minimal layout)
 *    or a failure;
 * 4. bring every pair up in the namespace lab (`harness.ts`) and report each check.
 *
 * A wrong key, proposal, address or ASN in the output shows up as a failed negotiation: the
 * verdict is the daemons'; the reason names what differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TunnelOutcome, labPrerequisites, runFailover, runLab } from './harness';
import type { LabTunnelSpec } from './lab-plan';
import { Pair, modelDeployment, pairHalves } from './models';
import { checkAcceptance, describeViolation, violationsOf } from './acceptance';
import { VERIFY_CLOUDS } from './clouds';
import { Resolver, extractDeployment, loadStacks } from './read-output';
import { RouteGap, describeGap, routeGaps } from './routing';
import type { Assumption, FailoverResult, SiteModel, TunnelHalf, TunnelResult, VerifyReport } from './types';

export type { VerifyReport, TunnelResult, TunnelHalf, SiteModel, FailoverResult } from './types';
export { readDeployment } from './read-output';
export { modelDeployment, pairHalves } from './models';
export { cleanupStaleLabs, labPrerequisites } from './harness';

/** Options of `verify`. */
export interface VerifyOptions {
  /** Machine output: no progress lines (the caller prints `JSON.stringify(report)`). */
  readonly json?: boolean;
  /** Called with one line per tunnel while the lab runs. */
  readonly progress?: (line: string) => void;
  /** After the checks, take each tunnel of an active-active pair down while traffic flows. */
  readonly failover?: boolean;
  /** Failover runs divide every cloud timer (BGP hold, DPD) by this. @default 10 */
  readonly timerScale?: number;
  /** Keep namespaces, daemons and files for debugging. */
  readonly keep?: boolean;
  /** Read and pair only; do not start the lab (no root needed). */
  readonly modelOnly?: boolean;
  /**
   * Called once per tunnel as soon as its result is final (those that fail before the lab and
   * idle halves first, then each lab tunnel as its checks end), in that order; the report holds
   * the same results, numbered order (`verify --json` streams them).
   */
  readonly onTunnel?: (result: TunnelResult) => void;
}

/** Default folders: every example's synthesized output under `out/`. */
export function defaultFolders(root = 'out'): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).sort().flatMap((name) => ['cdk.out', 'cdktf.out'].map((sub) => path.join(root, name, sub))).filter((p) => fs.existsSync(p));
}


/** A tunnel's sides as `verify` prints them: `<site label> <half label>` of each half, joined by ` ⇄ `. */
export function tunnelSides(halves: readonly TunnelHalf[], sites: readonly SiteModel[]): string {
  return halves.map((h) => `${sites.find((s) => s.key === h.site)?.label ?? h.site} ${h.label}`).join(' ⇄ ');
}

/**
 * The paired tunnels in the order `verify` numbers them `t1`, `t2`, … (by their sides as printed);
 * the unpaired halves follow them. `verify --change` and `ccvpn diff` number by it too.
 */
export function inVerifyOrder<P extends { readonly halves: readonly TunnelHalf[] }>(pairs: readonly P[], sites: readonly SiteModel[]): P[] {
  return [...pairs].sort((a, b) => tunnelSides(a.halves, sites).localeCompare(tunnelSides(b.halves, sites)));
}

/** Verifies the deployment synthesized into `folders` (read as ONE deployment). */
export async function verify(folders: string[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const progress = options.json ? undefined : options.progress;
  const { stacks, manifest, warnings } = loadStacks(folders);
  const deployment = extractDeployment(folders, stacks, manifest, warnings);
  const resolver = new Resolver(stacks, manifest);
  const model = modelDeployment(deployment, resolver);
  const violations = checkAcceptance(resolver);
  const label = (key: string | undefined) => (key ? deployment.endpoints.get(key)?.label ?? key : '?');
  const pairing = pairHalves(model.halves, label);
  const siteLabel = (h: TunnelHalf) => model.sites.find((s) => s.key === h.site)?.label ?? h.site;
  const sides = (hs: readonly TunnelHalf[]) => hs.map((h) => `${siteLabel(h)} ${h.label}`).join(' ⇄ ');
  const fingerprints = (hs: readonly TunnelHalf[]) => hs.map((h) => (h.psk ? `fp:${h.psk.fingerprint}` : 'none'));
  // What watches a tunnel in each half's cloud (`TunnelHalf.alarms`), when anything does.
  const alarmsOf = (hs: readonly TunnelHalf[]) => {
    const alarms = hs.flatMap((h) => (h.alarms ?? []).map((a) => `${VERIFY_CLOUDS[h.cloud].name} ${h.label}: ${a.name} (${a.metric})`));
    return alarms.length ? { alarms } : {};
  };
  const notesOf = (hs: readonly TunnelHalf[]) => [...new Set(hs.flatMap((h) => h.notes.map((n) => `${VERIFY_CLOUDS[h.cloud].name} ${h.label}: ${n}`)))];

  const pairs = inVerifyOrder(pairing.pairs, model.sites);
  const results = new Map<Pair, TunnelResult>();
  const emitted = new Set<string>();
  const emit = (r: TunnelResult) => {
    if (emitted.has(r.id)) return;
    emitted.add(r.id);
    options.onTunnel?.(r);
  };
  const settle = (p: Pair, r: TunnelResult) => {
    const full = { ...r, ...alarmsOf(p.halves) };
    results.set(p, full);
    emit(full);
  };
  const lab: LabTunnelSpec[] = [];
  const gapsOf = new Map<string, RouteGap[]>();
  pairs.forEach((p, i) => {
    const id = `t${i + 1}`;
    const base = { id, sides: sides(p.halves), halves: p.halves.map((h) => h.key), routing: p.halves[0].routing, notes: notesOf(p.halves), keyFingerprints: fingerprints(p.halves) };
    const rejected = violationsOf(p.halves, violations);
    if (rejected.length) {
      settle(p, { ...base, status: 'failed', failure: { code: 'cloud-rejects', reason: rejected.map(describeViolation).join('; ') } });
      return;
    }
    const unknown = model.unverifiable.filter((u) => p.halves.some((h) => h.key === u.half));
    if (unknown.length) {
      settle(p, { ...base, status: 'failed', failure: { code: 'unverifiable', reason: [...new Set(unknown.map((u) => u.why))].join('; ') } });
      return;
    }
    const problems = p.halves.flatMap((h) => h.problems.map((x) => `${VERIFY_CLOUDS[h.cloud].name} ${h.label}: ${x}`));
    if (problems.length) {
      settle(p, { ...base, status: 'failed', failure: { code: 'half-unusable', reason: problems.join('; ') } });
      return;
    }
    const roles = chooseRoles(p.halves);
    if ('reason' in roles) {
      settle(p, { ...base, status: 'failed', failure: { code: 'no-initiator', reason: roles.reason } });
      return;
    }
    const gaps = routeGaps(p.halves);
    gapsOf.set(id, gaps);
    lab.push({ id, halves: p.halves, initiator: roles.initiator, rekeyer: roles.rekeyer, probes: probesOf(p.halves, gaps) });
  });
  // Routes are proven per link (site pair), not per tunnel: a tunnel that routes nothing for a
  // network another tunnel of the same site pair carries is a standby for it (a transit gateway
  // route table holds one static route per prefix), reported as a note; a network no tunnel of
  // the pair routes fails every tunnel that lacks it.
  const coveredElsewhere = (id: string, g: RouteGap): boolean => {
    const mine = lab.find((t) => t.id === id);
    const far = mine?.halves.find((h) => h !== g.half)?.site;
    return lab.some((t) => t.id !== id
      && t.halves.some((h) => h.site === g.half.site) && t.halves.some((h) => h.site === far)
      && !(gapsOf.get(t.id) ?? []).some((x) => x.half.site === g.half.site && x.prefix === g.prefix && x.from === g.from));
  };
  const routeMissing = (id: string): TunnelResult['failure'] | undefined => {
    const gaps = (gapsOf.get(id) ?? []).filter((g) => !coveredElsewhere(id, g));
    if (!gaps.length) return undefined;
    return { code: 'route-missing', reason: [...new Set(gaps.map((g) => describeGap(g, siteLabel)))].join('; ') };
  };
  const standbyNotes = (id: string): string[] => [...new Set((gapsOf.get(id) ?? []).filter((g) => coveredElsewhere(id, g))
    .map((g) => `standby for ${g.prefix} (from ${g.from}): ${siteLabel(g.half)} ${g.half.label} routes it into another tunnel of this site pair, not this one (${g.why})`))];
  const idle: TunnelResult[] = pairing.unpaired.map((u, i) => {
    // A half the cloud would reject fails for that reason, even when it also pairs with nothing.
    const rejected = violationsOf([u.half], violations);
    const outcome = rejected.length
      ? { status: 'failed' as const, failure: { code: 'cloud-rejects' as const, reason: rejected.map(describeViolation).join('; ') } }
      : u.idle ? { status: 'idle' as const, idleReason: u.reason } : { status: 'failed' as const, failure: { code: 'unpaired' as const, reason: u.reason } };
    return {
      id: `t${pairs.length + i + 1}`,
      sides: `${sides([u.half])} ⇄ (${u.half.peerAddress ?? 'unresolved'})`,
      halves: [u.half.key],
      routing: u.half.routing,
      proposal: u.half.ikeProposals[0],
      ...outcome,
      notes: notesOf([u.half]),
      keyFingerprints: fingerprints([u.half]),
      ...alarmsOf([u.half]),
    };
  });
  for (const t of idle) progress?.(`${t.id} ${t.sides}: ${t.status === 'idle' ? `idle (${t.idleReason})` : `FAILED ${t.failure!.code}: ${t.failure!.reason}`}`);
  for (const t of idle) emit(t);

  let labStats: VerifyReport['lab'];
  let failover: FailoverResult[] | undefined;
  const labStarted = Date.now();
  if (lab.length && !options.modelOnly) {
    const missing = await labPrerequisites();
    if (missing) {
      for (const t of lab) {
        const p = pairs.find((x) => x.halves === t.halves)!;
        settle(p, { id: t.id, sides: sides(p.halves), halves: p.halves.map((h) => h.key), routing: p.halves[0].routing, status: 'failed', failure: { code: 'lab-error', reason: `the lab cannot run here: ${missing}` }, notes: notesOf(p.halves), keyFingerprints: fingerprints(p.halves) });
      }
    } else {
      const usedSites = new Set(lab.flatMap((t) => t.halves.map((h) => h.site)));
      const run = await runLab(model.sites.filter((s) => usedSites.has(s.key)).map((s) => ({ key: s.key, networks: labNetworks(s.key, s.networks, model.halves) })), lab, {
        keep: options.keep ?? process.env.CCVPN_VERIFY_KEEP === '1',
        failover: options.failover,
        timerScale: options.timerScale,
        onTunnel: (id, o) => {
          const t = lab.find((x) => x.id === id)!;
          if (options.onTunnel) {
            const p = pairs.find((x) => x.halves === t.halves)!;
            const missingRoute = o.failure ? undefined : routeMissing(id);
            emit(fromOutcome(t, missingRoute ? { ...o, failure: missingRoute } : o, sides(p.halves), [...notesOf(p.halves), ...standbyNotes(id)], fingerprints(p.halves)));
          }
          progress?.(`${id} ${sides(t.halves)}: ${o.failure ? `FAILED ${o.failure.code}: ${o.failure.reason}` : `up (IKE ${o.ike.summary}, CHILD ${o.child?.summary ?? '-'}, BGP ${o.bgp?.summary ?? '-'}${o.ping ? `, ping ${o.ping.summary}` : ''})`} ${o.seconds.toFixed(1)} s`);
        },
        progress,
      });
      for (const t of lab) {
        const p = pairs.find((x) => x.halves === t.halves)!;
        const o = run.outcomes.get(t.id)!;
        const missingRoute = o.failure ? undefined : routeMissing(t.id);
        settle(p, fromOutcome(t, missingRoute ? { ...o, failure: missingRoute } : o, sides(p.halves), [...notesOf(p.halves), ...standbyNotes(t.id)], fingerprints(p.halves)));
      }
      labStats = { namespaces: run.namespaces, daemons: run.daemons, peakDaemonRssKb: run.peakRssKb, peakDaemonPssKb: run.peakPssKb };
      if (options.failover) {
        // Active-active: site pairs joined by two or more BGP tunnels that came up.
        const healthy = lab.filter((t) => run.outcomes.get(t.id) && !run.outcomes.get(t.id)!.failure && t.halves.every((h) => h.routing === 'bgp'));
        const groups = new Map<string, LabTunnelSpec[]>();
        for (const t of healthy) {
          const key = `${t.halves[0].site}|${t.halves[1].site}`;
          groups.set(key, [...(groups.get(key) ?? []), t]);
        }
        const cases = [...groups.values()].filter((g) => g.length >= 2).flat();
        const skipped = lab.filter((t) => t.halves.some((h) => h.routing !== 'bgp')).length;
        if (skipped) warnings.push(`failover: ${skipped} static or policy-based tunnel(s) not measured (their failover is each cloud's own health checking, not modelled)`);
        if (cases.length) {
          progress?.(`failover: ${groups.size} site pair(s), timers ÷${options.timerScale ?? 10}`);
          const usedSites = new Set(cases.flatMap((t) => t.halves.map((h) => h.site)));
          failover = await runFailover(model.sites.filter((s) => usedSites.has(s.key)).map((s) => ({ key: s.key, networks: labNetworks(s.key, s.networks, model.halves) })), cases, {
            timerScale: options.timerScale, keep: options.keep, progress,
          });
          const siteName = (key: string) => model.sites.find((x) => x.key === key)?.label ?? key;
          failover = failover.map((f) => ({ ...f, sites: f.sites.split(' ⇄ ').map(siteName).join(' ⇄ ') }));
          for (const f of failover) progress?.(`failover ${f.tunnel} (${f.sites}): ${f.continued ? 'traffic continued' : 'traffic STOPPED'}, outage ${f.outageSeconds.toFixed(1)} s, ${f.detectedBy}`);
        } else {
          warnings.push('failover: no pair of sites has two or more BGP tunnels up');
        }
      }
    }
  } else if (options.modelOnly) {
    for (const t of lab) {
      const p = pairs.find((x) => x.halves === t.halves)!;
      const missingRoute = routeMissing(t.id);
      const outcome = missingRoute ? { status: 'failed' as const, failure: missingRoute } : { status: 'idle' as const, idleReason: 'not run (model only)' };
      settle(p, { id: t.id, sides: sides(p.halves), halves: p.halves.map((h) => h.key), routing: p.halves[0].routing, ...outcome, proposal: `${p.halves[0].ikeProposals[0]} | ${p.halves[0].esp.offers[0]}`, notes: [...notesOf(p.halves), ...standbyNotes(t.id)], keyFingerprints: fingerprints(p.halves) });
    }
  }
  const tunnels = [...pairs.map((p) => results.get(p)!), ...idle];
  const failures = tunnels.filter((t) => t.status === 'failed').map((t) => `${t.id} ${t.sides}: ${t.failure!.code}: ${t.failure!.reason}`);
  for (const f of failover ?? []) if (!f.ok) failures.push(`failover ${f.tunnel}: ${f.detail ?? 'traffic did not continue'}`);
  // Violations on resources no tunnel uses still fail the deployment: the cloud rejects it.
  const used = new Set(model.halves.flatMap((h) => h.resources));
  for (const v of violations) if (!used.has(v.resource)) failures.push(`cloud-rejects: ${describeViolation(v)}`);
  // A site whose networks the output does not carry: the deployment cannot be verified.
  for (const why of new Set(model.unverifiable.map((u) => u.why))) failures.push(`unverifiable: ${why}`);
  const assumptions = new Map<string, Assumption>();
  for (const h of model.halves) for (const a of h.assumptions) assumptions.set(a.id, a);
  if (!tunnels.some((t) => t.status === 'up') && !options.modelOnly) {
    failures.push(tunnels.length ? 'no tunnel came up' : `no VPN tunnel found in ${folders.join(', ') || '(no folders)'}`);
  }
  return {
    ok: failures.length === 0,
    folders,
    sites: model.sites,
    tunnels,
    failover,
    failures,
    warnings: [...deployment.warnings, ...model.warnings],
    violations,
    assumptions: [...assumptions.values()].sort((a, b) => a.id.localeCompare(b.id)),
    timings: { labSeconds: (Date.now() - labStarted) / 1000, totalSeconds: (Date.now() - started) / 1000 },
    lab: labStats,
  };
}

/**
 * The (local network → remote network) pings of one tunnel, side 0 to side 1: from every network
 * side 0 serves to every network side 1 serves, except those a route gap already fails (the reply
 * needs side 1's route back, so a gap in either direction drops the ping).
 */
export function probesOf(halves: readonly [TunnelHalf, TunnelHalf], gaps: readonly RouteGap[]): { from: string; to: string }[] {
  const [a, b] = halves;
  if (!a.reach || !b.reach) return [];
  const blocked = (h: TunnelHalf, dest: string, from: string) => gaps.some((g) => g.half === h && g.prefix === dest && g.from === from);
  return a.reach.serves.flatMap((from) => b.reach!.serves.filter((to) => !blocked(a, to, from) && !blocked(b, from, to)).map((to) => ({ from, to })));
}

/** A site's networks in the lab: its own, plus every network one of its halves serves (a test host address in each). */
export function labNetworks(site: string, networks: readonly string[], halves: readonly TunnelHalf[]): string[] {
  return [...new Set([...networks, ...halves.filter((h) => h.site === site).flatMap((h) => h.reach?.serves ?? [])])];
}

/**
 * Who starts IKE in the lab: a half that initiates at once and whose peer answers, else one that
 * initiates on traffic; the CHILD SA is rekeyed first by the half with the shorter lifetime.
 */
export function chooseRoles(halves: readonly [TunnelHalf, TunnelHalf]): { initiator: 0 | 1; rekeyer: 0 | 1 } | { reason: string } {
  const can = (i: 0 | 1, how: 'always' | 'on-traffic') => halves[i].initiation.initiates === how && halves[1 - i].initiation.responds;
  const initiator = ([0, 1] as const).find((i) => can(i, 'always')) ?? ([0, 1] as const).find((i) => can(i, 'on-traffic'));
  if (initiator === undefined) {
    return { reason: `neither end starts IKE: ${halves.map((h) => `${VERIFY_CLOUDS[h.cloud].name} ${h.label} ${h.initiation.initiates === 'never' ? 'only answers' : 'does not answer'} (${h.initiation.setting})`).join('; ')}` };
  }
  const [a, b] = halves.map((h) => h.childLifetimeSeconds);
  const rekeyer: 0 | 1 = a === b ? initiator : a < b ? 0 : 1;
  return { initiator, rekeyer };
}

function fromOutcome(t: LabTunnelSpec, o: TunnelOutcome, sides: string, notes: string[], keyFingerprints: string[]): TunnelResult {
  return {
    id: t.id, status: o.failure ? 'failed' : 'up', sides, halves: t.halves.map((h) => h.key), routing: t.halves[0].routing,
    proposal: o.proposal, ike: o.ike, child: o.child, bgp: o.bgp, ping: o.ping, seconds: o.seconds,
    failure: o.failure, notes: [...notes, ...o.notes], keyFingerprints,
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The report as text: a table, then failures, idle tunnels, notes and lab figures. */
export function renderReport(report: VerifyReport): string {
  const rows = report.tunnels.map((t) => [
    t.id, t.sides, t.proposal ?? '-',
    t.status === 'idle' ? 'idle' : (t.ike?.summary ?? (t.failure ? `✗ ${t.failure.code}` : '-')),
    t.child?.summary ?? '-', t.bgp?.summary ?? '-', t.ping?.summary ?? '-',
    t.seconds !== undefined ? `${t.seconds.toFixed(1)} s` : '-',
  ].map((c, i) => (i >= 3 && i <= 6 && t.status === 'failed' && c !== '-' && c !== 'idle' && !c.startsWith('✗') && isFailedCell(t, i) ? `✗ ${c}` : c)));
  const head = ['tunnel', 'sides', 'proposal', 'IKE', 'CHILD', 'BGP', 'ping', 'time'];
  const widths = head.map((h, i) => Math.min(i === 1 ? 80 : 70, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  const out: string[] = [];
  out.push(`${report.tunnels.length} tunnel(s): ${count(report, 'up')} up, ${count(report, 'idle')} idle, ${count(report, 'failed')} failed`);
  out.push('');
  out.push(line(head));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out.push(line(r));
  const failed = report.tunnels.filter((t) => t.status === 'failed');
  if (failed.length) {
    out.push('', 'failures:');
    for (const t of failed) out.push(`  ${t.id} ${t.failure!.code}: ${t.failure!.reason}`);
  }
  const idle = report.tunnels.filter((t) => t.status === 'idle');
  if (idle.length) {
    out.push('', 'idle:');
    for (const t of idle) out.push(`  ${t.id} ${t.idleReason}`);
  }
  if (report.failover?.length) {
    out.push('', 'failover (timers scaled down for the run, outage scaled back):');
    for (const f of report.failover) out.push(`  ${f.ok ? 'ok' : '✗ '} ${f.tunnel} down (${f.sites}): traffic ${f.continued ? 'continued' : 'stopped'}, outage ${f.outageSeconds.toFixed(1)} s, detected by ${f.detectedBy}; ${f.timers}${f.detail ? ` — ${f.detail}` : ''}`);
  }
  out.push('', 'sites:');
  for (const s of report.sites) out.push(`  ${s.label} (${s.cloud}${s.asn !== undefined ? `, AS ${s.asn}` : ''}): ${s.networks.join(', ')} — ${s.networksSource}`);
  const keys = report.tunnels.filter((t) => t.keyFingerprints.length).map((t) => `  ${t.id} ${t.keyFingerprints.join(' ~ ')}`);
  if (keys.length) out.push('', 'pre-shared keys (keyed fingerprints: equal keys match within this run; they reveal nothing):', ...keys);
  const alarms = report.tunnels.filter((t) => t.alarms?.length).flatMap((t) => t.alarms!.map((a) => `  ${t.id} ${a}`));
  if (alarms.length) out.push('', 'alarms (what watches each tunnel in its cloud\'s monitoring):', ...alarms);
  const notes = [...new Set(report.tunnels.flatMap((t) => t.notes))];
  if (notes.length) out.push('', 'model notes:', ...notes.map((n) => `  - ${n}`));
  if (report.warnings.length) out.push('', 'warnings:', ...report.warnings.map((w) => `  - ${w}`));
  if (report.lab) {
    out.push('', `lab: ${report.lab.namespaces} namespaces, ${report.lab.daemons} daemons, peak daemon memory RSS ${mb(report.lab.peakDaemonRssKb)} / PSS ${mb(report.lab.peakDaemonPssKb)}; lab ${report.timings.labSeconds.toFixed(1)} s, total ${report.timings.totalSeconds.toFixed(1)} s`);
  }
  out.push('', report.ok ? 'verify: OK' : `verify: FAILED\n${report.failures.map((f) => `  - ${f}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}

function isFailedCell(t: TunnelResult, i: number): boolean {
  const check = [undefined, undefined, undefined, t.ike, t.child, t.bgp, t.ping][i];
  return !!check && !check.ok;
}

const count = (r: VerifyReport, s: TunnelResult['status']) => r.tunnels.filter((t) => t.status === s).length;
const mb = (kb?: number) => (kb === undefined ? '?' : `${(kb / 1024).toFixed(1)} MB`);
