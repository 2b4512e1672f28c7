#!/usr/bin/env node
/**
 * `ccvpn`: the command-line face of the library.
 *
 *   ccvpn plan <topology.yaml|json> [--json] [--allocations <file>] [--diagram <file.svg|.dot>]
 *   ccvpn deploy [manifest] [--dry-run] [--phase N] [--parallel N] [--force]
 *   ccvpn deploy [manifest] --rollout <file> --synth "<command>" [--from-step N] [--parallel N] [--dry-run]
 *   ccvpn destroy [manifest] [--dry-run]
 *   ccvpn rotate --allocations <file> (--all | --link <id> | --tunnel <id>) [--keys] [--settings] [--replaced-connections] [--out <file>]
 *   ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep]
 *   ccvpn verify --change <before> <after> [--rollout <file> | --steps <file.json>] [--dry-run] [--json]
 *   ccvpn diff <before> <after> [--rollout <file> | --staged] [--json]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isCrossCloudVpnError } from '../common/errors';
import { MASTER_SECRET_ENV, PlanError, planVpn } from '../plan';
import { DEFAULT_MANIFEST, DEFAULT_PARALLEL, runDeploy, runStagedDeploy } from './deploy';
import { ROTATE_USAGE, rotateCommand } from './rotate';
import { planToDot } from './diagram';
import { renderPlan } from './plan-table';
import { renderSvg } from './render-svg';
import { CliError, oneLine, readAllocations, tmpdirProblem, withoutDerivedKeys, writeOutput } from './files';
import { readTopology } from './topology-file';
import { VERIFY_USAGE, verifyCommand } from '../verify/cli';
import { DIFF_USAGE, diffCommand } from '../change/cli';

const USAGE = `usage: ccvpn plan <topology.yaml|json> [--json] [--allocations <file>] [--diagram <file>]
       ccvpn deploy [manifest] [--dry-run] [--phase N] [--parallel N] [--force]
       ccvpn deploy [manifest] --rollout <file> --synth "<command>" [--from-step N] [--parallel N] [--dry-run]
       ccvpn destroy [manifest] [--dry-run]
       ccvpn rotate --allocations <file> (--all | --link <id> | --tunnel <id>) [--keys] [--settings] [--replaced-connections] [--out <file>]
       ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep]
       ccvpn verify --change <before> <after> [--rollout <file> | --steps <file.json>] [--dry-run] [--json]
       ccvpn diff <before> <after> [--rollout <file> | --staged] [--json]

  plan   print every tunnel of a topology with both ends' parameters (keys redacted)
         --json               print the plan itself (JSON, keys redacted)
         --allocations <file> keep allocated inside addresses and ASNs in <file>: read if it
                              exists, written after planning (commit it, like cdk.context.json)
         --diagram <file>     draw the topology: <file>.svg (Graphviz in WebAssembly, no system
                              binary) or <file>.dot / .gv (the Graphviz source)

  deploy   deploy the stacks of a deployment manifest (default ${DEFAULT_MANIFEST}) with the
           real cdk and cdktf CLIs, each as soon as the outputs it reads exist, passing them on;
           each stack's output in ccvpn.logs/<stack>.log beside the manifest; a run started
           again skips the stacks deployed already from the same output and inputs
           --dry-run  print the commands only      --phase N  run one phase
           --parallel N  at most N stacks at once (default ${DEFAULT_PARALLEL})
           --force    deploy every stack, also the ones deployed already
           --rollout <file> --synth "<command>"  run the steps of a rollout (ccvpn rotate): per
                      step, write its record, run the app's synth, deploy the stacks whose
                      output changed      --from-step N  resume at step N
  destroy  the same in reverse order (every stack after the stacks that read it)

${ROTATE_USAGE.split('\n').slice(2).join('\n')}

${VERIFY_USAGE.split('\n').slice(2).join('\n')}

${DIFF_USAGE.split('\n').slice(2).join('\n')}

The master secret for pre-shared keys is read from ${MASTER_SECRET_ENV}.`;

/**
 * Runs the CLI; returns the exit code, or a promise of it when the run does asynchronous work
 * (deploy and destroy run their stacks in parallel; plan draws an SVG). Output goes through the
 * given writers (tests capture it).
 */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'deploy' || command === 'destroy') {
    let args;
    try {
      args = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, phase: { type: 'string' }, rollout: { type: 'string' }, synth: { type: 'string' }, 'from-step': { type: 'string' }, parallel: { type: 'string' }, force: { type: 'boolean' } } });
    } catch (e) {
      err(`ccvpn ${command}: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const phase = args.values.phase === undefined ? undefined : Number(args.values.phase);
    if (phase !== undefined && !Number.isInteger(phase)) {
      err(`ccvpn ${command}: --phase takes a phase number, got '${args.values.phase}'\n`);
      return 2;
    }
    const parallel = args.values.parallel === undefined ? undefined : Number(args.values.parallel);
    if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1)) {
      err(`ccvpn ${command}: --parallel takes a whole number of stacks ≥ 1, got '${args.values.parallel}'\n`);
      return 2;
    }
    const staged = args.values.rollout !== undefined || args.values.synth !== undefined || args.values['from-step'] !== undefined;
    if (staged) {
      const fromStep = args.values['from-step'] === undefined ? undefined : Number(args.values['from-step']);
      if (command === 'destroy' || phase !== undefined || args.values.force || args.values.rollout === undefined || (fromStep !== undefined && !Number.isInteger(fromStep))) {
        err(`ccvpn ${command}: --synth and --from-step go with --rollout <file>, on deploy only and without --phase or --force; --from-step takes a step number\n`);
        return 2;
      }
      return runStagedDeploy({ manifest: args.positionals[0] ?? DEFAULT_MANIFEST, rollout: args.values.rollout, synth: args.values.synth, dryRun: args.values['dry-run'], fromStep, parallel, out, err });
    }
    return runDeploy({ manifest: args.positionals[0] ?? DEFAULT_MANIFEST, destroy: command === 'destroy', dryRun: args.values['dry-run'], phase, parallel, force: args.values.force, out, err });
  }
  if (command === 'verify') return verifyCommand(rest, out, err);
  if (command === 'diff') return diffCommand(rest, out, err);
  if (command === 'rotate') return rotateCommand(rest, out, err);
  if (command !== 'plan') {
    err(`ccvpn: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, allocations: { type: 'string' }, diagram: { type: 'string' } } });
  } catch (e) {
    err(`ccvpn plan: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.positionals.length !== 1) {
    err(`ccvpn plan: expected one topology file\n${USAGE}\n`);
    return 2;
  }
  const file = args.positionals[0];
  const diagram = args.values.diagram;
  if (diagram !== undefined && !/\.(svg|dot|gv)$/i.test(diagram)) {
    err(`ccvpn plan: --diagram takes a .svg, .dot or .gv file, got '${diagram}'\n`);
    return 2;
  }
  try {
    const topology = readTopology(file);
    const recordFile = args.values.allocations;
    const previous = recordFile === undefined ? undefined : readAllocations(recordFile);
    const secret = process.env[MASTER_SECRET_ENV];
    // The plan prints keys redacted only: without a master secret it is planned with a
    // throwaway one, and derived keys are shown as not derived (their fingerprints would mean nothing).
    const plan = secret === undefined || secret === ''
      ? withoutDerivedKeys(planVpn(topology, { masterSecret: randomBytes(32).toString('base64'), previous }))
      : planVpn(topology, { masterSecret: secret, previous });
    if (recordFile) writeOutput(recordFile, `${JSON.stringify(plan.allocations, null, 2)}\n`, 'allocations file');
    out(args.values.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
    if (secret === undefined || secret === '') err(`ccvpn plan: note: ${MASTER_SECRET_ENV} is not set, so derived keys are shown as not derived (synth and deploy need it)\n`);
    if (diagram === undefined) return 0;
    const dot = planToDot(plan);
    if (!/\.svg$/i.test(diagram)) {
      writeOutput(diagram, dot, 'diagram');
      return 0;
    }
    return renderSvg(dot).then(
      (svg) => { writeOutput(diagram, svg, 'diagram'); return 0; },
    ).catch((e: unknown) => { err(`ccvpn plan: ${oneLine(e)}\n`); return 1; });
  } catch (e) {
    if (e instanceof PlanError) {
      err(`ccvpn plan ${file}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof CliError) {
      err(`ccvpn plan: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * Runs `main` for the process: any error that escapes a command becomes one message on stderr (the
 * library's own error with its list of problems, any other one line) and exit code 1, never a
 * stack trace (set `CCVPN_DEBUG=1` to see it).
 */
export function runMain(argv: string[], err: (s: string) => void = (s) => process.stderr.write(s), run: typeof main = main): Promise<number> {
  const command = argv[0] ?? '';
  const fail = (e: unknown) => {
    err(`ccvpn ${command}: ${isCrossCloudVpnError(e) ? e.message : oneLine(e)}\n`);
    if (process.env.CCVPN_DEBUG) err(`${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  };
  try {
    if (command === 'verify') {
      const problem = tmpdirProblem();
      if (problem) return Promise.resolve(fail(new CliError(problem)));
    }
    return Promise.resolve(run(argv, undefined, err)).catch(fail);
  } catch (e) {
    return Promise.resolve(fail(e));
  }
}

if (require.main === module) {
  void runMain(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
