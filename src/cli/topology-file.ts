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
import { PlanError, PlanIssue, Topology } from '../plan';

const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema', 'topology.schema.json');

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
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

function describe(e: ErrorObject): PlanIssue {
  const at = fieldPath(e.instancePath);
  switch (e.keyword) {
    case 'enum':
      return { path: at, code: 'schema', message: `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'additionalProperties':
      return { path: at, code: 'schema', message: `unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'` };
    case 'required':
      return { path: at, code: 'schema', message: `missing field '${(e.params as { missingProperty: string }).missingProperty}'` };
    default:
      return { path: at, code: 'schema', message: e.message ?? 'is invalid' };
  }
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
  if (errors.length > 0) {
    // `oneOf` errors repeat their branches' errors; keep one line per path and message.
    const seen = new Set<string>();
    const issues = errors.filter((e) => e.keyword !== 'oneOf').map(describe).filter((i) => !seen.has(`${i.path} ${i.message}`) && seen.add(`${i.path} ${i.message}`));
    throw new PlanError(issues);
  }
  const topology = data as Topology & { $schema?: string };
  return { sites: topology.sites, links: topology.links };
}

export function readTopology(file: string): Topology {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanError([{ path: file, code: 'file-unreadable', message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message }]);
  }
  return parseTopology(text, file);
}
