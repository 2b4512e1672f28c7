/**
 * `ccvpn diff <before> <after>`: what deploying a new synthesized output over an old one does,
 * before anything is deployed.
 *
 * 1. Both outputs are read as `ccvpn verify` reads them (`src/verify/read-output.ts`: stacks,
 *    manifest, references followed across stacks and engines) and modelled into tunnel halves
 *    (`src/verify/models`); tunnels are paired as verify pairs them and identified by their two
 *    halves' keys (link = the two sites); they are numbered `t1`… and listed as `ccvpn verify
 *    <before>` and `verify --change` number them (`changeTunnelIds` in `src/verify/change.ts`).
 * 2. Resources (CloudFormation logical id / Terraform address, `resourceKey()`) are compared
 *    attribute by attribute; each changed attribute gets its engine's verdict (`replacement.ts`:
 *    CloudFormation `causesReplacement`, azurerm / alicloud `ForceNew`). A reference whose text
 *    is unchanged still changes when what it names changes at deploy time: a replaced resource
 *    (new id, new outside IP), an output or parameter whose value changes. This is followed to a
 *    fixed point, so a replaced AWS VPN connection shows up in every half fed its outside IPs.
 * 3. Per tunnel half: what changes (key by keyed fingerprint only, proposals, lifetimes, inside
 *    addresses, ASNs, routes, endpoints), and the stacks that change it.
 * 4. The outage model (`outage.ts`) over the after-manifest's deploy graph (`deploy-graph.ts`,
 *    built as `ccvpn deploy` builds it: manifest inputs and the engines' assembly dependencies,
 *    `engine-dependencies.ts`), twice: as `ccvpn deploy` runs it by default, stacks in parallel,
 *    one step per wave (`deployWaves`: a wave's stacks change at the same moment, the most
 *    concurrency the graph allows when stacks take alike times), which decides the exit code; and
 *    as `ccvpn deploy --parallel 1` runs it, one stack per step in the order it picks
 *    (`sequentialOrder`). Two tunnels of a site pair whose halves sit in stacks that do not wait
 *    for each other can be down together in parallel where one stack at a time keeps one up.
 *    The waves assume stacks of alike deploy times; where two stacks changing one site pair's
 *    tunnels are in different waves but do not wait for each other, a slow one may still overlap
 *    the other, and a warning says so (`unmodelledOverlaps`).
 * 5. With a staged rollout (`DiffOptions`: a `ccvpn rotate` rollout file, its planner tunnel ids
 *    matched to these tunnels by `src/verify/rollout-steps.ts`, or the steps `planRollout` would
 *    choose over the changing tunnels), the outage model again over its steps, as `ccvpn deploy
 *    --rollout` runs them: per step the stacks holding its tunnels' halves, in the `--parallel 1`
 *    order, only those tunnels changing. A step is one moment of the model, so its stacks count
 *    as deployed at once, as `ccvpn deploy --rollout` runs them (in parallel on the graph): a
 *    step changes at most one tunnel of a site pair (plus the tunnels down with it), so no
 *    concurrency inside a step cuts a pair off that the model keeps. Tunnels sharing a resource the change replaces (a connection, a
 *    customer gateway) go down together whatever the rollout says (`DeployStep.alsoDown`).
 *
 * No value of a changed attribute is ever printed (a changed key would be): attributes are named
 * by path, keys shown by fingerprint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentManifest } from '../manifest';
import { manifestProblems } from '../manifest';
import type { Deployment, Json, StackDoc } from '../verify/read-output';
import { Resolver, extractDeployment, loadStacks } from '../verify/read-output';
import { changeTunnelIds, halvesKey } from '../verify/change';
import { inVerifyOrder } from '../verify/index';
import { CLOUD_IDS, CLOUD_LINES, VERIFY_CLOUDS } from '../verify/clouds';
import { modelDeployment, pairHalves } from '../verify/models';
import type { SiteModel, TunnelHalf } from '../verify/types';
import { resourceKey } from '../verify/types';
import { RolloutFileInput, RolloutStepsError, plannedRollout, stepsOfRolloutFile } from '../verify/rollout-steps';
import type { DeployStep, OutageReport, PairOutage, TunnelOutage, TunnelOutageInput } from './outage';
import { evaluateOutage } from './outage';
import { DeployGraph, DeployGraphError, deployGraph, deployWaves, sequentialOrder } from './deploy-graph';
import { engineDependenciesIn } from './engine-dependencies';
import type { AttributeVerdict } from './replacement';
import { attributeVerdict, resourceVerdict } from './replacement';

type Obj = { [key: string]: Json };

/** Bad input: one clear line, exit code 1. */
export class ChangeError extends Error {}

// ---------------------------------------------------------------------------------------------
// Report shapes.

/** One changed attribute of a resource (its value is never shown). */
export interface AttributeChange {
  /** Path as written, e.g. `VpnTunnelOptionsSpecifications[0].PreSharedKey`, `ipsec_policy[0].sa_lifetime`. */
  readonly path: string;
  /** `value`: the text differs; `reference`: the text is the same but what it names changes at deploy time. */
  readonly kind: 'value' | 'reference' | 'added' | 'removed';
  /** For `reference`: what changes (`cdk:AwsTokyoLinks2/Conn replaced`). */
  readonly because?: string;
  readonly verdict: AttributeVerdict;
}

/** One resource that the change creates, deletes, updates or replaces. */
export interface ResourceChange {
  /** `resourceKey()`: `cdk:<stack>/<logicalId>` or `cdktf:<stack>/<type.name>`. */
  readonly key: string;
  readonly type: string;
  readonly stack: string;
  /**
   * `left`: in a stack the after-output no longer has (`ccvpn deploy` does not remove stacks:
   * destroy it with its engine once nothing needs it).
   */
  readonly action: 'create' | 'delete' | 'update' | 'replace' | 'left';
  readonly attributes: readonly AttributeChange[];
}

/** What changes on one half of a tunnel. */
export interface HalfDiff {
  readonly key: string;
  readonly cloud: TunnelHalf['cloud'];
  readonly label: string;
  readonly exists: 'both' | 'before' | 'after';
  /** Human-readable changes (`key rotated (fp:… → fp:…)`, `IKE lifetime 28800 → 3600 s`). */
  readonly changes: readonly string[];
  /** Whether something both ends must agree on changes (see `outage.ts`). */
  readonly agreementChanged: boolean;
  /** Changed resources shaping the half, with their action. */
  readonly resources: readonly { readonly key: string; readonly action: ResourceChange['action'] }[];
}

export interface TunnelDiff {
  /** The two half keys, ` ⇄ `-joined (verify's pairing order). */
  readonly id: string;
  /** Short id (`t1`, …): the one `ccvpn verify <before>` and `verify --change` give this tunnel (`changeTunnelIds`); tunnels are listed in that order. */
  readonly ref: string;
  /** `site half ⇄ site half`. */
  readonly sides: string;
  /** Site pair key and label. */
  readonly pair: string;
  readonly pairLabel: string;
  readonly status: 'unchanged' | 'changed' | 'added' | 'removed';
  readonly halves: readonly HalfDiff[];
  readonly outage: TunnelOutage;
}

/** The outage of the whole change as `ccvpn deploy` runs it by default: stacks in parallel, wave by wave. */
export interface ParallelOutage {
  /** One step per wave of the deploy graph (labels `wave <k>`), its stacks in manifest order. */
  readonly steps: readonly DeployStep[];
  /**
   * What the graph was built from: `assemblies` when the after-output holds an engine's assembly
   * manifest (`cdk.out/manifest.json`, `cdktf.out/manifest.json`) besides the manifest inputs;
   * `manifest inputs only` when it holds none (fewer edges: more concurrency, a more cautious
   * evaluation).
   */
  readonly graph: 'assemblies' | 'manifest inputs only';
  readonly outage: OutageReport;
  readonly pairs: readonly (PairOutage & { readonly label: string })[];
  /** True when a site pair kept by the change loses every path during a wave. */
  readonly cutsOff: boolean;
}

/** The outage of a staged rollout (`DiffOptions`), next to the whole change's. */
export interface StagedOutage {
  /** `rollout file`: a `ccvpn rotate` rollout's steps; `planRollout`: the steps it chooses over the changing tunnels. */
  readonly source: 'rollout file' | 'planRollout';
  /** The steps (labels `rollout step <n>`, tunnels by `TunnelDiff.id`), each with its stacks in phase order. */
  readonly steps: readonly DeployStep[];
  readonly outage: OutageReport;
  readonly pairs: readonly (PairOutage & { readonly label: string })[];
  /** True when a site pair kept by the change loses every path during a step. */
  readonly cutsOff: boolean;
  /** Rollout steps left out (idle tunnels), tunnels down together, planner tunnels matched. */
  readonly notes: readonly string[];
}

/** Options of `diffOutputs`. */
export interface DiffOptions {
  /**
   * Also evaluate a staged rollout: a `ccvpn rotate` rollout file (`readRolloutFile`), or
   * `planned` for the steps `planRollout` chooses over the changing tunnels.
   *
   * @default - only the phase-by-phase deploy of the whole change
   */
  readonly rollout?: RolloutFileInput | 'planned';
}

export interface ChangeReport {
  readonly before: string;
  readonly after: string;
  /**
   * The deploy steps of `ccvpn deploy --parallel 1`: one stack at a time, in the order it picks
   * on the after-manifest's graph (`sequentialOrder`; labels `phase <n>: <stack>`). `outage`,
   * `pairs` and each tunnel's `outage` are evaluated over these.
   */
  readonly steps: readonly DeployStep[];
  /** Resources that change (unchanged ones are counted only). */
  readonly resources: readonly ResourceChange[];
  readonly unchangedResources: number;
  readonly tunnels: readonly TunnelDiff[];
  readonly pairs: readonly (PairOutage & { readonly label: string })[];
  readonly outage: OutageReport;
  /** The whole change as `ccvpn deploy` runs it by default (stacks in parallel, by wave). */
  readonly parallel: ParallelOutage;
  /** The staged rollout's outage, when one was asked for (`DiffOptions.rollout`). */
  readonly staged?: StagedOutage;
  /**
   * True when a site pair kept by the change loses every path at some moment of the evaluated
   * plan (exit code 2): the staged rollout's when there is one, else the default (parallel)
   * deploy's (`parallel.cutsOff`).
   */
  readonly cutsOff: boolean;
  readonly warnings: readonly string[];
  readonly seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Reading one side.

interface Side {
  readonly dir: string;
  readonly manifest: DeploymentManifest;
  readonly stacks: readonly StackDoc[];
  readonly resolver: Resolver;
  readonly deployment: Deployment;
  readonly halves: readonly TunnelHalf[];
  /** verify's pairs, in its order (`inVerifyOrder`). */
  readonly pairs: readonly (readonly [TunnelHalf, TunnelHalf])[];
  /** How many halves pair with nothing (`verify` numbers them after the pairs). */
  readonly unpaired: number;
  readonly sites: readonly SiteModel[];
  readonly warnings: readonly string[];
}

const MANIFEST_FILE = 'ccvpn.manifest.json';

function readSide(given: string, which: 'before' | 'after'): Side {
  if (!fs.existsSync(given)) throw new ChangeError(`${which} output '${given}': no such file or folder (give a synthesized output folder holding ${MANIFEST_FILE})`);
  const dir = fs.statSync(given).isDirectory() ? given : path.dirname(given);
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) throw new ChangeError(`${which} output '${given}': no ${MANIFEST_FILE} there (diff needs the deployment manifest: the deploy order and which output feeds which input)`);
  let manifest: DeploymentManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as DeploymentManifest;
  } catch (e) {
    throw new ChangeError(`${which} output: ${manifestFile} is not JSON (${(e as Error).message.slice(0, 120)})`);
  }
  const problems = manifestProblems(manifest);
  if (problems.length) throw new ChangeError(`${which} output: ${manifestFile}: ${problems.join('; ')}`);
  let loaded: ReturnType<typeof loadStacks>;
  try {
    loaded = loadStacks([dir]);
  } catch (e) {
    throw new ChangeError(`${which} output '${given}': a synthesized file is not readable JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!loaded.stacks.length) throw new ChangeError(`${which} output '${given}': no synthesized stacks (expected ${manifest.cdkOut ?? 'cdk.out'}/*.template.json or ${manifest.cdktfOut ?? 'cdktf.out'}/stacks/<name>/cdk.tf.json)`);
  const deployment = extractDeployment([dir], loaded.stacks, loaded.manifest, [...loaded.warnings]);
  const resolver = new Resolver(loaded.stacks, loaded.manifest);
  const model = modelDeployment(deployment, resolver);
  const label = (key: string | undefined) => (key ? deployment.endpoints.get(key)?.label ?? key : '?');
  const pairing = pairHalves(model.halves, label);
  return {
    dir, manifest, stacks: loaded.stacks, resolver, deployment, halves: model.halves,
    pairs: inVerifyOrder(pairing.pairs, model.sites).map((p) => p.halves), unpaired: pairing.unpaired.length, sites: model.sites,
    warnings: [...deployment.warnings, ...model.warnings].map((w) => `${which}: ${w}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Resources.

interface Res {
  readonly key: string;
  readonly engine: 'cdk' | 'cdktf';
  readonly stack: StackDoc;
  readonly id: string;
  readonly type: string;
  /** What the engine compares: CloudFormation `Properties`, a Terraform body without meta-arguments. */
  readonly body: Obj;
}

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Terraform meta-arguments and cdktf's metadata: not attributes of the resource. */
const TF_META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner']);

function resourcesOf(side: Side): Map<string, Res> {
  const out = new Map<string, Res>();
  for (const s of side.stacks) {
    if (s.engine === 'cdk') {
      for (const [id, r] of Object.entries((s.body.Resources as Obj | undefined) ?? {})) {
        if (!isObj(r) || typeof r.Type !== 'string') continue;
        out.set(resourceKey('cdk', s.name, id), { key: resourceKey('cdk', s.name, id), engine: 'cdk', stack: s, id, type: r.Type, body: isObj(r.Properties) ? r.Properties : {} });
      }
    } else {
      for (const [type, list] of Object.entries((s.body.resource as Obj | undefined) ?? {})) {
        for (const [name, b] of Object.entries(isObj(list) ? list : {})) {
          if (!isObj(b)) continue;
          const id = `${type}.${name}`;
          out.set(resourceKey('cdktf', s.name, id), { key: resourceKey('cdktf', s.name, id), engine: 'cdktf', stack: s, id, type, body: Object.fromEntries(Object.entries(b).filter(([k]) => !TF_META.has(k))) });
        }
      }
    }
  }
  return out;
}

const CFN_INTRINSIC = /^(Ref|Fn::[A-Za-z]+)$/;
const isIntrinsic = (v: Json): boolean => isObj(v) && Object.keys(v).length === 1 && CFN_INTRINSIC.test(Object.keys(v)[0]);

/** The reference sub-expressions of a value: CloudFormation Ref / GetAtt / ImportValue, Terraform `${…}`. */
function referencesIn(engine: 'cdk' | 'cdktf', v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  if (engine === 'cdktf') {
    if (typeof v === 'string') return [...v.matchAll(/\$\{([^{}]+)\}/g)].map((m) => `\${${m[1]}}`);
    if (Array.isArray(v)) return v.flatMap((x) => referencesIn(engine, x));
    if (isObj(v)) return Object.values(v).flatMap((x) => referencesIn(engine, x));
    return [];
  }
  if (Array.isArray(v)) return v.flatMap((x) => referencesIn(engine, x));
  if (!isObj(v)) return [];
  const keys = Object.keys(v);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Fn::GetAtt' || keys[0] === 'Fn::ImportValue')) return [v];
  return Object.values(v).flatMap((x) => referencesIn(engine, x));
}

/** Leaf paths of two values: objects and arrays descend, CloudFormation intrinsics and scalars are leaves. */
function leaves(a: Json | undefined, b: Json | undefined, at: string, out: { path: string; a: Json | undefined; b: Json | undefined }[]): void {
  const branch = (v: Json | undefined) => v !== undefined && (Array.isArray(v) || (isObj(v) && !isIntrinsic(v)));
  if (branch(a) && branch(b) && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) leaves(a[i], b[i], `${at}[${i}]`, out);
      return;
    }
    const ao = a as Obj;
    const bo = b as Obj;
    for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) leaves(ao[k], bo[k], at ? `${at}.${k}` : k, out);
    return;
  }
  out.push({ path: at, a, b });
}

/** `a[0].b[1].c` → `a.b.c` (the tables' attribute paths). */
const tablePath = (p: string) => p.replace(/\[\d+\]/g, '');
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** The resource key a Resolver reference names. */
function refKey(r: Resolver, ref: { stack: string; id: string }): string {
  const s = r.stack(ref.stack);
  return resourceKey(s?.engine ?? (ref.id.includes('.') ? 'cdktf' : 'cdk'), ref.stack, ref.id);
}

/** An endpoint key: `<cloud>:<stack>/<resource>` and an optional `#<which>` (verify's registry names the clouds). */
const ENDPOINT_KEY = new RegExp(`^(${CLOUD_IDS.join('|')}):([^/]+)\\/([^#]+)`);

/**
 * The resource that owns an endpoint key (`aws:<stack>/<conn>#tunnel1`, `azure:<stack>/<pip>`,
 * `alicloud:<stack>/<gw>#master`), keyed by its cloud's engine.
 */
export function endpointOwner(endpoint: string | undefined): string | undefined {
  const m = endpoint ? ENDPOINT_KEY.exec(endpoint) : null;
  if (!m) return undefined;
  return resourceKey(VERIFY_CLOUDS[m[1] as keyof typeof VERIFY_CLOUDS].engine, m[2], m[3]);
}

/** Resource types whose replacement takes the tunnels they carry down (not routes, lookups or attachments): every cloud's `carriers`. */
const CARRIERS = new Set(CLOUD_LINES.flatMap((c) => c.carriers));

function diffResources(before: Side, after: Side, warnings: string[]): ResourceChange[] {
  const a = resourcesOf(before);
  const b = resourcesOf(after);
  const deployed = new Set(after.manifest.phases.flatMap((p) => p.stacks.map((s) => s.name)));
  let replaced = new Set<string>();
  let updated = new Map<string, Set<string>>();
  let result: ResourceChange[] = [];
  for (let round = 0; round < 20; round++) {
    const changes: ResourceChange[] = [];
    for (const [key, x] of b) {
      const old = a.get(key);
      if (!old) {
        changes.push({ key, type: x.type, stack: x.stack.name, action: 'create', attributes: [] });
        continue;
      }
      const attributes = attributeChanges(old, x, before, after, replaced, updated);
      if (old.type !== x.type) {
        changes.push({ key, type: x.type, stack: x.stack.name, action: 'replace', attributes: [{ path: 'Type', kind: 'value', verdict: { behaviour: 'replace', source: 'a resource of another type' } }] });
      } else if (attributes.length) {
        changes.push({ key, type: x.type, stack: x.stack.name, action: resourceVerdict(attributes.map((c) => c.verdict)), attributes });
      }
    }
    for (const [key, x] of a) {
      if (!b.has(key)) changes.push({ key, type: x.type, stack: x.stack.name, action: deployed.has(x.stack.name) ? 'delete' : 'left', attributes: [] });
    }
    const nextReplaced = new Set(changes.filter((c) => c.action === 'replace' || c.action === 'create' || c.action === 'delete').map((c) => c.key));
    const nextUpdated = new Map(changes.filter((c) => c.action === 'update').map((c) => [c.key, new Set(c.attributes.map((x) => tablePath(x.path).split('.')[0]))]));
    result = changes;
    if (nextReplaced.size === replaced.size && [...nextReplaced].every((k) => replaced.has(k)) && sameUpdated(nextUpdated, updated)) break;
    replaced = nextReplaced;
    updated = nextUpdated;
    if (round === 19) warnings.push('reference changes did not settle after 20 rounds: the resource verdicts may be incomplete');
  }
  return result.sort((x, y) => x.key.localeCompare(y.key));
}

function sameUpdated(x: Map<string, Set<string>>, y: Map<string, Set<string>>): boolean {
  if (x.size !== y.size) return false;
  for (const [k, v] of x) {
    const w = y.get(k);
    if (!w || w.size !== v.size || [...v].some((p) => !w.has(p))) return false;
  }
  return true;
}

function attributeChanges(old: Res, x: Res, before: Side, after: Side, replaced: Set<string>, updated: Map<string, Set<string>>): AttributeChange[] {
  const paths: { path: string; a: Json | undefined; b: Json | undefined }[] = [];
  leaves(old.body, x.body, '', paths);
  const out: AttributeChange[] = [];
  // By the provider version the after-stack targets: the one that applies the change.
  const verdict = (p: string, removed = false) => attributeVerdict(x.engine, x.type, tablePath(p), { stack: x.stack.body, removed });
  for (const leaf of paths) {
    if (!same(leaf.a, leaf.b)) {
      out.push({ path: leaf.path, kind: leaf.a === undefined ? 'added' : leaf.b === undefined ? 'removed' : 'value', verdict: verdict(leaf.path, leaf.b === undefined) });
      continue;
    }
    for (const ref of referencesIn(x.engine, leaf.b)) {
      const because = referenceChange(ref, old.stack, x.stack, before, after, replaced, updated);
      if (because) {
        out.push({ path: leaf.path, kind: 'reference', because, verdict: verdict(leaf.path) });
        break;
      }
    }
  }
  return out;
}

/** Why a reference whose text is unchanged resolves to something else at deploy time, or undefined. */
function referenceChange(ref: Json, oldStack: StackDoc, stack: StackDoc, before: Side, after: Side, replaced: Set<string>, updated: Map<string, Set<string>>): string | undefined {
  const now = after.resolver.eval(stack, ref);
  if (now.kind === 'resource') {
    const key = refKey(after.resolver, now.ref);
    if (replaced.has(key)) return `${key} is replaced`;
    const attrs = updated.get(key);
    const custom = /^cdk:/.test(key) && (after.resolver.cfnResource(after.resolver.stack(now.ref.stack)!, now.ref.id)?.Type as string | undefined)?.startsWith('Custom::');
    if (attrs && now.attr && now.attr !== 'id' && (custom || attrs.has(now.attr.split('.')[0]))) return `${key}.${now.attr} changes`;
    return undefined;
  }
  if (now.kind === 'endpoint') {
    const owner = endpointOwner(now.endpoint);
    return owner && replaced.has(owner) ? `${now.endpoint} gets a new address (${owner} is replaced)` : undefined;
  }
  if (now.kind === 'literal') {
    const then = before.resolver.eval(oldStack, ref);
    if (then.kind === 'literal' && !same(then.value, now.value)) return `the value it reads (${now.trail.join(' → ') || 'a parameter'}) changes`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Halves.

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

/** What both ends must agree on, in comparable form (outside and peer addresses by endpoint key and generation). */
function agreement(h: TunnelHalf, gen: { outside: number; peer: number }): Record<string, string> {
  const id = (v: string) => (v === h.outsideAddress ? '<own outside>' : v === h.peerAddress ? '<peer outside>' : v);
  return {
    key: h.psk ? h.psk.fingerprint : 'none',
    ike: `v${h.ikeVersion}${h.aggressive ? ' aggressive' : ''} ${sorted(h.ikeProposals).join(',')}`,
    esp: `${sorted(h.esp.offers).join(',')} | ${sorted(h.esp.accepts).join(',')}`,
    ids: `${id(h.localId)} ${id(h.remoteId)}`,
    ts: `${sorted(h.localTs).join(',')} | ${sorted(h.remoteTs).join(',')}`,
    inside: h.inside ? `${h.inside.address}/${h.inside.prefixLength} ${h.inside.peerAddress}` : 'none',
    asn: h.bgp ? `${h.bgp.localAsn} ${h.bgp.peerAsn}` : 'none',
    routing: h.routing,
    outside: `${h.outsideEndpoint}#${gen.outside}`,
    peer: `${h.peerEndpoint ?? h.peerAddressSource}#${gen.peer}`,
  };
}

const routesOf = (h: TunnelHalf) => sorted([...h.routes, ...(h.reach?.routes.map((r) => (r.from ? `${r.prefix} from ${r.from}` : r.prefix)) ?? [])]);
const fp = (h: TunnelHalf) => (h.psk ? `fp:${h.psk.fingerprint}` : 'none');

/** Human-readable changes of one half (no key, only fingerprints). */
function describeHalf(b: TunnelHalf, a: TunnelHalf, outsideReplaced: string | undefined, peerReplaced: string | undefined, endpointLabel: (k: string | undefined) => string): string[] {
  const out: string[] = [];
  const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
  if (fp(b) !== fp(a)) out.push(b.psk && a.psk ? `key rotated (${fp(b)} → ${fp(a)})` : `key ${fp(b)} → ${fp(a)}`);
  if (b.ikeVersion !== a.ikeVersion) out.push(`IKE version ${b.ikeVersion || '1+2'} → ${a.ikeVersion || '1+2'}`);
  if (!same(sorted(b.ikeProposals), sorted(a.ikeProposals))) out.push(`IKE proposals ${list(b.ikeProposals)} → ${list(a.ikeProposals)}`);
  if (!same(sorted(b.esp.offers), sorted(a.esp.offers)) || !same(sorted(b.esp.accepts), sorted(a.esp.accepts))) out.push(`ESP proposals ${list(b.esp.offers)} → ${list(a.esp.offers)}`);
  if (b.ikeLifetimeSeconds !== a.ikeLifetimeSeconds) out.push(`IKE lifetime ${b.ikeLifetimeSeconds} → ${a.ikeLifetimeSeconds} s`);
  if (b.childLifetimeSeconds !== a.childLifetimeSeconds) out.push(`IPsec lifetime ${b.childLifetimeSeconds} → ${a.childLifetimeSeconds} s`);
  if (JSON.stringify(b.dpd) !== JSON.stringify(a.dpd)) out.push(`DPD ${b.dpd ? `${b.dpd.timeoutSeconds} s ${b.dpd.action}` : 'none'} → ${a.dpd ? `${a.dpd.timeoutSeconds} s ${a.dpd.action}` : 'none'}`);
  const inside = (h: TunnelHalf) => (h.inside ? `${h.inside.address} ↔ ${h.inside.peerAddress} (/${h.inside.prefixLength})` : 'none');
  if (inside(b) !== inside(a)) out.push(`inside ${inside(b)} → ${inside(a)}`);
  const asn = (h: TunnelHalf) => (h.bgp ? `AS ${h.bgp.localAsn} (peer AS ${h.bgp.peerAsn})` : 'no BGP');
  if (asn(b) !== asn(a)) out.push(`ASN ${asn(b)} → ${asn(a)}`);
  if (b.routing !== a.routing) out.push(`routing ${b.routing} → ${a.routing}`);
  if (!same(sorted(b.localTs), sorted(a.localTs)) || !same(sorted(b.remoteTs), sorted(a.remoteTs))) out.push(`traffic selectors ${list(b.localTs)} ⇄ ${list(b.remoteTs)} → ${list(a.localTs)} ⇄ ${list(a.remoteTs)}`);
  const [rb, ra] = [routesOf(b), routesOf(a)];
  const added = ra.filter((x) => !rb.includes(x));
  const removed = rb.filter((x) => !ra.includes(x));
  if (added.length || removed.length) out.push(`routes ${[...added.map((x) => `+${x}`), ...removed.map((x) => `−${x}`)].join(' ')}`);
  const [vb, va] = [sorted(b.advertise), sorted(a.advertise)];
  if (!same(vb, va)) out.push(`announces ${list(vb)} → ${list(va)}`);
  if (b.outsideEndpoint !== a.outsideEndpoint) out.push(`outside endpoint ${endpointLabel(b.outsideEndpoint)} → ${endpointLabel(a.outsideEndpoint)}`);
  else if (outsideReplaced) out.push(`new outside IP (${outsideReplaced} is replaced)`);
  if (b.peerEndpoint !== a.peerEndpoint) out.push(`peer ${endpointLabel(b.peerEndpoint)} → ${endpointLabel(a.peerEndpoint)}`);
  else if (peerReplaced) out.push(`peer's new outside IP (${peerReplaced} is replaced)`);
  return out;
}

/** `cdk:<stack>/<id>` → stack. */
const stackOf = (key: string) => key.slice(key.indexOf(':') + 1, key.indexOf('/'));

// ---------------------------------------------------------------------------------------------

/** The deploy steps of `ccvpn deploy --parallel 1` over a graph: one per stack, in the order it runs them. */
export function sequentialSteps(g: DeployGraph): DeployStep[] {
  return sequentialOrder(g).map((s) => ({ label: s.external ? `external: ${s.name}` : `phase ${s.phase}: ${s.name}`, stacks: [s.name] }));
}

/** The deploy steps of `ccvpn deploy` (stacks in parallel) over a graph: one per wave. */
export function waveSteps(g: DeployGraph): DeployStep[] {
  return deployWaves(g).map((stacks, i) => ({ label: `wave ${i + 1}`, stacks }));
}

/**
 * What the wave evaluation does not model, per site pair: two stacks that change its tunnels, in
 * different waves but neither waiting for the other. With unequal deploy times `ccvpn deploy` may
 * run them at the same moment, which the waves (a wave's stacks at once, the next after) do not
 * show. Each such pair once, with the first two such stacks in wave order.
 */
export function unmodelledOverlaps(g: DeployGraph, tunnels: readonly TunnelOutageInput[]): { readonly pair: string; readonly stacks: readonly [string, string] }[] {
  const waveOf = new Map(deployWaves(g).flatMap((w, k) => w.map((n) => [n, k] as const)));
  const byName = new Map(g.stacks.map((x) => [x.name, x]));
  const above = new Map<string, Set<string>>();
  const ancestors = (n: string): Set<string> => {
    if (!above.has(n)) above.set(n, new Set((byName.get(n)?.after ?? []).flatMap((d) => [d, ...ancestors(d)])));
    return above.get(n)!;
  };
  const out: { pair: string; stacks: readonly [string, string] }[] = [];
  for (const pair of [...new Set(tunnels.map((t) => t.pair))].sort()) {
    const stacks = [...new Set(tunnels.filter((t) => t.pair === pair).flatMap((t) => t.halves.flatMap((h) => h.changes.map((c) => c.stack))))]
      .filter((n) => waveOf.has(n)).sort((a, b) => waveOf.get(a)! - waveOf.get(b)! || a.localeCompare(b));
    const hit = stacks.flatMap((a, i) => stacks.slice(i + 1).map((b) => [a, b] as const))
      .find(([a, b]) => waveOf.get(a) !== waveOf.get(b) && !ancestors(b).has(a) && !ancestors(a).has(b));
    if (hit) out.push({ pair, stacks: hit });
  }
  return out;
}

/** The after-output's deploy graph, as `ccvpn deploy` builds it. */
function graphOfSide(side: Side): { graph: DeployGraph; from: ParallelOutage['graph'] } {
  const readJson = (file: string, what: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ChangeError(`after output: the ${what} ${file} is not readable JSON (${(e as Error).message.slice(0, 120)})`);
    }
  };
  const deps = engineDependenciesIn(side.dir, side.manifest, readJson);
  try {
    return { graph: deployGraph(side.manifest, deps.dependencies), from: deps.read.length ? 'assemblies' : 'manifest inputs only' };
  } catch (e) {
    if (e instanceof DeployGraphError) throw new ChangeError(`after output: ${e.message}`);
    throw e;
  }
}

/** Compares two synthesized outputs (folders holding `ccvpn.manifest.json`). */
export function diffOutputs(beforeDir: string, afterDir: string, options: DiffOptions = {}): ChangeReport {
  const started = Date.now();
  const before = readSide(beforeDir, 'before');
  const after = readSide(afterDir, 'after');
  const warnings = [...before.warnings, ...after.warnings];
  const resources = diffResources(before, after, warnings);
  const changed = new Map(resources.map((r) => [r.key, r]));
  const total = new Set([...resourcesOf(before).keys(), ...resourcesOf(after).keys()]).size;
  const { graph, from } = graphOfSide(after);
  const steps = sequentialSteps(graph);
  const deployedStacks = new Set(steps.flatMap((s) => s.stacks));
  for (const s of before.manifest.phases.flatMap((p) => p.stacks)) {
    if (!deployedStacks.has(s.name)) warnings.push(`stack ${s.name} is in the before output only: \`ccvpn deploy\` does not remove it; destroy it with ${s.engine} destroy once the change is deployed`);
  }

  const isReplaced = (key: string | undefined) => (key && ['replace', 'create', 'delete'].includes(changed.get(key)?.action ?? '') ? key : undefined);
  const halfBefore = new Map(before.halves.map((h) => [h.key, h]));
  const halfAfter = new Map(after.halves.map((h) => [h.key, h]));
  const siteLabel = (key: string) => after.sites.find((s) => s.key === key)?.label ?? before.sites.find((s) => s.key === key)?.label ?? key;
  const endpointLabel = (k: string | undefined) => (k ? after.deployment.endpoints.get(k)?.label ?? before.deployment.endpoints.get(k)?.label ?? k : '?');

  const halfDiff = (key: string): HalfDiff => {
    const b = halfBefore.get(key);
    const a = halfAfter.get(key);
    const h = (a ?? b)!;
    const keys = [...new Set([...(b?.resources ?? []), ...(a?.resources ?? [])])];
    const res = keys.filter((k) => changed.has(k)).map((k) => ({ key: k, action: changed.get(k)!.action }));
    const exists = a && b ? 'both' : a ? 'after' : 'before';
    if (!a || !b) return { key, cloud: h.cloud, label: h.label, exists, changes: [a ? 'new half' : 'half removed'], agreementChanged: true, resources: res };
    const outsideReplaced = isReplaced(endpointOwner(a.outsideEndpoint));
    const peerReplaced = isReplaced(endpointOwner(a.peerEndpoint));
    const agreementChanged = !same(agreement(b, { outside: 0, peer: 0 }), agreement(a, { outside: outsideReplaced ? 1 : 0, peer: peerReplaced ? 1 : 0 }));
    if (agreementChanged && !res.length) warnings.push(`${h.label}: what it must agree on with its peer changes, but none of its resources does`);
    return { key, cloud: h.cloud, label: h.label, exists, changes: describeHalf(b, a, outsideReplaced, peerReplaced, endpointLabel), agreementChanged, resources: res };
  };

  // Tunnels: verify's pairs of both sides, identified by their two half keys.
  const tunnelsById = new Map<string, { halves: readonly [TunnelHalf, TunnelHalf]; beforeHalves?: readonly [TunnelHalf, TunnelHalf]; inBefore: boolean; inAfter: boolean }>();
  for (const [side, pairs] of [['before', before.pairs], ['after', after.pairs]] as const) {
    for (const halves of pairs) {
      const id = `${halves[0].key} ⇄ ${halves[1].key}`;
      const t = tunnelsById.get(id) ?? { halves, inBefore: false, inAfter: false };
      tunnelsById.set(id, {
        ...t, halves: side === 'after' ? halves : t.halves, ...(side === 'before' ? { beforeHalves: halves } : {}),
        inBefore: t.inBefore || side === 'before', inAfter: t.inAfter || side === 'after',
      });
    }
  }
  const pairKey = (hs: readonly TunnelHalf[]) => [...new Set(hs.map((h) => h.site))].sort().join(' ⇄ ');
  // One numbering with `verify` and `verify --change` (`changeTunnelIds`), and their order.
  const refOf = changeTunnelIds({ pairs: before.pairs, unpaired: before.unpaired }, { pairs: after.pairs, unpaired: after.unpaired });
  const refOfId = (id: string) => refOf.get(halvesKey(tunnelsById.get(id)!.halves))!;
  const ids = [...tunnelsById.keys()].sort((a, b) => Number(refOfId(a).slice(1)) - Number(refOfId(b).slice(1)));
  const outageInputs: TunnelOutageInput[] = [];
  const halfDiffs = new Map<string, HalfDiff>();
  const prelim = ids.map((id) => {
    const t = tunnelsById.get(id)!;
    const halves = t.halves.map((h) => {
      if (!halfDiffs.has(h.key)) halfDiffs.set(h.key, halfDiff(h.key));
      const d = halfDiffs.get(h.key)!;
      // A half of a tunnel that exists on one side only is, for that tunnel, created or removed.
      const exists = t.inBefore && t.inAfter ? d.exists : t.inAfter ? 'after' : 'before';
      return { ...d, exists } as HalfDiff;
    });
    outageInputs.push({
      id, pair: pairKey(t.halves),
      halves: halves.map((d) => ({
        key: d.key, exists: d.exists, agreementChanged: d.agreementChanged || d.exists !== 'both',
        changes: d.resources.map((r) => ({ stack: stackOf(r.key), replaces: ['replace', 'create', 'delete'].includes(r.action) && CARRIERS.has(changed.get(r.key)!.type) })),
      })),
    });
    return { id, t, halves };
  });
  const outage = evaluateOutage(outageInputs, steps);
  const tunnels: TunnelDiff[] = prelim.map(({ id, t, halves }) => {
    const status = !t.inBefore ? 'added' : !t.inAfter ? 'removed' : halves.some((h) => h.changes.length || h.resources.length) ? 'changed' : 'unchanged';
    return {
      id, ref: refOfId(id), sides: t.halves.map((h) => `${siteLabel(h.site)} ${h.label}`).join(' ⇄ '),
      pair: pairKey(t.halves), pairLabel: pairKey(t.halves).split(' ⇄ ').map(siteLabel).join(' ⇄ '),
      status, halves, outage: outage.tunnels.find((x) => x.id === id)!,
    };
  });
  const labelled = (ps: readonly PairOutage[]) => ps.map((p) => ({ ...p, label: p.pair.split(' ⇄ ').map(siteLabel).join(' ⇄ ') }));
  const pairs = labelled(outage.pairs);
  const waves = waveSteps(graph);
  for (const o of unmodelledOverlaps(graph, outageInputs)) {
    warnings.push(`${o.pair.split(' ⇄ ').map(siteLabel).join(' ⇄ ')}: stacks ${o.stacks[0]} and ${o.stacks[1]} both change its tunnels and do not wait for each other; the waves put them apart, but with unequal deploy times \`ccvpn deploy\` may run them at once (\`--parallel 1\` or a staged rollout does not)`);
  }
  const parallelOutage = evaluateOutage(outageInputs, waves);
  const parallel: ParallelOutage = { steps: waves, graph: from, outage: parallelOutage, pairs: labelled(parallelOutage.pairs), cutsOff: parallelOutage.cutsOff };
  let staged: StagedOutage | undefined;
  if (options.rollout !== undefined) {
    const stagedSteps = stagedRollout(options.rollout, tunnels, prelim.map((x) => ({ id: x.id, halves: x.t.halves, beforeHalves: x.t.beforeHalves })), outageInputs, changed, steps);
    const stagedOutage = evaluateOutage(outageInputs, stagedSteps.steps);
    staged = { ...stagedSteps, outage: stagedOutage, pairs: labelled(stagedOutage.pairs), cutsOff: stagedOutage.cutsOff };
  }
  return {
    before: beforeDir, after: afterDir, steps, resources, unchangedResources: total - resources.length,
    tunnels, pairs, outage, parallel, ...(staged ? { staged } : {}), cutsOff: staged ? staged.cutsOff : parallel.cutsOff, warnings, seconds: (Date.now() - started) / 1000,
  };
}

/**
 * The steps of a staged rollout over the diff's tunnels (see the file comment, 5.): a rollout
 * file's (planner tunnel ids matched) or `planRollout`'s, each with the stacks of its tunnels'
 * changed resources in the deploy order, and the tunnels down with them.
 */
function stagedRollout(
  rollout: RolloutFileInput | 'planned', tunnels: readonly TunnelDiff[], verified: readonly { id: string; halves: readonly [TunnelHalf, TunnelHalf]; beforeHalves?: readonly [TunnelHalf, TunnelHalf] }[],
  inputs: readonly TunnelOutageInput[], changed: ReadonlyMap<string, ResourceChange>, order: readonly DeployStep[],
): Pick<StagedOutage, 'source' | 'steps' | 'notes'> {
  const ref = new Map(tunnels.map((t) => [t.id, t.ref]));
  const refs = (ids: readonly string[]) => ids.map((id) => ref.get(id) ?? id).join(', ');
  // Tunnels that go down together: those sharing a resource the change replaces that carries them.
  const carriers = new Map<string, string[]>();
  for (const t of tunnels) {
    for (const r of new Set(t.halves.flatMap((h) => h.resources.filter((x) => x.action === 'replace' && CARRIERS.has(changed.get(x.key)!.type)).map((x) => x.key)))) {
      carriers.set(r, [...(carriers.get(r) ?? []), t.id]);
    }
  }
  const groups = [...carriers.values()].filter((g) => g.length > 1);
  const unitOf = unionOf(tunnels.map((t) => t.id), groups);
  const notes: string[] = [];
  let planned: { step: number; tunnels: readonly string[]; alsoDown: readonly string[] }[];
  let source: StagedOutage['source'];
  if (rollout === 'planned') {
    source = 'planRollout';
    const status = new Map(tunnels.map((t) => [t.id, t.status]));
    const r = plannedRollout(verified.map((t) => ({ id: t.id, halves: t.halves, changing: status.get(t.id) !== 'unchanged' })), groups);
    for (const o of r.outages) notes.push(`rollout step ${o.step}: ${refs(o.tunnels)} ${o.tunnels.length === 1 ? 'is the only tunnel' : 'are all the tunnels'} of their site pair, down together: no order avoids the outage`);
    planned = r.steps.map((s) => ({ step: s.step, tunnels: s.tunnels, alsoDown: s.alsoDown ?? [] }));
  } else {
    source = 'rollout file';
    let mapped;
    try {
      mapped = stepsOfRolloutFile(rollout, verified.filter((t) => t.beforeHalves).map((t) => ({ id: t.id, halves: t.beforeHalves! })));
    } catch (e) {
      if (e instanceof RolloutStepsError) throw new ChangeError(`rollout file: ${e.message}`);
      throw e;
    }
    notes.push(...mapped.notes, `planner tunnels matched: ${[...mapped.mapping.tunnels].map(([p, id]) => `${p} = ${ref.get(id)}`).join(', ')}`);
    planned = mapped.steps.map((s) => ({ step: s.step, tunnels: s.tunnels, alsoDown: s.alsoDown }));
    const placed = new Set(planned.flatMap((s) => s.tunnels));
    const missing = tunnels.filter((t) => t.status !== 'unchanged' && !placed.has(t.id));
    if (missing.length) notes.push(`${refs(missing.map((t) => t.id))} change(s) but are in no step of the rollout file: they keep their before-version in this evaluation (is <after> the output of the rollout's last record?)`);
  }
  const stackOrder = new Map(order.flatMap((s) => s.stacks).map((name, i) => [name, i]));
  const steps: DeployStep[] = planned.map((s) => {
    const inStep = new Set(s.tunnels);
    const down = tunnels.filter((t) => !inStep.has(t.id) && (s.alsoDown.includes(t.id) || s.tunnels.some((x) => unitOf.get(x) === unitOf.get(t.id)))).map((t) => t.id);
    const extra = down.filter((id) => !s.alsoDown.includes(id));
    if (extra.length) notes.push(`rollout step ${s.step}: ${refs(extra)} go(es) down with ${refs(s.tunnels)}: they share a resource this change replaces`);
    const stacks = [...new Set(inputs.filter((x) => inStep.has(x.id) || down.includes(x.id)).flatMap((x) => x.halves.flatMap((h) => h.changes.map((c) => c.stack))))]
      .sort((a, b) => (stackOrder.get(a) ?? 1e9) - (stackOrder.get(b) ?? 1e9));
    return { label: `rollout step ${s.step}: ${refs(s.tunnels)}`, stacks, tunnels: s.tunnels, ...(down.length ? { alsoDown: down } : {}) };
  });
  return { source, steps, notes };
}

/** A representative per id, ids of groups sharing an id merged. */
function unionOf(ids: readonly string[], groups: readonly (readonly string[])[]): Map<string, string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  for (const g of groups) for (const id of g.slice(1)) parent.set(find(id), find(g[0]));
  return new Map(ids.map((id) => [id, find(id)]));
}

// ---------------------------------------------------------------------------------------------
// Text.

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.min(90, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The report as text: resources, tunnels, site pairs, deploy steps. */
export function renderChange(r: ChangeReport): string {
  const out: string[] = [];
  const count = (a: ResourceChange['action']) => r.resources.filter((x) => x.action === a).length;
  out.push(`ccvpn diff ${r.before} → ${r.after}`);
  out.push(`resources: ${count('replace')} replaced, ${count('update')} updated in place, ${count('create')} created, ${count('delete')} deleted${count('left') ? `, ${count('left')} left in removed stacks` : ''}; ${r.unchangedResources} unchanged`);
  if (r.resources.length) {
    out.push('');
    out.push(...table(['resource', 'action', 'attributes (engine verdict)'], r.resources.map((x) => [
      x.key, x.action,
      x.attributes.map((c) => `${c.path}${c.kind === 'reference' ? ` (reference: ${c.because})` : c.kind === 'value' ? '' : ` (${c.kind})`}: ${c.verdict.behaviour}`).join('; ') || '-',
    ])));
    const sources = [...new Set(r.resources.flatMap((x) => x.attributes.filter((c) => c.verdict.behaviour !== 'in-place').map((c) => `${x.type} ${tablePath(c.path)}: ${c.verdict.behaviour} — ${c.verdict.source}`)))];
    if (sources.length) out.push('', 'why replaced:', ...sources.map((s) => `  ${s}`));
  }
  const touched = r.tunnels.filter((t) => t.status !== 'unchanged');
  out.push('', `tunnels: ${r.tunnels.length} (${r.tunnels.filter((t) => t.status === 'unchanged').length} unchanged, ${r.tunnels.filter((t) => t.status === 'changed').length} changed, ${r.tunnels.filter((t) => t.status === 'added').length} added, ${r.tunnels.filter((t) => t.status === 'removed').length} removed)`);
  if (touched.length) {
    out.push('');
    const byWave = new Map(r.parallel.outage.tunnels.map((x) => [x.id, x]));
    out.push(...table(['tunnel', 'sides', 'status', 'down during `ccvpn deploy` (by wave)'], touched.map((t) => {
      const o = byWave.get(t.id) ?? t.outage;
      return [
        t.ref, t.sides, t.status,
        t.status === 'removed' ? (o.from ? `removed from ${o.from.label}` : 'stays up until its stacks are destroyed (not deployed any more)') : t.status === 'added' ? `up from ${o.from?.label ?? '-'}` : o.intervals.join('; ') || 'stays up',
      ];
    })));
    out.push('', 'changes per half:');
    for (const t of touched) {
      for (const h of t.halves) if (h.changes.length) out.push(`  ${t.ref} ${h.label}: ${h.changes.join('; ')}`);
    }
  }
  const sitePairs = (ps: ChangeReport['pairs']) => ps.map((p) => {
    const n = r.tunnels.filter((t) => t.pair === p.pair);
    const what = p.status === 'removed' ? 'removed by this change (no tunnel after it)'
      : p.status === 'added' ? 'new'
        : p.cutOff.length ? `CUT OFF (no tunnel up) ${p.cutOffIntervals.join('; ')}`
          : `keeps a path throughout (${p.alwaysUp.length ? `${p.alwaysUp.length} of ${n.length} tunnel(s) never down` : 'tunnels take turns'})`;
    return `  ${p.label}: ${what}`;
  });
  const cut = (ps: ChangeReport['pairs']) => ps.filter((p) => p.cutOff.length).map((p) => p.pair).join(',');
  const differ = cut(r.pairs) !== cut(r.parallel.pairs);
  out.push('', `site pairs, ${r.staged ? 'the whole change ' : ''}as \`ccvpn deploy\` runs it (stacks in parallel, a wave's stacks at once):`, ...sitePairs(r.parallel.pairs));
  if (differ) out.push('', `site pairs, ${r.staged ? 'the whole change ' : ''}as \`ccvpn deploy --parallel 1\` runs it (one stack at a time):`, ...sitePairs(r.pairs));
  else out.push(`  (\`ccvpn deploy --parallel 1\`, one stack at a time: ${r.outage.cutsOff ? 'the same site pairs lose every path' : 'no site pair loses every path either'})`);
  out.push('', `deploy waves (the after-manifest's deploy graph${r.parallel.graph === 'assemblies' ? '' : ', from the manifest inputs only: the output holds no engine assembly manifest'}; \`ccvpn deploy\` deploys a stack once the stacks it waits for are done):`);
  r.parallel.steps.forEach((s) => out.push(`  ${s.label}: ${s.stacks.join(', ')}`));
  out.push('', 'deploy steps of `ccvpn deploy --parallel 1` (one stack at a time, in the order it runs them):');
  r.steps.forEach((s, i) => out.push(`  ${i + 1}. ${s.label}`));
  if (r.staged) {
    const ref = new Map(r.tunnels.map((t) => [t.id, t.ref]));
    const source = r.staged.source === 'rollout file' ? 'the rollout file\'s steps' : 'the steps planRollout chooses: one tunnel of a site pair per step';
    out.push('', `staged rollout (${source}), as \`ccvpn deploy --rollout\` runs it:`);
    r.staged.steps.forEach((s) => out.push(`  ${s.label}: ${s.stacks.join(', ') || 'no stack changes'}${s.alsoDown?.length ? `; also down: ${s.alsoDown.map((id) => ref.get(id) ?? id).join(', ')}` : ''}`));
    for (const n of r.staged.notes) out.push(`  note: ${n}`);
    out.push('', 'site pairs, staged:', ...sitePairs(r.staged.pairs));
  }
  if (r.warnings.length) out.push('', 'warnings:', ...r.warnings.map((w) => `  - ${w}`));
  const plan = r.staged ? 'the staged rollout' : 'this change';
  const avoid = r.staged ? '' : `${r.outage.cutsOff ? '' : '; `ccvpn deploy --parallel 1` (one stack at a time) keeps every path'}; a staged rollout (\`ccvpn rotate\`, then \`ccvpn deploy --rollout\`; \`ccvpn diff --staged\` evaluates one) changes one tunnel of a site pair per step`;
  const slower = !r.staged && !r.cutsOff && r.outage.cutsOff ? '; `ccvpn deploy --parallel 1` would cut a site pair off' : '';
  out.push('', r.cutsOff ? `diff: a site pair loses every path during ${plan} (exit code 2)${avoid}` : `diff: no site pair loses every path during ${plan}${slower} (${r.seconds.toFixed(1)} s)`);
  return `${out.join('\n')}\n`;
}
