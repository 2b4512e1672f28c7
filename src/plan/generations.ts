/**
 * What each tunnel was deployed with, kept in the allocation record (`AllocationRecord.tunnels`)
 * so that a change reaches the tunnels in steps: its key generation (each generation derives
 * another key, `deriveKey`), and the proposal and lifetimes it negotiated. A tunnel keeps its
 * recorded proposal and lifetimes, whatever the topology asks, until a rollout step releases
 * it (`ccvpn rotate --settings` drops them from that step's record); recorded values pass the same
 * checks as fresh ones (`negotiate` with them as pins, and `endLifetimeProblems` per end, as `chooseLifetimes` checks).
 */
import type { Cloud } from './clouds';
import { DH_GROUPS, DhGroup, ENCRYPTIONS, Encryption, INTEGRITIES, Integrity, NeutralProposal } from './facts';
import { IssueCollector, show } from './errors';
import { EndLifetimes, endLifetimeProblems, negotiate } from './proposals';
import { MAX_KEY_GENERATION } from './psk';
import type { AllocationRecord, ProposalSpec, RecordedEnd, RecordedLifetimes, TunnelRecord, TunnelSettings } from './topology';
import type { NormalLink } from './normal';
import type { PlannedTunnel } from './tunnel';

/** What the planner gives a tunnel: a proposal and both ends' lifetimes, in `between` order. */
export interface Negotiated {
  readonly proposal: NeutralProposal;
  readonly lifetimes: readonly [EndLifetimes, EndLifetimes];
}

/** A tunnel's settings as planned: what it gets, and what the topology asks while it keeps them. */
export interface Settled extends Negotiated {
  /**
   * What the link asks for while the tunnel keeps its recorded settings.
   *
   * @default - none: the tunnel has what the link asks
   */
  readonly pending?: Negotiated;
}

/** Most characters of a site id, link id or endpoint read from a record. */
const MAX_NAME = 256;

/**
 * The key generation of a tunnel in an allocation record: 0 when the record has none. An app
 * that pins its keys can pick the pinned key by it, so that `ccvpn rotate` and the staged
 * `ccvpn deploy --rollout` change pinned keys in the same order as derived ones.
 */
export function keyGenerationOf(record: AllocationRecord | undefined, tunnelId: string): number {
  const tunnels = record?.tunnels;
  if (tunnels === undefined || !Object.hasOwn(tunnels, tunnelId)) return 0;
  return tunnels[tunnelId].keyGeneration ?? 0;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME;
const isSeconds = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Unknown fields of an object, as issues. */
function onlyFields(value: Record<string, unknown>, allowed: readonly string[], path: string, issues: IssueCollector): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) issues.add(`${path}.${key.slice(0, 64)}`, 'previous-malformed', `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

/** A recorded proposal's shape (its values are checked against the clouds when planned). */
function readProposal(value: unknown, path: string, issues: IssueCollector): NeutralProposal | undefined {
  const expected = "{ ikeVersion, phase1: { encryption, integrity, dhGroup }, phase2: { encryption, integrity (null with GCM), pfsGroup (null without PFS) } }";
  if (!isObject(value) || !isObject(value.phase1) || !isObject(value.phase2)) {
    issues.add(path, 'previous-malformed', `expected a proposal ${expected}, got ${show(value)}`);
    return undefined;
  }
  const before = issues.size;
  onlyFields(value, ['ikeVersion', 'phase1', 'phase2'], path, issues);
  onlyFields(value.phase1, ['encryption', 'integrity', 'dhGroup'], `${path}.phase1`, issues);
  onlyFields(value.phase2, ['encryption', 'integrity', 'pfsGroup'], `${path}.phase2`, issues);
  const one = <T>(field: string, v: unknown, values: readonly T[], nullable = false): void => {
    if (!(nullable && v === null) && !values.includes(v as T)) {
      issues.add(`${path}.${field}`, 'previous-malformed', `expected one of ${values.join(', ')}${nullable ? ' or null' : ''}, got ${show(v)}`);
    }
  };
  one('ikeVersion', value.ikeVersion, ['ikev2', 'ikev1']);
  one('phase1.encryption', value.phase1.encryption, ENCRYPTIONS);
  one('phase1.integrity', value.phase1.integrity, INTEGRITIES);
  one('phase1.dhGroup', value.phase1.dhGroup, DH_GROUPS);
  one('phase2.encryption', value.phase2.encryption, ENCRYPTIONS);
  one('phase2.integrity', value.phase2.integrity, INTEGRITIES, true);
  one('phase2.pfsGroup', value.phase2.pfsGroup, DH_GROUPS, true);
  if (issues.size > before) return undefined;
  const p1 = value.phase1;
  const p2 = value.phase2;
  return {
    ikeVersion: value.ikeVersion as NeutralProposal['ikeVersion'],
    phase1: { encryption: p1.encryption as Encryption, integrity: p1.integrity as Integrity, dhGroup: p1.dhGroup as DhGroup },
    phase2: { encryption: p2.encryption as Encryption, integrity: p2.integrity as Integrity | null, pfsGroup: p2.pfsGroup as DhGroup | null },
  };
}

function readSettings(value: unknown, path: string, issues: IssueCollector): TunnelSettings | undefined {
  if (!isObject(value)) {
    issues.add(path, 'previous-malformed', `expected { proposal, lifetimes: { <site id>: { phase1, phase2 } } }, got ${show(value)}`);
    return undefined;
  }
  onlyFields(value, ['proposal', 'lifetimes'], path, issues);
  const proposal = readProposal(value.proposal, `${path}.proposal`, issues);
  const lifetimes: Record<string, RecordedLifetimes> = Object.create(null);
  const map = value.lifetimes;
  if (!isObject(map) || Object.keys(map).length !== 2) {
    issues.add(`${path}.lifetimes`, 'previous-malformed', `expected the lifetimes of both ends { <site id>: { phase1, phase2 }, <site id>: { ... } } in seconds, got ${show(map)}`);
    return undefined;
  }
  for (const [site, l] of Object.entries(map)) {
    if (isObject(l) && Object.keys(l).length === 2 && isSeconds(l.phase1) && isSeconds(l.phase2)) lifetimes[site] = { phase1: l.phase1, phase2: l.phase2 };
    else issues.add(`${path}.lifetimes.${site.slice(0, 64)}`, 'previous-malformed', `expected { phase1, phase2 } in whole seconds, got ${show(l)}`);
  }
  return proposal && Object.keys(lifetimes).length === 2 ? { proposal, lifetimes } : undefined;
}

function readTunnel(value: unknown, path: string, issues: IssueCollector): TunnelRecord | undefined {
  if (!isObject(value)) {
    issues.add(path, 'previous-malformed', `expected a tunnel record { link, state, ends, keyGeneration?, pinnedKey?, settings?, pending? }, got ${show(value)}`);
    return undefined;
  }
  const before = issues.size;
  onlyFields(value, ['link', 'state', 'ends', 'keyGeneration', 'pinnedKey', 'settings', 'pending'], path, issues);
  if (!isName(value.link)) issues.add(`${path}.link`, 'previous-malformed', `expected a link id (1-${MAX_NAME} characters), got ${show(value.link)}`);
  if (value.state !== 'active' && value.state !== 'idle') issues.add(`${path}.state`, 'previous-malformed', `expected 'active' or 'idle', got ${show(value.state)}`);
  const ends = value.ends;
  const isEnd = (e: unknown): e is RecordedEnd => isObject(e) && Object.keys(e).length === 2 && isName(e.site) && isName(e.endpoint);
  if (!Array.isArray(ends) || ends.length !== 2 || !ends.every(isEnd)) {
    issues.add(`${path}.ends`, 'previous-malformed', `expected both ends [{ site, endpoint }, { site, endpoint }], got ${show(ends)}`);
  }
  const generation = value.keyGeneration;
  if (generation !== undefined && (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 0 || generation > MAX_KEY_GENERATION)) {
    issues.add(`${path}.keyGeneration`, 'previous-malformed', `expected an integer 0-${MAX_KEY_GENERATION}, got ${show(generation)}`);
  }
  if (value.pinnedKey !== undefined && typeof value.pinnedKey !== 'boolean') issues.add(`${path}.pinnedKey`, 'previous-malformed', `expected true or false, got ${show(value.pinnedKey)}`);
  const settings = value.settings === undefined ? undefined : readSettings(value.settings, `${path}.settings`, issues);
  const pending = value.pending === undefined ? undefined : readSettings(value.pending, `${path}.pending`, issues);
  if (issues.size > before) return undefined;
  return {
    link: value.link as string,
    state: value.state as TunnelRecord['state'],
    ends: (ends as RecordedEnd[]).map((e) => ({ site: e.site, endpoint: e.endpoint })) as unknown as TunnelRecord['ends'],
    ...(generation ? { keyGeneration: generation as number } : {}),
    ...(value.pinnedKey === true ? { pinnedKey: true } : {}),
    ...(settings ? { settings } : {}),
    ...(pending ? { pending } : {}),
  };
}

/**
 * Reads `previous.tunnels` (a snapshot: plain data), recording every problem.
 *
 * @param maxEntries - most tunnel records accepted
 */
export function readTunnelRecords(value: unknown, maxEntries: number, issues: IssueCollector): Record<string, TunnelRecord> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    issues.add('previous.tunnels', 'previous-malformed', `expected an object mapping tunnel ids to tunnel records, got ${show(value)}`);
    return undefined;
  }
  const ids = Object.keys(value);
  if (ids.length > maxEntries) {
    issues.add('previous.tunnels', 'previous-too-large', `${ids.length} entries; allowed: at most ${maxEntries}`);
    return undefined;
  }
  const out: Record<string, TunnelRecord> = Object.create(null);
  for (const id of ids) {
    const tunnel = readTunnel(value[id], `previous.tunnels.${id.slice(0, 128)}`, issues);
    if (tunnel) out[id] = tunnel;
  }
  return out;
}

/** A recorded proposal as pins, so that `negotiate` checks it as it checks a user's. */
function asPins(p: NeutralProposal): ProposalSpec {
  return {
    ikeVersion: p.ikeVersion,
    phase1: { encryption: p.phase1.encryption, integrity: p.phase1.integrity, dhGroup: p.phase1.dhGroup },
    phase2: { encryption: p.phase2.encryption, integrity: p.phase2.integrity ?? undefined, pfsGroup: p.phase2.pfsGroup ?? 'none' },
  };
}

const sameProposal = (x: NeutralProposal, y: NeutralProposal) => JSON.stringify(asPins(x)) === JSON.stringify(asPins(y));
const sameSettings = (x: Negotiated, y: Negotiated) =>
  sameProposal(x.proposal, y.proposal) && x.lifetimes.every((l, i) => l.phase1 === y.lifetimes[i].phase1 && l.phase2 === y.lifetimes[i].phase2);

/** The tunnel's recorded settings in `between` order, when they were recorded for these two sites. */
function recordedFor(link: NormalLink, record: TunnelRecord | undefined): Negotiated | undefined {
  const s = record?.settings;
  if (!s || !Object.hasOwn(s.lifetimes, link.a.id) || !Object.hasOwn(s.lifetimes, link.b.id) || link.a.id === link.b.id) return undefined;
  return { proposal: s.proposal, lifetimes: [s.lifetimes[link.a.id], s.lifetimes[link.b.id]] };
}

/**
 * The settings of every tunnel: what its link asks for, unless the record holds what it was
 * deployed with (recorded for the same two sites), which it keeps until a rollout step releases
 * it. Recorded settings that the link's clouds or its `allowWeakCrypto` would refuse as fresh
 * values are problems (a silent switch would take the tunnel down outside any rollout).
 *
 * @param wanted - the negotiated proposal and lifetimes per link id (links that failed are absent)
 * @param linkPath - the field path of a link, for messages
 */
export function settleSettings(
  drafts: readonly { readonly id: string; readonly link: NormalLink }[], wanted: ReadonlyMap<string, Negotiated>, previous: AllocationRecord,
  issues: IssueCollector, warnings: string[],
): Map<string, Settled> {
  const settled = new Map<string, Settled>();
  const held = new Map<NormalLink, string[]>();
  for (const d of drafts) {
    const want = wanted.get(d.link.id);
    if (!want) continue;
    const record = previous.tunnels && Object.hasOwn(previous.tunnels, d.id) ? previous.tunnels[d.id] : undefined;
    const kept = recordedFor(d.link, record);
    if (!kept || sameSettings(kept, want)) {
      settled.set(d.id, want);
      continue;
    }
    const path = `previous.tunnels.${d.id}.settings`;
    const advice = `the tunnel keeps what it was deployed with until a rollout releases it (ccvpn rotate --settings --tunnel ${d.id}); until then the link must still allow it${d.link.allowWeak ? '' : ' (allowWeakCrypto to keep a weak one)'}`;
    const found = new IssueCollector();
    const clouds: [Cloud, Cloud] = [d.link.a.cloud, d.link.b.cloud];
    negotiate(clouds, asPins(kept.proposal), d.link.allowWeak, `${path}.proposal`, found);
    kept.lifetimes.forEach((l, i) => {
      for (const p of endLifetimeProblems(clouds[i], clouds[1 - i], l)) found.add(`${path}.lifetimes.${[d.link.a.id, d.link.b.id][i]}.${p.phase}`, p.code, p.message);
    });
    for (const issue of found.all) issues.add(issue.path, issue.code, `${issue.message}; ${advice}`);
    settled.set(d.id, { ...kept, pending: want });
    held.set(d.link, [...(held.get(d.link) ?? []), d.id]);
  }
  for (const [link, ids] of held) {
    warnings.push(`links[${link.index}] (${link.id}): ${ids.length} tunnel(s) keep the proposal and lifetimes they were deployed with (the allocation record), not the ones the link now asks for: ${ids.join(', ')}; change them in steps with \`ccvpn rotate --allocations <file> --settings --link ${link.id}\` and \`ccvpn deploy --rollout <file>\``);
  }
  return settled;
}

const settingsOf = (t: PlannedTunnel, s: Negotiated): TunnelSettings => ({
  proposal: s.proposal,
  lifetimes: { [t.ends[0].site]: { ...s.lifetimes[0] }, [t.ends[1].site]: { ...s.lifetimes[1] } },
});

/** The record of every planned tunnel: its ends, key generation (kept), and settings. */
export function recordTunnels(tunnels: readonly PlannedTunnel[], settled: ReadonlyMap<string, Settled>, previous: AllocationRecord): Record<string, TunnelRecord> {
  const out: Record<string, TunnelRecord> = {};
  for (const t of tunnels) {
    const s = settled.get(t.id)!;
    const generation = keyGenerationOf(previous, t.id);
    out[t.id] = {
      link: t.link,
      state: t.state,
      ends: [{ site: t.ends[0].site, endpoint: t.ends[0].endpoint }, { site: t.ends[1].site, endpoint: t.ends[1].endpoint }],
      ...(generation > 0 ? { keyGeneration: generation } : {}),
      ...(t.presharedKey.source === 'pinned' ? { pinnedKey: true } : {}),
      settings: settingsOf(t, s),
      ...(s.pending ? { pending: settingsOf(t, s.pending) } : {}),
    };
  }
  return out;
}
