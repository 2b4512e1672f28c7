/**
 * `ccvpn deploy` / `ccvpn destroy`: run the phases of a deployment manifest with the real `cdk`
 * and `cdktf` CLIs, reading each phase's outputs and passing them to the next as CloudFormation
 * parameters / Terraform variables. Outputs are kept in `ccvpn.outputs.json` beside the manifest,
 * so a single phase can be re-run later (`--phase N`).
 *
 * `ccvpn deploy --rollout <file> --synth "<command>"` runs a rollout (`ccvpn rotate`) step by step:
 * each step's record is written to the allocations file the app reads, the app is synthesized
 * again, and only the stacks whose output (or inputs) changed are deployed, in phase order.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RolloutFile, rolloutFileProblems } from '../change/rotation';
import { DeploymentManifest, ManifestPhase, ManifestStack, manifestProblems } from '../manifest';
import type { AllocationRecord } from '../plan/topology';
import { engineCli } from './engine-cli';
import { CliError, readJsonFile, readTextFile, tempFolder, writeOutput } from './files';

export const DEFAULT_MANIFEST = path.join('out', 'ccvpn.manifest.json');
const STATE_FILE = 'ccvpn.outputs.json';

export interface DeployOptions {
  readonly manifest: string;
  readonly destroy?: boolean;
  readonly dryRun?: boolean;
  /** Run only this phase (inputs from earlier phases come from the outputs file). */
  readonly phase?: number;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

type Outputs = Record<string, Record<string, string>>;

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

/** Where a run stands: the manifest, its folder, the outputs file and the outputs kept in it. */
interface RunContext {
  readonly m: DeploymentManifest;
  readonly dir: string;
  readonly stateFile: string;
  readonly state: Outputs;
  readonly destroy: boolean;
  readonly dryRun: boolean;
  readonly out: (s: string) => void;
}

/** The values of a stack's inputs from the kept outputs (placeholders in a dry run). */
function inputsOf(c: RunContext, phase: ManifestPhase, stack: ManifestStack): Record<string, string> {
  const phaseOf = new Map(c.m.phases.flatMap((p) => p.stacks.map((s) => [s.name, p.phase] as const)));
  const inputs: Record<string, string> = {};
  for (const input of stack.inputs) {
    const value = c.state[input.from.stack]?.[input.from.output];
    if (value !== undefined) {
      inputs[input.name] = value;
    } else if (c.dryRun) {
      inputs[input.name] = `<${input.from.stack}.${input.from.output}>`;
    } else {
      throw new DeployError(`stack '${stack.name}' (phase ${phase.phase}) needs input '${input.name}' from output '${input.from.output}' of stack '${input.from.stack}' (phase ${phaseOf.get(input.from.stack)}), which has not been deployed; run phase ${phaseOf.get(input.from.stack)} first`);
    }
  }
  return inputs;
}

/**
 * Deploys (or destroys) one stack with its engine's CLI, and keeps its outputs in the outputs file.
 *
 * @param failed - the message of a failure, from the reason `cdk` / `cdktf` gave
 */
function runStack(c: RunContext, phase: ManifestPhase, stack: ManifestStack, failed: (why: string) => string): void {
  const inputs = inputsOf(c, phase, stack);
  const scratch = c.dryRun ? undefined : makeScratch();
  const outputsFile = scratch ? path.join(scratch, 'outputs.json') : path.join(tempFolder(), 'ccvpn-XXXXXX', 'outputs.json');
  const [cmd, args] = commandFor(c.m, c.dir, stack, inputs, c.destroy, outputsFile);
  c.out(`$ ${[cmd, ...args].map(quote).join(' ')}\n`);
  if (!scratch) return;
  let written: Outputs = {};
  try {
    const r = spawnSync(cmd, args, { cwd: c.dir, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error || r.status !== 0) throw new DeployError(failed(r.error ? r.error.message : `${cmd} exited with ${r.status}`));
    if (!c.destroy && fs.existsSync(outputsFile)) written = readOutputs(outputsFile, `outputs file ${cmd} wrote for stack '${stack.name}'`);
  } finally {
    // The outputs are copied into the state file; the scratch folder never outlives the stack.
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!c.destroy) {
    const mine = written[stack.name] ?? {};
    const missing = stack.outputs.filter((name) => mine[name] === undefined);
    if (missing.length) throw new DeployError(`phase ${phase.phase}: stack '${stack.name}' deployed but did not report output(s) ${missing.join(', ')} that later phases need`);
    c.state[stack.name] = Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, String(v)]));
  } else {
    delete c.state[stack.name];
  }
  writeOutput(c.stateFile, `${JSON.stringify(c.state, null, 2)}\n`, 'outputs file');
}

function context(manifest: string, m: DeploymentManifest, o: { destroy?: boolean; dryRun?: boolean; out: (s: string) => void }): RunContext {
  const dir = path.dirname(path.resolve(manifest));
  const stateFile = path.join(dir, STATE_FILE);
  const state: Outputs = fs.existsSync(stateFile) ? readOutputs(stateFile, 'outputs file') : {};
  return { m, dir, stateFile, state, destroy: o.destroy === true, dryRun: o.dryRun === true, out: o.out };
}

/** Runs a deploy or destroy; returns the exit code. */
export function runDeploy(o: DeployOptions): number {
  const verb = o.destroy ? 'destroy' : 'deploy';
  try {
    const m = loadManifest(o.manifest);
    if (o.dryRun && !o.destroy && m.keys?.demoSecret === true) o.err(`${o.manifest}: keys from the published demo secret: a real deploy of this output is refused`);
    else refuseDemoKeys(m, o.manifest, o.destroy === true);
    const c = context(o.manifest, m, o);
    if (o.phase !== undefined && !m.phases.some((p) => p.phase === o.phase)) {
      throw new DeployError(`there is no phase ${o.phase}; the manifest has phases ${m.phases.map((p) => p.phase).join(', ')}`);
    }
    const phases = [...m.phases].sort((a, b) => (o.destroy ? b.phase - a.phase : a.phase - b.phase)).filter((p) => o.phase === undefined || p.phase === o.phase);

    for (const phase of phases) {
      o.out(`== phase ${phase.phase}: ${phase.description} (${phase.stacks.map((s) => s.name).join(', ')})\n`);
      for (const stack of phase.stacks) {
        runStack(c, phase, stack, (why) => {
          const later = phases.slice(phases.indexOf(phase) + 1).map((p) => p.phase);
          return `phase ${phase.phase}: ${verb} of stack '${stack.name}' failed (${why}); stopped${later.length ? `, phases ${later.join(', ')} not run` : ''}`;
        });
      }
    }
    o.out(o.dryRun ? `dry run: nothing was ${verb}ed\n` : `${verb} complete\n`);
    return 0;
  } catch (e) {
    if (e instanceof DeployError || e instanceof CliError) {
      o.err(`ccvpn ${verb}: ${e.message}\n`);
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
 * runs the app's synth, and deploys in the manifest's phase order every stack whose synthesized
 * output changed since the previous step, or whose inputs did (a replaced resource's new outside
 * IPs): both halves of the step's tunnels are updated before the next step starts. The baseline is
 * the output synthesized from the record before the first step run (`before`, or the record of the
 * step before `fromStep`). Returns the exit code.
 */
export function runStagedDeploy(o: StagedDeployOptions): number {
  let step = 0;
  const resume = (n: number) => `ccvpn deploy ${quote(o.manifest)} --rollout ${quote(o.rollout)} --synth ${quote(o.synth ?? '<command>')} --from-step ${n}`;
  try {
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
        o.out(`deploy, in phase order, every stack whose synthesized output or inputs changed since the previous step (${fs.existsSync(o.manifest) ? loadManifest(o.manifest).phases.flatMap((p) => p.stacks.map((x) => x.name)).join(', ') : 'the stacks of the manifest'})\n`);
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
      // outside IPs) is deployed again even when its own output did not change.
      const atStart = JSON.parse(JSON.stringify(c.state)) as Outputs;
      const fed = (stack: ManifestStack) => stack.inputs.some((i) => atStart[i.from.stack]?.[i.from.output] !== c.state[i.from.stack]?.[i.from.output]);
      let deployed = 0;
      for (const phase of [...m.phases].sort((a, b) => a.phase - b.phase)) {
        for (const stack of phase.stacks) {
          const key = `${stack.engine}:${stack.name}`;
          const changed = before.get(key) !== after.get(key);
          if (!changed && !fed(stack)) continue;
          o.out(`-- phase ${phase.phase}: ${stack.name} (${changed ? 'output changed' : 'inputs changed'})\n`);
          runStack(c, phase, stack, (why) => `step ${s.step}, phase ${phase.phase}: deploy of stack '${stack.name}' failed (${why})`);
          deployed++;
        }
      }
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
