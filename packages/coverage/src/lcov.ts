import { ConfigurationError } from '@roadstop/core';
import { toChunks, type ReportInput } from './input.js';
import { BranchBuilder, BranchColumns, fileWithBranchColumns } from './branch-columns.js';
import { LineHits } from './line-hits.js';
import { mergeFileInto } from './merge.js';
import type { CoverageReport, FileCoverage, FunctionCoverage, Metric, MetricSupport, Ratio, Totals } from './model.js';
import { countPositive, grown, Slab } from './slab.js';

/**
 * lcov tracefile parser (geninfo's format, as written by istanbul, c8, v8,
 * gcov, llvm-cov, coverage.py and others).
 *
 * It works on bytes, line by line, as chunks arrive: memory holds the parsed
 * coverage and one partial line, never the whole file, and numbers are read
 * without first decoding text. Only paths and function names become strings.
 */
export async function parseLcov(input: ReportInput, file: string): Promise<CoverageReport> {
  const parser = new LcovParser(file);
  for await (const chunk of toChunks(input)) parser.write(chunk);
  return parser.end();
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const DASH = 0x2d;
/** No lcov line is this long; past it the input is something else, and memory stays bounded. */
const MAX_LINE_BYTES = 16 << 20;

/** The counts a record states of itself (LF: lines found, LH: lines hit, and so on). */
type FileDeclared = Partial<Record<'LF' | 'LH' | 'FNF' | 'FNH' | 'BRF' | 'BRH', number>>;

interface LcovRecord {
  path: string;
  functions: FunctionCoverage[];
  startLine: number;
  declared: FileDeclared;
  /**
   * FNDA names a function by name only. Writers list FNDA in FN order, so a
   * cursor matches them without decoding the name; otherwise (or for a
   * repeated name) the first function of that name without a count yet.
   */
  fnCursor: number;
  fnAssigned: Uint8Array | undefined;
  byName: Map<string, number[]> | undefined;
  /** lcov 2.2's FNL/FNA functions, by index. */
  byIndex: Map<number, FunctionCoverage> | undefined;
}

class LcovParser {
  private readonly file: string;
  private readonly files = new Map<string, FileCoverage>();
  private carry: Buffer | undefined;
  private lineNumber = 0;
  private record: LcovRecord | undefined;
  private sawFunctions = false;
  private sawBranches = false;
  /** Metrics some record states only as counts (LF/LH without DA:, and the like). */
  private readonly totalsOnly = new Set<Metric>();
  private records = 0;
  // The current record's DA: lines, collected in reused buffers and handed
  // to the file once at end_of_record, so no per-file array ever grows.
  private scratchLines = new Uint32Array(4096);
  private scratchHits = new Float64Array(4096);
  private scratchCount = 0;
  private readonly branches = new BranchBuilder();
  private readonly slab = new Slab();

  constructor(file: string) {
    this.file = file;
  }

  write(chunk: Uint8Array): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const length = buffer.length;
    let start = 0;
    if (this.carry !== undefined) {
      const newline = findByte(buffer, NEWLINE, 0, length);
      if (newline === length) {
        if (this.carry.length + length > MAX_LINE_BYTES) {
          throw this.error(`line ${this.lineNumber + 1} is longer than ${MAX_LINE_BYTES >> 20} MiB: this is not an lcov file`, undefined, this.lineNumber + 1);
        }
        this.carry = Buffer.concat([this.carry, buffer]);
        return;
      }
      const line = Buffer.concat([this.carry, buffer.subarray(0, newline)]);
      this.carry = undefined;
      this.line(line, 0, line.length);
      start = newline + 1;
    }
    for (;;) {
      // Fast path for DA:<line>,<hits> inside a record, most of any lcov file:
      // parsed while looking for its end, in one pass. Anything unusual
      // (a checksum, CR, a bad digit, the chunk's end) takes the general path.
      if (buffer[start] === 0x44 && buffer[start + 1] === 0x41 && buffer[start + 2] === COLON && this.record !== undefined) {
        let index = start + 3;
        let line = 0;
        let byte = buffer[index];
        while (byte !== undefined && byte >= ZERO && byte <= NINE) {
          line = line * 10 + (byte - ZERO);
          byte = buffer[++index];
        }
        if (byte === COMMA && index > start + 3) {
          const hitsStart = ++index;
          let hits = 0;
          byte = buffer[index];
          while (byte !== undefined && byte >= ZERO && byte <= NINE) {
            hits = hits * 10 + (byte - ZERO);
            byte = buffer[++index];
          }
          if (byte === NEWLINE && index > hitsStart) {
            this.lineNumber += 1;
            this.addLine(line, hits);
            start = index + 1;
            continue;
          }
        }
      }
      const newline = findByte(buffer, NEWLINE, start, length);
      if (newline === length) break;
      this.line(buffer, start, newline);
      start = newline + 1;
    }
    // Copy the partial line: the file reader reuses its buffer for the next chunk.
    if (start < length) this.carry = Buffer.from(buffer.subarray(start));
  }

  end(): CoverageReport {
    if (this.carry !== undefined) {
      const line = this.carry;
      this.carry = undefined;
      this.line(line, 0, line.length);
    }
    if (this.record !== undefined) {
      throw this.error(
        `the record for ${this.record.path} (from line ${this.record.startLine}) has no end_of_record: the file is cut off`,
        'the tool that wrote it may have been killed or the upload truncated; regenerate the report',
      );
    }
    if (this.records === 0) {
      throw this.error('no SF: records: this lcov file describes no source file', 'check that the tests ran with coverage enabled', 0);
    }
    const support = (saw: boolean, metric: Metric): MetricSupport => (!saw ? 'none' : this.totalsOnly.has(metric) ? 'totals' : 'detail');
    const metrics: Record<Metric, MetricSupport> = {
      lines: support(true, 'lines'),
      statements: 'none',
      functions: support(this.sawFunctions, 'functions'),
      branches: support(this.sawBranches, 'branches'),
    };
    return { format: 'lcov', files: this.files, metrics, sources: [this.file] };
  }

  private line(buffer: Buffer, start: number, end: number): void {
    this.lineNumber += 1;
    if (end > start && buffer[end - 1] === CR) end -= 1;
    if (end === start) return;
    const b0 = buffer[start];
    // The most frequent records first: DA, then BRDA, FNDA and FN.
    if (b0 === 0x44 && buffer[start + 1] === 0x41 && buffer[start + 2] === COLON) return this.da(buffer, start + 3, end);
    if (b0 === 0x42 && buffer[start + 1] === 0x52) {
      if (buffer[start + 2] === 0x44 && buffer[start + 3] === 0x41 && buffer[start + 4] === COLON) return this.brda(buffer, start + 5, end);
      if (buffer[start + 2] === 0x46 && buffer[start + 3] === COLON) return this.count('BRF', buffer, start + 4, end);
      if (buffer[start + 2] === 0x48 && buffer[start + 3] === COLON) return this.count('BRH', buffer, start + 4, end);
    }
    if (b0 === 0x46 && buffer[start + 1] === 0x4e) {
      const b2 = buffer[start + 2];
      if (b2 === COLON) return this.fn(buffer, start + 3, end);
      if (buffer[start + 3] === COLON) {
        if (b2 === 0x46) return this.count('FNF', buffer, start + 4, end);
        if (b2 === 0x48) return this.count('FNH', buffer, start + 4, end);
        if (b2 === 0x4c) return this.fnl(buffer, start + 4, end);
        if (b2 === 0x41) return this.fna(buffer, start + 4, end);
      }
      if (b2 === 0x44 && buffer[start + 3] === 0x41 && buffer[start + 4] === COLON) return this.fnda(buffer, start + 5, end);
    }
    if (b0 === 0x4c && buffer[start + 2] === COLON) {
      if (buffer[start + 1] === 0x46) return this.count('LF', buffer, start + 3, end);
      if (buffer[start + 1] === 0x48) return this.count('LH', buffer, start + 3, end);
    }
    if (b0 === 0x53 && buffer[start + 1] === 0x46 && buffer[start + 2] === COLON) return this.sf(buffer, start + 3, end);
    if (end - start === 13 && buffer.toString('latin1', start, end) === 'end_of_record') return this.endOfRecord();
    // TN:, VER: and tags of newer lcov versions carry nothing roadstop uses.
    const colon = findByte(buffer, COLON, start, end);
    if (colon < end && /^[A-Za-z_]+$/.test(buffer.toString('latin1', start, colon))) return;
    throw this.error(`not an lcov line: '${excerpt(buffer, start, end)}'`);
  }

  private current(tag: string): LcovRecord {
    if (this.record === undefined) {
      throw this.error(`${tag} outside a record: it must follow an SF: line`);
    }
    return this.record;
  }

  private sf(buffer: Buffer, start: number, end: number): void {
    if (this.record !== undefined) {
      throw this.error(
        `SF: starts a new record, but the record for ${this.record.path} (from line ${this.record.startLine}) has no end_of_record`,
        'the file may be two reports concatenated with one cut off; regenerate it',
      );
    }
    const path = buffer.toString('utf8', start, end).trim();
    if (path === '') throw this.error('SF: has no path');
    this.record = { path, functions: [], startLine: this.lineNumber, declared: {}, fnCursor: 0, fnAssigned: undefined, byName: undefined, byIndex: undefined };
  }

  private da(buffer: Buffer, start: number, end: number): void {
    this.current('DA:');
    // DA:<line>,<hits>[,<checksum>], read in one pass: this is most of the file.
    let index = start;
    let line = 0;
    let byte = -1;
    for (; index < end; index++) {
      byte = buffer[index]!;
      if (byte < ZERO || byte > NINE) break;
      line = line * 10 + (byte - ZERO);
    }
    let hits = 0;
    let digits = 0;
    if (index > start && byte === COMMA) {
      for (index += 1; index < end; index++) {
        byte = buffer[index]!;
        if (byte < ZERO || byte > NINE) break;
        hits = hits * 10 + (byte - ZERO);
        digits += 1;
      }
    }
    if (digits === 0 || (index < end && byte !== COMMA)) {
      throw this.error(`DA: needs a line number and a hit count, got '${excerpt(buffer, start - 3, end)}'`, 'the file may be cut off or not lcov');
    }
    this.addLine(line, hits);
  }

  private addLine(line: number, hits: number): void {
    if (this.scratchCount === this.scratchLines.length) {
      this.scratchLines = grown(this.scratchLines, this.scratchCount * 2);
      this.scratchHits = grown(this.scratchHits, this.scratchCount * 2);
    }
    this.scratchLines[this.scratchCount] = line;
    this.scratchHits[this.scratchCount] = hits;
    this.scratchCount += 1;
  }

  private brda(buffer: Buffer, start: number, end: number): void {
    this.current('BRDA:');
    // BRDA:<line>,<block>,<branch>,<taken>; lcov 2 allows commas inside <branch>.
    const first = nextComma(buffer, start, end);
    const second = first < end ? nextComma(buffer, first + 1, end) : end;
    let last = end - 1;
    while (last > second && buffer[last] !== COMMA) last -= 1;
    const line = first < end ? readUint(buffer, start, first) : -1;
    if (line < 0 || second >= end || last <= second) {
      throw this.error(`BRDA: needs a line, block, branch and taken count, got '${excerpt(buffer, start - 5, end)}'`, 'the file may be cut off or not lcov');
    }
    let taken: number;
    if (last + 2 === end && buffer[last + 1] === DASH) {
      taken = 0;
    } else {
      taken = readUint(buffer, last + 1, end);
      if (taken < 0) throw this.error(`BRDA: taken count is not a number or '-': '${excerpt(buffer, start - 5, end)}'`);
    }
    const block = readId(buffer, first + 1, second);
    const branch = readId(buffer, second + 1, last);
    if (block >= 0 && branch >= 0) this.branches.add(line, block, branch, taken);
    else this.branches.add(line, BranchColumns.NO_ID, BranchColumns.NO_ID, taken, [buffer.toString('utf8', first + 1, second), buffer.toString('utf8', second + 1, last)]);
    this.sawBranches = true;
  }

  private fn(buffer: Buffer, start: number, end: number): void {
    const record = this.current('FN:');
    // FN:<line>,<name> or, since lcov 2.0, FN:<line>,<end line>,<name>.
    const first = nextComma(buffer, start, end);
    const line = first < end ? readUint(buffer, start, first) : -1;
    if (line < 0) throw this.error(`FN: needs a line and a name, got '${excerpt(buffer, start - 3, end)}'`);
    let nameStart = first + 1;
    const second = nextComma(buffer, nameStart, end);
    if (second < end && readUint(buffer, nameStart, second) >= 0) nameStart = second + 1;
    record.functions.push({ name: buffer.toString('utf8', nameStart, end), line, hits: 0 });
    record.byName = undefined;
    this.sawFunctions = true;
  }

  private fnda(buffer: Buffer, start: number, end: number): void {
    const record = this.current('FNDA:');
    const comma = nextComma(buffer, start, end);
    const hits = comma < end ? readUint(buffer, start, comma) : -1;
    if (hits < 0) throw this.error(`FNDA: needs a hit count and a name, got '${excerpt(buffer, start - 5, end)}'`);
    this.sawFunctions = true;
    const functions = record.functions;
    if (record.fnAssigned === undefined || record.fnAssigned.length < functions.length) {
      const assigned = new Uint8Array(Math.max(functions.length, 8));
      if (record.fnAssigned) assigned.set(record.fnAssigned);
      record.fnAssigned = assigned;
    }
    const assigned = record.fnAssigned;
    const cursor = record.fnCursor;
    const next = functions[cursor];
    if (next !== undefined && assigned[cursor] === 0 && sameText(next.name, buffer, comma + 1, end)) {
      next.hits += hits;
      assigned[cursor] = 1;
      record.fnCursor = cursor + 1;
      return;
    }
    const name = buffer.toString('utf8', comma + 1, end);
    if (record.byName === undefined) {
      record.byName = new Map();
      functions.forEach((fn, index) => {
        const same = record.byName!.get(fn.name);
        if (same === undefined) record.byName!.set(fn.name, [index]);
        else same.push(index);
      });
    }
    const same = record.byName.get(name);
    if (same === undefined) {
      // A count for a function no FN: declared: keep it, its line unknown.
      functions.push({ name, line: 0, hits });
      record.byName = undefined;
      return;
    }
    const index = same.find((candidate) => assigned[candidate] === 0) ?? same[same.length - 1]!;
    functions[index]!.hits += hits;
    assigned[index] = 1;
  }

  /** lcov 2.2: FNL:<index>,<line>[,<end line>] declares function <index>. */
  private fnl(buffer: Buffer, start: number, end: number): void {
    const record = this.current('FNL:');
    const comma = nextComma(buffer, start, end);
    const index = comma < end ? readUint(buffer, start, comma) : -1;
    const line = index < 0 ? -1 : readUint(buffer, comma + 1, nextComma(buffer, comma + 1, end));
    if (index < 0 || line < 0) throw this.error(`FNL: needs an index and a line, got '${excerpt(buffer, start - 4, end)}'`);
    const fn: FunctionCoverage = { name: '', line, hits: 0 };
    record.byIndex ??= new Map();
    record.byIndex.set(index, fn);
    record.functions.push(fn);
    this.sawFunctions = true;
  }

  /** lcov 2.2: FNA:<index>,<hits>,<name>, one per alias of function <index>. */
  private fna(buffer: Buffer, start: number, end: number): void {
    const record = this.current('FNA:');
    const first = nextComma(buffer, start, end);
    const second = first < end ? nextComma(buffer, first + 1, end) : end;
    const index = first < end ? readUint(buffer, start, first) : -1;
    const hits = second < end ? readUint(buffer, first + 1, second) : -1;
    const fn = record.byIndex?.get(index);
    if (index < 0 || hits < 0 || fn === undefined) {
      throw this.error(`FNA: needs the index of an FNL: line, a hit count and a name, got '${excerpt(buffer, start - 4, end)}'`);
    }
    if (fn.name === '') fn.name = buffer.toString('utf8', second + 1, end);
    fn.hits += hits;
  }

  private count(tag: keyof FileDeclared, buffer: Buffer, start: number, end: number): void {
    const record = this.current(`${tag}:`);
    const value = readUint(buffer, start, end);
    if (value < 0) throw this.error(`${tag}: needs a count, got '${excerpt(buffer, start - tag.length - 1, end)}'`);
    record.declared[tag] = value;
    if (tag === 'FNF' || tag === 'FNH') this.sawFunctions = true;
    if (tag === 'BRF' || tag === 'BRH') this.sawBranches = true;
  }

  private endOfRecord(): void {
    const record = this.current('end_of_record');
    this.record = undefined;
    this.records += 1;
    const { declared, functions } = record;
    const lines = LineHits.from(this.scratchLines, this.scratchHits, this.scratchCount, this.slab);
    this.scratchCount = 0;
    const branches = this.branches.count > 0 ? new BranchColumns(this.branches, this.slab) : undefined;
    this.branches.reset();
    const totals: Totals = {
      lines: this.total('lines', lines.size, () => lines.covered(), declared.LF, declared.LH),
      statements: { covered: 0, total: 0 },
      functions: this.total('functions', functions.length, () => countPositive(functions.map((fn) => fn.hits)), declared.FNF, declared.FNH),
      branches: this.total('branches', branches?.count ?? 0, () => branches?.covered() ?? 0, declared.BRF, declared.BRH),
    };
    const file = fileWithBranchColumns(record.path, lines, functions, branches, totals);
    const existing = this.files.get(file.path);
    // The same file again, under another TN: test name: its counts add up.
    if (existing === undefined) this.files.set(file.path, file);
    else mergeFileInto(existing, file, 'sum');
  }

  /**
   * Totals from detail when there is any; a record with only LF/LH (and the
   * like) keeps its declared counts, and the report says it has totals only.
   */
  private total(metric: Metric, detail: number, covered: () => number, declaredTotal: number | undefined, declaredCovered: number | undefined): Ratio {
    if (detail > 0 || !declaredTotal) return { covered: detail > 0 ? covered() : 0, total: detail };
    this.totalsOnly.add(metric);
    return { covered: Math.min(declaredCovered ?? 0, declaredTotal), total: declaredTotal };
  }

  /** An error at the current line; 0 for one about the whole file. */
  private error(message: string, hint?: string, line = this.lineNumber): ConfigurationError {
    return new ConfigurationError(`lcov: ${message}`, line === 0 ? { file: this.file } : { file: this.file, line }, hint);
  }
}

/**
 * Where `byte` is between start and end, or end. A plain loop: lcov lines are
 * short, and Buffer#indexOf costs more per call than it saves on them.
 */
function findByte(buffer: Buffer, byte: number, start: number, end: number): number {
  let index = start;
  while (index < end && buffer[index] !== byte) index += 1;
  return index;
}

function nextComma(buffer: Buffer, start: number, end: number): number {
  return findByte(buffer, COMMA, start, end);
}

/** Decimal digits between start and end as a number, or -1 if there are none or anything else. */
function readUint(buffer: Buffer, start: number, end: number): number {
  if (start >= end) return -1;
  let value = 0;
  for (let index = start; index < end; index++) {
    const byte = buffer[index]!;
    if (byte < ZERO || byte > NINE) return -1;
    value = value * 10 + (byte - ZERO);
  }
  return value;
}

/** A canonical decimal id ("7", not "07") as a number that fits an Int32Array, else -1. */
function readId(buffer: Buffer, start: number, end: number): number {
  if (buffer[start] === ZERO && end - start > 1) return -1;
  return end - start > 9 ? -1 : readUint(buffer, start, end);
}

/** Whether the bytes are `text`, for ASCII text; false (decode and compare) otherwise. */
function sameText(text: string, buffer: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 || code !== buffer[start + index]) return false;
  }
  return true;
}

/** A bounded, printable piece of a bad line for an error message. */
function excerpt(buffer: Buffer, start: number, end: number): string {
  const text = buffer.toString('utf8', Math.max(0, start), Math.min(end, Math.max(0, start) + 80));
  return end - start > 80 ? `${text}…` : text;
}
