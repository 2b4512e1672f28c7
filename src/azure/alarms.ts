/**
 * Azure Monitor metric alerts on the tunnels of an Azure VPN gateway: one
 * `azurerm_monitor_metric_alert` per alarm the plan names for a tunnel end
 * (`AZURE_ALARM_METRICS` of the Azure profile), scoped to the virtual network gateway (the
 * metrics are the gateway's) with a dimension filter that selects the tunnel.
 *
 * Sources:
 * - Metrics, dimensions, aggregations, time grains: "Supported metrics for
 *   Microsoft.Network/virtualNetworkGateways" (MicrosoftDocs/azure-reference-other
 *   azure-monitor-ref/supported-metrics/includes/microsoft-network-virtualnetworkgateways-metrics-include.md,
 *   ms.date 2024-03-26): `QmsaCount` (Total; ConnectionName, RemoteIP, Instance) and
 *   `BgpPeerStatus` (Average; BgpPeerAddress, Instance), both with PT5M as their smallest grain.
 * - BGP peer status: Average below 1 per peer address; the metric is reported for every pair of a
 *   gateway instance and a peer address (MicrosoftDocs/azure-docs
 *   articles/virtual-wan/monitoring-best-practices.md, "Create alert rule to monitor BGP peer
 *   status", ms.date 2023-10-03).
 * - The resource: hashicorp/terraform-provider-azurerm
 *   internal/services/monitor/monitor_metric_alert_resource.go, identical at v4.55.0 and v4.73.0
 *   but for its copyright line (so every line cited holds for both): `frequency` :349-359
 *   (PT1M, PT5M, PT15M, PT30M, PT1H; default PT1M), `severity` :362-366 (0-4; default 3),
 *   `window_size` :369-382 (PT1M … P1D; default PT5M), `criteria` :94-175, `action` :310-330,
 *   `auto_mitigate` :332-336 (default true); its documentation (website/docs/r/
 *   monitor_metric_alert.html.markdown:99 at v4.55.0): the window "must be greater than
 *   `frequency`" (equal is what Microsoft's own baseline alerts deploy, PT5M / PT5M:
 *   Azure/azure-monitor-baseline-alerts services/Network/virtualNetworkGateways/alerts.yaml).
 * - A window above four hours needs a frequency of at least five minutes: the API's BadRequest
 *   "Evaluation frequency must be greater than or equal to five minutes since the period is
 *   greater than four hours" (a field report, DFE-Digital/publish-teacher-training pull request 4368).
 */
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';
import { AZURE_ALARM_METRICS, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import type { IAzureVpnGateway } from './interfaces';
import { AZURE_TUNNEL_ALARM_PROPS, checkAzureProps } from './props-shape';

/** What an `AzureTunnelAlarm` watches. */
export enum AzureTunnelAlarmWatch {
  /** The connection has no IPsec SA (`QmsaCount` of its `ConnectionName` below the threshold). */
  TUNNEL = 'tunnel',
  /** The BGP session with one peer address is down (`BgpPeerStatus` of its `BgpPeerAddress` below the threshold). */
  BGP_PEER = 'bgp-peer',
}

/** Evaluation frequencies the provider accepts (`frequency`, monitor_metric_alert_resource.go:349-359 at v4.55.0 and v4.73.0). */
export const AZURE_ALARM_FREQUENCIES: readonly string[] = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'];
/** Window sizes the provider accepts (`window_size`, monitor_metric_alert_resource.go:369-382 at v4.55.0 and v4.73.0). */
export const AZURE_ALARM_WINDOW_SIZES: readonly string[] = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'P1D'];
/** The smallest time grain of `QmsaCount` and `BgpPeerStatus` (supported metrics of virtualNetworkGateways): a shorter window holds no data point. */
const SMALLEST_GRAIN = 'PT5M';
/** ISO 8601 durations of the values above, in minutes. */
const MINUTES: Readonly<Record<string, number>> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, P1D: 1440 };
/** An action group's resource id (`Microsoft.Insights/actionGroups`, case-insensitive as Azure resource ids are). */
const ACTION_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i;

/**
 * How the alarms of an Azure VPN gateway's tunnels evaluate and whom they notify.
 *
 * Each alarm fires when its metric stays below its threshold over the window: Azure Monitor
 * evaluates the rule every `frequency` over the last `windowSize`, and resolves the alert by itself
 * once the condition no longer holds (`auto_mitigate`).
 */
export interface AzureVpnAlarmOptions {
  /**
   * Severity of the alerts: 0 Critical, 1 Error, 2 Warning, 3 Informational, 4 Verbose.
   *
   * 0-4. Terraform `severity`. One tunnel down is an error rather than critical: the mesh plans
   * its links with redundant tunnels.
   *
   * @default 1 (Error; the provider's own default is 3, monitor_metric_alert_resource.go:362-366)
   */
  readonly severity?: number;

  /**
   * How often Azure Monitor evaluates the alerts, an ISO 8601 duration.
   *
   * `PT1M`, `PT5M`, `PT15M`, `PT30M` or `PT1H`, at most `windowSize`. Terraform `frequency`.
   *
   * @default 'PT1M' (the provider's default, monitor_metric_alert_resource.go:349-359 at v4.55.0 and v4.73.0)
   */
  readonly frequency?: string;

  /**
   * The period each evaluation looks back over, an ISO 8601 duration.
   *
   * `PT5M`, `PT15M`, `PT30M`, `PT1H`, `PT6H`, `PT12H` or `P1D` (the provider also takes `PT1M`,
   * shorter than the metrics' smallest time grain, PT5M), at least `frequency`; above four hours
   * with a `frequency` of at least `PT5M`. Terraform `window_size`.
   *
   * @default 'PT5M' (the provider's default, monitor_metric_alert_resource.go:369-382 at v4.55.0 and v4.73.0; the metrics' smallest time grain)
   */
  readonly windowSize?: string;

  /**
   * The tunnel alarm fires when the connection's quick-mode (IPsec) SAs, summed over the window
   * (`QmsaCount`, aggregation Total), are below this.
   *
   * A count of SAs: positive (a count below 0 never occurs).
   *
   * @default 1 (no IPsec SA during the whole window)
   */
  readonly tunnelThreshold?: number;

  /**
   * The BGP alarm fires when the average `BgpPeerStatus` (1 connected, 0 not) of the tunnel's
   * peer address over the window is below this.
   *
   * Above 0, at most 1. Both instances of an active-active gateway report every configured peer
   * address ("every possible combination", Microsoft's guidance), and only the instance with the
   * tunnel can reach it: the average of a healthy peer is then 0.5.
   *
   * @default - 1 on an active-standby gateway (Microsoft's "less than 1"), 0.5 on an active-active one (each: down during part of the window)
   */
  readonly bgpThreshold?: number;

  /**
   * Resource id of the action group the alerts notify, e.g.
   * `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Insights/actionGroups/<name>`.
   *
   * A literal is checked for that shape; a token passes. Terraform `action.action_group_id`.
   *
   * @default - no action: the alerts show in Azure Monitor only
   */
  readonly actionGroupId?: string;
}

/** Properties of an `AzureTunnelAlarm`. */
export interface AzureTunnelAlarmProps extends AzureVpnAlarmOptions {
  /**
   * Name of the metric alert rule.
   *
   * 1-260 characters, none of `* # & + : < > ? @ % { } \ /`, not ending with a space or a period;
   * unique in the resource group. Terraform `name` (replaces the alert when changed).
   *
   * @see https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-metric-alert-rule#naming-restrictions-for-metric-alert-rules
   */
  readonly name: string;

  /** The gateway whose metrics the alert reads: its scope (Terraform `scopes`). */
  readonly gateway: IAzureVpnGateway;

  /** What the alert watches. */
  readonly watch: AzureTunnelAlarmWatch;

  /**
   * Name of the connection whose tunnel a `TUNNEL` alarm watches (the metric's `ConnectionName`
   * dimension).
   *
   * @default - none: required with `AzureTunnelAlarmWatch.TUNNEL`
   */
  readonly connectionName?: string;

  /**
   * The peer's BGP address a `BGP_PEER` alarm watches (the metric's `BgpPeerAddress` dimension):
   * the local network gateway's `bgp_peering_address`.
   *
   * @default - none: required with `AzureTunnelAlarmWatch.BGP_PEER`
   */
  readonly bgpPeerAddress?: string;

  /**
   * Resource group of the alert rule.
   *
   * @default - the gateway's resource group
   */
  readonly resourceGroupName?: string;

  /**
   * Tags of the alert rule.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

/** The alarm options in force: every default filled, for a gateway active-active or not. */
interface ResolvedAlarmOptions {
  readonly severity: number;
  readonly frequency: string;
  readonly windowSize: string;
  readonly tunnelThreshold: number;
  readonly bgpThreshold: number;
  readonly actionGroupId?: string;
}

/** The defaults of `AzureVpnAlarmOptions` for a gateway. */
function alarmDefaults(activeActive: boolean): ResolvedAlarmOptions {
  return { severity: 1, frequency: 'PT1M', windowSize: SMALLEST_GRAIN, tunnelThreshold: 1, bgpThreshold: activeActive ? 0.5 : 1 };
}

/**
 * Records every problem of alarm options (`prefix` names them, e.g. `alarms.`): the provider's
 * enums and ranges, window at least the frequency and the metrics' time grain, a threshold the
 * metric can cross, an action group id's shape.
 *
 * @internal
 */
export function checkAlarmOptions(checker: PropsChecker, o: AzureVpnAlarmOptions, prefix: string): void {
  const literal = (v: unknown): boolean => v !== undefined && !Token.isUnresolved(v);
  if (literal(o.severity) && !(Number.isInteger(o.severity) && o.severity! >= 0 && o.severity! <= 4)) {
    checker.check(`${prefix}severity`, 'alarm-severity', `${show(o.severity)} is not an Azure alert severity; allowed: an integer 0 (Critical) to 4 (Verbose)`);
  }
  // Each duration as it will be written: the given literal or the default; undefined for a token
  // or a value refused here (cross-checks need both).
  const duration = (prop: 'frequency' | 'windowSize', allowed: readonly string[], what: string): string | undefined => {
    const v = o[prop];
    if (v === undefined) return alarmDefaults(false)[prop];
    if (Token.isUnresolved(v)) return undefined;
    if (allowed.includes(v)) return v;
    checker.check(`${prefix}${prop}`, prop === 'frequency' ? 'alarm-frequency' : 'alarm-window', `${show(v)} is not ${what} of a metric alert; allowed: ${allowed.join(', ')}`);
    return undefined;
  };
  const f = duration('frequency', AZURE_ALARM_FREQUENCIES, 'an evaluation frequency');
  const w = duration('windowSize', AZURE_ALARM_WINDOW_SIZES, 'a window size');
  if (w !== undefined && MINUTES[w] < MINUTES[SMALLEST_GRAIN]) {
    checker.check(`${prefix}windowSize`, 'alarm-window-grain', `${show(w)} is shorter than the smallest time grain of the VPN gateway's tunnel metrics (${SMALLEST_GRAIN}): the alert would see no data point; allowed: ${AZURE_ALARM_WINDOW_SIZES.filter((x) => MINUTES[x] >= MINUTES[SMALLEST_GRAIN]).join(', ')}`);
  } else if (f !== undefined && w !== undefined && MINUTES[w] < MINUTES[f]) {
    checker.check(`${prefix}windowSize`, 'alarm-window-frequency', `${show(w)} is shorter than the evaluation frequency ${show(f)}: parts of the time would never be evaluated; allowed: a window at least the frequency`);
  }
  if (f !== undefined && w !== undefined && MINUTES[w] > 240 && MINUTES[f] < 5) {
    checker.check(`${prefix}frequency`, 'alarm-frequency-long-window', `${show(f)} with a window of ${show(w)}: Azure Monitor refuses a frequency under five minutes for a window above four hours; allowed: PT5M or more`);
  }
  if (literal(o.tunnelThreshold) && !(o.tunnelThreshold! > 0)) {
    checker.check(`${prefix}tunnelThreshold`, 'alarm-threshold', `${show(o.tunnelThreshold)} can never be crossed by a count of IPsec SAs; allowed: a number above 0 (default 1)`);
  }
  if (literal(o.bgpThreshold) && !(o.bgpThreshold! > 0 && o.bgpThreshold! <= 1)) {
    checker.check(`${prefix}bgpThreshold`, 'alarm-threshold', `${show(o.bgpThreshold)} is outside the range of the average BGP peer status (0 down to 1 up); allowed: a number above 0, at most 1`);
  }
  if (literal(o.actionGroupId) && !ACTION_GROUP_ID.test(o.actionGroupId!)) {
    checker.check(`${prefix}actionGroupId`, 'alarm-action-group', `${show(o.actionGroupId)} is not an action group's resource id; allowed: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>`);
  }
}

/** Characters Azure refuses in a metric alert rule name (naming restrictions for metric alert rules). */
const NAME_REFUSED = /[*#&+:<>?@%{}\\/]/;

/**
 * One Azure Monitor metric alert on a tunnel of an Azure VPN gateway: its IPsec SAs
 * (`QmsaCount` of one connection) or its BGP session (`BgpPeerStatus` of one peer address), read
 * from the gateway, below a threshold over a window. `AzureVpnGateway` creates the ones the plan
 * names for each of its tunnels; it also works on its own.
 *
 * @resource azurerm_monitor_metric_alert
 */
export class AzureTunnelAlarm extends Construct {
  /** The metric alert rule's resource id. */
  public readonly alarmId: string;
  /** The underlying Terraform resource. */
  public readonly resource: MonitorMetricAlert;

  constructor(scope: Construct, id: string, props: AzureTunnelAlarmProps) {
    super(scope, id);
    checkAzureProps(this.node.path, props, AZURE_TUNNEL_ALARM_PROPS);
    const checker = new PropsChecker(this.node.path);
    if (!Token.isUnresolved(props.name) && (NAME_REFUSED.test(props.name) || /[ .]$/.test(props.name) || props.name.length > 260)) {
      checker.check('name', 'alarm-name', `${show(props.name)} is not a metric alert rule name; allowed: 1-260 characters without * # & + : < > ? @ % { } \\ /, not ending with a space or a period`);
    }
    const tunnel = props.watch === AzureTunnelAlarmWatch.TUNNEL;
    const [need, dimension] = tunnel ? ['connectionName', props.connectionName] as const : ['bgpPeerAddress', props.bgpPeerAddress] as const;
    if (dimension === undefined) checker.check(need, 'alarm-dimension-missing', `is missing; allowed: the ${tunnel ? 'connection name' : 'peer BGP address'} a ${props.watch} alarm watches`);
    checkAlarmOptions(checker, props, '');
    checker.throwIfAny();

    const o = { ...alarmDefaults(props.gateway.activeActive), ...definedOf(props) };
    const metric = tunnel ? AZURE_ALARM_METRICS.tunnel : AZURE_ALARM_METRICS.bgp;
    this.resource = new MonitorMetricAlert(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName ?? props.gateway.resourceGroupName,
      scopes: [props.gateway.virtualNetworkGatewayId],
      description: tunnel
        ? `${metric.watches}: no IPsec SA on connection ${props.connectionName} (${metric.name} below ${o.tunnelThreshold} over ${o.windowSize})`
        : `${metric.watches}: BGP peer ${props.bgpPeerAddress} (${metric.name} below ${o.bgpThreshold} over ${o.windowSize})`,
      severity: o.severity,
      frequency: o.frequency,
      windowSize: o.windowSize,
      autoMitigate: true,
      criteria: [{
        metricNamespace: metric.namespace,
        metricName: metric.name,
        aggregation: tunnel ? 'Total' : 'Average',
        operator: 'LessThan',
        threshold: tunnel ? o.tunnelThreshold : o.bgpThreshold,
        dimension: [{ name: tunnel ? 'ConnectionName' : 'BgpPeerAddress', operator: 'Include', values: [dimension!] }],
      }],
      action: o.actionGroupId !== undefined ? [{ actionGroupId: o.actionGroupId }] : undefined,
      tags: props.tags,
    });
    this.alarmId = this.resource.id;
  }
}

/** The alarm options that are set (so that `undefined` never hides a default). */
function definedOf(o: AzureVpnAlarmOptions): Partial<ResolvedAlarmOptions> {
  const keys = ['severity', 'frequency', 'windowSize', 'tunnelThreshold', 'bgpThreshold', 'actionGroupId'] as const;
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<ResolvedAlarmOptions>;
}
