import type { DataRow, Preset, ScenarioSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { sleepMs } from '../clock.js';
import { type HttpResponse, HttpSession } from '../http/http-session.js';
import { IterationVariables } from '../iteration-variables.js';
import type { MetricsRecorder, RequestKey } from '../metrics-recorder.js';
import type { RequestRateLimiter } from '../request-rate-limiter.js';
import type { RunWarnings } from '../run-warnings.js';
import type { IterationResult, ScenarioRuntime, VirtualUser } from '../scenario-runtime.js';
import { type CompiledRequest, compileRequest } from './compile-request.js';
import { createRequestSelector, type RequestSelector } from './request-selector.js';
import { ResponseView } from './response-view.js';
import { sendWithRedirects } from './send-with-redirects.js';

export interface ApiScenarioOptions {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly preset: Preset;
  readonly data: Readonly<Record<string, readonly DataRow[]>>;
  /** Constants, setup captures and scenario env, visible to every iteration. */
  readonly sharedVariables: ReadonlyMap<string, string>;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  /** First request-key id this scenario may use (ids are unique across scenarios). */
  readonly requestKeyBase: number;
  /** Shared by all scenarios when the preset sets safety.maxRequestRate. */
  readonly rateLimiter?: RequestRateLimiter;
}

/** Runs API iterations for one scenario: request selection, templating, checks, captures, think time. */
export class ApiScenarioRuntime implements ScenarioRuntime {
  readonly name: string;
  readonly #options: ApiScenarioOptions;
  readonly #requests: readonly CompiledRequest[];
  readonly #keys: readonly RequestKey[];
  readonly #selector: RequestSelector;
  readonly #thinkTime: { minMs: number; maxMs: number } | undefined;
  readonly #maxRedirects: number;
  readonly #variables: IterationVariables;

  constructor(options: ApiScenarioOptions) {
    this.name = options.name;
    this.#options = options;
    const { preset, spec } = options;
    const target = {
      baseUrl: preset.target.baseUrl,
      headers: preset.target.headers ?? {},
      timeoutMs: parseDurationMs(preset.target.timeout),
    };
    this.#requests = (spec.requests ?? []).map((request, index) => compileRequest(request, index, target));
    this.#keys = this.#requests.map((request) => ({
      scenario: options.name,
      name: request.name,
      requestTags: { ...spec.tags, ...request.tags },
      id: options.requestKeyBase + request.index,
    }));
    this.#selector = createRequestSelector(spec.selection, this.#requests);
    this.#variables = new IterationVariables({
      scenario: options.name,
      preset,
      data: options.data,
      sharedVariables: options.sharedVariables,
    });
    this.#maxRedirects = preset.target.maxRedirects;
    const think = spec.thinkTime;
    if (think !== undefined) {
      this.#thinkTime =
        typeof think === 'string'
          ? { minMs: parseDurationMs(think), maxMs: parseDurationMs(think) }
          : { minMs: parseDurationMs(think.min), maxMs: parseDurationMs(think.max) };
    }
  }

  createVu(id: number): VirtualUser {
    return new ApiVirtualUser(id, this);
  }

  /** Iteration variables: shared ones, then data rows, then per-iteration built-ins. */
  variablesFor(vuId: number, iteration: number): Map<string, string> {
    return this.#variables.for(vuId, iteration);
  }

  /**
   * Runs the iteration's requests. `startDelayMs` is set for open-model iterations: how late the iteration
   * started against its schedule, added to each response time for the coordinated-omission corrected trend.
   */
  async runRequests(
    session: HttpSession,
    variables: Map<string, string>,
    signal: AbortSignal,
    startDelayMs: number | undefined,
  ): Promise<boolean> {
    const recorder = this.#options.recorder;
    const view = new ResponseView();
    for (const request of this.#selector.next()) {
      if (signal.aborted) return false;
      await this.#options.rateLimiter?.acquire(signal);
      if (signal.aborted) return false;
      const key = this.#keys[request.index]!;
      const onMissing = (variable: string) =>
        this.#options.warnings.once(
          `missing:${this.name}:${request.name}:${variable}`,
          () =>
            `scenario ${this.name}, request ${request.name}: {{${variable}}} has no value (a capture found nothing?); it was sent empty`,
        );
      const record = (response: HttpResponse, method: string) => {
        const expected = response.status !== 0 && request.isExpectedStatus(response.status);
        recorder.recordRequest(key, method, response, expected);
        if (startDelayMs !== undefined)
          recorder.recordCorrectedDuration(this.name, startDelayMs + response.timings.durationMs);
      };
      const outcome = await sendWithRedirects(
        session,
        request,
        variables,
        onMissing,
        this.#maxRedirects,
        signal,
        record,
      );
      if (!outcome) return false;
      const { response, method } = outcome;
      record(response, method);
      view.reset(response);
      for (const check of request.checks) {
        recorder.recordCheck(this.name, request.name, check.name, check.evaluate(view));
      }
      for (const capture of request.captures) {
        const value = response.status === 0 ? undefined : capture.extract(view);
        if (value !== undefined) {
          variables.set(capture.name, value);
          continue;
        }
        variables.delete(capture.name);
        recorder.recordCheck(this.name, request.name, `capture ${capture.name}`, false);
        this.#options.warnings.once(
          `capture:${this.name}:${request.name}:${capture.name}`,
          () =>
            `scenario ${this.name}, request ${request.name}: capture "${capture.name}" (${capture.source}) found nothing${
              response.status === 0
                ? ` (request failed: ${response.errorMessage})`
                : ` in a ${response.status} response`
            }; the variable stays unset`,
        );
      }
    }
    return true;
  }

  async thinkTime(signal: AbortSignal): Promise<void> {
    if (!this.#thinkTime) return;
    const { minMs, maxMs } = this.#thinkTime;
    await sleepMs(minMs + Math.random() * (maxMs - minMs), signal);
  }

  get recorder(): MetricsRecorder {
    return this.#options.recorder;
  }

  get insecureSkipTLSVerify(): boolean {
    return this.#options.preset.target.insecureSkipTLSVerify;
  }
}

class ApiVirtualUser implements VirtualUser {
  readonly id: number;
  readonly #runtime: ApiScenarioRuntime;
  readonly #session: HttpSession;
  #iteration = 0;

  constructor(id: number, runtime: ApiScenarioRuntime) {
    this.id = id;
    this.#runtime = runtime;
    this.#session = new HttpSession({ insecureSkipTLSVerify: runtime.insecureSkipTLSVerify });
  }

  async runIteration(signal: AbortSignal, startDelayMs?: number): Promise<IterationResult> {
    const variables = this.#runtime.variablesFor(this.id, this.#iteration++);
    const completed = await this.#runtime.runRequests(this.#session, variables, signal, startDelayMs);
    if (completed) await this.#runtime.thinkTime(signal);
    return completed && !signal.aborted ? 'completed' : 'interrupted';
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}
