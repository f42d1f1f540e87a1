import type { Tags } from '@fpt/metrics';
import type { Preset, ScenarioSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import {
  type CompiledScript,
  k6CryptoModule,
  k6DataModule,
  k6EncodingModule,
  type LoadedScript,
  type ScriptExports,
} from '@fpt/script';
import { EngineError } from '../engine-error.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import type { MetricsRecorder, RequestKey } from '../metrics-recorder.js';
import type { RequestRateLimiter } from '../request-rate-limiter.js';
import type { RunWarnings } from '../run-warnings.js';
import type { ScenarioRuntime } from '../scenario-runtime.js';
import type { TargetGuard } from '../target-guard.js';
import { k6CoreModule } from './k6-core-module.js';
import { k6ExecutionModule } from './k6-execution-module.js';
import { k6HttpModule } from './k6-http-module.js';
import { k6MetricsModule } from './k6-metrics-module.js';
import { requestNameOf } from './request-name.js';
import { compiledScriptFor } from './script-thread.js';
import { ScriptVirtualUser } from './script-virtual-user.js';

export interface ScriptScenarioOptions {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly preset: Preset;
  readonly script: LoadedScript;
  /** The function this scenario's iterations call (k6's exec; default: the default export). */
  readonly exportName: string;
  /** __ENV: the run's script environment and the scenario's env. */
  readonly env: Readonly<Record<string, string>>;
  /** What setup() returned, as JSON; each VU gets its own copy. */
  readonly setupData?: string;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  readonly httpClient: HttpClientOptions;
  readonly rateLimiter?: RequestRateLimiter;
  readonly targetGuard?: TargetGuard;
  /** exec.test.abort() (or, with exception, a VU's init code that threw): stops the whole run. */
  readonly abortRun?: (reason: string, exception?: boolean) => void;
}

/** Distinct request names a scenario keeps before folding the rest (FPT never tags raw URLs). */
const maxRequestNames = 200;

/** Request-key ids of script requests: far from the ids preset requests use (index-based). */
let nextKeyId = 100_000_000;

/** A scenario whose iterations call a function of a k6-style script. */
export class ScriptScenarioRuntime implements ScenarioRuntime {
  readonly name: string;
  readonly executor: string;
  readonly exportName: string;
  readonly recorder: MetricsRecorder;
  readonly httpClient: HttpClientOptions;
  readonly rateLimiter: RequestRateLimiter | undefined;
  readonly targetGuard: TargetGuard | undefined;
  readonly cookies: Preset['target']['cookies'];
  readonly connectionReuse: Preset['target']['connectionReuse'];
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly setupData: string | undefined;
  readonly compiled: CompiledScript;
  readonly startedAtMs = Date.now();
  readonly #warnings: RunWarnings;
  readonly #script: LoadedScript;
  readonly #keys = new Map<string, RequestKey>();
  readonly #names = new Set<string>();
  /** URLs already named, so a script that requests the same URLs names each once. */
  readonly #urlNames = new Map<string, string>();
  readonly #abortRun: ((reason: string, exception?: boolean) => void) | undefined;

  constructor(options: ScriptScenarioOptions) {
    this.name = options.name;
    this.executor = options.spec.executor;
    this.exportName = options.exportName;
    this.recorder = options.recorder;
    this.httpClient = options.httpClient;
    this.rateLimiter = options.rateLimiter;
    this.targetGuard = options.targetGuard;
    this.cookies = options.preset.target.cookies;
    this.connectionReuse = options.preset.target.connectionReuse;
    this.timeoutMs = parseDurationMs(options.preset.target.timeout);
    this.maxRedirects = options.preset.target.maxRedirects;
    this.setupData = options.setupData;
    this.#warnings = options.warnings;
    this.#script = options.script;
    this.#abortRun = options.abortRun;
    this.compiled = compiledScriptFor(options.script, options.env);
  }

  createVu(id: number): ScriptVirtualUser {
    return new ScriptVirtualUser(id, this);
  }

  createK6Module(name: string, vu: ScriptVirtualUser): object {
    switch (name) {
      case 'k6':
        return k6CoreModule(vu);
      case 'k6/http':
        return k6HttpModule(vu);
      case 'k6/metrics':
        return k6MetricsModule(vu);
      case 'k6/execution':
        return k6ExecutionModule(vu);
      case 'k6/data':
        return k6DataModule();
      case 'k6/encoding':
        return k6EncodingModule();
      case 'k6/crypto':
        return k6CryptoModule();
      default:
        throw new TypeError(`module ${name} is not available`);
    }
  }

  /** The request key of a name and tag set, made once: the recorder's sinks are cached by its id. */
  keyFor(name: string, requestTags: Tags): RequestKey {
    // Most requests carry no tags but their name and group: their key skips JSON.
    const keys = Object.keys(requestTags);
    const cacheKey =
      keys.length === 0
        ? name
        : keys.length === 1 && keys[0] === 'group'
          ? `${name}\u0000${requestTags.group}`
          : `${name}\u0000${JSON.stringify(requestTags)}`;
    let key = this.#keys.get(cacheKey);
    if (key === undefined) {
      key = { scenario: this.name, name, requestTags, id: nextKeyId++ };
      this.#keys.set(cacheKey, key);
    }
    return key;
  }

  /** A request's name from its URL (requestNameOf), folded once a scenario has many, so series stay bounded. */
  nameFor(url: string): string {
    const known = this.#urlNames.get(url);
    if (known !== undefined) return known;
    const name = this.#foldedName(requestNameOf(url));
    if (this.#urlNames.size < 10_000) this.#urlNames.set(url, name);
    return name;
  }

  #foldedName(name: string): string {
    if (this.#names.has(name) || this.#names.size < maxRequestNames) {
      this.#names.add(name);
      return name;
    }
    this.#warnings.once(
      `script-names:${this.name}`,
      () =>
        `scenario ${this.name}: requests to more than ${maxRequestNames} distinct URLs without a name tag; the rest are named "(other URLs)". Give them a name: http.get(url, { tags: { name: 'item' } }) or http.url\`…/items/\${id}\``,
    );
    return '(other URLs)';
  }

  warnThrown(error: unknown): void {
    const { message, where } = this.#describeThrown(error);
    this.#warnings.once(
      `script-error:${this.name}:${message}`,
      () =>
        `scenario ${this.name}: an iteration threw${where ? ` at ${where}` : ''}: ${message}; the iteration ended there (later ones with the same error are not reported again)`,
    );
  }

  /**
   * A VU's init code threw (open() of a file it may not read, a bug that depends on __VU): as in k6, the
   * test stops, since nothing that VU would measure is the script's. Returns the reason the run carries.
   */
  initFailed(error: unknown): string {
    const { message, where } = this.#describeThrown(error);
    const reason = `scenario ${this.name}: a VU's init code threw${where ? ` at ${where}` : ''}: ${message}`;
    this.abortRun(reason, true);
    return reason;
  }

  /** The script's errors come from its own realm: read them by shape, not with instanceof Error. */
  #describeThrown(error: unknown): { message: string; where: string | undefined } {
    const thrown = error as { message?: unknown; stack?: unknown } | null;
    const message = typeof thrown?.message === 'string' ? thrown.message : String(error);
    const where = typeof thrown?.stack === 'string' ? scriptFrame(thrown.stack, this.#script) : undefined;
    return { message, where };
  }

  missingExport(exports: ScriptExports): EngineError {
    const functions = Object.keys(exports).filter((key) => typeof exports[key] === 'function');
    return new EngineError(
      `scenario ${this.name}: the script exports no function "${this.exportName}"`,
      `exported functions: ${functions.join(', ') || '(none)'}; set exec to one of them`,
    );
  }

  abortRun(reason: string, exception = false): void {
    this.#abortRun?.(reason, exception);
  }
}

/** The first frame of a stack that is in one of the script's files, as file:line:column. */
function scriptFrame(stack: string | undefined, script: LoadedScript): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    for (const file of script.files) {
      const at = line.indexOf(`${file}:`);
      if (at >= 0) return line.slice(at).replace(/\)$/, '');
    }
  }
  return undefined;
}
