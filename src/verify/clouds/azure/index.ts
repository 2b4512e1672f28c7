/**
 * Azure as verify sees it: its line of the registry (`../index.ts`), bundling its extraction,
 * model, acceptance rules and routing (each in this folder, with its sources).
 */
import type { VerifyCloud } from '../../cloud';
import { acceptAzure } from './accept';
import { type AzureParts, extractAzure } from './extract';
import { azureHalves } from './model';
import { azureRouting } from './routing';

export type { AzureParts, AzureConnectionRes, AzureGatewayRes } from './extract';

/** Azure: Terraform JSON (azurerm), endpoints in 198.51.100.0/24 (RFC 5737 TEST-NET-2). */
export const AZURE_VERIFY: VerifyCloud<AzureParts> = {
  id: 'azure',
  name: 'Azure',
  engine: 'cdktf',
  pool: (198 << 24) | (51 << 16) | (100 << 8),
  carriers: ['azurerm_virtual_network_gateway', 'azurerm_virtual_network_gateway_connection', 'azurerm_local_network_gateway', 'azurerm_public_ip'],
  extract: (x) => {
    const { gateways, connections } = extractAzure(x);
    return { azure: connections, azureGateways: gateways };
  },
  referenced: (d) => d.azure.map((c) => c.localNetworkGateway?.address),
  halves: (d, r, warnings) => d.azure.flatMap((c) => {
    if (!c.gateway) warnings.push(`${c.key}: its gateway is not in the folders read; not verified`);
    return azureHalves(c, d, r);
  }),
  sites: (d) => d.azureGateways.map((g) => ({ key: g.key, cloud: 'azure', label: g.name, asn: g.asn, networks: g.networks, networksSource: g.networksSource })),
  accept: acceptAzure,
  routing: azureRouting,
  routingAssumptions: {},
};
