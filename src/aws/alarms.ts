/**
 * CloudWatch alarms on the AWS end of each active tunnel: one `AWS::CloudWatch::Alarm` per alarm
 * the plan names (`TunnelEnd.alarms`, from the AWS profile in `src/plan/clouds/aws.ts`), on the
 * `AWS/VPN` `TunnelState` metric of the tunnel's outside IP, in the stack of the VPN connection it
 * watches (so it deploys and is deleted with it).
 *
 * Sources:
 * - S2S-METRICS: AWS Site-to-Site VPN User Guide, "Monitor AWS Site-to-Site VPN tunnels using
 *   Amazon CloudWatch" (docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html):
 *   `TunnelState` "For static VPNs, 0 indicates DOWN and 1 indicates UP. For BGP VPNs, 1
 *   indicates ESTABLISHED and 0 is used for all other states"; dimensions `VpnId` and
 *   `TunnelIpAddress` ("the IP address of the tunnel for the virtual private gateway").
 * - S2S-ALARMS: the same guide, "Create Amazon CloudWatch alarms to monitor AWS Site-to-Site VPN
 *   tunnels" (creating-alarms-vpn.html): for a single tunnel, "Whenever TunnelState is Lower than
 *   1", "3 out of 3" datapoints to alarm, i.e. "DOWN for 3 datapoints within 15 minutes" (5-minute
 *   datapoints; the connection alarm of the same page is "DOWN for one 5-minute period").
 * - CW-PUT: CloudWatch API Reference, `PutMetricAlarm`: `Period` "Valid values are 10, 20, 30, and
 *   any multiple of 60" (10/20/30 only for high-resolution metrics stored by `PutMetricData`);
 *   "Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a
 *   period of less than one hour (3,600 seconds), the total evaluation period can't be longer than
 *   one day (86,400 seconds)"; `EvaluationPeriods` minimum 1.
 * - CW-MISSING: CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing data"
 *   (AlarmThatSendsEmail.html#alarms-and-missing-data): `breaching` treats a missing datapoint as
 *   breaching the threshold.
 *
 * `CfnAlarm`, not the `Alarm` L2: every property is written as CloudWatch takes it (what `ccvpn
 * verify` reads is what is deployed, no L2 default in between), the SNS target is the topic's ARN
 * (no `aws-cloudwatch-actions` module to load), and the L2's extra load and construction cost is
 * saved on every alarm of a mesh. Users reach the alarms as `AwsVpnGateway.tunnelAlarms`.
 *
 * Each alarm carries `Metadata.CrossCloudVpn.Alarm` = `{ VpnConnectionId: {Ref}, TunnelInsideCidr }`:
 * the tunnel it is meant to watch, which `ccvpn verify` compares with the tunnel its
 * `TunnelIpAddress` dimension selects.
 */
import { Stack, Token } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { PlannedTunnel, show } from '../plan';
import { PropsChecker, ValidationError } from '../private/errors';
import type { AwsVpnConnection } from './vpn-connection';

/**
 * How the CloudWatch alarm on each tunnel's `TunnelState` decides that the tunnel is down, and
 * whom it tells. The metric is 1 while the tunnel is UP (static) or its BGP session ESTABLISHED
 * (BGP), 0 otherwise; the alarm fires when the tunnel's lowest value stays below `threshold` for
 * `evaluationPeriods` consecutive periods of `periodSeconds`, and when the metric stops
 * reporting (missing data is breaching: a tunnel that reports nothing is not known to be up).
 */
export interface AwsTunnelAlarmOptions {
  /**
   * The alarm fires while `TunnelState` (statistic `Minimum` over the period) is below this
   * value. `TunnelState` is 0 or 1: a threshold greater than 0 and at most 1. CloudWatch
   * `Threshold`, comparison `LessThanThreshold`.
   *
   * @default 1 - "Whenever TunnelState is Lower than 1" (AWS Site-to-Site VPN User Guide,
   *   creating-alarms-vpn.html)
   */
  readonly threshold?: number;

  /**
   * The length of one evaluation period, in seconds: a multiple of 60, at least 300 (AWS's
   * `TunnelState` alarms use 5-minute datapoints; with missing data breaching, a shorter period
   * would count the periods without a datapoint as down). CloudWatch `Period`.
   *
   * @default 300 - 5-minute datapoints: "DOWN for 3 datapoints within 15 minutes" (AWS
   *   Site-to-Site VPN User Guide, creating-alarms-vpn.html)
   */
  readonly periodSeconds?: number;

  /**
   * How many consecutive periods must breach before the alarm fires: an integer of at least 1,
   * with `periodSeconds` × `evaluationPeriods` at most 86,400 s (1 day) for periods under an hour,
   * else at most 604,800 s (7 days) (CloudWatch `PutMetricAlarm`). CloudWatch
   * `EvaluationPeriods` (every one of them must breach: `DatapointsToAlarm` is not written).
   *
   * @default 3 - "3 out of 3" datapoints to alarm (AWS Site-to-Site VPN User Guide,
   *   creating-alarms-vpn.html): a tunnel down for 15 minutes
   */
  readonly evaluationPeriods?: number;

  /**
   * An SNS topic notified when an alarm goes to ALARM (the tunnel is down) and back to OK (it is
   * up again). CloudWatch `AlarmActions` and `OKActions`.
   *
   * @default - no notification: the alarms only show their state in CloudWatch
   */
  readonly topic?: sns.ITopic;
}

/** The options of the tunnels' alarms with their defaults applied. */
export interface ResolvedTunnelAlarmOptions {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly topic?: sns.ITopic;
}

/** AWS's recommendation for one tunnel (S2S-ALARMS): below 1 for 3 of 3 five-minute datapoints. */
export const AWS_TUNNEL_ALARM_DEFAULTS = { threshold: 1, periodSeconds: 300, evaluationPeriods: 3 } as const;

/** The shortest period this metric's alarms take: its 5-minute datapoints (S2S-ALARMS). */
const MIN_PERIOD = 300;
/** CW-PUT: the longest evaluation range, for periods under an hour and otherwise. */
const MAX_RANGE_SHORT = 86_400;
const MAX_RANGE_LONG = 604_800;

/**
 * The options with their defaults, checked: every problem under `<prefix>.<field>` in one
 * `ValidationError` naming `path`.
 */
export function resolveTunnelAlarmOptions(path: string, prefix: string, given: AwsTunnelAlarmOptions = {}): ResolvedTunnelAlarmOptions {
  const o = { ...AWS_TUNNEL_ALARM_DEFAULTS, ...definedOnly(given) };
  const checker = new PropsChecker(path);
  const known = (v: number) => !Token.isUnresolved(v);
  if (known(o.threshold) && !(Number.isFinite(o.threshold) && o.threshold > 0 && o.threshold <= 1)) {
    checker.check(`${prefix}.threshold`, 'alarm-threshold-invalid', `${show(o.threshold)} never or always fires on TunnelState (0 down, 1 up); allowed: a number greater than 0 and at most 1`);
  }
  const periodOk = known(o.periodSeconds) && Number.isInteger(o.periodSeconds) && o.periodSeconds >= MIN_PERIOD && o.periodSeconds % 60 === 0;
  if (known(o.periodSeconds) && !periodOk) {
    checker.check(`${prefix}.periodSeconds`, 'alarm-period-invalid', `${show(o.periodSeconds)} s; allowed: a multiple of 60 s (CloudWatch PutMetricAlarm), at least ${MIN_PERIOD} s (TunnelState has 5-minute datapoints; missing data counts as down)`);
  }
  const countOk = known(o.evaluationPeriods) && Number.isInteger(o.evaluationPeriods) && o.evaluationPeriods >= 1;
  if (known(o.evaluationPeriods) && !countOk) {
    checker.check(`${prefix}.evaluationPeriods`, 'alarm-evaluation-periods-invalid', `${show(o.evaluationPeriods)}; allowed: an integer of at least 1`);
  }
  if (periodOk && countOk) {
    const max = o.periodSeconds < 3600 ? MAX_RANGE_SHORT : MAX_RANGE_LONG;
    const range = o.periodSeconds * o.evaluationPeriods;
    if (range > max) {
      checker.check(`${prefix}.evaluationPeriods`, 'alarm-range-too-long', `${o.evaluationPeriods} periods of ${o.periodSeconds} s evaluate ${range} s; allowed: at most ${max} s (CloudWatch PutMetricAlarm: ${max === MAX_RANGE_SHORT ? '1 day for periods under an hour' : '7 days'})`);
    }
  }
  checker.throwIfAny();
  return o;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Resource metadata key of the record each alarm carries: `{ Alarm: { VpnConnectionId, TunnelInsideCidr } }`. */
export const ALARM_METADATA_KEY = 'CrossCloudVpn';

/** Alarm names taken per stack (CloudWatch alarm names are unique per account and Region; `PutMetricAlarm` overwrites an alarm of the same name). */
const NAMES_BY_STACK = new WeakMap<Stack, Map<string, string>>();

/**
 * One alarm per planned alarm of each tunnel's AWS end (`TunnelEnd.alarms`), created under
 * `connection` (in its stack) on the outside IP of that tunnel (`tunnels[i]` is the connection's
 * tunnel `i + 1`), named as the plan names it; names are unique in the stack (else one clear
 * error).
 */
export function addTunnelAlarms(connection: AwsVpnConnection, tunnels: readonly PlannedTunnel[], options: ResolvedTunnelAlarmOptions): cloudwatch.CfnAlarm[] {
  const targets = tunnels.map((t, i) => ({
    alarms: t.ends.find((e) => e.cloud === 'aws')?.alarms ?? [],
    outsideIp: connection.tunnelOutsideIps[i],
    tunnelId: t.id,
    tunnel: i + 1,
    insideCidr: connection.tunnelInsideCidrs[i],
  }));
  const stack = Stack.of(connection);
  const taken = NAMES_BY_STACK.get(stack) ?? new Map<string, string>();
  NAMES_BY_STACK.set(stack, taken);
  const built: cloudwatch.CfnAlarm[] = [];
  for (const target of targets) {
    target.alarms.forEach((planned, k) => {
      if (planned.service !== 'cloudwatch' || planned.metric !== 'AWS/VPN TunnelState') {
        throw new ValidationError(connection.node.path, 'plan-mismatch', `alarm ${show(planned.name)} of tunnel ${show(target.tunnelId)} watches ${show(`${planned.service} ${planned.metric}`)}; allowed: cloudwatch AWS/VPN TunnelState (the only alarm the AWS constructs build)`);
      }
      const holder = taken.get(planned.name);
      if (holder !== undefined) {
        throw new ValidationError(connection.node.path, 'alarm-name-duplicate', `alarm name ${show(planned.name)} is already used by ${holder} in stack ${stack.stackName}; allowed: names unique in the stack (CloudWatch PutMetricAlarm overwrites an alarm of the same name)`);
      }
      // The first alarm of a tunnel keeps its id when the plan adds others (a new logical id would
      // create the named alarm again before deleting the old one, which then deletes it).
      const alarm = new cloudwatch.CfnAlarm(connection, `Tunnel${target.tunnel}Alarm${k === 0 ? '' : k + 1}`, {
        alarmName: planned.name,
        alarmDescription: `cross-cloud-vpn: ${planned.watches} (tunnel ${target.tunnelId}, tunnel ${target.tunnel} of ${connection.node.path})`,
        namespace: 'AWS/VPN',
        metricName: 'TunnelState',
        dimensions: [{ name: 'TunnelIpAddress', value: target.outsideIp }],
        statistic: 'Minimum',
        period: options.periodSeconds,
        evaluationPeriods: options.evaluationPeriods,
        threshold: options.threshold,
        comparisonOperator: 'LessThanThreshold',
        treatMissingData: 'breaching',
        ...(options.topic ? { alarmActions: [options.topic.topicArn], okActions: [options.topic.topicArn] } : {}),
      });
      // What the alarm watches, as declared: `ccvpn verify` checks that its TunnelIpAddress is that tunnel's.
      alarm.addMetadata(ALARM_METADATA_KEY, { Alarm: { VpnConnectionId: connection.vpnConnectionId, TunnelInsideCidr: target.insideCidr } });
      taken.set(planned.name, alarm.node.path);
      built.push(alarm);
    });
  }
  return built;
}
