import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigurationError } from '@roadstop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCoverageReport, readCoverageReport } from '../src/index.js';

// Coverage XML comes from pull requests, so it is untrusted: no external
// entity may be read (XXE), no DTD fetched, no entity expanded (billion laughs).
// A real local server stands in for the network and counts what reaches it.

const SECRET = 'roadstop-secret-7f3a9c';
let secretFile: string;
let server: Server;
let requests: string[];
let base: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roadstop-xxe-'));
  secretFile = join(dir, 'secret.txt');
  writeFileSync(secretFile, SECRET);
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('<!ENTITY remote "fetched">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const cobertura = (doctype: string, filename: string, source = '/src') => `<?xml version="1.0"?>
${doctype}
<coverage line-rate="1" lines-valid="1" lines-covered="1">
  <sources><source>${source}</source></sources>
  <packages><package name="p"><classes>
    <class name="a" filename="${filename}"><methods/><lines><line number="1" hits="1"/></lines></class>
  </classes></package></packages>
</coverage>
`;

async function outcome(content: string): Promise<{ error?: unknown; text: string }> {
  try {
    const report = await parseCoverageReport(content, 'evil.xml');
    return { text: JSON.stringify({ files: [...report.files.keys()], sources: report.sourceRoots }) };
  } catch (error) {
    return { error, text: isConfigurationError(error) ? error.describe() : String(error) };
  }
}

describe('XML external entities (XXE)', () => {
  it('refuses an entity that points at a local file, and its content appears nowhere', async () => {
    const result = await outcome(cobertura(`<!DOCTYPE coverage [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, 'a.py', '&xxe;'));
    expect(isConfigurationError(result.error)).toBe(true);
    expect(result.text).toMatch(/^evil\.xml:4: XML refers to an entity that is not one of the five XML predefines/);
    expect(result.text).not.toContain(SECRET);
  });

  it('refuses it in an attribute too', async () => {
    const result = await outcome(cobertura(`<!DOCTYPE coverage [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, '&xxe;'));
    expect(isConfigurationError(result.error)).toBe(true);
    expect(result.text).not.toContain(SECRET);
  });

  it('fetches nothing: not an external DTD, not an external or parameter entity', async () => {
    const doctype = `<!DOCTYPE coverage SYSTEM "${base}/coverage.dtd" [<!ENTITY % remote SYSTEM "${base}/param"> %remote; <!ENTITY ext SYSTEM "${base}/entity">]>`;
    const unused = await outcome(cobertura(doctype, 'a.py'));
    // Declared but unused entities are ignored: the report reads normally.
    expect(unused.error).toBeUndefined();
    expect(unused.text).toBe(JSON.stringify({ files: ['a.py'], sources: ['/src'] }));
    const used = await outcome(cobertura(doctype, 'a.py', '&ext;'));
    expect(isConfigurationError(used.error)).toBe(true);
    expect(requests).toEqual([]);
  });

  it("reads istanbul's Cobertura, whose DOCTYPE names a DTD on the web, without fetching it", async () => {
    const doctype = `<!DOCTYPE coverage SYSTEM "${base}/coverage-04.dtd">`;
    const result = await outcome(cobertura(doctype, 'a.py'));
    expect(result.error).toBeUndefined();
    expect(requests).toEqual([]);
  });
});

describe('entity expansion (billion laughs)', () => {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let level = 1; level <= 9; level++) levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  const billionLaughs = `<?xml version="1.0"?>\n<!DOCTYPE coverage [\n${levels.join('\n')}\n]>\n<coverage line-rate="1"><sources><source>&lol9;</source></sources></coverage>\n`;

  it('fails at the first reference, fast and in small memory', async () => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await outcome(billionLaughs);
    const elapsed = performance.now() - started;
    expect(isConfigurationError(result.error)).toBe(true);
    expect(result.text).toMatch(/^evil\.xml:14: XML refers to an entity that is not one of the five XML predefines/);
    expect(elapsed).toBeLessThan(1_000);
    // A billion "lol"s would be gigabytes; not expanding them costs next to nothing.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });

  it('also from a file on disk, in an attribute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadstop-lol-'));
    const path = join(dir, 'clover.xml');
    writeFileSync(path, billionLaughs.replace('<coverage line-rate="1"><sources><source>&lol9;</source></sources></coverage>', '<coverage clover="3.2.0"><project><file path="&lol9;"/></project></coverage>'));
    await expect(readCoverageReport(path)).rejects.toThrow(/XML refers to an entity/);
  });
});
