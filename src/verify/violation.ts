/**
 * How a violation reads: the value as written (`shown`) and the one-line description
 * (`describeViolation`). A leaf module: the acceptance entry (`acceptance.ts`) and every cloud's
 * rules (`clouds/<cloud>/accept.ts`) import it, it imports nothing of theirs (they once imported
 * `shown` from the entry that imports them: an import cycle).
 */
import type { Violation } from './types';

/** One line per violation: file, resource, attribute, value, rule, source. */
export function describeViolation(v: Violation): string {
  return `${v.file}: ${v.resource.replace(/^[a-z]+:/, '')} ${v.attribute} = ${v.value}: ${v.rule} (${v.source})`;
}

/** A value as written, for a violation (truncated to 80 characters; never a key: callers pass no secret). */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? `'${value}'` : value === undefined ? '(not set)' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
