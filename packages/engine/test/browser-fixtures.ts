import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromiumOrUndefined } from '../src/browser/find-chromium.js';
import { acquireSharedBrowser, type BrowserLease } from '../src/browser/shared-browser.js';

/**
 * The system Chromium, or undefined with the reason printed once: browser tests skip only when the
 * machine has none (CI installs the Debian package "chromium", so nothing is skipped there).
 */
export function chromiumForTests(file: string): string | undefined {
  const path = chromiumOrUndefined();
  if (path === undefined) {
    console.warn(
      `${file}: skipped, no Chromium on this machine (install the Debian package "chromium" or set FPT_CHROMIUM_PATH)`,
    );
  }
  return path;
}

/**
 * Holds the process's browser for the whole test file, so that the runs in it share one launch: each
 * run's browser scenario takes and gives back its own hold, and the browser closes after the last.
 */
export function useSharedBrowser(enabled: boolean): void {
  let lease: BrowserLease | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    lease = acquireSharedBrowser();
    await lease.browser;
  });
  afterAll(async () => {
    await lease?.release();
  });
}

/** A fresh artifacts folder for one test file, removed after it. */
export function useArtifactsDir(): { readonly path: string } {
  const holder = { path: '' };
  beforeAll(() => {
    holder.path = mkdtempSync(join(tmpdir(), 'fpt-browser-'));
  });
  afterAll(() => {
    if (holder.path) rmSync(holder.path, { recursive: true, force: true });
  });
  return holder;
}
