import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CounterSink, MetricStore, RunSummary, Tags, TrendSink } from '@fpt/metrics';
import { expectedShiftCls } from '@fpt/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests, useArtifactsDir, useSharedBrowser } from './browser-fixtures.js';
import { count, rate, run, tagValues, trend, useDemoTarget } from './engine-fixtures.js';

// One file for every test that drives Chromium: they share one browser launch, and the suite never runs
// two browsers at once beside the timing-sensitive executor tests on a small machine.
const chromium = chromiumForTests('browser-scenarios.test.ts');
useSharedBrowser(chromium !== undefined);
const demo = useDemoTarget();
const artifacts = useArtifactsDir();

const lcpDelayMs = 500;
// A multiple of 8: Event Timing rounds durations to 8 ms, so INP >= this exactly.
const blockMs = 240;
const viewport = { width: 1280, height: 800 };

/** Every series of a metric for one page name must hold between min and max (inclusive). */
function vitalRange(
  store: MetricStore,
  metric: string,
  filter: Tags,
): { min: number; max: number; n: number } {
  const sink = trend(store, metric, filter);
  expect(sink, `${metric} ${JSON.stringify(filter)}`).toBeDefined();
  return { min: sink!.min, max: sink!.max, n: sink!.count };
}

// One run through the demo target's pages with known Web Vitals, in real headless Chromium; the assertions
// below read its summary. A goto to the next page is what flushes the previous page's LCP and CLS, and the
// end of the iteration flushes the last one.
describe.skipIf(!chromium)('browser Web Vitals against pages with known behaviour', () => {
  let summary: RunSummary;
  let store: MetricStore;

  beforeAll(async () => {
    ({ summary, store } = await run(
      demo.url,
      `scenarios:
  pages:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    maxDuration: 1m
    tags: { area: shop }
    browser:
      viewport: { width: ${viewport.width}, height: ${viewport.height} }
      steps:
        - goto: /pages/slow-lcp?ms=${lcpDelayMs}
          name: slow-lcp
        - waitFor: { selector: "#hero" }
        - goto: /pages/shift
        - waitFor: { selector: "#banner" }
        - goto: /pages/slow-click?ms=${blockMs}
        - click: "#slow"
        - expect: { text: Done }
        - goto: /pages/no-lcp
        - goto: /pages/error
thresholds:
  "browser_web_vital_lcp{url:/pages/slow-lcp}": ["p(75)>=${lcpDelayMs}", "p(75)<100"]
  "browser_web_vital_cls{url:/pages/shift}": ["max<0.2"]
  browser_web_vital_inp: ["p(75)<200"]
  browser_web_vital_lcp: ["p(75)<5000"]
`,
      { workers: 1, tags: { team: 'web' } },
    ));
  }, 60_000);

  it('runs the journey to its end with every step a passed check', () => {
    expect(summary.scenarios[0]).toMatchObject({ completedIterations: 1, interruptedIterations: 0 });
    expect(summary.checks.length).toBe(9);
    for (const check of summary.checks) expect(check, check.name).toMatchObject({ passes: 1, fails: 0 });
    expect(summary.checks.find((c) => c.name === 'slow-lcp')?.request).toBe('slow-lcp');
    expect(summary.checks.find((c) => c.name === 'click #slow')?.request).toBe('/pages/slow-click');
  });

  it('LCP is at least the hero delay, and within 1000 ms of it', () => {
    const lcp = vitalRange(store, 'browser_web_vital_lcp', { name: 'slow-lcp' });
    expect(lcp.n).toBe(1);
    expect(lcp.min).toBeGreaterThanOrEqual(lcpDelayMs);
    expect(lcp.max).toBeLessThanOrEqual(lcpDelayMs + 1000);
  });

  it('CLS equals the designed shift (0.1171875 at 1280×800) within 0.01', () => {
    const expected = expectedShiftCls(viewport);
    expect(expected).toBeCloseTo(0.1171875, 7);
    const cls = vitalRange(store, 'browser_web_vital_cls', { name: '/pages/shift' });
    expect(Math.abs(cls.min - expected)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(cls.max - expected)).toBeLessThanOrEqual(0.01);
    // 0.1 < CLS <= 0.25 is Google's "needs improvement".
    expect(tagValues(store, 'browser_web_vital_cls', 'rating')).toContain('needs-improvement');
  });

  it('INP is at least the blocking time of the click handler, and only where the journey interacted', () => {
    const inp = vitalRange(store, 'browser_web_vital_inp', { name: '/pages/slow-click' });
    expect(inp.min).toBeGreaterThanOrEqual(blockMs);
    expect(tagValues(store, 'browser_web_vital_inp', 'name')).toEqual(['/pages/slow-click']);
    expect(count(store, 'browser_web_vital_not_observed', { vital: 'inp' })).toBe(0);
  });

  it('puts the LCP, CLS and INP the pages reported into the timeline, in the seconds they arrived', () => {
    const lcp = trend(store, 'browser_web_vital_lcp')!;
    const lcpSeconds = summary.timeline.flatMap((p) => (p.lcpP75Ms === undefined ? [] : [p.lcpP75Ms]));
    expect(lcpSeconds.length).toBeGreaterThan(0);
    for (const value of lcpSeconds) {
      expect(value).toBeGreaterThanOrEqual(lcp.min);
      expect(value).toBeLessThanOrEqual(lcp.max * 1.001);
    }
    expect(summary.timeline.some((p) => p.clsP75 !== undefined)).toBe(true);
    const inp = summary.timeline.flatMap((p) => (p.inpP75Ms === undefined ? [] : [p.inpP75Ms]));
    expect(inp.length).toBeGreaterThan(0);
    expect(Math.max(...inp)).toBeGreaterThanOrEqual(blockMs);
  });

  it('FCP and TTFB are present for every page that paints; TTFB even for the one that does not', () => {
    for (const name of ['slow-lcp', '/pages/shift', '/pages/slow-click', '/pages/error']) {
      expect(vitalRange(store, 'browser_web_vital_fcp', { name }).min).toBeGreaterThan(0);
      expect(vitalRange(store, 'browser_web_vital_ttfb', { name }).min).toBeGreaterThan(0);
    }
    expect(vitalRange(store, 'browser_web_vital_ttfb', { name: '/pages/no-lcp' }).n).toBe(1);
  });

  it('a page without an LCP candidate reports LCP as not observed, never as zero', () => {
    expect(trend(store, 'browser_web_vital_lcp', { name: '/pages/no-lcp' })).toBeUndefined();
    expect(count(store, 'browser_web_vital_not_observed', { name: '/pages/no-lcp', vital: 'lcp' })).toBe(1);
    // Nothing is painted at all, so FCP and CLS (which waits for FCP) are missing too.
    expect(count(store, 'browser_web_vital_not_observed', { name: '/pages/no-lcp', vital: 'fcp' })).toBe(1);
    expect(count(store, 'browser_web_vital_not_observed', { name: '/pages/no-lcp', vital: 'cls' })).toBe(1);
    // Every other page produced all of its vitals.
    expect(count(store, 'browser_web_vital_not_observed')).toBe(3);
    expect(summary.metrics.definitions.map((d) => d.name)).toContain('browser_web_vital_not_observed');
  });

  it('tags vitals with page name, path without query, rating, scenario and the test-wide and scenario tags', () => {
    const series = [...store.series('browser_web_vital_lcp')].find((s) => s.tagSet.tags.name === 'slow-lcp');
    expect(series?.tagSet.tags).toEqual({
      team: 'web',
      area: 'shop',
      scenario: 'pages',
      name: 'slow-lcp',
      url: '/pages/slow-lcp',
      rating: 'good',
    });
    expect(tagValues(store, 'browser_web_vital_ttfb', 'url')).toEqual([
      '/pages/error',
      '/pages/no-lcp',
      '/pages/shift',
      '/pages/slow-click',
      '/pages/slow-lcp',
    ]);
  });

  it('records the browser requests per page, the 500 page as failed', () => {
    expect(rate(store, 'browser_http_req_failed', { name: '/pages/error', status: '500' })?.passes).toBe(1);
    expect(rate(store, 'browser_http_req_failed')?.passes).toBe(1);
    expect(rate(store, 'browser_http_req_failed')?.total).toBe(5);
    const duration = trend(store, 'browser_http_req_duration', { method: 'GET', status: '200' }) as TrendSink;
    expect(duration.count).toBe(4);
    expect(duration.min).toBeGreaterThan(0);
    expect(tagValues(store, 'browser_http_req_duration', 'name')).toEqual([
      '/pages/error',
      '/pages/no-lcp',
      '/pages/shift',
      '/pages/slow-click',
      'slow-lcp',
    ]);
    // Each page is one HTML document of 1-4 KB plus headers; requests carry at least a request line.
    const received = (store.aggregate('browser_data_received') as CounterSink).count;
    expect(received).toBeGreaterThan(5 * 1000);
    expect(count(store, 'browser_data_sent')).toBeGreaterThan(5 * 100);
    expect(count(store, 'browser_data_received', { name: 'slow-lcp' })).toBeGreaterThan(1000);
  });

  it('evaluates thresholds on vitals: good ones pass, crossed ones fail the run', () => {
    const outcome = (metric: string, expression: string) =>
      summary.thresholds.find((t) => t.metric === metric && t.expression === expression);
    expect(outcome('browser_web_vital_lcp{url:/pages/slow-lcp}', `p(75)>=${lcpDelayMs}`)?.ok).toBe(true);
    expect(outcome('browser_web_vital_lcp{url:/pages/slow-lcp}', 'p(75)<100')?.ok).toBe(false);
    expect(outcome('browser_web_vital_cls{url:/pages/shift}', 'max<0.2')?.ok).toBe(true);
    expect(outcome('browser_web_vital_inp', 'p(75)<200')?.ok).toBe(false);
    expect(outcome('browser_web_vital_lcp', 'p(75)<5000')?.ok).toBe(true);
    expect(summary.outcome).toBe('thresholds-failed');
    expect(summary.exitCode).toBe(99);
  });
});

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A loopback port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe.skipIf(!chromium)('browser journeys: steps, checks, screenshots, stopping', () => {
  it('a failed expectation is a failed check with a screenshot; the iteration ends, the VU goes on', async () => {
    const artifactsDir = join(artifacts.path, 'failed-expectation');
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  shop:
    executor: per-vu-iterations
    vus: 1
    iterations: 2
    maxDuration: 1m
    browser:
      webVitals: [lcp, inp]
      steps:
        - goto: /pages/home
          name: home
        - fill: { selector: "#email", value: "u{{__VU}}-{{__ITER}}@example.test" }
        - press: { selector: "#email", key: Enter }
        - expect: { text: "email=u{{__VU}}-{{__ITER}}@example.test" }
        - expect: { selector: "#result", text: "Paid" }
          timeout: 500ms
        - click: "#buy"
`,
      { workers: 1, artifactsDir },
    );
    expect(summary.scenarios[0]).toMatchObject({ completedIterations: 2, interruptedIterations: 0 });
    const check = (name: string) => summary.checks.find((c) => c.name === name);
    // Rendered per iteration: __ITER 0 then 1, both typed, submitted and echoed back by the page.
    expect(check('fill #email')).toMatchObject({ passes: 2, fails: 0, request: 'home' });
    expect(check('expect text "email=u{{__VU}}-{{__ITER}}@example.test"')).toMatchObject({
      passes: 2,
      fails: 0,
    });
    // After the form submit the page is /pages/home?..., not the goto's URL: it goes by its path.
    expect(check('expect selector #result text "Paid"')).toMatchObject({
      passes: 0,
      fails: 2,
      scenario: 'shop',
      request: '/pages/home',
    });
    // The step after the failure depends on it and never ran.
    expect(check('click #buy')).toBeUndefined();
    expect(rate(store, 'checks', { check: 'expect selector #result text "Paid"' })?.fails).toBe(2);

    const shots = readdirSync(join(artifactsDir, 'screenshots')).sort();
    expect(shots).toEqual(['shop-vu1-iter0-step5.png', 'shop-vu1-iter1-step5.png']);
    const png = readFileSync(join(artifactsDir, 'screenshots', shots[0]!));
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(png.length).toBeGreaterThan(1000);
    expect(summary.warnings.filter((w) => w.includes('step 5'))).toHaveLength(1);
    expect(summary.warnings.find((w) => w.includes('step 5'))).toContain('shop-vu1-iter0-step5.png');

    // Only the configured vitals: LCP for both documents of each iteration, no FCP, CLS or TTFB at all. A
    // document left before Chromium reported its LCP (the Enter comes fast) counts as not observed, never
    // silently dropped.
    const lcp = trend(store, 'browser_web_vital_lcp')?.count ?? 0;
    const lcpMissing = count(store, 'browser_web_vital_not_observed', { vital: 'lcp' });
    expect(lcp + lcpMissing, `${lcp} LCP samples, ${lcpMissing} not observed`).toBe(4);
    expect(lcp).toBeGreaterThanOrEqual(2);
    expect(tagValues(store, 'browser_web_vital_lcp', 'name')).toEqual(['/pages/home', 'home']);
    for (const vital of ['fcp', 'cls', 'ttfb']) {
      expect([...store.series(`browser_web_vital_${vital}`)]).toEqual([]);
    }
    // The Enter that submitted the form was an interaction. Its page is left at once: INP is recorded when
    // Event Timing reported it before the unload, else counted as not observed, never silently dropped.
    // The result page had no interaction, so no INP is expected there.
    const inpHome = trend(store, 'browser_web_vital_inp', { name: 'home' })?.count ?? 0;
    const inpMissing = count(store, 'browser_web_vital_not_observed', { vital: 'inp', name: 'home' });
    expect(inpHome + inpMissing).toBe(2);
    expect(count(store, 'browser_web_vital_not_observed')).toBe(inpMissing + lcpMissing);
    expect(trend(store, 'browser_web_vital_inp', { name: '/pages/home' })).toBeUndefined();
  }, 30_000);

  it('a target that is down is a failed goto check and a failed browser request, not a crash', async () => {
    const port = await closedPort();
    const artifactsDir = join(artifacts.path, 'down');
    const { summary, store } = await run(
      `http://127.0.0.1:${port}`,
      `scenarios:
  down:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    maxDuration: 1m
    browser:
      steps:
        - goto: /pages/home
          timeout: 5s
        - expect: { text: never reached }
`,
      { workers: 1, artifactsDir },
    );
    expect(summary.scenarios[0]).toMatchObject({ completedIterations: 1, interruptedIterations: 0 });
    expect(summary.checks).toEqual([
      { name: 'goto /pages/home', scenario: 'down', request: '/pages/home', passes: 0, fails: 1 },
    ]);
    expect(rate(store, 'browser_http_req_failed', { status: '0', name: '/pages/home' })?.passes).toBe(1);
    expect(
      existsSync(join(artifactsDir, 'screenshots', 'down-vu1-iter0-step1.png')),
      summary.warnings.join('\n'),
    ).toBe(true);
    expect(summary.warnings.join('\n')).toContain('ERR_CONNECTION_REFUSED');
  }, 30_000);

  it('gracefulStop interrupts a step that is still waiting, quickly, without a failed check', async () => {
    const artifactsDir = join(artifacts.path, 'graceful');
    const startedMs = performance.now();
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  waiting:
    executor: constant-vus
    vus: 1
    # Long enough for the first goto to finish on a busy machine; the wait after it never ends.
    duration: 4s
    gracefulStop: 0s
    browser:
      steps:
        - goto: /pages/home
        - waitFor: { text: "this text never appears" }
          timeout: 60s
`,
      { workers: 1, artifactsDir },
    );
    const elapsedMs = performance.now() - startedMs;
    // 4 s of scenario, then the page is closed at once: far from the 60 s the step could wait.
    expect(elapsedMs).toBeLessThan(30_000);
    expect(summary.scenarios[0]).toMatchObject({ completedIterations: 0, interruptedIterations: 1 });
    expect(count(store, 'interrupted_iterations')).toBe(1);
    expect(summary.checks.find((c) => c.name.startsWith('waitFor'))).toBeUndefined();
    expect(summary.checks.find((c) => c.name === 'goto /pages/home')).toMatchObject({ passes: 1, fails: 0 });
    expect(existsSync(join(artifactsDir, 'screenshots'))).toBe(false);
    // A stopped visit is cut short, not measured.
    expect([...store.series('browser_web_vital_lcp')]).toEqual([]);
  }, 30_000);

  it('stopping the run (SIGINT) interrupts browser iterations and still returns a summary', async () => {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 1500);
    const startedMs = performance.now();
    const { summary } = await run(
      demo.url,
      `scenarios:
  waiting:
    executor: constant-vus
    vus: 2
    duration: 1m
    browser:
      steps:
        - goto: /pages/slow-lcp?ms=60000
        - waitFor: { selector: "#hero" }
          timeout: 60s
`,
      { workers: 1, signal: stop.signal, artifactsDir: join(artifacts.path, 'stopped') },
    );
    clearTimeout(timer);
    expect(performance.now() - startedMs).toBeLessThan(8000);
    expect(summary.outcome).toBe('interrupted');
    expect(summary.exitCode).toBe(105);
    expect(summary.scenarios[0]).toMatchObject({ completedIterations: 0, interruptedIterations: 2 });
    expect(summary.checks.every((c) => c.fails === 0)).toBe(true);
  }, 30_000);
});

describe.skipIf(!chromium)('hybrid preset: API load and browser VUs side by side', () => {
  it('runs both scenarios together; the summary has http_* and browser_web_vital_* metrics', async () => {
    // The browser journey is presets/browser.yaml's, against the demo target.
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  api:
    executor: constant-arrival-rate
    rate: 50
    duration: 3s
    preAllocatedVUs: 5
    requests: [{ name: items, path: /api/items, checks: [{ status: 200 }] }]
  journey:
    executor: constant-vus
    vus: 1
    duration: 3s
    browser:
      steps:
        - goto: /pages/home
        - expect: { selector: h1, visible: true }
        - fill: { selector: "#email", value: "user-{{__VU}}@example.test" }
        - click: "#buy"
          name: buy button
        - expect: { text: "Clicked!" }
thresholds:
  http_req_failed: ["rate<0.01"]
  browser_web_vital_lcp: ["p(75)<2500"]
  browser_web_vital_cls: ["p(75)<0.1"]
  checks: ["rate>0.95"]
`,
      { workers: 1, artifactsDir: artifacts.path },
    );
    const api = summary.scenarios.find((s) => s.name === 'api')!;
    const journey = summary.scenarios.find((s) => s.name === 'journey')!;
    // 50/s for 3 s, however busy the browser keeps the machine (a few may be dropped on a slow box).
    expect(api.completedIterations + api.droppedIterations).toBeGreaterThanOrEqual(145);
    // At least 80 %: the point is that browser VUs do not stall the API scenario's schedule.
    expect(api.completedIterations).toBeGreaterThanOrEqual(120);
    expect(api.completedIterations).toBeLessThanOrEqual(151);
    expect(journey.completedIterations).toBeGreaterThanOrEqual(1);
    expect(summary.outcome).toBe('passed');

    const names = new Set(summary.metrics.definitions.map((d) => d.name));
    for (const metric of ['http_reqs', 'http_req_duration', 'http_req_failed', 'browser_web_vital_lcp']) {
      expect(names, metric).toContain(metric);
    }
    // API requests are http_*; the browser's own are browser_http_* and never mixed in.
    expect(count(store, 'http_reqs', { scenario: 'api' })).toBe(api.completedIterations);
    expect(count(store, 'http_reqs', { scenario: 'journey' })).toBe(0);
    expect(rate(store, 'browser_http_req_failed', { scenario: 'journey' })?.total).toBe(
      journey.completedIterations,
    );
    for (const vital of ['lcp', 'fcp', 'cls', 'ttfb']) {
      expect(trend(store, `browser_web_vital_${vital}`, { scenario: 'journey' })?.count, vital).toBe(
        journey.completedIterations,
      );
    }
    // The click on #buy is quick (Event Timing may have no entry for it): INP comes from the first input,
    // and an iteration where even that did not arrive counts it as not observed rather than 0.
    const inp = trend(store, 'browser_web_vital_inp', { scenario: 'journey' })?.count ?? 0;
    expect(inp).toBeGreaterThanOrEqual(1);
    expect(inp + count(store, 'browser_web_vital_not_observed', { vital: 'inp' })).toBe(
      journey.completedIterations,
    );
    expect(summary.checks.find((c) => c.name === 'buy button')).toMatchObject({
      scenario: 'journey',
      request: '/pages/home',
      fails: 0,
    });
    expect(summary.thresholds.every((t) => t.ok)).toBe(true);
  }, 30_000);
});
