/**
 * `ccvpn deploy` / `ccvpn destroy`: run the phases of a deployment manifest with the real `cdk`
 * and `cdktf` CLIs, reading each phase's outputs and passing them to the next as CloudFormation
 * parameters / Terraform variables. Outputs are kept in `ccvpn.outputs.json` beside the manifest,
 * so a single phase can be re-run later (`--phase N`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeploymentManifest, ManifestStack, manifestProblems } from '../manifest';
import { CliError, readJsonFile, tempFolder, writeOutput } from './files';

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
  if (destroy) return ['cdktf', ['destroy', stack.name, '--skip-synth', '--output', outDir, '--auto-approve', ...vars]];
  return ['cdktf', ['deploy', stack.name, '--skip-synth', '--output', outDir, '--auto-approve', '--outputs-file', outputsFile, ...vars]];
}

/** Runs a deploy or destroy; returns the exit code. */
export function runDeploy(o: DeployOptions): number {
  const verb = o.destroy ? 'destroy' : 'deploy';
  try {
    const m = loadManifest(o.manifest);
    if (o.dryRun && !o.destroy && m.keys?.demoSecret === true) o.err(`${o.manifest}: keys from the published demo secret: a real deploy of this output is refused`);
    else refuseDemoKeys(m, o.manifest, o.destroy === true);
    const dir = path.dirname(path.resolve(o.manifest));
    const stateFile = path.join(dir, STATE_FILE);
    const state: Outputs = fs.existsSync(stateFile) ? readOutputs(stateFile, 'outputs file') : {};
    if (o.phase !== undefined && !m.phases.some((p) => p.phase === o.phase)) {
      throw new DeployError(`there is no phase ${o.phase}; the manifest has phases ${m.phases.map((p) => p.phase).join(', ')}`);
    }
    const phases = [...m.phases].sort((a, b) => (o.destroy ? b.phase - a.phase : a.phase - b.phase)).filter((p) => o.phase === undefined || p.phase === o.phase);
    const phaseOf = new Map(m.phases.flatMap((p) => p.stacks.map((s) => [s.name, p.phase] as const)));

    for (const phase of phases) {
      o.out(`== phase ${phase.phase}: ${phase.description} (${phase.stacks.map((s) => s.name).join(', ')})\n`);
      for (const stack of phase.stacks) {
        const inputs: Record<string, string> = {};
        for (const input of stack.inputs) {
          const value = state[input.from.stack]?.[input.from.output];
          if (value !== undefined) {
            inputs[input.name] = value;
          } else if (o.dryRun) {
            inputs[input.name] = `<${input.from.stack}.${input.from.output}>`;
          } else {
            throw new DeployError(`stack '${stack.name}' (phase ${phase.phase}) needs input '${input.name}' from output '${input.from.output}' of stack '${input.from.stack}' (phase ${phaseOf.get(input.from.stack)}), which has not been deployed; run phase ${phaseOf.get(input.from.stack)} first`);
          }
        }
        const scratch = o.dryRun ? undefined : makeScratch();
        const outputsFile = scratch ? path.join(scratch, 'outputs.json') : path.join(tempFolder(), 'ccvpn-XXXXXX', 'outputs.json');
        const [cmd, args] = commandFor(m, dir, stack, inputs, o.destroy === true, outputsFile);
        o.out(`$ ${[cmd, ...args].map(quote).join(' ')}\n`);
        if (!scratch) continue;
        let written: Outputs = {};
        try {
          const r = spawnSync(cmd, args, { cwd: dir, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
          if (r.error || r.status !== 0) {
            const why = r.error ? r.error.message : `${cmd} exited with ${r.status}`;
            const later = phases.slice(phases.indexOf(phase) + 1).map((p) => p.phase);
            throw new DeployError(`phase ${phase.phase}: ${verb} of stack '${stack.name}' failed (${why}); stopped${later.length ? `, phases ${later.join(', ')} not run` : ''}`);
          }
          if (!o.destroy && fs.existsSync(outputsFile)) written = readOutputs(outputsFile, `outputs file ${cmd} wrote for stack '${stack.name}'`);
        } finally {
          // The outputs are copied into the state file; the scratch folder never outlives the stack.
          fs.rmSync(scratch, { recursive: true, force: true });
        }
        if (!o.destroy) {
          const mine = written[stack.name] ?? {};
          const missing = stack.outputs.filter((name) => mine[name] === undefined);
          if (missing.length) throw new DeployError(`phase ${phase.phase}: stack '${stack.name}' deployed but did not report output(s) ${missing.join(', ')} that later phases need`);
          state[stack.name] = Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, String(v)]));
        } else {
          delete state[stack.name];
        }
        writeOutput(stateFile, `${JSON.stringify(state, null, 2)}\n`, 'outputs file');
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
