import { sleepMs } from '../clock.js';
import type { ScriptVirtualUser } from './script-virtual-user.js';

/** A value a script may have forgotten to await: FPT's network calls and sleep return promises. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * `k6`: check, group, sleep, fail, randomSeed, bound to one VU. sleep returns a promise (await it, as
 * every network call); group returns what its function returns, awaited when that is a promise.
 */
export function k6CoreModule(vu: ScriptVirtualUser): object {
  const check = (
    value: unknown,
    checks: Record<string, unknown>,
    tags?: Record<string, unknown>,
  ): boolean => {
    if (isThenable(value))
      throw new TypeError(
        "check() got a promise: FPT's http functions return promises, so write `const res = await http.get(…)` (fpt k6 import adds the awaits to a k6 script)",
      );
    let all = true;
    for (const [name, test] of Object.entries(checks)) {
      const outcome = typeof test === 'function' ? (test as (v: unknown) => unknown)(value) : test;
      if (isThenable(outcome))
        throw new TypeError(
          `check "${name}" returned a promise: check() does not wait; await the value first`,
        );
      const passed = Boolean(outcome);
      vu.recordCheck(name, passed, tags);
      all &&= passed;
    }
    return all;
  };
  const group = (name: string, fn: () => unknown): unknown => {
    if (String(name).includes('::')) throw new TypeError(`group names cannot contain "::" (${name})`);
    const done = vu.enterGroup(String(name));
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      done(false);
      throw error;
    }
    if (!isThenable(result)) {
      done(true);
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        done(true);
        return value;
      },
      (error: unknown) => {
        done(false);
        throw error;
      },
    );
  };
  const sleep = (seconds: number): Promise<void> => sleepMs(Number(seconds) * 1000, vu.signal);
  const fail = (message?: string): never => {
    throw new Error(message ?? 'fail() called');
  };
  const randomSeed = (seed: number) => vu.seedRandom(Number(seed));
  return { check, group, sleep, fail, randomSeed, default: { check, group, sleep, fail, randomSeed } };
}
