import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData, type SummaryData } from '../src/index.js';
import { chromiumMissing, launchChromium, openReport } from './chromium.js';
import { runGroupedDemo } from './grouped-demo-run.js';

const SCREENSHOTS = fileURLToPath(new URL('../../../.fpt/', import.meta.url));

if (chromiumMissing) console.warn(`skipping the grouped HTML report browser tests: ${chromiumMissing}`);

// Browser-side expressions are strings: the tests compile without the DOM library.
const cellTexts = (selector: string) =>
  `[...document.querySelectorAll(${JSON.stringify(selector)})].map((cell) => cell.innerText.replace(/\\s+/g, ' ').trim())`;

describe.skipIf(chromiumMissing !== undefined)(
  'the HTML report of a real run with groups and custom metrics, in headless Chromium',
  () => {
    let browser: Browser;
    let real: SummaryData;

    beforeAll(async () => {
      browser = await launchChromium();
      real = buildSummaryData(await runGroupedDemo());
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it.each([
      [390, 'light'],
      [390, 'dark'],
      [1440, 'light'],
      [1440, 'dark'],
    ] as const)('reads at %i px in %s mode', async (width, colorScheme) => {
      const report = await openReport(browser, buildHtmlReport(real), { width, height: 900 });
      try {
        const { page } = report;
        await page.emulateMedia({ colorScheme });
        expect(await page.evaluate<string>(cellTexts('#custom-trend-table tbody td:first-child'))).toEqual([
          'checkout_time',
        ]);
        // 2 VUs × 5 iterations: every count is exact.
        const trend = await page.evaluate<string[]>(cellTexts('#custom-trend-table tbody td'));
        expect(trend[1]).toBe('10');
        expect(trend.at(-1)).toContain('avg<1');
        expect(await page.evaluate<string[]>(cellTexts('#custom-counter-table tbody td'))).toEqual([
          'orders_placed',
          '10',
          expect.stringMatching(/\/s$/),
          '✓ count>=10 passed',
        ]);
        expect(await page.evaluate<string[]>(cellTexts('#custom-rate-table tbody td'))).toEqual([
          'search_hit',
          '50.0 %',
          '5',
          '5',
          'none',
        ]);
        expect(await page.evaluate<string[]>(cellTexts('#custom-gauge-table tbody td'))).toEqual([
          'queue_depth',
          expect.any(String),
          '0',
          '4',
          'none',
        ]);
        expect(await page.evaluate<string[]>(cellTexts('#checks-table .group-name'))).toEqual([
          'outside any group',
          'browse',
          'checkout',
          'checkout › pay',
        ]);

        // Nothing widens the page: wide tables scroll in their own box, and a group's duration stays in view.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
          width,
        );
        const durationsRight = await page.evaluate<number[]>(
          `[...document.querySelectorAll('#checks-table .group-duration')].map((d) => d.getBoundingClientRect().right)`,
        );
        expect(durationsRight).toHaveLength(3);
        for (const right of durationsRight) expect(right).toBeLessThanOrEqual(width);
        // The failed threshold reads red in both themes: the theme's own --bad colour, not a fixed one.
        const failedMark = await page.evaluate<string>(
          `getComputedStyle(document.querySelector('#custom-trend-table .mark[data-status=failed]')).color`,
        );
        expect(failedMark).toBe(colorScheme === 'dark' ? 'rgb(248, 113, 113)' : 'rgb(185, 28, 28)');
        expect(report.problems).toEqual([]);
        expect(report.requests).toEqual([]);

        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: `${SCREENSHOTS}report-groups-${width}-${colorScheme}.png`,
          fullPage: true,
        });
      } finally {
        await report.close();
      }
    });
  },
);
