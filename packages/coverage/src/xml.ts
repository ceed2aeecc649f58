import { ConfigurationError } from '@roadstop/core';
import { SaxesParser } from 'saxes';
import { mergeFileInto } from './merge.js';
import type { CoverageReport, FileCoverage, Ratio } from './model.js';

export interface XmlHandler {
  /** `parent` is the enclosing element's name, '' for the root. */
  open(name: string, attributes: Record<string, string>, parent: string, line: number): void;
  close(name: string, line: number): void;
  text?(text: string): void;
}

/**
 * Streams XML through saxes and a handler, safely for untrusted reports.
 *
 * saxes never reads a DTD: it does not fetch external DTDs or entities (no
 * XXE, no network, no local file read) and does not expand entities declared
 * in the internal subset (no billion laughs). A reference to such an entity is
 * an "undefined entity" error, which is turned into a ConfigurationError at
 * the first one, so an attack document fails fast and in constant memory.
 * Only XML's five predefined entities and character references are decoded.
 */
export async function parseXml(chunks: AsyncIterable<Uint8Array>, file: string, handler: XmlHandler): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];

  parser.on('error', (error) => {
    // saxes prefixes its messages with line:column; the location goes into the error's own fields.
    const reason = error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '').replace(/\.$/, '');
    if (/undefined entity/i.test(reason)) {
      throw new ConfigurationError(
        'XML refers to an entity that is not one of the five XML predefines (&amp; &lt; &gt; &quot; &apos;); roadstop never expands entities declared in a DTD',
        { file, line: parser.line },
        'coverage tools do not write such entities: the file is not a coverage report, or it was tampered with (XXE or entity expansion)',
      );
    }
    throw new ConfigurationError(`XML is not well-formed: ${reason}`, { file, line: parser.line }, 'the file may be cut off; regenerate the report');
  });
  parser.on('opentag', (tag) => {
    handler.open(tag.name, tag.attributes, stack[stack.length - 1] ?? '', parser.line);
    if (tag.isSelfClosing) handler.close(tag.name, parser.line);
    else stack.push(tag.name);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    stack.pop();
    handler.close(tag.name, parser.line);
  });
  if (handler.text) parser.on('text', handler.text.bind(handler));

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') parser.write(text);
  }
  const rest = decoder.decode();
  if (rest !== '') parser.write(rest);
  parser.close();
}

/** What the Cobertura and Clover handlers share: the report's files by path, and checked attributes. */
export abstract class XmlDialect implements XmlHandler {
  protected readonly file: string;
  protected readonly files = new Map<string, FileCoverage>();

  constructor(file: string) {
    this.file = file;
  }

  abstract open(name: string, attributes: Record<string, string>, parent: string, line: number): void;
  abstract close(name: string): void;
  abstract finish(): CoverageReport;
  text(_text: string): void {}

  /** Several elements of one file (inner classes, partial classes) describe one run: never add them up. */
  protected addFile(file: FileCoverage): void {
    const existing = this.files.get(file.path);
    if (existing === undefined) this.files.set(file.path, file);
    else mergeFileInto(existing, file, 'max');
  }

  /** A non-negative number attribute, or a ConfigurationError naming the element and line. */
  protected number(attributes: Record<string, string>, name: string, element: string, line: number): number {
    const raw = attributes[name];
    const value = raw === undefined ? Number.NaN : Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new ConfigurationError(`<${element}> has ${raw === undefined ? `no ${name} attribute` : `${name}="${raw.slice(0, 40)}", not a count`}`, { file: this.file, line });
    }
    return value;
  }

  /** Like number, but undefined when the attribute is absent. */
  protected optionalNumber(attributes: Record<string, string>, name: string, element: string, line: number): number | undefined {
    return attributes[name] === undefined ? undefined : this.number(attributes, name, element, line);
  }

  /** A ratio from a pair of count attributes, or undefined unless both are there. */
  protected ratio(attributes: Record<string, string>, total: string, covered: string, element: string, line: number): Ratio | undefined {
    const totalValue = this.optionalNumber(attributes, total, element, line);
    const coveredValue = this.optionalNumber(attributes, covered, element, line);
    return totalValue === undefined || coveredValue === undefined ? undefined : { covered: coveredValue, total: totalValue };
  }
}
