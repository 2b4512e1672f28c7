/**
 * The layering rules, as functions of source text (so that a test can plant a violation): which
 * cloud a file names, and which folders of `src/` a file imports. Read with the TypeScript
 * parser: comments never count, string literals and identifiers do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The words that name a cloud: its id, its display name, the company behind it. */
export const CLOUD_WORDS = ['aws', 'amazon', 'azure', 'microsoft', 'alicloud', 'alibaba', 'aliyun'] as const;

/** The words of an identifier: camelCase, PascalCase, snake_case and SCREAMING_CASE split, lower-cased. */
export function wordsOf(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Where a file names a cloud. */
export interface CloudMention {
  /** 1-based line. */
  readonly line: number;
  /** What names it: an identifier or a string (literal or template text). */
  readonly kind: 'identifier' | 'string';
  /** The identifier or string. */
  readonly text: string;
}

const CLOUD_IN_TEXT = new RegExp(`(^|[^a-z0-9])(${CLOUD_WORDS.join('|')})([^a-z0-9]|$)`, 'i');

/**
 * Every place a source text names a cloud:
 * - an identifier one of whose words is a cloud word (`isAws`, `AZURE_SKUS`, `alicloudRole`);
 * - a string literal or template text containing a cloud word as a word of its own, any case
 *   (`'aws'`, `'lifetime-azure-waits'`, `` `${x} takes Alibaba Cloud` ``, `'./clouds/aws'`).
 * Comments are documentation and do not count.
 */
export function cloudMentions(source: string, fileName = 'file.ts'): CloudMention[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: CloudMention[] = [];
  const line = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      if (wordsOf(node.text).some((w) => (CLOUD_WORDS as readonly string[]).includes(w))) out.push({ line: line(node), kind: 'identifier', text: node.text });
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (CLOUD_IN_TEXT.test(node.text)) out.push({ line: line(node), kind: 'string', text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The module specifiers a source text imports or re-exports (static, dynamic and `require`). */
export function importsOf(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      out.push(node.arguments[0].text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/**
 * The top folder of `src/` (`aws`, `plan`, `common`, ...) a relative import of a file under
 * `src/` lands in, or `undefined` for a package import or one outside `src/`.
 */
export function srcFolderOf(importer: string, specifier: string, srcRoot: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.relative(srcRoot, path.resolve(path.dirname(importer), specifier));
  if (target.startsWith('..') || path.isAbsolute(target)) return undefined;
  const [top, ...rest] = target.split(path.sep);
  return rest.length === 0 ? top.replace(/\.ts$/, '') : top;
}

/** Every `.ts` file under a folder, recursively. */
export function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}
