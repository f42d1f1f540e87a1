import { escapeXml, escapeXmlAttribute } from './escape-xml.js';
import type { JUnitSuite, JUnitTestCase } from './junit-test-case.js';

/** A whole JUnit XML file: suites of test cases, and properties on the first suite. */
export interface JUnitDocument {
  readonly name: string;
  readonly suites: readonly JUnitSuite[];
  /** Seconds, on the root and on the first suite (the one that stands for the whole run). */
  readonly timeSeconds: number;
  /** ISO 8601; the JUnit XSD wants it without a zone, so anything past the seconds is cut. */
  readonly startedAt?: string;
  readonly properties?: readonly (readonly [name: string, value: string])[];
}

/**
 * Renders JUnit XML in the shape CI servers read (Jenkins, GitLab, GitHub test reporters): counts on
 * every suite and on the root that add up to their cases, every name and text escaped.
 */
export function renderJUnitXml(document: JUnitDocument): string {
  const seconds = document.timeSeconds.toFixed(3);
  const timestamp = document.startedAt
    ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.exec(document.startedAt)?.[0]
    : undefined;
  const all = document.suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttribute(document.name)}" ${counts(all)} time="${seconds}">`,
  ];
  document.suites.forEach((suite, id) => {
    lines.push(
      `  <testsuite name="${escapeXmlAttribute(suite.name)}" id="${id}" ${counts(suite.cases)} time="${id === 0 ? seconds : '0'}"${timestamp ? ` timestamp="${timestamp}"` : ''}>`,
    );
    if (id === 0 && document.properties && document.properties.length > 0) {
      lines.push('    <properties>');
      for (const [name, value] of document.properties) {
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
