/**
 * An Azure virtual network gateway that exists already (created outside this app), linked into a
 * mesh like a new one: `AzureVpnGateway.fromVirtualNetworkGatewayAttributes`. The app never
 * changes the gateway; it only adds local network gateways and connections that reference it by
 * its resource id. What the gateway is (SKU, active-active, its instances' public IPs and custom
 * APIPA BGP addresses, ASN, the networks behind it, what its other connections use) is what the
 * user declares, by hand or from the Azure CLI's JSON (`./cli-export.ts`).
 *
 * Every connection built for it records that declaration in the Terraform JSON comment key
 * `"//": { "crossCloudVpn": { "gateway": { "existing": true, ... } } }` (Terraform ignores `//`
 * keys), since the template holds no `azurerm_virtual_network_gateway` for it: `ccvpn verify`
 * reads it there.
 *
 * Sources: resource id format (Azure Resource Manager, "Resource naming and identifiers":
 * `/subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworkGateways/{name}`);
 * custom APIPA BGP addresses belong to an ip configuration of the gateway, and a connection's
 * custom BGP addresses must be among them (Azure "Configure BGP for VPN Gateway", bgp-howto;
 * terraform-provider-azurerm v4.55.0 virtual_network_gateway_connection_resource.go, the lookup of
 * `custom_bgp_addresses` in the gateway's `bgpSettings.bgpPeeringAddresses`).
 */
import { Construct } from 'constructs';
import type { EndpointsKnown, IGatewayDeployment, IVpnGateway, LinkRealisation } from '../contract';
import {
  AZURE_RETIRED_SKUS, AZURE_SKU_TUNNELS, SiteInUse, SiteSpec, azureApipaProblem, ownAsnProblem, parseCidr, parseIpv4, show,
} from '../plan';
import { cidr, containsAddress } from '../common/cidr';
import { PropsChecker, ValidationError } from '../private/errors';
import { linkScope, realisedResources } from '../private/realise-link';
import { TerraformGatewayDeployment } from '../private/tf-deployment';
import { azureNameProblem } from './azure-names';
import { AzureGatewayInstance, IAzureVpnGateway } from './interfaces';
import { AzureVpnAlarmOptions, checkAlarmOptions } from './alarms';
import { buildAzureLinkHalf, instanceAddress } from './link-half';
import { AZURE_EXISTING_GATEWAY_ATTRS, checkAzureProps } from './props-shape';

/** Same alphabet as the planner's site ids. */
const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/**
 * A virtual network gateway's ARM resource id, the subscription a GUID. The segment names are
 * matched as written: azurerm parses `virtual_network_gateway_id` case-sensitively
 * (terraform-provider-azurerm v4.55.0 vendor/github.com/hashicorp/go-azure-sdk/resource-manager/
 * network/2025-01-01/virtualnetworkgateways/id_virtualnetworkgateway.go:37-50, `Parse(input, false)`).
 */
const GATEWAY_ID = /^\/subscriptions\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworkGateways\/([^/]+)$/;
const GATEWAY_ID_RULE = 'the ARM id of a virtual network gateway, /subscriptions/<subscription guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name>';
/**
 * The SKUs an existing gateway can have and still take these connections: every VPN SKU but
 * Basic (no BGP, no active-active, no custom IPsec/IKE policy, Z9). The non-AZ VpnGw1-5 are
 * accepted (an existing gateway not yet migrated; the planner warns).
 */
const EXISTING_SKUS = Object.keys(AZURE_SKU_TUNNELS).filter((s) => s !== 'Basic');
/** Tag key on every resource the library creates for an existing gateway: the CLI export leaves those connections out. */
export const AZURE_MANAGED_TAG = 'ccvpn-site';

/** Blocks that are never an Azure public IP (private, shared, loopback, link-local, multicast, reserved). */
const NOT_PUBLIC: readonly string[] = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];

/**
 * What an existing Azure virtual network gateway is, as `CrossCloudVpn` needs it: from
 * `az network vnet-gateway show` and `az network vpn-connection list` (`azureGatewayAttributesFromCli`),
 * or by hand.
 */
export interface AzureVpnGatewayAttributes {
  /**
   * The gateway's id as a site of the topology: keys every value the planner derives for it.
   * Keep it stable.
   *
   * 1-63 letters, digits, `.`, `_` or `-`, starting with a letter or digit.
   *
   * @default - the construct's id
   */
  readonly siteId?: string;
  /**
   * Resource id of the virtual network gateway
   * (`/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name>`):
   * `id` of `az network vnet-gateway show`. Connections reference it (Terraform
   * `virtual_network_gateway_id`).
   */
  readonly virtualNetworkGatewayId: string;
  /**
   * Resource group of the local network gateways and connections the library creates.
   *
   * @default - the gateway's own, from `virtualNetworkGatewayId`
   */
  readonly resourceGroupName?: string;
  /** Azure region of the gateway, e.g. `japaneast` (`location`). */
  readonly location: string;
  /**
   * The gateway's SKU (`sku.name`), which sets its S2S tunnel limit.
   *
   * `VpnGw1AZ`-`VpnGw5AZ`, or a non-AZ `VpnGw1`-`VpnGw5` not yet migrated (the plan warns).
   * Basic is refused: no BGP, no active-active, no custom IPsec/IKE policy.
   */
  readonly sku: string;
  /** Whether the gateway runs two active instances, each with its own public IP (`activeActive`). */
  readonly activeActive: boolean;
  /**
   * Public IP of each instance, `instance0` first: two on an active-active gateway, one otherwise
   * (`bgpSettings.bgpPeeringAddresses[].tunnelIpAddresses`). Public dotted-quad IPv4 addresses.
   */
  readonly publicIpAddresses: readonly string[];
  /**
   * Custom APIPA BGP addresses configured on the first instance (its ip configuration's
   * `customBgpIpAddresses`). Every APIPA address the plan puts on `instance0` must be one of them.
   *
   * Addresses in Azure's APIPA range, {@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`.
   *
   * @default - none
   */
  readonly instance0ApipaAddresses?: readonly string[];
  /**
   * Custom APIPA BGP addresses of the second instance; active-active only.
   *
   * @default - none
   */
  readonly instance1ApipaAddresses?: readonly string[];
  /**
   * Default BGP peering address of each instance (its GatewaySubnet IP, `defaultBgpIpAddresses`),
   * for the record only.
   *
   * @default - not recorded
   */
  readonly defaultBgpPeeringAddresses?: readonly string[];
  /**
   * Names of the instances' ip configurations, `instance0` first (`ipConfigurations[].name`): the
   * `az network vnet-gateway update` command that adds missing APIPA addresses names their
   * positions.
   *
   * @default - unknown: the command uses the instances' positions 0 and 1
   */
  readonly ipConfigurationNames?: readonly string[];
  /**
   * The gateway's BGP ASN (`bgpSettings.asn`), in the ranges of
   * {@link "cross-cloud-vpn".AZURE | AZURE}`.ownAsn`. The plan uses it as is.
   */
  readonly asn: number;
  /**
   * The IPv4 prefixes behind the gateway (the address space of its virtual network): peers route
   * them over the VPN. Literal, network-aligned CIDRs, at least one.
   */
  readonly cidrs: readonly string[];
  /**
   * What the gateway's other connections already use (not made by this app): inside addresses
   * and S2S tunnels counted against its SKU's limit (two per connection on an active-active
   * gateway). The CLI export fills it from `az network vpn-connection list`.
   *
   * @default - nothing in use
   */
  readonly inUse?: SiteInUse;
  /**
   * Override of the gateway's S2S tunnel limit (`SiteSpec.maxConnections`), in S2S tunnels: an
   * integer of at least 1.
   *
   * @default - the SKU's limit (`AZURE_SKU_TUNNELS`)
   */
  readonly maxConnections?: number;
  /**
   * Azure Monitor metric alerts on the tunnels of the connections the library builds on this
   * gateway (see `AzureVpnGatewayProps.alarms`): `true` or options (severity, frequency, window,
   * thresholds, action group); `false` for none (the site's `alarms: false`).
   *
   * @default true - the defaults of `AzureVpnAlarmOptions`
   */
  readonly alarms?: boolean | AzureVpnAlarmOptions;
  /**
   * Tags of the local network gateways and connections created (the library adds
   * `ccvpn-site: <siteId>`, by which the CLI export recognises its own connections).
   *
   * @default - only the `ccvpn-site` tag
   */
  readonly tags?: Record<string, string>;
}

/** An existing Azure VPN gateway, linked by `CrossCloudVpn` like a new one. */
export interface IExistingAzureVpnGateway extends IVpnGateway, IAzureVpnGateway {
  /** Name of the virtual network gateway (the last segment of its id). */
  readonly virtualNetworkGatewayName: string;
  /** Public IP per instance (`instance0`, then `instance1`), literal. */
  readonly publicIpAddresses: readonly string[];
  /** The gateway was created outside this app: always `true`. */
  readonly existing: true;
}

/**
 * The record every connection to an existing gateway carries under `"//".crossCloudVpn.gateway`
 * in the Terraform JSON: the gateway as the user declared it (`ccvpn verify` reads it).
 */
export interface ExistingAzureGatewayRecord {
  /** Always `true`: the gateway was created outside the app. */
  readonly existing: true;
  /** The gateway's resource id (`virtualNetworkGatewayId`). */
  readonly id: string;
  /** The gateway's name (the id's last segment). */
  readonly name: string;
  /** The gateway's resource group (the id's). */
  readonly resourceGroupName: string;
  /** The gateway's Azure region. */
  readonly location: string;
  /** The gateway's SKU. */
  readonly sku: string;
  /** Whether its two instances are active. */
  readonly activeActive: boolean;
  /** Its BGP ASN, as declared: in the ranges of {@link "cross-cloud-vpn".AZURE | AZURE}`.ownAsn`. */
  readonly asn: number;
  /** The IPv4 prefixes behind it. */
  readonly networks: readonly string[];
  /** Its instances, `instance0` first. */
  readonly instances: readonly ExistingAzureInstanceRecord[];
}

/** One instance of an existing gateway in its record. */
export interface ExistingAzureInstanceRecord {
  /** `instance0` or `instance1` (the plan's endpoint names). */
  readonly name: string;
  /**
   * Name of the instance's ip configuration.
   *
   * @default - not declared
   */
  readonly ipConfiguration?: string;
  /** The instance's public IP. */
  readonly publicIp: string;
  /** Its custom APIPA BGP addresses. */
  readonly apipaAddresses: readonly string[];
  /**
   * Its default BGP peering address (a GatewaySubnet IP).
   *
   * @default - not declared
   */
  readonly defaultBgpAddress?: string;
}

/** The construct behind `AzureVpnGateway.fromVirtualNetworkGatewayAttributes`. @internal */
export class ExistingAzureVpnGateway extends Construct implements IExistingAzureVpnGateway {
  public readonly endpointsKnown: EndpointsKnown = 'gateway';
  public readonly existing = true as const;
  public readonly site: SiteSpec;
  public readonly deployment: IGatewayDeployment;
  public readonly virtualNetworkGatewayId: string;
  public readonly virtualNetworkGatewayName: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly activeActive: boolean;
  public readonly publicIpAddresses: readonly string[];
  private readonly instances: AzureGatewayInstance[];
  private readonly apipa: ReadonlyMap<AzureGatewayInstance, readonly string[]>;
  private readonly attrs: AzureVpnGatewayAttributes;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, attrs: AzureVpnGatewayAttributes) {
    super(scope, id);
    checkAzureProps(this.node.path, attrs, AZURE_EXISTING_GATEWAY_ATTRS);
    this.attrs = attrs;
    this.activeActive = attrs.activeActive;
    this.instances = attrs.activeActive ? [AzureGatewayInstance.INSTANCE_0, AzureGatewayInstance.INSTANCE_1] : [AzureGatewayInstance.INSTANCE_0];
    const siteId = attrs.siteId ?? id;
    const parsedId = GATEWAY_ID.exec(attrs.virtualNetworkGatewayId);
    this.validate(attrs, siteId, parsedId);
    this.virtualNetworkGatewayId = attrs.virtualNetworkGatewayId;
    this.virtualNetworkGatewayName = parsedId![3];
    this.resourceGroupName = attrs.resourceGroupName ?? parsedId![2];
    this.location = attrs.location;
    this.publicIpAddresses = [...attrs.publicIpAddresses];
    this.apipa = new Map([
      [AzureGatewayInstance.INSTANCE_0, [...(attrs.instance0ApipaAddresses ?? [])]],
      [AzureGatewayInstance.INSTANCE_1, attrs.activeActive ? [...(attrs.instance1ApipaAddresses ?? [])] : []],
    ]);
    this.tags = { ...(attrs.tags ?? {}), [AZURE_MANAGED_TAG]: siteId };
    this.site = {
      id: siteId,
      cloud: 'azure',
      gateway: attrs.activeActive ? 'active-active' : 'active-standby',
      cidrs: [...attrs.cidrs],
      asn: attrs.asn,
      sku: attrs.sku,
      region: attrs.location,
      ...(attrs.maxConnections === undefined ? {} : { maxConnections: attrs.maxConnections }),
      ...(attrs.inUse === undefined ? {} : { inUse: attrs.inUse }),
      ...(attrs.alarms === false ? { alarms: false } : {}),
    };
    this.deployment = new TerraformGatewayDeployment(this, (endpoint) => ({ scope: this, value: this.endpointAddress(endpoint) }));
  }

  public get path(): string {
    return this.node.path;
  }

  /** The literal public IP of `instance0` or `instance1`. */
  public endpointAddress(endpoint: string): string {
    return instanceAddress(this.node.path, String(this.site.gateway), this.instances, this.publicIpAddresses, endpoint);
  }

  public apipaAddressesOf(instance: AzureGatewayInstance): string[] {
    return [...(this.apipa.get(instance) ?? [])];
  }

  /** What every connection built for this gateway records under `"//".crossCloudVpn.gateway`. */
  public get record(): ExistingAzureGatewayRecord {
    const a = this.attrs;
    return {
      existing: true,
      id: this.virtualNetworkGatewayId,
      name: this.virtualNetworkGatewayName,
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      sku: a.sku,
      activeActive: this.activeActive,
      asn: a.asn,
      networks: [...a.cidrs],
      instances: this.instances.map((instance, i) => ({
        name: instance,
        ...(a.ipConfigurationNames?.[i] === undefined ? {} : { ipConfiguration: a.ipConfigurationNames[i] }),
        publicIp: this.publicIpAddresses[i],
        apipaAddresses: this.apipaAddressesOf(instance),
        ...(a.defaultBgpPeeringAddresses?.[i] === undefined ? {} : { defaultBgpAddress: a.defaultBgpPeeringAddresses[i] }),
      })),
    };
  }

  /**
   * Builds this gateway's half of one planned link: local network gateways and connections that
   * reference the existing gateway by id. The APIPA addresses the plan puts on its instances must
   * be among those it has (the app cannot add them to a gateway it does not own): otherwise one
   * error names each missing address and the `az network vnet-gateway update` command that adds them.
   */
  public realiseLink(r: LinkRealisation): void {
    const resources = realisedResources({ construct: this, site: this.site, cloudName: 'Azure', givenAsn: this.attrs.asn }, r, 'azure');
    this.checkPlannedApipa(r.gateway.apipaAddresses ?? {}, resources.link);
    const scope = linkScope(this, r, 'under-gateway');
    const connections = buildAzureLinkHalf({
      gateway: this, path: this.node.path, siteId: this.site.id, name: this.virtualNetworkGatewayName, tags: this.tags,
      alarms: this.attrs.alarms === false ? undefined : this.attrs.alarms === true || this.attrs.alarms === undefined ? {} : this.attrs.alarms,
    }, scope, r, resources);
    const record = this.record;
    for (const c of connections) c.resource.addOverride('//.crossCloudVpn', { gateway: record });
  }

  private checkPlannedApipa(planned: Readonly<Record<string, readonly string[]>>, link: string): void {
    const lacking = this.instances.map((instance) => {
      const have = this.apipa.get(instance) ?? [];
      return { instance, have, lacks: [...new Set(planned[instance] ?? [])].filter((a) => !have.includes(a)) };
    }).filter((m) => m.lacks.length);
    if (!lacking.length) return;
    const label = (instance: AzureGatewayInstance) => {
      const name = this.attrs.ipConfigurationNames?.[this.instances.indexOf(instance)];
      return name === undefined ? instance : `${instance} (ip configuration ${show(name)})`;
    };
    // An address the gateway has on its other instance cannot move (APIPA addresses are unique on a gateway).
    const elsewhere = lacking.flatMap((m) => m.lacks.flatMap((a) => {
      const owner = this.instances.find((i) => i !== m.instance && (this.apipa.get(i) ?? []).includes(a));
      return owner ? [`${a} (the plan puts it on ${m.instance}, the gateway has it on ${owner})`] : [];
    }));
    if (elsewhere.length) {
      throw new ValidationError(this.node.path, 'apipa-on-other-instance',
        `link ${show(link)}: the plan gives instances of existing gateway ${show(this.virtualNetworkGatewayName)} APIPA BGP addresses its other instance has: ${elsewhere.join('; ')}; `
        + `allowed: addresses not in use on the gateway — list ${elsewhere.map((e) => e.split(' ')[0]).join(', ')} in inUse.insideAddresses so the plan allocates around ${elsewhere.length === 1 ? 'it' : 'them'}`);
    }
    const group = this.attrs.virtualNetworkGatewayId.split('/')[4];
    const sets = lacking.map((m) => `--set 'bgpSettings.bgpPeeringAddresses[${this.instances.indexOf(m.instance)}].customBgpIpAddresses=${JSON.stringify([...m.have, ...m.lacks])}'`);
    throw new ValidationError(this.node.path, 'apipa-not-on-gateway',
      `link ${show(link)}: the plan gives existing gateway ${show(this.virtualNetworkGatewayName)} APIPA BGP addresses it does not have: `
      + `${lacking.map((m) => `${label(m.instance)} lacks ${m.lacks.join(', ')} (has ${m.have.join(', ') || 'none'})`).join('; ')}. `
      + 'The app never changes a gateway it does not own; allowed: APIPA addresses the gateway has. Add them to the gateway '
      + `(az network vnet-gateway update --resource-group ${group} --name ${this.virtualNetworkGatewayName} ${sets.join(' ')}), `
      + 'then export it again or add them to instance0ApipaAddresses / instance1ApipaAddresses (adding them does not move the plan)');
  }

  private validate(a: AzureVpnGatewayAttributes, siteId: string, parsedId: RegExpExecArray | null): void {
    const c = new PropsChecker(this.node.path);
    if (!SITE_ID.test(siteId)) {
      c.check('siteId', 'site-id-invalid', `${show(siteId)}${a.siteId === undefined ? ' (the construct id)' : ''} is not a valid site id; allowed: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    }
    if (!parsedId) {
      c.check('virtualNetworkGatewayId', 'gateway-id-invalid', `${show(a.virtualNetworkGatewayId)} is not a virtual network gateway's resource id; allowed: ${GATEWAY_ID_RULE}`);
    } else {
      c.check('virtualNetworkGatewayId', 'gateway-id-invalid', azureNameProblem(parsedId[3]));
      if (a.resourceGroupName !== undefined && a.resourceGroupName.toLowerCase() !== parsedId[2].toLowerCase()) {
        c.check('resourceGroupName', 'resource-group-mismatch', `${show(a.resourceGroupName)} is not the gateway's resource group ${show(parsedId[2])} (from virtualNetworkGatewayId); allowed: the gateway's own resource group, or leave it out`);
      }
    }
    if (Object.hasOwn(AZURE_RETIRED_SKUS, a.sku) || EXISTING_SKUS.includes(a.sku)) {
      // accepted: an AZ SKU, or a non-AZ one not yet migrated (the planner warns)
    } else {
      c.check('sku', 'sku-unknown', `${show(a.sku)} is not a VPN gateway SKU that takes BGP, active-active and custom IPsec policies; allowed: ${EXISTING_SKUS.join(', ')}`);
    }
    c.check('asn', 'asn-reserved', ownAsnProblem('azure', a.asn));

    const count = this.instances.length;
    if (a.publicIpAddresses.length !== count) {
      c.check('publicIpAddresses', 'public-ips-mismatch', `has ${a.publicIpAddresses.length} address${a.publicIpAddresses.length === 1 ? '' : 'es'} but the gateway is ${a.activeActive ? 'active-active (two instances)' : 'active-standby (one instance)'}; allowed: exactly ${count}, instance0 first`);
    }
    a.publicIpAddresses.forEach((ip, i) => c.check(`publicIpAddresses[${i}]`, 'public-ip-invalid', publicIpProblem(ip)));
    if (new Set(a.publicIpAddresses).size !== a.publicIpAddresses.length) {
      c.check('publicIpAddresses', 'public-ip-duplicate', `${show(a.publicIpAddresses.join(', '))} names one address twice; allowed: each instance's own public IP`);
    }
    (a.defaultBgpPeeringAddresses ?? []).forEach((ip, i) => {
      if (parseIpv4(ip) === undefined) c.check(`defaultBgpPeeringAddresses[${i}]`, 'address-invalid', `${show(ip)} is not a dotted-quad IPv4 address; allowed: the instance's GatewaySubnet IP, e.g. 10.0.255.4`);
    });
    if ((a.defaultBgpPeeringAddresses?.length ?? 0) > count) c.check('defaultBgpPeeringAddresses', 'instance-unknown', `has ${a.defaultBgpPeeringAddresses!.length} addresses for ${count} instance${count === 1 ? '' : 's'}; allowed: at most one per instance`);
    if ((a.ipConfigurationNames?.length ?? count) !== count) c.check('ipConfigurationNames', 'instance-unknown', `has ${a.ipConfigurationNames!.length} names for ${count} instance${count === 1 ? '' : 's'}; allowed: one per instance, instance0 first`);

    if (a.instance1ApipaAddresses !== undefined && !a.activeActive) {
      c.check('instance1ApipaAddresses', 'instance-unknown', 'is set but the gateway is active-standby (one instance); allowed: instance1 APIPA addresses only with activeActive true');
    }
    const seen = new Map<string, string>();
    for (const [prop, list] of [['instance0ApipaAddresses', a.instance0ApipaAddresses], ['instance1ApipaAddresses', a.activeActive ? a.instance1ApipaAddresses : undefined]] as const) {
      (list ?? []).forEach((address, i) => {
        const problem = azureApipaProblem(address);
        c.check(`${prop}[${i}]`, 'apipa-out-of-range', problem);
        const other = seen.get(address);
        if (!problem && other !== undefined) c.check(`${prop}[${i}]`, 'apipa-duplicate', `${show(address)} is also at ${other}; allowed: an address no other APIPA entry of the gateway has`);
        seen.set(address, `${prop}[${i}]`);
      });
    }

    a.cidrs.forEach((prefix, i) => {
      const p = parseCidr(prefix);
      if (!p.ok) c.check(`cidrs[${i}]`, 'cidr-malformed', `${show(prefix)} is not a valid IPv4 prefix (${p.reason}); allowed: the VNet's address prefixes, e.g. 10.20.0.0/16`);
    });
    (a.inUse?.insideCidrs ?? []).forEach((prefix, i) => {
      const p = parseCidr(prefix);
      if (!p.ok) c.check(`inUse.insideCidrs[${i}]`, 'cidr-malformed', `${show(prefix)} is not a valid IPv4 prefix (${p.reason}); allowed: an inside /30 such as 169.254.21.0/30`);
    });
    (a.inUse?.insideAddresses ?? []).forEach((address, i) => {
      if (parseIpv4(address) === undefined) c.check(`inUse.insideAddresses[${i}]`, 'address-invalid', `${show(address)} is not a dotted-quad IPv4 address; allowed: an inside (APIPA) address such as 169.254.21.1`);
    });
    if (typeof a.alarms === 'object') checkAlarmOptions(c, a.alarms, 'alarms.');
    c.throwIfAny();
  }
}

/** Why `ip` cannot be an Azure gateway's public IP, or `undefined`. */
function publicIpProblem(ip: string): string | undefined {
  const n = parseIpv4(ip);
  if (n === undefined) return `${show(ip)} is not a dotted-quad IPv4 address; allowed: the instance's public IP, e.g. 52.161.10.135`;
  const block = NOT_PUBLIC.find((b) => containsAddress(cidr(b), n));
  return block ? `${show(ip)} is in ${block}, never an Azure public IP; allowed: the instance's public IP (tunnelIpAddresses of az network vnet-gateway show)` : undefined;
}
