/**
 * `verifyChange`: proves what a change of a deployed mesh does to traffic, in the namespace lab.
 * Reads the before- and the after-output as `verify` does (read, model, pair, roles), matches
 * their tunnels, and hands the lab (`lab/change.ts`) the before-tunnels to bring up, the
 * after-halves each tunnel is reconfigured to, and the steps; the lab reports per site pair the
 * longest gap in traffic and per tunnel when it went down and came back.
 *
 * The steps are the rollout's, as `ccvpn deploy --rollout` would apply them (`rollout-steps.ts`):
 * by default those `planRollout` chooses over these tunnels (one tunnel of a site pair per step);
 * or a `ccvpn rotate` rollout file's, its planner tunnel ids matched to these tunnels; or explicit
 * steps of tunnel ids / half keys.
 *
 * Tunnel identity across the two outputs: a tunnel is the same when both of its halves have the
 * same keys (`TunnelHalf.key`: the resource and tunnel that make the half). A half whose resource
 * is renamed is a different resource to its engine (destroyed and created), so the tunnel is one
 * removed and one added here too. Tunnel ids are those `ccvpn verify <before>` prints (`t1`…, in
 * its order); tunnels only in the after-output continue the numbering (after every id it prints)
 * in the after-output's order: `changeTunnelIds`, which `ccvpn diff` numbers by too. A step may
 * name a tunnel by its id or by the key of either half.
 *
 * Outside addresses are symbolic and assigned in order of the endpoints' keys, so one output's
 * `192.0.2.12` may be another endpoint in the other output: the after-halves are renumbered to the
 * before-output's address of the same endpoint key (an endpoint only the after-output has gets a
 * documentation address the before-output does not use).
 */
import * as fs from 'node:fs';
import { formatIpv4, parseCidr } from '../common/cidr';
import { chooseRoles, inVerifyOrder, labNetworks } from './index';
import { ChangeLabResult, ChangeLabTunnel, runChangeLab } from './lab/change';
import { labPrerequisites } from './lab/host';
import type { LabSiteSpec } from './lab-plan';
import { modelDeployment, pairHalves } from './models';
import { checkAcceptance, violationsOf } from './acceptance';
import { Resolver, extractDeployment, loadStacks } from './read-output';
import { RolloutFileInput, RolloutStepsError, plannedRollout, stepsOfRolloutFile } from './rollout-steps';
import type { SiteModel, TunnelHalf } from './types';

/** Input of `verifyChange`. */
export interface ChangeInput {
  /** Folders of the deployed (before) output, read as one deployment. */
  readonly before: readonly string[];
  /** Folders of the output after the change. */
  readonly after: readonly string[];
  /**
   * Explicit steps: each a list of tunnel ids (or half keys) changed together; every step waits
   * until its tunnels are back before the next. Tunnels that change, appear or disappear and are
   * in no step are an error. Not together with `rollout`.
   * @default - the steps `planRollout` chooses over the tunnels (one tunnel of a site pair per step)
   */
  readonly steps?: readonly (readonly string[])[];
  /**
   * A `ccvpn rotate` rollout file (`readRolloutFile`): its steps, their planner tunnel ids
   * matched to the output's tunnels (`mapPlannerTunnels`). Not together with `steps`.
   * @default - the steps `planRollout` chooses
   */
  readonly rollout?: RolloutFileInput;
}

/** Where the steps came from: given, a rollout file's, or `planRollout`'s over the outputs' tunnels. */
export type StepsSource = 'input' | 'rollout file' | 'planRollout';

/** Options of `verifyChange`. */
export interface ChangeOptions {
  readonly progress?: (line: string) => void;
  /** Keep namespaces, daemons and files for debugging. */
  readonly keep?: boolean;
  /** Interval of the traffic probes between every pair of site networks, in ms (10-1000). @default 50 */
  readonly probeIntervalMs?: number;
  /** How long a step's tunnels may take to come back, in ms. @default 30000 */
  readonly stepDeadlineMs?: number;
  /** How long traffic runs before the first step and after the last, in ms. @default 2000 */
  readonly settleMs?: number;
  /**
   * How a reconfigured half resets its tunnel: `graceful` (an IKE DELETE reaches the peer) or
   * `silent` (no DELETE: the peer notices through DPD or its BGP hold timer; measures failover).
   * @default 'graceful'
   */
  readonly reset?: 'graceful' | 'silent';
  /** Time between the two halves of a tunnel being reconfigured, in ms. @default 0 */
  readonly halfDelayMs?: number;
}

/** What differs between the before- and the after-half of one tunnel. */
export type ChangeKind = 'key' | 'proposal' | 'lifetime' | 'dpd' | 'inside' | 'asn' | 'routes' | 'identity' | 'initiation';

/** One tunnel of the change. */
export interface ChangeTunnel {
  readonly id: string;
  readonly sides: string;
  /** The keys of its halves. */
  readonly halves: readonly string[];
  readonly status: 'unchanged' | 'changed' | 'added' | 'removed';
  readonly changes: readonly ChangeKind[];
  /** 1-based step that changes it; absent for an unchanged tunnel in no step. */
  readonly step?: number;
  /** Seconds since the first step began when traffic could no longer use it. */
  readonly downAt?: number;
  /** Seconds since the first step began when it carried traffic again (absent: removed, or never came back). */
  readonly upAt?: number;
  readonly ok: boolean;
  readonly detail?: string;
}

/** Traffic between two sites during the change. */
export interface ChangeSitePair {
  readonly sites: string;
  /** Network pairs probed (one flow each, both directions: request and reply). */
  readonly flows: readonly string[];
  /** Longest time without a reply on any flow while the pair is meant to be connected, in seconds. */
  readonly longestGapSeconds: number;
  /** When that gap ended, seconds since the first step began. */
  readonly longestGapEndsAt?: number;
  /** Probes sent while the pair was meant to be connected, and those never answered. */
  readonly sent: number;
  readonly lost: number;
  /** At every step, a tunnel of this pair that the step does not change stays up. */
  readonly redundant: boolean;
  /** Whether the pair is meant to be connected before and after (`added`: only after; `removed`: only before). */
  readonly presence: 'kept' | 'added' | 'removed';
}

/** The report of `verifyChange`. */
export interface ChangeReport {
  readonly ok: boolean;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly steps: readonly { readonly tunnels: readonly string[]; readonly startedAt: number; readonly seconds: number; readonly ok: boolean; readonly detail?: string }[];
  /** Where the steps came from. */
  readonly stepsSource: StepsSource;
  /** How the steps were derived: rollout steps left out (idle tunnels), planner tunnels matched. */
  readonly stepsNotes: readonly string[];
  readonly tunnels: readonly ChangeTunnel[];
  readonly sitePairs: readonly ChangeSitePair[];
  /** How the lab emulates a cloud applying a change to a live tunnel, with the sources. */
  readonly model: readonly string[];
  readonly failures: readonly string[];
  readonly warnings: readonly string[];
  readonly timings: { readonly labSeconds: number; readonly totalSeconds: number };
}

/** One output read as `verify` reads it, down to the tunnels the lab can bring up. */
interface Side {
  readonly sites: readonly SiteModel[];
  readonly halves: readonly TunnelHalf[];
  readonly tunnels: readonly { readonly halves: readonly [TunnelHalf, TunnelHalf]; readonly initiator: 0 | 1; readonly rekeyer: 0 | 1; readonly sides: string }[];
  /** Tunnels the lab cannot bring up, with why (`verify` fails them). */
  readonly excluded: readonly string[];
  /** Every paired tunnel's halves, in `verify`'s order (the ids `ccvpn verify` prints), and how many unpaired halves it numbers after them. */
  readonly numbered: { readonly pairs: readonly (readonly TunnelHalf[])[]; readonly unpaired: number };
  readonly warnings: readonly string[];
}

function readSide(folders: readonly string[], which: string): Side {
  for (const f of folders) if (!fs.existsSync(f)) throw new Error(`${which}: ${f} does not exist`);
  const { stacks, manifest, warnings } = loadStacks([...folders]);
  const deployment = extractDeployment([...folders], stacks, manifest, warnings);
  const resolver = new Resolver(stacks, manifest);
  const model = modelDeployment(deployment, resolver);
  const violations = checkAcceptance(resolver);
  const label = (key: string | undefined) => (key ? deployment.endpoints.get(key)?.label ?? key : '?');
  const pairing = pairHalves(model.halves, label);
  const siteLabel = (h: TunnelHalf) => model.sites.find((s) => s.key === h.site)?.label ?? h.site;
  const sides = (hs: readonly TunnelHalf[]) => hs.map((h) => `${siteLabel(h)} ${h.label}`).join(' ⇄ ');
  // The order `verify` numbers the tunnels in.
  const pairs = inVerifyOrder(pairing.pairs, model.sites);
  const tunnels: Side['tunnels'][number][] = [];
  const excluded: string[] = [];
  for (const p of pairs) {
    const why = violationsOf(p.halves, violations).length ? 'the cloud rejects a value of it (ccvpn verify names it)'
      : model.unverifiable.some((u) => p.halves.some((h) => h.key === u.half)) ? 'unverifiable from the output'
        : p.halves.some((h) => h.problems.length) ? p.halves.flatMap((h) => h.problems).join('; ') : undefined;
    const roles = chooseRoles(p.halves);
    if (why || 'reason' in roles) {
      excluded.push(`${which} ${sides(p.halves)}: ${why ?? ('reason' in roles ? roles.reason : '')}`);
      continue;
    }
    tunnels.push({ halves: p.halves, initiator: roles.initiator, rekeyer: roles.rekeyer, sides: sides(p.halves) });
  }
  const numbered = { pairs: pairs.map((p) => p.halves), unpaired: pairing.unpaired.length };
  return { sites: model.sites, halves: model.halves, tunnels, excluded, numbered, warnings: [...deployment.warnings, ...model.warnings].map((w) => `${which}: ${w}`) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What differs between two halves of the same tunnel (keys by fingerprint only). */
export function halfChanges(a: TunnelHalf, b: TunnelHalf): ChangeKind[] {
  const out = new Set<ChangeKind>();
  if ((a.psk?.fingerprint ?? '') !== (b.psk?.fingerprint ?? '')) out.add('key');
  if (a.ikeVersion !== b.ikeVersion || !sameList(a.ikeProposals, b.ikeProposals) || !sameList(a.esp.offers, b.esp.offers) || !sameList(a.esp.accepts, b.esp.accepts)) out.add('proposal');
  if (a.ikeLifetimeSeconds !== b.ikeLifetimeSeconds || a.childLifetimeSeconds !== b.childLifetimeSeconds) out.add('lifetime');
  if (JSON.stringify(a.dpd ?? null) !== JSON.stringify(b.dpd ?? null)) out.add('dpd');
  if (a.inside?.address !== b.inside?.address || a.inside?.peerAddress !== b.inside?.peerAddress) out.add('inside');
  if (a.bgp?.localAsn !== b.bgp?.localAsn || a.bgp?.peerAsn !== b.bgp?.peerAsn) out.add('asn');
  if (!sameList(a.advertise, b.advertise) || !sameList(a.routes, b.routes) || a.routing !== b.routing) out.add('routes');
  if (JSON.stringify(a.initiation) !== JSON.stringify(b.initiation)) out.add('initiation');
  return [...out];
}

/**
 * Renumbers the after-halves' symbolic addresses to the before-output's address of the same
 * endpoint key; endpoints only the after-output has get free addresses of the same /24.
 */
export function renumber(before: readonly TunnelHalf[], after: readonly TunnelHalf[]): TunnelHalf[] {
  const known = new Map<string, string>();
  for (const h of before) {
    known.set(h.outsideEndpoint, h.outsideAddress);
    if (h.peerEndpoint && h.peerAddress) known.set(h.peerEndpoint, h.peerAddress);
  }
  const used = new Set(known.values());
  const fresh = new Map<string, string>();
  const addressOf = (endpoint: string | undefined, address: string | undefined): string | undefined => {
    if (!address) return address;
    if (endpoint && known.has(endpoint)) return known.get(endpoint);
    const k = endpoint ?? `address:${address}`;
    if (fresh.has(k)) return fresh.get(k);
    const p = parseCidr(`${address.split('.').slice(0, 3).join('.')}.0/24`);
    let next: string | undefined;
    for (let host = 100; p.ok && host < 255 && !next; host++) {
      const candidate = formatIpv4(p.cidr.network + host);
      if (!used.has(candidate)) next = candidate;
    }
    if (!next) throw new Error(`no free documentation address left in ${address}/24 for the after-output's endpoint ${endpoint ?? address}`);
    used.add(next);
    fresh.set(k, next);
    return next;
  };
  return after.map((h) => {
    const outside = addressOf(h.outsideEndpoint, h.outsideAddress)!;
    const peer = addressOf(h.peerEndpoint, h.peerAddress);
    const id = (v: string) => (v === h.outsideAddress ? outside : v === h.peerAddress && peer ? peer : v);
    return { ...h, outsideAddress: outside, peerAddress: peer, localId: id(h.localId), remoteId: id(h.remoteId) };
  });
}

/** A tunnel across both outputs: the keys of its halves, sorted (see the file comment). */
export const halvesKey = (hs: readonly { readonly key: string }[]): string => hs.map((h) => h.key).sort().join(' ~ ');

/** One output's tunnels as `verify` numbers them: its pairs in `inVerifyOrder`, then as many unpaired halves. */
export interface NumberedTunnels {
  readonly pairs: readonly (readonly { readonly key: string }[])[];
  readonly unpaired: number;
}

/**
 * The one numbering of a change's tunnels, `verify --change`'s and `ccvpn diff`'s (by
 * `halvesKey`): a tunnel of the before-output has the id `ccvpn verify <before>` prints; a tunnel
 * only the after-output has continues after every id of the before-output (its unpaired halves
 * included, so no id names two tunnels), in the after-output's `verify` order.
 */
export function changeTunnelIds(before: NumberedTunnels, after: NumberedTunnels): Map<string, string> {
  const ids = new Map(before.pairs.map((hs, i) => [halvesKey(hs), `t${i + 1}`]));
  let n = before.pairs.length + before.unpaired;
  for (const hs of after.pairs) if (!ids.has(halvesKey(hs))) ids.set(halvesKey(hs), `t${++n}`);
  return ids;
}

/** The change, as the lab runs it, before anything starts (pure but for reading the folders). */
export interface ChangePlan {
  readonly sites: LabSiteSpec[];
  readonly siteLabels: ReadonlyMap<string, string>;
  readonly tunnels: ChangeLabTunnel[];
  readonly report: readonly Omit<ChangeTunnel, 'downAt' | 'upAt' | 'ok' | 'step'>[];
  readonly steps: string[][];
  readonly stepsSource: StepsSource;
  readonly stepsNotes: string[];
  readonly failures: string[];
  readonly warnings: string[];
}

/** Reads both outputs, matches their tunnels and resolves the steps. */
export function planChange(input: ChangeInput): ChangePlan {
  const before = readSide(input.before, 'before');
  const after = readSide(input.after, 'after');
  const renumbered = new Map<TunnelHalf, TunnelHalf>();
  const re = renumber(before.halves, after.halves);
  after.halves.forEach((h, i) => renumbered.set(h, re[i]));
  const tunnels: ChangeLabTunnel[] = [];
  const report: ChangePlan['report'][number][] = [];
  const afterByKey = new Map(after.tunnels.map((t) => [halvesKey(t.halves), t]));
  const matched = new Set<string>();
  const ids = changeTunnelIds(before.numbered, after.numbered);
  for (const b of before.tunnels) {
    const key = halvesKey(b.halves);
    const id = ids.get(key)!;
    const a = afterByKey.get(key);
    if (a) matched.add(key);
    // Keep the before-tunnel's side order: the lab's namespaces are laid out from it.
    const afterHalves = a ? b.halves.map((h) => renumbered.get(a.halves.find((x) => x.key === h.key)!)!) as unknown as readonly [TunnelHalf, TunnelHalf] : undefined;
    const changes = afterHalves ? [...new Set([...halfChanges(b.halves[0], afterHalves[0]), ...halfChanges(b.halves[1], afterHalves[1])])] : [];
    const roles = afterHalves ? chooseRoles(afterHalves) : undefined;
    tunnels.push({
      id, before: { halves: b.halves, initiator: b.initiator, rekeyer: b.rekeyer },
      after: afterHalves && roles && !('reason' in roles) ? { halves: afterHalves, initiator: roles.initiator, rekeyer: roles.rekeyer } : undefined,
      changed: !a || changes.length > 0,
      reset: changes.some((c) => c !== 'routes'),
    });
    report.push({ id, sides: b.sides, halves: b.halves.map((h) => h.key), status: !a ? 'removed' : changes.length ? 'changed' : 'unchanged', changes });
  }
  for (const a of after.tunnels) {
    if (matched.has(halvesKey(a.halves))) continue;
    const id = ids.get(halvesKey(a.halves))!;
    const halves = a.halves.map((h) => renumbered.get(h)!) as unknown as readonly [TunnelHalf, TunnelHalf];
    tunnels.push({ id, after: { halves, initiator: a.initiator, rekeyer: a.rekeyer }, changed: true });
    report.push({ id, sides: a.sides, halves: a.halves.map((h) => h.key), status: 'added', changes: [] });
  }
  const failures = [...after.excluded.map((e) => `${e}: the after-output has a tunnel the lab cannot bring up`)];
  const warnings = [...before.warnings, ...after.warnings, ...before.excluded.map((e) => `${e}: not brought up (ccvpn verify fails it)`)];

  // Sites: both outputs' (by key), each with the networks of both.
  const siteModels = new Map<string, SiteModel>();
  for (const s of [...before.sites, ...after.sites]) if (!siteModels.has(s.key)) siteModels.set(s.key, s);
  const allHalves = [...before.halves, ...re];
  const used = new Set(tunnels.flatMap((t) => [...(t.before?.halves ?? []), ...(t.after?.halves ?? [])].map((h) => h.site)));
  const sites: LabSiteSpec[] = [...siteModels.values()].filter((s) => used.has(s.key)).map((s) => {
    const nets = [...before.sites, ...after.sites].filter((x) => x.key === s.key).flatMap((x) => x.networks);
    return { key: s.key, networks: labNetworks(s.key, [...new Set(nets)], allHalves) };
  });

  // Steps: the input's, each entry resolved to a tunnel id; else one changed tunnel per step.
  const byName = new Map<string, string>();
  for (const r of report) {
    byName.set(r.id, r.id);
    for (const k of r.halves) byName.set(k, r.id);
  }
  const siteLabels = new Map([...siteModels.values()].map((s) => [s.key, s.label]));
  const { steps, stepsSource, stepsNotes } = resolveSteps(input, report, tunnels, warnings, (k) => siteLabels.get(k) ?? k);
  return { sites, siteLabels, tunnels, report, steps, stepsSource, stepsNotes, failures, warnings };
}

/** A tunnel's halves as the steps see them (the before-version where there is one). */
const halvesOf = (t: ChangeLabTunnel) => (t.before ?? t.after)!.halves;

/** The steps of a change: given, a rollout file's, or `planRollout`'s (see `ChangeInput`). */
function resolveSteps(input: ChangeInput, report: ChangePlan['report'], tunnels: readonly ChangeLabTunnel[], warnings: string[], siteLabel: (key: string) => string): { steps: string[][]; stepsSource: StepsSource; stepsNotes: string[] } {
  if (input.steps && input.rollout) throw new Error('give steps or a rollout file, not both');
  const changing = new Set(report.filter((r) => r.status !== 'unchanged').map((r) => r.id));
  let steps: string[][];
  let stepsSource: StepsSource;
  const stepsNotes: string[] = [];
  if (input.steps) {
    // Each entry resolved to a tunnel id.
    const byName = new Map<string, string>();
    for (const r of report) {
      byName.set(r.id, r.id);
      for (const k of r.halves) byName.set(k, r.id);
    }
    stepsSource = 'input';
    steps = input.steps.map((step, i) => step.map((name) => {
      const id = byName.get(name);
      if (!id) throw new Error(`steps[${i}]: no tunnel '${name.length > 80 ? `${name.slice(0, 80)}…` : name}' in the change (tunnel ids ${report.map((r) => r.id).join(', ')}, or a half key)`);
      return id;
    }));
  } else if (input.rollout) {
    stepsSource = 'rollout file';
    let mapped;
    try {
      mapped = stepsOfRolloutFile(input.rollout, tunnels.filter((t) => t.before).map((t) => ({ id: t.id, halves: t.before!.halves })));
    } catch (e) {
      throw e instanceof RolloutStepsError ? new Error(`rollout file: ${e.message}`) : e;
    }
    steps = mapped.steps.map((s) => [...s.tunnels]);
    stepsNotes.push(...mapped.notes);
    for (const s of mapped.steps) {
      if (s.alsoDown.length) warnings.push(`rollout step ${s.step}: ${s.alsoDown.join(', ')} go down with its tunnels (a connection replaced whole); the lab applies each change in place and leaves them up`);
      const still = s.tunnels.filter((id) => !changing.has(id));
      if (still.length) warnings.push(`rollout step ${s.step}: ${still.join(', ')} do(es) not change between the outputs (is <after> the output of the rollout's last record?)`);
    }
    stepsNotes.push(`planner tunnels matched: ${[...mapped.mapping.tunnels].map(([p, v]) => `${p} = ${v}`).join(', ')}`);
  } else {
    stepsSource = 'planRollout';
    const rollout = plannedRollout(tunnels.map((t) => ({ id: t.id, halves: halvesOf(t), changing: changing.has(t.id) })));
    steps = rollout.steps.map((s) => [...s.tunnels]);
    for (const o of rollout.outages) stepsNotes.push(`step ${o.step}: ${o.tunnels.join(', ')} ${o.tunnels.length === 1 ? 'is' : 'are'} the only tunnel(s) of ${o.sites.map(siteLabel).join(' ⇄ ')}: that pair has no path while ${o.tunnels.length === 1 ? 'it changes' : 'they change'} (no order avoids it)`);
  }
  const seen = new Map<string, number>();
  steps.forEach((s, i) => s.forEach((id) => {
    if (seen.has(id)) throw new Error(`steps[${i}]: tunnel ${id} is already in steps[${seen.get(id)}] (each tunnel changes in one step)`);
    seen.set(id, i);
  }));
  const missing = report.filter((r) => r.status !== 'unchanged' && !seen.has(r.id)).map((r) => `${r.id} (${r.status})`);
  if (missing.length) throw new Error(`steps: ${missing.join(', ')} change(s) but are in no step${stepsSource === 'rollout file' ? ' of the rollout file' : ''}`);
  return { steps, stepsSource, stepsNotes };
}

/**
 * How the lab applies a change to a live tunnel (the `model` lines of the report): what each
 * cloud documents about a tunnel whose options change, and what the lab does.
 */
export const CHANGE_MODEL: readonly string[] = [
  'A change of announced routes only (a site added behind a gateway that transits, a network added) is applied in place: the configuration is re-read, the SAs and BGP sessions stay up.',
  'A half is reconfigured as its cloud updates the resource: the new swanctl.conf is loaded (swanctl --load-all) and BIRD re-reads its configuration (birdc configure), then the half resets the tunnel: its IKE SA is deleted (an IKE DELETE reaches the peer), so both ends drop the tunnel, take the inside address off ipsec0 and withdraw its routes; the tunnel is initiated again once both halves have the after-configuration.',
  'AWS documents the reset: "Modify the VPN tunnel options (ModifyVpnTunnelOptions): the modified tunnel is unavailable during the update" (Site-to-Site VPN user guide, "Tunnel endpoint replacements", docs.aws.amazon.com/vpn/latest/s2svpn/endpoint-replacements.html); the library applies AWS tunnel options that way (its Custom::VpnTunnelOptions resource), so the connection and its outside IPs stay.',
  'Azure (a connection\'s shared key or IPsec policy, a PUT of Microsoft.Network/connections) and Alibaba Cloud (ModifyVpnConnectionAttribute / ModifyVpnAttachmentAttribute: asynchronous, the gateway or connection is "updating" meanwhile, VPN Gateway API reference) document no effect on the live tunnel: the lab assumes they reset it too (a tunnel cannot keep an IKE SA authenticated with a key it no longer has once it rekeys).',
  'Static and policy-routed tunnels: while one is reset, its gateways route around it (Alibaba Cloud documents it for its dual-tunnel connections: "If the active tunnel is disconnected, the VPN Gateway automatically switches traffic to the standby tunnel", VPN Gateway "Dual-tunnel mode"); the lab withdraws the site routers\' static routes into it at the reset and restores them once its SAs are up, so a real gateway\'s detection delay is not in the figures.',
  'Whether a cloud sends an IKE DELETE when it resets a tunnel is documented by none of them: the lab sends one (a graceful reset, the default). A reset without DELETE (option reset = silent) leaves the peer routing into the dead tunnel until DPD or the BGP hold timer notices: with the clouds\' timers as the lab models them (BGP hold 30 s on every link with an AWS end, Azure 180 s, Alibaba 90 s; DPD AWS 30 s, Azure 45 s) that is the BGP hold time, 20-30 s (measured 21.0-25.1 s: the far side logs "Hold timer expired" while its DPD is still probing).',
];

/**
 * Brings the lab up on the before-output, sends traffic between every pair of site networks,
 * applies the change step by step and reports the gaps. Needs root and the lab's daemons.
 */
export async function verifyChange(input: ChangeInput, options: ChangeOptions = {}): Promise<ChangeReport> {
  const started = Date.now();
  const plan = planChange(input);
  const base = { before: input.before, after: input.after, stepsSource: plan.stepsSource, stepsNotes: plan.stepsNotes, model: CHANGE_MODEL };
  const missing = await labPrerequisites();
  if (missing) {
    return {
      ...base, ok: false, steps: [], tunnels: plan.report.map((r) => ({ ...r, ok: false })), sitePairs: [],
      failures: [...plan.failures, `the lab cannot run here: ${missing}`], warnings: plan.warnings, timings: { labSeconds: 0, totalSeconds: (Date.now() - started) / 1000 },
    };
  }
  const labStarted = Date.now();
  const result: ChangeLabResult = await runChangeLab(plan.sites, plan.tunnels, plan.steps, {
    keep: options.keep ?? process.env.CCVPN_VERIFY_KEEP === '1',
    progress: options.progress,
    probeIntervalMs: options.probeIntervalMs,
    stepDeadlineMs: options.stepDeadlineMs,
    settleMs: options.settleMs,
    reset: options.reset,
    halfDelayMs: options.halfDelayMs,
  });
  const siteName = (key: string) => plan.siteLabels.get(key) ?? key;
  const stepOf = (id: string) => plan.steps.findIndex((s) => s.includes(id));
  const tunnels: ChangeTunnel[] = plan.report.map((r) => {
    const t = result.tunnels.get(r.id);
    const step = stepOf(r.id);
    return { ...r, step: step >= 0 ? step + 1 : undefined, downAt: t?.downAt, upAt: t?.upAt, ok: t?.ok ?? false, detail: t?.detail };
  });
  const sitePairs: ChangeSitePair[] = result.sitePairs.map((p) => ({ ...p, sites: p.sites.map(siteName).join(' ⇄ ') }));
  const failures = [...plan.failures, ...result.failures];
  for (const t of tunnels) if (!t.ok) failures.push(`${t.id} ${t.sides}: ${t.detail ?? 'failed'}`);
  for (const p of sitePairs) if (p.redundant && p.presence === 'kept' && p.longestGapSeconds > result.zeroGapSeconds) failures.push(`${p.sites}: traffic stopped for ${p.longestGapSeconds.toFixed(2)} s although a tunnel of the pair not being changed stayed up at every step`);
  return {
    ...base, ok: failures.length === 0, steps: result.steps, tunnels, sitePairs, failures, warnings: [...plan.warnings, ...result.warnings],
    timings: { labSeconds: (Date.now() - labStarted) / 1000, totalSeconds: (Date.now() - started) / 1000 },
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.min(80, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const STEPS_SOURCE: Record<StepsSource, string> = {
  'input': 'steps given',
  'rollout file': 'the rollout file\'s steps',
  'planRollout': 'planRollout: one tunnel of a site pair per step',
};

/** The plan of a change without the lab (`verify --change --dry-run`): tunnels and steps. */
export function renderChangePlan(p: ChangePlan): string {
  const out: string[] = [];
  out.push(`change: ${p.report.filter((t) => t.status !== 'unchanged').length} of ${p.report.length} tunnel(s) change, in ${p.steps.length} step(s) (${STEPS_SOURCE[p.stepsSource]})`);
  for (const n of p.stepsNotes) out.push(`  ${n}`);
  out.push('');
  out.push(...table(['step', 'tunnels'], p.steps.map((s, i) => [String(i + 1), s.join(' ')])), '');
  const stepOf = (id: string) => p.steps.findIndex((s) => s.includes(id));
  out.push(...table(['tunnel', 'sides', 'change', 'step'], p.report.map((t) => [t.id, t.sides, t.status === 'changed' ? t.changes.join(',') : t.status, stepOf(t.id) >= 0 ? String(stepOf(t.id) + 1) : '-'])));
  if (p.warnings.length) out.push('', 'warnings:', ...p.warnings.map((w) => `  - ${w}`));
  if (p.failures.length) out.push('', 'failures:', ...p.failures.map((f) => `  - ${f}`));
  out.push('', 'verify --change --dry-run: the lab was not started');
  return `${out.join('\n')}\n`;
}

const secs = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(2)} s`);

/** The change report as text: steps, tunnels, site pairs, failures. */
export function renderChangeReport(r: ChangeReport): string {
  const out: string[] = [];
  out.push(`change: ${r.tunnels.filter((t) => t.status !== 'unchanged').length} of ${r.tunnels.length} tunnel(s) change, in ${r.steps.length} step(s) (${STEPS_SOURCE[r.stepsSource]})`);
  for (const n of r.stepsNotes) out.push(`  ${n}`);
  out.push('');
  out.push(...table(['step', 'tunnels', 'started', 'took', 'result'], r.steps.map((s, i) => [String(i + 1), s.tunnels.join(' '), secs(s.startedAt), secs(s.seconds), s.ok ? 'back' : `✗ ${s.detail ?? 'failed'}`])), '');
  out.push(...table(['tunnel', 'sides', 'change', 'step', 'down at', 'up at', 'result'], r.tunnels.map((t) => [
    t.id, t.sides, t.status === 'changed' ? t.changes.join(',') : t.status, t.step ? String(t.step) : '-', secs(t.downAt), secs(t.upAt), t.ok ? 'ok' : `✗ ${t.detail ?? 'failed'}`,
  ])), '');
  out.push(...table(['site pair', 'flows', 'longest gap', 'gap ended', 'lost', 'redundant', 'pair'], r.sitePairs.map((p) => [
    p.sites, String(p.flows.length), secs(p.longestGapSeconds), secs(p.longestGapEndsAt), `${p.lost}/${p.sent}`, p.redundant ? 'yes' : 'no', p.presence,
  ])));
  out.push('', 'how the lab applies a change:', ...r.model.map((m) => `  - ${m}`));
  if (r.warnings.length) out.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  out.push('', `lab ${r.timings.labSeconds.toFixed(1)} s, total ${r.timings.totalSeconds.toFixed(1)} s`);
  out.push('', r.ok ? 'verify --change: OK' : `verify --change: FAILED\n${r.failures.map((f) => `  - ${f}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}
