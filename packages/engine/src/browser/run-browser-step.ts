import type { Locator, Page } from 'playwright-core';
import type { CompiledTemplate } from '../template.js';
import type { CompiledStep } from './compile-browser-steps.js';

export type RenderTemplate = (template: CompiledTemplate) => string;

function target(page: Page, selector: string | undefined, text: string | undefined): Locator {
  // Non-strict, as a person reads a page: the first match counts. Text matching is Playwright's
  // (substring, case-insensitive, whitespace-normalised).
  if (selector !== undefined) {
    return (text !== undefined ? page.locator(selector, { hasText: text }) : page.locator(selector)).first();
  }
  return page.getByText(text ?? '').first();
}

/**
 * Performs one step on the page, waiting at most the step's timeout. Resolves when it succeeded; rejects
 * (Playwright's error) when it failed or timed out. An expectation retries until it holds or time runs out,
 * like Playwright's own assertions, so a page that is still rendering is not a failure.
 */
export async function runBrowserStep(page: Page, step: CompiledStep, render: RenderTemplate): Promise<void> {
  const timeout = step.timeoutMs;
  switch (step.action) {
    case 'goto':
      // An HTTP error page still loads: the journey's expectations judge it, and browser_http_req_failed
      // counts it, as Playwright's and k6's goto do.
      await page.goto(render(step.url), { timeout, waitUntil: 'load' });
      return;
    case 'click':
      await page.click(render(step.selector), { timeout });
      return;
    case 'fill':
      await page.fill(render(step.selector), render(step.value), { timeout });
      return;
    case 'press':
      await page.press(render(step.selector), render(step.key), { timeout });
      return;
    case 'waitFor': {
      const selector = step.selector && render(step.selector);
      const text = step.text && render(step.text);
      await target(page, selector, text).waitFor({ state: 'visible', timeout });
      return;
    }
    case 'expect': {
      const selector = step.selector && render(step.selector);
      const text = step.text && render(step.text);
      await target(page, selector, text).waitFor({ state: step.visible ? 'visible' : 'hidden', timeout });
      return;
    }
  }
}

/** First line of a Playwright error (the rest is a call log), for warnings. */
export function shortError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
