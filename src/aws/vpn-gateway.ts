/**
 * The AWS end of the cross-cloud VPN: a virtual private gateway or a transit gateway, and the
 * engine-neutral `IVpnGateway` the cross-cloud layer plans and wires.
 */
import { Annotations, Resource, Token } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import { FACTS, PlannedTunnel, SiteInUse, SiteSpec, ownAsnProblem, parseCidr, parseIpv4, show } from '../plan';
import { CdkGatewayDeployment } from '../private/cdk-deployment';
import { PropsChecker, ValidationError } from '../private/errors';
import { linkScope, realisedResources } from '../private/realise-link';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AwsTunnelAlarmOptions, ResolvedTunnelAlarmOptions, addTunnelAlarms, resolveTunnelAlarmOptions } from './alarms';
import { AwsTunnelBandwidth, connectionOptionsProblems } from './connection-options';
import type { AwsTransitGatewayAttributes, AwsVpnGatewayAttributes } from './gateway-attributes';
import { AwsGatewayKind, AwsTransitGatewayRouteTableOptions, ExistingTransitGatewayDefaults, GatewayKindConfig } from './gateway-kind';
import { AwsPeerGateway } from './peer-gateway';
import { AWS_TRANSIT_GATEWAY_ATTRIBUTES, AWS_VPN_GATEWAY_ATTRIBUTES, AWS_VPN_GATEWAY_PROPS, checkAwsProps, currentAwsProps } from './props-shape';
import type { IAwsVpnGateway } from './interfaces';
import { AwsVpnConnection } from './vpn-connection';

/** AWS's default Amazon-side ASN (EC2 `CreateVpnGateway`, `CreateTransitGateway`). */
import { AWS_DEFAULT_AMAZON_SIDE_ASN as DEFAULT_AMAZON_SIDE_ASN } from '../plan';
/** EC2 resource ids: a prefix and 8 or 17 hexadecimal digits (EC2 User Guide, "Resource IDs"). */
const TRANSIT_GATEWAY_ID = /^tgw-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPN_GATEWAY_ID = /^vgw-[0-9a-f]{8}([0-9a-f]{9})?$/;
const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8}([0-9a-f]{9})?$/;
const TGW_ROUTE_TABLE_ID = /^tgw-rtb-[0-9a-f]{8}([0-9a-f]{9})?$/;
// Tunnel inside CIDRs: a /30 of the link-local block (CloudFormation VpnTunnelOptionsSpecification.TunnelInsideCidr).
const LINK_LOCAL = { network: (169 << 24 | 254 << 16) >>> 0, mask: 0xffff0000 };

/** Properties of an `AwsVpnGateway`. */
export interface AwsVpnGatewayProps {
  /**
   * Which gateway terminates the VPN connections: a new virtual private gateway attached to a
   * VPC, a new transit gateway, or an existing transit gateway.
   */
  readonly kind: AwsGatewayKind;

  /**
   * The AWS side's BGP ASN. For an existing transit gateway, the ASN it was created with
   * (required there: EC2 `DescribeTransitGateways` `Options.AmazonSideAsn`; nothing in the template
   * can tell it, and a wrong one makes every BGP session fail).
   *
   * A private ASN in the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`; must differ from
   * every peer's. CloudFormation `AmazonSideAsn`.
   *
   * @default - {@link "cross-cloud-vpn".AWS_DEFAULT_AMAZON_SIDE_ASN | AWS_DEFAULT_AMAZON_SIDE_ASN}
   * for a new gateway; required for an existing transit gateway
   * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnGateway.html
   */
  readonly asn?: number;

  /**
   * The AWS side's BGP ASN, in the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`: the old
   * name of `asn` (the same value under both names is accepted; different values are refused).
   *
   * @default - `asn`
   * @deprecated use `asn` (one name for a gateway's own ASN in every cloud); removed in the next release
   */
  readonly amazonSideAsn?: number;

  /**
   * The IPv4 prefixes of the networks behind the gateway, as the planner sees them (peers route
   * them over the VPN). Literal CIDRs.
   *
   * @default - the VPC's primary CIDR block (virtual private gateway); required with a transit gateway
   */
  readonly cidrs?: readonly string[];

  /**
   * The site id of the gateway in the topology: keys every value the planner derives for it
   * (keys, inside addresses). Letters, digits, `.`, `_` and `-`; keep it stable.
   *
   * @default - the construct id
   */
  readonly siteId?: string;

  /**
   * CloudWatch alarms on the tunnels of this gateway's VPN connections: one alarm per active
   * tunnel on `AWS/VPN` `TunnelState` of the tunnel's outside IP (idle tunnels have none: nothing
   * answers them, so their alarm would never clear), named by the plan and created in the stack
   * of the connection it watches. `true` or options: on (options tune the alarm and add an SNS
   * topic); `false`: no alarm (the site's `alarms: false`, so the plan names none).
   *
   * @default true - threshold 1, 300 s periods, 3 evaluation periods, no notification (see
   *   `AwsTunnelAlarmOptions`)
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/creating-alarms-vpn.html
   */
  readonly alarms?: boolean | AwsTunnelAlarmOptions;

  /**
   * What the gateway already uses outside this app (existing gateways): the inside /30s of its
   * other VPN connections' tunnels, their count. The planner allocates around them
   * (`SiteSpec.inUse`).
   *
   * @default - nothing in use
   */
  readonly inUse?: SiteInUse;

  /**
   * The bandwidth of the tunnels of every VPN connection the gateway builds: `LARGE` (5 Gbps)
   * on transit gateways only. CloudFormation `AWS::EC2::VPNConnection` `TunnelBandwidth`.
   *
   * @default - not written: AWS's `standard` (up to 1.25 Gbps per tunnel)
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
   */
  readonly tunnelBandwidth?: AwsTunnelBandwidth;

  /**
   * Whether every VPN connection the gateway builds is accelerated (AWS Global Accelerator):
   * transit gateways only; changing it replaces the connections (new outside IPs).
   * CloudFormation `AWS::EC2::VPNConnection` `EnableAcceleration`.
   *
   * @default false
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/accelerated-vpn.html
   */
  readonly acceleration?: boolean;
}

/**
 * The AWS side of site-to-site VPNs: a virtual private gateway attached to a VPC (with route
 * propagation) or a transit gateway (new, with VPN ECMP support, or existing).
 *
 * As an `IVpnGateway` it builds, per planned link, one customer gateway per remote endpoint and
 * one VPN connection (tunnel pair) per customer gateway, and a CloudWatch alarm on each active
 * tunnel (`alarms`).
 *
 * An existing gateway is imported with `AwsVpnGateway.fromVpnGatewayAttributes` or
 * `AwsVpnGateway.fromTransitGatewayAttributes` (attributes read from the AWS CLI's output by
 * `awsVpnGatewayAttributesFromCli` / `awsTransitGatewayAttributesFromCli`).
 *
 * @resource AWS::EC2::VPNGateway
 * @resource AWS::EC2::TransitGateway
 */
export class AwsVpnGateway extends Resource implements IVpnGateway, IAwsVpnGateway {
  /**
   * A virtual private gateway that exists already (created outside this app), linked like a new
   * one. Its stack holds no gateway resource: every VPN connection records the ASN and networks
   * declared here in `Metadata.CrossCloudVpn.Gateway` (`Existing: true`).
   *
   * ```ts
   * AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', {
   *   vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64620, cidrs: ['10.20.0.0/16'],
   *   inUse: { insideCidrs: ['169.254.44.0/30', '169.254.44.4/30'], connections: 1 },
   * });
   * ```
   */
  public static fromVpnGatewayAttributes(scope: Construct, id: string, attrs: AwsVpnGatewayAttributes): AwsVpnGateway {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    checkAwsProps(path, attrs, AWS_VPN_GATEWAY_ATTRIBUTES);
    const { vpnGatewayId, routeTableIds, ...rest } = attrs;
    return new AwsVpnGateway(scope, id, { ...rest, kind: AwsGatewayKind._existingVpnGateway(vpnGatewayId, routeTableIds) });
  }

  /**
   * A transit gateway that exists already (created outside this app), linked like a new one.
   * Its stack holds no gateway resource: every VPN connection records the ASN, networks and
   * route table declared here in `Metadata.CrossCloudVpn.Gateway` (`Existing: true`). What it
   * does by default (`defaultRouteTableAssociation`, ...) is checked against `routing`.
   * The same gateway as `AwsGatewayKind.existingTransitGateway(...)`, with its attributes.
   *
   * ```ts
   * AwsVpnGateway.fromTransitGatewayAttributes(stack, 'Tgw', {
   *   transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700, cidrs: ['172.16.0.0/16'],
   *   defaultRouteTableAssociation: true, defaultRouteTablePropagation: true,
   * });
   * ```
   */
  public static fromTransitGatewayAttributes(scope: Construct, id: string, attrs: AwsTransitGatewayAttributes): AwsVpnGateway {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    checkAwsProps(path, attrs, AWS_TRANSIT_GATEWAY_ATTRIBUTES);
    const {
      transitGatewayId, routing, defaultRouteTableAssociation, associationDefaultRouteTableId, defaultRouteTablePropagation, propagationDefaultRouteTableId, ...rest
    } = attrs;
    const defaults: ExistingTransitGatewayDefaults = { defaultRouteTableAssociation, associationDefaultRouteTableId, defaultRouteTablePropagation, propagationDefaultRouteTableId };
    return new AwsVpnGateway(scope, id, { ...rest, kind: AwsGatewayKind._existingTransitGateway(transitGatewayId, routing ?? {}, defaults) });
  }

  /** Its endpoints are the outside IPs of its VPN connections' tunnels: they exist once a link is deployed. */
  public readonly endpointsKnown: EndpointsKnown = 'link';
  public readonly site: SiteSpec;
  /** The virtual private gateway's id (virtual private gateways only). */
  public readonly vpnGatewayId?: string;
  /** The transit gateway's id (transit gateways only). */
  public readonly transitGatewayId?: string;
  /**
   * The AWS side's BGP ASN: `asn`, else AWS's default
   * {@link "cross-cloud-vpn".AWS_DEFAULT_AMAZON_SIDE_ASN | AWS_DEFAULT_AMAZON_SIDE_ASN}. In the
   * ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn` (private ASNs only).
   */
  public readonly asn: number;
  /** How the gateway is deployed: its stack, and the stacks that hold link resources of later phases. */
  public readonly deployment: IGatewayDeployment;
  /** The networks behind the gateway, as declared (`cidrs`, else the VPC's CIDR). */
  public readonly cidrs: readonly string[];
  /** Whether the gateway was created outside this app (an imported gateway). */
  public readonly existing: boolean;
  /** What the gateway already uses outside this app, as declared (`inUse`). */
  public readonly inUse?: SiteInUse;
  /** The bandwidth of the tunnels of every connection it builds (`tunnelBandwidth`). */
  public readonly tunnelBandwidth?: AwsTunnelBandwidth;
  /** Whether every connection it builds is accelerated (`acceleration`). */
  public readonly acceleration?: boolean;
  /** How the transit gateway routes its VPN attachments (transit gateways only). */
  public readonly transitGatewayRouting?: AwsTransitGatewayRouteTableOptions;
  /** Whether a new transit gateway associates attachments with its default route table (`undefined`: not a new transit gateway). */
  private readonly associatesByDefault?: boolean;
  /** The tunnels' alarms so far (`tunnelAlarms`). */
  private readonly alarms: cloudwatch.CfnAlarm[] = [];
  /** The alarms' options (`undefined`: `alarms: false`). */
  private readonly alarmOptions?: ResolvedTunnelAlarmOptions;
  /** Per endpoint name (`<link id>/conn<N>/tunnel<T>`) of the realised links: the connection and the outside IP. */
  private readonly endpoints = new Map<string, { readonly scope: Construct; readonly value: string }>();

  constructor(scope: Construct, id: string, given: AwsVpnGatewayProps) {
    super(scope, id);
    checkAwsProps(this.node.path, given, AWS_VPN_GATEWAY_PROPS);
    const props = currentAwsProps(this, given, AWS_VPN_GATEWAY_PROPS, 'AwsVpnGatewayProps');
    const config = props.kind._config;
    this.asn = props.asn ?? DEFAULT_AMAZON_SIDE_ASN;
    this.deployment = new CdkGatewayDeployment(this, (endpoint) => this.endpoint(endpoint));

    const checker = new PropsChecker(this.node.path);
    if (config.type === 'existing-transit-gateway' && props.asn === undefined) {
      checker.check('asn', 'asn-missing', `required with an existing transit gateway: the ASN it was created with (EC2 DescribeTransitGateways Options.AmazonSideAsn); allowed: ${FACTS.aws.ownAsn.rule}`);
    } else if (config.type === 'existing-vpn-gateway' && props.asn === undefined) {
      checker.check('asn', 'asn-missing', `required with an existing virtual private gateway: the ASN it was created with (EC2 DescribeVpnGateways AmazonSideAsn); allowed: ${FACTS.aws.ownAsn.rule}`);
    } else if (!Token.isUnresolved(this.asn)) {
      checker.check('asn', 'asn-invalid', ownAsnProblem('aws', this.asn));
    }
    const cidrs = props.cidrs ?? (config.type === 'vpn-gateway' ? vpcCidrs(config.options.vpc) : undefined);
    if (cidrs === undefined) {
      checker.check('cidrs', 'cidrs-missing', config.type === 'vpn-gateway'
        ? "the VPC's CIDR block is only known at deploy time; allowed: the VPC's prefixes as literal CIDRs"
        : config.type === 'existing-vpn-gateway'
          ? "required with an existing virtual private gateway; allowed: the literal IPv4 prefixes of its VPC (EC2 DescribeVpcs CidrBlockAssociationSet)"
          : 'required with a transit gateway; allowed: the literal IPv4 prefixes of the networks behind it');
    } else {
      if (cidrs.length === 0) checker.check('cidrs', 'cidrs-missing', 'expected at least one IPv4 prefix, got none');
      cidrs.forEach((c, i) => {
        const parsed = Token.isUnresolved(c) ? undefined : parseCidr(c);
        if (!parsed) checker.check(`cidrs[${i}]`, 'cidr-token', 'is a token; allowed: a literal IPv4 prefix (the planner needs it)');
        else if (!parsed.ok) checker.check(`cidrs[${i}]`, 'cidr-invalid', `${show(c)} is not a valid IPv4 prefix (${parsed.reason})`);
      });
    }
    if (config.type === 'existing-transit-gateway' && !Token.isUnresolved(config.transitGatewayId) && !TRANSIT_GATEWAY_ID.test(config.transitGatewayId)) {
      checker.check(config.defaults !== undefined ? 'transitGatewayId' : 'kind', 'transit-gateway-id-invalid', `${show(config.transitGatewayId)} is not a transit gateway id; allowed: 'tgw-' and 8 or 17 hexadecimal digits`);
    }
    if (config.type === 'existing-vpn-gateway') {
      checkId(checker, 'vpnGatewayId', config.vpnGatewayId, VPN_GATEWAY_ID, "a virtual private gateway id; allowed: 'vgw-' and 8 or 17 hexadecimal digits");
      (config.options.routeTableIds ?? []).forEach((t, i) => checkId(checker, `routeTableIds[${i}]`, t, ROUTE_TABLE_ID, "a route table id; allowed: 'rtb-' and 8 or 17 hexadecimal digits"));
    }
    if (config.type === 'new-transit-gateway' || config.type === 'existing-transit-gateway') this.checkRouting(checker, config);
    checkInUse(checker, props.inUse);
    for (const [field, code, message] of connectionOptionsProblems(props.kind.gatewayKind === 'vpn-gateway' ? 'vpn-gateway' : 'transit-gateway', props)) checker.check(field, code, message);
    checker.throwIfAny();
    if (props.alarms !== false) this.alarmOptions = resolveTunnelAlarmOptions(this.node.path, 'alarms', props.alarms === true ? {} : props.alarms);

    this.cidrs = [...cidrs!];
    this.existing = config.type === 'existing-transit-gateway' || config.type === 'existing-vpn-gateway';
    this.inUse = props.inUse;
    this.tunnelBandwidth = props.tunnelBandwidth;
    this.acceleration = props.acceleration;
    if (config.type === 'new-transit-gateway' || config.type === 'existing-transit-gateway') {
      const o = config.options;
      this.transitGatewayRouting = { routeTableId: o.routeTableId, associateVpnAttachments: o.associateVpnAttachments, propagateVpnAttachments: o.propagateVpnAttachments };
    }
    this.site = {
      id: props.siteId ?? id,
      cloud: 'aws',
      gateway: props.kind.gatewayKind,
      cidrs: [...cidrs!],
      asn: this.asn,
      ...(props.inUse === undefined ? {} : { inUse: props.inUse }),
      ...(props.alarms === false ? { alarms: false } : {}),
    };

    switch (config.type) {
      case 'vpn-gateway': {
        const vgw = new ec2.CfnVPNGateway(this, 'Resource', { type: 'ipsec.1', amazonSideAsn: this.asn });
        this.vpnGatewayId = vgw.ref;
        const vpc = config.options.vpc;
        const attachment = new ec2.CfnVPCGatewayAttachment(this, 'Attachment', { vpcId: vpc.vpcId, vpnGatewayId: vgw.ref });
        const routeTableIds = config.options.routeTableIds
          ?? [...new Set([...vpc.privateSubnets, ...vpc.isolatedSubnets].map((s) => s.routeTable.routeTableId))];
        if (routeTableIds.length > 0) {
          const propagation = new ec2.CfnVPNGatewayRoutePropagation(this, 'RoutePropagation', { routeTableIds: [...routeTableIds], vpnGatewayId: vgw.ref });
          // Propagation fails until the gateway is attached.
          propagation.node.addDependency(attachment);
        } else if (config.options.routeTableIds === undefined) {
          Annotations.of(this).addWarningV2('cross-cloud-vpn:aws.noRoutePropagation',
            'the VPC has no private or isolated subnet, so no route table learns the VPN routes; pass routeTableIds to choose route tables');
        }
        break;
      }
      case 'new-transit-gateway': {
        const o = config.options;
        const flag = (value: boolean | undefined) => ((value ?? true) ? 'enable' : 'disable');
        const tgw = new ec2.CfnTransitGateway(this, 'Resource', {
          amazonSideAsn: this.asn,
          vpnEcmpSupport: 'enable',
          defaultRouteTableAssociation: flag(o.defaultRouteTableAssociation),
          defaultRouteTablePropagation: flag(o.defaultRouteTablePropagation),
          description: o.description,
        });
        this.transitGatewayId = tgw.ref;
        this.associatesByDefault = o.defaultRouteTableAssociation ?? true;
        if (o.defaultRouteTableAssociation === false && !o.associateVpnAttachments) {
          Annotations.of(this).addWarningV2('cross-cloud-vpn:aws.vpnAttachmentNotAssociated',
            'defaultRouteTableAssociation is false and associateVpnAttachments is not set: the VPN attachments are associated with no route table, so traffic arriving over the VPN is dropped; set routeTableId and associateVpnAttachments');
        }
        break;
      }
      case 'existing-transit-gateway':
        this.transitGatewayId = config.transitGatewayId;
        if (config.defaults?.defaultRouteTableAssociation !== undefined) this.associatesByDefault = config.defaults.defaultRouteTableAssociation;
        break;
      case 'existing-vpn-gateway': {
        this.vpnGatewayId = config.vpnGatewayId;
        const routeTableIds = config.options.routeTableIds ?? [];
        // The gateway is attached already (by its owner): no attachment to wait for.
        if (routeTableIds.length > 0) new ec2.CfnVPNGatewayRoutePropagation(this, 'RoutePropagation', { routeTableIds: [...routeTableIds], vpnGatewayId: config.vpnGatewayId });
        break;
      }
    }
  }

  /**
   * The route table choices against what the transit gateway does itself. A new transit gateway
   * with default association associates every attachment with its default route table ("When you
   * attach a VPC or create a VPN connection on a transit gateway, the attachment is associated with
   * the default route table"), and an attachment has a single association; with default
   * propagation, it propagates into that same default route table already.
   */
  private checkRouting(checker: PropsChecker, config: Extract<GatewayKindConfig, { type: 'new-transit-gateway' | 'existing-transit-gateway' }>): void {
    const o = config.options;
    // Imported with fromTransitGatewayAttributes: the options are its `routing`.
    const at = config.type === 'existing-transit-gateway' && config.defaults !== undefined ? 'routing' : 'kind';
    if (o.associateVpnAttachments && o.routeTableId === undefined) {
      checker.check(`${at}.associateVpnAttachments`, 'route-table-missing', 'needs routeTableId: the route table to associate the VPN attachments with');
    }
    if (o.routeTableId !== undefined) checkId(checker, `${at}.routeTableId`, o.routeTableId, TGW_ROUTE_TABLE_ID, "a transit gateway route table id; allowed: 'tgw-rtb-' and 8 or 17 hexadecimal digits");
    if (config.type === 'existing-transit-gateway') {
      this.checkExistingRouting(checker, o, config.defaults ?? {});
      return;
    }
    const defaults = config.options;
    if (o.associateVpnAttachments && defaults.defaultRouteTableAssociation !== false) {
      checker.check('kind.associateVpnAttachments', 'association-duplicate', 'the transit gateway associates every attachment with its default route table (defaultRouteTableAssociation), and an attachment is associated with one route table only; allowed: associateVpnAttachments with defaultRouteTableAssociation: false');
    }
    if (o.propagateVpnAttachments && o.routeTableId === undefined && defaults.defaultRouteTablePropagation !== false) {
      checker.check('kind.propagateVpnAttachments', 'propagation-duplicate', 'the transit gateway already propagates every attachment into its default route table (defaultRouteTablePropagation), which is the route table used when routeTableId is not given; allowed: a routeTableId of another route table, or defaultRouteTablePropagation: false');
    }
  }

  /**
   * The same rules for an existing transit gateway, as far as its defaults are known
   * (`fromTransitGatewayAttributes`: EC2 `DescribeTransitGateways` `Options`).
   */
  private checkExistingRouting(checker: PropsChecker, o: AwsTransitGatewayRouteTableOptions, d: ExistingTransitGatewayDefaults): void {
    for (const [field, value] of [['associationDefaultRouteTableId', d.associationDefaultRouteTableId], ['propagationDefaultRouteTableId', d.propagationDefaultRouteTableId]] as const) {
      if (value !== undefined) checkId(checker, field, value, TGW_ROUTE_TABLE_ID, "a transit gateway route table id; allowed: 'tgw-rtb-' and 8 or 17 hexadecimal digits");
    }
    if (o.associateVpnAttachments && d.defaultRouteTableAssociation === true) {
      checker.check('routing.associateVpnAttachments', 'association-duplicate', 'the transit gateway associates every attachment with its default association route table (DefaultRouteTableAssociation enable), and an attachment is associated with one route table only; allowed: associateVpnAttachments on a transit gateway with DefaultRouteTableAssociation disable');
    }
    // The table propagated into: routeTableId, else the associated one (the default association table).
    const target = o.routeTableId ?? (d.defaultRouteTableAssociation === true ? d.associationDefaultRouteTableId : undefined);
    if (o.propagateVpnAttachments && d.defaultRouteTablePropagation === true && target !== undefined && !Token.isUnresolved(target) && target === d.propagationDefaultRouteTableId) {
      checker.check('routing.propagateVpnAttachments', 'propagation-duplicate', `the transit gateway already propagates every attachment into its default propagation route table ${show(target)} (DefaultRouteTablePropagation enable); allowed: a routeTableId of another route table`);
    }
  }

  /**
   * Static or policy routing on a transit gateway: the routes need a route table, and a route table
   * holds one static route per prefix (EC2 `RouteAlreadyExists`), so of several connections of the
   * link only the first is routed; VPN ECMP needs BGP.
   */
  private checkStaticOnTransit(link: string, connections: number): void {
    const o = this.transitGatewayRouting ?? {};
    if (o.routeTableId === undefined && this.associatesByDefault === false) {
      throw new ValidationError(this.node.path, 'route-table-missing',
        `link ${show(link)} routes statically, but the transit gateway associates attachments with no default route table (defaultRouteTableAssociation: false); allowed: give routeTableId (and associateVpnAttachments) for the static routes`);
    }
    if (connections > 1) {
      Annotations.of(this).addWarningV2('cross-cloud-vpn:aws.transitGatewayStaticSingleConnection',
        `link ${link}: a transit gateway route table holds one static route per prefix, so only conn1 of its ${connections} VPN connections carries traffic toward the remote networks (no failover to the others); use routing 'bgp' for ECMP over every tunnel`);
    }
  }

  /**
   * The AWS side's BGP ASN, in the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.ownAsn`: the old
   * name of `asn`.
   *
   * @deprecated use `asn`; removed in the next release
   */
  public get amazonSideAsn(): number {
    return this.asn;
  }

  /**
   * The CloudWatch alarms on this gateway's tunnels: one per active tunnel of each link realised
   * so far, in the stack of its connection (none with `alarms: false`). Add actions to one with
   * `alarm.alarmActions = [...]`.
   */
  public get tunnelAlarms(): readonly cloudwatch.CfnAlarm[] {
    return [...this.alarms];
  }

  /** Path of the construct, for messages. */
  public get path(): string {
    return this.node.path;
  }

  /**
   * The outside IP of one tunnel of a realised link, for an endpoint name of the form
   * `<link id>/conn<N>/tunnel<T>` (a deploy-time value: a CloudFormation token).
   */
  public endpointAddress(endpoint: string): string {
    return this.endpoint(endpoint).value;
  }

  private endpoint(endpoint: string): { readonly scope: Construct; readonly value: string } {
    const found = this.endpoints.get(endpoint);
    if (found === undefined) {
      const known = [...this.endpoints.keys()];
      throw new ValidationError(this.node.path, 'endpoint-unknown',
        `endpoint ${show(endpoint)} is not a tunnel of a realised link; allowed: '<link id>/conn<N>/tunnel<1|2>' of a link built by realiseLink (known: ${known.length ? known.join(', ') : 'none yet'})`);
    }
    return found;
  }

  /**
   * Builds this gateway's half of one planned link under `Link-<link id>` (in
   * `realisation.stack` when given, else in this gateway): a customer gateway per remote
   * endpoint (`cgw1`, ...) and a VPN connection per customer gateway (`conn1`, ...).
   */
  public realiseLink(realisation: LinkRealisation): void {
    const r = realisedResources({
      construct: this, site: this.site, cloudName: 'AWS', givenAsn: Token.isUnresolved(this.asn) ? undefined : this.asn,
    }, realisation, 'aws');
    const mismatch = (message: string) => new ValidationError(this.node.path, 'plan-mismatch', message);
    const scope = linkScope(this, realisation, 'link-prefixed');
    const peers = new Map(r.customerGateways.map((cgw) => [cgw.id, new AwsPeerGateway(scope, cgw.id, {
      ipAddress: realisation.remoteAddress(cgw.remote.endpoint),
      peerAsn: cgw.bgpAsn,
    })]));
    const transit = this.transitGatewayId !== undefined;
    const routed = r.vpnConnections.filter((c) => c.staticRoutes.length > 0);
    if (transit && routed.length > 0) this.checkStaticOnTransit(r.link, routed.length);
    for (const connection of r.vpnConnections) {
      const tunnels = connection.tunnels.map((tunnelId): PlannedTunnel => {
        const tunnel = realisation.tunnels.find((t) => t.id === tunnelId);
        if (!tunnel) throw mismatch(`tunnel ${show(tunnelId)} of ${r.link}/${connection.id} is not among the link's tunnels`);
        return tunnel;
      });
      const peer = peers.get(connection.customerGateway);
      if (!peer) throw mismatch(`customer gateway ${show(connection.customerGateway)} of ${r.link}/${connection.id} is not planned`);
      const props = {
        ...AwsVpnConnection.propsFromPlan({ gateway: this, peer, connection, tunnels: [tunnels[0], tunnels[1]] }),
        tunnelBandwidth: this.tunnelBandwidth,
        acceleration: this.acceleration,
      };
      // A transit gateway route table holds one static route per prefix: the link's first routed connection carries them.
      const built = new AwsVpnConnection(scope, connection.id, transit && connection !== routed[0] ? { ...props, staticRoutes: [] } : props);
      tunnels.forEach((t, i) => {
        const end = t.ends.find((e) => e.cloud === 'aws')!;
        this.endpoints.set(end.endpoint, { scope: built, value: built.tunnelOutsideIps[i] });
      });
      if (this.alarmOptions) this.alarms.push(...addTunnelAlarms(built, tunnels, this.alarmOptions));
    }
  }
}

/** An EC2 id: a literal of `pattern`'s form, or a token (checked at deploy time). */
function checkId(checker: PropsChecker, field: string, value: string, pattern: RegExp, what: string): void {
  if (!Token.isUnresolved(value) && !pattern.test(value)) checker.check(field, 'id-invalid', `${show(value)} is not ${what}`);
}

/** `inUse`: inside /30s of 169.254.0.0/16, dotted-quad addresses, a connection count of at least 0. */
function checkInUse(checker: PropsChecker, inUse: SiteInUse | undefined): void {
  if (inUse === undefined) return;
  (inUse.insideCidrs ?? []).forEach((c, i) => {
    const parsed = parseCidr(c);
    const problem = !parsed.ok ? parsed.reason
      : parsed.cidr.prefixLength !== 30 ? `a /${parsed.cidr.prefixLength}, not a /30`
        : ((parsed.cidr.network & LINK_LOCAL.mask) >>> 0) !== LINK_LOCAL.network ? 'outside 169.254.0.0/16' : undefined;
    if (problem) checker.check(`inUse.insideCidrs[${i}]`, 'in-use-invalid', `${show(c)} is not a tunnel inside CIDR (${problem}); allowed: a /30 of 169.254.0.0/16, as EC2 DescribeVpnConnections Options.TunnelOptions[].TunnelInsideCidr reports it`);
  });
  (inUse.insideAddresses ?? []).forEach((a, i) => {
    if (parseIpv4(a) === undefined) checker.check(`inUse.insideAddresses[${i}]`, 'in-use-invalid', `${show(a)} is not a dotted-quad IPv4 address`);
  });
  const n = inUse.connections;
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) checker.check('inUse.connections', 'in-use-invalid', `${show(n)} is not a connection count; allowed: an integer of at least 0`);
}

/** The VPC's primary CIDR block when known at synthesis time. */
function vpcCidrs(vpc: ec2.IVpc): string[] | undefined {
  if (!Token.isUnresolved(vpc.vpcCidrBlock)) return [vpc.vpcCidrBlock];
  // A VPC defined in this app exposes its CIDR as a token; its CfnVPC holds the literal.
  const child = vpc.node.defaultChild;
  if (child instanceof ec2.CfnVPC && typeof child.cidrBlock === 'string' && !Token.isUnresolved(child.cidrBlock)) return [child.cidrBlock];
  return undefined;
}
