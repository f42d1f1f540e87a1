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
