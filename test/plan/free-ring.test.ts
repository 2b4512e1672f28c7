/** The free-slot ring the ASN allocator draws from: order, skipping, and cost. */
import { FreeRing } from '../../src/plan/free-ring';

describe('FreeRing', () => {
  test('visits free slots from the start, wrapping around, skipping taken ones', () => {
    const ring = new FreeRing(6);
    [1, 4].forEach((i) => ring.take(i));
    expect([...ring.from(3)]).toEqual([3, 5, 0, 2]);
    expect(ring.freeCount).toBe(4);
    ring.take(4); // already taken: no change
    ring.take(-1);
    ring.take(6);
    expect(ring.freeCount).toBe(4);
  });

  test('an exhausted ring yields nothing at once', () => {
    const ring = new FreeRing(3);
    [0, 1, 2].forEach((i) => ring.take(i));
    expect([...ring.from(1)]).toEqual([]);
    expect(ring.freeCount).toBe(0);
  });

  test('drawing a whole pool and then asking 100,000 times more is fast (not O(asks × pool))', () => {
    const size = 1003;
    const ring = new FreeRing(size);
    const started = Date.now();
    let drawn = 0;
    for (let n = 0; n < 100_000 + size; n++) {
      for (const i of ring.from((n * 7919) % size)) {
        ring.take(i);
        drawn++;
        break;
      }
    }
    expect(drawn).toBe(size);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
