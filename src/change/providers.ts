/**
 * `src/change`'s registry: one line per provider (the engine and the resource types it owns),
 * each with its replacement table (generated from the provider's own metadata into
 * `replacement-tables.generated.ts` by `scripts/gen-replacement-tables.ts`) and how a verdict
 * cites it. `replacement.ts` asks this table and names no provider.
 */
import type { UpdateBehaviour } from './replacement-tables.generated';
import { ALICLOUD_UPDATE, ALICLOUD_VERSION, AZURERM_UPDATE, AZURERM_VERSION, CFN_SPEC_VERSION, CFN_UPDATE } from './replacement-tables.generated';

/** One provider's update metadata. */
export interface ProviderTable {
  /** The engine whose resources it describes. */
  readonly engine: 'cdk' | 'cdktf';
  /** The resource types it owns: those starting with this prefix. */
  readonly prefix: string;
  /** Resource types its handler updates in place whatever changed, with the source that says so. */
  inPlace?(type: string): string | undefined;
  /** The attribute path (dot-joined) → behaviour rows of a resource type; `undefined` when not in the table. */
  rows(type: string): Readonly<Record<string, UpdateBehaviour>> | undefined;
  /** Where the row of `path` of `type` comes from. */
  cite(type: string, path: string): string;
}

const CUSTOM_RESOURCE_SOURCE = 'AWS CloudFormation User Guide, Custom resource request types (Update): the handler updates the resource';

/** Every provider, in lookup order (the first whose engine and prefix match a resource answers). */
export const PROVIDERS: readonly ProviderTable[] = [
  {
    // CloudFormation: @aws-cdk/aws-service-spec `causesReplacement`; custom resources are updated by their handler.
    engine: 'cdk', prefix: '',
    inPlace: (type) => (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' ? CUSTOM_RESOURCE_SOURCE : undefined),
    rows: (type) => CFN_UPDATE[type],
    cite: (type, p) => `@aws-cdk/aws-service-spec ${CFN_SPEC_VERSION} ${type} ${p} causesReplacement`,
  },
  {
    // azurerm: `ForceNew` in the Go schema, each row with its file:line.
    engine: 'cdktf', prefix: 'azurerm_',
    rows: (type) => {
      const rows = AZURERM_UPDATE[type];
      return rows ? Object.fromEntries(Object.entries(rows).map(([k, [b]]) => [k, b])) : undefined;
    },
    cite: (type, p) => `terraform-provider-azurerm ${AZURERM_VERSION} ${AZURERM_UPDATE[type][p][1]}`,
  },
  {
    // alicloud: `forceNew` of providers/alicloud/constraints.json.
    engine: 'cdktf', prefix: 'alicloud_',
    rows: (type) => ALICLOUD_UPDATE[type],
    cite: (type, p) => `providers/alicloud/constraints.json (${ALICLOUD_VERSION}) resources.${type}.${p}.forceNew`,
  },
];
