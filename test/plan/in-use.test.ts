/**
 * What an existing gateway already uses (`SiteSpec.inUse`, issue 18): checked value by value,
 * allocated around (on the gateway, and across Azure, whose APIPA range every gateway shares),
 * refused where a pin or a deployed tunnel's recorded /30 collides with it, and counted against
 * the gateway's connection limit. A plan without `inUse` is the plan it always was.
 */
import * as fc from 'fast-check';
import { IN_USE_INSIDE_RANGES, LinkSpec, PlanError, SiteSpec, TOPOLOGY_LIMITS, Topology, VpnPlan, planVpn } from '../../src/plan';
import { validTopologyArb } from './arbitraries';
import { TEST_SECRET, aliSite, awsSite, azureSite, topo } from './fixtures';

const plan = (t: Topology, previous?: VpnPlan['allocations']) => planVpn(t, { masterSecret: TEST_SECRET, previous });
const issuesOf = (run: () => unknown): { path: string; code: string; message: string }[] => {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanError) return e.issues.map(({ path, code, message }) => ({ path, code, message }));
    throw e;
  }
  return [];
};
/** AWS ↔ Azure over BGP (4 tunnels), the sites changed as given. */
const awsAzure = (aws: Partial<SiteSpec> = {}, azure: Partial<SiteSpec> = {}, link: Partial<LinkSpec> = {}): Topology =>
  topo([{ ...awsSite, ...aws }, { ...azureSite, ...azure }], [{ between: ['aws-tokyo', 'azure-east'], ...link }]);
/** The /30 network address of a host address (`169.254.21.2` → `169.254.21.0/30`). */
const blockOf = (address: string) => {
  const parts = address.split('.').map(Number);
  return `${parts.slice(0, 3).join('.')}.${parts[3] & ~3}/30`;
};
/** Every inside /30 of a plan with an end on `site`. */
const cidrsAt = (p: VpnPlan, site: string) => p.tunnels.filter((t) => t.ends.some((e) => e.site === site)).map((t) => t.insideCidr).filter(Boolean);

describe('inUse values are checked: one issue per bad value, at its path, the value shown, what is allowed', () => {
  const LONG = `169.254.${'1'.repeat(200)}`;
  test.each<[string, unknown, string, RegExp]>([
    ['a /30 that is not a prefix', { insideCidrs: ['nonsense'] }, 'sites[1].inUse.insideCidrs[0]', /^'nonsense' is not a valid IPv4 prefix \(expected an IPv4 prefix like 10\.0\.0\.0\/16\); allowed: an aligned \/30 in 169\.254\.0\.0\/16/],
    ['a misaligned /30', { insideCidrs: ['169.254.21.0/30', '169.254.21.6/30'] }, 'sites[1].inUse.insideCidrs[1]', /^'169\.254\.21\.6\/30' is not a valid IPv4 prefix \(host bits are set; the network address is 169\.254\.21\.4\/30\); allowed: an aligned \/30/],
    ['a /29', { insideCidrs: ['169.254.21.0/29'] }, 'sites[1].inUse.insideCidrs[0]', /^'169\.254\.21\.0\/29' is a \/29; allowed: an aligned \/30 in 169\.254\.0\.0\/16/],
    ['a /30 outside 169.254.0.0/16', { insideCidrs: ['10.0.0.0/30'] }, 'sites[1].inUse.insideCidrs[0]', /^'10\.0\.0\.0\/30' is outside every cloud's tunnel inside range; allowed: an aligned \/30 in 169\.254\.0\.0\/16/],
    ['a /30 given as a number (JavaScript)', { insideCidrs: [169254] }, 'sites[1].inUse.insideCidrs[0]', /^169254 is not a valid IPv4 prefix; allowed: an aligned \/30/],
    ['a very long value, shown truncated', { insideCidrs: [LONG] }, 'sites[1].inUse.insideCidrs[0]', /^'169\.254\.1{72}…' \(208 characters\) is not a valid IPv4 prefix/],
    ['insideCidrs that is not a list', { insideCidrs: '169.254.21.0/30' }, 'sites[1].inUse.insideCidrs', /^expected a list like \['169\.254\.10\.0\/30'\], got '169\.254\.21\.0\/30'/],
    ['too many /30s', { insideCidrs: Array(TOPOLOGY_LIMITS.maxInUseEntries + 1).fill('169.254.21.0/30') }, 'sites[1].inUse.insideCidrs', /^10001 entries given; allowed: at most 10000/],
    ['an address that is not one', { insideAddresses: ['169.254.21.1', '169.254.21.300'] }, 'sites[1].inUse.insideAddresses[1]', /^'169\.254\.21\.300' is not a dotted-quad IPv4 address; allowed: an IPv4 address such as '169\.254\.21\.1'/],
    ['an address given as an object (JavaScript)', { insideAddresses: [{ ip: '169.254.21.1' }] }, 'sites[1].inUse.insideAddresses[0]', /^\{"ip":"169\.254\.21\.1"\} is not a dotted-quad IPv4 address/],
    ['insideAddresses that is not a list', { insideAddresses: 3 }, 'sites[1].inUse.insideAddresses', /^expected a list like \['169\.254\.21\.1'\], got 3/],
    ['a negative count of connections', { connections: -1 }, 'sites[1].inUse.connections', /^-1 is not a count; allowed: an integer of at least 0/],
    ['a fractional count of connections', { connections: 1.5 }, 'sites[1].inUse.connections', /^1\.5 is not a count/],
    ['a count of connections as a string (JavaScript)', { connections: '2' }, 'sites[1].inUse.connections', /^'2' is not a count/],
    ['a count of connections that is NaN', { connections: NaN }, 'sites[1].inUse.connections', /^NaN is not a count/],
    ['a misspelt field', { insideCidr: ['169.254.21.0/30'] }, 'sites[1].inUse.insideCidr', /^unknown field; allowed: insideCidrs, insideAddresses, connections$/],
    ['inUse that is not an object', ['169.254.21.0/30'], 'sites[1].inUse', /^expected an object with insideCidrs, insideAddresses and\/or connections, got \["169\.254\.21\.0\/30"\]/],
  ])('fails on %s', (_, inUse, path, message) => {
    // GIVEN an Azure site whose inUse has one bad value
    // WHEN it is planned
    const issues = issuesOf(() => plan(awsAzure({}, { inUse: inUse as SiteSpec['inUse'] })));
    // THEN exactly one issue, at that value's path, says what was given and what is allowed
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0].message).toMatch(message);
  });

  test('any value a JavaScript caller passes gives a plan or PlanError issues at inUse, never another exception', () => {
    const junk = fc.oneof(fc.anything(), fc.array(fc.oneof(fc.string(), fc.anything())), fc.constantFrom(['169.254.21.0/30'], ['169.254.21.1'], [null], -0, 2 ** 53));
    fc.assert(fc.property(fc.record({ insideCidrs: junk, insideAddresses: junk, connections: junk }, { requiredKeys: [] }), fc.oneof(fc.anything(), fc.constant(undefined)), (inUse, whole) => {
      for (const value of [inUse, whole]) {
        let issues: readonly { path: string; code: string }[] = [];
        try {
          plan(awsAzure({}, { inUse: value as SiteSpec['inUse'] }));
        } catch (e) {
          if (!(e instanceof PlanError)) throw e;
          issues = e.issues;
        }
        // each at an inUse path, or the gateway's capacity (too many connections in use)
        for (const i of issues) {
          const where = i.code === 'gateway-capacity' ? i.path === 'sites[1]' : /^sites\[1\]\.inUse(\.|$)/.test(i.path);
          expect({ ...i, where }).toMatchObject({ where: true });
        }
      }
    }), { numRuns: 300, seed: 1802 });
  });

  test('alarms that is not a boolean is refused (JavaScript)', () => {
    const issues = issuesOf(() => plan(awsAzure({ alarms: 'no' as never })));
    expect(issues).toEqual([{ path: 'sites[0].alarms', code: 'alarms-invalid', message: "expected true or false, got 'no'" }]);
  });

  test('every bad value of one site is reported at once, each with its own path', () => {
    const issues = issuesOf(() => plan(awsAzure({ inUse: { insideCidrs: ['169.254.10.0/30', '10.0.0.0/30', '169.254.10.1/30'], insideAddresses: ['x'], connections: -2 } })));
    expect(issues.map((i) => i.path)).toEqual(['sites[0].inUse.insideCidrs[1]', 'sites[0].inUse.insideCidrs[2]', 'sites[0].inUse.insideAddresses[0]', 'sites[0].inUse.connections']);
  });

  test('the accepted range is every cloud\'s inside range merged: 169.254.0.0/16', () => {
    expect(IN_USE_INSIDE_RANGES.map((r) => r.text)).toEqual(['169.254.0.0/16']);
  });

  test.each([
    ['an AWS /30 a peer cloud reserves (Alibaba Cloud 169.254.6.0/30)', awsSite, '169.254.6.0/30', false],
    ['an AWS /30 the planner would not allocate (169.254.169.252/30, reserved by AWS)', awsSite, '169.254.169.252/30', false],
    ['an Azure /30 in its APIPA range', azureSite, '169.254.22.8/30', false],
    ['an Azure /30 outside its APIPA range: planned, with a warning', azureSite, '169.254.100.0/30', true],
  ])('accepts %s', (_, site, value, warned) => {
    const p = plan(site === awsSite ? awsAzure({ inUse: { insideCidrs: [value] } }) : awsAzure({}, { inUse: { insideCidrs: [value] } }));
    const warning = p.warnings.find((w) => w.includes('inUse.insideCidrs[0]'));
    if (warned) expect(warning).toMatch(/^sites\[1\]\.inUse\.insideCidrs\[0\]: '169\.254\.100\.0\/30' is outside Azure's inside range \(169\.254\.21\.0\/24, 169\.254\.22\.0\/24\), so no tunnel of this gateway could take it/);
    else expect(warning).toBeUndefined();
  });
});

describe('no tunnel takes what an existing gateway uses', () => {
  // GIVEN the /30 the first tunnel takes without inUse (its hashed start, or the first free block after it)
  const base = plan(awsAzure());
  const first = base.tunnels[0];
  test.each<[string, Partial<SiteSpec>, Partial<SiteSpec>]>([
    ['the Azure gateway lists the /30', {}, { inUse: { insideCidrs: [first.insideCidr!] } }],
    ['the AWS gateway lists the /30', { inUse: { insideCidrs: [first.insideCidr!] } }, {}],
    ["the Azure gateway lists an address of it (its instance's custom BGP address)", {}, { inUse: { insideAddresses: [first.ends[1].insideAddress!] } }],
    ['the AWS gateway lists the /30\'s network address', { inUse: { insideAddresses: [first.insideCidr!.replace('/30', '')] } }, {}],
  ])('when %s, that tunnel gets another /30 and no tunnel has it', (_, aws, azure) => {
    // WHEN that /30 is in use on one of the gateways
    const p = plan(awsAzure(aws, azure));
    // THEN the tunnel moves, and no tunnel of the plan uses it
    expect(p.tunnels[0].insideCidr).not.toBe(first.insideCidr);
    expect(p.tunnels.map((t) => t.insideCidr)).not.toContain(first.insideCidr);
    expect(Object.values(p.allocations.insideCidrs)).not.toContain(first.insideCidr);
    // and the tunnels that did not start on it stay where they were
    const unmoved = base.tunnels.slice(1).filter((t) => p.tunnels.some((u) => u.insideCidr === t.insideCidr && u.id === t.id));
    expect(unmoved.length).toBeGreaterThan(0);
  });

  test("Azure's APIPA range is shared: another Azure gateway's in-use /30 is avoided by this topology's Azure tunnels", () => {
    // GIVEN an existing Azure gateway (no links here) that uses the /30 the new AWS↔Azure tunnel would take
    const t = (inUse?: SiteSpec['inUse']): Topology => topo(
      [awsSite, azureSite, { id: 'azure-old', cloud: 'azure', cidrs: ['10.99.0.0/16'], ...(inUse ? { inUse } : {}) }],
      [{ between: ['aws-tokyo', 'azure-east'] }],
    );
    const wanted = plan(t()).tunnels[0].insideCidr!;
    // WHEN planned
    const p = plan(t({ insideCidrs: [wanted] }));
    // THEN no tunnel with an Azure end takes it
    expect(p.tunnels.map((x) => x.insideCidr)).not.toContain(wanted);
  });

  test("an AWS gateway's in-use /30 binds only that gateway: another AWS gateway may take it", () => {
    // GIVEN an existing AWS gateway that uses the /30 a new AWS↔Alibaba tunnel takes
    const t = (inUse?: SiteSpec['inUse']): Topology => topo(
      [awsSite, aliSite, { id: 'aws-old', cloud: 'aws', cidrs: ['10.98.0.0/16'], ...(inUse ? { inUse } : {}) }],
      [{ between: ['aws-tokyo', 'ali-hz'] }],
    );
    const before = plan(t());
    // WHEN
    const after = plan(t({ insideCidrs: [before.tunnels[0].insideCidr!] }));
    // THEN every tunnel keeps its /30 (AWS inside /30s are unique per gateway, not per cloud)
    expect(after.tunnels.map((x) => x.insideCidr)).toEqual(before.tunnels.map((x) => x.insideCidr));
  });

  test("Azure's own extra APIPA address (active-active toward a single-tunnel Alibaba gateway) avoids it too", () => {
    // GIVEN Azure active-active ↔ Alibaba single-tunnel over BGP: Azure needs an address on instance1 of its own
    const t = (inUse?: SiteSpec['inUse']): Topology => topo(
      [{ ...azureSite, ...(inUse ? { inUse } : {}) }, { ...aliSite, gateway: 'single-tunnel' }],
      [{ between: ['azure-east', 'ali-hz'] }],
    );
    const before = plan(t());
    const own = Object.entries(before.allocations.insideCidrs).find(([id]) => id.includes('/'))!;
    expect(own[0]).toBe('ali-hz--azure-east:1/instance1');
    // WHEN that /30 is in use on the Azure gateway
    const after = plan(t({ insideCidrs: [own[1]] }));
    // THEN the address moves, and neither instance carries an address of the in-use /30
    expect(after.allocations.insideCidrs[own[0]]).not.toBe(own[1]);
    const apipa = Object.values(after.gateways.find((g) => g.site === 'azure-east')!.apipaAddresses!).flat();
    expect(apipa.length).toBe(2);
    expect(apipa.map(blockOf)).not.toContain(own[1]);
  });

  test('random topologies with /30s in use: no tunnel on that gateway (or across Azure) takes one', () => {
    fc.assert(fc.property(validTopologyArb, fc.nat(), fc.integer({ min: 1, max: 6 }), (t, pick, count) => {
      const before = plan(t);
      // GIVEN a site that lists as in use some of the /30s its tunnels took, and one address of another
      const site = t.sites[pick % t.sites.length];
      const taken = cidrsAt(before, site.id) as string[];
      fc.pre(taken.length > 0);
      const cidrs = taken.slice(0, count);
      const address = before.tunnels.find((x) => x.insideCidr && !cidrs.includes(x.insideCidr) && x.ends.some((e) => e.site === site.id))?.ends[0].insideAddress;
      const inUse = { insideCidrs: cidrs, ...(address ? { insideAddresses: [address] } : {}) };
      const blocks = [...cidrs, ...(address ? [blockOf(address)] : [])];
      // WHEN planned afresh
      const after = plan({ sites: t.sites.map((s) => (s === site ? { ...s, inUse } : s)), links: t.links });
      // THEN no tunnel on the site takes one, nor (on Azure) any tunnel with an Azure end, nor an address of the site's gateway
      const bound = after.tunnels.filter((x) => x.ends.some((e) => e.site === site.id || (site.cloud === 'azure' && e.cloud === 'azure')));
      for (const x of bound) expect({ tunnel: x.id, cidr: blocks.includes(x.insideCidr ?? '') }).toEqual({ tunnel: x.id, cidr: false });
      const apipa = Object.values(after.gateways.find((g) => g.site === site.id)!.apipaAddresses ?? {}).flat();
      for (const a of apipa) expect(blocks).not.toContain(blockOf(a));
    }), { numRuns: 60, seed: 1801 });
  });
});

describe('a pinned or recorded /30 that is in use is refused, never moved silently', () => {
  test.each<[string, Partial<SiteSpec>, Partial<SiteSpec>, RegExp]>([
    ['in use on the Azure gateway', {}, { inUse: { insideCidrs: ['169.254.21.0/30'] } }, /^'169\.254\.21\.0\/30' is in use on gateway 'azure-east' outside this topology \(sites\[1\]\.inUse\.insideCidrs\[0\]: '169\.254\.21\.0\/30'\); allowed: a \/30 no existing tunnel of the gateway uses$/],
    ['holding an address in use on the AWS gateway', { inUse: { insideAddresses: ['169.254.21.2'] } }, {}, /^'169\.254\.21\.0\/30' is in use on gateway 'aws-tokyo' outside this topology \(sites\[0\]\.inUse\.insideAddresses\[0\]: '169\.254\.21\.2' lies in it\)/],
  ])('a pin %s', (_, aws, azure, message) => {
    const issues = issuesOf(() => plan(awsAzure(aws, azure, { tunnels: [{ insideCidr: '169.254.21.0/30' }] })));
    expect(issues.map((i) => [i.path, i.code])).toEqual([['links[0].tunnels[0].insideCidr', 'inside-cidr-in-use']]);
    expect(issues[0].message).toMatch(message);
  });

  test('a pin in use on another Azure gateway: the message says Azure shares the range', () => {
    const t = topo([awsSite, azureSite, { id: 'azure-old', cloud: 'azure', cidrs: ['10.99.0.0/16'], inUse: { insideCidrs: ['169.254.22.0/30'] } }], [{ between: ['aws-tokyo', 'azure-east'], tunnels: [{ insideCidr: '169.254.22.0/30' }] }]);
    expect(() => plan(t)).toThrow(/links\[0\]\.tunnels\[0\]\.insideCidr: '169\.254\.22\.0\/30' is in use on Azure gateway 'azure-old' outside this topology \(sites\[2\]\.inUse\.insideCidrs\[0\]: '169\.254\.22\.0\/30'\), and Azure's inside range is shared by all its gateways/);
  });

  test("a deployed tunnel's recorded /30 that is now in use fails to plan, and moves only on request", () => {
    // GIVEN a deployed plan's record
    const deployed = plan(awsAzure());
    const [id, kept] = Object.entries(deployed.allocations.insideCidrs)[1];
    // WHEN the Azure gateway's export lists that /30 as in use (e.g. the tunnel itself)
    const t = awsAzure({}, { inUse: { insideCidrs: [kept] } });
    const issues = issuesOf(() => plan(t, deployed.allocations));
    // THEN the plan is refused, naming the record entry, the in-use value and both ways out
    expect(issues.map((i) => [i.path, i.code])).toEqual([[`previous.insideCidrs.${id}`, 'inside-cidr-kept-in-use']]);
    expect(issues[0].message).toBe(`tunnel ${id} was planned with '${kept}', which is now in use on gateway 'azure-east' outside this topology (sites[1].inUse.insideCidrs[0]: '${kept}'); the planner does not move it on its own (a new /30 replaces the tunnel): if inUse lists this tunnel itself, take it out (inUse is what lies outside the topology); to move it, pin another insideCidr on links[0].tunnels[1] or remove '${id}' from the allocation record`);
    // and with the entry removed from the record (explicit consent), only that tunnel moves
    const rest = Object.fromEntries(Object.entries(deployed.allocations.insideCidrs).filter(([k]) => k !== id));
    const moved = plan(t, { ...deployed.allocations, insideCidrs: rest });
    expect(moved.allocations.insideCidrs[id]).not.toBe(kept);
    expect(Object.entries(moved.allocations.insideCidrs).filter(([k]) => k !== id)).toEqual(Object.entries(rest));
  });

  test('a recorded /30 taken by a pin of another tunnel still moves as before (no in-use involved)', () => {
    const deployed = plan(awsAzure());
    const [, kept] = Object.entries(deployed.allocations.insideCidrs)[1];
    const p = plan(awsAzure({}, {}, { tunnels: [{ insideCidr: kept }] }), deployed.allocations);
    expect(p.tunnels[0].insideCidr).toBe(kept);
    expect(p.tunnels[1].insideCidr).not.toBe(kept);
  });
});

describe('connections in use count against the gateway limit', () => {
  /** An AWS virtual private gateway with 5 static links to Azure: 10 VPN connections, its limit. */
  const atLimit = (inUse?: SiteSpec['inUse'], maxConnections?: number): Topology => topo(
    [{ ...awsSite, ...(inUse ? { inUse } : {}), ...(maxConnections ? { maxConnections } : {}) }, ...[1, 2, 3, 4, 5].map((n) => ({ id: `az${n}`, cloud: 'azure' as const, cidrs: [`10.${100 + n}.0.0/16`] }))],
    [1, 2, 3, 4, 5].map((n) => ({ between: ['aws-tokyo', `az${n}`] as const, routing: 'static' as const })),
  );

  test.each<[string, SiteSpec['inUse'], number | undefined, RegExp | undefined]>([
    ['at the limit with nothing in use: plans', undefined, undefined, undefined],
    ['at the limit with 0 in use: plans', { connections: 0 }, undefined, undefined],
    ['at the limit with 1 in use: fails, saying how many are in use', { connections: 1 }, undefined, /^gateway 'aws-tokyo' needs 10 VPN connections, and 1 is in use already \(sites\[0\]\.inUse\.connections\): 11 in all, but an AWS vpn-gateway allows 10; allowed: at most 10 in all/],
    ['with 4 in use and a raised limit of 14: plans', { connections: 4 }, 14, undefined],
    ['with 5 in use and a raised limit of 14: fails', { connections: 5 }, 14, /needs 10 VPN connections, and 5 are in use already \(sites\[0\]\.inUse\.connections\): 15 in all, but an AWS vpn-gateway allows 14/],
  ])('an AWS gateway %s', (_, inUse, max, message) => {
    const issues = issuesOf(() => plan(atLimit(inUse, max)));
    if (!message) {
      expect(issues).toEqual([]);
      return;
    }
    expect(issues.map((i) => [i.path, i.code])).toEqual([['sites[0]', 'gateway-capacity']]);
    expect(issues[0].message).toMatch(message);
  });

  test('Azure counts S2S tunnels in use: a Basic gateway with 8 of its own and 3 in use fails', () => {
    // GIVEN an Azure Basic gateway (10 S2S tunnels) whose two minimal links use 8 (4 connections, 2 S2S tunnels each)
    const t = (connections: number) => topo(
      [{ ...azureSite, sku: 'Basic', inUse: { connections } }, { ...awsSite, id: 'aws1' }, { ...awsSite, id: 'aws2', cidrs: ['10.11.0.0/16'] }],
      [{ between: ['aws1', 'azure-east'], layout: 'minimal' }, { between: ['aws2', 'azure-east'], layout: 'minimal' }],
    );
    const fits = plan(t(2)).gateways.find((g) => g.site === 'azure-east')!;
    expect([fits.connectionCount, fits.connectionsInUse, fits.connectionLimit]).toEqual([8, 2, 10]);
    expect(() => plan(t(3))).toThrow(/sites\[0\]: gateway 'azure-east' needs 8 S2S tunnels \(4 connections, 2 tunnels each on an active-active gateway\), and 3 are in use already \(sites\[0\]\.inUse\.connections\): 11 in all, but an Azure Basic gateway allows 10/);
  });

  test('the plan reports connections in use apart from its own count', () => {
    const g = plan(atLimit({ connections: 3 }, 20)).gateways[0];
    expect([g.connectionCount, g.connectionsInUse, g.connectionLimit]).toEqual([10, 3, 20]);
  });
});

describe('a plan without inUse is the plan it always was', () => {
  test.each<[string, Partial<SiteSpec>]>([
    ['an empty inUse', { inUse: {} }],
    ['no connections and empty lists', { inUse: { connections: 0, insideCidrs: [], insideAddresses: [] } }],
    ['alarms: true (the default)', { alarms: true }],
  ])('%s changes nothing', (_, change) => {
    // GIVEN the three-cloud mesh, one site changed
    const sites = [awsSite, azureSite, aliSite];
    const links: LinkSpec[] = [{ between: ['aws-tokyo', 'azure-east'] }, { between: ['azure-east', 'ali-hz'], routing: 'policy' }, { between: ['aws-tokyo', 'ali-hz'] }];
    const before = JSON.stringify(plan(topo(sites, links)));
    for (const i of [0, 1, 2]) {
      // WHEN planned with the change on any one site
      const after = JSON.stringify(plan(topo(sites.map((s, j) => (j === i ? { ...s, ...change } : s)), links)));
      // THEN byte for byte the same plan
      expect(after).toBe(before);
    }
  });

  test('an in-use /30 no tunnel would take changes only the gateway\'s record of connections in use', () => {
    const before = plan(awsAzure());
    const after = plan(awsAzure({ inUse: { insideCidrs: ['169.254.250.0/30'], connections: 1 } }));
    expect(after.tunnels).toEqual(before.tunnels);
    expect(after.allocations).toEqual(before.allocations);
    expect(after.gateways[0]).toEqual({ ...before.gateways[0], connectionsInUse: 1 });
    expect('connectionsInUse' in before.gateways[0]).toBe(false);
  });
});
