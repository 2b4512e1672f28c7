/**
 * Finds doc comments that retype a range or a default the planner's cloud profile owns
 * (`src/plan/clouds/<cloud>.ts`): a cloud's constructs reference it (`` {@link AWS}`.ownAsn` ``,
 * `{@link AWS_DEFAULT_AMAZON_SIDE_ASN}`) instead, so that the number lives in one place.
 *
 * What the profile owns, per cloud, and what counts as retyping it in a doc comment (`/** ... *\/`;
 * line comments and code do not count):
 * - its ASN figures (the bounds of `facts.ownAsn` / `facts.peerAsn` ranges and reserved ASNs,
 *   its `defaultAsn`) and the planner's `ALLOCATED_ASNS` bounds, at least 1000 (distinctive: no
 *   other quantity here takes such a value): written anywhere, with or without thousands
 *   separators (`64512`, `4,294,967,294`);
 * - its lifetime bounds (`facts.phase1/phase2.lifetimeSeconds`, 0 excepted): in a range phrase
 *   (`900-28800`, `0 to 86400`, `at most 3600`, `fixed at 28800`);
 * - its defaults (the numbers of its default tunnel `<CLOUD>_DEFAULT_TUNNEL`, its `lifetimes`, the
 *   facts' default lifetimes, its `defaultAsn`): as a literal `@default`;
 * - its inside ranges (`facts.insideRanges`, `facts.insideReserved`): a CIDR among them, or an
 *   address range (`169.254.21.0-169.254.22.255`) inside them.
 */
import * as ts from 'typescript';
import { cidr, containsAddress, parseIpv4 } from '../../src/common/cidr';
import { ALLOCATED_ASNS } from '../../src/plan';
import * as clouds from '../../src/plan/clouds';
import type { CloudProfile } from '../../src/plan/profile';

/** What one cloud's profile owns, as the scan looks for it. */
export interface OwnedFigures {
  /** ASN figures: flagged wherever a doc comment writes them. */
  readonly asns: ReadonlySet<number>;
  /** Lifetime bounds, in seconds: flagged in a range phrase. */
  readonly lifetimeBounds: ReadonlySet<number>;
  /** Default values: flagged as a literal `@default`. */
  readonly defaults: ReadonlySet<number>;
  /** Inside ranges and reserved blocks (CIDRs). */
  readonly insideCidrs: readonly string[];
}

/** One retyped figure. */
export interface DocRangeFinding {
  /** 1-based line in the file. */
  readonly line: number;
  /** What was retyped, and where the profile has it. */
  readonly what: string;
}

/** What a profile owns (see the file header). */
export function ownedFigures(profile: CloudProfile): OwnedFigures {
  const f = profile.facts;
  const asns = new Set<number>();
  for (const rule of [f.ownAsn, f.peerAsn]) {
    for (const r of [...rule.ranges, ...rule.reserved]) [r.min, r.max].filter((n) => n >= 1000).forEach((n) => asns.add(n));
  }
  if (profile.defaultAsn !== undefined) asns.add(profile.defaultAsn);
  [ALLOCATED_ASNS.min, ALLOCATED_ASNS.max].forEach((n) => asns.add(n));

  const lifetimeBounds = new Set([f.phase1.lifetimeSeconds.min, f.phase1.lifetimeSeconds.max, f.phase2.lifetimeSeconds.min, f.phase2.lifetimeSeconds.max].filter((n) => n > 0));

  const tunnel = (clouds as Record<string, unknown>)[`${profile.cloud.toUpperCase()}_DEFAULT_TUNNEL`];
  const defaults = new Set<number>([
    ...Object.values((tunnel ?? {}) as Record<string, unknown>).filter((v): v is number => typeof v === 'number'),
    profile.lifetimes.phase1, profile.lifetimes.phase2, f.phase1.defaultLifetimeSeconds, f.phase2.defaultLifetimeSeconds,
    ...(profile.fixedPhase1 ? [profile.fixedPhase1.peerSeconds] : []),
    ...(profile.defaultAsn !== undefined ? [profile.defaultAsn] : []),
  ]);
  return { asns, lifetimeBounds, defaults, insideCidrs: [...f.insideRanges, ...f.insideReserved] };
}

/** Every doc comment of a source text, with the line it starts on. */
export function docComments(source: string): { line: number; text: string }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const found: { line: number; text: string }[] = [];
  const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.MultiLineCommentTrivia && scanner.getTokenText().startsWith('/**')) {
      found.push({ line: lineOf(scanner.getTokenStart()), text: scanner.getTokenText() });
    }
  }
  return found;
}

/** A number on its own (not part of an address or a word; a sentence's full stop may follow). */
const NUMBER = String.raw`(?<!\w|\d\.)(\d{1,3}(?:,\d{3})+|\d+)(?!\w|\.\d|,\d)`;
const ADDRESS = String.raw`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`;
const asNumber = (text: string) => Number(text.replace(/,/g, ''));

/** The figures of `owned` that the doc comments of `source` retype, one finding per figure and line. */
export function retypedFigures(source: string, owned: OwnedFigures): DocRangeFinding[] {
  const findings: DocRangeFinding[] = [];
  const inside = owned.insideCidrs.map(cidr);
  const isInside = (address: string) => {
    const a = parseIpv4(address);
    return a !== undefined && inside.some((c) => containsAddress(c, a));
  };
  for (const comment of docComments(source)) {
    comment.text.split('\n').forEach((text, i) => {
      const line = comment.line + i;
      const add = (what: string) => findings.push({ line, what });
      for (const m of text.matchAll(new RegExp(NUMBER, 'g'))) {
        if (owned.asns.has(asNumber(m[1]))) add(`ASN ${m[1]} (the profile's ASN ranges, default or ALLOCATED_ASNS)`);
      }
      const range = new RegExp(String.raw`${NUMBER}\s*(?:-|–|\.\.|to)\s*${NUMBER}|\b(?:at most|up to|at least|fixed at|maximum(?: of)?|minimum(?: of)?)\s+${NUMBER}`, 'gi');
      for (const m of text.matchAll(range)) {
        const bounds = [m[1], m[2], m[3]].filter((b): b is string => b !== undefined).map(asNumber);
        const hit = bounds.find((b) => owned.lifetimeBounds.has(b) && !owned.asns.has(b));
        if (hit !== undefined) add(`lifetime bound ${hit} in "${m[0]}" (the profile's facts.phase1/phase2.lifetimeSeconds)`);
      }
      const dflt = /@default\s+(\d[\d,]*)\s*(?:$|\(|s\b)/.exec(text);
      if (dflt && owned.defaults.has(asNumber(dflt[1])) && !owned.asns.has(asNumber(dflt[1]))) {
        add(`@default ${dflt[1]} (the profile's default tunnel or lifetimes)`);
      }
      for (const m of text.matchAll(new RegExp(String.raw`(?<!\w|\d\.)(${ADDRESS}/\d{1,2})(?!\w|\.\d)`, 'g'))) {
        if (owned.insideCidrs.includes(m[1])) add(`inside block ${m[1]} (the profile's facts.insideRanges / insideReserved)`);
      }
      for (const m of text.matchAll(new RegExp(String.raw`(?<!\w|\d\.)(${ADDRESS})\s*(?:-|–|to)\s*(${ADDRESS})(?!\w|\.\d)`, 'g'))) {
        if (isInside(m[1]) && isInside(m[2])) add(`inside range ${m[1]}-${m[2]} (the profile's facts.insideRanges)`);
      }
    });
  }
  return findings;
}
