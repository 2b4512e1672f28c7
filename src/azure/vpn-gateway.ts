/**
 * An Azure VPN gateway (route-based, BGP, active-active by default) with its GatewaySubnet and
 * public IPs, and its half of every planned tunnel of the links the cross-cloud layer gives it.
 */
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import {
  AZURE_DEFAULT_ASN, AZURE_DEFAULT_SKU, AZURE_RETIRED_SKUS, AZURE_SKUS_BY_GENERATION, AZURE_SKU_TUNNELS, SiteSpec,
  azureApipaProblem, isAzureAzSku, ownAsnProblem, parseCidr, show,
} from '../plan';
import { contains } from '../common/cidr';
import { Fn, Token } from '../private/cdktf';
import { ownValue } from '../common/own-key';
import { PropsChecker } from '../private/errors';
import { linkScope, realisedResources } from '../private/realise-link';
import { AZURE_ADD_APIPA_ARGS, AZURE_VPN_GATEWAY_PROPS, checkAzureProps } from './props-shape';
import { AzureVpnAlarmOptions, checkAlarmOptions } from './alarms';
import { currentTfProps } from '../private/tf-renamed';
import { TerraformGatewayDeployment } from '../private/tf-deployment';
import { azureNameProblem, azureResourceName } from './azure-names';
import { AzureVpnGatewayAttributes, ExistingAzureVpnGateway, IExistingAzureVpnGateway } from './existing-gateway';
import { AzureGatewayInstance, IAzureVpnGateway } from './interfaces';
import { buildAzureLinkHalf, instanceAddress } from './link-half';
import { azurermRowOf, setVersionedAttribute } from './provider-versions';

/** Same alphabet as the planner's site ids (they key every derived value and name). */
const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/**
 * Gateway SKUs per generation (Azure "About gateway SKUs", Z9).
 */
const SKUS_BY_GENERATION: Record<string, readonly string[]> = AZURE_SKUS_BY_GENERATION;
/**
 * The SKUs a new gateway can have: the AZ SKUs. Basic is left out (no BGP, no active-active mode,
 * no custom IPsec/IKE policy), and so are the non-AZ VpnGw1-5, which Azure no longer creates
 * (`AZURE_RETIRED_SKUS`, Z14 Z15).
 */
const SKUS = Object.keys(AZURE_SKU_TUNNELS).filter(isAzureAzSku);
/** Azure requires a GatewaySubnet of /29 or larger (/27 recommended). */
const GATEWAY_SUBNET_LONGEST_PREFIX = 29;
const ZONES = ['1', '2', '3'];

/** The props under their current names (after `currentTfProps`). */
type CurrentProps = Omit<AzureVpnGatewayProps, 'virtualNetworkAddressSpace'> & { readonly cidrs: readonly string[] };

/** Properties of an `AzureVpnGateway`. */
export interface AzureVpnGatewayProps {
  /**
   * The gateway's id as a site of the topology: keys every value the planner derives for it
   * (keys, addresses, ASN). Keep it stable.
   *
   * 1-63 letters, digits, `.`, `_` or `-`, starting with a letter or digit.
   *
   * @default - the construct's id
   */
  readonly siteId?: string;

  /**
   * Name of the virtual network gateway; its public IPs, local network gateways and connections
   * are named after it.
   *
   * 1-80 letters, digits, `_`, `.` or `-`. Terraform `name`.
   *
   * @default - `<siteId>-vpngw`
   */
  readonly name?: string;

  /** Resource group of the gateway, its public IPs and the virtual network. Terraform `resource_group_name`. */
  readonly resourceGroupName: string;

  /** Azure region, e.g. `japaneast`. Terraform `location`. */
  readonly location: string;

  /**
   * The IPv4 prefixes of the networks behind the gateway, as the planner sees them (the address
   * space of the virtual network: peers route them over the VPN). Literal CIDRs, network address
   * aligned. Azure `addressSpace.addressPrefixes` of the VNet. Required: optional in the type only
   * while its old name `virtualNetworkAddressSpace` is accepted.
   *
   * @default - `virtualNetworkAddressSpace` (one of the two is required)
   */
  readonly cidrs?: readonly string[];

  /**
   * Address space of the virtual network: the old name of `cidrs` (the same value under both is
   * accepted; different values are refused).
   *
   * @default - `cidrs`
   * @deprecated use `cidrs` (one name for the networks behind a gateway in every cloud); removed in the next release
   */
  readonly virtualNetworkAddressSpace?: string[];

  /**
   * Name of the virtual network the GatewaySubnet is created in. Required unless `gatewaySubnetId`.
   *
   * Terraform `azurerm_subnet.virtual_network_name`.
   *
   * @default - none: `gatewaySubnetId` is used
   */
  readonly virtualNetworkName?: string;

  /**
   * Prefix of the `GatewaySubnet` to create. Required unless `gatewaySubnetId`.
   *
   * /29 or larger (/27 recommended), inside `cidrs`. Terraform
   * `azurerm_subnet.address_prefixes`.
   *
   * @default - none: `gatewaySubnetId` is used
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
   */
  readonly gatewaySubnetCidr?: string;

  /**
   * Resource id of an existing subnet named `GatewaySubnet`, instead of creating one.
   *
   * @default - a `GatewaySubnet` is created from `virtualNetworkName` and `gatewaySubnetCidr`
   */
  readonly gatewaySubnetId?: string;

  /**
   * Whether both gateway instances are active, each with its own public IP. Serving both tunnels
   * of an AWS VPN connection with BGP needs active-active (Azure's AWS guide).
   *
   * Terraform `active_active`.
   *
   * @default true
   * @see https://learn.microsoft.com/azure/vpn-gateway/active-active-portal
   */
  readonly activeActive?: boolean;

  /**
   * Gateway SKU, which sets its tunnel limit and throughput.
   *
   * VpnGw1AZ-VpnGw5AZ. Basic has no BGP, active-active or custom policy; the non-AZ VpnGw1-5 are
   * refused because Azure no longer creates gateways with them (`NonAzSkusNotAllowedForVPNGateway`
   * since 2025-11-01). Terraform `sku`.
   *
   * @default 'VpnGw2AZ'
   * @see https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus
   */
  readonly sku?: string;

  /**
   * Gateway generation.
   *
   * `Generation1` (VpnGw1AZ-3AZ) or `Generation2` (VpnGw2AZ-5AZ). Terraform `generation`.
   *
   * @default - 'Generation2', or 'Generation1' for VpnGw1AZ
   */
  readonly generation?: string;

  /**
   * BGP ASN of the gateway.
   *
   * In the ranges of {@link "cross-cloud-vpn".AZURE | AZURE}`.ownAsn` (32-bit ASNs are supported;
   * Azure reserves a few; Azure's BGP FAQ). Terraform `bgp_settings.asn`.
   *
   * @default - the planner's allocation when the gateway realises a plan, else Azure's
   * {@link "cross-cloud-vpn".AZURE_DEFAULT_ASN | AZURE_DEFAULT_ASN}
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly asn?: number;

  /**
   * Custom APIPA BGP addresses of the first instance (ip configuration `instance0`).
   *
   * Addresses in Azure's APIPA range, {@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`,
   * distinct from every other instance's. Terraform
   * `bgp_settings.peering_addresses.apipa_addresses`.
   *
   * @default - none, plus those of the plan when the gateway realises one
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly instance0ApipaAddresses?: string[];

  /**
   * Custom APIPA BGP addresses of the second instance (ip configuration `instance1`); active-active only.
   *
   * Addresses in Azure's APIPA range, {@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`,
   * distinct from the first instance's.
   *
   * @default - none, plus those of the plan when the gateway realises one
   */
  readonly instance1ApipaAddresses?: string[];

  /**
   * Availability zones of the public IPs (both get the same zones and the Standard SKU).
   *
   * Each of `1`, `2`, `3`, at least one: an AZ SKU's gateway needs zones on its public IPs
   * (Azure refuses it otherwise with `VmssVpnGatewayPublicIpsMustHaveZonesConfigured`).
   * Terraform `azurerm_public_ip.zones`.
   *
   * @default ['1', '2', '3'] (zone-redundant)
   */
  readonly publicIpZones?: string[];

  /**
   * Azure Monitor metric alerts on every active tunnel of the gateway's links: one when the
   * tunnel's connection has no IPsec SA (`QmsaCount`), and on BGP links one when its BGP peer is
   * down (`BgpPeerStatus`), named by the plan (`TunnelEnd.alarms`). `false` creates none (the
   * gateway's site then has `alarms: false`); options tune them and name an action group to notify.
   *
   * Terraform `azurerm_monitor_metric_alert`, one per alarm, scoped to the gateway.
   *
   * @default true (every option at its default, no action group)
   * @see https://learn.microsoft.com/azure/vpn-gateway/monitor-vpn-gateway-reference
   */
  readonly alarms?: boolean | AzureVpnAlarmOptions;

  /**
   * Tags of every resource created.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

/**
 * A route-based Azure VPN gateway with BGP, its `GatewaySubnet` and Standard static public IPs.
 * Implements `IVpnGateway`, so the cross-cloud layer can ask it to realise planned links:
 * each creates the link's local network gateways and connections.
 *
 * @resource azurerm_virtual_network_gateway
 */
export class AzureVpnGateway extends Construct implements IVpnGateway, IAzureVpnGateway {
  /**
   * An Azure virtual network gateway that exists already (created outside this app), to link
   * with `CrossCloudVpn` like a new one. Nothing of the gateway is created or changed: its links
   * add local network gateways and connections that reference it by id, each recording the
   * declared gateway under the Terraform JSON key `"//".crossCloudVpn.gateway` for `ccvpn verify`.
   * Its endpoints are its instances' literal public IPs (`endpointsKnown: 'gateway'`).
   *
   * The APIPA BGP addresses the plan gives its instances must be among the ones it has
   * (`instance0ApipaAddresses`, `instance1ApipaAddresses`): otherwise linking fails with the
   * `az network vnet-gateway update` command that adds them. Read the attributes from the Azure
   * CLI's JSON with `azureGatewayAttributesFromCli`.
   *
   * @param scope - the construct scope, in a cdktf stack that owns an azurerm provider
   * @param id - the construct id (the site id unless `siteId` is given)
   * @param attrs - what the gateway is
   */
  public static fromVirtualNetworkGatewayAttributes(scope: Construct, id: string, attrs: AzureVpnGatewayAttributes): IExistingAzureVpnGateway {
    return new ExistingAzureVpnGateway(scope, id, attrs);
  }

  /** Its endpoints are its instances' public IPs: they exist once the gateway is deployed. */
  public readonly endpointsKnown: EndpointsKnown = 'gateway';
  public readonly site: SiteSpec;
  public readonly deployment: IGatewayDeployment;
  public readonly virtualNetworkGatewayId: string;
  /** Name of the virtual network gateway. */
  public readonly virtualNetworkGatewayName: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly activeActive: boolean;
  /** Id of the `GatewaySubnet` (created or given). */
  public readonly gatewaySubnetId: string;
  /** Public IP address per instance (`instance0`, then `instance1`), as Terraform tokens. */
  public readonly publicIpAddresses: string[];
  /**
   * Default BGP peering address per instance (its GatewaySubnet IP, from
   * `bgp_settings.peering_addresses[i].default_addresses`), as Terraform tokens.
   */
  public readonly defaultBgpPeeringAddresses: string[];
  /** The underlying Terraform resource. */
  public readonly resource: VirtualNetworkGateway;

  private readonly instances: AzureGatewayInstance[];
  private readonly apipa = new Map<AzureGatewayInstance, string[]>();
  private readonly asnFromProps: boolean;
  private readonly tags?: Record<string, string>;
  /** The tunnels' alarm options (`undefined`: alarms off). */
  private readonly alarmOptions?: AzureVpnAlarmOptions;

  constructor(scope: Construct, id: string, given: AzureVpnGatewayProps) {
    super(scope, id);
    checkAzureProps(this.node.path, given, AZURE_VPN_GATEWAY_PROPS);
    const props = currentTfProps(this, given, AZURE_VPN_GATEWAY_PROPS, 'AzureVpnGatewayProps') as CurrentProps;
    const siteId = props.siteId ?? id;
    const sku = props.sku ?? AZURE_DEFAULT_SKU;
    const generation = props.generation ?? (SKUS_BY_GENERATION.Generation2.includes(sku) ? 'Generation2' : 'Generation1');
    const name = props.name ?? `${siteId}-vpngw`;
    // Every SKU a new gateway can have is an AZ SKU, whose public IPs need zones (Z14).
    const zones = props.publicIpZones ?? ZONES;
    this.activeActive = props.activeActive ?? true;
    this.instances = this.activeActive ? [AzureGatewayInstance.INSTANCE_0, AzureGatewayInstance.INSTANCE_1] : [AzureGatewayInstance.INSTANCE_0];
    this.instances.forEach((instance) => this.apipa.set(instance, []));
    this.validate(props, siteId, sku, generation, name, zones);

    this.site = {
      id: siteId,
      cloud: 'azure',
      gateway: this.activeActive ? 'active-active' : 'active-standby',
      cidrs: [...props.cidrs],
      asn: props.asn,
      sku,
      ...(props.alarms === false ? { alarms: false } : {}),
    };
    this.alarmOptions = props.alarms === false ? undefined : props.alarms === true || props.alarms === undefined ? {} : props.alarms;
    this.asnFromProps = props.asn !== undefined;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.virtualNetworkGatewayName = name;
    this.tags = props.tags;

    this.gatewaySubnetId = props.gatewaySubnetId ?? new Subnet(this, 'GatewaySubnet', {
      name: 'GatewaySubnet', // the only name Azure accepts for a VPN gateway's subnet
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: props.virtualNetworkName!,
      addressPrefixes: [props.gatewaySubnetCidr!],
    }).id;

    const publicIps = this.instances.map((_, i) => new PublicIp(this, `PublicIp${i}`, {
      name: azureResourceName(name, `pip${i}`),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard', // active-active needs Standard static IPs, both with the same SKU and zones
      allocationMethod: 'Static',
      zones,
      tags: props.tags,
    }));
    this.publicIpAddresses = publicIps.map((ip) => ip.ipAddress);

    this.resource = new VirtualNetworkGateway(this, 'Resource', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku,
      generation,
      activeActive: this.activeActive,
      ipConfiguration: this.instances.map((instance, i) => ({
        name: instance,
        publicIpAddressId: publicIps[i].id,
        privateIpAddressAllocation: 'Dynamic',
        subnetId: this.gatewaySubnetId,
      })),
      bgpSettings: { asn: props.asn ?? AZURE_DEFAULT_ASN },
      tags: props.tags,
    });
    // The BGP switch is spelled as the loaded bindings' azurerm version documents (provider-versions.ts).
    setVersionedAttribute(this.resource, azurermRowOf(this.node.path, this.resource).gatewayBgpEnabled, true);
    this.virtualNetworkGatewayId = this.resource.id;
    this.addApipaAddresses(AzureGatewayInstance.INSTANCE_0, props.instance0ApipaAddresses ?? []);
    if (this.activeActive) this.addApipaAddresses(AzureGatewayInstance.INSTANCE_1, props.instance1ApipaAddresses ?? []);
    this.deployment = new TerraformGatewayDeployment(this, (endpoint) => ({ scope: this, value: this.endpointAddress(endpoint) }));
    this.defaultBgpPeeringAddresses = this.instances.map((_, i) => Fn.element(this.resource.bgpSettings.peeringAddresses.get(i).defaultAddresses, 0));
  }

  public get path(): string {
    return this.node.path;
  }

  /** The public IP of `instance0` or `instance1` (the plan's endpoint names), as a Terraform token. */
  public endpointAddress(endpoint: string): string {
    return instanceAddress(this.node.path, String(this.site.gateway), this.instances, this.publicIpAddresses, endpoint);
  }

  public apipaAddressesOf(instance: AzureGatewayInstance): string[] {
    return [...(this.apipa.get(instance) ?? [])];
  }

  /**
   * Adds custom APIPA BGP addresses to one instance (addresses it already has are skipped).
   *
   * Each in Azure's APIPA range ({@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`) and not
   * used by the other instance.
   */
  public addApipaAddresses(instance: AzureGatewayInstance, addresses: readonly string[]): void {
    checkAzureProps(this.node.path, { instance, addresses }, AZURE_ADD_APIPA_ARGS);
    const checker = new PropsChecker(this.node.path);
    this.checkApipa(checker, instance, addresses);
    checker.throwIfAny();
    const list = this.apipa.get(instance)!;
    for (const address of addresses) if (!list.includes(address)) list.push(address);
    this.writePeeringAddresses();
  }

  /** Records why `addresses` cannot be APIPA addresses of `instance` (in range, not on another instance). */
  private checkApipa(checker: PropsChecker, instance: AzureGatewayInstance, addresses: readonly string[], others = this.apipaOfOthers(instance)): void {
    const prop = `${instance}ApipaAddresses`;
    if (!this.instances.includes(instance)) {
      checker.check(prop, 'instance-unknown', `${instance} does not exist on this active-standby gateway; allowed: APIPA addresses for ${this.instances.join(', ')}`);
      return;
    }
    addresses.forEach((address, i) => {
      if (Token.isUnresolved(address)) return;
      checker.check(`${prop}[${i}]`, 'apipa-out-of-range', azureApipaProblem(address));
      if (others.includes(address)) checker.check(`${prop}[${i}]`, 'apipa-duplicate', `${show(address)} is already an APIPA address of the other instance; allowed: an address no other instance uses`);
    });
  }

  private apipaOfOthers(instance: AzureGatewayInstance): string[] {
    return [...this.apipa.entries()].filter(([k]) => k !== instance).flatMap(([, v]) => v);
  }

  /**
   * Builds this gateway's half of one planned link: a local network gateway and a connection per
   * planned Azure connection (under a scope named after the link id), the gateway's APIPA
   * addresses from the plan, and its ASN when none was given.
   */
  public realiseLink(r: LinkRealisation): void {
    const resources = realisedResources({ construct: this, site: this.site, cloudName: 'Azure', givenAsn: this.asnFromProps ? this.site.asn : undefined }, r, 'azure');
    const scope = linkScope(this, r, 'under-gateway');
    this.resource.bgpSettings.asn = r.gateway.asn;
    for (const instance of this.instances) this.addApipaAddresses(instance, r.gateway.apipaAddresses?.[instance] ?? []);
    buildAzureLinkHalf({ gateway: this, path: this.node.path, siteId: this.site.id, name: this.virtualNetworkGatewayName, tags: this.tags , alarms: this.alarmOptions }, scope, r, resources);
  }

  /** One `peering_addresses` block per ip configuration, with that instance's APIPA addresses. */
  private writePeeringAddresses(): void {
    this.resource.bgpSettings.putPeeringAddresses(this.instances.map((instance) => {
      const addresses = this.apipa.get(instance)!;
      return { ipConfigurationName: instance, apipaAddresses: addresses.length ? [...addresses] : undefined };
    }));
  }

  private validate(props: CurrentProps, siteId: string, sku: string, generation: string, name: string, zones: string[] | undefined): void {
    const checker = new PropsChecker(this.node.path);
    const literal = (s: string | undefined): s is string => s !== undefined && !Token.isUnresolved(s);

    if (!SITE_ID.test(siteId)) {
      checker.check('siteId', 'site-id-invalid', `${show(siteId)}${props.siteId === undefined ? ' (the construct id)' : ''} is not a valid site id; allowed: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    }
    if (literal(name)) checker.check('name', 'name-invalid', azureNameProblem(name));
    if (props.asn !== undefined && !Token.isUnresolved(props.asn)) checker.check('asn', 'asn-reserved', ownAsnProblem('azure', props.asn));
    if (literal(sku) && Object.hasOwn(AZURE_RETIRED_SKUS, sku)) {
      checker.check('sku', 'sku-retired', `${show(sku)} is a non-AZ SKU, which Azure no longer creates (NonAzSkusNotAllowedForVPNGateway since 2025-11-01); allowed: its AZ equivalent ${show(AZURE_RETIRED_SKUS[sku])} (${SKUS.join(', ')})`);
    } else if (literal(sku) && !SKUS.includes(sku)) {
      checker.check('sku', 'sku-unknown', `${show(sku)} is not a VPN gateway SKU with BGP, active-active and custom IPsec policies; allowed: ${SKUS.join(', ')}`);
    } else if (literal(sku) && literal(generation)) {
      const skus = ownValue(SKUS_BY_GENERATION, generation);
      if (!skus) {
        checker.check('generation', 'generation-unknown', `${show(generation)} is not a gateway generation; allowed: ${Object.keys(SKUS_BY_GENERATION).join(', ')}`);
      } else if (!skus.includes(sku)) {
        checker.check('generation', 'generation-sku-mismatch', `${show(generation)} has no SKU ${show(sku)}; allowed: ${Object.entries(SKUS_BY_GENERATION).filter(([, s]) => s.includes(sku)).map(([g]) => g).join(', ')} for ${sku}`);
      }
    }
    if (zones !== undefined && !Token.isUnresolved(zones)) {
      zones.forEach((z, i) => {
        if (literal(z) && !ZONES.includes(z)) checker.check(`publicIpZones[${i}]`, 'zone-unknown', `${show(z)} is not an availability zone; allowed: ${ZONES.join(', ')}`);
      });
      if (zones.length === 0) {
        checker.check('publicIpZones', 'zones-missing', `is empty but SKU ${literal(sku) ? show(sku) : '(a token)'} is zone-redundant, and Azure refuses an AZ SKU's gateway whose public IPs have no zones (VmssVpnGatewayPublicIpsMustHaveZonesConfigured); allowed: one or more of ${ZONES.join(', ')}`);
      }
    }

    const space: ReturnType<typeof parseCidr>[] = [];
    if (!Token.isUnresolved(props.cidrs)) {
      if (props.cidrs.length === 0) checker.check('cidrs', 'cidrs-missing', 'is empty; allowed: the VNet\'s IPv4 prefixes, e.g. 10.20.0.0/16');
      props.cidrs.forEach((prefix, i) => {
        if (Token.isUnresolved(prefix)) return;
        const p = parseCidr(prefix);
        space.push(p);
        if (!p.ok) checker.check(`cidrs[${i}]`, 'cidr-malformed', `${show(prefix)} is not a valid IPv4 prefix (${p.reason})`);
      });
    }

    if (props.gatewaySubnetId !== undefined) {
      for (const prop of ['virtualNetworkName', 'gatewaySubnetCidr'] as const) {
        if (props[prop] !== undefined) checker.check(prop, 'subnet-ambiguous', 'is set together with gatewaySubnetId; allowed: gatewaySubnetId alone (existing subnet), or virtualNetworkName with gatewaySubnetCidr (new GatewaySubnet)');
      }
    } else {
      for (const prop of ['virtualNetworkName', 'gatewaySubnetCidr'] as const) {
        if (props[prop] === undefined) checker.check(prop, 'subnet-missing', 'is missing; allowed: virtualNetworkName with gatewaySubnetCidr (new GatewaySubnet), or gatewaySubnetId (existing subnet)');
      }
      if (literal(props.gatewaySubnetCidr)) {
        const allowed = `allowed: a /${GATEWAY_SUBNET_LONGEST_PREFIX} or larger prefix (/27 recommended) inside cidrs`;
        const p = parseCidr(props.gatewaySubnetCidr);
        if (!p.ok) {
          checker.check('gatewaySubnetCidr', 'cidr-malformed', `${show(props.gatewaySubnetCidr)} is not a valid IPv4 prefix (${p.reason}); ${allowed}`);
        } else if (p.cidr.prefixLength > GATEWAY_SUBNET_LONGEST_PREFIX) {
          checker.check('gatewaySubnetCidr', 'subnet-too-small', `${show(props.gatewaySubnetCidr)} is smaller than Azure's minimum GatewaySubnet; ${allowed}`);
        } else if (space.length > 0 && space.every((s) => s.ok) && !space.some((s) => s.ok && contains(s.cidr, p.cidr))) {
          checker.check('gatewaySubnetCidr', 'subnet-outside-vnet', `${show(props.gatewaySubnetCidr)} is outside the virtual network's address space ${props.cidrs.join(', ')}; ${allowed}`);
        }
      }
    }

    if (typeof props.alarms === 'object') checkAlarmOptions(checker, props.alarms, 'alarms.');

    if (props.instance1ApipaAddresses !== undefined && !this.activeActive) {
      checker.check('instance1ApipaAddresses', 'instance-unknown', 'is set but the gateway is active-standby (one instance); allowed: instance1 APIPA addresses only with activeActive true');
    } else {
      const apipa0 = props.instance0ApipaAddresses ?? [];
      this.checkApipa(checker, AzureGatewayInstance.INSTANCE_0, apipa0, []);
      if (props.instance1ApipaAddresses) this.checkApipa(checker, AzureGatewayInstance.INSTANCE_1, props.instance1ApipaAddresses, apipa0);
    }
    checker.throwIfAny();
  }
}
