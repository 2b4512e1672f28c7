/**
 * End to end: synthesize deployments with the real constructs, then negotiate every tunnel in
 * the namespace lab (strongSwan + BIRD). Needs root, network namespaces and the daemons
 * (apt-get install strongswan-charon strongswan-swanctl libcharon-extra-plugins bird2 iproute2
 * iputils-ping nftables); skipped with the reason printed when they are missing, except on CI
 * (`CI=true`), where missing prerequisites fail the suite.
 *
 * Negative tests mutate ONE half of one tunnel in the synthesized output and assert that verify
 * fails on exactly that tunnel, with the matching reason, while the others stay up.
 *
 * The labs run side by side (`test.concurrent`: each lab has its own namespaces and daemons and
 * mostly waits on them), one lab per example shared by the tests that read the same example's
 * run (the mesh and the guide layout are examples too). The failover measurement, which times a
 * BGP hold timer, runs on its own after them; the last test checks that no lab of this file left
 * anything behind.
 */
import * as fs from 'node:fs';
import { EXAMPLES } from '../../examples';
import { VerifyOptions, VerifyReport, renderReport, verify } from '../../src/verify';
import { labPrerequisitesSync, labsCreated } from '../../src/verify/harness';
import { Obj, SECRET, cleanupScratch, exampleOutput, mutated, planSummary, tfResource } from './mutate';

const missing = labPrerequisitesSync();
if (missing && process.env.CI !== 'true') {
  console.log(`verify e2e skipped: ${missing}`);
}
const e2e = missing && process.env.CI !== 'true' ? describe.skip : describe;


/**
 * Every registered example, synthesized by the registry's own definition (the run's copy the
 * mutation and model tests read too, `exampleOutput`): its folder and its planned active tunnels.
 */
const examples = new Map<string, { dir: string; active: number }>();
let mesh: string;
let awsAzure: string;
let guide: string;

beforeAll(() => {
  if (missing && process.env.CI === 'true') throw new Error(`verify e2e prerequisites are missing on CI: ${missing}`);
  if (missing) return;
  for (const e of EXAMPLES) {
    const dir = exampleOutput(e.name);
    examples.set(e.name, { dir, active: planSummary(dir).activeTunnels });
  }
  // (examples/index.ts: threeCloudMesh(apps), awsAzureBgp(apps, 'all'), awsAzureBgp(apps, 'guide'))
  mesh = examples.get('three-cloud-mesh')!.dir;
  awsAzure = examples.get('aws-azure-bgp')!.dir;
  guide = examples.get('aws-azure-bgp-guide')!.dir;
}, 120_000);

/** One lab run of an example folder, shared by every test that reads it; with its progress lines. */
const runs = new Map<string, Promise<{ report: VerifyReport; lines: string[] }>>();
function verifiedOnce(dir: string, options: VerifyOptions = {}): Promise<{ report: VerifyReport; lines: string[] }> {
  const key = `${dir} ${JSON.stringify(options)}`;
  let run = runs.get(key);
  if (!run) {
    const lines: string[] = [];
    run = verify([dir], { ...options, progress: (l) => lines.push(l) }).then((report) => ({ report, lines }));
    runs.set(key, run);
  }
  return run;
}

/** A test whose lab runs beside the others' (its time includes theirs: the budget is for all of them). */
const concurrent = (name: string, fn: () => Promise<void>) => test.concurrent(name, fn, 240_000);

afterAll(() => cleanupScratch());

/**
 * What the labs of this test process left behind (there must be nothing after a run): their
 * namespaces (each lab's own `cv<run id>-` prefix), records, work directories, and processes
 * naming a work directory. Other labs on the host (other test files, other users) are not
 * looked at: they may be running right now.
 */
function leftovers(): string[] {
  const namespaces = fs.existsSync('/run/netns') ? fs.readdirSync('/run/netns') : [];
  const read = (pid: string, f: string) => {
    try {
      return fs.readFileSync(`/proc/${pid}/${f}`, 'utf8');
    } catch {
      return '';
    }
  };
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  return labsCreated().flatMap((lab) => [
    ...namespaces.filter((n) => n.startsWith(lab.prefix)),
    ...[lab.recordFile, lab.dir].filter((f) => fs.existsSync(f)),
    ...pids.filter((p) => read(p, 'cmdline').includes(`${lab.dir}/`) || read(p, 'environ').includes(`${lab.dir}/`)).map((p) => `pid ${p} (${read(p, 'comm').trim()})`),
  ]);
}

const failedOn = (r: VerifyReport) => r.tunnels.filter((t) => t.status === 'failed');
const CONN1 = /conn1 tunnel1 ⇄ .*conn1 instance0/;

e2e('verify in the namespace lab', () => {
  // Every example `npm run example` writes (the guides' scenarios and the three-cloud mesh),
  // synthesized by the registry's own definitions, as `ccvpn verify` reads them.
  test.concurrent.each(EXAMPLES.map((e) => [e.name] as const))('example %s: every tunnel the plan uses is up, the rest idle', async (name) => {
    // GIVEN
    const { dir, active } = examples.get(name)!;
    // WHEN
    const { report } = await verifiedOnce(dir);
    // THEN
    expect({ ok: report.ok, failures: report.failures, failed: failedOn(report).map((t) => t.sides) }).toEqual({ ok: true, failures: [], failed: [] });
    const up = report.tunnels.filter((t) => t.status === 'up');
    expect(up).toHaveLength(active); // every tunnel the plan configures on both ends, found in the output and brought up
    expect(up.every((t) => t.ike?.ok && t.child?.ok && t.ping?.ok)).toBe(true);
    expect(up.filter((t) => t.routing === 'bgp').every((t) => t.bgp?.ok && /Established/.test(t.bgp.summary))).toBe(true);
  }, 240_000);

  concurrent('a three-cloud mesh: every planned tunnel up (IKE, CHILD + rekey, BGP or selectors, ping over ESP), spare Azure instances idle', async () => {
    // WHEN (the three-cloud-mesh example's lab run)
    const { report, lines } = await verifiedOnce(mesh);
    // THEN
    const text = renderReport(report);
    expect({ ok: report.ok, failures: report.failures }).toEqual({ ok: true, failures: [] });
    const up = report.tunnels.filter((t) => t.status === 'up');
    expect(up).toHaveLength(10); // AWS↔Azure 4, Azure↔Alibaba 2 (policy), AWS↔Alibaba 4
    expect(up.filter((t) => t.routing === 'bgp').every((t) => t.bgp?.ok && /Established/.test(t.bgp.summary))).toBe(true);
    expect(up.filter((t) => t.routing === 'policy')).toHaveLength(2);
    expect(up.every((t) => t.ping?.ok && t.child?.summary.includes('rekeyed'))).toBe(true);
    expect(report.tunnels.filter((t) => t.status === 'idle').every((t) => /azure-japaneast-vpngw conn\d instance\d/.test(t.sides))).toBe(true);
    expect(lines.filter((l) => /^t\d+ .*: up/.test(l))).toHaveLength(10);
    expect(text).toMatch(/verify: OK/);
    expect(text).not.toContain(SECRET);
    // the daemons' memory was read, in kB: a charon or BIRD holds 1-100 MB on average
    const lab = report.lab!;
    expect(lab.peakDaemonRssKb! / lab.daemons).toBeGreaterThan(1024);
    expect(lab.peakDaemonRssKb! / lab.daemons).toBeLessThan(100 * 1024);
    expect(lab.peakDaemonPssKb).toBeGreaterThan(0);
    expect(lab.peakDaemonPssKb).toBeLessThanOrEqual(lab.peakDaemonRssKb!);
    expect(text).toMatch(/peak daemon memory RSS \d+\.\d MB \/ PSS \d+\.\d MB/);
  });

  concurrent('the guide layout: tunnel 2 of each AWS connection is idle, not a failure', async () => {
    const { report } = await verifiedOnce(guide); // the aws-azure-bgp-guide example's lab run
    expect(report.ok).toBe(true);
    expect(report.tunnels.filter((t) => t.status === 'up')).toHaveLength(2);
    const awsIdle = report.tunnels.filter((t) => t.status === 'idle' && /AwsTokyo conn\d tunnel2/.test(t.sides));
    expect(awsIdle).toHaveLength(2);
    expect(awsIdle[0].idleReason).toMatch(/nothing at azure-japaneast-vpngw instance\d .* is configured for/);
  });

  test('failover: an AWS tunnel endpoint dies while traffic flows; traffic moves to the other tunnels after the BGP hold time', async () => {
    // Once intermittent (about 1 run in 5): `ping -w` quit at the first ICMP error, which the dead
    // endpoint sends while its BGP still holds the route; the harness now pings by count.
    const report = await verify([awsAzure], { failover: true, timerScale: 10 });
    expect(report.ok).toBe(true);
    expect(report.failover).toEqual([expect.objectContaining({ sites: 'AwsTokyo ⇄ azure-japaneast-vpngw', continued: true, ok: true, detectedBy: expect.stringMatching(/hold timer/) })]);
    // AWS's hold time is 30 s (Azure's 180 s, the lower one wins): the far side notices after
    // hold − keepalive (20 s) … hold, plus the routing update. Windows, not exact values: every
    // 0.1 s of scheduling delay in the lab is 1 s scaled back (16.8 s seen under CPU load).
    const outage = report.failover![0].outageSeconds;
    expect(outage).toBeGreaterThanOrEqual(10);
    expect(outage).toBeLessThanOrEqual(45);
    expect(renderReport(report)).toMatch(/failover \(timers scaled down.+\n.+traffic continued, outage \d+\.\d s, detected by BGP hold timer expired; BGP hold 30 s \(aws 30, azure 180\)/);
  }, 150_000);

  concurrent('fails when the pre-shared keys differ (Azure shared_key changed)', async () => {
    const dir = mutated(awsAzure, 'psk', (_f, b) => {
      const c = tfResource(b, 'azurerm_virtual_network_gateway_connection', '/conn1/');
      if (!c) return false;
      c.shared_key = `Changed${String(c.shared_key).slice(7)}`;
      return true;
    });
    const report = await verify([dir]);
    expect(report.ok).toBe(false);
    expect(failedOn(report)).toEqual([expect.objectContaining({ sides: expect.stringMatching(CONN1), failure: { code: 'psk-mismatch', reason: expect.stringMatching(/AUTHENTICATION_FAILED.+MAC mismatched.+fp:\w+ .+ and fp:\w+ .+ differ/) } })]);
    expect(report.tunnels.filter((t) => t.status === 'up')).toHaveLength(3);
    expect(JSON.stringify(report)).not.toContain('Changed');
  });

  concurrent('fails when the IKE proposals have no overlap (Azure phase 1 AES128, AWS AES256 only)', async () => {
    const dir = mutated(awsAzure, 'proposal', (_f, b) => {
      const c = tfResource(b, 'azurerm_virtual_network_gateway_connection', '/conn1/');
      if (!c) return false;
      (c.ipsec_policy as Obj).ike_encryption = 'AES128';
      return true;
    });
    const report = await verify([dir]);
    expect(failedOn(report)).toEqual([expect.objectContaining({ sides: expect.stringMatching(CONN1), failure: { code: 'ike-proposal-mismatch', reason: expect.stringMatching(/NO_PROPOSAL_CHOSEN: conn1 tunnel1 offers aes256-sha256-modp2048; conn1 instance0 accepts aes128-sha256-modp2048/) } })]);
  });

  concurrent('fails when Azure\'s custom APIPA BGP addresses are swapped (primary ⇄ secondary): rejected before negotiation', async () => {
    const dir = mutated(awsAzure, 'apipa-swap', (_f, b) => {
      const c = tfResource(b, 'azurerm_virtual_network_gateway_connection', '/conn1/');
      if (!c) return false;
      const custom = c.custom_bgp_addresses as Obj;
      c.custom_bgp_addresses = { primary: custom.secondary, secondary: custom.primary };
      return true;
    });
    const report = await verify([dir]);
    // Both halves of conn1 (instance0 paired with AWS conn1 tunnel1, instance1 idle) fail: the
    // provider documents primary as an address of the first ip_configuration.
    const failed = failedOn(report);
    expect(failed).toHaveLength(2);
    expect(failed.some((t) => CONN1.test(t.sides)) && failed.some((t) => /conn1 instance1 ⇄/.test(t.sides))).toBe(true);
    expect(failed.every((t) => t.failure?.code === 'cloud-rejects' && /custom_bgp_addresses\.primary = '169\.254\.21\.\d+': an APIPA address of the gateway's first ip_configuration 'instance0'/.test(t.failure.reason))).toBe(true);
  });

  concurrent('fails when a peer ASN is wrong (Azure local network gateway expects another AWS ASN)', async () => {
    const dir = mutated(awsAzure, 'asn', (_f, b) => {
      const lng = tfResource(b, 'azurerm_local_network_gateway', '/lng1/');
      if (!lng) return false;
      (lng.bgp_settings as Obj).asn = 64513;
      return true;
    });
    const report = await verify([dir]);
    expect(failedOn(report)).toEqual([expect.objectContaining({ sides: expect.stringMatching(CONN1), failure: { code: 'bgp-peer-as', reason: expect.stringMatching(/Bad peer AS.+conn1 instance0 expects AS 64513/) } })]);
  });

  concurrent('fails when one side speaks IKEv1 only (Azure connection_protocol IKEv1, AWS IKEv2)', async () => {
    const dir = mutated(awsAzure, 'ikev1', (_f, b) => {
      const c = tfResource(b, 'azurerm_virtual_network_gateway_connection', '/conn1/');
      if (!c) return false;
      c.connection_protocol = 'IKEv1';
      return true;
    });
    const report = await verify([dir]);
    expect(failedOn(report)).toEqual([expect.objectContaining({ sides: expect.stringMatching(CONN1), failure: { code: 'ike-version-mismatch', reason: expect.stringMatching(/conn1 tunnel1 speaks IKEv2, conn1 instance0 only IKEv1/) } })]);
  });

  concurrent('fails when an Alibaba tunnel falls back to the API defaults (IKEv1, MD5, DH 2) facing AWS', async () => {
    const dir = mutated(mesh, 'ali-defaults', (_f, b) => {
      const conns = ((b.resource as Obj | undefined)?.alicloud_vpn_connection as Obj | undefined) ?? {};
      const conn = Object.values(conns).find((c) => JSON.stringify((c as Obj)['//']).includes('ali-hangzhou--aws-tokyo')) as Obj | undefined;
      if (!conn) return false;
      const master = (conn.tunnel_options_specification as Obj[]).find((t) => t.role === 'master')!;
      const ike = (Array.isArray(master.tunnel_ike_config) ? master.tunnel_ike_config[0] : master.tunnel_ike_config) as Obj;
      for (const k of ['ike_version', 'ike_enc_alg', 'ike_auth_alg', 'ike_pfs']) delete ike[k];
      return true;
    });
    const report = await verify([dir]);
    const failed = failedOn(report);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((t) => /AwsTokyo conn\d tunnel\d ⇄ ali-hangzhou conn\d master/.test(t.sides) && t.failure?.code === 'ike-version-mismatch')).toBe(true);
    expect(report.tunnels.filter((t) => t.status === 'up').length).toBe(10 - failed.length);
  });

  test('no lab of this file left anything behind: namespaces, records, work directories, processes', () => {
    // Checked once all the labs above are done (side by side, another lab's namespaces exist
    // while one finishes): anything a lab left would still be here.
    expect(labsCreated().length).toBeGreaterThanOrEqual(runs.size + 1); // every run above made a lab (+ failover's)
    expect(leftovers()).toEqual([]);
  });
});
