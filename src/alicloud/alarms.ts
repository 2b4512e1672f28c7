/**
 * CloudMonitor alarms on Alibaba Cloud IPsec connections (issue 18): one `alicloud_cms_alarm`
 * per alarm the plan names on the gateway's tunnel ends (`TunnelEnd.alarms`), in the stack of the
 * connection it watches, with the plan's name.
 *
 * What it watches: the connection's inbound bandwidth, namespace `acs_vpn`, metric
 * `ipsec_rx.rate` (bit/s), dimensions `instanceId` (the VPN gateway) and `ipsecId` (the IPsec
 * connection), statistics `Value`, period a multiple of 60 s (60 s by default): AlibabaCloudDocs/cms,
 * `intl.en-US/Appendix 1: Metrics/Cloud essentials/Networking/vpngw.md`. The documented `acs_vpn`
 * metrics have no tunnel dimension and no status metric, so one rule watches a whole connection (both
 * tunnels of a dual-tunnel one) and fires when nothing arrives on it for `evaluationPeriods`
 * periods: a down connection, or one that carries no traffic at all (a BGP link always carries its
 * keepalives; an idle static or policy link may raise it too).
 *
 * The rule (`PutResourceMetricRule`, through aliyun/alicloud v1.289.0
 * `alicloud/resource_alicloud_cms_alarm.go`): `contact_groups` is required and must name groups
 * that exist; `escalations_critical.comparison_operator` `<=` is sent as
 * `LessThanOrEqualToThreshold`; `times` defaults to 3 (docs `website/docs/r/cms_alarm.html.markdown`).
 */
import { Construct } from 'constructs';
import type { LinkRealisation } from '../contract';
import { PlannedAlarm, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import { CmsAlarm } from './generated/cdktf/providers/alicloud/cms-alarm';

/** The CloudMonitor namespace of VPN Gateway metrics (vpngw.md). */
export const ALICLOUD_ALARM_NAMESPACE = 'acs_vpn';
/** The metric the alarms watch: an IPsec connection's inbound bandwidth, bit/s (vpngw.md). */
export const ALICLOUD_ALARM_METRIC = 'ipsec_rx.rate';
/** The statistics the `acs_vpn` metrics define (vpngw.md, column Statistics). */
export const ALICLOUD_ALARM_STATISTICS = 'Value';
/** The comparison: the alarm fires when the inbound bandwidth is at or below the threshold. */
export const ALICLOUD_ALARM_COMPARISON = '<=';
/**
 * The contact group an alarm notifies when none is given: the account's own alert contact group,
 * `云账号报警联系人` ("Alibaba Cloud account alert contact"), which CloudMonitor's
 * `ListContactGroup` response example lists (AlibabaCloudDocs/cms,
 * `cn.zh-CN/API参考/报警规则/ListContactGroup.md`).
 */
export const ALICLOUD_ACCOUNT_CONTACT_GROUP = '云账号报警联系人';

/** Options of the CloudMonitor alarms of an `AlicloudVpnGateway`'s IPsec connections. */
export interface AlicloudAlarmOptions {
  /**
   * The aggregation period of the metric, in seconds: a multiple of 60 (the `acs_vpn` metrics are
   * reported per minute, vpngw.md). Terraform `period`.
   *
   * @default 60 - the metrics' own period (vpngw.md: "The default value is 60s")
   */
  readonly periodSeconds?: number;
  /**
   * The inbound bandwidth at or below which a period counts as failing, in bit/s, 0 or more.
   * Terraform `escalations_critical.threshold`.
   *
   * @default 0 - nothing received on the connection
   */
  readonly thresholdBitsPerSecond?: number;
  /**
   * How many consecutive failing periods raise the alarm: an integer, 1 or more. Terraform
   * `escalations_critical.times`.
   *
   * @default 3 - the provider's default `times` (cms_alarm.html.markdown)
   */
  readonly evaluationPeriods?: number;
  /**
   * The CloudMonitor alert contact groups notified, by name; they must exist in the account
   * (created in the console or with `alicloud_cms_alarm_contact_group`). Terraform
   * `contact_groups`.
   *
   * @default - the account's alert contact group ({@link ALICLOUD_ACCOUNT_CONTACT_GROUP})
   */
  readonly contactGroups?: readonly string[];
}

/** The options with every default applied. */
export interface ResolvedAlarmOptions {
  readonly periodSeconds: number;
  readonly thresholdBitsPerSecond: number;
  readonly evaluationPeriods: number;
  readonly contactGroups: readonly string[];
}

/** The default period, threshold and evaluation periods (see {@link AlicloudAlarmOptions}). */
export const ALICLOUD_ALARM_DEFAULTS: Omit<ResolvedAlarmOptions, 'contactGroups'> = { periodSeconds: 60, thresholdBitsPerSecond: 0, evaluationPeriods: 3 };

const literal = (v: unknown) => !Token.isUnresolved(v);

/**
 * Checks `options` (the gateway's `alarms` prop when it is an object) into `checker`, fields
 * named under `alarms.`; returns them with every default applied.
 */
export function resolveAlarmOptions(checker: PropsChecker, options: AlicloudAlarmOptions | undefined): ResolvedAlarmOptions {
  const o = options ?? {};
  const period = o.periodSeconds ?? ALICLOUD_ALARM_DEFAULTS.periodSeconds;
  if (literal(period) && !(Number.isInteger(period) && period >= 60 && period % 60 === 0)) {
    checker.check('alarms.periodSeconds', 'alarm-period-invalid', `${show(period)} s is not a CloudMonitor period of the acs_vpn metrics; allowed: a multiple of 60 s, at least 60`);
  }
  const threshold = o.thresholdBitsPerSecond ?? ALICLOUD_ALARM_DEFAULTS.thresholdBitsPerSecond;
  if (literal(threshold) && !(Number.isFinite(threshold) && threshold >= 0)) {
    checker.check('alarms.thresholdBitsPerSecond', 'alarm-threshold-invalid', `${show(threshold)} is not a bandwidth; allowed: a number of bit/s, 0 or more`);
  }
  const times = o.evaluationPeriods ?? ALICLOUD_ALARM_DEFAULTS.evaluationPeriods;
  if (literal(times) && !(Number.isInteger(times) && times >= 1)) {
    checker.check('alarms.evaluationPeriods', 'alarm-periods-invalid', `${show(times)} is not a number of periods; allowed: an integer, 1 or more`);
  }
  const groups = o.contactGroups ?? [ALICLOUD_ACCOUNT_CONTACT_GROUP];
  if (groups.length === 0) checker.check('alarms.contactGroups', 'alarm-contacts-missing', 'is empty; allowed: one or more CloudMonitor contact group names (or leave it out for the account\'s group)');
  groups.forEach((g, i) => {
    if (literal(g) && (g.trim() === '' || g.includes(','))) {
      checker.check(`alarms.contactGroups[${i}]`, 'alarm-contact-invalid', `${show(g)} is not a contact group name; allowed: a non-empty name without commas (the names are sent joined with commas)`);
    }
  });
  return { periodSeconds: period, thresholdBitsPerSecond: threshold, evaluationPeriods: times, contactGroups: [...groups] };
}

/** The distinct alarms (by name) among `alarms`, in first-seen order. */
export function distinctAlarms(alarms: readonly PlannedAlarm[]): PlannedAlarm[] {
  const seen = new Map<string, PlannedAlarm>();
  for (const a of alarms) if (!seen.has(a.name)) seen.set(a.name, a);
  return [...seen.values()];
}

/** What one connection's alarms need. */
export interface ConnectionAlarmsProps {
  /** The planned alarms of the connection's tunnel ends on this gateway (duplicates by name allowed). */
  readonly alarms: readonly PlannedAlarm[];
  /** The VPN gateway's id: dimension `instanceId`. */
  readonly vpnGatewayId: string;
  /** The IPsec connection's id: dimension `ipsecId`. */
  readonly vpnConnectionId: string;
  /** The resolved options. */
  readonly options: ResolvedAlarmOptions;
}

/**
 * Creates one `alicloud_cms_alarm` per distinct planned alarm of a connection, under `scope`
 * (the connection's own scope: the same stack) with ids `<id>`, `<id>-2`, ...; returns them.
 */
export function addConnectionAlarms(scope: Construct, id: string, props: ConnectionAlarmsProps): CmsAlarm[] {
  return distinctAlarms(props.alarms).map((alarm, i) => new CmsAlarm(scope, i === 0 ? id : `${id}-${i + 1}`, {
    name: alarm.name,
    project: ALICLOUD_ALARM_NAMESPACE,
    metric: ALICLOUD_ALARM_METRIC,
    metricDimensions: JSON.stringify([{ instanceId: props.vpnGatewayId, ipsecId: props.vpnConnectionId }]),
    period: props.options.periodSeconds,
    contactGroups: [...props.options.contactGroups],
    escalationsCritical: {
      statistics: ALICLOUD_ALARM_STATISTICS,
      comparisonOperator: ALICLOUD_ALARM_COMPARISON,
      threshold: String(props.options.thresholdBitsPerSecond),
      times: props.options.evaluationPeriods,
    },
    enabled: true,
  }));
}

/**
 * The `onConnection` hook of `buildAlicloudLink` that adds, after each IPsec connection, the
 * alarms the plan names on `siteId`'s ends of its tunnels (none when `options` is undefined: the
 * gateway's `alarms: false`). Shared by new and existing gateways, so both create exactly the
 * alarms the plan names.
 */
export function connectionAlarmsHook(siteId: string, vpnGatewayId: string, realisation: LinkRealisation, options: ResolvedAlarmOptions | undefined) {
  return (scope: Construct, connection: { readonly id: string; readonly tunnels: readonly { readonly tunnel: string }[] }, built: { readonly vpnConnectionId: string }): void => {
    if (!options) return;
    const alarms = connection.tunnels.flatMap((entry) => realisation.tunnels.find((t) => t.id === entry.tunnel)?.ends
      .filter((e) => e.site === siteId).flatMap((e) => e.alarms ?? []) ?? []);
    if (alarms.length > 0) addConnectionAlarms(scope, `${connection.id}-alarm`, { alarms, vpnGatewayId, vpnConnectionId: built.vpnConnectionId, options });
  };
}
