/**
 * The interfaces and enums through which the Azure constructs see each other (a connection sees
 * its gateway and its peer through them, so an existing one can be a plain object). The leaf of
 * the folder: it imports nothing from it, so every file can import it without an import cycle
 * (`vpn-connection.ts` and `vpn-gateway.ts` imported each other before). The constructs' props
 * stay beside their constructs (as in aws-cdk-lib).
 */

/** An instance (ip configuration) of an Azure VPN gateway; the values are the plan's endpoint names. */
export enum AzureGatewayInstance {
  /** The first instance: the only one of an active-standby gateway. */
  INSTANCE_0 = 'instance0',
  /** The second instance of an active-active gateway. */
  INSTANCE_1 = 'instance1',
}

/** Which side may start IKE negotiation on a connection (Azure `connectionMode`). */
export enum AzureConnectionMode {
  /** Azure initiates and responds. */
  DEFAULT = 'Default',
  /** Azure only answers; the peer must initiate (the documented pattern facing AWS). */
  RESPONDER_ONLY = 'ResponderOnly',
  /** Azure only initiates. */
  INITIATOR_ONLY = 'InitiatorOnly',
}

/** An Azure VPN gateway as its connections see it. */
export interface IAzureVpnGateway {
  /** The virtual network gateway's resource id. */
  readonly virtualNetworkGatewayId: string;
  /** Resource group of the gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway. */
  readonly location: string;
  /** Whether the gateway runs two active instances (two public IPs). */
  readonly activeActive: boolean;
  /** The custom APIPA BGP addresses configured on one instance (ip configuration). */
  apipaAddressesOf(instance: AzureGatewayInstance): string[];
}

/** A remote VPN device as an Azure connection sees it. */
export interface IAzurePeerGateway {
  /** The local network gateway's resource id. */
  readonly localNetworkGatewayId: string;
  /**
   * The remote device's BGP ASN, when the local network gateway has BGP settings: in the ranges
   * of {@link "cross-cloud-vpn".AZURE | AZURE}`.peerAsn` (32-bit ASNs supported; Azure reserves a
   * few, its own default {@link "cross-cloud-vpn".AZURE_DEFAULT_ASN | AZURE_DEFAULT_ASN} among
   * them).
   *
   * @default - no BGP settings: connections to it route statically or by policy (`addressSpace`)
   */
  readonly peerAsn?: number;
}
