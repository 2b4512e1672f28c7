/**
 * An existing Alibaba Cloud VPN gateway read from what the Alibaba Cloud CLI prints (JSON), into
 * `AlicloudVpnGatewayAttributes` for `AlicloudVpnGateway.fromVpnGatewayAttributes`:
 *
 * ```sh
 * aliyun vpc DescribeVpnGateway --RegionId cn-hangzhou --VpnGatewayId vpn-… > vpn-gateway.json
 * aliyun vpc DescribeVpnConnections --RegionId cn-hangzhou --VpnGatewayId vpn-… --PageSize 50 > vpn-connections.json
 * aliyun vpc DescribeVpcs --RegionId cn-hangzhou --VpcId vpc-… > vpcs.json   # the VpcId DescribeVpnGateway printed
 * ```
 *
 * (more than 50 connections: one file per page, `--PageNumber 2`, `3`, …, all of them given).
 *
 * Response shapes (the CLI prints the API's JSON response): the VPC API reference 2016-04-28,
 * DescribeVpnGateway (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpngateway),
 * DescribeVpnConnections (https://www.alibabacloud.com/help/doc-detail/53043.htm: PageSize 1-50,
 * default 10) and DescribeVpcs, as the generated SDK models carry them
 * (aliyun/alibabacloud-typescript-sdk `vpc-20160428/src/models/Describe{VpnGateway,VpnConnections,Vpcs}ResponseBody.ts`).
 *
 * What is read:
 * - the gateway: `VpnGatewayId`, `Status` (`active` only), `IpsecVpn` (`enable`), `NetworkType`
 *   (`public`), `InternetIp`, `DisasterRecoveryInternetIp` (returned for dual-tunnel gateways
 *   only: its presence makes the gateway dual-tunnel), `VpcId`, `AutoPropagate`, BGP support from
 *   `Tag` (a JSON string, `VpnEnableBgp`), else `EnableBgp`;
 * - its connections: `TotalCount` (counted against its limit), every tunnel CIDR and local BGP
 *   address in use (`TunnelOptionsSpecification.TunnelOptions[].TunnelBgpConfig`, or the
 *   single-tunnel `VpnBgpConfig`: `TunnelCidr`, `LocalBgpIp`, `LocalAsn`); the Alibaba side's ASN
 *   is the `LocalAsn` they share (Alibaba Cloud sets it per connection: none when they differ);
 * - its VPC: `CidrBlock` and `SecondaryCidrBlocks.SecondaryCidrBlock` (the networks behind it).
 *
 * Parsing is strict: every missing or malformed value is one problem naming the file, the JSON
 * path, the value and what is allowed; all of them are thrown at once as a `ValidationError`.
 */
import * as fs from 'node:fs';
import { parseCidr, parseIpv4, show } from '../plan';
import { PropsChecker } from '../private/errors';
import type { AlicloudVpnGatewayAttributes } from './existing-gateway';
import { AlicloudTunnelMode } from './interfaces';

/** One CLI output: the file it came from (for messages) and its text. */
export interface AlicloudCliDocument {
  /** The file name, as messages show it. */
  readonly file: string;
  /** The JSON the CLI printed. */
  readonly text: string;
}

/** The CLI outputs that describe one existing VPN gateway. */
export interface AlicloudCliExport {
  /** `aliyun vpc DescribeVpnGateway --RegionId <region> --VpnGatewayId <id>`. */
  readonly vpnGateway: AlicloudCliDocument;
  /** Every page of `aliyun vpc DescribeVpnConnections --RegionId <region> --VpnGatewayId <id> --PageSize 50 [--PageNumber n]`. */
  readonly vpnConnections: readonly AlicloudCliDocument[];
  /**
   * `aliyun vpc DescribeVpcs --RegionId <region> --VpcId <the gateway's VpcId>`: the networks behind the gateway.
   *
   * @default - none: give `options.cidrs`
   */
  readonly vpcs?: AlicloudCliDocument;
}

/** The files of an `AlicloudCliExport`. */
export interface AlicloudCliExportFiles {
  /** The file holding `aliyun vpc DescribeVpnGateway …`'s output. */
  readonly vpnGateway: string;
  /** The file (or one file per page) holding `aliyun vpc DescribeVpnConnections … --PageSize 50`'s output. */
  readonly vpnConnections: string | readonly string[];
  /**
   * The file holding `aliyun vpc DescribeVpcs --VpcId …`'s output.
   *
   * @default - none: give `options.cidrs`
   */
  readonly vpcs?: string;
}

/** What the CLI outputs do not say. */
export interface AlicloudCliExportOptions {
  /**
   * The networks behind the gateway, instead of (or to narrow) the VPC's CIDR blocks.
   *
   * @default - the VPC's `CidrBlock` and secondary CIDR blocks (`vpcs` required)
   */
  readonly cidrs?: readonly string[];
}

/** Page size of DescribeVpnConnections: at most 50 (API reference, `PageSize`). */
const MAX_PAGE_SIZE = 50;
const WHERE = 'Alibaba Cloud CLI export';
const GATEWAY_ID = /^vpn-[a-z0-9]{1,64}$/;
const VPC_ID = /^vpc-[a-z0-9]{1,64}$/;
const CONNECTION_ID = /^vco-[a-z0-9]{1,64}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the files of an export (a file that cannot be read is one problem) and parses them (`parseAlicloudGatewayExport`). */
export function alicloudGatewayAttributesFromCli(files: AlicloudCliExportFiles, options: AlicloudCliExportOptions = {}): AlicloudVpnGatewayAttributes {
  const checker = new PropsChecker(WHERE);
  const read = (file: string): AlicloudCliDocument => {
    try {
      return { file, text: fs.readFileSync(file, 'utf8') };
    } catch (e) {
      checker.check(file, 'file-unreadable', `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); allowed: a file holding the CLI's JSON output`);
      return { file, text: '' };
    }
  };
  const pages = typeof files.vpnConnections === 'string' ? [files.vpnConnections] : files.vpnConnections;
  const doc: AlicloudCliExport = {
    vpnGateway: read(files.vpnGateway),
    vpnConnections: pages.map(read),
    ...(files.vpcs === undefined ? {} : { vpcs: read(files.vpcs) }),
  };
  checker.throwIfAny();
  return parseAlicloudGatewayExport(doc, options);
}

/** A JSON value at a path of a file, for reading with one problem per bad value. */
class Reader {
  constructor(private readonly checker: PropsChecker, readonly file: string) {}

  problem(path: string, code: string, message: string): void {
    this.checker.check(`${this.file} ${path}`, code, message);
  }

  /** The parsed document, or `undefined` (a problem) when it is not a JSON object. */
  parse(text: string, command: string): Obj | undefined {
    let v: Json;
    try {
      v = JSON.parse(text) as Json;
    } catch (e) {
      this.problem('$', 'cli-json-invalid', `is not JSON (${(e as Error).message}); allowed: the output of ${command}`);
      return undefined;
    }
    if (!isObj(v)) {
      this.problem('$', 'cli-json-invalid', `is ${show(v)}; allowed: the JSON object printed by ${command}`);
      return undefined;
    }
    return v;
  }

  string(o: Obj, key: string, path: string, rule: { pattern?: RegExp; allowed: string; optional?: boolean }): string | undefined {
    const v = o[key];
    if (v === undefined || (rule.optional && v === '')) {
      if (!rule.optional) this.problem(`${path}.${key}`, 'cli-field-missing', `is missing; allowed: ${rule.allowed}`);
      return undefined;
    }
    if (typeof v !== 'string' || (rule.pattern && !rule.pattern.test(v))) {
      this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)}; allowed: ${rule.allowed}`);
      return undefined;
    }
    return v;
  }

  address(o: Obj, key: string, path: string, what: string, optional = false): string | undefined {
    const v = this.string(o, key, path, { allowed: what, optional });
    if (v === undefined) return undefined;
    if (parseIpv4(v) === undefined) {
      this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)}, not a dotted-quad IPv4 address; allowed: ${what} (a masked address such as '47.22.XX.XX' is a documentation sample, not an export)`);
      return undefined;
    }
    return v;
  }

  cidr(o: Obj, key: string, path: string, what: string, optional = false): string | undefined {
    const v = this.string(o, key, path, { allowed: what, optional });
    if (v === undefined) return undefined;
    const parsed = parseCidr(v);
    if (!parsed.ok) {
      this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)} (${parsed.reason}); allowed: ${what}`);
      return undefined;
    }
    return parsed.cidr.text;
  }

  boolean(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)}; allowed: true or false`);
    return undefined;
  }

  integer(o: Obj, key: string, path: string, min: number, max: number): number | undefined {
    const v = o[key];
    if (v === undefined) {
      this.problem(`${path}.${key}`, 'cli-field-missing', `is missing; allowed: an integer of ${min}-${max}`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)}; allowed: an integer of ${min}-${max}`);
      return undefined;
    }
    return v;
  }

  /** `o[key][inner]` as a list (the API's list wrapping, e.g. `VpnConnections.VpnConnection`). */
  list(o: Obj, key: string, inner: string, path: string, optional = false): Json[] | undefined {
    const outer = o[key];
    if (outer === undefined && optional) return [];
    if (!isObj(outer) || !Array.isArray(outer[inner])) {
      this.problem(`${path}.${key}${isObj(outer) ? `.${inner}` : ''}`, outer === undefined ? 'cli-field-missing' : 'cli-field-invalid',
        `is ${outer === undefined ? 'missing' : show(isObj(outer) ? outer[inner] : outer)}; allowed: an object holding a list ${inner}`);
      return undefined;
    }
    return outer[inner] as Json[];
  }

  /** An ASN as the API prints it: a number or a decimal string (`TunnelBgpConfig.LocalAsn` is a string). */
  asn(o: Obj, key: string, path: string): number | undefined {
    const v = o[key];
    if (v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 4294967295) {
      this.problem(`${path}.${key}`, 'cli-field-invalid', `is ${show(v)}; allowed: an ASN of 1-4294967295 (a number or a decimal string)`);
      return undefined;
    }
    return n;
  }
}

/** What the gateway's connections use. */
interface ConnectionsInUse {
  readonly total: number;
  readonly tunnelCidrs: string[];
  readonly bgpAddresses: string[];
  readonly localAsns: number[];
}

/**
 * The attributes of an existing gateway from the CLI's outputs (see the file header for the
 * commands). Throws one `ValidationError` listing every problem (file, JSON path, value, what is
 * allowed).
 */
export function parseAlicloudGatewayExport(doc: AlicloudCliExport, options: AlicloudCliExportOptions = {}): AlicloudVpnGatewayAttributes {
  const checker = new PropsChecker(WHERE);
  const g = new Reader(checker, doc.vpnGateway.file);
  const gw = g.parse(doc.vpnGateway.text, 'aliyun vpc DescribeVpnGateway --RegionId <region> --VpnGatewayId <id>');
  let gatewayId: string | undefined;
  let vpcId: string | undefined;
  let gateway: Omit<AlicloudVpnGatewayAttributes, 'cidrs'> | undefined;
  if (gw) {
    gatewayId = g.string(gw, 'VpnGatewayId', '$', { pattern: GATEWAY_ID, allowed: "a VPN gateway id: 'vpn-' and lower-case letters or digits (a masked id such as 'vpn-bp1…****' is a documentation sample)" });
    vpcId = g.string(gw, 'VpcId', '$', { pattern: VPC_ID, allowed: "a VPC id: 'vpc-' and lower-case letters or digits" });
    const status = g.string(gw, 'Status', '$', { allowed: "'active'" });
    if (status !== undefined && status !== 'active') {
      g.problem('$.Status', 'cli-gateway-not-active', `is ${show(status)}; allowed: 'active' (a gateway being created, updated or deleted: export it again once it is active)`);
    }
    const ipsec = g.string(gw, 'IpsecVpn', '$', { allowed: "'enable'", optional: true });
    if (ipsec !== undefined && ipsec !== 'enable') g.problem('$.IpsecVpn', 'cli-ipsec-disabled', `is ${show(ipsec)}; allowed: 'enable' (IPsec connections need the IPsec-VPN feature of the gateway)`);
    const network = g.string(gw, 'NetworkType', '$', { allowed: "'public'", optional: true });
    if (network !== undefined && network !== 'public') g.problem('$.NetworkType', 'cli-gateway-private', `is ${show(network)}; allowed: 'public' (a private gateway has no public IP for another cloud to reach)`);
    const internetIp = g.address(gw, 'InternetIp', '$', "the gateway's first public IPv4 address");
    const drIp = g.address(gw, 'DisasterRecoveryInternetIp', '$', "the gateway's second public IPv4 address (dual-tunnel gateways)", true);
    const autoPropagate = g.boolean(gw, 'AutoPropagate', '$');
    const enableBgp = g.boolean(gw, 'EnableBgp', '$');
    const tagSupport = bgpSupportTag(g, gw);
    const bgpSupported = tagSupport ?? (enableBgp === true ? true : undefined);
    if (gatewayId !== undefined && internetIp !== undefined) {
      gateway = {
        vpnGatewayId: gatewayId,
        tunnelMode: drIp === undefined ? AlicloudTunnelMode.SINGLE_TUNNEL : AlicloudTunnelMode.DUAL_TUNNEL,
        internetIp,
        ...(drIp === undefined ? {} : { disasterRecoveryInternetIp: drIp }),
        ...(bgpSupported === undefined ? {} : { bgpSupported }),
        ...(autoPropagate === undefined ? {} : { autoPropagateBgpRoutes: autoPropagate }),
      };
    }
  }

  const inUse = readConnections(checker, doc.vpnConnections, gatewayId);
  const vpc = doc.vpcs ? readVpc(new Reader(checker, doc.vpcs.file), doc.vpcs.text, vpcId) : undefined;
  if (!doc.vpcs && options.cidrs === undefined) {
    checker.check('vpcs', 'cli-vpcs-missing', 'is not given, nor options.cidrs: nothing says which networks are behind the gateway; allowed: the output of aliyun vpc DescribeVpcs --RegionId <region> --VpcId <the gateway\'s VpcId>, or options.cidrs');
  }
  checker.throwIfAny();

  const asns = [...new Set(inUse!.localAsns)];
  return {
    ...gateway!,
    cidrs: [...(options.cidrs ?? vpc!.cidrs)],
    ...(asns.length === 1 ? { asn: asns[0] } : {}),
    ...(vpc?.region === undefined ? {} : { region: vpc.region }),
    inUse: {
      insideCidrs: [...new Set(inUse!.tunnelCidrs)],
      insideAddresses: [...new Set(inUse!.bgpAddresses)],
      connections: inUse!.total,
    },
  };
}

/** BGP support from `Tag` (a JSON string: `VpnEnableBgp` `"true"` / `"false"`), `undefined` when it does not say. */
function bgpSupportTag(g: Reader, gw: Obj): boolean | undefined {
  const tag = gw.Tag;
  if (tag === undefined || tag === '') return undefined;
  let parsed: Json;
  try {
    parsed = typeof tag === 'string' ? JSON.parse(tag) as Json : null;
  } catch {
    parsed = null;
  }
  if (!isObj(parsed)) {
    g.problem('$.Tag', 'cli-field-invalid', `is ${show(tag)}; allowed: a JSON object as a string, e.g. "{\\"VpnEnableBgp\\":\\"true\\"}"`);
    return undefined;
  }
  const v = parsed.VpnEnableBgp;
  if (v === undefined) return undefined;
  if (v === 'true' || v === true) return true;
  if (v === 'false' || v === false) return false;
  g.problem('$.Tag.VpnEnableBgp', 'cli-field-invalid', `is ${show(v)}; allowed: "true" or "false"`);
  return undefined;
}

const DESCRIBE_CONNECTIONS = 'aliyun vpc DescribeVpnConnections --RegionId <region> --VpnGatewayId <id> --PageSize 50';

function readConnections(checker: PropsChecker, pages: readonly AlicloudCliDocument[], gatewayId: string | undefined): ConnectionsInUse | undefined {
  const out: ConnectionsInUse = { total: 0, tunnelCidrs: [], bgpAddresses: [], localAsns: [] };
  if (pages.length === 0) {
    checker.check('vpnConnections', 'cli-connections-missing', `no file given; allowed: the output of ${DESCRIBE_CONNECTIONS} (every page)`);
    return undefined;
  }
  const read: { r: Reader; total?: number; page?: number; size?: number; count?: number }[] = [];
  const ids = new Map<string, string>();
  for (const doc of pages) {
    const r = new Reader(checker, doc.file);
    const body = r.parse(doc.text, DESCRIBE_CONNECTIONS);
    if (!body) continue;
    const total = r.integer(body, 'TotalCount', '$', 0, 100000);
    const page = r.integer(body, 'PageNumber', '$', 1, 100000);
    const size = r.integer(body, 'PageSize', '$', 1, MAX_PAGE_SIZE);
    const list = r.list(body, 'VpnConnections', 'VpnConnection', '$');
    read.push({ r, total, page, size, count: list?.length });
    (list ?? []).forEach((c, i) => {
      const path = `$.VpnConnections.VpnConnection[${i}]`;
      if (!isObj(c)) {
        r.problem(path, 'cli-field-invalid', `is ${show(c)}; allowed: an IPsec connection object`);
        return;
      }
      const id = r.string(c, 'VpnConnectionId', path, { pattern: CONNECTION_ID, allowed: "an IPsec connection id: 'vco-' and lower-case letters or digits" });
      if (id !== undefined) {
        const seen = ids.get(id);
        if (seen !== undefined) r.problem(`${path}.VpnConnectionId`, 'cli-connection-duplicate', `${show(id)} is also in ${seen}; allowed: each page once`);
        ids.set(id, `${doc.file} ${path}`);
      }
      const owner = r.string(c, 'VpnGatewayId', path, { pattern: GATEWAY_ID, allowed: 'the id of the exported VPN gateway' });
      if (owner !== undefined && gatewayId !== undefined && owner !== gatewayId) {
        r.problem(`${path}.VpnGatewayId`, 'cli-connection-foreign', `is ${show(owner)}, not the exported gateway ${show(gatewayId)}; allowed: the connections of that gateway (${DESCRIBE_CONNECTIONS.replace('<id>', gatewayId)})`);
      }
      const bgpConfigs: { o: Obj; path: string }[] = [];
      const tunnels = c.TunnelOptionsSpecification;
      if (tunnels !== undefined) {
        const list = r.list(c, 'TunnelOptionsSpecification', 'TunnelOptions', path);
        (list ?? []).forEach((t, j) => {
          const tp = `${path}.TunnelOptionsSpecification.TunnelOptions[${j}]`;
          if (!isObj(t)) r.problem(tp, 'cli-field-invalid', `is ${show(t)}; allowed: a tunnel object`);
          else if (t.TunnelBgpConfig !== undefined) {
            if (isObj(t.TunnelBgpConfig)) bgpConfigs.push({ o: t.TunnelBgpConfig, path: `${tp}.TunnelBgpConfig` });
            else r.problem(`${tp}.TunnelBgpConfig`, 'cli-field-invalid', `is ${show(t.TunnelBgpConfig)}; allowed: an object`);
          }
        });
      }
      if (c.VpnBgpConfig !== undefined) {
        if (isObj(c.VpnBgpConfig)) bgpConfigs.push({ o: c.VpnBgpConfig, path: `${path}.VpnBgpConfig` });
        else r.problem(`${path}.VpnBgpConfig`, 'cli-field-invalid', `is ${show(c.VpnBgpConfig)}; allowed: an object`);
      }
      for (const b of bgpConfigs) {
        const cidr = r.cidr(b.o, 'TunnelCidr', b.path, 'a tunnel CIDR such as 169.254.10.0/30', true);
        const ip = r.address(b.o, 'LocalBgpIp', b.path, 'a BGP address such as 169.254.10.1', true);
        const asn = r.asn(b.o, 'LocalAsn', b.path);
        if (cidr !== undefined) out.tunnelCidrs.push(cidr);
        if (ip !== undefined) out.bgpAddresses.push(ip);
        // The Alibaba side's ASN of a connection that runs BGP (one with a tunnel CIDR).
        if (cidr !== undefined && asn !== undefined) out.localAsns.push(asn);
      }
    });
  }
  if (read.length !== pages.length || read.some((p) => p.total === undefined || p.page === undefined || p.size === undefined || p.count === undefined)) return undefined;
  const total = read[0].total!;
  for (const p of read) {
    if (p.total !== total) p.r.problem('$.TotalCount', 'cli-pages-mismatch', `is ${p.total}, but ${read[0].r.file} says ${total}; allowed: pages of one export of the same gateway`);
  }
  const seen = new Map<number, string>();
  for (const p of read) {
    const other = seen.get(p.page!);
    if (other !== undefined) p.r.problem('$.PageNumber', 'cli-page-duplicate', `${p.page} is also the page of ${other}; allowed: each page once`);
    seen.set(p.page!, p.r.file);
  }
  const held = read.reduce((n, p) => n + p.count!, 0);
  if (held !== total) {
    const last = read[read.length - 1];
    const size = Math.max(...read.map((p) => p.size!));
    const pagesNeeded = Math.max(1, Math.ceil(total / MAX_PAGE_SIZE));
    last.r.problem('$.VpnConnections.VpnConnection', 'cli-page-incomplete',
      `the files given hold ${held} of the gateway's ${total} IPsec connections (TotalCount; PageNumber ${read.map((p) => p.page).join(', ')}, PageSize ${size}); allowed: all of them: `
      + (pagesNeeded > 1
        ? `export with --PageSize 50 --PageNumber 1 to --PageNumber ${pagesNeeded}, one file per page, and pass every file`
        : `export again with --PageSize 50 (one page holds them all), or pass every page of this export (--PageNumber 1 to --PageNumber ${Math.ceil(total / size)})`));
  }
  return { ...out, total };
}

function readVpc(r: Reader, text: string, vpcId: string | undefined): { cidrs: string[]; region?: string } | undefined {
  const command = 'aliyun vpc DescribeVpcs --RegionId <region> --VpcId <the gateway\'s VpcId>';
  const body = r.parse(text, command);
  if (!body) return undefined;
  const vpcs = r.list(body, 'Vpcs', 'Vpc', '$');
  if (!vpcs || vpcId === undefined) return undefined;
  const i = vpcs.findIndex((v) => isObj(v) && v.VpcId === vpcId);
  if (i < 0) {
    r.problem('$.Vpcs.Vpc', 'cli-vpc-missing', `holds no VPC ${show(vpcId)} (the gateway's VpcId); allowed: the output of ${command.replace('<the gateway\'s VpcId>', vpcId)}`);
    return undefined;
  }
  const vpc = vpcs[i] as Obj;
  const path = `$.Vpcs.Vpc[${i}]`;
  const primary = r.cidr(vpc, 'CidrBlock', path, 'the VPC\'s IPv4 CIDR block');
  const secondary = r.list(vpc, 'SecondaryCidrBlocks', 'SecondaryCidrBlock', path, true) ?? [];
  const cidrs = primary === undefined ? [] : [primary];
  secondary.forEach((c, j) => {
    const p = typeof c === 'string' ? parseCidr(c) : undefined;
    if (!p?.ok) r.problem(`${path}.SecondaryCidrBlocks.SecondaryCidrBlock[${j}]`, 'cli-field-invalid', `is ${show(c)}${p && !p.ok ? ` (${p.reason})` : ''}; allowed: an IPv4 CIDR block`);
    else if (!cidrs.includes(p.cidr.text)) cidrs.push(p.cidr.text);
  });
  const region = r.string(vpc, 'RegionId', path, { allowed: 'a region id such as cn-hangzhou', optional: true, pattern: /^[a-z]{2}-[a-z0-9-]{1,40}$/ });
  return { cidrs, ...(region === undefined ? {} : { region }) };
}
