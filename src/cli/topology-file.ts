/**
 * Reads a topology file (YAML or JSON), checks it against the shipped JSON Schema and returns it.
 *
 * `yaml` (eemeli/yaml) parses YAML 1.2 with line numbers in its errors; `ajv` checks the schema
 * and reports every problem at once. The planner then checks values the schema cannot (strict
 * CIDRs, reserved ASNs, pins, capacity).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PlanError, PlanIssue, Topology, show } from '../plan';
import { readTextFile } from './files';

const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema', 'topology.schema.json');

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    // verbose: errors carry the value, so messages can say what was given.
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    validator = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** `/sites/0/asn` → `sites[0].asn` (the planner's field paths). */
function fieldPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(topology)';
}

/** What the schema allows at one error, in words (never the bad value: `got` shows it). */
function allowed(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * One issue per field: the value given (bounded by `show`) and what is allowed. The branches of
 * a `oneOf` (e.g. a PFS group: a DH group number or 'none') are joined into one message.
 */
function describeAll(errors: readonly ErrorObject[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const byField = new Map<string, { data: unknown; rules: string[] }>();
  for (const e of errors) {
    const at = fieldPath(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      issues.push({ path: at, code: 'schema', message: `unknown field ${show((e.params as { additionalProperty: string }).additionalProperty)}` });
    } else if (e.keyword === 'required') {
      issues.push({ path: at, code: 'schema', message: `missing field '${(e.params as { missingProperty: string }).missingProperty}'` });
    } else if (e.keyword !== 'oneOf') {
      const field = byField.get(at) ?? { data: e.data, rules: [] };
      const rule = allowed(e);
      if (!field.rules.includes(rule)) field.rules.push(rule);
      byField.set(at, field);
    }
  }
  for (const [at, { data, rules }] of byField) {
    issues.push({ path: at, code: 'schema', message: `got ${show(data)}; ${rules.join(', or ')}` });
  }
  return issues;
}

/** Parses file text as YAML (a superset of JSON). */
export function parseTopology(text: string, source: string): Topology {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new PlanError([{ path: source, code: 'file-unreadable', message: `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const errors = validate(data);
  if (errors.length > 0) throw new PlanError(describeAll(errors));
  const topology = data as Topology & { $schema?: string };
  // The name binds derived keys and names the alarms: kept, so that the table shows what a deployment of that name gets.
  return { ...(topology.name !== undefined ? { name: topology.name } : {}), sites: topology.sites, links: topology.links };
}

/**
 * Reads and checks a topology file of at most `MAX_INPUT_FILE_BYTES`.
 *
 * @throws PlanError naming the file when it cannot be read, or listing the schema's problems
 */
export function readTopology(file: string): Topology {
  let text: string;
  try {
    text = readTextFile(file, 'topology file');
  } catch (e) {
    throw new PlanError([{ path: file, code: 'file-unreadable', message: (e as Error).message.replace(`cannot read the topology file ${file}: `, '').replace('no such file or folder', 'no such file') }]);
  }
  return parseTopology(text, file);
}
