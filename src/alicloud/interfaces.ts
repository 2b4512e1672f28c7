/**
 * The interfaces and enums through which the Alibaba Cloud constructs see each other (a
 * connection sees its gateway and its peers through them, so an existing one can be a plain
 * object). The leaf of the folder: it imports nothing from it, so every file can import it
 * without an import cycle. The constructs' props stay beside their constructs (as in
 * aws-cdk-lib).
 */

/**
 * Whether an Alibaba Cloud VPN gateway (and its IPsec connections) has two tunnels in two zones
 * or one.
 *
 * @see https://www.alibabacloud.com/help/doc-detail/65288.html
 */
export enum AlicloudTunnelMode {
  /**
   * Two public IPs in two zones; each connection has a master tunnel (active) and a slave tunnel
   * (standby, automatic failback). New gateways in most regions are dual-tunnel only.
   */
  DUAL_TUNNEL = 'dual-tunnel',
  /** One public IP; each connection has one tunnel. */
  SINGLE_TUNNEL = 'single-tunnel',
}

/**
 * The Alibaba Cloud VPN gateway an IPsec connection is bound to.
 *
 * Implemented by `AlicloudVpnGateway`; an existing gateway can be given as a plain object, e.g.
 * `{ vpnGatewayId: 'vpn-bp1q8bgx4xnkm2ogj****', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL }`.
 */
export interface IAlicloudVpnGateway {
  /** The VPN gateway's id. */
  readonly vpnGatewayId: string;
  /** Whether the gateway is dual-tunnel or single-tunnel. */
  readonly tunnelMode: AlicloudTunnelMode;
  /**
   * The gateway's first public IP (the master tunnel's), used as the master tunnel's IKE identity.
   *
   * @default - unknown: the identity is left to Alibaba Cloud (which uses this IP)
   */
  readonly internetIp?: string;
  /**
   * The gateway's second public IP (the slave tunnel's, dual-tunnel only).
   *
   * @default - unknown: the identity is left to Alibaba Cloud (which uses this IP)
   */
  readonly disasterRecoveryInternetIp?: string;
  /**
   * The gateway side's BGP ASN, used by BGP connections that name none: in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`.
   *
   * @default - `localAsn`, else Alibaba Cloud's own
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN}
   */
  readonly asn?: number;
  /**
   * The gateway side's BGP ASN, in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`: the old name of `asn` (the same value
   * under both is accepted).
   *
   * @default - `asn`
   * @deprecated use `asn` (one name for a gateway's own ASN in every cloud); removed in the next release
   */
  readonly localAsn?: number;
  /**
   * Whether the gateway was created outside this app: the IPsec connections built on it then
   * record what is declared here in their Terraform JSON comment key
   * (`"//": { "crossCloudVpn": { "gateway": ... } }`), as the template holds no
   * `alicloud_vpn_gateway` for `ccvpn verify` to read.
   *
   * @default true (a plain object names a gateway that exists already)
   */
  readonly existing?: boolean;
  /**
   * The IPv4 prefixes of the networks behind the gateway (its VPC's CIDR blocks), recorded on the
   * connections of an existing gateway.
   *
   * @default - none recorded
   */
  readonly cidrs?: readonly string[];
  /**
   * Whether the gateway supports BGP dynamic routing (`DescribeVpnGateway` `Tag.VpnEnableBgp`):
   * a BGP connection on a gateway with `false` is refused (BGP is switched on per connection,
   * `enable_tunnels_bgp` / `bgp_config.enable`; the gateway's support is its version's and region's,
   * which only an upgrade in the console changes).
   *
   * @default - not known: not checked
   * @see https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing
   */
  readonly bgpSupported?: boolean;
  /**
   * Whether the gateway puts the routes it learns over BGP into its VPC's route table
   * (`alicloud_vpn_gateway.auto_propagate`, `DescribeVpnGateway` `AutoPropagate`): a BGP
   * connection on a gateway with `false` is refused (its learned routes would never reach the VPC).
   *
   * @default - not known: not checked
   */
  readonly autoPropagateBgpRoutes?: boolean;
  /**
   * Tunnel CIDRs (`/30`s) the gateway's other IPsec connections already use: a connection built
   * on the gateway may take none of them (tunnel CIDRs are unique per VPN gateway).
   *
   * @default - none
   */
  readonly tunnelCidrsInUse?: readonly string[];
}

/** A peer device as an Alibaba Cloud IPsec connection sees it. */
export interface IAlicloudPeerGateway {
  /** The customer gateway's id, e.g. `cgw-bp1pvpl9r9adju6l5****`. */
  readonly customerGatewayId: string;
  /** The peer's public IPv4 address, as registered on the customer gateway. */
  readonly ipAddress: string;
  /**
   * The peer's BGP ASN, as registered on the customer gateway; BGP connections need it.
   * In the ranges of {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.peerAsn` (Alibaba Cloud's own
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN} excepted).
   *
   * @default - no ASN registered (static and policy routing only)
   */
  readonly peerAsn?: number;
}
