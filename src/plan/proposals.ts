/**
 * Proposal negotiation: the first choice of an ordered preference list that both clouds accept,
 * weak choices only on request, every value spelled the way each cloud's API spells it.
 */
import { CLOUD_NAMES, Cloud, FACTS, profileOf } from './clouds';
import { IkePhase, lifetimeProblem } from './checks';
import { DH_GROUPS, DhGroup, ENCRYPTIONS, Encryption, INTEGRITIES, IkeVersion, Integrity, NeutralProposal, WEAK } from './facts';
import { IssueCollector, show } from './errors';
import type { CloudProposal } from './tunnel';
import type { ProposalSpec } from './topology';

/**
 * Preference order. AES-256-CBC with SHA-256 and DH group 14 come first: strong, and the one set
 * every one of the three clouds accepts in both phases, so every pair of clouds gets the same,
 * well-trodden proposal (it is also what the vendor guides use). Stronger groups and GCM follow
 * for pairs that support them when a user pins them away from the default.
 */
const PREFERRED = { encryption: ENCRYPTIONS, integrity: INTEGRITIES, dhGroups: DH_GROUPS };

const isGcm = (e: Encryption) => e.endsWith('gcm16');

function allowed<T>(values: readonly T[], weak: readonly T[], allowWeak: boolean): readonly T[] {
  return allowWeak ? values : values.filter((v) => !weak.includes(v));
}

function listOf<T>(values: readonly T[]): string {
  return values.length === 0 ? '(none)' : values.map((v) => String(v)).join(', ');
}

/**
 * Picks the proposal of one link, or records why it cannot.
 *
 * @param path field path of the link, for messages
 */
export function negotiate(
  clouds: readonly [Cloud, Cloud], spec: ProposalSpec | undefined, allowWeak: boolean, path: string, issues: IssueCollector,
): NeutralProposal | undefined {
  const before = issues.size;
  const [a, b] = clouds.map((c) => FACTS[c]);
  const both = `${CLOUD_NAMES[a.cloud]} and ${CLOUD_NAMES[b.cloud]}`;

  const pick = <T>(field: string, pinned: T | undefined, preferred: readonly T[], weak: readonly T[], accepts: (f: typeof a) => readonly T[]): T | undefined => {
    const common = preferred.filter((v) => accepts(a).includes(v) && accepts(b).includes(v));
    if (pinned !== undefined) {
      for (const f of [a, b]) {
        if (!accepts(f).includes(pinned)) {
          issues.add(`${path}.${field}`, 'proposal-unsupported', `${show(pinned)} is not supported by ${CLOUD_NAMES[f.cloud]}; ${CLOUD_NAMES[f.cloud]} supports: ${listOf(allowed(preferred.filter((v) => accepts(f).includes(v)), weak, allowWeak))}`);
          return undefined;
        }
      }
      if (!allowWeak && weak.includes(pinned)) {
        issues.add(`${path}.${field}`, 'proposal-weak', `${show(pinned)} is weak; set allowWeakCrypto: true on the link to use it, or pick one of: ${listOf(allowed(common, weak, false))}`);
        return undefined;
      }
      return pinned;
    }
    const choice = allowed(common, weak, allowWeak)[0];
    if (choice === undefined) {
      issues.add(`${path}.${field}`, 'proposal-no-overlap', `${both} share no acceptable value; common: ${listOf(common)}`);
    }
    return choice;
  };

  const ikeVersion = pick<IkeVersion>('ikeVersion', spec?.ikeVersion, ['ikev2', 'ikev1'], WEAK.ikeVersions, (f) => f.ikeVersions);
  const p1 = spec?.phase1;
  const phase1Encryption = pick<Encryption>('phase1.encryption', p1?.encryption, PREFERRED.encryption, WEAK.encryption, (f) => f.phase1.encryption);
  const phase1Integrity = pick<Integrity>('phase1.integrity', p1?.integrity, PREFERRED.integrity, WEAK.integrity, (f) => f.phase1.integrity);
  const phase1Dh = pick<DhGroup>('phase1.dhGroup', p1?.dhGroup, PREFERRED.dhGroups, WEAK.dhGroups, (f) => f.phase1.dhGroups);

  const p2 = spec?.phase2;
  const phase2Encryption = pick<Encryption>('phase2.encryption', p2?.encryption, PREFERRED.encryption, WEAK.encryption, (f) => f.phase2.encryption);
  let phase2Integrity: Integrity | null | undefined = null;
  if (phase2Encryption !== undefined && !isGcm(phase2Encryption)) {
    phase2Integrity = pick<Integrity>('phase2.integrity', p2?.integrity, PREFERRED.integrity, WEAK.integrity, (f) => f.phase2.integrity);
  } else if (p2?.integrity !== undefined) {
    issues.add(`${path}.phase2.integrity`, 'proposal-unsupported', `${show(p2.integrity)} cannot be combined with the AEAD cipher ${show(phase2Encryption)}; leave phase2.integrity out`);
  }
  let pfsGroup: DhGroup | null | undefined;
  if (p2?.pfsGroup === 'none') {
    const refusing = [a, b].find((f) => !f.phase2.allowsNoPfs);
    if (refusing) {
      issues.add(`${path}.phase2.pfsGroup`, 'proposal-unsupported', `'none' is not supported by ${CLOUD_NAMES[refusing.cloud]} (PFS is always on); ${CLOUD_NAMES[refusing.cloud]} supports groups: ${listOf(allowed(refusing.phase2.dhGroups, WEAK.dhGroups, allowWeak))}`);
    } else if (!allowWeak) {
      issues.add(`${path}.phase2.pfsGroup`, 'proposal-weak', `'none' (no PFS) is weak; set allowWeakCrypto: true on the link to use it`);
    } else {
      pfsGroup = null;
    }
  } else {
    pfsGroup = pick<DhGroup>('phase2.pfsGroup', p2?.pfsGroup, PREFERRED.dhGroups, WEAK.dhGroups, (f) => f.phase2.dhGroups);
  }

  if (issues.size > before || !ikeVersion || !phase1Encryption || !phase1Integrity || !phase1Dh || !phase2Encryption || phase2Integrity === undefined || pfsGroup === undefined) {
    return undefined;
  }
  return {
    ikeVersion,
    phase1: { encryption: phase1Encryption, integrity: phase1Integrity, dhGroup: phase1Dh },
    phase2: { encryption: phase2Encryption, integrity: phase2Integrity, pfsGroup },
  };
}

/** Lifetimes of one end. */
export interface EndLifetimes { readonly phase1: number; readonly phase2: number }

/** One lifetime rule that one end's lifetimes break. */
export interface LifetimeProblem {
  /** The phase whose lifetime breaks it. */
  readonly phase: IkePhase;
  /** The problem's code (`lifetime-out-of-range`, the fixed peer's `waitsCode`, `lifetime-order`). */
  readonly code: string;
  /** The problem in words. */
  readonly message: string;
}

/**
 * Why one end's lifetimes break the lifetime rules, in the order they are checked; the one rule
 * for lifetimes the planner chooses, a user pins and a record keeps (`settleSettings`):
 * - each lifetime within its cloud's range (`lifetimeProblem`, the constructs' check; a fixed
 *   phase 1, `CloudProfile.fixedPhase1`, is a range of one value);
 * - a peer with a fixed phase 1 is never left waiting: this end's phase 1 is no longer than the
 *   peer's (`fixedPhase1.waitsCode`);
 * - phase 2 below phase 1 (`lifetime-order`), when the rest hold.
 *
 * @param cloud - this end's cloud
 * @param peer - the other end's cloud
 * @param l - this end's lifetimes, in seconds
 */
export function endLifetimeProblems(cloud: Cloud, peer: Cloud, l: EndLifetimes): LifetimeProblem[] {
  const own = profileOf(cloud);
  const other = profileOf(peer);
  const out: LifetimeProblem[] = [];
  const inRange = (phase: IkePhase) => {
    const message = lifetimeProblem(cloud, phase, l[phase]);
    if (message) out.push({ phase, code: 'lifetime-out-of-range', message });
  };
  inRange('phase1');
  const peerFixed = other.facts.phase1.lifetimeSeconds.max;
  if (other.fixedPhase1 && l.phase1 > peerFixed) {
    out.push({ phase: 'phase1', code: other.fixedPhase1.waitsCode, message: `${l.phase1} s would leave ${other.name} (phase 1 fixed at ${peerFixed} s) waiting for ${own.name} to rekey; allowed: at most ${peerFixed} s` });
  }
  inRange('phase2');
  if (out.length === 0 && l.phase2 >= l.phase1) {
    out.push({ phase: 'phase2', code: 'lifetime-order', message: `${l.phase2} s must be below the phase 1 lifetime of ${own.name} (${l.phase1} s)` });
  }
  return out;
}

/**
 * Chooses each end's lifetimes so that an end that cannot change its own (a fixed phase 1,
 * `CloudProfile.fixedPhase1`) is never the one left waiting for a rekey: its peer uses a shorter
 * phase 1 lifetime (`fixedPhase1.peerSeconds`) and rekeys first; phase 2 lifetimes are each end's
 * own default (`CloudProfile.lifetimes`). Pins apply to every end that can set them; every end's
 * lifetimes are checked with `endLifetimeProblems`.
 */
export function chooseLifetimes(
  clouds: readonly [Cloud, Cloud], spec: ProposalSpec | undefined, path: string, issues: IssueCollector,
): [EndLifetimes, EndLifetimes] | undefined {
  const before = issues.size;
  const pinned1 = spec?.phase1?.lifetimeSeconds;
  const pinned2 = spec?.phase2?.lifetimeSeconds;
  const fixed = (cloud: Cloud) => FACTS[cloud].phase1.lifetimeFixed;

  const ends = clouds.map((cloud, i): EndLifetimes => {
    const profile = profileOf(cloud);
    const peer = profileOf(clouds[1 - i]);
    let phase1: number;
    if (fixed(cloud)) phase1 = profile.facts.phase1.defaultLifetimeSeconds;
    else if (pinned1 !== undefined) phase1 = pinned1;
    else phase1 = peer.fixedPhase1 ? peer.fixedPhase1.peerSeconds : profile.lifetimes.phase1;
    return { phase1, phase2: pinned2 ?? profile.lifetimes.phase2 };
  });
  ends.forEach((l, i) => {
    for (const p of endLifetimeProblems(clouds[i], clouds[1 - i], l)) {
      // The order of the two phases is only worth saying once the lifetimes themselves hold.
      if (p.code === 'lifetime-order' && issues.size > before) continue;
      issues.add(`${path}.${p.phase}.lifetimeSeconds`, p.code, p.message);
    }
  });
  if (pinned1 !== undefined && clouds.every(fixed)) {
    const problem = lifetimeProblem(clouds[0], 'phase1', pinned1);
    if (problem) issues.add(`${path}.phase1.lifetimeSeconds`, 'lifetime-out-of-range', problem);
  }
  return issues.size > before ? undefined : [ends[0], ends[1]];
}

/** Spells a neutral proposal in one cloud's API names. */
export function spell(cloud: Cloud, p: NeutralProposal, lifetimes: EndLifetimes): CloudProposal {
  const s = FACTS[cloud].spelling;
  const need = <T extends string | number>(table: Partial<Record<T, string>>, v: T): string => {
    const out = table[v];
    if (out === undefined) throw new Error(`internal: ${cloud} has no spelling for ${v}`);
    return out;
  };
  let phase2Integrity: string | null;
  if (p.phase2.integrity === null) {
    // AEAD: a cloud may name the GCM cipher again as the integrity algorithm; the others take none.
    phase2Integrity = s.aeadIntegrity === 'cipher' ? need(s.encryption, p.phase2.encryption) : null;
  } else {
    phase2Integrity = need(s.integrity, p.phase2.integrity);
  }
  return {
    ikeVersion: s.ikeVersion[p.ikeVersion],
    phase1: { encryption: need(s.encryption, p.phase1.encryption), integrity: need(s.integrity, p.phase1.integrity), dhGroup: need(s.phase1Dh, p.phase1.dhGroup), lifetimeSeconds: lifetimes.phase1 },
    phase2: {
      encryption: need(s.encryption, p.phase2.encryption),
      integrity: phase2Integrity,
      pfsGroup: p.phase2.pfsGroup === null ? need({ none: s.noPfs }, 'none') : need(s.phase2Dh, p.phase2.pfsGroup),
      lifetimeSeconds: lifetimes.phase2,
    },
  };
}
