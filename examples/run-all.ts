/**
 * `npm run example`: synthesizes every example with both Terraform engines — cdktf into
 * `out/<example>/`, CDK Terrain into `out/cdktn/<example>/` — each folder with CloudFormation
 * templates in `cdk.out/*.template.json`, Terraform JSON in `cdktf.out/stacks/<name>/cdk.tf.json`
 * and its deployment manifest `ccvpn.manifest.json` (which records the engine of every stack);
 * and prints each plan. `npm run example -- --engine cdktf` (or `cdktn`) synthesizes one flavour.
 *
 * The engines cannot share a process (one engine's constructs fail in the other's tree, and a
 * module loads once), so the flavour this process was not started as runs in a child process
 * with `scripts/engine-register.js` (`CCVPN_ENGINE=cdktn`).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ENGINE } from '../src/private/cdktf';
import { EXAMPLES } from './index';
import { main } from './lib/example-apps';

const ENGINES = ['cdktf', 'cdktn'] as const;

function enginesWanted(argv: readonly string[]): readonly string[] {
  const i = argv.indexOf('--engine');
  if (i < 0) return ENGINES;
  const value = argv[i + 1];
  if (!(ENGINES as readonly string[]).includes(value)) {
    process.stderr.write(`npm run example: --engine ${JSON.stringify(String(value)).slice(0, 40)} is not an engine; allowed: ${ENGINES.join(', ')}\n`);
    process.exit(2);
  }
  return [value];
}

let failed = false;
for (const engine of enginesWanted(process.argv.slice(2))) {
  if (engine === ENGINE) {
    for (const example of EXAMPLES) main(example.name, example.define);
    continue;
  }
  const root = path.join(__dirname, '..');
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', '-r', path.join(root, 'scripts', 'engine-register.js'), __filename, '--engine', engine], {
    env: { ...process.env, CCVPN_ENGINE: engine }, stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write(`npm run example: the ${engine} flavour failed (${r.error ? r.error.message : `exit ${r.status}`})\n`);
    failed = true;
  }
}
if (failed) process.exitCode = 1;
