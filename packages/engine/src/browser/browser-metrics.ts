import type { CounterSink, MetricStore, RateSink, Tags, TrendSink } from '@fpt/metrics';
import type { WebVitalName } from './page-vitals-collector.js';

export const notObservedMetric = 'browser_web_vital_not_observed';

interface RequestSinks {
  readonly duration: TrendSink;
  readonly failed: RateSink;
  readonly sent: CounterSink;
  readonly received: CounterSink;
}

/**
 * The browser scenario's way into the metric store: Web Vitals per page, vitals a page never produced,
 * and the browser's own requests. Like MetricsRecorder, each tag combination is interned and its sinks
 * resolved once, then reused.
 */
export class BrowserMetrics {
  readonly #store: MetricStore;
  /** Test-wide tags, the scenario's tags and `scenario`: on every browser sample. */
  readonly #baseTags: Tags;
  readonly #vitalSinks = new Map<string, TrendSink>();
  readonly #notObservedSinks = new Map<string, CounterSink>();
  readonly #requestSinks = new Map<string, RequestSinks>();

  constructor(store: MetricStore, baseTags: Tags) {
    this.#store = store;
    this.#baseTags = baseTags;
    store.define({
      name: notObservedMetric,
      type: 'counter',
      contains: 'default',
      description:
        'Page visits where a configured Web Vital was never reported (no paint, no LCP candidate, no interaction event), by vital',
    });
  }

  recordVital(vital: WebVitalName, value: number, page: string, url: string, rating: string): void {
    const key = `${vital}\u0000${page}\u0000${url}\u0000${rating}`;
    let sink = this.#vitalSinks.get(key);
    if (!sink) {
      const tags = this.#store.registry.intern({ ...this.#baseTags, name: page, url, rating });
      sink = this.#store.sink(`browser_web_vital_${vital}`, tags) as TrendSink;
      this.#vitalSinks.set(key, sink);
    }
    sink.add(value);
  }

  recordNotObserved(vital: WebVitalName, page: string): void {
    const key = `${vital}\u0000${page}`;
    let sink = this.#notObservedSinks.get(key);
    if (!sink) {
      const tags = this.#store.registry.intern({ ...this.#baseTags, name: page, vital });
      sink = this.#store.sink(notObservedMetric, tags) as CounterSink;
      this.#notObservedSinks.set(key, sink);
    }
    sink.add(1);
  }

  /** `status` 0: no HTTP answer (refused, reset, aborted by the page). */
  recordRequest(
    page: string,
    method: string,
    status: number,
    durationMs: number,
    sentBytes: number,
    receivedBytes: number,
  ): void {
    const key = `${page}\u0000${method}\u0000${status}`;
    let sinks = this.#requestSinks.get(key);
    if (!sinks) {
      const tags = this.#store.registry.intern({
        ...this.#baseTags,
        name: page,
        method,
        status: String(status),
      });
      const sink = (metric: string) => this.#store.sink(metric, tags);
      sinks = {
        duration: sink('browser_http_req_duration') as TrendSink,
        failed: sink('browser_http_req_failed') as RateSink,
        sent: sink('browser_data_sent') as CounterSink,
        received: sink('browser_data_received') as CounterSink,
      };
      this.#requestSinks.set(key, sinks);
    }
    sinks.duration.add(durationMs);
    // k6's rule: a response under 400 is expected; an error status or no response at all failed.
    sinks.failed.add(status === 0 || status >= 400);
    sinks.sent.add(sentBytes);
    sinks.received.add(receivedBytes);
  }
}
