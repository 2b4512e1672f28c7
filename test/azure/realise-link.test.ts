import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AzureVpnGateway, AzureVpnGatewayProps } from '../../src/azure';
import type { ILinkStack, LinkRealisation } from '../../src/contract';
import { LinkSpec, SiteSpec, VpnPlan, planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';
import { GATEWAY_PROPS, resourcesOf, testStack, bgpSwitch } from './util';
import '../lib/cdktf-matchers';

const AWS_SITE: SiteSpec = { id: 'aws-tokyo', cloud: 'aws', cidrs: ['10.10.0.0/16'] };
const ALI_SITE: SiteSpec = { id: 'ali-hz', cloud: 'alicloud', cidrs: ['192.168.0.0/16'] };

type Lng = { gateway_address: string; bgp_settings?: { asn: number; bgp_peering_address: string }; address_space?: string[] };
type Conn = {
  local_network_gateway_id: string; shared_key: string; connection_mode: string; enable_bgp?: boolean; bgp_enabled?: boolean; dpd_timeout_seconds: number;
  custom_bgp_addresses?: { primary: string; secondary?: string }; ipsec_policy: Record<string, unknown>; connection_protocol: string;
  use_policy_based_traffic_selectors: boolean; traffic_selector_policy?: { local_address_cidrs: string[]; remote_address_cidrs: string[] }[];
};
type Gw = { bgp_settings: { asn: number; peering_addresses: { ip_configuration_name: string; apipa_addresses?: string[] }[] } };

/** Documentation addresses (RFC 5737) per remote endpoint, as a fake realisation hands them out. */
function fakeAddresses() {
  const given = new Map<string, string>();
  return {
    given,
    remoteAddress: (endpoint: string) => {
      if (!given.has(endpoint)) given.set(endpoint, `203.0.113.${given.size + 10}`);
      return given.get(endpoint)!;
    },
  };
}

/** Plans the gateway's site with `remote` and realises the Azure half of the one link. */
function realise(remote: SiteSpec, link: Omit<LinkSpec, 'between'>, gatewayProps: Partial<AzureVpnGatewayProps> = {}, stack = testStack()) {
  const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east', ...gatewayProps });
  const plan = planVpn({ sites: [gateway.site, remote], links: [{ between: ['azure-east', remote.id], ...link }] }, { masterSecret: TEST_SECRET });
  const gatewayPlan = plan.gateways.find((g) => g.site === 'azure-east')!;
  const addresses = fakeAddresses();
  const realisation: LinkRealisation = {
    plan, gateway: gatewayPlan, resources: gatewayPlan.links[0], tunnels: plan.tunnels, remoteAddress: addresses.remoteAddress,
  };
  gateway.realiseLink(realisation);
  return { stack, gateway, plan, gatewayPlan, realisation, addresses };
}

function parts(synth: string) {
  const lngs = resourcesOf(synth, 'azurerm_local_network_gateway') as Record<string, Lng>;
  const conns = Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway_connection')) as unknown as Conn[];
  const gw = Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway'))[0] as unknown as Gw;
  const lngOf = (c: Conn) => lngs[/azurerm_local_network_gateway\.([^.]+)\.id/.exec(c.local_network_gateway_id)![1]];
  return { lngs: Object.values(lngs), conns, gw, lngOf };
}

const keyOf = (plan: VpnPlan, tunnel: number) => plan.tunnels[tunnel].presharedKey.reveal();

describe('AzureVpnGateway.realiseLink', () => {
  describe('active-active facing AWS with BGP, layout all', () => {
    const { stack, plan, gatewayPlan, addresses } = realise(AWS_SITE, { routing: 'bgp', layout: 'all' });
    // validations run: every custom BGP address is an APIPA address of its instance
    const synth = Testing.synth(stack, true);
    const { lngs, conns, gw, lngOf } = parts(synth);
    const apipa = gatewayPlan.apipaAddresses!;

    test('creates 4 local network gateways and 4 connections, one per AWS tunnel', () => {
      expect(lngs).toHaveLength(4);
      expect(conns).toHaveLength(4);
      // each local network gateway points at one AWS tunnel outside IP, from the realisation
      expect([...addresses.given.keys()].sort()).toEqual(plan.tunnels.map((t) => t.ends.find((e) => e.cloud === 'aws')!.endpoint).sort());
      expect(new Set(lngs.map((l) => l.gateway_address))).toEqual(new Set(addresses.given.values()));
    });

    test('writes the plan\'s APIPA addresses per ip configuration, and its ASN', () => {
      expect(gw.bgp_settings.asn).toBe(gatewayPlan.asn);
      expect(gw.bgp_settings.peering_addresses).toEqual([
        { ip_configuration_name: 'instance0', apipa_addresses: apipa.instance0 },
        { ip_configuration_name: 'instance1', apipa_addresses: apipa.instance1 },
      ]);
      expect(apipa.instance0).toHaveLength(2);
      expect(apipa.instance1).toHaveLength(2);
    });

    test('maps custom BGP addresses: primary always an instance0 address, secondary an instance1 one', () => {
      for (const c of conns) {
        expect(apipa.instance0).toContain(c.custom_bgp_addresses!.primary);
        expect(apipa.instance1).toContain(c.custom_bgp_addresses!.secondary);
      }
      // each tunnel's own inside address is the custom address of the instance it terminates on
      plan.tunnels.forEach((t) => {
        const azure = t.ends.find((e) => e.cloud === 'azure')!;
        const aws = t.ends.find((e) => e.cloud === 'aws')!;
        const c = conns.find((x) => lngOf(x).bgp_settings!.bgp_peering_address === aws.insideAddress)!;
        expect(c.custom_bgp_addresses![azure.endpoint === 'instance0' ? 'primary' : 'secondary']).toBe(azure.insideAddress);
        expect(lngOf(c).bgp_settings!.asn).toBe(aws.asn);
        expect(c.shared_key).toBe(keyOf(plan, t.index));
      });
    });

    test('is responder-only with BGP, IKEv2, the plan\'s Azure proposal and DPD', () => {
      const azureProposal = plan.tunnels[0].ends.find((e) => e.cloud === 'azure')!.proposal;
      for (const c of conns) {
        expect(c).toMatchObject({ connection_mode: 'ResponderOnly', [bgpSwitch()]: true, connection_protocol: 'IKEv2', dpd_timeout_seconds: 45, use_policy_based_traffic_selectors: false });
        expect(c.ipsec_policy).toEqual({
          ike_encryption: azureProposal.phase1.encryption, ike_integrity: azureProposal.phase1.integrity, dh_group: azureProposal.phase1.dhGroup,
          ipsec_encryption: azureProposal.phase2.encryption, ipsec_integrity: azureProposal.phase2.integrity, pfs_group: azureProposal.phase2.pfsGroup,
          sa_lifetime: azureProposal.phase2.lifetimeSeconds,
        });
      }
      expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { ipsec_policy: expect.objectContaining({ dh_group: 'DHGroup14', pfs_group: 'PFS2048', sa_lifetime: 27000 }) });
    });

    test('registers BGP peers without an address space', () => {
      for (const l of lngs) expect(l).not.toHaveProperty('address_space');
    });

    test('names the resources after the gateway, the link and the plan\'s keys', () => {
      expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, { name: 'azure-east-vpngw-aws-tokyo--azure-east-lng1' });
      expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { name: 'azure-east-vpngw-aws-tokyo--azure-east-conn4' });
    });
  });

  test('minimal layout facing AWS: 2 local network gateways and 2 connections, one per instance', () => {
    const { stack } = realise(AWS_SITE, { layout: 'minimal' });
    const { lngs, conns } = parts(Testing.synth(stack, true));
    expect(lngs).toHaveLength(2);
    expect(conns).toHaveLength(2);
  });

  test('policy routing facing Alibaba Cloud: traffic selectors, address spaces, no BGP, Azure may initiate', () => {
    const { stack, plan } = realise(ALI_SITE, { routing: 'policy' });
    const synth = Testing.synth(stack, true);
    const { lngs, conns, gw } = parts(synth);
    expect(lngs).toHaveLength(2);
    for (const l of lngs) expect(l).toMatchObject({ address_space: ['192.168.0.0/16'] });
    for (const l of lngs) expect(l).not.toHaveProperty('bgp_settings');
    for (const c of conns) {
      expect(c).toMatchObject({
        [bgpSwitch()]: false, connection_mode: 'Default', use_policy_based_traffic_selectors: true,
        traffic_selector_policy: [{ local_address_cidrs: ['10.20.0.0/16'], remote_address_cidrs: ['192.168.0.0/16'] }],
      });
      expect(c).not.toHaveProperty('custom_bgp_addresses');
    }
    expect(gw.bgp_settings.peering_addresses.every((p) => p.apipa_addresses === undefined)).toBe(true);
    expect(plan.tunnels.filter((t) => t.state === 'active')).toHaveLength(2);
  });

  test('builds in the link stack it is given, referring to the gateway across stacks', () => {
    const stack = testStack('Gateways');
    const linkStack = new TerraformStack(stack.node.scope as Construct, 'Links');
    const link: ILinkStack = { stackName: 'Links', phase: 3, scope: linkStack, importValue: () => { throw new Error('not used'); } };
    const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east' });
    const plan = planVpn({ sites: [gateway.site, AWS_SITE], links: [{ between: ['azure-east', 'aws-tokyo'] }] }, { masterSecret: TEST_SECRET });
    const gatewayPlan = plan.gateways.find((g) => g.site === 'azure-east')!;
    gateway.realiseLink({ plan, gateway: gatewayPlan, resources: gatewayPlan.links[0], tunnels: plan.tunnels, remoteAddress: fakeAddresses().remoteAddress, stack: link });

    expect(Testing.synth(stack)).not.toHaveResource(VirtualNetworkGatewayConnection);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, {
      bgp_settings: expect.objectContaining({ asn: gatewayPlan.asn }),
    });
    const conns = resourcesOf(Testing.synth(linkStack), 'azurerm_virtual_network_gateway_connection');
    expect(Object.keys(conns)).toHaveLength(4);
    expect(linkStack.node.findChild('Gw').node.findChild('aws-tokyo--azure-east').node.children.map((c) => c.node.id).sort())
      .toEqual(['conn1', 'conn2', 'conn3', 'conn4', 'lng1', 'lng2', 'lng3', 'lng4']);
  });

  test('keeps a given ASN that the plan uses', () => {
    const { stack } = realise(AWS_SITE, {}, { asn: 65010 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGateway, { bgp_settings: expect.objectContaining({ asn: 65010 }) });
  });

  test('fails when the link was planned for another site or cloud', () => {
    const { realisation } = realise(AWS_SITE, {});
    const other = new AzureVpnGateway(testStack(), 'Other', { ...GATEWAY_PROPS, siteId: 'azure-west' });
    expect(() => other.realiseLink(realisation)).toThrow(/\[Test\/Other\] link 'aws-tokyo--azure-east' was planned for azure site 'azure-east' \(active-active\); allowed: a link of Azure site 'azure-west'/);
    const awsPlan = realisation.plan.gateways.find((g) => g.cloud === 'aws')!;
    const gateway = new AzureVpnGateway(testStack(), 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east' });
    expect(() => gateway.realiseLink({ ...realisation, gateway: awsPlan, resources: awsPlan.links[0] })).toThrow(/was planned for aws site 'aws-tokyo'/);
  });

  test('fails when the link is realised twice', () => {
    const { gateway, realisation } = realise(AWS_SITE, {});
    expect(() => gateway.realiseLink(realisation)).toThrow(/link 'aws-tokyo--azure-east' is already realised on this gateway/);
  });

  test('fails when the plan uses another ASN than the gateway\'s', () => {
    const { realisation } = realise(AWS_SITE, {});
    const gateway = new AzureVpnGateway(testStack(), 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east', asn: 65011 });
    expect(() => gateway.realiseLink(realisation)).toThrow(new RegExp(`the plan gives site 'azure-east' ASN ${realisation.gateway.asn}, but asn is 65011`));
  });
});
