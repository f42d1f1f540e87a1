import { parseDurationMs, type ScenarioSpec } from '@fpt/preset';
import { k6Imports } from './k6-import.js';
import type { ScriptContext } from './script-context.js';

/** A pause as a preset writes it (a scenario's thinkTime, a request's sleep): fixed, or bounds to draw from. */
export type PauseSpec = string | { readonly min: string; readonly max: string };

/**
 * A pause as a k6 sleep (seconds): fixed, or drawn uniformly from [min, max] as FPT draws it, with a
 * comment naming the preset field (`label`) and the pause as the preset writes it.
 */
export function sleepStatement(pause: PauseSpec, label: string, context: ScriptContext): string {
  context.import(k6Imports.sleep);
  if (typeof pause === 'string') return `sleep(${parseDurationMs(pause) / 1000}); // ${label} ${pause}`;
  const minMs = parseDurationMs(pause.min);
  // The spread is taken in milliseconds, whole numbers, so that 200ms - 50ms reads 0.15 and not 0.15000000000000002.
  const spreadSeconds = (parseDurationMs(pause.max) - minMs) / 1000;
  const minSeconds = minMs / 1000;
  return `sleep(${minSeconds} + Math.random() * ${spreadSeconds}); // ${label} ${pause.min} to ${pause.max}`;
}

/** The pause after an iteration (thinkTime), or undefined without one. */
export function thinkTimeStatement(spec: ScenarioSpec, context: ScriptContext): string | undefined {
  return spec.thinkTime === undefined ? undefined : sleepStatement(spec.thinkTime, 'thinkTime', context);
}
