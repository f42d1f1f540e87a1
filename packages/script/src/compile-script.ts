import { compileFunction, createContext, runInContext, Script } from 'node:vm';
import type { LoadedScript } from './load-script.js';
import { moduleParameters } from './transform-module.js';

/** A VU's own values the script reads as k6's globals `__VU` and `__ITER`. */
export interface VuGlobals {
  vu: number;
  iter: number;
}

/** What the program asks of the engine: the k6 modules, bound to one VU. */
export interface ScriptHost {
  /** The module object for an import of a k6 module (its `default` and its named exports). */
  k6Module(name: string): object;
  readonly globals: VuGlobals;
}

/** Everything one VU's copy of the script exports (`options`, `default`, `setup`, named functions…). */
export type ScriptExports = Readonly<Record<string, unknown>>;

/** Globals every VU of a thread shares: k6's `__ENV`, `open()` of the init code, `console`. */
export interface SharedGlobals {
  readonly __ENV: Readonly<Record<string, string>>;
  readonly open: (path: string, mode?: string) => unknown;
  readonly console: Readonly<
    Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void>
  >;
}

/** A script compiled once per thread; each VU instantiates its own copy of the modules' state. */
export interface CompiledScript {
  /**
   * Runs the init code for one VU. With timeoutMs, init code still running after it (an endless loop) is
   * stopped and an InitTimeoutError thrown: what loads a script once (an agent listing its presets) must
   * not hang on one.
   */
  instantiate(host: ScriptHost, options?: { readonly timeoutMs?: number }): ScriptExports;
  /** k6's randomSeed(): Math.random of the script's context repeats its sequence from this seed on. */
  seedRandom(seed: number): void;
}

type ModuleFunction = (
  importModule: (key: string) => object,
  exports: Record<string, unknown>,
  globals: VuGlobals,
) => void;

/**
 * Compiles every module once, in a context of its own that holds only the ECMAScript built-ins and the
 * shared globals: no `require`, `process`, `Buffer` or Node module loading, and no code built from strings
 * (eval, new Function). Each VU then runs the modules' top-level code itself, as k6's init context does per
 * VU, so module state is per VU while the compiled code is shared.
 */
export function compileScript(script: LoadedScript, globals: SharedGlobals): CompiledScript {
  const context = createContext(
    { __ENV: globals.__ENV, open: globals.open, console: globals.console },
    { name: 'fpt script', codeGeneration: { strings: false, wasm: false } },
  );
  const functions = new Map<string, ModuleFunction>();
  for (const [key, body] of Object.entries(script.modules)) {
    functions.set(
      key,
      compileFunction(body, [...moduleParameters], {
        filename: key,
        parsingContext: context,
      }) as ModuleFunction,
    );
  }
  const math = runInContext('Math', context) as { random: () => number };
  // Calls the init through the context, so that vm's timeout can stop it (a function call alone cannot be).
  const timedInit = new Script('__fptInit()', { filename: 'fpt init' });
  return {
    seedRandom(seed) {
      math.random = seededRandom(seed);
    },
    instantiate(host, options) {
      const instances = new Map<string, Record<string, unknown>>();
      const importModule = (key: string): object => {
        const compiled = functions.get(key);
        if (compiled === undefined) return host.k6Module(key);
        let exports = instances.get(key);
        if (exports === undefined) {
          // No prototype: nothing of the host's realm is reachable through a module's exports object.
          exports = Object.create(null) as Record<string, unknown>;
          instances.set(key, exports);
          compiled(importModule, exports, host.globals);
        }
        return exports;
      };
      if (options?.timeoutMs === undefined) return importModule(script.entry) as ScriptExports;
      let exports: object | undefined;
      const global = context as { __fptInit?: () => void };
      global.__fptInit = () => {
        exports = importModule(script.entry);
      };
      try {
        timedInit.runInContext(context, { timeout: options.timeoutMs });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
          throw new InitTimeoutError(options.timeoutMs);
        throw error;
      } finally {
        delete global.__fptInit;
      }
      return exports as ScriptExports;
    },
  };
}

/** The init code ran past its time limit. */
export class InitTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `the init code (outside functions) was still running after ${timeoutMs / 1000} s: an endless loop, or work that belongs in setup()`,
    );
    this.name = 'InitTimeoutError';
  }
}

/** mulberry32: a small, fast generator whose sequence a seed fixes (not for secrets). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
