import { formatMs, formatShare, trimNumber } from '@fpt/readable';
import { Change, type ErrorRateJudgement, type P95Judgement, type VitalJudgement } from './gate-verdict.js';
import type { Tolerances } from './tolerances.js';

/** "+24.1 %", "-3 %", "±0 %"; "new" for growth over a baseline of 0. */
export function formatChangePct(p95: P95Judgement): string {
  if (p95.changeMs === null) return '–';
  if (p95.changePct === null) return p95.changeMs === 0 ? '±0 %' : 'new';
  return `${signed(p95.changePct)} %`;
}

/** "+12.3 ms", "-0.5 ms", "±0 ms". */
export function formatChangeMs(p95: P95Judgement): string {
  if (p95.changeMs === null) return '–';
  return `${signOf(p95.changeMs)}${formatMs(Math.abs(p95.changeMs))}`;
}

/** "+0.4 pp". */
export function formatChangePts(errorRate: ErrorRateJudgement): string {
  if (errorRate.changePts === null) return '–';
  return `${signed(errorRate.changePts)} pp`;
}

export function formatOptionalMs(ms: number | null): string {
  return ms === null ? '–' : formatMs(ms);
}

export function formatOptionalShare(share: number | null): string {
  return share === null ? '–' : formatShare(share);
}

/** Why the p95 was judged as it was, in a sentence a reviewer can act on. */
export function describeP95(p95: P95Judgement, tolerances: Tolerances): string {
  if (p95.change === Change.noData) return 'p95: no requests on one side';
  const moved = `p95 ${formatOptionalMs(p95.baselineMs)} → ${formatOptionalMs(p95.currentMs)} (${formatChangePct(p95)}, ${formatChangeMs(p95)})`;
  return explainRise(moved, p95, {
    allowedPct: tolerances.p95IncreasePct,
    floor: `${trimNumber(tolerances.minAbsoluteMs)} ms`,
    zero: '0 ms',
    better: 'faster',
  });
}

/**
 * The end of a sentence about a figure where higher is worse (p95, a Web Vital), after `moved` ("p95 51 ms
 * → 63 ms (+24 %, +12 ms)"): under the floor, more than allowed, better, or within the tolerance.
 */
function explainRise(
  moved: string,
  rise: { readonly change: Change; readonly changePct: number | null; readonly withinFloor: boolean },
  words: {
    readonly allowedPct: number;
    readonly floor: string;
    readonly zero: string;
    readonly better: string;
  },
): string {
  const allowed = trimNumber(words.allowedPct);
  if (rise.withinFloor) return `${moved}: less than the ${words.floor} floor`;
  switch (rise.change) {
    case Change.regression:
      return rise.changePct === null
        ? `${moved}: the baseline was ${words.zero} and the rise is at least the ${words.floor} floor`
        : `${moved}: more than the ${allowed} % allowed`;
    case Change.improvement:
      return `${moved}: ${words.better} by more than ${allowed} %`;
    default:
      return `${moved}: within ${allowed} %`;
  }
}

/** Why the error rate was judged as it was. */
export function describeErrorRate(errorRate: ErrorRateJudgement, tolerances: Tolerances): string {
  if (errorRate.change === Change.noData) return 'error rate: no requests on one side';
  const moved = `error rate ${formatOptionalShare(errorRate.baseline)} → ${formatOptionalShare(errorRate.current)} (${formatChangePts(errorRate)})`;
  const allowed = `${trimNumber(tolerances.errorRateIncreasePts)} pp`;
  switch (errorRate.change) {
    case Change.regression:
      return `${moved}: more than the ${allowed} allowed`;
    case Change.improvement:
      return `${moved}: lower by more than ${allowed}`;
    default:
      return `${moved}: within ${allowed}`;
  }
}

/** A Web Vital's value: "1.2 s" / "340 ms" for the timed ones, "0.052" for CLS. */
export function formatVital(vital: string, value: number | null): string {
  if (value === null) return '–';
  return vital === 'cls' ? trimNumber(Math.round(value * 1000) / 1000) : formatMs(value);
}

/** "+33 % (+400 ms)", "new (+0.04)": how a vital's p75 moved. */
export function formatVitalChange(vital: string, judgement: VitalJudgement): string {
  const [pct, by] = vitalChangeParts(vital, judgement);
  return `${pct} (${by})`;
}

function vitalChangeParts(vital: string, judgement: VitalJudgement): [string, string] {
  const by = `${signOf(judgement.changeBy)}${formatVital(vital, Math.abs(judgement.changeBy))}`;
  if (judgement.changePct === null) return [judgement.changeBy === 0 ? '±0 %' : 'new', by];
  return [`${signed(judgement.changePct)} %`, by];
}

/** Why a vital was judged as it was: "LCP p75 1.2 s → 1.6 s (+33 %, +400 ms): more than the 10 % allowed". */
export function describeVital(vital: string, judgement: VitalJudgement, tolerances: Tolerances): string {
  const [pct, by] = vitalChangeParts(vital, judgement);
  const moved = `${vital.toUpperCase()} p75 ${formatVital(vital, judgement.baseline)} → ${formatVital(vital, judgement.current)} (${pct}, ${by})`;
  return explainRise(moved, judgement, {
    allowedPct: tolerances.webVitalIncreasePct,
    floor: formatVital(vital, judgement.floor),
    zero: '0',
    better: 'better',
  });
}

function signed(value: number): string {
  return `${signOf(value)}${trimNumber(Math.abs(value))}`;
}

function signOf(value: number): string {
  return value > 0 ? '+' : value < 0 ? '-' : '±';
}
