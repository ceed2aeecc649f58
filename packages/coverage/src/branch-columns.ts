import type { LineHits } from './line-hits.js';
import type { BranchCoverage, FileCoverage, FunctionCoverage, Totals } from './model.js';
import { countPositive, grown, type Slab } from './slab.js';

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

  /** Copy the first `count` rows of a parser's reused buffers. */
  constructor(builder: BranchBuilder, slab: Slab) {
    const count = builder.count;
    this.count = count;
    const { buffer, offset } = slab.take(count * 20);
    this.taken = new Float64Array(buffer, offset, count);
    this.taken.set(builder.taken.subarray(0, count));
    this.lines = new Uint32Array(buffer, offset + count * 8, count);
    this.lines.set(builder.lines.subarray(0, count));
    this.blocks = new Int32Array(buffer, offset + count * 12, count);
    this.blocks.set(builder.blocks.subarray(0, count));
    this.branches = new Int32Array(buffer, offset + count * 16, count);
    this.branches.set(builder.branches.subarray(0, count));
    this.names = builder.names.size > 0 ? new Map(builder.names) : undefined;
  }

  covered(): number {
    return countPositive(this.taken);
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
    this.taken = grown(this.taken, capacity);
    this.lines = grown(this.lines, capacity);
    this.blocks = grown(this.blocks, capacity);
    this.branches = grown(this.branches, capacity);
  }
}
