/**
 * The record of an existing Alibaba Cloud VPN gateway that every IPsec connection built on it
 * carries in the Terraform JSON comment key: `"//": { "crossCloudVpn": { "gateway": { ... } } }`.
 * Terraform ignores `//` keys in JSON configuration (cdktf keeps its own `//.metadata` beside it);
 * the template holds no `alicloud_vpn_gateway` for an existing gateway, so this record is what
 * `ccvpn verify` reads as "what the user declared" about it (its public IPs, tunnel mode, ASN,
 * networks, BGP support and the tunnel CIDRs already in use) and judges by its own rules.
 *
 * The AWS constructs record the same in `Metadata.CrossCloudVpn.Gateway` (`src/aws/vpn-connection.ts`).
 * @internal
 */
import type { IAlicloudVpnGateway } from './interfaces';

/** Where the record lives in a resource's body (`addOverride` path). */
export const GATEWAY_RECORD_PATH = '//.crossCloudVpn';

/** The record's `gateway` object: literal values as declared, absent keys when not declared. */
export interface AlicloudGatewayRecord {
  readonly existing: true;
  readonly vpnGatewayId: string;
  readonly tunnelMode: string;
  readonly internetIp?: string;
  readonly disasterRecoveryInternetIp?: string;
  readonly asn?: number;
  readonly networks: readonly string[];
  readonly bgpSupported?: boolean;
  readonly autoPropagateBgpRoutes?: boolean;
  readonly tunnelCidrsInUse: readonly string[];
}

/** Whether connections on this gateway carry the record: every gateway not created by this app. */
export function isExistingGateway(gw: IAlicloudVpnGateway): boolean {
  return gw.existing ?? true;
}

/** The record of an existing gateway, as declared (keys absent when not declared). */
export function alicloudGatewayRecord(gw: IAlicloudVpnGateway): { gateway: AlicloudGatewayRecord } {
  const asn = gw.asn ?? gw.localAsn;
  const gateway: AlicloudGatewayRecord = {
    existing: true,
    vpnGatewayId: gw.vpnGatewayId,
    tunnelMode: gw.tunnelMode,
    ...(gw.internetIp === undefined ? {} : { internetIp: gw.internetIp }),
    ...(gw.disasterRecoveryInternetIp === undefined ? {} : { disasterRecoveryInternetIp: gw.disasterRecoveryInternetIp }),
    ...(asn === undefined ? {} : { asn }),
    networks: [...(gw.cidrs ?? [])],
    ...(gw.bgpSupported === undefined ? {} : { bgpSupported: gw.bgpSupported }),
    ...(gw.autoPropagateBgpRoutes === undefined ? {} : { autoPropagateBgpRoutes: gw.autoPropagateBgpRoutes }),
    tunnelCidrsInUse: [...(gw.tunnelCidrsInUse ?? [])],
  };
  return { gateway };
}
