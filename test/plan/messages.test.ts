/**
 * Messages of the planner: any value is quoted without throwing, bounded, and in plain English;
 * table lookups see own keys only; topologies are bounded in size and planned fast.
 */
import { MAX_LISTED_PROBLEMS, MAX_SHOWN_LENGTH, PlanError, Topology, planVpn, show, withArticle } from '../../src/plan';
import { TOPOLOGY_LIMITS } from '../../src/plan/validate';
import { TEST_SECRET, awsSite, azureSite, mesh, topo } from './fixtures';

/** The PlanError `fn` throws (fails the test on any other outcome). */
function planError(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw new Error(`expected a PlanError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
  throw new Error('expected a PlanError, got a plan');
}

describe('show', () => {
  const circular: unknown[] = [1];
  circular.push(circular);
  const nullProto = Object.assign(Object.create(null), { a: 1 });
  const throwing = { get x() { throw new Error('boom'); } };
  test.each([
    ['a BigInt', 10n ** 30n, '1000000000000000000000000000000n'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', -Infinity, '-Infinity'],
    ['-0', -0, '-0'],
    ['NaN inside an object', { a: NaN }, '{"a":NaN}'],
    ['a circular array', circular, '[1,[circular]]'],
    ['a null-prototype object', nullProto, '{"a":1}'],
    ['a throwing getter', throwing, '{"x":(unreadable)'],
    ['a function', function toString() { return ''; }, 'a function (toString)'],
    ['a symbol', Symbol('s'), 'a symbol (s)'],
    ['a class instance', new Map(), 'a Map'],
    ['a string with a newline', 'a\nb', "'a\\u000ab'"],
  ])('quotes %s', (_, value, expected) => {
    expect(show(value).startsWith(expected)).toBe(true);
  });

  test('cuts long values and says how long they were', () => {
    expect(show('x'.repeat(5_000_000))).toBe(`'${'x'.repeat(MAX_SHOWN_LENGTH)}…' (5000000 characters)`);
    const big = show(Array.from({ length: 1_000_000 }, (_, i) => i));
    expect(big.length).toBeLessThan(MAX_SHOWN_LENGTH + 20);
    expect(big).toMatch(/… \(truncated\)$/);
  });

  test('withArticle', () => {
    expect([withArticle('AWS'), withArticle('Azure'), withArticle('Alibaba Cloud'), withArticle('VpnGw2 gateway')]).toEqual(['an AWS', 'an Azure', 'an Alibaba Cloud', 'a VpnGw2 gateway']);
  });
});

describe('planVpn with values no type allows', () => {
  const circular: unknown[] = [];
  circular.push(circular);
  test.each([
    ['a BigInt ASN', topo([{ ...awsSite, asn: 65000n as unknown as number }, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }]), /sites\[0\]\.asn: 65000n is not an ASN/],
    ['a circular list of CIDRs', topo([{ ...awsSite, cidrs: circular as string[] }, azureSite], []), /sites\[0\]\.cidrs\[0\]: refers to itself \(a circular reference\)/],
    ['a null-prototype site', topo([Object.assign(Object.create(null), { id: 'x', cloud: 'gcp', cidrs: ['10.0.0.0/16'] })], []), /sites\[0\]\.cloud: 'gcp' is not a supported cloud/],
    ['NaN as maxConnections', topo([{ ...awsSite, maxConnections: NaN }], []), /sites\[0\]\.maxConnections: NaN is not a positive integer/],
    ['Infinity as an ASN', topo([{ ...awsSite, asn: Infinity }], []), /sites\[0\]\.asn: Infinity is not allowed/],
    ['a topology that is null', null as unknown as Topology, /\(topology\): expected an object with 'sites' and 'links', got null/],
    ['a string as a link proposal', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], proposal: 'strong' as never }]), /links\[0\]\.proposal: expected an object with ikeVersion, phase1 and phase2, got 'strong'/],
    ['a site whose getter throws', topo([Object.defineProperty({ ...awsSite }, 'id', { get() { throw new Error('getter'); }, enumerable: true }), azureSite], []), /sites\[0\]\.id: cannot be read \(its getter throws\)/],
    ['a list of a million links', topo([awsSite], Array.from({ length: 1_000_000 }, () => ({ between: ['a', 'b'] as [string, string] }))), /links: has 1000000 entries; allowed: at most 100000/],
    ['a Symbol as a lifetime', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], proposal: { phase1: { lifetimeSeconds: Symbol('s') as never } } }]), /links\[0\]\.proposal\.phase1\.lifetimeSeconds: expected a number of seconds, got a symbol \(s\)/],
    ['a BigInt as a PFS group', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], proposal: { phase2: { pfsGroup: 14n as never } } }]), /links\[0\]\.proposal\.phase2\.pfsGroup: expected a DH group number or 'none', got 14n/],
    ['a number as a tunnel pin', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], tunnels: [5 as never] }]), /links\[0\]\.tunnels\[0\]: expected a tunnel pin/],
  ])('reports %s as a problem, not a TypeError', (_, topology, message) => {
    const e = planError(() => planVpn(topology, { masterSecret: TEST_SECRET }));
    expect(e.message).toMatch(message);
  });

  test.each([
    ['null', null, /\(options\): expected an object/],
    ['previous: a string', { masterSecret: TEST_SECRET, previous: 'x' }, /previous: expected an allocation record/],
    ['previous.asns: null', { masterSecret: TEST_SECRET, previous: { asns: null } }, /previous\.asns: expected an object mapping site ids to ASNs, got null/],
  ])('reports options %s as a problem', (_, options, message) => {
    expect(planError(() => planVpn(mesh, options as never)).message).toMatch(message);
  });

  test('a 5 MB value is echoed truncated', () => {
    const e = planError(() => planVpn(topo([{ ...awsSite, cloud: 'x'.repeat(5_000_000) as never }], []), { masterSecret: TEST_SECRET }));
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toContain('(5000000 characters)');
  });
});

describe('prototype keys are unknown values, never table entries', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])("sku '%s' is refused (it used to disable the capacity check)", (sku) => {
    const e = planError(() => planVpn(topo([awsSite, { ...azureSite, sku }], [{ between: ['aws-tokyo', 'azure-east'] }]), { masterSecret: TEST_SECRET }));
    expect(e.message).toMatch(new RegExp(`sites\\[1\\]\\.sku: '${sku}' is not an Azure VPN gateway SKU`));
    expect(e.message).not.toMatch(/function/);
  });

  test('a kept allocation under a prototype key is ignored, not read from Object.prototype', () => {
    const site = { ...awsSite, id: 'toString' };
    const plan = planVpn(topo([site, azureSite], [{ between: ['toString', 'azure-east'] }]), { masterSecret: TEST_SECRET, previous: { insideCidrs: {}, asns: {} } });
    expect(typeof plan.allocations.asns.toString).toBe('number');
  });
});

describe('messages', () => {
  test("an Azure or AWS gateway takes 'an'", () => {
    const links = Array.from({ length: 11 }, (_, i) => ({ between: ['aws-tokyo', `az${i}`] as [string, string] }));
    const sites = [awsSite, ...links.map((_, i) => ({ ...azureSite, id: `az${i}`, cidrs: [`10.${100 + i}.0.0/16`] }))];
    const e = planError(() => planVpn(topo(sites, links), { masterSecret: TEST_SECRET }));
    expect(e.message).toMatch(/but an AWS vpn-gateway allows 10/);
    expect(e.message).not.toMatch(/ a AWS| a Azure/);
  });

  test(`lists at most ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const sites = Array.from({ length: 120 }, (_, i) => ({ id: `s${i}`, cloud: 'gcp' as never, cidrs: ['10.0.0.0/16'] }));
    const e = planError(() => planVpn(topo(sites, []), { masterSecret: TEST_SECRET }));
    expect(e.issues).toHaveLength(120);
    expect(e.message).toMatch(/^the topology has 120 problems:/);
    expect(e.message.split('\n')).toHaveLength(1 + MAX_LISTED_PROBLEMS + 1);
    expect(e.message).toMatch(/… and 70 more$/);
  });
});

describe('size limits', () => {
  test(`refuses more than ${TOPOLOGY_LIMITS.maxSites} sites, ${TOPOLOGY_LIMITS.maxLinks} links, ${TOPOLOGY_LIMITS.maxPrefixes} prefixes`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...awsSite, id: `s${i}` }));
    expect(planError(() => planVpn(topo(many(TOPOLOGY_LIMITS.maxSites + 1), []))).message).toMatch(/sites: 1001 sites given; allowed: at most 1000/);
    const links = Array.from({ length: TOPOLOGY_LIMITS.maxLinks + 1 }, () => ({ between: ['a', 'b'] as [string, string] }));
    expect(planError(() => planVpn(topo([awsSite], links))).message).toMatch(/links: 5001 links given; allowed: at most 5000/);
    const cidrs = Array.from({ length: TOPOLOGY_LIMITS.maxPrefixes + 1 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    expect(planError(() => planVpn(topo([{ ...awsSite, cidrs }], []))).message).toMatch(/sites\[0\]\.cidrs: 201 prefixes given; allowed: at most 200/);
  });

  test('allocates ASNs for the most sites a topology may have quickly (not O(sites × pool))', () => {
    // GIVEN 1000 sites in 500 AWS-Azure pairs: 1000 ASNs asked of a pool of 1003
    const sites = Array.from({ length: TOPOLOGY_LIMITS.maxSites }, (_, i) => ({
      id: `s${i}`, cloud: (i % 2 ? 'azure' : 'aws') as 'aws' | 'azure', cidrs: [`10.${i >> 8}.${i & 255}.0/24`],
    }));
    const links = Array.from({ length: TOPOLOGY_LIMITS.maxSites / 2 }, (_, i) => ({ between: [`s${2 * i}`, `s${2 * i + 1}`] as [string, string], routing: 'static' as const, layout: 'minimal' as const }));
    // WHEN
    const started = Date.now();
    let error: unknown;
    try {
      planVpn(topo(sites, links), { masterSecret: TEST_SECRET });
    } catch (e) {
      error = e;
    }
    // THEN it ends quickly, with a plan or a PlanError (Azure's APIPA range runs out first)
    expect(Date.now() - started).toBeLessThan(10_000);
    if (error !== undefined) expect(error).toBeInstanceOf(PlanError);
  });
});
