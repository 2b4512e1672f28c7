/**
 * Registered examples synthesized by one engine flavour, for tests that compare the cdktf
 * flavour's output (azurerm 4.55.0) with CDK Terrain's (azurerm 4.73.0). One jest worker holds
 * one engine: the jest project's own flavour is synthesized in this process (the mutation tests'
 * `exampleOutput`, same secret), the other in a child process (`synth-example-child.ts` under
 * `scripts/engine-register.js` with `CCVPN_ENGINE`), so the file holds under either jest project.
 * Each flavour's examples are synthesized once per jest run (`test/lib/output-cache.ts`: the
 * first file to need one publishes it, the others read it), or once per test file outside a jest
 * run, into a folder `cleanupFlavourOutputs()` (or `cleanupScratch()`) removes. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLES } from '../../../examples';
import { ENGINE } from '../../lib/engine';
import { cachedOutput, outputKey, publish, stagingDir } from '../../lib/output-cache';
import { SECRET as MUTATION_SECRET, exampleOutput } from '../mutate';

const ROOT = path.join(__dirname, '..', '..', '..');
export type Flavour = 'cdktf' | 'cdktn';

let root: string | undefined;
const dirs: Record<Flavour, Map<string, string>> = { cdktf: new Map(), cdktn: new Map() };
/** The master secret every flavour output is synthesized with. */
export const FLAVOUR_SECRET = MUTATION_SECRET;
const SECRET = FLAVOUR_SECRET;

/** The outputs of registered examples (all by default) synthesized by `engine`: example → manifest folder. */
export function flavourOutputs(engine: Flavour, names: readonly string[] = EXAMPLES.map((e) => e.name)): ReadonlyMap<string, string> {
  // This jest project's own engine: the same source synthesized in this process with the same
  // secret (the mutation tests' `exampleOutput`, shared with the run's other files), not a child.
  if (engine === ENGINE) return new Map(names.map((n) => [n, exampleOutput(n)]));
  for (const n of names) {
    const hit = dirs[engine].has(n) ? undefined : cachedOutput(outputKey(`child-${engine}`, SECRET, n));
    if (hit) dirs[engine].set(n, hit);
  }
  const missing = names.filter((n) => !dirs[engine].has(n));
  if (missing.length) {
    const staging = stagingDir();
    root ??= staging ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-flavours-'));
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-r', './scripts/engine-register.js', 'test/verify/clouds/synth-example-child.ts', staging ?? path.join(root!, engine), ...missing], {
      // No CloudFormation validation: the same examples' templates are validated, an error-severity
      // finding failing the synthesis, where the jest project of that engine synthesizes them (test/examples/examples.test.ts).
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, CCVPN_ENGINE: engine, CCVPN_MASTER_SECRET: SECRET, CDK_VALIDATION: 'false' },
    });
    for (const [n, dir] of Object.entries(JSON.parse(out) as Record<string, string>)) dirs[engine].set(n, staging ? publish(outputKey(`child-${engine}`, SECRET, n), dir) : dir);
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
  }
  return new Map(names.map((n) => [n, dirs[engine].get(n)!]));
}

/** One example's output synthesized by `engine`. */
export const flavourOutput = (engine: Flavour, example: string): string => flavourOutputs(engine, [example]).get(example)!;

/** Removes every output this file synthesized. Call from `afterAll`. */
export function cleanupFlavourOutputs(): void {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
  dirs.cdktf.clear();
  dirs.cdktn.clear();
}
