/**
 * Single-value checks shared by the planner and the cloud constructs, so that a construct used
 * without the planner applies exactly the same rules. Each returns `undefined` when the value is
 * allowed, else a sentence that says what was given and what is allowed.
 */
import { CLOUD_NAMES, Cloud, FACTS } from './clouds';
import type { IntRange, PhaseCapability } from './facts';
import { cidr, contains, containsAddress, intersect, overlaps, parseCidr, parseIpv4 } from '../common/cidr';
import { show } from './errors';

/**
 * The inside /30s every given cloud accepts, in words: the intersection of their ranges, outside
 * the reserved blocks that lie in it (e.g. `an aligned /30 in 169.254.21.0/24 or 169.254.22.0/24`).
 */
export function describeInsideRange(clouds: readonly Cloud[]): string {
  const ranges = clouds.map((c) => FACTS[c].insideRanges.map(cidr)).reduce((x, y) => intersect(x, y));
  // Only the reserved blocks that lie in those ranges are worth naming.
  const reserved = [...new Set(clouds.flatMap((c) => FACTS[c].insideReserved))].filter((r) => ranges.some((g) => overlaps(g, cidr(r))));
  return `an aligned /30 in ${ranges.map((c) => c.text).join(' or ')}${reserved.length ? `, outside ${reserved.join(', ')}` : ''}`;
}

/** An inside CIDR that passed `checkInsideCidr`. */
export interface InsideCidrAccepted {
  /** Accepted. */
  readonly ok: true;
  /** The /30's network address, as a 32-bit unsigned integer (0-4294967295). */
  readonly network: number;
}
/** An inside CIDR that `checkInsideCidr` refused. */
export interface InsideCidrRefused {
  /** Refused. */
  readonly ok: false;
  /** The problem's code, the same wherever the check runs. */
  readonly code: 'inside-cidr-malformed' | 'inside-cidr-not-30' | 'inside-cidr-outside-range' | 'inside-cidr-reserved';
  /** The problem in words: what was given, what is allowed. */
  readonly message: string;
}
/** The outcome of checking a tunnel's inside CIDR: its network, or the problem with its code. */
export type InsideCidrCheck = InsideCidrAccepted | InsideCidrRefused;

/**
 * Inside CIDR of a tunnel: an aligned /30 in every given cloud's range, reserved by none. One code
 * per problem, the planner's and the constructs' alike.
 */
export function checkInsideCidr(clouds: readonly Cloud[], text: string): InsideCidrCheck {
  const allowed = describeInsideRange(clouds);
  const p = parseCidr(text);
  if (!p.ok) return { ok: false, code: 'inside-cidr-malformed', message: `${show(text)} is not a valid prefix (${p.reason}); allowed: ${allowed}` };
  if (p.cidr.prefixLength !== 30) return { ok: false, code: 'inside-cidr-not-30', message: `${show(text)} is a /${p.cidr.prefixLength}; allowed: ${allowed}` };
  const outside = clouds.find((c) => !FACTS[c].insideRanges.some((r) => contains(cidr(r), p.cidr)));
  if (outside) {
    return { ok: false, code: 'inside-cidr-outside-range', message: `${show(text)} is outside ${CLOUD_NAMES[outside]}'s range (${FACTS[outside].insideRanges.join(', ')}); allowed: ${allowed}` };
  }
  const reserver = clouds.find((c) => FACTS[c].insideReserved.some((r) => contains(cidr(r), p.cidr)));
  if (reserver) return { ok: false, code: 'inside-cidr-reserved', message: `${show(text)} is reserved by ${CLOUD_NAMES[reserver]}; allowed: ${allowed}` };
  return { ok: true, network: p.cidr.network };
}

/** Inside CIDR of a tunnel (see `checkInsideCidr`): the problem in words, or `undefined`. */
export function insideCidrProblem(clouds: readonly Cloud[], text: string): string | undefined {
  const check = checkInsideCidr(clouds, text);
  return check.ok ? undefined : check.message;
}

/** An address that must lie inside a given /30 (e.g. Alibaba's local BGP IP). */
export function addressInCidrProblem(address: string, block: string): string | undefined {
  const a = parseIpv4(address);
  const p = parseCidr(block);
  if (a === undefined) return `${show(address)} is not a dotted-quad IPv4 address`;
  if (!p.ok) return undefined; // reported on the block itself
  if (!containsAddress(p.cidr, a) || a === p.cidr.network || (p.cidr.prefixLength === 30 && a === p.cidr.network + 3)) {
    return `${show(address)} is not a host address of ${block}`;
  }
  return undefined;
}

/** An IKE negotiation phase: `phase1` (IKE SA) or `phase2` (IPsec / CHILD SA). */
export type IkePhase = 'phase1' | 'phase2';
/** A kind of algorithm in a proposal: `dhGroup` is the DH group in phase 1, the PFS group in phase 2. */
export type AlgorithmKind = 'encryption' | 'integrity' | 'dhGroup';

/** The names a cloud's API accepts for one algorithm kind of one phase. */
export function spellingsOf(cloud: Cloud, phase: IkePhase, kind: AlgorithmKind): string[] {
  const f = FACTS[cloud];
  const cap: PhaseCapability = f[phase];
  const s = f.spelling;
  switch (kind) {
    case 'encryption':
      return cap.encryption.map((e) => s.encryption[e]).filter((x): x is string => !!x);
    case 'integrity': {
      const names = cap.integrity.map((i) => s.integrity[i]).filter((x): x is string => !!x);
      // A cloud may name the GCM cipher as the phase 2 integrity of an AEAD proposal.
      if (s.aeadIntegrity === 'cipher' && phase === 'phase2') names.push(...cap.encryption.filter((e) => e.endsWith('gcm16')).map((e) => s.encryption[e]!));
      return names;
    }
    default: {
      const table = phase === 'phase1' ? s.phase1Dh : s.phase2Dh;
      const names = cap.dhGroups.map((g) => table[g]).filter((x): x is string => !!x);
      if (phase === 'phase2' && cap.allowsNoPfs && s.noPfs) names.push(s.noPfs);
      return names;
    }
  }
}

/** An algorithm name in a cloud's own spelling. */
export function algorithmProblem(cloud: Cloud, phase: IkePhase, kind: AlgorithmKind, name: string): string | undefined {
  const names = spellingsOf(cloud, phase, kind);
  if (!names.includes(name)) return `${show(name)} is not a ${phase} ${kind === 'dhGroup' ? (phase === 'phase1' ? 'DH group' : 'PFS group') : kind} ${CLOUD_NAMES[cloud]} knows; allowed: ${names.join(', ')}`;
  return undefined;
}

/** A lifetime in a cloud's range for one phase. */
export function lifetimeProblem(cloud: Cloud, phase: IkePhase, seconds: number): string | undefined {
  const range: IntRange = FACTS[cloud][phase].lifetimeSeconds;
  if (!Number.isInteger(seconds) || seconds < range.min || seconds > range.max) {
    return `${show(seconds)} s is outside ${CLOUD_NAMES[cloud]}'s ${phase} lifetime range; allowed: ${range.min === range.max ? `exactly ${range.min}` : `${range.min}-${range.max}`} s`;
  }
  return undefined;
}

/** An integer in an inclusive range. */
export function rangeProblem(what: string, value: number, range: IntRange, unit = ''): string | undefined {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    return `${what} ${show(value)}${unit} is out of range; allowed: ${range.min}-${range.max}${unit}`;
  }
  return undefined;
}
