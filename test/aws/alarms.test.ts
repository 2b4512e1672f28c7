/**
 * The CloudWatch alarms of the AWS end of each tunnel (`src/aws/alarms.ts`): one per alarm the
 * plan names, on the tunnel's outside IP, in the connection's stack; none for idle tunnels or
 * with `alarms: false`; options, SNS actions and their validation.
 */
import { Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsGatewayKind, AwsTunnelAlarmOptions, AwsVpnGateway, AwsVpnGatewayProps } from '../../src/aws';
import type { LinkRealisation } from '../../src/contract';
import { LinkSpec, PlannedAlarm, PlannedTunnel, SiteSpec, TunnelEnd, VpnPlan, planVpn } from '../../src/plan';
import { testStack } from './util';

/** A master secret for tests only (never a real one). */
const TEST_SECRET = 'test-only-master-secret-0123456789';
const azureSite: SiteSpec = { id: 'azure-east', cloud: 'azure', cidrs: ['10.20.0.0/16'] };
const AZURE_IPS: Record<string, string> = { instance0: '203.0.113.10', instance1: '203.0.113.11' };

function awsGateway(stack: Stack, props: Partial<AwsVpnGatewayProps> = {}): AwsVpnGateway {
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 1, natGateways: 0 });
  return new AwsVpnGateway(stack, 'Tokyo', { kind: AwsGatewayKind.vpnGateway({ vpc }), siteId: 'aws-tokyo', asn: 64600, ...props });
}

function planLink(gw: AwsVpnGateway, azure: Partial<SiteSpec> = {}, link: Partial<LinkSpec> = {}): { plan: VpnPlan; realisation: LinkRealisation } {
  const plan = planVpn({ name: 'mesh', sites: [gw.site, { ...azureSite, ...azure }], links: [{ between: ['aws-tokyo', 'azure-east'], ...link }] }, { masterSecret: TEST_SECRET });
  const gateway = plan.gateways.find((g) => g.site === 'aws-tokyo')!;
  const resources = gateway.links[0];
  return {
    plan,
    realisation: { plan, gateway, resources, tunnels: plan.tunnels.filter((t) => t.link === resources.link), remoteAddress: (endpoint) => AZURE_IPS[endpoint] },
  };
}

const awsEnd = (t: PlannedTunnel) => t.ends.find((e) => e.cloud === 'aws')!;

/** The tunnels with every planned alarm of their AWS end changed by `f` (a tampered plan). */
function withAwsAlarms(tunnels: readonly PlannedTunnel[], f: (a: PlannedAlarm) => PlannedAlarm): PlannedTunnel[] {
  return tunnels.map((t) => ({ ...t, ends: t.ends.map((e) => (e.cloud === 'aws' ? { ...e, alarms: e.alarms?.map(f) } : e)) as [TunnelEnd, TunnelEnd] }));
}
const alarmsOf = (stack: Stack) => Object.entries(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));

/** The lookup GetAtt an alarm's TunnelIpAddress dimension names: [logical id, attribute]. */
function dimensionTarget(alarm: Record<string, any>): [string, string] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dims = alarm.Properties.Dimensions as { Name: string; Value: { 'Fn::GetAtt': [string, string] } }[];
  expect(dims).toHaveLength(1);
  expect(dims[0].Name).toBe('TunnelIpAddress');
  return dims[0].Value['Fn::GetAtt'];
}

describe('AWS tunnel alarms', () => {
  test('one TunnelState alarm per active tunnel, named by the plan, on that tunnel\'s outside IP, with AWS\'s recommended defaults', () => {
    // GIVEN an active-active Azure peer: two connections, four active tunnels
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw);
    expect(realisation.tunnels.filter((t) => t.state === 'active')).toHaveLength(4);

    // WHEN
    gw.realiseLink(realisation);

    // THEN each planned alarm exists once, with the plan's name
    const alarms = alarmsOf(stack);
    const planned = realisation.tunnels.flatMap((t) => awsEnd(t).alarms ?? []);
    expect(planned).toHaveLength(4);
    expect(alarms.map(([, a]) => a.Properties.AlarmName).sort()).toEqual(planned.map((a) => a.name).sort());
    expect(gw.tunnelAlarms).toHaveLength(4);

    // AND every alarm watches the outside IP of its own tunnel: the lookup of its connection, its tunnel's attribute
    const lookups = Template.fromStack(stack).findResources('Custom::VpnTunnelOutsideIps');
    const connections = Template.fromStack(stack).findResources('AWS::EC2::VPNConnection');
    for (const tunnel of realisation.tunnels) {
      const name = awsEnd(tunnel).alarms![0].name;
      const [, alarm] = alarms.find(([, a]) => a.Properties.AlarmName === name)!;
      const [lookupId, attribute] = dimensionTarget(alarm);
      const connectionId = lookups[lookupId].Properties.VpnConnectionId.Ref;
      const specs = connections[connectionId].Properties.VpnTunnelOptionsSpecifications as { TunnelInsideCidr: string }[];
      const index = specs.findIndex((s) => s.TunnelInsideCidr === tunnel.insideCidr);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(attribute).toBe(`Tunnel${index + 1}OutsideIp`);
      expect(alarm.Properties).toEqual(expect.objectContaining({
        Namespace: 'AWS/VPN', MetricName: 'TunnelState', Statistic: 'Minimum', Period: 300, EvaluationPeriods: 3, Threshold: 1,
        ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
      }));
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
      expect(alarm.Properties.AlarmDescription).toContain(tunnel.id);
      // AND it records the tunnel it is meant to watch
      expect(alarm.Metadata.CrossCloudVpn).toEqual({ Alarm: { VpnConnectionId: { Ref: connectionId }, TunnelInsideCidr: tunnel.insideCidr } });
    }
  });

  test('no alarm on an idle tunnel: an active-standby BGP peer leaves one tunnel of the connection idle', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw, { gateway: 'active-standby' });
    const active = realisation.tunnels.filter((t) => t.state === 'active');
    const idle = realisation.tunnels.filter((t) => t.state === 'idle');
    expect([active.length, idle.length]).toEqual([1, 1]);
    expect(awsEnd(idle[0]).alarms).toBeUndefined();

    gw.realiseLink(realisation);

    const alarms = alarmsOf(stack);
    expect(alarms.map(([, a]) => a.Properties.AlarmName)).toEqual([awsEnd(active[0]).alarms![0].name]);
    const [, attribute] = dimensionTarget(alarms[0][1]);
    const specs = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPNConnection'))[0].Properties.VpnTunnelOptionsSpecifications as { TunnelInsideCidr: string }[];
    expect(attribute).toBe(`Tunnel${specs.findIndex((s) => s.TunnelInsideCidr === active[0].insideCidr) + 1}OutsideIp`);
  });

  test('the alarms are in the stack of the connection they watch (the link stack), not the gateway\'s', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const linkStack = gw.deployment.linkStack(2);
    const { realisation } = planLink(gw);

    gw.realiseLink({ ...realisation, stack: linkStack, remoteAddress: (e) => linkStack.importValue(`Azure ${e}`, `public IP of ${e}`).value });

    expect(alarmsOf(linkStack.scope as Stack)).toHaveLength(4);
    expect(alarmsOf(stack)).toHaveLength(0);
  });

  test('an existing transit gateway\'s connections are the app\'s: their tunnels get alarms too', () => {
    const stack = testStack();
    const gw = new AwsVpnGateway(stack, 'Tokyo', { kind: AwsGatewayKind.existingTransitGateway('tgw-0123456789abcdef0'), siteId: 'aws-tokyo', asn: 64700, cidrs: ['10.10.0.0/16'] });
    const { realisation } = planLink(gw);
    gw.realiseLink(realisation);
    expect(alarmsOf(stack)).toHaveLength(realisation.tunnels.filter((t) => t.state === 'active').length);
    expect(gw.tunnelAlarms.map((a) => a.alarmName).sort()).toEqual(realisation.tunnels.flatMap((t) => awsEnd(t).alarms!.map((x) => x.name)).sort());
  });

  test('alarms: false: the site says so, the plan names no alarm, the stack has none', () => {
    const stack = testStack();
    const gw = awsGateway(stack, { alarms: false });
    expect(gw.site.alarms).toBe(false);
    const { realisation } = planLink(gw);
    expect(realisation.tunnels.every((t) => awsEnd(t).alarms === undefined)).toBe(true);

    gw.realiseLink(realisation);

    expect(alarmsOf(stack)).toHaveLength(0);
    expect(gw.tunnelAlarms).toEqual([]);
  });

  test('alarms on by default leave the site as it was (no alarms key): plans stay unchanged', () => {
    const gw = awsGateway(testStack());
    expect(gw.site).not.toHaveProperty('alarms');
    expect(awsGateway(testStack(), { alarms: true }).site).not.toHaveProperty('alarms');
  });

  test('options: the threshold, period and evaluation periods given, and an SNS topic on ALARM and OK', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Oncall');
    const gw = awsGateway(stack, { alarms: { threshold: 0.5, periodSeconds: 600, evaluationPeriods: 2, topic } });
    gw.realiseLink(planLink(gw).realisation);

    const alarms = alarmsOf(stack);
    expect(alarms).toHaveLength(4);
    const topicRef = { Ref: Object.keys(Template.fromStack(stack).findResources('AWS::SNS::Topic'))[0] };
    for (const [, alarm] of alarms) {
      expect(alarm.Properties).toEqual(expect.objectContaining({ Threshold: 0.5, Period: 600, EvaluationPeriods: 2, AlarmActions: [topicRef], OKActions: [topicRef] }));
    }
  });

  test('an imported topic works the same (its ARN)', () => {
    const stack = testStack();
    const arn = 'arn:aws:sns:ap-northeast-1:111122223333:vpn-oncall';
    const gw = awsGateway(stack, { alarms: { topic: sns.Topic.fromTopicArn(stack, 'Imported', arn) } });
    gw.realiseLink(planLink(gw).realisation);
    for (const [, alarm] of alarmsOf(stack)) expect(alarm.Properties).toEqual(expect.objectContaining({ AlarmActions: [arn], OKActions: [arn], Period: 300 }));
  });

  test.each<[string, AwsTunnelAlarmOptions | unknown, RegExp]>([
    ['a threshold of 0 (never fires)', { threshold: 0 }, /alarms\.threshold: 0 never or always fires on TunnelState \(0 down, 1 up\); allowed: a number greater than 0 and at most 1/],
    ['a threshold above 1 (always fires)', { threshold: 1.5 }, /alarms\.threshold: 1\.5 .*allowed: a number greater than 0 and at most 1/],
    ['a period that is not a multiple of 60', { periodSeconds: 330 }, /alarms\.periodSeconds: 330 s; allowed: a multiple of 60 s \(CloudWatch PutMetricAlarm\), at least 300 s/],
    ['a period shorter than the metric\'s datapoints', { periodSeconds: 60 }, /alarms\.periodSeconds: 60 s; allowed: .*at least 300 s \(TunnelState has 5-minute datapoints/],
    ['a high-resolution period', { periodSeconds: 30 }, /alarms\.periodSeconds: 30 s/],
    ['no evaluation period', { evaluationPeriods: 0 }, /alarms\.evaluationPeriods: 0; allowed: an integer of at least 1/],
    ['more than a day of 5-minute periods', { evaluationPeriods: 289 }, /alarms\.evaluationPeriods: 289 periods of 300 s evaluate 86700 s; allowed: at most 86400 s \(CloudWatch PutMetricAlarm: 1 day for periods under an hour\)/],
    ['more than 7 days of hourly periods', { periodSeconds: 3600, evaluationPeriods: 169 }, /evaluate 608400 s; allowed: at most 604800 s \(CloudWatch PutMetricAlarm: 7 days\)/],
    ['a string period', { periodSeconds: '300' }, /\[Test\/Tokyo\] alarms: .*allowed: true, false or alarm options/],
    ['a topic that is not one', { topic: 'arn:aws:sns:x' }, /\[Test\/Tokyo\] alarms: .*allowed: true, false or alarm options/],
  ])('refuses %s with one clear error', (_, alarms, message) => {
    expect(() => awsGateway(testStack(), { alarms: alarms as AwsTunnelAlarmOptions })).toThrow(message);
  });

  test('every problem of the options in one error', () => {
    expect(() => awsGateway(testStack(), { alarms: { threshold: 2, periodSeconds: 90, evaluationPeriods: 0 } }))
      .toThrow(/threshold[\s\S]*periodSeconds[\s\S]*evaluationPeriods/);
  });

  test('the longest evaluation ranges CloudWatch takes are accepted', () => {
    expect(() => awsGateway(testStack(), { alarms: { evaluationPeriods: 288 } })).not.toThrow();
    expect(() => awsGateway(testStack(), { alarms: { periodSeconds: 3600, evaluationPeriods: 168 } })).not.toThrow();
  });

  test('two alarms of one name in a stack: one clear error (PutMetricAlarm would overwrite the first)', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw);
    const name = awsEnd(realisation.tunnels[0]).alarms![0].name;
    const tunnels = withAwsAlarms(realisation.tunnels, (a) => ({ ...a, name }));
    expect(() => gw.realiseLink({ ...realisation, tunnels })).toThrow(new RegExp(`alarm name '${name}' is already used by Test/Tokyo/Link-aws-tokyo--azure-east/conn1/Tunnel1Alarm in stack Test; allowed: names unique in the stack`));
  });

  test('a planned alarm on another metric is a plan mismatch', () => {
    const stack = testStack();
    const gw = awsGateway(stack);
    const { realisation } = planLink(gw);
    const tunnels = withAwsAlarms(realisation.tunnels, (a) => ({ ...a, metric: 'AWS/VPN TunnelDataIn' }));
    expect(() => gw.realiseLink({ ...realisation, tunnels })).toThrow(/watches 'cloudwatch AWS\/VPN TunnelDataIn'; allowed: cloudwatch AWS\/VPN TunnelState/);
  });
});
