/**
 * An existing Azure VPN gateway read from the JSON the Azure CLI prints, as the attributes of
 * `AzureVpnGateway.fromVirtualNetworkGatewayAttributes`:
 *
 * ```sh
 * az network vnet-gateway show --resource-group RG --name NAME --output json > gateway.json
 * az network vpn-connection list --resource-group RG --vnet-gateway NAME --output json > connections.json
 * az network vnet show --resource-group RG --name VNET --output json > vnet.json   # the networks behind it (or pass cidrs)
 * az network public-ip show --ids PIP_ID --output json > pip0.json                 # only if tunnelIpAddresses is empty
 * ```
 *
 * Shapes, from the Network REST API reference (the CLI prints the resource with `properties`
 * flattened into it; both forms are read): Virtual Network Gateways - Get (`sku.name`,
 * `activeActive`, `gatewayType`, `vpnType`, `enableBgp`, `bgpSettings.asn`,
 * `bgpSettings.bgpPeeringAddresses[]` = IPConfigurationBgpPeeringAddress {`ipconfigurationId`,
 * `customBgpIpAddresses`, `defaultBgpIpAddresses`, `tunnelIpAddresses`: "the list of tunnel public
 * IP addresses which belong to IP configuration"}, `ipConfigurations[]` {`id`, `name`,
 * `publicIPAddress.id`, `subnet.id`}); Virtual Network Gateway Connections - List
 * (`connectionType`, `virtualNetworkGateway1.id`, `enableBgp`, `gatewayCustomBgpIpAddresses[]` =
 * GatewayCustomBgpIpAddressIpConfiguration {`ipConfigurationId`, `customBgpIpAddress`}, `tags`);
 * Public IP Addresses - Get (`ipAddress`); Virtual Networks - Get (`addressSpace.addressPrefixes`).
 * Fixtures and page references: test/azure/fixtures/cli-export/README.md.
 *
 * What is taken as in use (`SiteInUse`): every S2S tunnel of the gateway's other connections
 * (IPsec and VNet-to-VNet connections; two per connection on an active-active gateway,
 * `AZURE_TUNNELS_PER_CONNECTION`) and the custom BGP addresses they use. Connections this library
 * made for the same site (tag `ccvpn-site: <siteId>`) are left out: they are the plan's own, and
 * counting them would move the plan after every deployment. The APIPA addresses configured on
 * the gateway but used by no other connection stay free for the plan (they are what the user adds
 * for it): counting them as taken would move the plan every time one is added.
 *
 * Parsing is strict: every missing or malformed field is one problem (file, JSON path, value,
 * what is allowed), all thrown together as one `ValidationError`.
 */
import * as fs from 'node:fs';
import { AZURE_TUNNELS_PER_CONNECTION, show } from '../plan';
import type { CrossCloudVpnIssue } from '../common/errors';
import { ValidationError } from '../private/errors';
import { AZURE_MANAGED_TAG, AzureVpnGatewayAttributes } from './existing-gateway';

/** The CLI outputs to read, as file paths. */
export interface AzureCliExportFiles {
  /**
   * The gateway's site id (the attributes' `siteId`): connections this library made for it
   * (tag `ccvpn-site`) are not counted as in use.
   */
  readonly siteId: string;
  /** `az network vnet-gateway show --resource-group RG --name NAME --output json`. */
  readonly gateway: string;
  /** `az network vpn-connection list --resource-group RG --vnet-gateway NAME --output json` (`[]` when none). */
  readonly connections: string;
  /**
   * `az network vnet show --resource-group RG --name VNET --output json` of the gateway's virtual
   * network: its address prefixes become `cidrs`.
   *
   * @default - none: `cidrs` is required
   */
  readonly virtualNetwork?: string;
  /**
   * `az network public-ip show --ids <publicIPAddress.id> --output json` of each instance, read
   * only when the gateway's `tunnelIpAddresses` do not hold its public IPs.
   *
   * @default - none: the public IPs come from `bgpSettings.bgpPeeringAddresses[].tunnelIpAddresses`
   */
  readonly publicIps?: readonly string[];
  /**
   * The networks behind the gateway, instead of (or checked against) `virtualNetwork`.
   *
   * @default - the virtual network's address prefixes
   */
  readonly cidrs?: readonly string[];
}

/** One CLI output, already read: its file name (for messages) and its parsed JSON. */
export interface AzureCliDocument {
  /** Where it came from, as messages name it. */
  readonly file: string;
  /** The parsed JSON. */
  readonly json: unknown;
}

/** The CLI outputs, already parsed (`azureGatewayAttributesFromCli` reads the files into these). */
export interface AzureCliExport {
  /** See `AzureCliExportFiles.siteId`. */
  readonly siteId: string;
  /** See `AzureCliExportFiles.gateway`. */
  readonly gateway: AzureCliDocument;
  /** See `AzureCliExportFiles.connections`. */
  readonly connections: AzureCliDocument;
  /**
   * See `AzureCliExportFiles.virtualNetwork`.
   *
   * @default - none
   */
  readonly virtualNetwork?: AzureCliDocument;
  /**
   * See `AzureCliExportFiles.publicIps`.
   *
   * @default - none
   */
  readonly publicIps?: readonly AzureCliDocument[];
  /**
   * See `AzureCliExportFiles.cidrs`.
   *
   * @default - the virtual network's address prefixes
   */
  readonly cidrs?: readonly string[];
}

/** Where the problems of a CLI export are reported (the `ValidationError`'s construct path). */
const WHERE = 'azureGatewayAttributesFromCli';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one document's fields, recording one problem per missing or malformed field. */
class Reader {
  constructor(private readonly file: string, private readonly issues: CrossCloudVpnIssue[]) {}

  public problem(path: string, code: string, message: string): void {
    this.issues.push({ path: `${this.file}: ${path || '(top level)'}`, code, message });
  }

  /** An ARM resource: its `properties` flattened into it (CLI), or kept apart (REST). */
  public resource(v: unknown, path: string): { top: Obj; props: Obj; at: (field: string) => string } | undefined {
    if (!isObj(v)) {
      this.problem(path, 'cli-export-invalid', `${describe(v)} is not a JSON object; allowed: the resource object the CLI prints`);
      return undefined;
    }
    const nested = isObj(v.properties);
    const at = (field: string) => `${path ? `${path}.` : ''}${nested ? 'properties.' : ''}${field}`;
    return { top: v, props: nested ? (v.properties as Obj) : v, at };
  }

  public string(o: Obj, key: string, path: string, allowed: string): string | undefined {
    const v = o[key];
    if (typeof v === 'string' && v.length > 0) return v;
    this.problem(path, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(v)}; allowed: ${allowed}`);
    return undefined;
  }

  public optionalString(o: Obj, key: string, path: string, allowed: string): string | undefined {
    return o[key] === undefined || o[key] === null ? undefined : this.string(o, key, path, allowed);
  }

  public boolean(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (typeof v === 'boolean') return v;
    this.problem(path, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(v)}; allowed: true or false`);
    return undefined;
  }

  public integer(o: Obj, key: string, path: string, allowed: string): number | undefined {
    const v = o[key];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    this.problem(path, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(v)}; allowed: ${allowed}`);
    return undefined;
  }

  /** A list of strings; absent or `null` is an empty list when `optional`. */
  public strings(o: Obj, key: string, path: string, allowed: string, optional: boolean): string[] | undefined {
    const v = o[key];
    if ((v === undefined || v === null) && optional) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    this.problem(path, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(v)}; allowed: ${allowed}`);
    return undefined;
  }

  public objects(o: Obj, key: string, path: string, allowed: string): Obj[] | undefined {
    const v = o[key];
    if (Array.isArray(v) && v.every(isObj)) return v as Obj[];
    this.problem(path, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(v)}; allowed: ${allowed}`);
    return undefined;
  }

  /** `{ id }` of a sub-resource reference. */
  public refId(o: Obj, key: string, path: string, allowed: string): string | undefined {
    const v = o[key];
    if (isObj(v) && typeof v.id === 'string' && v.id.length > 0) return v.id;
    this.problem(`${path}.id`, v === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(isObj(v) ? v.id : v)}; allowed: ${allowed}`);
    return undefined;
  }
}

/** A value as a message shows it: `missing`, or its JSON (cut when long). */
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  return `got ${show(JSON.stringify(v))}`;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** A resource id, quoted in full (ids differ at their end, where `show` would cut them). */
const quoteId = (id: string) => `'${id.replace(/[^\x20-\x7e]/g, '?')}'`;

/** One instance as the gateway document describes it. */
interface InstanceDoc {
  readonly ipConfigurationId: string;
  readonly name: string;
  readonly publicIpId?: string;
  readonly subnetId?: string;
  custom: string[];
  defaults: string[];
  tunnels: string[];
}

/**
 * The attributes of an existing gateway from its CLI outputs, read from files (see
 * `AzureCliExportFiles` for the exact commands). Throws one `ValidationError` listing every
 * missing or malformed field (file, JSON path, value, what is allowed).
 */
export function azureGatewayAttributesFromCli(files: AzureCliExportFiles): AzureVpnGatewayAttributes {
  const issues: CrossCloudVpnIssue[] = [];
  const read = (file: string): AzureCliDocument => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      issues.push({ path: file, code: 'cli-export-unreadable', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); allowed: a file the Azure CLI wrote with --output json` });
      return { file, json: undefined };
    }
    try {
      return { file, json: JSON.parse(text) };
    } catch (e) {
      issues.push({ path: file, code: 'cli-export-invalid', message: `is not JSON (${(e as Error).message}); allowed: the output of the Azure CLI with --output json` });
      return { file, json: undefined };
    }
  };
  const docs: AzureCliExport = {
    siteId: files.siteId,
    gateway: read(files.gateway),
    connections: read(files.connections),
    virtualNetwork: files.virtualNetwork === undefined ? undefined : read(files.virtualNetwork),
    publicIps: files.publicIps?.map(read),
    cidrs: files.cidrs,
  };
  if (issues.length) throw new ValidationError(WHERE, issues);
  return azureGatewayAttributesFromJson(docs);
}

/** The attributes of an existing gateway from its CLI outputs, already parsed (see `azureGatewayAttributesFromCli`). */
export function azureGatewayAttributesFromJson(docs: AzureCliExport): AzureVpnGatewayAttributes {
  const issues: CrossCloudVpnIssue[] = [];
  const g = new Reader(docs.gateway.file, issues);
  const gw = g.resource(docs.gateway.json, '');
  if (!gw) throw new ValidationError(WHERE, issues);
  const { top, props, at } = gw;

  const id = g.string(top, 'id', 'id', 'the gateway\'s resource id, /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name>');
  const type = top.type;
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'microsoft.network/virtualnetworkgateways')) {
    g.problem('type', 'cli-export-invalid', `${describe(type)}; allowed: Microsoft.Network/virtualNetworkGateways (the output of az network vnet-gateway show)`);
  }
  const location = g.string(top, 'location', 'location', 'the gateway\'s Azure region, e.g. japaneast');
  const gatewayType = g.string(props, 'gatewayType', at('gatewayType'), 'Vpn');
  if (gatewayType !== undefined && gatewayType !== 'Vpn') g.problem(at('gatewayType'), 'gateway-type-unsupported', `${describe(gatewayType)}; allowed: Vpn (an ExpressRoute or LocalGateway gateway has no site-to-site VPN)`);
  const vpnType = g.string(props, 'vpnType', at('vpnType'), 'RouteBased');
  if (vpnType !== undefined && vpnType !== 'RouteBased') g.problem(at('vpnType'), 'vpn-type-unsupported', `${describe(vpnType)}; allowed: RouteBased (a PolicyBased gateway has no BGP, active-active or custom IPsec policy)`);
  const enableBgp = g.boolean(props, 'enableBgp', at('enableBgp'));
  const idParts = id?.split('/');
  const rgName = idParts && idParts.length === 9 ? `--resource-group ${idParts[4]} --name ${idParts[8]}` : '--resource-group RG --name NAME';
  if (enableBgp === false) g.problem(at('enableBgp'), 'bgp-off', `got false; allowed: true (turn it on first: az network vnet-gateway update ${rgName} --enable-bgp true)`);
  const activeActive = g.boolean(props, 'activeActive', at('activeActive'));
  let sku: string | undefined;
  if (!isObj(props.sku)) g.problem(at('sku'), props.sku === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(props.sku)}; allowed: { name: 'VpnGw2AZ', tier: ... }`);
  else sku = g.string(props.sku, 'name', at('sku.name'), 'the SKU name, e.g. VpnGw2AZ');

  // ipConfigurations: one per instance, in the order Azure lists them (instance0 first).
  const instances: InstanceDoc[] = [];
  const ipcs = g.objects(props, 'ipConfigurations', at('ipConfigurations'), 'a list of ip configurations, one per instance');
  ipcs?.forEach((ipc, i) => {
    const r = g.resource(ipc, `${at('ipConfigurations')}[${i}]`)!;
    const ipcId = g.string(ipc, 'id', `${at('ipConfigurations')}[${i}].id`, 'the ip configuration\'s resource id');
    const name = g.string(ipc, 'name', `${at('ipConfigurations')}[${i}].name`, 'the ip configuration\'s name');
    const publicIpId = g.refId(r.props, 'publicIPAddress', r.at('publicIPAddress'), 'the id of the instance\'s public IP');
    const subnetId = r.props.subnet === undefined ? undefined : g.refId(r.props, 'subnet', r.at('subnet'), 'the id of the GatewaySubnet');
    if (ipcId && name) instances.push({ ipConfigurationId: ipcId, name, publicIpId, subnetId, custom: [], defaults: [], tunnels: [] });
  });
  const expected = activeActive === undefined ? undefined : activeActive ? 2 : 1;
  if (ipcs && expected !== undefined && ipcs.length !== expected) {
    g.problem(at('ipConfigurations'), 'instances-mismatch', `has ${ipcs.length} ip configuration${ipcs.length === 1 ? '' : 's'} with activeActive ${activeActive}; allowed: ${expected} (one per instance${ipcs.length === 3 ? '; a third one for point-to-site is not supported' : ''})`);
  }

  // bgpSettings: ASN and, per ip configuration, its APIPA, default and tunnel (public) addresses.
  let asn: number | undefined;
  if (!isObj(props.bgpSettings)) {
    g.problem(at('bgpSettings'), props.bgpSettings === undefined ? 'cli-export-missing' : 'cli-export-invalid', `${describe(props.bgpSettings)}; allowed: { asn, bgpPeeringAddresses: [...] }`);
  } else {
    const bgp = props.bgpSettings;
    asn = g.integer(bgp, 'asn', at('bgpSettings.asn'), 'the gateway\'s ASN, an integer');
    const peering = g.objects(bgp, 'bgpPeeringAddresses', at('bgpSettings.bgpPeeringAddresses'), 'one entry per ip configuration: { ipconfigurationId, customBgpIpAddresses, defaultBgpIpAddresses, tunnelIpAddresses }');
    peering?.forEach((p, i) => {
      const path = `${at('bgpSettings.bgpPeeringAddresses')}[${i}]`;
      const ipcId = g.string(p, 'ipconfigurationId', `${path}.ipconfigurationId`, 'the id of one of the gateway\'s ipConfigurations');
      const custom = g.strings(p, 'customBgpIpAddresses', `${path}.customBgpIpAddresses`, 'a list of APIPA addresses', true);
      const defaults = g.strings(p, 'defaultBgpIpAddresses', `${path}.defaultBgpIpAddresses`, 'a list of addresses', true);
      const tunnels = g.strings(p, 'tunnelIpAddresses', `${path}.tunnelIpAddresses`, 'a list of public IPv4 addresses', true);
      if (!ipcId) return;
      const instance = instances.find((x) => sameId(x.ipConfigurationId, ipcId));
      if (!instance) {
        g.problem(`${path}.ipconfigurationId`, 'cli-export-invalid', `${describe(ipcId)} is none of the gateway's ipConfigurations; allowed: ${instances.map((x) => x.ipConfigurationId).join(', ') || 'an ipConfigurations[].id'}`);
        return;
      }
      instance.custom = custom ?? [];
      instance.defaults = defaults ?? [];
      instance.tunnels = tunnels ?? [];
    });
  }

  // Public IPs: tunnelIpAddresses, else the public IP documents.
  const publicIps: string[] = [];
  instances.forEach((instance, i) => {
    const ipv4 = instance.tunnels.filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
    if (ipv4.length === 1) {
      publicIps.push(ipv4[0]);
      return;
    }
    const doc = (docs.publicIps ?? []).map((d) => ({ d, r: new Reader(d.file, issues) })).find(({ d }) => isObj(d.json) && typeof d.json.id === 'string' && instance.publicIpId !== undefined && sameId(d.json.id, instance.publicIpId));
    if (!doc) {
      g.problem(`${at('bgpSettings.bgpPeeringAddresses')}[${i}].tunnelIpAddresses`, 'public-ip-missing',
        `${ipv4.length ? `${describe(ipv4)} holds ${ipv4.length} IPv4 addresses` : 'holds no IPv4 address'} for ip configuration ${show(instance.name)}; allowed: one public IPv4 address, or pass publicIps with the output of az network public-ip show --ids ${instance.publicIpId ?? '<publicIPAddress.id>'} --output json`);
      return;
    }
    const pip = doc.r.resource(doc.d.json, '')!;
    const address = doc.r.string(pip.props, 'ipAddress', pip.at('ipAddress'), 'the allocated public IPv4 address (a deployed gateway\'s public IP has one)');
    if (address) publicIps.push(address);
  });

  // The networks behind it.
  let cidrs = docs.cidrs ? [...docs.cidrs] : undefined;
  if (docs.virtualNetwork) {
    const v = new Reader(docs.virtualNetwork.file, issues);
    const vnet = v.resource(docs.virtualNetwork.json, '');
    if (vnet) {
      const vnetId = v.string(vnet.top, 'id', 'id', 'the virtual network\'s resource id');
      const space = isObj(vnet.props.addressSpace) ? v.strings(vnet.props.addressSpace, 'addressPrefixes', vnet.at('addressSpace.addressPrefixes'), 'a list of IPv4 prefixes', false) : undefined;
      if (!isObj(vnet.props.addressSpace)) v.problem(vnet.at('addressSpace'), 'cli-export-missing', `${describe(vnet.props.addressSpace)}; allowed: { addressPrefixes: [...] }`);
      const subnet = instances.find((x) => x.subnetId)?.subnetId;
      if (vnetId && subnet && !subnet.toLowerCase().startsWith(`${vnetId.toLowerCase()}/subnets/`)) {
        v.problem('id', 'vnet-mismatch', `${quoteId(vnetId)} is not the virtual network of the gateway's subnet ${quoteId(subnet)}; allowed: the output of az network vnet show for the gateway's own virtual network`);
      }
      const prefixes = (space ?? []).filter((p) => p.includes('.'));
      if (space && cidrs && prefixes.join(',') !== cidrs.join(',')) {
        v.problem(vnet.at('addressSpace.addressPrefixes'), 'cidrs-mismatch', `${describe(prefixes)} differs from cidrs ${show(cidrs.join(', '))}; allowed: the same prefixes, or only one of the two`);
      }
      cidrs ??= space ? prefixes : undefined;
    }
  } else if (!cidrs) {
    issues.push({ path: `${docs.gateway.file}`, code: 'cidrs-missing', message: 'the gateway\'s output does not say which networks are behind it; allowed: pass virtualNetwork (az network vnet show --resource-group RG --name VNET --output json) or cidrs' });
  }

  // Other connections: S2S tunnels counted against the SKU's limit, custom BGP addresses taken.
  const c = new Reader(docs.connections.file, issues);
  let connections = 0;
  const taken = new Set<string>();
  if (!Array.isArray(docs.connections.json)) {
    c.problem('', 'cli-export-invalid', `${describe(docs.connections.json)} is not a JSON list; allowed: the output of az network vpn-connection list (a list, [] when there is none)`);
  } else {
    docs.connections.json.forEach((item, i) => {
      const conn = c.resource(item, `[${i}]`);
      if (!conn) return;
      const name = c.string(conn.top, 'name', `[${i}].name`, 'the connection\'s name');
      const kind = c.string(conn.props, 'connectionType', conn.at('connectionType'), 'IPsec, Vnet2Vnet, ExpressRoute or VPNClient');
      const gw1 = c.refId(conn.props, 'virtualNetworkGateway1', conn.at('virtualNetworkGateway1'), 'the id of the gateway the connection belongs to');
      if (gw1 && id && !sameId(gw1, id)) {
        c.problem(`${conn.at('virtualNetworkGateway1')}.id`, 'connection-elsewhere', `${quoteId(gw1)} is not this gateway (${quoteId(id)}); allowed: the connections of this gateway only (az network vpn-connection list --vnet-gateway NAME)`);
        return;
      }
      const tags = isObj(conn.top.tags) ? conn.top.tags : {};
      if (tags[AZURE_MANAGED_TAG] === docs.siteId) return; // the library's own, for this site
      if (kind !== 'IPsec' && kind !== 'Vnet2Vnet') return; // not a site-to-site tunnel
      connections += activeActive ? AZURE_TUNNELS_PER_CONNECTION['active-active'] : AZURE_TUNNELS_PER_CONNECTION['active-standby'];
      if (conn.props.gatewayCustomBgpIpAddresses === undefined || conn.props.gatewayCustomBgpIpAddresses === null) return;
      const customs = c.objects(conn.props, 'gatewayCustomBgpIpAddresses', conn.at('gatewayCustomBgpIpAddresses'), 'a list of { ipConfigurationId, customBgpIpAddress }');
      customs?.forEach((x, j) => {
        const a = c.string(x, 'customBgpIpAddress', `${conn.at('gatewayCustomBgpIpAddresses')}[${j}].customBgpIpAddress`, `the APIPA address connection ${show(name ?? i)} uses`);
        if (a) taken.add(a);
      });
    });
  }

  if (issues.length) throw new ValidationError(WHERE, issues);
  const inUse = { connections, ...(taken.size ? { insideAddresses: [...taken].sort() } : {}) };
  return {
    siteId: docs.siteId,
    virtualNetworkGatewayId: id!,
    location: location!,
    sku: sku!,
    activeActive: activeActive!,
    publicIpAddresses: publicIps,
    instance0ApipaAddresses: instances[0]?.custom ?? [],
    ...(activeActive ? { instance1ApipaAddresses: instances[1]?.custom ?? [] } : {}),
    ...(instances.every((x) => x.defaults.length) ? { defaultBgpPeeringAddresses: instances.map((x) => x.defaults[0]) } : {}),
    ipConfigurationNames: instances.map((x) => x.name),
    asn: asn!,
    cidrs: cidrs!,
    inUse,
  };
}
