import { ConfigurationError } from '@roadstop/core';

export interface JsonEntry {
  key: string;
  value: unknown;
  /** 1-based line where the value starts, for messages. */
  line: number;
}

type State = 'start' | 'key' | 'colon' | 'value' | 'next' | 'done';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}

/**
 * The top-level properties of a JSON object, one at a time, as the text
 * streams in. Istanbul's JSON reports are one object keyed by file, so memory
 * holds one file's coverage at a time however large the report is; each value
 * is handed to JSON.parse whole.
 */
export async function* readJsonEntries(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<JsonEntry> {
  // ignoreBOM false: a UTF-8 byte order mark is dropped, not parsed.
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let pos = 0;
  let line = 1;
  let state: State = 'start';
  let key = '';
  // Scan state of a value or key string that spans chunks.
  let tokenStart = -1;
  let tokenLine = 1;
  let scan = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;

  const fail = (message: string, at = line): ConfigurationError =>
    new ConfigurationError(`JSON: ${message}`, { file, line: at }, 'expected istanbul coverage-final.json or coverage-summary.json');

  // Scans from `scan` to the end of the token starting at tokenStart (pos, for a new one); returns its end (exclusive) or -1 for "need more text".
  const scanToken = (): number => {
    if (tokenStart === -1) {
      tokenStart = scan = pos;
      tokenLine = line;
    }
    const first = text.charCodeAt(tokenStart);
    if (scan === tokenStart) {
      scan += 1;
      inString = first === QUOTE;
      depth = first === OPEN_BRACE || first === OPEN_BRACKET ? 1 : 0;
      escaped = false;
    }
    const primitive = first !== QUOTE && first !== OPEN_BRACE && first !== OPEN_BRACKET;
    for (; scan < text.length; scan++) {
      const code = text.charCodeAt(scan);
      if (code === NEWLINE) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) {
          inString = false;
          if (depth === 0) return ++scan;
        }
      } else if (primitive) {
        if (code === COMMA || code === CLOSE_BRACE || isSpace(code)) {
          if (code === NEWLINE) line -= 1;
          return scan;
        }
      } else if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return ++scan;
      }
    }
    return -1;
  };

  const parse = (start: number, end: number, at: number): unknown => {
    try {
      return JSON.parse(text.slice(start, end));
    } catch (error) {
      throw fail(`invalid JSON (${(error as Error).message})`, at);
    }
  };

  function* drain(final: boolean): Generator<JsonEntry> {
    for (;;) {
      if (tokenStart === -1) {
        while (pos < text.length && isSpace(text.charCodeAt(pos))) {
          if (text.charCodeAt(pos) === NEWLINE) line += 1;
          pos += 1;
        }
        if (pos >= text.length) return;
      }
      const code = text.charCodeAt(pos);
      switch (state) {
        case 'start':
          if (code !== OPEN_BRACE) throw fail('not a JSON object');
          pos += 1;
          state = 'key';
          break;
        case 'key': {
          if (code === CLOSE_BRACE) {
            pos += 1;
            state = 'done';
            break;
          }
          if (tokenStart === -1 && code !== QUOTE) throw fail(`expected a property name, found '${text[pos]}'`);
          const end = scanToken();
          if (end === -1) return;
          key = parse(tokenStart, end, tokenLine) as string;
          pos = end;
          tokenStart = -1;
          state = 'colon';
          break;
        }
        case 'colon':
          if (code !== COLON) throw fail(`expected ':' after "${key}"`);
          pos += 1;
          state = 'value';
          break;
        case 'value': {
          const end = scanToken();
          if (end === -1) {
            if (!final || text.charCodeAt(tokenStart) === QUOTE || text.charCodeAt(tokenStart) === OPEN_BRACE || text.charCodeAt(tokenStart) === OPEN_BRACKET) return;
            // A primitive at the very end of the text is complete; what follows will fail as a missing '}'.
          }
          const valueEnd = end === -1 ? text.length : end;
          const value = parse(tokenStart, valueEnd, tokenLine);
          yield { key, value, line: tokenLine };
          pos = valueEnd;
          tokenStart = -1;
          state = 'next';
          break;
        }
        case 'next':
          if (code === COMMA) state = 'key';
          else if (code === CLOSE_BRACE) state = 'done';
          else throw fail(`expected ',' or '}' after the value of "${key}"`);
          pos += 1;
          break;
        case 'done':
          throw fail('unexpected text after the end of the JSON object');
      }
    }
  }

  for await (const chunk of chunks) {
    // Drop what is consumed, so memory holds at most the value being read.
    const keep = tokenStart === -1 ? pos : tokenStart;
    text = text.slice(keep) + decoder.decode(chunk, { stream: true });
    pos -= keep;
    if (tokenStart !== -1) {
      scan -= keep;
      tokenStart = 0;
    }
    yield* drain(false);
  }
  const rest = decoder.decode();
  if (rest !== '') text += rest;
  yield* drain(true);
  if (state === 'start') throw fail('the file is empty');
  if (state !== 'done') throw fail('the JSON ends early: the file is cut off');
}
