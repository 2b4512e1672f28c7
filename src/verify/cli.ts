/**
 * `ccvpn verify`: the command-line face of `verify` (wired into `src/cli/main.ts`).
 *
 *   ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]
 *   ccvpn verify --change <before> <after> [--steps <file.json>] [--json] [--keep]
 *
 * Folders given are read as ONE deployment. Without folders, every example under `out/`
 * (`out/<name>/cdk.out` and `out/<name>/cdktf.out`, as `npm run example` writes them) is verified
 * as its own deployment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupStaleLabs } from './harness';
import { renderChangeReport, verifyChange } from './change';
import { VerifyReport, defaultFolders, renderReport, verify } from './index';

export const VERIFY_USAGE = `usage: ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]
       ccvpn verify --change <before> <after> [--steps <file.json>] [--json] [--keep]

  verify  negotiate every tunnel of the synthesized output between real strongSwan (IKE) and
          BIRD (BGP) daemons in network namespaces on this machine (needs root): IKE SA, CHILD SA
          and a rekey, BGP with the expected ASNs and prefixes, a host-to-host ping over ESP
          folder          cdk.out / cdktf.out folders (or a folder with ccvpn.manifest.json), read
                          as one deployment; default: each out/<example>/ on its own
          --json          print the report as JSON
          --dry-run       read, model and pair the halves only (no lab, no root needed)
          --failover      also take one tunnel of each active-active pair down while traffic flows
          --timer-scale N divide cloud timers (BGP hold, DPD) by N in failover runs (default 10)
          --keep          leave namespaces, daemons and files for debugging
          --cleanup-stale remove namespaces and daemons of verify runs that died, then exit
          --change        bring the lab up on <before> (a synthesized output folder), send traffic
                          between every pair of site networks, apply the change to <after> step by
                          step, and report per site pair the longest gap in traffic and per tunnel
                          when it went down and came back
          --steps FILE    the rollout: a JSON array of steps, each an array of tunnel ids (as
                          \`ccvpn verify <before>\` numbers them; tunnels only in <after> continue
                          the numbering) or half keys; default: one changed tunnel per step in
                          tunnel order (a placeholder, not a planned rollout)`;

/** Runs `ccvpn verify`; resolves with the exit code (0 ok, 1 a tunnel failed, 2 usage). */
export async function verifyCommand(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv], allowPositionals: true,
      options: { 'change': { type: 'boolean' }, 'steps': { type: 'string' }, 'json': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'failover': { type: 'boolean' }, 'timer-scale': { type: 'string' }, 'keep': { type: 'boolean' }, 'cleanup-stale': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
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
  if (args.values.change) return changeCommand(args.positionals, args.values.steps, !!args.values.json, !!args.values.keep, out, err);
  if (args.values.steps !== undefined) {
    err(`ccvpn verify: --steps needs --change\n${VERIFY_USAGE}\n`);
    return 2;
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
  for (const folders of deployments) {
    if (!json && deployments.length > 1) out(`\n## ${folders.map((f) => path.dirname(f)).filter((v, i, a) => a.indexOf(v) === i).join(', ')}\n`);
    const report = await verify(folders, { json, modelOnly: args.values['dry-run'], failover: args.values.failover, timerScale, keep: args.values.keep, progress: (l) => out(`  .. ${l}\n`) });
    reports.push(report);
    if (!json) out(renderReport(report));
  }
  if (json) out(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  return reports.every((r) => r.ok) ? 0 : 1;
}

/** `ccvpn verify --change <before> <after>`: 0 ok, 1 the change fails, 2 usage. */
async function changeCommand(positionals: readonly string[], stepsFile: string | undefined, json: boolean, keep: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
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
  let steps: string[][] | undefined;
  if (stepsFile !== undefined) {
    const parsed = readSteps(stepsFile);
    if (typeof parsed === 'string') {
      err(`ccvpn verify --change: --steps ${stepsFile}: ${parsed}\n`);
      return 2;
    }
    steps = parsed;
  }
  let report;
  try {
    report = await verifyChange({ before: [positionals[0]], after: [positionals[1]], steps }, { progress: json ? undefined : (l) => out(`  .. ${l}\n`), keep });
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
