import { alicloudSchemaProblems, expectValidAlicloud } from './schema-check';

/** A minimal valid document: provider, gateway, customer gateway, dual-tunnel connection, policy route. */
function document() {
  return {
    provider: { alicloud: [{ region: 'eu-central-1' }] },
    resource: {
      alicloud_vpn_gateway: { gw: { vpc_id: 'vpc-1', vswitch_id: 'vsw-1', disaster_recovery_vswitch_id: 'vsw-2', bandwidth: 100, network_type: 'public', payment_type: 'PayAsYouGo' } },
      alicloud_vpn_customer_gateway: { cgw: { ip_address: '203.0.113.30', asn: '65030' } },
      alicloud_vpn_connection: {
        conn: {
          vpn_gateway_id: '${alicloud_vpn_gateway.gw.id}',
          local_subnet: ['10.0.0.0/16'],
          remote_subnet: ['192.168.0.0/16'],
          tunnel_options_specification: [
            { role: 'master', customer_gateway_id: '${alicloud_vpn_customer_gateway.cgw.id}', tunnel_ike_config: { ike_version: 'ikev2', ike_enc_alg: 'aes256', psk: 'k' }, tunnel_bgp_config: { tunnel_cidr: '169.254.21.0/30', local_bgp_ip: '169.254.21.1', local_asn: '65001' } },
            { role: 'slave', customer_gateway_id: '${alicloud_vpn_customer_gateway.cgw.id}', tunnel_ipsec_config: [{ ipsec_pfs: 'disabled', ipsec_lifetime: 3600 }] },
          ],
          timeouts: { create: '10m' },
          depends_on: ['alicloud_vpn_gateway.gw'],
          '//': { metadata: {} },
        },
      },
      alicloud_vpn_pbr_route_entry: { r: { vpn_gateway_id: 'vpn-1', next_hop: 'vco-1', route_source: '10.0.0.0/16', route_dest: '192.168.0.0/16', weight: 100, publish_vpc: true } },
      azurerm_resource_group: { ignored: { anything: true } },
    },
  };
}
type Doc = ReturnType<typeof document> & Record<string, unknown>;
const conn = (d: Doc) => d.resource.alicloud_vpn_connection.conn as Record<string, unknown>;
const tunnels = (d: Doc) => conn(d).tunnel_options_specification as Record<string, unknown>[];

describe('alicloud schema check', () => {
  test('accepts a valid document (references, meta-arguments and other providers are left alone)', () => {
    expect(alicloudSchemaProblems(document())).toEqual([]);
    expect(expectValidAlicloud(document())).toBe(4);
  });

  test.each<[string, (d: Doc) => void, RegExp]>([
    ['an attribute does not exist', (d) => { conn(d).tunnel_index = 1; }, /alicloud_vpn_connection\.conn\.tunnel_index: no such attribute or block/],
    ['a nested attribute does not exist', (d) => { (tunnels(d)[0].tunnel_ike_config as Record<string, unknown>).ike_local_id = 'x'; }, /tunnel_options_specification\[0\]\.tunnel_ike_config\.ike_local_id: no such attribute/],
    ['a resource type does not exist', (d) => { (d.resource as Record<string, unknown>).alicloud_vpn_tunnel = { t: {} }; }, /resource\.alicloud_vpn_tunnel: no such resource type/],
    ['a required attribute is missing', (d) => { delete (conn(d) as { remote_subnet?: unknown }).remote_subnet; }, /alicloud_vpn_connection\.conn\.remote_subnet: is required/],
    ['a required attribute of another resource is missing', (d) => { delete (d.resource.alicloud_vpn_pbr_route_entry.r as { weight?: number }).weight; }, /alicloud_vpn_pbr_route_entry\.r\.weight: is required/],
    ['an enforced enum value is wrong', (d) => { d.resource.alicloud_vpn_pbr_route_entry.r.weight = 50; }, /weight: 50 is not one of 0, 100 \(enforced by the provider\)/],
    ['an enforced case-insensitive enum value is wrong', (d) => { d.resource.alicloud_vpn_gateway.gw.payment_type = 'Monthly'; }, /payment_type: "Monthly" is not one of "Subscription", "PayAsYouGo", "PostPaid", "PrePaid"/],
    ['a documented enum value is wrong', (d) => { (tunnels(d)[0].tunnel_ike_config as Record<string, unknown>).ike_enc_alg = 'aes128'; }, /tunnel_ike_config\.ike_enc_alg: "aes128" is not a documented value; documented: aes, aes192, aes256, des, 3des/],
    ['a documented value depends on the network type', (d) => { d.resource.alicloud_vpn_gateway.gw.bandwidth = 300; }, /bandwidth: 300 is not documented for network_type public; documented: 5, 10, 20, 50, 100, 200, 500, 1000/],
    ['a documented range is left', (d) => { (tunnels(d)[1].tunnel_ipsec_config as Record<string, unknown>[])[0].ipsec_lifetime = 90000; }, /tunnel_ipsec_config\[0\]\.ipsec_lifetime: 90000 is outside the documented range 0-86400/],
    ['a documented format is broken (reserved tunnel CIDR)', (d) => { (tunnels(d)[0].tunnel_bgp_config as Record<string, unknown>).tunnel_cidr = '169.254.1.0/30'; }, /tunnel_bgp_config\.tunnel_cidr: '169\.254\.1\.0\/30' is reserved by Alibaba Cloud/],
    ['the local BGP IP is outside the tunnel CIDR', (d) => { (tunnels(d)[0].tunnel_bgp_config as Record<string, unknown>).local_bgp_ip = '169.254.99.1'; }, /local_bgp_ip: '169\.254\.99\.1' is not a host address of 169\.254\.21\.0\/30/],
    ['a documented ASN string is out of range', (d) => { (tunnels(d)[0].tunnel_bgp_config as Record<string, unknown>).local_asn = '0'; }, /local_asn: "0" is outside the documented range 1-4294967295/],
    ['a CIDR element has host bits', (d) => { conn(d).local_subnet = ['10.0.0.1/16']; }, /local_subnet\[0\]: "10\.0\.0\.1\/16" is not a CIDR in network form/],
    ['a set has too many items', (d) => { conn(d).remote_subnet = Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`); }, /remote_subnet: 11 items, at most 10 allowed/],
    ['a type is wrong (string for a number)', (d) => { (d.resource.alicloud_vpn_gateway.gw as Record<string, unknown>).bandwidth = '100'; }, /bandwidth: expected number, got "100"/],
    ['a type is wrong (number for a string)', (d) => { (d.resource.alicloud_vpn_customer_gateway.cgw as Record<string, unknown>).asn = 65030; }, /asn: expected string, got 65030/],
    ['a type is wrong (string for a set)', (d) => { conn(d).local_subnet = '10.0.0.0/16'; }, /local_subnet: expected set of "string", got "10\.0\.0\.0\/16"/],
    ['a type is wrong (bool)', (d) => { d.resource.alicloud_vpn_pbr_route_entry.r.publish_vpc = 'yes' as unknown as boolean; }, /publish_vpc: expected bool, got "yes"/],
    ['a MaxItems=1 block is given twice', (d) => { tunnels(d)[1].tunnel_ipsec_config = [{}, {}]; }, /tunnel_ipsec_config: 2 blocks, at most 1 allowed/],
    ['a list block is given as a single object', (d) => { conn(d).tunnel_options_specification = { role: 'master' }; }, /tunnel_options_specification: a list block, expected a list of objects/],
    ['a single block is given as a list', (d) => { conn(d).timeouts = [{ create: '10m' }]; }, /timeouts: a single block, written as a list/],
    ['a computed-only attribute is set', (d) => { tunnels(d)[0].internet_ip = '8.8.8.8'; }, /tunnel_options_specification\[0\]\.internet_ip: is computed only/],
    ['conflicting attributes are both set', (d) => { Object.assign(d.resource.alicloud_vpn_gateway.gw, { instance_charge_type: 'PostPaid' }); }, /payment_type: conflicts with instance_charge_type/],
    ['an enforced anyOf is broken', (d) => { Object.assign(d.resource.alicloud_vpn_gateway.gw, { period: 10 }); }, /period: 10 is outside 1-9 and 10 is not one of 12, 24, 36/],
    ['a provider argument does not exist', (d) => { d.provider.alicloud[0] = { region: 'eu-central-1', zone: 'a' } as { region: string }; }, /provider\.alicloud\[0\]\.zone: no such attribute/],
  ])('catches when %s', (_title, mutate, message) => {
    const d = document() as Doc;
    mutate(d);
    expect(alicloudSchemaProblems(d).join('\n')).toMatch(message);
    expect(() => expectValidAlicloud(d)).toThrow(/does not match aliyun\/alicloud 1\.289\.0/);
  });

  test('skips value checks for references', () => {
    const d = document() as Doc;
    d.resource.alicloud_vpn_gateway.gw.bandwidth = '${var.bandwidth}' as unknown as number;
    conn(d).local_subnet = ['${var.subnet}'];
    expect(alicloudSchemaProblems(d)).toEqual([]);
  });
});

describe('alicloud schema check: alicloud_cms_alarm', () => {
  /** An alarm as the constructs write it: references inside the JSON dimensions. */
  const alarmDoc = () => ({
    resource: {
      alicloud_cms_alarm: {
        a: {
          name: 'mesh-l1.ali-fra-ali-conn1',
          project: 'acs_vpn',
          metric: 'ipsec_rx.rate',
          metric_dimensions: JSON.stringify([{ instanceId: '${alicloud_vpn_gateway.gw.id}', ipsecId: '${alicloud_vpn_connection.conn.id}' }]),
          period: 60,
          contact_groups: ['netops'],
          escalations_critical: { statistics: 'Value', comparison_operator: '<=', threshold: '0', times: 3 },
          enabled: true,
        } as Record<string, unknown>,
      },
    },
  });
  const alarm = (d: ReturnType<typeof alarmDoc>) => d.resource.alicloud_cms_alarm.a;

  test('accepts the alarm the constructs write', () => {
    expect(alicloudSchemaProblems(alarmDoc())).toEqual([]);
    expect(expectValidAlicloud(alarmDoc())).toBe(1);
  });

  test.each<[string, (a: Record<string, unknown>) => void, RegExp]>([
    ['the required contact groups are missing', (a) => { delete a.contact_groups; }, /alicloud_cms_alarm\.a\.contact_groups: is required/],
    ['an operator the provider does not take', (a) => { (a.escalations_critical as Record<string, unknown>).comparison_operator = 'LessThanOrEqualToThreshold'; }, /escalations_critical\.comparison_operator: "LessThanOrEqualToThreshold" is not one of ">", ">=", "<", "<="/],
    ['a silence time outside 300-86400', (a) => { a.silence_time = 60; }, /silence_time: 60 is outside 300-86400 \(enforced by the provider\)/],
    ['a removed argument', (a) => { a.threshold = '0'; }, /alicloud_cms_alarm\.a\.threshold: was removed from the provider/],
    ['dimensions that are not JSON (with references)', (a) => { a.metric_dimensions = 'instanceId=${alicloud_vpn_gateway.gw.id}'; }, /metric_dimensions: .* is not JSON \(documented format: JSON array of objects/],
    ['dimensions that are an object, not an array', (a) => { a.metric_dimensions = '{"instanceId":"vpn-1"}'; }, /metric_dimensions: .* is not a non-empty JSON array of objects with string values/],
    ['both dimensions fields', (a) => { a.dimensions = { instanceId: 'vpn-1' }; }, /metric_dimensions: conflicts with dimensions/],
    ['two critical escalations', (a) => { a.escalations_critical = [{}, {}]; }, /escalations_critical: 2 blocks, at most 1 allowed/],
    ['the computed status is set', (a) => { a.status = 'OK'; }, /alicloud_cms_alarm\.a\.status: is computed only/],
  ])('catches when %s', (_title, mutate, message) => {
    const d = alarmDoc();
    mutate(alarm(d));
    expect(alicloudSchemaProblems(d).join('\n')).toMatch(message);
  });
});
