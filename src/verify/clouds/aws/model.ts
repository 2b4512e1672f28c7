/**
 * How an AWS Site-to-Site VPN tunnel behaves, given its effective tunnel options (the
 * `AWS::EC2::VPNConnection`'s, with the options its `Custom::VpnTunnelOptions` applies in place
 * laid over them: `tunnel-options.ts`), on verify's own AWS tables (`tables.ts`, every value
 * sourced there).
 *
 * - Proposals: the listed algorithms in any combination; a list not written means every value AWS
 *   supports (UG-TUNNELS). PFS is always on (no "no PFS" value exists).
 * - IKE versions: `IKEVersions`, default both.
 * - Lifetimes: phase 1 default 28800 s, phase 2 default 3600 s (CFN-TUNNEL).
 * - Initiation: `StartupAction` `add` (default: AWS waits for the peer) or `start` (AWS
 *   initiates; IKEv2 only, which acceptance enforces).
 * - DPD: `DPDTimeoutSeconds` default 30, action `clear` by default (CFN-TUNNEL); AWS probes
 *   after 10 s without traffic (KC-DPD).
 * - Inside addresses: AWS takes the first host of `TunnelInsideCidr`, the peer the second (Z8);
 *   without a CIDR AWS allocates one at deploy time, so the peer cannot be configured from the output.
 * - BGP: AWS's ASN is the gateway's `AmazonSideAsn` (default 64512) when the gateway is in the
 *   output, else the connection's `Metadata.CrossCloudVpn.Gateway.Asn` (an existing gateway);
 *   without either it is unverifiable. The peer's ASN is the customer gateway's `BgpAsn` /
 *   `BgpAsnExtended`. Timers and who opens the session are assumptions (`AWS_ASSUMPTIONS`).
 * - Traffic selectors: `RemoteIpv4NetworkCidr` (AWS side) / `LocalIpv4NetworkCidr` (customer
 *   side), default 0.0.0.0/0 (route-based) (CFN-CONN).
 */
import type { AwsConnectionRes } from './extract';
import type { DeploymentBase } from '../../deployment';
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import type { Assumption, TunnelHalf } from '../../types';
import { DH_KEYWORDS, espProposals, hostsOf, ikeProposals } from '../../models/proposals';
import { addressOf, describe, endpointKeyOf } from '../../models/common';
import {
  AWS_ASSUMPTIONS, AWS_BGP_TIMERS, AWS_CGW_ASN, AWS_DPD_ACTIONS, AWS_DPD_INTERVAL, AWS_ENCRYPTION, AWS_IKE_VERSIONS, AWS_INTEGRITY,
  AWS_PHASE1_DH, AWS_PHASE2_DH, AWS_STARTUP_ACTIONS, AWS_TGW_ASN, AWS_TUNNEL_RANGES, AWS_VGW_ASN,
} from './tables';
import { cfnById, gatewayOf, isObj, lookupsOf, routingOf } from './template';
import { tunnelOptionsOf } from './tunnel-options';
import { alarmsByTunnel } from './alarms';

/** `[{Value: x}, ...]` (CloudFormation) or plain values → strings. */
function values(list: Json | undefined): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((x) => (isObj(x) ? x.Value : x)).filter((x) => x !== undefined && x !== null).map(String);
}

const DH = (groups: readonly number[]) => (n: string) => (groups.includes(Number(n)) && String(Number(n)) === n.trim() ? DH_KEYWORDS[Number(n)] : undefined);

/** The Amazon-side ASN of a connection's gateway, or why it cannot be known from the output. */
export function awsGatewayAsn(conn: AwsConnectionRes, r?: Resolver): { asn: number; source: string; note?: string } | { why: string } {
  const res = r ? cfnById(r, conn.stack, conn.logicalId) : undefined;
  const meta = res?.body.Metadata;
  const declared = isObj(meta) && isObj(meta.CrossCloudVpn) && isObj(meta.CrossCloudVpn.Gateway) ? meta.CrossCloudVpn.Gateway.Asn : undefined;
  const metaAsn = typeof declared === 'number' && Number.isInteger(declared) ? declared : undefined;
  // A gateway resource in the output: its AmazonSideAsn, else AWS's default for its kind.
  const gw = r && res ? gatewayOf(r, res) : undefined;
  let fromGateway: { asn: number; source: string } | undefined;
  if (r && gw?.res) {
    const v = r.eval(gw.res.stack, gw.res.props.AmazonSideAsn);
    const table = gw.kind === 'transit-gateway' ? AWS_TGW_ASN : AWS_VGW_ASN;
    fromGateway = v.kind === 'literal' && typeof v.value === 'number'
      ? { asn: v.value, source: `AmazonSideAsn of ${gw.res.stack.name}/${gw.res.id}` }
      : v.kind === 'unknown' && v.why === 'absent' ? { asn: table.default, source: `AWS's default for ${gw.res.stack.name}/${gw.res.id} (${table.source})` } : undefined;
  } else if (!r && conn.gateway.key.includes('/') && conn.gateway.asn !== undefined) {
    fromGateway = { asn: conn.gateway.asn, source: `AmazonSideAsn of ${conn.gateway.key.replace(/^aws:/, '')}` };
  }
  if (fromGateway) {
    const note = metaAsn !== undefined && metaAsn !== fromGateway.asn ? `Metadata.CrossCloudVpn.Gateway.Asn ${metaAsn} differs from the gateway's ${fromGateway.asn} (${fromGateway.source}); the gateway's is used` : undefined;
    return { ...fromGateway, note };
  }
  if (metaAsn !== undefined) return { asn: metaAsn, source: `Metadata.CrossCloudVpn.Gateway.Asn of ${conn.logicalId}` };
  return { why: `the Amazon-side ASN of gateway ${conn.gateway.label} is unverifiable: the gateway is not in the folders read and ${conn.logicalId} has no Metadata.CrossCloudVpn.Gateway.Asn` };
}

/** The customer gateway's ASN: `BgpAsn`, else `BgpAsnExtended` (4-byte ASNs above 2147483647). */
function customerGatewayAsn(conn: AwsConnectionRes, r?: Resolver): number | undefined {
  if (conn.customerGateway.bgpAsn !== undefined) return conn.customerGateway.bgpAsn;
  const [stack, id] = conn.customerGateway.id.split('/');
  const cgw = r && id ? cfnById(r, stack, id) : undefined;
  const ext = cgw ? r!.eval(cgw.stack, cgw.props.BgpAsnExtended) : undefined;
  return ext?.kind === 'literal' && typeof ext.value === 'number' ? ext.value : undefined;
}

/** Keys of every resource that shapes this connection's tunnels. */
function resourcesOf(conn: AwsConnectionRes, r?: Resolver): string[] {
  const keys = [`cdk:${conn.stack}/${conn.logicalId}`];
  if (conn.customerGateway.id !== '?') keys.push(`cdk:${conn.customerGateway.id}`);
  if (conn.gateway.key.includes('/')) keys.push(`cdk:${conn.gateway.key.replace(/^aws:/, '')}`);
  const res = r ? cfnById(r, conn.stack, conn.logicalId) : undefined;
  if (r && res) keys.push(...lookupsOf(r, res).map((x) => x.key), ...tunnelOptionsOf(r, res).map((x) => x.key), ...routingOf(r, res).map((x) => x.key));
  return [...new Set(keys)];
}

/** The two tunnel halves of one AWS VPN connection. */
export function awsHalves(conn: AwsConnectionRes, d: DeploymentBase, r?: Resolver): TunnelHalf[] {
  const resources = resourcesOf(conn, r);
  const gatewayAsn = awsGatewayAsn(conn, r);
  return conn.tunnels.map((t, i) => {
    const o = t.options;
    const notes: string[] = [];
    const problems: string[] = [];
    const assumptions: Assumption[] = [];
    const pick = (key: string, all: readonly (string | number)[]) => {
      const v = values(o[key]);
      if (v === undefined || v.length === 0) {
        notes.push(`${key} not set: AWS accepts all of ${all.join(', ')}`);
        return all.map(String);
      }
      return v;
    };
    const map = (names: string[], f: (n: string) => string | undefined, what: string) => names.map((n) => {
      const kw = f(n);
      if (!kw) problems.push(`${what} '${n}' is not a value AWS accepts`);
      return kw;
    }).filter((x): x is string => !!x);
    const versions = pick('IKEVersions', Object.keys(AWS_IKE_VERSIONS));
    const numbers = versions.map((v) => AWS_IKE_VERSIONS[v]);
    const ikeVersion: 0 | 1 | 2 = numbers.includes(1) && numbers.includes(2) ? 0 : numbers.includes(1) ? 1 : 2;
    const expand = ikeVersion !== 2;
    const encryption = (n: string) => AWS_ENCRYPTION[n];
    const integrity = (n: string) => AWS_INTEGRITY[n];
    const p1enc = map(pick('Phase1EncryptionAlgorithms', Object.keys(AWS_ENCRYPTION)), encryption, 'Phase1EncryptionAlgorithms');
    const p1int = map(pick('Phase1IntegrityAlgorithms', Object.keys(AWS_INTEGRITY)), integrity, 'Phase1IntegrityAlgorithms');
    const p1dh = map(pick('Phase1DHGroupNumbers', AWS_PHASE1_DH), DH(AWS_PHASE1_DH), 'Phase1DHGroupNumbers');
    const p2enc = map(pick('Phase2EncryptionAlgorithms', Object.keys(AWS_ENCRYPTION)), encryption, 'Phase2EncryptionAlgorithms');
    const p2int = map(pick('Phase2IntegrityAlgorithms', Object.keys(AWS_INTEGRITY)), integrity, 'Phase2IntegrityAlgorithms');
    const p2dh = map(pick('Phase2DHGroupNumbers', AWS_PHASE2_DH), DH(AWS_PHASE2_DH), 'Phase2DHGroupNumbers');
    const esp = espProposals(p2enc, p2int, p2dh, expand);
    const startup = typeof o.StartupAction === 'string' ? o.StartupAction : AWS_STARTUP_ACTIONS.default;
    if (startup === 'start') assumptions.push(AWS_ASSUMPTIONS.initiatorOffer);

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
    const cgwAsn = customerGatewayAsn(conn, r) ?? AWS_CGW_ASN.default;
    if (bgp) {
      if (customerGatewayAsn(conn, r) === undefined) notes.push(`customer gateway BgpAsn not set: AWS's default is ${AWS_CGW_ASN.default}`);
      if (!('why' in gatewayAsn) && gatewayAsn.note) notes.push(gatewayAsn.note);
      assumptions.push(AWS_BGP_TIMERS.assumption, AWS_ASSUMPTIONS.bgpOpensSession);
    }
    const dpdTimeout = typeof o.DPDTimeoutSeconds === 'number' ? o.DPDTimeoutSeconds : AWS_TUNNEL_RANGES.dpdTimeoutSeconds.default;
    const dpdAction = (AWS_DPD_ACTIONS.values as readonly string[]).includes(String(o.DPDTimeoutAction)) ? o.DPDTimeoutAction as typeof AWS_DPD_ACTIONS.values[number] : AWS_DPD_ACTIONS.default;
    const label = `${conn.label} tunnel${i + 1}`;
    const alarms = r ? alarmsByTunnel(r).get(t.endpoint) ?? [] : [];
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
      ikeLifetimeSeconds: typeof o.Phase1LifetimeSeconds === 'number' ? o.Phase1LifetimeSeconds : AWS_TUNNEL_RANGES.phase1LifetimeSeconds.default,
      childLifetimeSeconds: typeof o.Phase2LifetimeSeconds === 'number' ? o.Phase2LifetimeSeconds : AWS_TUNNEL_RANGES.phase2LifetimeSeconds.default,
      dpd: { delaySeconds: AWS_DPD_INTERVAL.seconds, timeoutSeconds: dpdTimeout, action: dpdAction },
      localTs: [localTs],
      remoteTs: [remoteTs],
      routing: bgp ? 'bgp' : policy ? 'policy' : 'static',
      inside: hosts ? { address: hosts.first, peerAddress: hosts.second, prefixLength: 30, source: `TunnelInsideCidr ${insideCidr}` } : undefined,
      bgp: bgp
        ? { localAsn: 'asn' in gatewayAsn ? gatewayAsn.asn : 0, peerAsn: cgwAsn, passive: false, holdTimeSeconds: AWS_BGP_TIMERS.holdSeconds, keepaliveSeconds: AWS_BGP_TIMERS.keepaliveSeconds }
        : undefined,
      advertise: policy ? [localTs] : conn.gateway.networks,
      routes: conn.routes,
      notes,
      problems,
      // An alarm CloudWatch rejects rolls back the stack of the connection it watches.
      resources: alarms.length ? [...resources, ...alarms.map((a) => a.resource)] : resources,
      ...(alarms.length ? { alarms: alarms.map((a) => ({ name: a.name, metric: a.metric, watches: 'tunnel state', resource: a.resource })) } : {}),
      assumptions,
      ...(bgp && 'why' in gatewayAsn ? { unverifiable: gatewayAsn.why } : {}),
    } satisfies TunnelHalf;
  });
}
