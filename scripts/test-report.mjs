import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The verdict `npm test` (scripts/test.mjs) gives on vitest's JSON report, kept apart so a test can hold it to a
// real report: one "N passed, N failed, N skipped" line, and in CI (CI=true) a skipped or todo test fails the run
// and is named, since in CI it is a test that did not run (a missing server, a forgotten .skip).
export function judgeReport(report, { ci, root }) {
  const skipped = report.numPendingTests + report.numTodoTests;
  const lines = [`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`];
  let failed = report.numTotalTests === 0;
  if (ci && skipped > 0) {
    const names = (report.testResults ?? []).flatMap((file) =>
      (file.assertionResults ?? []).filter((test) => ['pending', 'skipped', 'todo'].includes(test.status)).map((test) => `  ${file.name.replace(`${root}/`, '')}: ${test.fullName}`),
    );
    lines.push(`✖ ${skipped} test(s) skipped, and CI=true: every test must run in CI`, ...names.slice(0, 50));
    failed = true;
  }
  return { failed, lines };
}

// `node scripts/test-report.mjs <vitest-report.json>`: the same verdict on a report already written.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const verdict = judgeReport(JSON.parse(readFileSync(process.argv[2], 'utf8')), { ci: process.env.CI === 'true', root: process.cwd() });
  process.stdout.write(`${verdict.lines.join('\n')}\n`);
  process.exitCode = verdict.failed ? 1 : 0;
}
