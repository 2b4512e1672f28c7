/**
 * `ccvpn rotate`: plans a staged change of deployed tunnels from the allocation record alone: new
 * key generations (`--keys`, the default) and / or the release of recorded proposals and
 * lifetimes (`--settings`) for all tunnels, chosen links or chosen tunnels. Writes a rollout file
 * (the steps, each with the record to apply) for `ccvpn deploy --rollout`, and prints the steps.
 * Never a key: the record holds generations, the app derives keys at synth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { RotationError, Rotation, planRotation, rolloutFile } from '../change/rotation';
import { CliError, readAllocations, writeOutput } from './files';

export const ROTATE_USAGE = `usage: ccvpn rotate --allocations <file> (--all | --link <id> ... | --tunnel <id> ...) [--keys] [--settings] [--replaced-connections] [--out <file>]

  rotate   plan a staged change of deployed tunnels, one tunnel of a site pair per step
           --allocations <file>  the allocation record the app reads (CrossCloudVpn allocationsFile,
                                 or ccvpn plan --allocations); it is not changed
           --all | --link <id> | --tunnel <id>   which tunnels (repeatable)
           --keys       a new key generation per tunnel (the default without --settings)
           --settings   release recorded proposals / lifetimes to what the topology now asks
           --replaced-connections  a change to one tunnel of an AWS VPN connection takes both down
                        (CloudFormation replaces the connection; not with in-place tunnel options)
           --out <file> the rollout file (default: ccvpn.rollout.json beside the allocations file)
           then: ccvpn deploy --rollout <file> --synth "<your app's synth command>"`;

/** The steps of a rotation, as `ccvpn rotate` prints them. */
export function renderRotation(rotation: Rotation, file: string): string {
  const lines: string[] = [];
  const byTunnel = new Map(rotation.changes.map((c) => [c.tunnel, c]));
  const what = (id: string) => {
    const c = byTunnel.get(id)!;
    const parts = [];
    if (c.keyGeneration) parts.push(`key generation ${c.keyGeneration.from} → ${c.keyGeneration.to}`);
    if (c.releasesSettings) parts.push('proposal / lifetimes released');
    return `${id} (${parts.join(', ')})`;
  };
  lines.push(`rollout of ${rotation.changes.length} tunnel(s) in ${rotation.rollout.steps.length} step(s), written to ${file}`);
  for (const s of rotation.rollout.steps) {
    lines.push(`  step ${s.step}: ${s.tunnels.map(what).join(', ')}${s.alsoDown?.length ? `; also down: ${s.alsoDown.join(', ')}` : ''}`);
  }
  for (const o of rotation.rollout.outages) {
    lines.push(`!! outage: sites ${o.sites[0]} and ${o.sites[1]} have no path during step ${o.step}: their active tunnel(s) ${o.tunnels.join(', ')} are all down during it (no order avoids it)`);
  }
  for (const n of rotation.notes) lines.push(`note: ${n}`);
  lines.push(`next: ccvpn deploy --rollout ${file} --synth "<your app's synth command>" (--dry-run to see the commands)`);
  return `${lines.join('\n')}\n`;
}

/** Runs `ccvpn rotate`; returns the exit code. */
export function rotateCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        allocations: { type: 'string' }, all: { type: 'boolean' }, link: { type: 'string', multiple: true }, tunnel: { type: 'string', multiple: true },
        keys: { type: 'boolean' }, settings: { type: 'boolean' }, 'replaced-connections': { type: 'boolean' }, out: { type: 'string' },
      },
    });
  } catch (e) {
    err(`ccvpn rotate: ${(e as Error).message}\n${ROTATE_USAGE}\n`);
    return 2;
  }
  const v = args.values;
  if (v.allocations === undefined) {
    err(`ccvpn rotate: --allocations <file> is required\n${ROTATE_USAGE}\n`);
    return 2;
  }
  if (!v.all && !v.link?.length && !v.tunnel?.length) {
    err(`ccvpn rotate: choose the tunnels: --all, --link <id> or --tunnel <id>\n${ROTATE_USAGE}\n`);
    return 2;
  }
  try {
    if (!fs.existsSync(v.allocations)) throw new CliError(`cannot read the allocations file ${v.allocations}: no such file (it is written at synth, or by ccvpn plan --allocations)`);
    const record = readAllocations(v.allocations)!;
    const rotation = planRotation(record, {
      all: v.all, links: v.link, tunnels: v.tunnel,
      keys: v.keys === true || v.settings !== true, settings: v.settings === true, connectionsReplaced: v['replaced-connections'] === true,
    });
    const file = v.out ?? path.join(path.dirname(v.allocations), 'ccvpn.rollout.json');
    const relative = path.relative(path.dirname(path.resolve(file)), path.resolve(v.allocations));
    writeOutput(file, `${JSON.stringify(rolloutFile(relative, record, rotation), null, 2)}\n`, 'rollout file');
    out(renderRotation(rotation, file));
    return 0;
  } catch (e) {
    if (e instanceof CliError || e instanceof RotationError) {
      err(`ccvpn rotate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
