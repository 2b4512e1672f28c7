/**
 * Link stacks take exactly their gateway stack's environment, whatever form it has: otherwise a
 * region-only gateway stack (the ordinary `env: { region }`) and an agnostic link stack cannot
 * reference each other and synth fails (`CrossRegionReferencesRequireExplicitRegion`).
 */
import { App, Environment, Stack } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn } from '../../src';
import { AwsGatewayKind, AwsVpnGateway } from '../../src/aws';
import { AzureSite } from '../../examples/lib/sites';
import { TEST_SECRET } from '../plan/fixtures';

function awsSite(app: App, id: string, siteId: string, cidr: string, env: Environment | undefined, transit = false) {
  const stack = new Stack(app, id, { env });
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr(cidr), maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] });
  const gateway = new AwsVpnGateway(stack, 'Gw', { siteId, kind: transit ? AwsGatewayKind.transitGateway() : AwsGatewayKind.vpnGateway({ vpc }), cidrs: [cidr] });
  return { stack, gateway };
}

const FORMS: [string, Environment | undefined][] = [
  ['environment-agnostic', undefined],
  ['region only', { region: 'eu-west-1' }],
  ['CDK_DEFAULT_ACCOUNT unset (no credentials)', { account: process.env.CCVPN_TEST_UNSET_ACCOUNT, region: 'eu-west-1' }],
  ['account and region', { account: '123456789012', region: 'eu-west-1' }],
];

describe('link stacks take their gateway stack\'s environment', () => {
  test.each(FORMS)('%s: synth succeeds and the link stack is in the same environment', (_form, env) => {
    // GIVEN
    const cdk = new App();
    const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
    const aws = awsSite(cdk, 'Aws', 'aws', '10.1.0.0/16', env);
    const azure = new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 });
    // WHEN
    new CrossCloudVpn('Env', { masterSecret: TEST_SECRET, links: [{ between: [aws.gateway, azure.gateway] }] });
    const assembly = cdk.synth();
    // THEN
    const link = cdk.node.findChild('AwsLinks2') as Stack;
    expect(link.environment).toBe(aws.stack.environment);
    expect(assembly.getStackByName('AwsLinks2').environment).toEqual(assembly.getStackByName('Aws').environment);
  });

  test('cross-region: gateways in two regions each get link stacks in their own region', () => {
    const cdk = new App();
    const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
    const tokyo = awsSite(cdk, 'Tokyo', 'aws-tokyo', '10.1.0.0/16', { region: 'ap-northeast-1' });
    const dublin = awsSite(cdk, 'Dublin', 'aws-dublin', '10.4.0.0/16', { account: '123456789012', region: 'eu-west-1' }, true);
    const azure = new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 });
    new CrossCloudVpn('TwoRegions', { masterSecret: TEST_SECRET, links: [{ between: [tokyo.gateway, azure.gateway] }, { between: [dublin.gateway, azure.gateway] }] });
    const assembly = cdk.synth();
    expect(assembly.getStackByName('TokyoLinks2').environment.region).toBe('ap-northeast-1');
    expect(assembly.getStackByName('DublinLinks2').environment).toEqual(expect.objectContaining({ account: '123456789012', region: 'eu-west-1' }));
  });
});
