import { mkdirSync, rmSync } from 'node:fs';
import type { RunSummaryJson } from '@fpt/api-types';
import { browserOnlyNote } from '@fpt/readable';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  chromiumMissingReason,
  launchChromium,
  watchPageProblems,
} from '../../../tools/test-support/chromium.js';
import { api, waitForEnd } from '../../agent/test/agent-fixtures.js';
import { contrastRatio, parseColor } from '../src/lib/contrast.js';
import {
  AA,
  drawnCharts,
  expectNoSidewaysScroll,
  expectReadableAxes,
  LAYOUTS,
  SCREENSHOTS,
  seenBackground,
} from './page-checks.js';
import { uiRunDetailSeedFolder } from './ui-presets.js';

const chromiumMissing = chromiumMissingReason();
if (chromiumMissing) console.warn(`skipping the agent UI run detail tests: ${chromiumMissing}`);

/** A threshold row's figures, keyed by "metric expression", as a page shows them. */
type ThresholdCells = Record<string, { observed: string; limit: string; margin: string; marginPct: string }>;

/** The chart specs the HTML report embeds for its script. */
const reportCharts = `JSON.parse(document.getElementById('fpt-charts').textContent).charts`;

/** What a run detail page shows: its tiles, section titles and charts, and the no-request sentence if any. */
const detailOutline = `({
  tiles: [...document.querySelectorAll('section.tiles [data-tile]')].map((el) => el.dataset.tile),
  headings: [...document.querySelectorAll('main h2')].map((el) => el.textContent.trim()),
  charts: [...document.querySelectorAll('.chart[id], .chart-empty[id]')].map((el) => el.id),
  note: document.getElementById('no-requests')?.textContent ?? null,
})`;
interface DetailOutline {
  tiles: string[];
  headings: string[];
  charts: string[];
  note: string | null;
}

/** The HTML report's sections, where its table of contents points, and what its key numbers say first. */
const reportOutline = `({
  sections: [...document.querySelectorAll('main > section[id]')].map((el) => el.id),
  links: [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href').slice(1)),
  note: document.querySelector('#key-numbers .note')?.textContent ?? null,
})`;
interface ReportOutline {
  sections: string[];
  links: string[];
  note: string | null;
}

/** The sections and charts that can only tell about requests, on the page and in the report. */
const REQUEST_HEADINGS = ['Latency distribution', 'Requests', 'Errors'];
const REQUEST_CHARTS = [
  'chart-throughput',
  'chart-latency',
  'chart-errors',
  'chart-requests',
  'chart-distribution',
];
const REQUEST_SECTIONS = ['latency', 'requests', 'errors'];

describe.skipIf(chromiumMissing !== undefined)(
  'the run detail page shows what the HTML report shows, in headless Chromium against a real agent',
  () => {
    let target: DemoTarget;
    let seed: string;
    let agent: AgentProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    const runs = { margins: '', browser: '' };
    const summaries: Record<string, RunSummaryJson> = {};

    const runHash = (id: string) => `#/runs/${encodeURIComponent(id)}`;
    const reportUrl = (id: string) => `${agent.url}/api/runs/${encodeURIComponent(id)}/report.html`;
    const open = async (hash: string, ready: string) => {
      await page.goto(`${agent.url}/${hash}`);
      await page.locator(ready).first().waitFor();
    };
    const run = async (preset: string) => {
      const started = await api<{ id: string }>(agent, '/api/runs', { body: { preset } });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const ended = await waitForEnd(agent, started.body.id, 90_000);
      const summary = await api<RunSummaryJson>(
        agent,
        `/api/runs/${encodeURIComponent(started.body.id)}/summary.json`,
      );
      summaries[started.body.id] = summary.body;
      return { id: started.body.id, status: ended.status };
    };

    beforeAll(async () => {
      target = await startDemoTarget();
      seed = uiRunDetailSeedFolder();
      agent = await startAgentProcess({
        env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
      });
      // One run at a time on an agent: the thresholds run crosses one of its four limits on purpose.
      const margins = await run('ui-margins');
      expect(margins.status).toBe('failed');
      runs.margins = margins.id;
      const journey = await run('ui-browser');
      expect(journey.status).toBe('passed');
      runs.browser = journey.id;

      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      watchPageProblems(page, problems);
      await page.goto(agent.url);
      await page.fill('input[name=token]', agent.token!);
      await page.click('form[aria-label="Log in"] button[type=submit]');
      await page.locator('#presets-table').waitFor();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await agent?.stop();
      await target?.close();
      if (seed) rmSync(seed, { recursive: true, force: true });
    });

    it("draws the latency distribution from the summary's curve, the one the HTML report draws", async () => {
      const curve = summaries[runs.margins]!.fpt.latencyByPercentile!;
      // A few hundred requests: the curve reaches p99 (two nines) in steps of 0.05.
      expect(curve.nines.at(-1)!).toBeGreaterThanOrEqual(2);
      await open(runHash(runs.margins), '#chart-distribution[data-drawn=true]');
      expect(await page.locator('#chart-distribution').getAttribute('data-points')).toBe(
        String(curve.nines.length),
      );
      expect(await page.locator('#latency-distribution h2').textContent()).toBe('Latency distribution');
      // Its x axis names percentiles, as the report's does.
      expect(await page.locator('#chart-distribution .u-legend').textContent()).toContain('percentile');
      // An API run keeps every request figure, and no sentence about requests it made.
      await page.locator('#requests-table').waitFor();
      const detail = await page.evaluate<DetailOutline>(detailOutline);
      expect(detail.tiles.slice(0, 4)).toEqual(['requests', 'errors', 'p95', 'p99']);
      expect(detail.headings).toEqual(expect.arrayContaining(REQUEST_HEADINGS));
      expect(detail.charts).toEqual(expect.arrayContaining(REQUEST_CHARTS));
      expect(detail.note).toBeNull();

      const report = await context.newPage();
      await report.goto(reportUrl(runs.margins));
      const charts =
        await report.evaluate<{ id: string; x: number[]; series: { values: number[] }[] }[]>(reportCharts);
      const drawn = charts.find((c) => c.id === 'chart-distribution')!;
      expect(drawn.x).toEqual(curve.nines);
      expect(drawn.series[0]!.values).toEqual(curve.ms);
      const inReport = await report.evaluate<ReportOutline>(reportOutline);
      expect(inReport.sections).toEqual(expect.arrayContaining(['charts', ...REQUEST_SECTIONS]));
      expect(inReport.note).toBeNull();
      await report.close();
    });

    it('gives each threshold its observed value, limit and margin, in its unit and as a percent, as the report does', async () => {
      await open(runHash(runs.margins), '#thresholds-table');
      const ui = await page.locator('#thresholds-table tbody tr').evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((tr) => {
            const cell = (field: string) => tr.querySelector(`[data-field=${field}]`)!.textContent!.trim();
            return [
              `${tr.getAttribute('data-metric')} ${tr.getAttribute('data-expression')}`,
              {
                observed: cell('observed'),
                limit: cell('limit'),
                margin: cell('margin'),
                marginPct: cell('margin-pct'),
              },
            ];
          }),
        ),
      );
      const shown = ui as ThresholdCells;
      // Every request waited 20 ms: the 10 ms limit is crossed by 10 ms or more.
      const crossed = shown['http_req_duration p(95)<10']!;
      expect(crossed.limit).toBe('< 10 ms');
      expect(crossed.margin).toMatch(/^−[\d.]+ ms$/);
      expect(Number.parseFloat(crossed.margin.slice(1))).toBeGreaterThanOrEqual(10);
      expect(crossed.marginPct).toMatch(/^−[\d,.]+ %$/);
      expect(shown['http_req_duration p(95)<5000']!.margin).toMatch(/^\+[\d.]+ s$/);
      // A rate's room is in percentage points; a count's is a count.
      expect(shown['http_req_failed rate<0.5']).toMatchObject({ margin: '+50.0 pp', marginPct: '+100 %' });
      const requests = summaries[runs.margins]!.metrics.http_reqs!.values.count!;
      expect(shown['http_reqs count>10']!.margin).toBe(`+${(requests - 10).toLocaleString('en-US')}`);

      // The report's thresholds table has the same four figures for each threshold.
      const report = await context.newPage();
      await report.goto(reportUrl(runs.margins));
      const inReport = await report.locator('#thresholds-table tbody tr').evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((tr) => {
            const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim());
            return [
              `${cells[1]} ${cells[2]}`,
              { observed: cells[3], limit: cells[4], margin: cells[5], marginPct: cells[6] },
            ];
          }),
        ),
      );
      expect(inReport).toEqual(shown);
      await report.close();
    });

    it('leads a browser run with rated LCP, CLS and INP tiles, its Web Vitals over time and per page, as the report does', async () => {
      const summary = summaries[runs.browser]!;
      await open(runHash(runs.browser), '#chart-web-vitals[data-drawn=true]');
      // The tiles come first, before the request figures a browser run has none of.
      const tiles = await page
        .locator('section.tiles [data-tile]')
        .evaluateAll((els) =>
          els.map((el) => [
            el.getAttribute('data-tile'),
            el.querySelector('[data-rating]')?.getAttribute('data-rating'),
          ]),
        );
      expect(tiles.slice(0, 3).map(([id]) => id)).toEqual(['lcp', 'cls', 'inp']);
      const ratings = Object.fromEntries(tiles.slice(0, 3));
      for (const rating of Object.values(ratings))
        expect(['good', 'needs-improvement', 'poor']).toContain(rating);
      // It made no HTTP request: one sentence after its Web Vitals instead of every request tile, chart
      // and table saying so.
      expect(summary.metrics.http_reqs?.values.count ?? 0).toBe(0);
      const detail = await page.evaluate<DetailOutline>(detailOutline);
      expect(detail.tiles).toEqual(['lcp', 'cls', 'inp', 'vus', 'checks']);
      expect(detail.note).toBe(browserOnlyNote);
      expect(detail.headings).toEqual(
        expect.arrayContaining(['Web Vitals', 'Thresholds', 'Checks', 'Iterations']),
      );
      for (const gone of REQUEST_HEADINGS) expect(detail.headings).not.toContain(gone);
      // Its load over time stays: iterations per second and the VUs running them, as the report's "Over time".
      expect(detail.charts).toEqual(['chart-web-vitals', 'chart-iterations']);
      await page.locator('#chart-iterations[data-drawn=true]').waitFor();
      expect(await page.locator('#chart-iterations .u-legend').textContent()).toContain('iterations/s');
      const order = await page.evaluate<number[]>(
        `['web-vitals', 'no-requests', 'thresholds-table'].map((id, i, ids) => i === 0 ? 0 : document.getElementById(ids[i - 1]).compareDocumentPosition(document.getElementById(id)))`,
      );
      // Each follows the one before it (DOCUMENT_POSITION_FOLLOWING).
      expect(order.slice(1).map((o) => o & 4)).toEqual([4, 4]);
      const timelineSeconds = summary.fpt.timeline.filter((p) => p.lcpP75Ms !== undefined).length;
      expect(timelineSeconds).toBeGreaterThan(0);
      expect(await page.locator('#web-vitals-table tbody tr').count()).toBe(summary.fpt.webVitals.length);

      // The report leads with the same rated tiles, the same chart and the same table.
      const report = await context.newPage();
      await report.goto(reportUrl(runs.browser));
      const reportTiles = await report
        .locator('#web-vital-tiles [data-vital]')
        .evaluateAll((els) =>
          els.map((el) => [el.getAttribute('data-vital'), el.getAttribute('data-rating')]),
        );
      expect(Object.fromEntries(reportTiles)).toEqual(ratings);
      expect(await report.locator('#web-vitals-table tbody tr').count()).toBe(summary.fpt.webVitals.length);
      await report.locator('#chart-web-vitals[data-drawn=true]').waitFor();
      const { sections, links, note } = await report.evaluate<ReportOutline>(reportOutline);
      expect(sections.indexOf('web-vitals')).toBeLessThan(sections.indexOf('key-numbers'));
      // The report says the same sentence where its request figures would start, and its table of
      // contents points only at sections it has.
      expect(note).toBe(browserOnlyNote);
      for (const gone of REQUEST_SECTIONS) expect(sections).not.toContain(gone);
      expect(sections).toEqual(
        expect.arrayContaining(['thresholds', 'charts', 'trend-metrics', 'checks', 'iterations']),
      );
      expect(links).toEqual(['verdict', ...sections]);
      const blocks = await report.evaluate<string[]>(
        `[...document.querySelectorAll('[data-chart-block]')].map((el) => el.dataset.chartBlock)`,
      );
      expect(blocks.sort()).toEqual(['chart-iterations', 'chart-web-vitals']);
      await report.close();
    });

    it('fits a 390 px phone and a 1440 px screen, light and dark, on both surfaces, with AA chart axes; screenshots', async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const report = await context.newPage();
      for (const layout of LAYOUTS) {
        const label = `${layout.width}-${layout.colorScheme}`;
        await page.setViewportSize({ width: layout.width, height: layout.height });
        await page.emulateMedia({ colorScheme: layout.colorScheme });
        for (const [name, id, ready] of [
          ['run-margins', runs.margins, '#chart-distribution[data-drawn=true]'],
          ['run-browser', runs.browser, '#chart-web-vitals[data-drawn=true]'],
        ] as const) {
          const where = `${name} at ${label}`;
          await open(runHash(id), ready);
          await page.locator('#thresholds-table').waitFor();
          await expectNoSidewaysScroll(page, layout, where);
          const charts = await drawnCharts(page);
          expect(
            charts.map((c) => c.id),
            where,
          ).toContain(ready.slice(1, ready.indexOf('[')));
          expectReadableAxes(charts, layout, where);
          // Each threshold is a card on a phone, a table row on a screen; its margin is in view either way.
          const rowDisplay = await page.evaluate<string>(
            `getComputedStyle(document.querySelector('#thresholds-table tbody tr')).display`,
          );
          expect(rowDisplay, where).toBe(layout.width < 700 ? 'grid' : 'table-row');
          for (const box of await page
            .locator('#thresholds-table [data-field=margin]')
            .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right)))
            expect(box, where).toBeLessThanOrEqual(layout.width);
          if (name === 'run-browser') {
            for (const vital of ['lcp', 'cls', 'inp'])
              expect(await page.locator(`[data-tile=${vital}] [data-rating]`).count(), where).toBe(1);
            // The one sentence in place of the request figures, in view and within the width.
            const note = page.locator('#no-requests');
            expect(await note.isVisible(), where).toBe(true);
            expect((await note.boundingBox())!.width, where).toBeLessThanOrEqual(layout.width);
            expect(
              await page.locator('#chart-throughput, #chart-latency, #requests-table, #errors-table').count(),
              where,
            ).toBe(0);
          }
          await page.screenshot({ path: `${SCREENSHOTS}${name}-${label}.png`, fullPage: true });

          // The HTML report of the same run, in the same layout.
          await report.setViewportSize({ width: layout.width, height: layout.height });
          await report.emulateMedia({ colorScheme: layout.colorScheme });
          await report.goto(reportUrl(id));
          await report.locator('html[data-report-ready=true]').waitFor();
          await expectNoSidewaysScroll(report, layout, `report of ${where}`);
          expect(await report.locator('#key-numbers .note').count(), `report of ${where}`).toBe(
            name === 'run-browser' ? 1 : 0,
          );
          // The report's script draws its axis text in --muted, over each chart's own background.
          const reportAxes = await drawnCharts(
            report,
            `getComputedStyle(document.documentElement).getPropertyValue('--muted').trim()`,
          );
          expect(reportAxes.length, `report of ${where}`).toBeGreaterThanOrEqual(1);
          for (const chart of reportAxes) {
            expect(
              contrastRatio(parseColor(chart.axis)!, seenBackground(chart.backgrounds)),
              `report ${chart.id} axis on ${where}`,
            ).toBeGreaterThanOrEqual(AA);
          }
          await report.screenshot({ path: `${SCREENSHOTS}report-${name}-${label}.png`, fullPage: true });
        }
      }
      await report.close();
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: null });
      expect(problems).toEqual([]);
    }, 180_000);
  },
);
