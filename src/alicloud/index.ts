/**
 * cross-cloud-vpn/alicloud: cdktf constructs for the Alibaba Cloud side of site-to-site VPNs,
 * over bindings generated from the pinned aliyun/alicloud provider schema (`./generated`); the same
 * constructs on CDK Terrain, over bindings its own generator writes from the same schema, are
 * `cross-cloud-vpn/cdktn/alicloud`.
 *
 * - `AlicloudVpnGateway`: a VPN gateway (dual-tunnel by default); implements the engine-neutral
 *   `IVpnGateway`, so the planner's links can be built on it (`realiseLink`).
 *   `AlicloudVpnGateway.fromVpnGatewayAttributes` imports one that exists already, its attributes
 *   given or read from the Alibaba Cloud CLI's output (`alicloudGatewayAttributesFromCli`).
 * - `AlicloudPeerGateway`: a peer device (customer gateway).
 * - `AlicloudVpnConnection`: one IPsec connection (master + slave tunnels, or one tunnel) with
 *   every IKE/IPsec setting written, and its routes; usable without the planner.
 *
 * The generated provider, VPC and vSwitch classes a stack needs next to them are re-exported as
 * namespaces (`provider.AlicloudProvider`, `vpc.Vpc`, `vswitch.Vswitch`): no prebuilt package
 * exists for this provider.
 *
 * @module cross-cloud-vpn/alicloud
 */
export { AlicloudVpnGateway, AlicloudPaymentType } from './vpn-gateway';
export type { AlicloudVpnGatewayProps } from './vpn-gateway';
export type { AlicloudVpnGatewayAttributes, IExistingAlicloudVpnGateway } from './existing-gateway';
export { alicloudGatewayAttributesFromCli, parseAlicloudGatewayExport } from './cli-export';
export type { AlicloudCliDocument, AlicloudCliExport, AlicloudCliExportFiles, AlicloudCliExportOptions } from './cli-export';
export { AlicloudPeerGateway } from './peer-gateway';
export type { AlicloudPeerGatewayProps } from './peer-gateway';
export { AlicloudVpnConnection } from './vpn-connection';
export type { AlicloudVpnConnectionProps, AlicloudVpnConnectionPlanOptions } from './vpn-connection';
export { ALICLOUD_ACCOUNT_CONTACT_GROUP } from './alarms';
export type { AlicloudAlarmOptions } from './alarms';
export { AlicloudTunnelMode } from './interfaces';
export type { IAlicloudVpnGateway, IAlicloudPeerGateway } from './interfaces';
export { AlicloudConnectionRouting } from './connection-routing';
export type { AlicloudPolicyRoutingOptions, AlicloudDestinationRoutingOptions, AlicloudBgpRoutingOptions } from './connection-routing';
export { AlicloudIkeMode } from './tunnel-options';
export type { AlicloudTunnelOptions } from './tunnel-options';
export * as provider from './generated/cdktf/providers/alicloud/provider';
export * as vpc from './generated/cdktf/providers/alicloud/vpc';
export * as vswitch from './generated/cdktf/providers/alicloud/vswitch';
