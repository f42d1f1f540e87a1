/**
 * Flags for small containers and closed networks (see docs/browser.md). Playwright adds --headless and its
 * own defaults; these come on top.
 */
export const chromiumFlags = [
  '--disable-gpu',
  // Docker's /dev/shm is 64 MB by default, which crashes renderers; Debian's wrapper only sometimes adds it.
  '--disable-dev-shm-usage',
  // No calls to Google from a load generator: updates, sync, field trials, safe-browsing lists, QUIC probes.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/** Chromium's sandbox cannot start as root; anyone else keeps it. */
export function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

export const chromiumArgsVariable = 'FPT_CHROMIUM_ARGS';

/** The built-in flags plus an operator's own from $FPT_CHROMIUM_ARGS (space-separated), duplicates dropped. */
export function chromiumLaunchArgs(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const extra = (env[chromiumArgsVariable] ?? '').split(/\s+/).filter((flag) => flag !== '');
  return [...new Set([...chromiumFlags, ...extra])];
}
