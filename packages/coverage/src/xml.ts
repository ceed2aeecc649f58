import { ConfigurationError } from '@roadstop/core';
import { SaxesParser } from 'saxes';

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
  if (handler.text) {
    const text = handler.text.bind(handler);
    parser.on('text', text);
  }

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') parser.write(text);
  }
  const rest = decoder.decode();
  if (rest !== '') parser.write(rest);
  parser.close();
}

/** A non-negative number attribute, or a ConfigurationError naming the element and line. */
export function numberAttribute(attributes: Record<string, string>, name: string, element: string, file: string, line: number): number {
  const raw = attributes[name];
  const value = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(`<${element}> has ${raw === undefined ? `no ${name} attribute` : `${name}="${raw.slice(0, 40)}", not a count`}`, { file, line });
  }
  return value;
}

/** Like numberAttribute, but undefined when the attribute is absent. */
export function optionalNumberAttribute(attributes: Record<string, string>, name: string, element: string, file: string, line: number): number | undefined {
  return attributes[name] === undefined ? undefined : numberAttribute(attributes, name, element, file, line);
}
