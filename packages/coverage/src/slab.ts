/**
 * Hands out pieces of large ArrayBuffers for the typed arrays of many small
 * files: one allocation per few MB instead of one per file, which the garbage
 * collector and the allocator both notice. A slab lives as long as any piece
 * of it, so a parser uses its own and its report keeps it.
 */
export class Slab {
  private readonly size: number;
  private buffer: ArrayBuffer | undefined;
  private offset = 0;

  constructor(size = 1 << 22) {
    this.size = size;
  }

  /** `bytes` at an 8-byte aligned offset of some buffer. */
  take(bytes: number): { buffer: ArrayBuffer; offset: number } {
    const rounded = (bytes + 7) & ~7;
    // A big piece gets its own buffer rather than wasting the rest of a slab.
    if (rounded > this.size / 4) return { buffer: new ArrayBuffer(rounded), offset: 0 };
    if (this.buffer === undefined || this.offset + rounded > this.size) {
      this.buffer = new ArrayBuffer(this.size);
      this.offset = 0;
    }
    const piece = { buffer: this.buffer, offset: this.offset };
    this.offset += rounded;
    return piece;
  }
}

/** A copy of `array` with room for `capacity` elements, for buffers that grow by doubling. */
export function grown<T extends Uint32Array | Int32Array | Float64Array>(array: T, capacity: number): T {
  const copy = new (array.constructor as new (length: number) => T)(capacity);
  copy.set(array);
  return copy;
}

/** How many of the first `count` values are above zero: covered lines, taken branches. */
export function countPositive(values: ArrayLike<number>, count = values.length): number {
  let positive = 0;
  for (let index = 0; index < count; index++) if (values[index]! > 0) positive += 1;
  return positive;
}
