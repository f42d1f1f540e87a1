import { createHash } from 'node:crypto';

/**
 * The page's Content-Security-Policy: nothing may load from anywhere (no network, by construction, not
 * only by care), and only the report's own inline scripts may run, named by hash. Even if a request
 * name slipped past escaping as a <script>, the browser would refuse to run it.
 */
export function contentSecurityPolicy(inlineScripts: readonly string[]): string {
  const hashes = inlineScripts.map(
    (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
    // uPlot and the bars set inline styles; styles cannot run code or fetch anything under default-src 'none'.
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
