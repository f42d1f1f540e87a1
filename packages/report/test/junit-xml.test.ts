import { RunOutcome } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { buildJUnitXml, buildSummaryData } from '../src/index.js';
import { findAll, parseXml, type XmlElement } from './parse-xml.js';
import { emptyRunSummary } from './report-fixtures.js';
import { recordRun, runSummary } from './run-summary-fixture.js';

const counts = (e: XmlElement) =>
  ['tests', 'failures', 'errors', 'skipped'].map((k) => Number(e.attributes[k]));

/** Counts recomputed from the test cases themselves. */
function actualCounts(e: XmlElement): number[] {
  const cases = findAll(e, 'testcase');
  const has = (name: string) => cases.filter((c) => c.children.some((child) => child.name === name)).length;
  return [cases.length, has('failure'), has('error'), has('skipped')];
}

describe('buildJUnitXml', () => {
  const xml = buildJUnitXml(buildSummaryData(runSummary(recordRun())));
  const root = parseXml(xml);
  const suites = findAll(root, 'testsuite');
  const suite = (name: string) => suites.find((s) => s.attributes['name'] === name)!;

  it('is well-formed XML with a testsuites root and suites for the run, thresholds and checks', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attributes['name']).toBe('fpt checkout-api');
    expect(root.attributes['time']).toBe('20.000');
    expect(suites.map((s) => s.attributes['name'])).toEqual(['fpt.run', 'fpt.thresholds', 'fpt.checks']);
    expect(suite('fpt.run').attributes['timestamp']).toBe('2025-01-01T10:00:00');
  });

  it('has counts that match its test cases, on every suite and on the root', () => {
    for (const element of [root, ...suites]) expect(counts(element)).toEqual(actualCounts(element));
    expect(counts(suite('fpt.thresholds'))).toEqual([7, 3, 0, 1]);
    expect(counts(suite('fpt.checks'))).toEqual([2, 2, 0, 0]);
    expect(counts(root)).toEqual([10, 5, 0, 1]);
  });

  it('has one case per threshold, failing with the observed value when crossed', () => {
    const cases = findAll(suite('fpt.thresholds'), 'testcase');
    expect(cases.map((c) => c.attributes['name'])).toEqual([
      'http_req_duration: p(95)<500',
      'http_req_duration: avg<1000',
      'http_req_duration{name:login}: p(99)<50',
      'http_req_duration{name:missing}: p(95)<500',
      'http_req_failed: rate<0.01',
      'checks: rate>0.9',
      'http_req_connecting: p(95)<100',
    ]);
    const login = cases[2]!.children.find((c) => c.name === 'failure')!;
    expect(login.attributes).toEqual({
      type: 'threshold-crossed',
      message: 'p(99) 1 s ≥ 50 ms on http_req_duration{name:login}',
    });
    expect(login.text).toContain('observed:  1 s');
    const failed = cases[4]!.children.find((c) => c.name === 'failure')!;
    expect(failed.attributes['message']).toBe('rate 4.35 % ≥ 1.00 % on http_req_failed');
    expect(cases[0]!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(cases[0]!.attributes['classname']).toBe('fpt.thresholds.http_req_duration');
  });

  it('explains a threshold without data, and skips one that allows it', () => {
    const cases = findAll(suite('fpt.thresholds'), 'testcase');
    const missing = cases[3]!.children.find((c) => c.name === 'failure')!;
    expect(missing.attributes['type']).toBe('no-data');
    expect(missing.attributes['message']).toContain('no data on http_req_duration{name:missing}');
    expect(missing.text).toContain('No sample matched http_req_duration{name:missing} during the run');
    expect(cases[6]!.children[0]).toMatchObject({
      name: 'skipped',
      attributes: { message: 'no data on http_req_connecting (allowed by allowNoData)' },
    });
  });

  it('has one case per failed check group, check name × request', () => {
    const cases = findAll(suite('fpt.checks'), 'testcase');
    // "status is 200" on home never failed, so it has no case.
    expect(cases.map((c) => c.attributes['name'])).toEqual(['status is 200 (login)', 'body ok (login)']);
    expect(cases[0]!.children[0]!.attributes['message']).toBe('5 of 105 failed (95.2 % passed)');
    const failure = cases[1]!.children[0]!;
    expect(failure.attributes['message']).toBe('5 of 10 failed (50.0 % passed)');
    expect(failure.text).toBe('check "body ok" on request "login"\napi: 5 passed, 5 failed');
  });

  it('keeps the run facts as properties', () => {
    const properties = Object.fromEntries(
      findAll(root, 'property').map((p) => [p.attributes['name'], p.attributes['value']]),
    );
    expect(properties).toMatchObject({
      preset: 'checkout-api',
      region: 'eu-west',
      outcome: 'thresholds-failed',
      exitCode: '99',
      'tag.env': 'staging',
    });
  });
});

describe('buildJUnitXml escaping', () => {
  it('escapes markup, quotes and control characters in every name', () => {
    const hostile = '<script>alert("x")</script> & \'friends\'\u0001';
    const summary = runSummary(recordRun(), {
      preset: { name: hostile, files: [] },
      tags: { 'a"b': '<&>' },
      checks: [{ name: hostile, scenario: 's', request: ']]></x>', passes: 1, fails: 2 }],
    });
    const xml = buildJUnitXml(buildSummaryData(summary));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    const root = parseXml(xml);
    const check = findAll(root, 'testcase').find((c) => c.attributes['classname']?.startsWith('fpt.checks'))!;
    expect(check.attributes['name']).toBe('<script>alert("x")</script> & \'friends\'\ufffd (]]></x>)');
    expect(root.attributes['name']).toBe('fpt <script>alert("x")</script> & \'friends\'\ufffd');
    const tag = findAll(root, 'property').find((p) => p.attributes['name'] === 'tag.a"b');
    expect(tag?.attributes['value']).toBe('<&>');
  });
});

describe('buildJUnitXml for thin or stopped runs', () => {
  it('writes a valid file for a run with no samples', () => {
    const root = parseXml(buildJUnitXml(buildSummaryData(emptyRunSummary())));
    expect(counts(root)).toEqual([2, 1, 0, 0]);
    expect(counts(root)).toEqual(actualCounts(root));
  });

  it('is never empty: a run without thresholds or checks still has its run case', () => {
    const root = parseXml(
      buildJUnitXml(
        buildSummaryData(emptyRunSummary({ thresholds: [], outcome: RunOutcome.passed, exitCode: 0 })),
      ),
    );
    expect(counts(root)).toEqual([1, 0, 0, 0]);
    expect(findAll(root, 'testsuite').map((s) => s.attributes['tests'])).toEqual(['1', '0', '0']);
  });

  it('reports an interrupted run as an error, not a failure of the system under test', () => {
    const root = parseXml(
      buildJUnitXml(
        buildSummaryData(
          runSummary(recordRun(), { outcome: RunOutcome.interrupted, exitCode: 105, abortReason: 'SIGTERM' }),
        ),
      ),
    );
    const run = findAll(root, 'testcase')[0]!;
    expect(run.children[0]).toMatchObject({
      name: 'error',
      attributes: { type: 'interrupted', message: 'stopped by SIGTERM before the end: partial results' },
    });
    expect(counts(root)[2]).toBe(1);
  });
});
