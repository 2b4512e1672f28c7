/**
 * The three-cloud mesh's synthesized output replayed as raw resources (`bench/lib/replay.ts`).
 *
 * Any implementation of the mesh, however it is written, has to make these resources and
 * synthesize them. So this case, above the floor, is a lower bound on what any library can cost
 * above the floor for this output. With a third argument (a JSON list of module files) it first
 * loads those modules: `npm run bench` passes the typed classes the mesh's own run loaded
 * (aws-cdk-lib's `aws-*` modules, among them the example's `ec2.Vpc`; azurerm's resource modules;
 * the Alibaba Cloud bindings), which any implementation written with typed constructs, as this
 * library is required to be, loads too. Instantiating them would cost more again, so that figure
 * is still a lower bound.
 *
 * argv: <the mesh's synthesized output (cdk.out/ and cdktf.out/)> <output folder> [<modules.json>]
 */
import * as fs from 'node:fs';
import { replayOutput } from '../lib/replay';

const [input, outdir, modules] = process.argv.slice(2);
if (!input || !outdir) throw new Error('usage: replay.js <synthesized mesh output> <output folder> [<modules.json>]');
// Each file as the mesh's run loaded it (its exports are not read: aws-cdk-lib's lazy ones would
// load modules that run never loaded).
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (modules) for (const file of JSON.parse(fs.readFileSync(modules, 'utf8')) as string[]) require(file);
replayOutput(input, outdir);
