/**
 * `Custom::VpnTunnelOptions`, as the AWS constructs write it: which resource a tunnel change
 * touches, the per-stack handler and its least-privilege policy, and how keys reach it.
 */
import { SecretValue, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsDpdTimeoutAction, AwsTunnelOptions, AwsVpnConnection } from '../../src/aws';
import { TUNNEL_OPTIONS_HANDLER } from '../../src/aws/tunnel-options-handler';
import { TUNNEL_OPTIONS_TYPE } from '../../src/aws/tunnel-options-resource';
import { PresharedKey } from '../../src/plan';
import { TEST_KEY_1, TEST_KEY_2, testStack, vgwFixture } from './util';

const t1: AwsTunnelOptions = { presharedKey: new PresharedKey(TEST_KEY_1, 'pinned'), insideCidr: '169.254.10.0/30' };
const t2: AwsTunnelOptions = { presharedKey: new PresharedKey(TEST_KEY_2, 'pinned'), insideCidr: '169.254.10.4/30' };

/** The template of one connection with these tunnel options. */
function synth(tunnel1: AwsTunnelOptions, tunnel2: AwsTunnelOptions, stack: Stack = testStack()) {
  const { gateway, peer } = vgwFixture(stack);
  new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1, tunnel2 });
  return Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> };
}

/** Every resource of the template except the tunnel options resource, as written. */
const allButOptions = (t: ReturnType<typeof synth>) => Object.fromEntries(Object.entries(t.Resources).filter(([, r]) => r.Type !== TUNNEL_OPTIONS_TYPE));
const optionsResource = (t: ReturnType<typeof synth>) => Object.values(t.Resources).find((r) => r.Type === TUNNEL_OPTIONS_TYPE)!;

describe('tunnel options applied in place', () => {
  const rotated = new PresharedKey('TestOnlyKeyTunnelTwoRotated01234', 'pinned');
  test.each<[string, AwsTunnelOptions]>([
    ['a rotated key', { ...t2, presharedKey: rotated }],
    ['another proposal', { ...t2, phase1EncryptionAlgorithms: ['AES256-GCM-16'], phase1DhGroupNumbers: [20], phase2DhGroupNumbers: [20] }],
    ['another lifetime', { ...t2, phase2LifetimeSeconds: 1800 }],
    ['another DPD timeout and action', { ...t2, dpdTimeoutSeconds: 45, dpdTimeoutAction: AwsDpdTimeoutAction.CLEAR }],
  ])('%s changes the tunnel options resource only: the connection, its outside-IP lookup and its routes stay byte-identical', (_, changed) => {
    // GIVEN / WHEN
    const before = synth(t1, t2);
    const after = synth(t1, changed);

    // THEN
    expect(allButOptions(after)).toEqual(allButOptions(before));
    expect(optionsResource(after).Properties).not.toEqual(optionsResource(before).Properties);
  });

  test('an inside CIDR change is a change of the connection (it identifies the tunnel)', () => {
    const before = synth(t1, t2);
    const after = synth(t1, { ...t2, insideCidr: '169.254.10.8/30' });
    const conn = (t: ReturnType<typeof synth>) => Object.values(t.Resources).find((r) => r.Type === 'AWS::EC2::VPNConnection')!.Properties;
    expect(conn(after).VpnTunnelOptionsSpecifications).toEqual([{ TunnelInsideCidr: '169.254.10.0/30' }, { TunnelInsideCidr: '169.254.10.8/30' }]);
    expect(conn(before).VpnTunnelOptionsSpecifications).toEqual([{ TunnelInsideCidr: '169.254.10.0/30' }, { TunnelInsideCidr: '169.254.10.4/30' }]);
    // The options resource follows it to the tunnel's new CIDR (and re-applies the options there).
    expect((optionsResource(after).Properties.Tunnels as { TunnelInsideCidr: string }[]).map((t) => t.TunnelInsideCidr)).toEqual(['169.254.10.0/30', '169.254.10.8/30']);
  });

  test('the resource waits up to CloudFormation\'s maximum and depends on its handler\'s policy', () => {
    const t = synth(t1, t2);
    const options = optionsResource(t);
    expect(options.Properties).toMatchObject({ ServiceTimeout: '3600', VpnConnectionId: { Ref: expect.stringMatching(/^Conn/) } });
    expect(options.DependsOn).toEqual([expect.stringMatching(/^CrossCloudVpnTunnelOptionsHandlerPolicy/)]);
  });
});

describe('the tunnel options handler', () => {
  test('one inline function per stack (15-minute timeout, no asset), a role with logs only, and a policy with exactly these rights', () => {
    // GIVEN two connections in one stack
    const stack = testStack();
    const { gateway, peer } = vgwFixture(stack);
    new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: t1, tunnel2: t2 });
    new AwsVpnConnection(stack, 'Conn2', { gateway, peer, tunnel1: { ...t1, insideCidr: '169.254.10.8/30' }, tunnel2: { ...t2, insideCidr: '169.254.10.12/30' } });
    const t = Template.fromStack(stack);

    // THEN
    t.resourceCountIs(TUNNEL_OPTIONS_TYPE, 2);
    const functions = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([, f]) => f.Properties.Code.ZipFile === TUNNEL_OPTIONS_HANDLER);
    expect(functions).toHaveLength(1);
    const [fnId, fn] = functions[0];
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 900, MemorySize: 128 });
    const role = t.findResources('AWS::IAM::Role')[fn.Properties.Role['Fn::GetAtt'][0]];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }]);
    const policies = Object.values(t.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'ec2:DescribeVpnConnections', Resource: '*' },
      {
        Effect: 'Allow', Action: 'ec2:ModifyVpnTunnelOptions',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':vpn-connection/*']] },
        // Only connections this stack tagged.
        Condition: { StringEquals: { 'aws:ResourceTag/cross-cloud-vpn:tunnel-options': { Ref: 'AWS::StackName' } } },
      },
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } },
    ]);
    // AND every connection of the stack carries the tag (an in-place tag update on a deployed one).
    for (const c of Object.values(t.findResources('AWS::EC2::VPNConnection'))) {
      expect(c.Properties.Tags).toEqual([{ Key: 'cross-cloud-vpn:tunnel-options', Value: { Ref: 'AWS::StackName' } }]);
    }
  });

  test('adding a connection leaves the handler, its role and its policy byte-identical', () => {
    const build = (two: boolean) => {
      const stack = testStack();
      const { gateway, peer } = vgwFixture(stack);
      new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: t1, tunnel2: t2 });
      if (two) new AwsVpnConnection(stack, 'Conn2', { gateway, peer, tunnel1: { ...t1, insideCidr: '169.254.10.8/30' }, tunnel2: { ...t2, insideCidr: '169.254.10.12/30' } });
      const res = Template.fromStack(stack).toJSON().Resources as Record<string, unknown>;
      return Object.fromEntries(Object.entries(res).filter(([id]) => id.startsWith('CrossCloudVpnTunnelOptionsHandler') || id.startsWith('Conn') && !id.startsWith('Conn2')));
    };
    expect(build(true)).toEqual(build(false));
  });

  test('keys given as secure references: read access to exactly those secrets and parameters', () => {
    // GIVEN a secret by name with a JSON field, a secret of the stack by ARN, an SSM secure string with a version
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const { gateway, peer } = vgwFixture(stack);
    new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: { ...t1, presharedKey: SecretValue.secretsManager('vpn/keys', { jsonField: 'tunnel1' }) }, tunnel2: { ...t2, presharedKey: SecretValue.ssmSecure('/vpn/tunnel2', '3') } });
    new AwsVpnConnection(stack, 'Conn2', { gateway, peer, tunnel1: { ...t1, insideCidr: '169.254.10.8/30', presharedKey: SecretValue.secretsManager(secret.secretArn) }, tunnel2: { ...t2, insideCidr: '169.254.10.12/30' } });
    const template = Template.fromStack(stack);
    const json = template.toJSON();

    // THEN the references go over without their {{resolve: … }} delimiters
    const refs = Object.values(template.findResources(TUNNEL_OPTIONS_TYPE)).flatMap((r) => r.Properties.Tunnels.map((x: Record<string, unknown>) => x.PreSharedKeyReference ?? 'value'));
    expect(refs).toEqual([
      'secretsmanager:vpn/keys:SecretString:tunnel1::',
      'ssm-secure:/vpn/tunnel2:3',
      { 'Fn::Join': ['', ['secretsmanager:', { Ref: expect.stringMatching(/^Secret/) }, ':SecretString:::']] },
      'value',
    ]);
    expect(JSON.stringify(json)).not.toContain('{{resolve:');
    // AND the policy allows reading those and nothing else
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy'));
    const base = (service: string, resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, resource]] });
    expect(policy.Properties.PolicyDocument.Statement.slice(3)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [base('secretsmanager', ':secret:vpn/keys-??????'), { Ref: expect.stringMatching(/^Secret/) }] },
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: [base('ssm', ':parameter/vpn/tunnel2')] },
    ]);
  });

  test('a secure dynamic reference inside a longer value is refused before deployment, without echoing it', () => {
    const stack = testStack();
    const { gateway, peer } = vgwFixture(stack);
    const key = SecretValue.unsafePlainText('prefix{{resolve:secretsmanager:vpn/keys:SecretString:k::}}');
    expect(() => new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: { ...t1, presharedKey: key }, tunnel2: t2 }))
      .toThrow(/tunnel1\.presharedKey.*is a secure dynamic reference inside a longer value; allowed: .*SecretValue\.secretsManager\(\)/);
    try {
      new AwsVpnConnection(stack, 'Conn2', { gateway, peer, tunnel1: { ...t1, presharedKey: key }, tunnel2: t2 });
    } catch (e) {
      expect(String(e)).not.toContain('vpn/keys');
    }
  });
});
