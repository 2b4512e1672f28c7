/**
 * Validation of a topology's shape and values before anything is planned. Every problem is
 * collected with its field path; nothing here throws except through the collector.
 */
import { CLOUDS, CLOUD_NAMES, Cloud, DEFAULT_GATEWAY_KIND, FACTS, GATEWAY_KINDS, GatewayKind, PROFILES, profileOf } from './clouds';
import { withArticle } from './errors';
import type { IntRange } from './facts';
import { Ipv4Cidr, cidr, contains, overlaps, parseCidr, parseIpv4 } from '../common/cidr';
import { hasOwnKey } from '../common/own-key';
import { IssueCollector, show } from './errors';
import { readTunnelRecords } from './generations';
import type { InUseEntry, NormalInUse, NormalLink, NormalSite } from './normal';
import type { AllocationRecord, KeyScheme, LinkSpec, Routing, SiteSpec, Topology, TunnelLayout } from './topology';

/**
 * Limits on the size of a topology (documented in the README, "Limits"): far above any real
 * deployment (an Azure gateway takes at most 100 tunnels, an AWS transit gateway 5,000
 * attachments), low enough that planning stays fast and messages stay short.
 */
export const TOPOLOGY_LIMITS = {
  /** Most sites in one topology. */
  maxSites: 1000,
  /** Most links in one topology. */
  maxLinks: 5000,
  /** Most prefixes in one list (a site's `cidrs`, one side's `selectors`). */
  maxPrefixes: 200,
  /** Most tunnel pins on one link (a link has at most 4 tunnels). */
  maxPins: 16,
  /** Most entries in each map of `PlanOptions.previous` (`insideCidrs`, `asns`, `tunnels`). */
  maxPreviousEntries: 100000,
  /**
   * Most entries in each list of a site's `inUse` (`insideCidrs`, `insideAddresses`): an AWS
   * transit gateway takes at most 5,000 attachments, two tunnels each.
   */
  maxInUseEntries: 10000,
} as const;

/** Site ids key every derived value, so they are kept simple and printable. */
const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ROUTINGS: readonly Routing[] = ['bgp', 'static', 'policy'];
const LAYOUTS: readonly TunnelLayout[] = ['all', 'minimal'];

export function inRanges(value: number, ranges: readonly IntRange[]): boolean {
  return ranges.some((r) => value >= r.min && value <= r.max);
}

/** Why `asn` cannot be `cloud`'s own gateway ASN, or `undefined`. */
export function ownAsnProblem(cloud: Cloud, asn: number): string | undefined {
  const rule = FACTS[cloud].ownAsn;
  if (!Number.isInteger(asn) || !inRanges(asn, rule.ranges) || inRanges(asn, rule.reserved)) {
    return `${show(asn)} is not allowed for an ${CLOUD_NAMES[cloud]} gateway; allowed: ${rule.rule}`;
  }
  return undefined;
}

/** Why `cloud` cannot register `asn` for a remote peer, or `undefined`. */
export function peerAsnProblem(cloud: Cloud, asn: number): string | undefined {
  const rule = FACTS[cloud].peerAsn;
  if (!Number.isInteger(asn) || !inRanges(asn, rule.ranges) || inRanges(asn, rule.reserved)) {
    return `${show(asn)} cannot be registered as a peer ASN on ${CLOUD_NAMES[cloud]}; allowed: ${rule.rule}`;
  }
  return undefined;
}

/** Runtime shape check (input may come from a file); deliberately not a type guard. */
function isRecord(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseCidrList(values: unknown, path: string, issues: IssueCollector): Ipv4Cidr[] {
  if (!Array.isArray(values) || values.length === 0) {
    issues.add(path, 'cidrs-missing', `expected a non-empty list of IPv4 prefixes like '10.0.0.0/16', got ${show(values)}`);
    return [];
  }
  if (values.length > TOPOLOGY_LIMITS.maxPrefixes) {
    issues.add(path, 'cidrs-too-many', `${values.length} prefixes given; allowed: at most ${TOPOLOGY_LIMITS.maxPrefixes}`);
    return [];
  }
  const out: Ipv4Cidr[] = [];
  values.forEach((v, i) => {
    const p = parseCidr(v as string);
    if (!p.ok) {
      issues.add(`${path}[${i}]`, 'cidr-malformed', `${show(v)} is not a valid IPv4 prefix: ${p.reason}`);
    } else {
      const clash = out.find((o) => overlaps(o, p.cidr));
      if (clash) issues.add(`${path}[${i}]`, 'cidr-overlap', `${show(v)} overlaps ${show(clash.text)} in the same list`);
      out.push(p.cidr);
    }
  });
  return out;
}

/**
 * Where an existing tunnel's inside /30 may lie (`SiteInUse.insideCidrs`): anywhere in the inside
 * ranges of every cloud ({@link FACTS}`[cloud].insideRanges`), merged: `169.254.0.0/16`. Wider than
 * any one pair's pool on purpose: an existing tunnel may use a /30 this planner would not
 * allocate (another tool's choice, or a block a peer cloud reserves); the planner only avoids it.
 */
export const IN_USE_INSIDE_RANGES: readonly Ipv4Cidr[] = (() => {
  const all = CLOUDS.flatMap((c) => FACTS[c].insideRanges.map(cidr));
  // Keep the widest: drop a range another one holds (of two equal ones, the later).
  return all.filter((r, i) => !all.some((o, j) => j !== i && contains(o, r) && (!contains(r, o) || j < i)));
})();
const IN_USE_FIELDS = ['insideCidrs', 'insideAddresses', 'connections'] as const;
const IN_USE_RULE = `an aligned /30 in ${IN_USE_INSIDE_RANGES.map((r) => r.text).join(' or ')}, e.g. '169.254.10.0/30'`;

/**
 * A site's `inUse` (what an existing gateway already uses), checked: one issue per bad value, at
 * its field path; the valid entries are kept, each with the aligned /30 it takes.
 */
function validateInUse(given: unknown, path: string, issues: IssueCollector): NormalInUse {
  const entries: InUseEntry[] = [];
  if (given === undefined) return { entries, connections: 0 };
  if (!isRecord(given)) {
    issues.add(path, 'in-use-malformed', `expected an object with insideCidrs, insideAddresses and/or connections, got ${show(given)}`);
    return { entries, connections: 0 };
  }
  const inUse = given as Record<string, unknown>;
  for (const key of Object.keys(inUse)) {
    if (!(IN_USE_FIELDS as readonly string[]).includes(key)) issues.add(`${path}.${key.slice(0, 64)}`, 'in-use-malformed', `unknown field; allowed: ${IN_USE_FIELDS.join(', ')}`);
  }
  const list = (field: 'insideCidrs' | 'insideAddresses', example: string): unknown[] => {
    const values = inUse[field];
    if (values === undefined) return [];
    if (!Array.isArray(values)) {
      issues.add(`${path}.${field}`, 'in-use-malformed', `expected a list like ['${example}'], got ${show(values)}`);
      return [];
    }
    if (values.length > TOPOLOGY_LIMITS.maxInUseEntries) {
      issues.add(`${path}.${field}`, 'in-use-too-many', `${values.length} entries given; allowed: at most ${TOPOLOGY_LIMITS.maxInUseEntries}`);
      return [];
    }
    return values;
  };
  list('insideCidrs', '169.254.10.0/30').forEach((v, j) => {
    const at = `${path}.insideCidrs[${j}]`;
    const p = typeof v === 'string' ? parseCidr(v) : undefined;
    if (!p?.ok) {
      issues.add(at, 'in-use-cidr-invalid', `${show(v)} is not a valid IPv4 prefix${p ? ` (${p.reason})` : ''}; allowed: ${IN_USE_RULE}`);
    } else if (p.cidr.prefixLength !== 30) {
      issues.add(at, 'in-use-cidr-invalid', `${show(v)} is a /${p.cidr.prefixLength}; allowed: ${IN_USE_RULE}`);
    } else if (!IN_USE_INSIDE_RANGES.some((r) => contains(r, p.cidr))) {
      issues.add(at, 'in-use-cidr-invalid', `${show(v)} is outside every cloud's tunnel inside range; allowed: ${IN_USE_RULE}`);
    } else {
      entries.push({ path: at, value: p.cidr.text, kind: 'cidr', block: p.cidr.network });
    }
  });
  list('insideAddresses', '169.254.21.1').forEach((v, j) => {
    const address = typeof v === 'string' ? parseIpv4(v) : undefined;
    if (address === undefined) {
      issues.add(`${path}.insideAddresses[${j}]`, 'in-use-address-invalid', `${show(v)} is not a dotted-quad IPv4 address; allowed: an IPv4 address such as '169.254.21.1'`);
    } else {
      entries.push({ path: `${path}.insideAddresses[${j}]`, value: v as string, kind: 'address', block: (address & 0xfffffffc) >>> 0 });
    }
  });
  const connections = inUse.connections;
  if (connections !== undefined && (typeof connections !== 'number' || !Number.isSafeInteger(connections) || connections < 0)) {
    issues.add(`${path}.connections`, 'in-use-connections-invalid', `${show(connections)} is not a count; allowed: an integer of at least 0 (connections already counted against the gateway's limit, in the unit of maxConnections)`);
    return { entries, connections: 0 };
  }
  return { entries, connections: typeof connections === 'number' ? connections : 0 };
}

/** Deepest nesting a topology is read to (a real one is 5 levels deep). */
const MAX_DEPTH = 12;
/** Longest list read at all (the fields' own limits are lower; this bounds the copy). */
const MAX_ENTRIES = 100_000;

/**
 * A copy of user input as plain data, taken once before anything reads it: arrays and the own
 * enumerable fields of objects, primitives as they are. A getter that throws, a proxy trap, a
 * circular reference or nesting deeper than `MAX_DEPTH` becomes a problem at its field path
 * (and `undefined`), so no later read of the input can throw or see a value change.
 */
export function snapshot(value: unknown, path: string, issues: IssueCollector, seen = new Set<object>(), depth = 0): unknown {
  if (value === null || (typeof value !== 'object')) return value;
  if (seen.has(value)) {
    issues.add(path, 'input-circular', 'refers to itself (a circular reference); allowed: plain data');
    return undefined;
  }
  if (depth > MAX_DEPTH) {
    issues.add(path, 'input-too-deep', `is nested more than ${MAX_DEPTH} levels deep; allowed: the topology's own shape`);
    return undefined;
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      if (value.length > MAX_ENTRIES) {
        issues.add(path, 'input-too-large', `has ${value.length} entries; allowed: at most ${MAX_ENTRIES} in any list (fewer where the field says so)`);
        return undefined;
      }
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(snapshot(value[i], `${path}[${i}]`, issues, seen, depth + 1));
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const at = path === '(topology)' ? key : `${path}.${key}`;
      let field: unknown;
      try {
        field = (value as Record<string, unknown>)[key];
      } catch {
        issues.add(at, 'input-unreadable', 'cannot be read (its getter throws); allowed: plain data');
        continue;
      }
      // defineProperty keeps keys such as '__proto__' as plain fields.
      Object.defineProperty(out, key, { value: snapshot(field, at, issues, seen, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch {
    issues.add(path, 'input-unreadable', 'cannot be read; allowed: plain data');
    return undefined;
  } finally {
    seen.delete(value);
  }
}

/** Default link id: the two site ids in alphabetical order joined by `--`. */
export function defaultLinkId(a: string, b: string): string {
  return [a, b].sort().join('--');
}

/** Validates the topology; returns normalised sites and links (only meaningful when no issue was added). */
export function validateTopology(given: Topology, issues: IssueCollector): { sites: NormalSite[]; links: NormalLink[] } {
  const topology = snapshot(given, '(topology)', issues) as Topology;
  const sites: NormalSite[] = [];
  const links: NormalLink[] = [];
  if (!isRecord(topology)) {
    issues.add('(topology)', 'topology-malformed', `expected an object with 'sites' and 'links', got ${show(topology)}`);
    return { sites, links };
  }
  if (!Array.isArray(topology.sites) || topology.sites.length === 0) {
    issues.add('sites', 'sites-missing', `expected a non-empty list of sites, got ${show(topology.sites)}`);
  } else if (topology.sites.length > TOPOLOGY_LIMITS.maxSites) {
    issues.add('sites', 'sites-too-many', `${topology.sites.length} sites given; allowed: at most ${TOPOLOGY_LIMITS.maxSites}`);
    return { sites, links };
  }
  if (!Array.isArray(topology.links)) {
    issues.add('links', 'links-missing', `expected a list of links, got ${show(topology.links)}`);
  } else if (topology.links.length > TOPOLOGY_LIMITS.maxLinks) {
    issues.add('links', 'links-too-many', `${topology.links.length} links given; allowed: at most ${TOPOLOGY_LIMITS.maxLinks}`);
    return { sites, links };
  }
  const byId = new Map<string, NormalSite>();
  ((Array.isArray(topology.sites) ? topology.sites : []) as readonly SiteSpec[]).forEach((site, index) => {
    const path = `sites[${index}]`;
    if (!isRecord(site)) {
      issues.add(path, 'site-malformed', `expected an object, got ${show(site)}`);
      return;
    }
    const before = issues.size;
    if (typeof site.id !== 'string' || !SITE_ID.test(site.id)) {
      issues.add(`${path}.id`, 'site-id-invalid', `${show(site.id)} is not a valid id; allowed: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    } else if (byId.has(site.id)) {
      issues.add(`${path}.id`, 'site-id-duplicate', `${show(site.id)} is already the id of sites[${byId.get(site.id)!.index}]`);
    }
    if (!CLOUDS.includes(site.cloud as Cloud)) {
      issues.add(`${path}.cloud`, 'cloud-unknown', `${show(site.cloud)} is not a supported cloud; allowed: ${CLOUDS.join(', ')}`);
    }
    const cloud = site.cloud;
    const kind = site.gateway ?? (CLOUDS.includes(cloud) ? DEFAULT_GATEWAY_KIND[cloud] : undefined);
    if (CLOUDS.includes(cloud) && !GATEWAY_KINDS[cloud].includes(kind as GatewayKind)) {
      issues.add(`${path}.gateway`, 'gateway-kind-unknown', `${show(site.gateway)} is not a gateway kind of ${CLOUD_NAMES[cloud]}; allowed: ${GATEWAY_KINDS[cloud].join(', ')}`);
    }
    const cidrs = parseCidrList(site.cidrs, `${path}.cidrs`, issues);
    if (site.asn !== undefined && typeof site.asn !== 'number') {
      issues.add(`${path}.asn`, 'asn-reserved', `${show(site.asn)} is not an ASN; allowed: an integer (see the cloud's range)`);
    }
    // Structural problems leave the site out of planning; value problems below do not.
    const structural = issues.size > before;
    if (typeof site.asn === 'number' && CLOUDS.includes(cloud)) {
      const problem = ownAsnProblem(cloud, site.asn);
      if (problem) issues.add(`${path}.asn`, 'asn-reserved', problem);
    }
    const skus = CLOUDS.includes(cloud) ? profileOf(cloud).skus : undefined;
    if (site.sku !== undefined && (!skus || !hasOwnKey(skus, site.sku))) {
      issues.add(`${path}.sku`, 'sku-unknown', skus
        ? `${show(site.sku)} is not ${withArticle(CLOUD_NAMES[cloud])} VPN gateway SKU; allowed: ${Object.keys(skus).join(', ')}`
        : `'sku' applies to ${Object.values(PROFILES).filter((p) => p.skus).map((p) => p.name).join(', ')} sites only`);
    }
    if (site.maxConnections !== undefined && (!Number.isInteger(site.maxConnections) || site.maxConnections < 1)) {
      issues.add(`${path}.maxConnections`, 'limit-invalid', `${show(site.maxConnections)} is not a positive integer`);
    }
    if (site.alarms !== undefined && typeof site.alarms !== 'boolean') {
      issues.add(`${path}.alarms`, 'alarms-invalid', `expected true or false, got ${show(site.alarms)}`);
    }
    const inUse = validateInUse(site.inUse, `${path}.inUse`, issues);
    if (structural || typeof site.id !== 'string') return;
    const normal: NormalSite = { index, spec: site, id: site.id, cloud, kind: kind as GatewayKind, cidrs, inUse };
    sites.push(normal);
    byId.set(site.id, normal);
  });

  const linkIds = new Map<string, number>();
  const pairs = new Map<string, number>();
  ((Array.isArray(topology.links) ? topology.links : []) as readonly LinkSpec[]).forEach((link, index) => {
    const path = `links[${index}]`;
    if (!isRecord(link)) {
      issues.add(path, 'link-malformed', `expected an object, got ${show(link)}`);
      return;
    }
    const before = issues.size;
    const between = link.between;
    if (!Array.isArray(between) || between.length !== 2 || between.some((s) => typeof s !== 'string')) {
      issues.add(`${path}.between`, 'link-malformed', `expected two site ids, got ${show(between)}`);
      return;
    }
    const [a, b] = between.map((id, i) => {
      const site = byId.get(id);
      if (!site && !(Array.isArray(topology.sites) && topology.sites.some((s) => isRecord(s) && s.id === id))) {
        issues.add(`${path}.between[${i}]`, 'site-unknown', `${show(id)} is not a site id; known: ${[...byId.keys()].join(', ') || '(none)'}`);
      }
      return site;
    });
    if (between[0] === between[1]) {
      issues.add(`${path}.between`, 'link-to-itself', `a link needs two different sites, got ${show(between[0])} twice`);
    } else if (a && b && a.cloud === b.cloud) {
      issues.add(`${path}.between`, 'link-same-cloud', `${show(a.id)} and ${show(b.id)} are both ${CLOUD_NAMES[a.cloud]} gateways; allowed: links between two different clouds (use the cloud's own peering within one cloud)`);
    } else if (a && b && profileOf(a.cloud).perConnection && profileOf(b.cloud).perConnection) {
      // Each end would wait for the other's endpoints: no tunnel can pair.
      issues.add(`${path}.between`, 'link-unsupported', `${CLOUD_NAMES[a.cloud]} and ${CLOUD_NAMES[b.cloud]} both have tunnel endpoints only per connection, so no tunnel pairs; allowed: links with at least one end whose gateway has its own endpoints`);
    }
    const id = link.id ?? defaultLinkId(between[0], between[1]);
    if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id)) {
      issues.add(`${path}.id`, 'link-id-invalid', `${show(id)} is not a valid id; allowed: 1-128 letters, digits, '.', '_' or '-'`);
    } else if (linkIds.has(id)) {
      issues.add(`${path}.id`, 'link-duplicate', `${show(id)} is already the id of links[${linkIds.get(id)}]`);
    } else {
      linkIds.set(id, index);
    }
    const pair = [...between].sort().join('\u0000');
    if (pairs.has(pair) && between[0] !== between[1]) {
      issues.add(`${path}.between`, 'link-duplicate', `${show(between[0])} and ${show(between[1])} are already linked by links[${pairs.get(pair)}]; one link per pair of gateways`);
    } else {
      pairs.set(pair, index);
    }
    const routing = link.routing ?? 'bgp';
    if (!ROUTINGS.includes(routing)) issues.add(`${path}.routing`, 'routing-unknown', `${show(link.routing)} is not a routing mode; allowed: ${ROUTINGS.join(', ')}`);
    const layout = link.layout ?? 'all';
    if (!LAYOUTS.includes(layout)) issues.add(`${path}.layout`, 'layout-unknown', `${show(link.layout)} is not a tunnel layout; allowed: ${LAYOUTS.join(', ')}`);
    if (link.allowWeakCrypto !== undefined && typeof link.allowWeakCrypto !== 'boolean') {
      issues.add(`${path}.allowWeakCrypto`, 'link-malformed', `expected true or false, got ${show(link.allowWeakCrypto)}`);
    }
    if (link.tunnels !== undefined && !Array.isArray(link.tunnels)) {
      issues.add(`${path}.tunnels`, 'link-malformed', `expected a list of tunnel pins, got ${show(link.tunnels)}`);
    } else if (link.tunnels !== undefined && link.tunnels.length > TOPOLOGY_LIMITS.maxPins) {
      issues.add(`${path}.tunnels`, 'tunnel-pins-too-many', `${link.tunnels.length} pins given; allowed: at most ${TOPOLOGY_LIMITS.maxPins} (a link has at most 4 tunnels)`);
    } else if (link.tunnels !== undefined) {
      link.tunnels.forEach((pin, i) => {
        if (pin !== undefined && !isRecord(pin)) issues.add(`${path}.tunnels[${i}]`, 'link-malformed', `expected a tunnel pin (an object with insideCidr and/or presharedKey), got ${show(pin)}`);
      });
    }
    if (link.proposal !== undefined && !isRecord(link.proposal)) {
      issues.add(`${path}.proposal`, 'link-malformed', `expected an object with ikeVersion, phase1 and phase2, got ${show(link.proposal)}`);
    } else if (link.proposal !== undefined) {
      const p = link.proposal as unknown as Record<string, unknown>;
      if (p.ikeVersion !== undefined && typeof p.ikeVersion !== 'string') issues.add(`${path}.proposal.ikeVersion`, 'link-malformed', `expected 'ikev1' or 'ikev2', got ${show(p.ikeVersion)}`);
      for (const phase of ['phase1', 'phase2'] as const) {
        const value = p[phase];
        if (value !== undefined && !isRecord(value)) {
          issues.add(`${path}.proposal.${phase}`, 'link-malformed', `expected an object, got ${show(value)}`);
          continue;
        }
        // Types only: which values each cloud takes is the negotiation's to say.
        const fields = (value ?? {}) as Record<string, unknown>;
        const group = phase === 'phase1' ? 'dhGroup' : 'pfsGroup';
        for (const [field, fits, expected] of [
          ['encryption', (v: unknown) => typeof v === 'string', 'an algorithm name'],
          ['integrity', (v: unknown) => typeof v === 'string', 'an algorithm name'],
          [group, (v: unknown) => typeof v === 'number' || (phase === 'phase2' && v === 'none'), phase === 'phase2' ? "a DH group number or 'none'" : 'a DH group number'],
          ['lifetimeSeconds', (v: unknown) => typeof v === 'number' && Number.isFinite(v), 'a number of seconds'],
        ] as const) {
          if (fields[field] !== undefined && !fits(fields[field])) issues.add(`${path}.proposal.${phase}.${field}`, 'link-malformed', `expected ${expected}, got ${show(fields[field])}`);
        }
      }
    }
    if (!a || !b || issues.size > before) return;

    for (const ca of a.cidrs) {
      const clash = b.cidrs.find((cb) => overlaps(ca, cb));
      if (clash) {
        issues.add(`${path}.between`, 'networks-overlap', `the networks of ${show(a.id)} (${ca.text}) and ${show(b.id)} (${clash.text}) overlap; routed VPN needs disjoint address spaces`);
      }
    }
    const selectors: [string[], string[]] = [a.cidrs.map((c) => c.text), b.cidrs.map((c) => c.text)];
    if (link.selectors !== undefined) {
      if (routing !== 'policy') {
        issues.add(`${path}.selectors`, 'selectors-unused', `traffic selectors apply to routing 'policy' only; this link uses ${show(routing)}`);
      } else if (!isRecord(link.selectors)) {
        issues.add(`${path}.selectors`, 'link-malformed', `expected a map from site id to prefixes, got ${show(link.selectors)}`);
      } else {
        for (const [siteId, list] of Object.entries(link.selectors as Record<string, unknown>)) {
          const side = siteId === a.id ? 0 : siteId === b.id ? 1 : -1;
          if (side < 0) {
            issues.add(`${path}.selectors.${siteId}`, 'site-unknown', `${show(siteId)} is not one of this link's sites (${a.id}, ${b.id})`);
            continue;
          }
          selectors[side as 0 | 1] = parseCidrList(list, `${path}.selectors.${siteId}`, issues).map((c) => c.text);
        }
      }
    }
    if (routing === 'policy') {
      // A cloud that takes one prefix per side (AWS) limits both sides of the link.
      const single = [a, b].map((s) => profileOf(s.cloud).singlePolicyPrefix).find((x) => x !== undefined);
      if (single) {
        for (const side of [0, 1]) {
          if (selectors[side].length !== 1) {
            issues.add(`${path}.selectors.${[a, b][side].id}`, single.code, `${single.rule}; got ${selectors[side].length}: ${selectors[side].join(', ')}`);
          }
        }
      }
    }
    links.push({ index, spec: link, id, a, b, routing, layout, allowWeak: link.allowWeakCrypto === true, selectors });
  });
  return { sites, links };
}

/**
 * The allocation record fed back through `PlanOptions.previous`, checked: an object with an
 * `insideCidrs` map (tunnel id → prefix) and an `asns` map (site id → ASN). Malformed entries are
 * reported; only own entries are kept, in maps without a prototype (a tunnel id `toString` finds
 * nothing).
 */
export function validatePrevious(given: unknown, issues: IssueCollector): AllocationRecord {
  const previous = snapshot(given, 'previous', issues);
  const insideCidrs: Record<string, string> = Object.create(null);
  const asns: Record<string, number> = Object.create(null);
  if (previous === undefined) return { insideCidrs, asns };
  if (!isRecord(previous)) {
    issues.add('previous', 'previous-malformed', `expected an allocation record { insideCidrs: {...}, asns: {...} } (a plan's allocations), got ${show(previous)}`);
    return { insideCidrs, asns };
  }
  const record = previous as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'insideCidrs' && key !== 'asns' && key !== 'keys' && key !== 'tunnels') issues.add(`previous.${key.slice(0, 64)}`, 'previous-malformed', `unknown field; allowed: insideCidrs, asns, keys, tunnels`);
  }
  let keys: KeyScheme | undefined;
  if (record.keys !== undefined) {
    const k = record.keys as Record<string, unknown>;
    if (isRecord(k) && k.derivation === 'unbound-v1') keys = { derivation: 'unbound-v1' };
    else if (isRecord(k) && k.derivation === 'bound' && typeof k.deployment === 'string' && k.deployment.length > 0 && k.deployment.length <= 256) keys = { derivation: 'bound', deployment: k.deployment };
    else issues.add('previous.keys', 'previous-malformed', `expected { derivation: 'bound', deployment: '<name>' } or { derivation: 'unbound-v1' }, got ${show(record.keys)}`);
  }
  const read = <T>(field: 'insideCidrs' | 'asns', into: Record<string, T>, fits: (v: unknown) => v is T, expected: string) => {
    const map = record[field];
    if (map === undefined) return;
    if (!isRecord(map)) {
      issues.add(`previous.${field}`, 'previous-malformed', `expected an object mapping ${field === 'asns' ? 'site ids to ASNs' : 'tunnel ids to /30 prefixes'}, got ${show(map)}`);
      return;
    }
    const entries = Object.keys(map as object);
    if (entries.length > TOPOLOGY_LIMITS.maxPreviousEntries) {
      issues.add(`previous.${field}`, 'previous-too-large', `${entries.length} entries; allowed: at most ${TOPOLOGY_LIMITS.maxPreviousEntries}`);
      return;
    }
    for (const key of entries) {
      const value: unknown = (map as Record<string, unknown>)[key];
      if (fits(value)) into[key] = value;
      else issues.add(`previous.${field}.${key.slice(0, 128)}`, 'previous-malformed', `expected ${expected}, got ${show(value)}`);
    }
  };
  read('insideCidrs', insideCidrs, (v): v is string => typeof v === 'string', "a prefix such as '169.254.21.0/30'");
  read('asns', asns, (v): v is number => typeof v === 'number' && Number.isInteger(v), 'an integer ASN');
  const tunnels = readTunnelRecords(record.tunnels, TOPOLOGY_LIMITS.maxPreviousEntries, issues);
  return { insideCidrs, asns, ...(keys ? { keys } : {}), ...(tunnels ? { tunnels } : {}) };
}

/** `planVpn`'s options: an object (or nothing); its fields are checked where they are used. */
export function validateOptions(options: unknown, issues: IssueCollector): void {
  if (options !== undefined && !isRecord(options)) {
    issues.add('(options)', 'options-malformed', `expected an object (masterSecret, previous, deployment, keyDerivation, rotateKeys), got ${show(options)}`);
  }
}
