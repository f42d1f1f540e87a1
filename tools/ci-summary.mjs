// Prints vitest's result as the plain closing line CI reads ("N passed, N failed, N skipped"),
// and fails when a test was skipped: CI installs everything, so a skip there hides a missing install.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.fpt/test-results.json';
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`no test results at ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = results.numPassedTests;
// A suite that fails to load has no failed tests of its own; count it so the line never says 0 failed then.
const failed = results.numFailedTests > 0 ? results.numFailedTests : (results.numFailedTestSuites ?? 0);
const skipped = results.numPendingTests + results.numTodoTests;
if (skipped > 0) {
  for (const suite of results.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
        console.error(`skipped in CI: ${suite.name} > ${test.fullName}`);
      }
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 || passed === 0 || results.success === false ? 1 : 0);
