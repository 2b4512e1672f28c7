/**
 * Reads synthesized output folders — CloudFormation templates of a CDK cloud assembly
 * (`*.template.json`) and Terraform JSON of a cdktf output folder (`stacks/<name>/cdk.tf.json`) —
 * as ONE deployment, and extracts the VPN resources of AWS, Azure and Alibaba Cloud.
 *
 * Public IPs do not exist before deployment, so addresses are resolved symbolically: every
 * gateway endpoint (an AWS tunnel, an Azure public IP, an Alibaba gateway IP) gets a
 * documentation-range address (AWS 192.0.2.0/24, Azure 198.51.100.0/24, Alibaba 203.0.113.0/24),
 * and every reference to an address — CloudFormation `Ref` of a parameter, `Fn::ImportValue`,
 * `Fn::GetAtt` of the tunnel-outside-IP lookup, Terraform `${var.x}`, `${resource.attr}` and
 * cdktf's cross-stack remote state — is followed, through the deployment manifest
 * (`ccvpn.manifest.json`: which output feeds which input) when it crosses engines, to the
 * endpoint it names.
 *
 * Pre-shared keys are read as written (that is how deployment works) into `PresharedKey`
 * objects, which print only a fingerprint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentManifest } from '../manifest';
import type { Cloud } from './types';
import { PresharedKey } from '../common/preshared-key';
import { formatIpv4, parseCidr } from '../common/cidr';
import { effectiveTunnelOptions } from './clouds/aws/tunnel-options';

/** A JSON value as read. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** One synthesized stack. */
export interface StackDoc {
  readonly engine: 'cdk' | 'cdktf';
  /** Stack name as the engine's CLI (and the manifest) knows it. */
  readonly name: string;
  readonly file: string;
  readonly body: Obj;
  /** CloudFormation: construct path per logical id (from the cloud assembly's tree.json). */
  readonly paths?: ReadonlyMap<string, string>;
}

/** A reference to one resource of one stack. */
export interface ResourceRef {
  readonly stack: string;
  /** CloudFormation logical id, or Terraform `type.name`. */
  readonly id: string;
}

/** What a value resolves to, symbolically. */
export type Resolved =
  | { readonly kind: 'literal'; readonly value: Json; readonly trail: readonly string[] }
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly trail: readonly string[] }
  | { readonly kind: 'resource'; readonly ref: ResourceRef; readonly attr?: string; readonly trail: readonly string[] }
  | { readonly kind: 'unknown'; readonly why: string; readonly trail: readonly string[] };

/** A public address of a gateway, with its symbolic address. */
export interface Endpoint {
  readonly key: string;
  readonly cloud: Cloud | 'outside';
  readonly address: string;
  /** What it is, for reports (`AwsTokyoLinks2 conn1 tunnel1`, `public IP pip0`). */
  readonly label: string;
}

// ---------------------------------------------------------------------------------------------
// Resources per cloud (values already resolved; models read these).

export interface AwsGatewayRes {
  readonly key: string;
  readonly kind: 'vpn-gateway' | 'transit-gateway' | 'unknown';
  readonly asn?: number;
  readonly label: string;
  readonly networks: readonly string[];
  readonly networksSource: string;
}

export interface AwsConnectionRes {
  readonly key: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly label: string;
  readonly gateway: AwsGatewayRes;
  readonly customerGateway: { readonly id: string; readonly address: Resolved; readonly bgpAsn?: number };
  readonly staticRoutesOnly?: boolean;
  readonly routes: readonly string[];
  /** `LocalIpv4NetworkCidr`: the customer side; `RemoteIpv4NetworkCidr`: the AWS side. */
  readonly localNetworkCidr?: string;
  readonly remoteNetworkCidr?: string;
  /** Tunnel options as written (up to 2), pre-shared keys resolved. */
  readonly tunnels: readonly { readonly options: Obj; readonly psk: KeyValue; readonly endpoint: string }[];
}

/** A pre-shared key as found: the key, or why it is not in the output. */
export type KeyValue = { readonly key: PresharedKey } | { readonly missing: string };

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
}

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
  readonly body: Obj;
}

export interface AlicloudGatewayRes {
  readonly key: string;
  readonly stack: string;
  readonly label: string;
  /** Endpoints of the gateway's two IPs: `master` (internet_ip) and `slave` (disaster_recovery_internet_ip). */
  readonly endpoints: { readonly master: string; readonly slave: string };
  readonly networks: readonly string[];
  readonly networksSource: string;
}

export interface AlicloudCustomerGatewayRes {
  readonly key: string;
  readonly address: Resolved;
  readonly asn?: number;
}

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

/** The whole deployment as read. */
export interface Deployment {
  readonly folders: readonly string[];
  /** `engine:name` of every stack read (the stacks themselves hold keys: not kept here). */
  readonly stacks: readonly string[];
  readonly manifest?: DeploymentManifest;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly aws: readonly AwsConnectionRes[];
  readonly azure: readonly AzureConnectionRes[];
  readonly azureGateways: readonly AzureGatewayRes[];
  readonly alicloud: readonly AlicloudConnectionRes[];
  readonly alicloudGateways: readonly AlicloudGatewayRes[];
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Loading folders.

const MANIFEST_FILE = 'ccvpn.manifest.json';

/** Finds the stacks (and the deployment manifest) in the given folders. */
export function loadStacks(folders: readonly string[]): { stacks: StackDoc[]; manifest?: DeploymentManifest; warnings: string[] } {
  const stacks: StackDoc[] = [];
  const warnings: string[] = [];
  let manifest: DeploymentManifest | undefined;
  const seenDirs = new Set<string>();
  const visit = (dir: string) => {
    const abs = path.resolve(dir);
    if (seenDirs.has(abs)) return;
    seenDirs.add(abs);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
      warnings.push(`${dir}: not a folder`);
      return;
    }
    const manifestHere = [path.join(abs, MANIFEST_FILE), path.join(path.dirname(abs), MANIFEST_FILE)].find((f) => fs.existsSync(f));
    if (manifestHere && !manifest) {
      manifest = JSON.parse(fs.readFileSync(manifestHere, 'utf8')) as DeploymentManifest;
      const base = path.dirname(manifestHere);
      // A manifest folder given directly: read the engines' folders it names.
      if (path.resolve(base) === abs) {
        for (const sub of [manifest.cdkOut, manifest.cdktfOut]) if (sub) visit(path.join(base, sub));
      }
    }
    let found = false;
    const tree = constructPaths(abs);
    for (const entry of fs.readdirSync(abs).sort()) {
      if (entry.endsWith('.template.json')) {
        found = true;
        const artifact = entry.replace(/\.template\.json$/, '');
        const body = readJson(path.join(abs, entry));
        stacks.push({ engine: 'cdk', name: cdkStackName(abs, entry), file: path.join(abs, entry), body, paths: pathsOf(body, tree.get(artifact)) });
      }
    }
    const tfStacks = path.join(abs, 'stacks');
    if (fs.existsSync(tfStacks) && fs.statSync(tfStacks).isDirectory()) {
      for (const name of fs.readdirSync(tfStacks).sort()) {
        const file = path.join(tfStacks, name, 'cdk.tf.json');
        if (!fs.existsSync(file)) continue;
        found = true;
        const body = readJson(file);
        const meta = (body['//'] as Obj | undefined)?.metadata as Obj | undefined;
        stacks.push({ engine: 'cdktf', name: typeof meta?.stackName === 'string' ? meta.stackName : name, file, body });
      }
    }
    if (fs.existsSync(path.join(abs, 'cdk.tf.json'))) {
      found = true;
      stacks.push({ engine: 'cdktf', name: path.basename(abs), file: path.join(abs, 'cdk.tf.json'), body: readJson(path.join(abs, 'cdk.tf.json')) });
    }
    if (!found && !manifestHere) {
      // A parent of several examples' folders: look one level down for cdk.out / cdktf.out.
      for (const sub of ['cdk.out', 'cdktf.out']) if (fs.existsSync(path.join(abs, sub))) visit(path.join(abs, sub));
    }
  };
  for (const f of folders) visit(f);
  if (!stacks.length) warnings.push(`no synthesized stacks found in ${folders.join(', ')} (expected *.template.json or stacks/<name>/cdk.tf.json)`);
  return { stacks, manifest, warnings };
}

/**
 * Construct paths of CloudFormation resources per stack, from the cloud assembly's tree.json,
 * keyed by the human part of the logical id aws-cdk-lib derives from the path (path components
 * below the stack, without `Resource`/`Default`, alphanumerics only).
 */
function constructPaths(dir: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const file = path.join(dir, 'tree.json');
  if (!fs.existsSync(file)) return out;
  const walk = (node: Json) => {
    if (!isObj(node)) return;
    const attrs = node.attributes;
    if (isObj(attrs) && typeof attrs['aws:cdk:cloudformation:type'] === 'string' && typeof node.path === 'string') {
      const [stack, ...rest] = node.path.split('/');
      const human = rest.filter((x) => x !== 'Resource' && x !== 'Default').map((x) => x.replace(/[^A-Za-z0-9]/g, '')).join('');
      if (!out.has(stack)) out.set(stack, new Map());
      out.get(stack)!.set(human, node.path);
    }
    if (isObj(node.children)) Object.values(node.children).forEach(walk);
  };
  try {
    walk(readJson(file).tree);
  } catch {
    // no usable tree: labels fall back to logical ids
  }
  return out;
}

function pathsOf(body: Obj, byHuman: Map<string, string> | undefined): Map<string, string> | undefined {
  if (!byHuman) return undefined;
  const out = new Map<string, string>();
  for (const id of Object.keys((body.Resources as Obj | undefined) ?? {})) {
    const p = byHuman.get(id.replace(/[0-9A-F]{8}$/, '')) ?? byHuman.get(id);
    if (p) out.set(id, p);
  }
  return out;
}

function readJson(file: string): Obj {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Obj;
}

/** A template's stack name: the cloud assembly manifest's `stackName`, else the artifact id. */
function cdkStackName(dir: string, templateFile: string): string {
  const artifact = templateFile.replace(/\.template\.json$/, '');
  try {
    const m = readJson(path.join(dir, 'manifest.json'));
    const a = (m.artifacts as Obj | undefined)?.[artifact] as Obj | undefined;
    const props = a?.properties as Obj | undefined;
    if (typeof props?.stackName === 'string') return props.stackName;
    if (typeof a?.displayName === 'string' && !a.displayName.includes('/')) return a.displayName;
  } catch {
    // no manifest: the artifact id is the stack name
  }
  return artifact;
}

// ---------------------------------------------------------------------------------------------
// Symbolic evaluation.

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Attributes of the AWS construct's outside-IP lookup (`Custom::VpnTunnelOutsideIps`). */
const TUNNEL_OUTSIDE_IP = /^Tunnel([12])OutsideIp$/;
const TUNNEL_OUTSIDE_IPS_TYPE = 'Custom::VpnTunnelOutsideIps';

/** Evaluates references across every stack of the deployment. */
export class Resolver {
  private readonly byName = new Map<string, StackDoc>();
  private readonly exports = new Map<string, { stack: StackDoc; value: Json }>();

  constructor(public readonly stacks: readonly StackDoc[], private readonly manifest?: DeploymentManifest) {
    for (const s of stacks) {
      this.byName.set(`${s.engine}:${s.name}`, s);
      if (s.engine === 'cdk') {
        for (const out of Object.values((s.body.Outputs as Obj | undefined) ?? {})) {
          const exp = isObj(out) && isObj(out.Export) ? out.Export.Name : undefined;
          if (typeof exp === 'string') this.exports.set(exp, { stack: s, value: (out as Obj).Value });
        }
      }
    }
  }

  public stack(name: string, engine?: 'cdk' | 'cdktf'): StackDoc | undefined {
    if (engine) return this.byName.get(`${engine}:${name}`);
    return this.byName.get(`cdk:${name}`) ?? this.byName.get(`cdktf:${name}`);
  }

  /** A CloudFormation resource of a stack. */
  public cfnResource(stack: StackDoc, logicalId: string): Obj | undefined {
    const r = (stack.body.Resources as Obj | undefined)?.[logicalId];
    return isObj(r) ? r : undefined;
  }

  /** A Terraform resource (`type.name`) of a stack. */
  public tfResource(stack: StackDoc, id: string): Obj | undefined {
    const dot = id.indexOf('.');
    const r = ((stack.body.resource as Obj | undefined)?.[id.slice(0, dot)] as Obj | undefined)?.[id.slice(dot + 1)];
    return isObj(r) ? r : undefined;
  }

  /** Evaluates any value of a stack. */
  public eval(stack: StackDoc, value: Json | undefined, trail: readonly string[] = []): Resolved {
    return stack.engine === 'cdk' ? this.evalCfn(stack, value, trail) : this.evalTf(stack, value, trail);
  }

  private fromInput(stack: StackDoc, name: string, trail: readonly string[]): Resolved | undefined {
    for (const phase of this.manifest?.phases ?? []) {
      for (const s of phase.stacks) {
        if (s.name !== stack.name || s.engine !== stack.engine) continue;
        const input = s.inputs.find((i) => i.name === name);
        if (!input) continue;
        const from = this.stack(input.from.stack);
        const next = [...trail, `${stack.name}.${name} ← ${input.from.stack}.${input.from.output}`];
        if (!from) return { kind: 'unknown', why: `stack '${input.from.stack}' (feeding ${stack.name}.${name}) is not among the folders read`, trail: next };
        return this.output(from, input.from.output, next);
      }
    }
    return undefined;
  }

  /** The value of a stack output. */
  public output(stack: StackDoc, name: string, trail: readonly string[]): Resolved {
    if (stack.engine === 'cdk') {
      const out = (stack.body.Outputs as Obj | undefined)?.[name];
      if (!isObj(out)) return { kind: 'unknown', why: `stack ${stack.name} has no output ${name}`, trail };
      return this.evalCfn(stack, out.Value, trail);
    }
    const out = (stack.body.output as Obj | undefined)?.[name];
    if (!isObj(out)) return { kind: 'unknown', why: `stack ${stack.name} has no output ${name}`, trail };
    return this.evalTf(stack, out.value, trail);
  }

  private evalCfn(stack: StackDoc, v: Json | undefined, trail: readonly string[]): Resolved {
    if (v === undefined) return { kind: 'unknown', why: 'absent', trail };
    if (!isObj(v)) {
      if (typeof v === 'string' && v.startsWith('{{resolve:')) return { kind: 'unknown', why: `a dynamic reference resolved at deploy time (${v.split(':').slice(0, 2).join(':')}:…)`, trail };
      return { kind: 'literal', value: v, trail };
    }
    const keys = Object.keys(v);
    if (keys.length !== 1) return { kind: 'literal', value: v, trail };
    const [fn] = keys;
    const arg = v[fn];
    if (fn === 'Ref' && typeof arg === 'string') {
      const params = (stack.body.Parameters as Obj | undefined) ?? {};
      if (arg in params) {
        const fed = this.fromInput(stack, arg, trail);
        if (fed) return fed;
        const p = params[arg];
        if (isObj(p) && p.Default !== undefined && !String(p.Type ?? '').startsWith('AWS::SSM')) return { kind: 'literal', value: p.Default, trail: [...trail, `parameter ${arg} default`] };
        return { kind: 'unknown', why: `parameter ${stack.name}.${arg} is set at deploy time and no deployment manifest says what feeds it`, trail };
      }
      if (arg.startsWith('AWS::')) return { kind: 'unknown', why: `pseudo parameter ${arg}`, trail };
      return { kind: 'resource', ref: { stack: stack.name, id: arg }, trail };
    }
    if (fn === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.', 2) : [];
      if (typeof id !== 'string' || typeof attr !== 'string') return { kind: 'unknown', why: 'malformed Fn::GetAtt', trail };
      const m = TUNNEL_OUTSIDE_IP.exec(attr);
      if (m && this.cfnResource(stack, id)?.Type === TUNNEL_OUTSIDE_IPS_TYPE) return this.outsideIp(stack, id, Number(m[1]), trail);
      return { kind: 'resource', ref: { stack: stack.name, id }, attr, trail };
    }
    if (fn === 'Fn::ImportValue') {
      const name = this.evalCfn(stack, arg, trail);
      if (name.kind !== 'literal' || typeof name.value !== 'string') return { kind: 'unknown', why: 'Fn::ImportValue of a computed name', trail };
      const exp = this.exports.get(name.value);
      if (!exp) return { kind: 'unknown', why: `export '${name.value}' is not in the folders read`, trail };
      return this.evalCfn(exp.stack, exp.value, [...trail, `import ${name.value} from ${exp.stack.name}`]);
    }
    if (fn === 'Fn::Select' && Array.isArray(arg) && arg.length === 2) {
      const list = arg[1];
      const index = Number(arg[0]);
      if (Array.isArray(list) && Number.isInteger(index)) return this.evalCfn(stack, list[index], trail);
      return { kind: 'unknown', why: 'Fn::Select of a computed list', trail };
    }
    if (fn === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts = arg[1].map((p) => this.evalCfn(stack, p, trail));
      if (parts.every((p) => p.kind === 'literal' && (typeof p.value === 'string' || typeof p.value === 'number'))) {
        return { kind: 'literal', value: parts.map((p) => String((p as { value: Json }).value)).join(arg[0]), trail };
      }
      return { kind: 'unknown', why: 'Fn::Join of deploy-time values', trail };
    }
    return { kind: 'unknown', why: `${fn} is evaluated at deploy time`, trail };
  }

  /**
   * Tunnel `n`'s outside IP from the AWS construct's lookup: the VPN connection it names, and the
   * tunnel of that connection whose inside CIDR is the lookup's `TunnelInsideCidrs[n - 1]` (the
   * handler matches by inside CIDR, not by the API's order).
   */
  private outsideIp(stack: StackDoc, lookupId: string, n: number, trail: readonly string[]): Resolved {
    const props = this.cfnResource(stack, lookupId)?.Properties as Obj | undefined;
    const ref = isObj(props?.VpnConnectionId) ? props.VpnConnectionId.Ref : undefined;
    const conn = typeof ref === 'string' && this.cfnResource(stack, ref)?.Type === 'AWS::EC2::VPNConnection' ? ref : undefined;
    if (!conn) return { kind: 'unknown', why: `${lookupId} does not name a VPN connection of ${stack.name}`, trail };
    const cidrs = props?.TunnelInsideCidrs;
    const cidr = Array.isArray(cidrs) ? this.evalCfn(stack, cidrs[n - 1], trail) : undefined;
    if (cidr?.kind !== 'literal' || typeof cidr.value !== 'string') return { kind: 'unknown', why: `the inside CIDR ${lookupId} matches tunnel ${n} by is a deploy-time value`, trail };
    const wanted = canonical(cidr.value);
    const tunnels = (this.cfnResource(stack, conn)?.Properties as Obj | undefined)?.VpnTunnelOptionsSpecifications;
    const index = Array.isArray(tunnels) ? tunnels.findIndex((t) => isObj(t) && typeof t.TunnelInsideCidr === 'string' && canonical(t.TunnelInsideCidr) === wanted) : -1;
    if (index < 0) return { kind: 'unknown', why: `no tunnel of ${conn} has inside CIDR ${cidr.value}`, trail };
    return { kind: 'endpoint', endpoint: awsTunnelEndpoint(stack.name, conn, index + 1), trail: [...trail, `${conn} tunnel ${index + 1} (inside ${cidr.value})`] };
  }

  private evalTf(stack: StackDoc, v: Json | undefined, trail: readonly string[]): Resolved {
    if (v === undefined) return { kind: 'unknown', why: 'absent', trail };
    if (typeof v !== 'string') return { kind: 'literal', value: v, trail };
    const whole = /^\$\{([^{}]+)\}$/.exec(v);
    if (!whole) {
      if (v.includes('${')) return { kind: 'unknown', why: `interpolation '${v}' is evaluated at deploy time`, trail };
      return { kind: 'literal', value: v, trail };
    }
    const expr = whole[1].trim();
    const parts = expr.split('.');
    if (parts[0] === 'var' && parts.length === 2) {
      const fed = this.fromInput(stack, parts[1], trail);
      if (fed) return fed;
      const def = ((stack.body.variable as Obj | undefined)?.[parts[1]] as Obj | undefined)?.default;
      if (def !== undefined) return { kind: 'literal', value: def, trail: [...trail, `variable ${parts[1]} default`] };
      return { kind: 'unknown', why: `variable ${stack.name}.${parts[1]} is set at deploy time and no deployment manifest says what feeds it`, trail };
    }
    if (parts[0] === 'data' && parts[1] === 'terraform_remote_state' && parts[3] === 'outputs' && parts.length === 5) {
      const source = this.remoteStateStack(stack, parts[2]);
      if (!source) return { kind: 'unknown', why: `remote state ${parts[2]} names no stack among the folders read`, trail };
      return this.output(source, parts[4], [...trail, `${stack.name} ← ${source.name}.${parts[4]}`]);
    }
    if (parts[0] === 'local' && parts.length === 2) {
      return this.evalTf(stack, (stack.body.locals as Obj | undefined)?.[parts[1]], trail);
    }
    if (/^[a-z][a-z0-9_]*$/.test(parts[0]) && parts.length >= 3 && !expr.includes('(')) {
      const id = `${parts[0]}.${parts[1]}`;
      const attr = parts.slice(2).join('.');
      if (parts[0] === 'azurerm_public_ip' && attr === 'ip_address') return { kind: 'endpoint', endpoint: `azure:${stack.name}/${id}`, trail };
      if (parts[0] === 'alicloud_vpn_gateway' && (attr === 'internet_ip' || attr === 'disaster_recovery_internet_ip')) {
        return { kind: 'endpoint', endpoint: `alicloud:${stack.name}/${id}#${attr === 'internet_ip' ? 'master' : 'slave'}`, trail };
      }
      return { kind: 'resource', ref: { stack: stack.name, id }, attr, trail };
    }
    return { kind: 'unknown', why: `expression '${expr}' is evaluated at deploy time`, trail };
  }

  /** The stack a cdktf remote-state data source reads: by backend path, else by cdktf's naming. */
  private remoteStateStack(stack: StackDoc, name: string): StackDoc | undefined {
    const ds = (((stack.body.data as Obj | undefined)?.terraform_remote_state as Obj | undefined)?.[name]) as Obj | undefined;
    const wanted = isObj(ds?.config) ? ds!.config.path : undefined;
    if (typeof wanted === 'string') {
      for (const s of this.stacks) {
        const backend = ((s.body.terraform as Obj | undefined)?.backend as Obj | undefined)?.local as Obj | undefined;
        if (s.engine === 'cdktf' && backend?.path === wanted) return s;
      }
    }
    const m = /^cross-stack-reference-input-(.+)$/.exec(name);
    return m ? this.stack(m[1], 'cdktf') : undefined;
  }
}

const canonical = (c: string) => {
  const p = parseCidr(c);
  return p.ok ? p.cidr.text : c;
};

/** Endpoint key of one AWS tunnel. */
export function awsTunnelEndpoint(stack: string, connection: string, tunnel: number): string {
  return `aws:${stack}/${connection}#tunnel${tunnel}`;
}

// ---------------------------------------------------------------------------------------------
// Extraction.

/** Reads folders into a deployment: resources of every cloud with references resolved. */
export function readDeployment(folders: readonly string[]): Deployment {
  const { stacks, manifest, warnings } = loadStacks(folders);
  return extractDeployment(folders, stacks, manifest, warnings);
}

/** Extracts the VPN resources of already loaded stacks. */
export function extractDeployment(folders: readonly string[], stacks: readonly StackDoc[], manifest: DeploymentManifest | undefined, warnings: string[] = []): Deployment {
  const r = new Resolver(stacks, manifest);
  const endpointLabels = new Map<string, string>();
  const aws = extractAws(r, endpointLabels, warnings);
  const azureGateways = extractAzureGateways(r, endpointLabels);
  const azure = extractAzureConnections(r, azureGateways, warnings);
  const alicloudGateways = extractAlicloudGateways(r, endpointLabels);
  const alicloud = extractAlicloudConnections(r, alicloudGateways, warnings);

  // Every endpoint named anywhere (owned or referenced) gets one documentation-range address.
  const referenced: Resolved[] = [
    ...aws.map((c) => c.customerGateway.address),
    ...azure.flatMap((c) => (c.localNetworkGateway ? [c.localNetworkGateway.address] : [])),
    ...alicloud.flatMap((c) => [...c.tunnels.map((t) => t.customerGateway?.address), c.single?.customerGateway?.address]).filter((x): x is Resolved => !!x),
  ];
  for (const ref of referenced) {
    if (ref.kind === 'endpoint' && !endpointLabels.has(ref.endpoint)) endpointLabels.set(ref.endpoint, ref.endpoint);
    if (ref.kind === 'literal' && typeof ref.value === 'string') endpointLabels.set(`ip:${ref.value}`, `literal address ${ref.value}`);
  }
  const endpoints = assignAddresses(endpointLabels);
  return { folders, stacks: stacks.map((s) => `${s.engine}:${s.name}`), manifest, endpoints, aws, azure, azureGateways, alicloud, alicloudGateways, warnings };
}

const POOLS: Record<Cloud | 'outside', number> = {
  aws: (192 << 24) | (0 << 16) | (2 << 8),
  azure: (198 << 24) | (51 << 16) | (100 << 8),
  alicloud: (203 << 24) | (0 << 16) | (113 << 8),
  outside: (203 << 24) | (0 << 16) | (113 << 8),
};

/** Documentation-range addresses: AWS 192.0.2.10+, Azure 198.51.100.10+, Alibaba 203.0.113.10+, outside 203.0.113.200+. */
export function assignAddresses(labels: ReadonlyMap<string, string>): Map<string, Endpoint> {
  const out = new Map<string, Endpoint>();
  const next: Record<string, number> = { aws: 10, azure: 10, alicloud: 10, outside: 200 };
  const order: (Cloud | 'outside')[] = ['aws', 'azure', 'alicloud', 'outside'];
  const keys = [...labels.keys()].sort();
  for (const key of keys) {
    const prefix = key.split(':')[0];
    let cloud = (['aws', 'azure', 'alicloud'].includes(prefix) ? prefix : 'outside') as Cloud | 'outside';
    // An exhausted pool spills into the next one (hundreds of endpoints).
    for (let i = 0; i < order.length && next[cloud] > 254; i++) cloud = order[(order.indexOf(cloud) + 1) % order.length];
    if (next[cloud] > 254) throw new Error('more than 900 endpoints: the documentation ranges are exhausted');
    const host = next[cloud]++;
    out.set(key, { key, cloud: prefix === 'ip' ? 'outside' : cloud, address: formatIpv4((POOLS[cloud] + host) >>> 0), label: labels.get(key)! });
  }
  return out;
}

const SECRET = /^(pre_?shared_?key|shared_?key|psk)$/i;

/** A copy without pre-shared keys (they travel only as `PresharedKey` objects). */
export function withoutSecrets<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => withoutSecrets(x)) as T;
  if (isObj(v)) return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET.test(k)).map(([k, x]) => [k, withoutSecrets(x)])) as T;
  return v;
}

function keyValue(res: Resolved, where: string): KeyValue {
  if (res.kind === 'literal' && typeof res.value === 'string' && res.value.length > 0) return { key: new PresharedKey(res.value, 'pinned') };
  if (res.kind === 'unknown') return { missing: `${where}: ${res.why}` };
  return { missing: `${where}: not a literal key` };
}

const numberOf = (res: Resolved): number | undefined => {
  if (res.kind !== 'literal') return undefined;
  const n = Number(res.value);
  return Number.isFinite(n) && String(res.value).trim() !== '' ? n : undefined;
};

export const stringsOf = (r: Resolver, stack: StackDoc, v: Json | undefined): string[] => {
  const res = r.eval(stack, v);
  if (res.kind !== 'literal') return [];
  const val = res.value;
  if (Array.isArray(val)) return val.map((x) => r.eval(stack, x)).filter((x) => x.kind === 'literal').map((x) => String((x as { value: Json }).value));
  if (typeof val === 'string') return val.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
};

export function eachCfn(r: Resolver, type: string): { stack: StackDoc; id: string; props: Obj }[] {
  const out: { stack: StackDoc; id: string; props: Obj }[] = [];
  for (const s of r.stacks) {
    if (s.engine !== 'cdk') continue;
    for (const [id, res] of Object.entries((s.body.Resources as Obj | undefined) ?? {})) {
      if (isObj(res) && res.Type === type) out.push({ stack: s, id, props: isObj(res.Properties) ? res.Properties : {} });
    }
  }
  return out;
}

export function eachTf(r: Resolver, type: string): { stack: StackDoc; id: string; name: string; body: Obj }[] {
  const out: { stack: StackDoc; id: string; name: string; body: Obj }[] = [];
  for (const s of r.stacks) {
    if (s.engine !== 'cdktf') continue;
    for (const [name, body] of Object.entries(((s.body.resource as Obj | undefined)?.[type] as Obj | undefined) ?? {})) {
      if (isObj(body)) out.push({ stack: s, id: `${type}.${name}`, name, body });
    }
  }
  return out;
}

/** Follows a value to a resource of a given type (through outputs, imports, remote state). */
export function resourceOf(r: Resolver, stack: StackDoc, v: Json | undefined, type: string): { stack: StackDoc; id: string } | undefined {
  const res = r.eval(stack, v);
  if (res.kind !== 'resource') return undefined;
  const s = r.stack(res.ref.stack);
  if (!s) return undefined;
  if (s.engine === 'cdk') return r.cfnResource(s, res.ref.id)?.Type === type ? { stack: s, id: res.ref.id } : undefined;
  return res.ref.id.startsWith(`${type}.`) && r.tfResource(s, res.ref.id) ? { stack: s, id: res.ref.id } : undefined;
}

/** A construct-path-like short label for a Terraform resource: the segment before `/Resource`. */
function tfLabel(body: Obj, fallback: string): string {
  const p = ((body['//'] as Obj | undefined)?.metadata as Obj | undefined)?.path;
  if (typeof p === 'string') {
    const segs = p.split('/').filter((x) => x !== 'Resource');
    return segs[segs.length - 1] ?? fallback;
  }
  return fallback;
}

/** A CloudFormation resource's label: the last construct path segment above `Resource`, else the logical id without its hash. */
function cfnLabel(stack: StackDoc, id: string): string {
  const p = stack.paths?.get(id);
  if (p) {
    const segs = p.split('/').filter((x) => x !== 'Resource' && x !== 'Default');
    return segs[segs.length - 1] ?? id;
  }
  return id.replace(/[0-9A-F]{8}$/, '');
}

function extractAws(r: Resolver, endpointLabels: Map<string, string>, warnings: string[]): AwsConnectionRes[] {
  const conns = eachCfn(r, 'AWS::EC2::VPNConnection');
  const routes = eachCfn(r, 'AWS::EC2::VPNConnectionRoute');
  const gateways = new Map<string, AwsGatewayRes>();
  const out: AwsConnectionRes[] = [];
  for (const c of conns) {
    const p = c.props;
    const vgw = p.VpnGatewayId !== undefined ? r.eval(c.stack, p.VpnGatewayId) : undefined;
    const tgw = p.TransitGatewayId !== undefined ? r.eval(c.stack, p.TransitGatewayId) : undefined;
    const gw = vgw ?? tgw;
    const gwKey = gw?.kind === 'resource' ? `aws:${gw.ref.stack}/${gw.ref.id}` : gw?.kind === 'literal' ? `aws:${String(gw.value)}` : `aws:${c.stack.name}/${c.id}#gateway`;
    if (!gateways.has(gwKey)) gateways.set(gwKey, awsGateway(r, gwKey, gw, tgw !== undefined));
    const cgw = resourceOf(r, c.stack, p.CustomerGatewayId, 'AWS::EC2::CustomerGateway');
    const cgwProps = cgw ? ((r.cfnResource(cgw.stack, cgw.id)?.Properties as Obj | undefined) ?? {}) : {};
    const cgwAddress: Resolved = cgw ? r.eval(cgw.stack, cgwProps.IpAddress) : { kind: 'unknown', why: 'customer gateway not found in the folders read', trail: [] };
    // The connection's options with its Custom::VpnTunnelOptions laid over them (clouds/aws/tunnel-options.ts).
    const tunnelsRaw = effectiveTunnelOptions(r, c.stack, c.id, p.VpnTunnelOptionsSpecifications);
    const label = cfnLabel(c.stack, c.id);
    const tunnels = [0, 1].map((i) => {
      const options = tunnelsRaw[i] ?? {};
      const endpoint = awsTunnelEndpoint(c.stack.name, c.id, i + 1);
      endpointLabels.set(endpoint, `${c.stack.name} ${label} tunnel${i + 1}`);
      const psk = options.PreSharedKey === undefined
        ? { missing: `${label} tunnel${i + 1}: PreSharedKey is not set, AWS generates one at deploy time` }
        : keyValue(r.eval(c.stack, options.PreSharedKey), `${label} tunnel${i + 1} PreSharedKey`);
      return { options: withoutSecrets(options), psk, endpoint };
    });
    const myRoutes = routes.filter((x) => {
      const target = r.eval(x.stack, x.props.VpnConnectionId);
      return target.kind === 'resource' && target.ref.stack === c.stack.name && target.ref.id === c.id;
    }).map((x) => r.eval(x.stack, x.props.DestinationCidrBlock)).filter((x) => x.kind === 'literal').map((x) => String((x as { value: Json }).value));
    const lit = (v: Json | undefined) => {
      const res = r.eval(c.stack, v);
      return res.kind === 'literal' ? res.value : undefined;
    };
    const staticRoutesOnly = lit(p.StaticRoutesOnly);
    out.push({
      key: `aws:${c.stack.name}/${c.id}`, stack: c.stack.name, logicalId: c.id, label,
      gateway: gateways.get(gwKey)!,
      customerGateway: { id: cgw ? `${cgw.stack.name}/${cgw.id}` : '?', address: cgwAddress, bgpAsn: numberOf(r.eval(cgw?.stack ?? c.stack, cgwProps.BgpAsn)) },
      staticRoutesOnly: staticRoutesOnly === undefined ? undefined : staticRoutesOnly === true || staticRoutesOnly === 'true',
      routes: myRoutes,
      localNetworkCidr: typeof lit(p.LocalIpv4NetworkCidr) === 'string' ? String(lit(p.LocalIpv4NetworkCidr)) : undefined,
      remoteNetworkCidr: typeof lit(p.RemoteIpv4NetworkCidr) === 'string' ? String(lit(p.RemoteIpv4NetworkCidr)) : undefined,
      tunnels,
    });
    if (!cgw) warnings.push(`${c.stack.name}/${c.id}: customer gateway not found`);
  }
  return out;
}

function awsGateway(r: Resolver, key: string, gw: Resolved | undefined, transit: boolean): AwsGatewayRes {
  let asn: number | undefined;
  let networks: string[] = [];
  let networksSource = 'not found in the folders read';
  let label = key.replace(/^aws:/, '');
  if (gw?.kind === 'resource') {
    const s = r.stack(gw.ref.stack)!;
    const res = r.cfnResource(s, gw.ref.id);
    const props = (res?.Properties as Obj | undefined) ?? {};
    asn = numberOf(r.eval(s, props.AmazonSideAsn)) ?? 64512; // AWS's default Amazon-side ASN (A7)
    label = s.name;
    // VPCs attached to the gateway.
    const attachType = transit ? 'AWS::EC2::TransitGatewayAttachment' : 'AWS::EC2::VPCGatewayAttachment';
    const vpcs = [...eachCfn(r, attachType), ...(transit ? eachCfn(r, 'AWS::EC2::TransitGatewayVpcAttachment') : [])].filter((a) => {
      const target = r.eval(a.stack, transit ? a.props.TransitGatewayId : a.props.VpnGatewayId);
      return target.kind === 'resource' && target.ref.stack === gw.ref.stack && target.ref.id === gw.ref.id;
    }).map((a) => resourceOf(r, a.stack, a.props.VpcId, 'AWS::EC2::VPC')).filter((x): x is { stack: StackDoc; id: string } => !!x);
    for (const v of vpcs) {
      const cidr = r.eval(v.stack, (r.cfnResource(v.stack, v.id)?.Properties as Obj | undefined)?.CidrBlock);
      if (cidr.kind === 'literal' && typeof cidr.value === 'string') networks.push(cidr.value);
      for (const extra of eachCfn(r, 'AWS::EC2::VPCCidrBlock')) {
        const target = r.eval(extra.stack, extra.props.VpcId);
        const block = r.eval(extra.stack, extra.props.CidrBlock);
        if (target.kind === 'resource' && target.ref.id === v.id && block.kind === 'literal' && typeof block.value === 'string') networks.push(block.value);
      }
    }
    if (networks.length) networksSource = `CIDR of ${vpcs.map((v) => `${v.stack.name}/${v.id}`).join(', ')}`;
  }
  networks = [...new Set(networks)];
  return { key, kind: gw === undefined ? 'unknown' : transit ? 'transit-gateway' : 'vpn-gateway', asn, label, networks, networksSource };
}

function extractAzureGateways(r: Resolver, endpointLabels: Map<string, string>): AzureGatewayRes[] {
  return eachTf(r, 'azurerm_virtual_network_gateway').map((g) => {
    const b = g.body;
    const bgp = Array.isArray(b.bgp_settings) ? b.bgp_settings[0] : b.bgp_settings;
    const peering = isObj(bgp) ? (Array.isArray(bgp.peering_addresses) ? bgp.peering_addresses : isObj(bgp.peering_addresses) ? [bgp.peering_addresses] : []) : [];
    const ipconfs = Array.isArray(b.ip_configuration) ? b.ip_configuration.filter(isObj) : isObj(b.ip_configuration) ? [b.ip_configuration] : [];
    const instances = ipconfs.map((ipc, i) => {
      const name = typeof ipc.name === 'string' ? ipc.name : `instance${i}`;
      const pip = r.eval(g.stack, ipc.public_ip_address_id);
      let endpoint: string | undefined;
      if (pip.kind === 'resource' && pip.ref.id.startsWith('azurerm_public_ip.')) {
        endpoint = `azure:${pip.ref.stack}/${pip.ref.id}`;
        endpointLabels.set(endpoint, `${typeof b.name === 'string' ? b.name : g.name} ${name}`);
      }
      const own = peering.filter(isObj).find((p) => p.ip_configuration_name === name);
      const apipa = own && Array.isArray(own.apipa_addresses) ? own.apipa_addresses.filter((a): a is string => typeof a === 'string') : [];
      return { name, endpoint, apipa };
    });
    // Networks: the virtual network of the gateway's subnet.
    let networks: string[] = [];
    let networksSource = 'not found in the folders read';
    const subnet = ipconfs[0] ? resourceOf(r, g.stack, ipconfs[0].subnet_id, 'azurerm_subnet') : undefined;
    if (subnet) {
      const sb = r.tfResource(subnet.stack, subnet.id)!;
      const vnet = resourceOf(r, subnet.stack, sb.virtual_network_name, 'azurerm_virtual_network');
      if (vnet) {
        networks = stringsOf(r, vnet.stack, r.tfResource(vnet.stack, vnet.id)!.address_space);
        networksSource = `address space of ${vnet.stack.name}/${vnet.id}`;
      } else {
        const vnetName = r.eval(subnet.stack, sb.virtual_network_name);
        const byName = eachTf(r, 'azurerm_virtual_network').find((v) => vnetName.kind === 'literal' && v.body.name === vnetName.value);
        if (byName) {
          networks = stringsOf(r, byName.stack, byName.body.address_space);
          networksSource = `address space of ${byName.stack.name}/${byName.id}`;
        }
      }
    }
    return {
      key: `azure:${g.stack.name}/${g.id}`, stack: g.stack.name, name: typeof b.name === 'string' ? b.name : g.name,
      activeActive: b.active_active === true, bgpEnabled: b.enable_bgp === true || b.bgp_enabled === true,
      asn: isObj(bgp) ? numberOf(r.eval(g.stack, bgp.asn)) : undefined,
      vpnType: typeof b.vpn_type === 'string' ? b.vpn_type : 'RouteBased',
      instances, networks, networksSource,
    };
  });
}

function extractAzureConnections(r: Resolver, gateways: readonly AzureGatewayRes[], warnings: string[]): AzureConnectionRes[] {
  return eachTf(r, 'azurerm_virtual_network_gateway_connection').map((c) => {
    const b = c.body;
    const gwRef = resourceOf(r, c.stack, b.virtual_network_gateway_id, 'azurerm_virtual_network_gateway');
    const gateway = gwRef ? gateways.find((g) => g.key === `azure:${gwRef.stack.name}/${gwRef.id}`) : undefined;
    if (!gateway) warnings.push(`${c.stack.name}/${c.id}: virtual network gateway not found`);
    const lngRef = resourceOf(r, c.stack, b.local_network_gateway_id, 'azurerm_local_network_gateway');
    let lng: AzureConnectionRes['localNetworkGateway'];
    if (lngRef) {
      const lb = r.tfResource(lngRef.stack, lngRef.id)!;
      const bgp = Array.isArray(lb.bgp_settings) ? lb.bgp_settings[0] : lb.bgp_settings;
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
    return {
      key: `azure:${c.stack.name}/${c.id}`, stack: c.stack.name, label: tfLabel(b, c.name), gateway, localNetworkGateway: lng,
      sharedKey: b.shared_key === undefined ? { missing: `${tfLabel(b, c.name)}: shared_key is not set, Azure generates one at deploy time` } : keyValue(r.eval(c.stack, b.shared_key), `${tfLabel(b, c.name)} shared_key`),
      body: withoutSecrets(b),
    };
  });
}

function extractAlicloudGateways(r: Resolver, endpointLabels: Map<string, string>): AlicloudGatewayRes[] {
  return eachTf(r, 'alicloud_vpn_gateway').map((g) => {
    const b = g.body;
    const label = typeof b.vpn_gateway_name === 'string' ? b.vpn_gateway_name : typeof b.name === 'string' ? b.name : g.name;
    const master = `alicloud:${g.stack.name}/${g.id}#master`;
    const slave = `alicloud:${g.stack.name}/${g.id}#slave`;
    endpointLabels.set(master, `${label} master (internet_ip)`);
    endpointLabels.set(slave, `${label} slave (disaster_recovery_internet_ip)`);
    let networks: string[] = [];
    let networksSource = 'not found in the folders read';
    const vpc = resourceOf(r, g.stack, b.vpc_id, 'alicloud_vpc');
    if (vpc) {
      const vb = r.tfResource(vpc.stack, vpc.id)!;
      networks = [...stringsOf(r, vpc.stack, vb.cidr_block), ...stringsOf(r, vpc.stack, vb.secondary_cidr_blocks)];
      networksSource = `CIDR of ${vpc.stack.name}/${vpc.id}`;
    }
    return { key: `alicloud:${g.stack.name}/${g.id}`, stack: g.stack.name, label, endpoints: { master, slave }, networks, networksSource };
  });
}

function extractAlicloudConnections(r: Resolver, gateways: readonly AlicloudGatewayRes[], warnings: string[]): AlicloudConnectionRes[] {
  const cgw = (stack: StackDoc, v: Json | undefined): AlicloudCustomerGatewayRes | undefined => {
    const ref = resourceOf(r, stack, v, 'alicloud_vpn_customer_gateway');
    if (!ref) return undefined;
    const b = r.tfResource(ref.stack, ref.id)!;
    return { key: `alicloud:${ref.stack.name}/${ref.id}`, address: r.eval(ref.stack, b.ip_address), asn: numberOf(r.eval(ref.stack, b.asn)) };
  };
  const pbr = eachTf(r, 'alicloud_vpn_pbr_route_entry');
  const dest = eachTf(r, 'alicloud_vpn_route_entry');
  return eachTf(r, 'alicloud_vpn_connection').map((c) => {
    const b = c.body;
    const label = tfLabel(b, typeof b.vpn_connection_name === 'string' ? b.vpn_connection_name : c.name);
    const gwRef = resourceOf(r, c.stack, b.vpn_gateway_id, 'alicloud_vpn_gateway');
    const gateway = gwRef ? gateways.find((g) => g.key === `alicloud:${gwRef.stack.name}/${gwRef.id}`) : undefined;
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
