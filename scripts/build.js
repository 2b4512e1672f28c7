#!/usr/bin/env node
/**
 * `npm run build`: a clean lib/ from src/ for every Terraform engine, with the TypeScript compiler
 * API (one process, the parsed declaration files shared between the programs), then every `bin`
 * entry of package.json made executable.
 *
 * 1. The default flavour (cdktf): `tsconfig.build.json` into `lib/`, as `tsc -p tsconfig.build.json`
 *    would, without the other engines' own files (`src/**\/generated/cdktn/`).
 * 2. Every other engine of `scripts/engine-flavours.js` (CDK Terrain): only the engine-dependent
 *    closure of src/ — the files that import an engine specifier (`cdktf`, `@cdktf/provider-azurerm/…`,
 *    `./generated/cdktf/…`), directly or through other files, computed from the first program's
 *    module graph — compiled a second time into `lib/<libDir>/` (`lib/cdktn/`). That program
 *    resolves every specifier as `mapSpecifier` spells it for the engine, so the flavour is
 *    type-checked against the engine's own typings (`cdktn`, `@cdktn/provider-azurerm`,
 *    `generated/cdktn`), and resolves every relative import of an engine-free file to the
 *    declarations the first step wrote to `lib/`, the ONE copy both flavours share: a transformer
 *    (JS: `before`, declarations: `afterDeclarations`) rewrites the emitted specifiers to match
 *    (`lib/cdktn/azure/vpn-gateway.js` requires `../../plan`), so `PresharedKey`, the errors and
 *    the contract are one module instance for both flavours.
 * 3. Checks of the output: no specifier of the default engine in a flavour's files, none of a
 *    flavour's in `lib/` outside its folder, no flavour-only folder (`generated/cdktn`) in `lib/`.
 *
 * tsc writes files with mode 0644, so without the last step `npx ccvpn` fails with "Permission
 * denied" after every rebuild (npm sets the mode only when it installs a package, not for the
 * repository's own bin).
 *
 * Sources: TypeScript compiler API (`createProgram`, `CompilerHost.resolveModuleNameLiterals`,
 * `CustomTransformers`), typescript 5.9 `lib/typescript.d.ts`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { DEFAULT_ENGINE, ENGINES, mapSpecifier } = require('./engine-flavours');

/** Adds the execute bits (u+x, g+x, o+x where read is set) to every bin of the package in `root`. */
function markBinsExecutable(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin || {});
  for (const bin of bins) {
    const file = path.join(root, bin);
    const mode = fs.statSync(file).mode & 0o777;
    fs.chmodSync(file, mode | ((mode & 0o444) >> 2));
  }
  return bins;
}

/** The engines other than the default, the flavours built into `lib/<libDir>/`. */
const flavours = () => Object.values(ENGINES).filter((e) => e.name !== DEFAULT_ENGINE);

/** Whether `file` (a path) lies in a folder of `engine`'s own (`…/generated/cdktn/…`). */
const inFoldersOf = (engine, file) => engine.folders.some(([, to]) => file.split(path.sep).join('/').includes(to));

/** Whether the specifier names a module of the default engine that `engine` swaps. */
const swappedBy = (engine, spec) => mapSpecifier(engine.name, spec) !== spec;

/** `to` as a relative module specifier from the folder `fromDir` (`./x`, `../../plan`). */
function relativeSpecifier(fromDir, to) {
  const rel = path.relative(fromDir, to).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** One compiler host for all programs: each declaration or source file is read and parsed once. */
function sharedHost(options) {
  const host = ts.createCompilerHost(options, true);
  const cache = new Map();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const v = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${v.languageVersion}|${v.impliedNodeFormat}|${fileName}`;
    if (!cache.has(key)) cache.set(key, getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate));
    return cache.get(key);
  };
  return host;
}

/**
 * A host whose module resolution goes through `resolve(spec, containingFile) → resolution`, and
 * records every resolved file per importing file (`graph`: file → [{ spec, resolved }]).
 */
function resolvingHost(base, options, resolveOne) {
  const graph = new Map();
  const cache = ts.createModuleResolutionCache(base.getCurrentDirectory(), (f) => base.getCanonicalFileName(f), options);
  const host = Object.create(base);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) => {
    const edges = graph.get(containingFile) ?? [];
    graph.set(containingFile, edges);
    return literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts);
      const resolve = (spec) => ts.resolveModuleName(spec, containingFile, opts, base, cache, redirected, mode);
      const result = resolveOne(literal.text, containingFile, resolve);
      edges.push({ spec: literal.text, resolved: result.resolvedModule?.resolvedFileName });
      return result;
    });
  };
  return { host, graph };
}

/** The program's errors (options, syntax, types), formatted, or '' when there are none. */
function errorsOf(program, extra, host) {
  const all = [...ts.getPreEmitDiagnostics(program), ...extra].filter((d) => d.category === ts.DiagnosticCategory.Error);
  return all.length === 0 ? '' : ts.formatDiagnosticsWithColorAndContext(all, host);
}

/**
 * The files of src/ that depend on the default engine: those importing a specifier `engine`
 * swaps or lying in a folder it swaps (`generated/cdktf/`, whole: its `lazy-index.ts` reaches the
 * bindings through `require()` calls, which are no imports to the compiler), and, until nothing
 * changes, every file importing one of them (value or type imports, re-exports: the module graph
 * the compiler resolved).
 */
function engineClosure(graph, srcDir, engine) {
  const inSrc = (f) => f !== undefined && f.startsWith(srcDir + path.sep) && !f.endsWith('.d.ts');
  const swappedFolder = (f) => engine.folders.some(([from]) => f.split(path.sep).join('/').includes(from));
  const closure = new Set([...graph].filter(([f, edges]) => inSrc(f) && (swappedFolder(f) || edges.some((e) => swappedBy(engine, e.spec)))).map(([f]) => f));
  for (let grew = true; grew;) {
    grew = false;
    for (const [f, edges] of graph) {
      if (inSrc(f) && !closure.has(f) && edges.some((e) => closure.has(e.resolved))) {
        closure.add(f);
        grew = true;
      }
    }
  }
  return closure;
}

/** A file path of src/ as the flavour spells it (`generated/cdktf/` → `generated/cdktn/`). */
function flavourPath(engine, file) {
  let p = file.split(path.sep).join('/');
  for (const [from, to] of engine.folders) p = p.split(from).join(to);
  return p.split('/').join(path.sep);
}

/**
 * A transformer that rewrites the module specifiers of every import, export, `require()`,
 * `import()` and `import("…")` type of a file with `rewrite(spec, fileName)`.
 */
function specifierTransformer(rewrite) {
  return (context) => {
    const f = context.factory;
    return (root) => {
      if (!ts.isSourceFile(root)) return root;
      const literal = (node) => {
        const to = rewrite(node.text, root.fileName);
        return to === node.text ? node : f.createStringLiteral(to);
      };
      const visit = (node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
          return f.updateImportDeclaration(node, node.modifiers, node.importClause, literal(node.moduleSpecifier), node.attributes);
        }
        if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
          return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, literal(node.moduleSpecifier), node.attributes);
        }
        if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
          return f.updateExternalModuleReference(node, literal(node.expression));
        }
        if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
          const argument = f.updateLiteralTypeNode(node.argument, literal(node.argument.literal));
          return ts.visitEachChild(f.updateImportTypeNode(node, argument, node.attributes, node.qualifier, node.typeArguments, node.isTypeOf), visit, context);
        }
        if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
          && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
          return f.updateCallExpression(node, node.expression, node.typeArguments, [literal(node.arguments[0])]);
        }
        return ts.visitEachChild(node, visit, context);
      };
      return ts.visitEachChild(root, visit, context);
    };
  };
}

/** The relative specifiers written in `dir`'s .js and .d.ts files, with the file they are in. */
function specifiersIn(dir, skip = () => false) {
  const out = [];
  const pattern = /(?:\brequire\(|\bimport\(|\bfrom |^import |^export \* from )\s*["']([^"']+)["']/gm;
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (!skip(p)) walk(p); continue; }
      if (!/\.(js|d\.ts)$/.test(e.name)) continue;
      for (const m of fs.readFileSync(p, 'utf8').matchAll(pattern)) out.push({ file: p, spec: m[1] });
    }
  })(dir);
  return out;
}

/**
 * Builds lib/ (or `outDir`) of the package in `root`; returns what it measured. Throws an Error
 * with the compiler's messages when a program does not type-check.
 */
function build(root, { outDir = path.join(root, 'lib'), log = (line) => console.log(line) } = {}) {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  const ms = (since) => Number((process.hrtime.bigint() - since) / 1000000n);
  const srcDir = path.join(root, 'src');
  fs.rmSync(outDir, { recursive: true, force: true });

  // 1. the default flavour, as tsconfig.build.json says, without the other engines' own files
  const configFile = path.join(root, 'tsconfig.build.json');
  const config = ts.getParsedCommandLineOfConfigFile(configFile, { outDir }, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (config.errors.length) throw new Error(ts.formatDiagnostics(config.errors, ts.createCompilerHost({})));
  const options = config.options;
  const base = sharedHost(options);
  const rootNames = config.fileNames.filter((f) => !flavours().some((e) => inFoldersOf(e, f)));
  const first = resolvingHost(base, options, (spec, _from, resolve) => resolve(spec));
  const program = ts.createProgram({ rootNames, options, host: first.host });
  for (const file of program.getSourceFiles()) if (!first.graph.has(file.fileName)) first.graph.set(file.fileName, []);
  const emitted = program.emit();
  const errors = errorsOf(program, emitted.diagnostics, base);
  if (errors) throw new Error(`${DEFAULT_ENGINE} flavour (lib/) does not compile:\n${errors}`);
  const results = [{ engine: DEFAULT_ENGINE, dir: outDir, files: rootNames.length, read: program.getSourceFiles().length, ms: ms(started) }];

  // 2. every other engine: its closure of src/, resolved and type-checked as the engine spells it
  for (const engine of flavours()) {
    const t0 = process.hrtime.bigint();
    const flavourDir = path.join(outDir, engine.libDir);
    const closure = [...engineClosure(first.graph, srcDir, engine)].map((f) => flavourPath(engine, f));
    const missing = closure.filter((f) => !fs.existsSync(f));
    if (missing.length) throw new Error(`${engine.name} flavour: no ${missing.map((f) => path.relative(root, f)).join(', ')} (the flavour's own copy of a ${DEFAULT_ENGINE} file)`);
    const own = new Set(closure);
    const isOwn = (f) => own.has(f) || inFoldersOf(engine, f);
    // An engine-free file of src/ → the declarations step 1 wrote for it (lib/plan/index.d.ts).
    const shared = (f) => path.join(outDir, path.relative(srcDir, f)).replace(/\.ts$/, '.d.ts');
    const second = resolvingHost(base, options, (spec, from, resolve) => {
      const result = resolve(mapSpecifier(engine.name, spec));
      const file = result.resolvedModule?.resolvedFileName;
      if (file && file.startsWith(srcDir + path.sep) && !file.endsWith('.d.ts') && !isOwn(file)) {
        return { ...result, resolvedModule: { ...result.resolvedModule, resolvedFileName: shared(file), extension: ts.Extension.Dts } };
      }
      return result;
    });
    const flavourOptions = { ...options, rootDir: srcDir, outDir: flavourDir };
    const flavourProgram = ts.createProgram({ rootNames: closure, options: flavourOptions, host: second.host });
    const resolvedBy = new Map([...second.graph].map(([f, edges]) => [f, new Map(edges.map((e) => [e.spec, e.resolved]))]));
    /** `spec` as written in `file` of src/ → as `lib/<libDir>/…` needs it. */
    const rewrite = (spec, file) => {
      const mapped = mapSpecifier(engine.name, spec);
      if (!mapped.startsWith('.')) return mapped;
      const outFileDir = path.dirname(path.join(flavourDir, path.relative(srcDir, file)));
      const target = path.resolve(path.dirname(file), mapped);
      const resolved = resolvedBy.get(file)?.get(spec);
      // resolved to lib/ (an engine-free file), or a path the declaration emitter computed into lib/
      if ((resolved !== undefined && resolved.startsWith(outDir + path.sep) && !resolved.startsWith(flavourDir + path.sep))
        || (resolved === undefined && target.startsWith(outDir + path.sep))) {
        const inLib = target.startsWith(srcDir + path.sep) ? path.join(outDir, path.relative(srcDir, target)) : target;
        return relativeSpecifier(outFileDir, inLib);
      }
      return mapped;
    };
    const transformer = specifierTransformer(rewrite);
    const flavourEmit = flavourProgram.emit(undefined, undefined, undefined, false, { before: [transformer], afterDeclarations: [transformer] });
    const flavourErrors = errorsOf(flavourProgram, flavourEmit.diagnostics, base);
    if (flavourErrors) throw new Error(`${engine.name} flavour (${path.relative(root, flavourDir)}/) does not compile against ${engine.name}'s typings:\n${flavourErrors}`);
    const ownCount = flavourProgram.getSourceFiles().filter((s) => !s.isDeclarationFile).length;
    results.push({ engine: engine.name, dir: flavourDir, files: ownCount, read: flavourProgram.getSourceFiles().length, closure: closure.length, ms: ms(t0) });
  }

  // 3. each flavour names its engine only, and the default lib/ holds nothing of another engine
  const problems = [];
  for (const engine of flavours()) {
    const flavourDir = path.join(outDir, engine.libDir);
    for (const { file, spec } of specifiersIn(flavourDir)) {
      if (swappedBy(engine, spec)) problems.push(`${path.relative(root, file)}: '${spec}' (a ${DEFAULT_ENGINE} specifier in the ${engine.name} flavour)`);
    }
    const theirs = new Set(engine.modules.map(([, to]) => to));
    for (const { file, spec } of specifiersIn(outDir, (d) => d === flavourDir)) {
      if ([...theirs].some((to) => (to.endsWith('/') ? spec.startsWith(to) : spec === to)) || engine.folders.some(([, to]) => spec.includes(to))) {
        problems.push(`${path.relative(root, file)}: '${spec}' (a ${engine.name} specifier outside ${path.relative(root, flavourDir)}/)`);
      }
    }
    const stray = (function find(d) {
      return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(d, e.name);
        if (!e.isDirectory() || p === flavourDir) return [];
        return inFoldersOf(engine, `${p}/`) ? [p] : find(p);
      });
    })(outDir);
    for (const d of stray) problems.push(`${path.relative(root, d)}/: ${engine.name}'s own folder in the ${DEFAULT_ENGINE} flavour`);
  }
  if (problems.length) throw new Error(`build output mixes engines:\n  ${problems.join('\n  ')}`);

  if (path.resolve(outDir) === path.join(root, 'lib')) markBinsExecutable(root);
  const total = ms(started);
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  for (const r of results) {
    log(`build: ${path.relative(root, r.dir) || '.'}/ (${r.engine}): ${r.files} source files${r.closure === undefined ? '' : ` (the engine-dependent closure: ${r.closure}), type-checked against ${r.engine}'s typings`}, ${r.read} files read in all, ${(r.ms / 1000).toFixed(1)} s`);
  }
  log(`build: done in ${(total / 1000).toFixed(1)} s (${(cpuMs / 1000).toFixed(1)} s of CPU)`);
  return { results, ms: total, cpuMs };
}

module.exports = { build, markBinsExecutable, engineClosure, specifierTransformer };
if (require.main === module) {
  try {
    build(path.join(__dirname, '..'));
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
