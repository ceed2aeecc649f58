/**
 * A parsed YAML document as the config reader needs it: maps, lists and
 * scalars, each with the line it starts on. Two parsers build it: the small
 * one here, for the plain block YAML that config files, metric lists and Slack
 * messages are written in, and `yaml` (yaml-full.ts) for everything else.
 *
 * Why a parser of our own at all: every step reads its config before doing
 * anything, and loading `yaml` (290 kB of code) cost each step ~8 ms of its
 * ~25 ms over bare node (bench/README.md, "Start-up of every action"). The
 * subset is exact, not lenient: what it reads it reads as `yaml` does (the
 * same values, keys in the same order, the same lines; a differential test
 * holds the two together over the repo's configs and generated documents), and
 * at anything outside it (tabs, anchors, tags, block scalars, multi-line
 * values, flow collections over lines, odd numbers, duplicate keys, errors) it
 * declines, and `yaml` reads the document and reports its mistakes.
 */
export type TreeNode = TreeScalar | TreeMap | TreeList;
export type ScalarValue = string | number | boolean | null;

export interface TreeScalar {
  kind: 'scalar';
  value: ScalarValue;
  line: number;
}

export interface TreeEntry {
  /** The key as YAML resolves it (`1:` is the number 1). */
  key: unknown;
  /** The key as text, for messages. */
  name: string;
  line: number;
  value: TreeNode;
}

export interface TreeMap {
  kind: 'map';
  line: number;
  entries: TreeEntry[];
}

export interface TreeList {
  kind: 'list';
  line: number;
  items: TreeNode[];
}

/** The document's root, or null for an empty document. */
export type TreeDocument = TreeNode | null;

/** A plain JavaScript value of a tree, as `yaml`'s toJS() gives it. */
export function treeToJS(node: TreeNode | null): unknown {
  if (node === null) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'list') return node.items.map(treeToJS);
  const out: Record<string, unknown> = {};
  for (const entry of node.entries) out[entry.name] = treeToJS(entry.value);
  return out;
}

class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

interface Line {
  /** 1-based line number. */
  number: number;
  indent: number;
  /** The text after the indent, with a trailing comment still on it. */
  text: string;
}

/** A plain key as the subset reads one: letters, digits and `_./+-`, not starting with an indicator. */
const KEY_NAME = '[A-Za-z0-9_][A-Za-z0-9_./+-]*';
const KEY = new RegExp(`^(${KEY_NAME}):(?: +(.*))?$`);
const FLOW_KEY = new RegExp(`^(${KEY_NAME}): +`);
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Characters that may not start a plain scalar here (YAML's indicators, and the quotes handled apart). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Only printable ASCII, and printable characters past it (no controls, no BOM, no line or paragraph separators). */
const UNSAFE_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\ud800-\udfff]/;

/**
 * The tree of `text`, or undefined when the text is outside the subset this
 * parser reads exactly (the caller then parses it with `yaml`).
 */
export function parseYamlSubset(text: string): TreeDocument | undefined {
  if (UNSAFE_CHARACTER.test(text)) return undefined;
  try {
    return new SubsetParser(text).document();
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

class SubsetParser {
  private readonly lines: Line[] = [];
  private at = 0;

  constructor(text: string) {
    const raw = text.split('\n');
    let seenContent = false;
    for (let index = 0; index < raw.length; index++) {
      const line = raw[index]!;
      const indent = line.length - line.trimStart().length;
      const rest = line.slice(indent).trimEnd();
      if (rest === '' || rest.startsWith('#')) continue;
      if (indent === 0 && (rest.startsWith('%') || rest.startsWith('...'))) decline();
      if (indent === 0 && rest.startsWith('---')) {
        // One document marker, alone on the first line with content.
        if (seenContent || !/^---(?: +#.*)?$/.test(rest)) decline();
        seenContent = true;
        continue;
      }
      seenContent = true;
      this.lines.push({ number: index + 1, indent, text: rest });
    }
  }

  document(): TreeDocument {
    if (this.lines.length === 0) return null;
    const first = this.lines[0]!;
    const root = this.block(first.indent);
    if (this.at < this.lines.length) decline();
    return root;
  }

  /** A block map or list starting at the current line, at `indent`. */
  private block(indent: number): TreeNode {
    const line = this.lines[this.at]!;
    if (line.indent !== indent) decline();
    if (isDash(line.text)) return this.list(indent);
    if (KEY.test(line.text)) return this.map(indent);
    return decline();
  }

  private map(indent: number): TreeMap {
    const map: TreeMap = { kind: 'map', line: this.lines[this.at]!.number, entries: [] };
    const names = new Set<string>();
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent) decline();
      if (isDash(line.text)) break;
      const match = KEY.exec(line.text) ?? decline();
      const { key, name } = claimKey(match[1]!, names);
      this.at++;
      const rest = match[2] ?? '';
      let value: TreeNode;
      if (rest === '' || rest.startsWith('#')) {
        value = this.nested(indent, line.number, true);
      } else {
        value = inlineValue(rest, line.number);
        this.noDeeperLine(indent);
      }
      map.entries.push({ key, name, line: line.number, value });
    }
    return map;
  }

  private list(indent: number): TreeList {
    const list: TreeList = { kind: 'list', line: this.lines[this.at]!.number, items: [] };
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent) decline();
      if (!isDash(line.text)) break;
      const afterDash = line.text.slice(1);
      const spaces = afterDash.length - afterDash.trimStart().length;
      const rest = afterDash.trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.at++;
        list.items.push(this.nested(indent, line.number, false));
      } else if (isDash(rest)) {
        decline();
      } else if (KEY.test(rest)) {
        // `- key: value`: a map whose keys sit at the column after the dash.
        const column = indent + 1 + spaces;
        this.lines[this.at] = { number: line.number, indent: column, text: rest };
        list.items.push(this.map(column));
      } else {
        this.at++;
        list.items.push(inlineValue(rest, line.number));
        this.noDeeperLine(indent);
      }
    }
    return list;
  }

  /**
   * The value of a key or dash with nothing after it: a block on the lines
   * below, deeper than `indent` (or, under a key, a list at the key's own
   * indent), else null.
   */
  private nested(indent: number, lineNumber: number, underKey: boolean): TreeNode {
    const next = this.lines[this.at];
    if (next && next.indent > indent) return this.block(next.indent);
    if (next && underKey && next.indent === indent && isDash(next.text)) return this.list(indent);
    return { kind: 'scalar', value: null, line: lineNumber };
  }

  /** After a value on its own line, a deeper line would continue it (a multi-line scalar): not read here. */
  private noDeeperLine(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) decline();
  }
}

function isDash(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A value written after `key: ` or `- `, up to the end of the line. */
function inlineValue(text: string, line: number): TreeNode {
  if (text.startsWith('[') || text.startsWith('{')) {
    const reader = new FlowReader(text, line);
    const node = reader.collection();
    reader.end();
    return node;
  }
  if (text.startsWith('"') || text.startsWith("'")) {
    const { value, end } = quoted(text, 0);
    if (!/^(?: +#.*)?$/.test(text.slice(end))) decline();
    return { kind: 'scalar', value, line };
  }
  const comment = text.indexOf(' #');
  const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (INDICATOR_START.test(plain) && !/^-[^ ]/.test(plain)) decline();
  if (plain.includes(': ') || plain.endsWith(':')) decline();
  return { kind: 'scalar', value: resolvePlain(plain), line };
}

/** The escapes of a double-quoted scalar the subset reads; any other declines. */
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };

/** A quoted scalar starting at `start`: its value and the index after its closing quote. */
function quoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (quote === "'") {
      if (char === "'") {
        if (text[at + 1] === "'") {
          value += "'";
          at += 2;
          continue;
        }
        return { value, end: at + 1 };
      }
      value += char;
      at++;
      continue;
    }
    if (char === '"') return { value, end: at + 1 };
    if (char === '\\') {
      const next = text[at + 1];
      if (next !== undefined && SIMPLE_ESCAPES[next] !== undefined) {
        value += SIMPLE_ESCAPES[next];
        at += 2;
        continue;
      }
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        const code = parseInt(text.slice(at + 2, at + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) decline();
        value += String.fromCharCode(code);
        at += 6;
        continue;
      }
      decline();
    }
    value += char;
    at++;
  }
  // Unclosed on this line: a multi-line quoted scalar, or a mistake.
  return decline();
}

/**
 * A plain key, resolved as YAML resolves it, and kept in `names`. A name the
 * map already holds (`a` twice, or `1` and `01`) is a duplicate key: `yaml`
 * refuses it (uniqueKeys), so the subset declines.
 */
function claimKey(text: string, names: Set<string>): { key: ScalarValue; name: string } {
  const key = resolveKey(text);
  const name = String(key);
  if (names.has(name)) decline();
  names.add(name);
  return { key, name };
}

/** A plain key; a null one (`null:`, `~:`) is left to `yaml`, whose toJS names it '' where the config reader says 'null'. */
function resolveKey(text: string): ScalarValue {
  const key = resolvePlain(text);
  return key === null ? decline() : key;
}

/** A plain scalar as YAML 1.2's core schema resolves it. */
function resolvePlain(text: string): ScalarValue {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (INT.test(text)) {
    const value = parseInt(text, 10);
    if (!Number.isSafeInteger(value)) decline();
    return value;
  }
  if (FLOAT.test(text)) return parseFloat(text);
  // The core schema's other numbers (0x1f, 0o17, 1e3, .inf, .nan): `yaml` reads them.
  if (OTHER_NUMBER.test(text)) decline();
  return text;
}

/** A flow collection (`[a, b]`, `{a: 1}`) that opens and closes on one line. */
class FlowReader {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly line: number,
  ) {}

  collection(): TreeNode {
    const open = this.text[this.at];
    if (open === '[') return this.sequence();
    if (open === '{') return this.mapping();
    return decline();
  }

  end(): void {
    if (!/^(?: +#.*)?$/.test(this.text.slice(this.at))) decline();
  }

  private sequence(): TreeList {
    const list: TreeList = { kind: 'list', line: this.line, items: [] };
    if (this.opened(']')) return list;
    do {
      list.items.push(this.item());
    } while (!this.closed(']'));
    return list;
  }

  /** Past the opening bracket: true when the collection closes at once (`[]`, `{}`). */
  private opened(close: string): boolean {
    this.at++;
    this.spaces();
    if (this.text[this.at] !== close) return false;
    this.at++;
    return true;
  }

  /** After an item: true at the closing bracket, false after a comma that another item follows (a trailing comma declines). */
  private closed(close: string): boolean {
    this.spaces();
    const char = this.text[this.at++];
    if (char === close) return true;
    if (char !== ',') decline();
    this.spaces();
    if (this.text[this.at] === close) decline();
    return false;
  }

  private mapping(): TreeMap {
    const map: TreeMap = { kind: 'map', line: this.line, entries: [] };
    const names = new Set<string>();
    if (this.opened('}')) return map;
    do {
      const match = FLOW_KEY.exec(this.text.slice(this.at)) ?? decline();
      const { key, name } = claimKey(match[1]!, names);
      this.at += match[0].length;
      map.entries.push({ key, name, line: this.line, value: this.item() });
    } while (!this.closed('}'));
    return map;
  }

  private item(): TreeNode {
    const char = this.text[this.at];
    if (char === '[' || char === '{') return this.collection();
    if (char === '"' || char === "'") {
      const { value, end } = quoted(this.text, this.at);
      this.at = end;
      return { kind: 'scalar', value, line: this.line };
    }
    const match = /^[A-Za-z0-9_./+-][A-Za-z0-9_./+ -]*/.exec(this.text.slice(this.at)) ?? decline();
    const plain = match[0].trimEnd();
    if (plain.startsWith('-') && (plain === '-' || plain[1] === ' ')) decline();
    this.at += plain.length;
    return { kind: 'scalar', value: resolvePlain(plain), line: this.line };
  }

  private spaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}
