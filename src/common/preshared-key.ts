/**
 * The pre-shared key wrapper, shared by the planner, the constructs and `verify` (a neutral
 * helper: it knows no cloud and no planning rule).
 */
import { createHash } from 'node:crypto';

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
