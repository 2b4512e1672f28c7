/**
 * The allocations file of a `CrossCloudVpn` (`allocationsFile`): the plan's allocation record kept
 * between synths, like `cdk.context.json`: read as `previous` when it exists, written with the
 * plan's allocations at synth. `ccvpn deploy --rollout` writes each step's record into it before
 * synthesizing the app again. Engine-free (the root entry loads it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanError } from '../plan/errors';
import type { AllocationRecord } from '../plan/topology';

/** Largest allocations file read (the CLI's bound, `MAX_INPUT_FILE_BYTES`). */
const MAX_BYTES = 4 * 1024 * 1024;

const fail = (where: string, message: string) => new PlanError([{ path: `${where} allocationsFile`, code: 'allocations-file-invalid', message }]);

/**
 * The record in the file, or `undefined` when the file does not exist yet. Its content is checked
 * by the planner, as `previous` is.
 *
 * @param where - the declaration, for messages (e.g. `[Mesh]`)
 * @throws PlanError when the path is not a string, or the file cannot be read or is not JSON
 */
export function readAllocationsFile(file: unknown, where: string): AllocationRecord | undefined {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096) throw fail(where, `expected a file path of 1-4096 characters, got ${typeof file === 'string' ? `${file.length} characters` : typeof file}`);
  let text: string;
  try {
    if (!fs.existsSync(file)) return undefined;
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('is not a file');
    if (stat.size > MAX_BYTES) throw new Error(`${stat.size} bytes; allowed: at most ${MAX_BYTES}`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw fail(where, `cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return JSON.parse(text) as AllocationRecord;
  } catch (e) {
    throw fail(where, `${file} is not valid JSON (${(e as Error).message.split('\n')[0]}); it holds the allocations of the last synth: restore it from version control, or delete it to allocate afresh`);
  }
}

/** Writes the plan's allocations to the file (only when they changed, so that its time stamp means something). */
export function writeAllocationsFile(file: string, record: AllocationRecord, where: string): void {
  const text = `${JSON.stringify(record, null, 2)}\n`;
  try {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (e) {
    throw fail(where, `cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
