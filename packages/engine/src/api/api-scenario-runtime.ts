import type { RateSink, Sink, Tags } from '@fpt/metrics';
import type { DataRow, Preset, PresetAssets, ScenarioSpec } from '@fpt/preset';
import { findTemplateReferences, groupPath, parseDurationMs, repeatIndexVariable } from '@fpt/preset';
import { CookieJar } from '../http/cookie-jar.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import { type HttpResponse, HttpSession } from '../http/http-session.js';
import { IterationVariables } from '../iteration-variables.js';
import type { MetricsRecorder, RequestKey } from '../metrics-recorder.js';
import type { RequestRateLimiter } from '../request-rate-limiter.js';
import type { RunWarnings } from '../run-warnings.js';
import type { IterationResult, ScenarioRuntime, VirtualUser } from '../scenario-runtime.js';
import type { TargetGuard } from '../target-guard.js';
import { thinkTimeOf } from '../think-time.js';
import { setElementVariables } from './compile-flow.js';
import { type CompiledRequest, compileRequest } from './compile-request.js';
import { type GroupLevel, GroupStack } from './group-stack.js';
import { createRequestSelector, type RequestSelector } from './request-selector.js';
import { ResponseView } from './response-view.js';
import { emptyRequest, type SendContext, sendWithRedirects } from './send-with-redirects.js';

export interface ApiScenarioOptions {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly preset: Preset;
  readonly data: Readonly<Record<string, readonly DataRow[]>>;
  /** Files the preset names (request bodies), read by the preset loader. */
  readonly assets: PresetAssets;
  /** Constants, setup captures and scenario env, visible to every iteration. */
  readonly sharedVariables: ReadonlyMap<string, string>;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  /** First request-key id this scenario may use (ids are unique across scenarios). */
  readonly requestKeyBase: number;
  /** Shared by all scenarios when the preset sets safety.maxRequestRate. */
  readonly rateLimiter?: RequestRateLimiter;
  /** An agent's target allowlist: every host (redirects too) is checked before load goes to it. */
  readonly targetGuard?: TargetGuard;
  /** How VUs connect (TLS, proxy, DNS, versions), shared by the thread's VUs. */
  readonly httpClient: HttpClientOptions;
}

/** Everything about one request that does not change between iterations, resolved once. */
interface PreparedRequest {
  readonly request: CompiledRequest;
  readonly key: RequestKey;
  /** The `checks` sinks of this request's checks, in order, and of each capture's implicit check. */
  readonly checkSinks: readonly RateSink[];
  readonly captureSinks: readonly RateSink[];
  /** The custom metric series of its records, in order. */
  readonly recordSinks: readonly Sink[];
  /** The groups it runs in, outermost first, with their group_duration series. */
  readonly groups: readonly GroupLevel[];
}

/** Runs API iterations for one scenario: request selection, templating, checks, captures, think time. */
export class ApiScenarioRuntime implements ScenarioRuntime {
  readonly name: string;
  readonly recorder: MetricsRecorder;
  readonly rateLimiter: RequestRateLimiter | undefined;
  readonly httpClient: HttpClientOptions;
  /** The preset's target.cookies: when each VU's cookie jar is emptied, or "off" for no jar. */
  readonly cookies: Preset['target']['cookies'];
  readonly targetGuard: TargetGuard | undefined;
  readonly #warnings: RunWarnings;
  readonly #prepared: readonly PreparedRequest[];
  readonly #selector: RequestSelector;
  readonly #thinkTime: ((signal: AbortSignal) => Promise<void>) | undefined;
  readonly #variables: IterationVariables;
  /** False when no request reads or writes a variable: iterations then share one empty map. */
  readonly #needsVariables: boolean;

  constructor(options: ApiScenarioOptions) {
    this.name = options.name;
    this.recorder = options.recorder;
    this.rateLimiter = options.rateLimiter;
    this.targetGuard = options.targetGuard;
    this.#warnings = options.warnings;
    const { preset, spec, recorder } = options;
    this.httpClient = options.httpClient;
    this.cookies = preset.target.cookies;
    const target = {
      // Validated present for presets with requests (check-scenarios).
      baseUrl: preset.target.baseUrl ?? '',
      headers: preset.target.headers ?? {},
      timeoutMs: parseDurationMs(preset.target.timeout),
      maxRedirects: preset.target.maxRedirects,
      closeAfterEach: preset.target.connectionReuse === 'off',
      assets: options.assets,
      metrics: preset.metrics ?? {},
    };
    const onMissing = (requestName: string, variable: string) =>
      this.#warnings.once(
        `missing:${this.name}:${requestName}:${variable}`,
        () =>
          `scenario ${this.name}, request ${requestName}: {{${variable}}} has no value (a capture found nothing?); it was sent empty`,
      );
    const requests = (spec.requests ?? []).map((request, index) =>
      compileRequest(request, index, target, onMissing),
    );
    this.#prepared = requests.map((request) => {
      const groups = request.groupNames.map((_, depth, names) => {
        const path = groupPath(names.slice(0, depth + 1));
        return { path, duration: recorder.groupDurationSink(options.name, path) };
      });
      // Every sample of a request in a group carries the innermost group's path, as in k6.
      const group = groups.at(-1)?.path;
      const groupTag: Tags = group === undefined ? {} : { group };
      const requestTags: Tags = { ...spec.tags, ...request.tags, ...groupTag };
      return {
        request,
        key: {
          scenario: options.name,
          name: request.name,
          requestTags,
          id: options.requestKeyBase + request.index,
        },
        checkSinks: request.checks.map((check) =>
          recorder.checkSink(options.name, request.name, check.name, group),
        ),
        captureSinks: request.captures.map((capture) =>
          recorder.checkSink(options.name, request.name, `capture ${capture.name}`, group),
        ),
        recordSinks: request.records.map((record) =>
          recorder.customSink(record.metric, { ...requestTags, scenario: options.name, name: request.name }),
        ),
        groups,
      };
    });
    this.#selector = createRequestSelector(spec.selection, requests);
    this.#variables = new IterationVariables({
      scenario: options.name,
      preset,
      data: options.data,
      sharedVariables: options.sharedVariables,
    });
    this.#needsVariables =
      findTemplateReferences([spec.requests, preset.target.headers]).length > 0 ||
      requests.some(
        (request) =>
          request.captures.length > 0 || request.repeat !== undefined || request.when !== undefined,
      );
    this.#thinkTime = thinkTimeOf(spec);
  }

  createVu(id: number): ApiVirtualUser {
    return new ApiVirtualUser(id, this);
  }

  /** Iteration variables: shared ones, then data rows, then per-iteration built-ins. */
  variablesFor(vuId: number, iteration: number): Map<string, string> {
    return this.#needsVariables ? this.#variables.for(vuId, iteration) : noVariables;
  }

  nextRequests(): readonly CompiledRequest[] {
    return this.#selector.next();
  }

  prepared(request: CompiledRequest): PreparedRequest {
    return this.#prepared[request.index]!;
  }

  warnCaptureMissed(request: CompiledRequest, captureIndex: number, response: HttpResponse): void {
    const capture = request.captures[captureIndex]!;
    this.#warnings.once(
      `capture:${this.name}:${request.name}:${capture.name}`,
      () =>
        `scenario ${this.name}, request ${request.name}: capture "${capture.name}" (${capture.source}) found nothing${
          response.status === 0
            ? ` (request failed: ${response.errorMessage})`
            : ` in a ${response.status} response`
        }; the variable stays unset`,
    );
  }

  warnRecordMissed(request: CompiledRequest, recordIndex: number, response: HttpResponse): void {
    const record = request.records[recordIndex]!;
    this.#warnings.once(
      `record:${this.name}:${request.name}:${record.metric}`,
      () =>
        `scenario ${this.name}, request ${request.name}: nothing recorded into ${record.metric}: ${record.source} gave no ${record.type === 'rate' ? 'true/false or number' : 'number'}${
          response.status === 0
            ? ` (request failed: ${response.errorMessage})`
            : ` in a ${response.status} response`
        }`,
    );
  }

  warnRepeat(request: CompiledRequest, problem: string): void {
    this.#warnings.once(
      `repeat:${this.name}:${request.name}`,
      () => `scenario ${this.name}, request ${request.name}: repeat ran it no time: ${problem}`,
    );
  }

  /** k6 warns when a request stops at its redirect limit with a redirect in hand: once per request here. */
  readonly warnRedirectLimit = (request: CompiledRequest) => {
    this.#warnings.once(
      `redirects:${this.name}:${request.name}`,
      () =>
        `scenario ${this.name}, request ${request.name}: stopped after ${request.maxRedirects} redirects and returned the redirection (raise maxRedirects to follow more)`,
    );
  };

  /** The pause after an iteration; undefined when the scenario has none. */
  get thinkTime(): ((signal: AbortSignal) => Promise<void>) | undefined {
    return this.#thinkTime;
  }
}

/** Shared by iterations of scenarios that use no variables; never written to (no captures there). */
const noVariables = new Map<string, string>();

/**
 * One VU: its own connections and the scratch objects its iterations reuse, so that a request sends and
 * records without allocating per-request closures or objects of its own.
 */
export class ApiVirtualUser implements VirtualUser {
  readonly id: number;
  readonly #runtime: ApiScenarioRuntime;
  readonly #session: HttpSession;
  readonly #view = new ResponseView();
  readonly #cookies: CookieJar | undefined;
  readonly #sendContext: SendContext;
  readonly #groups = new GroupStack();
  #iteration = 0;
  #current: PreparedRequest | undefined;
  #startDelayMs: number | undefined;

  constructor(id: number, runtime: ApiScenarioRuntime) {
    this.id = id;
    this.#runtime = runtime;
    this.#session = new HttpSession(runtime.httpClient);
    this.#cookies = runtime.cookies === 'off' ? undefined : new CookieJar();
    this.#sendContext = {
      session: this.#session,
      scratch: emptyRequest(),
      record: this.#record,
      guard: runtime.targetGuard,
      jar: this.#cookies,
      onRedirectLimit: runtime.warnRedirectLimit,
    };
  }

  readonly #record = (response: HttpResponse, method: string) => {
    const prepared = this.#current!;
    const recorder = this.#runtime.recorder;
    recorder.recordRequest(prepared.key, method, response, isExpected(prepared.request, response));
    if (this.#startDelayMs !== undefined) {
      recorder.recordCorrectedDuration(this.#runtime.name, this.#startDelayMs + response.timings.durationMs);
    }
  };

  async runIteration(signal: AbortSignal, startDelayMs?: number): Promise<IterationResult> {
    // k6 empties a VU's cookie jar at the start of each iteration, so that iterations do not share a session.
    if (this.#runtime.cookies === 'iteration') this.#cookies?.clear();
    // k6's noVUConnectionReuse: an iteration starts with no connection of the previous one.
    if (this.#runtime.httpClient.connectionReuse === 'iteration' && this.#iteration > 0)
      this.#session.dropConnections();
    const variables = this.#runtime.variablesFor(this.id, this.#iteration++);
    const completed = await this.runRequests(variables, signal, startDelayMs);
    const thinkTime = this.#runtime.thinkTime;
    if (completed && thinkTime) await thinkTime(signal);
    return completed && !signal.aborted ? 'completed' : 'interrupted';
  }

  /**
   * Runs the iteration's requests: each one whose `when` holds, as many times as its `repeat` says, inside
   * its groups. `startDelayMs` is set for open-model iterations: how late the iteration started against its
   * schedule, added to each response time for the coordinated-omission corrected trend.
   */
  async runRequests(
    variables: Map<string, string>,
    signal: AbortSignal,
    startDelayMs: number | undefined,
  ): Promise<boolean> {
    const runtime = this.#runtime;
    this.#startDelayMs = startDelayMs;
    let previousStatus: number | undefined;
    for (const request of runtime.nextRequests()) {
      if (request.when && !request.when(variables, previousStatus)) continue;
      const prepared = runtime.prepared(request);
      const plan = request.repeat?.plan(variables);
      if (plan?.problem !== undefined) runtime.warnRepeat(request, plan.problem);
      const passes = plan?.count ?? 1;
      if (passes === 0) continue;
      this.#groups.enter(prepared.groups, performance.now());
      let elementNames: string[] = [];
      for (let pass = 0; pass < passes; pass++) {
        if (plan) {
          variables.set(repeatIndexVariable, String(pass));
          if (plan.elements && request.repeat?.as !== undefined)
            elementNames = setElementVariables(
              variables,
              request.repeat.as,
              plan.elements[pass],
              elementNames,
            );
        }
        const status = await this.#send(prepared, variables, signal);
        if (status === undefined || signal.aborted) {
          this.#groups.abandon();
          return false;
        }
        previousStatus = status;
        if (request.sleep) await request.sleep(signal);
      }
    }
    this.#groups.closeAll(performance.now());
    return !signal.aborted;
  }

  /** Sends one request and runs its checks, captures and records; the status, or undefined when aborted. */
  async #send(prepared: PreparedRequest, variables: Map<string, string>, signal: AbortSignal) {
    const runtime = this.#runtime;
    const request = prepared.request;
    if (signal.aborted) return undefined;
    if (runtime.rateLimiter) {
      await runtime.rateLimiter.acquire(signal);
      if (signal.aborted) return undefined;
    }
    this.#current = prepared;
    const response = await sendWithRedirects(this.#sendContext, request, variables, signal);
    if (!response) return undefined;
    const view = this.#view.reset(response);
    for (let i = 0; i < request.checks.length; i++)
      prepared.checkSinks[i]!.add(request.checks[i]!.evaluate(view, variables));
    for (let i = 0; i < request.captures.length; i++) {
      const capture = request.captures[i]!;
      const value = response.status === 0 ? undefined : capture.extract(view);
      if (value !== undefined) {
        variables.set(capture.name, value);
        continue;
      }
      variables.delete(capture.name);
      prepared.captureSinks[i]!.add(false);
      runtime.warnCaptureMissed(request, i, response);
    }
    for (let i = 0; i < request.records.length; i++) {
      const value = request.records[i]!.value(response, view, variables, isExpected(request, response));
      if (value === undefined) runtime.warnRecordMissed(request, i, response);
      else addToSink(prepared.recordSinks[i]!, value);
    }
    return response.status;
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}

/** k6's expected_response: an HTTP answer whose body arrived, with a status the request expects. */
function isExpected(request: CompiledRequest, response: HttpResponse): boolean {
  return response.status !== 0 && !response.bodyFailed && request.isExpectedStatus(response.status);
}

/** A custom metric takes a number (a rate: true or false; a gauge: the latest, stamped for merging). */
function addToSink(sink: Sink, value: number | boolean): void {
  if (sink.type === 'rate') sink.add(value === true || (typeof value === 'number' && value !== 0));
  else if (sink.type === 'gauge') sink.set(Number(value), Date.now());
  else sink.add(Number(value));
}
