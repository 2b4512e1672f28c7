/**
 * CloudWatch alarms as verify sees them: every `AWS::CloudWatch::Alarm` of the deployment checked
 * against what CloudWatch accepts (this file's tables, each row with its source; nothing imported
 * from the planner or the constructs), and which alarm watches which AWS tunnel (an alarm on
 * `AWS/VPN` whose `TunnelIpAddress` dimension is a tunnel's outside IP, i.e. the
 * `Custom::VpnTunnelOutsideIps` lookup attribute of that tunnel, resolved by `output/resolve.ts`).
 *
 * Sources (short names used below):
 * - CW-PUT: CloudWatch API Reference, `PutMetricAlarm`
 *   (docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html): `Period`
 *   "Valid values are 10, 20, 30, and any multiple of 60", 10/20/30 only "for metrics that are
 *   stored by a PutMetricData call with a StorageResolution of 1"; "Period multiplied by
 *   EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of less than one
 *   hour (3,600 seconds), the total evaluation period can't be longer than one day (86,400
 *   seconds)"; `EvaluationPeriods` minimum 1; `DatapointsToAlarm` minimum 1; `Dimensions` at most
 *   30; `AlarmActions` / `OKActions` / `InsufficientDataActions` at most 5 each.
 * - CW-ALARM: CloudWatch API Reference, `MetricAlarm` (API_MetricAlarm.html): `AlarmName` 1-255
 *   characters, `AlarmDescription` at most 1024, `ComparisonOperator` "GreaterThanOrEqualToThreshold
 *   | GreaterThanThreshold | LessThanThreshold | LessThanOrEqualToThreshold |
 *   LessThanLowerOrGreaterThanUpperThreshold | LessThanLowerThreshold | GreaterThanUpperThreshold",
 *   `Statistic` "SampleCount | Average | Sum | Minimum | Maximum".
 * - CFN-ALARM: CloudFormation `AWS::CloudWatch::Alarm`, as aws-cdk-lib 2.276.0 ships it
 *   (`aws-cloudwatch/lib/cloudwatch.generated.d.ts`, `CfnAlarmProps`): `TreatMissingData` "Valid
 *   values are breaching, notBreaching, ignore, and missing"; `DatapointsToAlarm` is the M of an
 *   "M out of N" alarm whose N is `EvaluationPeriods`; "you must specify either Statistic or
 *   ExtendedStatistic but not both".
 * - S2S-METRICS: AWS Site-to-Site VPN User Guide, "Monitor AWS Site-to-Site VPN tunnels using
 *   Amazon CloudWatch" (docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html):
 *   metrics `TunnelState`, `TunnelDataIn`, `TunnelDataOut`, `ConcentratorBandwidthUsage`;
 *   dimensions `VpnId` ("the Site-to-Site VPN connection ID") and `TunnelIpAddress` ("the IP
 *   address of the tunnel for the virtual private gateway").
 *
 * What an alarm is meant to watch is the record the AWS constructs put on it,
 * `Metadata.CrossCloudVpn.Alarm` = `{ VpnConnectionId: {Ref}, TunnelInsideCidr }` (the tunnel of
 * that connection with that inside CIDR); an alarm whose `TunnelIpAddress` selects another tunnel
 * (another connection's lookup, or the other tunnel's attribute) watches the wrong tunnel: a
 * violation, since it would stay quiet while its tunnel is down.
 */
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { shown } from '../../violation';
import { CfnRes, cfnOfType, isObj, literal, referenced } from './template';
import { endpointKey } from '../endpoint-rules';

/** The CloudFormation type of an alarm. */
export const ALARM_TYPE = 'AWS::CloudWatch::Alarm';

const CW_PUT = 'CloudWatch API Reference, PutMetricAlarm';
const CW_ALARM = 'CloudWatch API Reference, MetricAlarm';
const CFN_ALARM = (prop: string) => `CloudFormation AWS::CloudWatch::Alarm.${prop} (aws-cdk-lib 2.276.0 cloudwatch.generated.d.ts)`;
const S2S_METRICS = 'AWS Site-to-Site VPN User Guide, Monitor Site-to-Site VPN tunnels using CloudWatch (monitoring-cloudwatch-vpn.html), VPN metrics and dimensions';

/** What CloudWatch accepts of an alarm (CW-PUT, CW-ALARM, CFN-ALARM). */
export const CW_ALARM_RULES = {
  name: { min: 1, max: 255, rule: 'a name of 1-255 characters', source: `${CW_ALARM} (AlarmName)` },
  description: { max: 1024, rule: 'at most 1024 characters', source: `${CW_ALARM} (AlarmDescription)` },
  period: {
    highResolution: [10, 20, 30], multipleOf: 60,
    rule: '10, 20, 30 or a multiple of 60 seconds', source: `${CW_PUT} (Period)`,
  },
  /** 10/20/30 need a metric stored by PutMetricData with StorageResolution 1, which AWS/VPN is not (AWS publishes it). */
  highResolutionOnlyCustom: { rule: 'a multiple of 60 seconds: 10, 20 and 30 are for high-resolution metrics stored by PutMetricData, and AWS publishes AWS/VPN', source: `${CW_PUT} (Period)` },
  evaluationPeriods: { min: 1, rule: 'an integer of at least 1', source: `${CW_PUT} (EvaluationPeriods)` },
  range: { shortPeriodMax: 86_400, longPeriodMax: 604_800, longPeriodFrom: 3600, source: `${CW_PUT} (Period, EvaluationPeriods)` },
  datapointsToAlarm: { min: 1, rule: 'an integer from 1 to EvaluationPeriods (the M of M out of N)', source: `${CW_PUT} (DatapointsToAlarm); ${CFN_ALARM('DatapointsToAlarm')}` },
  dimensionsMax: { max: 30, source: `${CW_PUT} (Dimensions)` },
  actionsMax: { max: 5, source: `${CW_PUT} (AlarmActions, OKActions, InsufficientDataActions)` },
  comparison: {
    values: ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold',
      'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'],
    /** "used only for alarms based on anomaly detection models" (CW-PUT ComparisonOperator): they need ThresholdMetricId. */
    anomalyOnly: ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'],
    source: `${CW_ALARM} (ComparisonOperator); ${CW_PUT}: the last three for anomaly detection models only`,
  },
  statistic: { values: ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'], source: `${CW_ALARM} (Statistic)` },
  statisticOrExtended: { rule: 'exactly one of Statistic and ExtendedStatistic', source: CFN_ALARM('Statistic') },
  treatMissingData: { values: ['breaching', 'notBreaching', 'ignore', 'missing'], source: CFN_ALARM('TreatMissingData') },
} as const;

/** The `AWS/VPN` namespace as the Site-to-Site VPN guide documents it (S2S-METRICS). */
export const AWS_VPN_METRICS = {
  namespace: 'AWS/VPN',
  metrics: ['TunnelState', 'TunnelDataIn', 'TunnelDataOut', 'ConcentratorBandwidthUsage'],
  dimensions: ['VpnId', 'TunnelIpAddress'],
  source: S2S_METRICS,
  /** The metric exists per tunnel IP: a `TunnelIpAddress` of another tunnel reports that tunnel's state. */
  ownTunnel: { rule: 'the outside IP of the tunnel Metadata.CrossCloudVpn.Alarm names (TunnelIpAddress filters by the tunnel\'s IP address)', source: `${S2S_METRICS}; the alarm's Metadata.CrossCloudVpn.Alarm` },
  /** The metric exists per connection and tunnel: a `VpnId` and a `TunnelIpAddress` of another connection select nothing. */
  sameConnection: { rule: 'VpnId and TunnelIpAddress of the same VPN connection (the metric exists for a connection\'s own tunnel IPs only)', source: S2S_METRICS },
} as const;

type Report = (res: CfnRes, attribute: string, value: string, rule: { rule: string; source: string }) => void;

/** An alarm's dimensions as written: `[{Name, Value}]`. */
function dimensionsOf(alarm: CfnRes): { name: Json; value: Json | undefined }[] {
  const dims = alarm.props.Dimensions;
  return Array.isArray(dims) ? dims.map((d) => (isObj(d) ? { name: d.Name, value: d.Value } : { name: d, value: undefined })) : [];
}

/** The endpoint (tunnel outside IP, `aws:<stack>/<connection>#tunnel<n>`) an alarm's `TunnelIpAddress` dimension resolves to. */
function watchedEndpoint(r: Resolver, alarm: CfnRes): string | undefined {
  const dim = dimensionsOf(alarm).find((d) => d.name === 'TunnelIpAddress');
  if (!dim || dim.value === undefined) return undefined;
  const v = r.eval(alarm.stack, dim.value);
  return v.kind === 'endpoint' ? v.endpoint : undefined;
}

/** One alarm that watches a tunnel. */
export interface TunnelAlarm {
  readonly name: string;
  readonly metric: string;
  readonly resource: string;
}

const WATCHING = new WeakMap<Resolver, Map<string, TunnelAlarm[]>>();

/**
 * The alarms that watch each AWS tunnel, by the tunnel's endpoint key: alarms on an `AWS/VPN`
 * metric whose `TunnelIpAddress` is that tunnel's outside IP (in its own stack or imported).
 */
export function alarmsByTunnel(r: Resolver): Map<string, TunnelAlarm[]> {
  const cached = WATCHING.get(r);
  if (cached) return cached;
  const out = new Map<string, TunnelAlarm[]>();
  for (const alarm of cfnOfType(r, ALARM_TYPE)) {
    const ns = literal(r, alarm.stack, alarm.props.Namespace);
    if (ns.kind !== 'value' || ns.value !== AWS_VPN_METRICS.namespace) continue;
    const endpoint = watchedEndpoint(r, alarm);
    if (endpoint === undefined) continue;
    const name = literal(r, alarm.stack, alarm.props.AlarmName);
    const metric = literal(r, alarm.stack, alarm.props.MetricName);
    const list = out.get(endpoint) ?? [];
    list.push({
      name: name.kind === 'value' ? String(name.value) : `(name set by CloudFormation: ${alarm.id})`,
      metric: `${AWS_VPN_METRICS.namespace} ${metric.kind === 'value' ? String(metric.value) : '?'}`,
      resource: alarm.key,
    });
    out.set(endpoint, list);
  }
  WATCHING.set(r, out);
  return out;
}

/** An integer as CloudFormation takes it (a number or an integer string). */
function integerOf(v: Json): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** Every CloudWatch alarm value CloudWatch would reject, and AWS/VPN alarms that select no metric. */
export function checkAlarms(r: Resolver, report: Report): void {
  const names = new Map<string, CfnRes>();
  for (const alarm of cfnOfType(r, ALARM_TYPE)) {
    checkAlarm(r, alarm, report);
    checkDeclaredTunnel(r, alarm, report);
    const name = literal(r, alarm.stack, alarm.props.AlarmName);
    if (name.kind !== 'value' || typeof name.value !== 'string') continue;
    const first = names.get(name.value);
    // Alarm names are unique per account and Region; PutMetricAlarm with a taken name overwrites that alarm.
    if (first && first.stack === alarm.stack) {
      report(alarm, 'AlarmName', shown(name.value), { rule: `a name no other alarm of the stack has (also ${first.id})`, source: `${CW_ALARM} (AlarmName); ${CW_PUT}: an existing name updates that alarm` });
    }
    if (!first) names.set(name.value, alarm);
  }
}

function checkAlarm(r: Resolver, alarm: CfnRes, report: Report): void {
  const p = alarm.props;
  const lit = (v: Json | undefined) => literal(r, alarm.stack, v);
  const R = CW_ALARM_RULES;

  const name = lit(p.AlarmName);
  if (name.kind === 'value' && (typeof name.value !== 'string' || name.value.length < R.name.min || name.value.length > R.name.max)) {
    report(alarm, 'AlarmName', shown(name.value), R.name);
  }
  const description = lit(p.AlarmDescription);
  if (description.kind === 'value' && typeof description.value === 'string' && description.value.length > R.description.max) {
    report(alarm, 'AlarmDescription', `${description.value.length} characters`, R.description);
  }
  for (const key of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
    const list = p[key];
    if (Array.isArray(list) && list.length > R.actionsMax.max) report(alarm, key, `${list.length} actions`, { rule: `at most ${R.actionsMax.max} actions`, source: R.actionsMax.source });
  }

  const comparison = lit(p.ComparisonOperator);
  if (comparison.kind === 'value') {
    if (typeof comparison.value !== 'string' || !(R.comparison.values as readonly string[]).includes(comparison.value)) {
      report(alarm, 'ComparisonOperator', shown(comparison.value), { rule: `one of ${R.comparison.values.join(', ')}`, source: R.comparison.source });
    } else if ((R.comparison.anomalyOnly as readonly string[]).includes(comparison.value) && p.ThresholdMetricId === undefined) {
      report(alarm, 'ComparisonOperator', shown(comparison.value), { rule: 'a static-threshold comparison: this one needs an anomaly detection band (ThresholdMetricId)', source: R.comparison.source });
    }
  }
  const missing = lit(p.TreatMissingData);
  if (missing.kind === 'value' && (typeof missing.value !== 'string' || !(R.treatMissingData.values as readonly string[]).includes(missing.value))) {
    report(alarm, 'TreatMissingData', shown(missing.value), { rule: `one of ${R.treatMissingData.values.join(', ')}`, source: R.treatMissingData.source });
  }

  // A metric-math alarm (`Metrics`) has its period per query: only single-metric alarms are read here.
  if (p.Metrics !== undefined) return;
  const statistic = lit(p.Statistic);
  const extended = lit(p.ExtendedStatistic);
  if ((statistic.kind === 'absent') === (extended.kind === 'absent')) {
    report(alarm, 'Statistic / ExtendedStatistic', statistic.kind === 'absent' ? 'neither set' : 'both set', R.statisticOrExtended);
  }
  if (statistic.kind === 'value' && (typeof statistic.value !== 'string' || !(R.statistic.values as readonly string[]).includes(statistic.value))) {
    report(alarm, 'Statistic', shown(statistic.value), { rule: `one of ${R.statistic.values.join(', ')}`, source: R.statistic.source });
  }

  const namespace = lit(p.Namespace);
  const vpn = namespace.kind === 'value' && namespace.value === AWS_VPN_METRICS.namespace;
  const period = checkPeriod(alarm, lit(p.Period), vpn, report);
  const periods = lit(p.EvaluationPeriods);
  let n: number | undefined;
  if (periods.kind === 'value') {
    n = integerOf(periods.value);
    if (n === undefined || n < R.evaluationPeriods.min) {
      report(alarm, 'EvaluationPeriods', shown(periods.value), R.evaluationPeriods);
      n = undefined;
    }
  }
  if (period !== undefined && n !== undefined) {
    const max = period < R.range.longPeriodFrom ? R.range.shortPeriodMax : R.range.longPeriodMax;
    if (period * n > max) {
      report(alarm, 'EvaluationPeriods', `${n} × ${period} s = ${period * n} s`, {
        rule: `Period × EvaluationPeriods at most ${max} s (${max === R.range.shortPeriodMax ? '1 day for periods under an hour' : '7 days'})`, source: R.range.source,
      });
    }
  }
  const datapoints = lit(p.DatapointsToAlarm);
  if (datapoints.kind === 'value') {
    const m = integerOf(datapoints.value);
    if (m === undefined || m < R.datapointsToAlarm.min || (n !== undefined && m > n)) report(alarm, 'DatapointsToAlarm', shown(datapoints.value), R.datapointsToAlarm);
  }

  const dims = dimensionsOf(alarm);
  if (dims.length > R.dimensionsMax.max) report(alarm, 'Dimensions', `${dims.length} dimensions`, { rule: `at most ${R.dimensionsMax.max} dimensions`, source: R.dimensionsMax.source });
  if (vpn) checkVpnMetric(r, alarm, lit(p.MetricName), dims, report);
}

/** The period in seconds when CloudWatch takes it, else a violation (and `undefined`). */
function checkPeriod(alarm: CfnRes, period: ReturnType<typeof literal>, vpn: boolean, report: Report): number | undefined {
  if (period.kind !== 'value') return undefined;
  const R = CW_ALARM_RULES;
  const s = integerOf(period.value);
  const high = s !== undefined && (R.period.highResolution as readonly number[]).includes(s);
  if (s === undefined || s <= 0 || (!high && s % R.period.multipleOf !== 0)) {
    report(alarm, 'Period', shown(period.value), R.period);
    return undefined;
  }
  if (high && vpn) {
    report(alarm, 'Period', shown(period.value), R.highResolutionOnlyCustom);
    return undefined;
  }
  return s;
}

/**
 * An alarm on `AWS/VPN`: a documented metric and dimensions, and a `VpnId` and a
 * `TunnelIpAddress` that belong to one connection (an alarm whose tunnel IP is another
 * connection's lookup selects no data).
 */
function checkVpnMetric(r: Resolver, alarm: CfnRes, metric: ReturnType<typeof literal>, dims: { name: Json; value: Json | undefined }[], report: Report): void {
  const V = AWS_VPN_METRICS;
  if (metric.kind === 'value' && (typeof metric.value !== 'string' || !(V.metrics as readonly string[]).includes(metric.value))) {
    report(alarm, 'MetricName', shown(metric.value), { rule: `an AWS/VPN metric: ${V.metrics.join(', ')}`, source: V.source });
  }
  dims.forEach((d, i) => {
    if (typeof d.name !== 'string' || !(V.dimensions as readonly string[]).includes(d.name)) {
      report(alarm, `Dimensions[${i}].Name`, shown(d.name), { rule: `an AWS/VPN dimension: ${V.dimensions.join(', ')}`, source: V.source });
    }
  });
  const vpnId = dims.find((d) => d.name === 'VpnId');
  const ip = dims.find((d) => d.name === 'TunnelIpAddress');
  if (!vpnId || !ip) return;
  const conn = referenced(r, alarm.stack, vpnId.value)?.res;
  const endpoint = watchedEndpoint(r, alarm);
  if (!conn || conn.type !== 'AWS::EC2::VPNConnection' || endpoint === undefined) return;
  if (!endpoint.startsWith(endpointKey('aws', conn.stack.name, conn.id, '#'))) {
    report(alarm, 'Dimensions.TunnelIpAddress', `the outside IP ${endpoint} (VpnId names ${conn.stack.name}/${conn.id})`, V.sameConnection);
  }
}

/**
 * The tunnel an alarm's record (`Metadata.CrossCloudVpn.Alarm`) names against the one its
 * `TunnelIpAddress` dimension selects.
 */
function checkDeclaredTunnel(r: Resolver, alarm: CfnRes, report: Report): void {
  const meta = alarm.body.Metadata;
  const record = isObj(meta) && isObj(meta.CrossCloudVpn) && isObj(meta.CrossCloudVpn.Alarm) ? meta.CrossCloudVpn.Alarm : undefined;
  if (!record) return;
  const conn = referenced(r, alarm.stack, record.VpnConnectionId)?.res;
  const cidr = literal(r, alarm.stack, record.TunnelInsideCidr);
  if (conn?.type !== 'AWS::EC2::VPNConnection' || cidr.kind !== 'value' || typeof cidr.value !== 'string') return;
  const specs = conn.props.VpnTunnelOptionsSpecifications;
  const insideOf = (t: Json) => (isObj(t) ? literal(r, conn.stack, t.TunnelInsideCidr) : undefined);
  const index = Array.isArray(specs) ? specs.findIndex((t) => { const c = insideOf(t); return c?.kind === 'value' && c.value === cidr.value; }) : -1;
  if (index < 0) return;
  const expected = endpointKey('aws', conn.stack.name, conn.id, `#tunnel${index + 1}`);
  const actual = watchedEndpoint(r, alarm);
  if (actual !== expected) {
    report(alarm, 'Dimensions.TunnelIpAddress', actual === undefined ? 'no tunnel outside IP of the deployment' : `the outside IP of ${actual}`, {
      rule: `${AWS_VPN_METRICS.ownTunnel.rule}: ${expected} (inside ${cidr.value})`, source: AWS_VPN_METRICS.ownTunnel.source,
    });
  }
}
