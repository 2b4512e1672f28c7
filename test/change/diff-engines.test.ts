/**
 * Moving a deployment from cdktf to CDK Terrain, as `ccvpn diff` sees it: the same example
 * synthesized by each engine (each in its own process: `flavourOutput`, shared with the other
 * files of the run that compare flavours), the after-manifest naming `cdktn` for
 * every Terraform stack. `ccvpn diff` reads both, keeps every resource (nothing created, deleted
 * or replaced), and no tunnel goes down; `verify --change` (its plan, without the lab) matches
 * every tunnel and finds nothing to change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffOutputs } from '../../src/change/diff';
import { planChange } from '../../src/verify/change';
import { cleanupFlavourOutputs, flavourOutput } from '../verify/clouds/flavour-outputs';

let cdktf: string;
let cdktn: string;

beforeAll(() => {
  // the same example and master secret, each engine in its own process
  cdktf = flavourOutput('cdktf', 'three-cloud-mesh');
  cdktn = flavourOutput('cdktn', 'three-cloud-mesh');
}, 180_000);
afterAll(() => cleanupFlavourOutputs());

describe('ccvpn diff from the cdktf flavour to the CDK Terrain flavour', () => {
  test('reads both manifests; no resource is created, deleted or replaced, and no tunnel goes down', () => {
    // WHEN
    const report = diffOutputs(cdktf, cdktn);
    // THEN
    expect(report.resources.filter((r) => r.action !== 'update').map((r) => `${r.action} ${r.key}`)).toEqual([]);
    expect(report.unchangedResources).toBeGreaterThan(30);
    expect(report.cutsOff).toBe(false);
    expect(report.warnings).toEqual([]);
    expect(report.tunnels).toHaveLength(10); // the mesh's planned tunnels
    expect(report.tunnels.filter((t) => t.status === 'added' || t.status === 'removed' || t.outage.down.length).map((t) => `${t.sides}: ${t.status}, down ${t.outage.intervals.join('; ')}`)).toEqual([]);
  });

  test('verify --change reads both: every tunnel of the mesh matched, none changed, no step to run', () => {
    const plan = planChange({ before: [cdktf], after: [cdktn] });
    expect({ failures: plan.failures, warnings: plan.warnings }).toEqual({ failures: [], warnings: [] });
    expect(plan.report.filter((t) => t.halves.length === 2 && t.status === 'unchanged')).toHaveLength(10);
    expect(plan.report.filter((t) => t.status !== 'unchanged').map((t) => `${t.sides}: ${t.status}`)).toEqual([]);
    expect(plan.steps).toEqual([]);
  });

  test('each side\'s manifest names its engine for the Terraform stacks', () => {
    const engines = (dir: string) => [...new Set(JSON.parse(fs.readFileSync(path.join(dir, 'ccvpn.manifest.json'), 'utf8')).phases
      .flatMap((p: { stacks: { engine: string }[] }) => p.stacks.map((s) => s.engine)))].sort();
    expect([engines(cdktf), engines(cdktn)]).toEqual([['cdk', 'cdktf'], ['cdk', 'cdktn']]);
  });
});
