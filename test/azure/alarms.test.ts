/**
 * The Azure alarms (issue 18): the planner names them per active Azure tunnel end, and
 * `AzureVpnGateway` creates exactly those as `azurerm_monitor_metric_alert` resources, scoped to
 * the gateway and filtered to the tunnel; `alarms: false` creates none; options and their checks.
 * The expected metric names, dimensions and provider enums are written here from their sources
 * (supported metrics of Microsoft.Network/virtualNetworkGateways; terraform-provider-azurerm
 * monitor_metric_alert_resource.go at v4.55.0 / v4.73.0), not read from `src/`.
 */
import { TerraformVariable, Testing } from 'cdktf';
import { AzureTunnelAlarm, AzureTunnelAlarmWatch, AzureVpnGateway, AzureVpnGatewayProps } from '../../src/azure';
import type { LinkRealisation } from '../../src/contract';
import { LinkSpec, PlannedAlarm, SiteSpec, planVpn } from '../../src/plan';
import { TEST_SECRET } from '../plan/fixtures';
import { GATEWAY_PROPS, resourcesOf, testStack } from './util';

const AWS_SITE: SiteSpec = { id: 'aws-tokyo', cloud: 'aws', cidrs: ['10.10.0.0/16'] };
const ALI_SITE: SiteSpec = { id: 'ali-hz', cloud: 'alicloud', cidrs: ['192.168.0.0/16'], gateway: 'dual-tunnel' };

const NAMESPACE = 'Microsoft.Network/virtualNetworkGateways';
const TUNNEL_METRIC = `${NAMESPACE} QmsaCount`;
const BGP_METRIC = `${NAMESPACE} BgpPeerStatus`;
const ACTION_GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/vpn-oncall';

type Alert = {
  name: string; resource_group_name: string; scopes: string[]; severity: number; frequency: string; window_size: string; auto_mitigate: boolean;
  criteria: { metric_namespace: string; metric_name: string; aggregation: string; operator: string; threshold: number; dimension: { name: string; operator: string; values: string[] }[] }[];
  action?: { action_group_id: string }[];
};
type Conn = { name: string };
type Lng = { bgp_settings?: { bgp_peering_address: string } };

/** Plans the Azure site with `remote` over one link and realises the Azure half. */
function realise(remote: SiteSpec, link: Omit<LinkSpec, 'between'>, gatewayProps: Partial<AzureVpnGatewayProps> = {}) {
  const stack = testStack();
  const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east', ...gatewayProps });
  const plan = planVpn({ name: 'prod', sites: [gateway.site, remote], links: [{ between: ['azure-east', remote.id], ...link }] }, { masterSecret: TEST_SECRET });
  const gp = plan.gateways.find((g) => g.site === 'azure-east')!;
  let n = 10;
  const realisation: LinkRealisation = { plan, gateway: gp, resources: gp.links[0], tunnels: plan.tunnels, remoteAddress: () => `203.0.113.${n++}` };
  gateway.realiseLink(realisation);
  const synth = Testing.synth(stack);
  const alerts = Object.values(resourcesOf(synth, 'azurerm_monitor_metric_alert')) as unknown as Alert[];
  const azureEnds = plan.tunnels.map((t) => ({ tunnel: t, end: t.ends.find((e) => e.site === 'azure-east')! }));
  return { stack, gateway, plan, synth, alerts, azureEnds, realisation };
}

const planned = (ends: { end: { alarms?: readonly PlannedAlarm[] } }[]) => ends.flatMap((e) => e.end.alarms ?? []);

describe('the plan names Azure alarms per active tunnel end', () => {
  test('GIVEN a BGP link to AWS WHEN planned THEN each active Azure end has a tunnel and a BGP alarm, named within Azure\'s rules', () => {
    const { plan, azureEnds } = realise(AWS_SITE, { routing: 'bgp' });
    const active = azureEnds.filter((e) => e.tunnel.state === 'active');
    expect(active.length).toBeGreaterThan(0);
    for (const { tunnel, end } of active) {
      expect(end.alarms?.map((a) => [a.service, a.metric, a.watches])).toEqual([
        ['azure-monitor', TUNNEL_METRIC, 'tunnel down'],
        ['azure-monitor', BGP_METRIC, 'BGP peer down'],
      ]);
      expect(end.alarms?.every((a) => a.name.includes(`t${tunnel.index + 1}`))).toBe(true);
    }
    const names = plan.tunnels.flatMap((t) => t.ends.flatMap((e) => e.alarms ?? []).map((a) => a.name));
    expect(new Set(names).size).toBe(names.length); // unique in the deployment, across clouds
    for (const name of names) {
      // Azure: none of * # & + : < > ? @ % { } \ /, not ending with a space or a period; the planner's 64 of [A-Za-z0-9._-]
      expect(name).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(name).not.toMatch(/[. ]$/);
    }
  });

  test('GIVEN a policy link to Alibaba WHEN planned THEN only the tunnel alarm: no BGP runs over it', () => {
    const { azureEnds } = realise(ALI_SITE, { routing: 'policy' });
    const alarms = planned(azureEnds.filter((e) => e.tunnel.state === 'active'));
    expect(alarms.length).toBeGreaterThan(0);
    expect(new Set(alarms.map((a) => a.metric))).toEqual(new Set([TUNNEL_METRIC]));
  });

  test('GIVEN an active-standby gateway on a BGP link to AWS WHEN planned THEN idle tunnels have no alarm (nothing answers them)', () => {
    const { azureEnds, plan } = realise(AWS_SITE, { routing: 'bgp' }, { activeActive: false });
    expect(plan.tunnels.some((t) => t.state === 'idle')).toBe(true);
    for (const { tunnel, end } of azureEnds) expect((end.alarms ?? []).length).toBe(tunnel.state === 'active' ? 2 : 0);
  });

  test('GIVEN alarms: false WHEN planned THEN the site says so and no Azure end has alarms (the AWS ends keep theirs)', () => {
    const { gateway, plan, azureEnds } = realise(AWS_SITE, { routing: 'bgp' }, { alarms: false });
    expect(gateway.site.alarms).toBe(false);
    expect(planned(azureEnds)).toEqual([]);
    expect(plan.tunnels.some((t) => t.ends.some((e) => e.site === 'aws-tokyo' && (e.alarms ?? []).length > 0))).toBe(true);
  });
});

describe('AzureVpnGateway creates the alarms the plan names', () => {
  const { synth, alerts, azureEnds } = realise(AWS_SITE, { routing: 'bgp' });
  const conns = resourcesOf(synth, 'azurerm_virtual_network_gateway_connection') as unknown as Record<string, Conn>;
  const lngs = resourcesOf(synth, 'azurerm_local_network_gateway') as unknown as Record<string, Lng>;
  const byName = new Map(alerts.map((a) => [a.name, a]));

  test('exactly one metric alert per planned alarm, with the plan\'s name', () => {
    expect([...byName.keys()].sort()).toEqual(planned(azureEnds).map((a) => a.name).sort());
  });

  test('each scoped to the gateway, in its resource group, evaluated every minute over five, severity Error, resolving itself, no action', () => {
    for (const a of alerts) {
      expect(a.scopes).toEqual(['${azurerm_virtual_network_gateway.Gw_FF01B60D.id}']);
      expect(a).toMatchObject({ resource_group_name: 'rg-vpn', frequency: 'PT1M', window_size: 'PT5M', severity: 1, auto_mitigate: true });
      expect(a.action).toBeUndefined();
    }
  });

  test('the tunnel alarm: QmsaCount Total below 1 of its own connection (ConnectionName)', () => {
    const names = new Set(Object.values(conns).map((c) => c.name));
    const tunnelAlerts = alerts.filter((a) => a.criteria[0].metric_name === 'QmsaCount');
    expect(tunnelAlerts.length).toBe(names.size);
    const filtered = tunnelAlerts.map((a) => {
      expect(a.criteria).toEqual([{ metric_namespace: NAMESPACE, metric_name: 'QmsaCount', aggregation: 'Total', operator: 'LessThan', threshold: 1, dimension: [{ name: 'ConnectionName', operator: 'Include', values: [expect.any(String)] }] }]);
      return a.criteria[0].dimension[0].values[0];
    });
    expect(new Set(filtered)).toEqual(names); // one per connection, each its own
  });

  test('the BGP alarm: BgpPeerStatus Average of the tunnel\'s peer address, below 0.5 on an active-active gateway', () => {
    const peers = new Set(Object.values(lngs).map((l) => l.bgp_settings!.bgp_peering_address));
    const bgpAlerts = alerts.filter((a) => a.criteria[0].metric_name === 'BgpPeerStatus');
    expect(new Set(bgpAlerts.map((a) => a.criteria[0].dimension[0].values[0]))).toEqual(peers);
    for (const a of bgpAlerts) expect(a.criteria[0]).toMatchObject({ metric_namespace: NAMESPACE, aggregation: 'Average', operator: 'LessThan', threshold: 0.5, dimension: [{ name: 'BgpPeerAddress', operator: 'Include' }] });
  });

  test('an alarm sits beside the connection it watches (same stack, under the connection\'s construct)', () => {
    const ids = Object.keys(resourcesOf(synth, 'azurerm_monitor_metric_alert'));
    expect(ids.every((id) => /_conn\d+_(TunnelAlarm|BgpAlarm)_/.test(id))).toBe(true);
  });
});

describe('alarm options', () => {
  test('GIVEN an active-standby gateway WHEN realised THEN the BGP threshold is Microsoft\'s 1', () => {
    const { alerts } = realise(AWS_SITE, { routing: 'bgp' }, { activeActive: false });
    const bgp = alerts.filter((a) => a.criteria[0].metric_name === 'BgpPeerStatus');
    expect(bgp.length).toBeGreaterThan(0);
    for (const a of bgp) expect(a.criteria[0].threshold).toBe(1);
  });

  test('GIVEN options and an action group WHEN realised THEN every alert carries them', () => {
    const { alerts } = realise(AWS_SITE, { routing: 'bgp' }, { alarms: { severity: 0, frequency: 'PT5M', windowSize: 'PT15M', tunnelThreshold: 2, bgpThreshold: 0.25, actionGroupId: ACTION_GROUP } });
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a).toMatchObject({ severity: 0, frequency: 'PT5M', window_size: 'PT15M', action: [{ action_group_id: ACTION_GROUP }] });
      expect(a.criteria[0].threshold).toBe(a.criteria[0].metric_name === 'QmsaCount' ? 2 : 0.25);
    }
  });

  test('GIVEN alarms: false WHEN realised THEN no metric alert', () => {
    const { alerts, synth } = realise(AWS_SITE, { routing: 'bgp' }, { alarms: false });
    expect(alerts).toEqual([]);
    expect(Object.keys(resourcesOf(synth, 'azurerm_virtual_network_gateway_connection')).length).toBeGreaterThan(0);
  });

  test('GIVEN an action group id from a Terraform variable WHEN realised THEN it passes unchecked into action', () => {
    const stack = testStack();
    const id = new TerraformVariable(stack, 'actionGroup', { type: 'string' }).stringValue;
    const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east', alarms: { actionGroupId: id } });
    const plan = planVpn({ sites: [gateway.site, AWS_SITE], links: [{ between: ['azure-east', 'aws-tokyo'], routing: 'static' }] }, { masterSecret: TEST_SECRET });
    const gp = plan.gateways.find((g) => g.site === 'azure-east')!;
    gateway.realiseLink({ plan, gateway: gp, resources: gp.links[0], tunnels: plan.tunnels, remoteAddress: () => '203.0.113.9' });
    const alerts = Object.values(resourcesOf(Testing.synth(stack), 'azurerm_monitor_metric_alert')) as unknown as Alert[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.action).toEqual([{ action_group_id: '${var.actionGroup}' }]);
  });

  // Provider enums (monitor_metric_alert_resource.go:349-359 frequency, :362-366 severity, :369-382 window_size).
  const build = (alarms: AzureVpnGatewayProps['alarms']) => () => new AzureVpnGateway(testStack(), 'Gw', { ...GATEWAY_PROPS, alarms });
  test.each([
    [{ severity: 5 }, /alarms\.severity: 5 is not an Azure alert severity; allowed: an integer 0 \(Critical\) to 4 \(Verbose\)/],
    [{ severity: 1.5 }, /alarms\.severity: 1\.5 is not an Azure alert severity/],
    [{ frequency: 'PT2M' }, /alarms\.frequency: 'PT2M' is not an evaluation frequency of a metric alert; allowed: PT1M, PT5M, PT15M, PT30M, PT1H$/m],
    [{ frequency: 'PT6H', windowSize: 'PT6H' }, /alarms\.frequency: 'PT6H' is not an evaluation frequency/],
    [{ windowSize: 'PT2H' }, /alarms\.windowSize: 'PT2H' is not a window size of a metric alert; allowed: PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D/],
    [{ windowSize: 'PT1M' }, /alarms\.windowSize: 'PT1M' is shorter than the smallest time grain of the VPN gateway's tunnel metrics \(PT5M\)/],
    [{ frequency: 'PT30M', windowSize: 'PT15M' }, /alarms\.windowSize: 'PT15M' is shorter than the evaluation frequency 'PT30M'/],
    [{ frequency: 'PT15M' }, /alarms\.windowSize: 'PT5M' is shorter than the evaluation frequency 'PT15M'/],
    [{ windowSize: 'PT6H' }, /alarms\.frequency: 'PT1M' with a window of 'PT6H': Azure Monitor refuses a frequency under five minutes for a window above four hours/],
    [{ tunnelThreshold: 0 }, /alarms\.tunnelThreshold: 0 can never be crossed by a count of IPsec SAs; allowed: a number above 0/],
    [{ bgpThreshold: 1.5 }, /alarms\.bgpThreshold: 1\.5 is outside the range of the average BGP peer status/],
    [{ bgpThreshold: 0 }, /alarms\.bgpThreshold: 0 is outside the range/],
    [{ actionGroupId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet' }, /alarms\.actionGroupId: '\/subscriptions\/0\/resourceGroups\/rg\/providers\/Microsoft\.Network\/.+ is not an action group's resource id; allowed: \/subscriptions\/<id>\/resourceGroups\/<group>\/providers\/Microsoft\.Insights\/actionGroups\/<name>/],
    [{ severity: '1' as unknown as number }, /alarms: got \{"severity":"1"\}; allowed: true, false or alarm options/],
    ['yes' as unknown as boolean, /alarms: .*allowed: true, false or alarm options \(AzureVpnAlarmOptions\)/],
  ])('GIVEN alarms %j WHEN the gateway is built THEN one clear error', (alarms, message) => {
    expect(build(alarms)).toThrow(message);
  });

  test('GIVEN several bad options WHEN built THEN one error lists them all', () => {
    expect(build({ severity: 7, frequency: 'PT3M', actionGroupId: 'ag' })).toThrow(/3 problems:\n.*alarms\.severity.*\n.*alarms\.frequency.*\n.*alarms\.actionGroupId/);
  });

  test.each([
    [{}], [{ frequency: 'PT5M', windowSize: 'PT5M' }], [{ frequency: 'PT1H', windowSize: 'P1D' }], [{ frequency: 'PT5M', windowSize: 'PT12H' }],
    [{ actionGroupId: ACTION_GROUP.toLowerCase() }], [{ bgpThreshold: 1, tunnelThreshold: 0.5 }],
  ])('GIVEN alarms %j WHEN built THEN accepted', (alarms) => {
    expect(build(alarms)).not.toThrow();
  });
});

describe('AzureTunnelAlarm on its own', () => {
  const gateway = () => new AzureVpnGateway(testStack(), 'Gw', GATEWAY_PROPS);

  test('GIVEN a BGP-peer alarm WHEN built THEN it filters on the address given', () => {
    const gw = gateway();
    new AzureTunnelAlarm(gw, 'Alarm', { name: 'edge-bgp', gateway: gw, watch: AzureTunnelAlarmWatch.BGP_PEER, bgpPeerAddress: '169.254.21.1', severity: 2 });
    const [a] = Object.values(resourcesOf(Testing.synth(gw.node.scope as never), 'azurerm_monitor_metric_alert')) as unknown as Alert[];
    expect(a).toMatchObject({ name: 'edge-bgp', severity: 2, criteria: [{ metric_name: 'BgpPeerStatus', threshold: 0.5, dimension: [{ name: 'BgpPeerAddress', values: ['169.254.21.1'] }] }] });
  });

  test.each([
    [{ watch: AzureTunnelAlarmWatch.TUNNEL }, /connectionName: is missing; allowed: the connection name a tunnel alarm watches/],
    [{ watch: AzureTunnelAlarmWatch.BGP_PEER }, /bgpPeerAddress: is missing; allowed: the peer BGP address a bgp-peer alarm watches/],
    [{ watch: AzureTunnelAlarmWatch.TUNNEL, connectionName: 'c', name: 'a/b' }, /name: 'a\/b' is not a metric alert rule name/],
    [{ watch: AzureTunnelAlarmWatch.TUNNEL, connectionName: 'c', name: 'ends.' }, /name: 'ends\.' is not a metric alert rule name/],
    [{ watch: 'down' as AzureTunnelAlarmWatch, connectionName: 'c' }, /watch: got 'down'; allowed: one of 'tunnel', 'bgp-peer'/],
  ])('GIVEN %j WHEN built THEN one clear error', (props, message) => {
    const gw = gateway();
    expect(() => new AzureTunnelAlarm(gw, 'Alarm', { name: 'x', gateway: gw, ...props })).toThrow(message);
  });
});

test('GIVEN a plan whose Azure alarm watches a metric the constructs do not know WHEN realised THEN a plan-mismatch error', () => {
  const stack = testStack();
  const gateway = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east' });
  const plan = planVpn({ sites: [gateway.site, AWS_SITE], links: [{ between: ['azure-east', 'aws-tokyo'], routing: 'static' }] }, { masterSecret: TEST_SECRET });
  const gp = plan.gateways.find((g) => g.site === 'azure-east')!;
  const tunnels = plan.tunnels.map((t) => ({ ...t, ends: t.ends.map((e) => (e.site === 'azure-east' ? { ...e, alarms: [{ name: 'x', service: 'azure-monitor' as const, metric: `${NAMESPACE} BgpPeerStatus`, watches: 'BGP peer down' }] } : e)) as unknown as typeof t.ends }));
  expect(() => gateway.realiseLink({ plan, gateway: gp, resources: gp.links[0], tunnels, remoteAddress: () => '203.0.113.9' }))
    .toThrow(/alarm 'x' of connection '.+' watches 'azure-monitor Microsoft\.Network\/virtualNetworkGateways BgpPeerStatus', which an Azure connection without BGP has no alert for/);
});
