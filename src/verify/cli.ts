/**
 * `ccvpn verify`: the command-line face of `verify` (wired into `src/cli/main.ts`).
 *
 *   ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]
 *   ccvpn verify --change <before> <after> [--rollout <file> | --steps <file.json>] [--dry-run] [--json] [--keep]
 *
 * Folders given are read as ONE deployment. Without folders, every example under `out/`
 * (`out/<name>/cdk.out` and `out/<name>/cdktf.out`, as `npm run example` writes them) is verified
 * as its own deployment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupStaleLabs } from './harness';
import { planChange, renderChangePlan, renderChangeReport, verifyChange } from './change';
import { RolloutFileInput, RolloutStepsError, readRolloutFile } from './rollout-steps';
import { TunnelResult, VerifyReport, defaultFolders, renderReport, verify } from './index';

export const VERIFY_USAGE = `usage: ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]
       ccvpn verify --change <before> <after> [--rollout <file> | --steps <file.json>] [--dry-run] [--json] [--keep]

  verify  negotiate every tunnel of the synthesized output between real strongSwan (IKE) and
          BIRD (BGP) daemons in network namespaces on this machine (needs root): IKE SA, CHILD SA
          and a rekey, BGP with the expected ASNs and prefixes, a host-to-host ping over ESP
          folder          cdk.out / cdktf.out folders (or a folder with ccvpn.manifest.json), read
                          as one deployment; default: each out/<example>/ on its own
          --json          newline-delimited JSON, streamed: one line per tunnel as its result is
                          final, {"type":"tunnel","deployment":N, ...result}, in the order they
                          finish (failed-before-the-lab and idle first); then one line per
                          deployment {"type":"summary","deployment":N, ...report}: the whole report
                          (every tunnel again, numbered order, with failures, warnings, timings),
                          so a reader that wants only the outcome reads the last line; N counts the
                          deployments from 0 (several without folders: one per example)
          --dry-run       read, model and pair the halves only (no lab, no root needed)
          --failover      also take one tunnel of each active-active pair down while traffic flows
          --timer-scale N divide cloud timers (BGP hold, DPD) by N in failover runs (default 10)
          --keep          leave namespaces, daemons and files for debugging
          --cleanup-stale remove namespaces and daemons of verify runs that died, then exit
          --change        bring the lab up on <before> (a synthesized output folder), send traffic
                          between every pair of site networks, apply the change to <after> step by
                          step, and report per site pair the longest gap in traffic and per tunnel
                          when it went down and came back; the steps are those planRollout chooses
                          (one tunnel of a site pair per step, as ccvpn rotate plans them), or:
          --rollout FILE  a ccvpn rotate rollout file: its steps, each planner tunnel id matched to
                          the output's tunnel with its inside /30 and endpoints
          --steps FILE    explicit steps: a JSON array of steps, each an array of tunnel ids (as
                          \`ccvpn verify <before>\` numbers them; tunnels only in <after> continue
                          the numbering) or half keys
          --dry-run       with --change: print the tunnels and the steps, without the lab
          --json          with --change: the change report (or, with --dry-run, the plan) as
                          one JSON document`;

/** Runs `ccvpn verify`; resolves with the exit code (0 ok, 1 a tunnel failed, 2 usage). */
export async function verifyCommand(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv], allowPositionals: true,
      options: { 'change': { type: 'boolean' }, 'steps': { type: 'string' }, 'rollout': { type: 'string' }, 'json': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'failover': { type: 'boolean' }, 'timer-scale': { type: 'string' }, 'keep': { type: 'boolean' }, 'cleanup-stale': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    err(`ccvpn verify: ${(e as Error).message}\n${VERIFY_USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    out(`${VERIFY_USAGE}\n`);
    return 0;
  }
  if (args.values['cleanup-stale']) {
    const removed = await cleanupStaleLabs();
    out(`removed ${removed.labs.length} dead verify lab(s): ${removed.namespaces.length} namespace(s), ${removed.killed.length} daemon(s) killed${removed.spared.length ? `, ${removed.spared.length} recorded pid(s) spared (gone or no longer the lab's)` : ''}\n`);
    return 0;
  }
  if (args.values.change) return changeCommand(args.positionals, { steps: args.values.steps, rollout: args.values.rollout, dryRun: !!args.values['dry-run'] }, !!args.values.json, !!args.values.keep, out, err);
  for (const option of ['steps', 'rollout'] as const) {
    if (args.values[option] !== undefined) {
      err(`ccvpn verify: --${option} needs --change\n${VERIFY_USAGE}\n`);
      return 2;
    }
  }
  const scaleText = args.values['timer-scale'];
  const timerScale = scaleText === undefined ? undefined : Number(scaleText);
  if (timerScale !== undefined && !(timerScale >= 1 && timerScale <= 100)) {
    err(`ccvpn verify: --timer-scale takes a number from 1 to 100, got '${scaleText}'\n`);
    return 2;
  }
  const json = !!args.values.json;
  const deployments: string[][] = [];
  if (args.positionals.length) {
    deployments.push(args.positionals);
  } else {
    const all = defaultFolders();
    const byExample = new Map<string, string[]>();
    for (const f of all) byExample.set(path.dirname(f), [...(byExample.get(path.dirname(f)) ?? []), f]);
    deployments.push(...byExample.values());
    if (!deployments.length) {
      err(`ccvpn verify: no folders given and nothing under out/ (run \`npm run example\` first)\n${VERIFY_USAGE}\n`);
      return 2;
    }
  }
  for (const folders of deployments) {
    for (const f of folders) {
      if (!fs.existsSync(f)) {
        err(`ccvpn verify: ${f} does not exist\n`);
        return 2;
      }
    }
  }
  const reports: VerifyReport[] = [];
  for (const [deployment, folders] of deployments.entries()) {
    if (!json && deployments.length > 1) out(`\n## ${folders.map((f) => path.dirname(f)).filter((v, i, a) => a.indexOf(v) === i).join(', ')}\n`);
    const report = await verify(folders, {
      json, modelOnly: args.values['dry-run'], failover: args.values.failover, timerScale, keep: args.values.keep, progress: (l) => out(`  .. ${l}\n`),
      onTunnel: json ? (t) => out(`${JSON.stringify(jsonRecord('tunnel', deployment, t))}\n`) : undefined,
    });
    reports.push(report);
    out(json ? `${JSON.stringify(jsonRecord('summary', deployment, report))}\n` : renderReport(report));
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}

/** One line of `verify --json` (see VERIFY_USAGE): the record's type and deployment first. */
export function jsonRecord<T extends object>(type: 'tunnel' | 'summary', deployment: number, body: T): { type: 'tunnel' | 'summary'; deployment: number } & T {
  return { type, deployment, ...body };
}

/**
 * Reads `verify --json` output: every tunnel record and summary, in order. Throws on a line that
 * is not a record (the format is one JSON object per line).
 */
export function readVerifyJson(text: string): { tunnels: (TunnelResult & { deployment: number })[]; summaries: (VerifyReport & { deployment: number })[] } {
  const tunnels: (TunnelResult & { deployment: number })[] = [];
  const summaries: (VerifyReport & { deployment: number })[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { type?: string; deployment?: number };
    if (r.type === 'tunnel') tunnels.push(r as TunnelResult & { deployment: number });
    else if (r.type === 'summary') summaries.push(r as VerifyReport & { deployment: number });
    else throw new Error(`verify --json line ${i + 1} is not a tunnel or summary record`);
  }
  return { tunnels, summaries };
}

/** `ccvpn verify --change <before> <after>`: 0 ok, 1 the change fails, 2 usage. */
async function changeCommand(positionals: readonly string[], files: { steps?: string; rollout?: string; dryRun: boolean }, json: boolean, keep: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (positionals.length !== 2) {
    err(`ccvpn verify --change takes two folders, <before> and <after> (got ${positionals.length})\n${VERIFY_USAGE}\n`);
    return 2;
  }
  for (const f of positionals) {
    if (!fs.existsSync(f)) {
      err(`ccvpn verify --change: ${f} does not exist\n`);
      return 2;
    }
  }
  if (files.steps !== undefined && files.rollout !== undefined) {
    err(`ccvpn verify --change: give --rollout or --steps, not both\n${VERIFY_USAGE}\n`);
    return 2;
  }
  let steps: string[][] | undefined;
  if (files.steps !== undefined) {
    const parsed = readSteps(files.steps);
    if (typeof parsed === 'string') {
      err(`ccvpn verify --change: --steps ${files.steps}: ${parsed}\n`);
      return 2;
    }
    steps = parsed;
  }
  let rollout: RolloutFileInput | undefined;
  try {
    if (files.rollout !== undefined) rollout = readRolloutFile(files.rollout);
  } catch (e) {
    if (!(e instanceof RolloutStepsError)) throw e;
    err(`ccvpn verify --change: --rollout: ${e.message}\n`);
    return 2;
  }
  const input = { before: [positionals[0]], after: [positionals[1]], steps, rollout };
  if (files.dryRun) {
    let plan;
    try {
      plan = planChange(input);
    } catch (e) {
      err(`ccvpn verify --change: ${(e as Error).message}\n`);
      return 2;
    }
    out(json ? `${JSON.stringify({ steps: plan.steps, stepsSource: plan.stepsSource, stepsNotes: plan.stepsNotes, tunnels: plan.report, failures: plan.failures, warnings: plan.warnings }, null, 2)}\n` : renderChangePlan(plan));
    return plan.failures.length ? 1 : 0;
  }
  let report;
  try {
    report = await verifyChange(input, { progress: json ? undefined : (l) => out(`  .. ${l}\n`), keep });
  } catch (e) {
    err(`ccvpn verify --change: ${(e as Error).message}\n`);
    return 2;
  }
  out(json ? `${JSON.stringify(report, null, 2)}\n` : renderChangeReport(report));
  return report.ok ? 0 : 1;
}

/** The steps file: a JSON array of arrays of non-empty strings, or why not. */
export function readSteps(file: string): string[][] | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  if (!Array.isArray(v) || !v.length) return 'must be a non-empty JSON array of steps, e.g. [["t1","t2"],["t3"]]';
  for (const [i, step] of v.entries()) {
    if (!Array.isArray(step) || !step.length || !step.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 400)) {
      const shown = JSON.stringify(step) ?? String(step);
      return `step ${i} is ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}: each step must be a non-empty array of tunnel ids`;
    }
  }
  return v as string[][];
}
