/**
 * The inside-address pool (`slash30Pool`, `src/common/cidr.ts`): every aligned /30 of the ranges
 * that overlaps no reserved prefix, range by range in address order, held as runs. The planner
 * draws each tunnel's /30 from it by index (`at`) and checks a kept one with `includes`, so a
 * block too many or too few, or one out of order, moves tunnels. Checked against the definition
 * written out block by block: on the pools the planner builds for every pair of clouds (its own
 * inputs, `insidePoolInputs`), on random ranges (/18 to /32, overlapping or not) and reserved
 * prefixes (/8 to /32), and on dense ones within one /24, where they meet block to block.
 */
import * as fc from 'fast-check';
import { Ipv4Cidr, Slash30Pool, cidr, overlaps, sizeOf, slash30Pool } from '../../src/common/cidr';
import { CLOUDS } from '../../src/plan';
import { insidePoolInputs } from '../../src/plan/planner';

/** The definition: each aligned /30 of each range of /30 or wider, kept unless it overlaps a reserved prefix. */
function byDefinition(ranges: readonly Ipv4Cidr[], reserved: readonly Ipv4Cidr[]): number[] {
  const out: number[] = [];
  for (const range of [...ranges].sort((a, b) => a.network - b.network)) {
    if (range.prefixLength > 30) continue;
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
/** Up to three ranges in the APIPA range, /18 to /32: they may overlap or nest, and some hold no /30. */
const ranges = fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 18, max: 32 })).map(([offset, length]) => prefix(APIPA.network + offset, length)), { maxLength: 3 });

describe('slash30Pool', () => {
  test.each(CLOUDS.flatMap((x, i) => CLOUDS.slice(i).map((y) => [x, y] as const)))('the pool the planner builds for %s and %s: the definition, block for block', (x, y) => {
    const { ranges: r, reserved } = insidePoolInputs(x, y);
    const pool = slash30Pool(r, reserved);
    expectPool(pool, byDefinition(r, reserved));
    expect(pool.length).toBeGreaterThan(0);
  });

  test('any ranges and reserved prefixes: the definition, block for block', () => {
    fc.assert(fc.property(ranges, fc.array(anyPrefix, { maxLength: 10 }), (r, reserved) => {
      expectPool(slash30Pool(r, reserved), byDefinition(r, reserved));
    }), { numRuns: 100, seed: 19 });
  });

  test('dense: ranges and reserved prefixes in one /24, so they often meet block to block', () => {
    const small = (min: number) => fc.tuple(fc.integer({ min: 0, max: 0xff }), fc.integer({ min, max: 32 })).map(([offset, length]) => prefix(APIPA.network + offset, length));
    fc.assert(fc.property(fc.array(small(24), { maxLength: 3 }), fc.array(small(26), { maxLength: 8 }), (r, reserved) => {
      expectPool(slash30Pool(r, reserved), byDefinition(r, reserved));
    }), { numRuns: 300, seed: 19 });
  });

  test('a reserved prefix starting right where the sweep stands does not take the block before it', () => {
    // the range's first block free, the next reserved; a block free between two reserved ones
    const at = (...addresses: string[]) => addresses.map((a) => cidr(`${a}/32`).network);
    expect(slash30Pool([cidr('10.0.0.0/28')], ['10.0.0.4/30', '10.0.0.12/32'].map(cidr)).toArray()).toEqual(at('10.0.0.0', '10.0.0.8'));
    expect(slash30Pool([cidr('10.0.0.0/28')], ['10.0.0.0/30', '10.0.0.8/30'].map(cidr)).toArray()).toEqual(at('10.0.0.4', '10.0.0.12'));
  });

  test('nested ranges each give all of their blocks; a range narrower than /30 gives none', () => {
    const pool = slash30Pool(['10.0.0.0/29', '10.0.0.0/30', '10.0.0.8/31', '10.0.0.12/32'].map(cidr), [cidr('10.0.0.0/30')]);
    expect(pool.toArray()).toEqual([cidr('10.0.0.4/30').network]);
    expect(slash30Pool(['10.0.0.0/30', '10.0.0.0/29'].map(cidr), []).toArray()).toEqual(['10.0.0.0', '10.0.0.0', '10.0.0.4'].map((a) => cidr(`${a}/32`).network));
  });

  test('a block index outside the pool is refused, not made up', () => {
    const pool = slash30Pool([cidr('10.0.0.0/29')], []);
    expect(pool.at(1)).toBe(cidr('10.0.0.4/32').network);
    for (const index of [-1, 2, 0.5, Number.NaN]) expect(() => pool.at(index)).toThrow(RangeError);
    expect(() => slash30Pool([], []).at(0)).toThrow(/block 0 of a pool of 0/);
  });
});
