/**
 * The outside IPs of a VPN connection's two tunnels. CloudFormation does not return them
 * (aws/aws-cdk#16031), so a custom resource reads them with EC2 `DescribeVpnConnections`.
 *
 * The API lists `Options.TunnelOptions` in no documented order, so the handler picks each
 * tunnel's entry by its inside CIDR (see `tunnel-outside-ips-handler.ts`, which also says why
 * this is not aws-cdk-lib's `AwsCustomResource`). On a transit gateway the same lookup returns the
 * connection's transit gateway attachment id, which CloudFormation does not return either (the
 * `AWS::EC2::VPNConnection` return values are its id only), and on request the route table the
 * attachment is associated with. One handler function per stack serves every connection of the
 * stack; its role may call `ec2:DescribeVpnConnections` (and `ec2:DescribeTransitGatewayAttachments`
 * when a lookup of the stack asks for an attachment) and write its logs, nothing else.
 *
 * The function and its role are plain `CfnResource`s, as aws-cdk-lib's own core does for its
 * custom resource providers: loading the aws-lambda and aws-iam modules for two typed L1s would
 * cost every synth ~18 ms and ~4 MB (the rest of the library needs neither).
 * @internal
 */
import { CfnResource, CustomResource, Duration, Lazy, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { TUNNEL_OUTSIDE_IPS_HANDLER } from './tunnel-outside-ips-handler';

/** The custom resource's CloudFormation type. */
export const TUNNEL_OUTSIDE_IPS_TYPE = 'Custom::VpnTunnelOutsideIps';

/** Construct id of the per-stack handler, directly under the stack. */
const HANDLER_ID = 'CrossCloudVpnTunnelOutsideIpsHandler';

/** Lambda runtime of the handler (see `tunnel-outside-ips-handler.ts`). */
export const TUNNEL_OUTSIDE_IPS_RUNTIME = 'nodejs24.x';

export interface TunnelOutsideIpsProps {
  readonly vpnConnectionId: string;
  /** Inside CIDRs of tunnel 1 and tunnel 2, canonical (literal or deploy-time values). */
  readonly insideCidrs: readonly [string, string];
  /**
   * On a transit gateway: read the attachment id, and (`associatedRouteTable`) the route table the
   * attachment is associated with.
   */
  readonly transitGateway?: { readonly associatedRouteTable: boolean };
}

/** @internal */
export class TunnelOutsideIps extends Construct {
  /** Outside IPs of tunnel 1 and tunnel 2. */
  public readonly outsideIps: readonly [string, string];
  /** The connection's transit gateway attachment id (transit gateways only). */
  public readonly transitGatewayAttachmentId?: string;
  /** The route table the attachment is associated with (when asked for). */
  public readonly associatedRouteTableId?: string;

  constructor(scope: Construct, id: string, props: TunnelOutsideIpsProps) {
    super(scope, id);
    const handler = handlerOf(Stack.of(this));
    const tgw = props.transitGateway;
    if (tgw) handler.actions.add(DESCRIBE_ATTACHMENTS);
    const lookup = new CustomResource(this, 'Resource', {
      resourceType: TUNNEL_OUTSIDE_IPS_TYPE,
      serviceToken: handler.fn.getAtt('Arn').toString(),
      // A handler that never answers fails the stack after 5 minutes instead of CloudFormation's hour.
      serviceTimeout: Duration.minutes(5),
      properties: {
        VpnConnectionId: props.vpnConnectionId,
        TunnelInsideCidrs: [...props.insideCidrs],
        ...(tgw ? { TransitGatewayAttachment: true } : {}),
        ...(tgw?.associatedRouteTable ? { AssociatedRouteTable: true } : {}),
      },
    });
    this.outsideIps = [lookup.getAttString('Tunnel1OutsideIp'), lookup.getAttString('Tunnel2OutsideIp')];
    if (tgw) this.transitGatewayAttachmentId = lookup.getAttString('TransitGatewayAttachmentId');
    if (tgw?.associatedRouteTable) this.associatedRouteTableId = lookup.getAttString('TransitGatewayRouteTableId');
  }
}

const DESCRIBE_CONNECTIONS = 'ec2:DescribeVpnConnections';
const DESCRIBE_ATTACHMENTS = 'ec2:DescribeTransitGatewayAttachments';

/** A stack's handler: its function, and the EC2 actions its role allows (grown by the lookups that need them). */
interface Handler {
  readonly fn: CfnResource;
  readonly actions: Set<string>;
}
const HANDLERS = new WeakMap<Stack, Handler>();

/** The stack's handler function (and its role), created with the stack's first lookup. */
function handlerOf(stack: Stack): Handler {
  const existing = HANDLERS.get(stack);
  if (existing) return existing;
  const scope = new Construct(stack, HANDLER_ID);
  const actions = new Set([DESCRIBE_CONNECTIONS]);
  const sorted = () => [...actions].sort().reverse(); // DescribeVpnConnections first
  const role = new CfnResource(scope, 'Role', {
    type: 'AWS::IAM::Role',
    properties: {
      Description: Lazy.string({ produce: () => `cross-cloud-vpn: reads VPN tunnel outside IPs (${sorted().join(', ')}) and writes its own logs` }),
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [`arn:${stack.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
      Policies: [{
        PolicyName: 'DescribeVpnConnections',
        // Describe* actions take no resource-level permissions: '*' is the only resource allowed.
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: Lazy.any({ produce: () => (actions.size === 1 ? DESCRIBE_CONNECTIONS : sorted()) }), Resource: '*' }],
        },
      }],
    },
  });
  const fn = new CfnResource(scope, 'Resource', {
    type: 'AWS::Lambda::Function',
    properties: {
      Description: 'cross-cloud-vpn: outside IPs of VPN tunnels, matched by inside CIDR (Custom::VpnTunnelOutsideIps)',
      Runtime: TUNNEL_OUTSIDE_IPS_RUNTIME,
      Handler: 'index.handler',
      Code: { ZipFile: TUNNEL_OUTSIDE_IPS_HANDLER },
      Role: role.getAtt('Arn').toString(),
      Timeout: 120,
      MemorySize: 128,
    },
  });
  scope.node.defaultChild = fn;
  const handler = { fn, actions };
  HANDLERS.set(stack, handler);
  return handler;
}
