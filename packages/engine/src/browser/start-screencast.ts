import type { BrowserContext, Page } from 'playwright-core';

/**
 * Keeps headless Chromium presenting frames. Without it, frames after an interaction are sometimes never
 * presented, so Event Timing entries (INP) and even first paints (FCP, LCP) go missing; a tiny CDP
 * screencast, every frame acknowledged, makes them arrive as in a headed browser (environment.md §6.1.3).
 * The session ends with the page.
 */
export async function startScreencast(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  session.on('Page.screencastFrame', (frame) => {
    session.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {});
  });
  await session.send('Page.startScreencast', { format: 'jpeg', quality: 1, maxWidth: 32, maxHeight: 32 });
}
