import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { sleepMs } from '../clock.js';
import type { IterationResult, VirtualUser } from '../scenario-runtime.js';
import { type CompiledTemplate, renderTemplate } from '../template.js';
import type { BrowserScenarioRuntime } from './browser-scenario-runtime.js';
import type { CompiledStep } from './compile-browser-steps.js';
import { guardNavigations } from './guard-navigations.js';
import { NetworkRecorder } from './network-recorder.js';
import { PageVisits } from './page-visits.js';
import { vitalBindingName } from './page-vitals-collector.js';
import { runBrowserStep, shortError } from './run-browser-step.js';
import { screenshotPath } from './screenshot-path.js';
import { settleWithin } from './settle-within.js';
import { startScreencast } from './start-screencast.js';
import { webVitalsInitScript } from './web-vitals-init-script.js';

/** Opening a context or page normally takes well under a second; longer means the browser is in trouble. */
const openTimeoutMs = 30_000;
const screenshotTimeoutMs = 5_000;
/** Blanking or closing the tab between iterations. */
const resetTimeoutMs = 5_000;
/** How long the end of an iteration waits for the byte counts of its last requests. */
const networkSettleMs = 1_000;

/**
 * One browser user: an isolated BrowserContext (cookies, storage, cache) and one tab for its whole life;
 * each iteration runs the journey's steps in order in that tab, from a blank page.
 */
export class BrowserVirtualUser implements VirtualUser {
  readonly id: number;
  readonly #runtime: BrowserScenarioRuntime;
  readonly #visits: PageVisits;
  #context: Promise<BrowserContext> | undefined;
  #network: NetworkRecorder | undefined;
  #page: Page | undefined;
  #iteration = 0;
  #closed = false;

  constructor(id: number, runtime: BrowserScenarioRuntime) {
    this.id = id;
    this.#runtime = runtime;
    this.#visits = new PageVisits(runtime.metrics, runtime.browserSpec.webVitals);
  }

  async runIteration(signal: AbortSignal): Promise<IterationResult> {
    if (signal.aborted || this.#closed) return 'interrupted';
    const iteration = this.#iteration++;
    const opening = this.#openPage();
    const opened = await settleWithin(opening, openTimeoutMs, signal);
    if (!opened.ok) {
      // A page that opens after all is closed at once rather than left to the end of the VU.
      opening.then((late) => late.close()).catch(() => {});
      if (opened.reason !== 'aborted') {
        const why = opened.reason === 'error' ? shortError(opened.error) : `no answer in ${openTimeoutMs} ms`;
        this.#runtime.warnings.once(
          `browser-open:${this.#runtime.name}`,
          () =>
            `scenario ${this.#runtime.name}: could not open a browser page (${why}); its iterations were interrupted`,
        );
      }
      return 'interrupted';
    }
    const page = opened.value;
    this.#visits.startIteration();
    // Closing the page makes whatever Playwright call is in flight reject at once.
    const onAbort = () => {
      page.close().catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.#runSteps(page, iteration, signal);
      if (signal.aborted) this.#visits.discard();
      else await this.#visits.flush(page, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      await this.#resetPage(page, signal);
      await this.#network?.settle(networkSettleMs);
    }
    if (signal.aborted) return 'interrupted';
    const thinkTime = this.#runtime.thinkTime;
    if (thinkTime) await thinkTime(signal);
    return signal.aborted ? 'interrupted' : 'completed';
  }

  async close(): Promise<void> {
    this.#closed = true;
    const context = this.#context;
    this.#context = undefined;
    if (!context) return;
    const opened = await settleWithin(context, openTimeoutMs);
    if (opened.ok) await settleWithin(opened.value.close(), openTimeoutMs);
    await this.#network?.settle(networkSettleMs);
  }

  /** Runs the journey; stops at the first failed step (later steps depend on it), which is a failed check. */
  async #runSteps(page: Page, iteration: number, signal: AbortSignal): Promise<void> {
    const runtime = this.#runtime;
    const variables = runtime.variables.for(this.id, iteration);
    for (const step of runtime.steps) {
      if (signal.aborted) return;
      const render = (template: CompiledTemplate) =>
        renderTemplate(template, variables, (variable) =>
          runtime.warnings.once(
            `missing:${runtime.name}:step${step.index}:${variable}`,
            () =>
              `scenario ${runtime.name}, step ${step.index + 1} (${step.checkName}): {{${variable}}} has no value; it was used empty`,
          ),
        );
      let pageName: string;
      if (step.action === 'goto') {
        // Leaving the page: its LCP and CLS are final only now.
        await this.#visits.flush(page, signal);
        if (signal.aborted) return;
        pageName = step.pageName;
        this.#visits.nameGoto(render(step.url), pageName);
      } else {
        pageName = this.#visits.pageName(page.url());
      }
      try {
        await runBrowserStep(page, step, render);
      } catch (error) {
        if (signal.aborted) return;
        runtime.recorder.recordCheck(runtime.name, pageName, step.checkName, false);
        await this.#onFailure(page, iteration, step, pageName, error);
        return;
      }
      if (signal.aborted) return;
      runtime.recorder.recordCheck(runtime.name, pageName, step.checkName, true);
    }
  }

  async #onFailure(
    page: Page,
    iteration: number,
    step: CompiledStep,
    pageName: string,
    error: unknown,
  ): Promise<void> {
    const runtime = this.#runtime;
    const path = screenshotPath(runtime.artifactsDir, runtime.name, this.id, iteration, step.index);
    let saved = false;
    let why = 'page closed';
    try {
      await mkdir(dirname(path), { recursive: true });
      // A page still committing a navigation (an error page replacing a failed load, say) refuses a
      // screenshot for a moment: one more try after a short pause.
      for (let attempt = 0; attempt < 2 && !saved && !page.isClosed(); attempt++) {
        if (attempt > 0) await sleepMs(250);
        const shot = await settleWithin(
          page.screenshot({ path, timeout: screenshotTimeoutMs }),
          screenshotTimeoutMs,
        );
        saved = shot.ok;
        if (!shot.ok) why = shot.reason === 'error' ? shortError(shot.error) : shot.reason;
      }
    } catch (mkdirError) {
      // An unwritable artifacts folder loses the screenshot, not the run.
      why = shortError(mkdirError);
    }
    runtime.warnings.once(
      `browser-step:${runtime.name}:${step.index}`,
      () =>
        `scenario ${runtime.name}, step ${step.index + 1} (${step.checkName}) failed on ${pageName}: ${shortError(error)}; ${
          saved ? `screenshot ${path}` : `no screenshot could be taken (${why})`
        } (later failures of this step are counted in checks, not repeated here)`,
    );
  }

  /**
   * The VU's tab. It lives across iterations: a new page per iteration would cost a renderer process
   * start each time (about a third of a short journey on a small machine), and every iteration begins
   * with a goto to a fresh document anyway.
   */
  async #openPage(): Promise<Page> {
    if (this.#page && !this.#page.isClosed()) return this.#page;
    const context = await this.#ensureContext();
    const page = await context.newPage();
    try {
      await startScreencast(context, page);
    } catch {
      // Without frames INP may go unobserved; the page still works, and the gap shows as not observed.
    }
    this.#page = page;
    return page;
  }

  /**
   * Leaves the tab blank for the next iteration, so nothing of this one (timers, pending requests) runs
   * on. A stopped iteration, or a page that will not leave, loses its tab; the next opens a new one.
   */
  async #resetPage(page: Page, signal: AbortSignal): Promise<void> {
    if (!signal.aborted && !page.isClosed()) {
      const blank = await settleWithin(page.goto('about:blank', { timeout: resetTimeoutMs }), resetTimeoutMs);
      if (blank.ok) return;
    }
    if (this.#page === page) this.#page = undefined;
    await settleWithin(page.close(), resetTimeoutMs);
  }

  #ensureContext(): Promise<BrowserContext> {
    if (!this.#context) {
      const created = this.#createContext();
      this.#context = created;
      // A failed or crashed context is made again on the next iteration.
      created.then(
        (context) =>
          context.on('close', () => {
            if (this.#context === created) this.#context = undefined;
          }),
        () => {
          if (this.#context === created) this.#context = undefined;
        },
      );
    }
    return this.#context;
  }

  async #createContext(): Promise<BrowserContext> {
    const runtime = this.#runtime;
    const browser = await runtime.browser();
    const context = await browser.newContext({
      viewport: runtime.browserSpec.viewport,
      ignoreHTTPSErrors: runtime.insecureSkipTLSVerify,
    });
    try {
      if (runtime.targetGuard) await guardNavigations(context, runtime.targetGuard, runtime.warnings);
      await context.addInitScript({ content: webVitalsInitScript() });
      await context.exposeBinding(vitalBindingName, (source, report: unknown) => {
        // Late values from a tab closed after a stop belong to a visit that was cut short.
        if (source.page === this.#page) this.#visits.onStreamed(report);
      });
      this.#network = new NetworkRecorder(context, runtime.metrics, (url) => this.#visits.pageName(url));
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
    return context;
  }
}
