/**
 * Each layer's knowledge of a cloud is one line of its registry (see docs/architecture.md,
 * "Adding a cloud"): outside the cloud folders and the registries, no file of `src/verify`,
 * `src/change` or `src/cli` names a cloud in code (identifiers and strings; comments do not
 * count: the rule is `cloudMentions` of `test/lib/layering.ts`, the planning core's rule).
 *
 * Where a layer may name clouds:
 * - verify: `clouds/` (each cloud's folder, and the registry `clouds/index.ts`) and `types.ts`
 *   (verify's own `Cloud` union: the witness imports no planner type);
 * - change: its provider registry `providers.ts`, and the tables generated from each provider's
 *   metadata (`replacement-tables.generated.ts`, generated data);
 * - CLI: nowhere (its words come from the planner's profiles).
 *
 * What is left is listed in `KNOWN`, each with why; an entry must still occur (remove it once
 * gone), and nothing else may appear. The rule is shown to fail on a planted violation first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudMentions, tsFiles } from './lib/layering';

const SRC = path.join(__dirname, '..', 'src');
const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

/** Files (relative to src/, `/`-separated) a layer may name clouds in. */
const ALLOWED: readonly RegExp[] = [
  /^verify\/clouds\//,
  /^verify\/types\.ts$/,
  /^change\/providers\.ts$/,
  /^change\/replacement-tables\.generated\.ts$/,
];

/** Mentions that remain, by file and text, with why. */
const KNOWN: readonly { readonly file: string; readonly text: RegExp; readonly why: string }[] = [
  { file: 'verify/output/resolve.ts', text: /^(AWS::SSM|AWS::)$/, why: 'CloudFormation pseudo parameters and SSM parameter types (AWS::…) are the template language, not a cloud branch' },
  { file: 'verify/output/load.ts', text: /^aws:cdk:cloudformation:type$/, why: 'a key of the CDK cloud assembly (engine vocabulary)' },
  { file: 'verify/change.ts', text: /^(AWS documents|Azure \(a connection|Static and policy-routed|Whether a cloud sends)/, why: 'CHANGE_MODEL: the sourced prose of the change model, printed by --change (another owner\'s file)' },
  { file: 'cli/rotate.ts', text: /^usage: ccvpn rotate/, why: 'its usage text names the connections --replaced-connections is for (prose, not a branch)' },
  { file: 'cli/deploy.ts', text: /^aws:cloudformation:stack$/, why: 'a key of the CDK cloud assembly (engine vocabulary)' },
  { file: 'change/engine-dependencies.ts', text: /^aws:cloudformation:stack$/, why: 'a key of the CDK cloud assembly (engine vocabulary): the stacks whose dependencies the deploy graph reads' },
];

/**
 * `cloudMentions`, and the name of the Azure provider (`azurerm`, in resource types such as
 * `azurerm_public_ip`: the cloud's resources as Terraform spells them).
 */
function cloudOrProviderMentions(source: string, file: string) {
  const provider = cloudMentions(source.replace(/azurerm/gi, 'azure_rm'), file);
  return provider.map((m) => ({ ...m, text: m.text.replace(/azure_rm/gi, 'azurerm') }));
}

/** Every mention outside the allowed files, as `file: text`. */
function mentions(files: readonly string[], read: (f: string) => string): { file: string; line: number; text: string }[] {
  return files.filter((f) => !ALLOWED.some((a) => a.test(f))).flatMap((f) => cloudOrProviderMentions(read(f), f).map((m) => ({ file: f, line: m.line, text: m.text })));
}

const unknown = (ms: ReturnType<typeof mentions>) => ms.filter((m) => !KNOWN.some((k) => k.file === m.file && k.text.test(m.text)));

describe('verify, change and the CLI name clouds only in their registries', () => {
  test('the rule catches a cloud named outside the registries (planted violations)', () => {
    // GIVEN a file of each layer that branches on a cloud, and registry files that list them
    const planted: Record<string, string> = {
      'verify/models/index.ts': "if (h.cloud === 'aws') return awsHalves(c);",
      'change/diff.ts': "const CARRIERS = ['azurerm_public_ip'];",
      'cli/plan-table.ts': "const noun = g.cloud === 'alicloud' ? 'IPsec connections' : 'connections';",
      'cli/diagram.ts': '// a comment may say Azure',
      'verify/clouds/index.ts': "export const VERIFY_CLOUDS = { aws: AWS_VERIFY };",
      'change/providers.ts': "const p = { prefix: 'alicloud_' };",
    };
    // WHEN checked; THEN each branch is found, the comment and the registries are not
    expect(unknown(mentions(Object.keys(planted), (f) => planted[f])).map((m) => `${m.file}: ${m.text}`)).toEqual([
      'verify/models/index.ts: aws', 'verify/models/index.ts: awsHalves',
      'change/diff.ts: azurerm_public_ip',
      'cli/plan-table.ts: alicloud',
    ]);
  });

  test('no file of src/verify, src/change or src/cli outside the registries names a cloud', () => {
    const files = ['verify', 'change', 'cli'].flatMap((d) => tsFiles(path.join(SRC, d))).map(rel);
    expect(files.length).toBeGreaterThan(30);
    const read = (f: string) => fs.readFileSync(path.join(SRC, f), 'utf8');
    const all = mentions(files, read);
    expect(unknown(all).map((m) => `${m.file}:${m.line}: ${JSON.stringify(m.text.slice(0, 60))}`)).toEqual([]);
    // every known remainder still exists (remove its entry once it is gone)
    expect(KNOWN.filter((k) => !all.some((m) => m.file === k.file && k.text.test(m.text))).map((k) => k.file)).toEqual([]);
  });
});
