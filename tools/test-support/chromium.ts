import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The Chromium that browser tests drive: FPT_CHROMIUM_PATH, else Debian's. */
export const chromiumPath = process.env.FPT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can (CI installs the Debian package). */
export function chromiumMissingReason(): string | undefined {
  return existsSync(chromiumPath)
    ? undefined
    : `no Chromium at ${chromiumPath}: install the Debian package chromium or set FPT_CHROMIUM_PATH (CI installs it)`;
}

/** Launches the test Chromium headless, as containers and CI machines need it (no sandbox, no GPU, no /dev/shm). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Collects a page's uncaught exceptions and console errors into `problems`. Chromium logs every non-2xx
 * response as "Failed to load resource", which the tests provoke on purpose (a 401 before login, a 409);
 * `ignore` leaves out other messages a test expects.
 */
export function watchPageProblems(
  page: Page,
  problems: string[],
  ignore: (text: string) => boolean = () => false,
): void {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource') && !ignore(text))
      problems.push(`console: ${text}`);
  });
}
