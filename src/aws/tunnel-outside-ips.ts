/**
 * The outside IPs of a VPN connection's two tunnels. CloudFormation does not return them
 * (aws/aws-cdk#16031), so a custom resource reads them with EC2 `DescribeVpnConnections`.
 *
 * Order: the API lists `Options.TunnelOptions` (and `VgwTelemetry`) in no documented order, so
 * position 0 is not necessarily the tunnel written first. Each entry carries its
 * `TunnelInsideCidr`, so the lookup returns both entries' inside CIDR and outside IP and
 * CloudFormation picks the entry whose inside CIDR is the tunnel's, with intrinsics only:
 *
 * ```
 * joined = "|" + cidr0 + "|" + ip0 + "|" + cidr1 + "|" + ip1 + "|"
 * ip(tunnel with inside CIDR C) = select(0, split("|", select(1, split("|" + C + "|", joined))))
 * ```
 *
 * `Fn::Split` takes only a literal delimiter, so this needs the inside CIDR at synthesis time;
 * when it is a token the API's position is used instead (and the construct warns).
 * @internal
 */
import { Fn, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** Response fields read per tunnel entry. */
const FIELDS = ['TunnelInsideCidr', 'OutsideIpAddress'] as const;
const entryPath = (index: number, field: (typeof FIELDS)[number]) => `VpnConnections.0.Options.TunnelOptions.${index}.${field}`;

export interface TunnelOutsideIpsProps {
  readonly vpnConnectionId: string;
  /** Inside CIDRs of tunnel 1 and tunnel 2, canonical. */
  readonly insideCidrs: readonly [string, string];
}

/** @internal */
export class TunnelOutsideIps extends Construct {
  /** Outside IPs of tunnel 1 and tunnel 2. */
  public readonly outsideIps: readonly [string, string];
  /** Whether the IPs are matched by inside CIDR (else by the API's position). */
  public readonly matchedByInsideCidr: boolean;

  constructor(scope: Construct, id: string, props: TunnelOutsideIpsProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeVpnConnections',
      parameters: { VpnConnectionIds: [props.vpnConnectionId] },
      physicalResourceId: cr.PhysicalResourceId.of(props.vpnConnectionId),
      // Only these fields reach CloudFormation; the response also holds the pre-shared keys.
      outputPaths: [0, 1].flatMap((i) => FIELDS.map((f) => entryPath(i, f))),
      // The raw response (with every tunnel's PreSharedKey) never goes to CloudWatch Logs.
      logging: cr.Logging.withDataHidden(),
    };
    const lookup = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::VpnTunnelOutsideIps',
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      // Describe* calls take no resource-level permissions: '*' is required.
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:DescribeVpnConnections'], resources: ['*'] }),
      ]),
    });
    const field = (i: number, f: (typeof FIELDS)[number]) => lookup.getResponseField(entryPath(i, f));

    this.matchedByInsideCidr = props.insideCidrs.every((c) => !Token.isUnresolved(c));
    if (this.matchedByInsideCidr) {
      const joined = Fn.join('', ['|', field(0, 'TunnelInsideCidr'), '|', field(0, 'OutsideIpAddress'), '|', field(1, 'TunnelInsideCidr'), '|', field(1, 'OutsideIpAddress'), '|']);
      const pick = (cidr: string) => Fn.select(0, Fn.split('|', Fn.select(1, Fn.split(`|${cidr}|`, joined))));
      this.outsideIps = [pick(props.insideCidrs[0]), pick(props.insideCidrs[1])];
    } else {
      this.outsideIps = [field(0, 'OutsideIpAddress'), field(1, 'OutsideIpAddress')];
    }
  }
}
