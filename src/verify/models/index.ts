/**
 * From a read deployment to tunnel halves and sites, and from halves to tunnels: two halves
 * form a tunnel when each one's peer address is the other's outside address.
 */
import type { Cloud } from '../types';
import type { Deployment, Resolver } from '../read-output';
import type { SiteModel, TunnelHalf } from '../types';
import { CLOUD_IDS, CLOUD_LINES } from '../clouds';
import { withRouting } from '../routing';

/** Halves and sites of a deployment. */
export interface Model {
  readonly sites: readonly SiteModel[];
  readonly halves: readonly TunnelHalf[];
  readonly warnings: readonly string[];
  /** Halves whose site's networks the output does not carry (verify fails them as `unverifiable`). */
  readonly unverifiable: readonly { readonly half: string; readonly site: string; readonly why: string }[];
}

/** The registry's order: the first end of a tunnel is the cloud listed first. */
const CLOUD_ORDER = Object.fromEntries(CLOUD_IDS.map((c, i) => [c, i])) as Record<Cloud, number>;

/** Models every VPN resource of the deployment. */
export function modelDeployment(d: Deployment, resolver?: Resolver): Model {
  const warnings: string[] = [];
  const raw: TunnelHalf[] = CLOUD_LINES.flatMap((c) => c.halves(d, resolver, warnings));
  // Routing from the output (routing.ts): what each half serves, routes and announces.
  const routed: TunnelHalf[] = resolver ? raw.map((h) => withRouting(h, d, resolver)) : raw;
  const unverifiable = routed.flatMap((h) => (h.unverifiable ? [{ half: h.key, site: h.site, why: h.unverifiable }] : []));
  const halves: TunnelHalf[] = routed.map(({ unverifiable: _unverifiable, ...h }) => h);
  const sites: SiteModel[] = [];
  const add = (s: SiteModel) => {
    if (sites.some((x) => x.key === s.key)) return;
    // No placeholder: a site whose networks the output does not carry takes those its halves
    // serve (an AWS gateway's metadata), else none, and its tunnels are unverifiable.
    const served = halves.filter((h) => h.site === s.key && h.reach).flatMap((h) => h.reach!.serves);
    if (!s.networks.length && served.length) {
      const from = halves.find((h) => h.site === s.key && h.reach?.serves.length)!.reach!.servesSource;
      sites.push({ ...s, networks: [...new Set(served)], networksSource: from });
      return;
    }
    sites.push(s);
  };
  for (const s of CLOUD_LINES.flatMap((c) => c.sites(d))) add(s);
  for (const s of sites) {
    if (!s.networks.length && !unverifiable.some((u) => u.site === s.key)) warnings.push(`${s.label}: the output does not say which networks are behind it (${s.networksSource})`);
  }
  return { sites, halves: halves.map((h) => (h.reach || h.advertise.length ? h : { ...h, advertise: sites.find((s) => s.key === h.site)?.networks ?? [] })), warnings, unverifiable };
}

/** Two halves that answer each other. */
export interface Pair {
  readonly halves: readonly [TunnelHalf, TunnelHalf];
}

/** What pairing found. */
export interface Pairing {
  readonly pairs: readonly Pair[];
  /** Halves nothing answers: idle (a sibling pairs, or the peer is outside the deployment) or failed. */
  readonly unpaired: readonly { readonly half: TunnelHalf; readonly idle: boolean; readonly reason: string }[];
}

/** Pairs halves by address: A's peer is B's outside address and B's peer is A's. */
export function pairHalves(halves: readonly TunnelHalf[], endpointLabel: (key: string | undefined) => string = (k) => k ?? '?'): Pairing {
  const byAddresses = new Map<string, TunnelHalf[]>();
  for (const h of halves) {
    const k = `${h.outsideAddress}|${h.peerAddress}`;
    if (!byAddresses.has(k)) byAddresses.set(k, []);
    byAddresses.get(k)!.push(h);
  }
  const pairs: Pair[] = [];
  const paired = new Set<TunnelHalf>();
  const ambiguous = new Set<TunnelHalf>();
  for (const h of halves) {
    if (paired.has(h) || h.peerAddress === undefined) continue;
    const mine = byAddresses.get(`${h.outsideAddress}|${h.peerAddress}`)!;
    const theirs = byAddresses.get(`${h.peerAddress}|${h.outsideAddress}`) ?? [];
    if (!theirs.length) continue;
    if (mine.length > 1 || theirs.length > 1) {
      for (const x of [...mine, ...theirs]) ambiguous.add(x);
      continue;
    }
    const [other] = theirs;
    const ordered = [h, other].sort((a, b) => CLOUD_ORDER[a.cloud] - CLOUD_ORDER[b.cloud] || a.key.localeCompare(b.key)) as [TunnelHalf, TunnelHalf];
    pairs.push({ halves: ordered });
    paired.add(h);
    paired.add(other);
  }
  const groupsPaired = new Set([...paired].map((h) => h.group));
  // A literal address a half owns (an existing gateway's declared IP) is inside the deployment.
  const owned = new Set(halves.map((h) => h.outsideEndpoint));
  const unpaired = halves.filter((h) => !paired.has(h)).map((half) => {
    if (ambiguous.has(half)) {
      return { half, idle: false, reason: `another half uses the same outside and peer addresses (${half.outsideAddress} ⇄ ${half.peerAddress}): IKE cannot tell the tunnels apart` };
    }
    if (half.peerAddress === undefined) return { half, idle: false, reason: `peer address not resolved: ${half.peerAddressSource}` };
    if (half.peerEndpoint?.startsWith('ip:') && !owned.has(half.peerEndpoint)) return { half, idle: true, reason: `peer ${half.peerEndpoint.slice(3)} is outside the deployment: nothing to verify against` };
    const why = `nothing at ${endpointLabel(half.peerEndpoint)} (${half.peerAddress}) is configured for ${endpointLabel(half.outsideEndpoint)} (${half.outsideAddress})`;
    if (groupsPaired.has(half.group)) return { half, idle: true, reason: why };
    return { half, idle: false, reason: `${why}, and no other tunnel of the same resource pairs` };
  });
  return { pairs, unpaired };
}
