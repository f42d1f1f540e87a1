import type { ScenarioSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { sleepMs } from './clock.js';

/**
 * The pause after each iteration, fixed or drawn uniformly from [min, max]; API and browser VUs share it.
 * Undefined without think time, so that an iteration does not wait on an empty promise.
 */
export function thinkTimeOf(spec: ScenarioSpec): ((signal: AbortSignal) => Promise<void>) | undefined {
  const think = spec.thinkTime;
  if (think === undefined) return undefined;
  const minMs = parseDurationMs(typeof think === 'string' ? think : think.min);
  const maxMs = parseDurationMs(typeof think === 'string' ? think : think.max);
  return (signal) => sleepMs(minMs + Math.random() * (maxMs - minMs), signal);
}
