/**
 * Azure Monitor metric alerts (`azurerm_monitor_metric_alert`) as verify reads them: what Azure
 * and the azurerm provider refuse in one (acceptance), and which alerts watch which Azure
 * connection (reports). Verify's own tables, written from the sources below, never from the
 * planner or the constructs.
 *
 * Sources:
 * - terraform-provider-azurerm internal/services/monitor/monitor_metric_alert_resource.go; the
 *   files at v4.55.0 and v4.73.0 differ in their copyright line only, so each line cited holds for
 *   both tags; and website/docs/r/monitor_metric_alert.html.markdown at v4.55.0.
 * - The metrics Azure documents per resource type: "Supported metrics for
 *   Microsoft.Network/virtualNetworkGateways" and "… Microsoft.Network/connections"
 *   (MicrosoftDocs/azure-reference-other azure-monitor-ref/supported-metrics/includes/, ms.date
 *   2024-03-26 and 2024-01-10): REST name and dimensions of each. Unless
 *   `skip_metric_validation` is set, Azure validates a criterion against these definitions (the
 *   provider documents the flag as what allows "creating an alert rule on a custom metric that
 *   isn't yet emitted").
 */
import { shown } from '../../violation';
import { isObj } from '../../output/load';
import type { Json, Obj, StackDoc } from '../../output/load';
import { eachTf } from '../../output/resolve';
import type { FoundResource, Resolver } from '../../output/resolve';
import type { HalfAlarm, Violation } from '../../types';

const FILE = 'terraform-provider-azurerm v4.55.0 and v4.73.0 internal/services/monitor/monitor_metric_alert_resource.go';
const DOC = 'terraform-provider-azurerm v4.55.0 website/docs/r/monitor_metric_alert.html.markdown';
const METRICS_DOC = 'MicrosoftDocs/azure-reference-other azure-monitor-ref/supported-metrics/includes/microsoft-network-';

/** Where each rule comes from. */
export const ALARM_SOURCES = {
  frequency: `${FILE}:349-359`,
  severity: `${FILE}:362-366`,
  windowSize: `${FILE}:369-382`,
  windowVsFrequency: `${DOC}:99 ("This value must be greater than frequency"; equal values are what Microsoft's baseline alerts deploy, Azure/azure-monitor-baseline-alerts services/Network/virtualNetworkGateways/alerts.yaml PT5M/PT5M)`,
  longWindow: 'Azure Monitor metric alerts API, BadRequest "Evaluation frequency must be greater than or equal to five minutes since the period is greater than four hours" (field report: DFE-Digital/publish-teacher-training pull request 4368, 2024-07-12)',
  aggregation: `${FILE}:111-121`,
  operator: `${FILE}:152-162`,
  dimensionOperator: `${FILE}:132-140`,
  dimensionValues: `${FILE}:141-148 (MinItems: 1)`,
  criteria: `${FILE}:94-99 (ExactlyOneOf criteria, dynamic_criteria, application_insights_web_test_location_availability_criteria)`,
  scopes: `${FILE}:66-75 (Required, MinItems: 1)`,
  metric: `${METRICS_DOC}virtualnetworkgateways-metrics-include.md (ms.date 2024-03-26) and …connections-metrics-include.md (2024-01-10); ${DOC}:119 (skip_metric_validation)`,
};

/** Evaluation frequencies (`frequency`), window sizes (`window_size`) and their lengths in minutes. */
const FREQUENCIES = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'];
const WINDOW_SIZES = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'P1D'];
const MINUTES: Readonly<Record<string, number>> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, P1D: 1440 };
const AGGREGATIONS = ['Average', 'Count', 'Minimum', 'Maximum', 'Total'];
/** `metricalerts.Operator*` of the SDK the provider vendors, as the schema lists them. */
const OPERATORS = ['Equals', 'GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual'];
const DIMENSION_OPERATORS = ['Include', 'Exclude', 'StartsWith'];

/**
 * The platform metrics Azure documents for each resource type an alert can scope, by the
 * Terraform type of the scope: namespace, and every metric's REST name with its dimensions.
 */
export const DOCUMENTED_METRICS: Readonly<Record<string, { readonly namespace: string; readonly metrics: Readonly<Record<string, readonly string[]>> }>> = {
  azurerm_virtual_network_gateway: {
    namespace: 'Microsoft.Network/virtualNetworkGateways',
    metrics: {
      AverageBandwidth: ['Instance'],
      BgpPeerStatus: ['BgpPeerAddress', 'Instance'],
      BgpRoutesAdvertised: ['BgpPeerAddress', 'Instance'],
      BgpRoutesLearned: ['BgpPeerAddress', 'Instance'],
      ExpressRouteGatewayActiveFlows: ['roleInstance'],
      ExpressRouteGatewayBitsPerSecond: ['roleInstance'],
      ExpressRouteGatewayCountOfRoutesAdvertisedToPeer: ['roleInstance', 'BgpPeerAddress'],
      ExpressRouteGatewayCountOfRoutesLearnedFromPeer: ['roleInstance', 'BgpPeerAddress'],
      ExpressRouteGatewayCpuUtilization: ['roleInstance'],
      ExpressRouteGatewayFrequencyOfRoutesChanged: ['roleInstance'],
      ExpressRouteGatewayMaxFlowsCreationRate: ['roleInstance', 'direction'],
      ExpressRouteGatewayNumberOfVmInVnet: ['roleInstance'],
      ExpressRouteGatewayPacketsPerSecond: ['roleInstance'],
      InboundFlowsCount: ['Instance'],
      MmsaCount: ['ConnectionName', 'RemoteIP', 'Instance'],
      OutboundFlowsCount: ['Instance'],
      P2SBandwidth: ['Instance'],
      P2SConnectionCount: ['Protocol', 'Instance'],
      QmsaCount: ['ConnectionName', 'RemoteIP', 'Instance'],
      ScalableExpressRouteGatewayActiveFlows: [],
      ScalableExpressRouteGatewayBitsPerSecond: [],
      ScalableExpressRouteGatewayCountOfRoutesAdvertisedToPeer: [],
      ScalableExpressRouteGatewayCountOfRoutesLearnedFromPeer: [],
      ScalableExpressRouteGatewayCpuUtilization: [],
      ScalableExpressRouteGatewayFrequencyOfRoutesChanged: [],
      ScalableExpressRouteGatewayMaxFlowsCreationRate: ['direction'],
      ScalableExpressRouteGatewayNumberOfVmInVnet: [],
      ScalableExpressRouteGatewayPacketsPerSecond: [],
      TunnelAverageBandwidth: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelEgressBytes: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelEgressPacketDropCount: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelEgressPacketDropTSMismatch: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelEgressPackets: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelIngressBytes: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelIngressPacketDropCount: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelIngressPacketDropTSMismatch: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelIngressPackets: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelNatAllocations: ['NatRule', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelNatedBytes: ['NatRule', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelNatedPackets: ['NatRule', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelNatFlowCount: ['NatRule', 'FlowType', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelNatPacketDrop: ['NatRule', 'DropType', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelPeakPackets: ['ConnectionName', 'RemoteIP', 'Instance'],
      TunnelReverseNatedBytes: ['NatRule', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelReverseNatedPackets: ['NatRule', 'ConnectionName', 'RemoteIP', 'Instance'],
      TunnelTotalFlowCount: ['ConnectionName', 'RemoteIP', 'Instance'],
      UserVpnRouteCount: ['RouteType', 'Instance'],
      VnetAddressPrefixCount: ['Instance'],
    },
  },
  azurerm_virtual_network_gateway_connection: {
    namespace: 'Microsoft.Network/connections',
    metrics: { BitsInPerSecond: [], BitsOutPerSecond: [] },
  },
};

/** What an alert watches of a tunnel, as reports say it, by metric REST name. */
const WATCHES: Readonly<Record<string, string>> = {
  QmsaCount: 'tunnel down', MmsaCount: 'tunnel down', TunnelAverageBandwidth: 'tunnel traffic', BgpPeerStatus: 'BGP peer down',
};

/** A value as Terraform sees it at plan time; `deploy-time` when only known then. */
function literal(r: Resolver, stack: StackDoc, v: Json | undefined): Json | undefined | 'deploy-time' {
  if (v === undefined) return undefined;
  const res = r.eval(stack, v);
  return res.kind === 'literal' ? res.value : 'deploy-time';
}

const blocks = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(isObj);
const listOf = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** The resource an alert's first scope names, if it is one of the deployment's. */
function scopeOf(r: Resolver, alert: FoundResource): FoundResource | undefined {
  const first = listOf(alert.body.scopes)[0];
  for (const type of Object.keys(DOCUMENTED_METRICS)) {
    const found = r.resourceOf(alert.stack, first, type);
    if (found) return found;
  }
  return undefined;
}

/** Every value of every `azurerm_monitor_metric_alert` that Azure or the provider rejects. */
export function acceptAzureAlarms(r: Resolver): Violation[] {
  const out: Violation[] = [];
  for (const alert of eachTf(r, 'azurerm_monitor_metric_alert')) {
    const b = alert.body;
    const lit = (v: Json | undefined) => literal(r, alert.stack, v);
    const add = (attribute: string, value: unknown, rule: string, source: string) => {
      out.push({ cloud: 'azure', file: alert.stack.file, resource: alert.key, attribute, value: shown(value), rule, source });
    };
    const oneOf = (attribute: string, v: Json | undefined | 'deploy-time', allowed: readonly string[], source: string) => {
      if (v === undefined || v === 'deploy-time') return;
      if (typeof v !== 'string' || !allowed.includes(v)) add(attribute, v, `one of ${allowed.join(', ')} (case-sensitive)`, source);
    };

    const severity = lit(b.severity);
    if (severity !== undefined && severity !== 'deploy-time' && !(typeof severity === 'number' && Number.isInteger(severity) && severity >= 0 && severity <= 4)) {
      add('severity', severity, 'an integer from 0 to 4', ALARM_SOURCES.severity);
    }
    const frequencyRaw = lit(b.frequency);
    const windowRaw = lit(b.window_size);
    oneOf('frequency', frequencyRaw, FREQUENCIES, ALARM_SOURCES.frequency);
    oneOf('window_size', windowRaw, WINDOW_SIZES, ALARM_SOURCES.windowSize);
    // The provider's defaults (:352, :372) when unset.
    const frequency = frequencyRaw === undefined ? 'PT1M' : frequencyRaw;
    const window = windowRaw === undefined ? 'PT5M' : windowRaw;
    if (typeof frequency === 'string' && typeof window === 'string' && FREQUENCIES.includes(frequency) && WINDOW_SIZES.includes(window)) {
      if (MINUTES[window] < MINUTES[frequency]) add('window_size', window, `at least the frequency (${frequency})`, ALARM_SOURCES.windowVsFrequency);
      if (MINUTES[window] > 240 && MINUTES[frequency] < 5) add('frequency', frequency, `PT5M or more with a window above four hours (${window})`, ALARM_SOURCES.longWindow);
    }

    const scopes = listOf(b.scopes);
    if (b.scopes === undefined || (Array.isArray(b.scopes) && scopes.length === 0)) add('scopes', b.scopes, 'required: at least one resource id', ALARM_SOURCES.scopes);
    const criteria = blocks(b.criteria);
    const others = ['dynamic_criteria', 'application_insights_web_test_location_availability_criteria'].filter((k) => b[k] !== undefined);
    if (criteria.length + others.length === 0 || (criteria.length > 0 && others.length > 0) || others.length > 1) {
      add('criteria', criteria.length ? `criteria and ${others.join(', ')}` : others.join(', ') || '(none)', 'exactly one of criteria, dynamic_criteria, application_insights_web_test_location_availability_criteria', ALARM_SOURCES.criteria);
    }
    const scope = scopeOf(r, alert);
    const documented = scope ? DOCUMENTED_METRICS[scope.type] : undefined;
    criteria.forEach((c, i) => {
      const at = Array.isArray(b.criteria) ? `criteria[${i}]` : 'criteria';
      oneOf(`${at}.aggregation`, lit(c.aggregation), AGGREGATIONS, ALARM_SOURCES.aggregation);
      oneOf(`${at}.operator`, lit(c.operator), OPERATORS, ALARM_SOURCES.operator);
      const dimensions = blocks(c.dimension);
      dimensions.forEach((d, j) => {
        const dp = `${at}.dimension${Array.isArray(c.dimension) ? `[${j}]` : ''}`;
        oneOf(`${dp}.operator`, lit(d.operator), DIMENSION_OPERATORS, ALARM_SOURCES.dimensionOperator);
        const values = lit(d.values);
        if (Array.isArray(values) && values.length === 0) add(`${dp}.values`, values, 'at least one value', ALARM_SOURCES.dimensionValues);
      });
      if (!documented || lit(c.skip_metric_validation) === true) return;
      const namespace = lit(c.metric_namespace);
      const name = lit(c.metric_name);
      if (typeof namespace === 'string' && namespace.toLowerCase() !== documented.namespace.toLowerCase()) {
        add(`${at}.metric_namespace`, namespace, `${documented.namespace}: the namespace of the scope, ${scope!.id}`, ALARM_SOURCES.metric);
        return;
      }
      if (typeof name !== 'string') return;
      const metric = Object.entries(documented.metrics).find(([m]) => m.toLowerCase() === name.toLowerCase());
      if (!metric) {
        add(`${at}.metric_name`, name, `a metric Azure documents for ${documented.namespace}: ${Object.keys(documented.metrics).join(', ')}`, ALARM_SOURCES.metric);
        return;
      }
      dimensions.forEach((d, j) => {
        const dn = lit(d.name);
        if (typeof dn === 'string' && !metric[1].some((x) => x.toLowerCase() === dn.toLowerCase())) {
          add(`${at}.dimension${Array.isArray(c.dimension) ? `[${j}]` : ''}.name`, dn, metric[1].length ? `a dimension of ${metric[0]}: ${metric[1].join(', ')}` : `none: ${metric[0]} has no dimensions`, ALARM_SOURCES.metric);
        }
      });
    });
  }
  return out;
}

/** An alert criterion's dimension filters as written (operator and values; literals only). */
function filtersOf(r: Resolver, alert: FoundResource, criterion: Obj): { operator: unknown; values: string[] }[] {
  return blocks(criterion.dimension).map((d) => {
    const values = literal(r, alert.stack, d.values);
    return { operator: literal(r, alert.stack, d.operator), values: Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [] };
  });
}

/**
 * The alerts that watch one Azure connection's tunnels: every `azurerm_monitor_metric_alert`
 * scoped to its gateway whose criterion keeps the connection by name (a `ConnectionName` filter)
 * or its local network gateway's BGP peer address (`BgpPeerAddress`, when BGP runs over it). An
 * alert meant for the connection counts even with a wrong dimension, operator or metric name (the
 * value it filters on names the connection: acceptance reports what is wrong with it); an alert
 * without a filter keeping anything watches every tunnel its metric covers.
 */
export function alarmsWatching(r: Resolver | undefined, gatewayKey: string, connection: { readonly name?: string; readonly bgpPeerAddress?: string }): HalfAlarm[] {
  if (!r) return [];
  const mine = [connection.name, connection.bgpPeerAddress].filter((v): v is string => v !== undefined);
  const out: HalfAlarm[] = [];
  for (const alert of eachTf(r, 'azurerm_monitor_metric_alert')) {
    const scope = scopeOf(r, alert);
    if (!scope || scope.type !== 'azurerm_virtual_network_gateway' || `azure:${scope.stack.name}/${scope.id}` !== gatewayKey) continue;
    const name = literal(r, alert.stack, alert.body.name);
    for (const c of blocks(alert.body.criteria)) {
      const metric = literal(r, alert.stack, c.metric_name);
      const filters = filtersOf(r, alert, c);
      const dims = typeof metric === 'string' ? DOCUMENTED_METRICS.azurerm_virtual_network_gateway.metrics[metric] ?? [] : [];
      const names = (f: { operator: unknown; values: string[] }) => f.values.some((v) => mine.some((m) => (f.operator === 'StartsWith' ? m.startsWith(v) : m === v)));
      const naming = filters.filter(names);
      // Kept by a filter that names the connection (whatever the operator, but Exclude): meant
      // for it. Filtered to something else, or excluded: not. No filter: every tunnel its metric covers.
      const watches = naming.some((f) => f.operator !== 'Exclude') ? true
        : naming.length > 0 || filters.some((f) => f.operator !== 'Exclude') ? false
          : dims.includes('ConnectionName') || (dims.includes('BgpPeerAddress') && connection.bgpPeerAddress !== undefined);
      if (!watches) continue;
      const namespace = literal(r, alert.stack, c.metric_namespace);
      const metricName = typeof metric === 'string' ? metric : '?';
      out.push({ name: typeof name === 'string' ? name : alert.name, metric: `${typeof namespace === 'string' ? namespace : '?'} ${metricName}`, watches: WATCHES[metricName] ?? metricName, resource: alert.key });
      break;
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
