/**
 * `src/change`'s registry: one line per provider (the engine and the resource types it owns),
 * each with its replacement table (generated from the provider's own metadata into
 * `replacement-tables.generated.ts` by `scripts/gen-replacement-tables.ts`) and how a verdict
 * cites it. `replacement.ts` asks this table and names no provider.
 *
 * azurerm has one table per generated tag (v4.55.0, the cdktf flavour's bindings; v4.73.0, the
 * CDK Terrain flavour's); a verdict uses the one for the version the resource's stack targets
 * (`terraform.required_providers.azurerm.version`, which the bindings write): that tag's table,
 * for a version between tags the next tag up (it has every attribute the version has; the
 * ForceNew flags of every attribute both tags have are the same for the resources the library
 * emits), past the newest the newest; with no exact version (none, or a constraint such as
 * `~> 4.0`: `terraform init` installs the newest the constraint allows) the newest.
 */
import type { UpdateBehaviour } from './replacement-tables.generated';
import { ALICLOUD_UPDATE, ALICLOUD_VERSION, AZURERM_TAGS, AZURERM_UPDATE_BY_TAG, CFN_SPEC_VERSION, CFN_UPDATE } from './replacement-tables.generated';

/** A Terraform stack's JSON (its `terraform` block names the provider versions), or a CloudFormation template. */
export type StackBody = { readonly [key: string]: unknown };

/** One provider's update metadata. */
export interface ProviderTable {
  /** The engine whose resources it describes. */
  readonly engine: 'cdk' | 'cdktf';
  /** The resource types it owns: those starting with this prefix. */
  readonly prefix: string;
  /** Resource types its handler updates in place whatever changed, with the source that says so. */
  inPlace?(type: string): string | undefined;
  /** The attribute path (dot-joined) → behaviour rows of a resource type in `stack`; `undefined` when not in the table. */
  rows(type: string, stack?: StackBody): Readonly<Record<string, UpdateBehaviour>> | undefined;
  /** Where the row of `path` of `type` in `stack` comes from. */
  cite(type: string, path: string, stack?: StackBody): string;
  /**
   * Why removing `path` (absent from the table) from the configuration changes nothing, when the
   * provider drops attributes its schema does not have; undefined when it does not say.
   */
  removedUnknown?(type: string, path: string, stack?: StackBody): string | undefined;
}

const CUSTOM_RESOURCE_SOURCE = 'AWS CloudFormation User Guide, Custom resource request types (Update): the handler updates the resource';

const parts = (v: string) => /^v?(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(v)?.slice(1).map(Number);
const compare = (a: string, b: string) => {
  const x = parts(a)!;
  const y = parts(b)!;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The exact azurerm version a stack names (`4.73.0`, `= 4.73.0`), or undefined. */
export function azurermVersionOf(stack: StackBody | undefined): string | undefined {
  const tf = stack?.terraform as { required_providers?: { azurerm?: { version?: unknown } | string } } | undefined;
  const entry = tf?.required_providers?.azurerm;
  const v = typeof entry === 'string' ? entry : entry?.version;
  const exact = typeof v === 'string' ? /^=?\s*(\d+\.\d+\.\d+)$/.exec(v.trim())?.[1] : undefined;
  return exact && parts(exact) ? exact : undefined;
}

/** The azurerm tag whose table answers for a stack, and for which version (undefined: none named). */
export function azurermTableFor(stack: StackBody | undefined): { tag: string; version?: string } {
  const version = azurermVersionOf(stack);
  const newest = AZURERM_TAGS[AZURERM_TAGS.length - 1];
  if (!version) return { tag: newest };
  return { tag: AZURERM_TAGS.find((t) => compare(t, version) >= 0) ?? newest, version };
}

/**
 * Attributes a tag reads from one API field (hand-written from the provider source): writing one
 * instead of the other changes nothing in Azure, and once Terraform refreshes the state both hold
 * the API's value, so the plan shows no change.
 */
const AZURERM_SAME_FIELD: Readonly<Record<string, Readonly<Record<string, { readonly paths: readonly string[]; readonly source: string }>>>> = {
  'v4.73.0': {
    azurerm_virtual_network_gateway: {
      paths: ['enable_bgp', 'bgp_enabled'],
      source: 'enable_bgp and bgp_enabled are one API field (EnableBgp): read sets both, internal/services/network/virtual_network_gateway_resource.go:765-768; create and update take whichever the configuration sets, :852-862, :957-960; after a refresh Terraform plans no change',
    },
    azurerm_virtual_network_gateway_connection: {
      paths: ['enable_bgp', 'bgp_enabled'],
      source: 'enable_bgp and bgp_enabled are one API field (EnableBgp): read sets both, internal/services/network/virtual_network_gateway_connection_resource.go:527-530; create and update take whichever the configuration sets, :658-668, :778-781; after a refresh Terraform plans no change',
    },
  },
};

function azurermCite(type: string, p: string, stack: StackBody | undefined): string {
  const { tag, version } = azurermTableFor(stack);
  const note = version === undefined ? ' (the output names no exact azurerm version: the newest table)' : `v${version}` === tag ? '' : ` (nearest table for azurerm ${version})`;
  const same = AZURERM_SAME_FIELD[tag]?.[type];
  return `terraform-provider-azurerm ${tag} ${AZURERM_UPDATE_BY_TAG[tag][type][p][1]}${note}${same?.paths.includes(p) ? `; ${same.source}` : ''}`;
}

/** The SDK's state upgrade drops what the schema no longer has (both tags vendor the same code). */
function azurermRemovedUnknown(type: string, p: string, stack: StackBody | undefined): string | undefined {
  const { tag } = azurermTableFor(stack);
  const rows = AZURERM_UPDATE_BY_TAG[tag][type];
  if (!rows || p.includes('.')) return undefined;
  return `terraform-provider-azurerm ${tag} has no ${type}.${p}: UpgradeResourceState drops attributes the schema does not have from the state (vendor/github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema/grpc_provider.go:469, 522, 689-695), so removing it from the configuration changes nothing`;
}

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
    // azurerm: `ForceNew` in the Go schema of the targeted version's tag, each row with its file:line.
    engine: 'cdktf', prefix: 'azurerm_',
    rows: (type, stack) => {
      const rows = AZURERM_UPDATE_BY_TAG[azurermTableFor(stack).tag][type];
      return rows ? Object.fromEntries(Object.entries(rows).map(([k, [b]]) => [k, b])) : undefined;
    },
    cite: azurermCite,
    removedUnknown: azurermRemovedUnknown,
  },
  {
    // alicloud: `forceNew` of providers/alicloud/constraints.json.
    engine: 'cdktf', prefix: 'alicloud_',
    rows: (type) => ALICLOUD_UPDATE[type],
    cite: (type, p) => `providers/alicloud/constraints.json (${ALICLOUD_VERSION}) resources.${type}.${p}.forceNew`,
  },
];
