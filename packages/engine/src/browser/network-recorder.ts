import type { BrowserContext, Request } from 'playwright-core';
import type { BrowserMetrics } from './browser-metrics.js';
import { settleWithin } from './settle-within.js';

/** How long the byte counts of one finished request may take before they count as unknown (0). */
const sizesTimeoutMs = 2000;

/**
 * Records the browser's own requests (document, scripts, images, XHR) from Playwright's events:
 * browser_http_req_duration, browser_http_req_failed, browser_data_sent and browser_data_received, tagged
 * with the page they belong to.
 */
export class NetworkRecorder {
  readonly #metrics: BrowserMetrics;
  readonly #pageNameFor: (url: string) => string;
  readonly #pending = new Set<Promise<void>>();
  readonly #started = new WeakMap<Request, { readonly atMs: number; readonly page: string }>();
  readonly #status = new WeakMap<Request, number>();

  constructor(context: BrowserContext, metrics: BrowserMetrics, pageNameFor: (url: string) => string) {
    this.#metrics = metrics;
    this.#pageNameFor = pageNameFor;
    context.on('request', (request) => this.#onRequest(request));
    context.on('response', (response) => this.#status.set(response.request(), response.status()));
    context.on('requestfinished', (request) => this.#track(this.#onDone(request, false)));
    context.on('requestfailed', (request) => this.#track(this.#onDone(request, true)));
  }

  /** Waits (at most timeoutMs) for the byte counts of requests that already finished. */
  async settle(timeoutMs: number): Promise<void> {
    if (this.#pending.size === 0) return;
    await settleWithin(Promise.allSettled([...this.#pending]), timeoutMs);
  }

  #onRequest(request: Request): void {
    if (!isHttp(request.url())) return;
    // The page a request belongs to is named now: by the time it finishes the frame may have moved on.
    let documentUrl = request.url();
    if (!request.isNavigationRequest()) {
      try {
        documentUrl = request.frame().url();
      } catch {
        // A service worker's request has no frame; its own URL names it.
      }
    }
    this.#started.set(request, {
      atMs: performance.now(),
      page: this.#pageNameFor(isHttp(documentUrl) ? documentUrl : request.url()),
    });
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work);
    work.finally(() => this.#pending.delete(work)).catch(() => {});
  }

  async #onDone(request: Request, failed: boolean): Promise<void> {
    const started = this.#started.get(request);
    if (started === undefined) return;
    const endMs = performance.now();
    if (failed) {
      const errorText = request.failure()?.errorText ?? '';
      // Cancelled by the browser (navigation away, page closed at the end of an iteration or on a stop):
      // the target did not fail, nobody was waiting any more.
      if (errorText.includes('ERR_ABORTED') || isPageClosed(request)) return;
    }
    const timing = request.timing();
    const durationMs = !failed && timing.responseEnd >= 0 ? timing.responseEnd : endMs - started.atMs;
    let sentBytes = 0;
    let receivedBytes = 0;
    if (!failed) {
      const sizes = await settleWithin(request.sizes(), sizesTimeoutMs);
      if (sizes.ok) {
        sentBytes = sizes.value.requestHeadersSize + sizes.value.requestBodySize;
        receivedBytes = sizes.value.responseHeadersSize + sizes.value.responseBodySize;
      }
    }
    const status = failed ? 0 : (this.#status.get(request) ?? 0);
    this.#metrics.recordRequest(started.page, request.method(), status, durationMs, sentBytes, receivedBytes);
  }
}

function isHttp(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

function isPageClosed(request: Request): boolean {
  try {
    return request.frame().page().isClosed();
  } catch {
    return false;
  }
}
