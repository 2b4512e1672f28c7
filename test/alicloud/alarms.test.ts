/**
 * CloudMonitor alarms of the Alibaba Cloud constructs (`src/alicloud/alarms.ts`): one
 * `alicloud_cms_alarm` per alarm the plan names, on the connection it watches, in its stack, with
 * the defaults and options, checked against the provider schema; `alarms: false`; bad options.
 */
import { TerraformStack } from 'cdktf';
import { AlicloudTunnelMode, AlicloudVpnGateway, AlicloudVpnGatewayProps } from '../../src/alicloud';
import { ALICLOUD_ACCOUNT_CONTACT_GROUP, ALICLOUD_ALARM_METRIC, ALICLOUD_ALARM_NAMESPACE } from '../../src/alicloud/alarms';
import { CmsAlarm } from '../../src/alicloud/generated/cdktf/providers/alicloud/cms-alarm';
import type { LinkRealisation } from '../../src/contract';
import { AlicloudLinkResources, SiteSpec, Topology, planVpn } from '../../src/plan';
import { GATEWAY_PROPS, newStack, resourcesOf, synthChecked } from './fixtures';
import '../lib/cdktf-matchers';

const SECRET = 'test-only-master-secret-0123456789';

/** An AWS ↔ Alibaba Cloud BGP link: two AWS connections (four tunnels) against the Alibaba gateway. */
function topology(ali: Partial<SiteSpec> = {}): Topology {
  return {
    name: 'mesh',
    sites: [
      { id: 'aws-fra', cloud: 'aws', gateway: 'vpn-gateway', cidrs: ['10.1.0.0/16'] },
      { id: 'ali-fra', cloud: 'alicloud', gateway: 'dual-tunnel', cidrs: ['10.0.0.0/16'], ...ali },
    ],
    links: [{ id: 'l1', between: ['aws-fra', 'ali-fra'], routing: 'bgp' }],
  };
}

function realise(props: Partial<AlicloudVpnGatewayProps> = {}, site: Partial<SiteSpec> = {}, stack?: (s: TerraformStack) => TerraformStack) {
  const { stack: own } = newStack();
  const gateway = new AlicloudVpnGateway(own, 'ali-fra', { ...GATEWAY_PROPS, ...props });
  const plan = planVpn(topology({ ...site, ...(gateway.site.alarms === false ? { alarms: false } : {}), gateway: gateway.site.gateway }), { masterSecret: SECRET });
  const gw = plan.gateways.find((g) => g.site === 'ali-fra')!;
  const linkStack = stack?.(own);
  const realisation: LinkRealisation = {
    plan, gateway: gw, resources: gw.links[0], tunnels: plan.tunnels.filter((t) => t.link === 'l1'), remoteAddress: () => '203.0.113.1',
    stack: linkStack && { stackName: linkStack.node.id, phase: 2, scope: linkStack, importValue: () => { throw new Error('not used'); } },
  };
  gateway.realiseLink(realisation);
  return { plan, resources: gw.links[0] as AlicloudLinkResources, own, linkStack, gateway };
}

const alarmsOf = (synth: string) => Object.values(resourcesOf(synth, 'alicloud_cms_alarm'));
const aliAlarmNames = (plan: ReturnType<typeof planVpn>) => [...new Set(plan.tunnels.flatMap((t) => t.ends.filter((e) => e.cloud === 'alicloud').flatMap((e) => e.alarms ?? []).map((a) => a.name)))].sort();

describe('Alibaba Cloud CloudMonitor alarms', () => {
  test('one rule per planned alarm, with the plan\'s names: a dual-tunnel connection has one (no tunnel dimension)', () => {
    // GIVEN an AWS link (two Alibaba dual-tunnel connections), WHEN realised with the defaults
    const { plan, resources, own } = realise();
    const synth = synthChecked(own);
    // THEN both tunnels of each connection name the same alarm, and exactly those alarms exist
    expect(resources.connections).toHaveLength(2);
    const names = aliAlarmNames(plan);
    expect(names).toEqual(['mesh-l1.ali-fra-ali-conn1', 'mesh-l1.ali-fra-ali-conn2']);
    expect(alarmsOf(synth).map((a) => a.name).sort()).toEqual(names);
    for (const c of resources.connections) {
      const perTunnel = c.tunnels.map((t) => plan.tunnels.find((p) => p.id === t.tunnel)!.ends.find((e) => e.cloud === 'alicloud')!.alarms!.map((a) => a.name));
      expect(perTunnel).toEqual([[`mesh-l1.ali-fra-ali-${c.id}`], [`mesh-l1.ali-fra-ali-${c.id}`]]);
    }
  });

  test('watches acs_vpn ipsec_rx.rate of its gateway and connection, critical when at most 0 bit/s for 3 periods of 60 s, notifying the account group', () => {
    const { own } = realise();
    const synth = synthChecked(own);
    const connections = Object.keys(resourcesOf(synth, 'alicloud_vpn_connection'));
    const gatewayName = Object.keys(resourcesOf(synth, 'alicloud_vpn_gateway'))[0];
    const alarms = alarmsOf(synth);
    expect(alarms).toHaveLength(2);
    for (const a of alarms) {
      expect(a).toMatchObject({
        project: ALICLOUD_ALARM_NAMESPACE,
        metric: ALICLOUD_ALARM_METRIC,
        period: 60,
        contact_groups: [ALICLOUD_ACCOUNT_CONTACT_GROUP],
        enabled: true,
        escalations_critical: { statistics: 'Value', comparison_operator: '<=', threshold: '0', times: 3 },
      });
    }
    // each alarm selects one connection: instanceId = the gateway, ipsecId = that connection
    const dims = alarms.map((a) => JSON.parse(a.metric_dimensions as string) as Record<string, string>[]);
    expect(dims.map((d) => d[0].ipsecId).sort()).toEqual(connections.map((c) => `\${alicloud_vpn_connection.${c}.id}`).sort());
    for (const d of dims) expect(d).toEqual([{ instanceId: `\${alicloud_vpn_gateway.${gatewayName}.id}`, ipsecId: expect.any(String) }]);
  });

  test('options: period, threshold, evaluation periods and contact groups', () => {
    const { own } = realise({ alarms: { periodSeconds: 300, thresholdBitsPerSecond: 1000, evaluationPeriods: 2, contactGroups: ['netops', 'oncall'] } });
    expect(synthChecked(own)).toHaveResourceWithProperties(CmsAlarm, {
      period: 300,
      contact_groups: ['netops', 'oncall'],
      escalations_critical: expect.objectContaining({ threshold: '1000', times: 2 }),
    });
  });

  test('the alarms live in the stack of the connection they watch', () => {
    const { own, linkStack } = realise({}, {}, (s) => new TerraformStack(s.node.scope!, 'Links'));
    expect(alarmsOf(synthChecked(linkStack!))).toHaveLength(2);
    expect(Object.keys(resourcesOf(synthChecked(linkStack!), 'alicloud_vpn_connection'))).toHaveLength(2);
    expect(alarmsOf(synthChecked(own))).toHaveLength(0);
  });

  test('alarms: false sets site.alarms false: the plan names none and none is created', () => {
    const { plan, own, gateway } = realise({ alarms: false });
    expect(gateway.site.alarms).toBe(false);
    expect(aliAlarmNames(plan)).toEqual([]);
    expect(alarmsOf(synthChecked(own))).toHaveLength(0);
    // the AWS end still has its alarms
    expect(plan.tunnels.some((t) => t.ends.some((e) => e.cloud === 'aws' && (e.alarms ?? []).length > 0))).toBe(true);
  });

  test('a single-tunnel gateway gets one alarm per connection (one tunnel each)', () => {
    const { plan, resources, own } = realise({ tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, disasterRecoveryVswitchId: undefined });
    expect(alarmsOf(synthChecked(own))).toHaveLength(resources.connections.length);
    expect(aliAlarmNames(plan)).toHaveLength(resources.connections.length);
  });

  test.each<[string, AlicloudVpnGatewayProps['alarms'], RegExp]>([
    ['a period that is not a multiple of 60', { periodSeconds: 90 }, /\[Stack\/ali-fra\] alarms\.periodSeconds: 90 s is not a CloudMonitor period of the acs_vpn metrics; allowed: a multiple of 60 s, at least 60/],
    ['a period below 60', { periodSeconds: 0 }, /alarms\.periodSeconds: 0 s is not a CloudMonitor period/],
    ['a negative threshold', { thresholdBitsPerSecond: -1 }, /alarms\.thresholdBitsPerSecond: -1 is not a bandwidth; allowed: a number of bit\/s, 0 or more/],
    ['a fractional number of periods', { evaluationPeriods: 1.5 }, /alarms\.evaluationPeriods: 1\.5 is not a number of periods; allowed: an integer, 1 or more/],
    ['no contact group', { contactGroups: [] }, /alarms\.contactGroups: is empty; allowed: one or more CloudMonitor contact group names/],
    ['a contact group with a comma', { contactGroups: ['a,b'] }, /alarms\.contactGroups\[0\]: 'a,b' is not a contact group name; allowed: a non-empty name without commas/],
  ])('rejects %s with one clear error', (_what, alarms, message) => {
    const { stack } = newStack();
    expect(() => new AlicloudVpnGateway(stack, 'ali-fra', { ...GATEWAY_PROPS, alarms })).toThrow(message);
  });

  test('rejects an alarms value of the wrong shape', () => {
    const { stack } = newStack();
    expect(() => new AlicloudVpnGateway(stack, 'ali-fra', { ...GATEWAY_PROPS, alarms: 'yes' as unknown as boolean }))
      .toThrow(/\[Stack\/ali-fra\] alarms: .*true, false or AlicloudAlarmOptions/);
  });
});
