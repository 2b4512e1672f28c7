/**
 * Small readers the per-cloud extractions (`clouds/<cloud>/extract.ts`) share: numbers and string
 * lists through the resolver, pre-shared keys as `PresharedKey` objects (never as strings), copies
 * of resource bodies without keys, and short labels of resources for reports.
 */
import { PresharedKey } from '../../common/preshared-key';
import { Json, Obj, StackDoc, isObj } from './load';
import type { Resolved, Resolver } from './resolve';

/** A pre-shared key as found: the key, or why it is not in the output. */
export type KeyValue = { readonly key: PresharedKey } | { readonly missing: string };

/** A resolved key value as a `PresharedKey`, or why it is not known (`where` names the attribute). */
export function keyValue(res: Resolved, where: string): KeyValue {
  if (res.kind === 'literal' && typeof res.value === 'string' && res.value.length > 0) return { key: new PresharedKey(res.value, 'pinned') };
  if (res.kind === 'unknown') return { missing: `${where}: ${res.why}` };
  return { missing: `${where}: not a literal key` };
}

const SECRET = /^(pre_?shared_?key|shared_?key|psk)$/i;

/** A copy without pre-shared keys (they travel only as `PresharedKey` objects). */
export function withoutSecrets<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => withoutSecrets(x)) as T;
  if (isObj(v)) return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET.test(k)).map(([k, x]) => [k, withoutSecrets(x)])) as T;
  return v;
}

/** Whether an attribute name holds a pre-shared key. */
export const isSecretName = (name: string): boolean => SECRET.test(name);

/** A resolved literal as a finite number (a numeric string counts), else `undefined`. */
export const numberOf = (res: Resolved): number | undefined => {
  if (res.kind !== 'literal') return undefined;
  const n = Number(res.value);
  return Number.isFinite(n) && String(res.value).trim() !== '' ? n : undefined;
};

/** A list of strings (each element resolved; a comma-separated string is split), `[]` when deploy-time. */
export const stringsOf = (r: Resolver, stack: StackDoc, v: Json | undefined): string[] => {
  const res = r.eval(stack, v);
  if (res.kind !== 'literal') return [];
  const val = res.value;
  if (Array.isArray(val)) return val.map((x) => r.eval(stack, x)).filter((x) => x.kind === 'literal').map((x) => String((x as { value: Json }).value));
  if (typeof val === 'string') return val.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
};

/** A construct-path-like short label for a Terraform resource: the segment before `/Resource`. */
export function tfLabel(body: Obj, fallback: string): string {
  const p = ((body['//'] as Obj | undefined)?.metadata as Obj | undefined)?.path;
  if (typeof p === 'string') {
    const segs = p.split('/').filter((x) => x !== 'Resource');
    return segs[segs.length - 1] ?? fallback;
  }
  return fallback;
}

/** A CloudFormation resource's label: the last construct path segment above `Resource`, else the logical id without its hash. */
export function cfnLabel(stack: StackDoc, id: string): string {
  const p = stack.paths?.get(id);
  if (p) {
    const segs = p.split('/').filter((x) => x !== 'Resource' && x !== 'Default');
    return segs[segs.length - 1] ?? id;
  }
  return id.replace(/[0-9A-F]{8}$/, '');
}

/** What every cloud's extraction reads from and writes to. */
export interface ExtractContext {
  readonly r: Resolver;
  /** Endpoint key → label, for every gateway endpoint the extraction finds (addresses are given later). */
  readonly endpointLabels: Map<string, string>;
  /** Resources a connection names that are not in the folders read. */
  readonly warnings: string[];
}
