/**
 * The API-docs check (test/lib/api-docs.ts): every property reachable from the package entries
 * (package.json `exports`, as scripts/docs.mjs reads them for TypeDoc) has doc text, every optional
 * property of an interface a `@default`, every number a unit or a range. Proven here on a fixture
 * that breaks each rule, and on the entries' reading.
 *
 * The check of the package itself runs in scripts/static-checks.ts (`npm test` runs it beside
 * jest), on the program of the type check, which already holds the entries: built again in a
 * jest worker, that program alone cost ~8 CPU-seconds. The same script compares the reference
 * TypeDoc generates from these comments with docs/api (`npm run docs` regenerates it).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  NO_DEFAULT, NO_DOC, NO_RANGE, NO_UNIT_OR_RANGE, checkApiDocs, formatFinding, needsRange, statesRange, statesUnit,
} from './lib/api-docs';

const ROOT = path.resolve(__dirname, '..');
const FIXTURE = 'test/lib/api-docs-fixture.ts';
/**
 * The fixture's program: ES2022's own declarations only (no DOM, no @types/node, which the
 * default, tsconfig.build.json's options, would parse for ~4 CPU-seconds; the fixture needs neither).
 */
const FIXTURE_OPTIONS: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [], noEmit: true };
/** The package's entries as the API reference takes them (package.json `exports`, read by scripts/docs.mjs). */
const ENTRIES: string[] = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--entries'], { cwd: ROOT, encoding: 'utf8' }));

describe('API documentation check', () => {
  test('the entries are the package\'s: the root and every subpath export with types', () => {
    expect(ENTRIES[0]).toBe('src/index.ts');
    expect(ENTRIES.length).toBeGreaterThanOrEqual(4);
    expect(ENTRIES.every((e) => /^src\/([a-z-]+\/)?index\.ts$/.test(e))).toBe(true);
  });

  test('reports an undocumented property, an optional one without @default and a number without unit or range', () => {
    const findings = checkApiDocs({ rootDir: ROOT, entries: [FIXTURE], compilerOptions: FIXTURE_OPTIONS }).map(formatFinding);
    const at = (member: string, problem: string) => {
      const match = findings.find((f) => f.includes(` ${member}: ${problem}`));
      expect(match).toMatch(new RegExp(`^${FIXTURE.replace(/\./g, '\\.')}:\\d+ `));
      return match;
    };
    at('FixtureProps.undocumented', NO_DOC);
    at('FixtureProps.optionalWithoutDefault', NO_DEFAULT);
    at('FixtureProps.waitTime', NO_UNIT_OR_RANGE);
    // An ASN or a count needs a range, not a unit; nested object types are walked too.
    at('FixtureProps.peerAsn', NO_RANGE);
    at('FixtureProps.nested.retryCount', NO_RANGE);
    // Class attributes: docs checked, @default not required.
    at('FixtureThing.size', NO_DOC);

    // Exactly those: documented properties, @internal/private members and methods pass.
    expect(findings).toHaveLength(6);
    expect(findings.join('\n')).toContain(`${FIXTURE}:9 FixtureProps.undocumented: ${NO_DOC}`);

    // On a program built already, whose checker has walked it (as scripts/static-checks.ts passes
    // its type check's): the same findings.
    const program = ts.createProgram({ rootNames: [path.join(ROOT, FIXTURE)], options: FIXTURE_OPTIONS });
    expect(ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
    expect(checkApiDocs({ rootDir: ROOT, entries: [FIXTURE], program }).map(formatFinding)).toEqual(findings);
  });

  test('unit and range heuristics', () => {
    for (const text of ['Lifetime, in seconds.', 'Bandwidth in Mbit/s.', 'at 28800 s', 'Replay window, in packets.', 'Rekey fuzz, in percent.', 'Unit: connections.']) {
      expect([text, statesUnit(text)]).toEqual([text, true]);
    }
    for (const text of ['1-65534', '9–3600', 'at least 30', '0 to 86400', '0 to `connectionLimit`', '5, 10, 20 or 50',
      'between 1 and 10', '30 or more', 'a positive integer', 'from 0', 'in the ranges of {@link "cross-cloud-vpn".AWS}`.ownAsn`']) {
      expect([text, statesRange(text)]).toEqual([text, true]);
    }
    // A link alone is no range: the field that holds it must be named.
    for (const text of ['The lifetime.', 'SHA2-256 integrity', 'IPv4 address', 'Counted per gateway.', 'See {@link AWS}.', 'See {@link AWS} `ownAsn`.']) {
      expect([text, statesUnit(text) || statesRange(text)]).toEqual([text, false]);
    }
    expect(['asn', 'peerAsn', 'asns', 'connectionCount', 'maxConnections', 'index'].filter(needsRange)).toHaveLength(6);
    expect(['phase', 'lifetimeSeconds', 'min', 'max', 'basin'].filter(needsRange)).toEqual([]);
  });
});
