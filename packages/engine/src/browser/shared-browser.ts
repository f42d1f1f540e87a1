import type { Browser } from 'playwright-core';
import { chromiumLaunchArgs, runsAsRoot } from './chromium-flags.js';
import { findChromium } from './find-chromium.js';

/** One runtime's hold on the process's browser; the browser closes when the last holder releases it. */
export interface BrowserLease {
  readonly browser: Promise<Browser>;
  /** How long the launch took, once it is done. */
  readonly launchMs: Promise<number>;
  release(): Promise<void>;
}

interface SharedEntry {
  readonly browser: Promise<Browser>;
  readonly launchMs: Promise<number>;
  holders: number;
}

// One browser per worker thread or process: module state is per thread, which is exactly that scope.
let current: SharedEntry | undefined;

async function launch(): Promise<{ browser: Browser; launchMs: number }> {
  const startedMs = performance.now();
  const root = runsAsRoot();
  // Loaded on first use: Playwright is a large module, and API-only runs (and every worker thread) need none of it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: chromiumLaunchArgs(),
    // Playwright adds --no-sandbox unless asked for the sandbox; only root needs it off.
    chromiumSandbox: !root,
    // The engine owns signals: a Ctrl-C must let the run write its summary, then close the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  return { browser, launchMs: performance.now() - startedMs };
}

/**
 * Takes a hold on this process's Chromium, launching it on first use. Scenario runtimes share it and each
 * gives its own context to every VU. A browser that crashed or failed to launch is not reused: the next
 * acquire launches a fresh one.
 */
export function acquireSharedBrowser(): BrowserLease {
  if (current === undefined) {
    const launched = launch();
    const entry: SharedEntry = {
      browser: launched.then((l) => l.browser),
      launchMs: launched.then((l) => l.launchMs),
      holders: 0,
    };
    // Keep unobserved rejections quiet; whoever awaits entry.browser sees the error.
    entry.launchMs.catch(() => {});
    launched.then(
      ({ browser }) =>
        browser.on('disconnected', () => {
          if (current === entry) current = undefined;
        }),
      () => {
        if (current === entry) current = undefined;
      },
    );
    current = entry;
  }
  const entry = current;
  entry.holders++;
  let released = false;
  return {
    browser: entry.browser,
    launchMs: entry.launchMs,
    async release() {
      if (released) return;
      released = true;
      entry.holders--;
      if (entry.holders > 0) return;
      if (current === entry) current = undefined;
      try {
        await (await entry.browser).close();
      } catch {
        // It never launched, or already died: nothing left to close.
      }
    },
  };
}
