// Prints 'vitest: N passed, N failed[, N skipped]' from Vitest's JSON report; exit 1 on any
// failure, on a missing report, or when no test ran.
import fs from 'node:fs';

const file = process.argv[2] ?? 'out/vitest-report.json';
if (!fs.existsSync(file)) {
  console.log('vitest: 0 passed, 1 failed (no report: the run did not finish)');
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
const failedSuites = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
const failed = r.numFailedTests + failedSuites;
console.log(`vitest: ${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || r.numTotalTests === 0 ? 1 : 0);
