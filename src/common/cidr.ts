/**
 * Strict IPv4 and CIDR parsing on top of ipaddr.js, plus the few operations the allocators need.
 *
 * ipaddr.js (well kept, typed, no dependencies) does the parsing in its strict four-part decimal
 * mode, so `169.254.999.0/30` and `010.0.0.0/8` are rejected rather than guessed at. The
 * arithmetic on /30 blocks (alignment, membership, enumeration) is small enough to do on 32-bit
 * integers here; no library offers "aligned /30s of a set of ranges minus reserved blocks".
 */
import * as ipaddr from 'ipaddr.js';

/** A parsed IPv4 prefix as integers. */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer: 0 to 4294967295. */
  readonly network: number;
  /** Prefix length in bits: 0-32. */
  readonly prefixLength: number;
  /** The text it was parsed from, normalised (`a.b.c.d/n`). */
  readonly text: string;
}

/** Parses a dotted-quad IPv4 address strictly; `undefined` when it is not one. */
export function parseIpv4(text: string): number | undefined {
  if (typeof text !== 'string' || !ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  const bytes = ipaddr.IPv4.parse(text).toByteArray();
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

/** Formats an unsigned 32-bit integer (0 to 4294967295) as a dotted-quad IPv4 address: the inverse of `parseIpv4`. */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Why a CIDR string was rejected, or the parsed prefix. */
export type CidrParse =
  | {
    /** The text is a valid prefix. */
    ok: true;
    /** The parsed prefix. */
    cidr: Ipv4Cidr;
  }
  | {
    /** The text is not a valid prefix. */
    ok: false;
    /** Why, in words, e.g. `host bits are set; the network address is 10.0.0.0/16`. */
    reason: string;
  };

/**
 * Parses `a.b.c.d/n` strictly: four decimal parts, a prefix length 0-32, and no host bits set
 * (so `10.0.0.1/16` is an error, not silently `10.0.0.0/16`).
 */
export function parseCidr(text: string): CidrParse {
  if (typeof text !== 'string') return { ok: false, reason: 'not a string' };
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return { ok: false, reason: 'expected an IPv4 prefix like 10.0.0.0/16' };
  const address = parseIpv4(m[1]);
  if (address === undefined) return { ok: false, reason: `'${m[1]}' is not a dotted-quad IPv4 address` };
  const prefixLength = Number(m[2]);
  if (prefixLength > 32) return { ok: false, reason: `prefix length ${prefixLength} is above 32` };
  const mask = maskOf(prefixLength);
  if ((address & ~mask) >>> 0 !== 0) {
    return { ok: false, reason: `host bits are set; the network address is ${formatIpv4((address & mask) >>> 0)}/${prefixLength}` };
  }
  return { ok: true, cidr: { network: address, prefixLength, text: `${formatIpv4(address)}/${prefixLength}` } };
}

/** Parses a CIDR known to be valid (tables, allocator output). */
export function cidr(text: string): Ipv4Cidr {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(`internal: bad CIDR constant ${text}: ${p.reason}`);
  return p.cidr;
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** Number of addresses in a prefix. */
export function sizeOf(c: Ipv4Cidr): number {
  return 2 ** (32 - c.prefixLength);
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && ((inner.network & maskOf(outer.prefixLength)) >>> 0) === outer.network;
}

/** Whether an address lies in a prefix. */
export function containsAddress(outer: Ipv4Cidr, address: number): boolean {
  return ((address & maskOf(outer.prefixLength)) >>> 0) === outer.network;
}

/** Whether two prefixes share any address. */
export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/** The two host addresses of a /30: [first, second]. */
export function hostsOf30(block: Ipv4Cidr): [string, string] {
  return [formatIpv4(block.network + 1), formatIpv4(block.network + 2)];
}

/** Every aligned /30 inside `ranges`, minus those overlapping `reserved`, in address order. */
export function slash30Pool(ranges: readonly Ipv4Cidr[], reserved: readonly Ipv4Cidr[]): number[] {
  const out: number[] = [];
  for (const range of [...ranges].sort((a, b) => a.network - b.network)) {
    for (let n = range.network; n < range.network + sizeOf(range); n += 4) {
      const block: Ipv4Cidr = { network: n, prefixLength: 30, text: '' };
      if (!reserved.some((res) => overlaps(res, block))) out.push(n);
    }
  }
  return out;
}

/** Intersection of two lists of prefixes (each list's entries disjoint). */
export function intersect(a: readonly Ipv4Cidr[], b: readonly Ipv4Cidr[]): Ipv4Cidr[] {
  const out: Ipv4Cidr[] = [];
  for (const x of a) {
    for (const y of b) {
      if (contains(x, y)) out.push(y);
      else if (contains(y, x)) out.push(x);
    }
  }
  return out;
}
