import { existsSync } from 'node:fs';

/** The Chromium that browser tests drive: FPT_CHROMIUM_PATH, else Debian's. */
export const chromiumPath = process.env.FPT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can (CI installs the Debian package). */
export function chromiumMissingReason(): string | undefined {
  return existsSync(chromiumPath)
    ? undefined
    : `no Chromium at ${chromiumPath}: install the Debian package chromium or set FPT_CHROMIUM_PATH (CI installs it)`;
}
