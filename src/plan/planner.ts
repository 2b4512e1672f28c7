/**
 * The planner: a topology in, a `VpnPlan` out (or one `PlanError` listing every problem).
 *
 * A pure function of its input. Everything allocated is keyed by stable identities (site ids,
 * link ids, tunnel ids), never by position, and allocations fed back through `previous` are
 * kept, so adding or removing a link or a site changes no parameter of any other tunnel.
 */
import { CLOUD_NAMES, Cloud, FACTS, PROFILES, profileOf } from './clouds';
import { checkInsideCidr, describeInsideRange } from './checks';
import { Ipv4Cidr, Slash30Pool, cidr, contains, formatIpv4, hostsOf30, intersect, parseCidr, slash30Pool } from '../common/cidr';
import { IssueCollector, show, withArticle } from './errors';
import { FreeRing } from './free-ring';
import { TunnelSlot, endpointsOf, pairTunnels } from './pairing';
import type { GatewayPlan, LinkPlan, VpnPlan } from './plan';
import type { IntRange, NeutralProposal } from './facts';
import type { PlannedTunnel, TunnelEnd } from './tunnel';
import type { GatewayLink, Initiation } from './profile';
import { keyGenerationOf, recordTunnels, settleSettings } from './generations';
import { EndLifetimes, chooseLifetimes, negotiate, spell } from './proposals';
import { DEMO_MASTER_SECRET, KeyDerivation, MASTER_SECRET_ENV, MIN_STRONG_KEY_LENGTH, PresharedKey, deriveKey, masterSecretProblem, pskProblem } from './psk';
import type { AllocationRecord, KeyScheme, Topology, TunnelPin } from './topology';
import type { InUseEntry, NormalLink, NormalSite } from './normal';
import { ownAsnProblem, peerAsnProblem, validateOptions, validatePrevious, validateTopology } from './validate';

/** Options of `planVpn`. */
export interface PlanOptions {
  /**
   * Secret every derived pre-shared key comes from (HMAC-SHA-256 per tunnel id). At least 16
   * characters; keep it in a secret store and pass it in, e.g. from `CCVPN_MASTER_SECRET`.
   *
   * @default - none: every tunnel must then pin its key
   */
  readonly masterSecret?: string;
  /**
   * Allocations of an earlier plan (its `allocations`), kept wherever still valid.
   *
   * @default - allocate from scratch (still deterministic)
   */
  readonly previous?: AllocationRecord;
  /**
   * Name of the deployment derived keys are bound to: two deployments never share a key, even
   * with the same master secret and link ids. `CrossCloudVpn` passes its id.
   *
   * @default - the topology's `name`, else `default`
   */
  readonly deployment?: string;
  /**
   * How keys are derived (`bound` to the deployment name, or `unbound-v1`, the keys of
   * cross-cloud-vpn 0.1). A plan whose record (`previous`) says otherwise is refused unless
   * `rotateKeys` is set: a change that rotates keys is always explicit.
   *
   * @default - what `previous` records; `unbound-v1` for a record written before keys were bound
   *   (with a warning); otherwise `bound`
   */
  readonly keyDerivation?: KeyDerivation;
  /**
   * Accept a plan that rotates every derived key (a new deployment name or derivation than
   * `previous` records).
   *
   * @default false
   */
  readonly rotateKeys?: boolean;
}

/**
 * The ASNs allocated to sites that pin none (`min`-`max`, 2-byte private ASNs): the run of 2-byte private ASNs (RFC 6996,
 * 64512-65534) from the lowest one no cloud keeps as its default, up to the last one every cloud
 * accepts in both roles (64513-65514 for AWS's default 64512 and Azure's refused 65515).
 */
export const ALLOCATED_ASNS: IntRange = (() => {
  const profiles = Object.values(PROFILES);
  const defaults = new Set(profiles.map((p) => p.defaultAsn).filter((a): a is number => a !== undefined));
  const fitsAll = (asn: number) => profiles.every((p) => !ownAsnProblem(p.cloud, asn) && !peerAsnProblem(p.cloud, asn));
  let min = 64512;
  while (defaults.has(min) || !fitsAll(min)) min++;
  let max = min;
  while (max < 65534 && !defaults.has(max + 1) && fitsAll(max + 1)) max++;
  return { min, max };
})();
const ASN_POOL = ALLOCATED_ASNS;

/** FNV-1a, 32 bit: a stable start position for hash-preferred allocation. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A tunnel being planned. */
interface Draft {
  readonly id: string;
  readonly link: NormalLink;
  readonly slot: TunnelSlot;
  readonly pin?: TunnelPin;
  readonly pinPath: string;
  /** Conflict domains: the gateways it touches, and every gateway of a cloud whose inside range is scarce. */
  readonly domains: readonly string[];
  readonly needsInside: boolean;
  insideCidr?: number;
}

/**
 * A warning for each in-use /30 outside the site's own cloud's inside range (e.g. an Azure
 * gateway's `169.254.100.0/30`): accepted, but it reserves nothing, so it is likely a typo.
 */
function inUseWarnings(site: NormalSite): string[] {
  const ranges = FACTS[site.cloud].insideRanges.map(cidr);
  return site.inUse.entries
    .filter((e) => e.kind === 'cidr' && !ranges.some((r) => contains(r, cidr(e.value))))
    .map((e) => `${e.path}: ${show(e.value)} is outside ${CLOUD_NAMES[site.cloud]}'s inside range (${FACTS[site.cloud].insideRanges.join(', ')}), so no tunnel of this gateway could take it and it reserves nothing; check the value`);
}

/** The conflict domains of a tunnel's inside /30 on the given sites. */
function domainsOf(sites: readonly NormalSite[]): string[] {
  const domains = sites.map((s) => `gw:${s.id}`);
  for (const s of sites) if (profileOf(s.cloud).scarceInsideRange) domains.push(`cloud:${s.cloud}`);
  return domains;
}

/**
 * The inside addresses an end needs beyond its tunnels' (`CloudProfile.ownAddresses`: Azure
 * active-active toward a single-tunnel Alibaba gateway): a /30 of its cloud's range of its own,
 * allocated and recorded under `<tunnel id>/<endpoint>` like a tunnel's, so that the address
 * depends on nothing but the tunnel.
 */
function ownAddressDrafts(link: NormalLink, drafts: readonly Draft[]): Draft[] {
  if (link.routing !== 'bgp') return [];
  const out: Draft[] = [];
  for (const [side, site] of [link.a, link.b].entries()) {
    const own = profileOf(site.cloud).ownAddresses;
    if (!own) continue;
    const active = drafts.filter((d) => d.slot.state === 'active');
    for (const d of active) {
      for (const endpoint of own(site, side as 0 | 1, d.slot, active.map((x) => x.slot))) {
        out.push({ ...d, id: `${d.id}/${endpoint}`, pin: undefined, domains: domainsOf([site]), needsInside: true, insideCidr: undefined });
      }
    }
  }
  return out;
}

/**
 * Plans a topology.
 *
 * @throws PlanError listing every problem found, each with its field path, value and what is allowed
 */
export function planVpn(topology: Topology, options: PlanOptions = {}): VpnPlan {
  // Any value may arrive from JavaScript: `null` options are reported, not dereferenced.
  const issues = new IssueCollector();
  // Invalid sites and links are left out of what follows, so later stages still report their
  // own problems for the rest: one error lists everything.
  const { sites, links } = validateTopology(topology, issues);

  const warnings: string[] = [];
  validateOptions(options, issues);
  const previous = validatePrevious(options?.previous, issues);

  // 1. Proposals and lifetimes per link.
  const proposals = new Map<string, { proposal: NeutralProposal; lifetimes: [EndLifetimes, EndLifetimes] }>();
  for (const link of links) {
    const path = `links[${link.index}].proposal`;
    const clouds: [Cloud, Cloud] = [link.a.cloud, link.b.cloud];
    const proposal = negotiate(clouds, link.spec.proposal, link.allowWeak, path, issues);
    const lifetimes = chooseLifetimes(clouds, link.spec.proposal, path, issues);
    if (proposal && lifetimes) proposals.set(link.id, { proposal, lifetimes });
    const warning = link.routing === 'bgp' ? bgpStartWarning(clouds) : undefined;
    if (warning) warnings.push(`links[${link.index}] (${link.id}): ${warning}; if sessions stay idle, use routing 'static' or 'policy'`);
  }

  // 2. Tunnels.
  const drafts: Draft[] = [];
  const secondaries: Draft[] = [];
  const slotsByLink = new Map<string, TunnelSlot[]>();
  for (const link of links) {
    const slots = pairTunnels(link);
    slotsByLink.set(link.id, slots);
    const pins = Array.isArray(link.spec.tunnels) ? link.spec.tunnels : [];
    if (pins.length > slots.length) {
      issues.add(`links[${link.index}].tunnels`, 'tunnel-pins-too-many', `${pins.length} pins given, but the link has ${slots.length} tunnels (indexes 0-${slots.length - 1})`);
    }
    const alwaysInside = [link.a, link.b].some((s) => profileOf(s.cloud).alwaysInside);
    const domains = domainsOf([link.a, link.b]);
    for (const slot of slots) {
      drafts.push({
        id: `${link.id}:${slot.index + 1}`,
        link,
        slot,
        pin: pins[slot.index],
        pinPath: `links[${link.index}].tunnels[${slot.index}]`,
        domains,
        needsInside: link.routing === 'bgp' || alwaysInside,
      });
    }
    secondaries.push(...ownAddressDrafts(link, drafts.filter((d) => d.link === link)));
  }
  for (const site of sites) warnings.push(...profileOf(site.cloud).siteWarnings(site, `sites[${site.index}]`), ...inUseWarnings(site));

  // 3. ASNs: pinned ones checked in each role they play, missing ones allocated.
  const asns = allocateAsns(sites, links, previous, issues);

  // 4. Inside /30s, and the ends' own addresses (kept ones of both before any fresh one).
  allocateInsideCidrs(sites, [...drafts, ...secondaries], previous, issues);

  // 5. Pre-shared keys.
  const keys = new Map<string, PresharedKey>();
  const master = options?.masterSecret;
  const masterProblem = master === undefined ? undefined : masterSecretProblem(master);
  if (masterProblem) issues.add('masterSecret', 'master-secret-weak', masterProblem);
  if (master === DEMO_MASTER_SECRET) warnings.push('masterSecret: the published demo secret: anyone can recompute every key; never deploy this output (ccvpn deploy refuses it)');
  const scheme = keyScheme(topology, options, previous, issues, warnings);
  const binding = scheme.derivation === 'bound' ? { deployment: scheme.deployment! } : 'unbound-v1' as const;
  let missingMaster = 0;
  for (const d of drafts) {
    const pinned = d.pin?.presharedKey;
    if (pinned !== undefined) {
      const problems = typeof pinned !== 'string'
        ? ['expected a string']
        : [d.link.a.cloud, d.link.b.cloud].map((c) => pskProblem(c, pinned)).filter((p): p is string => p !== undefined);
      if (problems.length > 0) {
        // The value itself is never echoed.
        issues.add(`${d.pinPath}.presharedKey`, 'psk-invalid', `the pinned key is rejected: ${problems.join('; ')}; allowed by both: ${[d.link.a.cloud, d.link.b.cloud].map((c) => `${CLOUD_NAMES[c]}: ${FACTS[c].psk.charset}, ${FACTS[c].psk.length.min}-${FACTS[c].psk.length.max} characters`).join('; ')}`);
        continue;
      }
      if (pinned.length < MIN_STRONG_KEY_LENGTH) {
        warnings.push(`${d.pinPath}.presharedKey: a pinned key of ${pinned.length} characters carries less than 128 bits; prefer derived keys (masterSecret)`);
      }
      keys.set(d.id, new PresharedKey(pinned, 'pinned'));
    } else if (typeof master === 'string' && !masterProblem) {
      keys.set(d.id, new PresharedKey(deriveKey(master, d.id, binding, keyGenerationOf(previous, d.id)), 'derived'));
    } else {
      missingMaster++;
    }
  }
  if (missingMaster > 0 && master === undefined) {
    issues.add('masterSecret', 'master-secret-missing', `${missingMaster} tunnel(s) need a derived pre-shared key but no master secret was given; set the ${MASTER_SECRET_ENV} environment variable (e.g. \`export ${MASTER_SECRET_ENV}=$(openssl rand -base64 32)\`, kept in your secret store) or pass masterSecret, or pin presharedKey on every tunnel`);
  }
  // Each tunnel keeps the proposal and lifetimes it was deployed with until a rollout releases it.
  const settings = settleSettings(drafts, proposals, previous, issues, warnings);
  issues.throwIfAny();

  // 6. Tunnels with both ends' parameters.
  const tunnels: PlannedTunnel[] = drafts.map((d) => buildTunnel(d, asns, settings.get(d.id)!, keys.get(d.id)!, deploymentName(topology, options)));
  const tunnelById = new Map(tunnels.map((t) => [t.id, t]));

  // 7. Resources per gateway.
  const ownAddresses = new Map(secondaries.map((d) => [d.id, hostsOf30({ network: d.insideCidr!, prefixLength: 30, text: '' })[1]]));
  const gateways = sites.map((site) => buildGateway(site, links, slotsByLink, tunnelById, ownAddresses, asns.get(site.id)!, issues));
  issues.throwIfAny();

  const linkPlans: LinkPlan[] = links.map((l) => ({
    id: l.id,
    between: [l.a.id, l.b.id],
    routing: l.routing,
    layout: l.layout,
    tunnels: drafts.filter((d) => d.link === l).map((d) => d.id),
  }));
  const insideCidrs: Record<string, string> = {};
  for (const d of [...drafts, ...secondaries]) if (d.insideCidr !== undefined) insideCidrs[d.id] = `${formatIpv4(d.insideCidr)}/30`;
  return {
    version: 1,
    gateways,
    links: linkPlans,
    tunnels,
    allocations: { insideCidrs, asns: Object.fromEntries(sites.map((s) => [s.id, asns.get(s.id)!])), keys: scheme, tunnels: recordTunnels(tunnels, settings, previous) },
    warnings,
  };
}

/** The deployment name: `PlanOptions.deployment`, else the topology's `name`, else `default` (checked by `keyScheme`). */
function deploymentName(topology: Topology, given: PlanOptions | null | undefined): string {
  const options: PlanOptions = typeof given === 'object' && given !== null ? given : {};
  const named = typeof topology === 'object' && topology !== null && typeof (topology as { name?: unknown }).name === 'string' ? (topology as { name: string }).name : undefined;
  return options.deployment ?? named ?? 'default';
}

/** The key derivation of this plan, checked against the record so that keys never rotate by accident. */
function keyScheme(topology: Topology, given: PlanOptions | null | undefined, previous: AllocationRecord, issues: IssueCollector, warnings: string[]): KeyScheme {
  const options: PlanOptions = typeof given === 'object' && given !== null ? given : {};
  const deployment = deploymentName(topology, options);
  if (typeof deployment !== 'string' || deployment.length === 0 || deployment.length > 256) {
    issues.add('deployment', 'deployment-invalid', `the deployment name must be a string of 1-256 characters`);
  }
  if (options.keyDerivation !== undefined && options.keyDerivation !== 'bound' && options.keyDerivation !== 'unbound-v1') {
    issues.add('keyDerivation', 'key-derivation-invalid', `'${String(options.keyDerivation).slice(0, 40)}' is not a key derivation; allowed: 'bound', 'unbound-v1'`);
  }
  const recorded = previous.keys;
  const hasRecord = options.previous !== undefined && (Object.keys(previous.insideCidrs ?? {}).length > 0 || Object.keys(previous.asns ?? {}).length > 0);
  let derivation: KeyDerivation;
  if (options.keyDerivation === 'bound' || options.keyDerivation === 'unbound-v1') derivation = options.keyDerivation;
  else if (recorded) derivation = recorded.derivation;
  else if (hasRecord) {
    derivation = 'unbound-v1';
    warnings.push("keyDerivation: the allocation record predates deployment-bound keys, so keys stay derived the 0.1 way (unbound-v1); set keyDerivation: 'bound' with rotateKeys: true to move to bound keys (rotates every key)");
  } else derivation = 'bound';
  const scheme: KeyScheme = derivation === 'bound' ? { derivation, deployment } : { derivation };
  const before = recorded ?? (hasRecord ? { derivation: 'unbound-v1' as const } : undefined);
  if (before && !options.rotateKeys && (before.derivation !== scheme.derivation || (before.derivation === 'bound' && before.deployment !== scheme.deployment))) {
    const show = (k: KeyScheme) => (k.derivation === 'bound' ? `bound to deployment '${k.deployment}'` : 'unbound-v1');
    issues.add('keyDerivation', 'keys-would-rotate', `this plan would rotate every derived key: the record says ${show(before)}, this plan ${show(scheme)}; keep the record's (${before.derivation === 'bound' ? `deployment: '${before.deployment}'` : "keyDerivation: 'unbound-v1'"}) or pass rotateKeys: true`);
  }
  return scheme;
}

function allocateAsns(sites: readonly NormalSite[], links: readonly NormalLink[], previous: AllocationRecord, issues: IssueCollector): Map<string, number> {
  const asns = new Map<string, number>();
  // Pinned: valid as the site's own ASN (checked in validation) and as a peer ASN on every BGP peer.
  for (const site of sites) if (site.spec.asn !== undefined) asns.set(site.id, site.spec.asn);
  for (const link of links) {
    if (link.routing !== 'bgp') continue;
    const [a, b] = [link.a, link.b];
    const asnA = a.spec.asn;
    const asnB = b.spec.asn;
    if (asnA !== undefined && asnB !== undefined && asnA === asnB) {
      issues.add(`links[${link.index}].between`, 'asn-equal', `${show(a.id)} and ${show(b.id)} both use ASN ${asnA}; the two ends of a BGP link need different ASNs (eBGP)`);
    }
    for (const [site, peer] of [[a, b], [b, a]] as const) {
      if (site.spec.asn === undefined) continue;
      const problem = peerAsnProblem(peer.cloud, site.spec.asn);
      if (problem) issues.add(`sites[${site.index}].asn`, 'asn-reserved', `${problem} (peer ${show(peer.id)} on links[${link.index}])`);
    }
  }
  const taken = new Set(asns.values());
  const peers = new Map<NormalSite, NormalSite[]>();
  for (const l of links) for (const [x, y] of [[l.a, l.b], [l.b, l.a]]) peers.set(x, [...(peers.get(x) ?? []), y]);
  const peersOf = (site: NormalSite) => peers.get(site) ?? [];
  const fits = (site: NormalSite, asn: number) =>
    !taken.has(asn) && !ownAsnProblem(site.cloud, asn) && peersOf(site).every((p) => !peerAsnProblem(p.cloud, asn));
  // Kept from an earlier plan first; then sites of a cloud with a default ASN take it, as that
  // cloud's constructs do; then fresh ones in site-id order, each from a hashed start.
  const missing = sites.filter((s) => s.spec.asn === undefined).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const fresh: NormalSite[] = [];
  const defaulted: NormalSite[] = [];
  const defaultOf = (site: NormalSite) => profileOf(site.cloud).defaultAsn;
  for (const site of missing) {
    const kept = Object.hasOwn(previous.asns, site.id) ? previous.asns[site.id] : undefined;
    if (typeof kept === 'number' && kept !== defaultOf(site) && fits(site, kept)) {
      asns.set(site.id, kept);
      taken.add(kept);
    } else if (defaultOf(site) !== undefined) {
      defaulted.push(site);
    } else {
      fresh.push(site);
    }
  }
  // A cloud's default ASN stays its own: never allocated to another site.
  for (const p of Object.values(PROFILES)) if (p.defaultAsn !== undefined) taken.add(p.defaultAsn);
  for (const site of defaulted) {
    const asn = defaultOf(site)!;
    const name = CLOUD_NAMES[site.cloud];
    asns.set(site.id, asn);
    for (const link of links) {
      if (link.routing !== 'bgp' || (link.a !== site && link.b !== site)) continue;
      const peer = link.a === site ? link.b : link.a;
      if (asns.get(peer.id) === asn && peer.cloud !== site.cloud) {
        issues.add(`sites[${site.index}].asn`, 'asn-equal', `${show(site.id)} pins no ASN, so it takes ${name}'s default ${asn} (as the ${name} constructs do), which its BGP peer ${show(peer.id)} also uses (links[${link.index}]); the two ends of a BGP link need different ASNs: pin asn on one of them`);
      }
    }
  }
  const size = ASN_POOL.max - ASN_POOL.min + 1;
  // Taken ASNs are skipped in constant time, so allocation is not O(sites × pool).
  const ring = new FreeRing(size);
  for (const asn of taken) ring.take(asn - ASN_POOL.min);
  for (const site of fresh) {
    const start = hash32(`asn/${site.id}`) % size;
    for (const i of ring.from(start)) {
      const asn = ASN_POOL.min + i;
      if (fits(site, asn)) {
        ring.take(i);
        asns.set(site.id, asn);
        taken.add(asn);
        break;
      }
    }
    if (!asns.has(site.id)) {
      issues.add(`sites[${site.index}].asn`, 'asn-pool-exhausted', `no free ASN left in ${ASN_POOL.min}-${ASN_POOL.max}; pin one`);
    }
  }
  return asns;
}

/** A /30 an existing gateway already uses (`SiteSpec.inUse`): taken before any tunnel is placed. */
interface InUseHolder {
  /** The gateway that uses it. */
  readonly inUse: NormalSite;
  /** The value that takes it. */
  readonly entry: InUseEntry;
}
type Holder = Draft | InUseHolder;
const isInUse = (h: Holder): h is InUseHolder => 'inUse' in h;

/** How an in-use /30 is named in a message: `in use on gateway 'x' outside this topology (sites[0].inUse.insideCidrs[1]: '169.254.10.0/30')`. */
function inUseText(h: InUseHolder, d: Draft): string {
  const what = `${h.entry.path}: ${show(h.entry.value)}${h.entry.kind === 'address' ? ' lies in it' : ''}`;
  const cloud = CLOUD_NAMES[h.inUse.cloud];
  return d.domains.includes(`gw:${h.inUse.id}`)
    ? `in use on gateway ${show(h.inUse.id)} outside this topology (${what})`
    : `in use on ${cloud} gateway ${show(h.inUse.id)} outside this topology (${what}), and ${cloud}'s inside range is shared by all its gateways`;
}

function allocateInsideCidrs(sites: readonly NormalSite[], drafts: readonly Draft[], previous: AllocationRecord, issues: IssueCollector): void {
  const used = new Map<string, Map<number, Holder>>(); // domain -> block -> holder
  const holder = (d: Draft, block: number): Holder | undefined => {
    for (const dom of d.domains) {
      const h = used.get(dom)?.get(block);
      if (h) return h;
    }
    return undefined;
  };
  const hold = (domains: readonly string[], block: number, h: Holder) => {
    for (const dom of domains) {
      if (!used.has(dom)) used.set(dom, new Map());
      if (!used.get(dom)!.has(block)) used.get(dom)!.set(block, h);
    }
  };
  const take = (d: Draft, block: number) => {
    d.insideCidr = block;
    hold(d.domains, block, d);
  };
  // What existing gateways use is taken first: on the gateway, and cloud-wide where its cloud's range is shared.
  for (const site of sites) for (const entry of site.inUse.entries) hold(domainsOf([site]), entry.block, { inUse: site, entry });
  const clouds = (d: Draft): [Cloud, Cloud] => [d.link.a.cloud, d.link.b.cloud];

  // Pins: parsed, checked against both clouds' ranges and reserved blocks, unique per domain.
  for (const d of drafts) {
    const pinned = d.pin?.insideCidr;
    if (pinned === undefined) continue;
    const path = `${d.pinPath}.insideCidr`;
    if (!d.needsInside) {
      const always = Object.values(PROFILES).filter((x) => x.alwaysInside).map((x) => withArticle(x.name)).join(' or ');
      issues.add(path, 'inside-cidr-unused', `tunnel ${d.id} has no inside addresses (routing ${show(d.link.routing)} without ${always} end)`);
      continue;
    }
    const check = checkInsideCidr(clouds(d), pinned);
    if (!check.ok) {
      issues.add(path, check.code, check.message);
      continue;
    }
    const h = holder(d, check.network);
    if (h && isInUse(h)) {
      issues.add(path, 'inside-cidr-in-use', `${show(pinned)} is ${inUseText(h, d)}; allowed: a /30 no existing tunnel of the gateway uses`);
      continue;
    }
    if (h) {
      issues.add(path, 'inside-cidr-duplicate', `${show(pinned)} is already used by tunnel ${h.id} (${h.pinPath}) on a shared gateway; each tunnel needs its own /30`);
      continue;
    }
    take(d, check.network);
  }
  // Kept from an earlier plan, then fresh ones in tunnel-id order, each from a hashed start.
  const rest = drafts.filter((d) => d.needsInside && d.insideCidr === undefined && d.pin?.insideCidr === undefined);
  const fresh: Draft[] = [];
  for (const d of rest) {
    const kept = previous.insideCidrs[d.id];
    const p = typeof kept === 'string' ? parseCidr(kept) : undefined;
    const valid = p?.ok && p.cidr.prefixLength === 30 && insidePool(...clouds(d)).includes(p.cidr.network);
    const h = valid ? holder(d, p.cidr.network) : undefined;
    if (valid && !h) {
      take(d, p.cidr.network);
    } else if (h && isInUse(h)) {
      // The tunnel is deployed with that /30: moving it replaces the tunnel, so only on request.
      const secondary = d.id.includes('/');
      const move = secondary ? `remove ${show(d.id)} from the allocation record` : `pin another insideCidr on ${d.pinPath} or remove ${show(d.id)} from the allocation record`;
      issues.add(`previous.insideCidrs.${d.id.slice(0, 128)}`, 'inside-cidr-kept-in-use', `${secondary ? 'the address' : 'tunnel'} ${d.id} was planned with ${show(kept)}, which is now ${inUseText(h, d)}; the planner does not move it on its own (a new /30 replaces the tunnel): if inUse lists this tunnel itself, take it out (inUse is what lies outside the topology); to move it, ${move}`);
    } else {
      fresh.push(d);
    }
  }
  fresh.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const d of fresh) {
    const pool = insidePool(...clouds(d));
    const start = hash32(`inside/${d.id}`) % pool.length;
    for (let i = 0; i < pool.length; i++) {
      const block = pool.at((start + i) % pool.length);
      if (!holder(d, block)) {
        take(d, block);
        break;
      }
    }
    if (d.insideCidr === undefined) {
      const scarce = [...new Set(clouds(d))].filter((c) => d.domains.includes(`cloud:${c}`)).map((c) => ` or ${CLOUD_NAMES[c]}'s APIPA range`).join('');
      const inUse = pool.toArray().some((block) => { const h = holder(d, block); return h !== undefined && isInUse(h); }) ? ', or in use outside this topology (inUse)' : '';
      issues.add(`${d.pinPath}.insideCidr`, 'inside-pool-exhausted', `no free inside /30 left for tunnel ${d.id}: all ${pool.length} blocks of ${describeInsideRange(clouds(d))} are used by tunnels sharing a gateway${scarce}${inUse}`);
    }
  }
}

function buildTunnel(
  d: Draft, asns: Map<string, number>, negotiated: { proposal: NeutralProposal; lifetimes: readonly [EndLifetimes, EndLifetimes] }, key: PresharedKey,
  deployment: string,
): PlannedTunnel {
  const { link, slot } = d;
  const sites = [link.a, link.b] as const;
  const bgp = link.routing === 'bgp';
  let hosts: [string, string] | undefined;
  if (d.insideCidr !== undefined) {
    const [first, second] = hostsOf30({ network: d.insideCidr, prefixLength: 30, text: '' });
    // The end with the higher claim takes the first host (`CloudProfile.firstHostRank`).
    const [rank0, rank1] = sites.map((s) => profileOf(s.cloud).firstHostRank);
    hosts = rank0 > rank1 ? [first, second] : [second, first];
  }
  const roles = sites.map((s) => profileOf(s.cloud).initiation(negotiated.proposal.ikeVersion));
  const ends = sites.map((site, i): TunnelEnd => {
    const peer = sites[1 - i];
    const initiates = initiatesFacing(roles[i], roles[1 - i]);
    return {
      site: site.id,
      cloud: site.cloud,
      endpoint: slot.endpoints[i],
      insideAddress: hosts ? hosts[i] : undefined,
      asn: bgp ? asns.get(site.id) : undefined,
      peerAsn: bgp ? asns.get(peer.id) : undefined,
      proposal: spell(site.cloud, negotiated.proposal, negotiated.lifetimes[i]),
      initiates,
      localSelectors: link.routing === 'policy' ? link.selectors[i] : undefined,
      alarms: slot.state === 'active' && site.spec.alarms !== false
        ? profileOf(site.cloud).alarms({ deployment, tunnelId: d.id, link, site, endpoint: slot.endpoints[i], placement: slot.placements[i] })
        : undefined,
    };
  });
  return {
    id: d.id,
    link: link.id,
    index: slot.index,
    state: slot.state,
    idleReason: slot.idleReason,
    routing: link.routing,
    insideCidr: d.insideCidr !== undefined ? `${formatIpv4(d.insideCidr)}/30` : undefined,
    presharedKey: key,
    proposal: negotiated.proposal,
    ends: [ends[0], ends[1]],
  };
}

/** Whether an end with role `own` starts IKE facing one with role `peer` (see `Initiation`). */
function initiatesFacing(own: Initiation, peer: Initiation): boolean {
  return own === 'leads' || own === 'initiates' || (own === 'yields' && peer !== 'leads');
}

/**
 * A warning for a BGP link on which no end is known to open the BGP session, e.g. `Azure never
 * starts BGP from an APIPA address and whether Alibaba Cloud does is unconfirmed`.
 */
function bgpStartWarning(clouds: readonly Cloud[]): string | undefined {
  const profiles = [...clouds].map(profileOf);
  if (profiles.some((p) => p.startsBgp === true)) return undefined;
  const never = profiles.filter((p) => p.startsBgp === false).map((p) => `${p.name} never starts BGP from an APIPA address`);
  const unknown = profiles.filter((p) => p.startsBgp === undefined).map((p) => `whether ${p.name} does is unconfirmed`);
  return [...never, ...unknown].join(' and ');
}

/**
 * What the inside /30s of a pair of clouds are drawn from: the ranges both accept, and as reserved
 * the blocks either keeps and the scarce ranges of the other clouds (tunnels without an end on a
 * cloud whose range is scarce leave that range to tunnels that need it). Exported for its test.
 */
export function insidePoolInputs(x: Cloud, y: Cloud): { ranges: Ipv4Cidr[]; reserved: Ipv4Cidr[] } {
  const ranges = intersect(FACTS[x].insideRanges.map(cidr), FACTS[y].insideRanges.map(cidr));
  const reserved = [...FACTS[x].insideReserved, ...FACTS[y].insideReserved].map(cidr);
  const scarce = Object.values(PROFILES).filter((p) => p.scarceInsideRange && p.cloud !== x && p.cloud !== y).flatMap((p) => p.facts.insideRanges.map(cidr));
  return { ranges, reserved: [...reserved, ...scarce] };
}

/** The inside /30s of a pair of clouds (`insidePoolInputs`), built once per process. */
const poolCache = new Map<string, Slash30Pool>();
function insidePool(x: Cloud, y: Cloud): Slash30Pool {
  const key = [x, y].sort().join('+');
  let pool = poolCache.get(key);
  if (!pool) {
    const { ranges, reserved } = insidePoolInputs(x, y);
    pool = slash30Pool(ranges, reserved);
    poolCache.set(key, pool);
  }
  return pool;
}

/** The resources of one gateway: its profile's, its capacity checked. */
function buildGateway(
  site: NormalSite, links: readonly NormalLink[], slotsByLink: Map<string, TunnelSlot[]>, tunnels: Map<string, PlannedTunnel>,
  ownAddresses: ReadonlyMap<string, string>, asn: number, issues: IssueCollector,
): GatewayPlan {
  const profile = profileOf(site.cloud);
  const mine = links.filter((l) => l.a === site || l.b === site).map((link): GatewayLink => {
    const side = link.a === site ? 0 : 1;
    return { link, side, remote: side === 0 ? link.b : link.a, slots: slotsByLink.get(link.id)!, tunnel: (slot) => tunnels.get(`${link.id}:${slot.index + 1}`)! };
  });
  const planned = profile.planGateway({ site, links: mine, ownAddress: (tunnel, endpoint) => ownAddresses.get(`${tunnel}/${endpoint}`), issues });
  const capacity = profile.capacity(site, planned.links);
  const limit = site.spec.maxConnections ?? capacity.limit;
  // Connections an existing gateway already has count against the same limit (`SiteSpec.inUse`).
  const inUse = site.inUse.connections;
  if (capacity.used + inUse > limit) {
    const already = inUse > 0 ? `, and ${inUse} ${inUse === 1 ? 'is' : 'are'} in use already (sites[${site.index}].inUse.connections): ${capacity.used + inUse} in all,` : '';
    issues.add(`sites[${site.index}]`, 'gateway-capacity', `gateway ${show(site.id)} needs ${capacity.used} ${capacity.unit}${already} but ${withArticle(profile.name)} ${capacity.gateway} allows ${limit}; allowed: at most ${limit}${inUse > 0 ? ' in all' : ''} (remove links, use layout 'minimal', ${capacity.remedy}or raise maxConnections after a quota increase)`);
  }
  return {
    site: site.id,
    cloud: site.cloud,
    kind: site.kind,
    asn,
    cidrs: site.cidrs.map((c) => c.text),
    endpoints: endpointsOf(site.kind),
    apipaAddresses: planned.addresses,
    connectionCount: capacity.used,
    ...(inUse > 0 ? { connectionsInUse: inUse } : {}),
    connectionLimit: limit,
    links: planned.links,
  };
}
