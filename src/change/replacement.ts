/**
 * Whether an engine updates a resource in place or replaces it when one attribute changes: a
 * lookup over the tables generated from each engine's own metadata
 * (`replacement-tables.generated.ts`, by `scripts/gen-replacement-tables.ts`):
 *
 * - CloudFormation: `@aws-cdk/aws-service-spec` `causesReplacement` (the registry schemas'
 *   `createOnlyProperties`). A change anywhere under a property that causes replacement replaces
 *   the resource, whatever its sub-properties say: `AWS::EC2::VPNConnection`
 *   `VpnTunnelOptionsSpecifications` is such a property (so any tunnel option change, a key, a
 *   proposal, a lifetime, replaces the connection). Custom resources (`Custom::*`) are updated by
 *   their handler (CloudFormation sends it an `Update` request; "Custom resource request types",
 *   AWS CloudFormation User Guide, crpg-ref-requesttypes-update).
 * - azurerm (v4.55.0 and v4.73.0, by the version the resource's stack targets: `providers.ts`)
 *   and alicloud (v1.289.0): `ForceNew` of the attribute or of any block above it.
 *
 * An attribute the tables do not know is `unknown`: callers treat it as a replacement. Which
 * table answers for a resource is the provider registry's (`providers.ts`).
 */
import { PROVIDERS, type StackBody } from './providers';

export type { StackBody } from './providers';
import type { UpdateBehaviour } from './replacement-tables.generated';

export type { UpdateBehaviour } from './replacement-tables.generated';

/** The verdict for one changed attribute. */
export interface AttributeVerdict {
  readonly behaviour: UpdateBehaviour | 'unknown';
  /** Where the verdict comes from (table and entry, provider file:line). */
  readonly source: string;
}

/** What a verdict depends on besides the resource type and the attribute. */
export interface VerdictContext {
  /** The JSON of the stack the resource is deployed with after the change: its provider versions pick the table. */
  readonly stack?: StackBody;
  /** Whether the change removes the attribute from the configuration. */
  readonly removed?: boolean;
}

/**
 * How a change of `path` (dot-joined, list indices dropped: `ipsec_policy.sa_lifetime`,
 * `VpnTunnelOptionsSpecifications.PreSharedKey`) to a resource of `type` is applied, by the
 * provider version the after-stack targets (`context.stack`).
 */
export function attributeVerdict(engine: 'cdk' | 'cdktf', type: string, path: string, context: VerdictContext = {}): AttributeVerdict {
  const { stack, removed = false } = context;
  const provider = PROVIDERS.find((p) => p.engine === engine && type.startsWith(p.prefix));
  if (!provider) return { behaviour: 'unknown', source: `no update metadata for ${type}` };
  const inPlace = provider.inPlace?.(type);
  if (inPlace) return { behaviour: 'in-place', source: inPlace };
  const verdict = fromTable(provider.rows(type, stack), path, (p) => provider.cite(type, p, stack), type);
  const dropped = removed && verdict.behaviour === 'unknown' ? provider.removedUnknown?.(type, path, stack) : undefined;
  return dropped ? { behaviour: 'in-place', source: dropped } : verdict;
}

/** The strongest verdict of `path` and every block above it: replace > conditional > in-place. */
function fromTable(rows: Readonly<Record<string, UpdateBehaviour>> | undefined, path: string, cite: (p: string) => string, type: string): AttributeVerdict {
  if (!rows) return { behaviour: 'unknown', source: `no update metadata for ${type}` };
  const parts = path.split('.');
  let best: AttributeVerdict | undefined;
  for (let n = 1; n <= parts.length; n++) {
    const p = parts.slice(0, n).join('.');
    const b = rows[p];
    if (b === undefined) continue;
    if (!best || rank(b) > rank(best.behaviour)) best = { behaviour: b, source: cite(p) };
  }
  return best ?? { behaviour: 'unknown', source: `${type} ${path}: not in the update metadata` };
}

const rank = (b: UpdateBehaviour | 'unknown') => ({ 'in-place': 0, 'conditional': 1, 'unknown': 2, 'replace': 3 })[b];

/** The resource-level verdict of several attribute verdicts: replaced when any attribute replaces (or may, or is unknown). */
export function resourceVerdict(verdicts: readonly AttributeVerdict[]): 'update' | 'replace' {
  return verdicts.some((v) => v.behaviour !== 'in-place') ? 'replace' : 'update';
}
