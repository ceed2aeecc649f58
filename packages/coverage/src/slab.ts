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
