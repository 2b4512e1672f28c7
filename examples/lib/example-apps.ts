/**
 * Shared plumbing of the examples: an aws-cdk-lib app and a Terraform app side by side,
 * synthesized into the tools' usual layouts, plus the deployment manifest and the plan table.
 * The Terraform app is cdktf's, or CDK Terrain's when the source runs as that flavour
 * (`CCVPN_ENGINE=cdktn node -r @swc-node/register -r ./scripts/engine-register.js …`).
 *
 * - `npm run example` synthesizes every example into `out/<example>/{cdk.out,cdktf.out}` (cdktf)
 *   and `out/cdktn/<example>/…` (CDK Terrain), and draws its topology into `…/topology.svg`;
 * - `npx cdk synth --app "node -r @swc-node/register examples/<file>.ts"`, `npx cdktf synth` and
 *   `CCVPN_ENGINE=cdktn npx cdktn synth` (both with the top-level `cdktf.json`, whose `app` loads
 *   the register hook) work on the same entry files: each CLI passes its output folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { planToDot } from '../../src/cli/diagram';
import { renderPlan } from '../../src/cli/plan-table';
import { renderSvg } from '../../src/cli/render-svg';
import { CrossCloudVpn, MASTER_SECRET_ENV } from '../../src';
import { DEMO_MASTER_SECRET } from '../../src/plan';
import { ENGINE } from '../../src/private/cdktf';

/**
 * DEMO ONLY. The examples derive their pre-shared keys from this published secret when
 * `CCVPN_MASTER_SECRET` is not set, so that they synthesize anywhere. Anyone can recompute keys
 * derived from it: never deploy tunnels keyed with it.
 */
export { DEMO_MASTER_SECRET };

export interface ExampleApps {
  readonly cdk: App;
  readonly terraform: TerraformApp;
  /** The master secret to give `CrossCloudVpn` (the environment's, else the demo one). */
  readonly masterSecret: string;
}

export interface ExampleResult {
  readonly name: string;
  readonly vpn: CrossCloudVpn;
  readonly cdkOut: string;
  readonly cdktfOut: string;
  readonly manifest: string;
}

/**
 * Where `npm run example` puts the examples of the running flavour: `out/` for cdktf (what
 * `ccvpn verify` reads by default), `out/cdktn/` for CDK Terrain.
 */
export function exampleOutRoot(): string {
  return ENGINE === 'cdktf' ? 'out' : path.join('out', ENGINE);
}

/** Builds an example into fresh apps, synthesizes both and writes the manifest. */
export function synthExample(name: string, define: (apps: ExampleApps) => CrossCloudVpn, outRoot = exampleOutRoot()): ExampleResult {
  const base = path.join(outRoot, name);
  const cdkOut = process.env.CDK_OUTDIR ?? path.join(base, 'cdk.out');
  const cdktfOut = process.env.CDKTF_OUTDIR ?? path.join(base, 'cdktf.out');
  for (const dir of [cdkOut, cdktfOut]) fs.mkdirSync(dir, { recursive: true });
  const fromEnv = process.env[MASTER_SECRET_ENV];
  if (!fromEnv) {
    process.stderr.write(`!! ${name}: ${MASTER_SECRET_ENV} is not set: using the PUBLISHED DEMO master secret. Never deploy these keys.\n`);
  }
  const apps: ExampleApps = {
    cdk: new App({ outdir: cdkOut, context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:defaultCrossStackReferences': 'strong' } }),
    terraform: new TerraformApp({ outdir: cdktfOut }),
    masterSecret: fromEnv ?? DEMO_MASTER_SECRET,
  };
  const vpn = define(apps);
  apps.cdk.synth();
  apps.terraform.synth();
  const manifest = path.join(base, 'ccvpn.manifest.json');
  vpn.writeManifest(manifest, { cdkOut, cdktfOut });
  return { name, vpn, cdkOut, cdktfOut, manifest };
}

/** Entry-point helper: synthesize, print the plan table and draw the topology (`topology.svg`). */
export function main(name: string, define: (apps: ExampleApps) => CrossCloudVpn): void {
  const r = synthExample(name, define);
  const diagram = path.join(path.dirname(r.manifest), 'topology.svg');
  process.stdout.write(`\n## ${name} (${ENGINE})\n${renderPlan(r.vpn.plan)}\nsynthesized: ${r.cdkOut}, ${r.cdktfOut}; deployment manifest: ${r.manifest}; diagram: ${diagram}\n`);
  renderSvg(planToDot(r.vpn.plan)).then((svg) => fs.writeFileSync(diagram, svg), (e: Error) => {
    process.stderr.write(`!! ${name}: no diagram: ${e.message}\n`);
  });
}
