/**
 * Synthesizes ONE example of `examples/index.ts` (both engines, manifest included) the way
 * `npm run example` does.
 *
 * argv: <example name> <output root>
 */
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/lib/example-apps';

const [name, outRoot] = process.argv.slice(2);
const example = EXAMPLES.find((e) => e.name === name);
if (!example) throw new Error(`unknown example '${name}'`);
synthExample(name, example.define, outRoot);
