/**
 * The attributes of an AWS gateway that exists already, for `AwsVpnGateway.fromVpnGatewayAttributes`
 * and `AwsVpnGateway.fromTransitGatewayAttributes` (in the style of aws-cdk-lib's
 * `Vpc.fromVpcAttributes`): what the template cannot tell about the gateway, as the user declares
 * it or as `awsVpnGatewayAttributesFromCli` / `awsTransitGatewayAttributesFromCli` read it from
 * the AWS CLI's output (`cli-export.ts`).
 *
 * Sources: EC2 API Reference `VpnGateway` (`VpnGatewayId`, `AmazonSideAsn`), `TransitGateway` /
 * `TransitGatewayOptions` (`TransitGatewayId`, `AmazonSideAsn`, `DefaultRouteTableAssociation`,
 * `AssociationDefaultRouteTableId`, `DefaultRouteTablePropagation`, `PropagationDefaultRouteTableId`).
 */
import type { SiteInUse } from '../plan';
import type { AwsTunnelAlarmOptions } from './alarms';
import type { AwsConnectionOptions } from './connection-options';
import type { AwsTransitGatewayRouteTableOptions } from './gateway-kind';

/** What every existing AWS gateway is imported with. */
export interface AwsExistingGatewayAttributes extends AwsConnectionOptions {
  /**
   * The gateway's Amazon-side BGP ASN, the one it was created with (EC2 `DescribeVpnGateways`
   * `AmazonSideAsn`, `DescribeTransitGateways` `Options.AmazonSideAsn`): a private ASN in the
   * ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`. A wrong one makes every BGP session fail.
   */
  readonly asn: number;

  /**
   * The IPv4 prefixes of the networks behind the gateway (its VPC's CIDR blocks; for a transit
   * gateway, those of every network it routes toward the VPN), as literal CIDRs: peers route them
   * over the VPN, and every connection records them in `Metadata.CrossCloudVpn.Gateway.Networks`.
   */
  readonly cidrs: readonly string[];

  /**
   * The site id of the gateway in the topology: keys every value the planner derives for it.
   * Letters, digits, `.`, `_` and `-`; keep it stable.
   *
   * @default - the construct id
   */
  readonly siteId?: string;

  /**
   * What the gateway already uses outside this app: the inside /30s of its existing VPN
   * connections' tunnels and their count (against the gateway's connection quota). The planner
   * allocates around them.
   *
   * @default - nothing in use
   */
  readonly inUse?: SiteInUse;

  /**
   * CloudWatch alarms on the active tunnels of the connections the library builds on this
   * gateway (see `AwsVpnGatewayProps.alarms`): `true` or options (threshold, periods, SNS topic);
   * `false` for none (the site's `alarms: false`).
   *
   * @default true - threshold 1, 300 s periods, 3 evaluation periods, no notification
   */
  readonly alarms?: boolean | AwsTunnelAlarmOptions;
}

/** An existing virtual private gateway (`AwsVpnGateway.fromVpnGatewayAttributes`). */
export interface AwsVpnGatewayAttributes extends AwsExistingGatewayAttributes {
  /**
   * The virtual private gateway's id: `vgw-` and 8 or 17 hexadecimal digits, or a token.
   * It must be attached to the VPC whose networks `cidrs` lists.
   */
  readonly vpnGatewayId: string;

  /**
   * Route tables (`rtb-...`, or tokens) into which the gateway's VPN routes are propagated by
   * this app (`AWS::EC2::VPNGatewayRoutePropagation`). Give only tables that do not propagate
   * the gateway's routes yet: deleting the stack turns propagation off on every table listed.
   *
   * @default - none: the VPC's route tables stay as their owner configured them (propagation or
   *   static routes to the gateway)
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
   */
  readonly routeTableIds?: readonly string[];
}

/** An existing transit gateway (`AwsVpnGateway.fromTransitGatewayAttributes`). */
export interface AwsTransitGatewayAttributes extends AwsExistingGatewayAttributes {
  /** The transit gateway's id: `tgw-` and 8 or 17 hexadecimal digits, or a token. */
  readonly transitGatewayId: string;

  /**
   * How the library routes the VPN attachments of the connections it creates: the route table of
   * static routes, association and propagation.
   *
   * @default - static routes into the route table each attachment is associated with; no
   *   association or propagation by the library
   */
  readonly routing?: AwsTransitGatewayRouteTableOptions;

  /**
   * Whether the gateway associates every new attachment with its default association route table
   * (`DescribeTransitGateways` `Options.DefaultRouteTableAssociation` `enable`). With it, the
   * library refuses `routing.associateVpnAttachments` (an attachment has one association); without
   * it, static routing needs `routing.routeTableId`.
   *
   * @default - unknown: not checked
   */
  readonly defaultRouteTableAssociation?: boolean;

  /**
   * The default association route table (`Options.AssociationDefaultRouteTableId`, `tgw-rtb-...`).
   *
   * @default - unknown
   */
  readonly associationDefaultRouteTableId?: string;

  /**
   * Whether the gateway propagates every new attachment's routes into its default propagation
   * route table (`Options.DefaultRouteTablePropagation` `enable`). With it, the library refuses
   * `routing.propagateVpnAttachments` into that same table.
   *
   * @default - unknown: not checked
   */
  readonly defaultRouteTablePropagation?: boolean;

  /**
   * The default propagation route table (`Options.PropagationDefaultRouteTableId`, `tgw-rtb-...`).
   *
   * @default - unknown
   */
  readonly propagationDefaultRouteTableId?: string;
}
