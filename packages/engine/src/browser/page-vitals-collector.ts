import type { webVitalNames } from '@fpt/preset';

export type WebVitalName = (typeof webVitalNames)[number];

/** One vital as the page last reported it (web-vitals with reportAllChanges: the latest value is final). */
export interface ReportedVital {
  readonly value: number;
  readonly rating: string;
}

/** What the page knows about one visit (one document), returned by its flush or streamed as it changes. */
export interface PageVisitReport {
  /** Random per document, so streamed values and the flush agree on which visit they belong to. */
  readonly visitId: string;
  readonly path: string;
  /** path + search, the key goto names are registered under. */
  readonly pathAndQuery: string;
  /** Trusted pointerdown/keydown events: only a page someone interacted with can have an INP. */
  readonly interactions: number;
  readonly vitals: Readonly<Partial<Record<WebVitalName, ReportedVital>>>;
}

/** Name of the binding through which pages stream vitals as they change (for pages left without a flush). */
export const vitalBindingName = '__fptVital';

/** The page-side global with the visit state and the flush function. */
export const collectorGlobal = '__fptVitals';

export interface FlushTimings {
  /**
   * Until the document is this old (ms since navigation start), wait for its first contentful paint
   * before hiding: web-vitals drops paints after the page was hidden, so hiding a page whose first frame
   * is not presented yet would lose FCP, LCP and CLS. A page that never paints costs this wait.
   */
  readonly firstPaintWaitMs: number;
  /** Longest wait for the Event Timing entry of the last interaction before hiding. */
  readonly interactionWaitMs: number;
  /** Longest wait, after the synthetic hide, for vitals the page should still report. */
  readonly afterHideWaitMs: number;
}

export const defaultFlushTimings: FlushTimings = {
  firstPaintWaitMs: 2000,
  interactionWaitMs: 1000,
  afterHideWaitMs: 300,
};

/** The expression a flush evaluates in the page; resolves to a PageVisitReport (or null without a collector). */
export function flushExpression(timings: FlushTimings = defaultFlushTimings): string {
  const args = [timings.firstPaintWaitMs, timings.interactionWaitMs, timings.afterHideWaitMs].join(', ');
  return `window.${collectorGlobal} ? window.${collectorGlobal}.flush(${args}) : null`;
}

/**
 * Runs in every document before its own scripts (after the web-vitals IIFE, which it expects on window).
 * It registers the five vitals with reportAllChanges and keeps the latest value of each: LCP and CLS are
 * only final when the page is hidden, and without reportAllChanges INP can be lost when the hide races
 * web-vitals' idle-time processing (environment.md §6.1.6).
 *
 * flush(): lets queued layout-shift and event entries reach their observers (two frames), waits for the
 * first contentful paint while the document is young, and for the Event Timing entry of the last
 * interaction, then fakes the page being hidden (a redefined document.visibilityState
 * plus a visibilitychange event, which web-vitals handles synchronously: it takes pending records and
 * reports LCP, CLS and INP), then waits briefly for anything still expected and returns the visit.
 *
 * On beforeunload (the page navigating away by itself, say a form submit) the same synthetic hide runs
 * without waiting, and the final values (interactions included) reach Node through the binding.
 */
export const pageVitalsCollectorSource = `
(function () {
  if (window !== window.top || window.${collectorGlobal} || !window.webVitals) return;
  // about:blank, data: and error pages are not visits of the target.
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  var webVitals = window.webVitals;
  var state = {
    visitId: Date.now().toString(36) + '-' + Math.random().toString(36).slice(2),
    path: location.pathname,
    pathAndQuery: location.pathname + location.search,
    interactions: 0,
    vitals: {},
  };
  var hidden = false;
  var lastInteractionStamp = -1;
  var lastEntryStart = -1;
  var firstInputSeen = false;

  function snapshot() {
    return {
      visitId: state.visitId,
      path: state.path,
      pathAndQuery: state.pathAndQuery,
      interactions: state.interactions,
      vitals: state.vitals,
    };
  }

  function onMetric(metric) {
    state.vitals[metric.name.toLowerCase()] = { value: metric.value, rating: metric.rating };
    send();
  }

  var options = { reportAllChanges: true };
  webVitals.onTTFB(onMetric, options);
  webVitals.onFCP(onMetric, options);
  webVitals.onLCP(onMetric, options);
  webVitals.onCLS(onMetric, options);
  webVitals.onINP(onMetric, options);

  function onInput(event) {
    if (!event.isTrusted) return;
    state.interactions++;
    lastInteractionStamp = Math.max(lastInteractionStamp, event.timeStamp);
  }
  addEventListener('pointerdown', onInput, true);
  addEventListener('keydown', onInput, true);

  // Event Timing entries only reach observers (never getEntriesByType), so watch for them here.
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        if (entry.entryType === 'first-input') firstInputSeen = true;
        if (entry.interactionId || entry.entryType === 'first-input') {
          lastEntryStart = Math.max(lastEntryStart, entry.startTime);
        }
      });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver(function (list) {
      if (list.getEntries().length > 0) firstInputSeen = true;
    }).observe({ type: 'first-input', buffered: true });
  } catch (e) {}

  function send() {
    var binding = window.${vitalBindingName};
    if (typeof binding !== 'function') return;
    try {
      var pending = binding(snapshot());
      if (pending && typeof pending.catch === 'function') pending.catch(function () {});
    } catch (e) {}
  }

  function hide() {
    if (hidden) return;
    hidden = true;
    try {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    } catch (e) {}
    document.dispatchEvent(new Event('visibilitychange'));
  }
  // A page leaving on its own (a link, a form submit) reports its final values as it goes. beforeunload,
  // not pagehide: bindings called from pagehide never reach Playwright.
  addEventListener(
    'beforeunload',
    function () {
      hide();
      send();
    },
    true,
  );

  function nextFrame() {
    return new Promise(function (resolve) {
      var done = false;
      function finish() {
        if (!done) {
          done = true;
          resolve();
        }
      }
      requestAnimationFrame(function () { setTimeout(finish, 0); });
      // A page whose main thread is free but that paints no frames must not stall the flush.
      setTimeout(finish, 100);
    });
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function has(name) {
    return Object.prototype.hasOwnProperty.call(state.vitals, name);
  }

  // What this page can still report: CLS and LCP come with a first paint, INP with an interaction.
  function complete() {
    if (!has('ttfb')) return false;
    if (has('fcp') && (!has('lcp') || !has('cls'))) return false;
    if (state.interactions > 0 && !has('inp')) return false;
    return true;
  }

  async function flush(firstPaintWaitMs, interactionWaitMs, afterHideWaitMs) {
    if (!hidden) {
      // Two frames: a layout shift or an interaction just before the flush gets painted and its
      // entries queued to the observers.
      await nextFrame();
      await nextFrame();
      while (!has('fcp') && performance.now() < firstPaintWaitMs) await nextFrame();
      if (state.interactions > 0) {
        var deadline = performance.now() + interactionWaitMs;
        var frames = 0;
        while (performance.now() < deadline) {
          var seen = lastEntryStart >= lastInteractionStamp - 1 && firstInputSeen;
          // A quick interaction (under 16 ms) has no event entry; three more frames are enough to know.
          if (seen || (firstInputSeen && frames >= 3)) break;
          await nextFrame();
          frames++;
        }
      }
      hide();
    }
    var end = performance.now() + afterHideWaitMs;
    while (!complete() && performance.now() < end) await sleep(10);
    return snapshot();
  }

  Object.defineProperty(window, '${collectorGlobal}', {
    value: { flush: flush, snapshot: snapshot },
    configurable: false,
    enumerable: false,
  });
})();
`;
