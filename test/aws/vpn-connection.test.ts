import { CfnParameter, SecretValue } from 'aws-cdk-lib/core';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsDpdTimeoutAction, AwsPeerGateway, AwsStartupAction, AwsTunnelOptions, AwsVpnConnection, AwsVpnConnectionProps, IAwsVpnGateway } from '../../src/aws';
import { TUNNEL_OPTIONS_TYPE } from '../../src/aws/tunnel-options-resource';
import { TUNNEL_OUTSIDE_IPS_TYPE } from '../../src/aws/tunnel-outside-ips';
import { TUNNEL_OUTSIDE_IPS_HANDLER } from '../../src/aws/tunnel-outside-ips-handler';
import { PresharedKey } from '../../src/plan';
import { TEST_KEY_1, TEST_KEY_2, testStack, vgwFixture } from './util';

const secret = (field: string) => SecretValue.secretsManager('test/vpn', { jsonField: field });
const tunnel1: AwsTunnelOptions = { presharedKey: secret('tunnel1'), insideCidr: '169.254.10.0/30' };
const tunnel2: AwsTunnelOptions = { presharedKey: secret('tunnel2'), insideCidr: '169.254.10.4/30' };

/** The `Tunnels` of the connection's tunnel options resource. */
function optionsOf(stack: ReturnType<typeof testStack>): Record<string, unknown>[] {
  const resources = Object.values(Template.fromStack(stack).findResources(TUNNEL_OPTIONS_TYPE));
  expect(resources).toHaveLength(1);
  return resources[0].Properties.Tunnels;
}

/** A connection on the VGW fixture with `overrides` applied. */
function connect(overrides: Partial<AwsVpnConnectionProps> = {}) {
  const f = vgwFixture();
  const connection = new AwsVpnConnection(f.stack, 'Conn', { gateway: f.gateway, peer: f.peer, tunnel1, tunnel2, ...overrides });
  return { ...f, connection };
}

/** Every tunnel option with the library's defaults, as the tunnel options resource carries them (EC2 ModifyVpnTunnelOptions' spelling). */
const defaultTunnel = (insideCidr: string) => ({
  TunnelInsideCidr: insideCidr,
  PreSharedKeyReference: Match.anyValue(),
  IKEVersions: [{ Value: 'ikev2' }],
  Phase1EncryptionAlgorithms: [{ Value: 'AES256' }],
  Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase1DHGroupNumbers: [{ Value: 14 }],
  Phase2EncryptionAlgorithms: [{ Value: 'AES256' }],
  Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase2DHGroupNumbers: [{ Value: 14 }],
  Phase1LifetimeSeconds: 28800,
  Phase2LifetimeSeconds: 3600,
  RekeyMarginTimeSeconds: 540,
  RekeyFuzzPercentage: 100,
  ReplayWindowSize: 1024,
  DPDTimeoutSeconds: 30,
  DPDTimeoutAction: 'restart',
  StartupAction: 'start',
});

describe('AwsVpnConnection', () => {
  test('writes every tunnel option explicitly for both tunnels, with strong defaults', () => {
    // GIVEN / WHEN
    const { stack } = connect();

    // THEN
    const template = Template.fromStack(stack);
    // The connection carries only what identifies each tunnel: its inside CIDR.
    template.hasResourceProperties('AWS::EC2::VPNConnection', {
      Type: 'ipsec.1',
      CustomerGatewayId: { Ref: Match.stringLikeRegexp('^Peer') },
      VpnGatewayId: { Ref: Match.stringLikeRegexp('^Gw') },
      TransitGatewayId: Match.absent(),
      StaticRoutesOnly: false,
      LocalIpv4NetworkCidr: Match.absent(),
      RemoteIpv4NetworkCidr: Match.absent(),
      VpnTunnelOptionsSpecifications: Match.exact([{ TunnelInsideCidr: '169.254.10.0/30' }, { TunnelInsideCidr: '169.254.10.4/30' }]),
    });
    // Every other option is the tunnel options resource's, for both tunnels.
    template.hasResourceProperties(TUNNEL_OPTIONS_TYPE, {
      VpnConnectionId: { Ref: Match.stringLikeRegexp('^Conn') },
      Tunnels: [defaultTunnel('169.254.10.0/30'), defaultTunnel('169.254.10.4/30')],
    });
    for (const tunnel of optionsOf(stack)) {
      // Every option of ModifyVpnTunnelOptionsSpecification except IPv6, logging and lifecycle control is set.
      expect(Object.keys(tunnel).sort()).toEqual(Object.keys(defaultTunnel('x')).sort());
    }
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
  });

  test('keeps dynamic-reference keys out of the template: the handler reads the secret (custom resources take no secure dynamic reference)', () => {
    const { stack } = connect();
    expect(optionsOf(stack).map((t) => [t.PreSharedKeyReference, t.PreSharedKey])).toEqual([
      ['secretsmanager:test/vpn:SecretString:tunnel1::', undefined],
      ['secretsmanager:test/vpn:SecretString:tunnel2::', undefined],
    ]);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('{{resolve:');
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('pre-shared key'));
  });

  test('writes a planner key into the template and warns that it is readable there', () => {
    // GIVEN
    const k1 = new PresharedKey(TEST_KEY_1, 'pinned');
    const k2 = new PresharedKey(TEST_KEY_2, 'pinned');

    // WHEN
    const { stack, connection } = connect({ tunnel1: { ...tunnel1, presharedKey: k1 }, tunnel2: { ...tunnel2, presharedKey: k2 } });

    // THEN
    const written = optionsOf(stack).map((t) => t.PreSharedKey);
    expect(written[0] === TEST_KEY_1 && written[1] === TEST_KEY_2).toBe(true);
    Annotations.fromStack(stack).hasWarning(`/${connection.node.path}`, Match.stringLikeRegexp('pre-shared key is written into the CloudFormation template in plain text'));
  });

  test('accepts a key from a NoEcho parameter without checking it', () => {
    const stack = testStack();
    const param = new CfnParameter(stack, 'Psk', { type: 'String', noEcho: true });
    const { gateway, peer } = vgwFixture(stack);
    new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: { ...tunnel1, presharedKey: SecretValue.cfnParameter(param) }, tunnel2 });
    expect(optionsOf(stack)[0]).toMatchObject({ PreSharedKey: { Ref: 'Psk' } });
  });

  test('passes custom tunnel options through, per tunnel', () => {
    // GIVEN
    const custom: AwsTunnelOptions = {
      ...tunnel2,
      ikeVersions: ['ikev1', 'ikev2'],
      phase1EncryptionAlgorithms: ['AES128', 'AES256-GCM-16'],
      phase1IntegrityAlgorithms: ['SHA2-384'],
      phase1DhGroupNumbers: [19, 20],
      phase2EncryptionAlgorithms: ['AES256-GCM-16'],
      phase2IntegrityAlgorithms: ['SHA2-512'],
      phase2DhGroupNumbers: [5, 21],
      phase1LifetimeSeconds: 27000,
      phase2LifetimeSeconds: 1800,
      rekeyMarginTimeSeconds: 900,
      rekeyFuzzPercentage: 0,
      replayWindowSizePackets: 2048,
      dpdTimeoutSeconds: 40,
      dpdTimeoutAction: AwsDpdTimeoutAction.CLEAR,
    };

    // WHEN
    const { stack } = connect({ tunnel2: custom });

    // THEN
    Template.fromStack(stack).hasResourceProperties(TUNNEL_OPTIONS_TYPE, {
      Tunnels: [defaultTunnel('169.254.10.0/30'), {
        TunnelInsideCidr: '169.254.10.4/30',
        PreSharedKeyReference: Match.anyValue(),
        IKEVersions: [{ Value: 'ikev1' }, { Value: 'ikev2' }],
        Phase1EncryptionAlgorithms: [{ Value: 'AES128' }, { Value: 'AES256-GCM-16' }],
        Phase1IntegrityAlgorithms: [{ Value: 'SHA2-384' }],
        Phase1DHGroupNumbers: [{ Value: 19 }, { Value: 20 }],
        Phase2EncryptionAlgorithms: [{ Value: 'AES256-GCM-16' }],
        Phase2IntegrityAlgorithms: [{ Value: 'SHA2-512' }],
        Phase2DHGroupNumbers: [{ Value: 5 }, { Value: 21 }],
        Phase1LifetimeSeconds: 27000,
        Phase2LifetimeSeconds: 1800,
        RekeyMarginTimeSeconds: 900,
        RekeyFuzzPercentage: 0,
        ReplayWindowSize: 2048,
        DPDTimeoutSeconds: 40,
        DPDTimeoutAction: 'clear',
        // IKEv1 allowed: the default startup action becomes 'add' (the peer initiates).
        StartupAction: 'add',
      }],
    });
  });

  test('static routing: StaticRoutesOnly and one route per distinct prefix, with collision-free ids', () => {
    // GIVEN: prefixes whose digits alone would collide (1.11.0.0/16 vs 11.1.0.0/16), and a duplicate.
    const routes = ['1.11.0.0/16', '11.1.0.0/16', '1.11.0.0/16', '192.168.0.0/24'];

    // WHEN
    const { stack, connection } = connect({ staticRoutes: routes });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 3);
    for (const cidr of ['1.11.0.0/16', '11.1.0.0/16', '192.168.0.0/24']) {
      template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: cidr, VpnConnectionId: { Ref: Match.stringLikeRegexp('^Conn') } });
    }
    const ids = connection.node.children.map((c) => c.node.id).filter((id) => id.startsWith('Route'));
    expect(ids).toHaveLength(3);
    expect(ids.every((id) => /^Route[0-9a-f]{8}$/.test(id))).toBe(true);
  });

  test('a route keeps its construct id when other routes are added or removed', () => {
    const idOf = (routes: string[], cidr: string) => {
      const { connection } = connect({ staticRoutes: routes });
      const route = connection.node.children.find((c) => (c as { destinationCidrBlock?: string }).destinationCidrBlock === cidr);
      return route?.node.id;
    };
    expect(idOf(['10.1.0.0/16', '10.2.0.0/16'], '10.2.0.0/16')).toBe(idOf(['10.2.0.0/16'], '10.2.0.0/16'));
  });

  test('dynamic routing: StaticRoutesOnly false and no routes', () => {
    const { stack } = connect({ staticRoutesOnly: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: false });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
  });

  test('policy routing: the AWS side is RemoteIpv4NetworkCidr, the peer side LocalIpv4NetworkCidr', () => {
    const { stack } = connect({ staticRoutes: ['192.168.0.0/24'], awsNetworkCidr: '10.10.0.0/16', peerNetworkCidr: '192.168.0.0/24' });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPNConnection', {
      RemoteIpv4NetworkCidr: '10.10.0.0/16',
      LocalIpv4NetworkCidr: '192.168.0.0/24',
    });
  });

  test('attaches to a transit gateway with TransitGatewayId only', () => {
    const { stack, peer } = vgwFixture();
    const tgw: IAwsVpnGateway = { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700 };
    new AwsVpnConnection(stack, 'TgwConn', { gateway: tgw, peer, tunnel1, tunnel2 });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPNConnection', {
      TransitGatewayId: 'tgw-0123456789abcdef0',
      VpnGatewayId: Match.absent(),
    });
  });

  test('attaches to an existing virtual private gateway given by id', () => {
    const { stack, peer } = vgwFixture();
    new AwsVpnConnection(stack, 'Existing', { gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64512 }, peer, tunnel1, tunnel2 });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPNConnection', { VpnGatewayId: 'vgw-0123456789abcdef0' });
  });

  describe('tunnel outside IPs', () => {
    test('are read by a custom resource naming the connection and both inside CIDRs; its attributes are the IPs', () => {
      const { stack, connection } = connect();
      const template = Template.fromStack(stack);
      const lookups = template.findResources(TUNNEL_OUTSIDE_IPS_TYPE);
      expect(Object.values(lookups)).toEqual([{
        Type: 'Custom::VpnTunnelOutsideIps',
        Properties: {
          ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^CrossCloudVpnTunnelOutsideIpsHandler/), 'Arn'] },
          ServiceTimeout: '300',
          VpnConnectionId: { Ref: expect.stringMatching(/^Conn[0-9A-F]{8}$/) },
          TunnelInsideCidrs: ['169.254.10.0/30', '169.254.10.4/30'],
        },
        UpdateReplacePolicy: 'Delete',
        DeletionPolicy: 'Delete',
      }]);
      const [lookupId] = Object.keys(lookups);
      expect(connection.tunnelOutsideIps.map((ip) => stack.resolve(ip))).toEqual([
        { 'Fn::GetAtt': [lookupId, 'Tunnel1OutsideIp'] },
        { 'Fn::GetAtt': [lookupId, 'Tunnel2OutsideIp'] },
      ]);
    });

    test('one inline handler per stack serves every connection; it may describe VPN connections and write its logs, nothing else', () => {
      // GIVEN two connections in one stack
      const { stack, gateway } = connect();
      const peer2 = new AwsPeerGateway(stack, 'Peer2', { ipAddress: '203.0.113.13', peerAsn: 65011 });
      new AwsVpnConnection(stack, 'Conn2', { gateway, peer: peer2, tunnel1: { ...tunnel1, insideCidr: '169.254.10.8/30' }, tunnel2: { ...tunnel2, insideCidr: '169.254.10.12/30' } });
      const template = Template.fromStack(stack);

      // THEN one function, its code inline (no asset to publish), and a role with exactly these rights
      template.resourceCountIs(TUNNEL_OUTSIDE_IPS_TYPE, 2);
      const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Code.ZipFile === TUNNEL_OUTSIDE_IPS_HANDLER);
      expect(functions).toHaveLength(1);
      expect(functions[0].Properties).toMatchObject({
        Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 120, Code: { ZipFile: TUNNEL_OUTSIDE_IPS_HANDLER },
      });
      expect(Object.keys(template.toJSON().Parameters ?? {}).filter((p) => /AssetParameters|S3Bucket/.test(p))).toEqual([]);
      const roles = Object.values(template.findResources('AWS::IAM::Role')).filter((r) => String(r.Properties.Description).includes('outside IPs'));
      expect(roles).toHaveLength(1);
      expect(roles[0].Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      expect(roles[0].Properties.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }]);
      expect(roles[0].Properties.Policies.flatMap((p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement))
        .toEqual([{ Effect: 'Allow', Action: 'ec2:DescribeVpnConnections', Resource: '*' }]);
    });

    test('are stack outputs named after the connection, tunnel 1 then tunnel 2', () => {
      const { stack, connection } = connect();
      const outputs = Template.fromStack(stack).findOutputs('*');
      const names = Object.keys(outputs).filter((n) => n.startsWith('Conn'));
      expect(names).toEqual([expect.stringMatching(/^ConnTunnel1OutsideIp/), expect.stringMatching(/^ConnTunnel2OutsideIp/)]);
      expect(connection.tunnelOutsideIps).toEqual([connection.tunnel1OutsideIp, connection.tunnel2OutsideIp]);
      expect(connection.tunnelInsideCidrs).toEqual(['169.254.10.0/30', '169.254.10.4/30']);
      expect(stack.resolve(connection.vpnConnectionId)).toEqual({ Ref: expect.stringMatching(/^Conn/) });
    });

    test('are matched by inside CIDR even when a CIDR is a deploy-time value (the handler matches at deploy time)', () => {
      const stack = testStack();
      const cidr = new CfnParameter(stack, 'InsideCidr', { type: 'String' }).valueAsString;
      const { gateway, peer } = vgwFixture(stack);
      new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1: { ...tunnel1, insideCidr: cidr }, tunnel2 });
      const [lookup] = Object.values(Template.fromStack(stack).findResources(TUNNEL_OUTSIDE_IPS_TYPE));
      expect(lookup.Properties.TunnelInsideCidrs).toEqual([{ Ref: 'InsideCidr' }, '169.254.10.4/30']);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });
  });

  test('builds its props from a planned tunnel pair', () => {
    // GIVEN: a hand-made tunnel with an AWS end using GCM (no phase 2 integrity) that responds
    const key = new PresharedKey(TEST_KEY_1, 'pinned');
    const proposal = { ikeVersion: 'ikev2', phase1: { encryption: 'AES256-GCM-16', integrity: 'SHA2-384', dhGroup: '20', lifetimeSeconds: 27000 }, phase2: { encryption: 'AES256-GCM-16', integrity: null, pfsGroup: '20', lifetimeSeconds: 3000 } };
    const end = (cloud: 'aws' | 'azure', initiates: boolean) => ({ site: cloud, cloud, endpoint: 'e', proposal, initiates });
    const tunnel = {
      id: 'l:1', link: 'l', index: 0, state: 'active' as const, routing: 'bgp' as const, insideCidr: '169.254.21.0/30', presharedKey: key,
      proposal: { ikeVersion: 'ikev2' as const, phase1: { encryption: 'aes256gcm16' as const, integrity: 'sha384' as const, dhGroup: 20 as const }, phase2: { encryption: 'aes256gcm16' as const, integrity: null, pfsGroup: 20 as const } },
      ends: [end('azure', true), end('aws', false)] as const,
    };

    // WHEN
    const options = AwsVpnConnection.tunnelOptionsFromPlan(tunnel);

    // THEN
    expect(options).toEqual({
      presharedKey: key,
      insideCidr: '169.254.21.0/30',
      ikeVersions: ['ikev2'],
      phase1EncryptionAlgorithms: ['AES256-GCM-16'],
      phase1IntegrityAlgorithms: ['SHA2-384'],
      phase1DhGroupNumbers: [20],
      phase2EncryptionAlgorithms: ['AES256-GCM-16'],
      phase2IntegrityAlgorithms: undefined,
      phase2DhGroupNumbers: [20],
      phase1LifetimeSeconds: 27000,
      phase2LifetimeSeconds: 3000,
      startupAction: AwsStartupAction.ADD,
    });
  });

  test('skips checks of values that are tokens', () => {
    const stack = testStack();
    const num = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    const { gateway, peer } = vgwFixture(stack);
    expect(() => new AwsVpnConnection(stack, 'Conn', {
      gateway, peer, tunnel1, tunnel2: { ...tunnel2, phase1LifetimeSeconds: num('P1'), phase2LifetimeSeconds: num('P2'), dpdTimeoutSeconds: num('Dpd'), replayWindowSizePackets: num('Rw') },
    })).not.toThrow();
  });
});

describe('AwsVpnConnection validation', () => {
  const withTunnel2 = (options: Partial<AwsTunnelOptions>) => () => connect({ tunnel2: { ...tunnel2, ...options } });

  test.each<[string, Partial<AwsTunnelOptions>, RegExp]>([
    ['the inside CIDR is reserved by AWS', { insideCidr: '169.254.1.0/30' }, /tunnel2\.insideCidr: '169\.254\.1\.0\/30' is reserved by AWS/],
    ['the inside CIDR is not a /30', { insideCidr: '169.254.10.0/29' }, /tunnel2\.insideCidr: .+is a \/29/],
    ['the inside CIDR has host bits set', { insideCidr: '169.254.10.1/30' }, /tunnel2\.insideCidr: .+host bits are set/],
    ['the inside CIDR is outside 169.254.0.0/16', { insideCidr: '10.0.0.0/30' }, /tunnel2\.insideCidr: .+outside AWS's range/],
    ['the inside CIDR is not an address', { insideCidr: '169.254.999.0/30' }, /tunnel2\.insideCidr: .+not a valid prefix/],
    ['an IKE version is unknown', { ikeVersions: ['ikev3'] }, /tunnel2\.ikeVersions: 'ikev3' is not an IKE version AWS knows/],
    ['a phase 1 encryption algorithm is unknown', { phase1EncryptionAlgorithms: ['AES192'] }, /tunnel2\.phase1EncryptionAlgorithms: 'AES192' is not a phase1 encryption AWS knows/],
    ['a phase 1 integrity algorithm is unknown', { phase1IntegrityAlgorithms: ['MD5'] }, /tunnel2\.phase1IntegrityAlgorithms: 'MD5' is not a phase1 integrity AWS knows/],
    ['a phase 1 DH group is unknown', { phase1DhGroupNumbers: [5] }, /tunnel2\.phase1DhGroupNumbers: '5' is not a phase1 DH group AWS knows/],
    ['a phase 2 encryption algorithm is unknown', { phase2EncryptionAlgorithms: ['3DES'] }, /tunnel2\.phase2EncryptionAlgorithms: '3DES' is not a phase2 encryption/],
    ['a phase 2 integrity algorithm is in Azure spelling', { phase2IntegrityAlgorithms: ['SHA256'] }, /tunnel2\.phase2IntegrityAlgorithms: 'SHA256' is not a phase2 integrity AWS knows/],
    ['a phase 2 DH group is unknown', { phase2DhGroupNumbers: [1] }, /tunnel2\.phase2DhGroupNumbers: '1' is not a phase2 PFS group AWS knows/],
    ['an algorithm list is empty', { phase1EncryptionAlgorithms: [] }, /tunnel2\.phase1EncryptionAlgorithms: expected at least one value/],
    ['the phase 1 lifetime is out of range', { phase1LifetimeSeconds: 800 }, /tunnel2\.phase1LifetimeSeconds: 800 s is outside AWS's phase1 lifetime range; allowed: 900-28800 s/],
    ['the phase 2 lifetime is out of range', { phase2LifetimeSeconds: 4000 }, /tunnel2\.phase2LifetimeSeconds: 4000 s is outside AWS's phase2 lifetime range; allowed: 900-3600 s/],
    ['the phase 2 lifetime is not below phase 1', { phase1LifetimeSeconds: 1800, phase2LifetimeSeconds: 1800 }, /tunnel2\.phase2LifetimeSeconds: 1800 s must be below the phase 1 lifetime/],
    ['the rekey margin is below 60 s', { rekeyMarginTimeSeconds: 59 }, /tunnel2\.rekeyMarginTimeSeconds: rekey margin 59 s is out of range; allowed: 60-1800 s/],
    ['the rekey margin is above half the phase 2 lifetime', { phase2LifetimeSeconds: 900, rekeyMarginTimeSeconds: 451 }, /tunnel2\.rekeyMarginTimeSeconds: .+allowed: 60-450 s/],
    ['the rekey fuzz is above 100 %', { rekeyFuzzPercentage: 101 }, /tunnel2\.rekeyFuzzPercentage: rekey fuzz 101% is out of range; allowed: 0-100%/],
    ['the replay window is below 64 packets', { replayWindowSizePackets: 32 }, /tunnel2\.replayWindowSizePackets: replay window 32 packets is out of range; allowed: 64-2048/],
    ['the replay window is above 2048 packets', { replayWindowSizePackets: 4096 }, /tunnel2\.replayWindowSizePackets: .+allowed: 64-2048/],
    ['the DPD timeout is below 30 s', { dpdTimeoutSeconds: 20 }, /tunnel2\.dpdTimeoutSeconds: 20 s is below AWS's minimum; allowed: an integer of at least 30 s/],
    ['the DPD timeout action is unknown', { dpdTimeoutAction: 'reboot' as AwsDpdTimeoutAction }, /tunnel2\.dpdTimeoutAction: 'reboot' is not a DPD timeout action AWS knows; allowed: clear, none, restart/],
    ['the startup action is unknown', { startupAction: 'now' as AwsStartupAction }, /tunnel2\.startupAction: 'now' is not a startup action AWS knows; allowed: add, start/],
    ['the startup action is start with IKEv1 allowed', { ikeVersions: ['ikev1', 'ikev2'], startupAction: AwsStartupAction.START }, /tunnel2\.startupAction: 'start' \(AWS initiates\) needs IKEv2 only/],
  ])('fails when %s', (_, options, message) => {
    expect(withTunnel2(options)).toThrow(message);
  });

  test.each([
    ['has a character AWS does not take', 'has-a-dash-0123456789', /AWS takes only letters, digits, "\." and "_"/],
    ['starts with 0', '0123456789abcdef', /must not start with "0"/],
    ['is shorter than 8 characters', 'Short12', /AWS takes 8-64 characters, got 7/],
  ])('fails when the pre-shared key %s, without echoing the key', (_, key, message) => {
    for (const presharedKey of [SecretValue.unsafePlainText(key), new PresharedKey(key, 'pinned')]) {
      let error: Error | undefined;
      try {
        withTunnel2({ presharedKey })();
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(/tunnel2\.presharedKey: the key is rejected/);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(key);
    }
  });

  test('fails when both tunnels have the same inside CIDR', () => {
    expect(withTunnel2({ insideCidr: '169.254.10.0/30' })).toThrow(/tunnel2\.insideCidr: '169\.254\.10\.0\/30' is also tunnel 1's inside CIDR/);
  });

  test('fails when another connection of the same virtual private gateway uses the inside CIDR', () => {
    const { stack, gateway, peer } = connect();
    expect(() => new AwsVpnConnection(stack, 'Second', { gateway, peer, tunnel1: { ...tunnel1, insideCidr: '169.254.11.0/30' }, tunnel2 }))
      .toThrow(/tunnel2\.insideCidr: '169\.254\.10\.4\/30' is already used by Test\/Conn on the same virtual private gateway/);
  });

  test('allows the same inside CIDRs on connections of a transit gateway', () => {
    const { stack, peer } = vgwFixture();
    const tgw: IAwsVpnGateway = { transitGatewayId: 'tgw-0123456789abcdef0', asn: 64700 };
    new AwsVpnConnection(stack, 'A', { gateway: tgw, peer, tunnel1, tunnel2 });
    expect(() => new AwsVpnConnection(stack, 'B', { gateway: tgw, peer, tunnel1, tunnel2 })).not.toThrow();
  });

  test('fails when the AWS side and the peer use the same ASN with BGP', () => {
    const { stack, peer } = vgwFixture();
    expect(() => new AwsVpnConnection(stack, 'Conn', { gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 65010 }, peer, tunnel1, tunnel2 }))
      .toThrow(/peer\.peerAsn: 65010 is also the AWS side's ASN; the two ends of a BGP connection need different ASNs/);
  });

  test('fails when the AWS side ASN is not private', () => {
    const { stack, peer } = vgwFixture();
    expect(() => new AwsVpnConnection(stack, 'Conn', { gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 65000 + 535 }, peer, tunnel1, tunnel2 }))
      .toThrow(/gateway\.asn: 65535 is not allowed for an AWS gateway; allowed: 64512-65534 or 4200000000-4294967294/);
  });

  test.each([
    ['neither', { asn: 64512 }],
    ['both', { vpnGatewayId: 'vgw-0123456789abcdef0', transitGatewayId: 'tgw-0123456789abcdef0', asn: 64512 }],
  ])('fails when the gateway has %s of vpnGatewayId and transitGatewayId', (which, gateway) => {
    const { stack, peer } = vgwFixture();
    expect(() => new AwsVpnConnection(stack, 'Conn', { gateway, peer, tunnel1, tunnel2 })).toThrow(new RegExp(`gateway: expected exactly one of vpnGatewayId and transitGatewayId, got ${which}`));
  });

  test('fails when static routes are given with staticRoutesOnly false', () => {
    expect(() => connect({ staticRoutesOnly: false, staticRoutes: ['10.1.0.0/16'] })).toThrow(/staticRoutes: 1 static route\(s\) given but staticRoutesOnly is false/);
  });

  test('fails when a static route is not a prefix', () => {
    expect(() => connect({ staticRoutes: ['10.1.0.0/16', '10.1.0.1/16'] })).toThrow(/staticRoutes\[1\]: '10\.1\.0\.1\/16' is not a valid IPv4 prefix \(host bits are set/);
  });

  test('fails when a policy network CIDR is not a prefix', () => {
    expect(() => connect({ awsNetworkCidr: '10.10.0.0/33' })).toThrow(/awsNetworkCidr: '10\.10\.0\.0\/33' is not a valid IPv4 prefix/);
  });

  test('fails once, listing every problem, with the construct path in front', () => {
    expect(() => connect({ tunnel1: { ...tunnel1, phase1LifetimeSeconds: 100 }, tunnel2: { ...tunnel2, rekeyFuzzPercentage: -1 } }))
      .toThrow(/^\[Test\/Conn\] 2 problems:\n {2}- tunnel1\.phase1LifetimeSeconds: .+\n {2}- tunnel2\.rekeyFuzzPercentage: /);
  });
});
