/**
 * What differs between the azurerm provider versions the Azure constructs can be bound to, for
 * the resources and attributes they emit: one table of version ranges, each row saying how that
 * range spells what changed. The constructs read the azurerm version of the bindings actually
 * loaded (every generated resource carries it: `terraformGeneratorMetadata.providerVersion`,
 * `4.55.0` in `@cdktf/provider-azurerm` 14.x, `4.73.0` in `@cdktn/provider-azurerm` 16.x) and
 * write what that version documents; a version no row covers is refused before synthesis.
 *
 * Sources (hashicorp/terraform-provider-azurerm, `internal/services/network/`):
 * - v4.55.0: `virtual_network_gateway_resource.go:91-95` and
 *   `virtual_network_gateway_connection_resource.go:145-149` define `enable_bgp` only; no tag
 *   from v4.55.0 to v4.61.0 has `bgp_enabled` in either file.
 * - v4.62.0 (first tag with it) to v4.73.0: `bgp_enabled` on both (v4.73.0
 *   `virtual_network_gateway_resource.go:89-93,667-672`,
 *   `virtual_network_gateway_connection_resource.go:145-149,364-369`); `enable_bgp` stays while
 *   `!features.FivePointOh()`, "deprecated in favour of the `bgp_enabled` property and will be
 *   removed in v5.0 of the AzureRM Provider" (gateway :659-665, connection :357-363), each
 *   `ConflictsWith` the other.
 * Everything else the constructs write (`azurerm_subnet`, `azurerm_public_ip` Standard/Static
 * with zones, `azurerm_local_network_gateway`, the rest of the gateway and the connection: every
 * enum, range and ForceNew of `ipsec_policy`, `connection_mode`, `connection_protocol`,
 * `dpd_timeout_seconds`, `custom_bgp_addresses`, `sku`, `generation`) is the same from v4.55.0
 * to v4.73.0. So is `azurerm_monitor_metric_alert` (the tunnels' alarms,
 * `internal/services/monitor/monitor_metric_alert_resource.go`: the two tags' files differ in
 * their copyright line only): no row. The 5.0 line removes `enable_bgp` and may change more: no
 * row covers it until someone reads its source.
 */

import type { TerraformResource } from 'cdktf';
import { ValidationError } from '../private/errors';

/** How one range of azurerm versions spells the attributes that differ between versions. */
export interface AzurermVersionRow {
  /** First version of the range (inclusive), e.g. `4.62.0`. */
  readonly since: string;
  /** First version after the range (exclusive), e.g. `5.0.0`. */
  readonly until: string;
  /** `azurerm_virtual_network_gateway`: the attribute that turns BGP on. */
  readonly gatewayBgpEnabled: 'enable_bgp' | 'bgp_enabled';
  /** `azurerm_virtual_network_gateway_connection`: the attribute that turns BGP on. */
  readonly connectionBgpEnabled: 'enable_bgp' | 'bgp_enabled';
  /** Spellings the range still accepts but deprecates: never written by the constructs. */
  readonly deprecated: readonly string[];
  /** Where the row comes from (provider file and line at the range's tags). */
  readonly source: string;
}

/** The azurerm versions the constructs support, by range, oldest first, without gaps. */
export const AZURERM_VERSIONS: readonly AzurermVersionRow[] = [
  {
    since: '4.55.0',
    until: '4.62.0',
    gatewayBgpEnabled: 'enable_bgp',
    connectionBgpEnabled: 'enable_bgp',
    deprecated: [],
    source: 'terraform-provider-azurerm v4.55.0 internal/services/network/virtual_network_gateway_resource.go:91-95, virtual_network_gateway_connection_resource.go:145-149 (enable_bgp; no bgp_enabled in v4.55.0-v4.61.0)',
  },
  {
    since: '4.62.0',
    until: '5.0.0',
    gatewayBgpEnabled: 'bgp_enabled',
    connectionBgpEnabled: 'bgp_enabled',
    deprecated: ['enable_bgp'],
    source: 'terraform-provider-azurerm v4.62.0 (first tag with bgp_enabled); v4.73.0 internal/services/network/virtual_network_gateway_resource.go:89-93,659-672, virtual_network_gateway_connection_resource.go:145-149,357-369 (enable_bgp deprecated, removed in v5.0)',
  },
];

/** `4.73.0` → [4, 73, 0]; undefined unless three dot-separated integers. */
function parts(version: string): [number, number, number] | undefined {
  const m = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Orders two `major.minor.patch` versions (both well-formed). */
function compare(a: string, b: string): number {
  const x = parts(a)!;
  const y = parts(b)!;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The supported ranges as text: `4.55.0 to before 5.0.0`. */
export function supportedAzurermVersions(): string {
  return `${AZURERM_VERSIONS[0].since} to before ${AZURERM_VERSIONS[AZURERM_VERSIONS.length - 1].until}`;
}

/**
 * The row of one azurerm version, or undefined when no row covers it (older than the first,
 * from the last `until` on, or not a `major.minor.patch` version).
 *
 * @param version - an azurerm provider version, e.g. `4.73.0`
 */
export function azurermVersionRow(version: string): AzurermVersionRow | undefined {
  if (typeof version !== 'string' || !parts(version)) return undefined;
  return AZURERM_VERSIONS.find((r) => compare(version, r.since) >= 0 && compare(version, r.until) < 0);
}

/**
 * The row for the azurerm bindings a resource was generated from
 * (`terraformGeneratorMetadata.providerVersion`), or a `ValidationError` naming the construct,
 * the version and the supported ones.
 *
 * @param constructPath - the construct's `node.path`, for the error
 * @param resource - an azurerm resource of the loaded bindings
 * @internal
 */
export function azurermRowOf(constructPath: string, resource: TerraformResource): AzurermVersionRow {
  const version = resource.terraformGeneratorMetadata?.providerVersion;
  const row = version === undefined ? undefined : azurermVersionRow(version);
  if (!row) {
    const shown = version === undefined ? 'no provider version' : `azurerm ${JSON.stringify(String(version)).slice(0, 40)}`;
    throw new ValidationError(constructPath, 'provider-version-unsupported',
      `the loaded azurerm bindings (${resource.terraformResourceType}) are generated from ${shown}; allowed: azurerm ${supportedAzurermVersions()} (@cdktf/provider-azurerm 14.x is 4.55.0, @cdktn/provider-azurerm 16.x is 4.73.0)`);
  }
  return row;
}

/**
 * Sets a top-level attribute of a resource by its Terraform name: through the bindings' own
 * property when they have one (`bgp_enabled` → `bgpEnabled`), so that the output is what the
 * typed property writes; else as a raw attribute.
 *
 * @internal
 */
export function setVersionedAttribute(resource: TerraformResource, attribute: string, value: boolean): void {
  const property = attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  // The bindings define each attribute as an accessor on the resource class's prototype.
  const accessor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(resource), property);
  if (accessor?.set) accessor.set.call(resource, value);
  else resource.addOverride(attribute, value);
}
