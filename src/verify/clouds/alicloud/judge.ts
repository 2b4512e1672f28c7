/**
 * What the Alibaba Cloud acceptance rules (`accept.ts`, `alarms.ts`) share: the resource being
 * judged, how a violation of it is reported, and how a value of the output is read. A leaf of the
 * folder, so both rule files import it without an import cycle.
 */
import type { Json, StackDoc } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import type { Violation } from '../../types';

/** One resource under judgement: its stack, its key, and where its violations go. */
export interface Ctx {
  readonly r: Resolver;
  readonly stack: StackDoc;
  readonly key: string;
  readonly out: Violation[];
}

/** Records that `attribute` of the judged resource has `value`, which breaks `rule` (per `source`). */
export function report(c: Ctx, attribute: string, value: string, rule: string, source: string): void {
  c.out.push({ cloud: 'alicloud', file: c.stack.file, resource: c.key, attribute, value, rule, source });
}

/** The value as the deployment will have it, when the output says (else `undefined`: not judged). */
export function literal(c: Ctx, v: Json | undefined): Json | undefined {
  if (v === undefined || v === null) return undefined;
  const res = c.r.eval(c.stack, v);
  return res.kind === 'literal' ? res.value : undefined;
}
