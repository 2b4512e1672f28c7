/**
 * Which azurerm version a Terraform stack targets, and what that version makes of the attributes
 * that differ between versions (`tables.ts` `AZURERM_VERSIONED`, from the provider source at each
 * tag). The version is the one the bindings write, `terraform.required_providers.azurerm.version`
 * (an exact version: `4.55.0` from `@cdktf/provider-azurerm` 14.x, `4.73.0` from
 * `@cdktn/provider-azurerm` 16.x). Without one, or with a constraint (`~> 4.0`), Terraform picks
 * the version at `init`: verify then only holds what every covered version holds.
 */
import type { Json, Obj, StackDoc } from '../../output/load';
import { AZURERM_COVERED, AZURERM_VERSIONED } from './tables';

/** What one stack's azurerm version means for verify. */
export interface AzurermTarget {
  /** The exact version, e.g. `4.73.0`; undefined when the output names none (or only a constraint). */
  readonly version?: string;
  /** What the output writes (for messages): the version, a constraint, or nothing. */
  readonly written?: string;
  /** Whether the exact version is outside the versions the tables cover. */
  readonly uncovered: boolean;
  /** Whether the version has `bgp_enabled` (4.62+); `undefined`: unknown version, either may be. */
  readonly hasBgpEnabled?: boolean;
  /** Whether a rule that starts at `since` applies: true / false, `undefined` when the version is unknown. */
  readonly since: (since: string) => boolean | undefined;
}

const parts = (v: string) => /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(v)?.slice(1).map(Number);
/** Orders two well-formed `major.minor.patch` versions. */
function compare(a: string, b: string): number {
  const x = parts(a)!;
  const y = parts(b)!;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The azurerm version a Terraform stack targets. */
export function azurermTarget(stack: Pick<StackDoc, 'body'>): AzurermTarget {
  const tf = stack.body.terraform;
  const rp = isObj(tf) ? tf.required_providers : undefined;
  const entry = isObj(rp) ? rp.azurerm : undefined;
  const raw = isObj(entry) ? entry.version : typeof entry === 'string' ? entry : undefined;
  const written = typeof raw === 'string' ? raw : undefined;
  // `= 4.73.0` and `4.73.0` pin one version; anything else is a constraint.
  const exact = written === undefined ? undefined : /^=?\s*(\d+\.\d+\.\d+)$/.exec(written.trim())?.[1];
  const version = exact && parts(exact) ? exact : undefined;
  const since = (from: string) => (version === undefined ? undefined : compare(version, from) >= 0);
  return {
    version,
    written,
    uncovered: version !== undefined && (compare(version, AZURERM_COVERED.from) < 0 || compare(version, AZURERM_COVERED.before) >= 0),
    hasBgpEnabled: since(AZURERM_VERSIONED.bgpEnabled.since),
    since,
  };
}

/**
 * Whether BGP is on for a gateway or connection body under the target version: `enable_bgp`
 * before 4.62 (`bgp_enabled` does not exist there); from 4.62 `enable_bgp` when it is set, else
 * `bgp_enabled` (create and update read them so: `AZURERM_VERSIONED.bgpEnabled`); for an unknown
 * version the same (each version that has an attribute reads it so).
 */
export function bgpOn(target: AzurermTarget, values: { readonly enable_bgp?: unknown; readonly bgp_enabled?: unknown }): boolean {
  if (values.enable_bgp !== undefined && values.enable_bgp !== null) return values.enable_bgp === true;
  return target.hasBgpEnabled !== false && values.bgp_enabled === true;
}

/** The version as a message names it: `azurerm 4.73.0`, `azurerm "~> 4.0"`, or `an unnamed azurerm version`. */
export const targetText = (t: AzurermTarget): string => (t.version ? `azurerm ${t.version}` : t.written ? `azurerm ${JSON.stringify(t.written).slice(0, 40)}` : 'an unnamed azurerm version');
