/**
 * What Azure and the azurerm provider accept: every `azurerm_*` resource of the
 * synthesized Terraform JSON that a VPN uses (connection, virtual network gateway, local network
 * gateway, public IP, and the tunnels' metric alerts: `alarms.ts`) is checked against this folder's tables — enums, ranges, the provider's
 * cross-field rules (ExactlyOneOf, AtLeastOneOf, MaxItems, Required) and what Azure's
 * documentation says the API refuses — each violation naming its source (`tables.ts` SOURCES).
 * Rules that differ between provider versions follow the version the stack targets
 * (`versions.ts`; `tables.ts` AZURERM_VERSIONED): `bgp_enabled` exists from 4.62 only and
 * conflicts with `enable_bgp`; the public IP SKUs and rules of 4.67; ErGwScale from 4.56; no
 * public IP on an ExpressRoute gateway from 4.59. With no exact version written, only what every
 * covered version refuses is refused.
 *
 * A connection to an existing gateway (none in the output) is judged against the gateway its
 * record declares (`declared.ts`, `"//".crossCloudVpn.gateway`): the record's own values (ASN,
 * SKU, instances per mode, APIPA range and uniqueness, the same id as the connection's) by the
 * gateway rules, and the connection's custom BGP addresses against its instances' APIPA addresses.
 *
 * Values only known at deploy time (a `${var.x}`, another resource's attribute) are not judged.
 */
import { parseIpv4 } from '../../../common/cidr';
import { shown } from '../../violation';
import { Obj, isObj } from '../../output/load';
import type { Json, StackDoc } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { resourceKey } from '../../types';
import type { Violation } from '../../types';
import {
  ASNS, AZURERM_VERSIONED, CONNECTION, DH_GROUP, GATEWAY, IKE_ENCRYPTION, IKE_INTEGRITY, IPSEC_ENCRYPTION, IPSEC_INTEGRITY, PFS_GROUP, PUBLIC_IP, SOURCES,
  inRanges, rangesText,
} from './tables';
import { DECLARED_PATH, DeclaredGateway, declaredGatewayOf } from './declared';
import { AzurermTarget, azurermTarget, bgpOn as bgpOnFor, targetText } from './versions';
import { acceptAzureAlarms } from './alarms';

/** One resource being checked. */
interface Ctx {
  readonly r: Resolver;
  readonly stack: StackDoc;
  /** `type.name`. */
  readonly id: string;
  readonly body: Obj;
  readonly out: Violation[];
  /** The azurerm version the resource's stack targets. */
  readonly target: AzurermTarget;
}

/** A value known only at deploy time. */
const DEPLOY_TIME = Symbol('deploy-time');
type Lit = Json | undefined | typeof DEPLOY_TIME;

const blocks = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(isObj);
/** Path of a nested block as written: `name[0]` for a list, `name` for a single object. */
const blockPath = (parent: Obj, name: string, i: number, prefix = '') => `${prefix}${name}${Array.isArray(parent[name]) ? `[${i}]` : ''}`;

function add(c: Ctx, attribute: string, value: unknown, rule: string, source: string): void {
  c.out.push({ cloud: 'azure', file: c.stack.file, resource: resourceKey('cdktf', c.stack.name, c.id), attribute, value: shown(value), rule, source });
}

/** A value as Terraform would see it at plan time: literal, absent, or deploy-time. */
function lit(c: Pick<Ctx, 'r' | 'stack'>, v: Json | undefined): Lit {
  if (v === undefined) return undefined;
  const res = c.r.eval(c.stack, v);
  return res.kind === 'literal' ? res.value : DEPLOY_TIME;
}

/** An enumerated string attribute (`required`: Required in the provider schema). */
function oneOf(c: Ctx, path: string, v: Lit, allowed: readonly string[], source: string, required = false): void {
  if (v === DEPLOY_TIME) return;
  if (v === undefined) {
    if (required) add(c, path, v, `required: one of ${allowed.join(', ')}`, source);
    return;
  }
  if (typeof v !== 'string' || !allowed.includes(v)) add(c, path, v, `one of ${allowed.join(', ')} (case-sensitive)`, source);
}

/** An integer attribute in an inclusive range. */
function intIn(c: Ctx, path: string, v: Lit, min: number, max: number | undefined, unit: string, source: string): void {
  if (v === undefined || v === DEPLOY_TIME) return;
  const ok = typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max);
  if (!ok) add(c, path, v, max === undefined ? `an integer of at least ${min}${unit}` : `an integer from ${min} to ${max}${unit}`, source);
}

const isApipaAzure = (address: string) => {
  const n = parseIpv4(address);
  return n !== undefined && n >= parseIpv4(GATEWAY.apipa.first)! && n <= parseIpv4(GATEWAY.apipa.last)!;
};

/** An ASN in its role: the gateway's own, or the on-premises side's (local network gateway). */
function checkAsn(c: Ctx, path: string, v: Lit, role: 'gateway' | 'peer'): void {
  if (v === undefined || v === DEPLOY_TIME) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < ASNS.range.from || v > ASNS.range.to) {
    add(c, path, v, `an ASN from ${ASNS.range.from} to ${ASNS.range.to} (16- or 32-bit)`, SOURCES.asnRange);
  } else if (inRanges(v, ASNS.iana)) {
    add(c, path, v, `not an ASN reserved by IANA (${rangesText(ASNS.iana)})`, SOURCES.asnIana);
  } else if (role === 'peer' && inRanges(v, ASNS.azureReserved)) {
    add(c, path, v, `not an ASN Azure reserves, which the on-premises side cannot use (${rangesText(ASNS.azureReserved)})`, SOURCES.asnAzureReserved);
  }
}

// ---------------------------------------------------------------------------------------------
// The BGP switch: `enable_bgp` before 4.62, `bgp_enabled` (and the deprecated `enable_bgp`) from 4.62.

/**
 * Refuses `bgp_enabled` where the version has no such argument, and both spellings together
 * (ConflictsWith); returns whether BGP is on, and which attribute says so.
 */
function bgpSwitch(c: Ctx, conflictSource: string): { on: boolean; attribute: string } {
  const b = c.body;
  if (b.bgp_enabled !== undefined && c.target.hasBgpEnabled === false) {
    add(c, 'bgp_enabled', lit(c, b.bgp_enabled), `not an argument of ${targetText(c.target)}: BGP is enable_bgp before ${AZURERM_VERSIONED.bgpEnabled.since}`, AZURERM_VERSIONED.bgpEnabled.before);
  } else if (b.bgp_enabled !== undefined && b.enable_bgp !== undefined) {
    add(c, 'bgp_enabled', lit(c, b.bgp_enabled), `not together with enable_bgp (${lit(c, b.enable_bgp) === DEPLOY_TIME ? 'a deploy-time value' : shown(lit(c, b.enable_bgp))}): they conflict (ConflictsWith); from ${AZURERM_VERSIONED.bgpEnabled.since} set bgp_enabled only`, conflictSource);
  }
  const on = bgpOnFor(c.target, { enable_bgp: lit(c, b.enable_bgp), bgp_enabled: lit(c, b.bgp_enabled) });
  return { on, attribute: b.enable_bgp !== undefined || c.target.hasBgpEnabled === false ? 'enable_bgp' : 'bgp_enabled' };
}

// ---------------------------------------------------------------------------------------------
// Virtual network gateway.

/** What the checks of other resources need to know about a gateway. */
interface GatewayFacts {
  readonly sku: Lit;
  readonly vpnType: Lit;
  readonly asn: Lit;
  /** ip_configuration names in order (the provider's default name when unset). */
  readonly ipConfigNames: readonly string[];
  /** APIPA addresses per ip_configuration name. */
  readonly apipa: ReadonlyMap<string, readonly string[]>;
  readonly hasPeeringAddresses: boolean;
}

function gatewayFacts(c: Pick<Ctx, 'r' | 'stack'>, body: Obj): GatewayFacts {
  const ipConfigNames = blocks(body.ip_configuration).map((ipc) => {
    const n = lit(c, ipc.name);
    return typeof n === 'string' ? n : GATEWAY.defaultIpConfigurationName;
  });
  const bgp = blocks(body.bgp_settings)[0];
  const peering = bgp ? blocks(bgp.peering_addresses) : [];
  const apipa = new Map<string, string[]>();
  for (const p of peering) {
    const n = lit(c, p.ip_configuration_name);
    const name = typeof n === 'string' ? n : ipConfigNames.length === 1 ? ipConfigNames[0] : undefined;
    const list = lit(c, p.apipa_addresses);
    if (name && Array.isArray(list)) apipa.set(name, [...(apipa.get(name) ?? []), ...list.filter((a): a is string => typeof a === 'string')]);
  }
  return { sku: lit(c, body.sku), vpnType: lit(c, body.vpn_type) ?? GATEWAY.defaultVpnType, asn: bgp ? lit(c, bgp.asn) : undefined, ipConfigNames, apipa, hasPeeringAddresses: peering.length > 0 };
}

function checkGateway(c: Ctx): void {
  const b = c.body;
  const type = lit(c, b.type);
  oneOf(c, 'type', type, GATEWAY.types, SOURCES.gwType, true);
  const vpnType = lit(c, b.vpn_type) ?? GATEWAY.defaultVpnType;
  oneOf(c, 'vpn_type', vpnType, GATEWAY.vpnTypes, SOURCES.vpnType);
  const generation = lit(c, b.generation);
  oneOf(c, 'generation', generation, GATEWAY.generations, SOURCES.generation);
  const sku = lit(c, b.sku);
  const erGwScale = c.target.since(AZURERM_VERSIONED.erGwScale.since) !== false;
  const allSkus: readonly string[] = [...new Set([...Object.values(GATEWAY.skus).flat(), ...(erGwScale ? GATEWAY.expressRouteSkusSince456 : [])])];
  oneOf(c, 'sku', sku, allSkus, erGwScale ? `${SOURCES.sku}; ${AZURERM_VERSIONED.erGwScale.source}` : SOURCES.sku, true);
  if (typeof sku === 'string' && allSkus.includes(sku) && type === 'Vpn') {
    const forType = vpnType === 'PolicyBased' ? { list: GATEWAY.skus.policyBased, what: 'a PolicyBased gateway' }
      : generation === 'Generation1' ? { list: GATEWAY.skus.routeBasedGeneration1, what: 'a RouteBased Generation1 gateway' }
        : generation === 'Generation2' ? { list: GATEWAY.skus.routeBasedGeneration2, what: 'a RouteBased Generation2 gateway' } : undefined;
    if (forType && !(forType.list as readonly string[]).includes(sku)) add(c, 'sku', sku, `for ${forType.what}: one of ${forType.list.join(', ')}`, SOURCES.skuPerGeneration);
    else if (!(GATEWAY.creatableVpnSkus as readonly string[]).includes(sku)) add(c, 'sku', sku, `a VPN gateway SKU Azure still creates: ${GATEWAY.creatableVpnSkus.join(', ')}`, SOURCES.skuCreatable);
  }

  const ipconfs = blocks(b.ip_configuration);
  if (ipconfs.length === 0) add(c, 'ip_configuration', '0 blocks', 'required: 1 to 3 ip_configuration blocks', SOURCES.ipConfigMax);
  if (ipconfs.length > GATEWAY.maxIpConfigurations) add(c, 'ip_configuration', `${ipconfs.length} blocks`, `at most ${GATEWAY.maxIpConfigurations} ip_configuration blocks`, SOURCES.ipConfigMax);
  const active = lit(c, b.active_active) === true;
  if (active) {
    if (ipconfs.length !== GATEWAY.activeActiveIpConfigurations) {
      add(c, 'ip_configuration', `${ipconfs.length} block${ipconfs.length === 1 ? '' : 's'} with active_active = true`, `an active-active gateway has exactly ${GATEWAY.activeActiveIpConfigurations} ip_configuration blocks (one per instance, each with its own public IP)`, SOURCES.activeActiveTwoIps);
    }
    if (sku === GATEWAY.basicSku) add(c, 'active_active', true, 'not on the Basic SKU', SOURCES.activeActiveSku);
    if (vpnType === 'PolicyBased') add(c, 'active_active', true, 'only on a RouteBased gateway', SOURCES.activeActiveSku);
  }
  const bgpSwitched = bgpSwitch(c, AZURERM_VERSIONED.bgpEnabled.gatewaySource);
  if (bgpSwitched.on && sku === GATEWAY.basicSku) add(c, bgpSwitched.attribute, true, 'BGP is not supported on the Basic SKU', SOURCES.bgpNotBasic);
  if (bgpSwitched.on && vpnType === 'PolicyBased') add(c, bgpSwitched.attribute, true, 'BGP only on a RouteBased gateway', SOURCES.bgpNotBasic);
  if (type === 'ExpressRoute' && c.target.since(AZURERM_VERSIONED.expressRouteNoPublicIp.since) === true) {
    blocks(b.ip_configuration).forEach((ipc, i) => {
      if (ipc.public_ip_address_id !== undefined) add(c, `${blockPath(b, 'ip_configuration', i)}.public_ip_address_id`, lit(c, ipc.public_ip_address_id) === DEPLOY_TIME ? 'a public IP' : lit(c, ipc.public_ip_address_id), `not on an ExpressRoute gateway (${targetText(c.target)})`, AZURERM_VERSIONED.expressRouteNoPublicIp.source);
    });
  }

  const azSku = type === 'Vpn' && typeof sku === 'string' && /^VpnGw\dAZ$/.test(sku);
  const names = new Set<string>();
  ipconfs.forEach((ipc, i) => {
    const at = blockPath(b, 'ip_configuration', i);
    const name = lit(c, ipc.name);
    const effective = typeof name === 'string' ? name : GATEWAY.defaultIpConfigurationName;
    if (names.has(effective)) add(c, `${at}.name`, effective, 'a name no other ip_configuration of the gateway has', SOURCES.ipConfigName);
    names.add(effective);
    oneOf(c, `${at}.private_ip_address_allocation`, lit(c, ipc.private_ip_address_allocation), GATEWAY.ipAllocations, SOURCES.ipAllocation);
    if (ipc.subnet_id === undefined) add(c, `${at}.subnet_id`, undefined, 'required: the id of the virtual network\'s GatewaySubnet', SOURCES.gatewaySubnet);
    const subnet = c.r.resourceOf(c.stack, ipc.subnet_id, 'azurerm_subnet');
    const subnetName = subnet ? lit({ r: c.r, stack: subnet.stack }, subnet.body.name) : undefined;
    if (typeof subnetName === 'string' && subnetName.toLowerCase() !== GATEWAY.subnetName.toLowerCase()) {
      add(c, `${at}.subnet_id`, `${subnet!.id} named '${subnetName}'`, `a subnet named ${GATEWAY.subnetName}`, SOURCES.gatewaySubnet);
    }
    const pip = c.r.resourceOf(c.stack, ipc.public_ip_address_id, 'azurerm_public_ip');
    if (pip) {
      const pc = { r: c.r, stack: pip.stack };
      const pipSku = lit(pc, pip.body.sku) ?? PUBLIC_IP.defaultSku;
      const alloc = lit(pc, pip.body.allocation_method);
      const zones = lit(pc, pip.body.zones);
      if (azSku && pipSku === 'Standard' && zones !== DEPLOY_TIME && !(Array.isArray(zones) && zones.length > 0)) {
        add(c, `${at}.public_ip_address_id`, `${pip.id} (Standard, no zones)`, `the public IPs of an AZ SKU gateway (${String(sku)}) have zones`, SOURCES.pipZonesForAz);
      }
      if (active && (pipSku !== 'Standard' || (alloc !== DEPLOY_TIME && alloc !== 'Static'))) {
        add(c, `${at}.public_ip_address_id`, `${pip.id} (${String(pipSku)}, ${String(alloc)})`, 'an active-active gateway\'s public IPs are Standard SKU and Static', SOURCES.activeActiveSku);
      }
    }
  });

  const bgp = blocks(b.bgp_settings)[0];
  if (!bgp) return;
  const bp = blockPath(b, 'bgp_settings', 0);
  if (bgp.asn === undefined && bgp.peer_weight === undefined && bgp.peering_addresses === undefined) {
    add(c, bp, 'an empty block', 'at least one of asn, peer_weight, peering_addresses', SOURCES.bgpSettingsAtLeastOne);
  }
  checkAsn(c, `${bp}.asn`, lit(c, bgp.asn), 'gateway');
  const peering = blocks(bgp.peering_addresses);
  if (bgp.peering_addresses !== undefined && (peering.length < GATEWAY.peeringAddresses.min || peering.length > GATEWAY.peeringAddresses.max)) {
    add(c, `${bp}.peering_addresses`, `${peering.length} blocks`, `${GATEWAY.peeringAddresses.min} or ${GATEWAY.peeringAddresses.max} peering_addresses blocks`, SOURCES.peeringCount);
  }
  const ipNames = gatewayFacts(c, b).ipConfigNames;
  const seen = new Map<string, string>();
  peering.forEach((p, j) => {
    const at = blockPath(bgp, 'peering_addresses', j, `${bp}.`);
    const name = lit(c, p.ip_configuration_name);
    if (name === undefined && ipNames.length > 1) add(c, `${at}.ip_configuration_name`, name, 'required when the gateway has more than one ip_configuration', SOURCES.peeringName);
    if (typeof name === 'string' && ipNames.length === 1 && name !== ipNames[0]) add(c, `${at}.ip_configuration_name`, name, `the name of the gateway's only ip_configuration ('${ipNames[0]}')`, SOURCES.peeringName);
    else if (typeof name === 'string' && !ipNames.includes(name)) add(c, `${at}.ip_configuration_name`, name, `the name of one of the gateway's ip_configuration blocks (${ipNames.join(', ')})`, SOURCES.peeringName);
    const list = lit(c, p.apipa_addresses);
    if (Array.isArray(list)) {
      if (list.length === 0) add(c, `${at}.apipa_addresses`, list, 'at least one address when set', SOURCES.apipaRange);
      list.forEach((a, k) => {
        const ap = `${at}.apipa_addresses[${k}]`;
        if (typeof a !== 'string' || !isApipaAzure(a)) {
          add(c, ap, a, `an IPv4 address within Azure's APIPA range ${GATEWAY.apipa.first}-${GATEWAY.apipa.last}`, SOURCES.apipaRange);
        } else if (seen.has(a)) {
          add(c, ap, a, `unique among the gateway's APIPA addresses (also at ${seen.get(a)})`, SOURCES.apipaUnique);
        } else {
          seen.set(a, ap);
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Connection.

const POLICY_FIELDS: readonly (readonly [string, readonly string[], string])[] = [
  ['dh_group', Object.keys(DH_GROUP), SOURCES.dhGroup],
  ['ike_encryption', Object.keys(IKE_ENCRYPTION), SOURCES.ikeEncryption],
  ['ike_integrity', Object.keys(IKE_INTEGRITY), SOURCES.ikeIntegrity],
  ['ipsec_encryption', Object.keys(IPSEC_ENCRYPTION), SOURCES.ipsecEncryption],
  ['ipsec_integrity', Object.keys(IPSEC_INTEGRITY), SOURCES.ipsecIntegrity],
  ['pfs_group', Object.keys(PFS_GROUP), SOURCES.pfsGroup],
];

function checkConnection(c: Ctx): void {
  const b = c.body;
  const type = lit(c, b.type);
  oneOf(c, 'type', type, CONNECTION.types, SOURCES.connType, true);
  if (type === 'IPsec' && b.local_network_gateway_id === undefined) add(c, 'local_network_gateway_id', undefined, 'required when type is IPsec', SOURCES.connIpsecNeedsLng);
  oneOf(c, 'connection_mode', lit(c, b.connection_mode), CONNECTION.modes, SOURCES.connMode);
  const protocol = lit(c, b.connection_protocol);
  oneOf(c, 'connection_protocol', protocol, CONNECTION.protocols, SOURCES.connProtocol);
  intIn(c, 'routing_weight', lit(c, b.routing_weight), CONNECTION.routingWeight.min, CONNECTION.routingWeight.max, '', SOURCES.routingWeight);
  intIn(c, 'dpd_timeout_seconds', lit(c, b.dpd_timeout_seconds), CONNECTION.dpdTimeout.min, CONNECTION.dpdTimeout.max, ' seconds', SOURCES.dpd);
  const key = lit(c, b.shared_key);
  if (typeof key === 'string' && key !== '' && !CONNECTION.sharedKeyCharacters.test(key)) {
    // Never the key itself: what is wrong with it.
    const bad = [...new Set([...key].filter((ch) => !CONNECTION.sharedKeyCharacters.test(ch)))].map((ch) => (ch === ' ' ? 'space' : /^[\x21-\x7e]$/.test(ch) ? `'${ch}'` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
    add(c, 'shared_key', `a ${key.length}-character key containing ${bad.join(', ')}`, 'printable ASCII characters except space, hyphen (-) and tilde (~)', SOURCES.sharedKey);
  }

  const policies = blocks(b.ipsec_policy);
  if (policies.length > 1) add(c, 'ipsec_policy', `${policies.length} blocks`, 'at most one ipsec_policy block', SOURCES.ipsecPolicyMax);
  const policy = policies[0];
  if (policy) {
    const pp = blockPath(b, 'ipsec_policy', 0);
    for (const [field, allowed, source] of POLICY_FIELDS) {
      if (policy[field] === undefined) add(c, `${pp}.${field}`, undefined, `required: one of ${allowed.join(', ')}`, SOURCES.ipsecPolicyRequired);
      else oneOf(c, `${pp}.${field}`, lit(c, policy[field]), allowed, source);
    }
    intIn(c, `${pp}.sa_lifetime`, lit(c, policy.sa_lifetime), CONNECTION.saLifetime.min, undefined, ' seconds', SOURCES.saLifetime);
    const size = lit(c, policy.sa_datasize);
    if (size !== undefined && size !== DEPLOY_TIME && size !== 0) {
      intIn(c, `${pp}.sa_datasize`, size, CONNECTION.saDatasize.min, CONNECTION.saDatasize.max, ' KB (or 0)', SOURCES.saDatasize);
    }
    const enc = lit(c, policy.ipsec_encryption);
    const integ = lit(c, policy.ipsec_integrity);
    if (typeof enc === 'string' && enc.startsWith('GCMAES') && typeof integ === 'string' && integ !== enc) {
      add(c, `${pp}.ipsec_integrity`, integ, `with ipsec_encryption ${enc}: the same GCMAES algorithm and key length (${enc})`, SOURCES.gcmMatch);
    }
  }
  if (lit(c, b.use_policy_based_traffic_selectors) === true && !policy) {
    add(c, 'use_policy_based_traffic_selectors', true, 'needs an ipsec_policy block', SOURCES.policyBasedNeedsPolicy);
  }

  const gwId = lit(c, b.virtual_network_gateway_id);
  if (typeof gwId === 'string' && !GATEWAY.idPattern.test(gwId)) {
    add(c, 'virtual_network_gateway_id', gwId, `a virtual network gateway id, ${GATEWAY.idText} (segment names as written, case-sensitive)`, SOURCES.gatewayIdFormat);
  }
  const gw = c.r.resourceOf(c.stack, b.virtual_network_gateway_id, 'azurerm_virtual_network_gateway');
  const declared = gw ? undefined : declaredGatewayOf(b);
  if (declared) checkDeclared(c, declared, gwId);
  const g = gw ? gatewayFacts({ r: c.r, stack: gw.stack }, gw.body) : declared ? declaredFacts(declared) : undefined;
  if (g && g.sku === GATEWAY.basicSku && policy) add(c, 'ipsec_policy', 'a custom policy', 'not on a Basic SKU gateway', SOURCES.customPolicyNotBasic);
  if (g && g.sku === GATEWAY.basicSku && g.vpnType === 'RouteBased' && protocol === 'IKEv1') add(c, 'connection_protocol', protocol, 'not IKEv1 on a RouteBased Basic SKU gateway', SOURCES.ikev1NotBasic);
  const bgpOn = bgpSwitch(c, AZURERM_VERSIONED.bgpEnabled.connectionSource).on;

  const custom = blocks(b.custom_bgp_addresses)[0];
  if (custom) {
    const cp = blockPath(b, 'custom_bgp_addresses', 0);
    if (type !== undefined && type !== DEPLOY_TIME && type !== 'IPsec') add(c, cp, type, 'only on IPsec connections', SOURCES.customBgpOnlyIpsec);
    if (custom.primary === undefined) add(c, `${cp}.primary`, undefined, 'required: an APIPA address of the gateway\'s first ip_configuration', SOURCES.customBgp);
    if (bgpOn && g && !g.hasPeeringAddresses) add(c, cp, 'set', 'the gateway has bgp_settings.peering_addresses to take the addresses from', SOURCES.customBgpNeedsPeering);
    (['primary', 'secondary'] as const).forEach((which, index) => {
      const a = lit(c, custom[which]);
      if (a === undefined || a === DEPLOY_TIME) return;
      if (typeof a !== 'string' || parseIpv4(a) === undefined) {
        add(c, `${cp}.${which}`, a, 'an IPv4 address', SOURCES.customBgp);
        return;
      }
      if (!bgpOn || !g || !g.hasPeeringAddresses) return;
      const owner = [...g.apipa.entries()].find(([, list]) => list.includes(a))?.[0];
      const all = [...g.apipa.values()].flat();
      const expected = g.ipConfigNames[index];
      if (!owner) {
        add(c, `${cp}.${which}`, a, `one of the gateway's APIPA addresses (${all.join(', ') || 'none'})`, SOURCES.customBgpLookup);
      } else if (owner !== expected) {
        const expectedList = expected ? g.apipa.get(expected) ?? [] : [];
        add(c, `${cp}.${which}`, a, `an APIPA address of the gateway's ${index === 0 ? 'first' : 'second'} ip_configuration${expected ? ` '${expected}' (${expectedList.join(', ') || 'none'})` : ' (it has none)'}, not of '${owner}'`, SOURCES.customBgpInstance);
      }
    });
  }

  const lng = c.r.resourceOf(c.stack, b.local_network_gateway_id, 'azurerm_local_network_gateway');
  const lngBgp = lng ? blocks(lng.body.bgp_settings)[0] : undefined;
  if (bgpOn && g && lngBgp) {
    const lngAsn = lit({ r: c.r, stack: lng!.stack }, lngBgp.asn);
    const gwAsn = g.asn ?? GATEWAY.defaultAsn;
    if (typeof lngAsn === 'number' && lngAsn === gwAsn) {
      add(c, 'local_network_gateway_id', `${lng!.id} with ASN ${lngAsn}, the gateway's own`, 'an on-premises ASN different from the Azure gateway\'s', SOURCES.asnDistinct);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// An existing gateway, as a connection's record declares it.

/** The declared gateway as the connection checks see a gateway resource. */
function declaredFacts(d: DeclaredGateway): GatewayFacts {
  const apipa = new Map(d.instances.map((i) => [i.name, i.apipa] as const));
  return { sku: d.sku, vpnType: 'RouteBased', asn: d.asn, ipConfigNames: d.instances.map((i) => i.name), apipa, hasPeeringAddresses: d.instances.some((i) => i.apipa.length > 0) };
}

/** The record's values, by the rules a gateway resource's would meet. */
function checkDeclared(c: Ctx, d: DeclaredGateway, gwId: Lit): void {
  for (const [attribute, value, expected] of d.malformed) add(c, attribute, value, `${expected} (the record of an existing gateway)`, 'cross-cloud-vpn output contract: "//".crossCloudVpn.gateway');
  if (d.id !== undefined && typeof gwId === 'string' && d.id !== gwId) {
    add(c, `${DECLARED_PATH}.id`, d.id, `the gateway the connection names (virtual_network_gateway_id ${gwId})`, 'cross-cloud-vpn output contract: "//".crossCloudVpn.gateway');
  }
  const vpnSkus: readonly string[] = [...new Set([...GATEWAY.skus.routeBasedGeneration1, ...GATEWAY.skus.routeBasedGeneration2])];
  if (d.sku !== undefined && !vpnSkus.includes(d.sku)) add(c, `${DECLARED_PATH}.sku`, d.sku, `a route-based VPN gateway SKU: one of ${vpnSkus.join(', ')}`, SOURCES.skuPerGeneration);
  if (d.activeActive !== undefined) {
    const want = d.activeActive ? GATEWAY.activeActiveIpConfigurations : 1;
    if (d.instances.length !== want) {
      add(c, `${DECLARED_PATH}.instances`, `${d.instances.length} instance${d.instances.length === 1 ? '' : 's'} with activeActive ${d.activeActive}`, `${want} (${d.activeActive ? 'an active-active gateway has two instances, each with its own public IP' : 'one instance'})`, SOURCES.activeActiveTwoIps);
    }
    if (d.activeActive && d.sku === GATEWAY.basicSku) add(c, `${DECLARED_PATH}.activeActive`, true, 'not on the Basic SKU', SOURCES.activeActiveSku);
  }
  checkAsn(c, `${DECLARED_PATH}.asn`, d.asn, 'gateway');
  const seen = new Map<string, string>();
  d.instances.forEach((inst, i) => inst.apipa.forEach((a, k) => {
    const at = `${DECLARED_PATH}.instances[${i}].apipaAddresses[${k}]`;
    if (!isApipaAzure(a)) add(c, at, a, `an IPv4 address within Azure's APIPA range ${GATEWAY.apipa.first}-${GATEWAY.apipa.last}`, SOURCES.apipaRange);
    else if (seen.has(a)) add(c, at, a, `unique among the gateway's APIPA addresses (also at ${seen.get(a)})`, SOURCES.apipaUnique);
    else seen.set(a, at);
  }));
}

// ---------------------------------------------------------------------------------------------
// Local network gateway and public IP.

function checkLocalNetworkGateway(c: Ctx): void {
  const b = c.body;
  if (b.gateway_address !== undefined && b.gateway_fqdn !== undefined) {
    add(c, 'gateway_address', `gateway_address ${shown(b.gateway_address)} and gateway_fqdn ${shown(b.gateway_fqdn)}`, 'exactly one of gateway_address, gateway_fqdn', SOURCES.lngAddressXorFqdn);
  } else if (b.gateway_address === undefined && b.gateway_fqdn === undefined) {
    add(c, 'gateway_address', undefined, 'exactly one of gateway_address, gateway_fqdn', SOURCES.lngAddressXorFqdn);
  }
  const space = lit(c, b.address_space);
  if (Array.isArray(space)) space.forEach((s, i) => { if (s === '' || typeof s !== 'string') add(c, `address_space[${i}]`, s, 'a non-empty string', SOURCES.lngAddressSpace); });
  const bgp = blocks(b.bgp_settings)[0];
  if (bgp) {
    const bp = blockPath(b, 'bgp_settings', 0);
    if (bgp.asn === undefined) add(c, `${bp}.asn`, undefined, 'required', SOURCES.lngBgp);
    if (bgp.bgp_peering_address === undefined) add(c, `${bp}.bgp_peering_address`, undefined, 'required', SOURCES.lngBgp);
    checkAsn(c, `${bp}.asn`, lit(c, bgp.asn), 'peer');
  } else if (space !== DEPLOY_TIME && !(Array.isArray(space) && space.length > 0)) {
    add(c, 'address_space', space, 'without bgp_settings, at least one prefix of the on-premises network', SOURCES.lngNeedsPrefixes);
  }
}

function checkPublicIp(c: Ctx): void {
  const b = c.body;
  const alloc = lit(c, b.allocation_method);
  oneOf(c, 'allocation_method', alloc, PUBLIC_IP.allocations, SOURCES.pipAllocation, true);
  const sku = lit(c, b.sku) ?? PUBLIC_IP.defaultSku;
  const v467 = c.target.since(AZURERM_VERSIONED.publicIpStandardV2.since);
  const pv = AZURERM_VERSIONED.publicIpStandardV2;
  oneOf(c, 'sku', sku, v467 === false ? PUBLIC_IP.skus : PUBLIC_IP.skusSince467, v467 === false ? SOURCES.pipSku : pv.skuSource);
  const tier = lit(c, b.sku_tier);
  oneOf(c, 'sku_tier', tier, PUBLIC_IP.skuTiers, SOURCES.pipSkuTier);
  intIn(c, 'idle_timeout_in_minutes', lit(c, b.idle_timeout_in_minutes), PUBLIC_IP.idleTimeoutMinutes.min, PUBLIC_IP.idleTimeoutMinutes.max, ' minutes', SOURCES.pipIdleTimeout);
  const skuIs = (name: string) => typeof sku === 'string' && sku.toLowerCase() === name.toLowerCase();
  if (skuIs('Standard') && typeof alloc === 'string' && alloc.toLowerCase() !== 'static') {
    add(c, 'allocation_method', alloc, 'Static for a Standard SKU public IP', v467 === true ? pv.staticSource : SOURCES.pipStandardStatic);
  }
  if (v467 !== true) return;
  // From 4.67 (only when the stack says so: older versions accept these).
  if (skuIs('StandardV2') && typeof alloc === 'string' && alloc.toLowerCase() !== 'static') add(c, 'allocation_method', alloc, 'Static for a StandardV2 SKU public IP', pv.staticSource);
  if (skuIs('Basic')) add(c, 'sku', sku, `not Basic: ${targetText(c.target)} creates no new Basic public IP (retired by Azure)`, pv.basicSource);
  if (typeof tier === 'string' && tier.toLowerCase() === 'global' && typeof sku === 'string' && !skuIs('Standard')) add(c, 'sku', sku, 'Standard when sku_tier is Global', pv.globalSource);
}

const CHECKS: readonly (readonly [string, (c: Ctx) => void])[] = [
  ['azurerm_virtual_network_gateway', checkGateway],
  ['azurerm_virtual_network_gateway_connection', checkConnection],
  ['azurerm_local_network_gateway', checkLocalNetworkGateway],
  ['azurerm_public_ip', checkPublicIp],
];

/** Every Azure resource value of the deployment that the cloud or its provider rejects. */
export function acceptAzure(r: Resolver): Violation[] {
  const out: Violation[] = [];
  for (const stack of r.stacks) {
    if (stack.engine !== 'cdktf') continue;
    const resources = isObj(stack.body.resource) ? stack.body.resource : {};
    const target = azurermTarget(stack);
    for (const [type, check] of CHECKS) {
      const ofType = resources[type];
      if (!isObj(ofType)) continue;
      for (const [name, body] of Object.entries(ofType)) {
        if (isObj(body)) check({ r, stack, id: `${type}.${name}`, body, out, target });
      }
    }
  }
  out.push(...acceptAzureAlarms(r)); // azurerm_monitor_metric_alert (alarms.ts)
  return out;
}
