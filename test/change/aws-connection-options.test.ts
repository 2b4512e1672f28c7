/**
 * `ccvpn diff` on the AWS connection-wide options: turning acceleration on replaces the VPN
 * connection (CloudFormation `EnableAcceleration` is create-only: new outside IPs, its tunnels
 * down until the peers have them), while the tunnel bandwidth is updated in place (CloudFormation
 * `TunnelBandwidth` is updatable; AWS changes it with ModifyVpnConnectionOptions).
 */
import { diffOutputs } from '../../src/change/diff';
import { attributeVerdict } from '../../src/change/replacement';
import { Obj, cfnResources, cleanupScratch, exampleOutput, mutated } from '../verify/mutate';

afterAll(cleanupScratch);

const EXAMPLE = 'aws-azure-bgp-tgw';

/** The example with one property set on its first VPN connection; returns the folder and the connection's logical id. */
function withFirstConnection(name: string, props: Obj): { dir: string; id: string } {
  let id = '';
  const dir = mutated(exampleOutput(EXAMPLE), name, (_, body) => {
    const conns = cfnResources(body, 'AWS::EC2::VPNConnection');
    if (!conns.length || id) return false;
    id = conns[0][0];
    Object.assign(conns[0][1].Properties as Obj, props);
    return true;
  });
  return { dir, id };
}

test.each([
  // GIVEN the attribute → THEN the engine's verdict (aws-service-spec causesReplacement)
  ['EnableAcceleration', 'replace'],
  ['TunnelBandwidth', 'in-place'],
])('CloudFormation AWS::EC2::VPNConnection %s: %s', (attribute, behaviour) => {
  const v = attributeVerdict('cdk', 'AWS::EC2::VPNConnection', attribute);
  expect(v.behaviour).toBe(behaviour);
  expect(v.source).toMatch(/AWS::EC2::VPNConnection/);
});

test('accelerating a connection replaces it: its tunnels go down', () => {
  // GIVEN the transit gateway example, and the same with its first connection accelerated
  const { dir, id } = withFirstConnection('accelerate', { EnableAcceleration: true });

  // WHEN
  const r = diffOutputs(exampleOutput(EXAMPLE), dir);

  // THEN the connection is replaced for EnableAcceleration, and its tunnels are down at some step
  const conn = r.resources.find((x) => x.key.endsWith(`/${id}`))!;
  expect(conn).toMatchObject({ type: 'AWS::EC2::VPNConnection', action: 'replace' });
  expect(conn.attributes.map((a) => [a.path, a.verdict.behaviour])).toEqual([['EnableAcceleration', 'replace']]);
  const down = r.tunnels.filter((t) => t.outage.down.length > 0);
  expect(down.length).toBeGreaterThanOrEqual(2);
});

test('large tunnels are an in-place update of the connection', () => {
  const { dir, id } = withFirstConnection('large', { TunnelBandwidth: 'large' });
  const r = diffOutputs(exampleOutput(EXAMPLE), dir);
  const conn = r.resources.find((x) => x.key.endsWith(`/${id}`))!;
  expect(conn).toMatchObject({ type: 'AWS::EC2::VPNConnection', action: 'update' });
  expect(conn.attributes.map((a) => [a.path, a.verdict.behaviour])).toEqual([['TunnelBandwidth', 'in-place']]);
});
