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

/** Options of a new transit gateway (`AwsGatewayKind.transitGateway`). */
export interface AwsTransitGatewayOptions {
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

/** @internal */
export type GatewayKindConfig =
  | { readonly type: 'vpn-gateway'; readonly options: AwsVirtualPrivateGatewayOptions }
  | { readonly type: 'new-transit-gateway'; readonly options: AwsTransitGatewayOptions }
  | { readonly type: 'existing-transit-gateway'; readonly transitGatewayId: string };

/**
 * The kind of AWS gateway an `AwsVpnGateway` uses.
 *
 * ```ts
 * AwsGatewayKind.vpnGateway({ vpc })
 * AwsGatewayKind.transitGateway({ defaultRouteTablePropagation: false })
 * AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0')
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
   * Give its ASN as `amazonSideAsn` on the `AwsVpnGateway`.
   */
  public static existingTransitGateway(transitGatewayId: string): AwsGatewayKind {
    return new AwsGatewayKind({ type: 'existing-transit-gateway', transitGatewayId });
  }

  /** The kind as the planner names it. */
  public readonly gatewayKind: GatewayKind;

  private constructor(
    /** @internal */
    public readonly _config: GatewayKindConfig,
  ) {
    this.gatewayKind = _config.type === 'vpn-gateway' ? 'vpn-gateway' : 'transit-gateway';
  }
}
