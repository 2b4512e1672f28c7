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

/** Aligned /30 blocks, held as runs of consecutive blocks in the order `slash30Pool` found them. */
export class Slash30Pool {
  /** How many blocks the pool holds. */
  readonly length: number;
  /** Each run: its first block's network address, and how many blocks come before it. */
  private readonly runs: readonly (readonly [first: number, before: number])[];

  /** A pool of the given runs: each its first block's network address and its number of blocks. */
  constructor(runs: readonly (readonly [first: number, count: number])[]) {
    let before = 0;
    this.runs = runs.map(([first, count]) => {
      const run = [first, before] as const;
      before += count;
      return run;
    });
    this.length = before;
  }

  /** The network address of block `index`, an integer with 0 ≤ index < length. */
  at(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`internal: block ${index} of a pool of ${this.length} /30s`);
    }
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid][1] <= index) lo = mid;
      else hi = mid - 1;
    }
    const [first, before] = this.runs[lo];
    return first + (index - before) * 4;
  }

  /** Whether the pool holds the block at `network`. */
  includes(network: number): boolean {
    return this.runs.some(([first, before], i) => {
      const count = (i + 1 < this.runs.length ? this.runs[i + 1][1] : this.length) - before;
      return network >= first && network < first + count * 4 && (network - first) % 4 === 0;
    });
  }

  /** Every block, in the pool's order. */
  toArray(): number[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/**
 * Every aligned /30 inside `ranges` (aligned prefixes of /30 or wider; a narrower one holds no /30
 * and adds nothing), minus those overlapping `reserved` (prefixes of any length), range by range
 * in address order: disjoint ranges, as `intersect` returns them, give each block once. Two aligned prefixes overlap exactly when their address intervals do, so one pass
 * over each range, with `reserved` as intervals sorted by start, cuts it into runs of free
 * blocks: an interval is passed once it ends at or before the block, and the first one not passed
 * blocks it if it starts before the block ends. (A range of 169.254.0.0/16 is 16,384 blocks:
 * listing each, tested against every reserved prefix, took 8-12 ms per pair of clouds on a
 * process's first plan.)
 */
export function slash30Pool(ranges: readonly Ipv4Cidr[], reserved: readonly Ipv4Cidr[]): Slash30Pool {
  const blocked = reserved.map((r) => [r.network, r.network + sizeOf(r)] as const).sort((x, y) => x[0] - y[0]);
  const runs: [number, number][] = [];
  for (const range of [...ranges].filter((r) => r.prefixLength <= 30).sort((x, y) => x.network - y.network)) {
    const end = range.network + sizeOf(range);
    let n = range.network;
    let next = 0; // per range: ranges that overlap one another each get all of their blocks
    while (n < end) {
      const from = n;
      while (next < blocked.length && blocked[next][1] <= n) next++;
      const interval = next < blocked.length ? blocked[next] : undefined;
      if (interval && interval[0] < n + 4) {
        // blocked, and so is every block up to the interval's end
        n += Math.ceil((interval[1] - n) / 4) * 4;
      } else {
        // free, and so is every block that ends by the interval's start, within the range
        const count = Math.min((end - n) / 4, interval ? Math.floor((interval[0] - n) / 4) : Infinity);
        runs.push([n, count]);
        n += count * 4;
      }
      if (!(n > from)) throw new Error(`internal: the /30 sweep stalled at ${formatIpv4(from)}`);
    }
  }
  return new Slash30Pool(runs);
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
