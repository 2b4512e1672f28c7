import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALICLOUD_DEFAULT_ASN, IKE_ID_MAX_LENGTH, IKE_MODES, PAYMENT_TYPES, PUBLIC_BANDWIDTHS_MBPS, ROUTE_WEIGHT_ACTIVE, SUBNETS_PER_CONNECTION, SUBSCRIPTION_PERIODS_MONTHS,
} from '../../src/alicloud/provider-values';
import { FACTS, spellingsOf, pskProblem } from '../../src/plan';

const constraints = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'providers', 'alicloud', 'constraints.json'), 'utf8'));
const gateway = constraints.resources.alicloud_vpn_gateway;
const connection = constraints.resources.alicloud_vpn_connection;
const tunnel = (attr: string) => connection[`tunnel_options_specification.${attr}`];

// The construct's tables must say what the pinned provider data says.
describe('provider values against providers/alicloud/constraints.json', () => {
  test('the provider data is the pinned release', () => {
    expect(constraints._meta).toMatchObject({ provider: 'aliyun/alicloud', version: '1.289.0', commit: '28ee93bc63fa0e5f919a21fc1711bde8c45d7b44' });
  });

  test.each([
    ['public bandwidths', PUBLIC_BANDWIDTHS_MBPS, gateway.bandwidth.documented.valuesByNetworkType.public],
    ['payment types', PAYMENT_TYPES, gateway.payment_type.documented.values],
    ['IKE modes', IKE_MODES, tunnel('tunnel_ike_config.ike_mode').documented.values],
    ['route weights', [0, ROUTE_WEIGHT_ACTIVE], constraints.resources.alicloud_vpn_pbr_route_entry.weight.validation.values],
  ])('%s', (_name, ours, theirs) => {
    expect([...ours].sort()).toEqual([...theirs].sort());
  });

  test('subscription periods are the enforced anyOf (1-9 or 12, 24, 36)', () => {
    const [range, list] = gateway.period.validation.of;
    const expected = [...Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i), ...list.values];
    expect(SUBSCRIPTION_PERIODS_MONTHS).toEqual(expected);
  });

  test('subnet counts, identity length and the default ASN', () => {
    expect(connection.local_subnet.items).toEqual(SUBNETS_PER_CONNECTION);
    expect(connection.remote_subnet.items).toEqual(SUBNETS_PER_CONNECTION);
    expect(tunnel('tunnel_ike_config.local_id').documented.length.max).toBe(IKE_ID_MAX_LENGTH);
    expect(tunnel('tunnel_bgp_config.local_asn').documented.default).toBe(String(ALICLOUD_DEFAULT_ASN));
  });
});

// The shared facts (src/plan/facts.ts) decide the algorithm checks; they must match the provider's documented spellings.
describe('shared algorithm spellings against the provider documentation', () => {
  test.each([
    ['phase1', 'encryption', 'tunnel_ike_config.ike_enc_alg'],
    ['phase1', 'integrity', 'tunnel_ike_config.ike_auth_alg'],
    ['phase1', 'dhGroup', 'tunnel_ike_config.ike_pfs'],
    ['phase2', 'encryption', 'tunnel_ipsec_config.ipsec_enc_alg'],
    ['phase2', 'integrity', 'tunnel_ipsec_config.ipsec_auth_alg'],
    ['phase2', 'dhGroup', 'tunnel_ipsec_config.ipsec_pfs'],
  ] as const)('%s %s = %s', (phase, kind, attr) => {
    expect(spellingsOf('alicloud', phase, kind).sort()).toEqual([...tunnel(attr).documented.values].sort());
  });

  test('IKE versions and lifetime ranges', () => {
    expect(Object.values(FACTS.alicloud.spelling.ikeVersion).sort()).toEqual([...tunnel('tunnel_ike_config.ike_version').documented.values].sort());
    expect(FACTS.alicloud.phase1.lifetimeSeconds).toEqual(tunnel('tunnel_ike_config.ike_lifetime').documented.range);
    expect(FACTS.alicloud.phase2.lifetimeSeconds).toEqual(tunnel('tunnel_ipsec_config.ipsec_lifetime').documented.range);
  });

  test('every pre-shared key character the provider documents passes the shared rule', () => {
    const documented = tunnel('tunnel_ike_config.psk').documented;
    expect(documented.length).toEqual(FACTS.alicloud.psk.length);
    const specials = '~!`@#$%^&*()_-+={}[]|;:\',.<>/?';
    expect(documented.charset).toBe(`letters, digits and ${specials}`);
    for (const c of specials) expect(pskProblem('alicloud', `Key${c}1`)).toBeUndefined();
  });
});
