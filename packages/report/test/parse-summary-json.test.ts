import { describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData, parseSummaryJson, SummaryInputError } from '../src/index.js';
import { recordRun, runSummary } from './run-summary-fixture.js';

const data = buildSummaryData(runSummary(recordRun()));
const text = JSON.stringify(data, null, 2);

function refusal(input: string): SummaryInputError {
  try {
    parseSummaryJson(input);
  } catch (error) {
    if (error instanceof SummaryInputError) return error;
    throw error;
  }
  throw new Error('parseSummaryJson accepted it');
}

describe('parseSummaryJson', () => {
  it('reads back what buildSummaryData wrote', () => {
    expect(parseSummaryJson(text)).toEqual(data);
  });

  it('reads a summary written before the report fields existed, as a report without those rows', () => {
    const {
      requests: _r,
      errors: _e,
      regions: _g,
      iterationDurations: _i,
      webVitals: _w,
      ...older
    } = data.fpt;
    const parsed = parseSummaryJson(JSON.stringify({ ...data, fpt: older }));
    expect(parsed.fpt.requests).toEqual([]);
    expect(parsed.fpt.webVitals).toEqual([]);
    expect(buildHtmlReport(parsed)).toContain('data-verdict="FAILED"');
  });

  it('refuses text that is not JSON', () => {
    const error = refusal('{"fpt": ');
    expect(error.message).toMatch(/^not JSON: /);
    expect(error.hint).toContain('--summary-export');
  });

  it("refuses a k6 summary without FPT's field, saying so", () => {
    const { fpt: _fpt, ...k6 } = data;
    expect(refusal(JSON.stringify(k6)).message).toBe("a k6 summary without FPT's `fpt` field");
  });

  it('refuses another format version with a hint about versions', () => {
    const error = refusal(JSON.stringify({ ...data, fpt: { ...data.fpt, format: 'fpt-summary/2' } }));
    expect(error.message).toBe('unsupported summary format "fpt-summary/2"; this FPT reads fpt-summary/1');
    expect(error.hint).toContain('another FPT version');
  });

  it('lists every field the report cannot use, with where it is', () => {
    const broken = JSON.parse(text);
    broken.fpt.thresholds[1].ok = 'yes';
    delete broken.fpt.timeline;
    broken.fpt.requests[0].count = '115';
    broken.state = null;
    const error = refusal(JSON.stringify(broken));
    expect(error.message).toBe('the summary is missing what the report needs (4 problems)');
    expect(error.problems).toEqual([
      'state.testRunDurationMs: expected a number',
      'fpt.thresholds[1].ok: expected true or false',
      'fpt.timeline: expected an array',
      'fpt.requests[0].count: expected a number',
    ]);
  });
});
