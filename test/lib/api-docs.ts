/**
 * The API documentation check: every property a user of the public entries writes or reads is
 * documented, says its `@default` when it is optional, and says its unit or range when it is a
 * number. Runs on the TypeScript compiler API (one `ts.Program` over the entries), so it sees
 * exactly what the entries export: re-exports, `export *`, inherited members, nested object types.
 *
 * What is checked (the API reference documents the same things):
 * - every property of every interface exported from an entry, of every object type an exported
 *   type alias stands for, and of every anonymous object type nested in those properties
 *   (`ProposalSpec.phase1.lifetimeSeconds`), outputs included: a plan's numbers need units as
 *   much as a prop's;
 * - every public instance property and getter of every exported class (docs inherited from an
 *   implemented interface or a base class count, as they do in the reference).
 *
 * The rules, one finding each:
 * 1. `no doc text`: the property has no description (tags alone, e.g. a bare `@default`, do not count).
 * 2. `optional, but no @default`: an optional property (`?`) of an interface or object type has no
 *    `@default` tag. Class properties are attributes the constructor sets, not inputs: exempt.
 * 3. `number, but no unit or range`: a property typed `number` (or a list or map of numbers;
 *    unions of number literals such as `DhGroup` list their values in the type and are exempt)
 *    whose description (summary and `@remarks`, not `@default`) names no unit and no range.
 *    Units: seconds, ms, minutes, ... months, Mbit/s and the like, bits, bytes, KB, packets,
 *    percent or `%`, characters, addresses, `28800 s`, or an explicit `Unit: connections`.
 *    Ranges: `1-65534`, `9–3600`, `0..32`, `0 to 86400`, `between 1 and 10`, `at least 30`,
 *    `at most 28800`, `30 or more`, `>= 1`, a list of allowed values (`5, 10, 20 or 50`),
 *    `positive`; a bound may be a code reference (`` 0 to `connectionLimit` ``); a range the
 *    planner's profile owns is referenced, not retyped: `` {@link AWS}`.ownAsn` `` (a link and the field).
 * 4. `ASN or count, but no range`: ASNs and counts (names ending in `Asn`, `Asns`, `Count`,
 *    `Limit`, `Index`, or starting with `max`/`min`) need a range: a unit alone does not say
 *    which values are allowed.
 *
 * Why every exported interface and not only `*Props` / `*Options` / `*Spec`: inputs here also go
 * by other names (`TunnelPin`, `AllocationRecord`, `IAwsVpnGateway` given as a plain object), and
 * outputs (`VpnPlan`, `TunnelEnd`) carry numbers and optional values a reader must understand as
 * much; on an output, `@default` says what an absent value means (`- none: not a BGP link`).
 *
 * Members marked `@internal`, private or protected, or named with a leading `_` are skipped, as
 * are declarations outside the project (node_modules) or matching `exclude` (generated bindings).
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/** One problem of one property. */
export interface ApiDocFinding {
  /** File of the property's declaration, relative to `rootDir`, with `/` separators. */
  readonly file: string;
  /** Line of the declaration, from 1. */
  readonly line: number;
  /** `Owner.prop`, or `Owner.prop.nested` for a property of a nested object type. */
  readonly member: string;
  /** What is missing. */
  readonly problem: string;
}

/** What to check. */
export interface ApiDocsCheckOptions {
  /** The public entry files (absolute, or relative to `rootDir`). */
  readonly entries: readonly string[];
  /** Root of the project: findings name files relative to it. */
  readonly rootDir: string;
  /** Compiler options of the program. @default - those of `tsconfig.build.json` in `rootDir`, else strict defaults */
  readonly compilerOptions?: ts.CompilerOptions;
  /** Declarations in matching files are not checked. @default - none */
  readonly exclude?: RegExp;
  /**
   * A program that holds the entries, built already (scripts/static-checks.ts passes its type
   * check's); `compilerOptions` is then not used. @default - a program of the entries is built
   */
  readonly program?: ts.Program;
}

export const NO_DOC = 'no doc text';
export const NO_DEFAULT = 'optional, but no @default';
export const NO_UNIT_OR_RANGE = 'number, but no unit or range in the doc (e.g. "in seconds", "1-3600")';
export const NO_RANGE = 'ASN or count, but no range in the doc (e.g. "1-65534", "at least 1", "0 to `limit`")';

/** `file:line Owner.prop: problem`. */
export function formatFinding(f: ApiDocFinding): string {
  return `${f.file}:${f.line} ${f.member}: ${f.problem}`;
}

const UNIT = new RegExp([
  String.raw`\b(?:seconds?|secs?|milliseconds?|ms|minutes?|hours?|days?|weeks?|months?|years?)\b`,
  String.raw`\b(?:[kKMGT]bps|[kKMGT]bit/s|bits?|bytes?|octets?|[kKMGT]i?B|kilobytes?|megabytes?|gigabytes?)\b`,
  String.raw`\b(?:packets?|percent(?:age)?|characters?|addresses)\b`,
  String.raw`\d\s?(?:%|s\b)`, // 28800 s, 100 %
  String.raw`\bunit:\s*\S`, // an explicit "Unit: connections."
].join('|'), 'i');

/** A bound: a number (`65534`, `4,294,967,295`, `169.254.21.0`) or a code reference (`` `connectionLimit` ``). */
const BOUND = String.raw`(?:(?<![\w.])-?\d[\d,._]*|\x60[^\x60]+\x60)`;
const RANGE = new RegExp([
  String.raw`${BOUND}\s*(?:-|–|—|\.\.)\s*${BOUND}`, // 1-65534, 9–3600, 0..32
  String.raw`${BOUND}\s+to\s+${BOUND}`, // 60 to `half the lifetime`, 0 to 86400
  String.raw`\bbetween\s+${BOUND}\s+and\s+${BOUND}`,
  String.raw`\b(?:at least|at most|up to|no more than|no less than|minimum(?: of)?|maximum(?: of)?|from|exactly|fixed at)\s+${BOUND}`,
  String.raw`${BOUND}\s+or\s+(?:more|less|fewer|above|below|larger|smaller)\b`,
  String.raw`[<>≤≥]=?\s*${BOUND}`,
  String.raw`${BOUND}(?:,\s*${BOUND})+,?\s+(?:or|and)\s+${BOUND}`, // 5, 10, 20 or 50 (the allowed values)
  String.raw`\b(?:positive|non-negative|nonnegative)\b`,
  String.raw`\bIntRange\b`,
  // A reference to the profile field that holds the range: {@link AWS}`.ownAsn` (docs/architecture.md).
  String.raw`\{@link\s+[^}]+\}\x60\.[A-Za-z][\w.]*\x60`,
].join('|'), 'i');

/** Whether a description names a unit (seconds, Mbit/s, packets, percent, characters, ...). */
export function statesUnit(text: string): boolean {
  return UNIT.test(text);
}

/** Whether a description gives a range or the allowed values (`1-65534`, `at least 30`, `5, 10 or 20`, ...). */
export function statesRange(text: string): boolean {
  return RANGE.test(text);
}

/** Property names that hold an ASN or a count: a unit does not say what is allowed, a range does. */
export function needsRange(name: string): boolean {
  return /(?:^asn|Asn)s?$|(?:^count|Count|^limit|Limit|^index|Index)$|^(?:max|min)[A-Z]/.test(name);
}

function defaultCompilerOptions(rootDir: string): ts.CompilerOptions {
  const file = path.join(rootDir, 'tsconfig.build.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true };
  return ts.parseJsonConfigFileContent(read.config, ts.sys, rootDir, undefined, file).options;
}

/** Runs the check; returns every finding, in declaration order per entry. */
export function checkApiDocs(options: ApiDocsCheckOptions): ApiDocFinding[] {
  const rootDir = path.resolve(options.rootDir);
  const entries = options.entries.map((e) => path.resolve(rootDir, e));
  const program = options.program
    ?? ts.createProgram({ rootNames: entries, options: { ...(options.compilerOptions ?? defaultCompilerOptions(rootDir)), noEmit: true } });
  const checker = program.getTypeChecker();
  const findings: ApiDocFinding[] = [];
  const seenSymbols = new Set<ts.Symbol>();
  const seenDeclarations = new Set<ts.Node>();

  const inProject = (node: ts.Node): boolean => {
    const sf = node.getSourceFile();
    if (sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf)) return false;
    const file = path.resolve(sf.fileName);
    if (file.split(path.sep).includes('node_modules') || !file.startsWith(rootDir + path.sep)) return false;
    return !(options.exclude && options.exclude.test(path.relative(rootDir, file).split(path.sep).join('/')));
  };

  const report = (decl: ts.Node, member: string, problem: string) => {
    const sf = decl.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1;
    findings.push({ file: path.relative(rootDir, sf.fileName).split(path.sep).join('/'), line, member, problem });
  };

  const isInternal = (decl: ts.Node) => ts.getJSDocTags(decl).some((t) => t.tagName.text === 'internal');

  /** `Owner.a.b` from the declaration itself, so an inherited or picked property is named where it is declared. */
  const memberName = (decl: ts.Declaration): string => {
    const parts: string[] = [];
    let node: ts.Node | undefined = decl;
    while (node && !ts.isSourceFile(node)) {
      if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node)
        || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
        parts.unshift(node.name.getText());
      }
      node = node.parent;
    }
    return parts.join('.');
  };

  const isNumeric = (type: ts.Type, depth = 0): boolean => {
    if (depth > 4) return false;
    if (type.isUnion()) return type.types.some((t) => isNumeric(t, depth + 1));
    if (type.flags & ts.TypeFlags.Number) return true; // `number`, not a number literal
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      return checker.getTypeArguments(type as ts.TypeReference).some((t) => isNumeric(t, depth + 1));
    }
    if (type.flags & ts.TypeFlags.Object) return checker.getIndexInfosOfType(type).some((i) => isNumeric(i.type, depth + 1));
    return false;
  };

  /** Anonymous object types written in the project inside a property's type (through unions, lists, maps). */
  const nestedObjectTypes = (type: ts.Type, out: ts.Type[] = [], depth = 0): ts.Type[] => {
    if (depth > 4) return out;
    if (type.isUnion() || type.isIntersection()) {
      for (const t of type.types) nestedObjectTypes(t, out, depth + 1);
    } else if (checker.isArrayType(type) || checker.isTupleType(type)) {
      for (const t of checker.getTypeArguments(type as ts.TypeReference)) nestedObjectTypes(t, out, depth + 1);
    } else if (type.flags & ts.TypeFlags.Object) {
      const decls = type.getSymbol()?.declarations ?? [];
      if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Anonymous && decls.some((d) => ts.isTypeLiteralNode(d) && inProject(d))) {
        out.push(type);
      } else if (!decls.length || decls.every((d) => !inProject(d))) {
        // Readonly<Record<string, {...}>> and similar: look at the values of index signatures.
        for (const info of checker.getIndexInfosOfType(type)) nestedObjectTypes(info.type, out, depth + 1);
      }
    }
    return out;
  };

  const checkProperty = (prop: ts.Symbol, inClass: boolean): void => {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl || !inProject(decl) || seenDeclarations.has(decl)) return;
    const isProperty = ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl) || ts.isGetAccessorDeclaration(decl);
    if (!isProperty || !decl.name || !ts.isIdentifier(decl.name)) return; // methods, computed and private (#) names
    if (ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)) return;
    if (decl.name.text.startsWith('_') || isInternal(decl)) return;
    seenDeclarations.add(decl);

    // The declared symbol, not a mapped (Omit/Pick) copy: its docs, tags and type are the source's.
    const symbol = checker.getSymbolAtLocation(decl.name) ?? prop;
    const name = memberName(decl);
    const description = [
      ts.displayPartsToString(symbol.getDocumentationComment(checker)),
      ...symbol.getJsDocTags(checker).filter((t) => t.name === 'remarks').map((t) => ts.displayPartsToString(t.text)),
    ].join('\n').trim();
    if (!description) report(decl, name, NO_DOC);

    const optional = !ts.isGetAccessorDeclaration(decl) && decl.questionToken !== undefined;
    if (optional && !inClass && !symbol.getJsDocTags(checker).some((t) => t.name === 'default')) report(decl, name, NO_DEFAULT);

    const type = checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
    if (description && isNumeric(type)) {
      if (needsRange(decl.name.text)) {
        if (!statesRange(description)) report(decl, name, NO_RANGE);
      } else if (!statesUnit(description) && !statesRange(description)) {
        report(decl, name, NO_UNIT_OR_RANGE);
      }
    }

    for (const nested of nestedObjectTypes(type)) checkObjectType(nested, false);
  };

  function checkObjectType(type: ts.Type, inClass: boolean): void {
    for (const prop of checker.getPropertiesOfType(type)) checkProperty(prop, inClass);
  }

  const visit = (exported: ts.Symbol): void => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (seenSymbols.has(symbol)) return;
    seenSymbols.add(symbol);
    const decls = (symbol.declarations ?? []).filter(inProject);
    if (decls.length === 0) return;
    if (symbol.flags & ts.SymbolFlags.Module) {
      // `export * as name from './module'`: the namespace's own exports.
      for (const inner of checker.getExportsOfModule(symbol)) visit(inner);
      return;
    }
    if (decls.some(isInternal)) return;
    if (symbol.flags & ts.SymbolFlags.Interface) {
      checkObjectType(checker.getDeclaredTypeOfSymbol(symbol), false);
    } else if (symbol.flags & ts.SymbolFlags.TypeAlias) {
      for (const nested of nestedObjectTypes(checker.getDeclaredTypeOfSymbol(symbol))) checkObjectType(nested, false);
    }
    if (symbol.flags & ts.SymbolFlags.Class) {
      checkObjectType(checker.getDeclaredTypeOfSymbol(symbol), true);
    }
  };

  for (const entry of entries) {
    const sf = program.getSourceFile(entry);
    if (!sf) throw new Error(`entry ${entry} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue; // a file without exports
    for (const exported of checker.getExportsOfModule(moduleSymbol)) visit(exported);
  }
  return findings;
}
