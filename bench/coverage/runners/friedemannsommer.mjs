// @friedemannsommer/lcov-parser from a read stream, its streaming entry point.
import { createReadStream } from 'node:fs';
import lcovParser from '@friedemannsommer/lcov-parser';

const sections = await lcovParser({ from: createReadStream(process.argv[2]) });
const sum = (pick) => sections.reduce((acc, section) => ({ covered: acc.covered + pick(section).hit, total: acc.total + pick(section).instrumented }), { covered: 0, total: 0 });
console.log(JSON.stringify({ files: sections.length, lines: sum((s) => s.lines), functions: sum((s) => s.functions), branches: sum((s) => s.branches) }));
