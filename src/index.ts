/**
 * cross-cloud-vpn: plan and build IPsec site-to-site VPNs between AWS, Azure and Alibaba Cloud.
 *
 * The root entry loads no engine: the planner, its types, and the engine-neutral contract between
 * `CrossCloudVpn` and the gateways (`./contract`). Cloud constructs live in the subpaths
 * `cross-cloud-vpn/aws`, `/azure`, `/alicloud`.
 *
 * @module cross-cloud-vpn
 */
export * from './plan';
export * from './contract';
export * from './manifest';
export { CrossCloudVpn, CrossCloudVpnProps, CrossCloudLink, ManifestLocations } from './cross-cloud-vpn';
export { CrossCloudVpnError, ValidationError, isCrossCloudVpnError, isValidationError } from './common/errors';
export type { CrossCloudVpnErrorKind, CrossCloudVpnIssue } from './common/errors';
