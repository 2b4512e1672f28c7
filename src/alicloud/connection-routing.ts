/**
 * How an Alibaba Cloud IPsec connection routes: protected data flows (policy), destination
 * routes, or BGP. It decides the connection's `local_subnet` / `remote_subnet` and the routes
 * published to the VPC.
 */

/** Options of `AlicloudConnectionRouting.policy`. */
export interface AlicloudPolicyRoutingOptions {
  /**
   * The Alibaba Cloud side's prefixes the tunnels protect (phase 2 selectors), e.g. the VPC's
   * CIDR and, for Data Transmission Service, `100.104.0.0/16`.
   *
   * 1-10 IPv4 prefixes in network form (no host bits). Terraform `local_subnet`.
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65288.html
   */
  readonly localSubnets: readonly string[];

  /**
   * The peer's prefixes the tunnels protect. 1-10 IPv4 prefixes in network form.
   * Terraform `remote_subnet`.
   */
  readonly remoteSubnets: readonly string[];
}

/** Options of `AlicloudConnectionRouting.destination`. */
export interface AlicloudDestinationRoutingOptions {
  /**
   * The peer's prefixes routed over the connection: one destination route each, published to
   * the VPC. IPv4 prefixes in network form. Terraform `alicloud_vpn_route_entry.route_dest`.
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65288.html
   */
  readonly destinations: readonly string[];
}

/** Options of `AlicloudConnectionRouting.bgp`. */
export interface AlicloudBgpRoutingOptions {
  /**
   * The Alibaba Cloud side's BGP ASN, written on every tunnel.
   *
   * In the ranges of {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`; must differ from the
   * peer's ASN. Terraform `tunnel_bgp_config.local_asn` (dual-tunnel) / `bgp_config.local_asn`
   * (single-tunnel).
   *
   * @default - the gateway's `asn`, else Alibaba Cloud's own
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN}, written explicitly
   * @see https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing
   */
  readonly localAsn?: number;
}

/** @internal */
export type ConnectionRoutingConfig =
  | { readonly kind: 'policy'; readonly localSubnets: readonly string[]; readonly remoteSubnets: readonly string[] }
  | { readonly kind: 'destination'; readonly destinations: readonly string[] }
  | { readonly kind: 'bgp'; readonly localAsn?: number };

/**
 * The routing of an `AlicloudVpnConnection`.
 *
 * ```ts
 * AlicloudConnectionRouting.policy({ localSubnets: ['10.0.0.0/16'], remoteSubnets: ['192.168.0.0/16'] })
 * AlicloudConnectionRouting.destination({ destinations: ['192.168.0.0/16'] })
 * AlicloudConnectionRouting.bgp({ localAsn: 65001 })
 * ```
 */
export class AlicloudConnectionRouting {
  /**
   * Protected data flows ("interest flow" mode): the tunnels carry exactly `localSubnets` ↔
   * `remoteSubnets`, and one policy-based route per (local, remote) pair is published to the VPC
   * (`alicloud_vpn_pbr_route_entry`, `publish_vpc = true`, weight 100).
   */
  public static policy(options: AlicloudPolicyRoutingOptions): AlicloudConnectionRouting {
    // JavaScript callers may pass nothing: the connection reports what is missing.
    const o: Partial<AlicloudPolicyRoutingOptions> = options ?? {};
    return new AlicloudConnectionRouting({ kind: 'policy', localSubnets: o.localSubnets!, remoteSubnets: o.remoteSubnets! });
  }

  /**
   * Destination routing: the tunnels carry `0.0.0.0/0` ↔ `0.0.0.0/0`, and one destination route
   * per prefix is published to the VPC (`alicloud_vpn_route_entry`, `publish_vpc = true`, weight 100).
   */
  public static destination(options: AlicloudDestinationRoutingOptions): AlicloudConnectionRouting {
    const o: Partial<AlicloudDestinationRoutingOptions> = options ?? {};
    return new AlicloudConnectionRouting({ kind: 'destination', destinations: o.destinations! });
  }

  /**
   * BGP: the tunnels carry `0.0.0.0/0` ↔ `0.0.0.0/0` and routes are learned over BGP; the
   * gateway advertises them to the VPC (`alicloud_vpn_gateway.auto_propagate`). Every tunnel
   * needs a `tunnelCidr`, and every peer a `peerAsn`.
   */
  public static bgp(options: AlicloudBgpRoutingOptions = {}): AlicloudConnectionRouting {
    return new AlicloudConnectionRouting({ kind: 'bgp', localAsn: (options ?? {}).localAsn });
  }

  /** @internal */
  public readonly _config: ConnectionRoutingConfig;

  private constructor(config: ConnectionRoutingConfig) {
    this._config = config;
  }
}
