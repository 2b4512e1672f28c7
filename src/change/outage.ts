/**
 * Which tunnels are down while a change is deployed, and whether a site pair loses every path:
 * a pure function of what changes on each tunnel half and the sequence of deploy steps.
 *
 * The model, precisely:
 *
 * - A deployment moves through moments: `before`, then for each step `i` (1-based) `during i`
 *   (its stacks are being deployed) and `after i`. A step names the stacks it deploys; a staged
 *   rollout may restrict a step to some tunnels (`DeployStep.tunnels`): then only the halves of
 *   those tunnels change when its stacks deploy; tunnels that go down with them without changing
 *   (`DeployStep.alsoDown`: a replaced resource carries them too) are in transition during it.
 * - Each tunnel half has two versions, `before` and `after`. Its changes sit in stacks (the stacks
 *   of the resources that shape it); it takes its `after` version once the last step deploying
 *   one of those stacks is done. A half that exists only after the change is absent until then; a
 *   half that exists only before is gone from the first step that deletes one of its resources
 *   (a half whose stacks no step deploys stays as it is: `ccvpn deploy` does not remove stacks).
 * - A half is `in transition`, and its tunnel down, during a step that replaces (or creates or
 *   deletes) a resource carrying it, and, when the half changes something both ends must agree
 *   on (`agreementChanged`: key, IKE version or proposals, ESP proposals, identities, traffic
 *   selectors, inside addresses, ASNs, routing kind, its own or its peer's outside address), from
 *   the first step that changes it until the last.
 * - A tunnel is up at a moment iff both halves exist, neither is in transition, and they are of
 *   the same version, or the half whose version differs from its partner's changes nothing both
 *   ends must agree on (the pair is then the before pair or the after pair on everything that
 *   must match). So a tunnel is down from the moment one half has changed something both ends
 *   must agree on until the other half is updated; an AWS VPN connection replaced gets new
 *   outside IPs (an agreement change of its halves and of its peers' halves, whose peer address
 *   changes), so its peers are down until the step that feeds them the new IPs.
 * - A site pair that has tunnels in the output before and after the change is cut off when at
 *   some moment none of its tunnels is up although one was up before the change (also when none
 *   comes back: the after-output's halves then disagree). A pair with no tunnel in the after
 *   output is removed by the change (reported, not an outage); a pair with none before is new.
 *
 * Not modelled: the order of resources within one stack's deploy (a step is one moment), the
 * seconds a cloud takes to renegotiate after both halves agree again, compatible proposal
 * changes (any proposal change on both halves counts as an agreement change), a route or
 * route-table resource replaced without its tunnel (the callers pass only gateways, connections,
 * customer / local network gateways and public IPs as `replaces`), and the brief outage of an
 * in-place tunnel update a cloud documents (AWS ModifyVpnTunnelOptions: "the modified tunnel is
 * unavailable during the update"): an in-place change counts as down only when it changes
 * something both ends must agree on.
 */

/** One deploy step: stacks deployed together, optionally only for some tunnels (a staged rollout). */
export interface DeployStep {
  /** For reports, e.g. `phase 2: AwsTokyoLinks2`. */
  readonly label: string;
  /** Stack names (as in the deployment manifest). */
  readonly stacks: readonly string[];
  /**
   * Only the halves of these tunnels (`TunnelChange.id`) change at this step.
   *
   * @default - every half with a change in `stacks`
   */
  readonly tunnels?: readonly string[];
  /**
   * Tunnels (`TunnelOutageInput.id`) that do not change at this step but are down during it: a
   * resource carrying them is replaced with a changing tunnel's (the two tunnels of an AWS VPN
   * connection CloudFormation replaces, `RolloutStep.alsoDown`). Their halves keep their version.
   *
   * @default - none
   */
  readonly alsoDown?: readonly string[];
}

/** What changes on one half, as the outage model needs it. */
export interface HalfOutageInput {
  readonly key: string;
  /** `both`: the half exists before and after; `before` / `after`: only then. */
  readonly exists: 'both' | 'before' | 'after';
  /** Stacks holding a changed resource of this half, and whether that change replaces (creates, deletes) a resource carrying the tunnel. */
  readonly changes: readonly { readonly stack: string; readonly replaces: boolean }[];
  /** Whether the half changes something both ends must agree on. */
  readonly agreementChanged: boolean;
}

/** One tunnel (before, after or both) and its halves. */
export interface TunnelOutageInput {
  readonly id: string;
  /** Site pair key (the two site keys, sorted, joined by ` ⇄ `). */
  readonly pair: string;
  readonly halves: readonly HalfOutageInput[];
}

/** A moment of the deployment. */
export interface Moment {
  /** 0 = before the change. */
  readonly step: number;
  readonly phase: 'before' | 'during' | 'after';
  readonly label: string;
}

export interface TunnelOutage {
  readonly id: string;
  readonly pair: string;
  /** `kept`: in the output before and after the change; `added` / `removed`: only after / before it. */
  readonly status: 'kept' | 'added' | 'removed';
  /** Moments at which a `kept` tunnel is down (up before the change, or not). */
  readonly down: readonly Moment[];
  /** Down intervals as text (`during phase 2: X … after phase 3: Y`). */
  readonly intervals: readonly string[];
  /**
   * `removed`: the first moment it is no longer up (none: its stacks are not deployed, so it
   * stays up until they are destroyed); `added`: the first moment it is up.
   */
  readonly from?: Moment;
}

export interface PairOutage {
  readonly pair: string;
  readonly status: 'kept' | 'added' | 'removed';
  /** Moments at which no tunnel of the pair is up (only for `kept` pairs). */
  readonly cutOff: readonly Moment[];
  /** `cutOff` as ranges of consecutive moments. */
  readonly cutOffIntervals: readonly string[];
  /** Tunnels of the pair up at every moment. */
  readonly alwaysUp: readonly string[];
}

export interface OutageReport {
  readonly moments: readonly Moment[];
  readonly tunnels: readonly TunnelOutage[];
  readonly pairs: readonly PairOutage[];
  /** True when some kept site pair loses every path at some moment. */
  readonly cutsOff: boolean;
}

type Version = 'absent' | 'before' | 'after' | 'transit';

/** The moments of a sequence of steps: before, then during and after each step. */
export function momentsOf(steps: readonly DeployStep[]): Moment[] {
  return [{ step: 0, phase: 'before', label: 'before the change' }, ...steps.flatMap((s, i) => [
    { step: i + 1, phase: 'during' as const, label: `during ${s.label}` },
    { step: i + 1, phase: 'after' as const, label: `after ${s.label}` },
  ])];
}

/** The version of a half at each moment. */
function versions(h: HalfOutageInput, tunnel: string, steps: readonly DeployStep[], moments: readonly Moment[]): Version[] {
  const changeSteps = steps.map((s, i) => ({ i: i + 1, s })).filter(({ s }) => (!s.tunnels || s.tunnels.includes(tunnel)) && h.changes.some((c) => s.stacks.includes(c.stack)));
  const replacesAt = new Set(changeSteps.filter(({ s }) => h.changes.some((c) => c.replaces && s.stacks.includes(c.stack))).map(({ i }) => i));
  const first = changeSteps[0]?.i;
  const last = changeSteps[changeSteps.length - 1]?.i;
  const alsoDownAt = new Set(steps.map((s, i) => ({ i: i + 1, s })).filter(({ s }) => s.alsoDown?.includes(tunnel)).map(({ i }) => i));
  return moments.map((m) => {
    const v = version(m);
    return v !== 'absent' && m.phase === 'during' && alsoDownAt.has(m.step) ? 'transit' : v;
  });
  function version(m: Moment): Version {
    const settled = m.phase === 'after' ? m.step : m.step - 1; // steps completed at this moment
    const during = m.phase === 'during' ? m.step : undefined;
    if (h.exists === 'after') {
      if (first === undefined) return 'absent';
      if (settled >= last!) return 'after';
      return (during !== undefined && during >= first) || settled >= first ? 'transit' : 'absent';
    }
    if (h.exists === 'before') {
      if (first === undefined) return 'before';
      if (during === first) return 'transit';
      return settled >= first ? 'absent' : 'before';
    }
    if (first === undefined) return 'before';
    if (during !== undefined && (replacesAt.has(during) || (h.agreementChanged && during >= first && during <= last!))) return 'transit';
    if (h.agreementChanged && settled >= first && settled < last!) return 'transit';
    return settled >= last! ? 'after' : 'before';
  }
}

function up(halves: readonly HalfOutageInput[], vs: readonly Version[]): boolean {
  if (halves.length !== 2 || vs.some((v) => v === 'absent' || v === 'transit')) return false;
  if (vs[0] === vs[1]) return true;
  return !halves[0].agreementChanged || !halves[1].agreementChanged;
}

/** Evaluates the outage model (see the file header) for tunnels and steps. */
export function evaluateOutage(tunnels: readonly TunnelOutageInput[], steps: readonly DeployStep[]): OutageReport {
  const moments = momentsOf(steps);
  const states = tunnels.map((t) => {
    const vs = t.halves.map((h) => versions(h, t.id, steps, moments));
    return { t, ups: moments.map((_, i) => up(t.halves, vs.map((v) => v[i]))) };
  });
  const exists = (t: TunnelOutageInput, when: 'before' | 'after') => t.halves.every((h) => h.exists === 'both' || h.exists === when);
  const out: TunnelOutage[] = states.map(({ t, ups }) => {
    const status = exists(t, 'before') && exists(t, 'after') ? 'kept' : exists(t, 'before') ? 'removed' : 'added';
    const down = status === 'kept' ? moments.filter((_, i) => !ups[i]) : [];
    const at = status === 'removed' ? ups.indexOf(false) : status === 'added' ? ups.indexOf(true) : -1;
    return { id: t.id, pair: t.pair, status, down, intervals: intervals(down, moments), ...(at >= 0 ? { from: moments[at] } : {}) };
  });
  const pairs = [...new Set(tunnels.map((t) => t.pair))].sort().map((pair): PairOutage => {
    const mine = states.filter((s) => s.t.pair === pair);
    const anyUp = (i: number) => mine.some((s) => s.ups[i]);
    const status = !mine.some((s) => exists(s.t, 'after')) ? 'removed' : !mine.some((s) => exists(s.t, 'before')) ? 'added' : 'kept';
    // Cut off: a kept pair with a path before the change and none at some moment of it.
    const cutOff = status === 'kept' && anyUp(0) ? moments.filter((_, i) => !anyUp(i)) : [];
    return {
      pair,
      status,
      cutOff,
      cutOffIntervals: intervals(cutOff, moments),
      alwaysUp: mine.filter((s) => s.ups.every(Boolean)).map((s) => s.t.id),
    };
  });
  return { moments, tunnels: out, pairs, cutsOff: pairs.some((p) => p.cutOff.length > 0) };
}

/** Consecutive moments as `from … to` ranges. */
export function intervals(down: readonly Moment[], moments: readonly Moment[]): string[] {
  const index = (m: Moment) => moments.indexOf(m);
  const out: string[] = [];
  let start: Moment | undefined;
  let prev: Moment | undefined;
  for (const m of down) {
    if (prev && index(m) === index(prev) + 1) {
      prev = m;
      continue;
    }
    if (start) out.push(start === prev ? start.label : `${start.label} … ${prev!.label}`);
    start = m;
    prev = m;
  }
  if (start) out.push(start === prev ? start.label : `${start.label} … ${prev!.label}`);
  return out;
}
