/**
 * Synthesized outputs shared by the test files of one jest run: several files verify, mutate or
 * compare the same registered example synthesized the same way (same engine, same master
 * secret), and each used to synthesize it again. The first file to need an output synthesizes it
 * as before and publishes it here; the others read that copy. Every user treats an output as
 * read-only (`mutated()` copies before it edits).
 *
 * The folder is the run's own (`CCVPN_TEST_CACHE`, created and removed by test/global-setup.js
 * and global-teardown.js), so nothing outlives a run and no stale source is ever reused. Safe
 * under parallel workers: an output is written into a private folder first and moved into place
 * with one `rename`, which fails when another worker got there first (its copy is then used and
 * ours removed). Without the variable (no jest run around it) nothing is shared.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The cache key of an output: who synthesized it, with which secret (hashed), under which name. */
export function outputKey(engine: string, secret: string, name: string): string {
  const s = createHash('sha256').update(secret).digest('hex').slice(0, 12);
  return path.join(engine, s, name.replace(/[^a-z0-9-]/gi, '_'));
}

/** The run's cache folder, or undefined outside a jest run. */
export function cacheRoot(): string | undefined {
  const dir = process.env.CCVPN_TEST_CACHE;
  return dir && fs.existsSync(dir) ? dir : undefined;
}

/** The published folder for `key`, if any. */
export function cachedOutput(key: string): string | undefined {
  const root = cacheRoot();
  if (!root) return undefined;
  const dir = path.join(root, key);
  return fs.existsSync(path.join(dir, 'ccvpn.manifest.json')) ? dir : undefined;
}

/**
 * A private folder under the cache to synthesize into, or undefined outside a jest run; hand
 * its result to `publish`.
 */
export function stagingDir(): string | undefined {
  const root = cacheRoot();
  if (!root) return undefined;
  fs.mkdirSync(path.join(root, '.staging'), { recursive: true });
  return fs.mkdtempSync(path.join(root, '.staging', `${process.pid}-`));
}

/**
 * Moves the synthesized folder `dir` (a manifest folder inside a `stagingDir()`) to `key`;
 * returns where the output now is (another worker's copy when it published first).
 */
export function publish(key: string, dir: string): string {
  const root = cacheRoot()!;
  const target = path.join(root, key);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.renameSync(dir, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return target;
}
