import type { AgentStatus, GateRow, GateVerdictJson } from '@fpt/api-types';
import { describeThresholds } from '@fpt/readable';
import { describe, expect, it } from 'vitest';
import { metrics, threshold } from '../../readable/test/threshold-fixtures.js';
import { countAxisSteps, fitScale, formatChartValue, peakOf } from '../src/lib/chart-scale.js';
import { contrastRatio, over, parseColor, withAlpha } from '../src/lib/contrast.js';
import { describeRefusal } from '../src/lib/describe-refusal.js';
import { formatLocalClock } from '../src/lib/format-time.js';
import { gateHeadline, gateRegressions } from '../src/lib/gate-regressions.js';
import { mergeAgentStatus } from '../src/lib/live-run-status.js';
import { baselineState, runVerdict, thresholdsState } from '../src/lib/run-verdict.js';
import { runRow } from './run-fixtures.js';

describe('runVerdict follows the exit code', () => {
  const failing = describeThresholds(
    [
      threshold('http_req_duration', 'p(95)<500', 603, false),
      threshold('http_req_failed', 'rate<0.01', 0, true),
    ],
    metrics,
  );

  it('heads a failed run with its first crossed threshold in words, never "1 thresholds crossed"', () => {
    const run = runRow({
      status: 'failed',
      exitCode: 99,
      thresholdsPassed: 1,
      thresholdsFailed: 1,
      reason: '1 thresholds crossed',
    });
    expect(runVerdict(run)).toEqual({
      badge: 'FAILED',
      icon: '✗',
      tone: 'bad',
      detail: '1 of 2 thresholds crossed',
    });
    expect(runVerdict(run, { thresholds: failing })).toMatchObject({
      badge: 'FAILED',
      detail: '1 of 2 thresholds crossed',
      headline: 'p(95) 603 ms ≥ 500 ms on http_req_duration',
    });
  });

  it('heads a run that abortOnFail stopped FAILED, with the threshold that stopped it', () => {
    const aborting = describeThresholds(
      [
        threshold('http_req_failed', 'rate<0.01', 0.2, false),
        threshold('http_req_duration', 'p(95)<500', 900, false, { abortOnFail: true }),
      ],
      metrics,
    );
    expect(
      runVerdict(runRow({ status: 'aborted', exitCode: 99, reason: 'thresholds crossed' }), {
        thresholds: aborting,
      }),
    ).toMatchObject({
      badge: 'FAILED',
      detail: 'stopped early by abortOnFail; 2 of 2 thresholds crossed',
      headline: 'p(95) 900 ms ≥ 500 ms on http_req_duration',
    });
  });

  it('heads a run that exits 90 REGRESSION, not PASSED, with what regressed', () => {
    const run = runRow({ exitCode: 90, verdict: 'regression', thresholdsPassed: 2, thresholdsFailed: 0 });
    expect(runVerdict(run)).toEqual({
      badge: 'REGRESSION',
      icon: '✗',
      tone: 'bad',
      detail: 'all 2 thresholds held, but worse than the baseline beyond its tolerances',
    });
    expect(runVerdict(run, { gate: gateVerdict() }).headline).toBe(
      'request items: p95 4.65 ms → 258 ms (+5,448 %, +253 ms): more than the 10 % allowed',
    );
    // A summary written before the exit code carried it: the verdict still says so.
    expect(runVerdict(runRow({ exitCode: 0, verdict: 'regression' })).badge).toBe('REGRESSION');
    // Crossed thresholds win (99), and the regression is said too.
    expect(
      runVerdict(runRow({ status: 'failed', exitCode: 99, verdict: 'regression', thresholdsFailed: 1 }))
        .detail,
    ).toBe('1 of 4 thresholds crossed; also a regression against the baseline');
  });

  it('heads INCOMPLETE (97), STOPPED (105, 108) and COMPLETED when nothing was judged', () => {
    expect(runVerdict(runRow({ exitCode: 97, reason: 'regions missing: far' }))).toMatchObject({
      badge: 'INCOMPLETE',
      headline: 'regions missing: far',
    });
    expect(
      runVerdict(runRow({ status: 'stopped', exitCode: 105, reason: 'stopped on request' })),
    ).toMatchObject({
      badge: 'STOPPED',
      detail: 'stopped by stopped on request: partial results',
    });
    expect(runVerdict(runRow({ status: 'aborted', exitCode: 108 })).detail).toBe(
      'stopped by the script (exec.test.abort()): partial results',
    );
    // The agent was killed and the run settled from its summary: stopped by a signal, not by a user.
    expect(runVerdict(runRow({ status: 'aborted', exitCode: 105 })).badge).toBe('STOPPED');
    expect(runVerdict(runRow({ thresholdsPassed: 0, thresholdsFailed: 0 }), { thresholds: [] }).badge).toBe(
      'COMPLETED',
    );
  });

  it("states the thresholds' and the baseline's own verdicts beneath, and judges no partial run", () => {
    expect(thresholdsState(runRow())).toBe('✓ 3 of 3 held');
    expect(thresholdsState(runRow(), failing)).toBe('✗ 1 of 2 thresholds crossed');
    expect(thresholdsState(runRow({ thresholdsPassed: 0 }))).toBe('none defined, so nothing was judged');
    expect(baselineState(runRow())).toBeUndefined();
    expect(baselineState(runRow({ verdict: 'pass' }), gateVerdict({ status: 'pass' }))).toBe(
      '✓ within the tolerances of baseline run base-1 (p95 +10 %, floor 5 ms, errors +1 pp)',
    );
    expect(baselineState(runRow({ exitCode: 90, verdict: 'regression' }), gateVerdict())).toBe(
      '✗ worse than baseline run base-1 beyond its tolerances: 2 regressions',
    );
    expect(baselineState(runRow({ status: 'stopped', exitCode: 105, verdict: 'pass' }))).toBe(
      'not judged: the run did not complete, so its figures are partial',
    );
  });
});

function row(name: string, status: GateRow['status'], baselineMs: number, currentMs: number): GateRow {
  const changeMs = currentMs - baselineMs;
  const changePct = (changeMs / baselineMs) * 100;
  const regression = status === 'regression';
  return {
    scope: name === 'all requests' ? 'overall' : 'request',
    name,
    ...(name === 'all requests' ? {} : { scenario: 'api' }),
    status,
    p95: {
      baselineMs,
      currentMs,
      changeMs,
      changePct,
      change: regression ? 'regression' : 'unchanged',
      withinFloor: false,
    },
    errorRate: { baseline: 0, current: 0, changePts: 0, change: 'unchanged' },
    reasons: [],
    failures: regression
      ? [
          `p95 ${baselineMs} ms → ${currentMs} ms (+${Math.round(changePct).toLocaleString('en-US')} %, +${Math.round(changeMs)} ms): more than the 10 % allowed`,
        ]
      : [],
  };
}

function gateVerdict(overrides: Partial<GateVerdictJson> = {}): GateVerdictJson {
  return {
    format: 'fpt-gate-verdict',
    status: 'regression',
    preset: 'pr',
    tolerances: { p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 5 },
    baseline: {
      createdAt: '2026-11-26T12:50:13.287Z',
      runId: 'base-1',
      startedAt: '2026-11-26T12:49:40.874Z',
      region: 'local',
    },
    overall: row('all requests', 'regression', 53.4, 255),
    requests: [
      row('fast', 'unchanged', 4.67, 4.19),
      row('items', 'regression', 4.65, 258),
      row('slow', 'unchanged', 59, 65.6),
    ],
    regions: [],
    customMetrics: [],
    webVitals: [
      {
        page: 'home',
        vital: 'cls',
        status: 'regression',
        baselineP75: 0.02,
        currentP75: 0.15,
        judgement: { changeBy: 0.13, changePct: 650 },
        reason: 'CLS p75 0.02 → 0.15',
        failures: ['CLS p75 0.02 → 0.15 (+650 %): more than the 10 % allowed'],
      },
    ],
    counts: { regressions: 2, improvements: 0 },
    warnings: [],
    ...overrides,
  };
}

describe('gateRegressions', () => {
  it('lists what regressed with the baseline, the run and the change, the whole run first', () => {
    expect(gateRegressions(gateVerdict())).toEqual([
      {
        scope: 'overall',
        name: 'all requests',
        baseline: 'p95 53.4 ms',
        current: 'p95 255 ms',
        delta: '+202 ms (+378 %)',
        failures: ['p95 53.4 ms → 255 ms (+378 %, +202 ms): more than the 10 % allowed'],
      },
      {
        scope: 'request',
        name: 'items',
        baseline: 'p95 4.65 ms',
        current: 'p95 258 ms',
        delta: '+253 ms (+5,448 %)',
        failures: ['p95 4.65 ms → 258 ms (+5,448 %, +253 ms): more than the 10 % allowed'],
      },
      {
        scope: 'Web Vital',
        name: 'home · CLS p75',
        baseline: '0.020',
        current: '0.150',
        delta: '+0.130 (+650 %)',
        failures: ['CLS p75 0.02 → 0.15 (+650 %): more than the 10 % allowed'],
      },
    ]);
  });

  it("heads with the most specific failure, else the whole run's", () => {
    expect(gateHeadline(gateVerdict())).toBe(
      'request items: p95 4.65 ms → 258 ms (+5,448 %, +253 ms): more than the 10 % allowed',
    );
    expect(gateHeadline(gateVerdict({ requests: [] }))).toBe(
      'all requests: p95 53.4 ms → 255 ms (+378 %, +202 ms): more than the 10 % allowed',
    );
  });
});

describe('words and numbers', () => {
  it('gives chart hovers their unit', () => {
    expect(formatChartValue('ms', 582.231)).toBe('582 ms');
    expect(formatChartValue('ms', 1234)).toBe('1.23 s');
    expect(formatChartValue('per-second', 49.96)).toBe('50/s');
    expect(formatChartValue('percent', 0.4)).toBe('0.4 %');
    expect(formatChartValue('count', 3)).toBe('3');
    expect(formatChartValue('ms', null)).toBe('—');
  });

  it('writes moments within a run as a local time of day', () => {
    expect(formatLocalClock(Date.UTC(2026, 10, 26, 12, 34, 56), 'Europe/Berlin')).toBe('13:34:56');
    expect(formatLocalClock(Number.NaN)).toBe('—');
  });

  it('says the agent cannot be reached when there was no HTTP answer at all', () => {
    const refusal = describeRefusal(0, undefined);
    expect(refusal.title).toBe('The agent cannot be reached');
    expect(refusal.lines.join(' ')).not.toContain('HTTP 0');
  });
});

describe('fitScale', () => {
  it('fits the axis to the data and leaves a far limit off the scale', () => {
    // 50 ms of data under a 500 ms limit: the axis stops near 55 ms, the limit is marked instead.
    expect(fitScale(50, [500])).toEqual({ max: 65, drawn: [false] });
    // A limit near the data, or under it, is drawn.
    expect(fitScale(50, [80])).toEqual({ max: 88, drawn: [true] });
    expect(fitScale(600, [500]).drawn).toEqual([true]);
    // No data yet: the limits set the scale.
    expect(fitScale(undefined, [500])).toEqual({ max: 550, drawn: [true] });
    expect(fitScale(undefined, [])).toEqual({ max: 1, drawn: [] });
    expect(
      peakOf([
        [1, null, 3],
        [2, undefined as unknown as number],
      ]),
    ).toBe(3);
  });
});

describe('contrast', () => {
  it("computes WCAG contrast ratios of the browser's colour strings", () => {
    expect(contrastRatio(parseColor('#000')!, parseColor('#fff')!)).toBeCloseTo(21, 5);
    // #777 on white is the classic just-under-AA grey.
    expect(contrastRatio(parseColor('rgb(119, 119, 119)')!, parseColor('#ffffff')!)).toBeCloseTo(4.48, 2);
    // uPlot's default axis colour on the dark page: what dark mode used to draw.
    expect(contrastRatio(parseColor('#000')!, parseColor('#0d1117')!)).toBeLessThan(1.2);
    expect(over(parseColor('rgba(0, 0, 0, 0.5)')!, parseColor('#ffffff')!)).toEqual({
      r: 127.5,
      g: 127.5,
      b: 127.5,
      a: 1,
    });
    expect(parseColor('rgb(13 17 23 / 0.5)')).toEqual({ r: 13, g: 17, b: 23, a: 0.5 });
    expect(withAlpha('#2563eb', 0.2)).toBe('rgba(37, 99, 235, 0.2)');
  });
});

describe('mergeAgentStatus', () => {
  const idle: AgentStatus = {
    version: '1.0.0',
    region: 'local',
    agentId: 'a',
    busy: false,
    run: null,
    authRequired: false,
    fleet: { peers: 0, fleetRunId: null },
  };
  const running = runRow({ id: 'r1', status: 'running', exitCode: null });

  it('is busy the moment the live stream says a run goes, and idle the moment it ends', () => {
    expect(mergeAgentStatus({ status: idle, askedAtMs: 1000 }, { run: running, atMs: 1500 })).toEqual({
      status: { ...idle, busy: true, run: running },
      source: 'live',
    });
    const busy = { ...idle, busy: true, run: running };
    expect(
      mergeAgentStatus({ status: busy, askedAtMs: 1000 }, { run: runRow({ id: 'r1' }), atMs: 1500 }),
    ).toEqual({ status: idle, source: 'live' });
  });

  it('lets a poll asked later win, and never clears a run the stream does not speak of', () => {
    expect(mergeAgentStatus({ status: idle, askedAtMs: 2000 }, { run: running, atMs: 1500 })).toEqual({
      status: idle,
      source: 'poll',
    });
    const other = { ...idle, busy: true, run: runRow({ id: 'r2', status: 'running' }) };
    expect(
      mergeAgentStatus({ status: other, askedAtMs: 1000 }, { run: runRow({ id: 'r1' }), atMs: 1500 }).status,
    ).toBe(other);
    expect(mergeAgentStatus(undefined, { run: running, atMs: 1 }).status).toBeUndefined();
  });
});

describe('count axes', () => {
  it('step in whole numbers when every line on the axis counts things (VUs), and leave other axes to uPlot', () => {
    const steps = countAxisSteps(['count']);
    expect(steps?.[0]).toBe(1);
    expect(steps?.every(Number.isInteger)).toBe(true);
    expect(countAxisSteps(['count', 'percent'])).toBeUndefined();
    expect(countAxisSteps(['ms'])).toBeUndefined();
    expect(countAxisSteps([])).toBeUndefined();
  });
});
