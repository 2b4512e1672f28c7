/**
 * `ccvpn deploy` / `ccvpn destroy`: deploy the stacks of a deployment manifest with the real `cdk`
 * and `cdktf` CLIs, each as soon as the stacks it reads are done (`src/change/deploy-graph.ts`:
 * the manifest's inputs and the engines' own dependencies, not phase barriers), at most
 * `--parallel N` at a time. Each stack's outputs are passed to the stacks that read them as
 * CloudFormation parameters / Terraform variables, and kept in `ccvpn.outputs.json` beside the
 * manifest as each stack finishes; `ccvpn.deployed.json` records what each stack was deployed from
 * (digests of its synthesized file and of its inputs), so that a run started again after a
 * failure skips the stacks already deployed from the same output and inputs (`--force` deploys
 * them all). A single phase can be run later (`--phase N`). Each stack's CLI output goes to its own
 * log, `ccvpn.logs/<stack>.log` beside the manifest (mode 0600, every pre-shared key written literally
 * in the stack's synthesized file redacted); the terminal gets one line per event.
 *
 * `ccvpn deploy --rollout <file> --synth "<command>"` runs a rollout (`ccvpn rotate`) step by step:
 * each step's record is written to the allocations file the app reads, the app is synthesized
 * again, and the stacks whose output (or inputs) changed are deployed with the same scheduler.
 *
 * The engines' CLIs are told to deploy the named stack only (`cdk deploy --exclusively`, `cdktf
 * deploy --ignore-missing-stack-dependencies`): the scheduler has already deployed what it
 * depends on. Without them `cdk` deploys a stack's dependencies again along with it, and cdktf
 * refuses a stack whose dependencies are not in the same command ("The following dependencies
 * are not included in the stacks to run", `@cdktf/cli-core` 0.21 `stack-helpers.js`
 * `checkIfAllDependenciesAreIncluded`; flag described in `aws-cdk` `cli-type-registry.json`,
 * `deploy.options.exclusively`: "Only deploy requested stacks, don't include dependencies").
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployGraph, DeployGraphError, EngineDependencies, GraphRun, GraphStack, deployGraph, reversed, runGraph, subgraph } from '../change/deploy-graph';
import { engineDependenciesIn } from '../change/engine-dependencies';
import { RolloutFile, rolloutFileProblems } from '../change/rotation';
import { DeploymentManifest, ManifestStack, manifestProblems } from '../manifest';
import type { AllocationRecord } from '../plan/topology';
import { engineCli } from './engine-cli';
import { CliError, oneLine, readJsonFile, readTextFile, tempFolder, writeOutput } from './files';

export const DEFAULT_MANIFEST = path.join('out', 'ccvpn.manifest.json');
const STATE_FILE = 'ccvpn.outputs.json';
const RECORDS_FILE = 'ccvpn.deployed.json';
const LOG_DIR = 'ccvpn.logs';

/**
 * Stacks deployed at once by default. Deploying is waiting on the clouds, so the bound is the
 * machine's memory, not its cores: each running stack is a `cdk` or `cdktf` Node process, and a
 * Terraform process with its provider plugin, several hundred MB together (an estimate, not a
 * measurement). 8 runs the gateway level of most deployments (one gateway stack per site: the
 * three-cloud mesh has 3) together without asking a 7 GB CI runner for more than it has; cdktf's
 * own `--parallelism` is unbounded by default. Raise it for wider deployments: a gateway waiting
 * for a slot waits for a whole gateway provisioning (an Azure VPN gateway, 45 minutes).
 */
export const DEFAULT_PARALLEL = 8;

export interface DeployOptions {
  readonly manifest: string;
  readonly destroy?: boolean;
  readonly dryRun?: boolean;
  /** Run only this phase (inputs from earlier phases come from the outputs file). */
  readonly phase?: number;
  /**
   * Most stacks deployed at once; an integer ≥ 1.
   *
   * @default DEFAULT_PARALLEL
   */
  readonly parallel?: number;
  /**
   * Deploy every stack, also those deployed already from the same synthesized output and inputs.
   *
   * @default false
   */
  readonly force?: boolean;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

type Outputs = Record<string, Record<string, string>>;

/** What a stack was last deployed from (digests only: the files hold keys). */
interface DeployRecord {
  readonly engine: string;
  /** sha256 of its synthesized file. */
  readonly synthesized: string;
  /** sha256 of its input values (name=value lines, sorted). */
  readonly inputs: string;
}

/** The exception that stops a run with a message and exit code 1. */
class DeployError extends Error {}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

function loadManifest(file: string): DeploymentManifest {
  if (!fs.existsSync(file)) throw new DeployError(`cannot read the deployment manifest ${file}: no such file (run \`npm run example\` or your app's synth first)`);
  const m = readJsonFile(file, 'deployment manifest') as DeploymentManifest;
  const problems = manifestProblems(m);
  if (problems.length) throw new DeployError(`${file}: ${problems.join('; ')}`);
  return m;
}

/** Output keyed from the published demo secret must never reach a cloud (destroying it is fine). */
function refuseDemoKeys(m: DeploymentManifest, file: string, destroy: boolean): void {
  if (destroy || m.keys?.demoSecret !== true) return;
  throw new DeployError(`${file}: this output's pre-shared keys are derived from the published demo secret (anyone can recompute them); synthesize again with your own CCVPN_MASTER_SECRET (e.g. \`export CCVPN_MASTER_SECRET=$(openssl rand -base64 32)\`, kept in a secret store) before deploying`);
}

/** The command line for one stack; `inputs` maps input names to values (or placeholders in a dry run). */
function commandFor(m: DeploymentManifest, dir: string, stack: ManifestStack, inputs: Record<string, string>, destroy: boolean, outputsFile: string): [string, string[]] {
  if (stack.engine === 'cdk') {
    const app = path.join(dir, m.cdkOut ?? 'cdk.out');
    if (destroy) return ['cdk', ['destroy', stack.name, '--app', app, '--force', '--no-notices']];
    const params = Object.entries(inputs).flatMap(([k, v]) => ['--parameters', `${stack.name}:${k}=${v}`]);
    return ['cdk', ['deploy', stack.name, '--app', app, '--require-approval', 'never', '--no-notices', '--outputs-file', outputsFile, ...params]];
  }
  const outDir = path.join(dir, m.cdktfOut ?? 'cdktf.out');
  const vars = Object.entries(inputs).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
  if (destroy) return [engineCli(stack.engine), ['destroy', stack.name, '--skip-synth', '--output', outDir, '--auto-approve', ...vars]];
  return [engineCli(stack.engine), ['deploy', stack.name, '--skip-synth', '--output', outDir, '--auto-approve', '--outputs-file', outputsFile, ...vars]];
}



/**
 * The command line the scheduler runs for one stack: the engine's own (`commandFor`), told to
 * deploy that stack only (see the file comment).
 */
function scheduledCommand(m: DeploymentManifest, dir: string, stack: ManifestStack, inputs: Record<string, string>, destroy: boolean, outputsFile: string): [string, string[]] {
  const [cmd, args] = commandFor(m, dir, stack, inputs, destroy, outputsFile);
  return [cmd, [...args.slice(0, 2), stack.engine === 'cdk' ? '--exclusively' : '--ignore-missing-stack-dependencies', ...args.slice(2)]];
}

/** Where a run stands: the manifest, its folder, the outputs and records kept beside it. */
interface RunContext {
  readonly m: DeploymentManifest;
  readonly manifestFile: string;
  readonly dir: string;
  readonly stateFile: string;
  readonly state: Outputs;
  readonly recordsFile: string;
  readonly records: Record<string, DeployRecord>;
  readonly destroy: boolean;
  readonly dryRun: boolean;
  readonly out: (s: string) => void;
}

/** Writes a file whole or not at all (a run stopped mid-write leaves the previous one). */
function writeAtomically(file: string, text: string, what: string): void {
  const scratch = `${file}.${process.pid}.tmp`;
  writeOutput(scratch, text, what);
  try {
    fs.renameSync(scratch, file);
  } catch (e) {
    fs.rmSync(scratch, { force: true });
    throw new CliError(`cannot write the ${what} ${file}: ${oneLine(e)}`);
  }
}

const phaseOf = (m: DeploymentManifest) => new Map(m.phases.flatMap((p) => p.stacks.map((s) => [s.name, p.phase] as const)));

/** The values of a stack's inputs from the kept outputs (placeholders in a dry run). */
function inputsOf(c: RunContext, stack: ManifestStack): Record<string, string> {
  const phases = phaseOf(c.m);
  const inputs: Record<string, string> = {};
  for (const input of stack.inputs) {
    const value = c.state[input.from.stack]?.[input.from.output];
    if (value !== undefined) {
      inputs[input.name] = value;
    } else if (c.dryRun) {
      inputs[input.name] = `<${input.from.stack}.${input.from.output}>`;
    } else {
      throw new DeployError(`stack '${stack.name}' (phase ${phases.get(stack.name)}) needs input '${input.name}' from output '${input.from.output}' of stack '${input.from.stack}' (phase ${phases.get(input.from.stack)}), which has not been deployed; run phase ${phases.get(input.from.stack)} first`);
    }
  }
  return inputs;
}

/** The manifest's entry for a graph stack (an external stack reads and publishes nothing). */
function manifestStack(c: RunContext, g: GraphStack): ManifestStack {
  return c.m.phases.flatMap((p) => p.stacks).find((s) => s.name === g.name) ?? { name: g.name, engine: g.engine, inputs: [], outputs: [] };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const inputsDigest = (inputs: Record<string, string>) => sha256(Object.entries(inputs).map(([k, v]) => `${k}=${v}`).sort().join('\n'));

/** The digest of a stack's synthesized file, or `undefined` when there is none to read. */
function synthesizedDigest(c: RunContext, stack: ManifestStack): string | undefined {
  const file = stackFile(c, stack);
  return fs.existsSync(file) ? sha256(readTextFile(file, `synthesized output of stack '${stack.name}'`)) : undefined;
}

/** Why a stack need not be deployed again, or `undefined`: deployed from the same output and inputs, its outputs kept. */
function unchanged(c: RunContext, stack: ManifestStack, inputs: Record<string, string>): boolean {
  const record = Object.hasOwn(c.records, stack.name) ? c.records[stack.name] : undefined;
  if (!record || record.engine !== stack.engine || record.inputs !== inputsDigest(inputs)) return false;
  if (!stack.outputs.every((o) => c.state[stack.name]?.[o] !== undefined)) return false;
  return record.synthesized === synthesizedDigest(c, stack);
}

const logFile = (c: RunContext, stack: { name: string }) => path.join(c.dir, LOG_DIR, `${stack.name.replace(/[^\w.-]/g, '_')}.log`);
/** A path as the user would type it: relative to the current folder when inside it. */
const shownPath = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
};

/** Attribute names under which a synthesized file holds a pre-shared key (Terraform, CloudFormation). */
const KEY_ATTRIBUTES = /^(psk|shared_key|pre_shared_key|PreSharedKey)$/;

/**
 * The pre-shared keys written literally in a stack's synthesized file. Terraform prints a
 * resource's attributes in its plan unless the provider marks them sensitive, and alicloud's
 * `psk` is not (provider schema `alicloud_vpn_connection` `ike_config.psk`,
 * `tunnel_options_specification.tunnel_ike_config.psk`: no `sensitive`), so `cdktf deploy`
 * prints them: the logs never hold them.
 */
function keysIn(c: RunContext, stack: ManifestStack): string[] {
  const file = stackFile(c, stack);
  if (!fs.existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(file, `synthesized output of stack '${stack.name}'`));
  } catch {
    return [];
  }
  const keys = new Set<string>();
  const walk = (v: unknown, name?: string): void => {
    if (typeof v === 'string') {
      if (name !== undefined && KEY_ATTRIBUTES.test(name) && v.length >= 4 && !v.startsWith('${')) keys.add(v);
    } else if (Array.isArray(v)) {
      v.forEach((x) => walk(x, name));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(data);
  return [...keys].sort((a, b) => b.length - a.length);
}

/** Writes a child's output to a log line by line, every key in `keys` replaced. */
function redactingWriter(fd: number, keys: readonly string[]): { write: (chunk: Buffer) => void; end: () => void } {
  let pending = '';
  const redact = (text: string) => keys.reduce((t, k) => t.split(k).join('<psk:redacted>'), text);
  return {
    write: (chunk) => {
      pending += chunk.toString('utf8');
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return;
      fs.writeSync(fd, redact(pending.slice(0, cut + 1)));
      pending = pending.slice(cut + 1);
    },
    end: () => {
      if (pending) fs.writeSync(fd, redact(pending));
      pending = '';
    },
  };
}

/**
 * Runs one command with its output (stdout and stderr, as it comes) to `log`, the keys it may
 * print redacted; resolves with why it failed, or `undefined`.
 */
function spawnLogged(cmd: string, args: readonly string[], cwd: string, log: string, keys: readonly string[]): Promise<string | undefined> {
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, 'w', 0o600);
  fs.writeSync(fd, `$ ${[cmd, ...args].map(quote).join(' ')}\n`);
  const streams = [redactingWriter(fd, keys), redactingWriter(fd, keys)];
  return new Promise((resolve) => {
    let ended = false;
    const end = (why: string | undefined) => {
      if (ended) return;
      ended = true;
      streams.forEach((s) => s.end());
      fs.closeSync(fd);
      resolve(why);
    };
    try {
      const child = spawn(cmd, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', streams[0].write);
      child.stderr.on('data', streams[1].write);
      child.on('error', (e) => end(e.message));
      child.on('close', (code, signal) => end(code === 0 ? undefined : signal ? `${cmd} was stopped by ${signal}` : `${cmd} exited with ${code}`));
    } catch (e) {
      end(oneLine(e));
    }
  });
}

/** The last lines of a log, for the terminal when its stack failed. */
function logTail(file: string, lines = 8): string[] {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).slice(-lines);
  } catch {
    return [];
  }
}

/** A duration for the terminal: `4.2 s`, `41 s`, `45 min 12 s`. */
const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s` : `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`);

/**
 * Deploys (or destroys) one stack with its engine's CLI, its output to its log; keeps its outputs
 * and what it was deployed from as soon as it is done.
 */
async function runStack(c: RunContext, stack: ManifestStack, inputs: Record<string, string>): Promise<void> {
  const scratch = makeScratch();
  const outputsFile = path.join(scratch, 'outputs.json');
  const [cmd, args] = scheduledCommand(c.m, c.dir, stack, inputs, c.destroy, outputsFile);
  const log = logFile(c, stack);
  let written: Outputs = {};
  try {
    const why = await spawnLogged(cmd, args, c.dir, log, keysIn(c, stack));
    if (why) throw new DeployError(`${why}; its log: ${shownPath(log)}`);
    if (!c.destroy && fs.existsSync(outputsFile)) written = readOutputs(outputsFile, `outputs file ${cmd} wrote for stack '${stack.name}'`);
  } finally {
    // The outputs are copied into the state file; the scratch folder never outlives the stack.
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!c.destroy) {
    const mine = written[stack.name] ?? {};
    const missing = stack.outputs.filter((name) => mine[name] === undefined);
    if (missing.length) throw new DeployError(`stack '${stack.name}' deployed but did not report output(s) ${missing.join(', ')} that other stacks read`);
    c.state[stack.name] = Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, String(v)]));
    const synthesized = synthesizedDigest(c, stack);
    if (synthesized) c.records[stack.name] = { engine: stack.engine, synthesized, inputs: inputsDigest(inputs) };
  } else {
    delete c.state[stack.name];
    delete c.records[stack.name];
  }
  writeAtomically(c.stateFile, `${JSON.stringify(c.state, null, 2)}\n`, 'outputs file');
  writeAtomically(c.recordsFile, `${JSON.stringify({ version: 1, stacks: c.records }, null, 2)}\n`, 'deploy records file');
}

/** What the scheduler does with a stack once what it reads is there. */
type Decision = { readonly run: true; readonly why?: string } | { readonly run: false; readonly why: string; readonly quiet?: boolean };

/**
 * Runs a graph with the engines' CLIs: each stack once the stacks it waits for are done, at most
 * `parallel` at a time, one terminal line per event; a failure stops new starts, lets the running
 * stacks finish, and ends in one `DeployError` naming every failure and what did not start.
 */
async function runScheduled(c: RunContext, g: DeployGraph, parallel: number, decide: (stack: ManifestStack, inputs: Record<string, string>) => Decision, failed: (stack: ManifestStack, why: string) => string): Promise<GraphRun> {
  const verb = c.destroy ? 'destroy' : 'deploy';
  const r = await runGraph(g, {
    parallel,
    run: async (node) => {
      const stack = manifestStack(c, node);
      const inputs = c.destroy ? Object.fromEntries(stack.inputs.flatMap((i) => {
        const v = c.state[i.from.stack]?.[i.from.output];
        return v === undefined ? [] : [[i.name, v]];
      })) : inputsOf(c, stack);
      const d = decide(stack, inputs);
      if (!d.run) {
        if (!d.quiet) c.out(`[${stack.name}] ${d.why}: skipped\n`);
        return 'skipped';
      }
      c.out(`[${stack.name}] ${verb === 'deploy' ? 'deploying' : 'destroying'}${d.why ? ` (${d.why})` : ''}; log: ${shownPath(logFile(c, stack))}\n`);
      const start = Date.now();
      try {
        await runStack(c, stack, inputs);
      } catch (e) {
        const why = e instanceof DeployError || e instanceof CliError ? e.message : oneLine(e);
        c.out(`[${stack.name}] failed after ${seconds(Date.now() - start)}: ${why}\n`);
        for (const line of logTail(logFile(c, stack))) c.out(`[${stack.name}] | ${line}\n`);
        throw new DeployError(failed(stack, why));
      }
      c.out(`[${stack.name}] ${verb}ed in ${seconds(Date.now() - start)}\n`);
      return 'deployed';
    },
  });
  if (r.failed.length) {
    const reasons = r.failed.map((f) => (f.error instanceof DeployError || f.error instanceof CliError ? f.error.message : oneLine(f.error)));
    const rest = r.notStarted.length ? `; not started: ${r.notStarted.join(', ')}` : '';
    throw new DeployError(`${reasons.join('; and ')}; stopped${rest}`);
  }
  return r;
}

/** What each engine's assembly says its stacks depend on (none when an assembly is not there, e.g. a dry run before synth). */
function engineDependencies(c: RunContext): EngineDependencies {
  return engineDependenciesIn(c.dir, c.m, readJsonFile).dependencies;
}

/** The deployment's graph; `DeployError` on a cycle. */
function graphOf(c: RunContext): DeployGraph {
  try {
    return deployGraph(c.m, engineDependencies(c));
  } catch (e) {
    if (e instanceof DeployGraphError) throw new DeployError(`${c.manifestFile}: ${e.message}`);
    throw e;
  }
}

/** A kept deploy records file, checked. */
function readRecords(file: string): Record<string, DeployRecord> {
  if (!fs.existsSync(file)) return {};
  const data = readJsonFile(file, 'deploy records file') as { version?: unknown; stacks?: Record<string, Partial<DeployRecord>> };
  const ok = typeof data === 'object' && data !== null && data.version === 1 && typeof data.stacks === 'object' && data.stacks !== null
    && Object.values(data.stacks).every((r) => typeof r === 'object' && r !== null && typeof r.engine === 'string' && typeof r.synthesized === 'string' && typeof r.inputs === 'string');
  if (!ok) throw new DeployError(`the deploy records file ${file} is not one (version 1 with stacks, each { engine, synthesized, inputs }); delete it to deploy every stack again`);
  return data.stacks as Record<string, DeployRecord>;
}

function context(manifest: string, m: DeploymentManifest, o: { destroy?: boolean; dryRun?: boolean; out: (s: string) => void }): RunContext {
  const dir = path.dirname(path.resolve(manifest));
  const stateFile = path.join(dir, STATE_FILE);
  const recordsFile = path.join(dir, RECORDS_FILE);
  const state: Outputs = fs.existsSync(stateFile) ? readOutputs(stateFile, 'outputs file') : {};
  return { m, manifestFile: manifest, dir, stateFile, state, recordsFile, records: readRecords(recordsFile), destroy: o.destroy === true, dryRun: o.dryRun === true, out: o.out };
}

/** Prints what a run would do: per phase, each stack's command and what it waits for. */
function printDryRun(c: RunContext, g: DeployGraph, parallel: number): void {
  const verb = c.destroy ? 'destroy' : 'deploy';
  c.out(`${verb} ${g.stacks.length} stack(s), at most ${parallel} at a time, each as soon as the stacks it waits for are done\n`);
  const byName = new Map(g.stacks.map((s) => [s.name, s]));
  const externals = g.stacks.filter((s) => s.external);
  if (externals.length) c.out(`== stacks the manifest's stacks depend on in their own app: ${externals.map((s) => s.name).join(', ')}\n`);
  for (const s of externals) c.out(`$ ${[...scheduledCommand(c.m, c.dir, manifestStack(c, s), {}, c.destroy, '<outputs file>')].flat().map(quote).join(' ')}\n`);
  const phases = [...c.m.phases].sort((a, b) => (c.destroy ? b.phase - a.phase : a.phase - b.phase));
  for (const phase of phases) {
    const stacks = phase.stacks.filter((s) => byName.has(s.name));
    if (!stacks.length) continue;
    c.out(`== phase ${phase.phase}: ${phase.description} (${stacks.map((s) => s.name).join(', ')})\n`);
    for (const stack of stacks) {
      const after = byName.get(stack.name)!.after;
      const [cmd, args] = scheduledCommand(c.m, c.dir, stack, inputsOf(c, stack), c.destroy, path.join(tempFolder(), 'ccvpn-XXXXXX', 'outputs.json'));
      c.out(`[${stack.name}] waits for: ${after.length ? after.join(', ') : 'nothing'}\n$ ${[cmd, ...args].map(quote).join(' ')}\n`);
    }
  }
}

/** Inputs read from stacks this run does not deploy (`--phase`) must be kept already: refused before anything runs. */
function requireKeptInputs(c: RunContext, g: DeployGraph): void {
  const inRun = new Set(g.stacks.map((s) => s.name));
  for (const s of g.stacks) {
    const stack = manifestStack(c, s);
    inputsOf(c, { ...stack, inputs: stack.inputs.filter((i) => !inRun.has(i.from.stack)) });
  }
}

/** `--parallel`, checked. */
function checkParallel(parallel: number | undefined): number {
  const n = parallel ?? DEFAULT_PARALLEL;
  if (!Number.isInteger(n) || n < 1) throw new DeployError(`--parallel takes a whole number of stacks ≥ 1, got ${String(parallel)}`);
  return n;
}

/** Runs a deploy or destroy; resolves with the exit code. */
export async function runDeploy(o: DeployOptions): Promise<number> {
  const verb = o.destroy ? 'destroy' : 'deploy';
  try {
    const parallel = checkParallel(o.parallel);
    const m = loadManifest(o.manifest);
    if (o.dryRun && !o.destroy && m.keys?.demoSecret === true) o.err(`${o.manifest}: keys from the published demo secret: a real deploy of this output is refused`);
    else refuseDemoKeys(m, o.manifest, o.destroy === true);
    const c = context(o.manifest, m, o);
    if (o.phase !== undefined && !m.phases.some((p) => p.phase === o.phase)) {
      throw new DeployError(`there is no phase ${o.phase}; the manifest has phases ${m.phases.map((p) => p.phase).join(', ')}`);
    }
    let g = graphOf(c);
    if (o.phase !== undefined) g = subgraph(g, (s) => s.phase === o.phase);
    if (o.destroy) g = reversed(g);
    if (!o.destroy) requireKeptInputs(c, g);
    if (c.dryRun) {
      printDryRun(c, g, parallel);
      o.out(`dry run: nothing was ${verb}ed\n`);
      return 0;
    }
    const resumable = !o.destroy && o.phase === undefined && o.force !== true;
    o.out(`== ${verb}: ${g.stacks.length} stack(s), at most ${parallel} at a time; logs in ${shownPath(path.join(c.dir, LOG_DIR))}\n`);
    const start = Date.now();
    const phases = phaseOf(m);
    const r = await runScheduled(c, g, parallel,
      (stack, inputs) => (resumable && unchanged(c, stack, inputs) ? { run: false, why: 'deployed already from the same synthesized output and inputs' } : { run: true }),
      (stack, why) => `${verb} of stack '${stack.name}'${phases.has(stack.name) ? ` (phase ${phases.get(stack.name)})` : ''} failed (${why})`);
    const skipped = r.finished.filter((f) => f.outcome === 'skipped').length;
    o.out(`${verb} complete in ${seconds(Date.now() - start)}: ${r.finished.length - skipped} stack(s) ${verb}ed${skipped ? `, ${skipped} unchanged` : ''}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DeployError || e instanceof CliError) {
      const kept = !o.destroy && !o.dryRun && /; stopped/.test(e.message) ? '; the outputs of the stacks that finished are kept: run the same command again to resume' : '';
      o.err(`ccvpn ${verb}: ${e.message}${kept}\n`);
      return 1;
    }
    throw e;
  }
}

/** Options of a staged deploy (`ccvpn deploy --rollout`). */
export interface StagedDeployOptions {
  /** The deployment manifest the app's synth writes. */
  readonly manifest: string;
  /** The rollout file `ccvpn rotate` wrote. */
  readonly rollout: string;
  /** The app's synth command, run by `sh -c` in the current folder after each step's record is written. */
  readonly synth?: string;
  readonly dryRun?: boolean;
  /** Start at this step (1-based): the steps before it are deployed already. */
  readonly fromStep?: number;
  /**
   * Most stacks deployed at once within a step; an integer ≥ 1.
   *
   * @default DEFAULT_PARALLEL
   */
  readonly parallel?: number;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** The synthesized file of one stack: its CloudFormation template or Terraform JSON. */
function stackFile(c: RunContext, stack: ManifestStack): string {
  if (stack.engine === 'cdk') {
    const assembly = path.join(c.dir, c.m.cdkOut ?? 'cdk.out');
    const manifest = path.join(assembly, 'manifest.json');
    if (fs.existsSync(manifest)) {
      const artifacts = (readJsonFile(manifest, 'cloud assembly manifest') as { artifacts?: Record<string, { type?: string; properties?: { templateFile?: string; stackName?: string } }> }).artifacts ?? {};
      for (const [id, a] of Object.entries(artifacts)) {
        if (a.type === 'aws:cloudformation:stack' && (a.properties?.stackName ?? id) === stack.name && a.properties?.templateFile) return path.join(assembly, a.properties.templateFile);
      }
    }
    return path.join(assembly, `${stack.name}.template.json`);
  }
  const outDir = path.join(c.dir, c.m.cdktfOut ?? 'cdktf.out');
  const manifest = path.join(outDir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const stacks = (readJsonFile(manifest, 'cdktf manifest') as { stacks?: Record<string, { synthesizedStackPath?: string }> }).stacks ?? {};
    const entry = Object.hasOwn(stacks, stack.name) ? stacks[stack.name] : undefined;
    if (entry?.synthesizedStackPath) return path.join(outDir, entry.synthesizedStackPath);
  }
  return path.join(outDir, 'stacks', stack.name, 'cdk.tf.json');
}

/** A digest of every stack's synthesized file (compared between steps; the files hold keys, digests do not). */
function digests(c: RunContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of c.m.phases) {
    for (const s of p.stacks) {
      const file = stackFile(c, s);
      if (!fs.existsSync(file)) throw new DeployError(`the synthesized output of stack '${s.name}' (${file}) is missing after synth`);
      out.set(`${s.engine}:${s.name}`, createHash('sha256').update(readTextFile(file, `synthesized output of stack '${s.name}'`)).digest('hex'));
    }
  }
  return out;
}


/** Runs the app's synth command; `DeployError` when it fails. */
function synthesize(command: string, what: string, out: (s: string) => void): void {
  out(`$ ${command}\n`);
  const r = spawnSync('sh', ['-c', command], { env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) throw new DeployError(`${what}: the synth command failed (${r.error ? r.error.message : `exited with ${r.status}`})`);
}

/** The rollout file, checked. */
function loadRollout(file: string): RolloutFile {
  const data = readJsonFile(file, 'rollout file');
  const problems = rolloutFileProblems(data);
  if (problems.length) throw new DeployError(`the rollout file ${file} is not usable: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''} (write it with ccvpn rotate)`);
  return data as RolloutFile;
}



/**
 * Runs a rollout: for each step, writes the step's record to the allocations file the app reads,
 * runs the app's synth, and deploys every stack whose synthesized output changed since the
 * previous step, or whose inputs did (a replaced resource's new outside IPs, known once the stack
 * it reads is deployed), each as soon as the stacks it reads are done: both halves of the step's
 * tunnels are updated before the next step starts. The baseline is the output synthesized from
 * the record before the first step run (`before`, or the record of the step before `fromStep`).
 * Resolves with the exit code.
 */
export async function runStagedDeploy(o: StagedDeployOptions): Promise<number> {
  let step = 0;
  const resume = (n: number) => `ccvpn deploy ${quote(o.manifest)} --rollout ${quote(o.rollout)} --synth ${quote(o.synth ?? '<command>')} --from-step ${n}`;
  try {
    const parallel = checkParallel(o.parallel);
    const rollout = loadRollout(o.rollout);
    const allocations = path.resolve(path.dirname(path.resolve(o.rollout)), rollout.allocations);
    const first = o.fromStep ?? 1;
    if (!Number.isInteger(first) || first < 1 || first > rollout.steps.length) {
      throw new DeployError(`--from-step ${first}: the rollout has steps 1-${rollout.steps.length}`);
    }
    if (!o.synth) throw new DeployError('--synth "<command>" is required with --rollout: the app is synthesized again from each step\'s record');
    for (const outage of rollout.outages) {
      o.err(`ccvpn deploy: note: step ${outage.step} cuts sites ${outage.sites[0]} and ${outage.sites[1]} off from each other (their active tunnels ${outage.tunnels.join(', ')} are all down during it)\n`);
    }
    const write = (record: AllocationRecord) => writeOutput(allocations, `${JSON.stringify(record, null, 2)}\n`, 'allocations file');
    const baseline = first === 1 ? rollout.before : rollout.steps[first - 2].record;

    if (o.dryRun) {
      o.out(`== baseline: the record ${first === 1 ? 'before the rollout' : `of step ${first - 1}`} → ${allocations}\n$ ${o.synth}\n`);
      for (const s of rollout.steps.slice(first - 1)) {
        o.out(`== step ${s.step}: ${s.tunnels.join(', ')}\nwrite the step's record → ${allocations}\n$ ${o.synth}\n`);
        o.out(`deploy every stack whose synthesized output or inputs changed since the previous step, each once the stacks it reads are done, at most ${parallel} at a time (${fs.existsSync(o.manifest) ? loadManifest(o.manifest).phases.flatMap((p) => p.stacks.map((x) => x.name)).join(', ') : 'the stacks of the manifest'})\n`);
      }
      o.out('dry run: nothing was written, synthesized or deployed\n');
      return 0;
    }

    write(baseline);
    synthesize(o.synth, first === 1 ? 'baseline (the record before the rollout)' : `baseline (the record of step ${first - 1})`, o.out);
    let c = context(o.manifest, loadManifest(o.manifest), o);
    let before = digests(c);
    for (const s of rollout.steps.slice(first - 1)) {
      step = s.step;
      o.out(`== step ${s.step} of ${rollout.steps.length}: ${s.tunnels.join(', ')}\n`);
      write(s.record);
      synthesize(o.synth, `step ${s.step}`, o.out);
      const m = loadManifest(o.manifest);
      refuseDemoKeys(m, o.manifest, false);
      c = context(o.manifest, m, o);
      const after = digests(c);
      const gone = [...before.keys()].filter((k) => !after.has(k));
      if (gone.length) throw new DeployError(`step ${s.step}: stack(s) ${gone.join(', ')} disappeared from the output; a rollout changes tunnels, not stacks (did the app change?)`);
      // A stack whose inputs changed during this step (an upstream resource replaced, with new
      // outside IPs) is deployed again even when its own output did not change; the scheduler
      // decides once the stacks it reads are done.
      const atStart = JSON.parse(JSON.stringify(c.state)) as Outputs;
      const fed = (stack: ManifestStack) => stack.inputs.some((i) => atStart[i.from.stack]?.[i.from.output] !== c.state[i.from.stack]?.[i.from.output]);
      const phases = phaseOf(m);
      const ctx = c;
      const r = await runScheduled(ctx, subgraph(graphOf(ctx), (x) => !x.external), parallel, (stack) => {
        const key = `${stack.engine}:${stack.name}`;
        const changed = before.get(key) !== after.get(key);
        if (!changed && !fed(stack)) return { run: false, why: 'unchanged in this step', quiet: true };
        ctx.out(`-- phase ${phases.get(stack.name)}: ${stack.name} (${changed ? 'output changed' : 'inputs changed'})\n`);
        return { run: true };
      }, (stack, why) => `step ${s.step}, phase ${phases.get(stack.name)}: deploy of stack '${stack.name}' failed (${why})`);
      const deployed = r.finished.filter((f) => f.outcome === 'deployed').length;
      if (deployed === 0) o.out(`step ${s.step}: no stack's output changed: nothing to deploy (a pinned key the app does not pick by generation?)\n`);
      else o.out(`step ${s.step}: both halves of ${s.tunnels.join(', ')} deployed (${deployed} stack(s))\n`);
      before = after;
    }
    o.out('rollout complete\n');
    return 0;
  } catch (e) {
    if (e instanceof DeployError || e instanceof CliError) {
      const where = step > 0 ? `; steps before ${step} are deployed, resume with: ${resume(step)}` : '';
      o.err(`ccvpn deploy: ${e.message}${where}\n`);
      return 1;
    }
    throw e;
  }
}

/** A fresh scratch folder for one stack's outputs file. */
function makeScratch(): string {
  try {
    return fs.mkdtempSync(path.join(tempFolder(), 'ccvpn-'));
  } catch (e) {
    throw new DeployError(`cannot create a scratch folder in ${tempFolder()} (TMPDIR): ${(e as Error).message.split('\n')[0]}; set TMPDIR to a writable folder`);
  }
}

/** An outputs file (stack → output → value), checked: a truncated or hand-edited file is refused. */
function readOutputs(file: string, what: string): Outputs {
  const data = readJsonFile(file, what);
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(data) || !Object.values(data).every(isMap)) {
    throw new DeployError(`the ${what} ${file} is not an outputs file: expected an object of stacks, each an object of output values`);
  }
  const out: Outputs = {};
  for (const [stack, outputs] of Object.entries(data)) {
    out[stack] = Object.fromEntries(Object.entries(outputs as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return out;
}
