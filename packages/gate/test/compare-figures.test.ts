import { describe, expect, it } from 'vitest';
import { Change, compareFigures, type Figures, type Tolerances } from '../src/index.js';

const tolerances: Tolerances = {
  p95IncreasePct: 10,
  errorRateIncreasePts: 0.5,
  minAbsoluteMs: 5,
  webVitalIncreasePct: 10,
};

function figures(p95Ms: number | null, errorRate: number | null = 0): Figures {
  const count = p95Ms === null ? 0 : 100;
  return { count, ratePerSec: count / 10, errorRate, p50Ms: p95Ms, p95Ms, p99Ms: p95Ms };
}

const p95Change = (before: number, after: number, t: Tolerances = tolerances) =>
  compareFigures(figures(before), figures(after), t).p95.change;
const errorChange = (before: number, after: number) =>
  compareFigures(figures(100, before), figures(100, after), tolerances).errorRate.change;

describe('compareFigures: p95', () => {
  it('passes a rise of exactly the tolerance and fails one just over it', () => {
    expect(p95Change(100, 110)).toBe(Change.unchanged);
    expect(p95Change(100, 110.01)).toBe(Change.regression);
    expect(p95Change(300, 330)).toBe(Change.unchanged);
    expect(p95Change(300, 330.1)).toBe(Change.regression);
  });

  it('reports the change in ms and in % of the baseline', () => {
    const { p95 } = compareFigures(figures(200), figures(250), tolerances);
    expect(p95).toMatchObject({
      baselineMs: 200,
      currentMs: 250,
      changeMs: 50,
      changePct: 25,
      withinFloor: false,
    });
  });

  it('never fails a change smaller than the floor, however large in %', () => {
    expect(p95Change(1, 5.9)).toBe(Change.unchanged);
    const { p95 } = compareFigures(figures(1), figures(5.9), tolerances);
    expect(p95.changePct).toBeGreaterThan(400);
    expect(p95.withinFloor).toBe(true);
    // At the floor the change counts.
    expect(p95Change(1, 6)).toBe(Change.regression);
  });

  it('judges a zero baseline by the floor alone', () => {
    expect(p95Change(0, 4.99)).toBe(Change.unchanged);
    const { p95 } = compareFigures(figures(0), figures(5), tolerances);
    expect(p95.change).toBe(Change.regression);
    expect(p95.changePct).toBeNull();
    expect(p95Change(0, 0)).toBe(Change.unchanged);
  });

  it('with a floor of 0 judges by the percentage alone', () => {
    const noFloor = { ...tolerances, minAbsoluteMs: 0 };
    expect(p95Change(1, 1.2, noFloor)).toBe(Change.regression);
    expect(p95Change(1, 1.1, noFloor)).toBe(Change.unchanged);
    expect(p95Change(0, 0.001, noFloor)).toBe(Change.regression);
  });

  it('calls a drop of more than the tolerance (and the floor) an improvement', () => {
    expect(p95Change(100, 85)).toBe(Change.improvement);
    expect(p95Change(100, 90)).toBe(Change.unchanged);
    expect(p95Change(20, 12)).toBe(Change.improvement);
    expect(p95Change(6, 2)).toBe(Change.unchanged);
  });

  it('has no data when either side made no request', () => {
    const { p95, change } = compareFigures(figures(null, null), figures(100), tolerances);
    expect(p95.change).toBe(Change.noData);
    expect(p95.changeMs).toBeNull();
    expect(change).toBe(Change.noData);
  });
});

describe('compareFigures: error rate', () => {
  it('passes a rise of exactly the tolerance in percentage points and fails one just over it', () => {
    expect(errorChange(0.01, 0.015)).toBe(Change.unchanged);
    expect(errorChange(0.01, 0.0151)).toBe(Change.regression);
    expect(errorChange(0, 0.005)).toBe(Change.unchanged);
    expect(errorChange(0, 0.006)).toBe(Change.regression);
  });

  it('measures the change in percentage points, not relative to the baseline', () => {
    const { errorRate } = compareFigures(figures(100, 0.02), figures(100, 0.03), tolerances);
    expect(errorRate.changePts).toBe(1);
    expect(errorRate.change).toBe(Change.regression);
  });

  it('calls a drop of more than the tolerance an improvement', () => {
    expect(errorChange(0.05, 0.01)).toBe(Change.improvement);
    expect(errorChange(0.05, 0.046)).toBe(Change.unchanged);
  });
});

describe('compareFigures: the row', () => {
  it('is a regression when either figure regressed, even if the other improved', () => {
    const row = compareFigures(figures(100, 0.05), figures(200, 0), tolerances);
    expect(row.p95.change).toBe(Change.regression);
    expect(row.errorRate.change).toBe(Change.improvement);
    expect(row.change).toBe(Change.regression);
  });

  it('is an improvement when one improved and none regressed', () => {
    expect(compareFigures(figures(100, 0.05), figures(101, 0), tolerances).change).toBe(Change.improvement);
    expect(compareFigures(figures(100, 0), figures(101, 0), tolerances).change).toBe(Change.unchanged);
  });
});
