import type { RateSink } from '@fpt/metrics';
import type { DataRow, Preset, PresetAssets, ScenarioSpec } from '@fpt/preset';
import { findTemplateReferences, parseDurationMs } from '@fpt/preset';
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
import { type CompiledRequest, compileRequest } from './compile-request.js';
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
      baseUrl: preset.target.baseUrl,
      headers: preset.target.headers ?? {},
      timeoutMs: parseDurationMs(preset.target.timeout),
      maxRedirects: preset.target.maxRedirects,
      closeAfterEach: preset.target.connectionReuse === 'off',
      assets: options.assets,
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
    this.#prepared = requests.map((request) => ({
      request,
      key: {
        scenario: options.name,
        name: request.name,
        requestTags: { ...spec.tags, ...request.tags },
        id: options.requestKeyBase + request.index,
      },
      checkSinks: request.checks.map((check) => recorder.checkSink(options.name, request.name, check.name)),
      captureSinks: request.captures.map((capture) =>
        recorder.checkSink(options.name, request.name, `capture ${capture.name}`),
      ),
    }));
    this.#selector = createRequestSelector(spec.selection, requests);
    this.#variables = new IterationVariables({
      scenario: options.name,
      preset,
      data: options.data,
      sharedVariables: options.sharedVariables,
    });
    this.#needsVariables =
      findTemplateReferences([spec.requests, preset.target.headers]).length > 0 ||
      requests.some((request) => request.captures.length > 0);
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
  readonly #send: SendContext;
  #iteration = 0;
  #current: PreparedRequest | undefined;
  #startDelayMs: number | undefined;

  constructor(id: number, runtime: ApiScenarioRuntime) {
    this.id = id;
    this.#runtime = runtime;
    this.#session = new HttpSession(runtime.httpClient);
    this.#cookies = runtime.cookies === 'off' ? undefined : new CookieJar();
    this.#send = {
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
    const expected =
      response.status !== 0 && !response.bodyFailed && prepared.request.isExpectedStatus(response.status);
    const recorder = this.#runtime.recorder;
    recorder.recordRequest(prepared.key, method, response, expected);
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
   * Runs the iteration's requests. `startDelayMs` is set for open-model iterations: how late the iteration
   * started against its schedule, added to each response time for the coordinated-omission corrected trend.
   */
  async runRequests(
    variables: Map<string, string>,
    signal: AbortSignal,
    startDelayMs: number | undefined,
  ): Promise<boolean> {
    const runtime = this.#runtime;
    this.#startDelayMs = startDelayMs;
    for (const request of runtime.nextRequests()) {
      if (signal.aborted) return false;
      if (runtime.rateLimiter) {
        await runtime.rateLimiter.acquire(signal);
        if (signal.aborted) return false;
      }
      const prepared = runtime.prepared(request);
      this.#current = prepared;
      const response = await sendWithRedirects(this.#send, request, variables, signal);
      if (!response) return false;
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
    }
    return true;
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}
