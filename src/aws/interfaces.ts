/**
 * The interfaces through which the AWS constructs see each other (a connection sees its gateway
 * and its peer through them, so an existing gateway or customer gateway can be a plain object).
 * A leaf of the folder (it imports only a type of `gateway-kind.ts`, which imports nothing of the
 * folder), so every file can import it without an import cycle. The constructs' props stay
 * beside their constructs (as in aws-cdk-lib).
 */
import type { SiteInUse } from '../plan';
import type { AwsTransitGatewayRouteTableOptions } from './gateway-kind';

/**
 * The AWS side a VPN connection attaches to: a virtual private gateway or a transit gateway.
 *
 * Implemented by `AwsVpnGateway`; an existing gateway can be given as a plain object, e.g.
 * `{ vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64600 }`.
 */
export interface IAwsVpnGateway {
  /**
   * The virtual private gateway's id; exactly one of `vpnGatewayId` and `transitGatewayId` is set.
   *
   * @default - not a virtual private gateway
   */
  readonly vpnGatewayId?: string;
  /**
   * The transit gateway's id; exactly one of `vpnGatewayId` and `transitGatewayId` is set.
   *
   * @default - not a transit gateway
   */
  readonly transitGatewayId?: string;
  /**
   * The AWS side's BGP ASN: a private ASN in the ranges of
   * {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`. Checked, and compared with the peer's on BGP
   * connections. Required: optional in the type only while its old name `amazonSideAsn` is
   * accepted.
   *
   * @default - `amazonSideAsn` (one of the two is required)
   */
  readonly asn?: number;
  /**
   * The AWS side's BGP ASN, in the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`: the old
   * name of `asn` (the same value under both is accepted).
   *
   * @default - `asn`
   * @deprecated use `asn` (one name for a gateway's own ASN in every cloud); removed in the next release
   */
  readonly amazonSideAsn?: number;
  /**
   * The IPv4 prefixes of the networks behind the gateway, recorded on every connection in
   * `Metadata.CrossCloudVpn.Gateway.Networks` (for an existing transit gateway the template holds
   * nothing else about them).
   *
   * @default - none recorded (an empty list)
   */
  readonly cidrs?: readonly string[];
  /**
   * Whether the gateway was created outside this app (`Metadata.CrossCloudVpn.Gateway.Existing`).
   *
   * @default true (a plain object names a gateway that exists already)
   */
  readonly existing?: boolean;
  /**
   * How a transit gateway routes the connection's VPN attachment: the route table of its static
   * routes, association and propagation. Transit gateways only.
   *
   * @default - static routes into the route table the attachment is associated with; no
   *   association or propagation by the library
   */
  readonly transitGatewayRouting?: AwsTransitGatewayRouteTableOptions;

  /**
   * What an existing gateway already uses outside this app: a connection refuses an inside CIDR
   * listed in `insideCidrs` on a virtual private gateway (unique across its connections), and
   * records them in `Metadata.CrossCloudVpn.Gateway.InsideCidrsInUse`.
   *
   * @default - nothing in use
   */
  readonly inUse?: SiteInUse;
}

/** A peer device as an AWS VPN connection sees it. */
export interface IAwsPeerGateway {
  /** The customer gateway's id, e.g. `cgw-0123456789abcdef0`. */
  readonly customerGatewayId: string;
  /**
   * The peer's BGP ASN, as registered on the customer gateway: in the ranges of
   * {@link "cross-cloud-vpn".AWS | AWS}`.peerAsn` (above 2147483647 as `BgpAsnExtended`).
   */
  readonly peerAsn: number;
}
