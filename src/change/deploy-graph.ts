/**
 * The dependency graph of a deployment's stacks, and a bounded-parallel run over it. Pure: no
 * files, no processes (`ccvpn deploy` reads the manifests and runs the CLIs; the bench and the
 * tests drive the same run with stand-ins).
 *
 * A stack waits for exactly what it reads, not for a phase barrier:
 *
 * - **manifest inputs**: the values that cross engines, as `CrossCloudVpn.writeManifest` records
 *   them (`ManifestStack.inputs`: a CloudFormation parameter or Terraform variable fed from another
 *   stack's output), e.g. an Azure link stack of phase 3 reads the outside IPs of its own AWS
 *   connections, and nothing else;
 * - **engine dependencies**: references inside one app, which the engines resolve themselves
 *   and record in their assemblies: `artifacts.<id>.dependencies` in the cloud assembly's
 *   `manifest.json` (a cross-stack export / `Fn::ImportValue`), `stacks.<name>.dependencies` in
 *   cdktf's `manifest.json` (a `terraform_remote_state` of the other stack). A link stack depends
 *   on its gateway's stack this way. A dependency on a stack the deployment manifest does not list
 *   (the user's network stack, say) becomes a node of its own (`external`), deployed once, in
 *   order, as the engine's own CLI would have deployed it along; it is never destroyed.
 *
 * `runGraph` starts a stack as soon as every stack it waits for has finished (deployed or
 * skipped), at most `parallel` at a time, the ones with the longest chain of stacks waiting
 * behind them first (then the ones most stacks wait for: the usual list-scheduling priorities when
 * stack times are not known); after a failure it starts nothing more and waits for the running ones.
 */
import type { StackEngine } from '../contract';
import type { DeploymentManifest } from '../manifest';

/** One stack of the graph. */
export interface GraphStack {
  /** Stack name (unique in a deployment manifest across both engines). */
  readonly name: string;
  readonly engine: StackEngine;
  /** Its phase in the manifest; 0 for an `external` stack. */
  readonly phase: number;
  /** Names of the stacks it waits for (its inputs' producers and its engine dependencies), sorted. */
  readonly after: readonly string[];
  /** A stack the manifest does not list, that a listed stack of the same engine depends on. */
  readonly external: boolean;
}

/** Stacks in manifest order (phase, then position; external stacks first). */
export interface DeployGraph {
  readonly stacks: readonly GraphStack[];
}

/**
 * What each engine's assembly says a stack depends on: `engine:name` → names of stacks of the same
 * engine (artifact ids that are not stacks, such as asset manifests, left out by the reader).
 */
export type EngineDependencies = ReadonlyMap<string, readonly string[]>;

/** A graph that cannot be run: a dependency cycle, a stack named twice. */
export class DeployGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployGraphError';
  }
}

const engineKey = (engine: StackEngine, name: string) => `${engine}:${name}`;

/**
 * The graph of a (valid, see `manifestProblems`) deployment manifest and its engines' dependencies.
 *
 * @throws DeployGraphError when engine dependencies and manifest inputs make a cycle
 */
export function deployGraph(m: DeploymentManifest, engineDependencies: EngineDependencies = new Map()): DeployGraph {
  const listed = [...m.phases].sort((a, b) => a.phase - b.phase).flatMap((p) => p.stacks.map((s) => ({ s, phase: p.phase })));
  const byName = new Map(listed.map(({ s }) => [s.name, s]));
  const external = new Map<string, StackEngine>();
  const depsOf = (engine: StackEngine, name: string) => engineDependencies.get(engineKey(engine, name)) ?? [];
  // Externals: reachable through engine dependencies from a listed stack, not listed themselves.
  const queue = listed.map(({ s }) => ({ engine: s.engine, name: s.name }));
  while (queue.length) {
    const { engine, name } = queue.shift()!;
    for (const dep of depsOf(engine, name)) {
      if (dep === name) continue;
      const known = byName.get(dep);
      if (known && known.engine !== engine) throw new DeployGraphError(`the ${engine} assembly says stack '${name}' depends on '${dep}', but the manifest's '${dep}' is a ${known.engine} stack`);
      if (!known && !external.has(dep)) {
        external.set(dep, engine);
        queue.push({ engine, name: dep });
      }
    }
  }
  const stacks: GraphStack[] = [];
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  for (const [name, engine] of external) {
    stacks.push({ name, engine, phase: 0, after: sorted(depsOf(engine, name).filter((d) => d !== name)), external: true });
  }
  for (const { s, phase } of listed) {
    const after = [...s.inputs.map((i) => i.from.stack), ...depsOf(s.engine, s.name)].filter((d) => d !== s.name);
    stacks.push({ name: s.name, engine: s.engine, phase, after: sorted(after), external: false });
  }
  const graph = { stacks };
  checkAcyclic(graph);
  return graph;
}

/** Throws on a cycle, naming it. */
function checkAcyclic(g: DeployGraph): void {
  const after = new Map(g.stacks.map((s) => [s.name, s.after]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') throw new DeployGraphError(`the stacks depend on each other in a cycle: ${[...path.slice(path.indexOf(n)), n].join(' → ')}`);
    state.set(n, 'open');
    path.push(n);
    for (const d of after.get(n) ?? []) visit(d);
    path.pop();
    state.set(n, 'done');
  };
  for (const s of g.stacks) visit(s.name);
}

/**
 * The graph restricted to some stacks: edges to stacks left out are dropped (their outputs come
 * from the outputs kept by an earlier run), e.g. `ccvpn deploy --phase N`.
 */
export function subgraph(g: DeployGraph, keep: (s: GraphStack) => boolean): DeployGraph {
  const kept = new Set(g.stacks.filter(keep).map((s) => s.name));
  return { stacks: g.stacks.filter((s) => kept.has(s.name)).map((s) => ({ ...s, after: s.after.filter((d) => kept.has(d)) })) };
}

/** The graph for destroying: every stack waits for the stacks that waited for it; externals left out. */
export function reversed(g: DeployGraph): DeployGraph {
  const inner = g.stacks.filter((s) => !s.external);
  const names = new Set(inner.map((s) => s.name));
  const dependents = new Map(inner.map((s) => [s.name, [] as string[]]));
  for (const s of inner) for (const d of s.after) if (names.has(d)) dependents.get(d)!.push(s.name);
  return { stacks: [...inner].reverse().map((s) => ({ ...s, after: dependents.get(s.name)!.sort() })) };
}

/**
 * The graph's waves: wave 1 the stacks that wait for nothing, wave k the stacks whose `after`
 * stacks are all in earlier waves (edges to stacks outside the graph ignored), each wave in
 * manifest order. The stacks of a wave never wait for one another: this is how `runGraph` runs
 * the graph when `parallel` is at least the widest wave and the stacks take alike times, every
 * stack of a wave at once (`ccvpn diff` evaluates a deploy's outage over them). It is not every
 * run: with unequal times a stack of wave k+1 may start while a slow one of wave k still runs.
 */
export function deployWaves(g: DeployGraph): string[][] {
  const names = new Set(g.stacks.map((s) => s.name));
  const wave = new Map<string, number>();
  const byName = new Map(g.stacks.map((s) => [s.name, s]));
  const of = (n: string): number => {
    if (!wave.has(n)) wave.set(n, 1 + Math.max(0, ...byName.get(n)!.after.filter((d) => names.has(d)).map(of)));
    return wave.get(n)!;
  };
  const waves: string[][] = [];
  for (const s of g.stacks) (waves[of(s.name) - 1] ??= []).push(s.name);
  return waves;
}

/**
 * The longest chain of the graph when each stack takes `duration(stack)` (any unit): the least
 * wall time of any schedule, however parallel.
 */
export function criticalPath(g: DeployGraph, duration: (s: GraphStack) => number): { readonly length: number; readonly path: readonly string[] } {
  const byName = new Map(g.stacks.map((s) => [s.name, s]));
  const memo = new Map<string, { length: number; path: string[] }>();
  const finish = (n: string): { length: number; path: string[] } => {
    const hit = memo.get(n);
    if (hit) return hit;
    const s = byName.get(n)!;
    let best = { length: 0, path: [] as string[] };
    for (const d of s.after) if (byName.has(d) && finish(d).length > best.length) best = finish(d);
    const r = { length: best.length + duration(s), path: [...best.path, n] };
    memo.set(n, r);
    return r;
  };
  let best = { length: 0, path: [] as string[] };
  for (const s of g.stacks) if (finish(s.name).length > best.length) best = finish(s.name);
  return best;
}

/** How one stack's run ended. */
export type StackOutcome = 'deployed' | 'skipped';

/** Options of `runGraph`. */
export interface RunGraphOptions {
  /** Most stacks running at once; an integer ≥ 1. */
  readonly parallel: number;
  /** Runs one stack; resolves when it is done (or skipped), rejects when it failed. */
  readonly run: (stack: GraphStack) => Promise<StackOutcome>;
  /**
   * Told when a stack starts and ends (for live output).
   *
   * @default - nothing is told
   */
  readonly on?: (event: GraphEvent) => void;
}

/** A stack started, finished, was skipped or failed (`error` is what `run` rejected with). */
export type GraphEvent =
  | { readonly type: 'start'; readonly stack: GraphStack }
  | { readonly type: 'deployed' | 'skipped'; readonly stack: GraphStack }
  | { readonly type: 'failed'; readonly stack: GraphStack; readonly error: unknown };

/** The end of a run. */
export interface GraphRun {
  /** Stacks that ended well, in the order they ended. */
  readonly finished: readonly { readonly name: string; readonly outcome: StackOutcome }[];
  /** Stacks that failed, in the order they failed. */
  readonly failed: readonly { readonly name: string; readonly error: unknown }[];
  /** Stacks never started (after a failure, or waiting for a failed stack), in manifest order. */
  readonly notStarted: readonly string[];
}

/**
 * For each stack, the number of stacks on the longest chain waiting behind it (itself included),
 * and the number of stacks waiting behind it at all.
 */
function behindEach(g: DeployGraph): { chain: Map<string, number>; all: Map<string, number> } {
  const dependents = new Map(g.stacks.map((s) => [s.name, [] as string[]]));
  for (const s of g.stacks) for (const d of s.after) dependents.get(d)?.push(s.name);
  const chain = new Map<string, number>();
  const depth = (n: string): number => {
    if (!chain.has(n)) chain.set(n, 1 + Math.max(0, ...dependents.get(n)!.map(depth)));
    return chain.get(n)!;
  };
  const all = new Map<string, number>();
  for (const s of g.stacks) {
    depth(s.name);
    const seen = new Set<string>();
    const walk = (n: string) => dependents.get(n)!.forEach((d) => { if (!seen.has(d)) { seen.add(d); walk(d); } });
    walk(s.name);
    all.set(s.name, seen.size);
  }
  return { chain, all };
}

/** The stacks, the ones `runGraph` starts first when several are ready first (see the file header). */
function byPriority(g: DeployGraph): GraphStack[] {
  const behind = behindEach(g);
  const order = new Map(g.stacks.map((s, i) => [s.name, i]));
  return [...g.stacks].sort((a, b) => behind.chain.get(b.name)! - behind.chain.get(a.name)! || behind.all.get(b.name)! - behind.all.get(a.name)! || order.get(a.name)! - order.get(b.name)!);
}

/**
 * The order `runGraph` deploys the stacks in with `parallel: 1` when none fails: each time the
 * first ready stack by its priorities (`ccvpn deploy --parallel 1`).
 */
export function sequentialOrder(g: DeployGraph): GraphStack[] {
  const names = new Set(g.stacks.map((s) => s.name));
  const waiting = byPriority(g);
  const ended = new Set<string>();
  const out: GraphStack[] = [];
  while (waiting.length) {
    const i = waiting.findIndex((s) => s.after.every((d) => ended.has(d) || !names.has(d)));
    const [stack] = waiting.splice(i, 1); // acyclic (deployGraph checks), so one is always ready
    ended.add(stack.name);
    out.push(stack);
  }
  return out;
}

/**
 * Runs every stack of the graph, each once its `after` stacks have finished, at most
 * `parallel` at a time; after the first failure starts no more and waits for the running ones.
 */
export function runGraph(g: DeployGraph, o: RunGraphOptions): Promise<GraphRun> {
  if (!Number.isInteger(o.parallel) || o.parallel < 1) throw new DeployGraphError(`parallel must be an integer ≥ 1, got ${String(o.parallel)}`);
  const names = new Set(g.stacks.map((s) => s.name));
  const order = new Map(g.stacks.map((s, i) => [s.name, i]));
  const waiting = byPriority(g);
  const ended = new Set<string>();
  const finished: { name: string; outcome: StackOutcome }[] = [];
  const failed: { name: string; error: unknown }[] = [];
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      while (failed.length === 0 && running < o.parallel) {
        const i = waiting.findIndex((s) => s.after.every((d) => ended.has(d) || !names.has(d)));
        if (i < 0) break;
        const [stack] = waiting.splice(i, 1);
        running++;
        o.on?.({ type: 'start', stack });
        let started: Promise<StackOutcome>;
        try {
          started = o.run(stack);
        } catch (error) {
          started = Promise.reject(error);
        }
        started.then((outcome) => {
          running--;
          ended.add(stack.name);
          finished.push({ name: stack.name, outcome });
          o.on?.({ type: outcome, stack });
          pump();
        }, (error: unknown) => {
          running--;
          failed.push({ name: stack.name, error });
          o.on?.({ type: 'failed', stack, error });
          pump();
        });
      }
      if (running === 0) resolve({ finished, failed, notStarted: waiting.map((s) => s.name).sort((a, b) => order.get(a)! - order.get(b)!) });
    };
    pump();
  });
}
