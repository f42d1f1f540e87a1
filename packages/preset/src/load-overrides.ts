import { isPlainObject } from './merge-preset-values.js';

/** What `fpt run` (and an agent's run request) may change in a preset without editing it. */
export interface LoadOverrides {
  readonly vus?: number;
  readonly duration?: string;
  readonly iterations?: number;
  readonly rate?: number;
  /** Replaces target.baseUrl. */
  readonly target?: string;
}

export interface OverrideProblem {
  readonly option: string;
  readonly message: string;
  readonly hint?: string;
}

/** Which scenario field each override sets, per executor; absent means the override does not fit. */
const fieldsByExecutor: Record<
  string,
  Partial<Record<'vus' | 'duration' | 'iterations' | 'rate', string>>
> = {
  'constant-vus': { vus: 'vus', duration: 'duration' },
  'ramping-vus': {},
  'constant-arrival-rate': { vus: 'maxVUs', duration: 'duration', rate: 'rate' },
  'ramping-arrival-rate': { vus: 'maxVUs' },
  'per-vu-iterations': { vus: 'vus', duration: 'maxDuration', iterations: 'iterations' },
  'shared-iterations': { vus: 'vus', duration: 'maxDuration', iterations: 'iterations' },
};

/**
 * Applies overrides to the raw (merged, interpolated) preset before it is validated, so the same schema
 * and safety limits judge the result. Each override sets the scenarios it fits (--rate: arrival-rate ones);
 * one that fits no scenario at all is a problem, never silently ignored.
 */
export function applyLoadOverrides(
  value: unknown,
  overrides: LoadOverrides,
): { value: unknown; problems: OverrideProblem[] } {
  const problems: OverrideProblem[] = [];
  if (!isPlainObject(value)) return { value, problems };
  const result: Record<string, unknown> = { ...value };
  if (overrides.target !== undefined) {
    result.target = { ...(isPlainObject(value.target) ? value.target : {}), baseUrl: overrides.target };
  }
  const scenarios = isPlainObject(value.scenarios) ? value.scenarios : {};
  const updated: Record<string, unknown> = {};
  for (const [name, scenario] of Object.entries(scenarios))
    updated[name] = isPlainObject(scenario) ? { ...scenario } : scenario;
  for (const option of ['vus', 'duration', 'iterations', 'rate'] as const) {
    const overrideValue = overrides[option];
    if (overrideValue === undefined) continue;
    const skipped: string[] = [];
    let applied = 0;
    for (const [name, scenario] of Object.entries(updated)) {
      if (!isPlainObject(scenario)) continue;
      const field = fieldsByExecutor[String(scenario.executor)]?.[option];
      if (!field) {
        skipped.push(`${name} (${String(scenario.executor)})`);
        continue;
      }
      scenario[field] = overrideValue;
      if (
        option === 'vus' &&
        field === 'maxVUs' &&
        typeof scenario.preAllocatedVUs === 'number' &&
        typeof overrideValue === 'number' &&
        scenario.preAllocatedVUs > overrideValue
      ) {
        scenario.preAllocatedVUs = overrideValue;
      }
      applied++;
    }
    if (applied === 0) {
      problems.push({
        option: `--${option}`,
        message: `--${option} does not apply to ${skipped.join(', ') || 'any scenario'}`,
        hint:
          option === 'vus' || option === 'duration'
            ? 'ramping scenarios take their shape from stages: edit the stages, or use a preset with a constant profile'
            : option === 'rate'
              ? '--rate applies to constant-arrival-rate scenarios'
              : '--iterations applies to per-vu-iterations and shared-iterations scenarios',
      });
    }
  }
  result.scenarios = updated;
  return { value: result, problems };
}
