/**
 * The AWS endpoints verify finds in a template: a VPN connection's outside IPs exist per
 * connection and are read by the AWS construct's lookup, one custom resource per connection
 * (`Custom::VpnTunnelOutsideIps`, `src/aws/tunnel-outside-ips.ts`: attributes
 * `Tunnel1OutsideIp` / `Tunnel2OutsideIp`, matched to the tunnel whose `TunnelInsideCidr` is the
 * lookup's `TunnelInsideCidrs[n - 1]`). The connection's properties are CloudFormation's
 * (`AWS::EC2::VPNConnection` `VpnTunnelOptionsSpecifications[].TunnelInsideCidr`).
 */
import type { EndpointRules } from '../endpoint-rules';

/** The AWS construct's tunnel-outside-IP lookup (a custom resource per VPN connection). */
export const OUTSIDE_IPS_TYPE = 'Custom::VpnTunnelOutsideIps';

export const AWS_ENDPOINTS: EndpointRules = {
  cloud: 'aws',
  cfnLookups: [{
    type: OUTSIDE_IPS_TYPE,
    attribute: /^Tunnel([12])OutsideIp$/,
    connectionProperty: 'VpnConnectionId',
    connectionType: 'AWS::EC2::VPNConnection',
    insideCidrsProperty: 'TunnelInsideCidrs',
    tunnelsProperty: 'VpnTunnelOptionsSpecifications',
    tunnelInsideCidrProperty: 'TunnelInsideCidr',
  }],
};
