import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib/core';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsOnlyStack, keysFromEnvironment } from '../../examples/aws-only/main';
import { MASTER_SECRET_ENV } from '../../src/plan';
import { STRICT_CONTEXT } from './util';

const ROOT = join(__dirname, '..', '..');

/** Replaces the bundled custom-resource handler's asset hash, which changes with aws-cdk-lib. */
function scrubAssets(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template), (key, value) => (key === 'S3Key' && typeof value === 'string' ? '<asset>.zip' : value));
}

describe('examples/aws-only', () => {
  test('template snapshot (keys from Secrets Manager)', () => {
    const app = new App({ context: STRICT_CONTEXT });
    const stack = new AwsOnlyStack(app, 'AwsOnlyVpn', { keys: keysFromEnvironment({}) });
    expect(scrubAssets(Template.fromStack(stack).toJSON())).toMatchSnapshot();
  });

  test('derives the keys from a master secret when one is set, and warns that they are in the template', () => {
    // GIVEN
    const app = new App({ context: STRICT_CONTEXT });
    const keys = keysFromEnvironment({ [MASTER_SECRET_ENV]: 'test-only-master-secret-0123456789' });

    // WHEN
    const stack = new AwsOnlyStack(app, 'AwsOnlyVpn', { keys });

    // THEN
    expect(keys.kind).toBe('derived');
    const template = Template.fromStack(stack);
    const [options] = Object.values(template.findResources('Custom::VpnTunnelOptions'));
    const written: string[] = options.Properties.Tunnels.map((t: { PreSharedKey: string }) => t.PreSharedKey);
    expect(written.every((k) => /^[A-Za-z][A-Za-z0-9]{39}$/.test(k)) && written[0] !== written[1]).toBe(true);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('plain text'));
  });

  test('synthesizes with the CDK CLI', async () => {
    // GIVEN
    const out = mkdtempSync(join(tmpdir(), 'ccvpn-aws-only-'));
    // The template passed aws-cdk-lib's validation in the tests above (STRICT_CONTEXT: an error-
    // severity finding fails the synthesis); this run is about the CLI, and loading and building the
    // validator again costs ~5 CPU-s.
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_VALIDATION: 'false' };
    delete env[MASTER_SECRET_ENV];
    try {
      // WHEN
      await promisify(execFile)('npx', [
        'cdk', 'synth', '--no-notices', '--app', 'node -r @swc-node/register examples/aws-only/main.ts', '-o', out,
      ], { cwd: ROOT, env, timeout: 170_000 });

      // THEN
      const template = Template.fromJSON(JSON.parse(readFileSync(join(out, 'AwsOnlyVpn.template.json'), 'utf8')));
      template.resourceCountIs('AWS::EC2::VPNGateway', 1);
      template.resourceCountIs('AWS::EC2::CustomerGateway', 1);
      template.resourceCountIs('AWS::EC2::VPNConnection', 1);
      template.resourceCountIs('Custom::VpnTunnelOutsideIps', 1);
      template.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '203.0.113.12', BgpAsn: 65010 });
      template.hasResourceProperties('AWS::EC2::VPNGateway', { AmazonSideAsn: 64600 });
      template.hasResourceProperties('AWS::EC2::VPNConnection', {
        StaticRoutesOnly: false,
        VpnTunnelOptionsSpecifications: [{ TunnelInsideCidr: '169.254.10.0/30' }, { TunnelInsideCidr: '169.254.10.4/30' }],
      });
      // The keys stay in Secrets Manager: the tunnel options resource carries the references, its handler reads them.
      template.hasResourceProperties('Custom::VpnTunnelOptions', {
        Tunnels: [
          Match.objectLike({ PreSharedKeyReference: 'secretsmanager:cross-cloud-vpn/aws-only:SecretString:tunnel1::', TunnelInsideCidr: '169.254.10.0/30' }),
          Match.objectLike({ PreSharedKeyReference: 'secretsmanager:cross-cloud-vpn/aws-only:SecretString:tunnel2::', TunnelInsideCidr: '169.254.10.4/30' }),
        ],
      });
      expect(Object.keys(template.findOutputs('*'))).toEqual([
        expect.stringMatching(/^OnPremConnectionTunnel1OutsideIp/), expect.stringMatching(/^OnPremConnectionTunnel2OutsideIp/),
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000); // npx and the CDK CLI: 8 s when idle, several times that on a loaded CI machine
});
