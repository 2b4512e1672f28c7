/**
 * A rotation: which tunnels of an allocation record change (a new key generation, and / or their
 * recorded proposal and lifetimes released to what the topology now asks), in which steps
 * (`planRollout`), and the record to apply at each step. Pure; `ccvpn rotate` writes the result as
 * a rollout file, `ccvpn deploy --rollout` applies its records one by one.
 *
 * Keys are never involved: a record holds generations, and the app derives the keys at synth.
 */
import { PROFILES } from '../plan/clouds';
import { IssueCollector } from '../plan/errors';
import { MAX_KEY_GENERATION } from '../plan/psk';
import type { AllocationRecord, TunnelRecord } from '../plan/topology';
import { validatePrevious } from '../plan/validate';
import { Rollout, RolloutOutage, RolloutTunnel, planRollout } from './rollout';

/** What to change, and on which tunnels. */
export interface RotationRequest {
  /** Every tunnel of the record. @default false */
  readonly all?: boolean;
  /** Every tunnel of these link ids. @default - none */
  readonly links?: readonly string[];
  /** These tunnel ids. @default - none */
  readonly tunnels?: readonly string[];
  /** Count the chosen tunnels' key generations up (a new derived key each). */
  readonly keys: boolean;
  /** Release the chosen tunnels' recorded proposal and lifetimes where the topology asks for others. */
  readonly settings: boolean;
  /**
   * Whether a change to one tunnel of a connection that carries several (a cloud whose profile
   * has `perConnection`: AWS VPN connections, two tunnels each) takes all of them down: true
   * where the engine replaces the connection on any tunnel-option change (CloudFormation's
   * `VpnTunnelOptionsSpecifications`: "Update requires: Replacement"), false where the tunnel
   * options are changed in place, one tunnel at a time (`Custom::VpnTunnelOptions`).
   *
   * @default false
   */
  readonly connectionsReplaced?: boolean;
}

/** What changes on one tunnel. */
export interface TunnelChange {
  /** The tunnel id. */
  readonly tunnel: string;
  /** Its key generation before and after. @default - the key does not change */
  readonly keyGeneration?: { readonly from: number; readonly to: number };
  /** Whether its recorded proposal and lifetimes are released (to the record's `pending` ones). @default false */
  readonly releasesSettings?: boolean;
}

/** A planned rotation. */
export interface Rotation {
  /** Every tunnel that changes, in the record's order. */
  readonly changes: readonly TunnelChange[];
  /** The steps and unavoidable outages. */
  readonly rollout: Rollout;
  /** The record to apply at each step (index 0: step 1); the last is the record after the rotation. */
  readonly records: readonly AllocationRecord[];
  /** Things the user should know (pinned keys, chosen tunnels with nothing to release). */
  readonly notes: readonly string[];
}

/** A request that cannot be planned: an unknown link or tunnel, a record without tunnel records, nothing to do. */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}

/** The rollout file `ccvpn rotate` writes and `ccvpn deploy --rollout` reads. */
export interface RolloutFile {
  /** Format version: 1. */
  readonly version: 1;
  /** The allocations file the app reads, relative to the rollout file's folder. */
  readonly allocations: string;
  /** The record before the rotation: what is deployed now. */
  readonly before: AllocationRecord;
  /** Every tunnel that changes. */
  readonly changes: readonly TunnelChange[];
  /** The steps, each with the record to apply. */
  readonly steps: readonly (RolloutFileStep)[];
  /** Site pairs without a path during a step (their only active tunnel changes). */
  readonly outages: readonly RolloutOutage[];
}

/** One step of a rollout file. */
export interface RolloutFileStep {
  /** Number of the step, from 1. */
  readonly step: number;
  /** The tunnels that change in it. */
  readonly tunnels: readonly string[];
  /** Tunnels that do not change but are down with them (see `RolloutStep.alsoDown`). @default - none */
  readonly alsoDown?: readonly string[];
  /** The allocation record to apply at this step: every change of this and earlier steps. */
  readonly record: AllocationRecord;
}

/** The tunnels of a record, as a rollout sees them. */
export function rolloutTunnelsOfRecord(record: AllocationRecord): RolloutTunnel[] {
  return Object.entries(record.tunnels ?? {}).map(([id, t]) => ({ id, sites: [t.ends[0].site, t.ends[1].site], state: t.state }));
}

/**
 * The tunnels of each connection in a record that carries several tunnels: ends whose endpoint
 * name a cloud's `perConnection.connectionOf` claims (the record keeps endpoint names, not clouds).
 */
export function sharedConnections(record: AllocationRecord): string[][] {
  const connectionOf = (endpoint: string) => {
    for (const profile of Object.values(PROFILES)) {
      const connection = profile.perConnection?.connectionOf(endpoint);
      if (connection !== undefined) return connection;
    }
    return undefined;
  };
  const groups = new Map<string, string[]>();
  for (const [id, t] of Object.entries(record.tunnels ?? {})) {
    for (const end of t.ends) {
      const connection = connectionOf(end.endpoint);
      if (connection === undefined) continue;
      const key = JSON.stringify([end.site, connection]);
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
  }
  return [...groups.values()];
}

/** The record with the changes of some tunnels applied (built with own properties only: any tunnel id is safe). */
function applied(record: AllocationRecord, changes: readonly TunnelChange[]): AllocationRecord {
  const byTunnel = new Map(changes.map((c) => [c.tunnel, c]));
  const change = (t: TunnelRecord, c: TunnelChange): TunnelRecord => {
    const entries = Object.entries(t).filter(([k]) => !(c.releasesSettings && (k === 'settings' || k === 'pending')) && !(c.keyGeneration && k === 'keyGeneration'));
    if (c.keyGeneration) entries.push(['keyGeneration', c.keyGeneration.to]);
    return Object.fromEntries(entries) as unknown as TunnelRecord;
  };
  const tunnels = Object.fromEntries(Object.entries(record.tunnels ?? {}).map(([id, t]) => [id, byTunnel.has(id) ? change(t, byTunnel.get(id)!) : t]));
  return { ...record, tunnels };
}

const list = (ids: readonly string[]) => `${ids.slice(0, 10).map((x) => `'${x.length > 80 ? `${x.slice(0, 80)}…` : x}'`).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`;

/**
 * Plans a rotation of the chosen tunnels of a record.
 *
 * @throws RotationError when the record has no tunnel records, a link or tunnel is unknown, nothing is chosen or nothing changes
 */
export function planRotation(record: AllocationRecord, request: RotationRequest): Rotation {
  const tunnels = record.tunnels;
  if (tunnels === undefined || Object.keys(tunnels).length === 0) {
    throw new RotationError('the record lists no tunnels (it was written before tunnel records existed, or by a plan without tunnels): synthesize the app once with this version, or run `ccvpn plan --allocations`, so that it records every tunnel');
  }
  if (!request.keys && !request.settings) throw new RotationError('nothing to change: choose keys and / or settings');
  const ids = Object.keys(tunnels);
  const links = [...new Set(ids.map((id) => tunnels[id].link))];
  const unknownLinks = (request.links ?? []).filter((l) => !links.includes(l));
  if (unknownLinks.length) throw new RotationError(`no link ${list(unknownLinks)} in the record; its links: ${list(links)}`);
  const unknownTunnels = (request.tunnels ?? []).filter((t) => !Object.hasOwn(tunnels, t));
  if (unknownTunnels.length) throw new RotationError(`no tunnel ${list(unknownTunnels)} in the record; its tunnels: ${list(ids)}`);
  const chosen = ids.filter((id) => request.all || (request.links ?? []).includes(tunnels[id].link) || (request.tunnels ?? []).includes(id));
  if (chosen.length === 0) throw new RotationError('no tunnel chosen: give --all, --link <id> or --tunnel <id>');

  const notes: string[] = [];
  const changes: TunnelChange[] = [];
  const nothingPending: string[] = [];
  for (const id of chosen) {
    const t = tunnels[id];
    const from = t.keyGeneration ?? 0;
    if (request.keys && from >= MAX_KEY_GENERATION) throw new RotationError(`tunnel '${id}' is at the last key generation (${MAX_KEY_GENERATION})`);
    const release = request.settings && t.pending !== undefined;
    if (request.settings && !release) nothingPending.push(id);
    if (!request.keys && !release) continue;
    changes.push({
      tunnel: id,
      ...(request.keys ? { keyGeneration: { from, to: from + 1 } } : {}),
      ...(release ? { releasesSettings: true } : {}),
    });
  }
  if (nothingPending.length && request.settings) {
    notes.push(`${nothingPending.length} chosen tunnel(s) already have the proposal and lifetimes the topology asks for (nothing pending in the record): ${list(nothingPending)}; synthesize after changing the topology so that the record says what is pending`);
  }
  if (changes.length === 0) throw new RotationError(`nothing to roll out: ${notes.join('; ') || 'no chosen tunnel changes'}`);
  const pinned = changes.filter((c) => c.keyGeneration && tunnels[c.tunnel].pinnedKey).map((c) => c.tunnel);
  if (pinned.length) {
    notes.push(`${pinned.length} tunnel(s) have pinned keys, which the library does not derive: ${list(pinned)}; their generation changes their key only if your app picks the pinned key by it (keyGenerationOf(record, tunnelId)), so that each new key reaches its tunnel in its step`);
  }

  const rollout = planRollout(rolloutTunnelsOfRecord(record), changes.map((c) => c.tunnel), request.connectionsReplaced ? { downTogether: sharedConnections(record) } : {});
  const byTunnel = new Map(changes.map((c) => [c.tunnel, c]));
  const records: AllocationRecord[] = [];
  let current = record;
  for (const step of rollout.steps) {
    current = applied(current, step.tunnels.map((id) => byTunnel.get(id)!));
    records.push(current);
  }
  return { changes, rollout, records, notes };
}

/** The rollout file of a rotation. */
export function rolloutFile(allocations: string, before: AllocationRecord, rotation: Rotation): RolloutFile {
  return {
    version: 1,
    allocations,
    before,
    changes: rotation.changes,
    steps: rotation.rollout.steps.map((s, i) => ({ step: s.step, tunnels: s.tunnels, ...(s.alsoDown ? { alsoDown: s.alsoDown } : {}), record: rotation.records[i] })),
    outages: rotation.rollout.outages,
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Problems of a rollout file's shape (its records checked as `PlanOptions.previous` is). */
export function rolloutFileProblems(data: unknown): string[] {
  if (!isObject(data) || data.version !== 1) return ['not a ccvpn rollout file (version 1, written by ccvpn rotate)'];
  const problems: string[] = [];
  if (typeof data.allocations !== 'string' || data.allocations === '') problems.push('allocations: expected the path of the allocations file');
  const record = (value: unknown, where: string) => {
    const issues = new IssueCollector();
    validatePrevious(value, issues);
    for (const i of issues.all.slice(0, 3)) problems.push(`${where}${i.path.replace(/^previous/, '')}: ${i.message}`);
  };
  record(data.before, 'before');
  if (!Array.isArray(data.steps) || data.steps.length === 0) {
    problems.push('steps: expected a non-empty list of steps');
    return problems;
  }
  data.steps.forEach((s: unknown, i: number) => {
    if (!isObject(s) || s.step !== i + 1 || !Array.isArray(s.tunnels) || !s.tunnels.every((t) => typeof t === 'string')) {
      problems.push(`steps[${i}]: expected { step: ${i + 1}, tunnels: [...], record: {...} }`);
      return;
    }
    record(s.record, `steps[${i}].record`);
  });
  if (!Array.isArray(data.changes) || !Array.isArray(data.outages)) problems.push('changes, outages: expected lists');
  return problems;
}
