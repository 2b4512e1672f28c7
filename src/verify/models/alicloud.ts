/**
 * How an Alibaba Cloud VPN gateway behaves on one `alicloud_vpn_connection`
 * (facts: shared/reference/cloud-vpn-facts.md §4-§5, sources L1-L8).
 *
 * - Tunnels: dual-tunnel connections carry one `tunnel_options_specification` per tunnel; the
 *   `master` tunnel uses the gateway's `internet_ip`, the `slave` tunnel its
 *   `disaster_recovery_internet_ip`, each toward its own customer gateway (L1 L5). Single-tunnel
 *   connections use the top-level `customer_gateway_id`, `ike_config`, `ipsec_config`.
 * - Proposals, with the API's defaults when a field is not written (L1): IKE `ikev1`, mode
 *   `main`, `aes` (AES-128, unconfirmed), `md5`, `group2`, 86400 s; IPsec `aes`, `md5`,
 *   `group2`, 86400 s. One configured proposal; `ipsec_pfs` `disabled` = no PFS.
 * - Identities: `local_id` / `remote_id` (default: the IPs).
 * - Initiation: `effect_immediately` true negotiates at once; false (default) waits for traffic.
 * - DPD: `enable_dpd`, default true; Alibaba documents no timer (10 s probes / 30 s timeout assumed).
 * - Traffic selectors: `local_subnet` / `remote_subnet`: 0.0.0.0/0 both = destination routing
 *   (route-based), else protected data flows (policy-based).
 * - BGP (`enable_tunnels_bgp`, or `bgp_config.enable` single-tunnel): Alibaba's ASN
 *   `tunnel_bgp_config.local_asn` (default 45104), address `local_bgp_ip` in `tunnel_cidr`; the
 *   peer's ASN is the customer gateway's `asn`; the peer's BGP address is presumed to be the other
 *   host of the /30 (unconfirmed); Alibaba opening the session is unconfirmed (assumed active).
 */
import type { AlicloudConnectionRes, AlicloudCustomerGatewayRes, Deployment, Json, KeyValue, Resolver } from '../read-output';
import type { TunnelHalf } from '../types';
import { addressOf, describe, endpointKeyOf, otherHost } from './common';
import { espProposals, ikeProposals, spellings } from './proposals';

type Obj = { [key: string]: Json };
const ALI = spellings('alicloud', { dh: { group24: 'modp2048s256' }, pfs: { group24: 'modp2048s256' } });
const DEFAULTS = {
  ikeVersion: 'ikev1', ikeMode: 'main', ikeEnc: 'aes', ikeAuth: 'md5', ikePfs: 'group2', ikeLifetime: 86400,
  ipsecEnc: 'aes', ipsecAuth: 'md5', ipsecPfs: 'group2', ipsecLifetime: 86400, localAsn: 45104,
};
/** Unconfirmed: Alibaba documents no DPD or BGP timers. */
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

/** The tunnel halves of one Alibaba Cloud IPsec connection. */
export function alicloudHalves(conn: AlicloudConnectionRes, d: Deployment, resolver?: Resolver): TunnelHalf[] {
  if (!conn.gateway) return [];
  const b = conn.body;
  if (conn.tunnels.length) {
    return conn.tunnels.map((t, i) => {
      const role = typeof t.block.role === 'string' ? t.block.role : i === 0 ? 'master' : 'slave';
      return half(conn, d, {
        role, endpoint: role === 'slave' ? conn.gateway!.endpoints.slave : conn.gateway!.endpoints.master,
        customerGateway: t.customerGateway, psk: t.psk,
        ike: block(t.block.tunnel_ike_config) ?? {}, ipsec: block(t.block.tunnel_ipsec_config) ?? {},
        bgpOn: b.enable_tunnels_bgp === true, bgp: block(t.block.tunnel_bgp_config), dpd: t.block.enable_dpd ?? b.enable_dpd,
        idKeys: { local: 'local_id', remote: 'remote_id' },
      }, resolver);
    });
  }
  const bgpBlock = block(b.bgp_config);
  return [half(conn, d, {
    role: 'single', endpoint: conn.gateway.endpoints.master, customerGateway: conn.single?.customerGateway, psk: conn.single?.psk ?? { missing: 'no key' },
    ike: block(b.ike_config) ?? {}, ipsec: block(b.ipsec_config) ?? {},
    bgpOn: bgpBlock?.enable === true, bgp: bgpBlock, dpd: b.enable_dpd,
    idKeys: { local: 'ike_local_id', remote: 'ike_remote_id' },
  }, resolver)];
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
}

function half(conn: AlicloudConnectionRes, d: Deployment, t: TunnelConfig, resolver?: Resolver): TunnelHalf {
  const notes: string[] = [];
  const problems: string[] = [];
  const b = conn.body;
  const get = (o: Obj, key: string, def: string | number, what: string) => {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      notes.push(`${what} not set: API default ${def}`);
      return def;
    }
    return v as string | number;
  };
  if ('missing' in t.psk) problems.push(t.psk.missing);
  const version = String(get(t.ike, 'ike_version', DEFAULTS.ikeVersion, 'ike_version')).toLowerCase();
  const ikeVersion: 1 | 2 = version === 'ikev2' ? 2 : 1;
  const aggressive = String(get(t.ike, 'ike_mode', DEFAULTS.ikeMode, 'ike_mode')).toLowerCase() === 'aggressive';
  const kw = (v: string | null | undefined, what: string, name: unknown) => {
    if (v === undefined) problems.push(`${what} '${String(name)}' is not a value Alibaba Cloud accepts`);
    return v;
  };
  const ikeEnc = String(get(t.ike, 'ike_enc_alg', DEFAULTS.ikeEnc, 'ike_enc_alg'));
  const ikeAuth = String(get(t.ike, 'ike_auth_alg', DEFAULTS.ikeAuth, 'ike_auth_alg'));
  const ikePfs = String(get(t.ike, 'ike_pfs', DEFAULTS.ikePfs, 'ike_pfs'));
  const e1 = kw(ALI.encryption(ikeEnc), 'ike_enc_alg', ikeEnc);
  const i1 = kw(ALI.integrity(ikeAuth), 'ike_auth_alg', ikeAuth);
  const g1 = kw(ALI.dh(ikePfs), 'ike_pfs', ikePfs);
  const ipsecEnc = String(get(t.ipsec, 'ipsec_enc_alg', DEFAULTS.ipsecEnc, 'ipsec_enc_alg'));
  const ipsecAuth = String(get(t.ipsec, 'ipsec_auth_alg', DEFAULTS.ipsecAuth, 'ipsec_auth_alg'));
  const ipsecPfs = String(get(t.ipsec, 'ipsec_pfs', DEFAULTS.ipsecPfs, 'ipsec_pfs'));
  const e2 = kw(ALI.encryption(ipsecEnc), 'ipsec_enc_alg', ipsecEnc);
  const i2 = kw(ALI.integrity(ipsecAuth), 'ipsec_auth_alg', ipsecAuth);
  const g2 = kw(ALI.pfs(ipsecPfs), 'ipsec_pfs', ipsecPfs);
  const ike = e1 && i1 && g1 ? ikeProposals([e1], [i1], [g1], false) : [];
  const esp = e2 && i2 && g2 !== undefined ? espProposals([e2], [i2], g2 ? [g2] : [], false) : [];

  const outside = addressOf(d, t.endpoint);
  const peerKey = endpointKeyOf(t.customerGateway?.address);
  const peer = peerKey === undefined ? undefined : d.endpoints.get(peerKey);
  if (!t.customerGateway) problems.push(`tunnel ${t.role}: customer gateway not found`);
  // Identities: literal, or a reference to an endpoint (then its symbolic address).
  const id = (key: string, fallback: string | undefined) => {
    const v = t.ike[key];
    if (v === undefined || v === '') return fallback ?? '%any';
    if (resolver) {
      const stack = resolver.stack(conn.stack, 'cdktf');
      const r = stack ? resolver.eval(stack, v) : undefined;
      if (r?.kind === 'endpoint') return addressOf(d, r.endpoint) ?? String(v);
    }
    return String(v);
  };

  const localTs = list(b.local_subnet);
  const remoteTs = list(b.remote_subnet);
  const routeBased = localTs.every((x) => x === '0.0.0.0/0') && remoteTs.every((x) => x === '0.0.0.0/0');
  let inside: TunnelHalf['inside'];
  let bgp: TunnelHalf['bgp'];
  if (t.bgpOn) {
    const cidr = t.bgp?.tunnel_cidr;
    const ip = t.bgp?.local_bgp_ip;
    if (typeof cidr !== 'string' || typeof ip !== 'string') {
      problems.push(`tunnel ${t.role}: BGP is on but tunnel_cidr / local_bgp_ip are not set`);
    } else {
      const peerIp = otherHost(ip);
      if (!peerIp) problems.push(`tunnel ${t.role}: local_bgp_ip ${ip} is not a host of a /30`);
      else inside = { address: ip, peerAddress: peerIp, prefixLength: 30, source: `tunnel_cidr ${cidr}, local_bgp_ip ${ip} (peer: the other host, unconfirmed)` };
    }
    const localAsn = Number(t.bgp?.local_asn ?? DEFAULTS.localAsn);
    if (t.bgp?.local_asn === undefined) notes.push(`local_asn not set: ${DEFAULTS.localAsn}`);
    const peerAsn = t.customerGateway?.asn;
    if (peerAsn === undefined) problems.push(`tunnel ${t.role}: BGP is on but the customer gateway has no asn`);
    else bgp = { localAsn, peerAsn, passive: false, holdTimeSeconds: BGP.hold, keepaliveSeconds: BGP.keepalive };
  }
  const effect = b.effect_immediately === true;
  const dpdOn = t.dpd !== false;
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
    ikeLifetimeSeconds: Number(get(t.ike, 'ike_lifetime', DEFAULTS.ikeLifetime, 'ike_lifetime')),
    childLifetimeSeconds: Number(get(t.ipsec, 'ipsec_lifetime', DEFAULTS.ipsecLifetime, 'ipsec_lifetime')),
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
    resources: [conn.key, conn.gateway!.key, ...(t.customerGateway ? [t.customerGateway.key] : [])].map((k) => k.replace(/^alicloud:/, 'cdktf:')),
    assumptions: [],
  };
}
