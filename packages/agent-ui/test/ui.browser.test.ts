import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  chromiumMissingReason,
  launchChromium,
  watchPageProblems,
} from '../../../tools/test-support/chromium.js';
import { uiSeedFolder } from './ui-presets.js';

const chromiumMissing = chromiumMissingReason();
const SCREENSHOTS = fileURLToPath(new URL('../../../.fpt/', import.meta.url));
if (chromiumMissing) console.warn(`skipping the agent UI browser tests: ${chromiumMissing}`);

// The page's code runs in the browser; these tests compile without the DOM library, so expressions
// that run there are strings.
const pointsOf = (chart: string) => `Number(document.querySelector('#${chart}')?.dataset.points ?? 0)`;

describe.skipIf(chromiumMissing !== undefined)(
  'the agent UI in headless Chromium, against a real agent',
  () => {
    let target: DemoTarget;
    let seed: string;
    let agent: AgentProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** Uncaught exceptions and console errors other than the HTTP refusals the tests provoke. */
    const problems: string[] = [];
    let stoppedId = '';
    let finishedId = '';

    beforeAll(async () => {
      target = await startDemoTarget();
      seed = uiSeedFolder();
      agent = await startAgentProcess({
        env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
      });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      watchPageProblems(page, problems);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await agent?.stop();
      await target?.close();
      if (seed) rmSync(seed, { recursive: true, force: true });
    });

    it('asks for the token, refuses a wrong one, and keeps the right one out of reach of scripts', async () => {
      await page.goto(agent.url);
      const form = page.getByRole('form', { name: 'Log in' });
      await form.waitFor();
      await page.fill('input[name=token]', 'not-the-token');
      await page.click('form[aria-label="Log in"] button[type=submit]');
      await expect.poll(() => form.textContent()).toContain('the token is not valid');

      await page.fill('input[name=token]', agent.token!);
      await page.click('form[aria-label="Log in"] button[type=submit]');
      await page.locator('#presets-table').waitFor();
      const names = await page
        .locator('#presets-table tr[data-preset]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-preset')));
      expect(names).toEqual(['ui-long', 'ui-script', 'ui-short']);
      expect(await page.locator('tr[data-preset=ui-short]').textContent()).toContain('p(95)<5000');
      // A script is listed from its options, marked as one, its target named in its code.
      const scriptRow = await page.locator('tr[data-preset=ui-script]').textContent();
      expect(scriptRow).toMatch(/ui-script\s*script/);
      expect(scriptRow).toContain('in the script');
      expect(scriptRow).toContain('1 VU for 2s');
      expect(scriptRow).toContain('rate<0.5');
      // The cookie is HttpOnly: the page's own scripts never see the token.
      expect(await page.evaluate('document.cookie')).not.toContain(agent.token!);
      // The status bar polls /api/status with the cookie.
      await expect.poll(() => page.locator('[data-field=region]').textContent()).toContain('test-region');
      expect(await page.locator('[data-field=agent]').textContent()).toContain('test-agent');
      expect(await page.locator('[data-field=state]').textContent()).toContain('idle');
    });

    it('starts a run with overrides, draws it live, refuses a second run while busy, and stops it', async () => {
      await page.click('tr[data-preset=ui-long] button');
      await page.fill('form.run-form input[name=vus]', 'two');
      await page.click('form.run-form button[type=submit]');
      expect(await page.locator('form.run-form .problems').textContent()).toContain(
        'VUs "two" is not a whole number',
      );
      await page.fill('form.run-form input[name=vus]', '3');
      // 127.0.0.2 is loopback but not in the allowlist: the agent refuses before any request is sent.
      await page.fill('form.run-form input[name=target]', 'http://127.0.0.2:9');
      await page.click('form.run-form button[type=submit]');
      const refused = page.locator('form.run-form [role=alert]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('The target is not in the allowlist');
      expect(await refused.textContent()).toContain('Allowed targets: 127.0.0.1');
      await page.fill('form.run-form input[name=target]', '');
      await page.click('form.run-form button[type=submit]');

      await page.locator('[data-view=live]').waitFor();
      stoppedId = decodeURIComponent(/#\/live\/(.+)$/.exec(page.url())![1]!);
      expect(await page.locator('[data-verdict]').textContent()).toContain('RUNNING');
      expect(await page.title()).toBe('RUNNING · ui-long · FPT agent');

      // The chart grows as points arrive, and the tiles follow.
      await page.waitForFunction(`${pointsOf('chart-throughput')} >= 2`, undefined, { timeout: 30_000 });
      const before = await page.evaluate<number>(pointsOf('chart-throughput'));
      const elapsedBefore = await page.locator('[data-tile=elapsed] .tile-value').textContent();
      await page.waitForFunction(`${pointsOf('chart-throughput')} > ${before}`, undefined, {
        timeout: 30_000,
      });
      expect(await page.locator('[data-tile=elapsed] .tile-value').textContent()).not.toBe(elapsedBefore);
      expect(await page.locator('#chart-throughput').getAttribute('data-drawn')).toBe('true');
      expect(await page.locator('[data-tile=vus] .tile-value').textContent()).toBe('3');
      expect(
        Number.parseFloat((await page.locator('[data-tile=rps] .tile-value').textContent())!),
      ).toBeGreaterThan(0);
      expect(await page.locator('[data-field=threshold-summary]').textContent()).toContain(
        'of 3 holding so far',
      );
      await expect.poll(() => page.locator('[data-field=state]').textContent()).toContain('busy: ui-long');

      // A second run is refused while this one runs, in words, with a link to the run in progress.
      const second = await context.newPage();
      await second.goto(`${agent.url}/#/presets`);
      await second.click('tr[data-preset=ui-short] button');
      await second.click('form.run-form button[type=submit]');
      const refusal = second.locator('form.run-form [role=alert]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('The agent is busy');
      expect(await refusal.locator('a').getAttribute('href')).toBe(`#/live/${encodeURIComponent(stoppedId)}`);
      await second.close();

      await page.click('button:has-text("Stop run")');
      await page.click('button:has-text("Yes, stop it")');
      await page.locator('[data-view=detail]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-verdict]').textContent()).toContain('STOPPED');
      expect(page.url()).toContain(`#/runs/${encodeURIComponent(stoppedId)}`);
      // The detail keeps the replayed points and reads the summary's tables.
      expect(await page.evaluate<number>(pointsOf('chart-throughput'))).toBeGreaterThan(before);
      await page.locator('#requests-table').waitFor();
      expect(await page.locator('#requests-table tbody').textContent()).toContain('fast');
    });

    it('lets a run finish and shows its verdict, figures and tables', async () => {
      await page.goto(`${agent.url}/#/presets`);
      await page.click('tr[data-preset=ui-short] button');
      await page.click('form.run-form button[type=submit]');
      await page.locator('[data-view=live]').waitFor();
      finishedId = decodeURIComponent(/#\/live\/(.+)$/.exec(page.url())![1]!);
      await page.locator('[data-view=detail]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-verdict]').textContent()).toContain('PASSED');
      expect(await page.locator('.verdict-detail').textContent()).toBe('all 3 thresholds held');
      await page.locator('#thresholds-table').waitFor();
      const thresholds = await page.locator('#thresholds-table tbody tr').allTextContents();
      expect(thresholds).toHaveLength(3);
      for (const row of thresholds) expect(row).toContain('passed');
      expect(await page.locator('#requests-table tbody tr').count()).toBe(3);
      expect(await page.locator('#checks-table').textContent()).toContain('status is 200');
      // The failing request says why, in the agent's words.
      expect(await page.locator('#errors-table tbody tr', { hasText: 'gone' }).first().textContent()).toMatch(
        /gone.*503.*HTTP 503 Service Unavailable \(first \d\d:\d\d:\d\d\)/,
      );
      expect(await page.locator('[data-tile=requests] .tile-value').textContent()).not.toBe('—');
      expect(await page.locator('#chart-latency').getAttribute('data-drawn')).toBe('true');
      expect(await page.evaluate<number>(pointsOf('chart-latency'))).toBeGreaterThanOrEqual(3);

      // Making it the preset's baseline: later runs of ui-short are gated against it.
      await page.click('button[data-action=set-baseline]');
      await page.locator('button[data-action=set-baseline]:has-text("Baseline of ui-short")').waitFor();
      const baseline = await fetch(`${agent.url}/api/baselines/ui-short`, { headers: agent.headers() });
      expect(baseline.status).toBe(200);
      expect(((await baseline.json()) as { run: { id: string } }).run.id).toBe(finishedId);
    });

    it("shows the run's custom metrics and its checks by group, readable at 390 and 1440 px, light and dark", async () => {
      await page.goto(`${agent.url}/#/runs/${encodeURIComponent(finishedId)}`);
      await page.locator('#custom-metrics').waitFor();
      const cellsOf = (selector: string) =>
        page.evaluate<string[][]>(
          `[...document.querySelectorAll(${JSON.stringify(`${selector} tbody tr`)})].map((tr) => [...tr.cells].map((td) => td.innerText.replace(/\\s+/g, ' ').trim()))`,
        );
      const [slow] = await cellsOf('#custom-trend-table');
      expect(slow![0]).toBe('slow_time');
      // Every slow request recorded one sample, and it waited at least its 20 ms.
      expect(Number(slow![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
      expect(slow![2]).toMatch(/^\d+(\.\d+)? ms$/);
      expect(Number.parseFloat(slow![3]!)).toBeGreaterThanOrEqual(20);
      expect(slow!.at(-1)).toBe('✓ p(95)<5000 passed');
      const [served] = await cellsOf('#custom-counter-table');
      expect(served!.slice(0, 1)).toEqual(['fast_served']);
      expect(served![2]).toMatch(/\/s$/);
      expect(await page.locator('#custom-metrics table').count()).toBe(2);

      const groups = await page.evaluate<string[]>(
        `[...document.querySelectorAll('#checks-table tr.group-head')].map((tr) => tr.innerText.replace(/\\s+/g, ' ').trim())`,
      );
      expect(groups).toEqual([
        expect.stringMatching(/^browse group duration p95 [\d.]+ ms · avg [\d.]+ ms$/),
        expect.stringMatching(/^browse › detail group duration p95 [\d.]+ ms · avg [\d.]+ ms$/),
      ]);
      const detailChecks = await page
        .locator('#checks-table tbody[data-group="::browse::detail"] tr:not(.group-head)')
        .allTextContents();
      expect(detailChecks).toHaveLength(1);
      expect(detailChecks[0]).toContain('slow');

      for (const [width, colorScheme] of [
        [390, 'light'],
        [390, 'dark'],
        [1440, 'light'],
        [1440, 'dark'],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        // Wide tables scroll in their own box: nothing widens the page. The charts follow a resize through a
        // ResizeObserver, a frame or two after the viewport changes: wait for the layout to settle.
        await expect
          .poll(() => page.evaluate<number>('document.documentElement.scrollWidth'), {
            message: `${width} ${colorScheme}`,
            timeout: 10_000,
          })
          .toBe(width);
        expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe(
          colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)',
        );
        mkdirSync(SCREENSHOTS, { recursive: true });
        for (const [name, section] of [
          ['checks', 'section:has(#checks-table)'],
          ['custom-metrics', '#custom-metrics'],
        ] as const) {
          await page.locator(section).screenshot({
            path: `${SCREENSHOTS}ui-run-detail-${name}-${width}-${colorScheme}.png`,
          });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: null });
    });

    it('lists both runs in history, filters them in the URL, and opens a report', async () => {
      await page.goto(`${agent.url}/#/history`);
      await page.locator('#runs-table').waitFor();
      const rows = page.locator('#runs-table tbody tr');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run')))).toEqual([
        finishedId,
        stoppedId,
      ]);
      expect(await rows.nth(0).locator('.badge').textContent()).toContain('PASSED');
      expect(await rows.nth(1).locator('.badge').textContent()).toContain('STOPPED');
      expect(await page.locator('#chart-history').getAttribute('data-points')).toBe('2');

      await page.selectOption('select[name=status]', 'passed');
      await page.waitForFunction(`location.hash === '#/history?status=passed'`);
      await page.waitForFunction(`document.querySelectorAll('#runs-table tbody tr').length === 1`);
      expect(await rows.first().getAttribute('data-run')).toBe(finishedId);

      const [report] = await Promise.all([
        context.waitForEvent('page'),
        rows.first().locator('a[data-link=report]').click(),
      ]);
      await report.waitForLoadState('load');
      expect(report.url()).toBe(`${agent.url}/api/runs/${encodeURIComponent(finishedId)}/report.html`);
      expect(await report.locator('[data-verdict]').textContent()).toContain('PASSED');
      expect(await report.title()).toContain('ui-short');
      await report.close();
    });

    it('compares the two runs and says, as the gate does, that runs of two presets are not comparable', async () => {
      await page.goto(`${agent.url}/#/history`);
      await page.locator('#runs-table').waitFor();
      await page.check(`input[aria-label="Select ${finishedId} to compare"]`);
      await page.check(`input[aria-label="Select ${stoppedId} to compare"]`);
      await page.click('#compare-selected');
      // The older run is the base.
      await page.waitForFunction(
        `location.hash === ${JSON.stringify(`#/compare/${encodeURIComponent(stoppedId)}/${encodeURIComponent(finishedId)}`)}`,
      );
      await page.locator('[data-refusal]').waitFor();
      expect(await page.locator('[data-verdict]').textContent()).toContain('NOT COMPARABLE');
      expect(await page.locator('[data-refusal]').textContent()).toContain(
        `ran preset "ui-long", ${finishedId} ran preset "ui-short"`,
      );
      // No verdict of its own: no REGRESSION, no table of deltas.
      expect(await page.locator('#kpi-table').count()).toBe(0);
      expect(await page.locator('#gate-rows-table').count()).toBe(0);
      // The timelines are still drawn side by side.
      await page.waitForFunction(`${pointsOf('chart-compare-rps')} >= 3`);
      expect(await page.locator('#chart-compare-p95').getAttribute('data-drawn')).toBe('true');
      expect(problems).toEqual([]);
    });
  },
);
