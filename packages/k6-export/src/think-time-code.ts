import { parseDurationMs, type ScenarioSpec } from '@fpt/preset';
import { k6Imports } from './k6-import.js';
import type { ScriptContext } from './script-context.js';

/** The pause after an iteration as a k6 sleep (seconds): fixed, or drawn uniformly from [min, max]. */
export function thinkTimeStatement(spec: ScenarioSpec, context: ScriptContext): string | undefined {
  const think = spec.thinkTime;
  if (think === undefined) return undefined;
  context.import(k6Imports.sleep);
  if (typeof think === 'string') return `sleep(${parseDurationMs(think) / 1000}); // thinkTime ${think}`;
  const minSeconds = parseDurationMs(think.min) / 1000;
  const spreadSeconds = parseDurationMs(think.max) / 1000 - minSeconds;
  return `sleep(${minSeconds} + Math.random() * ${spreadSeconds}); // thinkTime ${think.min} to ${think.max}`;
}
