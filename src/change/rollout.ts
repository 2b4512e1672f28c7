/**
 * The rollout of a change to deployed tunnels (a key rotation, a new proposal or lifetimes): the
 * order in which the changing tunnels are taken down and brought back, in steps, so that traffic
 * between every pair of sites keeps a path. Pure; `ccvpn rotate` writes it, `ccvpn deploy
 * --rollout` runs it, `ccvpn diff` and `ccvpn verify --change` model it.
 *
 * A tunnel changing in a step is down for that step: both its halves are updated during it, and
 * the halves disagree until both are. The rules:
 *
 * - **One tunnel of a site pair per step.** Between two sites there is one link, and its tunnels
 *   are that pair's redundant paths. Every two tunnels of a link the planner emits are a
 *   redundancy pair of one of its gateways: the two tunnels of one AWS VPN connection, the two
 *   instances of an Azure active-active gateway, or the master and slave endpoints of an Alibaba
 *   Cloud dual-tunnel gateway (see the pairing table in `src/plan/pairing.ts`). So "at most one
 *   tunnel of any active-active / dual-tunnel pair" is, for every layout, "at most one tunnel of
 *   each link"; the rule is stated per site pair so that it holds for tunnels read from
 *   synthesized output too. Paths through a third site are not counted: whether a cloud forwards
 *   between two of its VPN peers depends on its routing (an AWS virtual private gateway never
 *   does), so a rollout never relies on it.
 * - **Every site pair keeps a working path during every step**: a tunnel that is not changing, or
 *   one changed in an earlier step (both its halves updated). With the first rule, any pair with
 *   two or more active tunnels keeps one; a pair whose only active tunnel changes cannot, and is
 *   reported as an unavoidable outage (`Rollout.outages`).
 * - **Idle tunnels first**, in a step of their own: they carry no traffic, so the first step
 *   exercises the whole rollout (synth, both engines, both halves) where a failure costs nothing.
 *
 * The steps are as few as these rules allow: one for the idle tunnels (if any change), then as
 * many as the most active tunnels changing on one site pair.
 *
 * Where a change takes several tunnels down at once (an AWS VPN connection replaced by
 * CloudFormation takes both its tunnels down), `RolloutOptions.downTogether` says so, and the
 * rules apply to those groups.
 */

/** A tunnel as a rollout sees it. */
export interface RolloutTunnel {
  /** The tunnel id (`PlannedTunnel.id`). */
  readonly id: string;
  /** The site ids of its two ends (any order): the site pair it serves. */
  readonly sites: readonly [string, string];
  /** `active` tunnels carry traffic; `idle` ones (configured on one end only) do not. */
  readonly state: 'active' | 'idle';
}

/** One step of a rollout: the tunnels taken down, updated on both halves and brought back together. */
export interface RolloutStep {
  /** Number of the step, from 1; steps run in this order. */
  readonly step: number;
  /** Ids of the tunnels that change in this step, in the order they were given. */
  readonly tunnels: readonly string[];
  /**
   * Tunnels that do not change but are down during the step with a changing one
   * (`RolloutOptions.downTogether`).
   *
   * @default - none
   */
  readonly alsoDown?: readonly string[];
}

/**
 * A site pair that loses every path while one step runs: its only active tunnel changes (or all
 * of its active tunnels go down together, `RolloutOptions.downTogether`), so no order avoids it.
 */
export interface RolloutOutage {
  /** The two site ids, sorted. */
  readonly sites: readonly [string, string];
  /** The pair's active tunnels, all down during the step. */
  readonly tunnels: readonly string[];
  /** The step during which the pair has no path. */
  readonly step: number;
}

/** The steps of a change and the outages no order avoids. */
export interface Rollout {
  /** The steps, numbered from 1, none empty. */
  readonly steps: readonly RolloutStep[];
  /** Site pairs without a path during one step (each with only one active tunnel, which changes). */
  readonly outages: readonly RolloutOutage[];
}

/** Input that cannot be planned: a duplicate or unknown tunnel id, a malformed tunnel. */
export class RolloutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolloutError';
  }
}

/** The key of an unordered site pair. */
export function sitePair(sites: readonly [string, string]): string {
  return JSON.stringify([...sites].sort());
}

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

function checkTunnels(tunnels: readonly RolloutTunnel[]): void {
  const seen = new Set<string>();
  for (const [i, t] of tunnels.entries()) {
    const where = `tunnels[${i}]`;
    if (typeof t !== 'object' || t === null || typeof t.id !== 'string' || t.id === '') throw new RolloutError(`${where}: expected a tunnel { id, sites, state }`);
    if (!Array.isArray(t.sites) || t.sites.length !== 2 || !t.sites.every((s) => typeof s === 'string' && s !== '') || t.sites[0] === t.sites[1]) {
      throw new RolloutError(`${where} (${short(t.id)}): sites must be two different site ids`);
    }
    if (t.state !== 'active' && t.state !== 'idle') throw new RolloutError(`${where} (${short(t.id)}): state must be 'active' or 'idle', got ${short(String(t.state))}`);
    if (seen.has(t.id)) throw new RolloutError(`${where}: tunnel id '${short(t.id)}' appears twice`);
    seen.add(t.id);
  }
}

/** Options of `planRollout`. */
export interface RolloutOptions {
  /**
   * Tunnels that go down together when any of them changes: e.g. the two tunnels of an AWS VPN
   * connection that CloudFormation replaces on any tunnel-option change (without in-place tunnel
   * options). Groups that share a tunnel are merged. A step then takes down the whole group of
   * each changing tunnel, and the rules apply to groups: one group touching a site pair per step,
   * idle-only groups first.
   *
   * @default - every tunnel changes on its own (in-place updates)
   */
  readonly downTogether?: readonly (readonly string[])[];
}

/** Merges groups that share a tunnel: a representative per tunnel id (union-find). */
function unitsOf(ids: readonly string[], groups: readonly (readonly string[])[]): Map<string, string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const g of groups) for (const id of g.slice(1)) parent.set(find(id), find(g[0]));
  return new Map(ids.map((id) => [id, find(id)]));
}

/**
 * Orders the changing tunnels into steps (see the file comment for the rules).
 *
 * @param tunnels - every tunnel of the deployment, changing or not (the ones that stay up count as paths)
 * @param changing - ids of the tunnels that change, each one of `tunnels`
 * @throws RolloutError on a duplicate or unknown id or a malformed tunnel
 */
export function planRollout(tunnels: readonly RolloutTunnel[], changing: Iterable<string>, options: RolloutOptions = {}): Rollout {
  if (!Array.isArray(tunnels)) throw new RolloutError('tunnels: expected a list of tunnels');
  checkTunnels(tunnels);
  const wanted = new Set(changing);
  const known = new Set(tunnels.map((t) => t.id));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length) throw new RolloutError(`changing tunnel(s) not among the tunnels: ${unknown.slice(0, 10).map((id) => `'${short(String(id))}'`).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`);
  const groups = options.downTogether ?? [];
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.every((id) => typeof id === 'string'))) throw new RolloutError('downTogether: expected a list of lists of tunnel ids');
  const strays = groups.flat().filter((id) => !known.has(id));
  if (strays.length) throw new RolloutError(`downTogether: tunnel(s) not among the tunnels: ${strays.slice(0, 10).map((id) => `'${short(id)}'`).join(', ')}`);

  // Units: what goes down together; a unit runs when one of its tunnels changes.
  const unitOf = unitsOf(tunnels.map((t) => t.id), groups);
  const members = new Map<string, RolloutTunnel[]>();
  for (const t of tunnels) members.set(unitOf.get(t.id)!, [...(members.get(unitOf.get(t.id)!) ?? []), t]);
  const running = [...new Set(tunnels.filter((t) => wanted.has(t.id)).map((t) => unitOf.get(t.id)!))];

  const steps: { changing: string[]; down: Set<string>; pairs: Set<string> }[] = [];
  const place = (unit: string, index: number) => {
    while (steps.length <= index) steps.push({ changing: [], down: new Set(), pairs: new Set() });
    for (const t of members.get(unit)!) {
      steps[index].down.add(t.id);
      if (wanted.has(t.id)) steps[index].changing.push(t.id);
      if (t.state === 'active') steps[index].pairs.add(sitePair(t.sites));
    }
  };
  // Idle-only units first, together: they carry no traffic.
  const idleOnly = running.filter((u) => members.get(u)!.every((t) => t.state === 'idle'));
  for (const u of idleOnly) place(u, 0);
  const offset = steps.length;
  // Then each unit in the earliest step where none of its site pairs has another unit.
  for (const u of running.filter((x) => !idleOnly.includes(x))) {
    const pairs = new Set(members.get(u)!.filter((t) => t.state === 'active').map((t) => sitePair(t.sites)));
    let index = offset;
    while (index < steps.length && [...pairs].some((p) => steps[index].pairs.has(p))) index++;
    place(u, index);
  }

  // Outages: a site pair whose active tunnels are all down during a step (all in one unit, so no
  // order avoids it).
  const outages: RolloutOutage[] = [];
  const activeByPair = new Map<string, RolloutTunnel[]>();
  for (const t of tunnels) if (t.state === 'active') activeByPair.set(sitePair(t.sites), [...(activeByPair.get(sitePair(t.sites)) ?? []), t]);
  steps.forEach((s, i) => {
    for (const [pair, active] of activeByPair) {
      if (s.pairs.has(pair) && active.every((t) => s.down.has(t.id))) {
        outages.push({ sites: [...active[0].sites].sort() as [string, string], tunnels: active.map((t) => t.id), step: i + 1 });
      }
    }
  });
  // Within a step, tunnels in the order given.
  const order = new Map(tunnels.map((t, i) => [t.id, i]));
  const sorted = (ids: Iterable<string>) => [...ids].sort((x, y) => order.get(x)! - order.get(y)!);
  return {
    steps: steps.map((s, i) => {
      const also = sorted([...s.down].filter((id) => !wanted.has(id)));
      return { step: i + 1, tunnels: sorted(s.changing), ...(also.length ? { alsoDown: also } : {}) };
    }),
    outages,
  };
}

/** The tunnels of a plan (or anything with planned tunnels), as a rollout sees them. */
export function rolloutTunnelsOf(plan: { readonly tunnels: readonly { readonly id: string; readonly state: 'active' | 'idle'; readonly ends: readonly [{ readonly site: string }, { readonly site: string }] }[] }): RolloutTunnel[] {
  return plan.tunnels.map((t) => ({ id: t.id, sites: [t.ends[0].site, t.ends[1].site], state: t.state }));
}

/**
 * The active tunnels up while one step runs: every one but that step's (earlier steps' tunnels
 * are back, with both halves updated). For outage models (`ccvpn diff`, `verify --change`).
 */
export function upDuring(rollout: Rollout, tunnels: readonly RolloutTunnel[], step: number): RolloutTunnel[] {
  const s = rollout.steps.find((x) => x.step === step);
  const down = new Set([...(s?.tunnels ?? []), ...(s?.alsoDown ?? [])]);
  return tunnels.filter((t) => t.state === 'active' && !down.has(t.id));
}
