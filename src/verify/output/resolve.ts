/**
 * Resolving references across every stack of a deployment, symbolically (nothing is deployed):
 *
 * - CloudFormation: `Ref` of a resource, of a parameter (fed by the deployment manifest, else its
 *   `Default`) or of a pseudo parameter; `Fn::GetAtt` (an attribute of a cloud's tunnel lookup,
 *   `EndpointRules.cfnLookups`, becomes the endpoint of the tunnel it names);
 *   `Fn::ImportValue` of another template's export; `Fn::Select` and `Fn::Join` of literals;
 *   dynamic references (`{{resolve:…}}`) are deploy-time values.
 * - Terraform: whole-value `${…}` interpolations of `var.x` (fed by the manifest, else its
 *   `default`), `local.x`, `data.terraform_remote_state.<name>.outputs.<output>` (cdktf's
 *   cross-stack references, by backend path or cdktf's naming) and `<type>.<name>.<attr>`
 *   (an endpoint where a cloud's `EndpointRules.terraform` lists the attribute).
 *
 * Every result carries the trail it followed, for reports. Endpoint keys name the address a
 * gateway will get (`<cloud>:<stack>/<resource id><suffix>`, `endpointKey`); `output/read.ts`
 * gives each one a documentation-range address. Which values are endpoints is each cloud's data
 * (`clouds/<cloud>/endpoints.ts`): nothing here names a cloud.
 */
import type { DeploymentManifest } from '../../manifest';
import { parseCidr } from '../../common/cidr';
import { Cloud, resourceKey } from '../types';
import type { CfnTunnelLookup } from '../clouds/endpoint-rules';
import { endpointKey } from '../clouds/endpoint-rules';
import { ENDPOINT_RULES } from '../clouds/endpoints';
import { Json, Obj, StackDoc, isObj, stackFormat } from './load';

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

/** One resource of the deployment as written. */
export interface FoundResource {
  readonly stack: StackDoc;
  /** CloudFormation logical id, or Terraform `type.name`. */
  readonly id: string;
  /** CloudFormation `Type`, or the Terraform resource type. */
  readonly type: string;
  /** `resourceKey()`: `cdk:<stack>/<logicalId>` or `cdktf:<stack>/<type.name>`. */
  readonly key: string;
  /** As written: the CloudFormation resource (`Type`, `Properties`, `Metadata`, …) or the Terraform block. */
  readonly body: Obj;
  /** Its properties: CloudFormation `Properties` (`{}` when absent), or the Terraform block itself. */
  readonly props: Obj;
}

/** Every cloud's CloudFormation tunnel lookups, by lookup type, with the cloud. */
const CFN_LOOKUPS = new Map(Object.values(ENDPOINT_RULES).flatMap((r) => (r.cfnLookups ?? []).map((l) => [l.type, { cloud: r.cloud, lookup: l }] as const)));
/** Every cloud's Terraform endpoint attributes: `type` → attribute → `{ cloud, suffix }`. */
const TF_ENDPOINTS = new Map(Object.values(ENDPOINT_RULES).flatMap((r) => Object.entries(r.terraform ?? {}).map(([type, attrs]) => [type, new Map(Object.entries(attrs).map(([attr, suffix]) => [attr, { cloud: r.cloud, suffix }]))] as const)));

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

  /** A stack by name; without `engine`, a CloudFormation stack of that name before a cdktf one. */
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

  /** A resource by stack and id, in the stack of the given engine. */
  public resourceAt(engine: 'cdk' | 'cdktf', stackName: string, id: string): FoundResource | undefined {
    const stack = this.stack(stackName, engine);
    if (!stack) return undefined;
    if (engine === 'cdk') {
      const body = this.cfnResource(stack, id);
      if (!body || typeof body.Type !== 'string') return undefined;
      return { stack, id, type: body.Type, key: resourceKey('cdk', stack.name, id), body, props: isObj(body.Properties) ? body.Properties : {} };
    }
    const body = this.tfResource(stack, id);
    return body ? { stack, id, type: id.slice(0, id.indexOf('.')), key: resourceKey('cdktf', stack.name, id), body, props: body } : undefined;
  }

  /**
   * The resource of `type` a value references (`Ref` / `Fn::GetAtt` / `${type.name.attr}`, through
   * parameters, variables, outputs, imports and remote state), if it is one of the deployment's.
   * A CloudFormation type (`AWS::…`, `Custom::…`) is looked up in the templates, any other in the
   * Terraform stacks.
   */
  public resourceOf(stack: StackDoc, v: Json | undefined, type: string): FoundResource | undefined {
    if (v === undefined) return undefined;
    const res = this.eval(stack, v);
    if (res.kind !== 'resource') return undefined;
    const found = this.resourceAt(type.includes('::') ? 'cdk' : 'cdktf', res.ref.stack, res.ref.id);
    return found?.type === type ? found : undefined;
  }

  /** Evaluates any value of a stack. */
  public eval(stack: StackDoc, value: Json | undefined, trail: readonly string[] = []): Resolved {
    return stack.engine === 'cdk' ? this.evalCfn(stack, value, trail) : this.evalTf(stack, value, trail);
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

  /** The output the deployment manifest says feeds a stack input (parameter / variable), if any. */
  private fromInput(stack: StackDoc, name: string, trail: readonly string[]): Resolved | undefined {
    for (const phase of this.manifest?.phases ?? []) {
      for (const s of phase.stacks) {
        if (s.name !== stack.name || stackFormat(s.engine) !== stack.engine) continue;
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
      const found = CFN_LOOKUPS.get(String(this.cfnResource(stack, id)?.Type));
      const m = found?.lookup.attribute.exec(attr);
      if (found && m) return this.outsideIp(stack, id, found.cloud, found.lookup, Number(m[1]), trail);
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
   * Tunnel `n`'s outside IP from a tunnel lookup: the connection it names, and the tunnel of that
   * connection whose inside CIDR is the lookup's `insideCidrs[n - 1]` (the lookup matches by
   * inside CIDR, not by the API's order).
   */
  private outsideIp(stack: StackDoc, lookupId: string, cloud: Cloud, lookup: CfnTunnelLookup, n: number, trail: readonly string[]): Resolved {
    const props = this.cfnResource(stack, lookupId)?.Properties as Obj | undefined;
    const named = props?.[lookup.connectionProperty];
    const ref = isObj(named) ? named.Ref : undefined;
    const conn = typeof ref === 'string' && this.cfnResource(stack, ref)?.Type === lookup.connectionType ? ref : undefined;
    if (!conn) return { kind: 'unknown', why: `${lookupId} does not name a ${lookup.connectionType} of ${stack.name}`, trail };
    const cidrs = props?.[lookup.insideCidrsProperty];
    const cidr = Array.isArray(cidrs) ? this.evalCfn(stack, cidrs[n - 1], trail) : undefined;
    if (cidr?.kind !== 'literal' || typeof cidr.value !== 'string') return { kind: 'unknown', why: `the inside CIDR ${lookupId} matches tunnel ${n} by is a deploy-time value`, trail };
    const wanted = canonical(cidr.value);
    const tunnels = (this.cfnResource(stack, conn)?.Properties as Obj | undefined)?.[lookup.tunnelsProperty];
    const insideOf = (t: Json) => (isObj(t) ? t[lookup.tunnelInsideCidrProperty] : undefined);
    const index = Array.isArray(tunnels) ? tunnels.findIndex((t) => { const c = insideOf(t); return typeof c === 'string' && canonical(c) === wanted; }) : -1;
    if (index < 0) return { kind: 'unknown', why: `no tunnel of ${conn} has inside CIDR ${cidr.value}`, trail };
    return { kind: 'endpoint', endpoint: endpointKey(cloud, stack.name, conn, `#tunnel${index + 1}`), trail: [...trail, `${conn} tunnel ${index + 1} (inside ${cidr.value})`] };
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
      const endpoint = TF_ENDPOINTS.get(parts[0])?.get(attr);
      if (endpoint) return { kind: 'endpoint', endpoint: endpointKey(endpoint.cloud, stack.name, id, endpoint.suffix), trail };
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

/** Every CloudFormation resource of `type` in the deployment. */
export function eachCfn(r: Resolver, type: string): FoundResource[] {
  const out: FoundResource[] = [];
  for (const stack of r.stacks) {
    if (stack.engine !== 'cdk') continue;
    for (const [id, body] of Object.entries((stack.body.Resources as Obj | undefined) ?? {})) {
      if (isObj(body) && body.Type === type) out.push({ stack, id, type, key: resourceKey('cdk', stack.name, id), body, props: isObj(body.Properties) ? body.Properties : {} });
    }
  }
  return out;
}

/** Every Terraform resource of `type` in the deployment (`name`: the part of `id` after the type). */
export function eachTf(r: Resolver, type: string): (FoundResource & { readonly name: string })[] {
  const out: (FoundResource & { readonly name: string })[] = [];
  for (const stack of r.stacks) {
    if (stack.engine !== 'cdktf') continue;
    for (const [name, body] of Object.entries(((stack.body.resource as Obj | undefined)?.[type] as Obj | undefined) ?? {})) {
      if (isObj(body)) out.push({ stack, id: `${type}.${name}`, name, type, key: resourceKey('cdktf', stack.name, `${type}.${name}`), body, props: body });
    }
  }
  return out;
}
