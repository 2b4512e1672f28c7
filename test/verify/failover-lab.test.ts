/**
 * verify --failover on the three-cloud mesh (root, daemons; skipped with the reason printed when
 * they are missing, except on CI). Both BGP site pairs are measured: AWS⇄Alibaba (whose flow
 * must run to a vSwitch the tunnels carry: the site's first address lies in the VPC range AWS
 * reaches through Azure) and AWS⇄Azure (whose carrier must be read while the flow runs, after
 * the routes settled). In each, the tunnel the flow returns over loses its AWS endpoint without a
 * DELETE; the far side sends into it until the BGP hold timer (AWS's 30 s; Azure proposes 180 s,
 * Alibaba 90 s; the lower wins) expires. Timers ÷10: about a minute in all.
 */
import { verify } from '../../src/verify';
import { labPrerequisitesSync } from '../../src/verify/harness';
import { cleanupScratch, exampleOutput } from './mutate';

const missing = labPrerequisitesSync();
if (missing && process.env.CI !== 'true') console.log(`verify failover lab skipped: ${missing}`);
const lab = missing && process.env.CI !== 'true' ? describe.skip : describe;

let mesh: string;

beforeAll(() => {
  if (missing && process.env.CI === 'true') throw new Error(`verify lab prerequisites are missing on CI: ${missing}`);
  if (missing) return;
  // the run's copy of the example, which the e2e and mutation tests read too
  mesh = exampleOutput('three-cloud-mesh');
}, 120_000);

afterAll(() => cleanupScratch());

lab('failover on the three-cloud mesh', () => {
  test('every BGP site pair: the flow crossed the failed tunnel, then the other tunnels after the hold time', async () => {
    // WHEN
    const report = await verify([mesh], { failover: true, timerScale: 10 });
    // THEN both pairs were measured, on a flow proven to return over the tunnel that died
    const byPair = new Map((report.failover ?? []).map((f) => [f.sites, f]));
    expect([...byPair.keys()].sort()).toEqual(['AwsTokyo ⇄ ali-hangzhou', 'AwsTokyo ⇄ azure-japaneast-vpngw']);
    for (const [pair, f] of byPair) {
      expect({ pair, ok: f.ok, continued: f.continued, detectedBy: f.detectedBy }).toEqual({ pair, ok: true, continued: true, detectedBy: 'BGP hold timer expired' });
      expect(f.detail).toMatch(new RegExp(`^the flow \\S+ → \\S+ returned over ${f.tunnel} \\(\\+\\d+ B out of`));
      // The outage is the hold timer's: BIRD jitters hold and keepalive (RFC 4271 §10, to 75 %),
      // so the far side notices 12.5-30 s after the crash, plus scheduling delay ×10 under load.
      expect(f.outageSeconds).toBeGreaterThanOrEqual(10);
      expect(f.outageSeconds).toBeLessThanOrEqual(45);
    }
    expect(byPair.get('AwsTokyo ⇄ ali-hangzhou')!.detail).toMatch(/^the flow 172\.16\.0\.1 → 10\.0\.1\.1 /);
  }, 240_000);
});
