import { accessSync, constants } from 'node:fs';
import { EngineError } from '../engine-error.js';

/** Where Debian, Ubuntu, Alpine and Fedora put their Chromium; the first executable one wins. */
export const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
] as const;

export const chromiumPathVariable = 'FPT_CHROMIUM_PATH';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The system Chromium to drive. FPT never downloads a browser (playwright-core has none, and agents run in
 * closed networks), so it is $FPT_CHROMIUM_PATH or one found on the machine, else a clear error.
 */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
  executable: (path: string) => boolean = isExecutable,
): string {
  const configured = env[chromiumPathVariable];
  if (configured !== undefined && configured !== '') {
    if (executable(configured)) return configured;
    throw new EngineError(
      `${chromiumPathVariable} is ${configured}, which is not an executable file`,
      `point ${chromiumPathVariable} at a Chromium binary, or unset it to use /usr/bin/chromium (Debian package "chromium")`,
    );
  }
  const found = chromiumCandidates.find((path) => executable(path));
  if (found !== undefined) return found;
  throw new EngineError(
    `browser scenarios need Chromium, and none was found (looked at ${chromiumCandidates.join(', ')})`,
    `install the Debian package "chromium" (apt-get install -y chromium), or set ${chromiumPathVariable} to a Chromium binary`,
  );
}

/** findChromium without the error, for callers (tests) that skip rather than fail. */
export function chromiumOrUndefined(env?: Readonly<Record<string, string | undefined>>): string | undefined {
  try {
    return findChromium(env);
  } catch {
    return undefined;
  }
}
