/**
 * The steps a change is applied in, over verify's own tunnels (the halves it pairs from the
 * synthesized output), for `ccvpn verify --change` and `ccvpn diff --rollout / --staged`:
 *
 * - **Planned** (the default): `planRollout` (`src/change/rollout.ts`, pure rules with no cloud
 *   table: one tunnel of a site pair per step, idle tunnels first) over the tunnels as verify sees
 *   them: site pair = the sites of the two halves (verify's site keys), every paired tunnel
 *   active (an idle tunnel, configured on one end only, is an unpaired half to verify: it carries
 *   no traffic and the lab has no tunnel for it), changing = the tunnels whose halves differ, and
 *   the added and removed ones.
 * - **A `ccvpn rotate` rollout file** (`RolloutFile`, `src/change/rotation.ts`): its steps name
 *   planner tunnel ids (`<link id>:<n>`). The synthesized output does not carry them: no
 *   resource property, no AWS `Metadata.CrossCloudVpn` entry, no Terraform tag or description
 *   holds a tunnel id, and site ids appear only inside construct-made names (logical ids,
 *   resource names), which are not a contract. Each planner tunnel is therefore matched by what
 *   the rollout file's `before` record and the output both carry:
 *   1. its **inside /30** (`before.insideCidrs[id]`, every tunnel with BGP or an AWS end): the
 *      output's tunnel whose halves' inside addresses (own and peer) all lie in it;
 *   2. its **two endpoints** as the clouds name them: the record's `ends[i].endpoint` ends in the
 *      cloud's endpoint name (AWS `…/tunnel<n>`: tunnel n of a VPN connection, Azure
 *      `instance<i>`: the gateway's ip configuration, Alibaba Cloud `master` / `slave`: the
 *      tunnel role), which is the fragment of verify's half key (`…#tunnel1`, `…#instance0`,
 *      `…#master`); each end on the half with its endpoint name, and
 *   3. its **sites**: a planner site id stands for one verify site (gateway) throughout, learnt
 *      from the tunnels matched so far.
 *   A tunnel is matched when exactly one output tunnel satisfies all three; matching repeats
 *   until nothing more is learnt. A tunnel no output tunnel matches, or several do, is an error
 *   naming it (an idle tunnel of the record without a match is reported as having no lab
 *   tunnel: it is configured on one end only).
 *
 * Pure; verify's independence is kept (`src/change/rollout.ts` holds no cloud fact and imports
 * nothing).
 */
import * as fs from 'node:fs';
import { Rollout, planRollout } from '../change/rollout';
import { containsAddress, parseCidr, parseIpv4 } from '../common/cidr';
import type { TunnelHalf } from './types';

/** One end of a recorded tunnel (`RecordedEnd`). */
export interface RolloutFileEnd {
  readonly site: string;
  readonly endpoint: string;
}

/** A tunnel of the rollout file's record (the fields of `TunnelRecord` read here). */
export interface RolloutFileTunnel {
  readonly link: string;
  readonly state: 'active' | 'idle';
  readonly ends: readonly [RolloutFileEnd, RolloutFileEnd];
}

/** The fields of a `ccvpn rotate` rollout file (`RolloutFile`, version 1) that verify reads. */
export interface RolloutFileInput {
  readonly version: 1;
  /** The record before the rollout: inside /30 and ends per planner tunnel id. */
  readonly before: {
    readonly insideCidrs: Readonly<Record<string, string>>;
    readonly tunnels?: Readonly<Record<string, RolloutFileTunnel>>;
  };
  readonly steps: readonly { readonly step: number; readonly tunnels: readonly string[]; readonly alsoDown?: readonly string[] }[];
}

/** A rollout that cannot be applied to these outputs: malformed, or a tunnel id without exactly one match. */
export class RolloutStepsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolloutStepsError';
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const shown = (v: unknown) => short(JSON.stringify(v) ?? String(v));
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 400;

/** Why `data` is not a rollout file verify can read (the fields it uses), or undefined. */
export function rolloutFileProblem(data: unknown): string | undefined {
  if (!isObject(data) || data.version !== 1) return 'not a ccvpn rollout file (version 1, written by ccvpn rotate)';
  const before = data.before;
  if (!isObject(before) || !isObject(before.insideCidrs)) return 'before.insideCidrs: expected the record before the rollout, with its inside /30 per tunnel id';
  if (!Object.values(before.insideCidrs).every((c) => typeof c === 'string')) return 'before.insideCidrs: every value must be a CIDR string';
  if (!isObject(before.tunnels) || !Object.keys(before.tunnels).length) return 'before.tunnels: expected the tunnel records (link, state, ends) the rollout names';
  for (const [id, t] of Object.entries(before.tunnels)) {
    const ends = isObject(t) ? t.ends : undefined;
    if (!isObject(t) || !isName(t.link) || (t.state !== 'active' && t.state !== 'idle') || !Array.isArray(ends) || ends.length !== 2
      || !ends.every((e) => isObject(e) && isName(e.site) && isName(e.endpoint))) {
      return `before.tunnels['${short(id)}']: expected { link, state: 'active' | 'idle', ends: [{ site, endpoint }, { site, endpoint }] }, got ${shown(t)}`;
    }
  }
  if (!Array.isArray(data.steps) || !data.steps.length) return 'steps: expected a non-empty list of steps';
  for (const [i, s] of data.steps.entries()) {
    if (!isObject(s) || s.step !== i + 1 || !Array.isArray(s.tunnels) || !s.tunnels.length || !s.tunnels.every(isName)
      || (s.alsoDown !== undefined && (!Array.isArray(s.alsoDown) || !s.alsoDown.every(isName)))) {
      return `steps[${i}]: expected { step: ${i + 1}, tunnels: [tunnel id, ...], alsoDown?: [...] }, got ${shown(s)}`;
    }
  }
  return undefined;
}

/** Reads a rollout file (`ccvpn rotate --out`); one clear error when it cannot be read or is not one. */
export function readRolloutFile(file: string): RolloutFileInput {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RolloutStepsError(`rollout file ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RolloutStepsError(`rollout file ${file}: is not JSON`);
  }
  const problem = rolloutFileProblem(data);
  if (problem) throw new RolloutStepsError(`rollout file ${file}: ${problem}`);
  return data as RolloutFileInput;
}

/** A tunnel of an output as the steps see it: an id and its two halves. */
export interface StepTunnel {
  readonly id: string;
  readonly halves: readonly [TunnelHalf, TunnelHalf];
}

/** How the planner tunnels of a rollout file map onto an output's tunnels. */
export interface TunnelMapping {
  /** Planner tunnel id → the output's tunnel id. */
  readonly tunnels: ReadonlyMap<string, string>;
  /** How each was matched (`inside 169.254.22.64/30, endpoints tunnel1 ⇄ instance0`). */
  readonly how: ReadonlyMap<string, string>;
  /** Planner site id → verify's site key. */
  readonly sites: ReadonlyMap<string, string>;
  /** Idle planner tunnels without a match (configured on one end only: no tunnel to pair). */
  readonly idle: readonly string[];
  /** Planner tunnels without exactly one match, with why. */
  readonly unmatched: ReadonlyMap<string, string>;
}

/** The cloud's name of a half's endpoint: its key's fragment (`…#tunnel1` → `tunnel1`). */
const halfEndpoint = (h: TunnelHalf) => (h.key.includes('#') ? h.key.slice(h.key.lastIndexOf('#') + 1) : undefined);
/** The cloud's name of a recorded end's endpoint: its last segment (`<link>/conn1/tunnel1` → `tunnel1`). */
const endEndpoint = (e: RolloutFileEnd) => e.endpoint.slice(e.endpoint.lastIndexOf('/') + 1);

/** Whether every inside address of the tunnel (own and peer, of each half that has one) lies in `block`; false without any. */
function insideIn(t: StepTunnel, block: string): boolean {
  const p = parseCidr(block);
  if (!p.ok) return false;
  const withInside = t.halves.filter((h) => h.inside);
  return withInside.length > 0 && withInside.every((h) => [h.inside!.address, h.inside!.peerAddress].every((a) => {
    const n = parseIpv4(a);
    return n !== undefined && containsAddress(p.cidr, n);
  }));
}

/**
 * Matches the planner tunnels of a rollout file's record onto an output's tunnels (see the file
 * comment). Never throws: what does not match is in `unmatched` / `idle`.
 */
export function mapPlannerTunnels(record: RolloutFileInput['before'], tunnels: readonly StepTunnel[]): TunnelMapping {
  const recorded = Object.entries(record.tunnels ?? {});
  const sites = new Map<string, string>();
  const claimed = new Map<string, string>(); // verify site → planner site
  const mapped = new Map<string, string>();
  const how = new Map<string, string>();
  const taken = new Set<string>();
  /** The ways tunnel `t` can be planner tunnel `r`: which half carries end 0. */
  const fits = (r: RolloutFileTunnel, t: StepTunnel): (0 | 1)[] => ([0, 1] as const).filter((j) => {
    const halfOf = (i: 0 | 1) => t.halves[i === 0 ? j : 1 - j];
    return ([0, 1] as const).every((i) => {
      const h = halfOf(i);
      const site = r.ends[i].site;
      return halfEndpoint(h) === endEndpoint(r.ends[i]) && (sites.get(site) ?? h.site) === h.site && (claimed.get(h.site) ?? site) === site;
    }) && r.ends[0].site !== r.ends[1].site && t.halves[0].site !== t.halves[1].site;
  });
  const candidates = (id: string, r: RolloutFileTunnel, free = true) => {
    const block = record.insideCidrs[id];
    return tunnels.filter((t) => (!free || !taken.has(t.id)) && (block !== undefined ? insideIn(t, block) : t.halves.every((h) => !h.inside)))
      .flatMap((t) => fits(r, t).map((j) => ({ t, j })));
  };
  let pending = recorded;
  for (let progress = true; progress && pending.length;) {
    progress = false;
    const still: typeof pending = [];
    for (const [id, r] of pending) {
      const found = candidates(id, r);
      if (found.length !== 1) {
        still.push([id, r]);
        continue;
      }
      const { t, j } = found[0];
      mapped.set(id, t.id);
      taken.add(t.id);
      for (const i of [0, 1] as const) {
        const h = t.halves[i === 0 ? j : 1 - j];
        sites.set(r.ends[i].site, h.site);
        claimed.set(h.site, r.ends[i].site);
      }
      const block = record.insideCidrs[id];
      how.set(id, `${block !== undefined ? `inside ${block}, ` : ''}endpoints ${endEndpoint(r.ends[0])} ⇄ ${endEndpoint(r.ends[1])}`);
      progress = true;
    }
    pending = still;
  }
  const idle: string[] = [];
  const unmatched = new Map<string, string>();
  for (const [id, r] of pending) {
    const found = candidates(id, r);
    const block = record.insideCidrs[id];
    const what = `${block !== undefined ? `inside /30 ${block} and ` : 'no inside addresses and '}endpoints ${endEndpoint(r.ends[0])} (site ${r.ends[0].site}) ⇄ ${endEndpoint(r.ends[1])} (site ${r.ends[1].site})`;
    const byOthers = found.length ? [] : candidates(id, r, false).map((f) => [...mapped].find(([, t]) => t === f.t.id)![0]);
    if (byOthers.length) unmatched.set(id, `the only tunnel of the output with ${what} is already planner tunnel ${[...new Set(byOthers)].join(', ')}'s`);
    else if (!found.length && r.state === 'idle') idle.push(id);
    else if (!found.length) unmatched.set(id, `no tunnel of the output has ${what}`);
    else unmatched.set(id, `${found.length} tunnels of the output have ${what} (${[...new Set(found.map((f) => f.t.id))].join(', ')}): cannot tell which`);
  }
  return { tunnels: mapped, how, sites, idle, unmatched };
}

/** One step over an output's tunnels. */
export interface MappedStep {
  /** The rollout's step number. */
  readonly step: number;
  /** The output's tunnel ids changed in it. */
  readonly tunnels: readonly string[];
  /** The output's tunnel ids down with them (`RolloutStep.alsoDown`). */
  readonly alsoDown: readonly string[];
}

/** A rollout file's steps over an output's tunnels. */
export interface MappedRollout {
  /** Non-empty steps, in order (a step of idle tunnels only has no output tunnel and is left out). */
  readonly steps: readonly MappedStep[];
  readonly mapping: TunnelMapping;
  /** What was left out, and why. */
  readonly notes: readonly string[];
}

/**
 * A rollout file's steps as tunnel ids of an output.
 *
 * @throws RolloutStepsError naming every tunnel id of a step that is not in the record or has not exactly one match
 */
export function stepsOfRolloutFile(file: RolloutFileInput, tunnels: readonly StepTunnel[]): MappedRollout {
  const mapping = mapPlannerTunnels(file.before, tunnels);
  const problems: string[] = [];
  const notes: string[] = [];
  const resolve = (id: string, where: string): string | undefined => {
    if (!Object.hasOwn(file.before.tunnels ?? {}, id)) {
      problems.push(`${where}: tunnel '${short(id)}' is not in the rollout file's record (before.tunnels)`);
      return undefined;
    }
    const why = mapping.unmatched.get(id);
    if (why) problems.push(`${where}: planner tunnel '${short(id)}': ${why}`);
    return mapping.tunnels.get(id);
  };
  const steps: MappedStep[] = [];
  for (const [i, s] of file.steps.entries()) {
    const where = `rollout step ${s.step ?? i + 1}`;
    const ids = s.tunnels.map((id) => resolve(id, where)).filter((x): x is string => x !== undefined);
    const also = (s.alsoDown ?? []).map((id) => resolve(id, `${where} (alsoDown)`)).filter((x): x is string => x !== undefined);
    const idle = s.tunnels.filter((id) => mapping.idle.includes(id));
    if (idle.length) notes.push(`${where}: ${idle.join(', ')} idle (configured on one end only): no tunnel of the output to apply ${idle.length === 1 ? 'it' : 'them'} to`);
    if (ids.length) steps.push({ step: s.step, tunnels: ids, alsoDown: also });
  }
  if (problems.length) {
    const sites = [...mapping.sites].map(([p, v]) => `${p} = ${v}`).join(', ');
    throw new RolloutStepsError(`${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}${sites ? ` (sites matched so far: ${sites})` : ''}`);
  }
  return { steps, mapping, notes };
}

/** A tunnel of a change as the planned steps see it. */
export interface ChangingTunnel extends StepTunnel {
  /** Whether it changes, appears or disappears with the change. */
  readonly changing: boolean;
}

/**
 * The steps `planRollout` chooses for a change, over an output's tunnels: site pair = the sites
 * of the halves, every tunnel active (see the file comment), the changing ones placed.
 *
 * @param downTogether - tunnel ids that go down together (a resource the change replaces carries them all)
 */
export function plannedRollout(tunnels: readonly ChangingTunnel[], downTogether: readonly (readonly string[])[] = []): Rollout {
  return planRollout(
    tunnels.map((t) => ({ id: t.id, sites: [t.halves[0].site, t.halves[1].site] as [string, string], state: 'active' as const })),
    tunnels.filter((t) => t.changing).map((t) => t.id),
    { downTogether },
  );
}
