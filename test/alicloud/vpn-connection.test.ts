import { TerraformVariable } from 'cdktf';
import {
  AlicloudConnectionRouting, AlicloudIkeMode, AlicloudPeerGateway, AlicloudTunnelMode, AlicloudVpnConnection,
} from '../../src/alicloud';
import { VpnConnection } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-connection';
import { VpnPbrRouteEntry } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-pbr-route-entry';
import { VpnRouteEntry } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-route-entry';
import { AlicloudConnectionPlan, PresharedKey } from '../../src/plan';
import { KEY_1, KEY_2, gatewayAndPeer, ref, resourcesOf, synthChecked } from './fixtures';
import '../lib/cdktf-matchers';

const SEED_POLICY = AlicloudConnectionRouting.policy({ localSubnets: ['10.0.0.0/16', '100.104.0.0/16'], remoteSubnets: ['192.168.0.0/16'] });
const BGP_TUNNELS = { master: { tunnelCidr: '169.254.21.0/30' }, slave: { tunnelCidr: '169.254.22.4/30' } };

/** The explicit IKE settings every tunnel gets by default (never Alibaba's IKEv1/MD5/group2/86400). */
const STRONG_IKE = { ike_version: 'ikev2', ike_mode: 'main', ike_enc_alg: 'aes256', ike_auth_alg: 'sha256', ike_pfs: 'group14', ike_lifetime: 28800 };
const STRONG_IPSEC = { ipsec_enc_alg: 'aes256', ipsec_auth_alg: 'sha256', ipsec_pfs: 'group14', ipsec_lifetime: 3600 };

describe('AlicloudVpnConnection, dual-tunnel', () => {
  test('writes two tunnel_options_specification entries, master and slave, with every IKE/IPsec setting explicit', () => {
    // GIVEN
    const { stack, gateway, peer } = gatewayAndPeer();
    // WHEN
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: SEED_POLICY, masterTunnel: { peer, presharedKey: KEY_1 }, slaveTunnel: { peer, presharedKey: KEY_2 },
    });
    // THEN
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      vpn_gateway_id: ref(synth, 'alicloud_vpn_gateway'),
      effect_immediately: true,
      auto_config_route: false,
      enable_tunnels_bgp: false,
      local_subnet: ['10.0.0.0/16', '100.104.0.0/16'],
      remote_subnet: ['192.168.0.0/16'],
      tunnel_options_specification: [
        {
          role: 'master',
          customer_gateway_id: ref(synth, 'alicloud_vpn_customer_gateway'),
          enable_dpd: true,
          enable_nat_traversal: true,
          tunnel_ike_config: { ...STRONG_IKE, psk: KEY_1, local_id: ref(synth, 'alicloud_vpn_gateway', 'internet_ip'), remote_id: '203.0.113.30' },
          tunnel_ipsec_config: STRONG_IPSEC,
        },
        {
          role: 'slave',
          customer_gateway_id: ref(synth, 'alicloud_vpn_customer_gateway'),
          enable_dpd: true,
          enable_nat_traversal: true,
          tunnel_ike_config: { ...STRONG_IKE, psk: KEY_2, local_id: ref(synth, 'alicloud_vpn_gateway', 'disaster_recovery_internet_ip'), remote_id: '203.0.113.30' },
          tunnel_ipsec_config: STRONG_IPSEC,
        },
      ],
    });
    const [connection] = Object.values(resourcesOf(synth, 'alicloud_vpn_connection'));
    // the single-tunnel blocks stay out of a dual-tunnel connection
    for (const key of ['customer_gateway_id', 'ike_config', 'ipsec_config', 'bgp_config']) expect(connection).not.toHaveProperty(key);
    expect((connection.tunnel_options_specification as object[])[0]).not.toHaveProperty('tunnel_bgp_config');
  });

  test('policy routing publishes one policy-based route per (local, remote) pair to the VPC', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: SEED_POLICY, masterTunnel: { peer, presharedKey: KEY_1 }, slaveTunnel: { peer, presharedKey: KEY_2 },
    });
    const synth = synthChecked(stack);
    for (const source of ['10.0.0.0/16', '100.104.0.0/16']) {
      expect(synth).toHaveResourceWithProperties(VpnPbrRouteEntry, {
        vpn_gateway_id: ref(synth, 'alicloud_vpn_gateway'),
        next_hop: ref(synth, 'alicloud_vpn_connection'),
        route_source: source,
        route_dest: '192.168.0.0/16',
        weight: 100,
        publish_vpc: true,
      });
    }
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_pbr_route_entry'))).toHaveLength(2);
    expect(synth).not.toHaveResource(VpnRouteEntry);
  });

  test('destination routing carries 0.0.0.0/0 and publishes one destination route per prefix', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway,
      routing: AlicloudConnectionRouting.destination({ destinations: ['192.168.0.0/16', '172.20.0.0/16', '192.168.0.0/16'] }),
      masterTunnel: { peer, presharedKey: KEY_1 },
      slaveTunnel: { peer, presharedKey: KEY_2 },
    });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, { local_subnet: ['0.0.0.0/0'], remote_subnet: ['0.0.0.0/0'] });
    for (const dest of ['192.168.0.0/16', '172.20.0.0/16']) {
      expect(synth).toHaveResourceWithProperties(VpnRouteEntry, {
        route_dest: dest, next_hop: ref(synth, 'alicloud_vpn_connection'), weight: 100, publish_vpc: true,
      });
    }
    // duplicates are published once
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_route_entry'))).toHaveLength(2);
    expect(synth).not.toHaveResource(VpnPbrRouteEntry);
  });

  test('BGP writes tunnel_bgp_config per tunnel (ASN as a string, first host as local BGP IP) and publishes no static route', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    const connection = new AlicloudVpnConnection(stack, 'Connection', {
      gateway,
      routing: AlicloudConnectionRouting.bgp({ localAsn: 65001 }),
      masterTunnel: { peer, presharedKey: KEY_1, ...BGP_TUNNELS.master },
      slaveTunnel: { peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave, localBgpIp: '169.254.22.6' },
    });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      enable_tunnels_bgp: true,
      local_subnet: ['0.0.0.0/0'],
      remote_subnet: ['0.0.0.0/0'],
      tunnel_options_specification: [
        expect.objectContaining({ role: 'master', tunnel_bgp_config: { local_asn: '65001', tunnel_cidr: '169.254.21.0/30', local_bgp_ip: '169.254.21.1' } }),
        expect.objectContaining({ role: 'slave', tunnel_bgp_config: { local_asn: '65001', tunnel_cidr: '169.254.22.4/30', local_bgp_ip: '169.254.22.6' } }),
      ],
    });
    expect(synth).not.toHaveResource(VpnRouteEntry);
    expect(synth).not.toHaveResource(VpnPbrRouteEntry);
    expect(connection.tunnelCidrs).toEqual(['169.254.21.0/30', '169.254.22.4/30']);
  });

  test('BGP without a local ASN uses the gateway\'s, else 45104 written explicitly', () => {
    const withGatewayAsn = gatewayAndPeer({ asn: 64620 });
    new AlicloudVpnConnection(withGatewayAsn.stack, 'Connection', {
      gateway: withGatewayAsn.gateway, routing: AlicloudConnectionRouting.bgp(),
      masterTunnel: { peer: withGatewayAsn.peer, presharedKey: KEY_1, ...BGP_TUNNELS.master },
      slaveTunnel: { peer: withGatewayAsn.peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave },
    });
    expect(synthChecked(withGatewayAsn.stack)).toHaveResourceWithProperties(VpnConnection, {
      tunnel_options_specification: [0, 1].map(() => expect.objectContaining({ tunnel_bgp_config: expect.objectContaining({ local_asn: '64620' }) })),
    });

    const plain = gatewayAndPeer();
    new AlicloudVpnConnection(plain.stack, 'Connection', {
      gateway: plain.gateway, routing: AlicloudConnectionRouting.bgp(),
      masterTunnel: { peer: plain.peer, presharedKey: KEY_1, ...BGP_TUNNELS.master },
      slaveTunnel: { peer: plain.peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave },
    });
    expect(synthChecked(plain.stack)).toHaveResourceWithProperties(VpnConnection, {
      tunnel_options_specification: [0, 1].map(() => expect.objectContaining({ tunnel_bgp_config: expect.objectContaining({ local_asn: '45104' }) })),
    });
  });

  test('writes every option that is set: weaker but allowed algorithms, aggressive mode, identities, DPD and NAT-T off, effect later', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    const tunnel = {
      peer,
      ikeVersion: 'ikev1',
      ikeMode: AlicloudIkeMode.AGGRESSIVE,
      phase1EncryptionAlgorithm: 'aes',
      phase1IntegrityAlgorithm: 'sha1',
      phase1DhGroup: 'group2',
      phase1LifetimeSeconds: 86400,
      phase2EncryptionAlgorithm: 'aes192',
      phase2IntegrityAlgorithm: 'sha512',
      phase2PfsGroup: 'disabled',
      phase2LifetimeSeconds: 900,
      localId: 'vpn.example.com',
      remoteId: 'router.example.net',
      enableDpd: false,
      enableNatTraversal: false,
    };
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: SEED_POLICY, effectImmediately: false, vpnConnectionName: 'to-router',
      masterTunnel: { ...tunnel, presharedKey: KEY_1 }, slaveTunnel: { ...tunnel, presharedKey: KEY_2 },
    });
    const expected = expect.objectContaining({
      enable_dpd: false,
      enable_nat_traversal: false,
      tunnel_ike_config: expect.objectContaining({
        ike_version: 'ikev1', ike_mode: 'aggressive', ike_enc_alg: 'aes', ike_auth_alg: 'sha1', ike_pfs: 'group2', ike_lifetime: 86400,
        local_id: 'vpn.example.com', remote_id: 'router.example.net',
      }),
      tunnel_ipsec_config: { ipsec_enc_alg: 'aes192', ipsec_auth_alg: 'sha512', ipsec_pfs: 'disabled', ipsec_lifetime: 900 },
    });
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnConnection, {
      effect_immediately: false, vpn_connection_name: 'to-router', tunnel_options_specification: [expected, expected],
    });
  });

  test('a planner PresharedKey is revealed only into the psk attribute; a variable passes through', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    const slaveKey = new TerraformVariable(stack, 'slave_psk', { type: 'string', sensitive: true });
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: SEED_POLICY,
      masterTunnel: { peer, presharedKey: new PresharedKey(KEY_1, 'pinned') },
      slaveTunnel: { peer, presharedKey: slaveKey.stringValue },
    });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      tunnel_options_specification: [
        expect.objectContaining({ tunnel_ike_config: expect.objectContaining({ psk: KEY_1 }) }),
        expect.objectContaining({ tunnel_ike_config: expect.objectContaining({ psk: '${var.slave_psk}' }) }),
      ],
    });
    expect(synth.split(KEY_1)).toHaveLength(2); // written once, nowhere else
  });

  test('an existing gateway given as a plain object: no IKE local identity is invented', () => {
    const { stack, peer } = gatewayAndPeer();
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway: { vpnGatewayId: 'vpn-gw8existing00000001', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL },
      routing: SEED_POLICY,
      masterTunnel: { peer, presharedKey: KEY_1 },
      slaveTunnel: { peer, presharedKey: KEY_2 },
    });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, { vpn_gateway_id: 'vpn-gw8existing00000001' });
    const [connection] = Object.values(resourcesOf(synth, 'alicloud_vpn_connection'));
    const [master] = connection.tunnel_options_specification as { tunnel_ike_config: object }[];
    expect(master.tunnel_ike_config).not.toHaveProperty('local_id');
  });
});

describe('AlicloudVpnConnection, single-tunnel', () => {
  test('writes the connection-level customer gateway, ike_config, ipsec_config and bgp_config', () => {
    const { stack, gateway, peer } = gatewayAndPeer({ tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined });
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: AlicloudConnectionRouting.bgp({ localAsn: 65001 }),
      masterTunnel: { peer, presharedKey: KEY_1, tunnelCidr: '169.254.21.8/30' },
    });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      customer_gateway_id: ref(synth, 'alicloud_vpn_customer_gateway'),
      enable_dpd: true,
      enable_nat_traversal: true,
      effect_immediately: true,
      ike_config: { ...STRONG_IKE, psk: KEY_1, ike_local_id: ref(synth, 'alicloud_vpn_gateway', 'internet_ip'), ike_remote_id: '203.0.113.30' },
      ipsec_config: STRONG_IPSEC,
      bgp_config: { enable: true, local_asn: '65001', tunnel_cidr: '169.254.21.8/30', local_bgp_ip: '169.254.21.9' },
    });
    const [connection] = Object.values(resourcesOf(synth, 'alicloud_vpn_connection'));
    expect(connection).not.toHaveProperty('tunnel_options_specification');
    expect(connection).not.toHaveProperty('enable_tunnels_bgp');
  });

  test('static single-tunnel connections write no bgp_config', () => {
    const { stack, gateway, peer } = gatewayAndPeer({ tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined });
    new AlicloudVpnConnection(stack, 'Connection', { gateway, routing: SEED_POLICY, masterTunnel: { peer, presharedKey: KEY_1 } });
    const [connection] = Object.values(resourcesOf(synthChecked(stack), 'alicloud_vpn_connection'));
    expect(connection).not.toHaveProperty('bgp_config');
    expect(connection.ike_config).toMatchObject(STRONG_IKE);
  });
});

describe('AlicloudVpnConnection validation', () => {
  /** Builds a dual-tunnel BGP connection with overrides per tunnel. */
  function build(overrides: {
    master?: object; slave?: object | null; routing?: AlicloudConnectionRouting; gatewayMode?: AlicloudTunnelMode; peerAsn?: number | null;
  } = {}) {
    const single = overrides.gatewayMode === AlicloudTunnelMode.SINGLE_TUNNEL;
    const { stack, gateway } = gatewayAndPeer(single ? { tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined } : {});
    const peer = new AlicloudPeerGateway(stack, 'Peer', { ipAddress: '198.51.100.7', peerAsn: overrides.peerAsn === null ? undefined : (overrides.peerAsn ?? 65030) });
    return () => new AlicloudVpnConnection(stack, 'Connection', {
      gateway,
      routing: overrides.routing ?? AlicloudConnectionRouting.bgp({ localAsn: 65001 }),
      masterTunnel: { peer, presharedKey: KEY_1, ...BGP_TUNNELS.master, ...overrides.master },
      slaveTunnel: overrides.slave === null ? undefined : { peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave, ...overrides.slave },
    });
  }

  test.each([
    ['the tunnel CIDR is reserved by Alibaba Cloud', { master: { tunnelCidr: '169.254.6.0/30' } }, /\[Stack\/Connection\] masterTunnel\.tunnelCidr: '169\.254\.6\.0\/30' is reserved by Alibaba Cloud; allowed: an aligned \/30/],
    ['the tunnel CIDR is not a /30', { master: { tunnelCidr: '169.254.21.0/29' } }, /masterTunnel\.tunnelCidr: '169\.254\.21\.0\/29' is a \/29; allowed/],
    ['the tunnel CIDR is outside 169.254.0.0/16', { slave: { tunnelCidr: '10.255.0.0/30' } }, /slaveTunnel\.tunnelCidr: '10\.255\.0\.0\/30' is outside Alibaba Cloud's range/],
    ['the tunnel CIDR is not aligned', { master: { tunnelCidr: '169.254.21.2/30' } }, /masterTunnel\.tunnelCidr: '169\.254\.21\.2\/30' is not a valid prefix \(host bits/],
    ['the local BGP IP is not a host of the tunnel CIDR', { master: { localBgpIp: '169.254.21.3' } }, /masterTunnel\.localBgpIp: '169\.254\.21\.3' is not a host address of 169\.254\.21\.0\/30; allowed/],
    ['the two tunnels share a tunnel CIDR', { slave: { tunnelCidr: '169.254.21.0/30' } }, /slaveTunnel\.tunnelCidr: '169\.254\.21\.0\/30' is already used by Stack\/Connection masterTunnel/],
    ['a BGP tunnel has no tunnel CIDR', { slave: { tunnelCidr: undefined } }, /slaveTunnel\.tunnelCidr: is required with BGP routing/],
    ['a tunnel CIDR is given without BGP', { routing: AlicloudConnectionRouting.destination({ destinations: ['192.168.0.0/16'] }) }, /masterTunnel\.tunnelCidr: '169\.254\.21\.0\/30' is given but the connection does not use BGP/],
    ['the local ASN is out of range', { routing: AlicloudConnectionRouting.bgp({ localAsn: 4294967296 }) }, /routing\.localAsn: 4294967296 is not allowed for an Alibaba Cloud gateway; allowed: 1-4294967295/],
    ['the peer has no ASN on a BGP connection', { peerAsn: null }, /masterTunnel\.peer: has no peerAsn/],
    ['the peer ASN equals the local ASN', { peerAsn: 65001 }, /masterTunnel\.peer\.peerAsn: 65001 is also the Alibaba Cloud side's ASN.+eBGP/],
    ['the pre-shared key has a space', { master: { presharedKey: 'has a space inside' } }, /masterTunnel\.presharedKey: the key is rejected: Alibaba Cloud takes only letters, digits/],
    ['the pre-shared key is longer than 100 characters', { slave: { presharedKey: 'k'.repeat(101) } }, /slaveTunnel\.presharedKey: the key is rejected: Alibaba Cloud takes 1-100 characters, got 101/],
    ['a planner key breaks the rules', { master: { presharedKey: new PresharedKey('x'.repeat(120), 'pinned') } }, /masterTunnel\.presharedKey: the key is rejected: .+got 120/],
    ['phase 1 encryption is spelled the neutral way (aes128, Alibaba says aes)', { master: { phase1EncryptionAlgorithm: 'aes128' } }, /masterTunnel\.phase1EncryptionAlgorithm: 'aes128' is not a phase1 encryption Alibaba Cloud knows; allowed: aes, aes192, aes256, des, 3des/],
    ['phase 1 integrity is spelled the AWS way', { master: { phase1IntegrityAlgorithm: 'SHA2-256' } }, /masterTunnel\.phase1IntegrityAlgorithm: 'SHA2-256' is not a phase1 integrity .+allowed: md5, sha1, sha256, sha384, sha512/],
    ['the phase 1 DH group is not offered', { master: { phase1DhGroup: 'group24' } }, /masterTunnel\.phase1DhGroup: 'group24' is not a phase1 DH group .+allowed: group1, group2, group5, group14/],
    ['phase 2 encryption is GCM', { slave: { phase2EncryptionAlgorithm: 'aes256gcm16' } }, /slaveTunnel\.phase2EncryptionAlgorithm: 'aes256gcm16' is not a phase2 encryption/],
    ['phase 2 integrity is unknown', { slave: { phase2IntegrityAlgorithm: 'sha386' } }, /slaveTunnel\.phase2IntegrityAlgorithm: 'sha386' is not a phase2 integrity/],
    ['the PFS group is spelled the Azure way', { slave: { phase2PfsGroup: 'PFS2048' } }, /slaveTunnel\.phase2PfsGroup: 'PFS2048' is not a phase2 PFS group .+allowed: group1, group2, group5, group14, disabled/],
    ['the IKE version is unknown', { master: { ikeVersion: 'IKEv2' } }, /masterTunnel\.ikeVersion: 'IKEv2' is not an IKE version Alibaba Cloud knows; allowed: ikev1, ikev2/],
    ['the IKE mode is unknown', { master: { ikeMode: 'quick' } }, /masterTunnel\.ikeMode: 'quick' is not an IKE mode .+allowed: main, aggressive/],
    ['the phase 1 lifetime is above 86400 s', { master: { phase1LifetimeSeconds: 86401 } }, /masterTunnel\.phase1LifetimeSeconds: 86401 s is outside Alibaba Cloud's phase1 lifetime range; allowed: 0-86400 s/],
    ['the phase 2 lifetime is not an integer', { slave: { phase2LifetimeSeconds: 3600.5 } }, /slaveTunnel\.phase2LifetimeSeconds: 3600\.5 s is outside .+phase2 lifetime range/],
    ['an IKE identity is longer than 100 characters', { master: { remoteId: `${'a'.repeat(98)}.io` } }, /masterTunnel\.remoteId: an identity of 101 characters; allowed: 1-100 characters/],
    ['a dual-tunnel gateway gets no slave tunnel', { slave: null }, /slaveTunnel: is required: the gateway is dual-tunnel/],
    ['a single-tunnel gateway gets a slave tunnel', { gatewayMode: AlicloudTunnelMode.SINGLE_TUNNEL }, /slaveTunnel: is given but the gateway is single-tunnel/],
    ['a policy subnet has host bits set', { routing: AlicloudConnectionRouting.policy({ localSubnets: ['10.0.0.1/16'], remoteSubnets: ['192.168.0.0/16'] }), master: { tunnelCidr: undefined }, slave: { tunnelCidr: undefined } }, /routing\.localSubnets\[0\]: '10\.0\.0\.1\/16' is not a valid IPv4 prefix \(host bits are set/],
    ['a policy connection has more than 10 remote subnets', {
      routing: AlicloudConnectionRouting.policy({ localSubnets: ['10.0.0.0/16'], remoteSubnets: Array.from({ length: 11 }, (_, i) => `192.168.${i}.0/24`) }), master: { tunnelCidr: undefined }, slave: { tunnelCidr: undefined },
    }, /routing\.remoteSubnets: 11 prefixes given; allowed: 1-10 per connection/],
    ['a policy connection has no local subnet', { routing: AlicloudConnectionRouting.policy({ localSubnets: [], remoteSubnets: ['192.168.0.0/16'] }), master: { tunnelCidr: undefined }, slave: { tunnelCidr: undefined } }, /routing\.localSubnets: 0 prefixes given; allowed: 1-10/],
    ['a destination connection has no destination', { routing: AlicloudConnectionRouting.destination({ destinations: [] }), master: { tunnelCidr: undefined }, slave: { tunnelCidr: undefined } }, /routing\.destinations: no prefix given/],
  ])('fails when %s', (_title, overrides, message) => {
    expect(build(overrides as Parameters<typeof build>[0])).toThrow(message);
  });

  test('fails when a tunnel CIDR is already used by another connection of the same gateway', () => {
    // GIVEN a gateway with one BGP connection
    const { stack, gateway, peer } = gatewayAndPeer();
    const options = { gateway, routing: AlicloudConnectionRouting.bgp({ localAsn: 65001 }) };
    new AlicloudVpnConnection(stack, 'First', { ...options, masterTunnel: { peer, presharedKey: KEY_1, ...BGP_TUNNELS.master }, slaveTunnel: { peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave } });
    // WHEN a second one reuses the slave's CIDR, THEN
    expect(() => new AlicloudVpnConnection(stack, 'Second', {
      ...options,
      masterTunnel: { peer, presharedKey: KEY_1, tunnelCidr: '169.254.22.4/30' },
      slaveTunnel: { peer, presharedKey: KEY_2, tunnelCidr: '169.254.22.8/30' },
    })).toThrow(/\[Stack\/Second\] masterTunnel\.tunnelCidr: '169\.254\.22\.4\/30' is already used by Stack\/First slaveTunnel on the same VPN gateway/);
  });

  test('fails when several props are wrong, with every problem in one error and no key in it', () => {
    const secret = 'bad key with spaces';
    const attempt = build({ master: { presharedKey: secret, phase1DhGroup: 'group19' }, slave: { phase2LifetimeSeconds: -1 } });
    expect(attempt).toThrow(/3 problems:\n {2}- masterTunnel\.presharedKey: .+\n {2}- masterTunnel\.phase1DhGroup: .+\n {2}- slaveTunnel\.phase2LifetimeSeconds: /);
    expect(() => attempt()).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });

  test('skips unresolved tokens', () => {
    const { stack, gateway, peer } = gatewayAndPeer();
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    const lifetime = new TerraformVariable(stack, 'lifetime', { type: 'number' }).numberValue;
    expect(() => new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: AlicloudConnectionRouting.bgp({ localAsn: 65001 }),
      masterTunnel: { peer, presharedKey: new TerraformVariable(stack, 'psk', { type: 'string', sensitive: true }).stringValue, tunnelCidr: cidr, phase2LifetimeSeconds: lifetime },
      slaveTunnel: { peer, presharedKey: KEY_2, ...BGP_TUNNELS.slave },
    })).not.toThrow();
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnConnection, {
      tunnel_options_specification: [
        expect.objectContaining({
          tunnel_bgp_config: { local_asn: '65001', tunnel_cidr: '${var.cidr}' },
          tunnel_ipsec_config: expect.objectContaining({ ipsec_lifetime: '${var.lifetime}' }),
        }),
        expect.anything(),
      ],
    });
  });
});

describe('AlicloudVpnConnection.propsFromPlan', () => {
  const gateway = { vpnGatewayId: 'vpn-1', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL };
  const connection = (tunnels: AlicloudConnectionPlan['tunnels']): AlicloudConnectionPlan => ({
    id: 'conn1', mode: 'dual-tunnel', tunnels, bgpEnabled: false, localSubnets: ['10.0.0.0/16'], remoteSubnets: ['192.168.0.0/16'],
    routes: { kind: 'policy', sources: ['10.0.0.0/16'], destinations: ['192.168.0.0/16'] },
  });

  test('fails when the plan\'s tunnels are not one master and one slave', () => {
    expect(() => AlicloudVpnConnection.propsFromPlan({
      gateway,
      connection: connection([{ role: 'master', customerGateway: 'cgw1', tunnel: 'l:1' }, { role: 'master', customerGateway: 'cgw2', tunnel: 'l:2' }]),
      tunnels: [],
      peers: new Map(),
    })).toThrow(/connection 'conn1': a dual-tunnel connection needs tunnels with roles master\+slave, the plan has master\+master/);
  });

  test('fails when a planned tunnel is missing', () => {
    expect(() => AlicloudVpnConnection.propsFromPlan({
      gateway,
      connection: connection([{ role: 'master', customerGateway: 'cgw1', tunnel: 'l:1' }, { role: 'slave', customerGateway: 'cgw2', tunnel: 'l:2' }]),
      tunnels: [],
      peers: new Map(),
    })).toThrow(/tunnel 'l:1' is not among the link's tunnels/);
  });
});
