/**
 * The library's one error story (`src/common/errors.ts`): a planner failure and a construct
 * failure are caught the same way, by `isCrossCloudVpnError`, each listing its issues with a
 * path and a stable code; the guards answer for an error of a second copy of the package, where
 * `instanceof` cannot; one collector serves the planner and the constructs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CrossCloudVpnError, CrossCloudVpnIssue, PlanError, ValidationError, isCrossCloudVpnError, isPlanError, isValidationError, planVpn,
} from '../../src';
import { IssueCollector } from '../../src/common/errors';
import { PropsChecker } from '../../src/private/errors';
import { ISSUE_CODE, buildConstruct } from '../fuzz/cases';
import { TEST_SECRET } from '../plan/fixtures';

/** What a user writes: one catch for every error of the library, reading its issues. */
function issuesOf(fn: () => unknown): { error: CrossCloudVpnError; issues: readonly CrossCloudVpnIssue[] } {
  try {
    fn();
  } catch (e) {
    if (isCrossCloudVpnError(e)) return { error: e, issues: e.issues };
    throw e;
  }
  throw new Error('expected an error of the library, got none');
}

const badTopology = () => planVpn({
  sites: [{ id: 'aws', cloud: 'aws', gateway: 'vpn-gateway', cidrs: ['10.1.0.0/16'], asn: 23456 }, { id: 'az', cloud: 'azure', gateway: 'active-active', cidrs: ['10.2.0.0/16'] }],
  links: [{ between: ['aws', 'aws'] }],
} as never, { masterSecret: TEST_SECRET });

const badGateway = () => buildConstruct('AlicloudVpnGateway', (props) => {
  Object.assign(props as object, { bandwidthMbps: 7, cidrs: ['10.0.0.1/33'] });
});

describe('one catch for the planner and the constructs', () => {
  test('GIVEN a topology the planner refuses WHEN caught by isCrossCloudVpnError THEN its issues carry topology paths and codes', () => {
    const { error, issues } = issuesOf(badTopology);
    expect(error).toBeInstanceOf(PlanError);
    expect(error.kind).toBe('plan');
    expect(issues.map((i) => [i.path, i.code])).toEqual([['sites[0].asn', 'asn-reserved'], ['links[0].between', 'link-to-itself']]);
    // The message is still the planner's: a count, then `path: message` per issue.
    expect(error.message).toBe(`the topology has 2 problems:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`);
  });

  test('GIVEN construct props a construct refuses WHEN caught the same way THEN every problem is an issue with its own code', () => {
    const { error, issues } = issuesOf(badGateway);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.kind).toBe('validation');
    expect(issues.map((i) => [i.path, i.code])).toEqual([['[fuzz/Gw] bandwidthMbps', 'bandwidth-invalid'], ['[fuzz/Gw] cidrs[0]', 'cidr-invalid']]);
    const v = error as ValidationError;
    expect([v.constructPath, v.code]).toEqual(['fuzz/Gw', 'bandwidth-invalid']);
    // The message keeps its form: the construct path once, then one line per field.
    expect(error.message).toMatch(/^\[fuzz\/Gw\] 2 problems:\n {2}- bandwidthMbps: 7 Mbit\/s is not a bandwidth .*\n {2}- cidrs\[0\]: '10\.0\.0\.1\/33' is not a valid IPv4 prefix/);
  });

  test('a problem of the construct as a whole is one issue at the construct path', () => {
    const error = new ValidationError('Stack/Gw', 'endpoint-unknown', "endpoint 'x' is not an instance of this gateway");
    expect(error.message).toBe("[Stack/Gw] endpoint 'x' is not an instance of this gateway");
    expect(error.issues).toEqual([{ path: '[Stack/Gw]', code: 'endpoint-unknown', message: "endpoint 'x' is not an instance of this gateway" }]);
    expect([error.name, error.code, error.constructPath]).toEqual(['ValidationError', 'endpoint-unknown', 'Stack/Gw']);
  });

  test('issues are a frozen copy: the collector that threw them cannot change them afterwards', () => {
    const collector = new IssueCollector();
    collector.add('sites[0].asn', 'asn-reserved', '23456 is reserved');
    let thrown: unknown;
    try {
      collector.throwIfAny();
    } catch (e) {
      thrown = e;
    }
    collector.add('links[0]', 'link-to-itself', 'later');
    expect((thrown as PlanError).issues).toHaveLength(1);
    expect(Object.isFrozen((thrown as PlanError).issues)).toBe(true);
    expect(Object.isFrozen((thrown as PlanError).issues[0])).toBe(true);
  });
});

describe('the guards', () => {
  test.each([
    ['a PlanError', new PlanError([{ path: 'sites', code: 'sites-missing', message: 'none' }]), [true, true, false]],
    ['a ValidationError', new ValidationError('S/G', 'prop-invalid', 'x'), [true, false, true]],
    ['an Error', new Error('the topology has 1 problem'), [false, false, false]],
    ['a look-alike without the brand', { name: 'PlanError', kind: 'plan', issues: [], message: '' }, [false, false, false]],
    ['a string', 'PlanError', [false, false, false]],
    ['null', null, [false, false, false]],
    ['undefined', undefined, [false, false, false]],
  ])('%s', (_, value, expected) => {
    expect([isCrossCloudVpnError(value), isPlanError(value), isValidationError(value)]).toEqual(expected);
    expect([CrossCloudVpnError.isCrossCloudVpnError(value), PlanError.isPlanError(value), ValidationError.isValidationError(value)]).toEqual(expected);
  });

  test('GIVEN a second copy of the module WHEN it throws THEN the guards of either copy recognise it, where instanceof cannot', () => {
    let other!: typeof import('../../src/common/errors');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at call time, inside the isolated registry: a second copy
      other = require('../../src/common/errors') as typeof import('../../src/common/errors');
    });
    expect(other.PlanError).not.toBe(PlanError);

    const theirs = [
      new other.PlanError([{ path: 'sites[0].asn', code: 'asn-reserved', message: 'reserved' }]),
      new other.ValidationError('Stack/Gw', [{ path: 'cidrs', code: 'cidrs-missing', message: 'none' }]),
    ];
    expect(theirs.map((e) => e instanceof CrossCloudVpnError)).toEqual([false, false]);
    expect(theirs.map((e) => [isCrossCloudVpnError(e), isPlanError(e), isValidationError(e)])).toEqual([[true, true, false], [true, false, true]]);
    // …and the other copy's guards recognise this copy's errors.
    const ours = [new PlanError([]), new ValidationError('S', 'prop-invalid', 'x')];
    expect(ours.map((e) => [other.isCrossCloudVpnError(e), other.isPlanError(e), other.isValidationError(e)])).toEqual([[true, true, false], [true, false, true]]);
    // What a user reads is there whatever the copy.
    const caught = theirs[1];
    if (!isCrossCloudVpnError(caught)) throw new Error('unreachable');
    expect(caught.issues).toEqual([{ path: '[Stack/Gw] cidrs', code: 'cidrs-missing', message: 'none' }]);
  });
});

describe('one collector', () => {
  test('the planner collector throws a PlanError; a construct\'s (PropsChecker) a ValidationError naming the construct', () => {
    const plan = new IssueCollector();
    const props = new PropsChecker('Stack/Gw');
    for (const c of [plan, props]) {
      c.throwIfAny(); // nothing recorded: no error
      c.check('cidrs', 'cidrs-missing', undefined); // a check that found nothing
      expect([c.size, c.hasProblems]).toEqual([0, false]);
      c.check('cidrs', 'cidrs-missing', 'expected at least one IPv4 prefix, got none');
      c.add('asn', 'asn-invalid', '0 is not an ASN');
      expect([c.size, c.hasProblems, c.all.map((i) => i.path)]).toEqual([2, true, ['cidrs', 'asn']]);
    }
    expect(() => plan.throwIfAny()).toThrow(PlanError);
    expect(() => plan.throwIfAny()).toThrow('the topology has 2 problems:\n  - cidrs: expected at least one IPv4 prefix, got none\n  - asn: 0 is not an ASN');
    expect(() => props.throwIfAny()).toThrow(ValidationError);
    expect(() => props.throwIfAny()).toThrow('[Stack/Gw] 2 problems:\n  - cidrs: expected at least one IPv4 prefix, got none\n  - asn: 0 is not an ASN');
    expect(issuesOf(() => props.throwIfAny()).issues.map((i) => [i.path, i.code])).toEqual([['[Stack/Gw] cidrs', 'cidrs-missing'], ['[Stack/Gw] asn', 'asn-invalid']]);
  });

  test('one construct problem keeps the one-line form', () => {
    const props = new PropsChecker('Stack/Peer');
    props.check('peerAsn', 'asn-invalid', '0 is not an ASN');
    expect(() => props.throwIfAny()).toThrow(/^\[Stack\/Peer\] peerAsn: 0 is not an ASN$/);
  });

  test('a long list is bounded: 50 problems listed, the rest counted, every one in issues', () => {
    const props = new PropsChecker('S');
    for (let i = 0; i < 60; i++) props.add(`cidrs[${i}]`, 'cidr-invalid', 'bad');
    const { error, issues } = issuesOf(() => props.throwIfAny());
    expect(issues).toHaveLength(60);
    expect(error.message.split('\n')).toHaveLength(52);
    expect(error.message).toMatch(/\n {2}- … and 10 more$/);
  });
});

describe('codes', () => {
  /** Every `.ts` file under `dir`. */
  const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'verify' ? [] : sources(file); // verify's failure codes are its own
    return file.endsWith('.ts') ? [file] : [];
  });

  test('every code written in the source follows the scheme (kebab-case), the branches the fuzzer does not reach included', () => {
    // Codes given as literals: `collector.add(path, 'code', …)`, `checker.check(prop, 'code', …)`,
    // `new ValidationError(path, 'code', …)` and issue literals `{ …, code: 'code', … }`.
    const written = /(?:\.add|\.check|new ValidationError)\(\s*[^,()]+(?:\([^()]*\))?,\s*'([^']*)'|\bcode: '([^']*)'/g;
    const found = new Map<string, string>();
    for (const file of sources(path.join(__dirname, '..', '..', 'src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(written)) found.set(m[1] ?? m[2], path.relative(process.cwd(), file));
    }
    // The scan finds the codes (it would find none if the call forms changed).
    expect(found.size).toBeGreaterThan(120);
    expect(found.has('inside-cidr-reserved') && found.has('prop-invalid') && found.has('endpoint-unknown')).toBe(true);
    expect([...found].filter(([code]) => !ISSUE_CODE.test(code))).toEqual([]);
  });
});
