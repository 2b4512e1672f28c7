/**
 * verify's view of the AWS tunnel alarms (`src/verify/clouds/aws/alarms.ts`): every
 * `AWS::CloudWatch::Alarm` of real example output is accepted and reported on the tunnel whose
 * outside IP it watches; mutations (one value each) that CloudWatch rejects, or that make an alarm
 * watch another tunnel than it declares, fail exactly the tunnel of that alarm.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderReport, verify } from '../../../src/verify';
import { AWS_VPN_METRICS } from '../../../src/verify/clouds/aws/alarms';
import type { TunnelResult, VerifyReport } from '../../../src/verify/types';
import { Json, Obj, cfnResources, cleanupScratch, exampleOutput, mutated } from '../mutate';

afterAll(() => cleanupScratch());

const EXAMPLE = 'aws-azure-bgp';
const LINKS = 'AwsTokyoLinks2.template.json';
const ALARM = 'AWS::CloudWatch::Alarm';

type Alarm = Obj & { Properties: Obj & { Dimensions: { Name: string; Value: Json }[] }; Metadata: Obj };
const alarmsIn = (body: Obj) => cfnResources(body, ALARM) as [string, Alarm][];

/** Changes the links template: `change` gets its body. */
const mutateLinks = (name: string, change: (body: Obj) => void) => mutated(exampleOutput(EXAMPLE), name, (file, body) => {
  if (path.basename(file) !== LINKS) return false;
  change(body);
  return true;
});

/** Changes the first alarm of the links template (the one `firstAlarmName` names). */
const mutateFirstAlarm = (name: string, change: (alarm: Alarm, body: Obj) => void) => mutateLinks(name, (body) => change(alarmsIn(body)[0][1], body));

let firstAlarmName: string;
let original: VerifyReport;
beforeAll(async () => {
  original = await verify([exampleOutput(EXAMPLE)], { modelOnly: true });
  const dir = exampleOutput(EXAMPLE);
  const body = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', LINKS), 'utf8')) as Obj;
  firstAlarmName = alarmsIn(body)[0][1].Properties.AlarmName as string;
});

const watchedBy = (t: TunnelResult, name: string) => (t.alarms ?? []).some((a) => a.includes(`${name} (AWS/VPN TunnelState)`));
/** The AWS halves' alarms of a tunnel (the other half's cloud names its own). */
const awsAlarms = (t: TunnelResult) => (t.alarms ?? []).filter((a) => a.startsWith('AWS '));

/** THEN only the tunnel the first alarm watches fails, `cloud-rejects` with every pattern in its reason. */
function expectOnlyItsTunnelRejected(report: VerifyReport, ...reason: RegExp[]): void {
  // The tunnel the alarm watched before the change (a renamed alarm or another metric is not found by its name)
  const [watched] = original.tunnels.filter((t) => watchedBy(t, firstAlarmName));
  const affected = report.tunnels.filter((t) => t.halves.join() === watched.halves.join());
  expect(affected).toHaveLength(1);
  expect(affected[0]).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
  for (const re of reason) expect(affected[0].failure!.reason).toMatch(re);
  expect(report.tunnels.filter((t) => t !== affected[0] && t.status === 'failed').map((t) => `${t.id} ${t.failure?.reason}`)).toEqual([]);
  expect(report.violations.every((v) => v.attribute !== '' && v.source !== '')).toBe(true);
}

describe('AWS alarms in verify', () => {
  test('the example\'s alarms are all accepted, and each AWS tunnel reports the one alarm on its outside IP', () => {
    // THEN nothing is rejected
    expect(original.violations).toEqual([]);
    // AND every tunnel with an AWS half reports exactly one alarm, named as the plan names it
    const aws = original.tunnels.filter((t) => t.halves.some((h) => h.startsWith('aws:')));
    expect(aws.length).toBe(4);
    for (const t of aws) {
      expect(awsAlarms(t)).toHaveLength(1);
      expect(awsAlarms(t)[0]).toMatch(/^AWS conn\d tunnel\d: \S+-aws-tunnel \(AWS\/VPN TunnelState\)$/);
    }
    // AND the four alarms are four different names
    expect(new Set(aws.map((t) => awsAlarms(t)[0].split(': ')[1])).size).toBe(4);
  });

  test('the text report lists the alarms per tunnel', () => {
    const text = renderReport(original);
    expect(text).toMatch(/alarms \(what watches each tunnel in its cloud's monitoring\):\n {2}t\d AWS conn\d tunnel\d: \S+-aws-tunnel \(AWS\/VPN TunnelState\)/);
  });

  test.each<[string, (a: Alarm, body: Obj) => void, RegExp[]]>([
    ['a period that is not a multiple of 60', (a) => { a.Properties.Period = 90; }, [/Period = 90/, /10, 20, 30 or a multiple of 60 seconds/, /PutMetricAlarm/]],
    ['a high-resolution period on an AWS metric', (a) => { a.Properties.Period = 10; }, [/Period = 10/, /AWS publishes AWS\/VPN/]],
    ['no evaluation period', (a) => { a.Properties.EvaluationPeriods = 0; }, [/EvaluationPeriods = 0/, /at least 1/]],
    ['more than a day of 5-minute periods', (a) => { a.Properties.EvaluationPeriods = 300; }, [/300 × 300 s = 90000 s/, /at most 86400 s \(1 day for periods under an hour\)/]],
    ['more datapoints to alarm than periods', (a) => { a.Properties.DatapointsToAlarm = 4; }, [/DatapointsToAlarm = 4/, /from 1 to EvaluationPeriods/]],
    ['an unknown comparison', (a) => { a.Properties.ComparisonOperator = 'LessThan'; }, [/ComparisonOperator = 'LessThan'/, /one of GreaterThanOrEqualToThreshold/]],
    ['an anomaly-band comparison without a band', (a) => { a.Properties.ComparisonOperator = 'LessThanLowerThreshold'; }, [/needs an anomaly detection band/]],
    ['an unknown statistic', (a) => { a.Properties.Statistic = 'Min'; }, [/Statistic = 'Min'/, /SampleCount, Average, Sum, Minimum, Maximum/]],
    ['both Statistic and ExtendedStatistic', (a) => { a.Properties.ExtendedStatistic = 'p10'; }, [/exactly one of Statistic and ExtendedStatistic/]],
    ['an unknown missing-data treatment', (a) => { a.Properties.TreatMissingData = 'Breaching'; }, [/TreatMissingData = 'Breaching'/, /breaching, notBreaching, ignore, missing/]],
    ['a name of 256 characters', (a) => { a.Properties.AlarmName = 'a'.repeat(256); }, [/AlarmName/, /1-255 characters/]],
    ['a metric AWS/VPN does not have', (a) => { a.Properties.MetricName = 'TunnelStatus'; }, [/MetricName = 'TunnelStatus'/, /TunnelState, TunnelDataIn, TunnelDataOut/, /monitoring-cloudwatch-vpn/]],
    ['a dimension AWS/VPN does not have', (a) => { a.Properties.Dimensions.push({ Name: 'VpnConnectionId', Value: 'x' }); }, [/Dimensions\[1\]\.Name = 'VpnConnectionId'/, /VpnId, TunnelIpAddress/]],
    ['six alarm actions', (a) => { a.Properties.AlarmActions = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:ap-northeast-1:111122223333:t${i}`); }, [/AlarmActions = 6 actions/, /at most 5/]],
  ])('rejects %s, failing only the tunnel of the alarm', async (_, change, reason) => {
    const report = await verify([mutateFirstAlarm(_.replace(/\W+/g, '-'), change)], { modelOnly: true });
    expectOnlyItsTunnelRejected(report, ...reason);
  });

  test('an alarm whose TunnelIpAddress is another connection\'s lookup watches the wrong tunnel: a finding on it', async () => {
    // GIVEN the first alarm's dimension moved to the lookup of another connection (its Metadata still names its own tunnel)
    const dir = mutateFirstAlarm('other-connection', (alarm, body) => {
      const [lookupId, attr] = (alarm.Properties.Dimensions[0].Value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const other = cfnResources(body, 'Custom::VpnTunnelOutsideIps').map(([id]) => id).find((id) => id !== lookupId)!;
      alarm.Properties.Dimensions[0].Value = { 'Fn::GetAtt': [other, attr] };
    });
    const report = await verify([dir], { modelOnly: true });
    // THEN the alarm is rejected with the tunnel it should watch
    const v = report.violations.filter((x) => x.attribute === 'Dimensions.TunnelIpAddress');
    expect(v).toHaveLength(1);
    expect(v[0].rule).toMatch(/the outside IP of the tunnel Metadata\.CrossCloudVpn\.Alarm names .*: aws:AwsTokyoLinks2\/\S+#tunnel\d \(inside 169\.254\.\d+\.\d+\/30\)/);
    expect(v[0].value).toMatch(/^the outside IP of aws:AwsTokyoLinks2\/\S+#tunnel\d$/);
    // AND the alarm now reports on the other connection's tunnel, which fails with it (it carries the rejected alarm)
    const carrying = report.tunnels.filter((t) => watchedBy(t, firstAlarmName));
    expect(carrying).toHaveLength(1);
    expect(carrying[0].failure?.code).toBe('cloud-rejects');
  });

  test('an alarm on its own connection\'s other tunnel is a finding too', async () => {
    const dir = mutateFirstAlarm('other-tunnel', (alarm) => {
      const value = alarm.Properties.Dimensions[0].Value as { 'Fn::GetAtt': [string, string] };
      const [id, attr] = value['Fn::GetAtt'];
      value['Fn::GetAtt'] = [id, attr === 'Tunnel1OutsideIp' ? 'Tunnel2OutsideIp' : 'Tunnel1OutsideIp'];
    });
    const report = await verify([dir], { modelOnly: true });
    expect(report.violations.map((v) => v.attribute)).toEqual(['Dimensions.TunnelIpAddress']);
  });

  test('a VpnId of another connection than the tunnel IP\'s selects nothing: a finding', async () => {
    const dir = mutateFirstAlarm('vpnid-other', (alarm, body) => {
      const [lookupId] = (alarm.Properties.Dimensions[0].Value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const lookup = cfnResources(body, 'Custom::VpnTunnelOutsideIps').find(([id]) => id === lookupId)![1];
      const own = ((lookup.Properties as Obj).VpnConnectionId as Obj).Ref;
      const other = cfnResources(body, 'AWS::EC2::VPNConnection').map(([id]) => id).find((id) => id !== own)!;
      alarm.Properties.Dimensions.push({ Name: 'VpnId', Value: { Ref: other } });
    });
    const report = await verify([dir], { modelOnly: true });
    const v = report.violations.filter((x) => x.attribute === 'Dimensions.TunnelIpAddress');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: AWS_VPN_METRICS.sameConnection.rule, value: expect.stringMatching(/VpnId names AwsTokyoLinks2\//) });
  });

  test('the same VpnId as the tunnel IP\'s is accepted', async () => {
    const dir = mutateFirstAlarm('vpnid-own', (alarm, body) => {
      const [lookupId] = (alarm.Properties.Dimensions[0].Value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const lookup = cfnResources(body, 'Custom::VpnTunnelOutsideIps').find(([id]) => id === lookupId)![1];
      alarm.Properties.Dimensions.push({ Name: 'VpnId', Value: (lookup.Properties as Obj).VpnConnectionId });
    });
    expect((await verify([dir], { modelOnly: true })).violations).toEqual([]);
  });

  test('two alarms of one name in a stack: the second is a finding (PutMetricAlarm would overwrite the first)', async () => {
    const dir = mutateLinks('duplicate-name', (body) => {
      const [[, first], [, second]] = alarmsIn(body);
      second.Properties.AlarmName = first.Properties.AlarmName;
    });
    const report = await verify([dir], { modelOnly: true });
    expect(report.violations.map((v) => [v.attribute, v.rule])).toEqual([['AlarmName', expect.stringMatching(/a name no other alarm of the stack has \(also /)]]);
  });

  test('the longest ranges CloudWatch takes are accepted (288 × 5 min; 168 × 1 h)', async () => {
    const day = mutateFirstAlarm('one-day', (a) => { a.Properties.EvaluationPeriods = 288; });
    const week = mutateFirstAlarm('seven-days', (a) => { a.Properties.Period = 3600; a.Properties.EvaluationPeriods = 168; });
    expect((await verify([day], { modelOnly: true })).violations).toEqual([]);
    expect((await verify([week], { modelOnly: true })).violations).toEqual([]);
  });

  test('an alarm removed: its tunnel reports no alarm, and nothing fails (alarms are optional)', async () => {
    const dir = mutateLinks('removed', (body) => {
      const resources = body.Resources as Obj;
      delete resources[alarmsIn(body)[0][0]];
    });
    const report = await verify([dir], { modelOnly: true });
    expect(report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('aws:')) && awsAlarms(t).length === 0)).toHaveLength(1);
    expect(report.tunnels.filter((t) => t.status === 'failed')).toEqual([]);
  });
});
