/**
 * How an Alibaba Cloud VPN gateway behaves on one `alicloud_vpn_connection`, from this folder's
 * tables (`tables.ts`, every value sourced there; what has no source is an assumption in
 * `ALICLOUD_ASSUMPTIONS`, attached to the halves that rely on it).
 *
 * - Tunnels: dual-tunnel connections carry one `tunnel_options_specification` per tunnel; the
 *   `master` tunnel uses the gateway's `internet_ip`, the `slave` tunnel its
 *   `disaster_recovery_internet_ip`, each toward its own customer gateway. Single-tunnel
 *   connections use the top-level `customer_gateway_id`, `ike_config`, `ipsec_config`.
 * - Proposals: one configured proposal, the API's defaults (`DEFAULTS`) for fields not written:
 *   IKE `ikev1`, mode `main`, `aes`, `md5`, `group2`, 86400 s; IPsec `aes`, `md5`, `group2`,
 *   86400 s. `ipsec_pfs` `disabled` = no PFS. A spelling the tables do not know makes the half
 *   unusable (acceptance reports it as `cloud-rejects` first).
 * - Identities: `local_id` / `remote_id` (default: the IPs).
 * - Initiation: `effect_immediately` true negotiates at once; false (default) waits for traffic.
 * - DPD: `enable_dpd`, default true; timers assumed (`alicloud-dpd-timers`).
 * - Traffic selectors: `local_subnet` / `remote_subnet`: 0.0.0.0/0 both = destination routing
 *   (route-based), else protected data flows (policy-based).
 * - BGP (`enable_tunnels_bgp`, or `bgp_config.enable` single-tunnel): Alibaba's ASN `local_asn`
 *   (default 45104), address `local_bgp_ip` in `tunnel_cidr`; the peer's ASN is the customer
 *   gateway's `asn`; the peer's address (`alicloud-bgp-peer-address`), who opens the session
 *   (`alicloud-bgp-active`) and the timers (`alicloud-bgp-timers`) are assumptions.
 * - Resources: the connection, its gateway, its customer gateways and the route entries that
 *   name it as next hop; a violation on any of them fails the half.
 * - An existing gateway (no `alicloud_vpn_gateway`: the connection's `//.crossCloudVpn.gateway`
 *   record, `extract.ts`): the master tunnel's end is its declared `internetIp`, the slave's its
 *   `disasterRecoveryInternetIp`; an identity written as that literal IP is that endpoint.
 */
import { alarmsWatching } from './alarms';
import { type AlicloudConnectionRes, type AlicloudCustomerGatewayRes, declaredEndpoints, gatewayRecordOf } from './extract';
import type { DeploymentBase } from '../../deployment';
import type { Json } from '../../output/load';
import type { KeyValue } from '../../output/values';
import type { Resolver } from '../../output/resolve';
import { type Assumption, resourceKey, type TunnelHalf } from '../../types';
import { addressOf, describe, endpointKeyOf, otherHost } from '../../models/common';
import { espProposals, ikeProposals } from '../../models/proposals';
import { ALICLOUD_ASSUMPTIONS, DEFAULTS, ENCRYPTION, IKE_MODES, IKE_VERSIONS, INTEGRITY, PHASE1_DH, PHASE2_PFS } from './tables';

type Obj = { [key: string]: Json };
/** Unsourced timers (see `ALICLOUD_ASSUMPTIONS`). */
const DPD = { delaySeconds: 10, timeoutSeconds: 30 };
const BGP = { hold: 90, keepalive: 30 };

const block = (v: Json | undefined): Obj | undefined => {
  const b = Array.isArray(v) ? v[0] : v;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? b : undefined;
};
const list = (v: Json | undefined): string[] => {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  return typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : [];
};
/** A table entry by its exact API spelling (own keys only). */
export function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
/** `alicloud:<stack>/<type.name>` (reader key) → `cdktf:<stack>/<type.name>` (`resourceKey`). */
const keyOf = (readerKey: string): string => {
  const rest = readerKey.replace(/^alicloud:/, '');
  const slash = rest.indexOf('/');
  return resourceKey('cdktf', rest.slice(0, slash), rest.slice(slash + 1));
};

/** The tunnel halves of one Alibaba Cloud IPsec connection. */
export function alicloudHalves(conn: AlicloudConnectionRes, d: DeploymentBase, resolver?: Resolver): TunnelHalf[] {
  if (!conn.gateway) return [];
  const b = conn.body;
  const routes = resolver ? routeEntryKeys(conn, resolver) : [];
  // An existing gateway: the IPs this connection's own record declares.
  const own = conn.gateway.existing ? gatewayRecordOf(conn.body) : undefined;
  const endpoints = own ? declaredEndpoints(own) : conn.gateway.endpoints;
  if (conn.tunnels.length) {
    return conn.tunnels.map((t, i) => {
      const role = typeof t.block.role === 'string' ? t.block.role : i === 0 ? 'master' : 'slave';
      return half(conn, d, {
        role, endpoint: role === 'slave' ? endpoints.slave : endpoints.master,
        customerGateway: t.customerGateway, psk: t.psk,
        ike: block(t.block.tunnel_ike_config) ?? {}, ipsec: block(t.block.tunnel_ipsec_config) ?? {},
        bgpOn: b.enable_tunnels_bgp === true, bgp: block(t.block.tunnel_bgp_config), dpd: t.block.enable_dpd ?? b.enable_dpd,
        idKeys: { local: 'local_id', remote: 'remote_id' }, routes,
      }, resolver);
    });
  }
  const bgpBlock = block(b.bgp_config);
  return [half(conn, d, {
    role: 'single', endpoint: endpoints.master, customerGateway: conn.single?.customerGateway, psk: conn.single?.psk ?? { missing: 'no key' },
    ike: block(b.ike_config) ?? {}, ipsec: block(b.ipsec_config) ?? {},
    bgpOn: bgpBlock?.enable === true, bgp: bgpBlock, dpd: b.enable_dpd,
    idKeys: { local: 'ike_local_id', remote: 'ike_remote_id' }, routes,
  }, resolver)];
}

/** Keys of the destination and policy-based route entries whose next hop is this connection. */
export function routeEntryKeys(conn: AlicloudConnectionRes, r: Resolver): string[] {
  const id = conn.key.slice(conn.key.indexOf('/') + 1);
  const keys: string[] = [];
  for (const s of r.stacks) {
    if (s.engine !== 'cdktf') continue;
    for (const type of ['alicloud_vpn_route_entry', 'alicloud_vpn_pbr_route_entry']) {
      const all = ((s.body.resource as Obj | undefined)?.[type] as Obj | undefined) ?? {};
      for (const [name, body] of Object.entries(all)) {
        const hop = typeof body === 'object' && body !== null && !Array.isArray(body) ? r.eval(s, body.next_hop) : undefined;
        if (hop?.kind === 'resource' && hop.ref.stack === conn.stack && hop.ref.id === id) keys.push(resourceKey('cdktf', s.name, `${type}.${name}`));
      }
    }
  }
  return keys;
}

interface TunnelConfig {
  readonly role: string;
  readonly endpoint: string;
  readonly customerGateway?: AlicloudCustomerGatewayRes;
  readonly psk: KeyValue;
  readonly ike: Obj;
  readonly ipsec: Obj;
  readonly bgpOn: boolean;
  readonly bgp?: Obj;
  readonly dpd: Json | undefined;
  readonly idKeys: { readonly local: string; readonly remote: string };
  readonly routes: readonly string[];
}

function half(conn: AlicloudConnectionRes, d: DeploymentBase, t: TunnelConfig, resolver?: Resolver): TunnelHalf {
  // CloudMonitor alarms on the connection (no tunnel dimension: they watch both tunnels of a dual-tunnel one).
  const watching = resolver ? alarmsWatching(resolver, conn.stack, conn.key.slice(conn.key.indexOf('/') + 1)) : [];
  const notes: string[] = [];
  for (const a of watching) notes.push(`watched by CloudMonitor alarm ${a.name}`);
  const problems: string[] = [];
  const assumptions: Assumption[] = [ALICLOUD_ASSUMPTIONS.responderProposal];
  const b = conn.body;
  const D = DEFAULTS.values;
  const get = (o: Obj, key: string, def: string | number) => {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      notes.push(`${key} not set: API default ${def}`);
      return def;
    }
    return v as string | number;
  };
  /** The keyword of a spelling, or a problem naming it. */
  const kw = <T>(table: Readonly<Record<string, T>>, key: string, name: string): T | undefined => {
    const v = lookup(table, name);
    if (v === undefined) problems.push(`${key} '${name}' is not a value Alibaba Cloud accepts`);
    return v;
  };
  if ('missing' in t.psk) problems.push(t.psk.missing);
  const version = String(get(t.ike, 'ike_version', D.ikeVersion));
  const ikeVersion = kw(IKE_VERSIONS.values, 'ike_version', version) ?? 1;
  const mode = String(get(t.ike, 'ike_mode', D.ikeMode));
  if (!IKE_MODES.values.includes(mode)) problems.push(`ike_mode '${mode}' is not a value Alibaba Cloud accepts`);
  const aggressive = mode === 'aggressive';
  const ikeEnc = String(get(t.ike, 'ike_enc_alg', D.ikeEncAlg));
  const ipsecEnc = String(get(t.ipsec, 'ipsec_enc_alg', D.ipsecEncAlg));
  const e1 = kw(ENCRYPTION.values, 'ike_enc_alg', ikeEnc);
  const i1 = kw(INTEGRITY.values, 'ike_auth_alg', String(get(t.ike, 'ike_auth_alg', D.ikeAuthAlg)));
  const g1 = kw(PHASE1_DH.values, 'ike_pfs', String(get(t.ike, 'ike_pfs', D.ikePfs)));
  const e2 = kw(ENCRYPTION.values, 'ipsec_enc_alg', ipsecEnc);
  const i2 = kw(INTEGRITY.values, 'ipsec_auth_alg', String(get(t.ipsec, 'ipsec_auth_alg', D.ipsecAuthAlg)));
  const g2 = kw(PHASE2_PFS.values, 'ipsec_pfs', String(get(t.ipsec, 'ipsec_pfs', D.ipsecPfs)));
  if (ikeEnc === 'aes' || ipsecEnc === 'aes') assumptions.push(ALICLOUD_ASSUMPTIONS.aesKeySize);
  const ike = e1 && i1 && g1 ? ikeProposals([e1], [i1], [g1], false) : [];
  const esp = e2 && i2 && g2 !== undefined ? espProposals([e2], [i2], g2 ? [g2] : [], false) : [];

  const outside = addressOf(d, t.endpoint);
  const peerKey = endpointKeyOf(t.customerGateway?.address);
  const peer = peerKey === undefined ? undefined : d.endpoints.get(peerKey);
  if (!t.customerGateway) problems.push(`tunnel ${t.role}: customer gateway not found`);
  // Identities: literal, or a reference to an endpoint (then its symbolic address); a literal
  // that is an endpoint's address (an existing gateway's declared IP) is that endpoint's too.
  const id = (key: string, fallback: string | undefined) => {
    const v = t.ike[key];
    if (v === undefined || v === '') return fallback ?? '%any';
    if (typeof v === 'string' && d.endpoints.has(`ip:${v}`)) return addressOf(d, `ip:${v}`)!;
    if (resolver) {
      const stack = resolver.stack(conn.stack, 'cdktf');
      const r = stack ? resolver.eval(stack, v) : undefined;
      if (r?.kind === 'endpoint') return addressOf(d, r.endpoint) ?? String(v);
      // A literal IP the deployment knows as an endpoint (an existing gateway's declared public IP) has its symbolic address.
      if (r?.kind === 'literal' && typeof r.value === 'string' && d.endpoints.has(`ip:${r.value}`)) return addressOf(d, `ip:${r.value}`)!;
    }
    return String(v);
  };

  const localTs = list(b.local_subnet);
  const remoteTs = list(b.remote_subnet);
  const routeBased = localTs.every((x) => x === '0.0.0.0/0') && remoteTs.every((x) => x === '0.0.0.0/0');
  let inside: TunnelHalf['inside'];
  let bgp: TunnelHalf['bgp'];
  if (t.bgpOn) {
    assumptions.push(ALICLOUD_ASSUMPTIONS.bgpPeerAddress, ALICLOUD_ASSUMPTIONS.bgpActive, ALICLOUD_ASSUMPTIONS.bgpTimers);
    const cidr = t.bgp?.tunnel_cidr;
    const ip = t.bgp?.local_bgp_ip;
    if (typeof cidr !== 'string' || typeof ip !== 'string') {
      problems.push(`tunnel ${t.role}: BGP is on but tunnel_cidr / local_bgp_ip are not set`);
    } else {
      const peerIp = otherHost(ip);
      if (!peerIp) problems.push(`tunnel ${t.role}: local_bgp_ip ${ip} is not a host of a /30`);
      else inside = { address: ip, peerAddress: peerIp, prefixLength: 30, source: `tunnel_cidr ${cidr}, local_bgp_ip ${ip} (peer: the other host, assumed)` };
    }
    const localAsn = asnOf(t.bgp?.local_asn) ?? D.localAsn;
    if (t.bgp?.local_asn === undefined) notes.push(`local_asn not set: API default ${D.localAsn}`);
    const peerAsn = t.customerGateway?.asn;
    if (peerAsn === undefined) problems.push(`tunnel ${t.role}: BGP is on but the customer gateway has no asn`);
    else bgp = { localAsn, peerAsn, passive: false, holdTimeSeconds: BGP.hold, keepaliveSeconds: BGP.keepalive };
  }
  const effect = b.effect_immediately === undefined ? D.effectImmediately : b.effect_immediately === true;
  const dpdOn = t.dpd === undefined ? D.enableDpd : t.dpd !== false;
  if (dpdOn) assumptions.push(ALICLOUD_ASSUMPTIONS.dpdTimers);
  const gwNetworks = conn.gateway!.networks;
  return {
    key: `${conn.key}#${t.role}`,
    cloud: 'alicloud',
    site: conn.gateway!.key,
    label: `${conn.label} ${t.role}`,
    group: conn.key,
    outsideEndpoint: t.endpoint,
    outsideAddress: outside ?? '0.0.0.0',
    peerEndpoint: peer?.key,
    peerAddress: peer?.address,
    peerAddressSource: describe(t.customerGateway?.address),
    psk: 'key' in t.psk ? t.psk.key : undefined,
    localId: id(t.idKeys.local, outside),
    remoteId: id(t.idKeys.remote, peer?.address),
    ikeVersion,
    aggressive,
    ikeProposals: ike,
    esp: { offers: esp, accepts: esp },
    initiation: effect
      ? { initiates: 'always', responds: true, setting: 'effect_immediately=true' }
      : { initiates: 'on-traffic', responds: true, setting: 'effect_immediately=false (negotiates when traffic arrives)' },
    ikeLifetimeSeconds: Number(get(t.ike, 'ike_lifetime', D.ikeLifetime)),
    childLifetimeSeconds: Number(get(t.ipsec, 'ipsec_lifetime', D.ipsecLifetime)),
    dpd: dpdOn ? { ...DPD, action: 'restart' } : undefined,
    localTs: localTs.length ? localTs : ['0.0.0.0/0'],
    remoteTs: remoteTs.length ? remoteTs : ['0.0.0.0/0'],
    routing: t.bgpOn ? 'bgp' : routeBased ? 'static' : 'policy',
    inside,
    bgp,
    advertise: routeBased ? gwNetworks : localTs,
    routes: [...conn.routeEntries, ...conn.pbrRoutes.map((r) => r.dest)],
    notes,
    problems,
    // An existing gateway is no resource of the output (its record is on the connection).
    resources: [...new Set([conn.key, ...(conn.gateway!.existing ? [] : [conn.gateway!.key]), ...(t.customerGateway ? [t.customerGateway.key] : [])].map(keyOf).concat(t.routes, watching.map((a) => a.key)))],
    alarms: watching.map((a) => ({ name: a.name, metric: a.metric, watches: 'IPsec connection traffic received', resource: a.key })),
    assumptions,
  };
}

/** An ASN as written: a number, a decimal string or asdot `a.b` (a×65536+b); `undefined` otherwise. */
export function asnOf(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(\d+)\.(\d+)$/.exec(s);
  if (m && Number(m[1]) <= 65535 && Number(m[2]) <= 65535) return Number(m[1]) * 65536 + Number(m[2]);
  return undefined;
}
