/**
 * How an Azure VPN gateway behaves on one `azurerm_virtual_network_gateway_connection`, from
 * this folder's tables (`tables.ts`: provider source at v4.55.0 and v4.73.0 and Microsoft's
 * documentation; `SOURCES.<name>` below names the row each behaviour comes from). BGP on or off
 * as the connection's azurerm version reads it (`versions.ts`); a version the tables do not
 * cover leaves the half unusable.
 *
 * - Tunnels: an active-active gateway runs the connection from BOTH instances (ip
 *   configurations), each from its own public IP to the local network gateway's address; a peer
 *   that registered only one of the two IPs answers one of them, the other stays idle.
 * - Proposals: with `ipsec_policy`, exactly that one proposal is sent and accepted
 *   (`customPolicyOnly`). Without it, Azure's published default policy (`defaultPolicy`): phase 1
 *   DH group 2 with six encryption/hash pairs; phase 2 as initiator six offers without PFS, as
 *   responder exactly the 26 rows of the table (not every combination).
 * - IKE version: `connection_protocol`, default IKEv2 (`connProtocolDefault`).
 * - Lifetimes: phase 1 fixed at 28800 s (`ikeLifetime`); phase 2 `sa_lifetime`, default 27000 s.
 * - Initiation (`connectionModeMeaning`): Default dials and answers, InitiatorOnly only dials,
 *   ResponderOnly only answers; the mode applies to route-based IKEv2 connections only.
 * - DPD: `dpd_timeout_seconds`, default 45 (`dpd`); probe interval and the action after a timeout
 *   are assumptions (`azure-dpd-interval`, `azure-dpd-restart`).
 * - Traffic selectors (`selectors`): Azure proposes any-to-any, or with
 *   `use_policy_based_traffic_selectors` the `traffic_selector_policy` prefixes (else every VNet ×
 *   local network gateway prefix, `policyBasedSelectors`); as responder it accepts whatever the
 *   remote proposes, in every mode (`respondsToAnyTs`).
 * - BGP: gateway `bgp_settings.asn` (default 65515) toward the local network gateway's ASN and
 *   `bgp_peering_address`. Azure's own address on an instance is the custom BGP address the
 *   provider maps to that instance's ip configuration (`customBgpLookup`: by which instance's
 *   `apipa_addresses` hold it), else its first APIPA address when the peer's is APIPA
 *   (`azure-apipa-choice`). From an APIPA address Azure never opens the session
 *   (`bgpApipaPassive`): BIRD is passive there. Timers: keepalive 60 s, hold 180 s (`bgpTimers`).
 */
import { parseIpv4 } from '../../../common/cidr';
import type { AzureConnectionRes, AzureGatewayRes } from './extract';
import type { DeploymentBase } from '../../deployment';
import type { Json } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import type { Assumption, TunnelHalf } from '../../types';
import { addressOf, describe, endpointKeyOf } from '../../models/common';
import { DH_KEYWORDS, espProposals, ikeProposals, isAead } from '../../models/proposals';
import { targetText } from './versions';
import { alarmsWatching } from './alarms';
import {
  AZURE_ASSUMPTIONS, AZURERM_COVERED, AzureAssumptionId, CONNECTION, DEFAULT_PHASE1, DEFAULT_PHASE2_INITIATOR, DEFAULT_PHASE2_LIFETIME_SECONDS,
  DEFAULT_PHASE2_RESPONDER, DH_GROUP, DefaultOffer, GATEWAY, IKE_ENCRYPTION, IKE_INTEGRITY, IPSEC_ENCRYPTION, IPSEC_INTEGRITY, PFS_GROUP,
} from './tables';

type Obj = { [key: string]: Json };

const block = (v: Json | undefined): Obj | undefined => {
  const b = Array.isArray(v) ? v[0] : v;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? b : undefined;
};
const blocks = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])
  .filter((x): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x));
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isApipa = (address: string) => {
  const n = parseIpv4(address);
  return n !== undefined && n >>> 16 === ((169 << 8) | 254);
};

/** One default-policy offer as a strongSwan ESP proposal. */
function espOf(o: DefaultOffer): string {
  const enc = IPSEC_ENCRYPTION[o.encryption];
  const integ = IPSEC_INTEGRITY[o.integrity];
  return espProposals([enc], isAead(enc) ? [] : [integ], o.pfs === null ? [] : [DH_KEYWORDS[o.pfs]], true)[0];
}

/** Azure's default policy (no `ipsec_policy`) as strongSwan proposals, from the published tables. */
export const AZURE_DEFAULT_POLICY = {
  /** Phase 1, as initiator and responder: the six pairs with DH group 2. */
  ike: DEFAULT_PHASE1.pairs.map(([e, i]) => ikeProposals([IKE_ENCRYPTION[e]], [IKE_INTEGRITY[i]!], DEFAULT_PHASE1.dhGroups.map((g) => DH_KEYWORDS[g]), true)[0]),
  /** Phase 2 offers as initiator (no PFS). */
  espInitiator: DEFAULT_PHASE2_INITIATOR.map(espOf),
  /** Phase 2 offers accepted as responder: the table's 26 rows, each its own proposal. */
  espResponder: DEFAULT_PHASE2_RESPONDER.map(espOf),
};

/** The tunnel halves of one Azure connection: one per gateway instance. */
export function azureHalves(conn: AzureConnectionRes, d: DeploymentBase, r?: Resolver): TunnelHalf[] {
  const gw = conn.gateway;
  if (!gw) return [];
  const instances = gw.activeActive ? gw.instances : gw.instances.slice(0, 1);
  // The metric alerts on the connection's tunnels watch every half of it (`alarms.ts`).
  const alarms = alarmsWatching(r, gw.key, {
    name: typeof conn.body.name === 'string' ? conn.body.name : undefined,
    bgpPeerAddress: conn.bgpEnabled ? conn.localNetworkGateway?.bgp?.peeringAddress : undefined,
  });
  const resources = [...resourcesOf(conn, gw, r), ...alarms.map((a) => a.resource)];
  return instances.map((instance) => ({ ...halfFor(conn, gw, instance, d, resources), ...(alarms.length ? { alarms } : {}) }));
}

/** Keys of every resource that shapes the connection's halves: connection, gateway, LNG, public IPs, subnet. */
function resourcesOf(conn: AzureConnectionRes, gw: AzureGatewayRes, r?: Resolver): string[] {
  // An existing gateway is no resource of the output: the connection carries its record.
  if (gw.existing) return [...new Set([conn.key, conn.localNetworkGateway?.key].filter((k): k is string => !!k).map((k) => k.replace(/^azure:/, 'cdktf:')))];
  const keys = [conn.key, gw.key, conn.localNetworkGateway?.key, ...gw.instances.map((i) => i.endpoint)];
  const stack = r?.stack(gw.stack, 'cdktf');
  const body = stack ? r!.tfResource(stack, gw.key.slice(gw.key.indexOf('/') + 1)) : undefined;
  for (const ipc of blocks(body?.ip_configuration)) {
    const subnet = r!.eval(stack!, ipc.subnet_id);
    if (subnet.kind === 'resource' && subnet.ref.id.startsWith('azurerm_subnet.')) keys.push(`azure:${subnet.ref.stack}/${subnet.ref.id}`);
  }
  return [...new Set(keys.filter((k): k is string => !!k).map((k) => k.replace(/^azure:/, 'cdktf:')))];
}

/** What a custom `ipsec_policy` makes of the half's proposals. */
interface PolicyModel {
  ike: string[];
  esp: string[];
  childLifetime: number;
  problems: string[];
  assumptions: AzureAssumptionId[];
}

function customPolicy(policy: Obj): PolicyModel {
  const problems: string[] = [];
  const assumptions: AzureAssumptionId[] = [];
  const name = (k: string) => String(policy[k]);
  const known = <T>(table: Readonly<Record<string, T>>, k: string): boolean => {
    if (Object.prototype.hasOwnProperty.call(table, name(k))) return true;
    problems.push(`ipsec_policy.${k} '${name(k)}' is not a value Azure accepts`);
    return false;
  };

  // Phase 1.
  let ike: string[] = [];
  const enc = known(IKE_ENCRYPTION, 'ike_encryption') ? IKE_ENCRYPTION[name('ike_encryption')] : undefined;
  let integ: string | undefined;
  if (known(IKE_INTEGRITY, 'ike_integrity')) {
    integ = IKE_INTEGRITY[name('ike_integrity')];
    if (integ === undefined) problems.push(`ipsec_policy.ike_integrity '${name('ike_integrity')}': which PRF Azure uses with a GCM integrity is not documented; verify cannot model it (SHA256 or SHA384 can be)`);
  }
  let dh: number | null | undefined;
  if (known(DH_GROUP, 'dh_group')) {
    dh = DH_GROUP[name('dh_group')];
    if (dh === null) problems.push('ipsec_policy.dh_group \'None\': IKE phase 1 needs a DH group, and what Azure does with None is not documented');
  }
  if (enc && integ && typeof dh === 'number') ike = ikeProposals([enc], [integ], [DH_KEYWORDS[dh]], false);

  // Phase 2.
  let esp: string[] = [];
  const penc = known(IPSEC_ENCRYPTION, 'ipsec_encryption') ? IPSEC_ENCRYPTION[name('ipsec_encryption')] : undefined;
  const pinteg = known(IPSEC_INTEGRITY, 'ipsec_integrity') ? IPSEC_INTEGRITY[name('ipsec_integrity')] : undefined;
  let integrityOk = true;
  if (penc && pinteg) {
    const gcmIntegrity = pinteg === 'gcm';
    if ((gcmIntegrity || isAead(penc)) && name('ipsec_integrity') !== name('ipsec_encryption')) {
      problems.push(`ipsec_integrity '${name('ipsec_integrity')}' must name the same GCM cipher as ipsec_encryption '${name('ipsec_encryption')}'`);
      integrityOk = false;
    }
  }
  let pfs: number | null | undefined;
  if (known(PFS_GROUP, 'pfs_group')) {
    const p = PFS_GROUP[name('pfs_group')];
    if (p === undefined) problems.push(`ipsec_policy.pfs_group '${name('pfs_group')}' has no documented meaning: verify cannot say which group Azure uses`);
    else {
      pfs = p.group;
      if (p.assumption) assumptions.push(p.assumption);
    }
  }
  if (penc && pinteg && integrityOk && pfs !== undefined) {
    esp = espProposals([penc], isAead(penc) ? [] : [pinteg], pfs === null ? [] : [DH_KEYWORDS[pfs]], true);
  }
  const lifetime = typeof policy.sa_lifetime === 'number' ? policy.sa_lifetime : DEFAULT_PHASE2_LIFETIME_SECONDS;
  return { ike, esp, childLifetime: lifetime, problems, assumptions };
}

function halfFor(
  conn: AzureConnectionRes, gw: AzureGatewayRes, instance: AzureGatewayRes['instances'][number], d: DeploymentBase, resources: string[],
): TunnelHalf {
  const b = conn.body;
  const notes: string[] = [];
  const problems: string[] = [];
  const assumed = new Set<AzureAssumptionId>(['azure-dpd-interval']);
  if (gw.existing) assumed.add('azure-existing-as-declared');
  const lng = conn.localNetworkGateway;
  if ('missing' in conn.sharedKey) problems.push(conn.sharedKey.missing);
  if (b.type !== undefined && b.type !== 'IPsec') problems.push(`connection type '${String(b.type)}' is not a site-to-site IPsec connection`);
  if (conn.azurerm.uncovered) {
    problems.push(`${targetText(conn.azurerm)} (terraform.required_providers): verify's Azure tables cover azurerm ${AZURERM_COVERED.from} to before ${AZURERM_COVERED.before} (${AZURERM_COVERED.source})`);
  }
  const protocol = typeof b.connection_protocol === 'string' ? b.connection_protocol : CONNECTION.defaultProtocol;
  const ikeVersion: 1 | 2 = protocol === 'IKEv1' ? 1 : 2;

  // Proposals: the custom policy, else Azure's default policy.
  const policy = block(b.ipsec_policy);
  let ike: string[];
  let offers: string[];
  let accepts: string[];
  let childLifetime = DEFAULT_PHASE2_LIFETIME_SECONDS;
  if (policy) {
    const m = customPolicy(policy);
    ike = m.ike;
    offers = m.esp;
    accepts = m.esp;
    childLifetime = m.childLifetime;
    problems.push(...m.problems);
    m.assumptions.forEach((a) => assumed.add(a));
  } else {
    notes.push('no ipsec_policy: Azure\'s published default policy (phase 1 DH group 2 only; as initiator phase 2 without PFS; as responder the 26 listed offers)');
    ike = AZURE_DEFAULT_POLICY.ike;
    offers = AZURE_DEFAULT_POLICY.espInitiator;
    accepts = AZURE_DEFAULT_POLICY.espResponder;
  }
  if ([...ike, ...offers, ...accepts].some((p) => p.includes('gcm'))) assumed.add('azure-gcm-icv16');

  // Initiation: the connection mode governs the initial IKE exchange of route-based IKEv2 connections.
  const mode = typeof b.connection_mode === 'string' ? b.connection_mode : CONNECTION.defaultMode;
  const effective = ikeVersion === 2 && gw.vpnType === 'RouteBased' ? mode : 'Default';
  if (effective !== mode) notes.push(`connection_mode ${mode} applies to route-based IKEv2 connections only: Azure dials and answers`);
  const initiation = effective === 'ResponderOnly'
    ? { initiates: 'never' as const, responds: true, setting: 'connection_mode=ResponderOnly' }
    : effective === 'InitiatorOnly'
      ? { initiates: 'always' as const, responds: false, setting: 'connection_mode=InitiatorOnly' }
      : { initiates: 'always' as const, responds: true, setting: `connection_mode=${mode}` };
  const dpdTimeout = typeof b.dpd_timeout_seconds === 'number' ? b.dpd_timeout_seconds : CONNECTION.dpdTimeout.default;
  if (initiation.initiates !== 'never') assumed.add('azure-dpd-restart');

  // Traffic selectors: what Azure proposes; as responder it takes the remote's (respondsToAnyTs).
  let localTs = ['0.0.0.0/0'];
  let remoteTs = ['0.0.0.0/0'];
  const policyBased = b.use_policy_based_traffic_selectors === true;
  const tsps = blocks(b.traffic_selector_policy);
  if (policyBased) {
    if (tsps.length) {
      localTs = [...new Set(tsps.flatMap((t) => strings(t.local_address_cidrs)))];
      remoteTs = [...new Set(tsps.flatMap((t) => strings(t.remote_address_cidrs)))];
      if (tsps.length > 1) notes.push(`${tsps.length} traffic_selector_policy blocks: their prefixes are proposed together`);
    } else {
      localTs = [...gw.networks];
      remoteTs = [...(lng?.addressSpace ?? [])];
      notes.push('policy-based selectors: every VNet prefix with every local network gateway prefix');
    }
  } else if (tsps.length) {
    notes.push('traffic_selector_policy is ignored: use_policy_based_traffic_selectors is not true');
  }

  // BGP.
  const bgpOn = conn.bgpEnabled;
  let inside: TunnelHalf['inside'];
  let bgp: TunnelHalf['bgp'];
  if (bgpOn) {
    if (!gw.bgpEnabled) problems.push(`BGP is on for the connection but not on gateway ${gw.name}`);
    if (!lng?.bgp) problems.push('BGP is on but the local network gateway has no bgp_settings');
    const custom = block(b.custom_bgp_addresses);
    const named = (['primary', 'secondary'] as const).filter((k) => typeof custom?.[k] === 'string');
    // The provider maps each custom address to the ip configuration whose apipa_addresses hold it.
    const mine = named.find((k) => instance.apipa.includes(custom![k] as string));
    const peerApipa = lng?.bgp ? isApipa(lng.bgp.peeringAddress) : false;
    let own: string | undefined;
    let source = '';
    if (mine) {
      own = custom![mine] as string;
      source = `custom_bgp_addresses.${mine}`;
    } else if (peerApipa && instance.apipa.length) {
      own = instance.apipa[0];
      source = `${instance.name} first APIPA address (no custom BGP address of this instance)`;
      assumed.add('azure-apipa-choice');
    } else if (peerApipa) {
      problems.push(`${instance.name}: the local network gateway peers from an APIPA address but ${instance.name} has none: Azure cannot establish the session`);
    } else if (lng?.bgp) {
      problems.push(`${instance.name}: BGP from Azure's default peering address (a GatewaySubnet IP known only after deployment)`);
    }
    if (named.length && !mine) notes.push(`${instance.name}: none of custom_bgp_addresses (${named.map((k) => custom![k]).join(', ')}) is an APIPA address of ${instance.name} (${instance.apipa.join(', ') || 'none'})`);
    if (own && lng?.bgp) {
      inside = { address: own, peerAddress: lng.bgp.peeringAddress, prefixLength: 32, source };
      bgp = {
        localAsn: gw.asn ?? GATEWAY.defaultAsn, peerAsn: lng.bgp.asn, passive: isApipa(own),
        holdTimeSeconds: GATEWAY.bgpHoldSeconds, keepaliveSeconds: GATEWAY.bgpKeepaliveSeconds,
      };
    }
  }

  const outside = addressOf(d, instance.endpoint);
  if (!outside) problems.push(`${instance.name}: public IP not found`);
  const peerKey = endpointKeyOf(lng?.address);
  const peer = peerKey === undefined ? undefined : d.endpoints.get(peerKey);
  const assumptions: Assumption[] = [...assumed].sort().map((id) => AZURE_ASSUMPTIONS[id]);
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
    ikeLifetimeSeconds: DEFAULT_PHASE1.lifetimeSeconds,
    childLifetimeSeconds: childLifetime,
    dpd: { delaySeconds: Math.max(3, Math.round(dpdTimeout / 3)), timeoutSeconds: dpdTimeout, action: initiation.initiates === 'never' ? 'clear' : 'restart' },
    localTs,
    remoteTs,
    respondsToAnyTs: true,
    routing: bgpOn ? 'bgp' : policyBased ? 'policy' : 'static',
    inside,
    bgp,
    advertise: policyBased ? localTs : gw.networks,
    routes: lng?.addressSpace ?? [],
    notes,
    problems,
    resources,
    assumptions,
  };
}
