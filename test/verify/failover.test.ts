/**
 * verify --failover, pure parts (no root): which flow the failover case runs and which tunnel
 * it proves that flow crosses before it kills one. At --timer-scale 1 on the three-cloud mesh
 * the lab once pinged the Alibaba site's first address (10.0.0.1, in the VPC range AWS reaches
 * through Azure, not in a vSwitch the AWS⇄Alibaba tunnels carry: "the test flow crossed no
 * tunnel"), and picked the AWS⇄Azure carrier from a reading taken while BGP routes were still
 * arriving, so the flow had moved to another tunnel by the kill (0.1 s "outage" while the
 * watcher's hold timer ran 25 s).
 */
import { carrierOf, detection, flowOf } from '../../src/verify/lab/failover';
import { planLab } from '../../src/verify/lab-plan';
import type { TunnelHalf } from '../../src/verify/types';

describe('the failover flow runs between networks the pair\'s tunnels carry', () => {
  // GIVEN an AWS-like site and an Alibaba-like site whose first network (the VPC) is not what the tunnels carry
  const plan = planLab('fo01', [
    { key: 'aws', networks: ['172.16.0.0/16'] },
    { key: 'ali', networks: ['10.0.0.0/16', '100.104.0.0/16', '10.0.1.0/24', '10.0.2.0/24'] },
  ], []);
  const [aws, ali] = plan.sites;

  test('the first probe of the tunnels picks the host addresses (not the site\'s first address)', () => {
    // WHEN the tunnels' probes go to the vSwitches only
    const flow = flowOf(aws, ali, { probes: [{ from: '172.16.0.0/16', to: '10.0.1.0/24' }, { from: '172.16.0.0/16', to: '10.0.2.0/24' }] } as never);
    // THEN the flow targets the host's address in the first vSwitch
    expect(ali.hostAddress).toBe('10.0.0.1');
    expect(flow).toEqual({ from: '172.16.0.1', to: '10.0.1.1' });
  });

  test('without probes: first network to first network; with an empty probe list: no flow', () => {
    expect(flowOf(aws, ali, {} as never)).toEqual({ from: '172.16.0.1', to: '10.0.0.1' });
    expect(flowOf(aws, ali, { probes: [] } as never)).toBeUndefined();
  });
});

describe('the carrier is the one tunnel the running flow crossed', () => {
  test.each([
    ['one tunnel carries the pings, the others keepalives', [0, 1680, 59, 111], 420, 1],
    ['no tunnel rose (the flow went elsewhere)', [0, 0, 0, 59], 420, undefined],
    ['two tunnels rose (the flow moved between readings: routes not settled)', [900, 840, 0, 0], 420, undefined],
    ['a reading failed (counted 0)', [0, 0, 0, 0], 420, undefined],
  ])('%s', (_what, deltas, min, expected) => {
    expect(carrierOf(deltas, min)).toBe(expected);
  });
});

describe('which timer ends the outage of a silent peer', () => {
  const h = (cloud: TunnelHalf['cloud'], hold: number, dpd?: [number, number]) => ({
    cloud, bgp: { holdTimeSeconds: hold }, dpd: dpd ? { delaySeconds: dpd[0], timeoutSeconds: dpd[1] } : undefined,
  }) as unknown as TunnelHalf;
  test.each([
    // AWS hold 30 s, Azure 180 s: BGP negotiates the lower; Azure's DPD (45 s) is later.
    ['AWS dies, Azure watches', h('aws', 30, [10, 30]), h('azure', 180, [15, 45]), { seconds: 30, by: 'BGP hold timer' }],
    ['DPD shorter than hold', h('azure', 180), h('aws', 180, [10, 30]), { seconds: 30, by: 'DPD' }],
  ])('%s', (_what, dead, watcher, expected) => {
    expect(detection(dead, watcher)).toMatchObject(expected);
  });
});
