import { describe, expect, it } from 'vitest';
import { verdictDetail, verdictOfExitCode, verdictOfStatus, verdictWords } from '../src/index.js';

describe('the verdict by exit code', () => {
  it.each([
    [0, true, 'PASSED'],
    [0, false, 'COMPLETED'],
    [90, true, 'REGRESSION'],
    [97, true, 'INCOMPLETE'],
    [99, true, 'FAILED'],
    [105, true, 'STOPPED'],
    [107, true, 'STOPPED'],
    [108, false, 'STOPPED'],
  ])('exit %s (thresholds judged: %s) heads %s', (code, judged, badge) => {
    const verdict = verdictOfExitCode(code, judged);
    expect(verdict && verdictWords[verdict].badge).toBe(badge);
  });

  it('is no verdict for an exit code that says nothing of the target, or none', () => {
    expect(verdictOfExitCode(1, true)).toBeUndefined();
    expect(verdictOfExitCode(104, true)).toBeUndefined();
    expect(verdictOfExitCode(null, true)).toBeUndefined();
  });

  it('gives every verdict an icon beside its colour, and INCOMPLETE one of its own', () => {
    const icons = Object.values(verdictWords).map((w) => w.icon);
    expect(icons.every((icon) => icon.length > 0)).toBe(true);
    expect(verdictWords.incomplete.icon).not.toBe(verdictWords.stopped.icon);
    expect(verdictWords.completed.tone).toBe('neutral');
  });

  it('reads a status where there is no exit code', () => {
    expect(verdictOfStatus('passed', false)).toBe('completed');
    expect(verdictOfStatus('incomplete', true)).toBe('incomplete');
    expect(verdictOfStatus('aborted', true)).toBe('aborted');
    expect(verdictOfStatus('completed', true)).toBeUndefined();
    expect(verdictOfStatus('queued', true)).toBeUndefined();
  });
});

describe('the line under the badge', () => {
  it('counts the thresholds', () => {
    expect(verdictDetail('passed', { thresholds: 1, crossed: 0 })).toBe('all 1 threshold held');
    expect(verdictDetail('completed', { thresholds: 0, crossed: 0 })).toBe(
      'no thresholds defined, so nothing was judged',
    );
    expect(verdictDetail('failed', { thresholds: 3, crossed: 1 })).toBe('1 of 3 thresholds crossed');
    expect(verdictDetail('failed', { thresholds: 2, crossed: 2, abortedByThreshold: true })).toBe(
      'stopped early by abortOnFail; 2 of 2 thresholds crossed',
    );
  });

  it('says a regression against the baseline, named or not', () => {
    expect(
      verdictDetail('regression', { thresholds: 2, crossed: 0, regressedAgainst: 'run #123 on main' }),
    ).toBe('all 2 thresholds held, but worse than the baseline run #123 on main beyond its tolerances');
    expect(verdictDetail('regression', { thresholds: 0, crossed: 0, regressedAgainst: '' })).toBe(
      'no thresholds judged, but worse than the baseline beyond its tolerances',
    );
    expect(verdictDetail('failed', { thresholds: 4, crossed: 1, regressedAgainst: '' })).toBe(
      '1 of 4 thresholds crossed; also a regression against the baseline',
    );
  });

  it('says who stopped a run, and which regions an incomplete one lacks', () => {
    expect(verdictDetail('stopped', { thresholds: 3, crossed: 0, stoppedBy: 'SIGINT' })).toBe(
      'stopped by SIGINT: partial results',
    );
    expect(verdictDetail('stopped', { thresholds: 3, crossed: 1 })).toBe(
      'stopped by a signal: partial results; 1 of 3 thresholds crossed',
    );
    expect(verdictDetail('incomplete', { thresholds: 2, crossed: 0, missingRegions: ['eu-far'] })).toBe(
      'regions missing: eu-far; the 2 thresholds held on the regions that ran',
    );
    expect(verdictDetail('incomplete', { thresholds: 0, crossed: 0, missingRegions: ['eu-far'] })).toBe(
      'regions missing: eu-far',
    );
    expect(verdictDetail('incomplete', { thresholds: 1, crossed: 0 })).toBe(
      'not every part of the run delivered',
    );
  });
});
