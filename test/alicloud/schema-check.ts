/**
 * Checks synthesized Terraform JSON (`JSON.parse(Testing.synth(stack))` or a `cdk.tf.json`)
 * against the pinned aliyun/alicloud schema (`providers/alicloud/schema.json`) and the recorded
 * constraints (`providers/alicloud/constraints.json`), offline — what `terraform validate` and
 * the provider's plan-time checks would say, plus the values the provider only documents.
 *
 * For every `alicloud_*` resource and data source, and the `alicloud` provider blocks:
 * - the type exists; every attribute and block exists; computed-only attributes are not set;
 * - required attributes are present;
 * - value types match (string, number, bool, list, set, map, object);
 * - blocks nest as the schema says (list/set/single, min/max items; a MaxItems=1 block may be
 *   written as a single object, as cdktf does);
 * - literal values (not `${...}` references) meet the enforced validations (enum, range, length,
 *   pattern, anyOf, CIDR elements, item counts), `conflictsWith`, and the `documented` values,
 *   ranges, lengths and formats.
 *
 * Reusable for any stack or example: `alicloudSchemaProblems(json)` lists problems,
 * `expectValidAlicloud(json)` fails a test with all of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addressInCidrProblem, insideCidrProblem, parseCidr } from '../../src/plan';

const PROVIDER_DIR = path.join(__dirname, '..', '..', 'providers', 'alicloud');

type AttrType = string | [string, AttrType] | ['object', Record<string, AttrType>];

interface SchemaAttribute {
  readonly type: AttrType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
}

interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { nesting_mode: 'list' | 'set' | 'single'; min_items?: number; max_items?: number; block: SchemaBlock }>;
}

interface Validation {
  readonly kind: string;
  readonly values?: readonly (string | number)[];
  readonly ignoreCase?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly of?: readonly Validation[];
}

interface Documented {
  readonly values?: readonly (string | number)[];
  readonly valuesByNetworkType?: Record<string, readonly number[]>;
  readonly range?: { min: number; max: number };
  readonly length?: { min?: number; max?: number };
  readonly format?: string;
}

interface Constraint {
  readonly validation?: Validation;
  readonly elementValidation?: Validation;
  readonly items?: { min?: number; max?: number };
  readonly conflictsWith?: readonly string[];
  readonly documented?: Documented;
  /** The provider removed the argument: setting it fails its validation. */
  readonly removed?: boolean;
}

let cache: { schema: { provider: { block: SchemaBlock }; resources: Record<string, { block: SchemaBlock }>; data: Record<string, { block: SchemaBlock }> }; constraints: { resources: Record<string, Record<string, Constraint>>; data: Record<string, Record<string, Constraint>>; provider: Record<string, Constraint> } } | undefined;

function load() {
  if (!cache) {
    const raw = JSON.parse(fs.readFileSync(path.join(PROVIDER_DIR, 'schema.json'), 'utf8'));
    const p = Object.values(raw.provider_schemas)[0] as { provider: { block: SchemaBlock }; resource_schemas: Record<string, { block: SchemaBlock }>; data_source_schemas: Record<string, { block: SchemaBlock }> };
    const c = JSON.parse(fs.readFileSync(path.join(PROVIDER_DIR, 'constraints.json'), 'utf8'));
    cache = {
      schema: { provider: p.provider, resources: p.resource_schemas, data: p.data_source_schemas },
      constraints: { resources: c.resources ?? {}, data: c.data_sources ?? {}, provider: c.provider ?? {} },
    };
  }
  return cache;
}

/** Terraform meta-arguments and cdktf's metadata key: not part of a resource's schema. */
const META = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

const isRef = (v: unknown): v is string => typeof v === 'string' && v.includes('${');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v);

function typeProblem(type: AttrType, value: unknown, where: string, out: string[]): void {
  if (isRef(value)) return; // a reference or expression: its type is known at plan time only
  if (typeof type === 'string') {
    const ok = type === 'string' ? typeof value === 'string'
      : type === 'number' ? typeof value === 'number'
        : type === 'bool' ? typeof value === 'boolean'
          : true; // dynamic
    if (!ok) out.push(`${where}: expected ${type}, got ${show(value)}`);
    return;
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) {
      out.push(`${where}: expected ${kind} of ${JSON.stringify(inner)}, got ${show(value)}`);
      return;
    }
    value.forEach((v, i) => typeProblem(inner as AttrType, v, `${where}[${i}]`, out));
  } else if (kind === 'map') {
    if (!isObject(value)) {
      out.push(`${where}: expected map of ${JSON.stringify(inner)}, got ${show(value)}`);
      return;
    }
    for (const [k, v] of Object.entries(value)) typeProblem(inner as AttrType, v, `${where}.${k}`, out);
  } else if (kind === 'object') {
    if (!isObject(value)) {
      out.push(`${where}: expected object, got ${show(value)}`);
      return;
    }
    const fields = inner as Record<string, AttrType>;
    for (const [k, v] of Object.entries(value)) {
      if (!(k in fields)) out.push(`${where}.${k}: no such field; known: ${Object.keys(fields).join(', ')}`);
      else typeProblem(fields[k], v, `${where}.${k}`, out);
    }
  }
}

function validationProblem(v: Validation, value: unknown): string | undefined {
  switch (v.kind) {
    case 'enum': {
      const values = v.values ?? [];
      const ok = values.some((x) => (v.ignoreCase && typeof x === 'string' && typeof value === 'string' ? x.toLowerCase() === value.toLowerCase() : x === value));
      return ok ? undefined : `${show(value)} is not one of ${values.map((x) => show(x)).join(', ')}`;
    }
    case 'range':
      return typeof value === 'number' && value >= v.min! && value <= v.max! ? undefined : `${show(value)} is outside ${v.min}-${v.max}`;
    case 'length': {
      const n = typeof value === 'string' ? value.length : -1;
      return n >= (v.min ?? 0) && n <= (v.max ?? Infinity) ? undefined : `${show(value)} has a length outside ${v.min ?? 0}-${v.max ?? '∞'}`;
    }
    case 'pattern':
      return typeof value === 'string' && new RegExp(v.pattern!).test(value) ? undefined : `${show(value)} does not match /${v.pattern}/`;
    case 'anyOf': {
      const all = (v.of ?? []).map((x) => validationProblem(x, value));
      return all.some((p) => p === undefined) ? undefined : all.join(' and ');
    }
    case 'regexp':
      try {
        new RegExp(String(value));
        return undefined;
      } catch {
        return `${show(value)} is not a regular expression`;
      }
    case 'cidrNetworkAddress': {
      const parsed = typeof value === 'string' ? parseCidr(value) : { ok: false as const, reason: 'not a string' };
      return parsed.ok ? undefined : `${show(value)} is not a CIDR in network form (${parsed.reason})`;
    }
    default:
      return undefined; // validators the constraints file names but does not describe
  }
}

/** Documented formats the constraints file uses, as checks. */
function formatProblem(format: string, value: unknown, siblings: Record<string, unknown>): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (format === 'cidr /30 inside 169.254.0.0/16') return insideCidrProblem(['alicloud'], value);
  if (format.startsWith('JSON array of objects')) {
    // References sit inside the JSON strings, so the shape is known before deployment.
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return `${show(value)} is not JSON`;
    }
    const ok = Array.isArray(parsed) && parsed.length > 0 && parsed.every((d) => isObject(d) && Object.values(d).every((v) => typeof v === 'string'));
    return ok ? undefined : `${show(value)} is not a non-empty JSON array of objects with string values`;
  }
  if (format === 'ip inside tunnel_cidr') {
    const block = siblings.tunnel_cidr;
    return typeof block === 'string' && !isRef(block) ? addressInCidrProblem(value, block) : undefined;
  }
  return undefined;
}

function constraintProblems(c: Constraint, value: unknown, siblings: Record<string, unknown>, where: string, out: string[]): void {
  if (c.validation && !isRef(value)) {
    const p = validationProblem(c.validation, value);
    if (p) out.push(`${where}: ${p} (enforced by the provider)`);
  }
  if (Array.isArray(value)) {
    if (c.items?.min !== undefined && value.length < c.items.min) out.push(`${where}: ${value.length} items, at least ${c.items.min} allowed`);
    if (c.items?.max !== undefined && value.length > c.items.max) out.push(`${where}: ${value.length} items, at most ${c.items.max} allowed`);
    if (c.elementValidation) {
      value.forEach((v, i) => {
        const p = isRef(v) ? undefined : validationProblem(c.elementValidation!, v);
        if (p) out.push(`${where}[${i}]: ${p} (enforced by the provider)`);
      });
    }
  }
  const d = c.documented;
  if (d?.format?.startsWith('JSON') && typeof value === 'string') {
    const p = formatProblem(d.format, value, siblings);
    if (p) out.push(`${where}: ${p} (documented format: ${d.format})`);
    return;
  }
  if (d && !isRef(value) && value !== undefined) {
    const asDocumented = (x: string | number) => (typeof value === 'string' && typeof x === 'number' ? String(x) : x);
    if (d.values && !d.values.map(asDocumented).includes(value as string | number)) {
      out.push(`${where}: ${show(value)} is not a documented value; documented: ${d.values.join(', ')}`);
    }
    if (d.valuesByNetworkType) {
      const networkType = typeof siblings.network_type === 'string' && !isRef(siblings.network_type) ? siblings.network_type : 'public';
      const allowed = d.valuesByNetworkType[networkType];
      if (allowed && !allowed.includes(value as number)) out.push(`${where}: ${show(value)} is not documented for network_type ${networkType}; documented: ${allowed.join(', ')}`);
    }
    if (d.range) {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < d.range.min || n > d.range.max) out.push(`${where}: ${show(value)} is outside the documented range ${d.range.min}-${d.range.max}`);
    }
    if (d.length && typeof value === 'string' && (value.length < (d.length.min ?? 0) || value.length > (d.length.max ?? Infinity))) {
      out.push(`${where}: a value of ${value.length} characters is outside the documented length ${d.length.min ?? 0}-${d.length.max}`);
    }
    if (d.format) {
      const p = formatProblem(d.format, value, siblings);
      if (p) out.push(`${where}: ${p} (documented format: ${d.format})`);
    }
  }
}

function checkBlock(
  block: SchemaBlock, body: unknown, where: string, prefix: string, constraints: Record<string, Constraint>, out: string[], topLevel: boolean,
): void {
  if (!isObject(body)) {
    out.push(`${where}: expected an object, got ${show(body)}`);
    return;
  }
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META.has(key)) continue;
    const at = `${where}.${key}`;
    const cpath = prefix ? `${prefix}.${key}` : key;
    const attr = attrs[key];
    const nested = blocks[key];
    if (!attr && !nested) {
      out.push(`${at}: no such attribute or block; known: ${[...Object.keys(attrs), ...Object.keys(blocks)].sort().join(', ')}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const c = constraints[cpath];
    if (attr) {
      if (attr.computed && !attr.optional && !attr.required) {
        out.push(`${at}: is computed only and cannot be set`);
        continue;
      }
      if (c?.removed) out.push(`${at}: was removed from the provider; setting it fails its validation`);
      typeProblem(attr.type, value, at, out);
      if (c) constraintProblems(c, value, body, at, out);
      if (c?.conflictsWith) {
        for (const other of c.conflictsWith) {
          if (!other.includes('.') && body[other] !== undefined && body[other] !== null) out.push(`${at}: conflicts with ${other}`);
        }
      }
      continue;
    }
    // A nested block.
    if (isRef(value)) continue;
    const mode = nested.nesting_mode;
    let items: unknown[];
    if (mode === 'single') {
      items = [value];
      if (Array.isArray(value)) out.push(`${at}: a single block, written as a list`);
    } else if (Array.isArray(value)) {
      items = value;
    } else if (isObject(value) && nested.max_items === 1) {
      items = [value]; // cdktf writes MaxItems=1 blocks as a single object; Terraform takes it
    } else {
      out.push(`${at}: a ${mode} block${nested.max_items === 1 ? ' (max 1)' : ''}, expected a list of objects, got ${show(value)}`);
      continue;
    }
    if (nested.max_items !== undefined && items.length > nested.max_items) out.push(`${at}: ${items.length} blocks, at most ${nested.max_items} allowed`);
    if (nested.min_items !== undefined && items.length < nested.min_items) out.push(`${at}: ${items.length} blocks, at least ${nested.min_items} needed`);
    items.forEach((item, i) => checkBlock(nested.block, item, mode === 'single' || (!Array.isArray(value)) ? at : `${at}[${i}]`, cpath, constraints, out, false));
  }
  for (const [key, attr] of Object.entries(attrs)) {
    if (attr.required && (body[key] === undefined || body[key] === null)) out.push(`${where}.${key}: is required`);
  }
  for (const [key, nested] of Object.entries(blocks)) {
    if ((nested.min_items ?? 0) > 0 && body[key] === undefined) out.push(`${where}.${key}: at least ${nested.min_items} block(s) required`);
  }
}

/** Every problem of the `alicloud` parts of a synthesized Terraform JSON document. */
export function alicloudSchemaProblems(json: unknown): string[] {
  const { schema, constraints } = load();
  const out: string[] = [];
  if (!isObject(json)) return ['(document): expected a Terraform JSON object'];
  for (const [section, types, table] of [['resource', schema.resources, constraints.resources], ['data', schema.data, constraints.data]] as const) {
    const group = json[section];
    if (!isObject(group)) continue;
    for (const [type, byName] of Object.entries(group)) {
      if (!type.startsWith('alicloud_')) continue;
      const s = types[type];
      if (!s) {
        out.push(`${section}.${type}: no such ${section === 'data' ? 'data source' : 'resource'} type in aliyun/alicloud 1.289.0 (covered: ${Object.keys(types).join(', ')})`);
        continue;
      }
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) checkBlock(s.block, body, `${section}.${type}.${name}`, '', table[type] ?? {}, out, true);
    }
  }
  const providers = isObject(json.provider) ? json.provider.alicloud : undefined;
  if (providers !== undefined) {
    (Array.isArray(providers) ? providers : [providers]).forEach((p, i) => {
      const body = isObject(p) ? Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'alias')) : p;
      checkBlock(schema.provider.block, body, `provider.alicloud[${i}]`, '', constraints.provider, out, false);
    });
  }
  return out;
}

/** Fails (throws) with every problem found; returns the number of alicloud resources checked. */
export function expectValidAlicloud(json: unknown): number {
  const problems = alicloudSchemaProblems(json);
  if (problems.length > 0) throw new Error(`the Terraform JSON does not match aliyun/alicloud 1.289.0:\n  - ${problems.join('\n  - ')}`);
  const resources = isObject(json) && isObject(json.resource) ? json.resource : {};
  return Object.entries(resources).filter(([t]) => t.startsWith('alicloud_')).reduce((n, [, v]) => n + Object.keys(v as object).length, 0);
}
