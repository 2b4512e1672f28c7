/**
 * The Alibaba Cloud endpoints verify finds in Terraform JSON: a VPN gateway's two public addresses
 * (alicloud `alicloud_vpn_gateway` `internet_ip`, and `disaster_recovery_internet_ip` of a
 * dual-tunnel gateway: the master and slave tunnels' ends).
 */
import type { EndpointRules } from '../endpoint-rules';

export const ALICLOUD_ENDPOINTS: EndpointRules = {
  cloud: 'alicloud',
  terraform: { alicloud_vpn_gateway: { internet_ip: '#master', disaster_recovery_internet_ip: '#slave' } },
};
