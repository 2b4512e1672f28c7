/**
 * No import cycles in src: every module can be understood (and loaded) after the modules it
 * imports. Type-only imports count too: they are cycles of the design even when the emitted
 * JavaScript drops them (the Azure connection and gateway once imported each other's types; the
 * cloud folders' `interfaces.ts` ended that). Imports are read with TypeScript's own
 * pre-processor (`ts.preProcessFile`), the graph is walked depth first. The generated Alibaba
 * Cloud bindings are left out (generated code, imported by submodule only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

/**
 * Cycles that exist and belong to another area: each must still exist (remove it here once gone),
 * and no other may appear. None left: keep it empty.
 */
const KNOWN: readonly string[] = [];

/** Source files under `dir` (relative paths), generated bindings excluded. */
function sourceFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full, base);
    return e.name.endsWith('.ts') ? [path.relative(base, full).split(path.sep).join('/')] : [];
  });
}

/** The relative imports of each file that resolve to another file of `files`. */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const resolve = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    return [`${target}.ts`, `${target}/index.ts`, target].find((f) => files.has(f));
  };
  return new Map([...files].map(([file, source]) => [file,
    ts.preProcessFile(source, true, true).importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== undefined)]));
}

/** Every cycle met by a depth-first walk, as `a -> b -> a`, from the first file of the cycle met. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('import cycles', () => {
  const files = new Map(sourceFiles(SRC).map((f) => [f, fs.readFileSync(path.join(SRC, f), 'utf8')]));
  const found = cycles(importGraph(files));

  test('src has no import cycle but the known ones', () => {
    expect(found.filter((c) => !KNOWN.includes(c))).toEqual([]);
  });

  test('every known cycle still exists (remove the ones that are gone)', () => {
    expect(KNOWN.filter((c) => !found.includes(c))).toEqual([]);
  });

  test.each([
    ['a type-only cycle', { 'a/x.ts': "import type { Y } from './y';", 'a/y.ts': "import { X } from './x';" }, ['a/x.ts -> a/y.ts -> a/x.ts']],
    ['a cycle through an index', { 'a/index.ts': "export * from './x';", 'a/x.ts': "import { I } from '../a';" }, ['a/index.ts -> a/x.ts -> a/index.ts']],
    ['a longer cycle', { 'p.ts': "import './q';", 'q.ts': "import './r';", 'r.ts': "export { p } from './p';" }, ['p.ts -> q.ts -> r.ts -> p.ts']],
    ['no cycle', { 'p.ts': "import './q';", 'q.ts': "import 'aws-cdk-lib';", 'r.ts': "import './q';" }, []],
  ])('finds %s in a planted graph', (_, planted, expected) => {
    expect(cycles(importGraph(new Map(Object.entries(planted))))).toEqual(expected);
  });
});
