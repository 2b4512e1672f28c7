/**
 * The pre-shared key wrapper, shared by the planner, the constructs and `verify` (a neutral
 * helper: it knows no cloud and no planning rule).
 *
 * The key lives in a module-private `WeakMap`, not on the object: spreading (`{ ...key }`),
 * `Object.assign`, `util.inspect` with `showHidden`, `Object.getOwnPropertySymbols` and
 * structured cloning all see only `source` and `fingerprint`.
 *
 * Fingerprints are keyed: HMAC-SHA-256 under a random key drawn once per process. Two keys that
 * are equal have the same fingerprint within one run (that is all a report needs: which halves
 * share a key), and a fingerprint reveals nothing about the key, not even to someone who guesses
 * it: without the per-process key no guess can be tested offline.
 */
import { createHmac, randomBytes } from 'node:crypto';

const VALUES = new WeakMap<PresharedKey, string>();
const FINGERPRINT_KEY = randomBytes(32);
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
  /**
   * A keyed fingerprint (12 hex digits of HMAC-SHA-256 under a random per-process key): equal keys
   * have equal fingerprints within one run; it reveals nothing about the key.
   */
  public readonly fingerprint: string;

  constructor(value: string, source: 'derived' | 'pinned') {
    VALUES.set(this, value);
    this.source = source;
    this.fingerprint = createHmac('sha256', FINGERPRINT_KEY).update(value).digest('hex').slice(0, 12);
  }

  /** The key itself. Never log it. */
  public reveal(): string {
    const v = VALUES.get(this);
    if (v === undefined) throw new Error('not a PresharedKey made by this library (a copy holds no key)');
    return v;
  }

  /** The redacted form, e.g. `<psk:derived fp:1a2b3c4d5e6f>`. */
  public toString(): string {
    return `<psk:${this.source} fp:${this.fingerprint}>`;
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
