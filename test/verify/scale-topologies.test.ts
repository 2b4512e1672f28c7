/**
 * The verify bench's generated topologies (`bench/verify-topologies.ts`): the sizes it claims, a
 * mix of BGP and policy-based links, several sites per cloud, and no gateway beyond the limit
 * the planner enforces (the planner is the judge: each size plans without an error).
 */
import { CONNECTION_LIMITS, planVpn } from '../../src/plan';
import { SCALE_SIZES, scaleLayout } from '../../bench/verify-topologies';

describe('verify bench topologies', () => {
  test.each(SCALE_SIZES.map((s) => [s.name, s] as const))('%s: about its tunnel count, BGP and policy mixed, several sites per cloud, within the planner\'s limits', (_name, size) => {
    const layout = scaleLayout(size);
    // GIVEN a target WHEN laid out THEN within 10 % of it, never above
    expect(layout.tunnels).toBeLessThanOrEqual(size.tunnels);
    expect(layout.tunnels).toBeGreaterThanOrEqual(size.tunnels * 0.9);
    expect(new Set(layout.links.map((l) => l.routing))).toEqual(new Set(['bgp', 'policy']));
    if (size.tunnels >= 30) for (const cloud of ['aws', 'azure'] as const) expect(layout.sites.filter((s) => s.cloud === cloud).length).toBeGreaterThanOrEqual(2);
    // The planner agrees: the same sites and links plan without an error, with as many tunnels.
    const plan = planVpn({
      sites: layout.sites.map((s) => ({ id: s.id, cloud: s.cloud, cidrs: [`10.${s.cloud === 'aws' ? 100 + s.index : s.cloud === 'azure' ? 64 + s.index : s.index}.0.0/16`], ...(s.transitGateway ? { gateway: 'transit-gateway' as const } : {}) })),
      links: layout.links.map((l) => ({ between: l.between, routing: l.routing })),
    }, { masterSecret: 'test-only-master-secret-0000000000' });
    expect(plan.tunnels).toHaveLength(layout.tunnels);
    for (const g of plan.gateways) expect(g.connectionCount).toBeLessThanOrEqual(g.connectionLimit);
  });

  test('an AWS site beyond a virtual private gateway\'s 10 connections gets a transit gateway', () => {
    const big = scaleLayout(SCALE_SIZES[SCALE_SIZES.length - 1]);
    for (const s of big.sites.filter((x) => x.cloud === 'aws')) expect(s.transitGateway).toBe(big.used.get(s.id)! > CONNECTION_LIMITS['vpn-gateway']);
    expect(big.sites.some((s) => s.transitGateway)).toBe(true);
  });
});
