import type { Tolerances } from '@fpt/gate';
import type { Command } from 'commander';
import { nonNegativeNumber } from '../parse-options.js';

/** The tolerance flags, shared by `fpt gate` and `fpt run --baseline`; each overrides the preset's. */
export interface ToleranceOptionValues {
  p95Tolerance?: number;
  errorRateTolerance?: number;
  floorMs?: number;
  webVitalsTolerance?: number;
}

export function addToleranceOptions(command: Command): Command {
  return command
    .option(
      '--p95-tolerance <pct>',
      "p95 may grow by this many % before it is a regression (default: the preset's baseline.p95IncreasePct)",
      nonNegativeNumber,
    )
    .option(
      '--error-rate-tolerance <pp>',
      'the error rate may grow by this many percentage points (default: baseline.errorRateIncreasePts)',
      nonNegativeNumber,
    )
    .option(
      '--floor-ms <ms>',
      'a p95 change smaller than this never counts (default: baseline.minAbsoluteMs)',
      nonNegativeNumber,
    )
    .option(
      '--web-vitals-tolerance <pct>',
      "a page's Web Vitals p75 may worsen by this many % (default: baseline.webVitalIncreasePct, else the p95 tolerance)",
      nonNegativeNumber,
    );
}

export function toleranceOverrides(options: ToleranceOptionValues): Partial<Tolerances> {
  return {
    ...(options.p95Tolerance === undefined ? {} : { p95IncreasePct: options.p95Tolerance }),
    ...(options.errorRateTolerance === undefined ? {} : { errorRateIncreasePts: options.errorRateTolerance }),
    ...(options.floorMs === undefined ? {} : { minAbsoluteMs: options.floorMs }),
    ...(options.webVitalsTolerance === undefined ? {} : { webVitalIncreasePct: options.webVitalsTolerance }),
  };
}
