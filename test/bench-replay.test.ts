/**
 * The benchmark's lower bound for the synth guards (`bench/lib/replay.ts`, the `replay` rows of
 * `npm run bench`) is only a bound if the replay writes what the mesh wrote: the same templates
 * and Terraform stacks, resource for resource. Checked on the run's shared copy of the mesh: every
 * file the two engines synthesized, compared with its keys sorted and cdktf's `//` metadata (the
 * construct paths) and aws-cdk-lib's `CDKMetadata` resource left out.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replayOutput } from '../bench/lib/replay';
import { exampleOutput } from './verify/mutate';

type Json = unknown;
/** `value` with object keys sorted and the engines' own bookkeeping left out. */
function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).filter((k) => k !== '//' && k !== 'CDKMetadata').sort().map((k) => [k, canonical((value as Record<string, Json>)[k])]));
}

/** The synthesized files of an output folder: the CloudFormation templates and every stack's cdk.tf.json. */
function synthesized(dir: string): Map<string, Json> {
  const files = new Map<string, Json>();
  for (const f of fs.readdirSync(path.join(dir, 'cdk.out')).filter((n) => n.endsWith('.template.json'))) {
    files.set(`cdk.out/${f}`, canonical(JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', f), 'utf8'))));
  }
  const stacks = path.join(dir, 'cdktf.out', 'stacks');
  for (const s of fs.readdirSync(stacks)) {
    files.set(`cdktf.out/stacks/${s}/cdk.tf.json`, canonical(JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8'))));
  }
  return files;
}

test('the replay of the three-cloud mesh synthesizes what the mesh synthesized', () => {
  // GIVEN: the mesh as the examples synthesize it
  const mesh = exampleOutput('three-cloud-mesh');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-replay-'));
  try {
    // WHEN
    replayOutput(mesh, out);
    // THEN: the same files, each the same document
    const before = synthesized(mesh);
    const after = synthesized(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(before.size).toBe(2 + 6);
    for (const [file, doc] of before) expect({ file, doc: after.get(file) }).toEqual({ file, doc });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
