import type { BrowserSpec, DataRow, Preset, ScenarioSpec } from '@fpt/preset';
import type { Browser } from 'playwright-core';
import { IterationVariables } from '../iteration-variables.js';
import type { MetricsRecorder } from '../metrics-recorder.js';
import type { RunWarnings } from '../run-warnings.js';
import type { ScenarioRuntime, VirtualUser } from '../scenario-runtime.js';
import type { TargetGuard } from '../target-guard.js';
import { thinkTimeOf } from '../think-time.js';
import { BrowserMetrics } from './browser-metrics.js';
import { BrowserVirtualUser } from './browser-virtual-user.js';
import { type CompiledStep, compileBrowserSteps } from './compile-browser-steps.js';
import { findChromium } from './find-chromium.js';
import { acquireSharedBrowser, type BrowserLease } from './shared-browser.js';

export interface BrowserScenarioOptions {
  readonly name: string;
  readonly spec: ScenarioSpec & { readonly browser: BrowserSpec };
  readonly preset: Preset;
  readonly data: Readonly<Record<string, readonly DataRow[]>>;
  /** Constants, setup captures and scenario env, visible to every iteration. */
  readonly sharedVariables: ReadonlyMap<string, string>;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  /** Failed steps leave screenshots in <artifactsDir>/screenshots. */
  readonly artifactsDir: string;
  /** An agent's target allowlist: navigations elsewhere are refused. */
  readonly targetGuard?: TargetGuard;
}

/**
 * Runs a browser journey per iteration in headless Chromium. The Chromium process is the worker's, shared
 * with other browser scenarios and launched on the first iteration; each VU gets its own context.
 */
export class BrowserScenarioRuntime implements ScenarioRuntime {
  readonly name: string;
  readonly browserSpec: BrowserSpec;
  readonly steps: readonly CompiledStep[];
  readonly metrics: BrowserMetrics;
  readonly variables: IterationVariables;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  readonly artifactsDir: string;
  readonly insecureSkipTLSVerify: boolean;
  readonly targetGuard: TargetGuard | undefined;
  readonly #thinkTime: ((signal: AbortSignal) => Promise<void>) | undefined;
  #lease: BrowserLease | undefined;

  constructor(options: BrowserScenarioOptions) {
    // Before any load starts: a machine without Chromium is a setup error with a hint, not N failed VUs.
    findChromium();
    const { spec, preset } = options;
    this.name = options.name;
    this.browserSpec = spec.browser;
    this.steps = compileBrowserSteps(spec.browser, preset.target.baseUrl ?? '');
    this.metrics = new BrowserMetrics(options.recorder.store, {
      ...options.recorder.testTags,
      ...spec.tags,
      scenario: options.name,
    });
    this.variables = new IterationVariables({
      scenario: options.name,
      preset,
      data: options.data,
      sharedVariables: options.sharedVariables,
    });
    this.recorder = options.recorder;
    this.warnings = options.warnings;
    this.artifactsDir = options.artifactsDir;
    this.insecureSkipTLSVerify = preset.target.insecureSkipTLSVerify;
    this.targetGuard = options.targetGuard;
    this.#thinkTime = thinkTimeOf(spec);
  }

  createVu(id: number): VirtualUser {
    return new BrowserVirtualUser(id, this);
  }

  /** The worker's Chromium, launched on first use; a crashed one is replaced once. */
  async browser(): Promise<Browser> {
    for (let attempt = 0; ; attempt++) {
      if (!this.#lease) this.#lease = acquireSharedBrowser();
      const lease = this.#lease;
      const browser = await lease.browser;
      if (browser.isConnected() || attempt > 0) return browser;
      if (this.#lease === lease) {
        this.#lease = undefined;
        await lease.release();
      }
    }
  }

  /** The pause after an iteration; undefined when the scenario has none. */
  get thinkTime(): ((signal: AbortSignal) => Promise<void>) | undefined {
    return this.#thinkTime;
  }

  /** After the scenario's VUs closed: gives back this scenario's hold on the browser. */
  async close(): Promise<void> {
    const lease = this.#lease;
    this.#lease = undefined;
    await lease?.release();
  }
}
