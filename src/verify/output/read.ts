/**
 * One synthesized output on its own — loaded, and every resource's properties with references
 * resolved — for tools that compare outputs (`ccvpn diff`) rather than verify one. VPN semantics
 * stay in the per-cloud extractions; this is the engine-level view: every CloudFormation and
 * Terraform resource, keyed as `resourceKey()` keys it.
 *
 * "Settled" values are JSON: literals as written (references followed through parameters,
 * variables, outputs, imports and remote state), and in place of what is not a literal before
 * deployment a one-key object:
 * - `{ "$endpoint": "<endpoint key>" }`: a gateway's public address (`resolve.ts` names them);
 * - `{ "$ref": "<resource key>", "$attr"?: "<attribute>" }`: another resource (or its attribute);
 * - `{ "$deployTime": "<why>" }`: a value only deployment knows;
 * - `{ "$key": "<fingerprint>" }`: a pre-shared key (the keyed `PresharedKey` fingerprint — equal
 *   keys have equal fingerprints within one process, so two outputs read by one process compare).
 */
import { PresharedKey } from '../../common/preshared-key';
import type { DeploymentManifest } from '../../manifest';
import { Json, Obj, StackDoc, isObj, loadStacks } from './load';
import { FoundResource, Resolver } from './resolve';
import { isSecretName } from './values';

/** One resource of an output, properties settled. */
export interface OutputResource extends FoundResource {
  /** `props` with every reference resolved (see the module header for the symbolic forms). */
  readonly settled: Obj;
}

/** One synthesized output, loaded. */
export interface Output {
  readonly folders: readonly string[];
  readonly stacks: readonly StackDoc[];
  readonly manifest?: DeploymentManifest;
  readonly warnings: readonly string[];
  /** Follows any value of any stack (`Resolver.eval`, `Resolver.resourceOf`). */
  readonly resolver: Resolver;
  /** Every resource of every stack, in stack order, then as written. */
  readonly resources: readonly OutputResource[];
}

/** Loads the stacks of `folders` (read as one deployment) and settles every resource's properties. */
export function readOutput(folders: readonly string[]): Output {
  const { stacks, manifest, warnings } = loadStacks(folders);
  const resolver = new Resolver(stacks, manifest);
  const resources: OutputResource[] = [];
  for (const stack of stacks) {
    const ids = stack.engine === 'cdk'
      ? Object.keys((stack.body.Resources as Obj | undefined) ?? {})
      : Object.entries((stack.body.resource as Obj | undefined) ?? {}).flatMap(([type, byName]) => (isObj(byName) ? Object.keys(byName).map((n) => `${type}.${n}`) : []));
    for (const id of ids) {
      const found = resolver.resourceAt(stack.engine, stack.name, id);
      if (found) resources.push({ ...found, settled: settle(resolver, stack, found.props) as Obj });
    }
  }
  return { folders, stacks, manifest, warnings, resolver, resources };
}

/** Whether a CloudFormation value is an intrinsic function (`Ref`, `Fn::…`) rather than an object as written. */
const isIntrinsic = (v: Obj) => {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
};

/**
 * A value of a stack with every reference resolved (see the module header for the symbolic
 * forms); `name` is the attribute that holds it (a key attribute settles to its fingerprint).
 */
export function settle(r: Resolver, stack: StackDoc, v: Json, name?: string): Json {
  if (Array.isArray(v)) return v.map((x) => settle(r, stack, x));
  if (isObj(v) && !(stack.engine === 'cdk' && isIntrinsic(v))) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, settle(r, stack, x, k)]));
  const res = r.eval(stack, v);
  switch (res.kind) {
    case 'literal':
      if (name !== undefined && isSecretName(name) && typeof res.value === 'string') return { $key: new PresharedKey(res.value, 'pinned').fingerprint };
      // A value another stack's output or a default holds: settled as written there.
      return res.value === v ? v : settle(r, stack, res.value, name);
    case 'endpoint':
      return { $endpoint: res.endpoint };
    case 'resource': {
      const found = r.resourceAt('cdk', res.ref.stack, res.ref.id) ?? r.resourceAt('cdktf', res.ref.stack, res.ref.id);
      const ref = found?.key ?? `${res.ref.stack}/${res.ref.id}`;
      return res.attr === undefined ? { $ref: ref } : { $ref: ref, $attr: res.attr };
    }
    case 'unknown':
      return { $deployTime: res.why };
  }
}
