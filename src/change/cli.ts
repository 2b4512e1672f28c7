/**
 * `ccvpn diff`: the command-line face of `diffOutputs` (wired into `src/cli/main.ts`).
 *
 *   ccvpn diff <before> <after> [--rollout <file> | --staged] [--json]
 *
 * Exit codes, for CI gates: 0 no site pair loses every path, 2 a site pair kept by the change
 * loses every path at some moment of the evaluated plan (the staged rollout when one is given,
 * else the deploy as \`ccvpn deploy\` runs it by default, stacks in parallel), 1 bad input (one
 * line on stderr).
 */
import { parseArgs } from 'node:util';
import { RolloutStepsError, readRolloutFile } from '../verify/rollout-steps';
import { ChangeError, DiffOptions, diffOutputs, renderChange } from './diff';

export const DIFF_USAGE = `usage: ccvpn diff <before> <after> [--rollout <file> | --staged] [--json]

  diff    what deploying <after> over <before> does (two synthesized outputs: folders holding
          ccvpn.manifest.json): per resource, whether its engine updates it in place or replaces
          it (CloudFormation causesReplacement, Terraform ForceNew); per tunnel, what changes on
          each half (keys by fingerprint only); which tunnels are down while \`ccvpn deploy\`
          runs the after-manifest's deploy graph (stacks in parallel, and with --parallel 1
          one at a time), and whether a site pair loses every path
          --rollout <file>  also evaluate a staged rollout: a ccvpn rotate rollout file's steps
                   (each planner tunnel matched to the output's tunnel by its inside /30 and
                   endpoints), as \`ccvpn deploy --rollout\` runs them
          --staged also evaluate the steps planRollout chooses over the changing tunnels (one
                   tunnel of a site pair per step)
          --json   print the report as JSON
          exit code 2 when a site pair would be cut off (by the staged rollout when one is
          given, else by \`ccvpn deploy\` with its stacks in parallel), 1 on bad input, else 0`;

/** Runs `ccvpn diff`; returns the exit code (0, 2 a site pair cut off, 1 bad input). */
export function diffCommand(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  let args;
  try {
    args = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, rollout: { type: 'string' }, staged: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    err(`ccvpn diff: ${(e as Error).message}\n${DIFF_USAGE}\n`);
    return 1;
  }
  if (args.values.help) {
    out(`${DIFF_USAGE}\n`);
    return 0;
  }
  if (args.positionals.length !== 2) {
    err(`ccvpn diff: expected two synthesized outputs (before and after), got ${args.positionals.length}\n${DIFF_USAGE}\n`);
    return 1;
  }
  if (args.values.rollout !== undefined && args.values.staged) {
    err(`ccvpn diff: give --rollout <file> or --staged, not both\n${DIFF_USAGE}\n`);
    return 1;
  }
  try {
    let options: DiffOptions = {};
    if (args.values.staged) options = { rollout: 'planned' };
    if (args.values.rollout !== undefined) {
      try {
        options = { rollout: readRolloutFile(args.values.rollout) };
      } catch (e) {
        if (e instanceof RolloutStepsError) throw new ChangeError(e.message);
        throw e;
      }
    }
    const report = diffOutputs(args.positionals[0], args.positionals[1], options);
    out(args.values.json ? `${JSON.stringify(report, null, 2)}\n` : renderChange(report));
    return report.cutsOff ? 2 : 0;
  } catch (e) {
    if (e instanceof ChangeError) {
      err(`ccvpn diff: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
