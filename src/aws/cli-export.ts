/**
 * The attributes of an existing AWS gateway, read from the JSON the AWS CLI prints
 * (`--output json`), for `AwsVpnGateway.fromVpnGatewayAttributes` /
 * `AwsVpnGateway.fromTransitGatewayAttributes`:
 *
 * ```sh
 * aws ec2 describe-vpn-gateways --vpn-gateway-ids vgw-0123456789abcdef0 --output json > vgw.json
 * aws ec2 describe-vpcs --vpc-ids vpc-0123456789abcdef0 --output json > vpcs.json
 * aws ec2 describe-vpn-connections --filters Name=vpn-gateway-id,Values=vgw-0123456789abcdef0 --output json > connections.json
 * # a transit gateway:
 * aws ec2 describe-transit-gateways --transit-gateway-ids tgw-0123456789abcdef0 --output json > tgw.json
 * aws ec2 describe-vpn-connections --filters Name=transit-gateway-id,Values=tgw-0123456789abcdef0 --output json > connections.json
 * ```
 *
 * `describe-vpn-connections` prints each tunnel's pre-shared key (`TunnelOptions[].PreSharedKey`):
 * the parser never reads it, nor shows it, but keep the file out of source control, or drop the
 * keys with `--query` (see `README`).
 *
 * Parsing is strict: a missing or malformed value is one error naming the file, the JSON path, the
 * value (truncated) and what is allowed; everything is reported at once.
 *
 * Response shapes (EC2 API Reference, as the CLI prints them, capitalised): `DescribeVpnGateways`
 * → `VpnGateways[]` of `VpnGateway` {`VpnGatewayId`, `State` pending | available | deleting |
 * deleted, `Type` ipsec.1, `AmazonSideAsn` (Long), `VpcAttachments[]` {`VpcId`, `State`
 * attaching | attached | detaching | detached}}; `DescribeTransitGateways` → `TransitGateways[]`
 * of `TransitGateway` {`TransitGatewayId`, `State` pending | available | modifying | deleting |
 * deleted, `Options` {`AmazonSideAsn`, `DefaultRouteTableAssociation` / `DefaultRouteTablePropagation`
 * enable | disable, `AssociationDefaultRouteTableId`, `PropagationDefaultRouteTableId`}};
 * `DescribeVpnConnections` → `VpnConnections[]` of `VpnConnection` {`VpnConnectionId`, `State`
 * pending | available | deleting | deleted, `VpnGatewayId` / `TransitGatewayId`, `Options`
 * {`TunnelOptions[]` {`TunnelInsideCidr`, `TunnelInsideIpv6Cidr`, `OutsideIpAddress`}}};
 * `DescribeVpcs` → `Vpcs[]` of `Vpc` {`VpcId`, `CidrBlock`, `CidrBlockAssociationSet[]`
 * {`CidrBlock`, `CidrBlockState` {`State` associating | associated | disassociating |
 * disassociated | failing | failed}}}. The fixtures and their sources: test/aws/fixtures/cli/README.md.
 */
import * as fs from 'node:fs';
import { parseCidr, show } from '../plan';
import { IssueCollector, ValidationError } from '../common/errors';
import type { AwsTransitGatewayAttributes, AwsVpnGatewayAttributes } from './gateway-attributes';

/** One export: the parsed JSON the CLI printed, or the path of a file holding it. */
export type AwsCliOutput = string | object;

/** The CLI outputs of an existing virtual private gateway (`awsVpnGatewayAttributesFromCli`). */
export interface AwsVpnGatewayCliExport {
  /** `aws ec2 describe-vpn-gateways --vpn-gateway-ids vgw-... --output json`: one gateway. */
  readonly gateway: AwsCliOutput;
  /**
   * `aws ec2 describe-vpn-connections --filters Name=vpn-gateway-id,Values=vgw-... --output json`:
   * its existing VPN connections (their tunnels' inside CIDRs and their count are in use).
   */
  readonly connections: AwsCliOutput;
  /**
   * `aws ec2 describe-vpcs --vpc-ids vpc-... --output json`: the VPC attached to the gateway,
   * whose associated IPv4 CIDR blocks are the networks behind it.
   *
   * @default - `cidrs` must be given
   */
  readonly vpcs?: AwsCliOutput;
  /**
   * The networks behind the gateway, when `vpcs` is not given (literal IPv4 prefixes).
   *
   * @default - the attached VPC's associated CIDR blocks, from `vpcs`
   */
  readonly cidrs?: readonly string[];
}

/** The CLI outputs of an existing transit gateway (`awsTransitGatewayAttributesFromCli`). */
export interface AwsTransitGatewayCliExport {
  /** `aws ec2 describe-transit-gateways --transit-gateway-ids tgw-... --output json`: one gateway. */
  readonly gateway: AwsCliOutput;
  /**
   * `aws ec2 describe-vpn-connections --filters Name=transit-gateway-id,Values=tgw-... --output json`.
   */
  readonly connections: AwsCliOutput;
  /**
   * `aws ec2 describe-vpcs --vpc-ids vpc-... --output json`: the VPCs whose networks the transit
   * gateway routes toward the VPN (every associated IPv4 CIDR block of every VPC listed).
   *
   * @default - `cidrs` must be given
   */
  readonly vpcs?: AwsCliOutput;
  /**
   * The networks behind the transit gateway (literal IPv4 prefixes), instead of or besides `vpcs`.
   *
   * @default - the CIDR blocks of `vpcs`
   */
  readonly cidrs?: readonly string[];
}

/** Where a problem was found: the file (or which argument), and the JSON path. */
type Report = (at: string, code: string, value: unknown, allowed: string) => void;

/** A value as an error message shows it: JSON, truncated; a key never (callers never pass one). */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  // describe-vpn-connections prints keys: a value that holds one is described, never shown.
  if (typeof value === 'object' && value !== null && JSON.stringify(value).includes('"PreSharedKey"')) return Array.isArray(value) ? `a list of ${value.length}` : 'an object';
  const text = typeof value === 'string' ? show(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The JSON of one export: parsed already, or read from its file. */
function load(label: string, source: AwsCliOutput, issues: IssueCollector): { json: unknown; where: string } | undefined {
  if (typeof source !== 'string') return { json: source, where: label };
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    issues.add(source, 'cli-export-unreadable', `cannot read the ${label} export: ${(e as NodeJS.ErrnoException).code ?? 'error'}; allowed: the path of a file holding the AWS CLI's --output json`);
    return undefined;
  }
  try {
    return { json: JSON.parse(text), where: source };
  } catch (e) {
    issues.add(source, 'cli-export-not-json', `is not JSON (${(e as Error).message.slice(0, 120)}); allowed: the AWS CLI's output with --output json`);
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Typed readers of one export: each reports what is wrong at its JSON path. */
class Reader {
  constructor(private readonly report: Report) {}

  /** A value that is present and wrong. */
  public bad(at: string, value: unknown, allowed: string): void {
    this.report(at, 'cli-export-invalid', value, allowed);
  }

  public obj(v: unknown, at: string): Record<string, unknown> | undefined {
    if (isObj(v)) return v;
    this.report(at, 'cli-export-invalid', v, 'an object');
    return undefined;
  }

  public list(v: unknown, at: string): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.report(at, 'cli-export-invalid', v, 'a list');
    return undefined;
  }

  public str(v: unknown, at: string, allowed?: readonly string[] | RegExp, rule?: string): string | undefined {
    const ok = typeof v === 'string' && (allowed === undefined || (Array.isArray(allowed) ? allowed.includes(v) : (allowed as RegExp).test(v)));
    if (ok) return v as string;
    this.report(at, 'cli-export-invalid', v, rule ?? (Array.isArray(allowed) ? `one of ${allowed.join(', ')}` : 'a string'));
    return undefined;
  }

  public int(v: unknown, at: string, rule: string): number | undefined {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    this.report(at, 'cli-export-invalid', v, rule);
    return undefined;
  }

  /** The single entry of a `Describe*` response filtered by one id. */
  public single(json: unknown, key: string, command: string): Record<string, unknown> | undefined {
    const top = this.obj(json, '$');
    const list = top && this.list(top[key], `$.${key}`);
    if (!list) return undefined;
    if (list.length !== 1) {
      this.report(`$.${key}`, 'cli-export-invalid', `${list.length} entries`, `exactly one: the output of ${command} with one id`);
      return undefined;
    }
    return this.obj(list[0], `$.${key}[0]`);
  }
}

/** Reports go to `issues`, under the export's file (or argument name). */
function readerFor(where: string, issues: IssueCollector): Reader {
  return new Reader((at, code, value, allowed) => issues.add(`${where} ${at}`, code, `${shown(value)}; allowed: ${allowed}`));
}

const VGW_ID = /^vgw-[0-9a-f]{8}([0-9a-f]{9})?$/;
const TGW_ID = /^tgw-[0-9a-f]{8}([0-9a-f]{9})?$/;
const TGW_RTB_ID = /^tgw-rtb-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPN_ID = /^vpn-[0-9a-f]{8}([0-9a-f]{9})?$/;
const ASN_RULE = 'an integer ASN (the gateway\'s AmazonSideAsn)';
/** VpnConnection.State (EC2 API Reference). */
const CONNECTION_STATES = ['pending', 'available', 'deleting', 'deleted'];

/** The in-use part of a gateway's connections: inside CIDRs (of every connection not `deleted`) and the count (neither `deleted` nor `deleting`). */
function readConnections(r: Reader, json: unknown, gateway: { key: 'VpnGatewayId' | 'TransitGatewayId'; id: string | undefined }): { insideCidrs: string[]; connections: number } {
  const top = r.obj(json, '$');
  const list = (top && r.list(top.VpnConnections, '$.VpnConnections')) ?? [];
  const insideCidrs: string[] = [];
  let connections = 0;
  list.forEach((c, i) => {
    const at = `$.VpnConnections[${i}]`;
    const conn = r.obj(c, at);
    if (!conn) return;
    r.str(conn.VpnConnectionId, `${at}.VpnConnectionId`, VPN_ID, "a VPN connection id: 'vpn-' and 8 or 17 hexadecimal digits");
    const state = r.str(conn.State, `${at}.State`, CONNECTION_STATES);
    if (state === 'deleted') return;
    // The filter names the gateway: a connection of another one means the wrong command.
    if (gateway.id !== undefined && conn[gateway.key] !== gateway.id) {
      r.str(conn[gateway.key], `${at}.${gateway.key}`, [gateway.id], `${show(gateway.id)}: the gateway exported (describe-vpn-connections --filters Name=${gateway.key === 'VpnGatewayId' ? 'vpn-gateway-id' : 'transit-gateway-id'},Values=${gateway.id})`);
    }
    if (state !== 'deleting') connections++;
    const options = r.obj(conn.Options, `${at}.Options`);
    const tunnels = options && r.list(options.TunnelOptions, `${at}.Options.TunnelOptions`);
    (tunnels ?? []).forEach((t, k) => {
      const tat = `${at}.Options.TunnelOptions[${k}]`;
      const tunnel = r.obj(t, tat);
      if (!tunnel) return;
      // Only the inside addresses are read (never PreSharedKey); an IPv6-only tunnel takes no IPv4 /30.
      if (tunnel.TunnelInsideCidr === undefined && typeof tunnel.TunnelInsideIpv6Cidr === 'string') return;
      const cidr = r.str(tunnel.TunnelInsideCidr, `${tat}.TunnelInsideCidr`);
      if (cidr === undefined) return;
      const parsed = parseCidr(cidr);
      if (!parsed.ok || parsed.cidr.prefixLength !== 30) r.bad(`${tat}.TunnelInsideCidr`, cidr, `a /30 of 169.254.0.0/16${parsed.ok ? '' : ` (${parsed.reason})`}`);
      else if (!insideCidrs.includes(parsed.cidr.text)) insideCidrs.push(parsed.cidr.text);
    });
  });
  return { insideCidrs, connections };
}

/** Every associated IPv4 CIDR block of the VPCs named (all of `json`'s when `ids` is undefined). */
function readVpcs(r: Reader, json: unknown, ids: readonly string[] | undefined): string[] {
  const top = r.obj(json, '$');
  const list = (top && r.list(top.Vpcs, '$.Vpcs')) ?? [];
  const cidrs: string[] = [];
  const seen: string[] = [];
  list.forEach((v, i) => {
    const at = `$.Vpcs[${i}]`;
    const vpc = r.obj(v, at);
    if (!vpc) return;
    const id = r.str(vpc.VpcId, `${at}.VpcId`, VPC_ID, "a VPC id: 'vpc-' and 8 or 17 hexadecimal digits");
    if (id === undefined || (ids !== undefined && !ids.includes(id))) return;
    seen.push(id);
    const add = (text: unknown, where: string) => {
      const s = r.str(text, where);
      if (s === undefined) return;
      const parsed = parseCidr(s);
      if (!parsed.ok) r.bad(where, s, `an IPv4 prefix (${parsed.reason})`);
      else if (!cidrs.includes(parsed.cidr.text)) cidrs.push(parsed.cidr.text);
    };
    const set = vpc.CidrBlockAssociationSet;
    if (set === undefined) {
      add(vpc.CidrBlock, `${at}.CidrBlock`);
      return;
    }
    (r.list(set, `${at}.CidrBlockAssociationSet`) ?? []).forEach((a, k) => {
      const aat = `${at}.CidrBlockAssociationSet[${k}]`;
      const assoc = r.obj(a, aat);
      const state = assoc && r.obj(assoc.CidrBlockState, `${aat}.CidrBlockState`);
      const s = state && r.str(state.State, `${aat}.CidrBlockState.State`, ['associating', 'associated', 'disassociating', 'disassociated', 'failing', 'failed']);
      if (s === 'associated') add(assoc!.CidrBlock, `${aat}.CidrBlock`);
    });
  });
  for (const id of ids ?? []) {
    if (!seen.includes(id)) r.bad('$.Vpcs', `no entry for ${id}`, `an entry for every VPC attached to the gateway: aws ec2 describe-vpcs --vpc-ids ${id} --output json`);
  }
  return cidrs;
}

/** The networks: `cidrs` and the VPCs' blocks; at least one. */
function networks(issues: IssueCollector, label: string, cidrs: readonly string[] | undefined, fromVpcs: readonly string[] | undefined): string[] {
  const all = [...new Set([...(cidrs ?? []), ...(fromVpcs ?? [])])];
  if (all.length === 0) {
    issues.add(label, 'cli-export-networks-missing', `no network behind the gateway: ${fromVpcs === undefined ? 'neither vpcs nor cidrs given' : 'the VPCs have no associated IPv4 CIDR block'}; allowed: vpcs (aws ec2 describe-vpcs --vpc-ids vpc-... --output json) or cidrs`);
  }
  return all;
}

/** The argument itself: an object with `gateway` and `connections`. */
function checkExports(fn: string, exports: unknown): void {
  if (isObj(exports) && exports.gateway !== undefined && exports.connections !== undefined) return;
  throw new ValidationError(fn, 'cli-export-missing', `expected { gateway, connections, vpcs?, cidrs? }, got ${shown(exports)}; allowed: each the AWS CLI's --output json, parsed or as a file path`);
}

function fail(issues: IssueCollector, fn: string): void {
  if (issues.hasProblems) throw new ValidationError(fn, [...issues.all]);
}

/**
 * The attributes of an existing virtual private gateway from the AWS CLI's output: id, ASN, the
 * networks of its attached VPC, and what its existing VPN connections use (`inUse`). Give the
 * result, with anything else (`siteId`, `routeTableIds`, ...), to
 * `AwsVpnGateway.fromVpnGatewayAttributes`.
 *
 * ```ts
 * AwsVpnGateway.fromVpnGatewayAttributes(stack, 'Vgw', {
 *   ...awsVpnGatewayAttributesFromCli({ gateway: 'vgw.json', connections: 'connections.json', vpcs: 'vpcs.json' }),
 *   siteId: 'aws-osaka',
 * });
 * ```
 *
 * @throws ValidationError naming every file, JSON path and value that is missing or malformed
 */
export function awsVpnGatewayAttributesFromCli(exports: AwsVpnGatewayCliExport): AwsVpnGatewayAttributes {
  const fn = 'awsVpnGatewayAttributesFromCli';
  checkExports(fn, exports);
  const issues = new IssueCollector((list) => new ValidationError(fn, list));
  const gw = load('gateway', exports.gateway, issues);
  const conns = load('connections', exports.connections, issues);
  const vpcs = exports.vpcs === undefined ? undefined : load('vpcs', exports.vpcs, issues);
  fail(issues, fn);

  const r = readerFor(gw!.where, issues);
  const g = r.single(gw!.json, 'VpnGateways', 'aws ec2 describe-vpn-gateways --vpn-gateway-ids vgw-...');
  const id = g && r.str(g.VpnGatewayId, '$.VpnGateways[0].VpnGatewayId', VGW_ID, "a virtual private gateway id: 'vgw-' and 8 or 17 hexadecimal digits");
  if (g) {
    r.str(g.State, '$.VpnGateways[0].State', ['available'], "available (a gateway in another state takes no new connection)");
    r.str(g.Type, '$.VpnGateways[0].Type', ['ipsec.1']);
  }
  const asn = g && r.int(g.AmazonSideAsn, '$.VpnGateways[0].AmazonSideAsn', ASN_RULE);
  const attachments = (g && r.list(g.VpcAttachments, '$.VpnGateways[0].VpcAttachments')) ?? [];
  const attached = attachments.map((a, i) => {
    const o = r.obj(a, `$.VpnGateways[0].VpcAttachments[${i}]`);
    const state = o && r.str(o.State, `$.VpnGateways[0].VpcAttachments[${i}].State`, ['attaching', 'attached', 'detaching', 'detached']);
    return state === 'attached' ? r.str(o!.VpcId, `$.VpnGateways[0].VpcAttachments[${i}].VpcId`, VPC_ID, "a VPC id: 'vpc-' and 8 or 17 hexadecimal digits") : undefined;
  }).filter((x): x is string => x !== undefined);
  if (g && Array.isArray(g.VpcAttachments) && attached.length === 0) {
    r.bad('$.VpnGateways[0].VpcAttachments', g.VpcAttachments, 'an attachment in state attached: a gateway attached to no VPC routes nothing');
  }
  const inUse = readConnections(readerFor(conns!.where, issues), conns!.json, { key: 'VpnGatewayId', id });
  const fromVpcs = vpcs === undefined ? undefined : readVpcs(readerFor(vpcs.where, issues), vpcs.json, attached);
  const cidrs = networks(issues, fn, exports.cidrs, fromVpcs);
  fail(issues, fn);
  return {
    vpnGatewayId: id!,
    asn: asn!,
    cidrs,
    inUse: { insideCidrs: inUse.insideCidrs, connections: inUse.connections },
  };
}

/**
 * The attributes of an existing transit gateway from the AWS CLI's output: id, ASN, what it does
 * with new attachments by default (association, propagation and their route tables), the networks
 * (`vpcs` or `cidrs`), and what its existing VPN connections use (`inUse`). Give the result, with
 * anything else (`siteId`, `routing`, ...), to `AwsVpnGateway.fromTransitGatewayAttributes`.
 *
 * @throws ValidationError naming every file, JSON path and value that is missing or malformed
 */
export function awsTransitGatewayAttributesFromCli(exports: AwsTransitGatewayCliExport): AwsTransitGatewayAttributes {
  const fn = 'awsTransitGatewayAttributesFromCli';
  checkExports(fn, exports);
  const issues = new IssueCollector((list) => new ValidationError(fn, list));
  const gw = load('gateway', exports.gateway, issues);
  const conns = load('connections', exports.connections, issues);
  const vpcs = exports.vpcs === undefined ? undefined : load('vpcs', exports.vpcs, issues);
  fail(issues, fn);

  const r = readerFor(gw!.where, issues);
  const at = '$.TransitGateways[0]';
  const g = r.single(gw!.json, 'TransitGateways', 'aws ec2 describe-transit-gateways --transit-gateway-ids tgw-...');
  const id = g && r.str(g.TransitGatewayId, `${at}.TransitGatewayId`, TGW_ID, "a transit gateway id: 'tgw-' and 8 or 17 hexadecimal digits");
  if (g) r.str(g.State, `${at}.State`, ['available'], 'available (a gateway in another state takes no new attachment)');
  const o = g && r.obj(g.Options, `${at}.Options`);
  const asn = o && r.int(o.AmazonSideAsn, `${at}.Options.AmazonSideAsn`, ASN_RULE);
  const flag = (name: string) => {
    const v = o && r.str(o[name], `${at}.Options.${name}`, ['enable', 'disable']);
    return v === undefined ? undefined : v === 'enable';
  };
  const table = (name: string, needed: boolean | undefined) => {
    if (!o || (o[name] === undefined && !needed)) return undefined;
    return r.str(o[name], `${at}.Options.${name}`, TGW_RTB_ID, "a transit gateway route table id: 'tgw-rtb-' and 8 or 17 hexadecimal digits");
  };
  const association = flag('DefaultRouteTableAssociation');
  const propagation = flag('DefaultRouteTablePropagation');
  const associationTable = table('AssociationDefaultRouteTableId', association);
  const propagationTable = table('PropagationDefaultRouteTableId', propagation);
  const inUse = readConnections(readerFor(conns!.where, issues), conns!.json, { key: 'TransitGatewayId', id });
  const fromVpcs = vpcs === undefined ? undefined : readVpcs(readerFor(vpcs.where, issues), vpcs.json, undefined);
  const cidrs = networks(issues, fn, exports.cidrs, fromVpcs);
  fail(issues, fn);
  return {
    transitGatewayId: id!,
    asn: asn!,
    cidrs,
    defaultRouteTableAssociation: association,
    ...(associationTable === undefined ? {} : { associationDefaultRouteTableId: associationTable }),
    defaultRouteTablePropagation: propagation,
    ...(propagationTable === undefined ? {} : { propagationDefaultRouteTableId: propagationTable }),
    inUse: { insideCidrs: inUse.insideCidrs, connections: inUse.connections },
  };
}
