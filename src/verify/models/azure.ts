/**
 * How an Azure VPN gateway behaves on one `azurerm_virtual_network_gateway_connection`
 * (facts: shared/reference/cloud-vpn-facts.md §4-§5, sources Z2-Z13).
 *
 * - Tunnels: an active-active gateway runs the connection from BOTH instances (ip
 *   configurations), each from its own public IP to the local network gateway's address (Z10);
 *   a peer that registered only one of the two IPs answers one of them, the other stays idle.
 * - Proposals: with `ipsec_policy`, exactly that one proposal is sent and accepted (Z3). Without
 *   it, Azure's default policy (Z4): phase 1 DH group 2 only with AES256/AES128/3DES ×
 *   SHA1/SHA256; phase 2 as initiator GCM-AES256, AES256/SHA1, 3DES/SHA1, AES256/SHA256,
 *   AES128/SHA1, 3DES/SHA256 all WITHOUT PFS; as responder additionally PFS 1/2/14/24.
 * - IKE version: `connection_protocol`, default IKEv2.
 * - Lifetimes: phase 1 fixed at 28800 s (Z3); phase 2 `ipsec_policy.sa_lifetime`, default 27000 s.
 * - Initiation: `connection_mode` Default (initiates and answers), InitiatorOnly (does not answer),
 *   ResponderOnly (only answers) (Z11).
 * - DPD: `dpd_timeout_seconds`, default 45 (Z3); the probe interval is not documented (a third of
 *   the timeout is assumed).
 * - Traffic selectors: route-based any-to-any, or with `use_policy_based_traffic_selectors` the
 *   `traffic_selector_policy` prefixes (else the VNet and local network gateway prefixes).
 * - BGP: gateway `bgp_settings.asn` (default 65515) toward the local network gateway's ASN and
 *   `bgp_peering_address`; Azure's own address on the connection is `custom_bgp_addresses.primary`
 *   (instance 0) / `.secondary` (instance 1), else the instance's first APIPA address (Z7 Z8).
 *   Azure does not initiate BGP from an APIPA address (Z7): the lab's BIRD is passive there.
 *   Timers: keepalive 60 s, hold 180 s (Azure BGP FAQ; unconfirmed).
 */
import type { AzureConnectionRes, AzureGatewayRes, Deployment, Json } from '../read-output';
import type { TunnelHalf } from '../types';
import { addressOf, describe, endpointKeyOf } from './common';
import { ikeProposals, spellings } from './proposals';

type Obj = { [key: string]: Json };
const AZURE = spellings('azure', {
  dh: { DHGroup2048: 'modp2048' },
  pfs: { PFS14: 'modp2048', PFS2048: 'modp2048' },
  encryption: { None: 'null' },
});
const DEFAULT_ASN = 65515;
const BGP_HOLD = 180;
const BGP_KEEPALIVE = 60;

/** Azure's default (no custom policy) proposals (Z4). */
export const AZURE_DEFAULT_POLICY = {
  ike: ['aes256-sha1-modp1024', 'aes256-sha256-modp1024', 'aes128-sha1-modp1024', 'aes128-sha256-modp1024', '3des-sha1-modp1024', '3des-sha256-modp1024'],
  espInitiator: ['aes256gcm16', 'aes256-sha1', '3des-sha1', 'aes256-sha256', 'aes128-sha1', '3des-sha256'],
  espResponderPfs: ['aes256-aes128-3des-sha1-sha256-modp768-modp1024-modp2048-modp2048s256'],
};

const block = (v: Json | undefined): Obj | undefined => {
  const b = Array.isArray(v) ? v[0] : v;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? b : undefined;
};
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The tunnel halves of one Azure connection: one per gateway instance. */
export function azureHalves(conn: AzureConnectionRes, d: Deployment): TunnelHalf[] {
  const gw = conn.gateway;
  if (!gw) return [];
  const b = conn.body;
  const instances = gw.activeActive ? gw.instances : gw.instances.slice(0, 1);
  return instances.map((instance, index) => halfFor(conn, gw, b, instance, index, d));
}

function halfFor(conn: AzureConnectionRes, gw: AzureGatewayRes, b: Obj, instance: AzureGatewayRes['instances'][number], index: number, d: Deployment): TunnelHalf {
  const notes: string[] = [];
  const problems: string[] = [];
  const lng = conn.localNetworkGateway;
  if ('missing' in conn.sharedKey) problems.push(conn.sharedKey.missing);
  if (b.type !== undefined && b.type !== 'IPsec') problems.push(`connection type '${String(b.type)}' is not a site-to-site IPsec connection`);
  const protocol = typeof b.connection_protocol === 'string' ? b.connection_protocol : 'IKEv2';
  const ikeVersion: 1 | 2 = protocol.toUpperCase() === 'IKEV1' ? 1 : 2;

  // Proposals: the custom policy, else Azure's default policy.
  const policy = block(b.ipsec_policy);
  let ike: string[];
  let offers: string[];
  let accepts: string[];
  let childLifetime = 27000;
  const need = (v: string | null | undefined, what: string, name: unknown) => {
    if (v === undefined) problems.push(`ipsec_policy.${what} '${String(name)}' is not a value Azure accepts`);
    return v;
  };
  if (policy) {
    const enc = need(AZURE.encryption(String(policy.ike_encryption)), 'ike_encryption', policy.ike_encryption);
    const integ = need(AZURE.integrity(String(policy.ike_integrity)), 'ike_integrity', policy.ike_integrity);
    const dh = need(AZURE.dh(String(policy.dh_group)), 'dh_group', policy.dh_group);
    ike = enc && integ && dh ? ikeProposals([enc], [integ], [dh], false) : [];
    const penc = need(AZURE.encryption(String(policy.ipsec_encryption)), 'ipsec_encryption', policy.ipsec_encryption);
    const pint = String(policy.ipsec_integrity);
    const gcm = /^GCMAES/i.test(pint);
    const pinteg = gcm ? undefined : need(AZURE.integrity(pint), 'ipsec_integrity', pint);
    if (gcm && penc !== AZURE.encryption(pint)) problems.push(`ipsec_integrity '${pint}' must name the same GCM cipher as ipsec_encryption '${String(policy.ipsec_encryption)}'`);
    const pfsName = String(policy.pfs_group);
    const pfs = AZURE.pfs(pfsName);
    if (pfs === undefined) problems.push(`ipsec_policy.pfs_group '${pfsName}' is not a PFS group this verifier knows (PFSMM is undocumented)`);
    const esp = penc ? [[penc, pinteg, pfs].filter(Boolean).join('-')] : [];
    offers = esp;
    accepts = esp;
    if (typeof policy.sa_lifetime === 'number') childLifetime = policy.sa_lifetime;
  } else {
    notes.push('no ipsec_policy: Azure\'s default policy (phase 1 DH group 2 only; as initiator, phase 2 without PFS)');
    ike = AZURE_DEFAULT_POLICY.ike;
    offers = AZURE_DEFAULT_POLICY.espInitiator;
    accepts = [...AZURE_DEFAULT_POLICY.espInitiator, ...AZURE_DEFAULT_POLICY.espResponderPfs];
  }

  const mode = typeof b.connection_mode === 'string' ? b.connection_mode : 'Default';
  const initiation = mode === 'ResponderOnly'
    ? { initiates: 'never' as const, responds: true, setting: 'connection_mode=ResponderOnly' }
    : mode === 'InitiatorOnly'
      ? { initiates: 'always' as const, responds: false, setting: 'connection_mode=InitiatorOnly' }
      : { initiates: 'always' as const, responds: true, setting: `connection_mode=${mode}` };
  const dpdTimeout = typeof b.dpd_timeout_seconds === 'number' ? b.dpd_timeout_seconds : 45;

  // Traffic selectors.
  let localTs = ['0.0.0.0/0'];
  let remoteTs = ['0.0.0.0/0'];
  const policyBased = b.use_policy_based_traffic_selectors === true;
  if (policyBased) {
    const tsp = block(b.traffic_selector_policy);
    localTs = tsp ? strings(tsp.local_address_cidrs) : [...gw.networks];
    remoteTs = tsp ? strings(tsp.remote_address_cidrs) : [...(lng?.addressSpace ?? [])];
    if (!tsp) notes.push('policy-based selectors from the VNet and local network gateway prefixes');
    if (!policy) problems.push('use_policy_based_traffic_selectors needs an ipsec_policy');
  }

  // BGP.
  const bgpOn = b.enable_bgp === true || b.bgp_enabled === true;
  let inside: TunnelHalf['inside'];
  let bgp: TunnelHalf['bgp'];
  if (bgpOn) {
    if (!gw.bgpEnabled) problems.push(`BGP is on for the connection but not on gateway ${gw.name}`);
    if (!lng?.bgp) problems.push('BGP is on but the local network gateway has no bgp_settings');
    const custom = block(b.custom_bgp_addresses);
    const customAddress = custom ? custom[index === 0 ? 'primary' : 'secondary'] : undefined;
    let own: string | undefined;
    let source: string;
    if (typeof customAddress === 'string') {
      own = customAddress;
      source = `custom_bgp_addresses.${index === 0 ? 'primary' : 'secondary'}`;
      if (!instance.apipa.includes(own)) notes.push(`custom_bgp_addresses.${index === 0 ? 'primary' : 'secondary'} ${own} is not an APIPA address of ${instance.name} (${instance.apipa.join(', ') || 'none'})`);
    } else if (instance.apipa.length) {
      own = instance.apipa[0];
      source = `${instance.name} first APIPA address (no custom_bgp_addresses)`;
      notes.push(`${instance.name}: no custom BGP address on the connection; Azure's choice among APIPA addresses is assumed to be the first`);
    } else {
      source = 'default BGP address';
      problems.push(`${instance.name}: BGP from Azure's default peering address (a GatewaySubnet IP known only after deployment)`);
    }
    if (own && lng?.bgp) {
      inside = { address: own, peerAddress: lng.bgp.peeringAddress, prefixLength: 32, source };
      bgp = { localAsn: gw.asn ?? DEFAULT_ASN, peerAsn: lng.bgp.asn, passive: own.startsWith('169.254.'), holdTimeSeconds: BGP_HOLD, keepaliveSeconds: BGP_KEEPALIVE };
    }
  }

  const outside = addressOf(d, instance.endpoint);
  if (!outside) problems.push(`${instance.name}: public IP not found`);
  const peerKey = endpointKeyOf(lng?.address);
  const peer = peerKey === undefined ? undefined : d.endpoints.get(peerKey);
  return {
    key: `${conn.key}#${instance.name}`,
    cloud: 'azure',
    site: gw.key,
    label: `${conn.label} ${instance.name}`,
    group: conn.key,
    outsideEndpoint: instance.endpoint ?? `${gw.key}#${instance.name}`,
    outsideAddress: outside ?? '0.0.0.0',
    peerEndpoint: peer?.key,
    peerAddress: peer?.address,
    peerAddressSource: describe(lng?.address),
    psk: 'key' in conn.sharedKey ? conn.sharedKey.key : undefined,
    localId: outside ?? '%any',
    remoteId: peer?.address ?? '%any',
    ikeVersion,
    aggressive: false,
    ikeProposals: ike,
    esp: { offers, accepts },
    initiation,
    ikeLifetimeSeconds: 28800,
    childLifetimeSeconds: childLifetime,
    dpd: { delaySeconds: Math.max(3, Math.round(dpdTimeout / 3)), timeoutSeconds: dpdTimeout, action: mode === 'ResponderOnly' ? 'clear' : 'restart' },
    localTs,
    remoteTs,
    routing: bgpOn ? 'bgp' : policyBased ? 'policy' : 'static',
    inside,
    bgp,
    advertise: policyBased ? localTs : gw.networks,
    routes: lng?.addressSpace ?? [],
    notes,
    problems,
    resources: [conn.key, gw.key, ...(lng ? [lng.key] : []), ...(instance.endpoint ? [instance.endpoint] : [])].map((k) => k.replace(/^azure:/, 'cdktf:')),
    assumptions: [],
  };
}
