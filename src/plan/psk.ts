/**
 * Pre-shared keys: derived from a master secret the user controls, validated when pinned, and
 * redacted wherever they are printed.
 */
import { createHash, createHmac } from 'node:crypto';
import { CLOUD_NAMES, Cloud, FACTS } from './facts';

/** Length of derived keys: 40 characters of [A-Za-z0-9], first a letter (about 238 bits). */
export const DERIVED_KEY_LENGTH = 40;
const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Below this length a key over [A-Za-z0-9] carries less than 128 bits. */
export const MIN_STRONG_KEY_LENGTH = 22;
/** Smallest master secret accepted. */
export const MIN_MASTER_SECRET_LENGTH = 16;
/** The environment variable the CLI and the constructs read the master secret from. */
export const MASTER_SECRET_ENV = 'CCVPN_MASTER_SECRET';

const REVEAL = Symbol('ccvpn.presharedKey');
/**
 * Node's `util.inspect.custom` (the same registered symbol). Written as `Symbol.for` rather than
 * imported from `node:util` so that the published declarations of the engine-free root entry do
 * not need `@types/node`.
 */
const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A pre-shared key that never prints itself.
 *
 * `JSON.stringify`, `String()`, template literals and `console.log` all show the redacted form;
 * only `reveal()` gives the key, for the constructs that must write it into a resource.
 */
export class PresharedKey {
  /** Where the key came from. */
  public readonly source: 'derived' | 'pinned';
  /** A short SHA-256 fingerprint, safe to print, to compare keys without showing them. */
  public readonly fingerprint: string;
  private readonly [REVEAL]: string;

  constructor(value: string, source: 'derived' | 'pinned') {
    this[REVEAL] = value;
    this.source = source;
    this.fingerprint = createHash('sha256').update(value).digest('hex').slice(0, 12);
  }

  /** The key itself. Never log it. */
  public reveal(): string {
    return this[REVEAL];
  }

  /** The redacted form, e.g. `<psk:derived sha256:1a2b3c4d5e6f>`. */
  public toString(): string {
    return `<psk:${this.source} sha256:${this.fingerprint}>`;
  }

  /** The redacted form, so that `JSON.stringify` never writes the key. */
  public toJSON(): string {
    return this.toString();
  }

  /** The redacted form, for `console.log` and `util.inspect`. */
  public [INSPECT_CUSTOM](): string {
    return this.toString();
  }
}

/**
 * Derives the key of one tunnel: HMAC-SHA-256 of the tunnel id under the master secret,
 * expanded and mapped to [A-Za-z0-9] by rejection sampling (no modulo bias), first character a
 * letter. Every cloud accepts the result (AWS is the narrowest: letters, digits, `.` `_`,
 * 8-64 characters, not starting with `0`).
 */
export function deriveKey(masterSecret: string, tunnelId: string): string {
  let out = '';
  for (let block = 0; out.length < DERIVED_KEY_LENGTH; block++) {
    const bytes = createHmac('sha256', masterSecret).update(`ccvpn/psk/v1/${tunnelId}/${block}`).digest();
    for (const byte of bytes) {
      if (out.length === DERIVED_KEY_LENGTH) break;
      const alphabet = out.length === 0 ? 52 : 62; // the first character is a letter
      const limit = Math.floor(256 / alphabet) * alphabet;
      if (byte < limit) out += ALPHANUM[byte % alphabet];
    }
  }
  return out;
}

/** Why a key is rejected by one cloud, or `undefined` when that cloud takes it. */
export function pskProblem(cloud: Cloud, key: string): string | undefined {
  const rule = FACTS[cloud].psk;
  const name = CLOUD_NAMES[cloud];
  if (key.length < rule.length.min || key.length > rule.length.max) {
    return `${name} takes ${rule.length.min}-${rule.length.max} characters, got ${key.length}`;
  }
  if (!rule.pattern.test(key)) return `${name} takes only ${rule.charset}`;
  if (rule.extra && !rule.extra.test(key)) return `${name}: ${rule.extra.rule}`;
  return undefined;
}
