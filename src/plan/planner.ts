/**
 * The planner: a topology in, a `VpnPlan` out (or one `PlanError` listing every problem).
 *
 * A pure function of its input. Everything allocated is keyed by stable identities (site ids,
 * link ids, tunnel ids), never by position, and allocations fed back through `previous` are
 * kept, so adding or removing a link or a site changes no parameter of any other tunnel.
 */
import {
  AWS_DEFAULT_AMAZON_SIDE_ASN, AZURE_DEFAULT_SKU, AZURE_RETIRED_SKUS, AZURE_SKU_TUNNELS, AZURE_TUNNELS_PER_CONNECTION, CLOUD_NAMES, CONNECTION_LIMITS, Cloud, FACTS, TIMERS,
} from './facts';
import { Ipv4Cidr, cidr, contains, formatIpv4, hostsOf30, intersect, overlaps, parseCidr, slash30Pool } from '../common/cidr';
import { IssueCollector, show, withArticle } from './errors';
import { FreeRing } from './free-ring';
import { TunnelSlot, configuresIdle, endpointsOf, pairTunnels } from './pairing';
import type {
  AlicloudConnectionPlan, AlicloudCustomerGatewayPlan, AwsCustomerGatewayPlan, AwsVpnConnectionPlan, AzureConnectionPlan,
  AzureLocalNetworkGatewayPlan, GatewayPlan, LinkPlan, LinkResources, NeutralProposal, PlannedTunnel, TunnelEnd, VpnPlan,
} from './plan';
import { keyGenerationOf, recordTunnels, settleSettings } from './generations';
import { EndLifetimes, chooseLifetimes, negotiate, spell } from './proposals';
import { DEMO_MASTER_SECRET, KeyDerivation, MASTER_SECRET_ENV, MIN_STRONG_KEY_LENGTH, PresharedKey, deriveKey, masterSecretProblem, pskProblem } from './psk';
import type { AllocationRecord, KeyScheme, Topology, TunnelPin } from './topology';
import { NormalLink, NormalSite, ownAsnProblem, peerAsnProblem, validateOptions, validatePrevious, validateTopology } from './validate';

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
 * 2-byte private ASNs every cloud accepts in both roles (65515+ is Azure's); 64512, AWS's default
 * Amazon-side ASN, is left to AWS sites, which take it when they pin none.
 */
const ASN_POOL = { min: AWS_DEFAULT_AMAZON_SIDE_ASN + 1, max: 65514 };

/** FNV-1a, 32 bit: a stable start position for hash-preferred allocation. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Azure's APIPA range: kept for tunnels that have an Azure end. */
const AZURE_RANGES = FACTS.azure.insideRanges.map(cidr);

const poolCache = new Map<string, number[]>();
/** Aligned /30s both clouds accept, minus both clouds' reserved blocks. */
function insidePool(x: Cloud, y: Cloud): number[] {
  const key = [x, y].sort().join('+');
  let pool = poolCache.get(key);
  if (!pool) {
    const ranges = intersect(FACTS[x].insideRanges.map(cidr), FACTS[y].insideRanges.map(cidr));
    const reserved = [...FACTS[x].insideReserved, ...FACTS[y].insideReserved].map(cidr);
    // Tunnels without an Azure end leave Azure's scarce 512 addresses to tunnels that need them.
    const avoid = x === 'azure' || y === 'azure' ? reserved : [...reserved, ...AZURE_RANGES];
    pool = slash30Pool(ranges, avoid);
    poolCache.set(key, pool);
  }
  return pool;
}

function describePool(x: Cloud, y: Cloud): string {
  const ranges = intersect(FACTS[x].insideRanges.map(cidr), FACTS[y].insideRanges.map(cidr));
  // Only the reserved blocks that lie in those ranges are worth naming.
  const reserved = [...new Set([...FACTS[x].insideReserved, ...FACTS[y].insideReserved])].filter((r) => ranges.some((g) => overlaps(g, cidr(r))));
  return `an aligned /30 in ${ranges.map((c) => c.text).join(' or ')}${reserved.length ? `, outside ${reserved.join(', ')}` : ''}`;
}

/** A tunnel being planned. */
interface Draft {
  readonly id: string;
  readonly link: NormalLink;
  readonly slot: TunnelSlot;
  readonly pin?: TunnelPin;
  readonly pinPath: string;
  /** Conflict domains: the gateways it touches, and every Azure gateway together. */
  readonly domains: readonly string[];
  readonly needsInside: boolean;
  insideCidr?: number;
}

/**
 * The custom BGP address an active-active Azure end needs on its other instance for a tunnel whose
 * link has no tunnel there (Azure AA ↔ Alibaba single-tunnel): a /30 of Azure's APIPA range of
 * its own, allocated and recorded under `<tunnel id>/<instance>` like a tunnel's, so that the
 * address depends on nothing but the tunnel.
 */
function ownSecondaryDrafts(link: NormalLink, drafts: readonly Draft[]): Draft[] {
  if (link.routing !== 'bgp') return [];
  const out: Draft[] = [];
  for (const [side, site] of [link.a, link.b].entries()) {
    if (site.cloud !== 'azure' || site.kind !== 'active-active') continue;
    const active = drafts.filter((d) => d.slot.state === 'active');
    for (const d of active) {
      const other = otherInstance(d.slot.endpoints[side]);
      if (active.some((x) => x.slot.endpoints[side] === other)) continue;
      out.push({ ...d, id: `${d.id}/${other}`, pin: undefined, domains: [`gw:${site.id}`, 'azure'], needsInside: true, insideCidr: undefined });
    }
  }
  return out;
}

const otherInstance = (instance: string) => (instance === 'instance0' ? 'instance1' : 'instance0');

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
    if (link.routing === 'bgp' && clouds.includes('azure') && clouds.includes('alicloud')) {
      warnings.push(`links[${link.index}] (${link.id}): Azure never starts BGP from an APIPA address and whether Alibaba Cloud does is unconfirmed; if sessions stay idle, use routing 'static' or 'policy'`);
    }
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
    const hasAws = link.a.cloud === 'aws' || link.b.cloud === 'aws';
    for (const slot of slots) {
      const domains = [`gw:${link.a.id}`, `gw:${link.b.id}`];
      if (link.a.cloud === 'azure' || link.b.cloud === 'azure') domains.push('azure');
      drafts.push({
        id: `${link.id}:${slot.index + 1}`,
        link,
        slot,
        pin: pins[slot.index],
        pinPath: `links[${link.index}].tunnels[${slot.index}]`,
        domains,
        needsInside: link.routing === 'bgp' || hasAws,
      });
    }
    secondaries.push(...ownSecondaryDrafts(link, drafts.filter((d) => d.link === link)));
  }
  for (const site of sites) {
    const sku = site.spec.sku;
    if (site.cloud === 'azure' && typeof sku === 'string' && Object.hasOwn(AZURE_RETIRED_SKUS, sku)) {
      warnings.push(`sites[${site.index}].sku: ${show(sku)} is a non-AZ SKU, which Azure no longer creates (NonAzSkusNotAllowedForVPNGateway since 2025-11-01); planned as an existing gateway's. A new gateway needs ${AZURE_RETIRED_SKUS[sku]}`);
    }
  }

  // 3. ASNs: pinned ones checked in each role they play, missing ones allocated.
  const asns = allocateAsns(sites, links, previous, issues);

  // 4. Inside /30s, and the Azure secondaries' own (kept ones of both before any fresh one).
  allocateInsideCidrs([...drafts, ...secondaries], previous, issues);

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
  const tunnels: PlannedTunnel[] = drafts.map((d) => buildTunnel(d, asns, settings.get(d.id)!, keys.get(d.id)!));
  const tunnelById = new Map(tunnels.map((t) => [t.id, t]));

  // 7. Resources per gateway.
  const secondaryAddress = new Map(secondaries.map((d) => [d.id, hostsOf30({ network: d.insideCidr!, prefixLength: 30, text: '' })[1]]));
  const gateways = sites.map((site) => buildGateway(site, links, slotsByLink, tunnelById, secondaryAddress, asns.get(site.id)!, issues));
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

/** The key derivation of this plan, checked against the record so that keys never rotate by accident. */
function keyScheme(topology: Topology, given: PlanOptions | null | undefined, previous: AllocationRecord, issues: IssueCollector, warnings: string[]): KeyScheme {
  const options: PlanOptions = typeof given === 'object' && given !== null ? given : {};
  const named = typeof topology === 'object' && topology !== null && typeof (topology as { name?: unknown }).name === 'string' ? (topology as { name: string }).name : undefined;
  const deployment = options.deployment ?? named ?? 'default';
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
  // Kept from an earlier plan first; then AWS sites take AWS's default, as the AWS constructs do;
  // then fresh ones in site-id order, each from a hashed start.
  const missing = sites.filter((s) => s.spec.asn === undefined).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const fresh: NormalSite[] = [];
  const awsDefault: NormalSite[] = [];
  for (const site of missing) {
    const kept = Object.hasOwn(previous.asns, site.id) ? previous.asns[site.id] : undefined;
    if (typeof kept === 'number' && !(site.cloud === 'aws' && kept === AWS_DEFAULT_AMAZON_SIDE_ASN) && fits(site, kept)) {
      asns.set(site.id, kept);
      taken.add(kept);
    } else if (site.cloud === 'aws') {
      awsDefault.push(site);
    } else {
      fresh.push(site);
    }
  }
  // 64512 stays AWS's default: never allocated to another site.
  taken.add(AWS_DEFAULT_AMAZON_SIDE_ASN);
  for (const site of awsDefault) {
    asns.set(site.id, AWS_DEFAULT_AMAZON_SIDE_ASN);
    for (const link of links) {
      if (link.routing !== 'bgp' || (link.a !== site && link.b !== site)) continue;
      const peer = link.a === site ? link.b : link.a;
      if (asns.get(peer.id) === AWS_DEFAULT_AMAZON_SIDE_ASN && peer.cloud !== 'aws') {
        issues.add(`sites[${site.index}].asn`, 'asn-equal', `${show(site.id)} pins no ASN, so it takes AWS's default ${AWS_DEFAULT_AMAZON_SIDE_ASN} (as the AWS constructs do), which its BGP peer ${show(peer.id)} also uses (links[${link.index}]); the two ends of a BGP link need different ASNs: pin asn on one of them`);
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

function allocateInsideCidrs(drafts: readonly Draft[], previous: AllocationRecord, issues: IssueCollector): void {
  const used = new Map<string, Map<number, Draft>>(); // domain -> block -> holder
  const holder = (d: Draft, block: number) => {
    for (const dom of d.domains) {
      const h = used.get(dom)?.get(block);
      if (h) return h;
    }
    return undefined;
  };
  const take = (d: Draft, block: number) => {
    d.insideCidr = block;
    for (const dom of d.domains) {
      if (!used.has(dom)) used.set(dom, new Map());
      used.get(dom)!.set(block, d);
    }
  };
  const clouds = (d: Draft): [Cloud, Cloud] => [d.link.a.cloud, d.link.b.cloud];

  // Pins: parsed, checked against both clouds' ranges and reserved blocks, unique per domain.
  for (const d of drafts) {
    const pinned = d.pin?.insideCidr;
    if (pinned === undefined) continue;
    const path = `${d.pinPath}.insideCidr`;
    if (!d.needsInside) {
      issues.add(path, 'inside-cidr-unused', `tunnel ${d.id} has no inside addresses (routing ${show(d.link.routing)} without an AWS end)`);
      continue;
    }
    const p = parseCidr(pinned);
    const [x, y] = clouds(d);
    const allowed = describePool(x, y);
    if (!p.ok) {
      issues.add(path, 'inside-cidr-malformed', `${show(pinned)} is not a valid prefix (${p.reason}); allowed: ${allowed}`);
      continue;
    }
    if (p.cidr.prefixLength !== 30) {
      issues.add(path, 'inside-cidr-not-30', `${show(pinned)} is a /${p.cidr.prefixLength}; allowed: ${allowed}`);
      continue;
    }
    const outside = [x, y].find((c) => !FACTS[c].insideRanges.map(cidr).some((r: Ipv4Cidr) => contains(r, p.cidr)));
    if (outside) {
      issues.add(path, 'inside-cidr-outside-range', `${show(pinned)} is outside ${CLOUD_NAMES[outside]}'s range (${FACTS[outside].insideRanges.join(', ')}); allowed: ${allowed}`);
      continue;
    }
    const reserver = [x, y].find((c) => FACTS[c].insideReserved.map(cidr).some((r) => contains(r, p.cidr)));
    if (reserver) {
      issues.add(path, 'inside-cidr-reserved', `${show(pinned)} is reserved by ${CLOUD_NAMES[reserver]}; allowed: ${allowed}`);
      continue;
    }
    const h = holder(d, p.cidr.network);
    if (h) {
      issues.add(path, 'inside-cidr-duplicate', `${show(pinned)} is already used by tunnel ${h.id} (${h.pinPath}) on a shared gateway; each tunnel needs its own /30`);
      continue;
    }
    take(d, p.cidr.network);
  }
  // Kept from an earlier plan, then fresh ones in tunnel-id order, each from a hashed start.
  const rest = drafts.filter((d) => d.needsInside && d.insideCidr === undefined && d.pin?.insideCidr === undefined);
  const fresh: Draft[] = [];
  for (const d of rest) {
    const kept = previous.insideCidrs[d.id];
    const p = typeof kept === 'string' ? parseCidr(kept) : undefined;
    if (p?.ok && p.cidr.prefixLength === 30 && insidePool(...clouds(d)).includes(p.cidr.network) && !holder(d, p.cidr.network)) {
      take(d, p.cidr.network);
    } else {
      fresh.push(d);
    }
  }
  fresh.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const d of fresh) {
    const pool = insidePool(...clouds(d));
    const start = hash32(`inside/${d.id}`) % pool.length;
    for (let i = 0; i < pool.length; i++) {
      const block = pool[(start + i) % pool.length];
      if (!holder(d, block)) {
        take(d, block);
        break;
      }
    }
    if (d.insideCidr === undefined) {
      const [x, y] = clouds(d);
      issues.add(`${d.pinPath}.insideCidr`, 'inside-pool-exhausted', `no free inside /30 left for tunnel ${d.id}: all ${pool.length} blocks of ${describePool(x, y)} are used by tunnels sharing a gateway${d.domains.includes('azure') ? ' or Azure\'s APIPA range' : ''}`);
    }
  }
}

function buildTunnel(
  d: Draft, asns: Map<string, number>, negotiated: { proposal: NeutralProposal; lifetimes: readonly [EndLifetimes, EndLifetimes] }, key: PresharedKey,
): PlannedTunnel {
  const { link, slot } = d;
  const sites = [link.a, link.b] as const;
  const bgp = link.routing === 'bgp';
  let hosts: [string, string] | undefined;
  if (d.insideCidr !== undefined) {
    const [first, second] = hostsOf30({ network: d.insideCidr, prefixLength: 30, text: '' });
    // AWS takes the first host (Z8); between Azure and Alibaba Cloud, Alibaba takes the first.
    const firstSide = sites.findIndex((s) => s.cloud === 'aws') >= 0 ? sites.findIndex((s) => s.cloud === 'aws') : sites.findIndex((s) => s.cloud === 'alicloud');
    hosts = firstSide === 0 ? [first, second] : [second, first];
  }
  const ikev2 = negotiated.proposal.ikeVersion === 'ikev2';
  const awsInitiates = ikev2; // startup action `start` needs IKEv2 (A9)
  const ends = sites.map((site, i): TunnelEnd => {
    const peer = sites[1 - i];
    let initiates: boolean;
    if (site.cloud === 'aws') initiates = awsInitiates;
    else if (site.cloud === 'azure') initiates = !(peer.cloud === 'aws' && awsInitiates); // ResponderOnly facing an initiating AWS (Z8)
    else initiates = true; // Alibaba: effect immediately
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

function buildGateway(
  site: NormalSite, links: readonly NormalLink[], slotsByLink: Map<string, TunnelSlot[]>, tunnels: Map<string, PlannedTunnel>,
  secondaryAddress: ReadonlyMap<string, string>, asn: number, issues: IssueCollector,
): GatewayPlan {
  const resources: LinkResources[] = [];
  const apipa: Record<string, string[]> = {};
  if (site.cloud === 'azure') for (const e of endpointsOf(site.kind)) apipa[e] = [];

  const mine = links.filter((l) => l.a === site || l.b === site);
  // Azure APIPA addresses per instance first: connections refer to them.
  if (site.cloud === 'azure') {
    for (const link of mine) {
      if (link.routing !== 'bgp') continue;
      const side = link.a === site ? 0 : 1;
      for (const slot of slotsByLink.get(link.id)!) {
        const t = tunnels.get(`${link.id}:${slot.index + 1}`)!;
        if (t.state !== 'active') continue;
        apipa[slot.endpoints[side]].push(t.ends[side].insideAddress!);
        const own = secondaryAddress.get(`${t.id}/${otherInstance(slot.endpoints[side])}`);
        if (own !== undefined) apipa[otherInstance(slot.endpoints[side])].push(own);
      }
    }
  }

  for (const link of mine) {
    const side = link.a === site ? 0 : 1;
    const remote = side === 0 ? link.b : link.a;
    const slots = slotsByLink.get(link.id)!;
    const tunnel = (slot: TunnelSlot) => tunnels.get(`${link.id}:${slot.index + 1}`)!;
    const remoteRef = (slot: TunnelSlot) => ({ site: remote.id, endpoint: slot.endpoints[1 - side] });
    const bgp = link.routing === 'bgp';
    const remoteAsn = bgp ? tunnel(slots[0]).ends[1 - side].asn : undefined;

    if (site.cloud === 'aws') {
      const remoteEndpoints = endpointsOf(remote.kind);
      const customerGateways: AwsCustomerGatewayPlan[] = remoteEndpoints.map((endpoint, k) => ({ id: `cgw${k + 1}`, remote: { site: remote.id, endpoint }, bgpAsn: remoteAsn }));
      const vpnConnections: AwsVpnConnectionPlan[] = remoteEndpoints.map((_, k) => {
        const pair = [1, 2].map((n) => slots.find((s) => s.aws?.connection === k + 1 && s.aws.tunnel === n)!);
        return {
          id: `conn${k + 1}`,
          customerGateway: `cgw${k + 1}`,
          tunnels: [tunnel(pair[0]).id, tunnel(pair[1]).id],
          staticRoutesOnly: !bgp,
          staticRoutes: link.routing === 'static' ? remote.cidrs.map((c) => c.text) : link.routing === 'policy' ? [...link.selectors[1 - side]] : [],
          localNetworkCidr: link.routing === 'policy' ? link.selectors[side][0] : undefined,
          remoteNetworkCidr: link.routing === 'policy' ? link.selectors[1 - side][0] : undefined,
        };
      });
      resources.push({ cloud: 'aws', link: link.id, remoteSite: remote.id, customerGateways, vpnConnections });
    } else if (site.cloud === 'azure') {
      const active = slots.filter((s) => s.state === 'active');
      const localNetworkGateways: AzureLocalNetworkGatewayPlan[] = [];
      const connections: AzureConnectionPlan[] = [];
      active.forEach((slot, n) => {
        const t = tunnel(slot);
        const instance = slot.endpoints[side];
        localNetworkGateways.push({
          id: `lng${n + 1}`,
          remote: remoteRef(slot),
          addressSpace: link.routing === 'static' ? remote.cidrs.map((c) => c.text) : link.routing === 'policy' ? [...link.selectors[1 - side]] : [],
          bgp: bgp ? { asn: t.ends[1 - side].asn!, peeringAddress: t.ends[1 - side].insideAddress! } : undefined,
        });
        let customBgpAddresses: AzureConnectionPlan['customBgpAddresses'];
        if (bgp) {
          const own = t.ends[side].insideAddress!;
          const other = otherInstance(instance);
          // The other instance's address, from this tunnel's own link only (so that no other link
          // changes it): the link's first tunnel on that instance, else the address allocated for
          // this tunnel there (ownSecondaryDrafts); none on an active-standby gateway.
          const sibling = active.find((s) => s.endpoints[side] === other);
          const otherAddress = apipa[other] ? (sibling ? tunnel(sibling).ends[side].insideAddress : secondaryAddress.get(`${t.id}/${other}`)) : undefined;
          customBgpAddresses = instance === 'instance0' ? { primary: own, secondary: otherAddress } : { primary: otherAddress ?? own, secondary: own };
          if (instance === 'instance1' && otherAddress === undefined) {
            issues.add(`sites[${site.index}]`, 'apipa-missing', `instance0 of Azure gateway ${show(site.id)} has no APIPA address for the primary custom BGP address of ${t.id}`);
          }
        }
        connections.push({
          id: `conn${n + 1}`,
          localNetworkGateway: `lng${n + 1}`,
          tunnel: t.id,
          bgpEnabled: bgp,
          customBgpAddresses,
          connectionMode: t.ends[side].initiates ? 'Default' : 'ResponderOnly',
          dpdTimeoutSeconds: TIMERS.azureDpdTimeoutSeconds,
          trafficSelectors: link.routing === 'policy' ? { local: [...link.selectors[side]], remote: [...link.selectors[1 - side]] } : undefined,
        });
      });
      resources.push({ cloud: 'azure', link: link.id, remoteSite: remote.id, localNetworkGateways, connections });
    } else {
      // Alibaba Cloud: one customer gateway per remote endpoint its tunnels use.
      const customerGateways: AlicloudCustomerGatewayPlan[] = [];
      const cgwFor = (slot: TunnelSlot): string => {
        const ref = remoteRef(slot);
        let cgw = customerGateways.find((c) => c.remote.endpoint === ref.endpoint);
        if (!cgw) {
          cgw = { id: `cgw${customerGateways.length + 1}`, remote: ref, asn: remoteAsn };
          customerGateways.push(cgw);
        }
        return cgw.id;
      };
      const groups = new Map<number, TunnelSlot[]>();
      for (const slot of slots) {
        if (slot.state !== 'active' && !(configuresIdle(site) && slots.some((s) => s.state === 'active' && s.alicloud?.connection === slot.alicloud?.connection))) continue;
        const n = slot.alicloud!.connection;
        groups.set(n, [...(groups.get(n) ?? []), slot]);
      }
      const subnets = link.routing === 'policy'
        ? { local: [...link.selectors[side]], remote: [...link.selectors[1 - side]] }
        : { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'] };
      const connections: AlicloudConnectionPlan[] = [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([n, group]) => ({
        id: `conn${n}`,
        mode: site.kind === 'dual-tunnel' ? 'dual-tunnel' : 'single-tunnel',
        tunnels: group.map((slot) => ({ role: slot.alicloud!.role, customerGateway: cgwFor(slot), tunnel: tunnel(slot).id })),
        bgpEnabled: bgp,
        localSubnets: subnets.local,
        remoteSubnets: subnets.remote,
        routes: link.routing === 'policy'
          ? { kind: 'policy', destinations: [...link.selectors[1 - side]], sources: [...link.selectors[side]] }
          : link.routing === 'static'
            ? { kind: 'destination', destinations: remote.cidrs.map((c) => c.text), sources: [] }
            : { kind: 'bgp', destinations: [], sources: [] },
      }));
      resources.push({ cloud: 'alicloud', link: link.id, remoteSite: remote.id, customerGateways, connections });
    }
  }

  // Counted as each cloud counts its limit: AWS VPN connections; Azure S2S tunnels (every
  // connection of an active-active gateway is two, AZURE_TUNNELS_PER_CONNECTION); Alibaba Cloud connections.
  const connections = resources.reduce((n, r) => n + (r.cloud === 'aws' ? r.vpnConnections.length : r.connections.length), 0);
  const perConnection = site.cloud === 'azure' ? AZURE_TUNNELS_PER_CONNECTION[site.kind as 'active-active' | 'active-standby'] : 1;
  const connectionCount = connections * perConnection;
  const limit = site.spec.maxConnections
    ?? (site.cloud === 'azure' ? AZURE_SKU_TUNNELS[site.spec.sku ?? AZURE_DEFAULT_SKU] : CONNECTION_LIMITS[site.kind]);
  if (connectionCount > limit) {
    const unit = site.cloud === 'aws' ? 'VPN connections'
      : site.cloud === 'azure' ? `S2S tunnels (${connections} connections${perConnection > 1 ? `, ${perConnection} tunnels each on an active-active gateway` : ''})` : 'connections';
    issues.add(`sites[${site.index}]`, 'gateway-capacity', `gateway ${show(site.id)} needs ${connectionCount} ${unit} but ${withArticle(CLOUD_NAMES[site.cloud])} ${site.cloud === 'azure' ? `${site.spec.sku ?? AZURE_DEFAULT_SKU} gateway` : site.kind} allows ${limit}; allowed: at most ${limit} (remove links, use layout 'minimal', ${site.cloud === 'azure' ? 'a larger SKU, ' : ''}or raise maxConnections after a quota increase)`);
  }
  return {
    site: site.id,
    cloud: site.cloud,
    kind: site.kind,
    asn,
    cidrs: site.cidrs.map((c) => c.text),
    endpoints: endpointsOf(site.kind),
    apipaAddresses: site.cloud === 'azure' ? apipa : undefined,
    connectionCount,
    connectionLimit: limit,
    links: resources,
  };
}

