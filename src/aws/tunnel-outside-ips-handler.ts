/**
 * The Lambda handler behind `Custom::VpnTunnelOutsideIps`, as the exact JavaScript source that is
 * inlined into the template (CloudFormation `Code.ZipFile`, written to `index.js`). Tests run
 * this same string in a sandbox with a fake EC2 client and a fake HTTPS PUT
 * (`test/aws/tunnel-outside-ips-handler.test.ts`), so what is tested is what is deployed.
 *
 * Why hand-written instead of aws-cdk-lib's `AwsCustomResource`: that construct stages a Lambda
 * asset (the stack needs the bootstrap bucket and an asset publish step), loads aws-lambda,
 * custom-resources and region-info at synth (~100 ms and ~17 MB per synth of the mesh example,
 * measured), and can only pass response fields through, so the tunnels had to be matched to
 * their inside CIDRs with a `Fn::Split` trick that needed literal CIDRs. This handler matches
 * in code, takes CIDRs that are deploy-time values, and is under the inline-code limit.
 *
 * Contract (CloudFormation custom resources, "Custom resource request/response objects"):
 * - properties: `VpnConnectionId`, `TunnelInsideCidrs` (tunnel 1's, tunnel 2's);
 * - attributes: `Tunnel1OutsideIp`, `Tunnel2OutsideIp`; physical id: the connection id;
 * - `Delete` deletes nothing; a failure is reported as FAILED with the reason, never left to
 *   CloudFormation's timeout.
 * `DescribeVpnConnections` also returns every tunnel's pre-shared key: the response is never
 * logged and only the two outside IPs leave the function. A tunnel can be listed before its
 * outside IP is assigned, so the lookup is retried every 5 s while more than 20 s remain.
 *
 * Runtime `nodejs24.x` (aws-cdk-lib's region facts list it as the latest Node.js runtime in all
 * its regions) ships the AWS SDK for JavaScript v3, so the code needs no bundled dependency.
 * @internal
 */
export const TUNNEL_OUTSIDE_IPS_HANDLER = String.raw`'use strict';
// cross-cloud-vpn: outside IPs of a VPN connection's tunnels, matched by tunnel inside CIDR.
// The DescribeVpnConnections response holds the pre-shared keys: it is never logged.
const https = require('https');
const { EC2Client, DescribeVpnConnectionsCommand } = require('@aws-sdk/client-ec2');

function respond(event, status, reason, physicalId, data) {
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data,
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

async function outsideIps(ec2, id, cidrs) {
  const out = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] }));
  const conn = (out.VpnConnections || [])[0] || {};
  const tunnels = (conn.Options && conn.Options.TunnelOptions) || [];
  return cidrs.map((c) => {
    const t = tunnels.find((o) => o.TunnelInsideCidr === c);
    return t ? t.OutsideIpAddress : undefined;
  });
}

exports.handler = async (event, context) => {
  const props = event.ResourceProperties || {};
  const id = props.VpnConnectionId;
  const cidrs = props.TunnelInsideCidrs || [];
  const physicalId = id || event.PhysicalResourceId || event.LogicalResourceId;
  console.log(event.RequestType + ' ' + event.LogicalResourceId + ': ' + id + ' ' + cidrs.join(' '));
  if (event.RequestType === 'Delete') {
    return respond(event, 'SUCCESS', 'nothing to delete', event.PhysicalResourceId, {});
  }
  try {
    if (typeof id !== 'string' || cidrs.length !== 2) {
      throw new Error('expected VpnConnectionId and two TunnelInsideCidrs');
    }
    const ec2 = new EC2Client({});
    let ips = await outsideIps(ec2, id, cidrs);
    while (!ips.every(Boolean) && context.getRemainingTimeInMillis() > 20000) {
      await new Promise((r) => setTimeout(r, 5000));
      ips = await outsideIps(ec2, id, cidrs);
    }
    const missing = cidrs.filter((c, i) => !ips[i]);
    if (missing.length) {
      throw new Error(id + ' has no tunnel with an outside IP for inside CIDR ' + missing.join(', '));
    }
    console.log('outside IPs: ' + ips.join(' '));
    return respond(event, 'SUCCESS', 'found', id, { Tunnel1OutsideIp: ips[0], Tunnel2OutsideIp: ips[1] });
  } catch (e) {
    const reason = String((e && e.name) || 'Error') + ': ' + String((e && e.message) || e).slice(0, 400);
    console.log('FAILED ' + reason);
    return respond(event, 'FAILED', reason, physicalId, {});
  }
};
`;
