/**
 * The options of one Alibaba Cloud IPsec tunnel: the public struct, its defaults, the checks (the
 * same ones the planner applies, from `src/plan/checks.ts`) and the rendering into the
 * provider's blocks, with every IKE and IPsec setting written explicitly.
 */
import {
  ALICLOUD_DEFAULT_TUNNEL, FACTS, PresharedKey, addressInCidrProblem, algorithmProblem, formatIpv4, insideCidrProblem, lifetimeProblem, parseCidr, pskProblem, show,
} from '../plan';
import { Lazy, Token } from '../private/cdktf';
import type { PropsChecker } from '../private/errors';
import type { IAlicloudPeerGateway } from './interfaces';
import { IKE_ID_MAX_LENGTH, IKE_MODES } from './provider-values';

/**
 * IKE phase 1 negotiation mode. Terraform `ike_mode`.
 *
 * @see https://www.alibabacloud.com/help/doc-detail/65288.html
 */
export enum AlicloudIkeMode {
  /** Main mode: identities are protected (Alibaba Cloud's default, and the only mode AWS and Azure take). */
  MAIN = 'main',
  /** Aggressive mode: faster, identities in the clear; for FQDN identities behind NAT. */
  AGGRESSIVE = 'aggressive',
}

/**
 * The options of one tunnel of an Alibaba Cloud IPsec connection.
 *
 * Only the peer and the pre-shared key have no default. Every other IKE and IPsec setting has a
 * strong default and is written explicitly, so Alibaba Cloud never falls back to its API defaults
 * (IKEv1, MD5, DH group 2, 86400 s).
 */
export interface AlicloudTunnelOptions {
  /**
   * The peer's device the tunnel goes to (in dual-tunnel mode each tunnel has its own; both may
   * name the same customer gateway when the peer has one public IP).
   * Terraform `customer_gateway_id`.
   */
  readonly peer: IAlicloudPeerGateway;

  /**
   * The pre-shared key of the tunnel: a planner `PresharedKey`, or a string (a sensitive
   * `TerraformVariable`'s value keeps it out of the source; any value ends up in the Terraform
   * state, where the provider does not mark it sensitive).
   *
   * 1-100 characters: letters, digits and ``~!`@#$%^&*()_-+={}[]|;:'",.<>/?``, no spaces; must
   * equal the peer's key. Terraform `tunnel_ike_config.psk` / `ike_config.psk`.
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65288.html
   */
  readonly presharedKey: string | PresharedKey;

  /**
   * IKE version: `ikev1` or `ikev2`. Terraform `ike_version`.
   *
   * @default 'ikev2'
   */
  readonly ikeVersion?: string;

  /**
   * IKE phase 1 negotiation mode. Terraform `ike_mode`.
   *
   * @default AlicloudIkeMode.MAIN
   */
  readonly ikeMode?: AlicloudIkeMode;

  /**
   * Phase 1 (IKE) encryption, in Alibaba Cloud's spelling: `aes` (AES-128), `aes192`,
   * `aes256`, `des`, `3des`. Terraform `ike_enc_alg`.
   *
   * @default 'aes256'
   */
  readonly phase1EncryptionAlgorithm?: string;

  /**
   * Phase 1 integrity: `md5`, `sha1`, `sha256`, `sha384`, `sha512`. Terraform `ike_auth_alg`.
   *
   * @default 'sha256'
   */
  readonly phase1IntegrityAlgorithm?: string;

  /**
   * Phase 1 Diffie-Hellman group: `group1`, `group2`, `group5`, `group14`. Terraform `ike_pfs`.
   *
   * @default 'group14'
   */
  readonly phase1DhGroup?: string;

  /**
   * Phase 1 SA lifetime, in seconds: in
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.phase1.lifetimeSeconds`. Terraform
   * `ike_lifetime`.
   *
   * @default {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_TUNNEL | ALICLOUD_DEFAULT_TUNNEL}`.phase1LifetimeSeconds`
   */
  readonly phase1LifetimeSeconds?: number;

  /**
   * Phase 2 (IPsec) encryption: `aes` (AES-128), `aes192`, `aes256`, `des`, `3des`.
   * Terraform `ipsec_enc_alg`.
   *
   * @default 'aes256'
   */
  readonly phase2EncryptionAlgorithm?: string;

  /**
   * Phase 2 integrity: `md5`, `sha1`, `sha256`, `sha384`, `sha512`. Terraform `ipsec_auth_alg`.
   *
   * @default 'sha256'
   */
  readonly phase2IntegrityAlgorithm?: string;

  /**
   * Phase 2 perfect forward secrecy group: `group1`, `group2`, `group5`, `group14`, or
   * `disabled`. Terraform `ipsec_pfs`.
   *
   * @default 'group14'
   */
  readonly phase2PfsGroup?: string;

  /**
   * Phase 2 SA lifetime, in seconds: in
   * {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.phase2.lifetimeSeconds`. Terraform
   * `ipsec_lifetime`.
   *
   * @default {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_TUNNEL | ALICLOUD_DEFAULT_TUNNEL}`.phase2LifetimeSeconds`
   */
  readonly phase2LifetimeSeconds?: number;

  /**
   * The Alibaba Cloud side's IKE identity: an IP address or an FQDN, at most 100 characters.
   * Terraform `tunnel_ike_config.local_id` / `ike_config.ike_local_id`.
   *
   * @default - the gateway's public IP of this tunnel, when the gateway exposes it; else not written (Alibaba Cloud uses that IP)
   */
  readonly localId?: string;

  /**
   * The peer's IKE identity: an IP address or an FQDN, at most 100 characters.
   * Terraform `tunnel_ike_config.remote_id` / `ike_config.ike_remote_id`.
   *
   * @default - the peer's `ipAddress`
   */
  readonly remoteId?: string;

  /**
   * Whether dead peer detection is on. Terraform `enable_dpd`.
   *
   * @default true
   */
  readonly enableDpd?: boolean;

  /**
   * Whether NAT traversal is on. Terraform `enable_nat_traversal`.
   *
   * @default true
   */
  readonly enableNatTraversal?: boolean;

  /**
   * The tunnel's inside /30 (BGP routing only).
   *
   * An aligned /30 in {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.insideRanges` outside its
   * `insideReserved` blocks; unique across the tunnels of one VPN gateway, so the two tunnels of a
   * connection differ. Terraform `tunnel_bgp_config.tunnel_cidr` / `bgp_config.tunnel_cidr`.
   *
   * @default - none: required with BGP routing, unused otherwise
   * @see https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing
   */
  readonly tunnelCidr?: string;

  /**
   * The Alibaba Cloud side's BGP address: a host of `tunnelCidr` (BGP routing only).
   * Terraform `tunnel_bgp_config.local_bgp_ip` / `bgp_config.local_bgp_ip`.
   *
   * @default - the first host of `tunnelCidr`; not written when `tunnelCidr` is a token (Alibaba Cloud picks)
   */
  readonly localBgpIp?: string;
}

/** Tunnel options with every default applied. */
export interface ResolvedTunnel {
  readonly peer: IAlicloudPeerGateway;
  readonly presharedKey: string | PresharedKey;
  readonly ikeVersion: string;
  readonly ikeMode: string;
  readonly phase1EncryptionAlgorithm: string;
  readonly phase1IntegrityAlgorithm: string;
  readonly phase1DhGroup: string;
  readonly phase1LifetimeSeconds: number;
  readonly phase2EncryptionAlgorithm: string;
  readonly phase2IntegrityAlgorithm: string;
  readonly phase2PfsGroup: string;
  readonly phase2LifetimeSeconds: number;
  readonly localId?: string;
  readonly remoteId: string;
  readonly enableDpd: boolean;
  readonly enableNatTraversal: boolean;
  readonly tunnelCidr?: string;
  readonly localBgpIp?: string;
}

/** The defaults: the planner's strong proposal and timers (`ALICLOUD_DEFAULT_TUNNEL`, the Alibaba Cloud profile in `src/plan/clouds/alicloud.ts`). */
export const TUNNEL_DEFAULTS = {
  ikeVersion: ALICLOUD_DEFAULT_TUNNEL.ikeVersion,
  ikeMode: AlicloudIkeMode.MAIN,
  encryption: ALICLOUD_DEFAULT_TUNNEL.encryption,
  integrity: ALICLOUD_DEFAULT_TUNNEL.integrity,
  dhGroup: ALICLOUD_DEFAULT_TUNNEL.dhGroup,
  pfsGroup: ALICLOUD_DEFAULT_TUNNEL.pfsGroup,
  phase1LifetimeSeconds: ALICLOUD_DEFAULT_TUNNEL.phase1LifetimeSeconds,
  phase2LifetimeSeconds: ALICLOUD_DEFAULT_TUNNEL.phase2LifetimeSeconds,
} as const;

const isToken = (v: unknown) => Token.isUnresolved(v);

/** The first host of a literal /30 (the default local BGP address), else `undefined`. */
function firstHost(cidr: string | undefined): string | undefined {
  if (cidr === undefined || isToken(cidr)) return undefined;
  const parsed = parseCidr(cidr);
  return parsed.ok ? formatIpv4(parsed.cidr.network + 1) : undefined;
}

/** Applies the defaults; `localId` defaults to the gateway's IP of this tunnel when known. */
export function resolveTunnel(t: AlicloudTunnelOptions, gatewayIp: string | undefined): ResolvedTunnel {
  return {
    peer: t.peer,
    presharedKey: t.presharedKey,
    ikeVersion: t.ikeVersion ?? TUNNEL_DEFAULTS.ikeVersion,
    ikeMode: t.ikeMode ?? TUNNEL_DEFAULTS.ikeMode,
    phase1EncryptionAlgorithm: t.phase1EncryptionAlgorithm ?? TUNNEL_DEFAULTS.encryption,
    phase1IntegrityAlgorithm: t.phase1IntegrityAlgorithm ?? TUNNEL_DEFAULTS.integrity,
    phase1DhGroup: t.phase1DhGroup ?? TUNNEL_DEFAULTS.dhGroup,
    phase1LifetimeSeconds: t.phase1LifetimeSeconds ?? TUNNEL_DEFAULTS.phase1LifetimeSeconds,
    phase2EncryptionAlgorithm: t.phase2EncryptionAlgorithm ?? TUNNEL_DEFAULTS.encryption,
    phase2IntegrityAlgorithm: t.phase2IntegrityAlgorithm ?? TUNNEL_DEFAULTS.integrity,
    phase2PfsGroup: t.phase2PfsGroup ?? TUNNEL_DEFAULTS.pfsGroup,
    phase2LifetimeSeconds: t.phase2LifetimeSeconds ?? TUNNEL_DEFAULTS.phase2LifetimeSeconds,
    localId: t.localId ?? gatewayIp,
    remoteId: t.remoteId ?? t.peer.ipAddress,
    enableDpd: t.enableDpd ?? true,
    enableNatTraversal: t.enableNatTraversal ?? true,
    tunnelCidr: t.tunnelCidr,
    localBgpIp: t.localBgpIp ?? firstHost(t.tunnelCidr),
  };
}

/** The literal key behind a key option, or `undefined` when it is a token. Used for validation only. */
function literalKey(key: string | PresharedKey): string | undefined {
  if (key instanceof PresharedKey) return key.reveal();
  return isToken(key) ? undefined : key;
}

/**
 * Checks one tunnel's options (defaults applied) and records every problem under
 * `<prefix>.<prop>`. Unresolved tokens are skipped; a key is never echoed.
 */
export function checkTunnel(checker: PropsChecker, prefix: string, t: ResolvedTunnel, bgp: boolean): void {
  const p = (prop: string) => `${prefix}.${prop}`;

  const key = literalKey(t.presharedKey);
  if (key !== undefined) {
    const problem = pskProblem('alicloud', key);
    const rule = FACTS.alicloud.psk;
    // The value itself is never echoed, only the rule it breaks.
    checker.check(p('presharedKey'), 'psk-invalid', problem && `the key is rejected: ${problem}; allowed: ${rule.charset}, ${rule.length.min}-${rule.length.max} characters`);
  }

  const ikeNames = Object.values(FACTS.alicloud.spelling.ikeVersion);
  if (!isToken(t.ikeVersion) && !ikeNames.includes(t.ikeVersion)) {
    checker.check(p('ikeVersion'), 'ike-version-unknown', `${show(t.ikeVersion)} is not an IKE version Alibaba Cloud knows; allowed: ${ikeNames.join(', ')}`);
  }
  if (!isToken(t.ikeMode) && !IKE_MODES.includes(t.ikeMode)) {
    checker.check(p('ikeMode'), 'ike-mode-unknown', `${show(t.ikeMode)} is not an IKE mode Alibaba Cloud knows; allowed: ${IKE_MODES.join(', ')}`);
  }
  const algorithms = [
    ['phase1EncryptionAlgorithm', 'phase1', 'encryption', t.phase1EncryptionAlgorithm],
    ['phase1IntegrityAlgorithm', 'phase1', 'integrity', t.phase1IntegrityAlgorithm],
    ['phase1DhGroup', 'phase1', 'dhGroup', t.phase1DhGroup],
    ['phase2EncryptionAlgorithm', 'phase2', 'encryption', t.phase2EncryptionAlgorithm],
    ['phase2IntegrityAlgorithm', 'phase2', 'integrity', t.phase2IntegrityAlgorithm],
    ['phase2PfsGroup', 'phase2', 'dhGroup', t.phase2PfsGroup],
  ] as const;
  for (const [prop, phase, kind, value] of algorithms) {
    if (!isToken(value)) checker.check(p(prop), 'tunnel-algorithm-unsupported', algorithmProblem('alicloud', phase, kind, value));
  }
  for (const [prop, phase, value] of [['phase1LifetimeSeconds', 'phase1', t.phase1LifetimeSeconds], ['phase2LifetimeSeconds', 'phase2', t.phase2LifetimeSeconds]] as const) {
    if (!isToken(value)) checker.check(p(prop), 'lifetime-out-of-range', lifetimeProblem('alicloud', phase, value));
  }
  for (const [prop, value] of [['localId', t.localId], ['remoteId', t.remoteId]] as const) {
    if (value !== undefined && !isToken(value) && (value.length === 0 || value.length > IKE_ID_MAX_LENGTH)) {
      checker.check(p(prop), 'ike-id-invalid', `an identity of ${value.length} characters; allowed: 1-${IKE_ID_MAX_LENGTH} characters (an IP address or an FQDN)`);
    }
  }

  if (!bgp) {
    if (t.tunnelCidr !== undefined) {
      checker.check(p('tunnelCidr'), 'bgp-config-unused', `${show(t.tunnelCidr)} is given but the connection does not use BGP; allowed: tunnelCidr with AlicloudConnectionRouting.bgp() only`);
    }
    return;
  }
  if (t.tunnelCidr === undefined) {
    checker.check(p('tunnelCidr'), 'tunnel-cidr-missing', 'is required with BGP routing; allowed: an aligned /30 in 169.254.0.0/16 outside Alibaba Cloud\'s reserved blocks');
  } else if (!isToken(t.tunnelCidr)) {
    const problem = insideCidrProblem(['alicloud'], t.tunnelCidr);
    checker.check(p('tunnelCidr'), 'tunnel-cidr-invalid', problem);
    if (!problem && t.localBgpIp !== undefined && !isToken(t.localBgpIp)) {
      checker.check(p('localBgpIp'), 'local-bgp-ip-invalid', addressInCidrProblem(t.localBgpIp, t.tunnelCidr)?.concat('; allowed: one of the two host addresses of tunnelCidr'));
    }
  }
}

/** The inside CIDR in canonical form when it is a valid literal, else as given. */
export function canonicalCidr(text: string): string {
  if (isToken(text)) return text;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.cidr.text : text;
}

/** The key as the resource attribute: a planner key is revealed only when Terraform JSON is rendered. */
export function renderKey(key: string | PresharedKey): string {
  return key instanceof PresharedKey ? Lazy.stringValue({ produce: () => key.reveal() }) : key;
}
