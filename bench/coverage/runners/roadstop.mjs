// roadstop's lcov parser from the bundle build.mjs makes of its sources.
const { readCoverageReport, reportTotals } = await import('../corpus/roadstop-coverage.mjs');

const report = await readCoverageReport(process.argv[2]);
const totals = reportTotals(report);
console.log(JSON.stringify({ files: report.files.size, lines: totals.lines, functions: totals.functions, branches: totals.branches }));
