/**
 * The words a topology is written in: the id of every cloud this library connects and the
 * gateway kinds each offers (`SiteSpec.cloud`, `SiteSpec.gateway`; the `cloud` and `gateway`
 * enums of `schema/topology.schema.json`). Plain types at the bottom of the planning core, so that
 * the neutral types, the profiles and the registry (`./index.ts`) can all be written in them.
 * Everything else about a cloud is in its profile (`./<cloud>.ts`).
 */

/** The clouds this library connects. */
export type Cloud = 'aws' | 'azure' | 'alicloud';

/** The gateway kinds of AWS: a virtual private gateway or a transit gateway. */
export type AwsGatewayKind = 'vpn-gateway' | 'transit-gateway';

/** The gateway kinds of Azure: active-active (two instances) or active-standby (one). */
export type AzureGatewayKind = 'active-active' | 'active-standby';

/** The gateway kinds of Alibaba Cloud: dual-tunnel (master and slave IPs) or single-tunnel. */
export type AlicloudGatewayKind = 'dual-tunnel' | 'single-tunnel';

/**
 * The monitoring service of each cloud that watches a tunnel end (`PlannedAlarm.service`): AWS
 * `cloudwatch`, Azure `azure-monitor`, Alibaba Cloud `cloudmonitor`.
 */
export type MonitoringService = 'cloudwatch' | 'azure-monitor' | 'cloudmonitor';

/** Gateway kinds of every cloud (each cloud's are in its profile's `kinds`). */
export type GatewayKind = AwsGatewayKind | AzureGatewayKind | AlicloudGatewayKind;
