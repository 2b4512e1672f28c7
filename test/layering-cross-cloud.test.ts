/**
 * The cross-cloud layer knows no cloud: `src/cross-cloud-vpn.ts` and the contract between it and
 * the gateways (`src/contract.ts`) decide phases, stacks and wiring from what a gateway says about
 * itself (`IVpnGateway.endpointsKnown`, its deployment), never from which cloud it is. Checked on
 * the code itself (TypeScript's scanner): no identifier and no string or template text names a
 * cloud, and no import reaches a cloud folder. Comments may name clouds (they document examples).
 * (The layering of src/plan, the cloud folders and verify is checked by its own test.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');
/** The files of the cross-cloud layer. */
const LAYER = ['cross-cloud-vpn.ts', 'contract.ts'];
/** Names of the clouds and their vendors, as code would spell them. */
const CLOUD = /aws|azure|alicloud|alibaba|aliyun|amazon|microsoft/i;
const CLOUD_WORD = /\b(aws|azure|alicloud|alibaba|aliyun|amazon|microsoft)\b/i;
/** The cloud folders (and their subpaths). */
const CLOUD_FOLDER = /(^|\/)(aws|azure|alicloud)(\/|$)/;

/** Every place the code of `source` names a cloud: `line: what`. */
function cloudNames(source: string): string[] {
  const found: string[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
  // Open braces and template substitutions: a `}` that closes a substitution continues the template.
  const open: ('brace' | 'substitution')[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) open.push('brace');
    else if (kind === ts.SyntaxKind.CloseBraceToken && open.pop() === 'substitution') kind = scanner.reScanTemplateToken(false);
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) open.push('substitution');
    const text = scanner.getTokenText();
    const at = lineOf(scanner.getTokenStart());
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) {
      if (CLOUD.test(text)) found.push(`${at}: identifier ${text}`);
    } else if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral
      || kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle || kind === ts.SyntaxKind.TemplateTail) {
      const value = scanner.getTokenValue();
      if (CLOUD_WORD.test(value) || CLOUD_FOLDER.test(value)) found.push(`${at}: text ${text}`);
    }
  }
  return found;
}

describe('the cross-cloud layer names no cloud', () => {
  test.each(LAYER)('src/%s', (file) => {
    expect(cloudNames(fs.readFileSync(path.join(SRC, file), 'utf8'))).toEqual([]);
  });

  test.each(LAYER)('src/%s imports no cloud folder', (file) => {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(SRC, file), 'utf8'), true, true);
    expect(importedFiles.map((f) => f.fileName).filter((f) => CLOUD_FOLDER.test(f))).toEqual([]);
  });

  test.each([
    ['a comparison with a cloud id', "const isAws = (g: G) => g.site.cloud === 'aws';", ['1: identifier isAws', "1: text 'aws'"]],
    ['a cloud in a message', 'throw new Error(`the Azure half of ${id} is missing`);', ['1: text `the Azure half of ${']],
    ['a cloud after a substitution', 'const m = `${a} faces ${b} on alicloud`;', ['1: text } on alicloud`']],
    ['a cloud-named member', 'if (gateway.amazonSideAsn) run();', ['1: identifier amazonSideAsn']],
    ['an import of a cloud folder', "import { AwsVpnGateway } from './aws';", ['1: identifier AwsVpnGateway', "1: text './aws'"]],
  ])('finds a planted violation: %s', (_, code, expected) => {
    expect(cloudNames(code)).toEqual(expected);
  });

  test('lets comments and capability checks pass', () => {
    const code = "// AWS halves first\n/** Azure and Alibaba Cloud too. */\nconst first = (g: G) => g.endpointsKnown === 'link';\n";
    expect(cloudNames(code)).toEqual([]);
  });
});
