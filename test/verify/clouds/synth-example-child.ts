/**
 * Synthesizes registered examples with whatever engine flavour runs this file, for tests that
 * need the CDK Terrain flavour's output next to cdktf's:
 * `CCVPN_ENGINE=cdktn node -r @swc-node/register -r ./scripts/engine-register.js test/verify/clouds/synth-example-child.ts <out root> <example>…`.
 * Prints `{ "<example>": "<folder of its manifest>" }` as JSON.
 */
import * as path from 'node:path';
import { EXAMPLES } from '../../../examples';
import { synthExample } from '../../../examples/lib/example-apps';

const [outRoot, ...names] = process.argv.slice(2);
const examples = names.map((n) => EXAMPLES.find((e) => e.name === n));
if (!outRoot || !names.length || examples.some((e) => !e)) {
  process.stderr.write(`usage: synth-example-child.ts <out root> <${EXAMPLES.map((e) => e.name).join('|')}>…\n`);
  process.exit(2);
}
const out: Record<string, string> = {};
for (const e of examples) out[e!.name] = path.resolve(path.dirname(synthExample(e!.name, e!.define, outRoot).manifest));
process.stdout.write(JSON.stringify(out));
