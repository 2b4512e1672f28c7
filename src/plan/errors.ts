/**
 * The planner's errors and message helpers. The error types and the collector live in the neutral
 * `src/common/errors.ts` (shared with the constructs); this module re-exports the planner's part
 * of them under their historical names and holds the value formatting every message uses.
 */
import type { CrossCloudVpnIssue } from '../common/errors';

export { IssueCollector, MAX_LISTED_PROBLEMS, PlanError, isPlanError, listProblems } from '../common/errors';

/**
 * One problem found in a topology: where (a field path such as `links[2].insideCidrs[1]`), what
 * value was given, and what is allowed. The same shape as every issue of the library.
 */
export type PlanIssue = CrossCloudVpnIssue;

/** Longest rendering of a value in a message; longer ones are cut and their length given. */
export const MAX_SHOWN_LENGTH = 80;

/**
 * Quotes a user value for a message, whatever it is: strings in quotes, numbers as written
 * (`NaN`, `Infinity`, `-0`), BigInts with `n`, objects and arrays as JSON-like text (circular
 * references as `[circular]`, functions and symbols named), null-prototype objects and values
 * whose getters or `toJSON` throw included. Never throws; never longer than about
 * `MAX_SHOWN_LENGTH` characters (a longer value is cut, with its full length given).
 */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const text = printable(value.length > MAX_SHOWN_LENGTH ? value.slice(0, MAX_SHOWN_LENGTH) : value);
    return value.length > MAX_SHOWN_LENGTH ? `'${text}…' (${value.length} characters)` : `'${text}'`;
  }
  if (value === undefined) return 'nothing';
  const out = { text: '', full: true };
  render(value, out, new Set());
  return out.full ? out.text : `${out.text.slice(0, MAX_SHOWN_LENGTH)}… (truncated)`;
}

/** Control characters escaped, so a message stays on its lines. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Appends a rendering of `value` to `out`, stopping once it is longer than `MAX_SHOWN_LENGTH`. */
function render(value: unknown, out: { text: string; full: boolean }, seen: Set<object>): void {
  const emit = (s: string) => {
    out.text += s;
    if (out.text.length > MAX_SHOWN_LENGTH) out.full = false;
  };
  if (!out.full) return;
  switch (typeof value) {
    case 'string':
      emit(JSON.stringify(value.length > MAX_SHOWN_LENGTH ? value.slice(0, MAX_SHOWN_LENGTH + 1) : value));
      return;
    case 'number':
      emit(Object.is(value, -0) ? '-0' : String(value));
      return;
    case 'bigint':
      emit(`${value.toString()}n`);
      return;
    case 'boolean':
      emit(String(value));
      return;
    case 'undefined':
      emit('undefined');
      return;
    case 'symbol':
      emit(value.description === undefined ? 'a symbol' : `a symbol (${value.description.slice(0, MAX_SHOWN_LENGTH)})`);
      return;
    case 'function':
      emit(typeof value.name === 'string' && value.name ? `a function (${value.name.slice(0, MAX_SHOWN_LENGTH)})` : 'a function');
      return;
  }
  if (value === null) {
    emit('null');
    return;
  }
  const obj = value as object;
  if (seen.has(obj)) {
    emit('[circular]');
    return;
  }
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      emit('[');
      for (let i = 0; i < obj.length && out.full; i++) {
        if (i > 0) emit(',');
        render(obj[i], out, seen);
      }
      emit(']');
      return;
    }
    // A class instance is named rather than opened (it may be an engine object of any size).
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== null && proto !== Object.prototype) {
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      emit(typeof name === 'string' && name ? `a ${name}` : 'an object');
      return;
    }
    emit('{');
    let first = true;
    for (const key of Object.keys(obj)) {
      if (!out.full) break;
      if (!first) emit(',');
      first = false;
      emit(`${JSON.stringify(key.slice(0, MAX_SHOWN_LENGTH))}:`);
      render((obj as Record<string, unknown>)[key], out, seen);
    }
    emit('}');
  } catch {
    emit('(unreadable)');
  } finally {
    seen.delete(obj);
  }
}

/** `a` or `an` before a word, by its first letter (`an AWS gateway`, `an Azure`, `a VpnGw2`). */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
