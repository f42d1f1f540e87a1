import type { BrowserContext } from 'playwright-core';
import type { RunWarnings } from '../run-warnings.js';
import type { TargetGuard } from '../target-guard.js';

/**
 * Refuses page navigations (and their redirects) to hosts outside the target allowlist: the navigation
 * fails as a blocked request, which the journey measures as a failed step. Sub-resources (scripts, images
 * from CDNs) are what a page loads, not load FPT aims, so they pass.
 */
export async function guardNavigations(
  context: BrowserContext,
  guard: TargetGuard,
  warnings: RunWarnings,
): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.isNavigationRequest() && (url.protocol === 'http:' || url.protocol === 'https:')) {
      const refusal = await guard.refusal(url.origin);
      if (refusal !== undefined) {
        warnings.once(
          `navigation-refused:${url.origin}`,
          () => `browser navigation to ${url.origin}: ${refusal}`,
        );
        await route.abort('blockedbyclient');
        return;
      }
    }
    await route.fallback();
  });
}
