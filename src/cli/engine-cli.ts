/**
 * Which command-line tool deploys a stack of each engine the deployment manifest names
 * (`ManifestStack.engine`). cdktf and CDK Terrain take the same arguments: `cdktn-cli` 0.24.0
 * (`bundle/bin/cdktn.js`) declares the same options as `cdktf-cli` 0.21.0 (`bundle/bin/cdktf.js`),
 * among them `deploy|destroy <stack> --skip-synth --output <dir> --auto-approve --outputs-file
 * <file> --var k=v`, and reads the same `cdktf.json` and `cdktf.out`; so `ccvpn deploy` only
 * swaps the program.
 */
import type { StackEngine } from '../contract';

const CLI: Readonly<Record<StackEngine, string>> = { cdk: 'cdk', cdktf: 'cdktf', cdktn: 'cdktn' };

/** The program that deploys stacks of `engine` (found on `PATH`, as `npx` or a global install puts it). */
export function engineCli(engine: StackEngine): string {
  if (!Object.hasOwn(CLI, engine)) throw new Error(`engine ${JSON.stringify(String(engine)).slice(0, 40)} has no CLI; allowed: ${Object.keys(CLI).join(', ')}`);
  return CLI[engine];
}
