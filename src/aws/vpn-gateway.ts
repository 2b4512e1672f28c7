/**
 * The AWS end of the cross-cloud VPN: a virtual private gateway or a transit gateway, and the
 * engine-neutral `IVpnGateway` the cross-cloud layer plans and wires.
 */
import { Annotations, Resource, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import { FACTS, PlannedTunnel, SiteSpec, ownAsnProblem, parseCidr, show } from '../plan';
import { CdkGatewayDeployment } from '../private/cdk-deployment';
import { PropsChecker, ValidationError } from '../private/errors';
import { linkScope, realisedResources } from '../private/realise-link';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AwsTunnelAlarmOptions, ResolvedTunnelAlarmOptions, addTunnelAlarms, resolveTunnelAlarmOptions } from './alarms';
import { AwsGatewayKind, AwsTransitGatewayRouteTableOptions, GatewayKindConfig } from './gateway-kind';
import { AwsPeerGateway } from './peer-gateway';
import { AWS_VPN_GATEWAY_PROPS, checkAwsProps, currentAwsProps } from './props-shape';
import type { IAwsVpnGateway } from './interfaces';
import { AwsVpnConnection } from './vpn-connection';

/** AWS's default Amazon-side ASN (EC2 `CreateVpnGateway`, `CreateTransitGateway`). */
import { AWS_DEFAULT_AMAZON_SIDE_ASN as DEFAULT_AMAZON_SIDE_ASN } from '../plan';
const TRANSIT_GATEWAY_ID = /^tgw-[0-9a-f]{8}([0-9a-f]{9})?$/;

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
}

/**
 * The AWS side of site-to-site VPNs: a virtual private gateway attached to a VPC (with route
 * propagation) or a transit gateway (new, with VPN ECMP support, or existing).
 *
 * As an `IVpnGateway` it builds, per planned link, one customer gateway per remote endpoint and
 * one VPN connection (tunnel pair) per customer gateway, and a CloudWatch alarm on each active
 * tunnel (`alarms`).
 *
 * @resource AWS::EC2::VPNGateway
 * @resource AWS::EC2::TransitGateway
 */
export class AwsVpnGateway extends Resource implements IVpnGateway, IAwsVpnGateway {
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
  /** Whether the gateway was created outside this app (an existing transit gateway). */
  public readonly existing: boolean;
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
    } else if (!Token.isUnresolved(this.asn)) {
      checker.check('asn', 'asn-invalid', ownAsnProblem('aws', this.asn));
    }
    const cidrs = props.cidrs ?? (config.type === 'vpn-gateway' ? vpcCidrs(config.options.vpc) : undefined);
    if (cidrs === undefined) {
      checker.check('cidrs', 'cidrs-missing', config.type === 'vpn-gateway'
        ? "the VPC's CIDR block is only known at deploy time; allowed: the VPC's prefixes as literal CIDRs"
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
      checker.check('kind', 'transit-gateway-id-invalid', `${show(config.transitGatewayId)} is not a transit gateway id; allowed: 'tgw-' and 8 or 17 hexadecimal digits`);
    }
    if (config.type !== 'vpn-gateway') this.checkRouting(checker, config);
    checker.throwIfAny();
    if (props.alarms !== false) this.alarmOptions = resolveTunnelAlarmOptions(this.node.path, 'alarms', props.alarms === true ? {} : props.alarms);

    this.cidrs = [...cidrs!];
    this.existing = config.type === 'existing-transit-gateway';
    if (config.type !== 'vpn-gateway') {
      const o = config.options;
      this.transitGatewayRouting = { routeTableId: o.routeTableId, associateVpnAttachments: o.associateVpnAttachments, propagateVpnAttachments: o.propagateVpnAttachments };
    }
    this.site = {
      id: props.siteId ?? id,
      cloud: 'aws',
      gateway: props.kind.gatewayKind,
      cidrs: [...cidrs!],
      asn: this.asn,
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
        break;
    }
  }

  /**
   * The route table choices against what the transit gateway does itself. A new transit gateway
   * with default association associates every attachment with its default route table ("When you
   * attach a VPC or create a VPN connection on a transit gateway, the attachment is associated with
   * the default route table"), and an attachment has a single association; with default
   * propagation, it propagates into that same default route table already.
   */
  private checkRouting(checker: PropsChecker, config: Exclude<GatewayKindConfig, { type: 'vpn-gateway' }>): void {
    const o = config.options;
    if (o.associateVpnAttachments && o.routeTableId === undefined) {
      checker.check('kind.associateVpnAttachments', 'route-table-missing', 'needs routeTableId: the route table to associate the VPN attachments with');
    }
    if (config.type !== 'new-transit-gateway') return;
    const defaults = config.options;
    if (o.associateVpnAttachments && defaults.defaultRouteTableAssociation !== false) {
      checker.check('kind.associateVpnAttachments', 'association-duplicate', 'the transit gateway associates every attachment with its default route table (defaultRouteTableAssociation), and an attachment is associated with one route table only; allowed: associateVpnAttachments with defaultRouteTableAssociation: false');
    }
    if (o.propagateVpnAttachments && o.routeTableId === undefined && defaults.defaultRouteTablePropagation !== false) {
      checker.check('kind.propagateVpnAttachments', 'propagation-duplicate', 'the transit gateway already propagates every attachment into its default route table (defaultRouteTablePropagation), which is the route table used when routeTableId is not given; allowed: a routeTableId of another route table, or defaultRouteTablePropagation: false');
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
      const props = AwsVpnConnection.propsFromPlan({ gateway: this, peer, connection, tunnels: [tunnels[0], tunnels[1]] });
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

/** The VPC's primary CIDR block when known at synthesis time. */
function vpcCidrs(vpc: ec2.IVpc): string[] | undefined {
  if (!Token.isUnresolved(vpc.vpcCidrBlock)) return [vpc.vpcCidrBlock];
  // A VPC defined in this app exposes its CIDR as a token; its CfnVPC holds the literal.
  const child = vpc.node.defaultChild;
  if (child instanceof ec2.CfnVPC && typeof child.cidrBlock === 'string' && !Token.isUnresolved(child.cidrBlock)) return [child.cidrBlock];
  return undefined;
}
