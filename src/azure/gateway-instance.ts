/** An instance (ip configuration) of an Azure VPN gateway; the values are the plan's endpoint names. */
export enum AzureGatewayInstance {
  /** The first instance: the only one of an active-standby gateway. */
  INSTANCE_0 = 'instance0',
  /** The second instance of an active-active gateway. */
  INSTANCE_1 = 'instance1',
}
