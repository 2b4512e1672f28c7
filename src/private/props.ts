/**
 * Runtime checks of the shape of construct props: every public prop of every exported construct
 * (and of `CrossCloudVpn`) is described once as a `Shape`, and `checkProps` refuses a value of the
 * wrong type, a non-finite or out-of-range number, an over-long string or list, or a value from
 * the wrong table, before the constructor reads it. TypeScript callers rarely hit these; JavaScript
 * callers, `as any` and data loaded from files do.
 *
 * Every problem becomes one line of the library's `ValidationError` (construct path, field, the
 * value as `show` prints it — bounded, never a key — and what is allowed); all are thrown at once.
 * Unresolved tokens (CloudFormation or Terraform) pass: their values are known at deploy time.
 * Unknown props are not refused (a newer library may add props that an older shape lacks).
 *
 * A renamed prop keeps its old name for one release (`renamed(newName, shape)`): either name is
 * accepted, both with equal values too, both with different values is one problem naming both;
 * `withRenamedProps` then gives the construct the props under their new names only, and the old
 * names that were used (for the construct's deprecation warning).
 *
 * What each cloud checks beyond the shape (ranges from `src/plan/facts.ts`, CIDR alignment,
 * reserved ASNs, key character sets) stays in the constructs.
 * @internal
 */
import { show } from '../plan/errors';
import { PropsChecker } from './errors';

/** Library limits on sizes (documented in the README, "Limits"). */
export const PROP_LIMITS = {
  /** Longest string prop without a tighter limit of its own (ids, names, regions, descriptions). */
  maxStringLength: 1024,
  /** Most entries in a list prop without a tighter limit (CIDRs, route tables, addresses). */
  maxListLength: 1000,
  /** Most entries in a map prop (tags). */
  maxMapEntries: 100,
  /** Largest integer a count or duration prop takes when the API bounds it by its type only (a 32-bit integer). */
  maxInteger: 2147483647,
} as const;

/** How a prop is checked. */
export type Shape =
  | { readonly type: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: RegExp; readonly rule?: string; readonly values?: readonly string[]; readonly secret?: boolean }
  | { readonly type: 'number'; readonly integer?: boolean; readonly min?: number; readonly max?: number; readonly unit?: string }
  | { readonly type: 'boolean' }
  | { readonly type: 'list'; readonly of: Shape; readonly min?: number; readonly max?: number }
  | { readonly type: 'map'; readonly of: Shape; readonly max?: number }
  | { readonly type: 'object'; readonly props: ObjectShape; readonly what?: string }
  | { readonly type: 'instance'; readonly what: string; readonly test: (value: unknown) => boolean; readonly secret?: boolean; readonly props?: ObjectShape }
  | { readonly type: 'either'; readonly options: readonly Shape[]; readonly what: string; readonly secret?: boolean };

/** A prop's shape and whether it may be left out. */
export interface PropShape {
  readonly shape: Shape;
  readonly optional: boolean;
  /**
   * The prop's new name, when this is the deprecated old name of a renamed prop: the new name's
   * entry is then satisfied by this one (even when required).
   */
  readonly renamedTo?: string;
}

/** The props of an object, by name. */
export type ObjectShape = Readonly<Record<string, PropShape>>;

/** Whether a value is an unresolved token of the construct's engine. */
export type TokenTest = (value: unknown) => boolean;

// Builders, so shapes read like the props they describe.
export const required = (shape: Shape): PropShape => ({ shape, optional: false });
export const optional = (shape: Shape): PropShape => ({ shape, optional: true });
/** The deprecated old name of the prop now called `newName` (always optional; same shape as the new one). */
export const renamed = (newName: string, shape: Shape): PropShape => ({ shape, optional: true, renamedTo: newName });
export const str = (o: { min?: number; max?: number; pattern?: RegExp; rule?: string; values?: readonly string[]; secret?: boolean } = {}): Shape => ({ type: 'string', ...o });
/** A finite number; the construct checks its range (its messages name the cloud's rule). */
export const num = (): Shape => ({ type: 'number' });
/** An integer in `min`-`max`, for values whose only bound is the API's integer type. */
export const int = (o: { min: number; max: number; unit?: string }): Shape => ({ type: 'number', integer: true, ...o });
export const bool = (): Shape => ({ type: 'boolean' });
export const list = (of: Shape, o: { min?: number; max?: number } = {}): Shape => ({ type: 'list', of, ...o });
export const map = (of: Shape, o: { max?: number } = {}): Shape => ({ type: 'map', of, ...o });
export const obj = (props: ObjectShape, what?: string): Shape => ({ type: 'object', props, what });
export const instance = (what: string, test: (value: unknown) => boolean, o: { secret?: boolean; props?: ObjectShape } = {}): Shape => ({ type: 'instance', what, test, ...o });
export const either = (what: string, options: readonly Shape[], o: { secret?: boolean } = {}): Shape => ({ type: 'either', what, options, ...o });

/** Whether `value` is a non-null object (arrays and functions excluded). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `key` of `value` (getters included) without letting a throwing getter escape. */
function read(value: Record<string, unknown>, key: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: value[key] };
  } catch {
    return { ok: false };
  }
}

function describeAllowed(shape: Shape): string {
  switch (shape.type) {
    case 'string': {
      if (shape.values) return `one of ${shape.values.map((v) => `'${v}'`).join(', ')}`;
      const length = shape.min !== undefined && shape.min > 0 ? `${shape.min}-${shape.max ?? PROP_LIMITS.maxStringLength}` : `at most ${shape.max ?? PROP_LIMITS.maxStringLength}`;
      return shape.rule ?? `a string of ${length} characters`;
    }
    case 'number': {
      const range = shape.min !== undefined && shape.max !== undefined ? ` in ${shape.min}-${shape.max}${shape.unit ?? ''}` : '';
      return `${shape.integer ? 'an integer' : 'a finite number'}${range}`;
    }
    case 'boolean':
      return 'true or false';
    case 'list':
      return `a list of ${shape.min ?? 0}-${shape.max ?? PROP_LIMITS.maxListLength} entries, each ${describeAllowed(shape.of)}`;
    case 'map':
      return `an object of at most ${shape.max ?? PROP_LIMITS.maxMapEntries} entries, each ${describeAllowed(shape.of)}`;
    case 'object':
      return shape.what ?? 'an object';
    case 'instance':
    case 'either':
      return shape.what;
  }
}

/** The value for a message: `show`, or only its type for a secret (a key is never echoed). */
function shown(value: unknown, secret: boolean | undefined): string {
  if (!secret) return show(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/**
 * Checks `value` against `shape`, recording problems under `path`; returns whether it fits.
 * Values deeper than a few levels of nesting are not walked (props are shallow).
 */
function checkValue(value: unknown, shape: Shape, path: string, checker: PropsChecker, isToken: TokenTest, depth: number): boolean {
  const wrong = (what?: string) => {
    checker.check(path, 'prop-invalid', `${what ?? `got ${shown(value, 'secret' in shape && shape.secret)}`}; allowed: ${describeAllowed(shape)}`);
    return false;
  };
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return wrong();
      if (isToken(value)) return true;
      const max = shape.max ?? PROP_LIMITS.maxStringLength;
      if (shape.values && !shape.values.includes(value)) return wrong();
      if (value.length > max || value.length < (shape.min ?? 0)) return wrong(`got a string of ${value.length} characters`);
      if (shape.pattern && !shape.pattern.test(value)) return wrong();
      return true;
    }
    case 'number': {
      if (typeof value !== 'number') return wrong();
      if (isToken(value)) return true;
      const min = shape.min ?? -Infinity;
      const max = shape.max ?? Infinity;
      if (!Number.isFinite(value) || (shape.integer && !Number.isInteger(value)) || value < min || value > max) return wrong();
      return true;
    }
    case 'boolean':
      return typeof value === 'boolean' || isToken(value) ? true : wrong();
    case 'list': {
      if (!Array.isArray(value)) return wrong();
      if (isToken(value)) return true;
      const max = shape.max ?? PROP_LIMITS.maxListLength;
      if (value.length > max || value.length < (shape.min ?? 0)) return wrong(`got ${value.length} entries`);
      let ok = true;
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) ok = wrong(`entry ${i} is missing`) && ok;
        else ok = checkValue(value[i], shape.of, `${path}[${i}]`, checker, isToken, depth + 1) && ok;
      }
      return ok;
    }
    case 'map': {
      if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return isToken(value) ? true : wrong();
      const keys = Object.keys(value);
      if (keys.length > (shape.max ?? PROP_LIMITS.maxMapEntries)) return wrong(`got ${keys.length} entries`);
      let ok = true;
      for (const key of keys) {
        if (key.length > PROP_LIMITS.maxStringLength) ok = wrong(`key ${show(key)} has ${key.length} characters`) && ok;
        else ok = checkValue(value[key], shape.of, `${path}.${key}`, checker, isToken, depth + 1) && ok;
      }
      return ok;
    }
    case 'object':
      if (!isObject(value)) return isToken(value) ? true : wrong();
      return depth > 8 || checkObject(value, shape.props, path, checker, isToken, depth + 1);
    case 'instance':
      if (!shape.test(value)) return wrong();
      return shape.props === undefined || depth > 8 || checkObject(value as Record<string, unknown>, shape.props, path, checker, isToken, depth + 1);
    case 'either': {
      // Fits when one option fits; the problem is reported against the whole choice.
      const scratch = new PropsChecker('');
      if (shape.options.some((o) => checkValue(value, o, path, scratch, isToken, depth))) return true;
      return wrong();
    }
  }
}

/** Whether two values of a prop and its old name are the same (lists and plain objects by their entries). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b) && Object.getPrototypeOf(a) === Object.prototype && Object.getPrototypeOf(b) === Object.prototype) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** The old names of each renamed prop of `props`, by new name. */
function oldNames(props: ObjectShape): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const [key, p] of Object.entries(props)) if (p.renamedTo !== undefined) names.set(p.renamedTo, [...(names.get(p.renamedTo) ?? []), key]);
  return names;
}

function checkObject(value: Record<string, unknown>, props: ObjectShape, prefix: string, checker: PropsChecker, isToken: TokenTest, depth: number): boolean {
  let ok = true;
  const aliases = oldNames(props);
  const given = (key: string) => {
    const got = read(value, key);
    return got.ok && got.value !== undefined;
  };
  for (const key of Object.keys(props)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const { shape, optional: isOptional, renamedTo } = props[key];
    const got = read(value, key);
    if (!got.ok) {
      checker.check(path, 'prop-invalid', 'cannot be read (its getter throws)');
      ok = false;
    } else if (got.value === undefined) {
      const old = aliases.get(key) ?? [];
      if (!isOptional && !old.some(given)) {
        const also = old.length ? ` (or its deprecated name ${old.join(', ')})` : '';
        checker.check(path, 'prop-missing', `is missing${also}; allowed: ${describeAllowed(shape)}`);
        ok = false;
      }
    } else {
      ok = checkValue(got.value, shape, path, checker, isToken, depth) && ok;
      const current = renamedTo === undefined ? undefined : read(value, renamedTo);
      if (renamedTo !== undefined && current?.ok && current.value !== undefined && !sameValue(current.value, got.value)) {
        const secret = 'secret' in shape && shape.secret;
        const newPath = prefix ? `${prefix}.${renamedTo}` : renamedTo;
        checker.check(newPath, 'prop-renamed-conflict',
          `${shown(current.value, secret)} and ${path} ${shown(got.value, secret)} differ, but ${key} is the deprecated name of ${renamedTo}; allowed: ${renamedTo} alone`);
        ok = false;
      }
    }
  }
  return ok;
}

/** What the deprecation warning of a renamed prop says. */
export function renamedPropMessage(d: { readonly old: string; readonly new: string }): string {
  return `${d.old} is the deprecated name of ${d.new}; use ${d.new} instead (${d.old} is removed in the next release)`;
}

/**
 * `props` with every renamed prop under its new name only (its value from the new name, else
 * from the old one), and the old names that were given, as `{ old, new }`. Call it after
 * `checkProps` (which refuses differing values under both names). Top-level props only.
 */
export function withRenamedProps<T extends object>(props: T, shape: ObjectShape): { readonly props: T; readonly deprecated: readonly { readonly old: string; readonly new: string }[] } {
  const deprecated: { old: string; new: string }[] = [];
  const copy = { ...props } as Record<string, unknown>;
  for (const [key, p] of Object.entries(shape)) {
    if (p.renamedTo === undefined || copy[key] === undefined) continue;
    deprecated.push({ old: key, new: p.renamedTo });
    if (copy[p.renamedTo] === undefined) copy[p.renamedTo] = copy[key];
    delete copy[key];
  }
  return { props: copy as T, deprecated };
}

/**
 * Checks a construct's props against their shape and throws one `ValidationError` listing every
 * problem (construct path, field, value, what is allowed).
 *
 * @param constructPath - the construct's path, e.g. `this.node.path`
 * @param props - the props as given (any value: JavaScript callers bypass the types)
 * @param shape - the props' shape
 * @param isToken - the engine's `Token.isUnresolved`
 * @param prefix - field path of `props` inside the construct's props, e.g. `kind.options`
 * @throws ValidationError listing every problem
 */
export function checkProps(constructPath: string, props: unknown, shape: ObjectShape, isToken: TokenTest, prefix = ''): void {
  const checker = new PropsChecker(constructPath);
  if (!isObject(props)) {
    checker.check(prefix || 'props', 'prop-invalid', `got ${show(props)}; allowed: an object`);
  } else {
    checkObject(props, shape, prefix, checker, isToken, 0);
  }
  checker.throwIfAny();
}
