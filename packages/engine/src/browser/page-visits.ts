import type { Page } from 'playwright-core';
import type { BrowserMetrics } from './browser-metrics.js';
import {
  defaultFlushTimings,
  type FlushTimings,
  flushExpression,
  type PageVisitReport,
  type WebVitalName,
} from './page-vitals-collector.js';
import { settleWithin } from './settle-within.js';

/** Upper bound on one flush: the page's own waits plus slack for a busy renderer. */
const flushTimeoutMs = 3000;

/** How many recorded visit ids a VU remembers, to ignore values that stream in after their visit was recorded. */
const rememberedVisits = 64;

/**
 * The page visits of one browser VU: what each document reported, which name it goes by, and the
 * recording of its Web Vitals once the visit is over (the page left, or the iteration ended).
 */
export class PageVisits {
  readonly #metrics: BrowserMetrics;
  readonly #wanted: readonly WebVitalName[];
  readonly #timings: FlushTimings;
  /** Visits with values not yet recorded, by visit id. */
  readonly #open = new Map<string, PageVisitReport>();
  readonly #recorded: string[] = [];
  /** path + query of this iteration's goto targets → the goto's page name. */
  readonly #gotoNames = new Map<string, string>();

  constructor(metrics: BrowserMetrics, wanted: readonly WebVitalName[], timings = defaultFlushTimings) {
    this.#metrics = metrics;
    this.#wanted = wanted;
    this.#timings = timings;
  }

  startIteration(): void {
    this.#gotoNames.clear();
    this.#open.clear();
  }

  /** A goto step is about to load `url`: the visit (and its requests) take the step's page name. */
  nameGoto(url: string, pageName: string): void {
    const key = pathAndQuery(url);
    if (key !== undefined) this.#gotoNames.set(key, pageName);
  }

  /** The page name of a document URL: its goto's name, else its path (a page reached by a click, say). */
  pageName(url: string): string {
    const key = pathAndQuery(url);
    if (key === undefined) return url;
    return this.#gotoNames.get(key) ?? key.replace(/\?.*$/s, '');
  }

  /** Values a page streamed as they changed; they count only if the page is left without a flush. */
  onStreamed(report: unknown): void {
    if (!isVisitReport(report) || this.#recorded.includes(report.visitId)) return;
    this.#open.set(report.visitId, report);
  }

  /**
   * Ends the current page's visit: the page reports its final values (see the collector), and they are
   * recorded with those of any visit the page left on its own. Never rejects; a page that cannot answer
   * keeps what it streamed.
   */
  async flush(page: Page, signal: AbortSignal): Promise<void> {
    if (!page.isClosed() && /^https?:/.test(page.url())) {
      const result = await settleWithin(
        page.evaluate(flushExpression(this.#timings)) as Promise<unknown>,
        flushTimeoutMs,
        signal,
      );
      if (signal.aborted) return;
      if (result.ok && isVisitReport(result.value) && !this.#recorded.includes(result.value.visitId)) {
        this.#open.set(result.value.visitId, result.value);
      }
    }
    for (const report of this.#open.values()) this.#record(report);
    this.#open.clear();
  }

  /** A stopped iteration records nothing: its pages were cut short, not measured. */
  discard(): void {
    this.#open.clear();
  }

  #record(report: PageVisitReport): void {
    this.#recorded.push(report.visitId);
    if (this.#recorded.length > rememberedVisits) this.#recorded.shift();
    const name = this.#gotoNames.get(report.pathAndQuery) ?? report.path;
    for (const vital of this.#wanted) {
      const reported = report.vitals[vital];
      if (reported !== undefined && Number.isFinite(reported.value)) {
        this.#metrics.recordVital(vital, reported.value, name, report.path, reported.rating);
      } else if (vital !== 'inp' || report.interactions > 0) {
        // INP exists only where someone interacted; elsewhere its absence is expected, not a gap.
        this.#metrics.recordNotObserved(vital, name);
      }
    }
  }
}

function pathAndQuery(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return undefined;
  }
}

function isVisitReport(value: unknown): value is PageVisitReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    typeof report.visitId === 'string' &&
    typeof report.path === 'string' &&
    typeof report.pathAndQuery === 'string' &&
    typeof report.interactions === 'number' &&
    typeof report.vitals === 'object' &&
    report.vitals !== null
  );
}
