/**
 * `ccvpn verify`: the command-line face of `verify` (wired into `src/cli/main.ts`).
 *
 *   ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]
 *
 * Folders given are read as ONE deployment. Without folders, every example under `out/`
 * (`out/<name>/cdk.out` and `out/<name>/cdktf.out`, as `npm run example` writes them) is verified
 * as its own deployment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupStaleLabs } from './harness';
import { VerifyReport, defaultFolders, renderReport, verify } from './index';

export const VERIFY_USAGE = `usage: ccvpn verify [folder ...] [--json] [--dry-run] [--failover] [--timer-scale N] [--keep] [--cleanup-stale]

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
          --cleanup-stale remove namespaces and daemons of verify runs that died, then exit`;

/** Runs `ccvpn verify`; resolves with the exit code (0 ok, 1 a tunnel failed, 2 usage). */
export async function verifyCommand(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv], allowPositionals: true,
      options: { 'json': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'failover': { type: 'boolean' }, 'timer-scale': { type: 'string' }, 'keep': { type: 'boolean' }, 'cleanup-stale': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' } },
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
