import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  AlicloudPaymentType, AlicloudTunnelMode, AlicloudVpnGateway, AlicloudVpnGatewayProps,
} from '../../src/alicloud';
import { VpnGateway } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-gateway';
import type { LinkRealisation } from '../../src/contract';
import { GatewayPlan, planVpn } from '../../src/plan';
import { GATEWAY_PROPS, newStack, ref, resourcesOf, synthChecked } from './fixtures';
import { ENGINE } from '../lib/engine';
import '../lib/cdktf-matchers';

function gateway(props: Partial<AlicloudVpnGatewayProps> = {}, id = 'Gateway') {
  const { app, stack } = newStack();
  return { app, stack, gateway: new AlicloudVpnGateway(stack, id, { ...GATEWAY_PROPS, ...props }) };
}

describe('AlicloudVpnGateway', () => {
  test('is dual-tunnel by default: two vSwitches, IPsec on, SSL off, public, pay-as-you-go, BGP routes propagated', () => {
    const { stack } = gateway({ name: 'frankfurt' });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnGateway, {
      vpc_id: 'vpc-gw8test0000000000001',
      vswitch_id: 'vsw-gw8zonea000000000001',
      disaster_recovery_vswitch_id: 'vsw-gw8zoneb000000000001',
      bandwidth: 100,
      network_type: 'public',
      enable_ipsec: true,
      enable_ssl: false,
      payment_type: 'PayAsYouGo',
      auto_propagate: true,
      vpn_gateway_name: 'frankfurt',
    });
    // the subscription period is only written for subscriptions (the provider suppresses it otherwise)
    expect(Object.values(resourcesOf(synth, 'alicloud_vpn_gateway'))[0]).not.toHaveProperty('period');
  });

  test('exposes both public IPs as the master and slave endpoints', () => {
    const { stack, gateway: gw } = gateway();
    new TerraformVariable(stack, 'probe', { type: 'list(string)', default: [gw.endpointAddress('master'), gw.endpointAddress('slave'), gw.vpnGatewayId] });
    const synth = synthChecked(stack);
    expect(JSON.parse(synth).variable.probe.default).toEqual([
      ref(synth, 'alicloud_vpn_gateway', 'internet_ip'),
      ref(synth, 'alicloud_vpn_gateway', 'disaster_recovery_internet_ip'),
      ref(synth, 'alicloud_vpn_gateway', 'id'),
    ]);
    expect(gw.endpointAddress('master')).toBe(gw.internetIp);
    expect(gw.endpointAddress('slave')).toBe(gw.disasterRecoveryInternetIp);
  });

  test('single-tunnel on request: one vSwitch, one endpoint', () => {
    const { stack, gateway: gw } = gateway({ tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined });
    const [resource] = Object.values(resourcesOf(synthChecked(stack), 'alicloud_vpn_gateway'));
    expect(resource).not.toHaveProperty('disaster_recovery_vswitch_id');
    expect(gw.disasterRecoveryInternetIp).toBeUndefined();
    expect(gw.site.gateway).toBe('single-tunnel');
    expect(() => gw.endpointAddress('slave')).toThrow(/\[Stack\/Gateway\] endpoint 'slave' is not an endpoint of this single-tunnel gateway; allowed: 'master'/);
  });

  test('a subscription writes its period', () => {
    const { stack } = gateway({ paymentType: AlicloudPaymentType.SUBSCRIPTION, subscriptionPeriodMonths: 12, bandwidthMbps: 1000, autoPropagateBgpRoutes: false });
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnGateway, { payment_type: 'Subscription', period: 12, bandwidth: 1000, auto_propagate: false });
  });

  test('a subscription without a period writes 1 month explicitly', () => {
    const { stack } = gateway({ paymentType: AlicloudPaymentType.SUBSCRIPTION });
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnGateway, { payment_type: 'Subscription', period: 1 });
  });

  test('is a site of the topology: cloud, kind, the given CIDRs and ASN, id from the construct id', () => {
    const { gateway: gw } = gateway({ cidrs: ['10.0.0.0/16', '10.1.0.0/16'], asn: 64620 }, 'ali-fra');
    expect(gw.site).toEqual({ id: 'ali-fra', cloud: 'alicloud', gateway: 'dual-tunnel', cidrs: ['10.0.0.0/16', '10.1.0.0/16'], asn: 64620 });
    expect(gw.path).toBe('Stack/ali-fra');
    expect(gateway({ siteId: 'frankfurt' }).gateway.site.id).toBe('frankfurt');
  });

  test('deploys with its Terraform engine (cdktf or cdktn) in its own stack; link stacks mirror its provider', () => {
    const { app, gateway: gw } = gateway();
    expect(gw.deployment.engine).toBe(ENGINE);
    expect(gw.deployment.app).toBe(app);
    expect(gw.deployment.stackName).toBe('Stack');
    const link = gw.deployment.linkStack(2);
    expect(link.stackName).toBe('Stack-links-2');
    expect(JSON.parse(synthChecked(link.scope as TerraformStack)).provider.alicloud).toEqual([{ region: 'eu-central-1' }]);
  });

  test.each([
    ['the bandwidth is not a documented value', { bandwidthMbps: 300 }, /\[Stack\/Gateway\] bandwidthMbps: 300 Mbit\/s is not a bandwidth of a public VPN gateway; allowed: 5, 10, 20, 50, 100, 200, 500, 1000 Mbit\/s/],
    ['a dual-tunnel gateway has no disaster-recovery vSwitch', { disasterRecoveryVswitchId: undefined }, /disasterRecoveryVswitchId: is required for a dual-tunnel gateway/],
    ['a single-tunnel gateway gets a disaster-recovery vSwitch', { tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL }, /disasterRecoveryVswitchId: is given but the gateway is single-tunnel/],
    ['the tunnel mode is unknown', { tunnelMode: 'triple-tunnel' as AlicloudTunnelMode }, /tunnelMode: 'triple-tunnel' is not a tunnel mode; allowed: dual-tunnel, single-tunnel/],
    ['the payment type is unknown', { paymentType: 'PostPaid' as AlicloudPaymentType }, /paymentType: 'PostPaid' is not a payment type; allowed: PayAsYouGo, Subscription/],
    ['a period is given for pay-as-you-go', { subscriptionPeriodMonths: 12 }, /subscriptionPeriodMonths: is given but paymentType is 'PayAsYouGo'/],
    ['the subscription period is not offered', { paymentType: AlicloudPaymentType.SUBSCRIPTION, subscriptionPeriodMonths: 10 }, /subscriptionPeriodMonths: 10 months is not a subscription period; allowed: 1-9, 12, 24 or 36 months/],
    ['the local ASN is out of range', { asn: 0 }, /asn: 0 is not allowed for an Alibaba Cloud gateway; allowed: 1-4294967295/],
    ['no CIDR is given', { cidrs: [] }, /cidrs: expected at least one IPv4 prefix, got none/],
    ['a CIDR is malformed', { cidrs: ['10.0.0.0/33'] }, /cidrs\[0\]: '10\.0\.0\.0\/33' is not a valid IPv4 prefix \(prefix length 33 is above 32\)/],
  ])('fails when %s', (_title, props, message) => {
    expect(() => gateway(props as Partial<AlicloudVpnGatewayProps>)).toThrow(message);
  });

  test('fails when an endpoint name is unknown', () => {
    expect(() => gateway().gateway.endpointAddress('instance0')).toThrow(/endpoint 'instance0' is not an endpoint of this dual-tunnel gateway; allowed: 'master', 'slave'/);
  });

  test('fails when a CIDR is a token (the planner needs literals)', () => {
    const { stack } = newStack();
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(() => new AlicloudVpnGateway(stack, 'Gateway', { ...GATEWAY_PROPS, cidrs: [cidr] })).toThrow(/cidrs\[0\]: is a token; allowed: a literal IPv4 prefix/);
  });

  test('skips unresolved tokens in bandwidth and ASN', () => {
    const { stack } = newStack();
    const bandwidth = new TerraformVariable(stack, 'bandwidth', { type: 'number' }).numberValue;
    const asn = new TerraformVariable(stack, 'asn', { type: 'number' }).numberValue;
    new AlicloudVpnGateway(stack, 'Gateway', { ...GATEWAY_PROPS, bandwidthMbps: bandwidth, asn: asn });
    expect(synthChecked(stack)).toHaveResourceWithProperties(VpnGateway, { bandwidth: '${var.bandwidth}' });
  });
});

describe('AlicloudVpnGateway.realiseLink guards', () => {
  const plan = planVpn({
    sites: [{ id: 'Gateway', cloud: 'alicloud', cidrs: ['10.0.0.0/16'], asn: 64620 }, { id: 'az', cloud: 'azure', cidrs: ['192.168.0.0/16'] }],
    links: [{ between: ['Gateway', 'az'], routing: 'policy' }],
  }, { masterSecret: 'test-only-master-secret-0123456789' });
  const realisation = (g: GatewayPlan): LinkRealisation => ({
    plan, gateway: g, resources: g.links[0], tunnels: plan.tunnels, remoteAddress: () => '203.0.113.1',
  });
  const ali = plan.gateways.find((g) => g.cloud === 'alicloud')!;
  const azure = plan.gateways.find((g) => g.cloud === 'azure')!;

  test('fails when the link carries another cloud\'s resources', () => {
    expect(() => gateway({ asn: 64620 }).gateway.realiseLink({ ...realisation(ali), resources: azure.links[0] }))
      .toThrow(/\[Stack\/Gateway\] link 'Gateway--az' was planned for azure site 'Gateway' \(dual-tunnel\); allowed: a link of Alibaba Cloud site 'Gateway' \(dual-tunnel\)/);
  });

  test('fails when the plan is for another site', () => {
    expect(() => gateway({ asn: 64620 }, 'Other').gateway.realiseLink(realisation(ali))).toThrow(/\[Stack\/Other\] link 'Gateway--az' was planned for alicloud site 'Gateway' \(dual-tunnel\); allowed: a link of Alibaba Cloud site 'Other'/);
  });

  test('fails when the plan gives the site another gateway kind', () => {
    expect(() => gateway({ asn: 64620, tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined }).gateway.realiseLink(realisation(ali)))
      .toThrow(/planned for alicloud site 'Gateway' \(dual-tunnel\); allowed: a link of Alibaba Cloud site 'Gateway' \(single-tunnel\)/);
  });

  test('fails when the plan gives the site another ASN', () => {
    expect(() => gateway({ asn: 64999 }).gateway.realiseLink(realisation(ali))).toThrow(/the plan gives site 'Gateway' ASN 64620, but asn is 64999/);
  });

  test('fails with one clear error when the link is realised twice', () => {
    const gw = gateway({ asn: 64620 }).gateway;
    gw.realiseLink(realisation(ali));
    expect(() => gw.realiseLink(realisation(ali))).toThrow(/\[Stack\/Gateway\] link 'Gateway--az' is already realised on this gateway; allowed: each link once/);
  });
});
