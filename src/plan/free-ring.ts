/**
 * The free slots of a fixed pool (indexes 0 to size - 1), visited cyclically from a start index,
 * skipping taken ones in near-constant time (a "next free" disjoint-set forest with path
 * halving). Allocating n values from a pool of p then costs about O(n + p), not O(n × p): the
 * planner allocates ASNs from it, so a topology with more sites than the pool has ASNs stays fast.
 */
export class FreeRing {
  /** `next[i]`: i when slot i is free, else a slot after it; `next[size]` is the end. */
  private readonly next: Int32Array;
  private free: number;

  constructor(public readonly size: number) {
    this.next = new Int32Array(size + 1);
    for (let i = 0; i <= size; i++) this.next[i] = i;
    this.free = size;
  }

  /** Number of free slots. */
  public get freeCount(): number {
    return this.free;
  }

  /** Marks slot `i` taken (no effect when it already is). */
  public take(i: number): void {
    if (i < 0 || i >= this.size || this.find(i) !== i) return;
    this.next[i] = i + 1;
    this.free--;
  }

  /** The free slots from `start` (inclusive) to the end, then from 0 to `start`, in that order. */
  public *from(start: number): Generator<number> {
    for (let i = this.find(start); i < this.size; i = this.find(i + 1)) yield i;
    for (let i = this.find(0); i < start; i = this.find(i + 1)) yield i;
  }

  /** The first free slot at or after `i`, or `size`. */
  private find(i: number): number {
    const next = this.next;
    while (next[i] !== i) {
      next[i] = next[next[i]];
      i = next[i];
    }
    return i;
  }
}
