import type { RunProgress } from '@fpt/engine';
import { describe, expect, it } from 'vitest';
import { fitLine, formatProgressLine, ProgressDisplay } from '../src/live/progress-display.js';

function progress(elapsedMs: number): RunProgress {
  return {
    elapsedMs,
    plannedMs: 15_000,
    maxDurationMs: 45_000,
    vus: 5,
    vusMax: 5,
    point: {
      tMs: elapsedMs,
      vus: 5,
      requests: 480,
      failedRequests: 0,
      iterations: 480,
      droppedIterations: 0,
      p95Ms: 51.6,
    },
    totalRequests: 4800,
    failedRequests: 0,
    completedIterations: 4800,
    failingThresholds: [],
    scenarioIterations: { api: 4800 },
  };
}

describe('the live progress line', () => {
  it('counts against the planned length, graceful stop left out', () => {
    expect(formatProgressLine(progress(10_000))).toMatch(
      /^running 10\.0s\/15\.0s {2}VUs 5\/5 {2}480 req\/s {2}p95 51\.6ms/,
    );
  });

  it('shows a browser-only run by its iterations and its LCP p75 so far, not by requests it never sends', () => {
    const browser: RunProgress = {
      ...progress(10_000),
      point: { tMs: 10_000, vus: 2, requests: 0, failedRequests: 0, iterations: 3, droppedIterations: 0 },
      totalRequests: 0,
      completedIterations: 27,
      lcpP75Ms: 1234.4,
    };
    expect(formatProgressLine(browser, true)).toMatch(
      /^running 10\.0s\/15\.0s {2}VUs 5\/5 {2}3 iterations\/s {2}LCP p75 1234ms {2}iterations 27$/,
    );
    expect(formatProgressLine({ ...browser, lcpP75Ms: undefined }, true)).toMatch(
      /3 iterations\/s {2}LCP p75 - {2}/,
    );
    // A hybrid run keeps its request figures and adds the LCP.
    expect(formatProgressLine({ ...progress(10_000), lcpP75Ms: 900 })).toMatch(
      /errors 0\.00% {2}LCP p75 900ms {2}/,
    );
  });

  it('says the run is winding down once past the planned length', () => {
    expect(formatProgressLine(progress(17_000))).toMatch(
      /^stopping 17\.0s \(planned 15\.0s, graceful stop up to 45\.0s\) {2}VUs/,
    );
  });
});

describe('the live line on a terminal', () => {
  it('is cut to the width, so a redraw never wraps and leaves rows behind; a log line stays whole', () => {
    const tty: string[] = [];
    const wide = 'x'.repeat(150);
    const onTerminal = new ProgressDisplay((text) => tty.push(text), { tty: true, columns: 80 });
    onTerminal.show(wide, 1000);
    expect(tty[0]).toBe(`\r\u001b[2K${'x'.repeat(78)}…`);
    // An agent's state line clears the live line first and goes on a line of its own.
    onTerminal.interrupt('eu-far/far-a (1/1) running\n');
    expect(tty.slice(1)).toEqual(['\r\u001b[2K', 'eu-far/far-a (1/1) running\n']);
    const log: string[] = [];
    new ProgressDisplay((text) => log.push(text), { tty: false, columns: 80 }).show(wide, 1000);
    expect(log).toEqual([`${wide}\n`]);
    expect(fitLine('short', 80)).toBe('short');
    expect(fitLine(wide, undefined)).toBe(wide);
  });
});
