import { parseDurationMs, type ScenarioSpec } from '@fpt/preset';
import type { ScriptContext } from './script-context.js';

/** Scenario fields that say what an iteration does, or that only FPT's engine has: not k6 scenario options. */
const fptOnlyFields = new Set(['requests', 'selection', 'thinkTime', 'browser', 'maxStartDelay']);

/**
 * A preset scenario as a k6 `options.scenarios` entry: the same executor with the same options (the
 * preset's field names are k6's), the function it runs, and the browser type for a browser scenario.
 */
export function k6Scenario(
  name: string,
  spec: ScenarioSpec,
  execName: string,
  context: ScriptContext,
): Record<string, unknown> {
  const scenario: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(spec)) {
    if (!fptOnlyFields.has(field) && value !== undefined) scenario[field] = value;
  }
  scenario.exec = execName;
  if (spec.browser) scenario.options = { browser: { type: 'chromium' } };
  if ('maxStartDelay' in spec && parseDurationMs(spec.maxStartDelay) > 0) {
    context.warn(
      `scenarios.${name}.maxStartDelay`,
      `k6 drops an iteration that finds no free VU at once; FPT lets it wait up to ${spec.maxStartDelay}`,
    );
  }
  return scenario;
}
