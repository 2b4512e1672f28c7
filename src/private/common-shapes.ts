/**
 * Shapes shared by the clouds' prop shapes (see `./props.ts`). Engine-free.
 * @internal
 */
import { PresharedKey } from '../common/preshared-key';
import { Shape, either, instance, isObject, list, num, str } from './props';

/** Longest IPv4 address or prefix literal ("255.255.255.255/32"), with room to spare. */
const ADDRESS_MAX = 64;

/** An IPv4 prefix or address literal (checked strictly by the construct), or a token. */
export const CIDR = str({ max: ADDRESS_MAX, rule: "an IPv4 prefix such as '10.0.0.0/16'" });
export const ADDRESS = str({ max: ADDRESS_MAX, rule: "a dotted-quad IPv4 address such as '203.0.113.10'" });
/** A list of prefixes. */
export const CIDRS = (o: { min?: number; max?: number } = {}) => list(CIDR, { max: 200, ...o });
/** An ASN: a finite number (each cloud's range is checked by the construct). */
export const ASN = num();
/** A site id: the planner's id rule. */
export const SITE_ID = str({ min: 1, max: 63, rule: "1-63 letters, digits, '.', '_' or '-', starting with a letter or digit" });

/** A planner `PresharedKey`. */
export const isPresharedKey = (v: unknown): boolean => v instanceof PresharedKey;
/** An aws-cdk-lib `SecretValue` (duck-typed, so this file loads no engine). */
export const isSecretValue = (v: unknown): boolean => isObject(v) && typeof v.unsafeUnwrap === 'function';

/** A key prop that takes a `PresharedKey` or a string (a literal or a sensitive variable's token); never echoed. */
export const KEY_OR_STRING = (maxLength: number): Shape => either(
  `a planner PresharedKey, or a string of 1-${maxLength} characters (prefer a sensitive variable's token)`,
  [instance('a PresharedKey', isPresharedKey), str({ min: 1, max: Math.max(maxLength, 1024), secret: true })],
  { secret: true },
);
