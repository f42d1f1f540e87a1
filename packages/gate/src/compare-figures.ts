import type { Figures } from './figures.js';
import { Change, type ErrorRateJudgement, type P95Judgement } from './gate-verdict.js';
import { roundFigure } from './round-figure.js';
import type { Tolerances } from './tolerances.js';

export interface FiguresComparison {
  readonly p95: P95Judgement;
  readonly errorRate: ErrorRateJudgement;
  /** regression when either figure regressed, improvement when one improved and none regressed. */
  readonly change: Change;
}

/**
 * Judges one row. p95: a regression when it grew by more than `p95IncreasePct` % of the baseline
 * (any growth over a baseline of 0) and by at least `minAbsoluteMs`; a change under that floor never
 * counts, so a 1 ms baseline cannot fail on 2 ms of noise. Error rate: a regression when it grew by more
 * than `errorRateIncreasePts` percentage points. Improvements are the mirror image. Exactly at a
 * tolerance is within it ("more than" fails).
 */
export function compareFigures(
  baseline: Figures,
  current: Figures,
  tolerances: Tolerances,
): FiguresComparison {
  const p95 = judgeP95(baseline.p95Ms, current.p95Ms, tolerances);
  const errorRate = judgeErrorRate(baseline.errorRate, current.errorRate, tolerances);
  const changes = [p95.change, errorRate.change];
  const change = changes.includes(Change.regression)
    ? Change.regression
    : changes.includes(Change.improvement)
      ? Change.improvement
      : changes.every((c) => c === Change.noData)
        ? Change.noData
        : Change.unchanged;
  return { p95, errorRate, change };
}

function judgeP95(baselineMs: number | null, currentMs: number | null, tolerances: Tolerances): P95Judgement {
  if (baselineMs === null || currentMs === null)
    return {
      baselineMs,
      currentMs,
      changeMs: null,
      changePct: null,
      change: Change.noData,
      withinFloor: false,
    };
  // Rounded so that a change of exactly the tolerance is not pushed over it by binary fractions.
  const changeMs = roundFigure(currentMs - baselineMs, 6);
  const changePct = baselineMs > 0 ? roundFigure((changeMs / baselineMs) * 100, 6) : null;
  const withinFloor = Math.abs(changeMs) < tolerances.minAbsoluteMs;
  let change: Change = Change.unchanged;
  if (!withinFloor && changeMs > 0 && (changePct === null || changePct > tolerances.p95IncreasePct))
    change = Change.regression;
  else if (!withinFloor && changeMs < 0 && changePct !== null && changePct < -tolerances.p95IncreasePct)
    change = Change.improvement;
  return { baselineMs, currentMs, changeMs, changePct, change, withinFloor };
}

function judgeErrorRate(
  baseline: number | null,
  current: number | null,
  tolerances: Tolerances,
): ErrorRateJudgement {
  if (baseline === null || current === null)
    return { baseline, current, changePts: null, change: Change.noData };
  const changePts = roundFigure((current - baseline) * 100, 6);
  const change =
    changePts > tolerances.errorRateIncreasePts
      ? Change.regression
      : changePts < -tolerances.errorRateIncreasePts
        ? Change.improvement
        : Change.unchanged;
  return { baseline, current, changePts, change };
}
