import type { BaselineTolerances } from '@fpt/metrics';
import { baselineDefaults } from '@fpt/preset';
import type { SummaryData } from '@fpt/report';

/** The tolerances a verdict is judged with, every one resolved (Web Vitals' from p95's when not set). */
export type Tolerances = Required<BaselineTolerances>;

/** Where each tolerance came from, so the verdict can say why it judged as it did. */
export type ToleranceSource = 'option' | 'preset' | 'default';

export interface ResolvedTolerances {
  readonly tolerances: Tolerances;
  readonly sources: Readonly<Record<keyof Tolerances, ToleranceSource>>;
}

/**
 * The tolerances for judging a run: each one from the options (CLI flags) when given, else from the
 * `baseline` section of the run's preset as its summary recorded it, else the preset schema's default
 * (for summaries written before presets' tolerances were recorded).
 */
export function resolveTolerances(
  data: SummaryData,
  overrides: Partial<Tolerances> = {},
): ResolvedTolerances {
  const fromPreset = data.fpt.preset.baseline;
  const pick = (key: keyof Tolerances): [number, ToleranceSource] | undefined => {
    const override = overrides[key];
    if (override !== undefined) return [override, 'option'];
    const preset = fromPreset?.[key];
    if (preset !== undefined) return [preset, 'preset'];
    const fallback = baselineDefaults[key];
    return fallback === undefined ? undefined : [fallback, 'default'];
  };
  const [p95IncreasePct, p95Source] = pick('p95IncreasePct')!;
  const [errorRateIncreasePts, errorSource] = pick('errorRateIncreasePts')!;
  const [minAbsoluteMs, floorSource] = pick('minAbsoluteMs')!;
  // Web Vitals follow the p95 tolerance unless the preset or an option gives them their own.
  const [webVitalIncreasePct, vitalsSource] = pick('webVitalIncreasePct') ?? [p95IncreasePct, p95Source];
  return {
    tolerances: { p95IncreasePct, errorRateIncreasePts, minAbsoluteMs, webVitalIncreasePct },
    sources: {
      p95IncreasePct: p95Source,
      errorRateIncreasePts: errorSource,
      minAbsoluteMs: floorSource,
      webVitalIncreasePct: vitalsSource,
    },
  };
}
