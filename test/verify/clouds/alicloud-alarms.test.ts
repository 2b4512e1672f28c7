/**
 * Verify's view of the Alibaba Cloud CloudMonitor alarms (`src/verify/clouds/alicloud/alarms.ts`):
 * which alarms watch each tunnel half, and the alarm values CloudMonitor or the provider reject
 * (mutations of real example output) failing exactly the tunnels the alarm watches with
 * `cloud-rejects`. Plus the independence check against the constructs' values.
 */
import { ALICLOUD_ALARM_METRIC, ALICLOUD_ALARM_NAMESPACE, ALICLOUD_ALARM_STATISTICS } from '../../../src/alicloud/alarms';
import { verify } from '../../../src/verify';
import { ACS_VPN, ACS_VPN_METRICS } from '../../../src/verify/clouds/alicloud/alarms';
import { modelDeployment } from '../../../src/verify/models';
import { extractDeployment, loadStacks, Resolver } from '../../../src/verify/read-output';
import type { VerifyReport } from '../../../src/verify/types';
import { cleanupScratch, exampleOutput, mutated, type Obj, tfResources } from '../mutate';

jest.setTimeout(120_000);
afterAll(cleanupScratch);

const POLICY = 'azure-alicloud-policy';

const reports = new Map<string, Promise<VerifyReport>>();
const run = (dir: string) => {
  if (!reports.has(dir)) reports.set(dir, verify([dir], { modelOnly: true }));
  return reports.get(dir)!;
};

/** A copy of the policy example whose (only) CloudMonitor alarm was changed. */
function mutateAlarm(name: string, change: (alarm: Obj) => void): string {
  return mutated(exampleOutput(POLICY), `alarm-${name}`, (_file, body) => {
    const [hit] = tfResources(body, 'alicloud_cms_alarm');
    if (!hit) return false;
    change(hit[1]);
    return true;
  });
}

const CONN1 = /alicloud_vpn_connection\.Link-ali-hangzhou--azure-japaneast_conn1_[^#]+#/;

async function expectRejected(dir: string, want: { attribute: string; rule: RegExp; watches: boolean }) {
  const report = await run(dir);
  const ali = report.violations.filter((v) => v.cloud === 'alicloud');
  expect(ali).toEqual([expect.objectContaining({ resource: expect.stringMatching(/^cdktf:[^/]+\/alicloud_cms_alarm\./), attribute: want.attribute, rule: expect.stringMatching(want.rule), source: expect.stringMatching(/\S/) })]);
  expect(report.ok).toBe(false);
  if (!want.watches) {
    // an alarm whose dimensions select no connection watches no tunnel: the deployment fails, no tunnel does
    expect(report.tunnels.filter((t) => t.failure?.code === 'cloud-rejects')).toEqual([]);
    return report;
  }
  // THEN both tunnels of the connection it watches fail cloud-rejects, naming the attribute
  const affected = report.tunnels.filter((t) => t.halves.some((h) => CONN1.test(h)));
  expect(affected).toHaveLength(2);
  for (const t of affected) {
    expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
    expect(t.failure!.reason).toContain(want.attribute);
  }
  expect(report.tunnels.filter((t) => !affected.includes(t) && t.failure?.code === 'cloud-rejects')).toEqual([]);
  return report;
}

describe('which alarms watch each tunnel', () => {
  test('both halves of the dual-tunnel connection list its one CloudMonitor alarm, by name, and carry its resource', () => {
    // GIVEN the policy example (alarms on by default)
    const dir = exampleOutput(POLICY);
    const { stacks, manifest, warnings } = loadStacks([dir]);
    const r = new Resolver(stacks, manifest);
    // WHEN modelled
    const halves = modelDeployment(extractDeployment([dir], stacks, manifest, warnings), r).halves.filter((h) => h.cloud === 'alicloud');
    // THEN each half names the alarm, and the alarm resource shapes it
    expect(halves).toHaveLength(2);
    for (const h of halves) {
      expect(h.alarms).toEqual([expect.objectContaining({ name: expect.stringMatching(/-ali-conn1$/), metric: 'acs_vpn ipsec_rx.rate' })]);
      expect(h.resources).toEqual(expect.arrayContaining([expect.stringMatching(/^cdktf:[^/]+\/alicloud_cms_alarm\./)]));
      expect(h.resources).toContain(h.alarms![0].resource);
      expect(h.notes).toContain(`watched by CloudMonitor alarm ${h.alarms![0].name}`);
    }
  });

  test('the unmutated example verifies without alarm violations, and the report shows the alarm per tunnel', async () => {
    const report = await run(exampleOutput(POLICY));
    expect(report.violations.filter((v) => v.cloud === 'alicloud')).toEqual([]);
    const ali = report.tunnels.filter((t) => t.halves.some((h) => CONN1.test(h)));
    expect(ali).toHaveLength(2);
    for (const t of ali) expect(t.notes.some((n) => /watched by CloudMonitor alarm \S+-ali-conn1$/.test(n))).toBe(true);
  });

  test('an alarm that selects another connection does not watch this one', () => {
    const dir = mutateAlarm('other-connection', (a) => {
      const dims = JSON.parse(a.metric_dimensions as string) as Record<string, string>[];
      a.metric_dimensions = JSON.stringify([{ ...dims[0], ipsecId: 'vco-elsewhere' }]);
    });
    const { stacks, manifest, warnings } = loadStacks([dir]);
    const r = new Resolver(stacks, manifest);
    const halves = modelDeployment(extractDeployment([dir], stacks, manifest, warnings), r).halves.filter((h) => h.cloud === 'alicloud');
    for (const h of halves) expect(h.alarms).toEqual([]);
  });
});

describe('CloudMonitor or the provider rejects (mutations of example output)', () => {
  test.each<[string, (a: Obj) => void, string, RegExp, boolean?]>([
    ['a period that is not a multiple of 60 s', (a) => { a.period = 90; }, 'period', /a multiple of 60 seconds/],
    ['no contact group', (a) => { a.contact_groups = []; }, 'contact_groups', /at least one existing contact group/],
    ['a comparison operator the provider does not take', (a) => { (a.escalations_critical as Obj).comparison_operator = '=<'; }, 'escalations_critical.comparison_operator', /one of >, >=, <, <=/],
    ['a non-numeric threshold', (a) => { (a.escalations_critical as Obj).threshold = 'zero'; }, 'escalations_critical.threshold', /a numeric value/],
    ['statistics the acs_vpn metrics do not define', (a) => { (a.escalations_critical as Obj).statistics = 'Average'; }, 'escalations_critical.statistics', /one the acs_vpn metrics define: Value/],
    ['a metric acs_vpn does not have', (a) => { a.metric = 'TunnelState'; }, 'metric', /an acs_vpn metric: /],
    ['dimensions without the connection', (a) => { a.metric_dimensions = JSON.stringify([{ instanceId: 'vpn-1' }]); }, 'metric_dimensions[0]', /the dimensions of ipsec_rx\.rate: instanceId, ipsecId/, false],
    ['dimensions that are not JSON', (a) => { a.metric_dimensions = 'instanceId=vpn-1'; }, 'metric_dimensions', /a JSON array of dimension objects \(is not JSON\)/, false],
    ['a silence time below 300 s', (a) => { a.silence_time = 60; }, 'silence_time', /300-86400 seconds/],
    ['a removed argument', (a) => { a.threshold = '0'; }, 'threshold', /removed from the provider/],
    ['a missing name', (a) => { delete a.name; }, 'name', /is required/],
  ])('%s', async (_what, change, attribute, rule, watches = true) => {
    await expectRejected(mutateAlarm(attribute, change), { attribute, rule, watches });
  });
});

describe('independence', () => {
  test('verify\'s acs_vpn table agrees with what the constructs emit (written separately)', () => {
    expect(ACS_VPN.namespace).toBe(ALICLOUD_ALARM_NAMESPACE);
    expect(ACS_VPN_METRICS[ALICLOUD_ALARM_METRIC]).toEqual(['instanceId', 'ipsecId']);
    expect(ACS_VPN.statistics).toContain(ALICLOUD_ALARM_STATISTICS);
  });
});
