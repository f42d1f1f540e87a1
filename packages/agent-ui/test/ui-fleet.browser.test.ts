import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMs } from '@fpt/readable';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  chromiumMissingReason,
  launchChromium,
  watchPageProblems,
} from '../../../tools/test-support/chromium.js';
import { type DelayProxy, startDelayProxy } from '../../../tools/test-support/delay-proxy.js';
import { api, seedFolder, waitForPoints } from '../../agent/test/agent-fixtures.js';
import {
  closedPort,
  type FleetRunLike,
  spreadPreset,
  startRegionAgent,
} from '../../fleet/test/fleet-fixtures.js';
import { LAYOUTS, SCREENSHOTS } from './page-checks.js';

const chromiumMissing = chromiumMissingReason();
if (chromiumMissing) console.warn(`skipping the fleet UI browser tests: ${chromiumMissing}`);

/** What the far path adds to every eu-far request (spread's eu-far threshold wants min >= 320 ms). */
const farDelayMs = 300;

/** The figures the UI shows per region, from the coordinator's own answer. */
type FleetRunFigures = FleetRunLike & {
  regions: (FleetRunLike['regions'][number] & { figures: { p95Ms: number | null } | null })[];
};

/** Waits until the first element `selector` matches reads `text` (the status bar polls every 3 s). */
const waitForText = (p: Page, selector: string, text: string) =>
  p.waitForFunction(
    `document.querySelector(${JSON.stringify(selector)})?.textContent === ${JSON.stringify(text)}`,
  );

const fleetRunIdFrom = (url: string) => decodeURIComponent(/#\/fleet\/(.+)$/.exec(url)![1]!);

describe.skipIf(chromiumMissing !== undefined)(
  'the fleet pages in headless Chromium, against real agents in two regions',
  () => {
    let target: DemoTarget;
    let farPath: DelayProxy;
    let seed: string;
    let nearA: AgentProcess;
    let nearB: AgentProcess;
    let farA: AgentProcess;
    const agents: AgentProcess[] = [];
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** Uncaught exceptions and console errors other than the HTTP refusals the tests provoke. */
    const problems: string[] = [];

    const startAgent = async (
      id: string,
      region: string,
      env: Record<string, string>,
      args: string[] = [],
    ) => {
      const agent = await startRegionAgent({ id, region, seed, targetUrl: target.url, env, args });
      agents.push(agent);
      return agent;
    };

    const watch = (p: Page) => watchPageProblems(p, problems);

    beforeAll(async () => {
      target = await startDemoTarget();
      farPath = await startDelayProxy(target.url, farDelayMs);
      seed = seedFolder({ 'spread.yaml': spreadPreset });
      [nearB, farA] = await Promise.all([
        startAgent('near-b', 'eu-near', {}),
        // eu-far reaches the target through the slow path only.
        startAgent('far-a', 'eu-far', { TARGET_URL: farPath.url }),
      ]);
      const gonePort = await closedPort();
      const coordinatorPort = await closedPort();
      const peersFile = join(seed, 'peers.yaml');
      // near-b is listed a second time under a region it is not in, as a registry gone stale would.
      writeFileSync(
        peersFile,
        `peers:
  - { id: near-a, region: eu-near, role: baseline, url: "http://127.0.0.1:${coordinatorPort}" }
  - { id: near-b, region: eu-near, role: baseline, url: "${nearB.url}" }
  - { id: far-a, region: eu-far, role: far, url: "${farA.url}" }
  - { id: mislabeled, region: us-east, role: confirm, url: "${nearB.url}" }
  - { id: gone, region: us-gone, role: far, url: "http://127.0.0.1:${gonePort}" }
`,
      );
      // The coordinator is one of eu-near's agents too: it runs its share through its own API.
      nearA = await startAgent('near-a', 'eu-near', { FPT_PEERS_FILE: peersFile }, [
        '--port',
        String(coordinatorPort),
      ]);
      browser = await launchChromium();
      // One context: its pages share the login cookie.
      context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      page = await context.newPage();
      watch(page);
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      for (const agent of agents.splice(0)) await agent.stop();
      await farPath?.close();
      await target?.close();
      if (seed) rmSync(seed, { recursive: true, force: true });
    });

    it('shows the fleet in the nav and status bar, every peer with its region and health, the dead one unreachable', async () => {
      await page.goto(nearA.url);
      await page.getByRole('form', { name: 'Log in' }).waitFor();
      await page.fill('input[name=token]', nearA.token!);
      await page.click('form[aria-label="Log in"] button[type=submit]');
      await page.locator('#presets-table').waitFor();
      await waitForText(page, '[data-field=peers]', 'Fleet: 5 peers');
      await page.click('nav[aria-label=Pages] a:has-text("Fleet")');
      expect(page.url()).toBe(`${nearA.url}/#/fleet`);

      await page.locator('#peers-table').waitFor();
      const rows = await page
        .locator('#peers-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-peer'),
            tr.querySelector('[data-field=region]')?.firstChild?.textContent,
            tr.getAttribute('data-health'),
          ]),
        );
      expect(rows).toEqual([
        ['near-a', 'eu-near', 'ok'],
        ['near-b', 'eu-near', 'ok'],
        ['far-a', 'eu-far', 'ok'],
        ['mislabeled', 'us-east', 'ok'],
        ['gone', 'us-gone', 'unreachable'],
      ]);
      const gone = page.locator('tr[data-peer=gone]');
      expect(await gone.locator('.badge').first().textContent()).toContain('unreachable');
      expect(await gone.textContent()).toContain('ECONNREFUSED');
      expect(await page.locator('tr[data-peer=far-a]').textContent()).toContain('idle');
      expect(await page.locator('tr[data-peer=far-a] .badge').first().textContent()).toContain('online');
      expect(
        await page.locator('tr[data-peer=mislabeled] [data-warning=region-mismatch]').textContent(),
      ).toContain('the registry says us-east, the agent says eu-near');
      expect(await page.locator('[data-verdict]').textContent()).toContain('DEGRADED');
      expect(await page.locator('.verdict-detail').textContent()).toBe(
        'Degraded: 1 unreachable, 1 region mismatch (4/5 online)',
      );
      expect(await page.locator('[data-field=peer-counts]').textContent()).toBe(
        '4 idle, 0 busy, 1 offline, 0 on another version',
      );

      // An agent without peers offers no Fleet page (the login cookie is the host's, so it is shared).
      const plain = await context.newPage();
      watch(plain);
      await plain.goto(`${nearB.url}/#/presets`);
      await waitForText(plain, '[data-field=peers]', 'Peers: none configured');
      expect(await plain.locator('nav[aria-label=Pages] a').allTextContents()).toEqual([
        'Presets',
        'History',
      ]);
      await plain.close();
    });

    it('runs a preset in two regions, follows it to the end, and shows the regions side by side with the merged verdict', async () => {
      await page.goto(`${nearA.url}/#/fleet`);
      const form = page.locator('form[aria-label="Start a fleet run"]');
      await form.waitFor();
      await page.selectOption('select[name=preset]', 'spread');
      // The preset's own regions are ticked; the others are offered, the unserved ones cannot be.
      const ticks = await form
        .locator('input[name=region]')
        .evaluateAll((inputs) =>
          (inputs as unknown as { value: string; checked: boolean }[]).map((i) => `${i.value}:${i.checked}`),
        );
      expect(ticks).toEqual(['eu-near:true', 'eu-far:true', 'us-east:false', 'us-gone:false']);
      await page.uncheck('input[name=region][value=eu-near]');
      await page.uncheck('input[name=region][value=eu-far]');
      await page.click('form[aria-label="Start a fleet run"] button[type=submit]');
      expect(await form.locator('.problems').textContent()).toBe('Tick at least one region to run in.');
      await page.check('input[name=region][value=eu-near]');
      await page.check('input[name=region][value=eu-far]');
      await page.click('form[aria-label="Start a fleet run"] button[type=submit]');

      await page.waitForFunction(`location.hash.startsWith('#/fleet/')`);
      const id = fleetRunIdFrom(page.url());
      // Followed once a second until it ends (20 requests per region, eu-far's 300 ms slower each).
      await page.locator('[data-view=fleet-run][data-status=passed]').waitFor({ timeout: 90_000 });
      const { body: run } = await api<FleetRunFigures>(nearA, `/api/fleet/runs/${encodeURIComponent(id)}`);
      expect(run.status).toBe('passed');

      expect(await page.locator('[data-verdict]').textContent()).toContain('PASSED');
      expect(await page.locator('.verdict-detail').textContent()).toBe(
        'every region delivered and all 2 thresholds held on the merged data',
      );
      expect(await page.title()).toBe('PASSED · fleet spread · FPT agent');
      expect(await page.locator('[data-field=regions]').textContent()).toBe('eu-near, eu-far');

      const table = page.locator('#fleet-regions-table');
      const regionRows = await table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => `${tr.getAttribute('data-region')}:${tr.getAttribute('data-status')}`),
        );
      expect(regionRows).toEqual(['eu-near:complete', 'eu-far:complete']);
      const cell = (region: string, column: string) =>
        table.locator(`tr[data-region=${region}] [data-column=${column}]`).textContent();
      // Each region ran the preset's whole load; the fleet row merges both.
      expect(await cell('eu-near', 'requests')).toBe('20');
      expect(await cell('eu-far', 'requests')).toBe('20');
      expect(await cell('fleet', 'requests')).toBe('40');
      for (const region of run.regions) {
        expect(await cell(region.region, 'p95')).toContain(formatMs(region.figures!.p95Ms));
        expect(await cell(region.region, 'errorRate')).toBe('0 %');
      }
      // The far path is 300 ms slower per request, so eu-far is the highest, marked in the table and first in the chart.
      const [near, far] = run.regions;
      expect(far!.figures!.p95Ms!).toBeGreaterThan(near!.figures!.p95Ms!);
      expect(await table.locator('tr[data-region=eu-far] [data-column=p95] .meaning-worse').count()).toBe(1);
      expect(await table.locator('tr[data-region=eu-near] .meaning-worse').count()).toBe(0);
      expect(
        await page
          .locator('#region-spread .bar-row')
          .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-region'))),
      ).toEqual(['eu-far', 'eu-near']);
      expect(await page.locator('[data-field=spread-summary]').textContent()).toMatch(
        /^eu-far is highest at .+, eu-near lowest at .+: \+.+ ms \(.+×\)$/,
      );
      // No browser journeys, so no Web Vitals columns.
      expect(await table.locator('thead').textContent()).not.toContain('LCP');

      // Thresholds: eu-far's own threshold applies to eu-far only.
      expect(await table.locator('tr[data-region=eu-near] [data-field=thresholds]').textContent()).toBe(
        '✓ 1 held',
      );
      expect(await table.locator('tr[data-region=eu-far] [data-field=thresholds]').textContent()).toBe(
        '✓ 2 held',
      );
      const thresholds = await page.locator('#fleet-thresholds-table tbody tr').allTextContents();
      expect(thresholds).toHaveLength(2);
      for (const row of thresholds) expect(row).toContain('passed');

      // Each agent's state, its share of the region, and a link to its own run on its own UI.
      const agentsOf = (region: string) =>
        table
          .locator(`tr[data-region=${region}] li[data-agent]`)
          .evaluateAll((lis) =>
            lis.map((li) => `${li.getAttribute('data-agent')}:${li.getAttribute('data-state')}`),
          );
      expect(await agentsOf('eu-near')).toEqual(['near-a:passed', 'near-b:passed']);
      expect(await agentsOf('eu-far')).toEqual(['far-a:passed']);
      const nearBShare = table.locator('li[data-agent=near-b]');
      expect(await nearBShare.textContent()).toContain('share 2/2');
      const nearBRunId = near!.agents[1]!.runId!;
      expect(await nearBShare.locator('a[data-link=agent-run]').getAttribute('href')).toBe(
        `${nearB.url}/#/runs/${encodeURIComponent(nearBRunId)}`,
      );
      expect(await nearBShare.locator('a[data-link=agent-report]').getAttribute('href')).toBe(
        `${nearB.url}/api/runs/${nearBRunId}/report.html`,
      );

      // The merged figures and evidence.
      expect(await page.locator('[data-tile=requests] .tile-value').textContent()).toBe('40');
      const report = page.locator('.verdict a[data-link=report]');
      expect(await report.getAttribute('href')).toBe(`api/fleet/runs/${encodeURIComponent(id)}/report.html`);
      const html = await api<string>(nearA, `/${(await report.getAttribute('href'))!}`);
      expect(html.body).toContain('id="fleet-regions-table"');
      expect(await page.locator('.verdict a[data-link=junit]').count()).toBe(1);

      // The Fleet page lists it.
      await page.goto(`${nearA.url}/#/fleet`);
      const listed = page.locator(`#fleet-runs-table tr[data-fleet-run="${id}"]`);
      await listed.waitFor();
      expect(await listed.locator('[data-status]').textContent()).toContain('PASSED');

      // Both fleet pages fit a 390 px phone and a 1440 px screen, light and dark: their tables scroll
      // in their own box, nothing scrolls the page sideways.
      for (const [width, height, colorScheme] of [
        [1440, 900, 'light'],
        [1440, 900, 'dark'],
        [390, 844, 'light'],
        [390, 844, 'dark'],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        for (const [hash, ready] of [
          ['#/fleet', '#peers-table'],
          [`#/fleet/${encodeURIComponent(id)}`, '#fleet-regions-table'],
        ] as const) {
          await page.goto(`${nearA.url}/${hash}`);
          await page.locator(ready).waitFor();
          expect(
            await page.evaluate<number>('document.documentElement.scrollWidth'),
            `${hash} at ${width} ${colorScheme}`,
          ).toBeLessThanOrEqual(width);
          const name = hash === '#/fleet' ? 'fleet' : 'fleet-run';
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({
            path: `${SCREENSHOTS}${name}-${width}-${colorScheme}.png`,
            fullPage: true,
          });
        }
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.emulateMedia({ colorScheme: null });
    }, 120_000);

    it('follows a long fleet run, shows the peers busy and a second start refused, and stops it', async () => {
      await page.goto(`${nearA.url}/#/fleet`);
      await page.locator('form[aria-label="Start a fleet run"]').waitFor();
      await page.selectOption('select[name=preset]', 'long');
      // long names no regions: every region of the fleet is ticked; keep the two with live agents.
      await page.uncheck('input[name=region][value=us-east]');
      await page.uncheck('input[name=region][value=us-gone]');
      await page.click('form[aria-label="Start a fleet run"] button[type=submit]');
      await page.waitForFunction(`location.hash.startsWith('#/fleet/')`);
      const id = fleetRunIdFrom(page.url());
      await page.locator('[data-view=fleet-run][data-status=running]').waitFor();
      expect(await page.locator('[data-verdict]').textContent()).toContain('RUNNING');
      await page.waitForFunction(
        `document.querySelectorAll('#fleet-regions-table li[data-agent][data-state=running]').length === 3`,
        undefined,
        { timeout: 60_000 },
      );
      // The status bar links to the fleet run in progress (once its next poll has seen it).
      await page.locator(`[data-field=fleet-run][href="#/fleet/${encodeURIComponent(id)}"]`).waitFor();

      const { body: running } = await api<FleetRunLike>(nearA, `/api/fleet/runs/${encodeURIComponent(id)}`);
      const farRunId = running.regions.find((r) => r.region === 'eu-far')!.agents[0]!.runId!;
      const second = await context.newPage();
      watch(second);
      await second.goto(`${nearA.url}/#/fleet`);
      const farRow = second.locator('tr[data-peer=far-a]');
      await farRow.waitFor();
      expect(await farRow.textContent()).toContain('busy');
      expect(await farRow.locator('a[data-link=peer-run]').getAttribute('href')).toBe(
        `${farA.url}/#/live/${encodeURIComponent(farRunId)}`,
      );
      expect(await second.locator('[data-field=peer-counts]').textContent()).toBe(
        '0 idle, 4 busy, 1 offline, 0 on another version',
      );
      await second.locator('form[aria-label="Start a fleet run"]').waitFor();
      await second.selectOption('select[name=preset]', 'spread');
      await second.click('form[aria-label="Start a fleet run"] button[type=submit]');
      const refusal = second.locator('form[aria-label="Start a fleet run"] [role=alert]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('A fleet run is in progress');
      expect(await refusal.locator('a').getAttribute('href')).toBe(`#/fleet/${encodeURIComponent(id)}`);
      await second.close();

      // Every agent's load has started (its first live point), so each stop leaves measurements behind.
      const byPeer: Record<string, AgentProcess> = { 'near-a': nearA, 'near-b': nearB, 'far-a': farA };
      for (const agent of running.regions.flatMap((r) => r.agents))
        await waitForPoints(byPeer[agent.peer]!, agent.runId!, 1);
      await page.click('button:has-text("Stop fleet run")');
      await page.click('button:has-text("Yes, stop it")');
      await page.locator('[data-view=fleet-run][data-status=stopped]').waitFor({ timeout: 90_000 });
      expect(await page.locator('[data-verdict]').textContent()).toContain('STOPPED');
      expect(await page.locator('.verdict').textContent()).toContain('Partial data');
      const states = await page
        .locator('#fleet-regions-table li[data-agent]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
      expect(states).toEqual(['stopped', 'stopped', 'stopped']);
      expect(await page.locator('button:has-text("Stop fleet run")').count()).toBe(0);
      expect(problems).toEqual([]);
    }, 150_000);

    it('shows live figures while a fleet run runs, pushed by its merged stream, and an unreachable region as such', async () => {
      // How long a figure may take to show: the agents start their runs, then a point comes each second.
      const livePoll = { timeout: 60_000 };
      const started = await api<FleetRunLike>(nearA, '/api/fleet/runs', {
        body: { preset: 'long', regions: ['eu-near', 'eu-far', 'us-gone'] },
      });
      expect(started.status).toBe(202);
      const id = started.body.id;
      const streams: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/live')) streams.push(request.url());
      });
      await page.goto(`${nearA.url}/#/fleet/${encodeURIComponent(id)}`);
      await page.locator('[data-view=fleet-run][data-status=running]').waitFor();
      const live = page.locator('[data-field=fleet-live]');
      const text = (selector: string) => live.locator(selector).textContent();
      const tile = (name: string) => text(`[data-tile="${name}"] .tile-value`);
      const regionState = (region: string) =>
        live.locator(`[data-tile="region-${region}"] [data-live-state]`).getAttribute('data-live-state');

      // Fleet-wide: requests/s, error rate, p95 and elapsed of planned, each with its unit.
      await expect.poll(() => tile('rps'), livePoll).toMatch(/^[\d,.]+\/s$/);
      await expect.poll(() => tile('p95'), livePoll).toMatch(/^[\d.]+ (ms|s)$/);
      expect(await tile('errors')).toMatch(/^[\d.<]+ %$/);
      expect(await tile('elapsed')).toMatch(/^\d+:\d\d$/);
      expect(await text('[data-tile=elapsed] .tile-secondary')).toMatch(/^of 5:00 planned/);
      // Per region: both regions with agents live, each with its p95; the unreachable one says so, never running.
      for (const region of ['eu-near', 'eu-far']) {
        await expect.poll(() => regionState(region), livePoll).toBe('live');
        await expect.poll(() => tile(`region-${region}`), livePoll).toMatch(/ (ms|s)$/);
        expect(await text(`[data-tile="region-${region}"] .tile-secondary`)).toMatch(/\/s · .+ % errors/);
      }
      expect(await regionState('us-gone')).toBe('unreachable');
      expect(await tile('region-us-gone')).toBe('—');
      // eu-far's agent reaches the target through the slow path: its p95 is above the path's delay.
      await expect
        .poll(async () => Number((await tile('region-eu-far'))!.replace(/ ms$/, '')), livePoll)
        .toBeGreaterThan(farDelayMs);
      // A chart line per region, second by second: every figure came over the one stream.
      await expect
        .poll(() => page.locator('#chart-fleet-live-p95').getAttribute('data-points').then(Number), livePoll)
        .toBeGreaterThan(2);
      expect(streams).toEqual([`${nearA.url}/api/fleet/runs/${encodeURIComponent(id)}/live`]);
      const legend = await page.locator('#chart-fleet-live-p95 .u-legend').textContent();
      for (const region of ['eu-near', 'eu-far', 'us-gone']) expect(legend).toContain(region);

      // A phone and a laptop, light and dark: the live tiles and chart fit, nothing scrolls the page sideways.
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const { width, height, colorScheme } of LAYOUTS) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await expect
          .poll(() => page.evaluate<number>('document.documentElement.scrollWidth'), livePoll)
          .toBeLessThanOrEqual(width);
        await page.screenshot({
          path: `${SCREENSHOTS}fleet-live-${width}-${colorScheme}.png`,
          fullPage: true,
        });
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.emulateMedia({ colorScheme: null });

      await api(nearA, `/api/fleet/runs/${encodeURIComponent(id)}/stop`, { body: {} });
      await page.locator('[data-view=fleet-run][data-status=stopped]').waitFor({ timeout: 90_000 });
      expect(await page.locator('[data-field=fleet-live]').count()).toBe(0);
      expect(problems).toEqual([]);
    }, 150_000);
  },
);
