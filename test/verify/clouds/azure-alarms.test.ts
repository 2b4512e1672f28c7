/**
 * Verify's view of the Azure alarms (`src/verify/clouds/azure/alarms.ts`) on real example output
 * (`test/verify/mutate.ts`), read model-only: which metric alerts watch each Azure half (and the
 * report's tunnels), and that an `azurerm_monitor_metric_alert` value Azure or the provider
 * rejects fails exactly the tunnels the alert watches with `cloud-rejects`, naming attribute and rule.
 */
import { verify } from '../../../src/verify';
import type { VerifyReport } from '../../../src/verify/types';
import { Obj, cleanupScratch, exampleOutput, mutated, tfResource, tfResources } from '../mutate';
import { loadStacks } from '../../../src/verify/read-output';

const ALERT = 'azurerm_monitor_metric_alert';
const CONN = 'azurerm_virtual_network_gateway_connection';

afterAll(() => cleanupScratch());

const reports = new Map<string, VerifyReport>();
async function baseline(example: string): Promise<VerifyReport> {
  if (!reports.has(example)) reports.set(example, await verify([exampleOutput(example)], { modelOnly: true }));
  return reports.get(example)!;
}

/** The connections of an Azure links stack: `[terraform name, body]`. */
function connections(example: string, stack: string): [string, Obj][] {
  const { stacks } = loadStacks([exampleOutput(example)]);
  return tfResources(stacks.find((s) => s.engine === 'cdktf' && s.name === stack)!.body as Obj, CONN);
}

/** The alerts of a stack: `[terraform name, body]`. */
function alerts(example: string, stack: string): [string, Obj][] {
  const { stacks } = loadStacks([exampleOutput(example)]);
  return tfResources(stacks.find((s) => s.engine === 'cdktf' && s.name === stack)!.body as Obj, ALERT);
}

describe('which alarms watch each Azure tunnel', () => {
  test('GIVEN aws-azure-bgp WHEN verified THEN every Azure tunnel lists its connection\'s QmsaCount alarm and its peer\'s BgpPeerStatus alarm, and nothing is rejected', async () => {
    const report = await baseline('aws-azure-bgp');
    expect(report.violations.filter((v) => v.resource.includes(ALERT))).toEqual([]);
    const conns = connections('aws-azure-bgp', 'azure-japaneast-links-3');
    const byName = new Map(alerts('aws-azure-bgp', 'azure-japaneast-links-3').map(([, a]) => [a.name as string, a]));
    // 4 paired tunnels, and the 4 halves of the connections' other instances, which nothing answers (AWS registered one IP each)
    const azureTunnels = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('azure:')));
    expect(azureTunnels.filter((t) => t.halves.length === 2).length).toBe(4);
    expect(azureTunnels.length).toBe(8);
    for (const t of azureTunnels) {
      const half = t.halves.find((h) => h.startsWith('azure:'))!;
      const connName = conns.find(([n]) => half.includes(`${CONN}.${n}#`))![1].name as string;
      // each entry is `<cloud> <half label>: <name> (<metric>)`
      const listed = t.alarms!.filter((a) => a.startsWith('Azure ')).map((a) => a.slice(a.indexOf(': ') + 2));
      expect(listed).toHaveLength(2);
      const [bgp, tunnel] = listed.map((l) => byName.get(l.replace(/ \(.+\)$/, ''))!);
      expect(listed[0]).toMatch(/-azure-bgp \(Microsoft\.Network\/virtualNetworkGateways BgpPeerStatus\)$/);
      expect(listed[1]).toMatch(/-azure-tunnel \(Microsoft\.Network\/virtualNetworkGateways QmsaCount\)$/);
      expect((tunnel.criteria as Obj[])[0].dimension).toEqual([{ name: 'ConnectionName', operator: 'Include', values: [connName] }]);
      expect(((bgp.criteria as Obj[])[0].dimension as Obj[])[0].name).toBe('BgpPeerAddress');
      // the AWS half of the same tunnel lists nothing of Azure's
      expect(t.alarms!.filter((a) => a.includes('Microsoft.Network/')).every((a) => a.startsWith('Azure '))).toBe(true);
    }
  }, 120000);

  test('GIVEN azure-alicloud-policy WHEN verified THEN each Azure tunnel has only its tunnel alarm (no BGP over policy links)', async () => {
    const report = await baseline('azure-alicloud-policy');
    const azureTunnels = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('azure:')));
    expect(azureTunnels.length).toBeGreaterThan(0);
    for (const t of azureTunnels) {
      expect(t.alarms?.length).toBeGreaterThan(0);
      expect(t.alarms!.filter((a) => a.startsWith('Azure ')).every((a) => a.endsWith('(Microsoft.Network/virtualNetworkGateways QmsaCount)'))).toBe(true);
    }
  }, 120000);
});

/** A copy of aws-azure-bgp whose alert at `pathPart` (e.g. `/conn2/TunnelAlarm/`) was edited. */
function mutateAlert(pathPart: string, edit: (a: Obj) => void): string {
  return mutated(exampleOutput('aws-azure-bgp'), `alert-${pathPart}`, (file, body) => {
    if (!file.endsWith('/stacks/azure-japaneast-links-3/cdk.tf.json')) return false;
    const a = tfResource(body, ALERT, pathPart);
    if (!a) return false;
    edit(a);
    return true;
  });
}
const criterion = (a: Obj) => (a.criteria as Obj[])[0];

describe('Azure alarm acceptance: mutations of real example output', () => {
  test.each([
    ['frequency PT2M (not a provider value)', '/conn2/TunnelAlarm/', (a: Obj) => { a.frequency = 'PT2M'; }, 'frequency', /one of PT1M, PT5M, PT15M, PT30M, PT1H.*monitor_metric_alert_resource\.go:349-359/],
    ['window_size PT3M', '/conn2/TunnelAlarm/', (a: Obj) => { a.window_size = 'PT3M'; }, 'window_size', /one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D.*:369-382/],
    ['severity 5', '/conn2/BgpAlarm/', (a: Obj) => { a.severity = 5; }, 'severity', /an integer from 0 to 4.*:362-366/],
    ['a window shorter than the frequency', '/conn2/TunnelAlarm/', (a: Obj) => { a.frequency = 'PT15M'; }, 'window_size', /at least the frequency \(PT15M\).*monitor_metric_alert\.html\.markdown:99/],
    ['a six-hour window evaluated every minute', '/conn2/BgpAlarm/', (a: Obj) => { a.window_size = 'PT6H'; }, 'frequency', /PT5M or more with a window above four hours/],
    ['metric TunnelMmsaCount (no such metric: it is MmsaCount)', '/conn2/TunnelAlarm/', (a: Obj) => { criterion(a).metric_name = 'TunnelMmsaCount'; }, 'criteria[0].metric_name', /a metric Azure documents for Microsoft\.Network\/virtualNetworkGateways: .*MmsaCount.*QmsaCount/],
    ['the connection\'s namespace on a gateway scope', '/conn2/TunnelAlarm/', (a: Obj) => { criterion(a).metric_namespace = 'Microsoft.Network/connections'; }, 'criteria[0].metric_namespace', /Microsoft\.Network\/virtualNetworkGateways: the namespace of the scope/],
    ['a dimension the metric does not have', '/conn2/BgpAlarm/', (a: Obj) => { (criterion(a).dimension as Obj[])[0].name = 'ConnectionName'; }, 'criteria[0].dimension[0].name', /a dimension of BgpPeerStatus: BgpPeerAddress, Instance/],
    ['aggregation Sum (the API says Total)', '/conn2/TunnelAlarm/', (a: Obj) => { criterion(a).aggregation = 'Sum'; }, 'criteria[0].aggregation', /one of Average, Count, Minimum, Maximum, Total.*:111-121/],
    ['operator Below', '/conn2/BgpAlarm/', (a: Obj) => { criterion(a).operator = 'Below'; }, 'criteria[0].operator', /one of Equals, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual/],
    ['dimension operator Equals', '/conn2/TunnelAlarm/', (a: Obj) => { (criterion(a).dimension as Obj[])[0].operator = 'Equals'; }, 'criteria[0].dimension[0].operator', /one of Include, Exclude, StartsWith/],
  ] as const)('%s', async (_name, pathPart, edit, attribute, rule) => {
    // GIVEN real output with exactly one value of one alarm that Azure or the provider rejects
    const before = await baseline('aws-azure-bgp');
    const dir = mutateAlert(pathPart, edit as (a: Obj) => void);
    // WHEN verify reads it
    const report = await verify([dir], { modelOnly: true });
    // THEN exactly the tunnels that alarm watches fail with cloud-rejects: conn2's, on both gateway
    // instances (the one AWS answers and the idle one; both are the connection's); every other
    // tunnel keeps its status
    const key = (t: VerifyReport['tunnels'][number]) => t.halves.join('|');
    const watched = new Set(before.tunnels.filter((t) => (t.alarms ?? []).some((a) => a.includes('-t2-azure-'))).map(key));
    expect(watched.size).toBe(2);
    expect(new Set(report.tunnels.filter((t) => t.status === 'failed').map(key))).toEqual(watched);
    for (const t of report.tunnels.filter((x) => watched.has(key(x)))) {
      expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
      expect(t.failure!.reason).toContain(` ${attribute} = `);
      expect(t.failure!.reason).toMatch(rule);
    }
    const statusBefore = new Map(before.tunnels.map((t) => [key(t), t.status]));
    for (const t of report.tunnels.filter((x) => !watched.has(key(x)))) expect(t.status).toBe(statusBefore.get(key(t)));
    expect(report.ok).toBe(false);
    expect(report.violations.map((v) => v.attribute)).toEqual([attribute]);
  }, 120000);

  test('GIVEN skip_metric_validation WHEN the metric is one Azure does not document THEN it is not judged (Azure does not check it either)', async () => {
    const dir = mutateAlert('/conn3/TunnelAlarm/', (a) => { criterion(a).metric_name = 'CustomTunnelHealth'; criterion(a).skip_metric_validation = true; });
    const report = await verify([dir], { modelOnly: true });
    expect(report.violations).toEqual([]);
  }, 120000);
});
