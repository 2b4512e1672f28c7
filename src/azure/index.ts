/**
 * cross-cloud-vpn/azure: Azure VPN constructs on cdktf and `@cdktf/provider-azurerm`; the same
 * constructs on CDK Terrain and `@cdktn/provider-azurerm` are `cross-cloud-vpn/cdktn/azure` (one
 * source, built for each engine: `scripts/engine-flavours.js`).
 *
 * `AzureVpnGateway` (GatewaySubnet, public IPs, route-based BGP gateway with custom APIPA
 * addresses) implements the engine-neutral `IVpnGateway`; `AzurePeerGateway` (local network
 * gateway) and `AzureVpnConnection` (IPsec connection with a custom policy) also work on their own.
 * `AzureVpnGateway.fromVirtualNetworkGatewayAttributes` links a gateway that exists already (read
 * from the Azure CLI's JSON with `azureGatewayAttributesFromCli`) without changing it.
 * The constructs never create providers or backends: the stack owns them.
 *
 * @module cross-cloud-vpn/azure
 */
export * from './interfaces';
export * from './vpn-gateway';
export type { AzureVpnGatewayAttributes, IExistingAzureVpnGateway, ExistingAzureGatewayRecord, ExistingAzureInstanceRecord } from './existing-gateway';
export { AZURE_MANAGED_TAG } from './existing-gateway';
export * from './cli-export';
export * from './peer-gateway';
export * from './vpn-connection';
export { AZURE_ALARM_FREQUENCIES, AZURE_ALARM_WINDOW_SIZES, AzureTunnelAlarm, AzureTunnelAlarmProps, AzureTunnelAlarmWatch, AzureVpnAlarmOptions } from './alarms';
export * from './provider-versions';
