/**
 * The inline Lambda handler of `Custom::VpnTunnelOptions`, run as the exact source string the
 * template carries, in a sandbox whose `require` hands it a fake AWS (EC2 with a connection whose
 * tunnels take time to modify, Lambda, Secrets Manager, SSM) and a fake HTTPS PUT, on a virtual
 * clock: every sleep advances it, and the invocation's remaining time with it.
 */
import * as vm from 'node:vm';
import { TUNNEL_OPTIONS_HANDLER } from '../../src/aws/tunnel-options-handler';

const KEY_1 = 'handlerTestKeyOneNotASecretAtAll0000000';
const KEY_2 = 'handlerTestKeyTwoNotASecretAtAll0000000';
const OLD_KEY = 'handlerTestKeyOldNotASecretAtAll0000000';

type Options = Record<string, unknown>;
interface Tunnel extends Options { OutsideIpAddress: string; TunnelInsideCidr: string }

/** DescribeVpnConnections spells three option names differently from ModifyVpnTunnelOptions. */
const DESCRIBED: Record<string, string> = { IKEVersions: 'IkeVersions', DPDTimeoutSeconds: 'DpdTimeoutSeconds', DPDTimeoutAction: 'DpdTimeoutAction' };

/** A connection on a fake EC2: a modification keeps it `modifying` for `modifyMs` of virtual time. */
class FakeAws {
  public clock = 1_000_000;
  public state = 'available';
  public readonly log: string[] = [];
  public readonly modifyCalls: { VpnConnectionId: string; VpnTunnelOutsideIpAddress: string; TunnelOptions: Options }[] = [];
  public readonly invocations: string[] = [];
  public readonly secretCalls: unknown[] = [];
  public readonly parameterCalls: unknown[] = [];
  /** Errors the next ModifyVpnTunnelOptions / DescribeVpnConnections calls throw, in order. */
  public modifyErrors: Error[] = [];
  public describeErrors: Error[] = [];
  private done = 0;
  private pending?: { ip: string; options: Options };

  constructor(public tunnels: Tunnel[], public modifyMs = 120_000) {}

  public describe() {
    const e = this.describeErrors.shift();
    if (e) throw e;
    if (this.state === 'modifying' && this.clock >= this.done) {
      const t = this.tunnels.find((x) => x.OutsideIpAddress === this.pending!.ip)!;
      for (const [k, v] of Object.entries(this.pending!.options)) t[DESCRIBED[k] ?? k] = v;
      this.state = 'available';
      this.log.push(`available ${this.pending!.ip}`);
    }
    return { VpnConnections: [{ VpnConnectionId: 'vpn-0123', State: this.state, Options: { TunnelOptions: this.tunnels.map((t) => ({ ...t })) } }] };
  }

  public modify(input: FakeAws['modifyCalls'][number]) {
    this.modifyCalls.push(input);
    const e = this.modifyErrors.shift();
    if (e) throw e;
    // "you can only modify one tunnel at a time": EC2 refuses while the connection is modifying.
    if (this.state !== 'available') throw named('IncorrectState', `The vpn connection ${input.VpnConnectionId} is in an incorrect state`);
    this.state = 'modifying';
    this.done = this.clock + this.modifyMs;
    this.pending = { ip: input.VpnTunnelOutsideIpAddress, options: input.TunnelOptions };
    this.log.push(`modify ${input.VpnTunnelOutsideIpAddress}`);
  }
}

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

interface Run {
  /** The body PUT to the response URL, if the invocation answered. */
  readonly sent?: { Status: string; Reason: string; PhysicalResourceId: string; Data: Record<string, unknown>; RequestId: string };
  /** The payload of the asynchronous self-invocation, if it handed over. */
  readonly continued?: Record<string, unknown>;
  readonly logs: string;
}

/** Runs one invocation with `remainingMs` (Lambda's 15 minutes by default). */
async function run(event: Record<string, unknown>, aws: FakeAws, remainingMs = 900_000): Promise<Run> {
  const logs: string[] = [];
  let body: string | undefined;
  let continued: string | undefined;
  type Input = FakeAws['modifyCalls'][number];
  const command = (kind: string) => class { public readonly kind = kind; constructor(public readonly input: Input) {} };
  const ec2 = {
    DescribeVpnConnectionsCommand: command('describe'),
    ModifyVpnTunnelOptionsCommand: command('modify'),
    EC2Client: class { async send(c: { kind: string; input: Input }) { return c.kind === 'describe' ? aws.describe() : aws.modify(c.input); } },
  };
  const lambda = {
    InvokeCommand: command('invoke'),
    LambdaClient: class {
      async send(c: { input: { FunctionName: string; InvocationType: string; Payload: string } }) {
        expect(c.input).toMatchObject({ FunctionName: 'arn:aws:lambda:ap-northeast-1:111111111111:function:handler', InvocationType: 'Event' });
        continued = c.input.Payload;
        aws.invocations.push(c.input.Payload);
      }
    },
  };
  const secrets = {
    GetSecretValueCommand: command('secret'),
    SecretsManagerClient: class { async send(c: { input: unknown }) { aws.secretCalls.push(c.input); return { SecretString: JSON.stringify({ k2: KEY_2 }) }; } },
  };
  const ssm = {
    GetParameterCommand: command('parameter'),
    SSMClient: class { async send(c: { input: unknown }) { aws.parameterCalls.push(c.input); return { Parameter: { Value: KEY_1 } }; } },
  };
  const https = {
    request(_options: unknown, onResponse: (res: { on: (e: string, f: () => void) => void }) => void) {
      const handlers: Record<string, () => void> = {};
      return {
        on: () => undefined,
        end(data: string) {
          body = data;
          onResponse({ on: (e, f) => { handlers[e] = f; } });
          setImmediate(() => handlers.end?.());
        },
      };
    },
  };
  const modules: Record<string, unknown> = {
    'https': https, '@aws-sdk/client-ec2': ec2, '@aws-sdk/client-lambda': lambda,
    '@aws-sdk/client-secrets-manager': secrets, '@aws-sdk/client-ssm': ssm,
  };
  const module = { exports: {} as { handler?: (e: unknown, c: unknown) => Promise<unknown> } };
  const sandbox = {
    module, exports: module.exports, Buffer, URL, Promise, JSON,
    Date: { now: () => aws.clock },
    require: (name: string) => { if (!(name in modules)) throw new Error(`unexpected require('${name}')`); return modules[name]; },
    console: { log: (...a: unknown[]) => logs.push(a.join(' ')) },
    // Sleeping advances the virtual clock instead of waiting.
    setTimeout: (f: () => void, ms: number) => { aws.clock += ms; remainingMs -= ms; setImmediate(f); },
  };
  vm.runInNewContext(TUNNEL_OPTIONS_HANDLER, sandbox, { filename: 'index.js' });
  await module.exports.handler!(event, {
    getRemainingTimeInMillis: () => remainingMs,
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:111111111111:function:handler',
  });
  return { sent: body === undefined ? undefined : JSON.parse(body), continued: continued === undefined ? undefined : JSON.parse(continued), logs: logs.join('\n') };
}

/** Runs the invocation and every asynchronous continuation it starts, until one answers. */
async function runToEnd(event: Record<string, unknown>, aws: FakeAws): Promise<Run & { invocations: number; allLogs: string }> {
  let r = await run(event, aws);
  let invocations = 1;
  let allLogs = r.logs;
  while (!r.sent && r.continued && invocations < 10) {
    r = await run(r.continued, aws);
    invocations++;
    allLogs += `\n${r.logs}`;
  }
  return { ...r, invocations, allLogs };
}

/** The options a tunnel has, in DescribeVpnConnections' spelling (what AWS reports). */
const described = (ip: string, cidr: string, key: string, over: Options = {}): Tunnel => ({
  OutsideIpAddress: ip, TunnelInsideCidr: cidr, PreSharedKey: key,
  IkeVersions: [{ Value: 'ikev2' }], Phase1EncryptionAlgorithms: [{ Value: 'AES256' }], Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase1DHGroupNumbers: [{ Value: 14 }], Phase2EncryptionAlgorithms: [{ Value: 'AES256' }], Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase2DHGroupNumbers: [{ Value: 14 }], Phase1LifetimeSeconds: 28800, Phase2LifetimeSeconds: 3600, RekeyMarginTimeSeconds: 540,
  RekeyFuzzPercentage: 100, ReplayWindowSize: 1024, DpdTimeoutSeconds: 30, DpdTimeoutAction: 'restart', StartupAction: 'start', ...over,
});

/** What AWS creates without options: its own defaults and a key it generates. */
const awsDefaults = (ip: string, cidr: string): Tunnel => ({
  OutsideIpAddress: ip, TunnelInsideCidr: cidr, PreSharedKey: 'awsGeneratedKeyNotASecret000000',
  IkeVersions: [{ Value: 'ikev1' }, { Value: 'ikev2' }], Phase1DHGroupNumbers: [{ Value: 2 }, { Value: 14 }],
  Phase1LifetimeSeconds: 28800, Phase2LifetimeSeconds: 3600, DpdTimeoutSeconds: 30, DpdTimeoutAction: 'clear', StartupAction: 'add',
});

/** A `Tunnels` entry as CloudFormation hands it over: every value a string. */
const wanted = (cidr: string, key: Options, over: Options = {}): Options => ({
  TunnelInsideCidr: cidr, ...key,
  IKEVersions: [{ Value: 'ikev2' }], Phase1EncryptionAlgorithms: [{ Value: 'AES256' }], Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase1DHGroupNumbers: [{ Value: '14' }], Phase2EncryptionAlgorithms: [{ Value: 'AES256' }], Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
  Phase2DHGroupNumbers: [{ Value: '14' }], Phase1LifetimeSeconds: '28800', Phase2LifetimeSeconds: '3600', RekeyMarginTimeSeconds: '540',
  RekeyFuzzPercentage: '100', ReplayWindowSize: '1024', DPDTimeoutSeconds: '30', DPDTimeoutAction: 'restart', StartupAction: 'start', ...over,
});

const C1 = '169.254.21.0/30';
const C2 = '169.254.22.0/30';
const IP1 = '203.0.113.1';
const IP2 = '203.0.113.2';

const event = (requestType: string, tunnels: Options[] = [wanted(C1, { PreSharedKey: KEY_1 }), wanted(C2, { PreSharedKey: KEY_2 })]) => ({
  RequestType: requestType,
  ResponseURL: 'https://cloudformation-custom-resource-response.example/bucket/key?X-Amz-Signature=abc',
  StackId: 'arn:aws:cloudformation:ap-northeast-1:111111111111:stack/s/1',
  RequestId: 'req-1',
  LogicalResourceId: 'ConnTunnelOptions',
  ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'vpn-0123/tunnel-options' }),
  ResourceProperties: { ServiceToken: 'arn:aws:lambda:ap-northeast-1:111111111111:function:handler', VpnConnectionId: 'vpn-0123', Tunnels: tunnels },
});

describe('tunnel options handler (the inlined source)', () => {
  test('fits CloudFormation inline code with room to spare: under 12,000 characters', () => {
    expect(TUNNEL_OPTIONS_HANDLER.length).toBeLessThan(12_000);
  });

  test('Create on a new connection: modifies tunnel 1, waits until available, then tunnel 2, and answers SUCCESS', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)]);
    const r = await run(event('Create'), aws);
    // One tunnel at a time: tunnel 2 is modified only after tunnel 1's modification completed.
    expect(aws.log).toEqual([`modify ${IP1}`, `available ${IP1}`, `modify ${IP2}`, `available ${IP2}`]);
    expect(aws.modifyCalls.map((c) => [c.VpnConnectionId, c.VpnTunnelOutsideIpAddress])).toEqual([['vpn-0123', IP1], ['vpn-0123', IP2]]);
    expect(r.sent).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vpn-0123/tunnel-options', Data: {}, RequestId: 'req-1' });
    // The connection now has exactly the wanted options.
    expect(aws.tunnels).toEqual([described(IP1, C1, KEY_1), described(IP2, C2, KEY_2)]);
  });

  test('sends ModifyVpnTunnelOptions every option with numbers as numbers (CloudFormation hands strings over), no inside CIDR, no SkipTunnelReplacement', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), described(IP2, C2, KEY_2)]);
    await run(event('Create'), aws);
    expect(aws.modifyCalls).toHaveLength(1);
    expect(aws.modifyCalls[0]).toEqual({
      VpnConnectionId: 'vpn-0123', VpnTunnelOutsideIpAddress: IP1,
      TunnelOptions: {
        PreSharedKey: KEY_1, IKEVersions: [{ Value: 'ikev2' }], Phase1EncryptionAlgorithms: [{ Value: 'AES256' }], Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
        Phase1DHGroupNumbers: [{ Value: 14 }], Phase2EncryptionAlgorithms: [{ Value: 'AES256' }], Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
        Phase2DHGroupNumbers: [{ Value: 14 }], Phase1LifetimeSeconds: 28800, Phase2LifetimeSeconds: 3600, RekeyMarginTimeSeconds: 540,
        RekeyFuzzPercentage: 100, ReplayWindowSize: 1024, DPDTimeoutSeconds: 30, DPDTimeoutAction: 'restart', StartupAction: 'start',
      },
    });
  });

  test.each([
    ['a key rotated on tunnel 2', described(IP2, C2, OLD_KEY), IP2],
    ['a lifetime changed on tunnel 2', described(IP2, C2, KEY_2, { Phase2LifetimeSeconds: 1800 }), IP2],
    ['a DH group list changed on tunnel 2', described(IP2, C2, KEY_2, { Phase2DHGroupNumbers: [{ Value: 14 }, { Value: 19 }] }), IP2],
  ])('Update with %s modifies that tunnel only', async (_, current, ip) => {
    const aws = new FakeAws([described(IP1, C1, KEY_1), current]);
    const r = await run(event('Update'), aws);
    expect(aws.modifyCalls.map((c) => c.VpnTunnelOutsideIpAddress)).toEqual([ip]);
    expect(r.sent?.Status).toBe('SUCCESS');
  });

  test('a connection that already has every option (an import, a retried request) is not modified at all', async () => {
    const aws = new FakeAws([described(IP2, C2, KEY_2), described(IP1, C1, KEY_1, { Phase1DHGroupNumbers: [{ Value: 14 }] })]);
    const r = await run(event('Create'), aws);
    expect(aws.modifyCalls).toEqual([]);
    expect(r.sent).toMatchObject({ Status: 'SUCCESS', Reason: 'applied' });
  });

  test('matches each tunnel by inside CIDR whatever order the API lists them in', async () => {
    const aws = new FakeAws([described(IP2, C2, OLD_KEY), described(IP1, C1, KEY_1)]);
    await run(event('Update'), aws);
    expect(aws.modifyCalls.map((c) => [c.VpnTunnelOutsideIpAddress, c.TunnelOptions.PreSharedKey === KEY_2])).toEqual([[IP2, true]]);
  });

  test('rollback (the old properties as an Update) re-applies the old options tunnel by tunnel', async () => {
    const aws = new FakeAws([described(IP1, C1, KEY_1), described(IP2, C2, KEY_2)]);
    const r = await run(event('Update', [wanted(C1, { PreSharedKey: OLD_KEY }), wanted(C2, { PreSharedKey: OLD_KEY })]), aws);
    expect(aws.log).toEqual([`modify ${IP1}`, `available ${IP1}`, `modify ${IP2}`, `available ${IP2}`]);
    expect(aws.tunnels.map((t) => t.PreSharedKey === OLD_KEY)).toEqual([true, true]);
    expect(r.sent?.Status).toBe('SUCCESS');
  });

  test('waits while the connection is still pending or busy (IncorrectState), without giving up', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), described(IP2, C2, KEY_2)]);
    aws.state = 'pending';
    const first = aws.describe.bind(aws);
    let polls = 0;
    aws.describe = () => { if (++polls === 3) aws.state = 'available'; return first(); };
    aws.modifyErrors = [named('IncorrectState', 'The vpn connection vpn-0123 is in an incorrect state')];
    const r = await run(event('Create'), aws);
    expect(aws.modifyCalls).toHaveLength(2); // refused once, accepted once
    expect(r.sent?.Status).toBe('SUCCESS');
  });

  test('retries throttled calls with backoff', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), described(IP2, C2, KEY_2)]);
    aws.describeErrors = [named('RequestLimitExceeded', 'Request limit exceeded.'), named('RequestLimitExceeded', 'Request limit exceeded.')];
    aws.modifyErrors = [named('Throttling', 'Rate exceeded')];
    const start = aws.clock;
    const r = await run(event('Create'), aws);
    expect(r.sent?.Status).toBe('SUCCESS');
    expect(aws.clock - start).toBeGreaterThanOrEqual(1000 + 2000 + 1000 + 120_000); // backoff 1 s, 2 s; 1 s; the modification
  });

  test('continues in a new invocation when the 15 minutes of one run out, and answers once, at the end', async () => {
    // Two modifications of 10 minutes each cannot finish in one 15-minute invocation.
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)], 600_000);
    const first = await run(event('Create'), aws);
    expect(first.sent).toBeUndefined(); // nothing answered yet
    expect(first.continued).toMatchObject({ RequestType: 'Create', RequestId: 'req-1', LogicalResourceId: 'ConnTunnelOptions' });
    expect(first.continued!.CrossCloudVpn).toMatchObject({ started: 1_000_000, modified: { ip: IP2 } });
    const rest = await runToEnd(first.continued!, aws);
    expect(rest.sent).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vpn-0123/tunnel-options' });
    // Each tunnel modified once, one at a time, across the invocations.
    expect(aws.log).toEqual([`modify ${IP1}`, `available ${IP1}`, `modify ${IP2}`, `available ${IP2}`]);
    expect(first.logs).toContain('continues in a new invocation');
    expect(rest.allLogs).toContain('(continued)');
  });

  test('gives up with FAILED after 55 minutes in all, across invocations', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)], 24 * 3600_000); // never completes
    const r = await runToEnd(event('Update'), aws);
    expect(r.invocations).toBeGreaterThanOrEqual(4);
    expect(r.sent).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'vpn-0123/tunnel-options' });
    expect(r.sent!.Reason).toBe('Error: vpn-0123: the tunnel options were not applied within 55 minutes');
    expect(aws.modifyCalls.map((c) => c.VpnTunnelOutsideIpAddress)).toEqual([IP1]); // tunnel 2 never touched while tunnel 1 is modifying
  });

  test('never logs or answers a key, even when an API error message repeats one', async () => {
    const aws = new FakeAws([described(IP1, C1, OLD_KEY), described(IP2, C2, OLD_KEY)]);
    aws.modifyErrors = [named('InvalidParameterValue', `The pre-shared key ${KEY_1} is not valid`)];
    const r = await run(event('Update'), aws);
    expect(r.sent?.Status).toBe('FAILED');
    expect(r.sent?.Reason).toBe('InvalidParameterValue: The pre-shared key (key) is not valid');
    for (const key of [KEY_1, KEY_2, OLD_KEY]) {
      expect(r.logs).not.toContain(key);
      expect(JSON.stringify(r.sent)).not.toContain(key);
    }
    expect(r.logs).toContain(`modifying tunnel ${IP1}: PreSharedKey`); // option names, never values
  });

  test('reads a key given as a Secrets Manager or SSM reference, uses it, and never logs it', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)]);
    const r = await run(event('Create', [
      wanted(C1, { PreSharedKeyReference: 'ssm-secure:/vpn/key1:3' }),
      wanted(C2, { PreSharedKeyReference: 'secretsmanager:arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:vpn-AbCdEf:SecretString:k2:AWSCURRENT:' }),
    ]), aws);
    expect(aws.parameterCalls).toEqual([{ Name: '/vpn/key1:3', WithDecryption: true }]);
    expect(aws.secretCalls).toEqual([{ SecretId: 'arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:vpn-AbCdEf', VersionStage: 'AWSCURRENT', VersionId: undefined }]);
    expect(aws.modifyCalls.map((c) => c.TunnelOptions.PreSharedKey)).toEqual([KEY_1, KEY_2]);
    expect(r.sent?.Status).toBe('SUCCESS');
    for (const key of [KEY_1, KEY_2]) expect(r.logs + JSON.stringify(r.sent)).not.toContain(key);
  });

  test('fails with FAILED, naming the field, when a referenced secret lacks the JSON field', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)]);
    const r = await run(event('Create', [wanted(C1, { PreSharedKeyReference: 'secretsmanager:vpn:SecretString:missing::' }), wanted(C2, { PreSharedKey: KEY_2 })]), aws);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'Error: the secret has no string field missing' });
    expect(aws.modifyCalls).toEqual([]);
  });

  test.each([
    ['no tunnel has the inside CIDR', [awsDefaults(IP1, C1), awsDefaults(IP2, '169.254.23.0/30')], 'available', 'Error: vpn-0123 has no tunnel with an outside IP for inside CIDR 169.254.22.0/30'],
    ['the connection is deleted', [awsDefaults(IP1, C1), awsDefaults(IP2, C2)], 'deleted', 'Error: vpn-0123 is deleted'],
  ])('answers FAILED when %s, without modifying anything', async (_, tunnels, state, reason) => {
    const aws = new FakeAws(tunnels);
    aws.state = state;
    const r = await run(event('Create'), aws);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: reason, PhysicalResourceId: 'vpn-0123/tunnel-options' });
    expect(aws.modifyCalls).toEqual([]);
  });

  test('rejects malformed properties with FAILED, without calling the API', async () => {
    const aws = new FakeAws([awsDefaults(IP1, C1), awsDefaults(IP2, C2)]);
    aws.describeErrors = [new Error('must not be called')];
    const r = await run(event('Create', [{ PreSharedKey: KEY_1 }]), aws);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'Error: expected VpnConnectionId and one or two Tunnels, each with a TunnelInsideCidr' });
    expect(r.logs).not.toContain(KEY_1);
  });

  test('Delete changes nothing, calls nothing, and answers SUCCESS with the same physical id', async () => {
    const aws = new FakeAws([described(IP1, C1, KEY_1), described(IP2, C2, KEY_2)]);
    aws.describeErrors = [new Error('must not be called')];
    const r = await run(event('Delete'), aws);
    expect(aws.modifyCalls).toEqual([]);
    expect(r.sent).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vpn-0123/tunnel-options' });
  });
});
