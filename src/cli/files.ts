/**
 * The CLI's file handling: every file it reads or writes fails with one line naming the file and
 * what is wrong (`CliError`), never a stack trace. Sizes are bounded (README, "Limits").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { IssueCollector, PresharedKey, VpnPlan } from '../plan';
import { validatePrevious } from '../plan/validate';
import type { AllocationRecord } from '../plan';

/** Largest topology, allocations or outputs file the CLI reads. */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024;

/** A problem the CLI reports as one line, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The first line of an error's message, bounded (what a one-line report prints). */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** What an fs error code means, in words. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    default: return oneLine(e);
  }
}

/**
 * Reads a text file of at most `MAX_INPUT_FILE_BYTES`.
 *
 * @param what - what the file is, for the message (e.g. `allocations file`)
 * @throws CliError naming the file and what is wrong
 */
export function readTextFile(file: string, what: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new CliError(`cannot read the ${what} ${file}: ${reason(e)}`);
  }
  if (stat.isDirectory()) throw new CliError(`cannot read the ${what} ${file}: is a folder, not a file`);
  if (stat.size > MAX_INPUT_FILE_BYTES) throw new CliError(`cannot read the ${what} ${file}: ${stat.size} bytes; allowed: at most ${MAX_INPUT_FILE_BYTES} bytes`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the ${what} ${file}: ${reason(e)}`);
  }
}

/** Reads and parses a JSON file; `CliError` when it cannot be read or is not JSON. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`the ${what} ${file} is not valid JSON (${oneLine(e)})${text.trim() === '' ? ': it is empty' : ''}`);
  }
}

/** Writes a file; `CliError` naming it when it cannot be written. */
export function writeOutput(file: string, text: string, what: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new CliError(`cannot write the ${what} ${file}: ${reason(e)}`);
  }
}

/**
 * The allocation record in `file` (`--allocations`), or `undefined` when the file does not exist
 * yet (the first run writes it).
 *
 * @throws CliError when it cannot be read, is not JSON or is not an allocation record
 */
export function readAllocations(file: string): AllocationRecord | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = readJsonFile(file, 'allocations file');
  const issues = new IssueCollector();
  const record = validatePrevious(data, issues);
  if (issues.size > 0) {
    const all = issues.all;
    const listed = all.slice(0, 3).map((i) => `${i.path.replace(/^previous\.?/, '') || '(record)'}: ${i.message}`).join('; ');
    throw new CliError(`the allocations file ${file} is not an allocation record: ${listed}${all.length > 3 ? `; and ${all.length - 3} more` : ''} (write it with ccvpn plan --allocations, or delete it to allocate afresh)`);
  }
  return record;
}

/**
 * The temporary folder: `os.tmpdir()`'s own rule (TMPDIR, TMP, TEMP, else the system's), read
 * from `process.env` at each call.
 */
export function tempFolder(): string {
  const fromEnv = process.env.TMPDIR || process.env.TMP || process.env.TEMP;
  return fromEnv ? fromEnv.replace(/(.)\/+$/, '$1') : os.tmpdir();
}

/** Why the temporary folder (`TMPDIR`) cannot be used, or `undefined`. */
export function tmpdirProblem(): string | undefined {
  const dir = tempFolder();
  try {
    if (!fs.statSync(dir).isDirectory()) return `the temporary folder ${dir} (TMPDIR) is not a folder; set TMPDIR to a writable folder`;
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    return `the temporary folder ${dir} (TMPDIR) cannot be used: ${reason(e)}; set TMPDIR to a writable folder`;
  }
  return undefined;
}

/** A derived key that was not derived (no master secret): prints as such, holds nothing. */
class UnderivedKey extends PresharedKey {
  constructor() {
    super('', 'derived');
  }

  public toString(): string {
    return '<psk:derived, not derived (no master secret)>';
  }
}

/** The plan with every derived key replaced by an `UnderivedKey` (pinned keys stay). */
export function withoutDerivedKeys(plan: VpnPlan): VpnPlan {
  const none = new UnderivedKey();
  return { ...plan, tunnels: plan.tunnels.map((t) => (t.presharedKey.source === 'derived' ? { ...t, presharedKey: none } : t)) };
}
