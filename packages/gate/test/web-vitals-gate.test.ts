import { describe, expect, it } from 'vitest';
import {
  buildBaseline,
  compareWithBaseline,
  type GateVerdict,
  parseBaseline,
  renderVerdictJUnit,
  renderVerdictMarkdown,
  renderVerdictText,
  resolveTolerances,
  toBaselineComparison,
} from '../src/index.js';
import { type RecordedVital, summaryOf, times } from './summary-fixture.js';

const savedAt = new Date('2025-01-02T08:00:00Z');

/** A browser-only run: two pages, LCP and CLS each (tolerances: p95 +10 %, floor 5 ms). */
const journey = (lcpHomeMs: number, clsCheckout: number, extra: RecordedVital[] = []) =>
  summaryOf([], {
    vitals: [
      { page: 'home', vital: 'lcp', values: times(40, lcpHomeMs) },
      { page: 'home', vital: 'cls', values: times(40, 0.02) },
      { page: 'checkout', vital: 'lcp', values: times(40, 900) },
      { page: 'checkout', vital: 'cls', values: times(40, clsCheckout) },
      ...extra,
    ],
  });

const baseline = buildBaseline(journey(1200, 0.05), savedAt).baseline;

function gate(data = journey(1200, 0.05)): GateVerdict {
  return compareWithBaseline(data, baseline, resolveTolerances(data));
}

const vital = (verdict: GateVerdict, page: string, name: string) =>
  verdict.webVitals.find((v) => v.page === page && v.vital === name)!;

describe('gating browser journeys on Web Vitals', () => {
  it('saves a baseline from a run without HTTP requests, with each page’s p75, and reads it back', () => {
    expect(baseline.overall.count).toBe(0);
    expect(baseline.webVitals).toEqual([
      { page: 'checkout', vital: 'lcp', count: 40, p75: expect.closeTo(900, 0) },
      { page: 'checkout', vital: 'cls', count: 40, p75: expect.closeTo(0.05, 3) },
      { page: 'home', vital: 'lcp', count: 40, p75: expect.closeTo(1200, 0) },
      { page: 'home', vital: 'cls', count: 40, p75: expect.closeTo(0.02, 3) },
    ]);
    expect(parseBaseline(JSON.stringify(baseline)).webVitals).toEqual(baseline.webVitals);
    expect(() =>
      parseBaseline(JSON.stringify({ ...baseline, webVitals: [{ page: 'x', vital: 'lcp' }] })),
    ).toThrow(/baseline is missing what the gate needs/);
  });

  it('passes the same journey, every vital unchanged', () => {
    const verdict = gate();
    expect(verdict.status).toBe('pass');
    expect(verdict.webVitals.map((v) => v.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(verdict.overall.status).toBe('no-data');
  });

  it('fails on a slower LCP beyond the tolerance, naming the page, and not on one within it', () => {
    const slower = gate(journey(1500, 0.05));
    expect(slower.status).toBe('regression');
    expect(slower.counts.regressions).toBe(1);
    expect(vital(slower, 'home', 'lcp').status).toBe('regression');
    expect(vital(slower, 'home', 'lcp').reason).toMatch(
      /^LCP p75 1\.2\d* s → 1\.5\d* s \(\+25(\.\d+)? %.*more than the 10 % allowed$/,
    );
    expect(gate(journey(1300, 0.05)).status).toBe('pass');
  });

  it('judges CLS with its own floor: +0.005 never counts, +0.03 on 0.05 regresses', () => {
    expect(vital(gate(journey(1200, 0.055)), 'checkout', 'cls')).toMatchObject({ status: 'unchanged' });
    expect(vital(gate(journey(1200, 0.055)), 'checkout', 'cls').judgement?.withinFloor).toBe(true);
    const shifted = gate(journey(1200, 0.08));
    expect(vital(shifted, 'checkout', 'cls').status).toBe('regression');
    expect(vital(shifted, 'checkout', 'cls').reason).toMatch(/^CLS p75 0\.05 → 0\.08/);
  });

  it('reports a faster page as an improvement and a new vital as added, without failing', () => {
    const verdict = gate(journey(900, 0.05, [{ page: 'home', vital: 'inp', values: times(10, 80) }]));
    expect(verdict.status).toBe('pass');
    expect(vital(verdict, 'home', 'lcp').status).toBe('improvement');
    expect(vital(verdict, 'home', 'inp').status).toBe('added');
    expect(verdict.counts).toMatchObject({ improvements: 1, added: 1, regressions: 0 });
  });

  it('shows the pages in every format: text and Markdown tables, JUnit cases', () => {
    const verdict = gate(journey(1500, 0.05));
    const text = renderVerdictText(verdict);
    expect(text).toMatch(/page\s+vital\s+p75 baseline\s+p75 run\s+Δ p75\s+verdict/);
    expect(text).toMatch(/home\s+LCP\s+1\.2\d* s\s+1\.5\d* s\s+\+25 % \(\+300 ms\)\s+REGRESSION/);
    expect(text).toContain('Web Vitals p75 +10 % (floor 5 ms, CLS 0.01)');
    expect(text).toContain('✗ page home: LCP p75');
    const markdown = renderVerdictMarkdown(verdict);
    expect(markdown).toContain('| page | vital | p75 baseline | p75 run | Δ p75 | verdict |');
    expect(markdown).toContain('- ❌ **page home**: LCP p75');
    const junit = renderVerdictJUnit(verdict);
    expect(junit).toMatch(/<testcase classname="fpt\.gate\.webVital" name="page home LCP"[^>]*>\s*<failure/);
    expect(junit.match(/classname="fpt\.gate\.webVital"/g)).toHaveLength(4);
  });

  it('gives the HTML report a judged row per page and vital, and names the failing page in its summary', () => {
    const comparison = toBaselineComparison(gate(journey(1500, 0.05)), baseline);
    expect(comparison.verdict).toBe('regression');
    expect(comparison.summary).toMatch(/^1 regression, 0 improvements; page home: LCP p75/);
    const lcp = comparison.metrics.find((m) => m.key === 'browser_web_vital_lcp:p(75){page:home}')!;
    expect(lcp).toMatchObject({
      label: 'LCP p75 · home',
      unit: 'ms',
      better: 'lower',
      verdict: 'regression',
    });
    expect(
      comparison.metrics.find((m) => m.key === 'browser_web_vital_cls:p(75){page:checkout}'),
    ).toMatchObject({
      unit: 'count',
      verdict: 'unchanged',
    });
  });

  it('judges pages with their own tolerance when the preset or an option gives one', () => {
    // +25 % on LCP: a regression at the p95 tolerance (10 %), within a Web Vitals tolerance of 30 %.
    const data = journey(1500, 0.05);
    const loose = compareWithBaseline(data, baseline, resolveTolerances(data, { webVitalIncreasePct: 30 }));
    expect(loose.status).toBe('pass');
    expect(vital(loose, 'home', 'lcp').reason).toMatch(/within 30 %$/);
    expect(renderVerdictText(loose)).toContain('Web Vitals p75 +30 % [option]');
    const fromPreset = summaryOf([], {
      tolerances: { p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 5, webVitalIncreasePct: 30 },
      vitals: [{ page: 'home', vital: 'lcp', values: times(40, 1500) }],
    });
    expect(compareWithBaseline(fromPreset, baseline, resolveTolerances(fromPreset)).status).toBe('pass');
  });

  it('still refuses a run that measured nothing at all', () => {
    expect(() => gate(summaryOf([]))).toThrow(/no HTTP request and measured no Web Vital/);
    expect(() => buildBaseline(summaryOf([]), savedAt)).toThrow(/no HTTP request and measured no Web Vital/);
  });
});
