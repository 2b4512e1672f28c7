/**
 * An Alibaba Cloud VPN gateway that exists already (created outside this app), imported in the
 * style of aws-cdk-lib's `fromXxxAttributes`: `AlicloudVpnGateway.fromVpnGatewayAttributes`.
 * The construct creates no gateway resource; the links realised on it build customer gateways
 * and IPsec connections bound to the gateway by its id, and each connection records what is
 * declared here (`gateway-record.ts`) so `ccvpn verify` can model the gateway.
 *
 * What the library can and cannot change on a gateway it does not own (aliyun/terraform-provider-alicloud
 * v1.289.0): `alicloud_vpn_gateway` has no BGP or ASN attribute, only `auto_propagate`
 * (alicloud/resource_alicloud_vpn_gateway.go:37, sent as `AutoPropagate`, :324-326); BGP is
 * switched on per IPsec connection (`enable_tunnels_bgp`, or `bgp_config.enable` single-tunnel,
 * alicloud/resource_alicloud_vpn_connection.go) with the Alibaba side's ASN per tunnel
 * (`tunnel_bgp_config.local_asn`). So the connections built here set their own BGP and ASN; what
 * the gateway itself must offer is BGP support (`DescribeVpnGateway` `Tag.VpnEnableBgp`: its
 * version's and region's, changed only by an upgrade, "Configure BGP dynamic routing",
 * https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing)
 * and automatic route propagation (`AutoPropagate`). A BGP link on a gateway declared without
 * either is refused.
 */
import { Construct } from 'constructs';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import { SiteInUse, SiteSpec, ownAsnProblem, parseCidr, parseIpv4, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import { realisedResources } from '../private/realise-link';
import { TerraformGatewayDeployment } from '../private/tf-deployment';
import { AlicloudTunnelMode, IAlicloudVpnGateway } from './interfaces';
import { AlicloudAlarmOptions, ResolvedAlarmOptions, connectionAlarmsHook, resolveAlarmOptions } from './alarms';
import { buildAlicloudLink, tunnelEndpointAddress } from './link-builder';
import { ALICLOUD_VPN_GATEWAY_ATTRIBUTES, checkAlicloudProps } from './props-shape';

/** An existing Alibaba Cloud VPN gateway, as declared (or read by `alicloudGatewayAttributesFromCli`). */
export interface AlicloudVpnGatewayAttributes {
  /** The VPN gateway's id (`DescribeVpnGateway` `VpnGatewayId`), e.g. `vpn-bp1q8bgx4xnkm2ogjabcd`. */
  readonly vpnGatewayId: string;

  /**
   * Whether the gateway is dual-tunnel (two public IPs in two zones: `DescribeVpnGateway`
   * returns `DisasterRecoveryInternetIp`) or single-tunnel.
   */
  readonly tunnelMode: AlicloudTunnelMode;

  /** The gateway's first public IP, the master tunnels' (`DescribeVpnGateway` `InternetIp`): a literal IPv4 address. */
  readonly internetIp: string;

  /**
   * The gateway's second public IP, the slave tunnels' (`DescribeVpnGateway`
   * `DisasterRecoveryInternetIp`): a literal IPv4 address, dual-tunnel gateways only.
   *
   * @default - none: required with `AlicloudTunnelMode.DUAL_TUNNEL`, not allowed with `SINGLE_TUNNEL`
   */
  readonly disasterRecoveryInternetIp?: string;

  /** The IPv4 prefixes of the networks behind the gateway (its VPC's CIDR blocks, `DescribeVpcs` `CidrBlock` and `SecondaryCidrBlocks`). */
  readonly cidrs: readonly string[];

  /**
   * The Alibaba Cloud side's BGP ASN on the connections built here, in the ranges of
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.ownAsn`: Alibaba Cloud sets it per connection,
   * so keep the one the gateway's BGP connections already use (the CLI reader takes it from them).
   *
   * @default - the planner allocates one
   */
  readonly asn?: number;

  /**
   * Whether the gateway supports BGP dynamic routing (`DescribeVpnGateway` `Tag.VpnEnableBgp`).
   *
   * @default - not known: BGP links are not checked against it
   */
  readonly bgpSupported?: boolean;

  /**
   * Whether the gateway propagates the routes it learns over BGP to its VPC (`DescribeVpnGateway` `AutoPropagate`).
   *
   * @default - not known: BGP links are not checked against it
   */
  readonly autoPropagateBgpRoutes?: boolean;

  /**
   * What the gateway already uses outside this app (its other IPsec connections): their tunnel
   * CIDRs and BGP addresses, and how many connections count against its limit.
   *
   * @default - nothing in use
   */
  readonly inUse?: SiteInUse;

  /**
   * The gateway's connection limit, when its quota was raised: an integer of at least 1.
   *
   * @default - the documented limit (`CONNECTION_LIMITS`)
   */
  readonly maxConnections?: number;

  /**
   * The gateway's region, e.g. `cn-hangzhou`, for tables and labels.
   *
   * @default - none
   */
  readonly region?: string;

  /**
   * The site id of the gateway in the topology. Letters, digits, `.`, `_` and `-`; keep it stable.
   *
   * @default - the construct id
   */
  readonly siteId?: string;

  /**
   * CloudMonitor alarms on the IPsec connections the library builds on this gateway (see
   * `AlicloudVpnGatewayProps.alarms`): `true` or options (period, threshold, evaluation periods,
   * contact groups); `false` for none (the site's `alarms: false`).
   *
   * @default true - the defaults of `AlicloudAlarmOptions`
   */
  readonly alarms?: boolean | AlicloudAlarmOptions;
}

/** An existing Alibaba Cloud VPN gateway as `CrossCloudVpn` and `AlicloudVpnConnection` see it. */
export interface IExistingAlicloudVpnGateway extends IVpnGateway, IAlicloudVpnGateway {
  /** The gateway's first public IP, as declared. */
  readonly internetIp: string;
  /** Always `true`: the gateway was created outside this app. */
  readonly existing: true;
}

const VPN_GATEWAY_ID = /^vpn-[a-z0-9]{1,64}$/;

/**
 * The existing gateway (see `AlicloudVpnGateway.fromVpnGatewayAttributes`).
 * @internal
 */
export class ExistingAlicloudVpnGateway extends Construct implements IExistingAlicloudVpnGateway {
  public readonly endpointsKnown: EndpointsKnown = 'gateway';
  public readonly existing = true as const;
  public readonly site: SiteSpec;
  public readonly vpnGatewayId: string;
  public readonly tunnelMode: AlicloudTunnelMode;
  public readonly internetIp: string;
  public readonly disasterRecoveryInternetIp?: string;
  public readonly asn?: number;
  public readonly cidrs: readonly string[];
  public readonly bgpSupported?: boolean;
  public readonly autoPropagateBgpRoutes?: boolean;
  public readonly tunnelCidrsInUse: readonly string[];
  public readonly deployment: IGatewayDeployment;
  private readonly alarmOptions?: ResolvedAlarmOptions;

  constructor(scope: Construct, id: string, attrs: AlicloudVpnGatewayAttributes) {
    super(scope, id);
    checkAlicloudProps(this.node.path, attrs, ALICLOUD_VPN_GATEWAY_ATTRIBUTES);
    checkAttributes(this.node.path, attrs);
    const alarmChecker = new PropsChecker(this.node.path);
    this.alarmOptions = attrs.alarms === false ? undefined : resolveAlarmOptions(alarmChecker, attrs.alarms === true ? undefined : attrs.alarms);
    alarmChecker.throwIfAny();
    this.vpnGatewayId = attrs.vpnGatewayId;
    this.tunnelMode = attrs.tunnelMode;
    this.internetIp = attrs.internetIp;
    this.disasterRecoveryInternetIp = attrs.disasterRecoveryInternetIp;
    this.asn = attrs.asn;
    this.cidrs = [...attrs.cidrs];
    this.bgpSupported = attrs.bgpSupported;
    this.autoPropagateBgpRoutes = attrs.autoPropagateBgpRoutes;
    this.tunnelCidrsInUse = [...(attrs.inUse?.insideCidrs ?? [])];
    this.site = {
      id: attrs.siteId ?? id,
      cloud: 'alicloud',
      gateway: attrs.tunnelMode,
      cidrs: [...attrs.cidrs],
      ...(attrs.asn === undefined ? {} : { asn: attrs.asn }),
      ...(attrs.region === undefined ? {} : { region: attrs.region }),
      ...(attrs.maxConnections === undefined ? {} : { maxConnections: attrs.maxConnections }),
      ...(attrs.inUse === undefined ? {} : { inUse: attrs.inUse }),
      ...(attrs.alarms === false ? { alarms: false } : {}),
    };
    this.deployment = new TerraformGatewayDeployment(this, (endpoint) => ({ scope: this, value: this.endpointAddress(endpoint) }));
  }

  public get path(): string {
    return this.node.path;
  }

  /** The public IP of endpoint `master` (`internetIp`) or `slave` (`disasterRecoveryInternetIp`): a literal. */
  public endpointAddress(endpoint: string): string {
    return tunnelEndpointAddress(this.node.path, this, endpoint);
  }

  /**
   * Builds this gateway's half of one planned link, as a new gateway does (customer gateways and
   * IPsec connections bound to `vpnGatewayId`); refuses a BGP link the gateway cannot carry.
   */
  public realiseLink(realisation: LinkRealisation): void {
    const r = realisedResources({ construct: this, site: this.site, cloudName: 'Alibaba Cloud', givenAsn: this.asn }, realisation, 'alicloud');
    if (r.connections.some((c) => c.routes.kind === 'bgp')) {
      const checker = new PropsChecker(this.node.path);
      const link = show(r.link);
      if (this.bgpSupported === false) {
        checker.check('bgpSupported', 'bgp-unsupported', `is false, but link ${link} is routed with BGP; allowed: a policy or static link, or upgrade the gateway to a version with BGP dynamic routing (DescribeVpnGateway Tag.VpnEnableBgp true) and export it again`);
      }
      if (this.autoPropagateBgpRoutes === false) {
        checker.check('autoPropagateBgpRoutes', 'bgp-routes-not-propagated', `is false, but link ${link} is routed with BGP: the routes the gateway learns would never reach its VPC's route table; allowed: a policy or static link, or turn on the gateway's automatic route propagation (AutoPropagate) and export it again`);
      }
      checker.throwIfAny();
    }
    buildAlicloudLink(this, this, realisation, r, connectionAlarmsHook(this.site.id, this.vpnGatewayId, realisation, this.alarmOptions));
  }
}

/** Every problem of the attributes, thrown at once. */
function checkAttributes(path: string, a: AlicloudVpnGatewayAttributes): void {
  const checker = new PropsChecker(path);
  const literal = (field: string, v: unknown): boolean => {
    if (!Token.isUnresolved(v)) return true;
    checker.check(field, 'attribute-token', 'is a token; allowed: a literal (an existing gateway\'s attributes are known before deployment, and the planner needs them)');
    return false;
  };
  if (literal('vpnGatewayId', a.vpnGatewayId) && !VPN_GATEWAY_ID.test(a.vpnGatewayId)) {
    checker.check('vpnGatewayId', 'gateway-id-invalid', `${show(a.vpnGatewayId)} is not a VPN gateway id; allowed: 'vpn-' and lower-case letters or digits, e.g. 'vpn-bp1q8bgx4xnkm2ogjabcd' (masked ids such as 'vpn-bp1…****' from documentation are not ids)`);
  }
  const modes = Object.values(AlicloudTunnelMode) as string[];
  if (!modes.includes(a.tunnelMode)) {
    checker.check('tunnelMode', 'tunnel-mode-unknown', `${show(a.tunnelMode)} is not a tunnel mode; allowed: ${modes.join(', ')}`);
  }
  const dual = a.tunnelMode === AlicloudTunnelMode.DUAL_TUNNEL;
  const ip = (field: string, v: string) => {
    if (literal(field, v) && parseIpv4(v) === undefined) {
      checker.check(field, 'ip-address-invalid', `${show(v)} is not a dotted-quad IPv4 address; allowed: the gateway's public IPv4 address (masked addresses such as '47.22.XX.XX' are not addresses)`);
    }
  };
  ip('internetIp', a.internetIp);
  if (dual && a.disasterRecoveryInternetIp === undefined) {
    checker.check('disasterRecoveryInternetIp', 'ip-address-missing', 'is required: the gateway is dual-tunnel; allowed: its second public IP (DescribeVpnGateway DisasterRecoveryInternetIp)');
  } else if (!dual && a.disasterRecoveryInternetIp !== undefined) {
    checker.check('disasterRecoveryInternetIp', 'ip-address-unused', 'is given but the gateway is single-tunnel; allowed: internetIp only, or tunnelMode DUAL_TUNNEL');
  } else if (a.disasterRecoveryInternetIp !== undefined) {
    ip('disasterRecoveryInternetIp', a.disasterRecoveryInternetIp);
    if (a.disasterRecoveryInternetIp === a.internetIp) {
      checker.check('disasterRecoveryInternetIp', 'ip-address-duplicate', `${show(a.disasterRecoveryInternetIp)} is also internetIp; allowed: the gateway's second public IP, different from its first`);
    }
  }
  if (a.cidrs.length === 0) checker.check('cidrs', 'cidrs-missing', 'expected at least one IPv4 prefix, got none');
  a.cidrs.forEach((c, i) => {
    if (!literal(`cidrs[${i}]`, c)) return;
    const parsed = parseCidr(c);
    if (!parsed.ok) checker.check(`cidrs[${i}]`, 'cidr-invalid', `${show(c)} is not a valid IPv4 prefix (${parsed.reason})`);
  });
  if (a.asn !== undefined && literal('asn', a.asn)) checker.check('asn', 'asn-invalid', ownAsnProblem('alicloud', a.asn));
  if (a.maxConnections !== undefined && literal('maxConnections', a.maxConnections) && !(Number.isInteger(a.maxConnections) && a.maxConnections >= 1)) {
    checker.check('maxConnections', 'max-connections-invalid', `${show(a.maxConnections)} is not an integer of at least 1`);
  }
  const inUse = a.inUse ?? {};
  (inUse.insideCidrs ?? []).forEach((c, i) => {
    if (!literal(`inUse.insideCidrs[${i}]`, c)) return;
    const parsed = parseCidr(c);
    if (!parsed.ok) checker.check(`inUse.insideCidrs[${i}]`, 'cidr-invalid', `${show(c)} is not a valid IPv4 prefix (${parsed.reason}); allowed: a tunnel CIDR of the gateway's connections, e.g. 169.254.10.0/30`);
  });
  (inUse.insideAddresses ?? []).forEach((v, i) => {
    if (literal(`inUse.insideAddresses[${i}]`, v) && parseIpv4(v) === undefined) {
      checker.check(`inUse.insideAddresses[${i}]`, 'ip-address-invalid', `${show(v)} is not a dotted-quad IPv4 address; allowed: a BGP address of the gateway's connections, e.g. 169.254.10.1`);
    }
  });
  if (inUse.connections !== undefined && literal('inUse.connections', inUse.connections) && !(Number.isInteger(inUse.connections) && inUse.connections >= 0)) {
    checker.check('inUse.connections', 'connections-invalid', `${show(inUse.connections)} is not an integer of at least 0`);
  }
  checker.throwIfAny();
}
