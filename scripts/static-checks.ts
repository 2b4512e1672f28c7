/**
 * Three of `npm test`'s static checks on one TypeScript program, in one process:
 *
 * 1. **typecheck**: the diagnostics `tsc --noEmit --incremental -p tsconfig.json` reports (the
 *    same program and options, the same kinds of diagnostics `ts.getPreEmitDiagnostics` gathers,
 *    those of files unchanged since the last passing run from its build information, as tsc
 *    takes them), printed as tsc prints them;
 * 2. **api-docs**: every property reachable from the package entries documented, with `@default`
 *    and units or ranges (the rules of test/lib/api-docs.ts, proven on a fixture by
 *    test/api-docs.test.ts);
 * 3. **docs**: the API reference TypeDoc generates from that program is docs/api byte for byte
 *    (scripts/docs.mjs's comparison, as `npm run docs:check` makes it; `npm run docs` regenerates it).
 *
 * Each of them used to build its own program of the same sources and their dependencies'
 * declarations (~400 K lines): tsc, the API-docs test inside jest, and TypeDoc. Built once, the
 * checks after the first also reuse the type checker's work (the reference runs first: see
 * `main`). The program is tsconfig.json's (src, test,
 * examples, bench, scripts); the docs come from the package's entries in it, as TypeDoc's own
 * program of tsconfig.build.json would give them, which the byte comparison proves on every run.
 *
 *   node -r @swc-node/register scripts/static-checks.ts [--only typecheck|api-docs|docs]…
 *   node -r @swc-node/register scripts/static-checks.ts --only docs --write-docs   (`npm run docs`)
 *
 * `npm run docs` writes docs/api from this same program, so what it writes is what the check
 * compares with (scripts/docs.mjs --check, TypeDoc's own run, stays as a second opinion).
 *
 * Exit status 1 when any check fails; each prints `== <check>: ok|FAILED` and what failed.
 * TypeDoc sorts names with `localeCompare` in the process's locale (scripts/docs.mjs), so the
 * script runs itself again under `LC_ALL=C` when started in another.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
// (typedoc's types by path: its package `exports` are beyond this project's `moduleResolution`)
import type * as TypeDoc from 'typedoc/dist/types/index';
import { checkApiDocs, formatFinding } from '../test/lib/api-docs';

const ROOT = path.resolve(__dirname, '..');
const COMMITTED_DOCS = path.join(ROOT, 'docs', 'api');
const CHECKS = ['typecheck', 'api-docs', 'docs'] as const;
type Check = (typeof CHECKS)[number];

/** What scripts/docs.mjs exports (an ES module, loaded with `import()`). */
interface DocsModule {
  packageEntries(): string[];
  report(out: string): number;
}

/**
 * Where the type check keeps what it learned about the program between runs (TypeScript's
 * incremental build information: each file's hash and diagnostics, as `tsc --incremental` keeps
 * them), under node_modules so a clean install starts afresh.
 */
const BUILD_INFO = path.join(ROOT, 'node_modules', '.cache', 'ccvpn', 'static-checks.tsbuildinfo');

/**
 * tsconfig.json's program, as `tsc --noEmit --incremental -p tsconfig.json` builds it: a builder
 * program that takes the diagnostics of every file unchanged since the last run (its text and the
 * declarations it depends on) from BUILD_INFO instead of checking it again, as tsc does.
 */
function buildProgram(): ts.EmitAndSemanticDiagnosticsBuilderProgram {
  const file = path.join(ROOT, 'tsconfig.json');
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, { noEmit: true, incremental: true, tsBuildInfoFile: BUILD_INFO }, host);
  if (!parsed) throw new Error(`cannot read ${file}`);
  return ts.createIncrementalProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
}

/**
 * The type check: tsc's diagnostics of the program, in tsc's words (`file(line,col): error TS…`):
 * the ones `ts.getPreEmitDiagnostics` gathers, unchanged files' from the last run. The build
 * information is written only when there are none, so a failing run is checked in full again.
 */
function typecheck(builder: ts.EmitAndSemanticDiagnosticsBuilderProgram): string[] {
  const declarations = builder.getCompilerOptions().declaration ? builder.getDeclarationDiagnostics() : [];
  const diagnostics = ts.sortAndDeduplicateDiagnostics([
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSemanticDiagnostics(),
    ...declarations,
  ]);
  if (diagnostics.length === 0) {
    fs.mkdirSync(path.dirname(BUILD_INFO), { recursive: true });
    builder.emit(); // (noEmit: writes the build information only)
    return [];
  }
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  return [ts.formatDiagnostics(diagnostics, host).trimEnd(), `Found ${diagnostics.length} error(s).`];
}

/** The API-docs rules on the package's entries (generated bindings excepted, as in the reference). */
function apiDocs(program: ts.Program, entries: readonly string[]): string[] {
  return checkApiDocs({ rootDir: ROOT, entries, exclude: /^src\/alicloud\/generated\//, program }).map(formatFinding);
}

/**
 * TypeDoc, configured as `npm run docs` runs it (typedoc.json, the package's entries), converting
 * `program` instead of building its own, into a temporary folder compared with docs/api.
 */
async function docs(program: ts.Program, entries: readonly string[], docsModule: DocsModule, write: boolean): Promise<string[]> {
  // (a dynamic import: TypeDoc is an ES module)
  const td = (await import('typedoc' as string)) as typeof TypeDoc;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-docs-'));
  const problems: string[] = [];
  try {
    const app = await td.Application.bootstrapWithPlugins(
      { entryPoints: [...entries], out, logLevel: 'Warn' },
      [new td.TypeDocReader(), new td.PackageJsonReader(), new td.TSConfigReader()],
    );
    // TypeDoc names a module by its path from the entries' common folder (`src/aws/index.ts` →
    // `aws`), as its resolve strategy does; any other name would show in the comparison below.
    const files = entries.map((e) => path.resolve(ROOT, e));
    const common = files.map((f) => path.dirname(f)).reduce((a, b) => {
      while (!(b + path.sep).startsWith(a + path.sep)) a = path.dirname(a);
      return a;
    });
    app.getEntryPoints = () => files.map((f) => {
      const sourceFile = program.getSourceFile(f);
      if (!sourceFile) throw new Error(`entry ${f} is not in tsconfig.json's program`);
      const displayName = path.relative(common, f).split(path.sep).join('/').replace(/(\/index)?(\.d)?\.([cm][tj]s|[tj]sx?)$/, '');
      return { displayName, sourceFile, program };
    });
    const fail = (what: string) => [`TypeDoc: ${what} (its messages are above)`];
    if (app.logger.hasErrors() || app.logger.hasWarnings()) return fail('configuration errors or warnings');
    const project = await app.convert();
    if (!project || app.logger.hasWarnings()) return fail('conversion failed or warned');
    const warnings = app.logger.warningCount;
    app.validate(project);
    if (app.logger.hasErrors() || app.logger.warningCount !== warnings || app.logger.validationWarningCount !== 0) {
      return fail('validation warnings (typedoc.json treats them as errors)');
    }
    await app.generateOutputs(project);
    if (app.logger.hasErrors() || app.logger.hasWarnings()) return fail('rendering failed');
    if (write) {
      fs.rmSync(COMMITTED_DOCS, { recursive: true, force: true });
      fs.cpSync(out, COMMITTED_DOCS, { recursive: true });
      console.log(`docs: wrote ${COMMITTED_DOCS}`);
    } else if (docsModule.report(out) !== 0) {
      problems.push('docs/api differs from the generated reference (listed above); `npm run docs` regenerates it');
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return problems;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--write-docs') continue;
    if (args[i] === '--only' && i + 1 < args.length && (CHECKS as readonly string[]).includes(args[i + 1])) {
      only.push(args[++i]);
      continue;
    }
    const what = args[i] === '--only' ? `--only ${JSON.stringify(args[i + 1] ?? '')}` : JSON.stringify(args[i].slice(0, 40));
    console.error(`static-checks: unknown argument ${what}; allowed: --only <${CHECKS.join('|')}> (repeatable), --write-docs`);
    return 2;
  }
  const selected = CHECKS.filter((c) => only.length === 0 || only.includes(c));
  const docsModule = (await import(path.join(ROOT, 'scripts', 'docs.mjs'))) as DocsModule;
  const entries = docsModule.packageEntries();
  const builder = buildProgram();
  const program = builder.getProgram();
  let ok = true;
  const run = async (check: Check, body: () => string[] | Promise<string[]>) => {
    if (!selected.includes(check)) return;
    const started = Date.now();
    const problems = await body();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`== ${check}: ${problems.length === 0 ? 'ok' : 'FAILED'} in ${seconds} s${problems.length === 0 ? '' : `\n${problems.join('\n')}`}`);
    ok &&= problems.length === 0;
  };
  // The reference first, on a checker nothing has used yet. TypeScript orders a union's members
  // by when the checker first created each type, so after the type check had walked the tests,
  // `'policy' | 'destination' | 'bgp'` came out as `'bgp' | 'policy' | 'destination'`; first, the
  // walk that creates them is TypeDoc's own, as in `npm run docs`.
  await run('docs', () => docs(program, entries, docsModule, process.argv.includes('--write-docs')));
  await run('api-docs', () => apiDocs(program, entries));
  await run('typecheck', () => typecheck(builder));
  return ok ? 0 : 1;
}

if (process.env.LC_ALL !== 'C') {
  const again = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  process.exitCode = again.status ?? 1;
} else {
  main().then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    console.error(`static-checks: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
