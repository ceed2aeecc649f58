import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, isConfigurationError } from '@roadstop/core';
import { describe, expect, it } from 'vitest';
import { parseCoverageReport, readCoverageReport } from '../src/index.js';

// Every mistake a user can feed the gate is a ConfigurationError naming the
// file (and the line where there is one), never a stack trace.

const FILE = 'coverage/report';

interface Case {
  name: string;
  content: string;
  message: RegExp;
  line?: number;
}

const VALID_RECORD = 'TN:\nSF:src/a.ts\nFN:1,f\nFNDA:1,f\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n';

const cases: Case[] = [
  { name: 'an empty file', content: '', message: /the coverage report is empty/ },
  { name: 'a file of blank lines', content: '\n\n  \n', message: /the coverage report is empty/ },
  { name: 'text that is no coverage format', content: 'Hello, I am a README\n', message: /not a coverage report roadstop can read/, line: 1 },
  { name: 'lcov whose last record has no end_of_record', content: `${VALID_RECORD}SF:src/b.ts\nDA:1,1\nDA:2,1\n`, message: /lcov: the record for src\/b\.ts \(from line 10\) has no end_of_record: the file is cut off/, line: 12 },
  { name: 'lcov cut off inside a DA: line', content: `${VALID_RECORD}SF:src/b.ts\nDA:1,1\nDA:2`, message: /lcov: DA: needs a line number and a hit count, got 'DA:2'/, line: 12 },
  { name: 'lcov with a DA: hit count that is no number', content: 'SF:a.ts\nDA:1,x\nend_of_record\n', message: /DA: needs a line number and a hit count, got 'DA:1,x'/, line: 2 },
  { name: 'lcov with a BRDA: line cut off', content: 'SF:a.ts\nDA:1,1\nBRDA:1,0\nend_of_record\n', message: /BRDA: needs a line, block, branch and taken count/, line: 3 },
  { name: 'lcov data before any SF:', content: 'TN:\nDA:1,1\nend_of_record\n', message: /DA: outside a record: it must follow an SF: line/, line: 2 },
  { name: 'lcov with two records run together', content: 'SF:a.ts\nDA:1,1\nSF:b.ts\nDA:1,1\nend_of_record\n', message: /SF: starts a new record, but the record for a\.ts \(from line 1\) has no end_of_record/, line: 3 },
  { name: 'lcov with a line of garbage', content: 'SF:a.ts\nDA:1,1\n<<<>>>\nend_of_record\n', message: /not an lcov line: '<<<>>>'/, line: 3 },
  { name: 'lcov with no records', content: 'TN:\n', message: /no SF: records/ },
  { name: 'JSON that is not istanbul', content: '{\n  "name": "my-app",\n  "version": "1.0.0"\n}\n', message: /JSON is not an istanbul coverage report: the value of "name"/, line: 2 },
  { name: 'JSON that is an empty object', content: '{}', message: /JSON is an empty object/ },
  { name: 'JSON cut off', content: '{"/a.ts": {"path": "/a.ts", "statementMap": {"0": {"start": {"line": 1', message: /the JSON ends early: the file is cut off/, line: 1 },
  { name: 'JSON with a syntax error', content: '{\n"/a.ts": {"statementMap": {}, "s": {"0": 1,}}\n}', message: /invalid JSON/, line: 2 },
  { name: 'JSON with branch counters that are no array', content: '{"/a.ts": {"statementMap": {}, "s": {}, "b": {"0": 3}}}', message: /branch counters b\["0"\] are not an array/, line: 1 },
  { name: 'XML that is neither Cobertura nor Clover', content: '<?xml version="1.0"?>\n<testsuites>\n<testsuite name="x"/>\n</testsuites>\n', message: /XML is neither Cobertura nor Clover: its root element is <testsuites>/, line: 2 },
  { name: 'a <coverage> root of another dialect', content: '<coverage>\n  <report/>\n</coverage>', message: /neither Cobertura nor Clover: <coverage> starts with <report>/, line: 2 },
  { name: 'an empty <coverage>', content: '<coverage/>', message: /neither Cobertura nor Clover: <coverage> is empty/ },
  { name: 'Cobertura cut off', content: '<coverage line-rate="1">\n<packages><package><classes>\n<class filename="a.py"><lines><line number="1" hits="1"/>', message: /XML is not well-formed: unclosed tag: lines/, line: 3 },
  { name: 'Cobertura <class> without a filename', content: '<coverage line-rate="1"><packages><package><classes>\n<class name="a"></class></classes></package></packages></coverage>', message: /Cobertura: <class> has no filename attribute/, line: 2 },
  { name: 'Cobertura <line> with hits that are no count', content: '<coverage line-rate="1"><packages><package><classes><class filename="a.py"><lines>\n<line number="1" hits="many"/></lines></class></classes></package></packages></coverage>', message: /<line> has hits="many", not a count/, line: 2 },
  { name: 'Cobertura without classes', content: '<coverage line-rate="1"><sources/><packages/></coverage>', message: /Cobertura: the report has no <class> elements/ },
  { name: 'Clover <file> without a path or name', content: '<coverage clover="3.2.0"><project>\n<file><line num="1" count="1"/></file></project></coverage>', message: /Clover: <file> has neither a path nor a name attribute/, line: 2 },
];

async function failure(run: () => Promise<unknown>): Promise<ConfigurationError> {
  try {
    await run();
  } catch (error) {
    if (isConfigurationError(error)) return error;
    throw new Error(`expected a ConfigurationError, got ${String(error)}`);
  }
  throw new Error('expected a ConfigurationError, got a report');
}

describe('bad input', () => {
  it.each(cases)('$name', async ({ content, message, line }) => {
    const error = await failure(() => parseCoverageReport(content, FILE));
    expect(error.message).toMatch(message);
    expect(error.location.file).toBe(FILE);
    if (line !== undefined) expect(error.location.line).toBe(line);
    const described = error.describe();
    expect(described.startsWith(line === undefined ? `${FILE}: ` : `${FILE}:${line}: `), described).toBe(true);
    expect(described).not.toContain('\n');
  });

  it('reports the line of a cut-off lcov whatever chunks it arrives in', async () => {
    const content = Buffer.from(`${VALID_RECORD}SF:src/b.ts\nDA:1,1\nDA:2`);
    const chunks = [...content].map((byte) => Uint8Array.of(byte));
    const error = await failure(() => parseCoverageReport(chunks, FILE));
    expect(error.location.line).toBe(12);
  });

  it('names a missing file', async () => {
    const error = await failure(() => readCoverageReport('/nonexistent/lcov.info'));
    expect(error.describe()).toBe('/nonexistent/lcov.info: cannot read the coverage report: the file does not exist (point it at a report file such as coverage/lcov.info)');
  });

  it('names a directory given instead of a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadstop-coverage-'));
    const error = await failure(() => readCoverageReport(dir));
    expect(error.message).toMatch(/it is a directory, not a file/);
  });

  it('reads an empty file on disk as empty, not as a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadstop-coverage-'));
    writeFileSync(join(dir, 'lcov.info'), '');
    const error = await failure(() => readCoverageReport(join(dir, 'lcov.info')));
    expect(error.describe()).toMatch(/lcov\.info: the coverage report is empty/);
  });
});
