/**
 * The Lambda handler behind `Custom::VpnTunnelOptions`, as the exact JavaScript source that is
 * inlined into the template (CloudFormation `Code.ZipFile`, written to `index.js`; "This zip file
 * cannot exceed 4MB", aws-cdk-lib 2.276.0 `lambda.generated.d.ts` `CodeProperty.zipFile`). Tests
 * run this same string in a sandbox with fake EC2 / Lambda / Secrets Manager / SSM clients and a
 * fake HTTPS PUT (`test/aws/tunnel-options-handler.test.ts`): what is tested is what is deployed.
 *
 * Contract (CloudFormation custom resources, "Custom resource request/response objects"):
 * - properties: `VpnConnectionId`; `Tunnels`, one entry per tunnel, each with the
 *   `TunnelInsideCidr` that identifies the tunnel (DescribeVpnConnections lists tunnels in no
 *   documented order) and the options in the spelling of EC2 `ModifyVpnTunnelOptionsSpecification`
 *   (`IKEVersions`, `Phase1EncryptionAlgorithms` … `[{Value}]` lists, `Phase1LifetimeSeconds`,
 *   `DPDTimeoutSeconds`, `DPDTimeoutAction`, `StartupAction`, …) plus the key as `PreSharedKey`, or
 *   as `PreSharedKeyReference`: a secure dynamic reference without its `{{resolve:` `}}` delimiters
 *   (`secretsmanager:<secret-id>:SecretString:<json-key>:<version-stage>:<version-id>` or
 *   `ssm-secure:<name>:<version>`), read here with Secrets Manager `GetSecretValue` / SSM
 *   `GetParameter` because "Dynamic references for secure values, such as ssm-secure and
 *   secretsmanager, are not currently supported in custom resources" (CloudFormation User Guide,
 *   dynamic-references.html). CloudFormation hands every property value over as a string: numbers
 *   and DH group numbers are converted back.
 * - physical id: `<connection id>/tunnel-options` (never a key); attributes: none.
 * - Create and Update: for each tunnel whose current options (DescribeVpnConnections
 *   `Options.TunnelOptions`, which spells three names differently: `DpdTimeoutSeconds`,
 *   `DpdTimeoutAction`, `IkeVersions`) differ from the wanted ones, one `ModifyVpnTunnelOptions`
 *   call with every wanted option, then wait until the connection is `available` again before
 *   the next tunnel: "you can only modify one tunnel at a time" (EC2 API ModifyVpnTunnelOptions);
 *   "The modified tunnel is unavailable during the update" (Site-to-Site VPN User Guide,
 *   endpoint-replacements.html); while it is applied the connection's state is `modifying`
 *   (hashicorp/terraform-provider-aws `internal/service/ec2/consts.go` `vpnStateModifying`,
 *   `wait.go` `waitVPNConnectionUpdated`: pending `modifying`, target `available`, polled every
 *   10 s, 30 minute timeout). A tunnel whose options already match is not touched, so a retried
 *   request, an imported connection that already has the options, or a rollback to options the
 *   tunnel still has, cause no outage. `SkipTunnelReplacement` is not sent: "This is only
 *   applicable when turning on or off EnableTunnelLifecycleControl", which this resource does not
 *   set. No documentation says how soon DescribeVpnConnections shows a modification, so a tunnel
 *   just modified is not modified again for 60 s.
 * - Waiting is not a function's business for long: a Lambda invocation runs at most 15 minutes,
 *   and two modifications can take longer. When less than a minute is left, the handler invokes
 *   itself asynchronously (`lambda:InvokeFunction`, `InvocationType: Event`) with the same event
 *   and its progress (`CrossCloudVpn`: start time, last tunnel modified) and returns without
 *   answering; the last invocation answers CloudFormation's pre-signed URL. After 55 minutes in
 *   all it answers FAILED (the resource's `ServiceTimeout` is CloudFormation's maximum, 3600 s).
 * - Throttling (`RequestLimitExceeded`, `Throttling`, …) is retried with exponential backoff;
 *   `IncorrectState` (the connection is busy) is waited out like `modifying`.
 * - `Delete` changes nothing: the connection keeps the options it has (it is deleted by its own
 *   resource when the stack removes it).
 * Keys never leave the function: nothing that holds one is logged, the response carries no Data,
 * and every message that is logged or returned has the request's keys cut out.
 *
 * Runtime `nodejs24.x` ships the AWS SDK for JavaScript v3 (EC2, Lambda, Secrets Manager, SSM
 * clients), so the code needs no bundled dependency.
 * @internal
 */
export const TUNNEL_OPTIONS_HANDLER = String.raw`'use strict';
// cross-cloud-vpn: applies a VPN connection's tunnel options in place (EC2 ModifyVpnTunnelOptions),
// one tunnel at a time. The keys (request, DescribeVpnConnections response) are never logged.
const https = require('https');
const E = require('@aws-sdk/client-ec2');
const WAIT = 10000, MARGIN = 60000, DEADLINE = 55 * 60000, SETTLE = 60000;
const LISTS = ['IKEVersions', 'Phase1EncryptionAlgorithms', 'Phase1IntegrityAlgorithms', 'Phase1DHGroupNumbers',
  'Phase2EncryptionAlgorithms', 'Phase2IntegrityAlgorithms', 'Phase2DHGroupNumbers'];
const NUMBERS = ['Phase1LifetimeSeconds', 'Phase2LifetimeSeconds', 'RekeyMarginTimeSeconds', 'RekeyFuzzPercentage',
  'ReplayWindowSize', 'DPDTimeoutSeconds'];
const STRINGS = ['DPDTimeoutAction', 'StartupAction'];
// DescribeVpnConnections (TunnelOption) spells these differently from ModifyVpnTunnelOptions.
const CURRENT = { IKEVersions: 'IkeVersions', DPDTimeoutSeconds: 'DpdTimeoutSeconds', DPDTimeoutAction: 'DpdTimeoutAction' };
const THROTTLED = /^(RequestLimitExceeded|Throttling|ThrottlingException|TooManyRequestsException|ServiceUnavailable|InternalError)$/;
const sleep = (ms) => new Promise((f) => setTimeout(f, ms));

function respond(event, status, reason, physicalId) {
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: {},
  });
  const url = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const req = https.request({
      hostname: url.hostname, path: url.pathname + url.search, method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (res) => { res.on('data', () => {}); res.on('end', resolve); });
    req.on('error', reject);
    req.end(body);
  });
}

// Throttled calls again after 1, 2, 4, 8, 16 s.
async function call(f) {
  for (let i = 0; ; i++) {
    try { return await f(); } catch (e) {
      if (i >= 5 || !THROTTLED.test(String(e && e.name))) throw e;
      await sleep(1000 * 2 ** i);
    }
  }
}

// The key of a tunnel: given, or read from Secrets Manager / SSM Parameter Store.
async function keyOf(t) {
  if (t.PreSharedKey !== undefined) return String(t.PreSharedKey);
  if (t.PreSharedKeyReference === undefined) return undefined;
  const ref = String(t.PreSharedKeyReference);
  if (ref.startsWith('ssm-secure:')) {
    const [name, version] = ref.slice(11).split(':');
    const S = require('@aws-sdk/client-ssm');
    const out = await call(() => new S.SSMClient({}).send(new S.GetParameterCommand({ Name: version ? name + ':' + version : name, WithDecryption: true })));
    return String(out.Parameter.Value);
  }
  if (!ref.startsWith('secretsmanager:')) throw new Error('PreSharedKeyReference is neither secretsmanager: nor ssm-secure:');
  const body = ref.slice(15);
  const at = body.indexOf(':SecretString');
  const [, field, stage, version] = at < 0 ? [] : body.slice(at + 1).split(':');
  const M = require('@aws-sdk/client-secrets-manager');
  const out = await call(() => new M.SecretsManagerClient({}).send(new M.GetSecretValueCommand({
    SecretId: at < 0 ? body : body.slice(0, at), VersionStage: stage || undefined, VersionId: version || undefined,
  })));
  if (!field) return String(out.SecretString);
  const value = JSON.parse(out.SecretString)[field];
  if (typeof value !== 'string') throw new Error('the secret has no string field ' + field);
  return value;
}

// The wanted options of one tunnel, as ModifyVpnTunnelOptions takes them.
function wanted(t, key) {
  const o = {};
  for (const n of LISTS) if (Array.isArray(t[n])) o[n] = t[n].map((x) => ({ Value: /DH/.test(n) ? Number(x.Value) : String(x.Value) }));
  for (const n of NUMBERS) if (t[n] !== undefined) o[n] = Number(t[n]);
  for (const n of STRINGS) if (t[n] !== undefined) o[n] = String(t[n]);
  if (key !== undefined) o.PreSharedKey = key;
  return o;
}

// Names (never values) of the wanted options the tunnel does not have.
const values = (l) => (l || []).map((x) => String(x.Value)).sort().join(',');
const differing = (want, cur) => Object.keys(want).filter((n) => {
  const c = cur[CURRENT[n] || n];
  return LISTS.includes(n) ? values(want[n]) !== values(c) : String(want[n]) !== String(c);
});

exports.handler = async (event, context) => {
  const props = event.ResourceProperties || {};
  const id = props.VpnConnectionId;
  const physicalId = typeof id === 'string' ? id + '/tunnel-options' : event.PhysicalResourceId || event.LogicalResourceId;
  const state = event.CrossCloudVpn || { started: Date.now() };
  console.log(event.RequestType + ' ' + event.LogicalResourceId + ': ' + id + (event.CrossCloudVpn ? ' (continued)' : ''));
  if (event.RequestType === 'Delete') {
    return respond(event, 'SUCCESS', 'nothing to delete: the connection keeps its tunnel options', event.PhysicalResourceId);
  }
  const keys = [];
  const redact = (s) => keys.reduce((m, k) => m.split(k).join('(key)'), String(s));
  try {
    const tunnels = props.Tunnels;
    if (typeof id !== 'string' || !Array.isArray(tunnels) || tunnels.length < 1 || tunnels.length > 2
      || tunnels.some((t) => !t || typeof t.TunnelInsideCidr !== 'string')) {
      throw new Error('expected VpnConnectionId and one or two Tunnels, each with a TunnelInsideCidr');
    }
    const want = [];
    for (const t of tunnels) {
      const key = await keyOf(t);
      if (key) keys.push(key);
      want.push([t.TunnelInsideCidr, wanted(t, key)]);
    }
    const ec2 = new E.EC2Client({});
    for (;;) {
      if (Date.now() - state.started > DEADLINE) throw new Error(id + ': the tunnel options were not applied within 55 minutes');
      const out = await call(() => ec2.send(new E.DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] })));
      const conn = (out.VpnConnections || [])[0] || {};
      if (conn.State === 'available') {
        const current = (conn.Options && conn.Options.TunnelOptions) || [];
        const todo = want.map(([cidr, w]) => {
          const cur = current.find((x) => x.TunnelInsideCidr === cidr);
          if (!cur || !cur.OutsideIpAddress) throw new Error(id + ' has no tunnel with an outside IP for inside CIDR ' + cidr);
          return [cur.OutsideIpAddress, w, differing(w, cur)];
        }).filter((x) => x[2].length);
        if (!todo.length) {
          console.log('applied');
          return respond(event, 'SUCCESS', 'applied', physicalId);
        }
        const [ip, w, names] = todo[0];
        const last = state.modified || {};
        if (last.ip !== ip || Date.now() - last.at > SETTLE) {
          console.log('modifying tunnel ' + ip + ': ' + names.join(' '));
          try {
            await call(() => ec2.send(new E.ModifyVpnTunnelOptionsCommand({ VpnConnectionId: id, VpnTunnelOutsideIpAddress: ip, TunnelOptions: w })));
            state.modified = { ip, at: Date.now() };
          } catch (e) {
            if (!e || e.name !== 'IncorrectState') throw e;
            console.log('busy: ' + redact(e.message));
          }
        }
      } else if (conn.State !== 'pending' && conn.State !== 'modifying') {
        throw new Error(id + ' is ' + (conn.State || 'not found'));
      }
      if (context.getRemainingTimeInMillis() < MARGIN + WAIT) {
        const L = require('@aws-sdk/client-lambda');
        await call(() => new L.LambdaClient({}).send(new L.InvokeCommand({
          FunctionName: context.invokedFunctionArn, InvocationType: 'Event',
          Payload: JSON.stringify(Object.assign({}, event, { CrossCloudVpn: state })),
        })));
        console.log('continues in a new invocation');
        return;
      }
      await sleep(WAIT);
    }
  } catch (e) {
    const reason = redact(String((e && e.name) || 'Error') + ': ' + String((e && e.message) || e)).slice(0, 400);
    console.log('FAILED ' + reason);
    return respond(event, 'FAILED', reason, event.PhysicalResourceId || physicalId);
  }
};
`;
