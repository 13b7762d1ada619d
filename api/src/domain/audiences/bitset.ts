/**
 * A set of rows of the directory index, one bit per person: 100,000 people take 12.5 KB, and AND / OR / NOT over
 * two sets are a few thousand word operations. Sets of one index share its size; operations return new sets.
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array(Math.ceil(size / 32));
  }

  static of(size: number, rows: Iterable<number>): Bitset {
    const set = new Bitset(size);
    for (const row of rows) set.add(row);
    return set;
  }

  static full(size: number): Bitset {
    const set = new Bitset(size);
    set.words.fill(0xffffffff);
    set.clearTail();
    return set;
  }

  add(row: number): void {
    this.words[row >>> 5]! |= 1 << (row & 31);
  }

  /** Adds every row of `other` to this set (in place: for building a set from cached parts). */
  addAll(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i]! |= other.words[i]!;
  }

  has(row: number): boolean {
    return (this.words[row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  and(other: Bitset): Bitset {
    return this.combine(other, (a, b) => a & b);
  }

  or(other: Bitset): Bitset {
    return this.combine(other, (a, b) => a | b);
  }

  andNot(other: Bitset): Bitset {
    return this.combine(other, (a, b) => a & ~b);
  }

  not(): Bitset {
    const result = new Bitset(this.size);
    for (let i = 0; i < this.words.length; i++) result.words[i] = ~this.words[i]!;
    result.clearTail();
    return result;
  }

  count(): number {
    let total = 0;
    for (let i = 0; i < this.words.length; i++) {
      // Hamming weight of a 32-bit word (the classic SWAR popcount).
      let v = this.words[i]!;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** Calls `visit` with each row in ascending order (the hot path of breakdowns: no generator per row). */
  forEach(visit: (row: number) => void): void {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        visit((w << 5) + 31 - Math.clz32(word & -word));
        word &= word - 1;
      }
    }
  }

  /** Rows in the set in ascending order, from `from` (inclusive). */
  *rows(from = 0): Generator<number> {
    for (let w = from >>> 5; w < this.words.length; w++) {
      let word = this.words[w]!;
      if (w === from >>> 5) word &= ~0 << (from & 31);
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield (w << 5) + bit;
        word &= word - 1;
      }
    }
  }

  private combine(other: Bitset, op: (a: number, b: number) => number): Bitset {
    if (other.size !== this.size) throw new RangeError(`bitsets of ${this.size} and ${other.size} rows do not combine`);
    const result = new Bitset(this.size);
    for (let i = 0; i < this.words.length; i++) result.words[i] = op(this.words[i]!, other.words[i]!);
    return result;
  }

  private clearTail(): void {
    const extra = this.words.length * 32 - this.size;
    if (extra > 0) this.words[this.words.length - 1]! &= 0xffffffff >>> extra;
  }
}
