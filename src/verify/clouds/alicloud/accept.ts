/**
 * What Alibaba Cloud accepts: every `alicloud_vpn_*` resource of the synthesized Terraform JSON
 * checked against the rules of `tables.ts` (API reference and provider v1.289.0, each violation
 * citing its source). Values only known at deploy time (references the reader cannot resolve)
 * are not judged here.
 *
 * Resources: `alicloud_vpn_connection` (IKE/IPsec enums, lifetimes, keys, identities, subnets,
 * tunnel CIDRs and BGP addresses, ASNs, dual-tunnel completeness), `alicloud_vpn_gateway`
 * (bandwidth, enums, features), `alicloud_vpn_customer_gateway` (ASN, BGP needs an ASN),
 * `alicloud_vpn_route_entry` / `alicloud_vpn_pbr_route_entry` (weights, CIDRs, next hop).
 * A connection on an existing gateway (a literal `vpn_gateway_id` and the `//.crossCloudVpn.gateway`
 * record, see `extract.ts`) is judged against what the record declares: its tunnel mode, its BGP
 * support, and the tunnel CIDRs its other connections use.
 */
import { containsAddress, parseCidr, parseIpv4 } from '../../../common/cidr';
import { shown } from '../../violation';
import { Obj, isObj } from '../../output/load';
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { Ctx, literal, report } from './judge';
import { resourceKey, type Violation } from '../../types';
import { acceptAlicloudAlarms } from './alarms';
import { gatewayRecordOf } from './extract';
import { asnOf, lookup } from './model';
import {
  ASN, BANDWIDTH, CONFLICTS, CUSTOMER_GATEWAY_ASN_FOR_BGP, CUSTOMER_GATEWAY_RESERVED_ASNS, DUAL_TUNNEL, DUAL_TUNNEL_GATEWAY,
  ENCRYPTION, GATEWAY_BGP_SUPPORT, GATEWAY_ENUMS, GATEWAY_FEATURES, GATEWAY_PERIOD, IKE_ID, IKE_MODES, IKE_VERSIONS, INTEGRITY, LIFETIME_SECONDS,
  LOCAL_BGP_IP, PHASE1_DH, PHASE2_PFS, PSK, REQUIRED, ROUTE_CIDR, ROUTE_NEXT_HOP, ROUTE_WEIGHTS, SINGLE_TUNNEL_CUSTOMER_GATEWAY, SINGLE_TUNNEL_GATEWAY, SUBNETS,
  TUNNEL_CIDR, TUNNEL_CIDR_UNIQUE,
} from './tables';

/** One resource being checked. */



/** Nested blocks as written: a single object (`name`) or a list (`name[i]`). */
function blocks(body: Obj, name: string): { block: Obj; path: string }[] {
  const v = body[name];
  if (Array.isArray(v)) return v.flatMap((b, i) => (isObj(b) ? [{ block: b, path: `${name}[${i}]` }] : []));
  return isObj(v) ? [{ block: v, path: name }] : [];
}

const intOf = (v: Json): number | undefined => {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
};
const list = (values: readonly string[]) => values.join(', ');

/** An enum field: the spelling must be one of the table's (exact). */
function checkEnum(c: Ctx, o: Obj, field: string, path: string, table: { values: Readonly<Record<string, unknown>> | readonly string[]; source: string }): void {
  const v = literal(c, o[field]);
  if (v === undefined) return;
  const allowed = Array.isArray(table.values) ? table.values as readonly string[] : Object.keys(table.values);
  const ok = typeof v === 'string' && (Array.isArray(table.values) ? allowed.includes(v) : lookup(table.values as Readonly<Record<string, unknown>>, v) !== undefined);
  if (!ok) report(c, `${path}.${field}`, shown(v), `one of ${list(allowed)}`, table.source);
}

function checkLifetime(c: Ctx, o: Obj, field: string, path: string): void {
  const v = literal(c, o[field]);
  if (v === undefined) return;
  const n = intOf(v);
  const { min, max } = LIFETIME_SECONDS.values;
  if (n === undefined || n < min || n > max) report(c, `${path}.${field}`, shown(v), `an integer of ${min}-${max} seconds`, LIFETIME_SECONDS.source);
}

/** A pre-shared key: judged by length and character set, described without showing it. */
function checkPsk(c: Ctx, o: Obj, path: string): void {
  const v = literal(c, o.psk);
  if (v === undefined) return;
  const { min, max, charset, charsetText } = PSK.values;
  if (typeof v !== 'string') {
    report(c, `${path}.psk`, `(a key of type ${typeof v})`, 'a string', PSK.source);
    return;
  }
  if (v.length < min || v.length > max) report(c, `${path}.psk`, `(a key of ${v.length} characters)`, `${min}-${max} characters`, PSK.source);
  if (v.length && !charset.test(v)) {
    const bad = [...v].filter((ch) => !charset.test(ch)).length;
    report(c, `${path}.psk`, `(a key with ${bad} character(s) outside the allowed set)`, charsetText, PSK.source);
  }
}

function checkId(c: Ctx, o: Obj, field: string, path: string): void {
  const v = literal(c, o[field]);
  if (typeof v !== 'string') return;
  if (v.length > IKE_ID.values.max || /\s/.test(v)) report(c, `${path}.${field}`, shown(v), `at most ${IKE_ID.values.max} characters, no spaces`, IKE_ID.source);
}

function checkIke(c: Ctx, o: Obj, path: string, ids: readonly [string, string]): void {
  checkEnum(c, o, 'ike_version', path, IKE_VERSIONS);
  checkEnum(c, o, 'ike_mode', path, IKE_MODES);
  checkEnum(c, o, 'ike_enc_alg', path, ENCRYPTION);
  checkEnum(c, o, 'ike_auth_alg', path, INTEGRITY);
  checkEnum(c, o, 'ike_pfs', path, PHASE1_DH);
  checkLifetime(c, o, 'ike_lifetime', path);
  checkPsk(c, o, path);
  for (const id of ids) checkId(c, o, id, path);
}

function checkIpsec(c: Ctx, o: Obj, path: string): void {
  checkEnum(c, o, 'ipsec_enc_alg', path, ENCRYPTION);
  checkEnum(c, o, 'ipsec_auth_alg', path, INTEGRITY);
  checkEnum(c, o, 'ipsec_pfs', path, PHASE2_PFS);
  checkLifetime(c, o, 'ipsec_lifetime', path);
}

/** Why a tunnel CIDR is refused, or `undefined` when Alibaba Cloud takes it. */
export function tunnelCidrProblem(text: string): string | undefined {
  const p = parseCidr(text);
  if (!p.ok) return p.reason;
  const { within, prefixLength, reserved } = TUNNEL_CIDR.values;
  const range = parseCidr(within);
  if (p.cidr.prefixLength !== prefixLength) return `not a /${prefixLength}`;
  if (range.ok && !containsAddress(range.cidr, p.cidr.network)) return `outside ${within}`;
  if (reserved.includes(p.cidr.text)) return 'a reserved block';
  return undefined;
}

const TUNNEL_CIDR_RULE = `a /${TUNNEL_CIDR.values.prefixLength} block inside ${TUNNEL_CIDR.values.within}, none of the reserved ${list(TUNNEL_CIDR.values.reserved)}`;

/** A tunnel's BGP block (`tunnel_bgp_config` / `bgp_config`); returns its literal tunnel CIDR. */
function checkBgp(c: Ctx, o: Obj, path: string): string | undefined {
  const asn = literal(c, o.local_asn);
  if (asn !== undefined) {
    const n = asnOf(asn);
    if (n === undefined || n < ASN.values.min || n > ASN.values.max) report(c, `${path}.local_asn`, shown(asn), `an ASN of ${ASN.values.min}-${ASN.values.max} (or asdot a.b)`, ASN.source);
  }
  const cidr = literal(c, o.tunnel_cidr);
  let block: ReturnType<typeof parseCidr> | undefined;
  if (cidr !== undefined) {
    const why = typeof cidr === 'string' ? tunnelCidrProblem(cidr) : 'not a string';
    if (why) report(c, `${path}.tunnel_cidr`, shown(cidr), `${TUNNEL_CIDR_RULE} (${why})`, TUNNEL_CIDR.source);
    else block = parseCidr(cidr as string);
  }
  const ip = literal(c, o.local_bgp_ip);
  if (ip !== undefined) {
    const address = typeof ip === 'string' ? parseIpv4(ip) : undefined;
    if (address === undefined) report(c, `${path}.local_bgp_ip`, shown(ip), 'an IPv4 address inside tunnel_cidr', LOCAL_BGP_IP.source);
    else if (block?.ok && !containsAddress(block.cidr, address)) report(c, `${path}.local_bgp_ip`, shown(ip), `an address inside tunnel_cidr ${block.cidr.text}`, LOCAL_BGP_IP.source);
  }
  return block?.ok ? block.cidr.text : undefined;
}

function checkRequired(c: Ctx, type: string, body: Obj): void {
  for (const { attribute, source } of REQUIRED[type] ?? []) {
    const v = body[attribute];
    if (v === undefined || v === null || v === '') report(c, attribute, shown(undefined), 'required', source);
  }
  for (const { attributes: [a, b], source } of CONFLICTS[type] ?? []) {
    if (body[a] !== undefined && body[b] !== undefined) report(c, a, shown(body[a]), `conflicts with ${b} (set only one)`, source);
  }
}

function checkSubnets(c: Ctx, body: Obj, field: string): void {
  const v = literal(c, body[field]);
  if (v === undefined) return;
  const { min, max } = SUBNETS.values;
  const rule = `a set of ${min}-${max} network CIDRs (no host bits)`;
  if (!Array.isArray(v)) {
    report(c, field, shown(v), rule, SUBNETS.source);
    return;
  }
  if (v.length < min || v.length > max) report(c, field, shown(v), rule, SUBNETS.source);
  v.forEach((x, i) => {
    const e = literal(c, x);
    // IPv6 prefixes pass the provider's check too; verify models IPv4 only and leaves them be.
    if (e === undefined || (typeof e === 'string' && e.includes(':'))) return;
    const p = typeof e === 'string' ? parseCidr(e) : undefined;
    if (!p?.ok) report(c, `${field}[${i}]`, shown(e), `a network CIDR (${p && !p.ok ? p.reason : 'not a string'})`, SUBNETS.source);
  });
}

/** Tunnel CIDRs per VPN gateway, for the uniqueness rule. */
type CidrUse = { readonly ctx: Ctx; readonly attribute: string; readonly cidr: string };

function checkConnection(c: Ctx, body: Obj, cidrsByGateway: Map<string, CidrUse[]>, out: Violation[]): void {
  checkRequired(c, 'alicloud_vpn_connection', body);
  checkSubnets(c, body, 'local_subnet');
  checkSubnets(c, body, 'remote_subnet');
  const gateway = c.r.resourceOf(c.stack, body.vpn_gateway_id, 'alicloud_vpn_gateway');
  const gatewayId = literal(c, body.vpn_gateway_id);
  // A literal id names the same gateway in every stack (an existing one); a reference, its resource.
  const gatewayKey = gateway ? resourceKey('cdktf', gateway.stack.name, gateway.id)
    : typeof gatewayId === 'string' ? `id:${gatewayId}` : `${c.stack.name}:${JSON.stringify(body.vpn_gateway_id)}`;
  const record = gateway ? undefined : gatewayRecordOf(body);
  const inUse = Array.isArray(record?.tunnelCidrsInUse) ? record!.tunnelCidrsInUse.filter((x): x is string => typeof x === 'string') : [];
  const useCidr = (attribute: string, cidr: string | undefined) => {
    if (!cidr) return;
    const taken = inUse.find((x) => { const p = parseCidr(x); return p.ok && p.cidr.text === cidr; });
    if (taken !== undefined) {
      report(c, attribute, shown(cidr), `unique among the tunnels of the VPN gateway (existing gateway ${String(gatewayId)} declares it in use by another connection: //.crossCloudVpn.gateway.tunnelCidrsInUse)`, TUNNEL_CIDR_UNIQUE.source);
    }
    if (!cidrsByGateway.has(gatewayKey)) cidrsByGateway.set(gatewayKey, []);
    cidrsByGateway.get(gatewayKey)!.push({ ctx: c, attribute, cidr });
  };
  /** A customer gateway BGP runs to must have an ASN. */
  const needsAsn = (cgwRef: Json | undefined) => {
    const cgw = c.r.resourceOf(c.stack, cgwRef, 'alicloud_vpn_customer_gateway');
    if (!cgw || cgw.body.asn !== undefined) return;
    const cc: Ctx = { ...c, stack: cgw.stack, key: resourceKey('cdktf', cgw.stack.name, cgw.id), out };
    report(cc, 'asn', shown(undefined), 'required: a connection runs BGP to this customer gateway', CUSTOMER_GATEWAY_ASN_FOR_BGP.source);
  };

  const tunnels = blocks(body, 'tunnel_options_specification');
  const bgpTunnels = literal(c, body.enable_tunnels_bgp) === true;
  const dualGateway = gateway !== undefined
    ? typeof gateway.body.disaster_recovery_vswitch_id === 'string' && gateway.body.disaster_recovery_vswitch_id !== ''
    : record?.tunnelMode === 'dual-tunnel';
  const bgpOn = bgpTunnels || blocks(body, 'bgp_config').some((b) => literal(c, b.block.enable) === true);
  if (record && bgpOn && record.bgpSupported === false) {
    report(c, bgpTunnels ? 'enable_tunnels_bgp' : 'bgp_config.enable', shown(true), `BGP off: existing gateway ${String(gatewayId)} is declared without BGP support (//.crossCloudVpn.gateway.bgpSupported false)`, GATEWAY_BGP_SUPPORT.source);
  }
  const blocksOfTunnels = blocks(body, 'tunnel_options_specification');
  if (record?.tunnelMode === 'single-tunnel' && blocksOfTunnels.length) {
    report(c, 'tunnel_options_specification', `${blocksOfTunnels.length} tunnel(s)`, `a single-tunnel connection (customer_gateway_id, ike_config, ipsec_config): existing gateway ${String(gatewayId)} is declared single-tunnel`, SINGLE_TUNNEL_GATEWAY.source);
  }
  if (tunnels.length || bgpTunnels || dualGateway) {
    const roles = tunnels.map((t) => literal(c, t.block.role));
    const wanted = DUAL_TUNNEL.values.roles;
    const complete = tunnels.length === wanted.length && wanted.every((w) => roles.filter((x) => x === w).length === 1);
    if (!complete) {
      const why = [dualGateway ? `its gateway is dual-tunnel (${gateway ? 'disaster_recovery_vswitch_id' : 'declared tunnelMode'})` : '', bgpTunnels ? 'enable_tunnels_bgp is set' : '', tunnels.length ? 'it carries tunnel_options_specification' : ''].filter(Boolean).join(', ');
      const value = tunnels.length ? `${tunnels.length} tunnel(s): ${roles.map((x) => (x === undefined ? '(role not set)' : String(x))).join(', ')}` : '(not set)';
      report(c, 'tunnel_options_specification', value, `a dual-tunnel connection (${why}) has exactly two tunnels, roles ${list(wanted)}`, `${DUAL_TUNNEL.source}${dualGateway ? `; ${DUAL_TUNNEL_GATEWAY.source}` : ''}`);
    }
    for (const { block: t, path } of tunnels) {
      const role = literal(c, t.role);
      if (role !== undefined && !(typeof role === 'string' && wanted.includes(role))) report(c, `${path}.role`, shown(role), `one of ${list(wanted)}`, DUAL_TUNNEL.source);
      for (const ike of blocks(t, 'tunnel_ike_config')) checkIke(c, ike.block, `${path}.${ike.path}`, ['local_id', 'remote_id']);
      for (const ipsec of blocks(t, 'tunnel_ipsec_config')) checkIpsec(c, ipsec.block, `${path}.${ipsec.path}`);
      for (const bgp of blocks(t, 'tunnel_bgp_config')) useCidr(`${path}.${bgp.path}.tunnel_cidr`, checkBgp(c, bgp.block, `${path}.${bgp.path}`));
      if (bgpTunnels) needsAsn(t.customer_gateway_id);
    }
  } else if (body.customer_gateway_id === undefined || body.customer_gateway_id === '') {
    report(c, 'customer_gateway_id', shown(undefined), 'required for a single-tunnel connection (one without tunnel_options_specification)', SINGLE_TUNNEL_CUSTOMER_GATEWAY.source);
  }
  for (const ike of blocks(body, 'ike_config')) checkIke(c, ike.block, ike.path, ['ike_local_id', 'ike_remote_id']);
  for (const ipsec of blocks(body, 'ipsec_config')) checkIpsec(c, ipsec.block, ipsec.path);
  for (const bgp of blocks(body, 'bgp_config')) {
    useCidr(`${bgp.path}.tunnel_cidr`, checkBgp(c, bgp.block, bgp.path));
    if (literal(c, bgp.block.enable) === true) needsAsn(body.customer_gateway_id);
  }
}

function checkGateway(c: Ctx, body: Obj): void {
  checkRequired(c, 'alicloud_vpn_gateway', body);
  for (const e of GATEWAY_ENUMS) {
    const v = literal(c, body[e.attribute]);
    if (v === undefined) continue;
    if (!(typeof v === 'string' && e.values.some((x) => x.toLowerCase() === v.toLowerCase()))) report(c, e.attribute, shown(v), `one of ${list(e.values)} (any case)`, e.source);
  }
  const period = literal(c, body.period);
  if (period !== undefined && !GATEWAY_PERIOD.values.includes(intOf(period) ?? NaN)) report(c, 'period', shown(period), '1-9, 12, 24 or 36 (months)', GATEWAY_PERIOD.source);
  const type = literal(c, body.network_type) ?? 'public';
  const allowed = typeof type === 'string' ? lookup(BANDWIDTH.values, type.toLowerCase()) : undefined;
  const bandwidth = literal(c, body.bandwidth);
  if (allowed && bandwidth !== undefined && !allowed.includes(intOf(bandwidth) ?? NaN)) {
    report(c, 'bandwidth', shown(bandwidth), `one of ${allowed.join(', ')} Mbit/s for a ${String(type).toLowerCase()} gateway`, BANDWIDTH.source);
  }
  if (literal(c, body.enable_ipsec) === false && literal(c, body.enable_ssl) !== true) {
    report(c, 'enable_ipsec', shown(false), 'at least one of enable_ipsec / enable_ssl is true', GATEWAY_FEATURES.source);
  }
}

function checkCustomerGateway(c: Ctx, body: Obj): void {
  checkRequired(c, 'alicloud_vpn_customer_gateway', body);
  const asn = literal(c, body.asn);
  if (asn === undefined) return;
  const n = asnOf(asn);
  if (n === undefined || n < ASN.values.min || n > ASN.values.max) report(c, 'asn', shown(asn), `an ASN of ${ASN.values.min}-${ASN.values.max} (or asdot a.b)`, CUSTOMER_GATEWAY_RESERVED_ASNS.source);
  else if (CUSTOMER_GATEWAY_RESERVED_ASNS.values.includes(n)) report(c, 'asn', shown(asn), `not ${CUSTOMER_GATEWAY_RESERVED_ASNS.values.join(', ')} (Alibaba Cloud's own ASN)`, CUSTOMER_GATEWAY_RESERVED_ASNS.source);
}

function checkRouteEntry(c: Ctx, type: 'alicloud_vpn_route_entry' | 'alicloud_vpn_pbr_route_entry', body: Obj): void {
  checkRequired(c, type, body);
  const weight = literal(c, body.weight);
  if (weight !== undefined && !ROUTE_WEIGHTS.values.includes(intOf(weight) ?? NaN)) report(c, 'weight', shown(weight), `one of ${ROUTE_WEIGHTS.values.join(', ')}`, ROUTE_WEIGHTS.source);
  for (const field of type === 'alicloud_vpn_pbr_route_entry' ? ['route_source', 'route_dest'] : ['route_dest']) {
    const v = literal(c, body[field]);
    if (v === undefined || (typeof v === 'string' && v.includes(':'))) continue;
    const p = typeof v === 'string' ? parseCidr(v) : undefined;
    if (!p?.ok) report(c, field, shown(v), `an IPv4 CIDR block (${p && !p.ok ? p.reason : 'not a string'})`, ROUTE_CIDR.source);
  }
  if (body.next_hop !== undefined) {
    const hop = c.r.eval(c.stack, body.next_hop);
    if (hop.kind === 'resource' && !hop.ref.id.startsWith('alicloud_vpn_connection.')) {
      report(c, 'next_hop', shown(body.next_hop), `the ID of an IPsec-VPN connection (alicloud_vpn_connection), not ${hop.ref.id.split('.')[0]}`, ROUTE_NEXT_HOP.source);
    }
  }
}

/** Every Alibaba Cloud resource value of the deployment that the cloud or its provider rejects. */
export function acceptAlicloud(r: Resolver): Violation[] {
  const out: Violation[] = [];
  const cidrsByGateway = new Map<string, CidrUse[]>();
  for (const stack of r.stacks) {
    if (stack.engine !== 'cdktf') continue;
    const resources = isObj(stack.body.resource) ? stack.body.resource : {};
    for (const [type, all] of Object.entries(resources)) {
      if (!type.startsWith('alicloud_vpn_') || !isObj(all)) continue;
      for (const [name, body] of Object.entries(all)) {
        if (!isObj(body)) continue;
        const c: Ctx = { r, stack, key: resourceKey('cdktf', stack.name, `${type}.${name}`), out };
        if (type === 'alicloud_vpn_connection') checkConnection(c, body, cidrsByGateway, out);
        else if (type === 'alicloud_vpn_gateway') checkGateway(c, body);
        else if (type === 'alicloud_vpn_customer_gateway') checkCustomerGateway(c, body);
        else if (type === 'alicloud_vpn_route_entry' || type === 'alicloud_vpn_pbr_route_entry') checkRouteEntry(c, type, body);
      }
    }
  }
  for (const uses of cidrsByGateway.values()) {
    for (const u of uses) {
      const others = uses.filter((x) => x !== u && x.cidr === u.cidr);
      if (others.length) {
        const where = others.map((x) => `${x.ctx.key.replace(/^cdktf:/, '')} ${x.attribute}`).join(', ');
        report(u.ctx, u.attribute, shown(u.cidr), `unique among the tunnels of the VPN gateway (also used by ${where})`, TUNNEL_CIDR_UNIQUE.source);
      }
    }
  }
  out.push(...acceptAlicloudAlarms(r));
  return out;
}
