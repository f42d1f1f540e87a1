import type { MetricDefinition } from '@fpt/metrics';
import { compileScript, type ScriptExports } from './compile-script.js';
import { k6CryptoModule } from './k6/k6-crypto-module.js';
import { k6DataModule } from './k6/k6-data-module.js';
import { k6EncodingModule } from './k6/k6-encoding-module.js';
import type { LoadedScript } from './load-script.js';

/** What a script declares in its init code: its options, the metrics it creates, the functions it exports. */
export interface ScriptDeclarations {
  readonly options: unknown;
  readonly metrics: readonly MetricDefinition[];
  readonly functions: readonly string[];
}

/** How long the init code may run when a script is loaded: an endless loop must not hang an agent's listing. */
const initTimeoutMs = 10_000;

const notInInit = (what: string) => () => {
  throw new Error(
    `${what} cannot run in the init code (outside a function): move it into setup() or the iteration function, as k6 requires`,
  );
};

/**
 * Runs the script's init code once, as k6 does before a test to read `options`, with k6 modules that only
 * declare: metrics are noted, network calls and sleep are refused (k6 refuses them in the init code too).
 * Nothing reaches a target. Throws what the init code throws, with the script's own stack.
 */
export function inspectScript(
  script: LoadedScript,
  globals: {
    readonly env: Readonly<Record<string, string>>;
    readonly open: (path: string, mode?: string) => unknown;
  },
): ScriptDeclarations {
  const metrics = new Map<string, MetricDefinition>();
  const metricClass = (type: MetricDefinition['type']) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        this.name = String(name);
        metrics.set(this.name, {
          name: this.name,
          type,
          contains: type === 'trend' && isTime ? 'time' : 'default',
          description: '',
        });
      }
      add(): void {
        notInInit('adding to a metric')();
      }
    };
  const http = {
    request: notInInit('an HTTP request'),
    get: notInInit('an HTTP request'),
    head: notInInit('an HTTP request'),
    post: notInInit('an HTTP request'),
    put: notInInit('an HTTP request'),
    patch: notInInit('an HTTP request'),
    del: notInInit('an HTTP request'),
    options: notInInit('an HTTP request'),
    batch: notInInit('an HTTP request'),
    url: (strings: TemplateStringsArray, ...values: unknown[]) =>
      strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), ''),
    file: (data: unknown, filename?: string, contentType?: string) => ({
      data,
      filename,
      content_type: contentType,
    }),
    expectedStatuses: (...statuses: unknown[]) => ({ statuses }),
    setResponseCallback: () => {},
  };
  const core = {
    check: notInInit('check()'),
    group: notInInit('group()'),
    sleep: notInInit('sleep()'),
    fail: (message?: string) => {
      throw new Error(message ?? 'fail() called');
    },
    randomSeed: () => {},
  };
  const k6Metrics = {
    Counter: metricClass('counter'),
    Gauge: metricClass('gauge'),
    Rate: metricClass('rate'),
    Trend: metricClass('trend'),
  };
  const modules: Record<string, object> = {
    k6: { ...core, default: core },
    'k6/http': { ...http, default: http },
    'k6/metrics': { ...k6Metrics, default: k6Metrics },
    'k6/execution': { default: {} },
    'k6/data': k6DataModule(),
    'k6/encoding': k6EncodingModule(),
    'k6/crypto': k6CryptoModule(),
  };
  const compiled = compileScript(script, {
    __ENV: Object.freeze({ ...globals.env }),
    open: globals.open,
    console: { log() {}, info() {}, debug() {}, warn() {}, error() {} },
  });
  const exports: ScriptExports = compiled.instantiate(
    { globals: { vu: 0, iter: 0 }, k6Module: (name) => modules[name] ?? {} },
    { timeoutMs: initTimeoutMs },
  );
  return {
    options: exports.options,
    metrics: [...metrics.values()],
    functions: Object.keys(exports).filter((key) => typeof exports[key] === 'function'),
  };
}
