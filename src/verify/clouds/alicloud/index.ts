/**
 * Alibaba Cloud as verify sees it: its line of the registry (`../index.ts`), bundling its
 * extraction, model, acceptance rules and routing (each in this folder, with its sources).
 */
import type { VerifyCloud } from '../../cloud';
import { acceptAlicloud } from './accept';
import { type AlicloudParts, extractAlicloud } from './extract';
import { alicloudHalves } from './model';
import { ALICLOUD_ROUTING_ASSUMPTIONS, alicloudRouting } from './routing';

export type { AlicloudParts, AlicloudConnectionRes, AlicloudCustomerGatewayRes, AlicloudGatewayRes } from './extract';

/** Alibaba Cloud: Terraform JSON (alicloud), endpoints in 203.0.113.0/24 (RFC 5737 TEST-NET-3). */
export const ALICLOUD_VERIFY: VerifyCloud<AlicloudParts> = {
  id: 'alicloud',
  name: 'Alibaba',
  engine: 'cdktf',
  pool: (203 << 24) | (0 << 16) | (113 << 8),
  carriers: ['alicloud_vpn_gateway', 'alicloud_vpn_connection', 'alicloud_vpn_customer_gateway'],
  extract: (x) => {
    const { gateways, connections } = extractAlicloud(x);
    return { alicloud: connections, alicloudGateways: gateways };
  },
  referenced: (d) => d.alicloud.flatMap((c) => [...c.tunnels.map((t) => t.customerGateway?.address), c.single?.customerGateway?.address]),
  halves: (d, r, warnings) => d.alicloud.flatMap((c) => {
    if (!c.gateway) warnings.push(`${c.key}: its gateway is not in the folders read; not verified`);
    return alicloudHalves(c, d, r);
  }),
  sites: (d) => d.alicloudGateways.map((g) => ({ key: g.key, cloud: 'alicloud', label: g.label, networks: g.networks, networksSource: g.networksSource })),
  accept: acceptAlicloud,
  routing: alicloudRouting,
  routingAssumptions: ALICLOUD_ROUTING_ASSUMPTIONS,
};
