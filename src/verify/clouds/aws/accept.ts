/**
 * What AWS accepts: every AWS resource of the deployment checked against the rules of this
 * folder's tables (`tables.ts`, each with its source) — enumerations, ranges and cross-field rules
 * of `AWS::EC2::VPNConnection` and its tunnel options, `AWS::EC2::CustomerGateway`,
 * `AWS::EC2::VPNGateway`, `AWS::EC2::TransitGateway`, `AWS::EC2::VPNConnectionRoute`,
 * `AWS::EC2::TransitGatewayRoute`, and the tunnel options resource (`Custom::VpnTunnelOptions`,
 * whose options are checked by EC2 `ModifyVpnTunnelOptionsSpecification`'s rules).
 *
 * Values known only at deploy time (parameters nothing in the deployment feeds, dynamic
 * references) are not checked. A pre-shared key is described (length, what is wrong with it),
 * never shown.
 */
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import type { Violation } from '../../types';
import { shown } from '../../violation';
import * as ipaddr from 'ipaddr.js';
import { contains, parseCidr } from '../../../common/cidr';
import {
  AWS_ACCELERATION_NEEDS_TGW, AWS_CGW_ASN, AWS_MODIFY_RESOURCE, AWS_MODIFY_SOURCE, AWS_MODIFY_TUNNEL_RANGES, AWS_CONNECTION_ENUMS, AWS_DPD_ACTIONS, AWS_ENCRYPTION, AWS_ENCRYPTION_SOURCE, AWS_IKE_VERSIONS, AWS_IKE_VERSIONS_SOURCE,
  AWS_INSIDE_CIDR, AWS_INSIDE_CIDR_IN_USE, AWS_INSIDE_IPV6_CIDR, AWS_LARGE_TUNNELS, AWS_INTEGRITY, AWS_INTEGRITY_SOURCE, AWS_ONE_GATEWAY, AWS_PHASE1_DH, AWS_PHASE1_DH_SOURCE, AWS_PHASE2_DH,
  AWS_PHASE2_DH_SOURCE, AWS_PRIVATE_IP_NEEDS_TRANSPORT, AWS_PSK, AWS_START_NEEDS_IKEV2, AWS_STARTUP_ACTIONS, AWS_TGW_ASN, AWS_TGW_ROUTE, AWS_TGW_SWITCHES,
  AWS_TUNNEL_RANGES, AWS_TWO_TUNNELS, AWS_VGW_ASN, AWS_VGW_NO_IPV6, AWS_VPN_ROUTE, AWS_VPN_TYPE, AsnRanges, AwsRange, AwsRule,
} from './tables';
import { CfnRes, Literal, cfnOfType, connectionOfAttachment, gatewayOf, isObj, listValues, literal, referenced } from './template';
import { TUNNEL_OPTIONS_TYPE, insideCidrOf, tunnelOptionsOf } from './tunnel-options';
import { checkAlarms } from './alarms';

type Report = (res: CfnRes, attribute: string, value: string, rule: AwsRule) => void;

/** Every AWS resource value of the deployment that the cloud or its provider rejects. */
export function acceptAws(r: Resolver): Violation[] {
  const out: Violation[] = [];
  const report: Report = (res, attribute, value, rule) => {
    out.push({ cloud: 'aws', file: res.stack.file, resource: res.key, attribute, value, rule: rule.rule, source: rule.source });
  };
  const connections = cfnOfType(r, 'AWS::EC2::VPNConnection');
  for (const conn of connections) checkConnection(r, conn, report);
  checkInsideCidrsUnique(r, connections, report);
  for (const cgw of cfnOfType(r, 'AWS::EC2::CustomerGateway')) checkCustomerGateway(r, cgw, report);
  for (const vgw of cfnOfType(r, 'AWS::EC2::VPNGateway')) {
    checkType(r, vgw, report);
    checkAsn(r, vgw, 'AmazonSideAsn', AWS_VGW_ASN, report);
  }
  for (const tgw of cfnOfType(r, 'AWS::EC2::TransitGateway')) {
    checkAsn(r, tgw, 'AmazonSideAsn', AWS_TGW_ASN, report);
    for (const name of AWS_TGW_SWITCHES.names) checkEnum(tgw, name, literal(r, tgw.stack, tgw.props[name]), AWS_TGW_SWITCHES.values, AWS_TGW_SWITCHES.source, report);
  }
  for (const route of cfnOfType(r, 'AWS::EC2::VPNConnectionRoute')) checkVpnRoute(r, route, report);
  for (const route of cfnOfType(r, 'AWS::EC2::TransitGatewayRoute')) checkTgwRoute(r, route, report);
  for (const res of cfnOfType(r, TUNNEL_OPTIONS_TYPE)) checkTunnelOptions(r, res, report);
  checkAlarms(r, report); // AWS::CloudWatch::Alarm (alarms.ts, its own tables)
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small checks.

/** A number as CloudFormation takes it (an integer or an integer string), else `undefined`. */
function integerOf(v: Json): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}


/** The value of an integer property in range, else a violation; `undefined` when unset or deploy-time. */
function checkRange(res: CfnRes, attribute: string, lit: Literal, range: AwsRange, report: Report): number | undefined {
  if (lit.kind !== 'value') return undefined;
  const n = integerOf(lit.value);
  if (n === undefined) {
    report(res, attribute, shown(lit.value), { rule: `an integer: ${range.rule}`, source: range.source });
    return undefined;
  }
  if (n < range.min || (range.max !== undefined && n > range.max)) report(res, attribute, shown(lit.value), range);
  return n;
}

function checkEnum(res: CfnRes, attribute: string, lit: Literal, allowed: readonly string[], source: string, report: Report): void {
  if (lit.kind !== 'value') return;
  if (typeof lit.value !== 'string' || !allowed.includes(lit.value)) report(res, attribute, shown(lit.value), { rule: `one of ${allowed.join(', ')}`, source });
}

function checkType(r: Resolver, res: CfnRes, report: Report): void {
  const lit = literal(r, res.stack, res.props.Type);
  if (lit.kind === 'absent') report(res, 'Type', shown(undefined), { rule: `required: ${AWS_VPN_TYPE.value}`, source: AWS_VPN_TYPE.source });
  else checkEnum(res, 'Type', lit, [AWS_VPN_TYPE.value], AWS_VPN_TYPE.source, report);
}

const inRanges = (n: number, ranges: AsnRanges) => ranges.some(([lo, hi]) => n >= lo && n <= hi);

function checkAsn(r: Resolver, res: CfnRes, attribute: string, table: { ranges: AsnRanges; rule: string; source: string }, report: Report): void {
  const lit = literal(r, res.stack, res.props[attribute]);
  if (lit.kind !== 'value') return;
  const n = integerOf(lit.value);
  if (n === undefined || !inRanges(n, table.ranges)) report(res, attribute, shown(lit.value), table);
}

/** An IPv4 CIDR property: a violation unless it parses strictly. */
function checkIpv4Cidr(res: CfnRes, attribute: string, lit: Literal, rule: AwsRule, report: Report): void {
  if (lit.kind !== 'value') return;
  const p = typeof lit.value === 'string' ? parseCidr(lit.value) : { ok: false as const, reason: 'not a string' };
  if (!p.ok) report(res, attribute, shown(lit.value), { rule: `${rule.rule} (${p.reason})`, source: rule.source });
}

/** Each entry of a request list among the allowed values. */
function checkList(r: Resolver, res: CfnRes, attribute: string, raw: Json | undefined, allowed: readonly (string | number)[], source: string, report: Report): (string | number)[] | undefined {
  if (raw === undefined) return undefined;
  const list = listValues(raw);
  if (!list) {
    const lit = literal(r, res.stack, raw);
    if (lit.kind === 'value') report(res, attribute, shown(lit.value), { rule: `a list of ${allowed.join(', ')}`, source });
    return undefined;
  }
  const bad = list.filter((x) => !allowed.some((a) => (typeof a === 'number' ? integerOf(x) === a : x === a)));
  if (bad.length) report(res, attribute, shown(list), { rule: `each of ${allowed.join(', ')}`, source });
  if (!list.length) report(res, attribute, shown(list), { rule: `at least one of ${allowed.join(', ')} (leave it out for all)`, source });
  return list.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
}

// ---------------------------------------------------------------------------------------------
// Pre-shared keys: described, never shown.

/** What is wrong with a key, in words that do not reveal it; `undefined` when AWS accepts it. */
export function pskProblem(key: string): string | undefined {
  const issues: string[] = [];
  if (key.length < AWS_PSK.minLength) issues.push(`shorter than ${AWS_PSK.minLength}`);
  if (key.length > AWS_PSK.maxLength) issues.push(`longer than ${AWS_PSK.maxLength}`);
  if (key.startsWith('0')) issues.push('starting with \'0\'');
  if (!AWS_PSK.charset.test(key)) {
    const bad = [...new Set([...key].filter((c) => !/[A-Za-z0-9._]/.test(c)))];
    const printable = bad.filter((c) => /^[\x20-\x7e]$/.test(c) && !/[A-Za-z0-9]/.test(c));
    const named = printable.map((c) => (c === ' ' ? 'space' : `'${c}'`));
    if (bad.length > printable.length) named.push('non-ASCII or control characters');
    issues.push(`containing ${named.join(', ')}`);
  }
  return issues.length ? `a key of ${key.length} characters ${issues.join(', ')}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// VPN connections.

function checkConnection(r: Resolver, conn: CfnRes, report: Report): void {
  const p = conn.props;
  const lit = (v: Json | undefined) => literal(r, conn.stack, v);
  checkType(r, conn, report);
  const gw = gatewayOf(r, conn);
  if (gw.kind === 'both' || gw.kind === 'none') report(conn, 'VpnGatewayId / TransitGatewayId', gw.kind === 'both' ? 'both set' : 'neither set', AWS_ONE_GATEWAY);
  if (p.CustomerGatewayId === undefined) report(conn, 'CustomerGatewayId', shown(undefined), { rule: 'required', source: 'CloudFormation AWS::EC2::VPNConnection.CustomerGatewayId (required)' });
  for (const [name, e] of Object.entries(AWS_CONNECTION_ENUMS)) checkEnum(conn, name, lit(p[name]), e.values, e.source, report);
  const outsideType = lit(p.OutsideIpAddressType);
  if (outsideType.kind === 'value' && outsideType.value === 'PrivateIpv4' && p.TransportTransitGatewayAttachmentId === undefined) {
    report(conn, 'TransportTransitGatewayAttachmentId', shown(undefined), AWS_PRIVATE_IP_NEEDS_TRANSPORT);
  }
  const ipVersion = lit(p.TunnelInsideIpVersion);
  if (gw.kind === 'vpn-gateway' && ipVersion.kind === 'value' && ipVersion.value === 'ipv6') report(conn, 'TunnelInsideIpVersion', shown(ipVersion.value), AWS_VGW_NO_IPV6);
  const accelerated = isTrue(lit(p.EnableAcceleration));
  if (gw.kind === 'vpn-gateway' && accelerated) report(conn, 'EnableAcceleration', 'true', AWS_ACCELERATION_NEEDS_TGW);
  const bandwidth = lit(p.TunnelBandwidth);
  if (bandwidth.kind === 'value' && bandwidth.value === 'large') {
    if (gw.kind === 'vpn-gateway') report(conn, 'TunnelBandwidth', shown('large'), AWS_LARGE_TUNNELS.needsTgw);
    else if (accelerated) report(conn, 'TunnelBandwidth', `${shown('large')} with EnableAcceleration true`, AWS_LARGE_TUNNELS.notAccelerated);
  }
  for (const name of ['LocalIpv4NetworkCidr', 'RemoteIpv4NetworkCidr']) {
    checkIpv4Cidr(conn, name, lit(p[name]), { rule: 'an IPv4 CIDR block', source: `CloudFormation AWS::EC2::VPNConnection.${name}` }, report);
  }
  const tunnels = p.VpnTunnelOptionsSpecifications;
  if (!Array.isArray(tunnels)) return;
  if (tunnels.length > 2) report(conn, 'VpnTunnelOptionsSpecifications', `${tunnels.length} entries`, AWS_TWO_TUNNELS);
  tunnels.forEach((t, i) => {
    if (isObj(t)) checkTunnel(r, conn, `VpnTunnelOptionsSpecifications[${i}]`, t, gw.kind, report);
  });
}

/** The rules of a tunnel's options: a new connection's (CloudFormation), or a modification's (EC2 API). */
interface TunnelRules {
  readonly ranges: typeof AWS_TUNNEL_RANGES;
  /** The source of a rule as this kind of request states it. */
  readonly source: (cfnSource: string) => string;
}
const CONNECTION_RULES: TunnelRules = { ranges: AWS_TUNNEL_RANGES, source: (s) => s };
/** ModifyVpnTunnelOptionsSpecification states the values and constraints of CloudFormation's tunnel specification (tables.ts). */
const MODIFY_RULES: TunnelRules = {
  ranges: AWS_MODIFY_TUNNEL_RANGES,
  source: (s) => s.replace(/CloudFormation AWS::EC2::VPNConnection VpnTunnelOptionsSpecification\.(\w+) \(aws-cdk-lib [^)]*\)/g, (_, prop: string) => AWS_MODIFY_SOURCE(prop)),
};

function checkTunnel(r: Resolver, conn: CfnRes, at: string, o: { [key: string]: Json }, gatewayKind: string, reportAny: Report, rules: TunnelRules = CONNECTION_RULES): void {
  const lit = (v: Json | undefined) => literal(r, conn.stack, v);
  const report: Report = (res, attribute, value, rule) => reportAny(res, attribute, value, { rule: rule.rule, source: rules.source(rule.source) });
  const R = rules.ranges;
  const range = (name: keyof typeof R) => checkRange(conn, `${at}.${cap(name)}`, lit(o[cap(name)]), R[name], report);
  const p1 = range('phase1LifetimeSeconds');
  const p2 = range('phase2LifetimeSeconds');
  const margin = range('rekeyMarginTimeSeconds');
  range('rekeyFuzzPercentage');
  range('replayWindowSize');
  range('dpdTimeoutSeconds');

  // Phase 2 shorter than phase 1 (defaults where unset).
  const p1Eff = p1 ?? R.phase1LifetimeSeconds.default;
  const p2Eff = p2 ?? R.phase2LifetimeSeconds.default;
  if ((p1 !== undefined || p2 !== undefined) && p2Eff >= p1Eff) {
    const attr = p2 !== undefined ? 'Phase2LifetimeSeconds' : 'Phase1LifetimeSeconds';
    const value = p2 !== undefined ? p2 : p1!;
    report(conn, `${at}.${attr}`, shown(value), {
      rule: `Phase2LifetimeSeconds (${p2Eff}${p2 === undefined ? ', the default' : ''}) must be less than Phase1LifetimeSeconds (${p1Eff}${p1 === undefined ? ', the default' : ''})`,
      source: R.phase2LifetimeSeconds.source,
    });
  }
  // Rekey margin at most half of phase 2.
  if (margin !== undefined && margin > Math.floor(p2Eff / 2)) {
    report(conn, `${at}.RekeyMarginTimeSeconds`, shown(margin), {
      rule: `between ${R.rekeyMarginTimeSeconds.min} and half of Phase2LifetimeSeconds (${p2Eff}${p2 === undefined ? ', the default' : ''}): at most ${Math.floor(p2Eff / 2)}`,
      source: R.rekeyMarginTimeSeconds.source,
    });
  }

  checkEnum(conn, `${at}.DPDTimeoutAction`, lit(o.DPDTimeoutAction), AWS_DPD_ACTIONS.values, AWS_DPD_ACTIONS.source, report);
  const startup = lit(o.StartupAction);
  checkEnum(conn, `${at}.StartupAction`, startup, AWS_STARTUP_ACTIONS.values, AWS_STARTUP_ACTIONS.source, report);

  const versions = checkList(r, conn, `${at}.IKEVersions`, o.IKEVersions, Object.keys(AWS_IKE_VERSIONS), AWS_IKE_VERSIONS_SOURCE, report);
  if (startup.kind === 'value' && startup.value === 'start') {
    const effective = versions ?? Object.keys(AWS_IKE_VERSIONS);
    if (effective.includes('ikev1') || !effective.includes('ikev2')) {
      report(conn, `${at}.StartupAction`, `'start' with IKEVersions ${shown(versions ?? '(not set: ikev1, ikev2)')}`, AWS_START_NEEDS_IKEV2);
    }
  }
  checkList(r, conn, `${at}.Phase1EncryptionAlgorithms`, o.Phase1EncryptionAlgorithms, Object.keys(AWS_ENCRYPTION), AWS_ENCRYPTION_SOURCE, report);
  checkList(r, conn, `${at}.Phase2EncryptionAlgorithms`, o.Phase2EncryptionAlgorithms, Object.keys(AWS_ENCRYPTION), AWS_ENCRYPTION_SOURCE, report);
  checkList(r, conn, `${at}.Phase1IntegrityAlgorithms`, o.Phase1IntegrityAlgorithms, Object.keys(AWS_INTEGRITY), AWS_INTEGRITY_SOURCE, report);
  checkList(r, conn, `${at}.Phase2IntegrityAlgorithms`, o.Phase2IntegrityAlgorithms, Object.keys(AWS_INTEGRITY), AWS_INTEGRITY_SOURCE, report);
  checkList(r, conn, `${at}.Phase1DHGroupNumbers`, o.Phase1DHGroupNumbers, AWS_PHASE1_DH, AWS_PHASE1_DH_SOURCE, report);
  checkList(r, conn, `${at}.Phase2DHGroupNumbers`, o.Phase2DHGroupNumbers, AWS_PHASE2_DH, AWS_PHASE2_DH_SOURCE, report);

  const psk = lit(o.PreSharedKey);
  if (psk.kind === 'value') {
    const problem = typeof psk.value === 'string' ? pskProblem(psk.value) : 'not a string';
    if (problem) report(conn, `${at}.PreSharedKey`, problem, { rule: AWS_PSK.rule, source: AWS_PSK.source });
  }

  const inside = lit(o.TunnelInsideCidr);
  if (inside.kind === 'value') {
    const problem = insideCidrProblem(inside.value);
    if (problem) report(conn, `${at}.TunnelInsideCidr`, shown(inside.value), { rule: `${AWS_INSIDE_CIDR.rule} (${problem})`, source: AWS_INSIDE_CIDR.source });
  }
  const v6 = lit(o.TunnelInsideIpv6Cidr);
  if (gatewayKind === 'vpn-gateway' && v6.kind !== 'absent') report(conn, `${at}.TunnelInsideIpv6Cidr`, v6.kind === 'value' ? shown(v6.value) : '(deploy-time)', AWS_VGW_NO_IPV6);
  else if (v6.kind === 'value') {
    const problem = insideIpv6CidrProblem(v6.value);
    if (problem) report(conn, `${at}.TunnelInsideIpv6Cidr`, shown(v6.value), { rule: `${AWS_INSIDE_IPV6_CIDR.rule} (${problem})`, source: AWS_INSIDE_IPV6_CIDR.source });
  }
}

/**
 * A tunnel options resource: it names a VPN connection, one entry per tunnel found by its inside
 * CIDR, each entry's options by ModifyVpnTunnelOptionsSpecification's rules.
 */
function checkTunnelOptions(r: Resolver, res: CfnRes, report: Report): void {
  const p = res.props;
  const target = referenced(r, res.stack, p.VpnConnectionId)?.res;
  const conn = target?.type === 'AWS::EC2::VPNConnection' ? target : undefined;
  if (p.VpnConnectionId === undefined) report(res, 'VpnConnectionId', shown(undefined), AWS_MODIFY_RESOURCE.connection);
  else if (target && !conn) report(res, 'VpnConnectionId', `${target.id} (${target.type})`, AWS_MODIFY_RESOURCE.connection);
  if (conn && tunnelOptionsOf(r, conn)[0]?.key !== res.key) report(res, 'VpnConnectionId', `${conn.id} (also named by ${tunnelOptionsOf(r, conn)[0].id})`, AWS_MODIFY_RESOURCE.oneResource);
  const tunnels = p.Tunnels;
  if (!Array.isArray(tunnels) || tunnels.length < 1 || tunnels.length > 2) {
    report(res, 'Tunnels', Array.isArray(tunnels) ? `${tunnels.length} entries` : shown(tunnels), AWS_MODIFY_RESOURCE.tunnels);
    return;
  }
  const specs = conn?.props.VpnTunnelOptionsSpecifications;
  const known = Array.isArray(specs) ? specs.map((s) => insideCidrOf(r, conn!.stack, s)) : [];
  const allKnown = known.length > 0 && known.every((c) => c !== undefined);
  const seen = new Set<string>();
  tunnels.forEach((t, i) => {
    const at = `Tunnels[${i}]`;
    if (!isObj(t)) {
      report(res, at, shown(t), AWS_MODIFY_RESOURCE.tunnels);
      return;
    }
    const cidr = insideCidrOf(r, res.stack, t);
    if (t.TunnelInsideCidr === undefined) report(res, `${at}.TunnelInsideCidr`, shown(undefined), AWS_MODIFY_RESOURCE.identifies);
    else if (cidr !== undefined && (seen.has(cidr) || (conn && allKnown && !known.includes(cidr)))) {
      const why = seen.has(cidr) ? 'named twice' : `the connection's are ${known.join(', ')}`;
      report(res, `${at}.TunnelInsideCidr`, shown(cidr), { rule: `${AWS_MODIFY_RESOURCE.identifies.rule} (${why})`, source: AWS_MODIFY_RESOURCE.identifies.source });
    }
    if (cidr !== undefined) seen.add(cidr);
    const options = Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'TunnelInsideCidr' && k !== 'PreSharedKeyReference'));
    const ref = t.PreSharedKeyReference;
    const refLit = literal(r, res.stack, ref);
    if (refLit.kind === 'value' && (typeof refLit.value !== 'string' || !/^(secretsmanager|ssm-secure):./.test(refLit.value))) {
      report(res, `${at}.PreSharedKeyReference`, shown(refLit.value), AWS_MODIFY_RESOURCE.reference);
    }
    checkTunnel(r, res, at, options, conn ? gatewayOf(r, conn).kind : 'unknown', report, MODIFY_RULES);
  });
}

const cap = (s: string) => s.replace(/^dpd/, 'DPD').replace(/^./, (c) => c.toUpperCase());

/** Why an inside CIDR is not one AWS takes, or `undefined` when AWS takes it. */
export function insideCidrProblem(value: Json): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const p = parseCidr(value);
  if (!p.ok) return p.reason;
  if (p.cidr.prefixLength !== AWS_INSIDE_CIDR.prefixLength) return `a /${p.cidr.prefixLength}, not a /30`;
  const range = parseCidr(AWS_INSIDE_CIDR.range);
  if (range.ok && !contains(range.cidr, p.cidr)) return 'outside 169.254.0.0/16';
  if (AWS_INSIDE_CIDR.reserved.includes(p.cidr.text)) return `${p.cidr.text} is reserved`;
  return undefined;
}

/** Why an IPv6 inside CIDR is not one AWS takes, or `undefined` when AWS takes it. */
export function insideIpv6CidrProblem(value: Json): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  let parsed: [ipaddr.IPv6, number];
  try {
    parsed = ipaddr.IPv6.parseCIDR(value);
  } catch {
    return 'not an IPv6 prefix';
  }
  const [address, length] = parsed;
  if (length !== AWS_INSIDE_IPV6_CIDR.prefixLength) return `a /${length}, not a /126`;
  const [range, rangeLength] = ipaddr.IPv6.parseCIDR(AWS_INSIDE_IPV6_CIDR.range);
  if (!address.match(range, rangeLength)) return 'outside fd00::/8';
  return undefined;
}

/** Inside CIDRs unique across every tunnel of the connections on one virtual private gateway. */
function checkInsideCidrsUnique(r: Resolver, connections: readonly CfnRes[], report: Report): void {
  const byGateway = new Map<string, { conn: CfnRes; index: number; cidr: string }[]>();
  for (const conn of connections) {
    const gw = gatewayOf(r, conn);
    if (gw.kind !== 'vpn-gateway' || !gw.identity) continue;
    const tunnels = conn.props.VpnTunnelOptionsSpecifications;
    if (!Array.isArray(tunnels)) continue;
    tunnels.forEach((t, index) => {
      if (!isObj(t)) return;
      const lit = literal(r, conn.stack, t.TunnelInsideCidr);
      const parsed = lit.kind === 'value' && typeof lit.value === 'string' ? parseCidr(lit.value) : undefined;
      if (!parsed?.ok) return;
      const list = byGateway.get(gw.identity!) ?? [];
      list.push({ conn, index, cidr: parsed.cidr.text });
      byGateway.set(gw.identity!, list);
    });
  }
  // What an existing gateway's other connections use, as the connections declare it.
  for (const conn of connections) {
    const gw = gatewayOf(r, conn);
    const declared = inUseOf(conn);
    if (gw.kind !== 'vpn-gateway' || !declared.length) continue;
    for (const u of gw.identity ? byGateway.get(gw.identity) ?? [] : []) {
      if (u.conn !== conn || !declared.includes(u.cidr)) continue;
      report(u.conn, `VpnTunnelOptionsSpecifications[${u.index}].TunnelInsideCidr`, shown(u.cidr), { rule: `${AWS_INSIDE_CIDR_IN_USE.rule}: an existing connection of the gateway uses it`, source: AWS_INSIDE_CIDR_IN_USE.source });
    }
  }
  for (const uses of byGateway.values()) {
    for (const u of uses) {
      const others = uses.filter((x) => x !== u && x.cidr === u.cidr);
      if (!others.length) continue;
      const where = others.map((x) => `${x.conn.stack.name}/${x.conn.id} tunnel ${x.index + 1}`).join(', ');
      report(u.conn, `VpnTunnelOptionsSpecifications[${u.index}].TunnelInsideCidr`, shown(u.cidr), {
        rule: `${AWS_INSIDE_CIDR.unique.rule}: also used by ${where}`,
        source: AWS_INSIDE_CIDR.unique.source,
      });
    }
  }
}

/** `Metadata.CrossCloudVpn.Gateway.InsideCidrsInUse` of a connection, canonical. */
function inUseOf(conn: CfnRes): string[] {
  const meta = conn.body.Metadata;
  const gw = isObj(meta) && isObj(meta.CrossCloudVpn) && isObj(meta.CrossCloudVpn.Gateway) ? meta.CrossCloudVpn.Gateway : undefined;
  const list = gw && Array.isArray(gw.InsideCidrsInUse) ? gw.InsideCidrsInUse : [];
  return list.map((c) => (typeof c === 'string' ? parseCidr(c) : undefined)).filter((p) => p?.ok).map((p) => (p as { cidr: { text: string } }).cidr.text);
}

// ---------------------------------------------------------------------------------------------
// Customer gateways, routes.

function checkCustomerGateway(r: Resolver, cgw: CfnRes, report: Report): void {
  checkType(r, cgw, report);
  if (cgw.props.IpAddress === undefined) report(cgw, 'IpAddress', shown(undefined), { rule: 'required', source: 'CloudFormation AWS::EC2::CustomerGateway.IpAddress (required)' });
  const asn = literal(r, cgw.stack, cgw.props.BgpAsn);
  const ext = literal(r, cgw.stack, cgw.props.BgpAsnExtended);
  if ((asn.kind === 'absent') === (ext.kind === 'absent')) {
    report(cgw, 'BgpAsn / BgpAsnExtended', asn.kind === 'absent' ? 'neither set' : 'both set', AWS_CGW_ASN.exactlyOne);
  }
  checkRange(cgw, 'BgpAsn', asn, { ...AWS_CGW_ASN.bgpAsn, rule: AWS_CGW_ASN.bgpAsn.rule }, report);
  checkRange(cgw, 'BgpAsnExtended', ext, { ...AWS_CGW_ASN.bgpAsnExtended, rule: AWS_CGW_ASN.bgpAsnExtended.rule }, report);
}

const isTrue = (l: Literal) => l.kind === 'value' && (l.value === true || l.value === 'true');

function checkVpnRoute(r: Resolver, route: CfnRes, report: Report): void {
  checkIpv4Cidr(route, 'DestinationCidrBlock', literal(r, route.stack, route.props.DestinationCidrBlock), AWS_VPN_ROUTE.destination, report);
  const conn = referenced(r, route.stack, route.props.VpnConnectionId)?.res;
  if (!conn || conn.type !== 'AWS::EC2::VPNConnection') return;
  const gw = gatewayOf(r, conn);
  if (gw.kind === 'transit-gateway') report(route, 'VpnConnectionId', `${conn.id} (on a transit gateway)`, AWS_VPN_ROUTE.vgwOnly);
  const staticOnly = literal(r, conn.stack, conn.props.StaticRoutesOnly);
  if (staticOnly.kind !== 'deploy-time' && !isTrue(staticOnly)) {
    report(route, 'VpnConnectionId', `${conn.id} (StaticRoutesOnly ${staticOnly.kind === 'value' ? shown(staticOnly.value) : 'not set'})`, AWS_VPN_ROUTE.staticOnly);
  }
}

function checkTgwRoute(r: Resolver, route: CfnRes, report: Report): void {
  const p = route.props;
  const dest = literal(r, route.stack, p.DestinationCidrBlock);
  if (dest.kind === 'absent') report(route, 'DestinationCidrBlock', shown(undefined), { rule: 'required', source: AWS_TGW_ROUTE.destination.source });
  checkIpv4Cidr(route, 'DestinationCidrBlock', dest, AWS_TGW_ROUTE.destination, report);
  if (p.TransitGatewayRouteTableId === undefined) report(route, 'TransitGatewayRouteTableId', shown(undefined), AWS_TGW_ROUTE.routeTable);
  const blackhole = isTrue(literal(r, route.stack, p.Blackhole));
  if (p.TransitGatewayAttachmentId === undefined) {
    if (!blackhole) report(route, 'TransitGatewayAttachmentId', shown(undefined), AWS_TGW_ROUTE.attachment);
    return;
  }
  const att = connectionOfAttachment(r, route.stack, p.TransitGatewayAttachmentId);
  if (att?.conn && gatewayOf(r, att.conn).kind === 'vpn-gateway') {
    report(route, 'TransitGatewayAttachmentId', `${att.lookup.id} of ${att.conn.id} (on a virtual private gateway)`, AWS_TGW_ROUTE.tgwConnection);
  }
}
