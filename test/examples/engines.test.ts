/**
 * The engine a flavour runs on, as the library sees it: `src/private/cdktf.ts` names the engine
 * package it actually loaded, gateways report it, the manifest records it per stack as the tool
 * that deploys the stack, and one `CrossCloudVpn` refuses gateways of two Terraform engines.
 * Runs in both jest projects (jest.config.js): on cdktf, and on the CDK Terrain flavour.
 */
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn } from '../../src';
import type { IGatewayDeployment, IVpnGateway } from '../../src/contract';
import { DeploymentManifest, manifestProblems } from '../../src/manifest';
import { engineOfPackage } from '../../src/private/cdktf';
import { AlicloudSite, AwsSite, AzureSite } from '../../examples/lib/sites';
import { ENGINE } from '../lib/engine';
import { TEST_SECRET } from '../plan/fixtures';

/** The engine the jest project says it runs (jest.config.js `globals`). */
declare const CCVPN_JEST_ENGINE: string;

function sites() {
  const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
  return {
    aws: new AwsSite(new App(), 'Aws', { siteId: 'aws', cidr: '10.1.0.0/16', asn: 64512 }),
    azure: new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 }),
    ali: new AlicloudSite(tf, 'ali', { siteId: 'ali', cidr: '10.3.0.0/16', asn: 65100 }),
  };
}

/** The same gateway, reporting another engine (as a gateway of the other flavour would). */
function onEngine(gateway: IVpnGateway, engine: IGatewayDeployment['engine']): IVpnGateway {
  return Object.create(gateway, { deployment: { value: Object.create(gateway.deployment, { engine: { value: engine } }) } }) as IVpnGateway;
}

describe('engine identity', () => {
  test('ENGINE is the engine package the source actually loads (the project\'s: cdktf, or cdktn through the specifier swap)', () => {
    expect(ENGINE).toBe(CCVPN_JEST_ENGINE);
    expect(require.resolve('cdktf')).toContain(`/node_modules/${ENGINE}/`);
  });

  test('a package of another name is one clear error', () => {
    expect(engineOfPackage('cdktn')).toBe('cdktn');
    expect(() => engineOfPackage('cdk-for-terraform')).toThrow(/the Terraform engine package is named "cdk-for-terraform"; allowed: cdktf, cdktn/);
  });

  test('the manifest records the engine per stack: cdk for CloudFormation, this flavour\'s engine for Terraform', () => {
    const s = sites();
    const vpn = new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.azure.gateway] }, { between: [s.azure.gateway, s.ali.gateway] }] });
    const engines = Object.fromEntries(vpn.manifest().phases.flatMap((p) => p.stacks.map((st) => [st.name, st.engine])));
    expect(engines).toEqual({ Aws: 'cdk', AwsLinks2: 'cdk', azure: ENGINE, 'azure-links-2': ENGINE, 'azure-links-3': ENGINE, ali: ENGINE, 'ali-links-2': ENGINE });
    expect(manifestProblems(vpn.manifest())).toEqual([]);
  });
});

describe('one Terraform engine per CrossCloudVpn', () => {
  const other = ENGINE === 'cdktf' ? 'cdktn' : 'cdktf';

  test('gateways of cdktf and CDK Terrain in one declaration: one error naming each gateway and its engine', () => {
    const s = sites();
    expect(() => new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.azure.gateway] }, { between: [s.azure.gateway, onEngine(s.ali.gateway, other)] }] }))
      .toThrow(new RegExp(`\\[Mesh\\]: gateways azure/VpnGateway \\(${ENGINE}\\), ali/VpnGateway \\(${other}\\) are built with two Terraform engines; allowed: one per CrossCloudVpn, cdktf or cdktn`));
  });

  test('AWS (cdk) with either Terraform engine is fine', () => {
    const s = sites();
    const vpn = new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, onEngine(s.ali.gateway, other)] }] });
    expect(vpn.manifest().phases[0].stacks.map((st) => st.engine)).toEqual(['cdk', other]);
  });
});

describe('manifest engines', () => {
  const manifest = (engine: string): DeploymentManifest => ({ version: 1, phases: [{ phase: 1, description: 'gateways', stacks: [{ name: 'gw', engine: engine as 'cdk', inputs: [], outputs: [] }] }] });

  test.each(['cdk', 'cdktf', 'cdktn'])('%s is a tool a manifest may name', (engine) => {
    expect(manifestProblems(manifest(engine))).toEqual([]);
  });

  test('any other tool is a problem naming the stack, the value and what is allowed', () => {
    expect(manifestProblems(manifest('terraform'))).toEqual(['stack \'gw\' has engine "terraform"; allowed: cdk, cdktf, cdktn']);
  });
});
