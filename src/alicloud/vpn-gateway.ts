/**
 * The Alibaba Cloud end of the cross-cloud VPN: a VPN gateway in a VPC, and the engine-neutral
 * `IVpnGateway` the cross-cloud layer plans and wires.
 */
import { Construct } from 'constructs';
import { AlicloudAlarmOptions, ResolvedAlarmOptions, connectionAlarmsHook, resolveAlarmOptions } from './alarms';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import { SiteSpec, ownAsnProblem, parseCidr, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import { realisedResources } from '../private/realise-link';
import { ALICLOUD_VPN_GATEWAY_PROPS, checkAlicloudProps } from './props-shape';
import { currentTfProps } from '../private/tf-renamed';
import { TerraformGatewayDeployment } from '../private/tf-deployment';
import { VpnGateway } from './generated/cdktf/providers/alicloud/vpn-gateway';
import { AlicloudVpnGatewayAttributes, ExistingAlicloudVpnGateway, IExistingAlicloudVpnGateway } from './existing-gateway';
import { buildAlicloudLink, tunnelEndpointAddress } from './link-builder';
import { PAYMENT_TYPES, PUBLIC_BANDWIDTHS_MBPS, SUBSCRIPTION_PERIODS_MONTHS } from './provider-values';
import { AlicloudTunnelMode, IAlicloudVpnGateway } from './interfaces';

/**
 * How a VPN gateway is billed. Terraform `payment_type`.
 *
 * @see https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/create-and-manage-a-vpn-gateway
 */
export enum AlicloudPaymentType {
  /** Billed by use. */
  PAY_AS_YOU_GO = 'PayAsYouGo',
  /** Paid in advance for `subscriptionPeriodMonths`. */
  SUBSCRIPTION = 'Subscription',
}

/** Properties of an `AlicloudVpnGateway`. */
export interface AlicloudVpnGatewayProps {
  /** The VPC the gateway serves. Terraform `vpc_id` (replaces the gateway when changed). */
  readonly vpcId: string;

  /**
   * The IPv4 prefixes of the networks behind the gateway, as the planner sees them (the VPC's
   * CIDR blocks; peers route them over the VPN). Literal CIDRs.
   */
  readonly cidrs: readonly string[];

  /**
   * The vSwitch of the gateway's first zone, where the master tunnel's interface lives.
   * Terraform `vswitch_id` (replaces the gateway when changed).
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65288.html
   */
  readonly vswitchId: string;

  /**
   * The vSwitch of the gateway's second zone, where the slave tunnel's interface lives:
   * dual-tunnel gateways only. Pick a zone other than `vswitchId`'s (the
   * `alicloud_vpn_gateway_zones` data source lists them); in a region with one zone, a second
   * vSwitch of that zone, or the same one.
   * Terraform `disaster_recovery_vswitch_id` (create-only: the provider never updates it).
   *
   * @default - none: required with `AlicloudTunnelMode.DUAL_TUNNEL`, not allowed with `SINGLE_TUNNEL`
   */
  readonly disasterRecoveryVswitchId?: string;

  /**
   * Whether the gateway has two tunnels per connection in two zones, or one.
   *
   * @default AlicloudTunnelMode.DUAL_TUNNEL
   */
  readonly tunnelMode?: AlicloudTunnelMode;

  /**
   * The gateway's bandwidth, in Mbit/s: 5, 10, 20, 50, 100, 200, 500 or 1000 (public gateways).
   * Terraform `bandwidth` (replaces the gateway when changed).
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65288.html
   */
  readonly bandwidthMbps: number;

  /**
   * How the gateway is billed. Terraform `payment_type`.
   *
   * @default AlicloudPaymentType.PAY_AS_YOU_GO
   */
  readonly paymentType?: AlicloudPaymentType;

  /**
   * Subscription length, in months: 1-9, 12, 24 or 36 (`AlicloudPaymentType.SUBSCRIPTION` only).
   * Terraform `period`.
   *
   * @default 1
   */
  readonly subscriptionPeriodMonths?: number;

  /**
   * The Alibaba Cloud side's BGP ASN, written on the BGP tunnels of the connections
   * `realiseLink` builds (a plan from this gateway's site then carries the same ASN).
   *
   * In the ranges of {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn` (a private ASN is
   * recommended); must differ from every peer's. Terraform `tunnel_bgp_config.local_asn`.
   *
   * @default - the planner allocates one from
   * {@link "cross-cloud-vpn".ALLOCATED_ASNS | ALLOCATED_ASNS}; used without the planner,
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN}
   */
  readonly asn?: number;

  /**
   * The Alibaba Cloud side's BGP ASN, in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`: the old name of `asn` (the same value
   * under both is accepted; different values are refused).
   *
   * @default - `asn`
   * @deprecated use `asn` (one name for a gateway's own ASN in every cloud); removed in the next release
   */
  readonly localAsn?: number;

  /**
   * Whether routes learned over BGP are advertised to the VPC's route table.
   * Terraform `auto_propagate`.
   *
   * @default true
   * @see https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/vpn_gateway#auto_propagate
   */
  readonly autoPropagateBgpRoutes?: boolean;

  /**
   * Name of the gateway: 2-100 characters. Terraform `vpn_gateway_name`.
   *
   * @default - no name (the console shows the id)
   */
  readonly name?: string;

  /**
   * The old name of `name` (the same value under both is accepted; different values are refused).
   *
   * @default - `name`
   * @deprecated use `name` (one name for a resource's name in every cloud); removed in the next release
   */
  readonly vpnGatewayName?: string;

  /**
   * The site id of the gateway in the topology: keys every value the planner derives for it
   * (keys, inside addresses). Letters, digits, `.`, `_` and `-`; keep it stable.
   *
   * @default - the construct id
   */
  readonly siteId?: string;

  /**
   * CloudMonitor alarms on the gateway's IPsec connections: one rule per connection the plan builds
   * (on its inbound bandwidth; see `alarms.ts`), named by the plan. `false` creates none (the
   * site's `alarms` is then `false`, and the plan names none); an object sets the period,
   * threshold, evaluation periods and contact groups.
   *
   * @default true - alarms with the defaults of {@link AlicloudAlarmOptions}
   */
  readonly alarms?: boolean | AlicloudAlarmOptions;
}

/**
 * An Alibaba Cloud VPN gateway with IPsec-VPN on and SSL-VPN off, public, dual-tunnel by default
 * (two public IPs in two zones).
 *
 * As an `IVpnGateway` it builds, per planned link, one customer gateway per remote endpoint and
 * the planned IPsec connections (master + slave tunnels, or single tunnels) with their routes.
 *
 * @resource alicloud_vpn_gateway
 */
export class AlicloudVpnGateway extends Construct implements IVpnGateway, IAlicloudVpnGateway {
  /**
   * An Alibaba Cloud VPN gateway that exists already, as a construct of `scope` (a cdktf
   * `TerraformStack` or a construct in one): `CrossCloudVpn` links it like a new gateway. It
   * creates no gateway resource; the IPsec connections built on it are bound to `vpnGatewayId`
   * and record the attributes in their Terraform JSON comment key
   * (`"//": { "crossCloudVpn": { "gateway": ... } }`) for `ccvpn verify`. Its endpoints are its
   * literal public IPs (`endpointsKnown` `gateway`); its site carries `inUse` and the ASN.
   *
   * The attributes can be read from the Alibaba Cloud CLI's output with
   * `alicloudGatewayAttributesFromCli` (`aliyun vpc DescribeVpnGateway`, `DescribeVpnConnections`,
   * `DescribeVpcs`). Every attribute is checked; all problems are thrown at once.
   *
   * @example
   * const gateway = AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Hangzhou', {
   *   vpnGatewayId: 'vpn-bp1q8bgx4xnkm2ogjabcd', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL,
   *   internetIp: '203.0.113.77', disasterRecoveryInternetIp: '203.0.113.78',
   *   cidrs: ['10.20.0.0/16'], asn: 65110, bgpSupported: true,
   *   inUse: { insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'], connections: 1 },
   * });
   */
  public static fromVpnGatewayAttributes(scope: Construct, id: string, attrs: AlicloudVpnGatewayAttributes): IExistingAlicloudVpnGateway {
    return new ExistingAlicloudVpnGateway(scope, id, attrs);
  }

  /** `false`: this gateway is created by this app (its connections carry no gateway record). */
  public readonly existing = false;
  /** The IPv4 prefixes of the networks behind the gateway, as given. */
  public readonly cidrs: readonly string[];
  /** Its endpoints are the gateway's public IPs (`master`, `slave`): they exist once the gateway is deployed. */
  public readonly endpointsKnown: EndpointsKnown = 'gateway';
  /** The gateway as a site of the topology: cloud `alicloud`, kind, the given CIDRs, `asn`. */
  public readonly site: SiteSpec;
  /** The VPN gateway's id, e.g. `vpn-bp1q8bgx4xnkm2ogj****`. */
  public readonly vpnGatewayId: string;
  /** Whether the gateway is dual-tunnel or single-tunnel. */
  public readonly tunnelMode: AlicloudTunnelMode;
  /** The gateway's first public IP: the master tunnels' address (endpoint `master`). */
  public readonly internetIp: string;
  /** The gateway's second public IP: the slave tunnels' address (endpoint `slave`; dual-tunnel only). */
  public readonly disasterRecoveryInternetIp?: string;
  /**
   * The Alibaba Cloud side's BGP ASN, when given: in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn` (else the plan's, or
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN} without the planner).
   */
  public readonly asn?: number;
  /** How the gateway is deployed: its stack, and the stacks that hold link resources of later phases. */
  public readonly deployment: IGatewayDeployment;
  /** The CloudMonitor alarm options with their defaults; `undefined` with `alarms: false`. */
  private readonly alarmOptions?: ResolvedAlarmOptions;

  constructor(scope: Construct, id: string, given: AlicloudVpnGatewayProps) {
    super(scope, id);
    checkAlicloudProps(this.node.path, given, ALICLOUD_VPN_GATEWAY_PROPS);
    const props = currentTfProps(this, given, ALICLOUD_VPN_GATEWAY_PROPS, 'AlicloudVpnGatewayProps');
    this.tunnelMode = props.tunnelMode ?? AlicloudTunnelMode.DUAL_TUNNEL;
    this.asn = props.asn;
    this.cidrs = [...props.cidrs];
    const dual = this.tunnelMode === AlicloudTunnelMode.DUAL_TUNNEL;
    const paymentType = props.paymentType ?? AlicloudPaymentType.PAY_AS_YOU_GO;
    this.deployment = new TerraformGatewayDeployment(this, (endpoint) => ({ scope: this, value: this.endpointAddress(endpoint) }));

    const checker = new PropsChecker(this.node.path);
    if (!Object.values(AlicloudTunnelMode).includes(this.tunnelMode)) {
      checker.check('tunnelMode', 'tunnel-mode-unknown', `${show(this.tunnelMode)} is not a tunnel mode; allowed: ${Object.values(AlicloudTunnelMode).join(', ')}`);
    }
    if (dual && props.disasterRecoveryVswitchId === undefined) {
      checker.check('disasterRecoveryVswitchId', 'vswitch-missing', 'is required for a dual-tunnel gateway; allowed: a vSwitch of the VPC in a second zone (or, in a one-zone region, a vSwitch of the same zone)');
    } else if (!dual && props.disasterRecoveryVswitchId !== undefined) {
      checker.check('disasterRecoveryVswitchId', 'vswitch-unused', 'is given but the gateway is single-tunnel; allowed: vswitchId only, or tunnelMode DUAL_TUNNEL');
    }
    if (!Token.isUnresolved(props.bandwidthMbps) && !PUBLIC_BANDWIDTHS_MBPS.includes(props.bandwidthMbps)) {
      checker.check('bandwidthMbps', 'bandwidth-invalid', `${show(props.bandwidthMbps)} Mbit/s is not a bandwidth of a public VPN gateway; allowed: ${PUBLIC_BANDWIDTHS_MBPS.join(', ')} Mbit/s`);
    }
    if (!Token.isUnresolved(paymentType) && !PAYMENT_TYPES.includes(paymentType)) {
      checker.check('paymentType', 'payment-type-invalid', `${show(paymentType)} is not a payment type; allowed: ${PAYMENT_TYPES.join(', ')}`);
    }
    const period = props.subscriptionPeriodMonths;
    if (period !== undefined && paymentType !== AlicloudPaymentType.SUBSCRIPTION) {
      checker.check('subscriptionPeriodMonths', 'period-unused', `is given but paymentType is ${show(paymentType)}; allowed: a period with AlicloudPaymentType.SUBSCRIPTION only`);
    } else if (period !== undefined && !Token.isUnresolved(period) && !SUBSCRIPTION_PERIODS_MONTHS.includes(period)) {
      checker.check('subscriptionPeriodMonths', 'period-invalid', `${show(period)} months is not a subscription period; allowed: 1-9, 12, 24 or 36 months`);
    }
    if (props.asn !== undefined && !Token.isUnresolved(props.asn)) checker.check('asn', 'asn-invalid', ownAsnProblem('alicloud', props.asn));
    if (props.cidrs.length === 0) checker.check('cidrs', 'cidrs-missing', 'expected at least one IPv4 prefix, got none');
    props.cidrs.forEach((c, i) => {
      const parsed = Token.isUnresolved(c) ? undefined : parseCidr(c);
      if (!parsed) checker.check(`cidrs[${i}]`, 'cidr-token', 'is a token; allowed: a literal IPv4 prefix (the planner needs it)');
      else if (!parsed.ok) checker.check(`cidrs[${i}]`, 'cidr-invalid', `${show(c)} is not a valid IPv4 prefix (${parsed.reason})`);
    });
    this.alarmOptions = props.alarms === false ? undefined : resolveAlarmOptions(checker, props.alarms === true ? undefined : props.alarms);
    checker.throwIfAny();

    this.site = {
      id: props.siteId ?? id,
      cloud: 'alicloud',
      gateway: this.tunnelMode,
      cidrs: [...props.cidrs],
      asn: props.asn,
      ...(props.alarms === false ? { alarms: false } : {}),
    };

    const resource = new VpnGateway(this, 'Resource', {
      vpcId: props.vpcId,
      vswitchId: props.vswitchId,
      disasterRecoveryVswitchId: props.disasterRecoveryVswitchId,
      bandwidth: props.bandwidthMbps,
      networkType: 'public',
      enableIpsec: true,
      enableSsl: false,
      paymentType,
      period: paymentType === AlicloudPaymentType.SUBSCRIPTION ? (period ?? 1) : undefined,
      autoPropagate: props.autoPropagateBgpRoutes ?? true,
      vpnGatewayName: props.name,
    });
    this.vpnGatewayId = resource.id;
    this.internetIp = resource.internetIp;
    this.disasterRecoveryInternetIp = dual ? resource.disasterRecoveryInternetIp : undefined;
  }

  /**
   * The Alibaba Cloud side's BGP ASN, when given (in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`): the old name of `asn`.
   *
   * @deprecated use `asn`; removed in the next release
   */
  public get localAsn(): number | undefined {
    return this.asn;
  }

  /** Path of the construct, for messages. */
  public get path(): string {
    return this.node.path;
  }

  /** The public IP of endpoint `master` (`internetIp`) or `slave` (`disasterRecoveryInternetIp`), a Terraform reference. */
  public endpointAddress(endpoint: string): string {
    return tunnelEndpointAddress(this.node.path, this, endpoint);
  }

  /**
   * Builds this gateway's half of one planned link under `Link-<link id>` (in
   * `realisation.stack` when given, else in this gateway): a customer gateway per remote
   * endpoint (`cgw1`, ...) and the planned IPsec connections (`conn1`, ...) with their routes.
   */
  public realiseLink(realisation: LinkRealisation): void {
    const r = realisedResources({
      construct: this, site: this.site, cloudName: 'Alibaba Cloud', givenAsn: this.asn === undefined || Token.isUnresolved(this.asn) ? undefined : this.asn,
    }, realisation, 'alicloud');
    buildAlicloudLink(this, this, realisation, r, connectionAlarmsHook(this.site.id, this.vpnGatewayId, realisation, this.alarmOptions));
  }
}
