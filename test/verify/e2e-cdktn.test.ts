/**
 * End to end on the CDK Terrain flavour: the three-cloud mesh synthesized by cdktn (its own
 * process, `scripts/engine-register.js`; `flavourOutput`, shared with the run's other files), read by `verify` as it reads cdktf's output, and every
 * planned tunnel negotiated in the namespace lab (strongSwan + BIRD). Needs root, network
 * namespaces and the daemons (see e2e.test.ts); skipped with the reason printed when they are
 * missing, except on CI (`CI=true`), where missing prerequisites fail the suite.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderReport, verify } from '../../src/verify';
import { labPrerequisitesSync, labsCreated } from '../../src/verify/harness';
import { FLAVOUR_SECRET, cleanupFlavourOutputs, flavourOutput } from './clouds/flavour-outputs';

const missing = labPrerequisitesSync();
if (missing && process.env.CI !== 'true') console.log(`verify e2e (cdktn) skipped: ${missing}`);
const e2e = missing && process.env.CI !== 'true' ? describe.skip : describe;

let mesh: string;

beforeAll(() => {
  if (missing && process.env.CI === 'true') throw new Error(`verify e2e prerequisites are missing on CI: ${missing}`);
  if (missing) return;
  mesh = flavourOutput('cdktn', 'three-cloud-mesh');
}, 120_000);

afterAll(() => cleanupFlavourOutputs());

/** Namespaces and work folders of this process's labs still present (there must be none). */
function leftovers(): string[] {
  const namespaces = fs.existsSync('/run/netns') ? fs.readdirSync('/run/netns') : [];
  return labsCreated().flatMap((lab) => [...namespaces.filter((n) => n.startsWith(lab.prefix)), ...[lab.recordFile, lab.dir].filter((f) => fs.existsSync(f))]);
}

e2e('verify in the namespace lab, on CDK Terrain output', () => {
  test('the output is CDK Terrain\'s: manifest engine cdktn, cdktn 0.24.0 metadata, azurerm 4.73.0', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(mesh, 'ccvpn.manifest.json'), 'utf8'));
    const engines = new Set(manifest.phases.flatMap((p: { stacks: { engine: string }[] }) => p.stacks.map((s) => s.engine)));
    expect([...engines].sort()).toEqual(['cdk', 'cdktn']);
    const azure = JSON.parse(fs.readFileSync(path.join(mesh, 'cdktf.out', 'stacks', 'azure-japaneast', 'cdk.tf.json'), 'utf8'));
    expect([azure['//'].metadata.version, azure.terraform.required_providers.azurerm.version]).toEqual(['0.24.0', '4.73.0']);
  });

  test('three-cloud mesh: every planned tunnel up (IKE, CHILD + rekey, BGP or selectors, ping over ESP), spare Azure instances idle', async () => {
    // WHEN
    const report = await verify([mesh]);
    // THEN
    expect({ ok: report.ok, failures: report.failures, warnings: report.warnings }).toEqual({ ok: true, failures: [], warnings: [] });
    const up = report.tunnels.filter((t) => t.status === 'up');
    expect(up).toHaveLength(10); // AWS↔Azure 4, Azure↔Alibaba 2 (policy), AWS↔Alibaba 4
    expect(up.filter((t) => t.routing === 'bgp').every((t) => t.bgp?.ok && /Established/.test(t.bgp.summary))).toBe(true);
    expect(up.filter((t) => t.routing === 'policy')).toHaveLength(2);
    expect(up.every((t) => t.ping?.ok && t.child?.summary.includes('rekeyed'))).toBe(true);
    expect(report.tunnels.filter((t) => t.status === 'idle').every((t) => /azure-japaneast-vpngw conn\d instance\d/.test(t.sides))).toBe(true);
    const text = renderReport(report);
    expect(text).toMatch(/verify: OK/);
    expect(text).not.toContain(FLAVOUR_SECRET);
    expect(leftovers()).toEqual([]);
  }, 120_000);
});
