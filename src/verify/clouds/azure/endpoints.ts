/**
 * The Azure endpoints verify finds in Terraform JSON: a gateway instance's address is its public
 * IP's `ip_address` (azurerm `azurerm_public_ip`, an attribute the provider sets once allocated).
 */
import type { EndpointRules } from '../endpoint-rules';

export const AZURE_ENDPOINTS: EndpointRules = {
  cloud: 'azure',
  terraform: { azurerm_public_ip: { ip_address: '' } },
};
