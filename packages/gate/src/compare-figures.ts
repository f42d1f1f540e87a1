import type { Figures } from './figures.js';
import { Change, type ErrorRateJudgement, type P95Judgement, type VitalJudgement } from './gate-verdict.js';
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

/**
 * Judges a p95 in ms (a row's requests, or a custom trend of times): more than `p95IncreasePct` % and at
 * least `minAbsoluteMs` worse is a regression; no data when either side has none.
 */
export function judgeP95(
  baselineMs: number | null,
  currentMs: number | null,
  tolerances: Tolerances,
): P95Judgement {
  if (baselineMs === null || currentMs === null)
    return {
      baselineMs,
      currentMs,
      changeMs: null,
      changePct: null,
      change: Change.noData,
      withinFloor: false,
    };
  const rise = judgeRise(baselineMs, currentMs, tolerances.p95IncreasePct, tolerances.minAbsoluteMs);
  return { baselineMs, currentMs, changeMs: rise.change, changePct: rise.changePct, ...rise.verdict };
}

/** The smallest CLS change that counts: layout shift scores move in hundredths (Google's good is ≤ 0.1). */
export const clsFloor = 0.01;

/**
 * Judges one Web Vital's p75 as p95 is judged: worse by more than `webVitalIncreasePct` % (p95's
 * tolerance unless set) and by at least the floor (`minAbsoluteMs` for the timed vitals, 0.01 for CLS) is
 * a regression.
 */
export function judgeVital(
  vital: string,
  baseline: number,
  current: number,
  tolerances: Tolerances,
): VitalJudgement {
  const floor = vital === 'cls' ? clsFloor : tolerances.minAbsoluteMs;
  const rise = judgeRise(baseline, current, tolerances.webVitalIncreasePct, floor);
  return { baseline, current, changeBy: rise.change, changePct: rise.changePct, floor, ...rise.verdict };
}

/** A figure where higher is worse: regression, improvement or unchanged, given a relative tolerance and a floor. */
function judgeRise(
  baseline: number,
  current: number,
  allowedPct: number,
  floor: number,
): { change: number; changePct: number | null; verdict: { change: Change; withinFloor: boolean } } {
  // Rounded so that a change of exactly the tolerance is not pushed over it by binary fractions.
  const change = roundFigure(current - baseline, 6);
  const changePct = baseline > 0 ? roundFigure((change / baseline) * 100, 6) : null;
  const withinFloor = Math.abs(change) < floor;
  let verdict: Change = Change.unchanged;
  if (!withinFloor && change > 0 && (changePct === null || changePct > allowedPct))
    verdict = Change.regression;
  else if (!withinFloor && change < 0 && changePct !== null && changePct < -allowedPct)
    verdict = Change.improvement;
  return { change, changePct, verdict: { change: verdict, withinFloor } };
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
