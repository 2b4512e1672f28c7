/**
 * verify reads both engine flavours' Azure output: the cdktf flavour's (azurerm 4.55.0,
 * `enable_bgp`) and the CDK Terrain flavour's (azurerm 4.73.0, `bgp_enabled`), each by the
 * version its stacks name in `terraform.required_providers.azurerm.version`; and what each
 * version refuses that the other accepts, on mutations of real output of both.
 *
 * Both flavours' outputs are synthesized in child processes (`flavour-outputs.ts`): one jest
 * worker holds one engine, and so the file holds under any jest project.
 */
import * as path from 'node:path';
import { EXAMPLES } from '../../../examples';
import { verify, VerifyReport } from '../../../src/verify';
import { acceptAzure } from '../../../src/verify/clouds/azure/accept';
import { azurermTarget } from '../../../src/verify/clouds/azure/versions';
import { modelDeployment } from '../../../src/verify/models';
import { extractDeployment, loadStacks, Resolver } from '../../../src/verify/read-output';
import type { TunnelHalf, Violation } from '../../../src/verify/types';
import { Obj, cleanupScratch, mutated, tfResource } from '../mutate';
import { cleanupFlavourOutputs, flavourOutput, flavourOutputs } from './flavour-outputs';

const GW = 'azurerm_virtual_network_gateway';
const CONN = 'azurerm_virtual_network_gateway_connection';
const PIP = 'azurerm_public_ip';
const GW_STACK = 'azure-japaneast';
const LINKS = 'azure-japaneast-links-3';

afterAll(() => {
  cleanupScratch();
  cleanupFlavourOutputs();
});

// Both flavours from a child process, whichever jest project runs this file.
const FLAVOURS = { cdktf: (e: string) => flavourOutput('cdktf', e), cdktn: (e: string) => flavourOutput('cdktn', e) } as const;
const cdktnOutput = FLAVOURS.cdktn;

/** The azurerm versions the Terraform stacks of a folder name. */
function versions(dir: string): string[] {
  const { stacks } = loadStacks([dir]);
  return [...new Set(stacks.filter((s) => s.engine === 'cdktf' && JSON.stringify(s.body.resource ?? {}).includes('"azurerm_')).map((s) => String(azurermTarget(s).version)))];
}

/** The BGP switch attributes the gateways and connections of a folder set. */
function bgpAttributes(dir: string): string[] {
  const { stacks } = loadStacks([dir]);
  const out = new Set<string>();
  for (const s of stacks) {
    for (const type of [GW, CONN]) {
      for (const r of Object.values(((s.body.resource as Obj | undefined)?.[type] as Obj | undefined) ?? {}) as Obj[]) {
        for (const k of ['enable_bgp', 'bgp_enabled']) if (r[k] !== undefined) out.add(`${type}.${k}`);
      }
    }
  }
  return [...out].sort();
}

function halves(dir: string): TunnelHalf[] {
  const { stacks, manifest, warnings } = loadStacks([dir]);
  return [...modelDeployment(extractDeployment([dir], stacks, manifest, warnings), new Resolver(stacks, manifest)).halves];
}

function violations(dir: string): Violation[] {
  const { stacks, manifest } = loadStacks([dir]);
  return acceptAzure(new Resolver(stacks, manifest));
}

/** A copy of `dir` with one stack file edited. */
function mutate(dir: string, stack: string, edit: (body: Obj) => void): string {
  return mutated(dir, `${path.basename(dir)}-${stack}`, (file, body) => {
    if (!file.endsWith(`/stacks/${stack}/cdk.tf.json`)) return false;
    edit(body);
    return true;
  });
}
/** Edits the resource of `type` whose construct path contains `part`. */
const resource = (type: string, part: string, edit: (r: Obj) => void) => (body: Obj) => edit(tfResource(body, type, part)!);
const setVersion = (version: string) => (body: Obj) => { (((body.terraform as Obj).required_providers as Obj).azurerm as Obj).version = version; };

const summary = (r: VerifyReport) => r.tunnels.map((t) => `${t.halves.join(' | ')}: ${t.status}${t.failure ? ` ${t.failure.code}` : ''}`).sort();

describe('verify reads both flavours\' output', () => {
  test('every example\'s CDK Terrain output: azurerm 4.73.0, bgp_enabled only, zero Azure violations (every spelling the planner emits is accepted there too)', () => {
    const dirs = flavourOutputs('cdktn');
    expect(dirs.size).toBe(EXAMPLES.length);
    for (const [name, dir] of dirs) {
      if (!versions(dir).length) continue; // no Azure in it
      expect([name, versions(dir), bgpAttributes(dir).filter((a) => a.endsWith('.enable_bgp')), violations(dir)]).toEqual([name, ['4.73.0'], [], []]);
    }
  }, 180000);

  test.each(['aws-azure-bgp', 'azure-alicloud-bgp', 'azure-alicloud-policy'])('%s: cdktf (azurerm 4.55.0) and CDK Terrain (azurerm 4.73.0) verify alike', async (example) => {
    const [a, b] = [FLAVOURS.cdktf(example), cdktnOutput(example)];
    // GIVEN each flavour names its own azurerm version and spells BGP as it documents
    expect([versions(a), versions(b)]).toEqual([['4.55.0'], ['4.73.0']]);
    const bgp = bgpAttributes(a);
    expect(bgpAttributes(b)).toEqual(bgp.map((x) => x.replace('enable_bgp', 'bgp_enabled')));
    if (example !== 'azure-alicloud-policy') expect(bgp).toEqual([`${GW}.enable_bgp`, `${CONN}.enable_bgp`]);
    // WHEN verified THEN no violation, the same tunnels with the same statuses, the same routing
    const [ra, rb] = [await verify([a], { modelOnly: true }), await verify([b], { modelOnly: true })];
    expect([ra.violations, rb.violations]).toEqual([[], []]);
    expect(ra.tunnels.filter((t) => t.status === 'failed')).toEqual([]);
    expect(summary(rb)).toEqual(summary(ra));
    const routing = (dir: string) => halves(dir).filter((h) => h.cloud === 'azure').map((h) => `${h.key} ${h.routing} ${h.bgp ? `${h.bgp.localAsn}-${h.bgp.peerAsn}` : ''}`).sort();
    expect(routing(b)).toEqual(routing(a));
    if (example !== 'azure-alicloud-policy') expect(halves(b).filter((h) => h.cloud === 'azure').every((h) => h.routing === 'bgp')).toBe(true);
  }, 120000);
});

describe('the BGP switch per azurerm version (mutations)', () => {
  test.each([
    // GIVEN flavour, stack, edit → THEN the attribute and rule of the violation on the resource
    ['cdktf', 'bgp_enabled on a 4.55.0 connection', LINKS, resource(CONN, '/conn1/', (r) => { r.bgp_enabled = r.enable_bgp; delete r.enable_bgp; }), CONN,
      /not an argument of azurerm 4\.55\.0: BGP is enable_bgp before 4\.62\.0.*v4\.55\.0 internal\/services\/network\/virtual_network_gateway_resource\.go:91-95/],
    ['cdktf', 'bgp_enabled on a 4.55.0 gateway', GW_STACK, resource(GW, '/Resource', (r) => { r.bgp_enabled = r.enable_bgp; delete r.enable_bgp; }), GW,
      /not an argument of azurerm 4\.55\.0/],
    ['cdktn', 'both spellings on a 4.73.0 connection', LINKS, resource(CONN, '/conn1/', (r) => { r.enable_bgp = true; }), CONN,
      /not together with enable_bgp \(true\): they conflict \(ConflictsWith\).*v4\.73\.0 .*virtual_network_gateway_connection_resource\.go:145-149, 357-369/],
    ['cdktn', 'both spellings on a 4.73.0 gateway', GW_STACK, resource(GW, '/Resource', (r) => { r.enable_bgp = true; }), GW,
      /they conflict \(ConflictsWith\).*v4\.73\.0 .*virtual_network_gateway_resource\.go:89-93, 659-672/],
    ['cdktf', 'both spellings where the version is a constraint (~> 4.0)', LINKS, (body: Obj) => { setVersion('~> 4.0')(body); resource(CONN, '/conn1/', (r) => { r.bgp_enabled = true; })(body); }, CONN,
      /they conflict \(ConflictsWith\)/],
  ] as const)('%s: %s is refused (cloud-rejects)', async (flavour, _what, stack, edit, type, rule) => {
    const dir = mutate(FLAVOURS[flavour]('aws-azure-bgp'), stack, edit);
    const v = violations(dir);
    expect(v.map((x) => [x.attribute, x.resource.split('/')[1].split('.')[0]])).toEqual([['bgp_enabled', type]]);
    expect(`${v[0].rule} ${v[0].source}`).toMatch(rule);
    const report = await verify([dir], { modelOnly: true });
    const hit = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('azure:')) && (type === GW || t.halves.some((h) => h.includes(v[0].resource.split('/')[1]))));
    expect(hit.length).toBeGreaterThan(0);
    for (const t of hit) expect(t).toMatchObject({ status: 'failed', failure: { code: 'cloud-rejects' } });
  }, 120000);

  test.each([
    // GIVEN flavour, what, edit → THEN BGP on for the connection's halves?
    ['cdktn', 'the deprecated enable_bgp alone on 4.73.0 (create reads it)', true, (r: Obj) => { r.enable_bgp = r.bgp_enabled; delete r.bgp_enabled; }],
    ['cdktn', 'no BGP switch on 4.73.0', false, (r: Obj) => { delete r.bgp_enabled; }],
    ['cdktn', 'bgp_enabled false, enable_bgp absent', false, (r: Obj) => { r.bgp_enabled = false; }],
    ['cdktf', 'no BGP switch on 4.55.0', false, (r: Obj) => { delete r.enable_bgp; }],
  ] as const)('%s: %s: accepted; BGP on: %s', (flavour, _what, on, edit) => {
    const dir = mutate(FLAVOURS[flavour]('aws-azure-bgp'), LINKS, resource(CONN, '/conn1/', edit));
    expect(violations(dir)).toEqual([]);
    const conn1 = halves(dir).filter((h) => h.cloud === 'azure' && h.resources.some((k) => k.includes(CONN)) && JSON.stringify(h.label).includes('conn1'));
    expect(conn1.length).toBe(2);
    for (const h of conn1) expect(h.routing === 'bgp').toBe(on);
  });
});

describe('azurerm versions the tables do not cover', () => {
  test.each([
    ['cdktn', '5.0.0'],
    ['cdktf', '4.54.0'], // with enable_bgp (4.54 has no bgp_enabled: the cdktn output would be refused first)
  ] as const)('%s output naming azurerm %s: its connections\' halves are unusable, with what is covered', async (flavour, version) => {
    const dir = mutate(FLAVOURS[flavour]('aws-azure-bgp'), LINKS, setVersion(version));
    const report = await verify([dir], { modelOnly: true });
    // every Azure tunnel that is not idle (an AWS tunnel no Azure instance answers stays idle in the example)
    const azure = report.tunnels.filter((t) => t.halves.some((h) => h.startsWith('azure:')) && t.status !== 'idle');
    expect(azure.length).toBeGreaterThan(0);
    for (const t of azure) {
      expect(t).toMatchObject({ status: 'failed', failure: { code: 'half-unusable' } });
      expect(t.failure!.reason).toContain(`azurerm ${version} (terraform.required_providers): verify's Azure tables cover azurerm 4.55.0 to before 5.0.0`);
    }
  }, 60000);
});

describe('public IP and gateway SKUs per azurerm version (mutations)', () => {
  const pipRules = (dir: string) => violations(dir).filter((v) => v.resource.includes(`/${PIP}.`)).map((v) => `${v.attribute}: ${v.rule}`);
  test.each([
    // GIVEN the public IP edit → THEN its violations on 4.55.0 and on 4.73.0
    ['sku StandardV2 (added in 4.67.0)', (r: Obj) => { r.sku = 'StandardV2'; }, ['sku: one of Basic, Standard (case-sensitive)'], []],
    ['sku StandardV2 with Dynamic allocation', (r: Obj) => { r.sku = 'StandardV2'; r.allocation_method = 'Dynamic'; }, ['sku: one of Basic, Standard (case-sensitive)'], ['allocation_method: Static for a StandardV2 SKU public IP']],
    ['sku Basic (no new Basic public IP from 4.67.0)', (r: Obj) => { r.sku = 'Basic'; }, [], ['sku: not Basic: azurerm 4.73.0 creates no new Basic public IP (retired by Azure)']],
    ['sku_tier Global with StandardV2', (r: Obj) => { r.sku = 'StandardV2'; r.sku_tier = 'Global'; }, ['sku: one of Basic, Standard (case-sensitive)'], ['sku: Standard when sku_tier is Global']],
  ] as const)('%s', (_what, edit, on455, on473) => {
    const a = pipRules(mutate(FLAVOURS.cdktf('aws-azure-bgp'), GW_STACK, resource(PIP, '/PublicIp0', edit)));
    const b = pipRules(mutate(cdktnOutput('aws-azure-bgp'), GW_STACK, resource(PIP, '/PublicIp0', edit)));
    expect([a, b]).toEqual([on455, on473]);
  }, 60000);

  test('ErGwScale is an ExpressRoute SKU from 4.56.0; an ExpressRoute gateway takes no public IP from 4.59.0', () => {
    const edit = resource(GW, '/Resource', (r) => { r.type = 'ExpressRoute'; r.sku = 'ErGwScale'; });
    const rules = (dir: string) => violations(dir).filter((v) => v.resource.includes(`/${GW}.`) && /^(sku|ip_configuration\[\d\]\.public_ip_address_id)$/.test(v.attribute)).map((v) => v.attribute);
    expect(rules(mutate(FLAVOURS.cdktf('aws-azure-bgp'), GW_STACK, edit))).toEqual(['sku']);
    expect(rules(mutate(cdktnOutput('aws-azure-bgp'), GW_STACK, edit))).toEqual(['ip_configuration[0].public_ip_address_id', 'ip_configuration[1].public_ip_address_id']);
  }, 60000);
});
