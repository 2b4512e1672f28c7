/**
 * The layers hold (see docs/architecture.md):
 * - the planning core names no cloud outside the cloud profiles (`src/plan/clouds/`): no
 *   identifier with a cloud word (`isAws`, `AZURE_SKUS`), no string with one (`'aws'`,
 *   `'lifetime-azure-waits'`, an import of `./clouds/aws`); comments do not count;
 * - the cloud folders (`src/aws`, `src/azure`, `src/alicloud`) never import each other;
 * - `verify` imports no cloud folder and nothing of the planner, the private helpers or the
 *   cross-cloud layer (as the ESLint rule says; this checks resolved paths, dynamic imports and
 *   `require` too).
 * Each rule is shown to fail on a planted violation first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudMentions, importsOf, srcFolderOf, tsFiles, wordsOf } from './lib/layering';

const SRC = path.join(__dirname, '..', 'src');
const CLOUD_FOLDERS = ['aws', 'azure', 'alicloud'];
/** What verify must not import (the ESLint rule's list): the planner, the constructs, the cross-cloud layer. */
const NOT_FOR_VERIFY = ['plan', ...CLOUD_FOLDERS, 'private', 'cross-cloud-vpn', 'index'];

const read = (file: string) => fs.readFileSync(file, 'utf8');
const rel = (file: string) => path.relative(SRC, file);

/** The files of the planning core the rule applies to: all of src/plan but the profiles. */
function planningCore(): string[] {
  return tsFiles(path.join(SRC, 'plan')).filter((f) => !rel(f).startsWith(`plan${path.sep}clouds${path.sep}`));
}

/** Imports of `files` that land in one of `forbidden` (top folders of src/). */
function forbiddenImports(files: readonly string[], forbidden: (file: string) => readonly string[]): string[] {
  return files.flatMap((f) => importsOf(read(f), f)
    .filter((s) => forbidden(f).includes(srcFolderOf(f, s, SRC) ?? ''))
    .map((s) => `${rel(f)} imports ${s}`));
}

describe('the planning core names no cloud outside the profiles', () => {
  test('the rule catches every way of naming a cloud (planted violations)', () => {
    // GIVEN code that branches on a cloud in each way the rule forbids
    const planted = [
      "const isAws = site.cloud === 'aws';",
      'if (AZURE_SKU_TUNNELS[sku]) warn(`${id} is an Azure SKU`);',
      "issues.add(path, 'lifetime-azure-waits', 'x');",
      "import { ALICLOUD } from './clouds/alicloud';",
      'const alibabaRole = slot.role;',
      '// a comment may say AWS, Azure and Alibaba Cloud',
    ].join('\n');
    // WHEN it is read; THEN every naming is found, with its line, and the comment is not
    expect(cloudMentions(planted).map((m) => [m.line, m.kind, m.text])).toEqual([
      [1, 'identifier', 'isAws'], [1, 'string', 'aws'],
      [2, 'identifier', 'AZURE_SKU_TUNNELS'], [2, 'string', ' is an Azure SKU'],
      [3, 'string', 'lifetime-azure-waits'],
      [4, 'identifier', 'ALICLOUD'], [4, 'string', './clouds/alicloud'],
      [5, 'identifier', 'alibabaRole'],
    ]);
    // and code that asks a profile names none
    expect(cloudMentions("const p = profileOf(site.cloud); if (p.perConnection) draws(p.name, 'lawson', CLOUD_NAMES);")).toEqual([]);
    expect(wordsOf('AWS_DEFAULT_AMAZON_SIDE_ASN')).toEqual(['aws', 'default', 'amazon', 'side', 'asn']);
    expect(wordsOf('isAzureAzSku')).toEqual(['is', 'azure', 'az', 'sku']);
  });

  test('no file of src/plan outside src/plan/clouds names a cloud', () => {
    const files = planningCore();
    expect(files.length).toBeGreaterThan(10);
    const mentions = files.flatMap((f) => cloudMentions(read(f), f).map((m) => `${rel(f)}:${m.line}: ${m.kind} ${JSON.stringify(m.text.slice(0, 60))}`));
    expect(mentions).toEqual([]);
  });
});

describe('imports between layers', () => {
  test('the import rule resolves paths (planted violations)', () => {
    const at = (file: string) => path.join(SRC, file);
    expect(srcFolderOf(at('azure/vpn-gateway.ts'), '../aws/vpn-gateway', SRC)).toBe('aws');
    expect(srcFolderOf(at('verify/clouds/azure/model.ts'), '../../../plan/facts', SRC)).toBe('plan');
    expect(srcFolderOf(at('verify/x.ts'), '../cross-cloud-vpn', SRC)).toBe('cross-cloud-vpn');
    expect(srcFolderOf(at('verify/clouds/aws/accept.ts'), '../../types', SRC)).toBe('verify');
    expect(srcFolderOf(at('aws/x.ts'), 'aws-cdk-lib', SRC)).toBeUndefined();
    expect(importsOf("import a from '../aws';\nexport * from '../azure/x';\nconst b = require('../alicloud');\nconst c = import('../plan');\nimport type { T } from '../private/t';"))
      .toEqual(['../aws', '../azure/x', '../alicloud', '../plan', '../private/t']);
  });

  test('the cloud folders never import each other', () => {
    const files = CLOUD_FOLDERS.flatMap((c) => tsFiles(path.join(SRC, c)));
    expect(files.length).toBeGreaterThan(10);
    const own = (f: string) => rel(f).split(path.sep)[0];
    expect(forbiddenImports(files, (f) => CLOUD_FOLDERS.filter((c) => c !== own(f)))).toEqual([]);
  });

  test('verify imports no cloud folder, nothing of the planner and nothing of the cross-cloud layer', () => {
    const files = tsFiles(path.join(SRC, 'verify'));
    expect(files.length).toBeGreaterThan(10);
    expect(forbiddenImports(files, () => NOT_FOR_VERIFY)).toEqual([]);
  });
});
