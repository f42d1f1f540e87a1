import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlReport, buildJUnitXml, buildSummaryData, type SummaryData } from '../src/index.js';
import { canvasInfo, chromiumMissing, launchChromium, openReport } from './chromium.js';
import { runCheckoutDemo } from './demo-run.js';
import { emptyRunSummary, richRunSummary, SCRIPT_NAME, syntheticTimeline } from './report-fixtures.js';

const SCREENSHOT = fileURLToPath(new URL('../../../.fpt/report-screenshot.png', import.meta.url));
const REQUESTS_BLUE = [37, 99, 235] as const;

if (chromiumMissing) console.warn(`skipping the HTML report browser tests: ${chromiumMissing}`);

/** Keeps every uPlot chart the report makes in window.__fptPlots, so a test can read its drawn axes. */
const recordPlots = `(() => {
  let wrapped;
  Object.defineProperty(window, 'uPlot', {
    configurable: true,
    get: () => wrapped,
    set: (original) => {
      wrapped = function (opts, data, host) {
        const plot = new original(opts, data, host);
        (window.__fptPlots = window.__fptPlots || []).push(plot);
        return plot;
      };
      Object.assign(wrapped, original);
    },
  });
})();`;

describe.skipIf(chromiumMissing !== undefined)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let real: SummaryData;

  beforeAll(async () => {
    browser = await launchChromium();
    real = buildSummaryData(await runCheckoutDemo());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart of a real run against the demo target, with no errors and no network', async () => {
    const report = await openReport(browser, buildHtmlReport(real, { generator: 'fpt test' }), {
      width: 1280,
      height: 900,
    });
    try {
      const { page } = report;
      const canvases = await canvasInfo(page, REQUESTS_BLUE);
      expect(canvases.map((c) => c.chart)).toEqual([
        'chart-throughput',
        'chart-latency',
        'chart-errors',
        'chart-distribution',
        'chart-iterations',
      ]);
      for (const canvas of canvases) {
        expect(canvas.width, canvas.chart).toBeGreaterThan(300);
        expect(canvas.height, canvas.chart).toBeGreaterThan(100);
        // Axes alone paint a few percent of the canvas; series lines and the VU area add much more.
        expect(canvas.painted, canvas.chart).toBeGreaterThan(2000);
      }
      expect(canvases[0]!.coloured, 'the blue requests/s line').toBeGreaterThan(200);
      expect(await page.locator('.u-legend').first().textContent()).toContain('requests/s');
      expect(report.problems).toEqual([]);
      expect(report.requests).toEqual([]);

      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await report.close();
    }
  });

  it('states the verdict of the real run and its first reason', async () => {
    expect(real.fpt.outcome).toBe('thresholds-failed');
    const report = await openReport(browser, buildHtmlReport(real));
    try {
      const { page } = report;
      expect(await page.locator('[data-verdict]').textContent()).toContain('FAILED');
      const detail = await page.locator('.vb-detail').first().textContent();
      const crossed = real.fpt.thresholds.filter((t) => !t.ok).length;
      expect(detail).toBe(`${crossed} of ${real.fpt.thresholds.length} thresholds crossed · exit code 99`);
      // The first crossed threshold in preset order: items' p(99) < 20 ms (it answers after 25 ms), unless
      // a slow machine pushed the overall p(95) past 400 ms first.
      const first = real.fpt.thresholds.find((t) => !t.ok)!;
      const headline = await page.locator('.vb-headline').textContent();
      expect(headline?.endsWith(` on ${first.metric}`)).toBe(true);
      if (first.metric === 'http_req_duration{name:items}')
        expect(headline).toMatch(/^p\(99\) .+ ≥ 20 ms on /);
      expect(await page.title()).toBe(
        'FAILED · checkout-demo · ' +
          real.fpt.startedAt.slice(0, 10) +
          ' ' +
          real.fpt.startedAt.slice(11, 16) +
          ' UTC · FPT report',
      );
      // The tag value is text on the page, not a script that ran.
      expect(await page.locator('.vb-facts').textContent()).toContain(
        'build=<script>window.__pwnedByTag=1</script>',
      );
      expect(await page.evaluate('window.__pwnedByTag')).toBeUndefined();
      expect(report.problems).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('shows hostile request names as text and runs none of them', async () => {
    const report = await openReport(browser, buildHtmlReport(buildSummaryData(richRunSummary())));
    try {
      const { page } = report;
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await page.locator('#requests-table td.name', { hasText: SCRIPT_NAME }).count()).toBe(1);
      expect(await page.locator('#checks-table td.name', { hasText: SCRIPT_NAME }).count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(4);
      expect(report.problems).toEqual([]);
      expect(report.requests).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('zooms all time charts together and resets them', async () => {
    const report = await openReport(browser, buildHtmlReport(buildSummaryData(richRunSummary())));
    try {
      const { page } = report;
      const over = page.locator('#chart-latency .u-over');
      // Mouse positions are in the viewport, so bring the chart into it first.
      await over.scrollIntoViewIfNeeded();
      const box = (await over.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const range = (id: string) => page.locator(`#${id}`).getAttribute('data-x-range');
      // uPlot commits scale changes in a microtask, so poll rather than read once.
      await expect.poll(() => range('chart-latency')).not.toBe('1..300');
      const zoomed = await range('chart-latency');
      expect(zoomed).toMatch(/^[\d.]+\.\.[\d.]+$/);
      // The other time charts follow; the percentile chart has another x axis and stays as it was.
      await expect.poll(() => range('chart-throughput')).toBe(zoomed);
      await expect.poll(() => range('chart-iterations')).toBe(zoomed);
      expect(await range('chart-distribution')).not.toBe(zoomed);
      const [from, to] = zoomed!.split('..').map(Number);
      expect(to! - from!).toBeLessThan(100);
      await page.locator('.chart-tools [data-action="reset-zoom"]').click();
      await expect.poll(() => range('chart-throughput')).toBe('1..300');
      await expect.poll(() => range('chart-latency')).toBe('1..300');
      await page.locator('details[data-table-for="chart-latency"] > summary').click();
      await expect
        .poll(() => page.locator('details[data-table-for="chart-latency"] tbody tr').count())
        .toBe(300);
      expect(report.problems).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('labels a VUs axis in whole numbers, even for a single VU', async () => {
    const oneVu = syntheticTimeline(12, 99).map((point) => ({ ...point, vus: 1 }));
    const html = buildHtmlReport(buildSummaryData({ ...richRunSummary(), timeline: oneVu }));
    const report = await openReport(browser, html, { width: 1280, height: 900 }, recordPlots);
    try {
      // The throughput chart's right axis counts VUs; uPlot keeps each axis's tick labels once drawn.
      const labels = (await report.page.evaluate(
        'window.__fptPlots.map(function (u) { return u.axes.map(function (a) { return { label: a.label, values: a._values || [] }; }); })',
      )) as { label: string; values: string[] }[][];
      const vuAxes = labels.flat().filter((axis) => /VUs/.test(axis.label ?? ''));
      expect(vuAxes.length).toBeGreaterThan(0);
      for (const axis of vuAxes) expect(axis.values).toEqual(['0', '1']);
    } finally {
      await report.close();
    }
  });

  it('saves the embedded summary JSON as a file and switches the time axis to wall-clock', async () => {
    const data = buildSummaryData(richRunSummary());
    const report = await openReport(browser, buildHtmlReport(data));
    try {
      const { page } = report;
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.vb-actions [data-action="save-json"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('checkout-api-summary.json');
      const saved = await download.createReadStream();
      let text = '';
      for await (const chunk of saved) text += String(chunk);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
      await page.locator('[data-action="wall-clock"]').check();
      await expect.poll(() => page.locator('#chart-latency').getAttribute('data-drawn')).toBe('true');
      expect(report.problems).toEqual([]);
      expect(report.requests).toEqual([]);
    } finally {
      await report.close();
    }
  });

  it('renders thin data with explanations instead of charts', async () => {
    for (const summary of [
      emptyRunSummary(),
      emptyRunSummary({ timeline: syntheticTimeline(1, -1), durationMs: 900 }),
    ]) {
      const report = await openReport(browser, buildHtmlReport(buildSummaryData(summary)));
      try {
        const { page } = report;
        expect(await page.locator('[data-verdict]').textContent()).toContain('FAILED');
        expect(await page.locator('.chart[data-drawn]').count()).toBe(0);
        expect(await page.locator('#charts .note.thin').first().textContent()).toMatch(
          /^Not enough data to chart/,
        );
        expect(await page.locator('#requests .note').textContent()).toBe(
          'No HTTP request was made in this run.',
        );
        expect(report.problems).toEqual([]);
        expect(report.requests).toEqual([]);
      } finally {
        await report.close();
      }
    }
  });

  it('writes JUnit XML that a real XML parser reads', async () => {
    const page = await browser.newPage();
    try {
      const xml = buildJUnitXml(buildSummaryData(richRunSummary()));
      const parsed = (await page.evaluate(
        `(() => {
          const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
          const error = doc.querySelector('parsererror');
          return { error: error ? error.textContent : null, root: doc.documentElement.getAttribute('tests'), cases: doc.querySelectorAll('testcase').length };
        })()`,
      )) as { error: string | null; root: string; cases: number };
      expect(parsed.error).toBeNull();
      expect(Number(parsed.root)).toBe(parsed.cases);
    } finally {
      await page.close();
    }
  });
});
