/**
 * Pre-shared keys: derived from a master secret the user controls, validated when pinned, and
 * redacted wherever they are printed.
 */
import { createHmac } from 'node:crypto';
import { CLOUD_NAMES, Cloud, FACTS } from './clouds';

export { PresharedKey } from '../common/preshared-key';

/** Length of derived keys: 40 characters of [A-Za-z0-9], first a letter (about 238 bits). */
export const DERIVED_KEY_LENGTH = 40;
const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Below this length a key over [A-Za-z0-9] carries less than 128 bits. */
export const MIN_STRONG_KEY_LENGTH = 22;
/** Smallest master secret accepted. */
export const MIN_MASTER_SECRET_LENGTH = 16;
/** The environment variable the CLI and the constructs read the master secret from. */
export const MASTER_SECRET_ENV = 'CCVPN_MASTER_SECRET';

/**
 * The master secret the examples use when `CCVPN_MASTER_SECRET` is not set: published in this
 * repository, so anyone can recompute every key derived from it. Fine for reading synthesized
 * output; the planner warns on it and `ccvpn deploy` refuses output derived from it.
 */
export const DEMO_MASTER_SECRET = 'DEMO-ONLY-published-secret-never-deploy-with-it';

/** Below this estimate (bits) a master secret is refused: see `masterSecretProblem`. */
export const MIN_MASTER_SECRET_BITS = 64;

/**
 * How keys are derived from the master secret.
 * - `bound` (the default): bound to the deployment name, so two deployments never share keys
 *   even with the same master secret and link ids.
 * - `unbound-v1`: the keys of cross-cloud-vpn 0.1 (master secret and tunnel id only), for
 *   deployments made with it: choosing it keeps their keys; leaving it rotates every key.
 */
export type KeyDerivation = 'bound' | 'unbound-v1';

/**
 * Why a master secret is refused, or `undefined`. A rough lower bound of its entropy — length ×
 * log2(distinct characters) — must reach `MIN_MASTER_SECRET_BITS`: 16 copies of one character or
 * of a space (0 bits) are refused, `openssl rand -base64 32` (~230 bits) passes easily. The value
 * itself is never echoed.
 */
export function masterSecretProblem(secret: unknown): string | undefined {
  const advice = 'e.g. `openssl rand -base64 32`';
  if (typeof secret !== 'string') return `the master secret must be a string (${advice})`;
  if (secret.length < MIN_MASTER_SECRET_LENGTH) return `the master secret must be at least ${MIN_MASTER_SECRET_LENGTH} characters, got ${secret.length} (${advice})`;
  if (secret.trim() === '') return `the master secret is only white space (${advice})`;
  const distinct = new Set(secret).size;
  const bits = Math.floor(secret.length * Math.log2(Math.max(distinct, 1)));
  if (bits < MIN_MASTER_SECRET_BITS) {
    return `the master secret is too predictable: ${secret.length} characters of only ${distinct} distinct one(s) carry at most ~${bits} bits, at least ${MIN_MASTER_SECRET_BITS} are needed (${advice})`;
  }
  return undefined;
}

/** Highest key generation (`TunnelRecord.keyGeneration`): a 31-bit counter. */
export const MAX_KEY_GENERATION = 2147483647;

/**
 * The HMAC label of one tunnel's key. Generation 0 is the label of the keys before generations
 * existed (byte for byte); a later generation adds itself to the label, in a form no generation-0
 * label can take (a three-element JSON array, or the `v1g` prefix no `v1/` label starts with).
 */
function keyLabel(tunnelId: string, binding: { readonly deployment: string } | 'unbound-v1', generation: number): string {
  if (binding === 'unbound-v1') return generation === 0 ? `ccvpn/psk/v1/${tunnelId}` : `ccvpn/psk/v1g/${JSON.stringify([tunnelId, generation])}`;
  return `ccvpn/psk/v2/${JSON.stringify(generation === 0 ? [binding.deployment, tunnelId] : [binding.deployment, tunnelId, generation])}`;
}

/**
 * Derives the key of one tunnel: HMAC-SHA-256 under the master secret of the deployment name and
 * tunnel id (or, `unbound-v1`, of the tunnel id alone) and, from generation 1 on, the key
 * generation; expanded and mapped to [A-Za-z0-9] by rejection sampling (no modulo bias), first
 * character a letter. Every cloud accepts the result (AWS is the narrowest: letters, digits,
 * `.` `_`, 8-64 characters, not starting with `0`).
 *
 * @param generation - the tunnel's key generation (`TunnelRecord.keyGeneration`), an integer
 *   0-`MAX_KEY_GENERATION`; 0 gives the key of a tunnel never rotated
 */
export function deriveKey(masterSecret: string, tunnelId: string, binding: { readonly deployment: string } | 'unbound-v1', generation = 0): string {
  if (!Number.isInteger(generation) || generation < 0 || generation > MAX_KEY_GENERATION) {
    throw new RangeError(`key generation ${String(generation).slice(0, 20)} is not an integer 0-${MAX_KEY_GENERATION}`);
  }
  const label = keyLabel(tunnelId, binding, generation);
  let out = '';
  for (let block = 0; out.length < DERIVED_KEY_LENGTH; block++) {
    const bytes = createHmac('sha256', masterSecret).update(`${label}/${block}`).digest();
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
