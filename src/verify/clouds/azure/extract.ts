/**
 * Extraction of the Azure VPN resources of the synthesized Terraform JSON (azurerm), references
 * resolved (`output/resolve.ts`), for the Azure model (`model.ts`): every
 * `azurerm_virtual_network_gateway` (active-active, BGP, ASN, its instances in `ip_configuration`
 * order with their public IP endpoint `azure:<stack>/azurerm_public_ip.<name>` and APIPA
 * addresses, the address space of its subnet's virtual network) and every
 * `azurerm_virtual_network_gateway_connection` with its local network gateway and shared key.
 * BGP is read as the stack's azurerm version spells it (`versions.ts`: `enable_bgp` before 4.62,
 * `bgp_enabled` or the deprecated `enable_bgp` from 4.62).
 *
 * An existing gateway (a connection whose `virtual_network_gateway_id` is not a gateway of the
 * output) is read from the record its connections carry (`declared.ts`): its instances are
 * endpoints at their declared, literal public IPs (`ip:<address>`, the key a peer naming that
 * address resolves to), its ASN, APIPA addresses and networks as declared.
 */
import { Json, Obj, isObj } from '../../output/load';
import { Resolved, eachTf } from '../../output/resolve';
import { ExtractContext, KeyValue, keyValue, numberOf, stringsOf, tfLabel, withoutSecrets } from '../../output/values';
import { declaredGatewayOf } from './declared';
import { AzurermTarget, azurermTarget, bgpOn } from './versions';

/** One `azurerm_virtual_network_gateway`, values resolved. */
export interface AzureGatewayRes {
  readonly key: string;
  readonly stack: string;
  readonly name: string;
  readonly activeActive: boolean;
  readonly bgpEnabled: boolean;
  readonly asn?: number;
  readonly vpnType: string;
  /** Instances in ip_configuration order, with their public IP endpoint. */
  readonly instances: readonly { readonly name: string; readonly endpoint?: string; readonly apipa: readonly string[] }[];
  readonly networks: readonly string[];
  readonly networksSource: string;
  /**
   * An existing gateway: not a resource of the output, only what its connections declare
   * (`declared.ts`); `declaredBy` is the first connection that carries the record.
   */
  readonly existing?: { readonly id: string; readonly declaredBy: string };
}

/** One `azurerm_virtual_network_gateway_connection`, values resolved. */
export interface AzureConnectionRes {
  readonly key: string;
  readonly stack: string;
  readonly label: string;
  readonly gateway?: AzureGatewayRes;
  readonly localNetworkGateway?: {
    readonly key: string;
    readonly address: Resolved;
    readonly addressSpace: readonly string[];
    readonly bgp?: { readonly asn: number; readonly peeringAddress: string };
  };
  readonly sharedKey: KeyValue;
  /** Whether BGP is on for the connection, as its azurerm version reads `enable_bgp` / `bgp_enabled`. */
  readonly bgpEnabled: boolean;
  /** The azurerm version the connection's stack targets. */
  readonly azurerm: AzurermTarget;
  readonly body: Obj;
}

/** What Azure adds to a deployment: its connections and its virtual network gateways. */
export interface AzureParts {
  readonly azure: readonly AzureConnectionRes[];
  readonly azureGateways: readonly AzureGatewayRes[];
}

/** Every Azure virtual network gateway and connection of the deployment. */
export function extractAzure(x: ExtractContext): { gateways: AzureGatewayRes[]; connections: AzureConnectionRes[] } {
  const gateways = azureGateways(x);
  const connections = azureConnections(x, gateways); // adds the existing gateways the connections declare
  return { gateways, connections };
}

/** A block written as a list of one or as an object (cdktf writes either). */
const firstBlock = (v: Json | undefined) => (Array.isArray(v) ? v[0] : v);
const blockList = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);

function azureGateways({ r, endpointLabels }: ExtractContext): AzureGatewayRes[] {
  return eachTf(r, 'azurerm_virtual_network_gateway').map((g) => {
    const b = g.body;
    const bgp = firstBlock(b.bgp_settings);
    const peering = isObj(bgp) ? blockList(bgp.peering_addresses) : [];
    const ipconfs = blockList(b.ip_configuration);
    const instances = ipconfs.map((ipc, i) => {
      const name = typeof ipc.name === 'string' ? ipc.name : `instance${i}`;
      const pip = r.eval(g.stack, ipc.public_ip_address_id);
      let endpoint: string | undefined;
      if (pip.kind === 'resource' && pip.ref.id.startsWith('azurerm_public_ip.')) {
        endpoint = `azure:${pip.ref.stack}/${pip.ref.id}`;
        endpointLabels.set(endpoint, `${typeof b.name === 'string' ? b.name : g.name} ${name}`);
      }
      const own = peering.find((p) => p.ip_configuration_name === name);
      const apipa = own && Array.isArray(own.apipa_addresses) ? own.apipa_addresses.filter((a): a is string => typeof a === 'string') : [];
      return { name, endpoint, apipa };
    });
    // Networks: the virtual network of the gateway's subnet.
    let networks: string[] = [];
    let networksSource = 'not found in the folders read';
    const subnet = ipconfs[0] ? r.resourceOf(g.stack, ipconfs[0].subnet_id, 'azurerm_subnet') : undefined;
    if (subnet) {
      const vnet = r.resourceOf(subnet.stack, subnet.body.virtual_network_name, 'azurerm_virtual_network');
      if (vnet) {
        networks = stringsOf(r, vnet.stack, vnet.body.address_space);
        networksSource = `address space of ${vnet.stack.name}/${vnet.id}`;
      } else {
        const vnetName = r.eval(subnet.stack, subnet.body.virtual_network_name);
        const byName = eachTf(r, 'azurerm_virtual_network').find((v) => vnetName.kind === 'literal' && v.body.name === vnetName.value);
        if (byName) {
          networks = stringsOf(r, byName.stack, byName.body.address_space);
          networksSource = `address space of ${byName.stack.name}/${byName.id}`;
        }
      }
    }
    return {
      key: `azure:${g.stack.name}/${g.id}`, stack: g.stack.name, name: typeof b.name === 'string' ? b.name : g.name,
      activeActive: b.active_active === true, bgpEnabled: bgpOn(azurermTarget(g.stack), b),
      asn: isObj(bgp) ? numberOf(r.eval(g.stack, bgp.asn)) : undefined,
      vpnType: typeof b.vpn_type === 'string' ? b.vpn_type : 'RouteBased',
      instances, networks, networksSource,
    };
  });
}

/** The existing gateway a connection declares, shared by every connection declaring the same id. */
function existingGateway(c: { stack: { name: string }; id: string; body: Obj }, existing: AzureGatewayRes[], { endpointLabels, warnings }: Pick<ExtractContext, 'endpointLabels' | 'warnings'>): AzureGatewayRes | undefined {
  const d = declaredGatewayOf(c.body);
  if (!d || !d.id || d.activeActive === undefined) return undefined;
  const id = d.id;
  const name = d.name ?? id.slice(id.lastIndexOf('/') + 1);
  const found = existing.find((g) => g.existing!.id.toLowerCase() === id.toLowerCase());
  const by = `${c.stack.name}/${c.id}`;
  if (found) {
    const same = found.activeActive === d.activeActive && found.asn === d.asn
      && found.instances.map((i) => `${i.endpoint}=${i.apipa.join(',')}`).join(' ') === d.instances.map((i) => `ip:${i.publicIp}=${i.apipa.join(',')}`).join(' ');
    if (!same) warnings.push(`${by}: declares existing gateway ${name} otherwise than ${found.existing!.declaredBy}; the first declaration is used`);
    return found;
  }
  const instances = d.instances.map((i) => {
    const endpoint = i.publicIp === undefined ? undefined : `ip:${i.publicIp}`;
    if (endpoint) endpointLabels.set(endpoint, `existing ${name} ${i.name} (${i.publicIp})`);
    return { name: i.name, endpoint, apipa: i.apipa };
  });
  const g: AzureGatewayRes = {
    key: `azure:existing/${d.resourceGroupName ?? '?'}/${name}`, stack: c.stack.name, name,
    activeActive: d.activeActive, bgpEnabled: true, asn: d.asn, vpnType: 'RouteBased',
    instances, networks: d.networks, networksSource: `declared networks of existing gateway ${name} (${by} //.crossCloudVpn.gateway)`,
    existing: { id, declaredBy: by },
  };
  existing.push(g);
  return g;
}

function azureConnections({ r, warnings, endpointLabels }: ExtractContext, gateways: AzureGatewayRes[]): AzureConnectionRes[] {
  const existing: AzureGatewayRes[] = [];
  const connections = eachTf(r, 'azurerm_virtual_network_gateway_connection').map((c) => {
    const b = c.body;
    const gwRef = r.resourceOf(c.stack, b.virtual_network_gateway_id, 'azurerm_virtual_network_gateway');
    const gateway = gwRef ? gateways.find((g) => g.key === `azure:${gwRef.stack.name}/${gwRef.id}`) : existingGateway(c, existing, { endpointLabels, warnings });
    if (!gateway) warnings.push(`${c.stack.name}/${c.id}: virtual network gateway not found`);
    const lngRef = r.resourceOf(c.stack, b.local_network_gateway_id, 'azurerm_local_network_gateway');
    let lng: AzureConnectionRes['localNetworkGateway'];
    if (lngRef) {
      const lb = lngRef.body;
      const bgp = firstBlock(lb.bgp_settings);
      const asn = isObj(bgp) ? numberOf(r.eval(lngRef.stack, bgp.asn)) : undefined;
      const peering = isObj(bgp) ? r.eval(lngRef.stack, bgp.bgp_peering_address) : undefined;
      lng = {
        key: `azure:${lngRef.stack.name}/${lngRef.id}`,
        address: r.eval(lngRef.stack, lb.gateway_address),
        addressSpace: stringsOf(r, lngRef.stack, lb.address_space),
        bgp: asn !== undefined && peering?.kind === 'literal' ? { asn, peeringAddress: String(peering.value) } : undefined,
      };
    } else {
      warnings.push(`${c.stack.name}/${c.id}: local network gateway not found`);
    }
    const label = tfLabel(b, c.name);
    const azurerm = azurermTarget(c.stack);
    return {
      key: `azure:${c.stack.name}/${c.id}`, stack: c.stack.name, label, gateway, localNetworkGateway: lng,
      sharedKey: b.shared_key === undefined ? { missing: `${label}: shared_key is not set, Azure generates one at deploy time` } : keyValue(r.eval(c.stack, b.shared_key), `${label} shared_key`),
      bgpEnabled: bgpOn(azurerm, b), azurerm,
      body: withoutSecrets(b),
    };
  });
  gateways.push(...existing);
  return connections;
}
