/**
 * The neutral parts of routing that every cloud's routing (`clouds/<cloud>/routing.ts`) and the
 * gap check (`routing.ts`) share: prefix containment and overlap, and the shape of one half's
 * routing.
 */
import { contains, parseCidr } from '../common/cidr';
import type { Json, StackDoc } from './output/load';
import type { Resolver } from './output/resolve';
import type { Assumption, HalfReach } from './types';

/** Parsed prefix, or undefined. */
function net(text: string) {
  const p = parseCidr(text);
  return p.ok ? p.cidr : undefined;
}

/** Whether `outer` covers all of `inner`. */
export function covers(outer: string, inner: string): boolean {
  const o = net(outer);
  const i = net(inner);
  return !!o && !!i && contains(o, i);
}

/** Whether two prefixes share an address. */
export function overlap(a: string, b: string): boolean {
  return covers(a, b) || covers(b, a);
}

/** The distinct prefixes, in first-seen order. */
export const uniq = (xs: readonly string[]) => [...new Set(xs)];
/** Whether traffic selectors are "any" (route-based). */
export const isAny = (ts: readonly string[]) => ts.every((t) => t === '0.0.0.0/0');

/** Whether `v` in `stack` references the resource `target`. */
export const refersTo = (r: Resolver, stack: StackDoc, v: Json | undefined, target: { stack: string; id: string }) => {
  const res = r.eval(stack, v);
  return res.kind === 'resource' && res.ref.stack === target.stack && res.ref.id === target.id;
};

/** What one half routes, plus what it announces (`advertise`) and unsourced behaviour it relies on. */
export interface HalfRouting {
  readonly reach: HalfReach;
  readonly advertise: readonly string[];
  readonly assumptions: readonly Assumption[];
  /** Why the networks behind the half cannot be known from the output (→ `unverifiable`). */
  readonly unverifiable?: string;
}
