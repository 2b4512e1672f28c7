/**
 * Which AWS gateway terminates the VPN connections: a virtual private gateway attached to one
 * VPC, a new transit gateway, or an existing transit gateway.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { GatewayKind } from '../plan';

/** Options of a virtual private gateway (`AwsGatewayKind.vpnGateway`). */
export interface AwsVirtualPrivateGatewayOptions {
  /** The VPC the gateway is attached to. CloudFormation `AWS::EC2::VPCGatewayAttachment` `VpcId`. */
  readonly vpc: ec2.IVpc;

  /**
   * Route tables that receive the routes learned over the VPN (BGP) or configured as static
   * routes. An empty list propagates to none.
   * CloudFormation `AWS::EC2::VPNGatewayRoutePropagation` `RouteTableIds`.
   *
   * @default - the route tables of every private and isolated subnet of `vpc`
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
   */
  readonly routeTableIds?: readonly string[];
}

/**
 * How a transit gateway routes its VPN attachments (one per VPN connection): which route table
 * holds the static routes to the remote networks, and whether the library associates the
 * attachments with it and propagates their routes into it.
 *
 * A transit gateway that associates attachments by default has already associated each VPN
 * attachment with its default association route table, and an attachment is associated with a
 * single route table: the library never associates such an attachment again.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
 * @see https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
 */
export interface AwsTransitGatewayRouteTableOptions {
  /**
   * The transit gateway route table (`tgw-rtb-...`, or a token such as a
   * `CfnTransitGatewayRouteTable`'s `ref`) that gets, for static and policy routing, one
   * `AWS::EC2::TransitGatewayRoute` per remote prefix to the VPN attachment; and that the
   * attachments are associated with / propagate to when `associateVpnAttachments` /
   * `propagateVpnAttachments` say so.
   *
   * @default - the route table the transit gateway associated the attachment with (its default
   *   association route table), read after the connection is created by the stack's
   *   `Custom::VpnTunnelOutsideIps` lookup (CloudFormation returns no route table id of a transit
   *   gateway); the lookup fails the deployment if the attachment is not associated
   */
  readonly routeTableId?: string;

  /**
   * Whether the library associates each VPN attachment with `routeTableId`
   * (`AWS::EC2::TransitGatewayRouteTableAssociation`). Needs `routeTableId`; refused on a new
   * transit gateway with `defaultRouteTableAssociation` (the attachment is associated already).
   * For an existing transit gateway, only when it does not associate attachments by default.
   *
   * @default false
   */
  readonly associateVpnAttachments?: boolean;

  /**
   * Whether the library propagates each VPN attachment's routes (learned with BGP) into
   * `routeTableId`, or into the attachment's associated route table when `routeTableId` is not
   * given (`AWS::EC2::TransitGatewayRouteTablePropagation`). Refused on a new transit gateway
   * with `defaultRouteTablePropagation` when that is the same route table.
   *
   * @default false
   */
  readonly propagateVpnAttachments?: boolean;
}

/** Options of a new transit gateway (`AwsGatewayKind.transitGateway`). */
export interface AwsTransitGatewayOptions extends AwsTransitGatewayRouteTableOptions {
  /**
   * Whether attachments (the VPN connections among them) are associated with the default route
   * table. CloudFormation `DefaultRouteTableAssociation` (`enable` / `disable`).
   *
   * @default true
   */
  readonly defaultRouteTableAssociation?: boolean;

  /**
   * Whether attachments propagate their routes to the default route table.
   * CloudFormation `DefaultRouteTablePropagation` (`enable` / `disable`).
   *
   * @default true
   */
  readonly defaultRouteTablePropagation?: boolean;

  /**
   * A description of the transit gateway. CloudFormation `Description`.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * What an existing transit gateway does with every attachment by itself, as EC2
 * `DescribeTransitGateways` `Options` reports it (`DefaultRouteTableAssociation`,
 * `AssociationDefaultRouteTableId`, `DefaultRouteTablePropagation`,
 * `PropagationDefaultRouteTableId`). Unknown fields are not checked.
 * @internal
 */
export interface ExistingTransitGatewayDefaults {
  readonly defaultRouteTableAssociation?: boolean;
  readonly associationDefaultRouteTableId?: string;
  readonly defaultRouteTablePropagation?: boolean;
  readonly propagationDefaultRouteTableId?: string;
}

/** @internal */
export type GatewayKindConfig =
  | { readonly type: 'vpn-gateway'; readonly options: AwsVirtualPrivateGatewayOptions }
  | { readonly type: 'new-transit-gateway'; readonly options: AwsTransitGatewayOptions }
  | {
    readonly type: 'existing-transit-gateway'; readonly transitGatewayId: string; readonly options: AwsTransitGatewayRouteTableOptions;
    readonly defaults?: ExistingTransitGatewayDefaults;
  }
  | { readonly type: 'existing-vpn-gateway'; readonly vpnGatewayId: string; readonly options: { readonly routeTableIds?: readonly string[] } };

/**
 * The kind of AWS gateway an `AwsVpnGateway` uses.
 *
 * ```ts
 * AwsGatewayKind.vpnGateway({ vpc })
 * AwsGatewayKind.transitGateway({ defaultRouteTablePropagation: false })
 * AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0', { routeTableId: 'tgw-rtb-0123456789abcdef0' })
 * ```
 */
export class AwsGatewayKind {
  /**
   * A new virtual private gateway attached to `options.vpc`, with route propagation.
   *
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html
   */
  public static vpnGateway(options: AwsVirtualPrivateGatewayOptions): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'vpn-gateway', options });
  }

  /**
   * A new transit gateway with VPN ECMP support enabled (traffic spreads over every tunnel
   * that is up, with BGP).
   *
   * @see https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html
   */
  public static transitGateway(options: AwsTransitGatewayOptions = {}): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'new-transit-gateway', options });
  }

  /**
   * An existing transit gateway, by id (a literal such as `tgw-0123456789abcdef0`, or a token).
   * Give the ASN it was created with as `asn` and the networks behind it as `cidrs` on
   * the `AwsVpnGateway` (both required: the template holds nothing else about the gateway).
   *
   * `AwsVpnGateway.fromTransitGatewayAttributes` imports the same gateway with what else it
   * already has (its VPN connections' inside CIDRs, its default route tables), read from the
   * AWS CLI's output with `awsTransitGatewayAttributesFromCli`: prefer it.
   *
   * @param options how its VPN attachments are routed (default: static routes into the route
   *   table each attachment was associated with by default; no association or propagation)
   */
  public static existingTransitGateway(transitGatewayId: string, options: AwsTransitGatewayRouteTableOptions = {}): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'existing-transit-gateway', transitGatewayId, options });
  }

  /**
   * An existing transit gateway with what it does by default (`AwsVpnGateway.fromTransitGatewayAttributes`).
   * @internal
   */
  public static _existingTransitGateway(transitGatewayId: string, options: AwsTransitGatewayRouteTableOptions, defaults: ExistingTransitGatewayDefaults): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'existing-transit-gateway', transitGatewayId, options, defaults });
  }

  /**
   * An existing virtual private gateway (`AwsVpnGateway.fromVpnGatewayAttributes`).
   * @internal
   */
  public static _existingVpnGateway(vpnGatewayId: string, routeTableIds: readonly string[] | undefined): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'existing-vpn-gateway', vpnGatewayId, options: { routeTableIds } });
  }

  /** The kind as the planner names it. */
  public readonly gatewayKind: GatewayKind;

  private constructor(
    /** @internal */
    public readonly _config: GatewayKindConfig,
  ) {
    this.gatewayKind = _config.type === 'vpn-gateway' || _config.type === 'existing-vpn-gateway' ? 'vpn-gateway' : 'transit-gateway';
  }
}
