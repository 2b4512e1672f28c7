/**
 * `planRollout`: property tests of its invariants over random deployments and changes, and the
 * rollouts of the examples' layouts.
 */
import * as fc from 'fast-check';
import { RolloutError, RolloutTunnel, planRollout, rolloutTunnelsOf, sitePair, upDuring } from '../../src/change/rollout';
import { planVpn } from '../../src/plan';
import { propRuns } from '../lib/props';
import { TEST_SECRET, mesh } from '../plan/fixtures';

/**
 * Random deployments: up to 6 sites, each pair with 0-4 tunnels, each active or idle; a random
 * subset changing; with `groups`, the tunnels of a pair split into groups that go down together
 * (as an AWS VPN connection replaced whole).
 */
const deploymentArb = fc.record({
  pairs: fc.array(fc.record({ a: fc.nat(5), b: fc.nat(5), states: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }) }), { maxLength: 10 }),
  pick: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  groupPick: fc.array(fc.nat(1), { minLength: 40, maxLength: 40 }),
  grouped: fc.boolean(),
  shuffle: fc.nat(),
}).map(({ pairs, pick, groupPick, grouped, shuffle }) => {
  const tunnels: RolloutTunnel[] = [];
  const downTogether: string[][] = [];
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.a === p.b) continue;
    const sites: [string, string] = [`s${p.a}`, `s${p.b}`];
    if (used.has(sitePair(sites))) continue; // one link per site pair
    used.add(sitePair(sites));
    const ids = p.states.map((active, i) => {
      const id = `${sites.join('--')}:${i + 1}`;
      tunnels.push({ id, sites, state: active ? 'active' : 'idle' });
      return id;
    });
    if (grouped) for (const g of [0, 1]) downTogether.push(ids.filter((_, i) => groupPick[(tunnels.length + i) % groupPick.length] === g));
  }
  const changing = tunnels.filter((_, i) => pick[i % pick.length]).map((t) => t.id);
  // the order changing ids are given in must not matter
  const rotated = changing.length ? [...changing.slice(shuffle % changing.length), ...changing.slice(0, shuffle % changing.length)] : changing;
  return { tunnels, changing: rotated, options: { downTogether: downTogether.filter((g) => g.length > 0) } };
});

/** The group of each tunnel (itself when in none). */
const groupOf = (tunnels: readonly RolloutTunnel[], groups: readonly (readonly string[])[]) =>
  new Map(tunnels.map((t) => [t.id, groups.findIndex((g) => g.includes(t.id)) >= 0 ? `g${groups.findIndex((g) => g.includes(t.id))}` : t.id]));
const downIn = (s: { tunnels: readonly string[]; alsoDown?: readonly string[] }) => [...s.tunnels, ...(s.alsoDown ?? [])];

describe('planRollout invariants (property-based)', () => {
  test('every changing tunnel is in exactly one step, nothing else is, and steps are numbered 1..n, none empty', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      const { steps } = planRollout(tunnels, changing, options);
      const placed = steps.flatMap((s) => s.tunnels);
      expect([...placed].sort()).toEqual([...changing].sort());
      expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
      for (const s of steps) expect(s.tunnels.length).toBeGreaterThan(0);
    }), propRuns(300));
  });

  test('no step takes down tunnels of one site pair beyond one tunnel (or one group that goes down together)', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      const byId = new Map(tunnels.map((t) => [t.id, t]));
      const group = groupOf(tunnels, options.downTogether);
      for (const s of planRollout(tunnels, changing, options).steps) {
        const perPair = new Map<string, Set<string>>();
        for (const t of downIn(s).map((id) => byId.get(id)!).filter((x) => x.state === 'active')) {
          perPair.set(sitePair(t.sites), new Set([...(perPair.get(sitePair(t.sites)) ?? []), group.get(t.id)!]));
        }
        for (const groups of perPair.values()) expect(groups.size).toBe(1);
        // and what is down besides the changing tunnels is their groups' other members
        for (const id of s.alsoDown ?? []) expect(s.tunnels.some((c) => group.get(c) === group.get(id))).toBe(true);
      }
    }), propRuns(300));
  });

  test('during every step every site pair with an active tunnel keeps one up (unchanged, or changed earlier), except the reported outages', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      const rollout = planRollout(tunnels, changing, options);
      const pairs = new Set(tunnels.filter((t) => t.state === 'active').map((t) => sitePair(t.sites)));
      for (const s of rollout.steps) {
        const up = new Set(upDuring(rollout, tunnels, s.step).map((t) => sitePair(t.sites)));
        const cut = [...pairs].filter((p) => !up.has(p)).sort();
        expect(cut).toEqual(rollout.outages.filter((o) => o.step === s.step).map((o) => sitePair(o.sites)).sort());
      }
    }), propRuns(300));
  });

  test('an outage is reported only where no order avoids it: every active tunnel of the pair goes down with one change', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      const rollout = planRollout(tunnels, changing, options);
      const group = groupOf(tunnels, options.downTogether);
      const wanted = new Set(changing);
      const expected = [...new Set(tunnels.map((t) => sitePair(t.sites)))].filter((p) => {
        const active = tunnels.filter((t) => t.state === 'active' && sitePair(t.sites) === p);
        const groups = new Set(active.map((t) => group.get(t.id)));
        const changes = tunnels.some((t) => wanted.has(t.id) && group.get(t.id) === group.get(active[0]?.id));
        return active.length > 0 && groups.size === 1 && changes;
      });
      expect(rollout.outages.map((o) => sitePair(o.sites)).sort()).toEqual(expected.sort());
      for (const o of rollout.outages) expect(downIn(rollout.steps[o.step - 1])).toEqual(expect.arrayContaining([...o.tunnels]));
    }), propRuns(300));
  });

  test('idle tunnels go first, in a step of their own; the steps are as few as the rules allow', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      const { steps } = planRollout(tunnels, changing, options);
      const byId = new Map(tunnels.map((t) => [t.id, t]));
      const group = groupOf(tunnels, options.downTogether);
      const members = (g: string) => tunnels.filter((t) => group.get(t.id) === g);
      const running = [...new Set(changing.map((id) => group.get(id)!))];
      const idleOnly = running.filter((g) => members(g).every((t) => t.state === 'idle'));
      const idle = changing.filter((id) => idleOnly.includes(group.get(id)!));
      if (idle.length) expect([...steps[0].tunnels].sort()).toEqual([...idle].sort());
      for (const s of steps.slice(idle.length ? 1 : 0)) for (const id of s.tunnels) expect(idleOnly).not.toContain(group.get(id));
      const perPair = new Map<string, number>();
      for (const g of running.filter((x) => !idleOnly.includes(x))) {
        const pair = sitePair(members(g).find((t) => t.state === 'active')!.sites);
        perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
      }
      expect(steps.length).toBe((idle.length ? 1 : 0) + Math.max(0, ...perPair.values()));
      expect(byId.size).toBe(tunnels.length);
    }), propRuns(300));
  });

  test('the same deployment and change give the same rollout, whatever order the changing ids come in', () => {
    fc.assert(fc.property(deploymentArb, ({ tunnels, changing, options }) => {
      expect(planRollout(tunnels, [...changing].reverse(), options)).toEqual(planRollout(tunnels, changing, options));
    }), propRuns(200));
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

  test('AWS connections replaced whole (downTogether): one connection per step, its idle tunnel with it, not first', () => {
    // GIVEN the minimal layout: conn1 = tunnels 1 (active) and 3 (idle), conn2 = tunnels 2 and 4
    const plan = planVpn({ ...mesh, links: [{ between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }], sites: mesh.sites.slice(0, 2) }, { masterSecret: TEST_SECRET });
    const tunnels = rolloutTunnelsOf(plan);
    const downTogether = [['aws-tokyo--azure-east:1', 'aws-tokyo--azure-east:3'], ['aws-tokyo--azure-east:2', 'aws-tokyo--azure-east:4']];
    // WHEN only the idle tunnels change: each still takes its connection's active tunnel down
    expect(planRollout(tunnels, ['aws-tokyo--azure-east:3', 'aws-tokyo--azure-east:4'], { downTogether })).toEqual({
      steps: [
        { step: 1, tunnels: ['aws-tokyo--azure-east:3'], alsoDown: ['aws-tokyo--azure-east:1'] },
        { step: 2, tunnels: ['aws-tokyo--azure-east:4'], alsoDown: ['aws-tokyo--azure-east:2'] },
      ],
      outages: [],
    });
    // and a group holding every active tunnel of a pair is an outage
    expect(planRollout(tunnels, ['aws-tokyo--azure-east:1'], { downTogether: [['aws-tokyo--azure-east:1', 'aws-tokyo--azure-east:2']] }).outages)
      .toEqual([{ sites: ['aws-tokyo', 'azure-east'], tunnels: ['aws-tokyo--azure-east:1', 'aws-tokyo--azure-east:2'], step: 1 }]);
  });

  test('a site pair with one active tunnel is an unavoidable outage', () => {
    // GIVEN Azure active-standby ↔ Alibaba single-tunnel: one tunnel
    const plan = planVpn({
      sites: [{ id: 'az', cloud: 'azure', gateway: 'active-standby', cidrs: ['10.1.0.0/16'] }, { id: 'ali', cloud: 'alicloud', gateway: 'single-tunnel', cidrs: ['10.2.0.0/16'] }],
      links: [{ between: ['az', 'ali'], routing: 'static' }],
    }, { masterSecret: TEST_SECRET });
    const rollout = planRollout(rolloutTunnelsOf(plan), ['ali--az:1']);
    expect(rollout).toEqual({ steps: [{ step: 1, tunnels: ['ali--az:1'] }], outages: [{ sites: ['ali', 'az'], tunnels: ['ali--az:1'], step: 1 }] });
  });

  test('nothing changing: no step', () => {
    expect(planRollout(rolloutTunnelsOf(planVpn(mesh, { masterSecret: TEST_SECRET })), [])).toEqual({ steps: [], outages: [] });
  });

  test.each([
    ['an unknown changing id', [{ id: 'a', sites: ['x', 'y'], state: 'active' }], ['b'], /changing tunnel\(s\) not among the tunnels: 'b'/, undefined],
    ['a duplicate id', [{ id: 'a', sites: ['x', 'y'], state: 'active' }, { id: 'a', sites: ['x', 'y'], state: 'idle' }], [], /tunnels\[1\]: tunnel id 'a' appears twice/, undefined],
    ['a tunnel between one site', [{ id: 'a', sites: ['x', 'x'], state: 'active' }], [], /tunnels\[0\] \(a\): sites must be two different site ids/, undefined],
    ['an unknown state', [{ id: 'a', sites: ['x', 'y'], state: 'up' }], [], /state must be 'active' or 'idle', got up/, undefined],
    ['an unknown tunnel in a group', [{ id: 'a', sites: ['x', 'y'], state: 'active' }], [], /downTogether: tunnel\(s\) not among the tunnels: 'z'/, [['a', 'z']]],
  ])('%s is refused with a clear error', (_what, tunnels, changing, message, downTogether) => {
    expect(() => planRollout(tunnels as unknown as RolloutTunnel[], changing, { downTogether })).toThrow(RolloutError);
    expect(() => planRollout(tunnels as unknown as RolloutTunnel[], changing, { downTogether })).toThrow(message);
  });
});
