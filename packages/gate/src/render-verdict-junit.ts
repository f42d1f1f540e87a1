import { type JUnitSuite, type JUnitTestCase, renderJUnitXml } from '@fpt/report';
import type { ComparedMetric, ComparedRow, ComparedVital, GateVerdict } from './gate-verdict.js';
import { allRows, describeBaseline, describeTolerances, rowTitle, vitalTitle } from './verdict-table.js';

/**
 * The verdict as JUnit XML: suite `fpt.gate`, one test case per compared row (the whole run, each
 * request, each region, each custom metric, each page's Web Vital). A regression fails its case with every
 * figure that regressed; a row on one side only is skipped, since there is nothing to judge it against.
 */
export function renderVerdictJUnit(verdict: GateVerdict): string {
  const suites: JUnitSuite[] = [
    {
      name: 'fpt.gate',
      cases: [...allRows(verdict).map(testCase), ...verdict.webVitals.map(vitalTestCase)],
    },
  ];
  return renderJUnitXml({
    name: `fpt gate ${verdict.preset}`,
    suites,
    timeSeconds: 0,
    startedAt: verdict.run.startedAt,
    properties: [
      ['preset', verdict.preset],
      ['status', verdict.status],
      ['baseline', describeBaseline(verdict)],
      ['tolerances', describeTolerances(verdict)],
      ['run', verdict.run.id ?? ''],
      ...verdict.warnings.map((w, i): [string, string] => [`warning.${i + 1}`, w]),
    ],
  });
}

function testCase(row: ComparedRow | ComparedMetric): JUnitTestCase {
  const base = { classname: `fpt.gate.${row.scope}`, name: rowTitle(row), systemOut: row.reasons.join('\n') };
  if (row.status === 'added' || row.status === 'removed') return { ...base, skipped: row.reasons.join(' ') };
  if (row.status !== 'regression') return base;
  return {
    ...base,
    failure: { type: 'regression', message: row.failures.join('; '), details: row.reasons.join('\n') },
  };
}

function vitalTestCase(row: ComparedVital): JUnitTestCase {
  const base = {
    classname: 'fpt.gate.webVital',
    name: `${vitalTitle(row)} ${row.vital.toUpperCase()}`,
    systemOut: row.reason,
  };
  if (row.status === 'added' || row.status === 'removed') return { ...base, skipped: row.reason };
  if (row.status !== 'regression') return base;
  return { ...base, failure: { type: 'regression', message: row.failures.join('; '), details: row.reason } };
}
