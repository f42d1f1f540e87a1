import type { CounterSink, GaugeSink, MetricStore, RateSink, Sink, Tags, TrendSink } from '@fpt/metrics';
import { failureReason } from './http/failure-reason.js';
import type { HttpResponse } from './http/http-session.js';

/** The sinks one kind of request sample goes to, resolved once per tag combination and then reused. */
interface RequestSinks {
  readonly reqs: CounterSink;
  readonly failed: RateSink;
  readonly duration: TrendSink;
  readonly blocked: TrendSink;
  readonly connecting: TrendSink;
  readonly tlsHandshaking: TrendSink;
  readonly sending: TrendSink;
  readonly waiting: TrendSink;
  readonly receiving: TrendSink;
}

interface ScenarioSinks {
  readonly iterations: CounterSink;
  readonly iterationDuration: TrendSink;
  readonly dropped: CounterSink;
  readonly interrupted: CounterSink;
  readonly startDelay: TrendSink;
  readonly correctedDuration: TrendSink;
  readonly dataSent: CounterSink;
  readonly dataReceived: CounterSink;
}

const protocolCodes = [undefined, 'HTTP/1.1', 'HTTP/2.0'] as const;
const tlsCodes = [undefined, 'tls1.0', 'tls1.1', 'tls1.2', 'tls1.3'] as const;
const connectionSpace = protocolCodes.length * (tlsCodes.length + 1);
const errorCodeSpace = 2000;
const outcomeSpace = 600 * errorCodeSpace;

/** A small number per TLS version; an unknown one (a future tls1.4) gets its own slot. */
function tlsCode(version: string | undefined): number {
  const index = tlsCodes.indexOf(version as (typeof tlsCodes)[number]);
  return index >= 0 ? index : tlsCodes.length;
}

/** Identifies one request definition of one scenario, whose samples share their static tags. */
export interface RequestKey {
  readonly scenario: string;
  readonly name: string;
  readonly requestTags: Tags;
  /** Small integer unique per (scenario, request), for the sink cache. */
  readonly id: number;
}

/**
 * The engine's hot path into the metric store. Tag sets are interned and sinks resolved once per distinct
 * (request, method, status, error code); after warm-up a sample is a few additions to existing sinks.
 */
export class MetricsRecorder {
  readonly store: MetricStore;
  readonly #testTags: Tags;
  readonly #requestSinks = new Map<number, Map<number, RequestSinks>>();
  readonly #methodCodes = new Map<string, number>();
  readonly #scenarioSinks = new Map<string, ScenarioSinks>();
  readonly #checkSinks = new Map<string, RateSink>();
  readonly #vus: GaugeSink;
  readonly #vusMax: GaugeSink;

  constructor(store: MetricStore, testTags: Tags) {
    this.store = store;
    this.#testTags = testTags;
    const testTagSet = store.registry.intern(testTags);
    this.#vus = store.sink('vus', testTagSet) as GaugeSink;
    this.#vusMax = store.sink('vus_max', testTagSet) as GaugeSink;
  }

  /** Preset, --tag and region tags: every sample carries them, browser samples included. */
  get testTags(): Tags {
    return this.#testTags;
  }

  recordRequest(key: RequestKey, method: string, response: HttpResponse, expected: boolean): void {
    const sinks = this.#sinksForRequest(key, method, response, expected);
    const t = response.timings;
    sinks.reqs.add(1);
    sinks.failed.add(!expected);
    sinks.duration.add(t.durationMs);
    sinks.blocked.add(t.blockedMs);
    sinks.connecting.add(t.connectingMs);
    sinks.tlsHandshaking.add(t.tlsHandshakingMs);
    sinks.sending.add(t.sendingMs);
    sinks.waiting.add(t.waitingMs);
    sinks.receiving.add(t.receivingMs);
    const scenario = this.#scenario(key.scenario);
    scenario.dataSent.add(response.bytesSent);
    scenario.dataReceived.add(response.bytesReceived);
    if (!expected) {
      this.store.failures.record(
        {
          scenario: key.scenario,
          name: key.name,
          method,
          status: String(response.status),
          errorCode: response.errorCode === undefined ? '' : String(response.errorCode),
          message: failureReason(response.status, response.errorMessage),
        },
        Date.now(),
      );
    }
  }

  recordCheck(scenario: string, requestName: string, checkName: string, passed: boolean): void {
    this.checkSink(scenario, requestName, checkName).add(passed);
  }

  /**
   * The `checks` sink of one check of one request; resolve it once and keep it (the hot path does). A check
   * of a request in a group carries the group's path (`::checkout`), as k6 tags it.
   */
  checkSink(scenario: string, requestName: string, checkName: string, group?: string): RateSink {
    const cacheKey = `${scenario}\u0000${requestName}\u0000${checkName}\u0000${group ?? ''}`;
    let sink = this.#checkSinks.get(cacheKey);
    if (!sink) {
      const tags = this.store.registry.intern({
        ...this.#testTags,
        scenario,
        ...(group === undefined ? {} : { group }),
        name: requestName,
        check: checkName,
      });
      sink = this.store.sink('checks', tags) as RateSink;
      this.#checkSinks.set(cacheKey, sink);
    }
    return sink;
  }

  /** group_duration of one group of one scenario, tagged with the group's own path as k6 does. */
  groupDurationSink(scenario: string, group: string): TrendSink {
    return this.store.sink(
      'group_duration',
      this.store.registry.intern({ ...this.#testTags, scenario, group }),
    ) as TrendSink;
  }

  /** A series of a custom metric (declared under metrics:) with the test's tags and the caller's. */
  customSink(metric: string, tags: Tags): Sink {
    return this.store.sink(metric, this.store.registry.intern({ ...this.#testTags, ...tags }));
  }

  recordIteration(scenario: string, durationMs: number): void {
    const sinks = this.#scenario(scenario);
    sinks.iterations.add(1);
    sinks.iterationDuration.add(durationMs);
  }

  /**
   * The counters the engine owns for a scenario start at a recorded zero, so a threshold on them
   * (`dropped_iterations: count<50`) has data when nothing happened, as in k6. Only executors that can
   * drop iterations get a dropped_iterations zero: on others such a threshold stays without data.
   */
  declareScenario(scenario: string, canDrop: boolean): void {
    const sinks = this.#scenario(scenario);
    sinks.interrupted.add(0);
    if (canDrop) sinks.dropped.add(0);
  }

  recordDropped(scenario: string, count = 1): void {
    this.#scenario(scenario).dropped.add(count);
  }

  recordInterrupted(scenario: string): void {
    this.#scenario(scenario).interrupted.add(1);
  }

  /** Open-model iterations: how late each started against its schedule, and latency measured from the schedule. */
  recordStartDelay(scenario: string, delayMs: number): void {
    this.#scenario(scenario).startDelay.add(delayMs);
  }

  recordCorrectedDuration(scenario: string, durationMs: number): void {
    this.#scenario(scenario).correctedDuration.add(durationMs);
  }

  setVus(active: number, allocated: number, atMs: number): void {
    this.#vus.set(active, atMs);
    this.#vusMax.set(allocated, atMs);
  }

  /** VUs initialised by the end: they are never released, so the last count is also the peak. */
  setFinalVusMax(allocated: number, atMs: number): void {
    if (allocated > 0) this.#vusMax.set(allocated, atMs);
  }

  #scenario(scenario: string): ScenarioSinks {
    let sinks = this.#scenarioSinks.get(scenario);
    if (!sinks) {
      const tags = this.store.registry.intern({ ...this.#testTags, scenario });
      const sink = (metric: string) => this.store.sink(metric, tags);
      sinks = {
        iterations: sink('iterations') as CounterSink,
        iterationDuration: sink('iteration_duration') as TrendSink,
        dropped: sink('dropped_iterations') as CounterSink,
        interrupted: sink('interrupted_iterations') as CounterSink,
        startDelay: sink('iteration_start_delay') as TrendSink,
        correctedDuration: sink('http_req_duration_corrected') as TrendSink,
        dataSent: sink('data_sent') as CounterSink,
        dataReceived: sink('data_received') as CounterSink,
      };
      this.#scenarioSinks.set(scenario, sinks);
    }
    return sinks;
  }

  #sinksForRequest(key: RequestKey, method: string, response: HttpResponse, expected: boolean): RequestSinks {
    let byOutcome = this.#requestSinks.get(key.id);
    if (!byOutcome) {
      byOutcome = new Map();
      this.#requestSinks.set(key.id, byOutcome);
    }
    // A number, not a string, so that looking the sinks up allocates nothing. Status 0 means no HTTP
    // answer; then the error code (1000-1999) tells the outcomes apart; an answer whose body failed has both.
    let methodCode = this.#methodCodes.get(method);
    if (methodCode === undefined) {
      methodCode = this.#methodCodes.size;
      this.#methodCodes.set(method, methodCode);
    }
    const connectionCode =
      protocolCodes.indexOf(response.protocol) * tlsCodes.length + tlsCode(response.tlsVersion);
    const outcome =
      (methodCode * connectionSpace + connectionCode) * outcomeSpace +
      response.status * errorCodeSpace +
      (response.errorCode ?? 0);
    let sinks = byOutcome.get(outcome);
    if (!sinks) {
      const tags: Record<string, string> = {
        ...this.#testTags,
        ...key.requestTags,
        scenario: key.scenario,
        name: key.name,
        method,
        status: String(response.status),
        expected_response: String(expected),
      };
      if (response.errorCode !== undefined) tags.error_code = String(response.errorCode);
      if (response.protocol !== undefined) tags.proto = response.protocol;
      if (response.tlsVersion !== undefined) tags.tls_version = response.tlsVersion;
      const tagSet = this.store.registry.intern(tags);
      const sink = (metric: string) => this.store.sink(metric, tagSet);
      sinks = {
        reqs: sink('http_reqs') as CounterSink,
        failed: sink('http_req_failed') as RateSink,
        duration: sink('http_req_duration') as TrendSink,
        blocked: sink('http_req_blocked') as TrendSink,
        connecting: sink('http_req_connecting') as TrendSink,
        tlsHandshaking: sink('http_req_tls_handshaking') as TrendSink,
        sending: sink('http_req_sending') as TrendSink,
        waiting: sink('http_req_waiting') as TrendSink,
        receiving: sink('http_req_receiving') as TrendSink,
      };
      byOutcome.set(outcome, sinks);
    }
    return sinks;
  }
}
