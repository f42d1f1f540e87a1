import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

import { chromiumMissingReason, chromiumPath, launchChromium } from '../../../tools/test-support/chromium.js';

export { chromiumPath, launchChromium };

/** Why browser tests cannot run here, or undefined when they can. */
export const chromiumMissing: string | undefined = chromiumMissingReason();

export interface OpenedReport {
  readonly page: Page;
  /** Console errors and warnings, and uncaught exceptions. */
  readonly problems: string[];
  /** Every request the page made besides loading its own file. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Opens the report as a reader would: written to disk and loaded from a file:// URL. */
export async function openReport(
  browser: Browser,
  html: string,
  viewport = { width: 1280, height: 900 },
  /** Script text run in the page before the report's own (to observe it). */
  initScript?: string,
): Promise<OpenedReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  if (initScript !== undefined) await page.addInitScript(initScript);
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on('requestfailed', (request) => {
    if (request.url() !== url) requests.push(`failed: ${request.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  // Browser-side code as text: the tests compile without the DOM library.
  await page.waitForFunction("document.documentElement.dataset.reportReady === 'true'", undefined, {
    timeout: 10_000,
  });
  return {
    page,
    problems,
    requests,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CanvasInfo {
  readonly chart: string;
  readonly width: number;
  readonly height: number;
  /** Pixels that are not fully transparent. */
  readonly painted: number;
  /** Pixels close to the given series colour. */
  readonly coloured: number;
}

/** Each drawn chart's main canvas: its size, how much of it is painted, and how much in `rgb`. */
export function canvasInfo(page: Page, rgb: readonly [number, number, number]): Promise<CanvasInfo[]> {
  return page.$$eval(
    '.chart[data-drawn="true"]',
    (charts, [r, g, b]) =>
      charts.map((chart) => {
        const canvas = chart.querySelector('canvas');
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height) as {
          data: ArrayLike<number>;
        };
        let painted = 0;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! === 0) continue;
          painted++;
          if (
            Math.abs(data[i]! - r) < 40 &&
            Math.abs(data[i + 1]! - g) < 40 &&
            Math.abs(data[i + 2]! - b) < 40
          )
            coloured++;
        }
        return { chart: chart.id, width: canvas.width, height: canvas.height, painted, coloured };
      }),
    rgb,
  );
}
