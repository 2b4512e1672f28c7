/**
 * Options of an AWS VPN connection as a whole (not per tunnel): the tunnels' bandwidth
 * (`TunnelBandwidth`) and acceleration (`EnableAcceleration`), and where AWS allows each.
 *
 * Sources:
 * - CloudFormation `AWS::EC2::VPNConnection` (aws-cdk-lib `ec2.generated.d.ts`,
 *   `CfnVPNConnectionProps`): `TunnelBandwidth` "`standard` supports up to 1.25 Gbps per tunnel,
 *   while `large` supports up to 5 Gbps per tunnel. The default value is `standard`";
 *   `EnableAcceleration` "Default: `false`".
 * - AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection",
 *   Tunnel bandwidth options (docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html): large
 *   (5 Gbps) tunnels are offered on transit gateway and AWS Cloud WAN attachments, not on a
 *   virtual private gateway; the setting covers both tunnels of the connection.
 * - Terraform AWS provider, `aws_vpn_connection` `tunnel_bandwidth`: "Not supported when
 *   vpn_gateway_id is specified, or enable_acceleration is true".
 * - AWS Site-to-Site VPN User Guide, "Modify Site-to-Site VPN connection options"
 *   (modify-vpn-connection-options.html), as AWS's agent toolkit reference "Choosing Standard or
 *   Large tunnel bandwidth" (aws/agent-toolkit-for-aws) restates it: the bandwidth is modified in
 *   place in select Regions, interrupting the connection briefly; CloudFormation marks
 *   `TunnelBandwidth` updatable (aws-service-spec: no `causesReplacement`).
 * - AWS Site-to-Site VPN User Guide, "Accelerated Site-to-Site VPN connections"
 *   (accelerated-vpn.html), Rules and restrictions: "Acceleration is only supported for
 *   Site-to-Site VPN connections that are attached to a transit gateway. Virtual private gateways
 *   do not support accelerated VPN connections"; acceleration cannot be turned on or off on an
 *   existing connection (a new connection is needed: CloudFormation replaces it, see
 *   `src/change/replacement-tables.generated.ts` `EnableAcceleration: 'replace'`).
 */
import { show } from '../plan';

/**
 * The bandwidth of each tunnel of an AWS VPN connection. CloudFormation `TunnelBandwidth`.
 *
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
export enum AwsTunnelBandwidth {
  /** Up to 1.25 Gbps per tunnel: AWS's default, on every gateway. */
  STANDARD = 'standard',
  /** Up to 5 Gbps per tunnel: transit gateways only, and not on an accelerated connection. */
  LARGE = 'large',
}

/** The options of one VPN connection as a whole, as written to `AWS::EC2::VPNConnection`. */
export interface AwsConnectionOptions {
  /**
   * The bandwidth of both tunnels. `LARGE` on transit gateways only, and not with
   * `acceleration`. CloudFormation `TunnelBandwidth`: updatable, so a change is an update in
   * place (AWS applies it with `ModifyVpnConnectionOptions`, "in select Regions", interrupting the
   * connection briefly), not a replacement.
   *
   * @default - not written: AWS's `standard` (up to 1.25 Gbps per tunnel)
   */
  readonly tunnelBandwidth?: AwsTunnelBandwidth;
  /**
   * Whether the connection is accelerated (AWS Global Accelerator carries the traffic from the
   * edge location nearest the peer). Transit gateways only; set at creation only (changing it
   * replaces the connection, with new outside IPs). CloudFormation `EnableAcceleration`.
   *
   * @default false
   */
  readonly acceleration?: boolean;
}

const BANDWIDTHS: readonly string[] = Object.values(AwsTunnelBandwidth);

/**
 * What AWS refuses in `options` on a gateway of `kind`, as `[field, code, message]` triples
 * (fields named as in `AwsConnectionOptions`).
 */
export function connectionOptionsProblems(kind: 'vpn-gateway' | 'transit-gateway', options: AwsConnectionOptions): [string, string, string][] {
  const out: [string, string, string][] = [];
  const bandwidth = options.tunnelBandwidth;
  if (bandwidth !== undefined && !BANDWIDTHS.includes(bandwidth)) {
    out.push(['tunnelBandwidth', 'tunnel-bandwidth-invalid', `${show(bandwidth)} is not a tunnel bandwidth; allowed: ${BANDWIDTHS.map((b) => `'${b}'`).join(', ')}`]);
  } else if (bandwidth === AwsTunnelBandwidth.LARGE && kind === 'vpn-gateway') {
    out.push(['tunnelBandwidth', 'tunnel-bandwidth-unsupported', "'large' tunnels (5 Gbps) are offered on transit gateways (and Cloud WAN) only, not on a virtual private gateway; allowed: 'standard', or a transit gateway"]);
  } else if (bandwidth === AwsTunnelBandwidth.LARGE && options.acceleration === true) {
    out.push(['tunnelBandwidth', 'tunnel-bandwidth-unsupported', "'large' tunnels are not supported on an accelerated connection; allowed: 'standard' with acceleration, or 'large' without it"]);
  }
  if (options.acceleration === true && kind === 'vpn-gateway') {
    out.push(['acceleration', 'acceleration-unsupported', 'acceleration is supported only on a transit gateway: a virtual private gateway does not support accelerated VPN connections; allowed: false, or a transit gateway']);
  }
  return out;
}
