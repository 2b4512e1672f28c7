/**
 * How an AWS Site-to-Site VPN tunnel behaves, given its `AWS::EC2::VPNConnection` tunnel options
 * (facts: shared/reference/cloud-vpn-facts.md §4, sources A1-A13).
 *
 * - Proposals: the listed algorithms in any combination; when a list is not written, AWS's
 *   default is every value it supports (A1 A3): phase 1 AES128/AES256/AES128-GCM-16/AES256-GCM-16,
 *   SHA1/SHA2-256/SHA2-384/SHA2-512, DH 2 and 14-24; phase 2 the same with DH 2, 5, 14-24. PFS is
 *   always on (AWS has no "no PFS" option).
 * - IKE versions: `IKEVersions`, default both (A1).
 * - Lifetimes: phase 1 default 28800 s, phase 2 default 3600 s (A1).
 * - Initiation: `StartupAction` `add` (default: AWS waits for the peer) or `start` (AWS
 *   initiates; IKEv2 only) (A9).
 * - DPD: `DPDTimeoutSeconds` default 30, action `clear` by default (A1); AWS probes every 10 s.
 * - Inside addresses: AWS takes the first host of `TunnelInsideCidr`, the peer the second (Z8);
 *   without a CIDR AWS allocates one at deploy time, so the peer cannot be configured from the output.
 * - BGP: AWS's ASN is the gateway's `AmazonSideAsn` (default 64512), the peer's the customer
 *   gateway's `BgpAsn` (default 65000, A6); hold time 30 s, keepalive 10 s; AWS opens sessions.
 * - Traffic selectors: `RemoteIpv4NetworkCidr` (AWS side) / `LocalIpv4NetworkCidr` (customer
 *   side), default 0.0.0.0/0 (route-based).
 */
import type { AwsConnectionRes, Deployment, Json } from '../read-output';
import type { TunnelHalf } from '../types';
import { DH_KEYWORDS, espProposals, hostsOf, ikeProposals, spellings } from './proposals';
import { addressOf, describe, endpointKeyOf } from './common';

const AWS = spellings('aws');
const ALL = {
  phase1Encryption: ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'],
  phase1Integrity: ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase1Dh: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
  phase2Encryption: ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'],
  phase2Integrity: ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase2Dh: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
};
/** AWS BGP timers (AWS Site-to-Site VPN user guide: hold time 30 s, keepalive 10 s). */
const BGP_HOLD = 30;
const BGP_KEEPALIVE = 10;
const DEFAULT_CGW_ASN = 65000;
const DPD_INTERVAL = 10;

type Obj = { [key: string]: Json };

/** `[{Value: x}, ...]` (CloudFormation) or plain values → strings. */
function values(list: Json | undefined): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Obj).Value : x)).filter((x) => x !== undefined && x !== null).map(String);
}

/** The two tunnel halves of one AWS VPN connection. */
export function awsHalves(conn: AwsConnectionRes, d: Deployment): TunnelHalf[] {
  return conn.tunnels.map((t, i) => {
    const o = t.options;
    const notes: string[] = [];
    const problems: string[] = [];
    const pick = (key: string, all: readonly (string | number)[]) => {
      const v = values(o[key]);
      if (v === undefined || v.length === 0) {
        notes.push(`${key} not set: AWS accepts all of ${all.join(', ')}`);
        return all.map(String);
      }
      return v;
    };
    const map = (names: string[], f: (n: string) => string | undefined | null, what: string) => names.map((n) => {
      const kw = f(n);
      if (!kw) problems.push(`${what} '${n}' is not a value AWS accepts`);
      return kw;
    }).filter((x): x is string => !!x);
    const versions = pick('IKEVersions', ['ikev1', 'ikev2']);
    const ikeVersion: 0 | 1 | 2 = versions.includes('ikev1') && versions.includes('ikev2') ? 0 : versions.includes('ikev1') ? 1 : 2;
    const expand = ikeVersion !== 2;
    const p1enc = map(pick('Phase1EncryptionAlgorithms', ALL.phase1Encryption), AWS.encryption, 'Phase1EncryptionAlgorithms');
    const p1int = map(pick('Phase1IntegrityAlgorithms', ALL.phase1Integrity), AWS.integrity, 'Phase1IntegrityAlgorithms');
    const p1dh = map(pick('Phase1DHGroupNumbers', ALL.phase1Dh), (n) => (ALL.phase1Dh.includes(Number(n)) ? DH_KEYWORDS[Number(n)] : undefined), 'Phase1DHGroupNumbers');
    const p2enc = map(pick('Phase2EncryptionAlgorithms', ALL.phase2Encryption), AWS.encryption, 'Phase2EncryptionAlgorithms');
    const p2int = map(pick('Phase2IntegrityAlgorithms', ALL.phase2Integrity), AWS.integrity, 'Phase2IntegrityAlgorithms');
    const p2dh = map(pick('Phase2DHGroupNumbers', ALL.phase2Dh), (n) => (ALL.phase2Dh.includes(Number(n)) ? DH_KEYWORDS[Number(n)] : undefined), 'Phase2DHGroupNumbers');
    const esp = espProposals(p2enc, p2int, p2dh, expand);
    const startup = typeof o.StartupAction === 'string' ? o.StartupAction : 'add';
    if (startup === 'start' && ikeVersion !== 2) notes.push('StartupAction start needs IKEv2 only (A9)');

    const outside = addressOf(d, t.endpoint)!;
    const peerKey = endpointKeyOf(conn.customerGateway.address);
    const peer = peerKey === undefined ? undefined : d.endpoints.get(peerKey);
    if ('missing' in t.psk) problems.push(t.psk.missing);
    const insideCidr = typeof o.TunnelInsideCidr === 'string' ? o.TunnelInsideCidr : undefined;
    const hosts = insideCidr ? hostsOf(insideCidr) : undefined;
    if (!insideCidr) problems.push(`tunnel${i + 1}: TunnelInsideCidr is not set, AWS allocates one at deploy time`);
    else if (!hosts) problems.push(`tunnel${i + 1}: TunnelInsideCidr '${insideCidr}' is not a /30`);

    const localTs = conn.remoteNetworkCidr ?? '0.0.0.0/0';
    const remoteTs = conn.localNetworkCidr ?? '0.0.0.0/0';
    const policy = localTs !== '0.0.0.0/0' || remoteTs !== '0.0.0.0/0';
    const bgp = conn.staticRoutesOnly !== true;
    const cgwAsn = conn.customerGateway.bgpAsn ?? DEFAULT_CGW_ASN;
    if (bgp && conn.customerGateway.bgpAsn === undefined) notes.push(`customer gateway BgpAsn not set: AWS uses ${DEFAULT_CGW_ASN}`);
    const dpdTimeout = typeof o.DPDTimeoutSeconds === 'number' ? o.DPDTimeoutSeconds : 30;
    const dpdAction = o.DPDTimeoutAction === 'restart' ? 'restart' : o.DPDTimeoutAction === 'none' ? 'none' : 'clear';
    const label = `${conn.label} tunnel${i + 1}`;
    return {
      key: `${conn.key}#tunnel${i + 1}`,
      cloud: 'aws',
      site: conn.gateway.key,
      label,
      group: conn.key,
      outsideEndpoint: t.endpoint,
      outsideAddress: outside,
      peerEndpoint: peer?.key,
      peerAddress: peer?.address,
      peerAddressSource: describe(conn.customerGateway.address),
      psk: 'key' in t.psk ? t.psk.key : undefined,
      localId: outside,
      remoteId: peer?.address ?? '%any',
      ikeVersion,
      aggressive: false,
      ikeProposals: ikeProposals(p1enc, p1int, p1dh, expand),
      esp: { offers: esp, accepts: esp },
      initiation: startup === 'start'
        ? { initiates: 'always', responds: true, setting: 'StartupAction=start' }
        : { initiates: 'never', responds: true, setting: `StartupAction=${startup}` },
      ikeLifetimeSeconds: typeof o.Phase1LifetimeSeconds === 'number' ? o.Phase1LifetimeSeconds : 28800,
      childLifetimeSeconds: typeof o.Phase2LifetimeSeconds === 'number' ? o.Phase2LifetimeSeconds : 3600,
      dpd: { delaySeconds: DPD_INTERVAL, timeoutSeconds: dpdTimeout, action: dpdAction },
      localTs: [localTs],
      remoteTs: [remoteTs],
      routing: bgp ? 'bgp' : policy ? 'policy' : 'static',
      inside: hosts ? { address: hosts.first, peerAddress: hosts.second, prefixLength: 30, source: `TunnelInsideCidr ${insideCidr}` } : undefined,
      bgp: bgp ? { localAsn: conn.gateway.asn ?? 64512, peerAsn: cgwAsn, passive: false, holdTimeSeconds: BGP_HOLD, keepaliveSeconds: BGP_KEEPALIVE } : undefined,
      advertise: policy ? [localTs] : conn.gateway.networks,
      routes: conn.routes,
      notes,
      problems,
      resources: [`cdk:${conn.stack}/${conn.logicalId}`, ...(conn.customerGateway.id !== '?' ? [`cdk:${conn.customerGateway.id}`] : []), ...(conn.gateway.key.includes('/') ? [`cdk:${conn.gateway.key.replace(/^aws:/, '')}`] : [])],
      assumptions: [],
    } satisfies TunnelHalf;
  });
}
