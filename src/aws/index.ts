/**
 * cross-cloud-vpn/aws: aws-cdk-lib constructs for the AWS side of site-to-site VPNs.
 *
 * - `AwsVpnGateway`: a virtual private gateway or transit gateway, new or imported
 *   (`fromVpnGatewayAttributes`, `fromTransitGatewayAttributes`, attributes read from the AWS
 *   CLI's output by `awsVpnGatewayAttributesFromCli` / `awsTransitGatewayAttributesFromCli`);
 *   implements the engine-neutral `IVpnGateway`, so the planner's links can be built on it
 *   (`realiseLink`).
 * - `AwsPeerGateway`: a peer device (customer gateway).
 * - `AwsVpnConnection`: one tunnel pair with every tunnel option set, usable without the planner,
 *   and the tunnels' outside IPs as attributes and stack outputs.
 *
 * @module cross-cloud-vpn/aws
 */
export { AwsGatewayKind } from './gateway-kind';
export type { AwsVirtualPrivateGatewayOptions, AwsTransitGatewayOptions, AwsTransitGatewayRouteTableOptions } from './gateway-kind';
export { AwsVpnGateway } from './vpn-gateway';
export type { AwsVpnGatewayProps } from './vpn-gateway';
export { AwsPeerGateway } from './peer-gateway';
export type { AwsPeerGatewayProps } from './peer-gateway';
export { AwsVpnConnection } from './vpn-connection';
export type { AwsVpnConnectionProps, AwsVpnConnectionPlanOptions } from './vpn-connection';
export type { IAwsVpnGateway, IAwsPeerGateway } from './interfaces';
export { AwsDpdTimeoutAction, AwsStartupAction } from './tunnel-options';
export type { AwsTunnelOptions } from './tunnel-options';
export type { AwsTunnelAlarmOptions } from './alarms';
export { AwsTunnelBandwidth } from './connection-options';
export type { AwsConnectionOptions } from './connection-options';
export { awsTransitGatewayAttributesFromCli, awsVpnGatewayAttributesFromCli } from './cli-export';
export type { AwsCliOutput, AwsTransitGatewayCliExport, AwsVpnGatewayCliExport } from './cli-export';
export type { AwsExistingGatewayAttributes, AwsVpnGatewayAttributes, AwsTransitGatewayAttributes } from './gateway-attributes';
