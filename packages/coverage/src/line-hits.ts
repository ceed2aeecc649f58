/**
 * Hits per line with Map's interface, stored as two typed arrays kept sorted
 * by line: 12 bytes a line where a Map<number, number> takes about 40, which
 * is what lets a 100 MB lcov file parse in a few hundred MB. Iteration is in
 * line order. Reports add lines in order almost always, so `set` appends;
 * a line out of order is placed by binary search.
 */
import { countPositive, grown, type Slab } from './slab.js';

const EMPTY_LINES = new Uint32Array(0);
const EMPTY_HITS = new Float64Array(0);

export class LineHits implements Map<number, number> {
  private lineAt: Uint32Array;
  private hitsAt: Float64Array;
  private count = 0;

  constructor(entries?: Iterable<readonly [number, number]>) {
    // Nothing is allocated until the first line: parsers replace empty ones wholesale.
    this.lineAt = EMPTY_LINES;
    this.hitsAt = EMPTY_HITS;
    if (entries) for (const [line, hits] of entries) this.set(line, hits);
  }

  /**
   * Take `count` lines and hits that a parser collected (copied, so its
   * buffers can be reused), sorting and summing duplicates only if needed.
   */
  static from(lines: Uint32Array, hits: Float64Array, count: number, slab?: Slab): LineHits {
    const result = new LineHits();
    let ordered = true;
    for (let index = 1; index < count; index++) {
      if (lines[index]! <= lines[index - 1]!) {
        ordered = false;
        break;
      }
    }
    if (!ordered) {
      for (let index = 0; index < count; index++) result.add(lines[index]!, hits[index]!);
      result.compact();
      return result;
    }
    // Both columns in one piece: hits first, for the 8-byte alignment.
    const { buffer, offset } = slab ? slab.take(count * 12) : { buffer: new ArrayBuffer(count * 12), offset: 0 };
    result.hitsAt = new Float64Array(buffer, offset, count);
    result.hitsAt.set(hits.subarray(0, count));
    result.lineAt = new Uint32Array(buffer, offset + count * 8, count);
    result.lineAt.set(lines.subarray(0, count));
    result.count = count;
    return result;
  }

  /** How many lines have hits: the covered count, without iterating entries. */
  covered(): number {
    return countPositive(this.hitsAt, this.count);
  }

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'LineHits';
  }

  get(line: number): number | undefined {
    const index = this.find(line);
    return index >= 0 ? this.hitsAt[index] : undefined;
  }

  has(line: number): boolean {
    return this.find(line) >= 0;
  }

  set(line: number, hits: number): this {
    const index = this.find(line);
    if (index >= 0) this.hitsAt[index] = hits;
    else this.insert(~index, line, hits);
    return this;
  }

  /** Add hits to a line (a new line starts at 0), one lookup instead of get and set. */
  add(line: number, hits: number): void {
    const index = this.find(line);
    if (index >= 0) this.hitsAt[index]! += hits;
    else this.insert(~index, line, hits);
  }

  delete(line: number): boolean {
    const index = this.find(line);
    if (index < 0) return false;
    this.lineAt.copyWithin(index, index + 1, this.count);
    this.hitsAt.copyWithin(index, index + 1, this.count);
    this.count -= 1;
    return true;
  }

  clear(): void {
    this.count = 0;
  }

  /** Release the spare capacity once no more lines will come. */
  compact(): void {
    if (this.lineAt.length === this.count) return;
    this.lineAt = this.lineAt.slice(0, this.count);
    this.hitsAt = this.hitsAt.slice(0, this.count);
  }

  forEach(callback: (hits: number, line: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (let index = 0; index < this.count; index++) callback.call(thisArg, this.hitsAt[index]!, this.lineAt[index]!, this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let index = 0; index < this.count; index++) yield [this.lineAt[index]!, this.hitsAt[index]!];
  }

  *keys(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.lineAt[index]!;
  }

  *values(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.hitsAt[index]!;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  /** Index of `line`, or the one's complement of where it would go. */
  private find(line: number): number {
    const count = this.count;
    if (count === 0) return ~0;
    const last = this.lineAt[count - 1]!;
    if (line === last) return count - 1;
    if (line > last) return ~count;
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.lineAt[middle]!;
      if (value < line) low = middle + 1;
      else if (value > line) high = middle - 1;
      else return middle;
    }
    return ~low;
  }

  private insert(index: number, line: number, hits: number): void {
    if (!Number.isInteger(line) || line < 0 || line > 0xffffffff) throw new RangeError(`line number must be a non-negative integer, got ${line}`);
    if (this.count === this.lineAt.length) {
      const capacity = Math.max(8, this.lineAt.length * 2);
      this.lineAt = grown(this.lineAt, capacity);
      this.hitsAt = grown(this.hitsAt, capacity);
    }
    if (index < this.count) {
      this.lineAt.copyWithin(index + 1, index, this.count);
      this.hitsAt.copyWithin(index + 1, index, this.count);
    }
    this.lineAt[index] = line;
    this.hitsAt[index] = hits;
    this.count += 1;
  }
}
