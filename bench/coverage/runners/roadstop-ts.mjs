// roadstop's lcov parser run from its TypeScript sources by Node 24's type
// stripping (the hook maps the sources' './x.js' imports onto x.ts): the same
// code as the bundle, plus stripping and loading @roadstop/core at start-up.
await import('../../../scripts/ts-resolve.mjs');
const { readCoverageReport, reportTotals } = await import('../../../packages/coverage/src/index.ts');

const report = await readCoverageReport(process.argv[2]);
const totals = reportTotals(report);
console.log(JSON.stringify({ files: report.files.size, lines: totals.lines, functions: totals.functions, branches: totals.branches }));
