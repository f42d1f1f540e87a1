import { MetricStore, RunOutcome } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import {
  type BaselineComparison,
  buildHtmlReport,
  buildSummaryData,
  type SummaryData,
} from '../src/index.js';
import { emptyRunSummary, richRunSummary, SCRIPT_NAME, syntheticTimeline } from './report-fixtures.js';
import { recordRun, runSummary, trend } from './run-summary-fixture.js';

/** The JSON the page embeds in <script type="application/json" id=…>. */
function embedded<T>(html: string, id: string): T {
  const match = new RegExp(`<script type="application/json" id="${id}"[^>]*>([\\s\\S]*?)</script>`).exec(
    html,
  );
  if (!match) throw new Error(`no #${id} in the page`);
  return JSON.parse(match[1]!) as T;
}

interface ChartModel {
  readonly charts: readonly {
    id: string;
    x: number[];
    series: { label: string; values: (number | null)[] }[];
  }[];
}

const rich = buildSummaryData(richRunSummary());
const page = buildHtmlReport(rich, { generatedAt: '2025-01-01T10:05:00.000Z', generator: 'fpt 0.1.0' });

describe('buildHtmlReport', () => {
  it('is one self-contained document: no external script, style, image or font', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).not.toMatch(/<(script|img|link|iframe|source|video|audio)\b[^>]*\s(src|href)=/i);
    expect(page).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import/);
    expect(page).toContain('var uPlot=');
  });

  it('forbids every network load and any script but its own two in its Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(page)?.[1]
      ?.replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp?.match(/'sha256-[A-Za-z0-9+/=]+'/g)).toHaveLength(2);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('escapes request names, tags and preset text everywhere', () => {
    expect(page).not.toContain(SCRIPT_NAME);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    // Only our own four script elements, whatever the data holds.
    expect(page.match(/<script\b/g)).toHaveLength(4);
  });

  it('embeds the summary it was built from, unchanged, with its format', () => {
    expect(page).toContain('<script type="application/json" id="fpt-summary" data-format="fpt-summary/1">');
    expect(embedded<SummaryData>(page, 'fpt-summary')).toEqual(JSON.parse(JSON.stringify(rich)));
  });

  it('puts the verdict first, with the first failed threshold in words', () => {
    const verdict = page.indexOf('id="verdict"');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(page.indexOf('id="key-numbers"'));
    expect(page).toContain('data-verdict="FAILED"');
    expect(page).toContain('3 of 7 thresholds crossed · exit code 99');
    expect(page).toContain('p(99) 1 s ≥ 50 ms on http_req_duration{name:login}');
  });

  it('has every section, in the order of the design brief', () => {
    const order = [
      'verdict',
      'key-numbers',
      'thresholds',
      'charts',
      'latency',
      'requests',
      'errors',
      'checks',
      'web-vitals',
      'iterations',
      'warnings',
      'config',
    ];
    const positions = order.map((id) => page.indexOf(`id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // One region: no Regions section to say there is nothing to compare.
    expect(page).not.toContain('id="regions"');
  });

  it('leads a browser-only run with its Web Vitals, and gives an API-only run no empty Web Vitals section', () => {
    const store = new MetricStore();
    for (const value of [900, 1100, 1300, 2600])
      trend(store, 'browser_web_vital_lcp', {
        name: 'home',
        rating: value > 2500 ? 'needs-improvement' : 'good',
      }).add(value);
    const browser = buildHtmlReport(buildSummaryData(runSummary(store, { thresholds: [] })));
    expect(browser.indexOf('id="web-vitals"')).toBeGreaterThan(0);
    expect(browser.indexOf('id="web-vitals"')).toBeLessThan(browser.indexOf('id="key-numbers"'));
    const api = buildHtmlReport(buildSummaryData(runSummary(recordRun())));
    expect(api).not.toContain('id="web-vitals"');
  });

  it('lists thresholds failing first with observed values, limits and no-data explained', () => {
    const table = page.slice(
      page.indexOf('id="thresholds-table"'),
      page.indexOf('</table>', page.indexOf('id="thresholds-table"')),
    );
    const statuses = [...table.matchAll(/data-status="([a-z-]+)"/g)].map((m) => m[1]);
    expect(statuses).toEqual([
      'failed',
      'failed',
      'no-data',
      'no-data-allowed',
      'passed',
      'passed',
      'passed',
    ]);
    // Observed, limit, then the margin in the metric's unit (a rate's in percentage points) and as a share.
    expect(table).toContain(
      '<td class="num">5.65 %</td><td class="num">&lt; 1.00 %</td><td class="num">−4.65 pp</td><td class="num">−465 %</td>',
    );
    expect(table).toContain(
      '<td class="num">1 s</td><td class="num">&lt; 50 ms</td><td class="num">−950 ms</td><td class="num">−1,900 %</td>',
    );
    expect(table).toContain('no sample matched this key; fails unless allowNoData');
  });

  it('draws throughput, latency, error rate, iterations and the distribution, with threshold limits', () => {
    const model = embedded<ChartModel>(page, 'fpt-charts');
    expect(model.charts.map((c) => c.id)).toEqual([
      'chart-throughput',
      'chart-latency',
      'chart-errors',
      'chart-iterations',
      'chart-distribution',
    ]);
    const latency = model.charts[1]!;
    expect(latency.series.map((s) => s.label)).toEqual([
      'p50',
      'p95',
      'p99',
      'limit p(95) < 500 ms',
      'limit avg < 1 s',
    ]);
    expect(model.charts[2]!.series.map((s) => s.label)).toEqual(['error rate', 'limit rate < 1.00 %']);
    expect(page).toContain('4 thresholds are on a sub-metric or a metric without a timeline');
  });

  it('shows requests busiest first with a totals row', () => {
    const table = page.slice(page.indexOf('id="requests-table"'));
    expect(table.indexOf('>login<')).toBeLessThan(table.indexOf('>home<'));
    expect(table).toContain('<tfoot><tr><td>all requests</td>');
  });

  it('rates Web Vitals per page', () => {
    const table = page.slice(
      page.indexOf('id="web-vitals-table"'),
      page.indexOf('</table>', page.indexOf('id="web-vitals-table"')),
    );
    expect(table).toMatch(
      />checkout<\/td><td><strong>LCP<\/strong><\/td><td class="num">3.3 s<\/td><td><span class="status warn">/,
    );
    expect(table).toContain('needs improvement');
    expect(table).toMatch(/>home<\/td><td><strong>CLS<\/strong><\/td><td class="num">0.03<\/td>/);
  });

  it('shows generation time and tool only when given them', () => {
    expect(page).toContain('Written by fpt 0.1.0 at <time datetime="2025-01-01T10:05:00.000Z" data-local>');
    const bare = buildHtmlReport(rich);
    expect(bare).toContain('Written by FPT.');
    expect(bare).not.toContain('name="generator"');
  });

  it('builds the same page from the same summary', () => {
    expect(buildHtmlReport(rich, { generatedAt: '2025-01-01T10:05:00.000Z', generator: 'fpt 0.1.0' })).toBe(
      page,
    );
  });
});

describe('buildHtmlReport with long or wide runs', () => {
  it('caps each chart at the point limit and keeps a one-interval spike', () => {
    const long = buildSummaryData(richRunSummary(20_000, 12_345));
    const html = buildHtmlReport(long);
    const model = embedded<ChartModel>(html, 'fpt-charts');
    const latency = model.charts.find((c) => c.id === 'chart-latency')!;
    expect(latency.x.length).toBeLessThanOrEqual(2000);
    const p95 = latency.series.find((s) => s.label === 'p95')!.values;
    expect(Math.max(...p95.filter((v): v is number => v !== null))).toBeGreaterThan(1800);
    expect(html).toContain('The run has 20,000 per-interval points; the charts show 2,000');
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('shows the top request names and collapses the rest behind a search', () => {
    const data = buildSummaryData(runSummary(recordRun()));
    const requests = Array.from({ length: 260 }, (_, i) => ({
      ...data.fpt.requests[0]!,
      name: `url-${i}`,
      count: 1000 - i,
    }));
    const wide: SummaryData = { ...data, fpt: { ...data.fpt, requests } };
    const html = buildHtmlReport(wide, { topRequests: 50 });
    const main = html.slice(
      html.indexOf('id="requests-table"'),
      html.indexOf('</table>', html.indexOf('id="requests-table"')),
    );
    expect(main.match(/<tr class/g)).toHaveLength(50);
    expect(html).toContain('210 more request names');
    expect(html).toContain('Too many distinct request names (260)');
    expect(html).toContain('data-filter-table="requests-more-table"');
  });
});

describe('buildHtmlReport with thin data', () => {
  it('writes a report for a run with no samples, no timeline and a 0 s duration', () => {
    const html = buildHtmlReport(buildSummaryData(emptyRunSummary()));
    expect(html).toContain('data-verdict="FAILED"');
    expect(html).toContain('no data on http_req_duration');
    expect(html).toContain('Not enough data to chart: no per-interval point was recorded. The run lasted 0s');
    expect(html).toContain('No HTTP request was made in this run.');
    expect(html).toContain('No checks ran in this run.');
    expect(html).toContain('Not enough data: no request finished during the run.');
    expect(embedded<ChartModel>(html, 'fpt-charts').charts).toEqual([]);
  });

  it('explains a single point instead of drawing a one-point chart', () => {
    const html = buildHtmlReport(
      buildSummaryData(emptyRunSummary({ timeline: syntheticTimeline(1, -1), durationMs: 800 })),
    );
    expect(html).toContain('one per-interval point only (a chart needs two). The run lasted 800ms');
  });

  it('says COMPLETED, not PASSED, for a run without thresholds', () => {
    const html = buildHtmlReport(
      buildSummaryData(emptyRunSummary({ thresholds: [], outcome: RunOutcome.passed, exitCode: 0 })),
    );
    expect(html).toContain('data-verdict="COMPLETED"');
    expect(html).toContain('no thresholds defined, so nothing was judged');
  });

  it('marks an interrupted run as stopped with partial data', () => {
    const html = buildHtmlReport(
      buildSummaryData(
        runSummary(recordRun(), { outcome: RunOutcome.interrupted, exitCode: 105, abortReason: 'SIGINT' }),
      ),
    );
    expect(html).toContain('data-verdict="STOPPED"');
    expect(html).toMatch(/stopped by SIGINT: partial results[^<]* · exit code 105/);
    expect(html).toContain('Partial data: the run stopped early (SIGINT).');
  });
});

describe('buildHtmlReport with a baseline comparison', () => {
  const baseline: BaselineComparison = {
    label: 'run #123 on main',
    verdict: 'regression',
    summary: 'p95 +18 % (regression), errors +0.4 pp',
    warnings: ['the baseline ran another preset version'],
    metrics: [
      {
        key: 'http_req_duration:p(95)',
        label: 'p95 latency',
        unit: 'ms',
        baseline: 177,
        current: 209,
        better: 'lower',
        verdict: 'regression',
      },
      {
        key: 'http_reqs:rate',
        label: 'requests/s',
        unit: 'per-second',
        baseline: 5,
        current: 5.75,
        better: 'higher',
        verdict: 'improvement',
      },
      {
        key: 'http_req_failed:rate',
        label: 'error rate',
        unit: 'share',
        baseline: 0.0395,
        current: 0.0435,
        better: 'lower',
        verdict: 'unchanged',
      },
    ],
    requests: [
      {
        name: '<b>login</b>',
        baselineP95Ms: 80,
        currentP95Ms: 100,
        baselineErrorRate: 0.01,
        currentErrorRate: 0.05,
        verdict: 'regression',
      },
    ],
    regions: [
      {
        name: 'eu-near',
        baselineP95Ms: 90,
        currentP95Ms: null,
        baselineErrorRate: 0,
        currentErrorRate: null,
        verdict: 'removed',
      },
    ],
    timeline: syntheticTimeline(280, 40),
  };
  const html = buildHtmlReport(rich, { baseline });

  const passing = buildSummaryData(runSummary(recordRun(), { outcome: RunOutcome.passed, exitCode: 0 }));

  it('heads REGRESSION with exit code 90 when the thresholds held but the baseline regressed', () => {
    const regressed = buildHtmlReport(passing, { baseline });
    expect(regressed).toContain('data-verdict="REGRESSION"');
    expect(regressed).not.toContain('data-verdict="PASSED"');
    expect(regressed).toMatch(
      /but worse than the baseline run #123 on main beyond its tolerances · exit code 90/,
    );
    expect(regressed).toContain('<p class="vb-headline">p95 +18 % (regression), errors +0.4 pp</p>');
  });

  it('keeps PASSED when the baseline did not regress, and FAILED (exit 99) over a regression', () => {
    const unchanged = buildHtmlReport(passing, {
      baseline: { ...baseline, verdict: 'no-significant-change' },
    });
    expect(unchanged).toContain('data-verdict="PASSED"');
    expect(unchanged).toContain('· exit code 0');
    expect(rich.fpt.exitCode).toBe(99);
    expect(html).toContain('data-verdict="FAILED"');
    expect(html).toMatch(/also a regression against the baseline · exit code 99/);
  });

  it('adds the baseline line and comparability warnings to the verdict block', () => {
    expect(html).toContain(
      'vs baseline run #123 on main: <strong>REGRESSION</strong> — p95 +18 % (regression), errors +0.4 pp',
    );
    expect(html).toContain('⚠ Comparability: the baseline ran another preset version');
  });

  it('puts a Δ coloured by meaning on the matching tiles', () => {
    expect(html).toContain('<span class="delta bad" title="vs baseline">▲ +18 %</span>');
    expect(html).toContain('<span class="delta good" title="vs baseline">▲ +15 %</span>');
    expect(html).toContain('<span class="delta neutral" title="vs baseline">▲ +0.4 pp</span>');
  });

  it('has a comparison section and dashed baseline series on the charts', () => {
    expect(html).toContain('id="baseline"');
    expect(html).toContain('&lt;b&gt;login&lt;/b&gt;');
    expect(html).toMatch(
      /id="baseline-regions-table".*<td class="name">eu-near<\/td><td class="num">90 ms<\/td><td class="num">–<\/td>.*removed/s,
    );
    const model = embedded<ChartModel>(html, 'fpt-charts');
    expect(model.charts[1]!.series.map((s) => s.label)).toContain('p95, baseline');
    expect(model.charts[0]!.series.map((s) => s.label)).toContain('requests/s, baseline');
  });

  it('leaves all of that out without a baseline', () => {
    expect(page).not.toContain('id="baseline"');
    expect(page).not.toContain('class="delta');
    expect(page).not.toContain(', baseline');
  });
});
