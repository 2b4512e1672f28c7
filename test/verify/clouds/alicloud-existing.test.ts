/**
 * verify on an existing Alibaba Cloud gateway (example `alicloud-existing-gateway`): the output
 * holds no `alicloud_vpn_gateway`, only the `//.crossCloudVpn.gateway` record on each IPsec
 * connection. verify must read that record as the gateway (its declared IPs as the tunnels' ends,
 * its networks, tunnel mode, BGP support, route propagation and tunnel CIDRs in use) and judge
 * the connections by its own rules; a change to the record or to a connection that contradicts
 * it fails exactly the tunnels concerned.
 */
import { verify } from '../../../src/verify';
import type { VerifyReport } from '../../../src/verify/types';
import { cleanupScratch, exampleOutput, mutated, type Obj, tfResources } from '../mutate';

jest.setTimeout(180_000);
afterAll(cleanupScratch);

const EXAMPLE = 'alicloud-existing-gateway';
const GATEWAY = 'vpn-bp1r3v1xqkl0w519gexst';

/** The name of the connection a mutation changed (its first `alicloud_vpn_connection` of the link). */
let changed = '';
/** A copy of the example whose (first) Alibaba Cloud connection of one link (`aws-tokyo` or `azure-japaneast`) was changed. */
function mutateConnection(link: 'aws-tokyo' | 'azure-japaneast', change: (conn: Obj) => void): string {
  return mutated(exampleOutput(EXAMPLE), `${EXAMPLE}-${link}`, (_file, body) => {
    const hit = tfResources(body, 'alicloud_vpn_connection').find(([name]) => name.includes(link));
    if (!hit) return false;
    changed = hit[0];
    change(hit[1]);
    return true;
  });
}
/** The tunnels with a half on the changed connection, and the others ending on the existing gateway. */
function split(r: VerifyReport) {
  const onGateway = r.tunnels.filter((t) => t.sides.includes(`existing ${GATEWAY}`) || t.halves.some((h) => h.startsWith('alicloud:')));
  const mine = onGateway.filter((t) => t.halves.some((h) => h.includes(`alicloud_vpn_connection.${changed}#`)));
  return { mine, others: onGateway.filter((t) => !mine.includes(t)) };
}
const recordOf = (conn: Obj) => ((conn['//'] as Obj).crossCloudVpn as Obj).gateway as Obj;
const run = (dir: string) => verify([dir], { modelOnly: true });

describe('verify: an existing Alibaba Cloud gateway, from its record', () => {
  test('the unchanged example: every active tunnel paired with the declared IPs, the declared networks, no violation', async () => {
    const report = await run(exampleOutput(EXAMPLE));
    expect({ ok: report.ok, failures: report.failures, violations: report.violations, warnings: report.warnings }).toEqual({ ok: true, failures: [], violations: [], warnings: [] });
    // 4 AWS tunnels (BGP) and 2 Azure tunnels (policy) end on the existing gateway
    const paired = report.tunnels.filter((t) => t.halves.length === 2);
    expect(paired).toHaveLength(6);
    expect(paired.every((t) => t.sides.includes(`existing ${GATEWAY}`))).toBe(true);
    expect(report.sites.find((s) => s.cloud === 'alicloud')).toMatchObject({
      key: `alicloud:existing/${GATEWAY}`, networks: ['10.20.0.0/16', '10.21.0.0/16'], networksSource: expect.stringContaining('declared in //.crossCloudVpn.gateway.networks'),
    });
  });

  test('a tunnel CIDR the gateway\'s other connections use is refused on exactly the tunnels of the connection that takes it', async () => {
    const dir = mutateConnection('aws-tokyo', (conn) => {
      Object.assign((conn.tunnel_options_specification as Obj[])[0].tunnel_bgp_config as Obj, { tunnel_cidr: '169.254.10.4/30', local_bgp_ip: '169.254.10.5' });
    });
    const report = await run(dir);
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([expect.objectContaining({
      cloud: 'alicloud', attribute: 'tunnel_options_specification[0].tunnel_bgp_config.tunnel_cidr', value: "'169.254.10.4/30'",
      rule: expect.stringContaining('tunnelCidrsInUse'),
    })]);
    const { mine, others } = split(report);
    expect(mine).toHaveLength(2);
    expect(mine.every((t) => t.failure?.code === 'cloud-rejects')).toBe(true);
    expect(others.every((t) => t.failure === undefined)).toBe(true);
  });

  test('BGP on a gateway declared without BGP support is refused', async () => {
    const report = await run(mutateConnection('aws-tokyo', (conn) => { recordOf(conn).bgpSupported = false; }));
    expect(report.violations).toEqual([expect.objectContaining({ attribute: 'enable_tunnels_bgp', rule: expect.stringContaining('without BGP support') })]);
    const { mine, others } = split(report);
    expect(mine.length).toBe(2);
    expect(mine.every((t) => t.failure?.code === 'cloud-rejects')).toBe(true);
    expect(others.every((t) => t.failure === undefined)).toBe(true);
    // the two records of the gateway now disagree: said
    expect(report.warnings).toEqual([expect.stringMatching(/record of existing gateway vpn-bp1r3v1xqkl0w519gexst differs/)]);
  });

  test('a dual-tunnel connection on a gateway declared single-tunnel is refused', async () => {
    const report = await run(mutateConnection('azure-japaneast', (conn) => { recordOf(conn).tunnelMode = 'single-tunnel'; }));
    expect(report.violations).toEqual([expect.objectContaining({ attribute: 'tunnel_options_specification', rule: expect.stringContaining('declared single-tunnel') })]);
  });

  test('a declared IP the peers do not use: the tunnels of that end no longer pair', async () => {
    const report = await run(mutateConnection('azure-japaneast', (conn) => { recordOf(conn).internetIp = '203.0.113.99'; }));
    const { mine } = split(report);
    const master = mine.filter((t) => t.halves.some((h) => h.endsWith('#master')));
    expect(master).toHaveLength(1);
    expect(master[0].halves).toHaveLength(1);
    expect(report.tunnels.filter((t) => t.halves.length === 2)).toHaveLength(5);
  });

  test('BGP routes not propagated to the VPC (declared autoPropagateBgpRoutes false on the link\'s connections): the AWS tunnels miss routes', async () => {
    // GIVEN both connections of the AWS link declare a gateway that keeps learned routes out of its VPC
    const dir = mutated(exampleOutput(EXAMPLE), `${EXAMPLE}-no-propagation`, (_file, body) => {
      const hits = tfResources(body, 'alicloud_vpn_connection').filter(([name]) => name.includes('aws-tokyo'));
      for (const [, conn] of hits) recordOf(conn).autoPropagateBgpRoutes = false;
      return hits.length > 0;
    });
    const report = await run(dir);
    // THEN the 4 AWS tunnels fail for the routes; the Azure (policy) tunnels do not
    expect(report.ok).toBe(false);
    const aws = report.tunnels.filter((t) => t.halves.some((h) => h.includes('aws-tokyo') && h.startsWith('alicloud:')));
    expect(aws).toHaveLength(4);
    expect(aws.every((t) => t.failure?.code === 'route-missing' && /autoPropagateBgpRoutes is not true/.test(t.failure.reason))).toBe(true);
    const azure = report.tunnels.filter((t) => t.halves.length === 2 && t.halves.some((h) => h.includes('azure-japaneast') && h.startsWith('alicloud:')));
    expect(azure).toHaveLength(2);
    expect(azure.every((t) => t.failure === undefined)).toBe(true);
  });

  test('a connection on a literal gateway id without the record: its gateway is not found, a warning', async () => {
    const report = await run(mutateConnection('azure-japaneast', (conn) => { delete (conn['//'] as Obj).crossCloudVpn; }));
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/VPN gateway not found/)]));
  });
});
