/**
 * The inline Lambda handler of `Custom::VpnTunnelOutsideIps`, run as the exact source string the
 * template carries, in a sandbox whose `require` hands it a fake EC2 client and a fake HTTPS PUT.
 */
import * as vm from 'node:vm';
import { TUNNEL_OUTSIDE_IPS_HANDLER } from '../../src/aws/tunnel-outside-ips-handler';

type Tunnel = { TunnelInsideCidr?: string; OutsideIpAddress?: string; PreSharedKey?: string };
type Response = { VpnConnections?: { VpnConnectionId: string; Options?: { TunnelOptions?: Tunnel[] } }[] };
type Attachment = { TransitGatewayAttachmentId?: string; State?: string; Association?: { TransitGatewayRouteTableId?: string; State?: string } };
type AttachmentsResponse = { TransitGatewayAttachments?: Attachment[] };

const KEY_1 = 'handlerTestKeyOneNotASecretAtAll0000000';
const KEY_2 = 'handlerTestKeyTwoNotASecretAtAll0000000';

interface Run {
  /** The body PUT to the response URL (parsed), and where it went. */
  readonly sent: { Status: string; Reason: string; PhysicalResourceId: string; Data: Record<string, string>; StackId: string; RequestId: string; LogicalResourceId: string };
  readonly put: { hostname: string; path: string; method: string; headers: Record<string, string | number> };
  readonly calls: unknown[];
  /** Inputs of the DescribeTransitGatewayAttachments calls. */
  readonly attachmentCalls: unknown[];
  readonly logs: string;
  readonly sleeps: number;
}

/**
 * Runs the handler once; `responses` are what successive DescribeVpnConnections calls return (or
 * throw), `attachments` what successive DescribeTransitGatewayAttachments calls return.
 */
async function run(event: Record<string, unknown>, responses: (Response | Error)[], remainingMs = 100_000, attachments: (AttachmentsResponse | Error)[] = [new Error('DescribeTransitGatewayAttachments must not be called')]): Promise<Run> {
  const calls: unknown[] = [];
  const attachmentCalls: unknown[] = [];
  const logs: string[] = [];
  let sleeps = 0;
  let put: Run['put'] | undefined;
  let body = '';
  class DescribeVpnConnectionsCommand { constructor(public readonly input: unknown) {} }
  class DescribeTransitGatewayAttachmentsCommand { constructor(public readonly input: unknown) {} }
  class EC2Client {
    async send(command: DescribeVpnConnectionsCommand | DescribeTransitGatewayAttachmentsCommand) {
      const [log, list] = command instanceof DescribeTransitGatewayAttachmentsCommand ? [attachmentCalls, attachments] : [calls, responses];
      log.push(command.input);
      const r = list[Math.min(log.length - 1, list.length - 1)];
      if (r instanceof Error) throw r;
      return r;
    }
  }
  const https = {
    request(options: Run['put'], onResponse: (res: { on: (e: string, f: () => void) => void }) => void) {
      put = options;
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
  const modules: Record<string, unknown> = { 'https': https, '@aws-sdk/client-ec2': { EC2Client, DescribeVpnConnectionsCommand, DescribeTransitGatewayAttachmentsCommand } };
  const module = { exports: {} as { handler?: (e: unknown, c: unknown) => Promise<unknown> } };
  const sandbox = {
    module, exports: module.exports, Buffer, URL, Promise,
    require: (name: string) => { if (!(name in modules)) throw new Error(`unexpected require('${name}')`); return modules[name]; },
    console: { log: (...a: unknown[]) => logs.push(a.join(' ')) },
    // Sleeping is counted, not waited for; every sleep spends 5 s of the remaining time.
    setTimeout: (f: () => void, ms: number) => { sleeps++; remainingMs -= ms; setImmediate(f); },
  };
  vm.runInNewContext(TUNNEL_OUTSIDE_IPS_HANDLER, sandbox, { filename: 'index.js' });
  await module.exports.handler!(event, { getRemainingTimeInMillis: () => remainingMs });
  return { sent: JSON.parse(body), put: put!, calls, attachmentCalls, logs: logs.join('\n'), sleeps };
}

const event = (requestType: string, props: Record<string, unknown> = { VpnConnectionId: 'vpn-0123', TunnelInsideCidrs: ['169.254.21.0/30', '169.254.22.0/30'] }) => ({
  RequestType: requestType,
  ResponseURL: 'https://cloudformation-custom-resource-response.example/bucket/key?X-Amz-Signature=abc',
  StackId: 'arn:aws:cloudformation:ap-northeast-1:111111111111:stack/s/1',
  RequestId: 'req-1',
  LogicalResourceId: 'ConnTunnelOutsideIps',
  PhysicalResourceId: requestType === 'Create' ? undefined : 'vpn-0123',
  ResourceProperties: props,
});

const tunnels = (...t: Tunnel[]): Response => ({ VpnConnections: [{ VpnConnectionId: 'vpn-0123', Options: { TunnelOptions: t } }] });
const t1: Tunnel = { TunnelInsideCidr: '169.254.21.0/30', OutsideIpAddress: '203.0.113.1', PreSharedKey: KEY_1 };
const t2: Tunnel = { TunnelInsideCidr: '169.254.22.0/30', OutsideIpAddress: '203.0.113.2', PreSharedKey: KEY_2 };

describe('tunnel outside IPs handler (the inlined source)', () => {
  test('fits CloudFormation inline code (ZipFile) comfortably: under 4096 characters', () => {
    expect(TUNNEL_OUTSIDE_IPS_HANDLER.length).toBeLessThan(4096);
  });

  test.each([
    ['in tunnel order', [t1, t2]],
    ['in reverse order', [t2, t1]],
  ])('Create: matches each tunnel by inside CIDR when the API lists them %s, and PUTs SUCCESS', async (_, listed) => {
    const r = await run(event('Create'), [tunnels(...listed)]);
    expect(r.calls).toEqual([{ VpnConnectionIds: ['vpn-0123'] }]);
    expect(r.sent).toEqual({
      Status: 'SUCCESS', Reason: 'found', PhysicalResourceId: 'vpn-0123',
      StackId: 'arn:aws:cloudformation:ap-northeast-1:111111111111:stack/s/1', RequestId: 'req-1', LogicalResourceId: 'ConnTunnelOutsideIps',
      Data: { Tunnel1OutsideIp: '203.0.113.1', Tunnel2OutsideIp: '203.0.113.2' },
    });
    expect(r.put).toMatchObject({ method: 'PUT', hostname: 'cloudformation-custom-resource-response.example', path: '/bucket/key?X-Amz-Signature=abc' });
    expect(r.put.headers).toEqual({ 'content-type': '', 'content-length': Buffer.byteLength(JSON.stringify(r.sent)) });
  });

  test('never logs or returns the pre-shared keys the API response carries', async () => {
    const r = await run(event('Update'), [tunnels(t2, t1)]);
    for (const key of [KEY_1, KEY_2]) {
      expect(r.logs).not.toContain(key);
      expect(JSON.stringify(r.sent)).not.toContain(key);
    }
    expect(r.logs).toContain('203.0.113.1 203.0.113.2');
  });

  test('retries while an outside IP is not assigned yet, then succeeds', async () => {
    const pending = tunnels({ ...t1, OutsideIpAddress: undefined }, t2);
    const r = await run(event('Create'), [pending, pending, tunnels(t1, t2)]);
    expect(r.calls).toHaveLength(3);
    expect(r.sleeps).toBe(2);
    expect(r.sent.Status).toBe('SUCCESS');
  });

  test('gives up with FAILED, naming the missing inside CIDR, before the function times out', async () => {
    const r = await run(event('Create'), [tunnels(t1, { ...t2, TunnelInsideCidr: '169.254.23.0/30' })], 40_000);
    expect(r.sleeps).toBe(4); // 40 s remaining, 5 s per sleep, stops once 20 s or less remain
    expect(r.sent).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'vpn-0123', Data: {} });
    expect(r.sent.Reason).toBe('Error: vpn-0123 has no tunnel with an outside IP for inside CIDR 169.254.22.0/30');
  });

  test('reports an API error as FAILED with its name and message', async () => {
    const error = Object.assign(new Error("The vpnConnection ID 'vpn-0123' does not exist"), { name: 'InvalidVpnConnectionID.NotFound' });
    const r = await run(event('Create'), [error]);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: "InvalidVpnConnectionID.NotFound: The vpnConnection ID 'vpn-0123' does not exist" });
  });

  test('rejects malformed properties with FAILED, without calling the API', async () => {
    const r = await run(event('Create', { VpnConnectionId: 'vpn-0123', TunnelInsideCidrs: ['169.254.21.0/30'] }), [tunnels(t1, t2)]);
    expect(r.calls).toEqual([]);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'Error: expected VpnConnectionId and two TunnelInsideCidrs' });
  });

  test('Delete deletes nothing, calls nothing, and answers SUCCESS with the same physical id', async () => {
    const r = await run(event('Delete'), [new Error('must not be called')]);
    expect(r.calls).toEqual([]);
    expect(r.sent).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vpn-0123' });
  });
});

describe('tunnel outside IPs handler on a transit gateway (the inlined source)', () => {
  const tgwEvent = (extra: Record<string, unknown>) => event('Create', { VpnConnectionId: 'vpn-0123', TunnelInsideCidrs: ['169.254.21.0/30', '169.254.22.0/30'], ...extra });
  const attached = (a: Attachment): AttachmentsResponse => ({ TransitGatewayAttachments: [a] });
  const available: Attachment = { TransitGatewayAttachmentId: 'tgw-attach-0123', State: 'available', Association: { TransitGatewayRouteTableId: 'tgw-rtb-0123', State: 'associated' } };

  // CloudFormation hands custom resource properties over as strings; a template's `true` arrives as 'true'.
  test.each([['the string', 'true'], ['a boolean', true]])('returns the attachment id found by resource id and type vpn (flag as %s)', async (_, flag) => {
    const r = await run(tgwEvent({ TransitGatewayAttachment: flag }), [tunnels(t1, t2)], 100_000, [attached(available)]);
    expect(r.attachmentCalls).toEqual([{ Filters: [{ Name: 'resource-id', Values: ['vpn-0123'] }, { Name: 'resource-type', Values: ['vpn'] }] }]);
    expect(r.sent).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vpn-0123' });
    expect(r.sent.Data).toEqual({ Tunnel1OutsideIp: '203.0.113.1', Tunnel2OutsideIp: '203.0.113.2', TransitGatewayAttachmentId: 'tgw-attach-0123' });
  });

  test('returns the associated route table when asked', async () => {
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true', AssociatedRouteTable: 'true' }), [tunnels(t1, t2)], 100_000, [attached(available)]);
    expect(r.sent.Data).toEqual({ Tunnel1OutsideIp: '203.0.113.1', Tunnel2OutsideIp: '203.0.113.2', TransitGatewayAttachmentId: 'tgw-attach-0123', TransitGatewayRouteTableId: 'tgw-rtb-0123' });
  });

  test('without the flag, never calls DescribeTransitGatewayAttachments (a virtual private gateway connection)', async () => {
    const r = await run(event('Create'), [tunnels(t1, t2)]);
    expect(r.attachmentCalls).toEqual([]);
    expect(Object.keys(r.sent.Data)).toEqual(['Tunnel1OutsideIp', 'Tunnel2OutsideIp']);
  });

  test('retries while the attachment is pending, skipping attachments that are not available, then succeeds', async () => {
    const pending = attached({ ...available, State: 'pending', Association: undefined });
    const deleted = { TransitGatewayAttachments: [{ ...available, TransitGatewayAttachmentId: 'tgw-attach-old', State: 'deleted' }] };
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true' }), [tunnels(t1, t2)], 100_000, [{ TransitGatewayAttachments: [] }, deleted, pending, attached(available)]);
    expect(r.attachmentCalls).toHaveLength(4);
    expect(r.sleeps).toBe(3);
    expect(r.sent.Data.TransitGatewayAttachmentId).toBe('tgw-attach-0123');
  });

  test('retries while the association is not complete, when the route table is asked for', async () => {
    const associating = attached({ ...available, Association: { TransitGatewayRouteTableId: 'tgw-rtb-0123', State: 'associating' } });
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true', AssociatedRouteTable: 'true' }), [tunnels(t1, t2)], 100_000, [associating, associating, attached(available)]);
    expect(r.sleeps).toBe(2);
    expect(r.sent.Data.TransitGatewayRouteTableId).toBe('tgw-rtb-0123');
  });

  test('gives up with FAILED, naming the connection, when no attachment becomes available', async () => {
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true' }), [tunnels(t1, t2)], 40_000, [{ TransitGatewayAttachments: [] }]);
    expect(r.sleeps).toBe(4);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'Error: vpn-0123 has no available transit gateway attachment', Data: {} });
  });

  test('gives up with FAILED, naming the attachment, when it is associated with no route table', async () => {
    const unassociated = attached({ ...available, Association: undefined });
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true', AssociatedRouteTable: 'true' }), [tunnels(t1, t2)], 40_000, [unassociated]);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'Error: tgw-attach-0123 is not associated with a transit gateway route table' });
  });

  test('reports an API error of the attachment lookup as FAILED with its name and message', async () => {
    const denied = Object.assign(new Error('not authorized to perform: ec2:DescribeTransitGatewayAttachments'), { name: 'UnauthorizedOperation' });
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true' }), [tunnels(t1, t2)], 100_000, [denied]);
    expect(r.sent).toMatchObject({ Status: 'FAILED', Reason: 'UnauthorizedOperation: not authorized to perform: ec2:DescribeTransitGatewayAttachments' });
  });

  test('never logs the pre-shared keys on a transit gateway either', async () => {
    const r = await run(tgwEvent({ TransitGatewayAttachment: 'true' }), [tunnels(t1, t2)], 100_000, [attached(available)]);
    for (const key of [KEY_1, KEY_2]) expect(r.logs + JSON.stringify(r.sent)).not.toContain(key);
    expect(r.logs).toContain('tgw-attach-0123');
  });
});
