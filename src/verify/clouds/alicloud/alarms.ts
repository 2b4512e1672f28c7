/**
 * CloudMonitor alarms in the synthesized Terraform JSON (`alicloud_cms_alarm`): what CloudMonitor
 * and the provider reject (`checkAlarm`, violations that fail every tunnel the alarm watches with
 * `cloud-rejects`), and which alarms watch an IPsec connection (`alarmsWatching`).
 *
 * Verify's own tables, written from the sources (never from `src/plan` or `src/alicloud`):
 * - `provider`: aliyun/terraform-provider-alicloud v1.289.0 `alicloud/resource_alicloud_cms_alarm.go`
 *   (schema lines 31-366) and `website/docs/r/cms_alarm.html.markdown`;
 * - `vpngw.md`: the CloudMonitor metrics of VPN Gateway, AlibabaCloudDocs/cms
 *   `intl.en-US/Appendix 1: Metrics/Cloud essentials/Networking/vpngw.md` (namespace `acs_vpn`,
 *   period a multiple of 60 s, the metrics with their dimensions and statistics);
 * - `PutResourceMetricRule`: AlibabaCloudDocs/cms
 *   `intl.en-US/API Reference/Alert rules for time series metrics/PutResourceMetricRule.md`.
 */
import { shown } from '../../violation';
import { Obj, isObj } from '../../output/load';
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { Ctx, literal, report } from './judge';
import { resourceKey, type Violation } from '../../types';

const ALARM_GO = 'terraform-provider-alicloud v1.289.0 alicloud/resource_alicloud_cms_alarm.go';
const ALARM_DOC = 'terraform-provider-alicloud v1.289.0 website/docs/r/cms_alarm.html.markdown';
const VPNGW = 'AlibabaCloudDocs/cms intl.en-US/Appendix 1: Metrics/Cloud essentials/Networking/vpngw.md';
const PUT_RULE = 'AlibabaCloudDocs/cms intl.en-US/API Reference/Alert rules for time series metrics/PutResourceMetricRule.md';

/** The `acs_vpn` metrics and their dimensions (without `userId`, which CloudMonitor fills in). */
export const ACS_VPN_METRICS: Readonly<Record<string, readonly string[]>> = {
  'ipsec.rxPkgs': ['instanceId', 'ipsecId'],
  'ipsec.txPkgs': ['instanceId', 'ipsecId'],
  'ipsec_rx.rate': ['instanceId', 'ipsecId'],
  'ipsec_tx.rate': ['instanceId', 'ipsecId'],
  'net_rx.rate': ['instanceId'],
  'net_tx.rate': ['instanceId'],
  'ssl_client.count': ['instanceId'],
  'net_rx.Pkgs': ['instanceId'],
  'net_tx.Pkgs': ['instanceId'],
};
export const ACS_VPN = { namespace: 'acs_vpn', statistics: ['Value'], periodMultiple: 60, source: VPNGW };

/** The comparison operators the provider takes (StringInSlice, line 99). */
export const COMPARISON_OPERATORS = {
  values: ['>', '>=', '<', '<=', '!=', '==', 'GreaterThanYesterday', 'LessThanYesterday', 'GreaterThanLastWeek', 'LessThanLastWeek', 'GreaterThanLastPeriod', 'LessThanLastPeriod'],
  source: `${ALARM_GO}:99`,
};
/** `silence_time`: IntBetween(300, 86400), line 76. */
export const SILENCE_TIME = { min: 300, max: 86400, source: `${ALARM_GO}:76` };
/** Arguments the provider removed: setting one fails its validation ([REMOVED]). */
export const REMOVED = { values: ['operator', 'statistics', 'threshold', 'triggered_count', 'notify_type'], source: `${ALARM_GO}:333-365` };
/** Required arguments (the schema), `ContactGroups` required by the API. */
export const REQUIRED = { values: ['name', 'project', 'metric', 'contact_groups'], source: `${ALARM_GO}:32-50; ${PUT_RULE} ContactGroups` };
/** The escalation threshold must be numeric (docs, `escalations_critical`). */
export const NUMERIC_THRESHOLD = { source: `${ALARM_DOC}:143` };
const LEVELS = ['escalations_critical', 'escalations_warn', 'escalations_info'];




/** `metric_dimensions` as written: a JSON array of objects, or a reason it is not. */
function dimensionsOf(v: Json | undefined): { ok: true; value: Record<string, Json>[] } | { ok: false; reason: string } | undefined {
  if (typeof v !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return { ok: false, reason: 'is not JSON' };
  }
  if (!Array.isArray(parsed) || !parsed.every((d) => isObj(d as Json))) return { ok: false, reason: 'is not a JSON array of objects' };
  return { ok: true, value: parsed as Record<string, Json>[] };
}

/** Violations of one `alicloud_cms_alarm` body. */
function checkAlarm(c: Ctx, body: Obj): void {
  for (const field of REQUIRED.values) {
    if (body[field] === undefined || body[field] === null) report(c, field, 'unset', 'is required', REQUIRED.source);
  }
  for (const field of REMOVED.values) {
    if (body[field] !== undefined && body[field] !== null) report(c, field, shown(body[field]), 'removed from the provider (set escalations_critical instead)', REMOVED.source);
  }
  const groups = literal(c, body.contact_groups);
  if (Array.isArray(groups) && groups.length === 0) report(c, 'contact_groups', '[]', 'at least one existing contact group', REQUIRED.source);
  const silence = literal(c, body.silence_time);
  if (silence !== undefined && !(typeof silence === 'number' && silence >= SILENCE_TIME.min && silence <= SILENCE_TIME.max)) {
    report(c, 'silence_time', shown(silence), `${SILENCE_TIME.min}-${SILENCE_TIME.max} seconds`, SILENCE_TIME.source);
  }
  for (const level of LEVELS) {
    const blocks = Array.isArray(body[level]) ? body[level] as Json[] : isObj(body[level]) ? [body[level]] : [];
    blocks.forEach((b, i) => {
      if (!isObj(b)) return;
      const at = Array.isArray(body[level]) ? `${level}[${i}]` : level;
      const op = literal(c, b.comparison_operator);
      if (op !== undefined && !(typeof op === 'string' && COMPARISON_OPERATORS.values.includes(op))) {
        report(c, `${at}.comparison_operator`, shown(op), `one of ${COMPARISON_OPERATORS.values.join(', ')}`, COMPARISON_OPERATORS.source);
      }
      const th = literal(c, b.threshold);
      if (th !== undefined && !(typeof th === 'number' || (typeof th === 'string' && th.trim() !== '' && Number.isFinite(Number(th))))) {
        report(c, `${at}.threshold`, shown(th), 'a numeric value', NUMERIC_THRESHOLD.source);
      }
      const stat = literal(c, b.statistics);
      if (literal(c, body.project) === ACS_VPN.namespace && stat !== undefined && !ACS_VPN.statistics.includes(String(stat))) {
        report(c, `${at}.statistics`, shown(stat), `one the acs_vpn metrics define: ${ACS_VPN.statistics.join(', ')}`, ACS_VPN.source);
      }
    });
  }
  if (literal(c, body.project) !== ACS_VPN.namespace) return;
  const metric = literal(c, body.metric);
  const dims = typeof metric === 'string' ? ACS_VPN_METRICS[metric] : undefined;
  if (typeof metric === 'string' && !dims) report(c, 'metric', shown(metric), `an acs_vpn metric: ${Object.keys(ACS_VPN_METRICS).join(', ')}`, ACS_VPN.source);
  // The provider's default period (300) applies when unset.
  const period = literal(c, body.period) ?? 300;
  if (!(typeof period === 'number' && Number.isInteger(period) && period > 0 && period % ACS_VPN.periodMultiple === 0)) {
    report(c, 'period', shown(period), `a multiple of ${ACS_VPN.periodMultiple} seconds`, ACS_VPN.source);
  }
  const parsed = dimensionsOf(body.metric_dimensions);
  if (parsed && !parsed.ok) report(c, 'metric_dimensions', shown(body.metric_dimensions), `a JSON array of dimension objects (${parsed.reason})`, ALARM_DOC);
  else if (parsed?.ok && dims) {
    for (const [i, d] of parsed.value.entries()) {
      const missing = dims.filter((k) => !(k in d));
      const unknown = Object.keys(d).filter((k) => k !== 'userId' && !dims.includes(k));
      if (missing.length || unknown.length) {
        report(c, `metric_dimensions[${i}]`, shown(Object.keys(d).join(', ')), `the dimensions of ${String(metric)}: ${dims.join(', ')}`, ACS_VPN.source);
      }
    }
  }
}

/** Violations of every `alicloud_cms_alarm` of the output. */
export function acceptAlicloudAlarms(r: Resolver): Violation[] {
  const out: Violation[] = [];
  for (const stack of r.stacks) {
    if (stack.engine !== 'cdktf') continue;
    const all = isObj(stack.body.resource) ? stack.body.resource.alicloud_cms_alarm : undefined;
    if (!isObj(all)) continue;
    for (const [name, body] of Object.entries(all)) {
      if (isObj(body)) checkAlarm({ r, stack, key: resourceKey('cdktf', stack.name, `alicloud_cms_alarm.${name}`), out }, body);
    }
  }
  return out;
}

/** One alarm that watches a connection: its rule name and resource key. */
export interface WatchingAlarm {
  readonly name: string;
  /** `acs_vpn <metric>`, as the rule names it. */
  readonly metric: string;
  readonly key: string;
}

/**
 * The `alicloud_cms_alarm`s whose `metric_dimensions` select the IPsec connection `connectionId`
 * (`alicloud_vpn_connection.<name>`) of stack `stackName` through `ipsecId`.
 */
export function alarmsWatching(r: Resolver, stackName: string, connectionId: string): WatchingAlarm[] {
  const found: WatchingAlarm[] = [];
  for (const s of r.stacks) {
    if (s.engine !== 'cdktf') continue;
    const all = isObj(s.body.resource) ? s.body.resource.alicloud_cms_alarm : undefined;
    if (!isObj(all)) continue;
    for (const [name, body] of Object.entries(all)) {
      if (!isObj(body)) continue;
      const parsed = dimensionsOf(body.metric_dimensions);
      if (!parsed?.ok) continue;
      const watches = parsed.value.some((d) => {
        const v = d.ipsecId === undefined ? undefined : r.eval(s, d.ipsecId);
        return v?.kind === 'resource' && v.ref.stack === stackName && v.ref.id === connectionId;
      });
      const rule = r.eval(s, body.name);
      const metric = r.eval(s, body.metric);
      if (watches) {
        found.push({
          name: rule.kind === 'literal' ? String(rule.value) : `alicloud_cms_alarm.${name}`,
          metric: `acs_vpn ${metric.kind === 'literal' ? String(metric.value) : '?'}`,
          key: resourceKey('cdktf', s.name, `alicloud_cms_alarm.${name}`),
        });
      }
    }
  }
  return found;
}
