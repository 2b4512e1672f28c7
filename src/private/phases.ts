/**
 * What each deployment phase of the manifest is for, as `CrossCloudVpn` writes it for people
 * reading the manifest. The wording names the clouds whose gateways make each phase necessary
 * today (the AWS tunnel outside IPs exist only with their VPN connections); `CrossCloudVpn`
 * itself decides phases from `IVpnGateway.endpointsKnown` alone. Kept word for word: existing
 * manifests and their snapshots carry these strings.
 * @internal
 */
export const PHASE_DESCRIPTIONS: Readonly<Record<number, string>> = {
  1: 'gateways and their public IPs',
  2: 'AWS VPN connections and links between gateways that already know each other\'s IPs',
  3: 'links that need the AWS tunnel outside IPs',
};
