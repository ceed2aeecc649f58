import type { LineHits } from './line-hits.js';
import type { BranchCoverage, FileCoverage, FunctionCoverage, Totals } from './model.js';
import type { Slab } from './slab.js';

/**
 * Branches of one file as columns in a single buffer (20 bytes a branch where
 * an object costs about 60 and the garbage collector's attention), for the
 * lcov parser. The file's `branches` array is built from them the first time
 * someone reads it: a gate reads totals for every file but branch detail only
 * for the few files a pull request touches.
 */
export class BranchColumns {
  /** Block or branch id as a number, or NO_ID when it is only in `names`. */
  static readonly NO_ID = -1;
  readonly count: number;
  private readonly taken: Float64Array;
  private readonly lines: Uint32Array;
  private readonly blocks: Int32Array;
  private readonly branches: Int32Array;
  /** Ids that are not plain numbers (lcov 2's branch expressions, gcov's e-blocks), by row. */
  private readonly names: Map<number, [string, string]> | undefined;

  private constructor(count: number, taken: Float64Array, lines: Uint32Array, blocks: Int32Array, branches: Int32Array, names: Map<number, [string, string]> | undefined) {
    this.count = count;
    this.taken = taken;
    this.lines = lines;
    this.blocks = blocks;
    this.branches = branches;
    this.names = names;
  }

  /** Copy the first `count` rows of a parser's reused buffers. */
  static copy(builder: BranchBuilder, slab: Slab): BranchColumns {
    const count = builder.count;
    const { buffer, offset } = slab.take(count * 20);
    const taken = new Float64Array(buffer, offset, count);
    taken.set(builder.taken.subarray(0, count));
    const lines = new Uint32Array(buffer, offset + count * 8, count);
    lines.set(builder.lines.subarray(0, count));
    const blocks = new Int32Array(buffer, offset + count * 12, count);
    blocks.set(builder.blocks.subarray(0, count));
    const branches = new Int32Array(buffer, offset + count * 16, count);
    branches.set(builder.branches.subarray(0, count));
    return new BranchColumns(count, taken, lines, blocks, branches, builder.names.size > 0 ? new Map(builder.names) : undefined);
  }

  covered(): number {
    let covered = 0;
    for (let index = 0; index < this.count; index++) if (this.taken[index]! > 0) covered += 1;
    return covered;
  }

  toArray(): BranchCoverage[] {
    const result = new Array<BranchCoverage>(this.count);
    for (let index = 0; index < this.count; index++) {
      const named = this.names?.get(index);
      result[index] = {
        line: this.lines[index]!,
        block: named ? named[0] : String(this.blocks[index]),
        branch: named ? named[1] : String(this.branches[index]),
        taken: this.taken[index]!,
      };
    }
    return result;
  }
}

/**
 * A file whose `branches` array is built from columns the first time it is
 * read (an own, enumerable accessor, so spreading and comparing see it).
 */
export function fileWithBranchColumns(path: string, lines: LineHits, functions: FunctionCoverage[], columns: BranchColumns | undefined, totals: Totals): FileCoverage {
  let branches: BranchCoverage[] | undefined;
  return {
    path,
    lines,
    statements: new Map(),
    functions,
    get branches(): BranchCoverage[] {
      return (branches ??= columns === undefined ? [] : columns.toArray());
    },
    set branches(value: BranchCoverage[]) {
      branches = value;
    },
    totals,
  };
}

/** Reused, growing buffers a parser appends a record's branches to. */
export class BranchBuilder {
  count = 0;
  taken = new Float64Array(1024);
  lines = new Uint32Array(1024);
  blocks = new Int32Array(1024);
  branches = new Int32Array(1024);
  readonly names = new Map<number, [string, string]>();

  add(line: number, block: number, branch: number, taken: number, names?: [string, string]): void {
    if (this.count === this.taken.length) this.grow();
    const index = this.count;
    this.lines[index] = line;
    this.blocks[index] = block;
    this.branches[index] = branch;
    this.taken[index] = taken;
    if (names) this.names.set(index, names);
    this.count += 1;
  }

  reset(): void {
    this.count = 0;
    this.names.clear();
  }

  private grow(): void {
    const capacity = this.taken.length * 2;
    const grow = <T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.taken = grow(this.taken, new Float64Array(capacity));
    this.lines = grow(this.lines, new Uint32Array(capacity));
    this.blocks = grow(this.blocks, new Int32Array(capacity));
    this.branches = grow(this.branches, new Int32Array(capacity));
  }
}
