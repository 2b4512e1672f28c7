/**
 * Generates `src/change/replacement-tables.generated.ts`: whether changing an attribute updates a
 * resource in place or replaces it, for every resource type the library (and its examples)
 * emits, read from each engine's own metadata:
 *
 * - CloudFormation: `@aws-cdk/aws-service-spec` (the database aws-cdk-lib's L1 classes are
 *   generated from; built from the CloudFormation registry schemas' `createOnlyProperties` and the
 *   resource docs): `causesReplacement` of each property (`yes`, `maybe`, absent = no), top-level
 *   and one level into property types. Get it with `npm pack @aws-cdk/aws-service-spec@<version>`.
 * - azurerm: the provider's Go schema at each pinned tag, one table per tag (`ForceNew: true` of
 *   each attribute, the `commonschema` helpers in its vendor folder, `ForceNewIfChange` in
 *   `CustomizeDiff`, and the attributes a tag adds or redefines after the map literal, e.g.
 *   v4.73.0's `resource.Schema["enable_bgp"] = &pluginsdk.Schema{…}` while
 *   `!features.FivePointOh()`), cited `file:line`. The tags are the azurerm versions the engine
 *   flavours' bindings are generated from (v4.55.0: @cdktf/provider-azurerm 14.x; v4.73.0:
 *   @cdktn/provider-azurerm 16.x). Needs a bare clone of hashicorp/terraform-provider-azurerm.
 * - alicloud: `providers/alicloud/constraints.json` (its `forceNew` flags, extracted from the
 *   provider's Go schema at v1.289.0; see its README).
 *
 * Run:
 *   node -r @swc-node/register scripts/gen-replacement-tables.ts \
 *     <aws-service-spec package folder> <azurerm git dir> [out file]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const ROOT = path.join(__dirname, '..');
/** The azurerm tags a table is generated for, oldest first. */
export const AZURERM_TAGS = ['v4.55.0', 'v4.73.0'];

/** CloudFormation resource types the library and the examples emit. */
const CFN_TYPES = [
  'AWS::EC2::CustomerGateway', 'AWS::EC2::VPNConnection', 'AWS::EC2::VPNConnectionRoute', 'AWS::EC2::VPNGateway',
  'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::VPNGatewayRoutePropagation', 'AWS::EC2::TransitGateway',
  'AWS::EC2::TransitGatewayRoute', 'AWS::EC2::TransitGatewayRouteTableAssociation', 'AWS::EC2::TransitGatewayRouteTablePropagation',
  'AWS::EC2::TransitGatewayRouteTable', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment',
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::Lambda::Function', 'AWS::CloudFormation::WaitConditionHandle',
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
];

/** azurerm resource types and the provider file that defines each. */
const AZURERM_FILES: Record<string, string> = {
  azurerm_resource_group: 'internal/services/resource/resource_group_resource.go',
  azurerm_virtual_network: 'internal/services/network/virtual_network_resource.go',
  azurerm_subnet: 'internal/services/network/subnet_resource.go',
  azurerm_public_ip: 'internal/services/network/public_ip_resource.go',
  azurerm_virtual_network_gateway: 'internal/services/network/virtual_network_gateway_resource.go',
  azurerm_local_network_gateway: 'internal/services/network/local_network_gateway_resource.go',
  azurerm_virtual_network_gateway_connection: 'internal/services/network/virtual_network_gateway_connection_resource.go',
  azurerm_monitor_metric_alert: 'internal/services/monitor/monitor_metric_alert_resource.go',
};
const COMMONSCHEMA = 'vendor/github.com/hashicorp/go-azure-helpers/resourcemanager/commonschema';

type Behaviour = 'in-place' | 'replace' | 'conditional';

// ---------------------------------------------------------------------------------------------
// CloudFormation.

interface SpecProperty { readonly causesReplacement?: 'yes' | 'maybe'; readonly type?: SpecType }
interface SpecType { readonly type?: string; readonly element?: SpecType; readonly reference?: { readonly $ref: string } }

function cloudFormation(specDir: string): { version: string; table: Record<string, Record<string, Behaviour>> } {
  const version = (JSON.parse(fs.readFileSync(path.join(specDir, 'package.json'), 'utf8')) as { version: string }).version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(specDir, 'db.json.gz'))).toString('utf8')) as {
    schema: { resource: { entities: { cloudFormationType: string; properties: Record<string, SpecProperty> }[] }; typeDefinition: { entities: { $id: string; properties: Record<string, SpecProperty> }[] } };
  };
  const types = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));
  const behaviour = (p: SpecProperty): Behaviour => (p.causesReplacement === 'yes' ? 'replace' : p.causesReplacement === 'maybe' ? 'conditional' : 'in-place');
  const refOf = (t: SpecType | undefined): string | undefined => (t?.type === 'ref' ? t.reference?.$ref : t?.element ? refOf(t.element) : undefined);
  const table: Record<string, Record<string, Behaviour>> = {};
  for (const type of CFN_TYPES) {
    const e = db.schema.resource.entities.find((x) => x.cloudFormationType === type);
    if (!e) throw new Error(`${type} is not in @aws-cdk/aws-service-spec ${version}`);
    const rows: Record<string, Behaviour> = {};
    for (const [name, p] of Object.entries(e.properties).sort(([a], [b]) => a.localeCompare(b))) {
      rows[name] = behaviour(p);
      const nested = types.get(refOf(p.type) ?? '');
      for (const [sub, q] of Object.entries(nested?.properties ?? {}).sort(([a], [b]) => a.localeCompare(b))) rows[`${name}.${sub}`] = behaviour(q);
    }
    table[type] = rows;
  }
  return { version, table };
}

// ---------------------------------------------------------------------------------------------
// Go schema scanning (azurerm).

/** Index of the bracket closing the one at `open`, skipping strings, runes and comments. */
function closing(src: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i) + 1; continue; }
    if (c === '"' || c === '\'') { for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++; continue; }
    if (c === '`') { i = src.indexOf('`', i + 1); continue; }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === '}' || c === ')' || c === ']') {
      if (stack.pop() !== c) throw new Error(`unbalanced '${c}' at ${i}`);
      if (!stack.length) return i;
    }
  }
  throw new Error(`no closing bracket for ${open}`);
}

const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;

interface Row { readonly behaviour: Behaviour; readonly at: string }

/** Entries of one Go schema map literal (the text between its braces), recursing into `Elem: &pluginsdk.Resource`. */
function schemaEntries(src: string, from: number, to: number, file: string, prefix: string, helpers: (name: string) => Row | undefined, out: Map<string, Row>): void {
  const entry = /"([a-z0-9_]+)":\s*/g;
  entry.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = entry.exec(src)) && m.index < to) {
    const name = `${prefix}${m[1]}`;
    const start = entry.lastIndex;
    if (src[start] === '{') {
      const end = closing(src, start);
      const body = src.slice(start, end);
      // ForceNew of this attribute: at depth 1 of its body (not inside its Elem).
      const at = forceNewAt(body);
      const forceNew = at === undefined ? undefined : start + at;
      out.set(name, forceNew !== undefined
        ? { behaviour: 'replace', at: `${file}:${lineOf(src, forceNew)}` }
        : { behaviour: 'in-place', at: `${file}:${lineOf(src, m.index)}-${lineOf(src, end)}` });
      const elem = /Elem:\s*&pluginsdk\.Resource\{\s*Schema:\s*map\[string\]\*pluginsdk\.Schema\{/g;
      elem.lastIndex = start;
      const e = elem.exec(src);
      if (e && e.index < end) {
        const open = e.index + e[0].length - 1;
        schemaEntries(src, open + 1, closing(src, open), file, `${name}.`, helpers, out);
      }
      entry.lastIndex = end;
    } else {
      const call = /^([A-Za-z0-9_.]+)\(/.exec(src.slice(start));
      const row = call ? helpers(call[1]) : undefined;
      if (!row) throw new Error(`${file}:${lineOf(src, m.index)}: ${name} uses ${call?.[1] ?? 'an expression'} whose ForceNew is unknown`);
      out.set(name, { ...row, at: `${file}:${lineOf(src, m.index)} (${call![1]}: ${row.at})` });
      entry.lastIndex = closing(src, start + call![1].length);
    }
  }
}

/** Index of the `{` closing a `ForceNew`-bearing schema body's depth-1 `ForceNew: true`, or undefined. */
function forceNewAt(body: string): number | undefined {
  let depth = 0;
  let at: number | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 1 && body.startsWith('ForceNew:', i) && /^ForceNew:\s*true/.test(body.slice(i))) at = i;
  }
  return at;
}

/** The azurerm table of one tag: type → attribute path → behaviour and provider file:line (exported for the regenerate test). */
export function azurerm(gitDir: string, tag: string): { commit: string; table: Record<string, Record<string, Row>> } {
  const show = (file: string) => execFileSync('git', ['--git-dir', gitDir, 'show', `${tag}:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${tag}^{commit}`], { encoding: 'utf8' }).trim();
  const helperCache = new Map<string, Row | undefined>();
  const helpers = (name: string): Row | undefined => {
    if (helperCache.has(name)) return helperCache.get(name);
    let row: Row | undefined;
    const m = /^commonschema\.([A-Za-z0-9]+)$/.exec(name);
    if (m) {
      const files = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '--name-only', tag, `${COMMONSCHEMA}/`], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.go'));
      for (const f of files) {
        const src = show(f);
        const fn = new RegExp(`func ${m[1]}\\(`).exec(src);
        if (!fn) continue;
        const body = src.indexOf('{', src.indexOf(')', fn.index));
        const end = closing(src, body);
        const text = src.slice(body, end);
        const force = /ForceNew:\s*true/.exec(text);
        row = force ? { behaviour: 'replace', at: `${f}:${lineOf(src, body + force.index)}` } : { behaviour: 'in-place', at: `${f}:${lineOf(src, fn.index)}-${lineOf(src, end)}` };
        break;
      }
    }
    helperCache.set(name, row);
    return row;
  };
  const table: Record<string, Record<string, Row>> = {};
  for (const [type, file] of Object.entries(AZURERM_FILES)) {
    const src = show(file);
    // The resource's schema map: `Schema: map[...]{` in the resource function, or a `…Schema()` function returning one.
    const direct = /Schema:\s*map\[string\]\*pluginsdk\.Schema\{/.exec(src);
    const viaFunc = /\n\t\tSchema:\s*(resource[A-Za-z]+Schema)\(\),/.exec(src);
    let open: number;
    if (viaFunc && (!direct || viaFunc.index < direct.index)) {
      const fn = new RegExp(`func ${viaFunc[1]}\\(\\) map\\[string\\]\\*pluginsdk\\.Schema \\{\\s*return map\\[string\\]\\*pluginsdk\\.Schema\\{`).exec(src);
      if (!fn) throw new Error(`${file}: ${viaFunc[1]} not found`);
      open = fn.index + fn[0].length - 1;
    } else if (direct) {
      open = direct.index + direct[0].length - 1;
    } else {
      throw new Error(`${file}: no schema map found`);
    }
    const rows = new Map<string, Row>();
    schemaEntries(src, open + 1, closing(src, open), file, '', helpers, rows);
    // Top-level attributes added or redefined after the literal (`resource.Schema["x"] = &pluginsdk.Schema{…}`): the last one wins.
    for (const a of src.matchAll(/\bresource\.Schema\["([a-z0-9_]+)"\]\s*=\s*&pluginsdk\.Schema(\{)/g)) {
      const start = a.index! + a[0].length - 1;
      const end = closing(src, start);
      const force = forceNewAt(src.slice(start, end));
      rows.set(a[1], force !== undefined
        ? { behaviour: 'replace', at: `${file}:${lineOf(src, start + force)}` }
        : { behaviour: 'in-place', at: `${file}:${lineOf(src, a.index!)}-${lineOf(src, end)}` });
    }
    // CustomizeDiff: ForceNewIfChange makes an in-place attribute conditional.
    for (const c of src.matchAll(/ForceNewIfChange\("([a-z0-9_.]+)"/g)) {
      const prev = rows.get(c[1]);
      if (prev?.behaviour === 'in-place') rows.set(c[1], { behaviour: 'conditional', at: `${file}:${lineOf(src, c.index!)} (ForceNewIfChange)` });
    }
    table[type] = Object.fromEntries([...rows.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
  return { commit, table };
}

// ---------------------------------------------------------------------------------------------
// alicloud.

function alicloud(): { meta: { version: string; tag: string; commit: string }; table: Record<string, Record<string, Behaviour>> } {
  const c = JSON.parse(fs.readFileSync(path.join(ROOT, 'providers', 'alicloud', 'constraints.json'), 'utf8')) as {
    _meta: { version: string; tag: string; commit: string };
    resources: Record<string, Record<string, { forceNew?: boolean; mode?: string }>>;
  };
  const table: Record<string, Record<string, Behaviour>> = {};
  for (const [type, attrs] of Object.entries(c.resources).sort(([a], [b]) => a.localeCompare(b))) {
    table[type] = Object.fromEntries(Object.entries(attrs).filter(([k, v]) => k !== 'timeouts' && v.mode !== 'computed').sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, v.forceNew ? 'replace' : 'in-place']));
  }
  return { meta: c._meta, table };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const [specDir, gitDir, outFile = path.join(ROOT, 'src', 'change', 'replacement-tables.generated.ts')] = process.argv.slice(2);
  if (!specDir || !gitDir) {
    process.stderr.write('usage: gen-replacement-tables.ts <aws-service-spec package folder> <azurerm git dir> [out file]\n');
    process.exit(1);
  }
  const cfn = cloudFormation(specDir);
  const azs = AZURERM_TAGS.map((tag) => ({ tag, ...azurerm(gitDir, tag) }));
  const ali = alicloud();
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;
  const lines: string[] = [
    '/**',
    ' * GENERATED by `scripts/gen-replacement-tables.ts`: do not edit. Whether changing an attribute',
    ' * updates a resource in place or replaces it, from each engine\'s own metadata:',
    ` * - CloudFormation: @aws-cdk/aws-service-spec ${cfn.version} (\`causesReplacement\` per property; absent = in place);`,
    ...azs.map((az) => ` * - azurerm: hashicorp/terraform-provider-azurerm ${az.tag} (commit ${az.commit}), \`ForceNew\` in the Go schema;`),
    ` * - alicloud: providers/alicloud/constraints.json (aliyun/terraform-provider-alicloud ${ali.meta.tag}, commit ${ali.meta.commit}), \`forceNew\`.`,
    ' */',
    '',
    '/** How an engine applies a change to one attribute. `conditional`: replaced for some changes (CloudFormation "maybe", azurerm `ForceNewIfChange`). */',
    'export type UpdateBehaviour = \'in-place\' | \'replace\' | \'conditional\';',
    '',
    `export const CFN_SPEC_VERSION = ${q(cfn.version)};`,
    '/** The azurerm tags with a table (`AZURERM_UPDATE_BY_TAG`), oldest first, and the commit of each. */',
    `export const AZURERM_TAGS: readonly string[] = [${azs.map((az) => q(az.tag)).join(', ')}];`,
    `export const AZURERM_COMMITS: Readonly<Record<string, string>> = { ${azs.map((az) => `${q(az.tag)}: ${q(az.commit)}`).join(', ')} };`,
    `export const ALICLOUD_VERSION = ${q(ali.meta.tag)};`,
    '',
    '/** CloudFormation: type → property (`Prop` or `Prop.SubProp`) → behaviour. */',
    'export const CFN_UPDATE: Readonly<Record<string, Readonly<Record<string, UpdateBehaviour>>>> = {',
  ];
  for (const [type, rows] of Object.entries(cfn.table)) {
    lines.push(`  ${q(type)}: {`);
    for (const [p, b] of Object.entries(rows)) lines.push(`    ${q(p)}: ${q(b)},`);
    lines.push('  },');
  }
  lines.push('};', '', '/** azurerm, per tag: type → attribute path (blocks joined with `.`) → [behaviour, provider file:line at the tag]. */');
  lines.push('export const AZURERM_UPDATE_BY_TAG: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly [UpdateBehaviour, string]>>>>>> = {');
  for (const az of azs) {
    lines.push(`  ${q(az.tag)}: {`);
    for (const [type, rows] of Object.entries(az.table)) {
      lines.push(`    ${type}: {`);
      for (const [p, r] of Object.entries(rows)) lines.push(`      ${q(p)}: [${q(r.behaviour)}, ${q(r.at)}],`);
      lines.push('    },');
    }
    lines.push('  },');
  }
  lines.push('};', '', '/** alicloud: type → attribute path → behaviour (constraints.json `resources.<type>.<path>.forceNew`). */');
  lines.push('export const ALICLOUD_UPDATE: Readonly<Record<string, Readonly<Record<string, UpdateBehaviour>>>> = {');
  for (const [type, rows] of Object.entries(ali.table)) {
    lines.push(`  ${type}: {`);
    for (const [p, b] of Object.entries(rows)) lines.push(`    ${q(p)}: ${q(b)},`);
    lines.push('  },');
  }
  lines.push('};', '');
  fs.writeFileSync(outFile, lines.join('\n'));
  process.stdout.write(`wrote ${outFile}: ${Object.keys(cfn.table).length} CloudFormation, ${azs.map((az) => `${Object.keys(az.table).length} azurerm ${az.tag}`).join(", ")}, ${Object.keys(ali.table).length} alicloud types\n`);
}

// Run as a script; imported (the regenerate test), it only exports.
if (require.main === module) main();
