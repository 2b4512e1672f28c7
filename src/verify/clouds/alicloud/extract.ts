/**
 * Extraction of the Alibaba Cloud VPN resources of the synthesized Terraform JSON (alicloud),
 * references resolved (`output/resolve.ts`), for the Alibaba model (`model.ts`): every
 * `alicloud_vpn_gateway` (its two endpoints `…#master` (internet_ip) and `…#slave`
 * (disaster_recovery_internet_ip), the CIDRs of its VPC) and every `alicloud_vpn_connection` with
 * its customer gateway(s) and keys — per tunnel (`tunnel_options_specification`, dual-tunnel) or
 * for the connection (single-tunnel) — and the policy-based and destination route entries that
 * name it as next hop.
 *
 * An existing gateway (created outside the output) has no `alicloud_vpn_gateway`: a connection
 * naming a literal gateway id carries what its author declared about the gateway in the
 * Terraform JSON comment key, `"//": { "crossCloudVpn": { "gateway": { "existing": true,
 * "vpnGatewayId", "tunnelMode", "internetIp", "disasterRecoveryInternetIp", "asn", "networks",
 * "bgpSupported", "autoPropagateBgpRoutes", "tunnelCidrsInUse" } } }` (Terraform ignores `//`
 * keys). That record stands for the gateway: its endpoints are the literal IPs (`ip:<address>`,
 * the key a peer naming that literal address resolves to), its networks the declared ones, one
 * gateway per `vpnGatewayId` (the first record read; a differing one is a warning).
 */
import { Json, Obj, StackDoc, isObj } from '../../output/load';
import { Resolved, eachTf } from '../../output/resolve';
import { ExtractContext, KeyValue, keyValue, numberOf, stringsOf, tfLabel, withoutSecrets } from '../../output/values';

/** One `alicloud_vpn_gateway`, values resolved. */
export interface AlicloudGatewayRes {
  readonly key: string;
  readonly stack: string;
  readonly label: string;
  /** Endpoints of the gateway's two IPs: `master` (internet_ip) and `slave` (disaster_recovery_internet_ip). */
  readonly endpoints: { readonly master: string; readonly slave: string };
  readonly networks: readonly string[];
  readonly networksSource: string;
  /** An existing gateway: the record it was read from (else a resource of the output). */
  readonly existing?: ExistingGatewayRecord;
}

/** What a connection's `//.crossCloudVpn.gateway` record declares about an existing gateway. */
export interface ExistingGatewayRecord {
  readonly vpnGatewayId: string;
  readonly tunnelMode?: string;
  readonly bgpSupported?: boolean;
  readonly autoPropagateBgpRoutes?: boolean;
  readonly tunnelCidrsInUse: readonly string[];
  /** The connection whose record this is, e.g. `alicloud:stack/alicloud_vpn_connection.x`. */
  readonly declaredIn: string;
  /** The record as written. */
  readonly declared: Obj;
}

/** The existing-gateway record of a connection body, when it carries one. */
export function gatewayRecordOf(body: Obj): Obj | undefined {
  const comment = body['//'];
  const ccv = isObj(comment) ? comment.crossCloudVpn : undefined;
  const gw = isObj(ccv) ? ccv.gateway : undefined;
  return isObj(gw) && gw.existing === true && typeof gw.vpnGatewayId === 'string' ? gw : undefined;
}

/** One `alicloud_vpn_customer_gateway`, values resolved. */
export interface AlicloudCustomerGatewayRes {
  readonly key: string;
  readonly address: Resolved;
  readonly asn?: number;
}

/** One `alicloud_vpn_connection`, values resolved. */
export interface AlicloudConnectionRes {
  readonly key: string;
  readonly stack: string;
  readonly label: string;
  readonly gateway?: AlicloudGatewayRes;
  readonly body: Obj;
  /** Per-tunnel blocks (dual-tunnel) with their customer gateway and key. */
  readonly tunnels: readonly { readonly block: Obj; readonly customerGateway?: AlicloudCustomerGatewayRes; readonly psk: KeyValue }[];
  /** Single-tunnel: the connection's own customer gateway and key. */
  readonly single?: { readonly customerGateway?: AlicloudCustomerGatewayRes; readonly psk: KeyValue };
  /** Policy-based route entries of the gateway that name this connection as next hop. */
  readonly pbrRoutes: readonly { readonly source: string; readonly dest: string; readonly weight?: number }[];
  /** Destination route entries naming this connection. */
  readonly routeEntries: readonly string[];
}

/** What Alibaba Cloud adds to a deployment: its IPsec connections and its VPN gateways. */
export interface AlicloudParts {
  readonly alicloud: readonly AlicloudConnectionRes[];
  readonly alicloudGateways: readonly AlicloudGatewayRes[];
}

/** Every Alibaba Cloud VPN gateway and connection of the deployment. */
export function extractAlicloud(x: ExtractContext): { gateways: AlicloudGatewayRes[]; connections: AlicloudConnectionRes[] } {
  const gateways = alicloudGateways(x);
  return { gateways, connections: alicloudConnections(x, gateways) };
}

function alicloudGateways({ r, endpointLabels }: ExtractContext): AlicloudGatewayRes[] {
  return eachTf(r, 'alicloud_vpn_gateway').map((g) => {
    const b = g.body;
    const label = typeof b.vpn_gateway_name === 'string' ? b.vpn_gateway_name : typeof b.name === 'string' ? b.name : g.name;
    const master = `alicloud:${g.stack.name}/${g.id}#master`;
    const slave = `alicloud:${g.stack.name}/${g.id}#slave`;
    endpointLabels.set(master, `${label} master (internet_ip)`);
    endpointLabels.set(slave, `${label} slave (disaster_recovery_internet_ip)`);
    let networks: string[] = [];
    let networksSource = 'not found in the folders read';
    const vpc = r.resourceOf(g.stack, b.vpc_id, 'alicloud_vpc');
    if (vpc) {
      networks = [...stringsOf(r, vpc.stack, vpc.body.cidr_block), ...stringsOf(r, vpc.stack, vpc.body.secondary_cidr_blocks)];
      networksSource = `CIDR of ${vpc.stack.name}/${vpc.id}`;
    }
    return { key: `alicloud:${g.stack.name}/${g.id}`, stack: g.stack.name, label, endpoints: { master, slave }, networks, networksSource };
  });
}

const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The endpoints of an existing gateway's declared IPs: `ip:<address>` (a peer naming the literal resolves to it). */
export function declaredEndpoints(record: Obj): { master: string; slave: string } {
  const key = `alicloud:existing/${String(record.vpnGatewayId)}`;
  const endpoint = (v: Json | undefined, role: string) => (typeof v === 'string' && v !== '' ? `ip:${v}` : `${key}#${role}`);
  return { master: endpoint(record.internetIp, 'master'), slave: endpoint(record.disasterRecoveryInternetIp, 'slave') };
}

/** The gateway a connection's record declares (one per id: added to `gateways` once). */
function existingGateway(x: ExtractContext, gateways: AlicloudGatewayRes[], record: Obj, connKey: string): AlicloudGatewayRes {
  const id = record.vpnGatewayId as string;
  const key = `alicloud:existing/${id}`;
  const label = `existing ${id}`;
  const { master, slave } = declaredEndpoints(record);
  if (!x.endpointLabels.has(master)) x.endpointLabels.set(master, `${label} master (internet_ip, declared)`);
  if (!x.endpointLabels.has(slave)) x.endpointLabels.set(slave, `${label} slave (disaster_recovery_internet_ip, declared)`);
  const known = gateways.find((g) => g.key === key);
  if (known) {
    if (JSON.stringify(record) !== JSON.stringify(known.existing?.declared)) {
      x.warnings.push(`${connKey}: its record of existing gateway ${id} differs from ${known.existing!.declaredIn}'s; each connection is modelled with its own`);
    }
    return known;
  }
  const gateway: AlicloudGatewayRes = {
    key, stack: 'existing', label, endpoints: { master, slave },
    networks: strings(record.networks), networksSource: `declared in //.crossCloudVpn.gateway.networks of ${connKey}`,
    existing: {
      vpnGatewayId: id,
      tunnelMode: typeof record.tunnelMode === 'string' ? record.tunnelMode : undefined,
      bgpSupported: typeof record.bgpSupported === 'boolean' ? record.bgpSupported : undefined,
      autoPropagateBgpRoutes: typeof record.autoPropagateBgpRoutes === 'boolean' ? record.autoPropagateBgpRoutes : undefined,
      tunnelCidrsInUse: strings(record.tunnelCidrsInUse),
      declaredIn: connKey,
      declared: record,
    },
  };
  gateways.push(gateway);
  return gateway;
}

function alicloudConnections(x: ExtractContext, gateways: AlicloudGatewayRes[]): AlicloudConnectionRes[] {
  const { r, warnings } = x;
  const cgw = (stack: StackDoc, v: Json | undefined): AlicloudCustomerGatewayRes | undefined => {
    const ref = r.resourceOf(stack, v, 'alicloud_vpn_customer_gateway');
    if (!ref) return undefined;
    return { key: `alicloud:${ref.stack.name}/${ref.id}`, address: r.eval(ref.stack, ref.body.ip_address), asn: numberOf(r.eval(ref.stack, ref.body.asn)) };
  };
  const pbr = eachTf(r, 'alicloud_vpn_pbr_route_entry');
  const dest = eachTf(r, 'alicloud_vpn_route_entry');
  return eachTf(r, 'alicloud_vpn_connection').map((c) => {
    const b = c.body;
    const label = tfLabel(b, typeof b.vpn_connection_name === 'string' ? b.vpn_connection_name : c.name);
    const gwRef = r.resourceOf(c.stack, b.vpn_gateway_id, 'alicloud_vpn_gateway');
    const record = gwRef ? undefined : gatewayRecordOf(b);
    const gateway = gwRef
      ? gateways.find((g) => g.key === `alicloud:${gwRef.stack.name}/${gwRef.id}`)
      : record ? existingGateway(x, gateways, record, `alicloud:${c.stack.name}/${c.id}`) : undefined;
    if (!gateway) warnings.push(`${c.stack.name}/${c.id}: VPN gateway not found`);
    const blocks = Array.isArray(b.tunnel_options_specification) ? b.tunnel_options_specification.filter(isObj) : [];
    const pskOf = (ike: Json | undefined, where: string): KeyValue => {
      const cfg = Array.isArray(ike) ? ike[0] : ike;
      if (!isObj(cfg) || cfg.psk === undefined) return { missing: `${where}: psk is not set, Alibaba Cloud generates one at deploy time` };
      return keyValue(r.eval(c.stack, cfg.psk), `${where} psk`);
    };
    const tunnels = blocks.map((blk, i) => ({
      block: withoutSecrets(blk),
      customerGateway: cgw(c.stack, blk.customer_gateway_id),
      psk: pskOf(blk.tunnel_ike_config, `${label} tunnel ${typeof blk.role === 'string' ? blk.role : i + 1}`),
    }));
    const single = blocks.length ? undefined : { customerGateway: cgw(c.stack, b.customer_gateway_id), psk: pskOf(b.ike_config, label) };
    const nextHopIsMe = (v: Json | undefined) => {
      const target = r.eval(c.stack, v);
      return target.kind === 'resource' && target.ref.id === c.id && target.ref.stack === c.stack.name;
    };
    const pbrRoutes = pbr.filter((e) => nextHopIsMe(e.body.next_hop)).map((e) => ({
      source: String(e.body.route_source), dest: String(e.body.route_dest), weight: typeof e.body.weight === 'number' ? e.body.weight : undefined,
    }));
    const routeEntries = dest.filter((e) => nextHopIsMe(e.body.next_hop)).map((e) => String(e.body.route_dest));
    return { key: `alicloud:${c.stack.name}/${c.id}`, stack: c.stack.name, label, gateway, body: withoutSecrets(b), tunnels, single, pbrRoutes, routeEntries };
  });
}
