import { formatMs, formatShare, trimNumber } from '@fpt/report';
import { Change, type ErrorRateJudgement, type P95Judgement } from './gate-verdict.js';
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
  if (p95.withinFloor) return `${moved}: less than the ${trimNumber(tolerances.minAbsoluteMs)} ms floor`;
  switch (p95.change) {
    case Change.regression:
      return p95.changePct === null
        ? `${moved}: the baseline was 0 ms and the rise is at least the ${trimNumber(tolerances.minAbsoluteMs)} ms floor`
        : `${moved}: more than the ${trimNumber(tolerances.p95IncreasePct)} % allowed`;
    case Change.improvement:
      return `${moved}: faster by more than ${trimNumber(tolerances.p95IncreasePct)} %`;
    default:
      return `${moved}: within ${trimNumber(tolerances.p95IncreasePct)} %`;
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

function signed(value: number): string {
  return `${signOf(value)}${trimNumber(Math.abs(value))}`;
}

function signOf(value: number): string {
  return value > 0 ? '+' : value < 0 ? '-' : '±';
}
