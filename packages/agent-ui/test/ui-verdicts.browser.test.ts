import { mkdirSync, rmSync } from 'node:fs';
import type { GateVerdictJson } from '@fpt/api-types';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  chromiumMissingReason,
  launchChromium,
  watchPageProblems,
} from '../../../tools/test-support/chromium.js';
import { type DelayProxy, startDelayProxy } from '../../../tools/test-support/delay-proxy.js';
import { api, type RunRowLike, waitForEnd, waitForPoints } from '../../agent/test/agent-fixtures.js';
import { contrastRatio, parseColor } from '../src/lib/contrast.js';
import { gateRegressions } from '../src/lib/gate-regressions.js';
import {
  AA,
  colorsOf,
  drawnCharts,
  expectNoSidewaysScroll,
  expectReadableAxes,
  LAYOUTS,
  SCREENSHOTS,
  seenBackground,
} from './page-checks.js';
import { uiVerdictSeedFolder } from './ui-presets.js';

const chromiumMissing = chromiumMissingReason();
if (chromiumMissing) console.warn(`skipping the agent UI verdict and layout tests: ${chromiumMissing}`);

/** Every slow-path request reaches the target this much later: enough to regress past any floor. */
const slowPathDelayMs = 60;

interface RunRowWithVerdict extends RunRowLike {
  readonly exitCode: number | null;
  readonly verdict: 'pass' | 'regression' | null;
  readonly plannedMs: number | null;
}

describe.skipIf(chromiumMissing !== undefined)(
  "the agent UI's verdicts, phone layout and dark mode, in headless Chromium against a real agent",
  () => {
    let target: DemoTarget;
    let slowPath: DelayProxy;
    let seed: string;
    let agent: AgentProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    const runs = { baseline: '', failed: '', regression: '', stopped: '' };

    const start = async (preset: string, overrides?: Record<string, string>) => {
      const { status, body } = await api<RunRowWithVerdict>(agent, '/api/runs', {
        body: { preset, ...(overrides ? { overrides } : {}) },
      });
      expect(status, JSON.stringify(body)).toBe(202);
      return body.id;
    };
    const finished = async (id: string) => (await waitForEnd(agent, id)) as RunRowWithVerdict;
    const runHash = (id: string) => `#/runs/${encodeURIComponent(id)}`;
    const open = async (hash: string, ready: string) => {
      await page.goto(`${agent.url}/${hash}`);
      await page.locator(ready).first().waitFor();
    };

    beforeAll(async () => {
      target = await startDemoTarget();
      slowPath = await startDelayProxy(target.url, slowPathDelayMs);
      seed = uiVerdictSeedFolder();
      agent = await startAgentProcess({
        env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
      });

      // The evidence, made through the API (ui.browser.test.ts drives the start form itself):
      // a baseline of ui-gate, a run that crosses a threshold, a run that regresses against the
      // baseline, and a gated run stopped early.
      runs.baseline = await start('ui-gate');
      expect((await finished(runs.baseline)).status).toBe('passed');
      const saved = await api(agent, `/api/runs/${encodeURIComponent(runs.baseline)}/baseline`, { body: {} });
      expect(saved.status).toBe(201);

      runs.failed = await start('ui-fail');
      const failed = await finished(runs.failed);
      expect([failed.status, failed.exitCode]).toEqual(['failed', 99]);

      runs.regression = await start('ui-gate', { target: slowPath.url });
      const regression = await finished(runs.regression);
      expect([regression.status, regression.exitCode, regression.verdict]).toEqual([
        'passed',
        90,
        'regression',
      ]);

      runs.stopped = await start('ui-gate', { duration: '5m' });
      await waitForPoints(agent, runs.stopped, 2);
      expect(
        (await api(agent, `/api/runs/${encodeURIComponent(runs.stopped)}/stop`, { body: {} })).status,
      ).toBe(202);
      const stopped = await finished(runs.stopped);
      expect(stopped.status).toBe('stopped');
      // The gate still judged it: exactly what the UI must not present as "within baseline".
      expect(stopped.verdict).not.toBeNull();

      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      // Besides refused HTTP calls, the last test provokes a refused connection.
      watchPageProblems(page, problems, (text) => text.includes('ERR_CONNECTION_REFUSED'));
      await page.goto(agent.url);
      await page.fill('input[name=token]', agent.token!);
      await page.click('form[aria-label="Log in"] button[type=submit]');
      await page.locator('#presets-table').waitFor();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await agent?.stop();
      await slowPath?.close();
      await target?.close();
      if (seed) rmSync(seed, { recursive: true, force: true });
    });

    it("heads a failed run FAILED with its crossed threshold's metric, observed value, limit and margin, above the charts", async () => {
      await open(runHash(runs.failed), '#verdict-thresholds');
      const verdict = page.locator('section.verdict');
      expect(await verdict.locator('[data-verdict]').textContent()).toContain('FAILED');
      expect(await verdict.locator('.verdict-detail').textContent()).toBe('1 of 2 thresholds crossed');
      const reason = (await verdict.locator('[data-field=verdict-reason]').textContent())!;
      expect(reason).toMatch(/^p\(95\) [\d.]+ ms ≥ 10 ms on http_req_duration$/);
      // Every request waited 30 ms at the target.
      const observedMs = Number.parseFloat(/p\(95\) ([\d.]+) ms/.exec(reason)![1]!);
      expect(observedMs).toBeGreaterThanOrEqual(30);

      const rows = verdict.locator('#verdict-thresholds tbody tr');
      expect(await rows.count()).toBe(1);
      const cell = (field: string) => rows.first().locator(`[data-field=${field}]`).textContent();
      expect(await cell('metric')).toBe('http_req_duration');
      expect(await cell('observed')).toBe(`${/p\(95\) ([\d.]+ ms)/.exec(reason)![1]}`);
      expect(await cell('limit')).toBe('< 10 ms');
      // 30 ms or more against a 10 ms limit is at least 200 % past it.
      const margin = (await cell('margin'))!;
      expect(margin).toMatch(/^−[\d,.]+ %$/);
      expect(Number.parseFloat(margin.slice(1).replace(/,/g, ''))).toBeGreaterThanOrEqual(200);
      expect(await verdict.locator('[data-field=exit-code]').textContent()).toBe('99');
      expect(await verdict.textContent()).not.toContain('1 thresholds crossed');

      // The reason sits above the first chart, not under four of them.
      const reasonBox = (await verdict.locator('#verdict-thresholds').boundingBox())!;
      const chartBox = (await page.locator('.chart-card').first().boundingBox())!;
      expect(reasonBox.y + reasonBox.height).toBeLessThanOrEqual(chartBox.y);

      // The HTML report of the same run says the same thing.
      const report = await context.newPage();
      await report.goto(`${agent.url}/api/runs/${encodeURIComponent(runs.failed)}/report.html`);
      expect(await report.locator('[data-verdict]').first().textContent()).toContain('FAILED');
      expect(await report.locator('.vb-headline').textContent()).toBe(reason);
      await report.close();

      // An API-only run has no Web Vitals and no regions to show, so no such sections.
      const headings = await page.locator('main h2').allTextContents();
      expect(headings).toContain('Thresholds');
      expect(headings.filter((h) => /web vitals|regions/i.test(h))).toEqual([]);
      expect(await page.locator('[data-tile=lcp], [data-tile=cls], [data-tile=inp]').count()).toBe(0);
      // "Planned" is the scenario's 2 s, not the 3 s its graceful stop may add.
      expect(await page.locator('[data-field=duration]').textContent()).toMatch(/ of 2s planned$/);

      // The charts follow the reader's colour scheme without a reload: rebuilt from the dark variables.
      const axisOf = `document.querySelector('#chart-latency')`;
      const lightAxis = await page.evaluate<string>(`${axisOf}.dataset.axisStroke`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(`${axisOf}?.dataset.scheme === 'dark'`);
      const darkAxis = await page.evaluate<string>(`${axisOf}.dataset.axisStroke`);
      expect(darkAxis).not.toBe(lightAxis);
      expect(darkAxis).toBe(
        await page.evaluate<string>(
          `getComputedStyle(document.documentElement).getPropertyValue('--chart-axis').trim()`,
        ),
      );
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(`${axisOf}?.dataset.scheme === 'light'`);
      await page.emulateMedia({ colorScheme: null });
    });

    it('heads a regression REGRESSION with the request that regressed, its change, and the gate verdict', async () => {
      await open(runHash(runs.regression), '#regressions-table');
      const verdict = page.locator('section.verdict');
      expect(await verdict.locator('[data-verdict]').textContent()).toContain('REGRESSION');
      expect(await verdict.getAttribute('class')).toContain('tone-bad');
      expect(await verdict.locator('.verdict-detail').textContent()).toBe(
        'all 2 thresholds held, but worse than the baseline beyond its tolerances',
      );
      expect(await verdict.locator('[data-field=exit-code]').textContent()).toBe('90');
      expect(await verdict.locator('[data-field=verdict-reason]').textContent()).toMatch(
        /^request items: p95 .+ → .+: more than the 10 % allowed$/,
      );

      const { body: gate } = await api<GateVerdictJson>(
        agent,
        `/api/runs/${encodeURIComponent(runs.regression)}/gate.json`,
      );
      expect(gate.status).toBe('regression');
      const items = gate.requests.find((r) => r.name === 'items')!;
      expect(items.status).toBe('regression');
      expect(items.p95!.changeMs!).toBeGreaterThanOrEqual(slowPathDelayMs * 0.9);
      // steady went to the target directly: it did not regress, and is not listed.
      expect(gate.requests.find((r) => r.name === 'steady')!.status).not.toBe('regression');

      const listed = verdict.locator('#regressions-table tbody tr');
      const names = await listed.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-regression')));
      expect(names).toContain('items');
      expect(names).not.toContain('steady');
      const itemsRow = verdict.locator('#regressions-table tr[data-regression=items]').first();
      const expected = gateRegressions(gate).find((r) => r.name === 'items')!;
      expect(await itemsRow.locator('[data-field=delta]').textContent()).toBe(expected.delta);
      expect(expected.delta).toMatch(/^\+[\d.]+ ms \(\+[\d,.]+ %\)$/);
      expect(await itemsRow.textContent()).toContain(items.failures[0]!);

      const gateLink = verdict.locator('a[data-link=gate]');
      expect(await gateLink.getAttribute('href')).toBe(
        `api/runs/${encodeURIComponent(runs.regression)}/gate.json`,
      );
      expect(await verdict.locator('a[data-link=gate-md]').getAttribute('href')).toBe(
        `api/runs/${encodeURIComponent(runs.regression)}/gate.md`,
      );
      expect(await verdict.locator('[data-field=baseline-state]').textContent()).toContain(
        `worse than baseline run ${runs.baseline}`,
      );
      // No green "within baseline" anywhere, and no second, smaller regression pill.
      expect(await page.locator('[data-baseline-verdict]').count()).toBe(0);

      // The report heads it the same way, and so does the history.
      const report = await context.newPage();
      await report.goto(`${agent.url}/api/runs/${encodeURIComponent(runs.regression)}/report.html`);
      expect(await report.locator('[data-verdict]').first().textContent()).toContain('REGRESSION');
      await report.close();
      await open('#/history', '#runs-table');
      expect(
        await page.locator(`#runs-table tr[data-run="${runs.regression}"] [data-status]`).textContent(),
      ).toContain('REGRESSION');
    });

    it("compares two runs with the gate's own verdict: headline, rows and statuses as GET /api/compare gives them", async () => {
      const { status, body: gate } = await api<GateVerdictJson>(
        agent,
        `/api/compare?base=${encodeURIComponent(runs.baseline)}&run=${encodeURIComponent(runs.regression)}`,
      );
      expect(status).toBe(200);
      expect(gate.status).toBe('regression');
      await open(
        `#/compare/${encodeURIComponent(runs.baseline)}/${encodeURIComponent(runs.regression)}`,
        '#gate-rows-table',
      );
      const verdict = page.locator('section.verdict');
      expect(await verdict.locator('[data-verdict]').textContent()).toContain('REGRESSION');
      expect(await verdict.locator('.verdict-detail').textContent()).toContain(
        `${gate.counts.regressions} regression`,
      );
      expect(await verdict.locator('.verdict-detail').textContent()).toMatch(
        /request items: p95 .+ → .+: more than the 10 % allowed/,
      );
      // Row for row: the page lists exactly the gate's rows, in its order, with its statuses.
      const shown = await page
        .locator('#gate-rows-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-scope'),
            tr.getAttribute('data-name'),
            tr.getAttribute('data-status'),
          ]),
        );
      expect(shown).toEqual(
        [gate.overall, ...gate.requests, ...gate.regions, ...(gate.customMetrics ?? [])].map((r) => [
          r.scope,
          r.name,
          r.status,
        ]),
      );
      expect(shown.filter(([, , s]) => s === 'regression').map(([, name]) => name)).toContain('items');
      const warnings = await page.locator('[data-warning]').allTextContents();
      expect(warnings.map((w) => w.replace(/^⚠\s*/, ''))).toEqual(gate.warnings);

      // Runs of another preset: the gate refuses them, and so does the page.
      const refused = await api<{ error: string; comparable: boolean }>(
        agent,
        `/api/compare?base=${encodeURIComponent(runs.baseline)}&run=${encodeURIComponent(runs.failed)}`,
      );
      expect([refused.status, refused.body.comparable]).toEqual([422, false]);
      await open(
        `#/compare/${encodeURIComponent(runs.baseline)}/${encodeURIComponent(runs.failed)}`,
        '[data-refusal]',
      );
      expect(await page.locator('section.verdict [data-verdict]').textContent()).toContain('NOT COMPARABLE');
      expect(await page.locator('[data-refusal]').textContent()).toBe(refused.body.error);
      expect(await page.locator('#gate-rows-table').count()).toBe(0);
    });

    it('does not call a stopped run "within baseline", nor offer it as a baseline', async () => {
      await open(runHash(runs.stopped), '[data-field=baseline-state]');
      expect(await page.locator('section.verdict [data-verdict]').textContent()).toContain('STOPPED');
      expect(await page.locator('[data-field=baseline-state]').textContent()).toContain('not judged');
      expect(await page.locator('[data-baseline-verdict]').count()).toBe(0);
      expect(await page.locator('button[data-action=set-baseline]').count()).toBe(0);
      expect(await page.locator('[data-field=baseline-unavailable]').textContent()).toContain(
        'a stopped run is partial',
      );
      // A run that completed is offered.
      await open(runHash(runs.failed), '#verdict-thresholds');
      expect(await page.locator('button[data-action=set-baseline]').count()).toBe(1);
      await open('#/history', '#runs-table');
      expect(
        await page.locator(`#runs-table tr[data-run="${runs.stopped}"] [data-baseline-verdict]`).count(),
      ).toBe(0);
    });

    it('moves the status bar with the live stream: busy as the live view opens, idle as the detail replaces it', async () => {
      await open('#/presets', '#presets-table');
      await page.click('tr[data-preset=ui-long] button[data-action=run]');
      await page.click('form.run-form button[type=submit]');
      // What the status bar says at the first frame the live view is on screen (no waiting for a poll).
      const atLive = await page.waitForFunction(
        `document.querySelector('[data-view=live]') ? document.querySelector('[data-field=state]').textContent : null`,
      );
      expect(await atLive.jsonValue()).toContain('busy: ui-long');
      await page.waitForFunction(
        `Number(document.querySelector('#chart-throughput')?.dataset.points ?? 0) >= 1`,
      );
      await page.click('button:has-text("Stop run")');
      await page.click('button:has-text("Yes, stop it")');
      const atDetail = await page.waitForFunction(
        `document.querySelector('[data-view=detail]') ? document.querySelector('[data-field=state]').textContent : null`,
        undefined,
        { timeout: 30_000 },
      );
      expect(await atDetail.jsonValue()).toContain('idle');
    });

    it('fits every page in a 390 px phone and a 1440 px screen, light and dark, with AA chart axes; screenshots', async () => {
      const live = await start('ui-long');
      await waitForPoints(agent, live, 1);
      const pages: readonly { name: string; hash: string; ready: string; shot?: boolean }[] = [
        { name: 'presets', hash: '#/presets', ready: '#presets-table', shot: true },
        {
          name: 'live',
          hash: `#/live/${encodeURIComponent(live)}`,
          ready: '#chart-latency[data-drawn=true]',
        },
        {
          name: 'run-failed',
          hash: runHash(runs.failed),
          ready: '#verdict-thresholds',
          shot: true,
        },
        {
          name: 'run-regression',
          hash: runHash(runs.regression),
          ready: '#regressions-table',
          shot: true,
        },
        { name: 'run-stopped', hash: runHash(runs.stopped), ready: '#requests-table' },
        { name: 'history', hash: '#/history', ready: '#runs-table' },
        {
          name: 'compare',
          hash: `#/compare/${encodeURIComponent(runs.baseline)}/${encodeURIComponent(runs.regression)}`,
          ready: '#gate-rows-table',
        },
        { name: 'not-found', hash: '#/no-such-page', ready: 'main h1' },
      ];
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const layout of LAYOUTS) {
        const label = `${layout.width}-${layout.colorScheme}`;
        await page.setViewportSize({ width: layout.width, height: layout.height });
        await page.emulateMedia({ colorScheme: layout.colorScheme });
        for (const p of pages) {
          await open(p.hash, p.ready);
          if (p.name === 'presets') {
            // With its run form open, as someone about to start it sees it.
            await page.click('tr[data-preset=ui-short] button[data-action=run]');
            await page.locator('form.run-form').waitFor();
          }
          await expectNoSidewaysScroll(page, layout, `${p.name} at ${label}`);
          const charts = await drawnCharts(page);
          if (p.name.startsWith('run-') || p.name === 'live')
            expect(charts.length, `${p.name} at ${label}`).toBeGreaterThanOrEqual(3);
          expectReadableAxes(charts, layout, `${p.name} at ${label}`);

          // Status words (verdict badges, badges, the amber banners, the reason line) meet AA as well.
          const texts = await page.evaluate<{ what: string; color: string; backgrounds: string[] }[]>(
            colorsOf(
              '.verdict-badge, .verdict-headline, .badge, .banner, .chart-offscale, button, .button, .u-legend .u-label, .u-legend .u-value, .muted',
            ),
          );
          for (const text of texts) {
            const ratio = contrastRatio(parseColor(text.color)!, seenBackground(text.backgrounds));
            expect(
              ratio,
              `${text.what} on ${p.name} at ${label}: ${text.color} on ${text.backgrounds.join(' over ')}`,
            ).toBeGreaterThanOrEqual(AA);
          }

          if (p.shot) await page.screenshot({ path: `${SCREENSHOTS}${p.name}-${label}.png`, fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: null });
      await api(agent, `/api/runs/${encodeURIComponent(live)}/stop`, { body: {} });
      await finished(live);
    }, 180_000);

    it('puts each Run button with its preset on a phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await open('#/presets', '#presets-table');
      for (const name of ['ui-fail', 'ui-gate', 'ui-long', 'ui-short']) {
        const nameBox = (await page.locator(`tr[data-preset=${name}] td.card-head strong`).boundingBox())!;
        const runBox = (await page.locator(`tr[data-preset=${name}] button[data-action=run]`).boundingBox())!;
        // Side by side on the card's first line, within the screen.
        expect(Math.abs(runBox.y - nameBox.y), name).toBeLessThan(nameBox.height * 2);
        expect(runBox.x + runBox.width, name).toBeLessThanOrEqual(390);
      }
      await page.setViewportSize({ width: 1440, height: 900 });

      // The login form, before any cookie, fits the phone too.
      const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
      const login = await fresh.newPage();
      await login.goto(agent.url);
      await login.getByRole('form', { name: 'Log in' }).waitFor();
      expect(await login.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await fresh.close();
    });

    it('says the agent cannot be reached when it is down, rather than "Refused (HTTP 0)"', async () => {
      await open('#/presets', '#presets-table');
      await page.click('tr[data-preset=ui-short] button[data-action=run]');
      await agent.stop();
      await page.click('form.run-form button[type=submit]');
      const refusal = page.locator('form.run-form [role=alert]');
      await refusal.waitFor();
      const words = (await refusal.textContent())!;
      expect(words).toContain('The agent cannot be reached');
      expect(words).not.toContain('HTTP 0');
      expect(problems).toEqual([]);
    });
  },
);
