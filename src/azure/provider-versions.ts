/**
 * What differs between the azurerm provider versions the Azure constructs target: the Terraform
 * attribute names they write, per version, in one table. Everything else the constructs emit is
 * spelled the same in every version listed.
 *
 * Sources (hashicorp/terraform-provider-azurerm, internal/services/network/):
 * - v4.55.0: `virtual_network_gateway_resource.go:91` and
 *   `virtual_network_gateway_connection_resource.go:145` define `enable_bgp` only (no
 *   `bgp_enabled`); the cdktf bindings `@cdktf/provider-azurerm` 14.x are generated from it
 *   (`enableBgp`).
 * - v4.73.0: `virtual_network_gateway_resource.go:89,659-672` and
 *   `virtual_network_gateway_connection_resource.go:145,357-369` define `bgp_enabled` and keep
 *   `enable_bgp`, "deprecated in favour of the `bgp_enabled` property and will be removed in v5.0
 *   of the AzureRM Provider", each conflicting with the other.
 * The attributes of `azurerm_local_network_gateway`, `azurerm_public_ip` and `azurerm_subnet` are
 * the same in both versions.
 *
 * The CDK Terrain flavour (azurerm 4.73.0) selects its row here; nothing else changes.
 */

import type { TerraformResource } from 'cdktf';

/** The Terraform attribute names of one azurerm version that differ between versions. */
export interface AzurermSpellings {
  /** The provider version, e.g. `4.55.0`. */
  readonly version: string;
  /** `azurerm_virtual_network_gateway`: the attribute that turns BGP on. */
  readonly gatewayBgpEnabled: 'enable_bgp' | 'bgp_enabled';
  /** `azurerm_virtual_network_gateway_connection`: the attribute that turns BGP on. */
  readonly connectionBgpEnabled: 'enable_bgp' | 'bgp_enabled';
  /** Where the spelling is defined (file and line at the version's tag). */
  readonly source: string;
}

/** Spellings per azurerm version, by version. */
export const AZURERM_SPELLINGS: Readonly<Record<string, AzurermSpellings>> = {
  '4.55.0': {
    version: '4.55.0',
    gatewayBgpEnabled: 'enable_bgp',
    connectionBgpEnabled: 'enable_bgp',
    source: 'terraform-provider-azurerm v4.55.0 virtual_network_gateway_resource.go:91, virtual_network_gateway_connection_resource.go:145',
  },
  '4.73.0': {
    version: '4.73.0',
    gatewayBgpEnabled: 'bgp_enabled',
    connectionBgpEnabled: 'bgp_enabled',
    source: 'terraform-provider-azurerm v4.73.0 virtual_network_gateway_resource.go:89,659-672, virtual_network_gateway_connection_resource.go:145,357-369 (enable_bgp deprecated)',
  },
};

/**
 * The azurerm version this build's bindings target: `@cdktf/provider-azurerm` 14.x is generated
 * from azurerm 4.55.0 (its typings link the 4.55.0 registry docs).
 */
export const TARGET_AZURERM_VERSION = '4.55.0';

/**
 * The spellings of one azurerm version.
 *
 * @param version an azurerm version listed in `AZURERM_SPELLINGS`
 * @default - the version this build targets (`TARGET_AZURERM_VERSION`)
 */
export function azurermSpellings(version: string = TARGET_AZURERM_VERSION): AzurermSpellings {
  if (!Object.hasOwn(AZURERM_SPELLINGS, version)) {
    throw new Error(`azurerm ${JSON.stringify(String(version)).slice(0, 40)} has no spelling table; allowed: ${Object.keys(AZURERM_SPELLINGS).join(', ')}`);
  }
  return AZURERM_SPELLINGS[version];
}

/**
 * Sets a top-level attribute of a resource by its Terraform name: through the bindings' own
 * property when they have one (`enable_bgp` → `enableBgp`), so that the output is what the typed
 * property writes; else as a raw attribute (bindings generated from another provider version).
 */
export function setVersionedAttribute(resource: TerraformResource, attribute: string, value: boolean): void {
  const property = attribute.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  // The bindings define each attribute as an accessor on the resource class's prototype.
  const accessor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(resource), property);
  if (accessor?.set) accessor.set.call(resource, value);
  else resource.addOverride(attribute, value);
}
