/**
 * Routing read from the output (src/verify/routing.ts), per cloud and routing kind, on real
 * example output; and mutations of that output that must fail with `route-missing` (or
 * `unverifiable`) already in `verify --model-only` (no root). The lab runs of the same kinds of
 * mutation are in routing-lab.test.ts.
 */
import { verify } from '../../src/verify';
import { verifyCommand } from '../../src/verify/cli';
import { modelDeployment, pairHalves } from '../../src/verify/models';
import { Resolver, extractDeployment, loadStacks } from '../../src/verify/read-output';
import { covers, routeGaps } from '../../src/verify/routing';
import { awsGatewayMetadata } from '../../src/verify/clouds/aws/routing';
import type { TunnelHalf, VerifyReport } from '../../src/verify/types';
import { Obj, cfnResources, cleanupScratch, exampleOutput, mutated, staticMeshOutput, tfResource, tfResources } from './mutate';

/** Halves and sites of a synthesized folder, with routing read (as `verify` models it). */
function modelOf(dir: string) {
  const { stacks, manifest, warnings } = loadStacks([dir]);
  const d = extractDeployment([dir], stacks, manifest, warnings);
  return modelDeployment(d, new Resolver(stacks, manifest));
}

const halfOf = (halves: readonly TunnelHalf[], cloud: TunnelHalf['cloud'], label: RegExp) => {
  const h = halves.find((x) => x.cloud === cloud && label.test(x.label));
  if (!h) throw new Error(`no ${cloud} half ${label} in ${halves.map((x) => x.label).join(', ')}`);
  return h;
};

let staticMesh: string;

beforeAll(() => {
  staticMesh = staticMeshOutput();
}, 60_000);

afterAll(() => cleanupScratch());

const failed = (r: VerifyReport) => r.tunnels.filter((t) => t.status === 'failed');

describe('what each cloud routes, read from the output', () => {
  test('AWS VGW, BGP: serves and announces its VPC CIDR; route propagation on every VPC route table; refuses what overlaps the VPC', () => {
    const m = modelOf(exampleOutput('aws-azure-bgp'));
    const h = halfOf(m.halves, 'aws', /conn1 tunnel1/);
    expect(h.advertise).toEqual(['10.10.0.0/16']);
    expect(h.reach).toMatchObject({ serves: ['10.10.0.0/16'], routes: [], siteRoutes: { kind: 'all', source: expect.stringMatching(/VPNGatewayRoutePropagation .* covers every route table/) } });
    expect(h.reach!.rejects).toEqual([{ prefix: '10.10.0.0/16', match: 'overlap', rule: expect.stringMatching(/local route/) }]);
  });

  test('AWS VGW, static: VPNConnectionRoute destinations of that connection only', () => {
    const m = modelOf(staticMesh);
    const toAzure = m.halves.find((h) => h.cloud === 'aws' && /Linkawstokyoazurejapaneastconn1.*#tunnel1$/.test(h.key))!;
    expect(toAzure.routing).toBe('static');
    expect(toAzure.reach!.routes).toEqual([{ prefix: '192.168.0.0/16', source: expect.stringMatching(/^cdk:AwsTokyoLinks2\/.*conn1Route.* DestinationCidrBlock/) }]);
    expect(toAzure.routes).toEqual(['192.168.0.0/16']);
    const toAli = m.halves.find((h) => h.cloud === 'aws' && h.reach?.routes.some((r) => r.prefix === '10.0.0.0/16'));
    expect(toAli).toBeDefined();
  });

  test('Azure, static: the local network gateway\'s address_space; serves the VNet', () => {
    const m = modelOf(staticMesh);
    const h = m.halves.find((x) => x.cloud === 'azure' && x.reach?.routes.some((r) => r.prefix === '172.16.0.0/16'))!;
    expect(h.reach).toMatchObject({ serves: ['192.168.0.0/16'], siteRoutes: { kind: 'all' } });
    expect(h.reach!.routes).toEqual([{ prefix: '172.16.0.0/16', source: expect.stringMatching(/azurerm_local_network_gateway\..*lng\d.* address_space/) }]);
  });

  test('Azure, BGP: announces the VNet, refuses a prefix identical to it', () => {
    const m = modelOf(exampleOutput('aws-azure-bgp'));
    const h = halfOf(m.halves, 'azure', /conn1 instance0/);
    expect(h.advertise).toEqual(['10.20.0.0/16']);
    expect(h.reach!.rejects).toEqual([{ prefix: '10.20.0.0/16', match: 'exact', rule: expect.stringMatching(/identical to the VNet prefix/) }]);
  });

  test('Azure, BGP in the mesh: also announces the prefixes of every local network gateway the gateway connects (the Alibaba policy link\'s)', () => {
    const m = modelOf(exampleOutput('three-cloud-mesh'));
    const h = halfOf(m.halves.filter((x) => x.routing === 'bgp'), 'azure', /conn1 instance0/);
    expect(h.advertise).toEqual(['192.168.0.0/16', '10.0.0.0/16', '100.104.0.0/16']);
  });

  test('Azure, policy: serves its local selectors, routes the local network gateway prefixes', () => {
    const m = modelOf(exampleOutput('azure-alicloud-policy'));
    const h = halfOf(m.halves, 'azure', /conn1 instance0/);
    expect(h.reach!.serves).toEqual(['192.168.0.0/16']);
    expect(h.reach!.routes.map((r) => r.prefix)).toEqual(['10.0.0.0/16', '100.104.0.0/16']);
  });

  test('Alibaba, policy: policy-based route entries (source → destination), published to the VPC; serves local_subnet', () => {
    const m = modelOf(exampleOutput('azure-alicloud-policy'));
    const h = halfOf(m.halves, 'alicloud', /master/);
    expect(h.reach!.serves).toEqual(['10.0.0.0/16', '100.104.0.0/16']);
    expect(h.reach!.routes).toEqual(expect.arrayContaining([
      { prefix: '192.168.0.0/16', from: '10.0.0.0/16', source: expect.stringMatching(/alicloud_vpn_pbr_route_entry/) },
      { prefix: '192.168.0.0/16', from: '100.104.0.0/16', source: expect.stringMatching(/alicloud_vpn_pbr_route_entry/) },
    ]));
    expect(h.reach!.siteRoutes).toEqual({ kind: 'only', prefixes: ['192.168.0.0/16'], source: expect.any(String), missing: expect.any(String) });
  });

  test('Alibaba, static: destination route entries naming the connection', () => {
    const m = modelOf(staticMesh);
    const h = m.halves.find((x) => x.cloud === 'alicloud' && x.reach?.routes.some((r) => r.prefix === '172.16.0.0/16'))!;
    expect(h.reach!.routes).toEqual([{ prefix: '172.16.0.0/16', source: expect.stringMatching(/alicloud_vpn_route_entry\..* route_dest/) }]);
  });

  test('Alibaba, BGP: announces the VPC\'s system routes (its vSwitch CIDRs) with auto_propagate, and takes learned routes into the VPC', () => {
    const m = modelOf(exampleOutput('azure-alicloud-bgp'));
    const h = halfOf(m.halves, 'alicloud', /master/);
    expect(h.advertise).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    expect(h.reach).toMatchObject({ serves: ['10.0.1.0/24', '10.0.2.0/24'], siteRoutes: { kind: 'all', source: expect.stringMatching(/auto_propagate = true/) } });
  });

  test('every example\'s tunnels have no route gap', () => {
    for (const name of ['aws-azure-bgp', 'azure-alicloud-policy', 'azure-alicloud-bgp', 'three-cloud-mesh']) {
      const m = modelOf(exampleOutput(name));
      const gaps = pairHalves(m.halves).pairs.flatMap((p) => routeGaps(p.halves));
      expect({ name, gaps: gaps.map((g) => `${g.half.label} ${g.prefix}`) }).toEqual({ name, gaps: [] });
    }
    const m = modelOf(staticMesh);
    expect(pairHalves(m.halves).pairs.flatMap((p) => routeGaps(p.halves))).toEqual([]);
  });

  test('covers: a prefix covers itself and its more-specifics only', () => {
    expect(covers('10.0.0.0/16', '10.0.1.0/24')).toBe(true);
    expect(covers('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(covers('10.0.1.0/24', '10.0.0.0/16')).toBe(false);
    expect(covers('10.0.0.0/16', 'bogus')).toBe(false);
  });
});

describe('transit gateway: the networks come from the connection\'s metadata, else the deployment is unverifiable', () => {
  const tgw = () => exampleOutput('aws-azure-bgp-tgw');
  /** GIVEN the TGW example with the contract's metadata on every VPN connection (as the aws-tgw constructs write it). */
  const withMetadata = (networks: string[], extra?: (links: Obj) => void) => mutated(tgw(), 'tgw-metadata', (_f, b) => {
    const conns = cfnResources(b, 'AWS::EC2::VPNConnection');
    if (!conns.length) return false;
    for (const [, c] of conns) c.Metadata = { CrossCloudVpn: { Gateway: { Kind: 'transit-gateway', Existing: false, Asn: 64512, Networks: networks } } };
    extra?.(b);
    return true;
  });

  /** GIVEN the TGW example with the constructs' metadata removed (output written by something else). */
  const withoutMetadata = () => mutated(tgw(), 'tgw-no-metadata', (_f, b) => {
    const conns = cfnResources(b, 'AWS::EC2::VPNConnection');
    for (const [, c] of conns) delete c.Metadata;
    return conns.length > 0;
  });

  test('the constructs record the networks behind a transit gateway: the example verifies without guessing', async () => {
    const r = await verify([tgw()], { modelOnly: true });
    expect(r.failures).toEqual([]);
    expect(r.sites.find((s) => s.cloud === 'aws')!.networks).toEqual(['10.10.0.0/16']);
  });

  test('without metadata: every tunnel of the site fails unverifiable, naming the site and what is missing; verify is not OK', async () => {
    const r = await verify([withoutMetadata()], { modelOnly: true });
    expect(r.ok).toBe(false);
    expect(failed(r).length).toBeGreaterThan(0);
    expect(failed(r).every((t) => t.failure?.code === 'unverifiable')).toBe(true);
    expect(r.failures.filter((f) => f.startsWith('unverifiable:'))).toEqual([expect.stringMatching(/^unverifiable: AwsTokyo \(transit gateway\): the output does not say which networks are behind it .*Metadata\.CrossCloudVpn\.Gateway\.Networks/)]);
    expect(r.sites.find((s) => s.label === 'AwsTokyo')!.networks).toEqual([]); // no placeholder
  });

  test('ccvpn verify --dry-run exits 1 and names the site and what is missing', async () => {
    const lines: string[] = [];
    const code = await verifyCommand([withoutMetadata(), '--dry-run'], (l) => lines.push(l), (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines.join('')).toMatch(/verify: FAILED[^]*unverifiable: AwsTokyo \(transit gateway\): the output does not say which networks are behind it/);
  });

  test('with metadata: the TGW serves and announces the metadata networks, and the example verifies', async () => {
    const dir = withMetadata(['10.10.0.0/16']);
    const m = modelOf(dir);
    const h = halfOf(m.halves, 'aws', /conn1 tunnel1/);
    expect(awsGatewayMetadata({ Metadata: { CrossCloudVpn: { Gateway: { Kind: 'transit-gateway', Networks: ['10.10.0.0/16'] } } } })).toMatchObject({ kind: 'transit-gateway', networks: ['10.10.0.0/16'] });
    expect(h.advertise).toEqual(['10.10.0.0/16']);
    expect(h.reach!.servesSource).toMatch(/Metadata\.CrossCloudVpn\.Gateway\.Networks/);
    expect(h.assumptions.map((a) => a.id)).toContain('aws-tgw-vpc-routes');
    const r = await verify([dir], { modelOnly: true });
    expect({ ok: r.ok, failures: r.failures }).toEqual({ ok: true, failures: [] });
  });

  test('BGP on a transit gateway whose default route table propagation is off, with no propagation of the attachment: route-missing', async () => {
    // GIVEN the metadata, and the gateway stack's TGW with DefaultRouteTablePropagation disable (a second file: mutate the metadata copy again)
    const dir = mutated(withMetadata(['10.10.0.0/16']), 'tgw-no-propagation', (_f, b) => {
      const tgws = cfnResources(b, 'AWS::EC2::TransitGateway');
      for (const [, t] of tgws) (t.Properties as Obj).DefaultRouteTablePropagation = 'disable';
      return tgws.length > 0;
    });
    const r = await verify([dir], { modelOnly: true });
    expect(failed(r).length).toBeGreaterThan(0);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing' && /DefaultRouteTablePropagation disable and no AWS::EC2::TransitGatewayRouteTablePropagation/.test(t.failure.reason))).toBe(true);
  });

  test('static on a transit gateway: the TransitGatewayRoute to this connection\'s attachment is what it routes; a wrong destination fails route-missing', async () => {
    // GIVEN static routing and one TGW route per connection to its attachment (the lookup's GetAtt)
    const build = (dest: string) => withMetadata(['10.10.0.0/16'], (b) => {
      const res = b.Resources as Obj;
      for (const [id, c] of cfnResources(b, 'AWS::EC2::VPNConnection')) {
        (c.Properties as Obj).StaticRoutesOnly = true;
        const [lookup] = cfnResources(b, 'Custom::VpnTunnelOutsideIps').find(([, l]) => JSON.stringify((l.Properties as Obj).VpnConnectionId) === JSON.stringify({ Ref: id }))!;
        res[`${id}TgwRoute`] = { Type: 'AWS::EC2::TransitGatewayRoute', Properties: { TransitGatewayRouteTableId: 'tgw-rtb-0123', DestinationCidrBlock: dest, TransitGatewayAttachmentId: { 'Fn::GetAtt': [lookup, 'TransitGatewayAttachmentId'] } } };
      }
    });
    const ok = modelOf(build('10.20.0.0/16'));
    expect(halfOf(ok.halves, 'aws', /conn1 tunnel1/).reach!.routes).toEqual([{ prefix: '10.20.0.0/16', source: expect.stringMatching(/TgwRoute DestinationCidrBlock/) }]);
    expect(pairHalves(ok.halves).pairs.flatMap((p) => routeGaps(p.halves))).toEqual([]);
    // WHEN the destination is a prefix no site uses
    const r = await verify([build('10.99.0.0/16')], { modelOnly: true });
    // THEN the AWS side of every tunnel lacks the route to Azure's VNet
    expect(failed(r).length).toBeGreaterThan(0);
    expect(failed(r).every((t) => t.failure?.code === 'route-missing')).toBe(true);
    expect(failed(r)[0].failure!.reason).toMatch(/AwsTokyo conn\d tunnel\d routes nothing into the tunnel for 10\.20\.0\.0\/16 .*10\.99\.0\.0\/16 \(cdk:AwsTokyoLinks2\/.*TgwRoute DestinationCidrBlock/);
  });
});

describe('mutations that must fail with route-missing (model only)', () => {
  /** GIVEN one change to real output WHEN verify models it THEN every failed tunnel says route-missing and names prefix and side. */
  const expectRouteMissing = async (dir: string, reason: RegExp, atLeast = 1) => {
    const r = await verify([dir], { modelOnly: true });
    expect(r.ok).toBe(false);
    const f = failed(r);
    expect(f.length).toBeGreaterThanOrEqual(atLeast);
    expect(f.map((t) => t.failure?.code)).toEqual(f.map(() => 'route-missing'));
    expect(f.some((t) => reason.test(t.failure!.reason))).toBe(true);
    return r;
  };

  test('AWS VPNConnectionRoute to a prefix no site uses', async () => {
    const dir = mutated(staticMesh, 'aws-static-route', (_f, b) => {
      const routes = cfnResources(b, 'AWS::EC2::VPNConnectionRoute').filter(([, x]) => (x.Properties as Obj).DestinationCidrBlock === '192.168.0.0/16');
      for (const [, x] of routes) (x.Properties as Obj).DestinationCidrBlock = '10.250.0.0/16';
      return routes.length > 0;
    });
    await expectRouteMissing(dir, /AwsTokyo .*tunnel\d routes nothing into the tunnel for 192\.168\.0\.0\/16 .*10\.250\.0\.0\/16 \(cdk:/);
  });

  test('Azure local network gateway address_space to a prefix no site uses (policy example)', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'azure-lng', (_f, b) => {
      const lngs = ['/lng1/', '/lng2/'].map((l) => tfResource(b, 'azurerm_local_network_gateway', l));
      if (lngs.some((l) => !l)) return false;
      for (const lng of lngs) lng!.address_space = ['10.250.0.0/16', '100.104.0.0/16'];
      return true;
    });
    await expectRouteMissing(dir, /azure-japaneast-vpngw conn\d instance\d routes nothing into the tunnel for 10\.0\.0\.0\/16 .*lng\d.* address_space/, 2);
  });

  test('routes are proven per site pair: one connection without the route is a standby, reported, not a failure', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'azure-lng-one', (_f, b) => {
      const lng = tfResource(b, 'azurerm_local_network_gateway', '/lng1/');
      if (!lng) return false;
      lng.address_space = ['10.250.0.0/16', '100.104.0.0/16'];
      return true;
    });
    const r = await verify([dir], { modelOnly: true });
    expect(failed(r)).toEqual([]);
    const standby = r.tunnels.find((t) => /conn1 instance0/.test(t.sides))!;
    expect(standby.notes.join('\n')).toMatch(/standby for 10\.0\.0\.0\/16 .*routes it into another tunnel of this site pair, not this one/);
  });

  test('Azure local network gateway address_space on the static mesh', async () => {
    const dir = mutated(staticMesh, 'azure-lng-mesh', (_f, b) => {
      const lngs = tfResources(b, 'azurerm_local_network_gateway').filter(([, x]) => JSON.stringify(x.address_space) === '["172.16.0.0/16"]');
      for (const [, x] of lngs) x.address_space = ['172.31.0.0/16'];
      return lngs.length > 0;
    });
    await expectRouteMissing(dir, /azure-japaneast-vpngw .* routes nothing into the tunnel for 172\.16\.0\.0\/16/, 4);
  });

  test('Alibaba vpn_route_entry to a prefix no site uses', async () => {
    const dir = mutated(staticMesh, 'ali-route-entry', (_f, b) => {
      const entries = tfResources(b, 'alicloud_vpn_route_entry').filter(([, x]) => x.route_dest === '172.16.0.0/16');
      for (const [, x] of entries) x.route_dest = '172.31.0.0/16';
      return entries.length > 0;
    });
    await expectRouteMissing(dir, /ali-hangzhou conn\d (master|slave) routes nothing into the tunnel for 172\.16\.0\.0\/16 .*172\.31\.0\.0\/16 \(cdktf:.*alicloud_vpn_route_entry/);
  });

  test('Alibaba policy-based route from one local range only: the other range has no route', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'ali-pbr', (_f, b) => {
      const entry = tfResources(b, 'alicloud_vpn_pbr_route_entry').find(([, x]) => x.route_source === '100.104.0.0/16');
      if (!entry) return false;
      entry[1].route_dest = '192.168.128.0/17';
      return true;
    });
    await expectRouteMissing(dir, /ali-hangzhou conn1 (master|slave) routes nothing into the tunnel for 192\.168\.0\.0\/16 \(from 100\.104\.0\.0\/16\)/, 2);
  });

  test('Alibaba route entries not published to the VPC (publish_vpc false)', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-policy'), 'ali-publish', (_f, b) => {
      const entries = tfResources(b, 'alicloud_vpn_pbr_route_entry');
      for (const [, x] of entries) x.publish_vpc = false;
      return entries.length > 0;
    });
    await expectRouteMissing(dir, /the site's own route tables do not send 192\.168\.0\.0\/16 to the gateway: route entries for 192\.168\.0\.0\/16 have publish_vpc = false/, 2);
  });

  test('AWS: no route propagation from the VGW to the VPC\'s route tables', async () => {
    const dir = mutated(exampleOutput('aws-azure-bgp'), 'aws-propagation', (_f, b) => {
      const props = cfnResources(b, 'AWS::EC2::VPNGatewayRoutePropagation');
      for (const [id] of props) delete (b.Resources as Obj)[id];
      return props.length > 0;
    });
    await expectRouteMissing(dir, /AwsTokyo conn1 tunnel1 routes nothing into the tunnel for 10\.20\.0\.0\/16 .*route table\(s\) cdk:AwsTokyo\/VpcprivateSubnet1RouteTable.* do not propagate the virtual private gateway's routes/, 4);
  });

  test('AWS: route propagation on one of two VPC route tables only', async () => {
    const dir = mutated(exampleOutput('aws-azure-bgp'), 'aws-propagation-half', (_f, b) => {
      const [prop] = cfnResources(b, 'AWS::EC2::VPNGatewayRoutePropagation');
      if (!prop) return false;
      const p = prop[1].Properties as Obj;
      p.RouteTableIds = (p.RouteTableIds as Obj[]).slice(0, 1);
      return true;
    });
    await expectRouteMissing(dir, /VpcprivateSubnet2RouteTable.* do not propagate/, 4);
  });

  test('Alibaba, BGP: auto_propagate off — learned routes stay out of the VPC and nothing is announced', async () => {
    const dir = mutated(exampleOutput('azure-alicloud-bgp'), 'ali-auto-propagate', (_f, b) => {
      const gws = tfResources(b, 'alicloud_vpn_gateway');
      for (const [, g] of gws) g.auto_propagate = false;
      return gws.length > 0;
    });
    await expectRouteMissing(dir, /auto_propagate is not true/, 2);
  });

  test('BGP: AWS announces a prefix Azure refuses (its VPC CIDR made identical to the Azure VNet)', async () => {
    const dir = mutated(exampleOutput('aws-azure-bgp'), 'aws-vpc-cidr', (_f, b) => {
      const vpcs = cfnResources(b, 'AWS::EC2::VPC');
      for (const [, v] of vpcs) (v.Properties as Obj).CidrBlock = '10.20.0.0/16';
      return vpcs.length > 0;
    });
    await expectRouteMissing(dir, /azure-japaneast-vpngw conn\d instance\d routes nothing into the tunnel for 10\.20\.0\.0\/16 .*10\.20\.0\.0\/16 is refused: identical to the VNet prefix/, 4);
  });
});
