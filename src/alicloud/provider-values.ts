/**
 * Values the aliyun/alicloud provider documents but does not enforce (or enforces only in part),
 * as data. Source: provider release v1.289.0, its website docs and create/update code, recorded
 * in `providers/alicloud/constraints.json` (`documented` and `validation` entries). The tests
 * compare every table here with that file, so the two cannot drift apart.
 * @internal
 */

/** `alicloud_vpn_gateway.bandwidth` of a public (`network_type = "public"`) gateway, in Mbit/s. */
export const PUBLIC_BANDWIDTHS_MBPS: readonly number[] = [5, 10, 20, 50, 100, 200, 500, 1000];

/** `alicloud_vpn_gateway.payment_type`: the documented values (the code also takes PostPaid / PrePaid). */
export const PAYMENT_TYPES: readonly string[] = ['PayAsYouGo', 'Subscription'];

/** `alicloud_vpn_gateway.period` (months), enforced: 1-9, 12, 24 or 36. */
export const SUBSCRIPTION_PERIODS_MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36];

/** `alicloud_vpn_connection.local_subnet` / `remote_subnet`: items per set, enforced. */
export const SUBNETS_PER_CONNECTION = { min: 1, max: 10 } as const;

/** `tunnel_ike_config.ike_mode` / `ike_config.ike_mode`. */
export const IKE_MODES: readonly string[] = ['main', 'aggressive'];

/** `tunnel_ike_config.local_id` / `remote_id`: maximum length. */
export const IKE_ID_MAX_LENGTH = 100;

/**
 * `weight` of `alicloud_vpn_route_entry` / `alicloud_vpn_pbr_route_entry` (enforced: 0 or 100).
 * 100 is the active route; 0 a standby route for the same destination over another connection.
 */
export const ROUTE_WEIGHT_ACTIVE = 100;

/** Alibaba Cloud's own ASN, the API default of `local_asn` (docs): the profile's, one value. */
export { ALICLOUD_DEFAULT_ASN } from '../plan';
