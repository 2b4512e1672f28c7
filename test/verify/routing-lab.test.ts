/**
 * Routing in the namespace lab (root, strongSwan, BIRD; skipped with the reason otherwise, except
 * on CI): the lab installs only the routes the output configures and pings from every network
 * behind one side to every network behind the other. Each mutation of real example output
 * changes one routing resource and must fail exactly the tunnels it breaks with `route-missing`,
 * naming the prefix and the side, while the others stay up.
 *
 * The labs run side by side (`test.concurrent`: each has its own namespaces and daemons, reads
 * its own copy of the output, and mostly waits on them); each test's budget covers the others'.
 */
import { VerifyReport, labNetworks, verify } from '../../src/verify';
import { labPrerequisitesSync, runLab } from '../../src/verify/harness';
import { modelDeployment, pairHalves } from '../../src/verify/models';
import { Resolver, extractDeployment, loadStacks } from '../../src/verify/read-output';
import type { TunnelHalf } from '../../src/verify/types';
import { Obj, cfnResources, cleanupScratch, exampleOutput, mutated, staticMeshOutput, tfResource, tfResources } from './mutate';

const missing = labPrerequisitesSync();
if (missing && process.env.CI !== 'true') console.log(`verify routing lab tests skipped: ${missing}`);
const lab = missing && process.env.CI !== 'true' ? describe.skip : describe;

let staticMesh: string;

beforeAll(() => {
  if (missing && process.env.CI === 'true') throw new Error(`verify lab prerequisites are missing on CI: ${missing}`);
  if (missing) return;
  staticMesh = staticMeshOutput();
}, 60_000);

afterAll(() => cleanupScratch());

const up = (r: VerifyReport) => r.tunnels.filter((t) => t.status === 'up');
const failed = (r: VerifyReport) => r.tunnels.filter((t) => t.status === 'failed');

lab('routing in the lab', () => {
  test.concurrent('the static mesh: every tunnel up, each pinged from every network behind one side to every network behind the other', async () => {
    const r = await verify([staticMesh]);
    expect({ ok: r.ok, failures: r.failures }).toEqual({ ok: true, failures: [] });
    expect(up(r)).toHaveLength(10);
    // Alibaba serves its two vSwitches: two network pairs on every tunnel that reaches it.
    expect(up(r).filter((t) => /ali-hangzhou/.test(t.sides)).every((t) => /\(2 network pairs\)/.test(t.ping!.summary))).toBe(true);
  }, 240_000);

  test.concurrent('AWS VPNConnectionRoute to a prefix no site uses: the AWS↔Azure tunnels fail route-missing, the rest stay up', async () => {
    const dir = mutated(staticMesh, 'lab-aws-static-route', (_f, b) => {
      const routes = cfnResources(b, 'AWS::EC2::VPNConnectionRoute').filter(([, x]) => (x.Properties as Obj).DestinationCidrBlock === '192.168.0.0/16');
      for (const [, x] of routes) (x.Properties as Obj).DestinationCidrBlock = '10.250.0.0/16';
      return routes.length > 0;
    });
    const r = await verify([dir]);
    expect(failed(r).map((t) => t.sides).every((s) => /AwsTokyo conn\d tunnel\d ⇄ azure-japaneast-vpngw/.test(s))).toBe(true);
    expect(failed(r)).toHaveLength(4);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && t.ike?.ok && t.child?.ok)).toBe(true); // IPsec is fine, the route is not
    expect(failed(r)[0].failure!.reason).toMatch(/AwsTokyo conn\d tunnel\d routes nothing into the tunnel for 192\.168\.0\.0\/16 \(from 172\.16\.0\.0\/16\): routes into the tunnel: 10\.250\.0\.0\/16/);
    expect(up(r)).toHaveLength(6);
  }, 240_000);

  test.concurrent('Azure local network gateway address_spaces without Alibaba\'s VPC: both connections fail route-missing', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'lab-azure-lng', (_f, b) => {
      const lngs = ['/lng1/', '/lng2/'].map((l) => tfResource(b, 'azurerm_local_network_gateway', l));
      if (lngs.some((l) => !l)) return false;
      for (const lng of lngs) lng!.address_space = ['10.250.0.0/16', '100.104.0.0/16'];
      return true;
    });
    const r = await verify([dir]);
    expect(failed(r)).toHaveLength(2);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && /azure-japaneast-vpngw conn\d instance\d routes nothing into the tunnel for 10\.0\.0\.0\/16/.test(t.failure.reason))).toBe(true);
    expect(up(r)).toHaveLength(0);
  }, 240_000);

  test.concurrent('Alibaba policy-based route for one local range to the wrong destination: that range fails route-missing', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'lab-ali-pbr', (_f, b) => {
      const entry = tfResources(b, 'alicloud_vpn_pbr_route_entry').find(([, x]) => x.route_source === '100.104.0.0/16');
      if (!entry) return false;
      entry[1].route_dest = '172.31.0.0/16';
      return true;
    });
    const r = await verify([dir]);
    expect(failed(r)).toHaveLength(2);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && /ali-hangzhou conn1 (master|slave) routes nothing into the tunnel for 192\.168\.0\.0\/16 \(from 100\.104\.0\.0\/16\)/.test(t.failure.reason))).toBe(true);
  }, 240_000);

  test.concurrent('AWS without route propagation to the VPC\'s route tables: BGP is up, but the VPC never routes Azure\'s network to the VGW', async () => {
    const dir = mutated(exampleOutput('aws-azure-bgp'), 'lab-aws-propagation', (_f, b) => {
      const props = cfnResources(b, 'AWS::EC2::VPNGatewayRoutePropagation');
      for (const [id] of props) delete (b.Resources as Obj)[id];
      return props.length > 0;
    });
    const r = await verify([dir]);
    expect(failed(r)).toHaveLength(4);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && t.bgp?.ok && /do not propagate the virtual private gateway's routes/.test(t.failure.reason))).toBe(true);
  }, 240_000);

  test.concurrent('BGP: AWS announces a prefix Azure refuses (VPC CIDR identical to the VNet): sessions up, Azure has no route to AWS', async () => {
    const dir = mutated(exampleOutput('aws-azure-bgp'), 'lab-aws-vpc-cidr', (_f, b) => {
      const vpcs = cfnResources(b, 'AWS::EC2::VPC');
      for (const [, v] of vpcs) (v.Properties as Obj).CidrBlock = '10.20.0.0/16';
      return vpcs.length > 0;
    });
    const r = await verify([dir]);
    expect(failed(r)).toHaveLength(4);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && t.bgp?.ok && /10\.20\.0\.0\/16 is refused: identical to the VNet prefix/.test(t.failure.reason))).toBe(true);
  }, 240_000);

  test.concurrent('the lab itself: a probe the routers\' tables do not carry into the tunnel fails route-missing from the installed routes', async () => {
    // GIVEN the policy example's first tunnel, with Azure's routes cut to Alibaba's VPC only but
    // a probe toward 100.104.0.0/16 kept (as if the analysis had missed the gap)
    const { stacks, manifest, warnings } = loadStacks([exampleOutput('azure-alicloud-policy')]);
    const d = extractDeployment([exampleOutput('azure-alicloud-policy')], stacks, manifest, warnings);
    const m = modelDeployment(d, new Resolver(stacks, manifest));
    const [pair] = pairHalves(m.halves).pairs;
    const [azure, ali] = pair.halves;
    const cut: TunnelHalf = { ...azure, reach: { ...azure.reach!, routes: azure.reach!.routes.filter((x) => x.prefix === '10.0.0.0/16') } };
    const halves: [TunnelHalf, TunnelHalf] = [cut, ali];
    const sites = m.sites.filter((s) => halves.some((h) => h.site === s.key)).map((s) => ({ key: s.key, networks: labNetworks(s.key, s.networks, halves) }));
    // WHEN the lab pings from Azure's VNet to both Alibaba ranges
    const run = await runLab(sites, [{ id: 't1', halves, initiator: 0, rekeyer: 0, probes: [{ from: '192.168.0.0/16', to: '10.0.0.0/16' }, { from: '192.168.0.0/16', to: '100.104.0.0/16' }] }]);
    // THEN the tunnel is up, and the probe to 100.104.0.0/16 fails on the router's table
    const o = run.outcomes.get('t1')!;
    expect(o.child?.ok).toBe(true);
    expect(o.failure).toEqual({ code: 'route-missing', reason: expect.stringMatching(/^conn1 instance0 has no route into this tunnel for 100\.104\.0\.0\/16 \(100\.104\.0\.1\): no route covers 100\.104\.0\.1/) });
  }, 240_000);
});
