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
 * - properties: `VpnConnectionId`, `TunnelInsideCidrs` (tunnel 1's, tunnel 2's); on a transit
 *   gateway also `TransitGatewayAttachment: true`, and `AssociatedRouteTable: true` when the
 *   caller needs the route table the attachment is associated with (CloudFormation hands
 *   custom resource properties over as strings, hence the comparison with `'true'`);
 * - attributes: `Tunnel1OutsideIp`, `Tunnel2OutsideIp`; with `TransitGatewayAttachment`,
 *   `TransitGatewayAttachmentId` (CloudFormation does not return it on `AWS::EC2::VPNConnection`:
 *   EC2 `DescribeTransitGatewayAttachments` with filters `resource-id` = the connection id and
 *   `resource-type` = `vpn`, the attachment in state `available`); with `AssociatedRouteTable`,
 *   `TransitGatewayRouteTableId` (the attachment's `Association`, once `associated`: for a transit
 *   gateway that associates attachments by default, its default association route table);
 *   physical id: the connection id;
 * - `Delete` deletes nothing; a failure is reported as FAILED with the reason, never left to
 *   CloudFormation's timeout.
 * `DescribeVpnConnections` also returns every tunnel's pre-shared key: the response is never
 * logged and only the two outside IPs (and the attachment's ids) leave the function. A tunnel can
 * be listed before its outside IP is assigned, and an attachment before it is available or
 * associated, so the lookup is retried every 5 s while more than 20 s remain.
 *
 * Runtime `nodejs24.x` (aws-cdk-lib's region facts list it as the latest Node.js runtime in all
 * its regions) ships the AWS SDK for JavaScript v3, so the code needs no bundled dependency.
 * @internal
 */
export const TUNNEL_OUTSIDE_IPS_HANDLER = String.raw`'use strict';
// cross-cloud-vpn: outside IPs of a VPN connection's tunnels, matched by tunnel inside CIDR.
// The DescribeVpnConnections response holds the pre-shared keys: it is never logged.
const https = require('https');
const { EC2Client, DescribeVpnConnectionsCommand, DescribeTransitGatewayAttachmentsCommand } = require('@aws-sdk/client-ec2');

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

// [attachment id, associated route table id] of the connection's available TGW attachment.
async function attachment(ec2, id) {
  const out = await ec2.send(new DescribeTransitGatewayAttachmentsCommand({
    Filters: [{ Name: 'resource-id', Values: [id] }, { Name: 'resource-type', Values: ['vpn'] }],
  }));
  const a = (out.TransitGatewayAttachments || []).find((x) => x.State === 'available') || {};
  const s = a.Association || {};
  return [a.TransitGatewayAttachmentId, s.State === 'associated' ? s.TransitGatewayRouteTableId : undefined];
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
    const tgw = String(props.TransitGatewayAttachment) === 'true';
    const rt = tgw && String(props.AssociatedRouteTable) === 'true';
    const look = async () => [await outsideIps(ec2, id, cidrs), tgw ? await attachment(ec2, id) : []];
    const done = ([ips, a]) => ips.every(Boolean) && (!tgw || a[0]) && (!rt || a[1]);
    let r = await look();
    while (!done(r) && context.getRemainingTimeInMillis() > 20000) {
      await new Promise((f) => setTimeout(f, 5000));
      r = await look();
    }
    const [ips, a] = r;
    const missing = cidrs.filter((c, i) => !ips[i]);
    if (missing.length) {
      throw new Error(id + ' has no tunnel with an outside IP for inside CIDR ' + missing.join(', '));
    }
    if (tgw && !a[0]) throw new Error(id + ' has no available transit gateway attachment');
    if (rt && !a[1]) throw new Error(a[0] + ' is not associated with a transit gateway route table');
    console.log('found: ' + ips.concat(a).join(' '));
    const data = { Tunnel1OutsideIp: ips[0], Tunnel2OutsideIp: ips[1] };
    if (tgw) data.TransitGatewayAttachmentId = a[0];
    if (rt) data.TransitGatewayRouteTableId = a[1];
    return respond(event, 'SUCCESS', 'found', id, data);
  } catch (e) {
    const reason = String((e && e.name) || 'Error') + ': ' + String((e && e.message) || e).slice(0, 400);
    console.log('FAILED ' + reason);
    return respond(event, 'FAILED', reason, physicalId, {});
  }
};
`;
