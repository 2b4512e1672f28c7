import { TerraformStack } from 'cdktf';
import { AlicloudTunnelMode, AlicloudVpnGateway } from '../../src/alicloud';
import { VpnConnection } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-connection';
import { VpnCustomerGateway } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-customer-gateway';
import { VpnPbrRouteEntry } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-pbr-route-entry';
import { VpnRouteEntry } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-route-entry';
import type { LinkRealisation } from '../../src/contract';
import { AlicloudLinkResources, PlannedTunnel, Topology, VpnPlan, planVpn } from '../../src/plan';
import { GATEWAY_PROPS, newStack, ref, resourcesOf, synthChecked } from './fixtures';
import '../lib/cdktf-matchers';

const SECRET = 'test-only-master-secret-0123456789';

/** A realisation as the cross-cloud layer would make it, remote endpoints at 203.0.113.x in endpoint order. */
function fakeRealisation(plan: VpnPlan, site: string, link: string, stack?: TerraformStack) {
  const gateway = plan.gateways.find((g) => g.site === site)!;
  const resources = gateway.links.find((l) => l.link === link)! as AlicloudLinkResources;
  const addresses = new Map<string, string>();
  const realisation: LinkRealisation = {
    plan,
    gateway,
    resources,
    tunnels: plan.tunnels.filter((t) => t.link === link),
    stack: stack && { stackName: stack.node.id, phase: 2, scope: stack, importValue: () => { throw new Error('not used'); } },
    remoteAddress: (endpoint) => {
      if (!addresses.has(endpoint)) addresses.set(endpoint, `203.0.113.${addresses.size + 1}`);
      return addresses.get(endpoint)!;
    },
  };
  return { realisation, resources, addresses };
}

const aliEnd = (t: PlannedTunnel) => t.ends.find((e) => e.cloud === 'alicloud')!;

describe('realiseLink: Azure active-active ↔ Alibaba Cloud dual-tunnel, policy routing (the vendor guide)', () => {
  // GIVEN the guide's topology: Alibaba VPC 10.0.0.0/16 (+ 100.104.0.0/16 for DTS), Azure VNet 192.168.0.0/16
  const topology: Topology = {
    sites: [
      { id: 'azure-gwc', cloud: 'azure', gateway: 'active-active', cidrs: ['192.168.0.0/16'] },
      { id: 'ali-fra', cloud: 'alicloud', gateway: 'dual-tunnel', cidrs: ['10.0.0.0/16'] },
    ],
    links: [{ id: 'guide', between: ['azure-gwc', 'ali-fra'], routing: 'policy', selectors: { 'ali-fra': ['10.0.0.0/16', '100.104.0.0/16'] } }],
  };
  const plan = planVpn(topology, { masterSecret: SECRET });

  function realise() {
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'ali-fra', GATEWAY_PROPS);
    const fake = fakeRealisation(plan, 'ali-fra', 'guide');
    gateway.realiseLink(fake.realisation);
    return { stack, gateway, ...fake, synth: synthChecked(stack) };
  }

  test('builds 2 customer gateways (one per Azure instance IP) and 1 dual-tunnel connection', () => {
    const { synth, addresses } = realise();
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_customer_gateway'))).toHaveLength(2);
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_connection'))).toHaveLength(1);
    expect([...addresses.keys()]).toEqual(['instance0', 'instance1']);
    expect(synth).toHaveResourceWithProperties(VpnCustomerGateway, { ip_address: '203.0.113.1' });
    expect(synth).toHaveResourceWithProperties(VpnCustomerGateway, { ip_address: '203.0.113.2' });
    // policy routing registers no peer ASN
    for (const cgw of Object.values(resourcesOf(synth, 'alicloud_vpn_customer_gateway'))) expect(cgw).not.toHaveProperty('asn');
  });

  test('maps the master tunnel to Azure instance 0 and the slave to instance 1, with the planned keys and proposals', () => {
    const { synth, resources } = realise();
    const cgwNames = Object.entries(resourcesOf(synth, 'alicloud_vpn_customer_gateway'))
      .map(([name, body]) => [body.ip_address, `\${alicloud_vpn_customer_gateway.${name}.id}`]);
    const cgwRef = Object.fromEntries(cgwNames);
    const [master, slave] = resources.connections[0].tunnels.map((t) => plan.tunnels.find((p) => p.id === t.tunnel)!);
    const tunnel = (role: string, t: PlannedTunnel, ip: string) => expect.objectContaining({
      role,
      customer_gateway_id: cgwRef[ip],
      tunnel_ike_config: expect.objectContaining({
        psk: t.presharedKey.reveal(),
        ike_version: aliEnd(t).proposal.ikeVersion,
        ike_enc_alg: aliEnd(t).proposal.phase1.encryption,
        ike_auth_alg: aliEnd(t).proposal.phase1.integrity,
        ike_pfs: aliEnd(t).proposal.phase1.dhGroup,
        ike_lifetime: aliEnd(t).proposal.phase1.lifetimeSeconds,
        ike_mode: 'main',
        remote_id: ip,
      }),
      tunnel_ipsec_config: {
        ipsec_enc_alg: aliEnd(t).proposal.phase2.encryption,
        ipsec_auth_alg: aliEnd(t).proposal.phase2.integrity,
        ipsec_pfs: aliEnd(t).proposal.phase2.pfsGroup,
        ipsec_lifetime: aliEnd(t).proposal.phase2.lifetimeSeconds,
      },
    });
    expect(aliEnd(master).endpoint).toBe('master');
    expect(master.ends.find((e) => e.cloud === 'azure')!.endpoint).toBe('instance0');
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      vpn_gateway_id: ref(synth, 'alicloud_vpn_gateway'),
      effect_immediately: true,
      enable_tunnels_bgp: false,
      local_subnet: ['10.0.0.0/16', '100.104.0.0/16'],
      remote_subnet: ['192.168.0.0/16'],
      tunnel_options_specification: [tunnel('master', master, '203.0.113.1'), tunnel('slave', slave, '203.0.113.2')],
    });
    // never the API defaults
    expect(aliEnd(master).proposal).toMatchObject({ ikeVersion: 'ikev2', phase1: { integrity: 'sha256', dhGroup: 'group14' } });
  });

  test('publishes a policy-based route per Alibaba selector toward the Azure VNet', () => {
    const { synth } = realise();
    for (const source of ['10.0.0.0/16', '100.104.0.0/16']) {
      expect(synth).toHaveResourceWithProperties(VpnPbrRouteEntry, {
        route_source: source, route_dest: '192.168.0.0/16', next_hop: ref(synth, 'alicloud_vpn_connection'), publish_vpc: true, weight: 100,
      });
    }
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_pbr_route_entry'))).toHaveLength(2);
  });

  test('builds under a scope named after the link, in the link stack when one is given', () => {
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'ali-fra', GATEWAY_PROPS);
    const links = gateway.deployment.linkStack(2);
    gateway.realiseLink(fakeRealisation(plan, 'ali-fra', 'guide', links.scope as TerraformStack).realisation);
    const linkStack = links.scope as TerraformStack;
    expect(linkStack.node.tryFindChild('Link-guide')).toBeDefined();
    expect(Object.keys(resourcesOf(synthChecked(linkStack), 'alicloud_vpn_connection'))).toHaveLength(1);
    expect(resourcesOf(synthChecked(stack), 'alicloud_vpn_connection')).toEqual({});
  });
});

describe('realiseLink: AWS ↔ Alibaba Cloud dual-tunnel, BGP', () => {
  const topology: Topology = {
    sites: [
      { id: 'aws-fra', cloud: 'aws', cidrs: ['172.16.0.0/16'], asn: 64512 },
      { id: 'ali-fra', cloud: 'alicloud', cidrs: ['10.0.0.0/16'], asn: 64620 },
    ],
    links: [{ id: 'aws-ali', between: ['aws-fra', 'ali-fra'], routing: 'bgp' }],
  };
  const plan = planVpn(topology, { masterSecret: SECRET });

  function realise() {
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'ali-fra', { ...GATEWAY_PROPS, asn: 64620 });
    const fake = fakeRealisation(plan, 'ali-fra', 'aws-ali');
    gateway.realiseLink(fake.realisation);
    return { ...fake, synth: synthChecked(stack) };
  }

  test('builds a customer gateway per AWS tunnel (with the AWS ASN) and a dual-tunnel connection per AWS tunnel number', () => {
    const { synth, resources } = realise();
    expect(resources.customerGateways).toHaveLength(4);
    expect(Object.values(resourcesOf(synth, 'alicloud_vpn_customer_gateway')).map((c) => c.asn)).toEqual(['64512', '64512', '64512', '64512']);
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_connection'))).toHaveLength(2);
    // master = AWS connection 1, slave = AWS connection 2 (cloud-vpn-facts, tunnel pairing)
    expect(resources.connections[0].tunnels.map((t) => resources.customerGateways.find((c) => c.id === t.customerGateway)!.remote.endpoint))
      .toEqual(['aws-ali/conn1/tunnel1', 'aws-ali/conn2/tunnel1']);
  });

  test('writes the planned inside /30s, local BGP addresses and ASN on each tunnel; no static route', () => {
    const { synth, resources } = realise();
    for (const connection of resources.connections) {
      const [master, slave] = connection.tunnels.map((t) => plan.tunnels.find((p) => p.id === t.tunnel)!);
      const bgp = (t: PlannedTunnel) => ({ local_asn: '64620', tunnel_cidr: t.insideCidr, local_bgp_ip: aliEnd(t).insideAddress });
      expect(synth).toHaveResourceWithProperties(VpnConnection, {
        enable_tunnels_bgp: true,
        local_subnet: ['0.0.0.0/0'],
        remote_subnet: ['0.0.0.0/0'],
        tunnel_options_specification: [
          expect.objectContaining({ role: 'master', tunnel_bgp_config: bgp(master) }),
          expect.objectContaining({ role: 'slave', tunnel_bgp_config: bgp(slave) }),
        ],
      });
      // Alibaba takes the second host when facing AWS (AWS takes the first)
      expect(aliEnd(master).insideAddress!.split('.')[3]).toBe(String(Number(master.insideCidr!.split('/')[0].split('.')[3]) + 2));
    }
    expect(resourcesOf(synth, 'alicloud_vpn_pbr_route_entry')).toEqual({});
    expect(resourcesOf(synth, 'alicloud_vpn_route_entry')).toEqual({});
  });

  test('uses the ASN the planner allocated when the gateway names none', () => {
    const unpinned = planVpn({ ...topology, sites: [topology.sites[0], { ...topology.sites[1], asn: undefined }] }, { masterSecret: SECRET });
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'ali-fra', GATEWAY_PROPS);
    gateway.realiseLink(fakeRealisation(unpinned, 'ali-fra', 'aws-ali').realisation);
    const asn = unpinned.gateways.find((g) => g.site === 'ali-fra')!.asn;
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnConnection, {
      tunnel_options_specification: [0, 1].map(() => expect.objectContaining({ tunnel_bgp_config: expect.objectContaining({ local_asn: String(asn) }) })),
    });
  });
});

describe('realiseLink: AWS ↔ Alibaba Cloud single-tunnel, static routing', () => {
  const plan = planVpn({
    sites: [
      { id: 'aws-fra', cloud: 'aws', cidrs: ['172.16.0.0/16'] },
      { id: 'ali-fra', cloud: 'alicloud', gateway: 'single-tunnel', cidrs: ['10.0.0.0/16'] },
    ],
    links: [{ id: 'static', between: ['aws-fra', 'ali-fra'], routing: 'static', layout: 'minimal' }],
  }, { masterSecret: SECRET });

  test('builds one single-tunnel connection with connection-level IKE/IPsec settings and a destination route to the AWS VPC', () => {
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'ali-fra', { ...GATEWAY_PROPS, tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined });
    const { realisation } = fakeRealisation(plan, 'ali-fra', 'static');
    gateway.realiseLink(realisation);
    const synth = synthChecked(stack);
    const [tunnel] = realisation.tunnels.filter((t) => t.state === 'active');
    const end = aliEnd(tunnel);
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      customer_gateway_id: ref(synth, 'alicloud_vpn_customer_gateway'),
      local_subnet: ['0.0.0.0/0'],
      remote_subnet: ['0.0.0.0/0'],
      ike_config: expect.objectContaining({ psk: tunnel.presharedKey.reveal(), ike_version: end.proposal.ikeVersion, ike_lifetime: end.proposal.phase1.lifetimeSeconds, ike_remote_id: '203.0.113.1' }),
      ipsec_config: expect.objectContaining({ ipsec_lifetime: end.proposal.phase2.lifetimeSeconds, ipsec_pfs: end.proposal.phase2.pfsGroup }),
    });
    expect(synth).toHaveResourceWithProperties(VpnRouteEntry, { route_dest: '172.16.0.0/16', next_hop: ref(synth, 'alicloud_vpn_connection'), publish_vpc: true, weight: 100 });
    const [connection] = Object.values(resourcesOf(synth, 'alicloud_vpn_connection'));
    expect(connection).not.toHaveProperty('tunnel_options_specification');
    expect(connection).not.toHaveProperty('bgp_config');
  });
});
