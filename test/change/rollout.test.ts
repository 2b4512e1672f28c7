/**
 * `planRollout`: property tests of its invariants over random deployments and changes, and the
 * rollouts of the examples' layouts.
 */
import * as fc from 'fast-check';
import { RolloutError, RolloutTunnel, planRollout, rolloutTunnelsOf, sitePair, upDuring } from '../../src/change/rollout';
import { planVpn } from '../../src/plan';
import { TEST_SECRET, mesh } from '../plan/fixtures';

/** Random deployments: up to 6 sites, each pair with 0-4 tunnels, each active or idle; a random subset changing. */
const deploymentArb = fc.record({
  pairs: fc.array(fc.record({ a: fc.nat(5), b: fc.nat(5), states: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }) }), { maxLength: 10 }),
  pick: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  shuffle: fc.nat(),
}).map(({ pairs, pick, shuffle }) => {
  const tunnels: RolloutTunnel[] = [];
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.a === p.b) continue;
    const sites: [string, string] = [`s${p.a}`, `s${p.b}`];
    if (used.has(sitePair(sites))) continue; // one link per site pair
    used.add(sitePair(sites));
    p.states.forEach((active, i) => tunnels.push({ id: `${sites.join('--')}:${i + 1}`, sites, state: active ? 'active' : 'idle' }));
  }
  const changing = tunnels.filter((_, i) => pick[i % pick.length]).map((t) => t.id);
  // the order changing ids are given in must not matter
  const rotated = changing.length ? [...changing.slice(shuffle % changing.length), ...changing.slice(0, shuffle % changing.length)] : changing;
  return { tunnels, changing: rotated };
});

describe('planRollout invariants (property-based)', () => {
  test('every changing tunnel is in exactly one step, nothing else is, and steps are numbered 1..n, none empty', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      const { steps } = planRollout(tunnels, changing);
      const placed = steps.flatMap((s) => s.tunnels);
      expect([...placed].sort()).toEqual([...changing].sort());
      expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
      for (const s of steps) expect(s.tunnels.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  test('no step takes down two active tunnels of one site pair (of one link: every two of them are a redundancy pair)', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      const byId = new Map(tunnels.map((t) => [t.id, t]));
      for (const s of planRollout(tunnels, changing).steps) {
        const pairs = s.tunnels.map((id) => byId.get(id)!).filter((t) => t.state === 'active').map((t) => sitePair(t.sites));
        expect(new Set(pairs).size).toBe(pairs.length);
      }
    }), { numRuns: 300 });
  });

  test('during every step every site pair with an active tunnel keeps one up (unchanged, or changed earlier), except the reported outages', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      const rollout = planRollout(tunnels, changing);
      const pairs = new Set(tunnels.filter((t) => t.state === 'active').map((t) => sitePair(t.sites)));
      for (const s of rollout.steps) {
        const up = new Set(upDuring(rollout, tunnels, s.step).map((t) => sitePair(t.sites)));
        const cut = [...pairs].filter((p) => !up.has(p)).sort();
        expect(cut).toEqual(rollout.outages.filter((o) => o.step === s.step).map((o) => sitePair(o.sites)).sort());
      }
    }), { numRuns: 300 });
  });

  test('an outage is reported exactly for a site pair whose only active tunnel changes', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      const rollout = planRollout(tunnels, changing);
      const wanted = new Set(changing);
      const expected = [...new Set(tunnels.map((t) => sitePair(t.sites)))].filter((p) => {
        const active = tunnels.filter((t) => t.state === 'active' && sitePair(t.sites) === p);
        return active.length === 1 && wanted.has(active[0].id);
      });
      expect(rollout.outages.map((o) => sitePair(o.sites)).sort()).toEqual(expected.sort());
      for (const o of rollout.outages) expect(rollout.steps[o.step - 1].tunnels).toContain(o.tunnel);
    }), { numRuns: 300 });
  });

  test('idle tunnels go first, in a step of their own; the steps are as few as the rules allow', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      const { steps } = planRollout(tunnels, changing);
      const byId = new Map(tunnels.map((t) => [t.id, t]));
      const idle = changing.filter((id) => byId.get(id)!.state === 'idle');
      if (idle.length) expect([...steps[0].tunnels].sort()).toEqual([...idle].sort());
      for (const s of steps.slice(idle.length ? 1 : 0)) for (const id of s.tunnels) expect(byId.get(id)!.state).toBe('active');
      const perPair = new Map<string, number>();
      for (const id of changing) if (byId.get(id)!.state === 'active') perPair.set(sitePair(byId.get(id)!.sites), (perPair.get(sitePair(byId.get(id)!.sites)) ?? 0) + 1);
      expect(steps.length).toBe((idle.length ? 1 : 0) + Math.max(0, ...perPair.values()));
    }), { numRuns: 300 });
  });

  test('the same deployment and change give the same rollout, whatever order the changing ids come in', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing }) => {
      expect(planRollout(tunnels, [...changing].reverse())).toEqual(planRollout(tunnels, changing));
    }), { numRuns: 200 });
  });
});

describe('rollouts of planned layouts', () => {
  test('rotating every key of the three-cloud mesh: four steps, one tunnel of each link per step, no outage', () => {
    // GIVEN the examples' mesh: AWS↔Azure and AWS↔Alibaba with 4 tunnels each, Azure↔Alibaba with 2
    const plan = planVpn(mesh, { masterSecret: TEST_SECRET });
    const tunnels = rolloutTunnelsOf(plan);
    // WHEN every tunnel changes
    const rollout = planRollout(tunnels, tunnels.map((t) => t.id));
    // THEN
    expect(rollout.outages).toEqual([]);
    expect(rollout.steps).toEqual([
      { step: 1, tunnels: ['aws-tokyo--azure-east:1', 'ali-hz--azure-east:1', 'ali-hz--aws-tokyo:1'] },
      { step: 2, tunnels: ['aws-tokyo--azure-east:2', 'ali-hz--azure-east:2', 'ali-hz--aws-tokyo:2'] },
      { step: 3, tunnels: ['aws-tokyo--azure-east:3', 'ali-hz--aws-tokyo:3'] },
      { step: 4, tunnels: ['aws-tokyo--azure-east:4', 'ali-hz--aws-tokyo:4'] },
    ]);
  });

  test('a minimal layout: the idle tunnels first, then the active ones one by one', () => {
    const plan = planVpn({ ...mesh, links: [{ between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }], sites: mesh.sites.slice(0, 2) }, { masterSecret: TEST_SECRET });
    const tunnels = rolloutTunnelsOf(plan);
    expect(tunnels.map((t) => t.state)).toEqual(['active', 'active', 'idle', 'idle']);
    expect(planRollout(tunnels, tunnels.map((t) => t.id)).steps).toEqual([
      { step: 1, tunnels: ['aws-tokyo--azure-east:3', 'aws-tokyo--azure-east:4'] },
      { step: 2, tunnels: ['aws-tokyo--azure-east:1'] },
      { step: 3, tunnels: ['aws-tokyo--azure-east:2'] },
    ]);
  });

  test('a site pair with one active tunnel is an unavoidable outage', () => {
    // GIVEN Azure active-standby ↔ Alibaba single-tunnel: one tunnel
    const plan = planVpn({
      sites: [{ id: 'az', cloud: 'azure', gateway: 'active-standby', cidrs: ['10.1.0.0/16'] }, { id: 'ali', cloud: 'alicloud', gateway: 'single-tunnel', cidrs: ['10.2.0.0/16'] }],
      links: [{ between: ['az', 'ali'], routing: 'static' }],
    }, { masterSecret: TEST_SECRET });
    const rollout = planRollout(rolloutTunnelsOf(plan), ['ali--az:1']);
    expect(rollout).toEqual({ steps: [{ step: 1, tunnels: ['ali--az:1'] }], outages: [{ sites: ['ali', 'az'], tunnel: 'ali--az:1', step: 1 }] });
  });

  test('nothing changing: no step', () => {
    expect(planRollout(rolloutTunnelsOf(planVpn(mesh, { masterSecret: TEST_SECRET })), [])).toEqual({ steps: [], outages: [] });
  });

  test.each([
    ['an unknown changing id', [{ id: 'a', sites: ['x', 'y'], state: 'active' }], ['b'], /changing tunnel\(s\) not among the tunnels: 'b'/],
    ['a duplicate id', [{ id: 'a', sites: ['x', 'y'], state: 'active' }, { id: 'a', sites: ['x', 'y'], state: 'idle' }], [], /tunnels\[1\]: tunnel id 'a' appears twice/],
    ['a tunnel between one site', [{ id: 'a', sites: ['x', 'x'], state: 'active' }], [], /tunnels\[0\] \(a\): sites must be two different site ids/],
    ['an unknown state', [{ id: 'a', sites: ['x', 'y'], state: 'up' }], [], /state must be 'active' or 'idle', got up/],
  ])('%s is refused with a clear error', (_what, tunnels, changing, message) => {
    expect(() => planRollout(tunnels as unknown as RolloutTunnel[], changing)).toThrow(RolloutError);
    expect(() => planRollout(tunnels as unknown as RolloutTunnel[], changing)).toThrow(message);
  });
});
