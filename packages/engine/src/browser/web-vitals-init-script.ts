import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pageVitalsCollectorSource } from './page-vitals-collector.js';

let cached: string | undefined;

/**
 * Google's web-vitals IIFE followed by FPT's collector, as one init script for every page of a context.
 * Playwright wraps init scripts in a function, so the IIFE's top-level `var webVitals` would stay local:
 * it is assigned to window explicitly. The package's exports map hides dist/*, hence the path from the
 * resolved entry point (environment.md §6.1.1–2).
 */
export function webVitalsInitScript(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('web-vitals'));
    const iife = readFileSync(join(dist, 'web-vitals.iife.js'), 'utf8').replace(
      /\/\/# sourceMappingURL=.*$/m,
      '',
    );
    cached = `${iife}\n;window.webVitals = webVitals;\n${pageVitalsCollectorSource}`;
  }
  return cached;
}
