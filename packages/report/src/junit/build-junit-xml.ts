import type { SummaryData } from '../summary-data.js';
import { checkTestCases } from './check-test-cases.js';
import { escapeXml, escapeXmlAttribute } from './escape-xml.js';
import { fleetTestCases } from './fleet-test-cases.js';
import type { JUnitSuite, JUnitTestCase } from './junit-test-case.js';
import { runTestCase } from './run-test-case.js';
import { thresholdTestCases } from './threshold-test-cases.js';

/**
 * JUnit XML of a run, for CI servers to show natively: a suite of thresholds (one case each, failing
 * with the observed value when crossed or with "no data"), a suite of failed checks (one case per check
 * name × request), and the run itself. Counts on every suite and on the root add up.
 */
export function buildJUnitXml(data: SummaryData): string {
  const { fpt } = data;
  const suites: JUnitSuite[] = [
    { name: 'fpt.run', cases: [runTestCase(data)] },
    { name: 'fpt.thresholds', cases: thresholdTestCases(data) },
    { name: 'fpt.checks', cases: checkTestCases(data) },
    ...(fpt.fleet ? [{ name: 'fpt.regions', cases: fleetTestCases(data) }] : []),
  ];
  const seconds = (data.state.testRunDurationMs / 1000).toFixed(3);
  // The JUnit XSD wants a timestamp without zone; the summary's times are UTC.
  const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.exec(fpt.startedAt)?.[0];
  const all = suites.flatMap((s) => s.cases);
  const properties: [string, string][] = [
    ['preset', fpt.preset.name],
    ['region', fpt.region ?? ''],
    ['outcome', fpt.outcome],
    ['exitCode', String(fpt.exitCode)],
    ['startedAt', fpt.startedAt],
    ['endedAt', fpt.endedAt],
    ...Object.entries(fpt.tags).map(([k, v]): [string, string] => [`tag.${k}`, v]),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttribute(`fpt ${fpt.preset.name}`)}" ${counts(all)} time="${seconds}">`,
  ];
  suites.forEach((suite, id) => {
    lines.push(
      `  <testsuite name="${suite.name}" id="${id}" ${counts(suite.cases)} time="${id === 0 ? seconds : '0'}"${timestamp ? ` timestamp="${timestamp}"` : ''}>`,
    );
    if (id === 0) {
      lines.push('    <properties>');
      for (const [name, value] of properties) {
        lines.push(
          `      <property name="${escapeXmlAttribute(name)}" value="${escapeXmlAttribute(value)}"/>`,
        );
      }
      lines.push('    </properties>');
    }
    for (const testCase of suite.cases) lines.push(renderCase(testCase));
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function counts(cases: readonly JUnitTestCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  return `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
}

function renderCase(c: JUnitTestCase): string {
  const open = `    <testcase classname="${escapeXmlAttribute(c.classname)}" name="${escapeXmlAttribute(c.name)}" time="0"`;
  const body: string[] = [];
  if (c.failure) body.push(outcome('failure', c.failure));
  if (c.error) body.push(outcome('error', c.error));
  if (c.skipped !== undefined) body.push(`      <skipped message="${escapeXmlAttribute(c.skipped)}"/>`);
  if (c.systemOut) body.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

function outcome(tag: 'failure' | 'error', o: { type: string; message: string; details: string }): string {
  return `      <${tag} type="${escapeXmlAttribute(o.type)}" message="${escapeXmlAttribute(o.message)}">${escapeXml(o.details)}</${tag}>`;
}
