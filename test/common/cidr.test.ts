/**
 * The inside-address pool (`slash30Pool`, `src/common/cidr.ts`): every aligned /30 of the ranges
 * that overlaps no reserved prefix, in address order, held as runs. The planner draws each
 * tunnel's /30 from it by index (`at`) and checks a kept one with `includes`, so a block too many
 * or too few, or one out of order, moves tunnels. Checked against the definition written out block
 * by block, on the pools the planner builds (APIPA, Azure's 169.254.21.0/24 and 169.254.22.0/24)
 * and on random ranges and reserved prefixes of any size.
 */
import * as fc from 'fast-check';
import { Ipv4Cidr, Slash30Pool, cidr, overlaps, sizeOf, slash30Pool } from '../../src/common/cidr';

/** The definition: each aligned /30 of each range, kept unless it overlaps a reserved prefix. */
function byDefinition(ranges: readonly Ipv4Cidr[], reserved: readonly Ipv4Cidr[]): number[] {
  const out: number[] = [];
  for (const range of [...ranges].sort((a, b) => a.network - b.network)) {
    for (let n = range.network; n < range.network + sizeOf(range); n += 4) {
      if (!reserved.some((r) => overlaps(r, { network: n, prefixLength: 30, text: '' }))) out.push(n);
    }
  }
  return out;
}

/** The pool's blocks by `at`, its length, and `includes` for each of them and for the addresses around them. */
function expectPool(pool: Slash30Pool, expected: readonly number[]): void {
  expect(pool.length).toBe(expected.length);
  expect(pool.toArray()).toEqual(expected);
  const held = new Set(expected);
  const probes = [...new Set(expected.flatMap((n) => [n - 4, n, n + 1, n + 4]))];
  expect(probes.filter((n) => pool.includes(n))).toEqual(probes.filter((n) => held.has(n)));
}

const APIPA = cidr('169.254.0.0/16');
const prefix = (network: number, length: number): Ipv4Cidr => {
  const mask = length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
  return { network: (network & mask) >>> 0, prefixLength: length, text: '' };
};
/** A prefix of any length, mostly inside or around the APIPA range where the pools live. */
const anyPrefix = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 32 })).map(([offset, length]) => prefix(APIPA.network + offset, length)),
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 32 })).map(([address, length]) => prefix(address, length)),
);
/** Disjoint ranges (as `intersect` returns them), /18 to /30. */
const ranges = fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 18, max: 30 })).map(([offset, length]) => prefix(APIPA.network + offset, length)), { maxLength: 3 })
  .map((list) => list.filter((x, i) => !list.slice(0, i).some((y) => overlaps(x, y))));

describe('slash30Pool', () => {
  test('the pools the planner builds: the definition, block for block', () => {
    const reserved = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'].map(cidr);
    const azure = ['169.254.21.0/24', '169.254.22.0/24'].map(cidr);
    for (const [r, res] of [[[APIPA], reserved], [[APIPA], [...reserved, ...azure]], [azure, reserved], [[APIPA], []]] as const) {
      const pool = slash30Pool(r, res);
      expectPool(pool, byDefinition(r, res));
      expect(pool.length).toBeGreaterThan(0);
    }
    // the whole /16 less seven /30s (0.0-5.3, 169.252) and, with them, the 128 blocks of Azure's two /24s
    expect(slash30Pool([APIPA], reserved)).toHaveLength(16384 - 7);
    expect(slash30Pool([APIPA], [...reserved, ...azure])).toHaveLength(16384 - 7 - 128);
  });

  test('any ranges and reserved prefixes: the definition, in address order', () => {
    fc.assert(fc.property(ranges, fc.array(anyPrefix, { maxLength: 10 }), (r, reserved) => {
      expectPool(slash30Pool(r, reserved), byDefinition(r, reserved));
    }), { numRuns: 200, seed: 19 });
  });
});
