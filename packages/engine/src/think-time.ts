import type { ScenarioSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { sleepMs } from './clock.js';

/** A pause as a preset writes it: a duration, or bounds a pause is drawn between uniformly. */
export type PauseSpec = string | { readonly min: string; readonly max: string };

/** The pause, as a function that waits it out (or less, when the signal aborts); undefined for none. */
export function pauseOf(pause: PauseSpec | undefined): ((signal: AbortSignal) => Promise<void>) | undefined {
  if (pause === undefined) return undefined;
  const minMs = parseDurationMs(typeof pause === 'string' ? pause : pause.min);
  const maxMs = parseDurationMs(typeof pause === 'string' ? pause : pause.max);
  return (signal) => sleepMs(minMs + Math.random() * (maxMs - minMs), signal);
}

/**
 * The pause after each iteration, fixed or drawn uniformly from [min, max]; API and browser VUs share it.
 * Undefined without think time, so that an iteration does not wait on an empty promise.
 */
export function thinkTimeOf(spec: ScenarioSpec): ((signal: AbortSignal) => Promise<void>) | undefined {
  return pauseOf(spec.thinkTime);
}
