import type { MetricDefinition, RateSink, Sink, Tags } from '@fpt/metrics';
import type { ScriptExports } from '@fpt/script';
import { defaultUserAgent } from '../api/compile-request.js';
import { emptyRequest, type SendContext, sendWithRedirects } from '../api/send-with-redirects.js';
import { CookieJar } from '../http/cookie-jar.js';
import type { HttpResponse } from '../http/http-session.js';
import { HttpSession } from '../http/http-session.js';
import type { RequestKey } from '../metrics-recorder.js';
import type { IterationResult, VirtualUser } from '../scenario-runtime.js';
import { isThenable } from './k6-core-module.js';
import {
  type BatchCall,
  type ExpectedStatuses,
  encodeBody,
  type K6Params,
  K6Url,
  timeoutMsOf,
} from './k6-http-module.js';
import { K6Response } from './k6-response.js';
import { defaultExpectedStatus, fixedTargetOf, scriptRequest } from './script-request.js';
import type { ScriptScenarioRuntime } from './script-scenario-runtime.js';

/** Thrown into a script's pending call when its iteration is interrupted; the VU then ends the iteration. */
class IterationInterrupted extends Error {}

/** One connection set of a VU: the VU's own, plus one per parallel request of http.batch. */
interface Lane {
  readonly session: HttpSession;
  readonly context: SendContext;
  key: RequestKey | undefined;
  isExpected: (status: number) => boolean;
}

/** How many requests of one http.batch run at once (k6's batchPerHost default). */
const batchParallelism = 6;

/**
 * One VU running a script: its own copy of the modules' state (the init code ran for it), its
 * connections and cookie jar, its group path, and what k6/execution tells about it. The k6 modules it
 * imports are bound to it, so a request, check or metric knows its scenario, group and tags.
 */
export class ScriptVirtualUser implements VirtualUser {
  readonly id: number;
  readonly runtime: ScriptScenarioRuntime;
  readonly globals = { vu: 0, iter: 0 };
  readonly customTags: Record<string, string> = {};
  iterationInScenario = 0;
  signal: AbortSignal = new AbortController().signal;
  readonly #jar: CookieJar | undefined;
  readonly #lanes: Lane[] = [];
  readonly #groups: string[] = [];
  readonly #modules = new Map<string, object>();
  readonly #sinks = new Map<string, Sink>();
  #responseCallback: ExpectedStatuses | null | undefined;
  #exports: ScriptExports | undefined;
  #data: unknown;

  constructor(id: number, runtime: ScriptScenarioRuntime) {
    this.id = id;
    this.runtime = runtime;
    this.globals.vu = id;
    this.#jar = runtime.cookies === 'off' ? undefined : new CookieJar();
    this.#lanes.push(this.#newLane());
  }

  get scenario(): string {
    return this.runtime.name;
  }

  get executor(): string {
    return this.runtime.executor;
  }

  get scenarioStartMs(): number {
    return this.runtime.startedAtMs;
  }

  get elapsedMs(): number {
    return Date.now() - this.runtime.startedAtMs;
  }

  /** The script's exports for this VU; the init code runs on the first call, as k6 initialises a VU. */
  get exports(): ScriptExports {
    if (this.#exports === undefined) {
      this.#exports = this.runtime.compiled.instantiate({
        globals: this.globals,
        k6Module: (name) => this.k6Module(name),
      });
      this.#data = this.runtime.setupData === undefined ? undefined : JSON.parse(this.runtime.setupData);
    }
    return this.#exports;
  }

  k6Module(name: string): object {
    let module = this.#modules.get(name);
    if (module === undefined) {
      module = this.runtime.createK6Module(name, this);
      this.#modules.set(name, module);
    }
    return module;
  }

  async runIteration(signal: AbortSignal): Promise<IterationResult> {
    this.signal = signal;
    let exports: ScriptExports;
    try {
      exports = this.exports;
    } catch (error) {
      this.runtime.initFailed(error);
      return 'interrupted';
    }
    const fn = exports[this.runtime.exportName];
    if (typeof fn !== 'function') throw this.runtime.missingExport(exports);
    // k6 empties a VU's cookie jar at the start of each iteration, so that iterations do not share a session.
    if (this.runtime.cookies === 'iteration') this.#jar?.clear();
    if (this.runtime.connectionReuse === 'iteration' && this.globals.iter > 0)
      for (const lane of this.#lanes) lane.session.dropConnections();
    try {
      const result = (fn as (data: unknown) => unknown)(this.#data);
      if (isThenable(result)) await result;
    } catch (error) {
      if (!(error instanceof IterationInterrupted) && !signal.aborted) this.runtime.warnThrown(error);
    } finally {
      this.#groups.length = 0;
      this.globals.iter++;
      this.iterationInScenario++;
    }
    return signal.aborted ? 'interrupted' : 'completed';
  }

  /** Runs a function the script exports once, outside the load (setup, teardown), and returns its value. */
  async runOnce(name: string, argument?: unknown): Promise<unknown> {
    const fn = this.exports[name];
    if (typeof fn !== 'function') return undefined;
    const result = (fn as (data: unknown) => unknown)(argument);
    return isThenable(result) ? await result : result;
  }

  async close(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.session.close()));
  }

  // ---- what the k6 modules call ----

  recordCheck(name: string, passed: boolean, tags?: Record<string, unknown>): void {
    (this.#sink('checks', tags, { check: name }) as RateSink).add(passed);
  }

  /** Opens a group; the returned function closes it and records its duration unless it threw. */
  enterGroup(name: string): (completed: boolean) => void {
    this.#groups.push(name);
    const path = this.#groupPath();
    const started = performance.now();
    return (completed) => {
      this.#groups.pop();
      if (completed)
        this.runtime.recorder.groupDurationSink(this.scenario, path).add(performance.now() - started);
    };
  }

  seedRandom(seed: number): void {
    this.runtime.compiled.seedRandom(seed);
  }

  defineMetric(definition: MetricDefinition): void {
    this.runtime.recorder.store.define(definition);
  }

  recordMetric(
    name: string,
    type: MetricDefinition['type'],
    value: number | boolean,
    tags?: Record<string, unknown>,
  ): void {
    const sink = this.#sink(name, { ...this.#baseTags(), ...stringTags(tags) });
    if (type === 'rate')
      (sink as { add(v: boolean): void }).add(value === true || (typeof value === 'number' && value !== 0));
    else if (type === 'gauge') (sink as { set(v: number, at: number): void }).set(Number(value), Date.now());
    else (sink as { add(v: number): void }).add(Number(value));
  }

  setResponseCallback(callback: ExpectedStatuses | null): void {
    this.#responseCallback = callback;
  }

  abortTest(reason?: string): never {
    this.runtime.abortRun(`the script called exec.test.abort(): ${reason ?? 'no reason given'}`);
    throw new IterationInterrupted();
  }

  httpRequest(
    method: string,
    url: string | K6Url,
    body: unknown,
    params: K6Params | undefined,
  ): Promise<K6Response> {
    return this.#send(this.#lanes[0]!, { method, url, body, params });
  }

  /** http.batch: the requests in parallel over up to six connections sets, responses in request order. */
  async httpBatch(calls: readonly BatchCall[]): Promise<K6Response[]> {
    while (this.#lanes.length < Math.min(batchParallelism, calls.length)) this.#lanes.push(this.#newLane());
    const responses: K6Response[] = new Array(calls.length);
    let next = 0;
    const work = async (lane: Lane) => {
      while (next < calls.length) {
        const index = next++;
        responses[index] = await this.#send(lane, calls[index]!);
      }
    };
    await Promise.all(this.#lanes.slice(0, Math.min(batchParallelism, calls.length)).map(work));
    return responses;
  }

  async #send(lane: Lane, call: BatchCall): Promise<K6Response> {
    const { method, body, params } = call;
    if (isThenable(body))
      throw new TypeError('the request body is a promise: await the value before sending it');
    const url = call.url instanceof K6Url ? call.url.url : String(call.url);
    const tags = stringTags(params?.tags);
    const name = tags.name ?? (call.url instanceof K6Url ? call.url.name : this.runtime.nameFor(url));
    delete tags.name;
    const group = this.#groupPath();
    const requestTags: Tags = { ...this.customTags, ...tags, ...(group === '' ? {} : { group }) };
    const encoded = encodeBody(body);
    const headers = ['User-Agent', defaultUserAgent];
    let hasContentType = false;
    for (const [header, value] of Object.entries(params?.headers ?? {})) {
      if (header.toLowerCase() === 'user-agent') headers.splice(0, 2);
      if (header.toLowerCase() === 'content-type') hasContentType = true;
      headers.push(header, String(value));
    }
    if (encoded.contentType && !hasContentType) headers.push('Content-Type', encoded.contentType);
    const callback =
      params?.responseCallback !== undefined ? params.responseCallback : this.#responseCallback;
    const isExpected =
      callback === null
        ? () => true
        : callback
          ? (status: number) => callback.isExpected(status)
          : defaultExpectedStatus;
    const responseType = params?.responseType ?? 'text';
    const request = scriptRequest({
      method,
      url,
      headers,
      body: encoded.body,
      timeoutMs: timeoutMsOf(params?.timeout, this.runtime.timeoutMs),
      maxRedirects: params?.redirects ?? this.runtime.maxRedirects,
      name,
      tags: requestTags,
      isExpectedStatus: isExpected,
      keepBody: responseType !== 'none',
      fixedTarget: fixedTargetOf(url),
    });
    lane.key = this.runtime.keyFor(name, requestTags);
    lane.isExpected = isExpected;
    if (this.runtime.rateLimiter) await this.runtime.rateLimiter.acquire(this.signal);
    if (this.signal.aborted) throw new IterationInterrupted();
    const response = await sendWithRedirects(lane.context, request, noVariables, this.signal);
    if (!response) throw new IterationInterrupted();
    const finalUrl = `${lane.context.scratch.origin}${lane.context.scratch.path}`;
    return new K6Response(
      response,
      finalUrl,
      () => requestInfo(method, url, headers, encoded.body),
      responseType,
    );
  }

  #newLane(): Lane {
    const session = new HttpSession(this.runtime.httpClient);
    const lane: Lane = {
      session,
      key: undefined,
      isExpected: defaultExpectedStatus,
      context: {
        session,
        scratch: emptyRequest(),
        record: (response: HttpResponse, method: string) => {
          const expected = response.status !== 0 && !response.bodyFailed && lane.isExpected(response.status);
          this.runtime.recorder.recordRequest(lane.key!, method, response, expected);
        },
        guard: this.runtime.targetGuard,
        jar: this.#jar,
      },
    };
    return lane;
  }

  #groupPath(): string {
    return this.#groups.map((name) => `::${name}`).join('');
  }

  #baseTags(): Record<string, string> {
    const group = this.#groupPath();
    return { ...this.customTags, scenario: this.scenario, ...(group === '' ? {} : { group }) };
  }

  /**
   * The series of a metric for the VU's scenario, group and tags, plus `own` (a check's name), found by a
   * key that costs nothing to build in the common case: no tags of the call's and none of the VU's.
   */
  #sink(metric: string, tags: Record<string, unknown> | undefined, own?: Record<string, string>): Sink {
    const group = this.#groupPath();
    const extra =
      tags === undefined && Object.keys(this.customTags).length === 0
        ? ''
        : JSON.stringify([tags, this.customTags]);
    const key = `${metric}\u0000${group}\u0000${own?.check ?? ''}\u0000${extra}`;
    let sink = this.#sinks.get(key);
    if (sink === undefined) {
      sink = this.runtime.recorder.customSink(metric, { ...this.#baseTags(), ...stringTags(tags), ...own });
      this.#sinks.set(key, sink);
    }
    return sink;
  }
}

const noVariables = new Map<string, string>();

function stringTags(tags: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) out[key] = String(value);
  return out;
}

function requestInfo(
  method: string,
  url: string,
  headers: readonly string[],
  body: string | Buffer | undefined,
) {
  const byName: Record<string, string[]> = {};
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    byName[name] = [...(byName[name] ?? []), headers[i + 1]!];
  }
  return { method, url, headers: byName, body: body === undefined ? '' : body.toString() };
}
