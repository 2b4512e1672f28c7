/**
 * Pre-shared keys: derived from a master secret the user controls, validated when pinned, and
 * redacted wherever they are printed.
 */
import { createHmac } from 'node:crypto';
import { CLOUD_NAMES, Cloud, FACTS } from './facts';

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
