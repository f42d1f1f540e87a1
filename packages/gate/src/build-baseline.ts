import { RunOutcome } from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import { BASELINE_FORMAT, BASELINE_VERSION, type Baseline } from './baseline.js';
import { GateInputError } from './gate-input-error.js';
import { roundFigure } from './round-figure.js';
import { summaryFigures } from './summary-figures.js';

export interface BuiltBaseline {
  readonly baseline: Baseline;
  /** Why this baseline may be a poor reference; the CLI prints them, the file is written all the same. */
  readonly warnings: readonly string[];
}

/**
 * A baseline from a run's summary JSON. `createdAt` comes from the caller (this package reads no clock).
 * Refuses a run that made no HTTP request or was interrupted: later runs could not be fairly compared.
 */
export function buildBaseline(data: SummaryData, createdAt: Date): BuiltBaseline {
  const { fpt } = data;
  const figures = summaryFigures(data);
  if (figures.overall.count === 0 && figures.webVitals.length === 0) {
    throw new GateInputError(
      'the run made no HTTP request and measured no Web Vital, so there is nothing to compare later runs with',
      [],
      'save a baseline from a run that reached its target: the run summary lists what happened',
    );
  }
  if (fpt.outcome === RunOutcome.interrupted) {
    throw new GateInputError(
      `the run was interrupted (${fpt.abortReason ?? 'stopped early'}), so its figures cover only part of the load`,
      [],
      'run the preset to the end, then save the baseline from that summary',
    );
  }
  const warnings: string[] = [];
  if (fpt.outcome !== RunOutcome.passed)
    warnings.push(
      `the run crossed thresholds (${fpt.outcome}): later runs will be compared with a run that already failed its budgets`,
    );
  if (fpt.preset.identity === undefined)
    warnings.push(
      'the summary has no preset identity (written by an older FPT): the gate cannot tell whether later runs put the same load on the same target',
    );
  const baseline: Baseline = {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    createdAt: createdAt.toISOString(),
    preset: { name: fpt.preset.name, identity: fpt.preset.identity ?? null },
    run: {
      id: fpt.runId ?? null,
      startedAt: fpt.startedAt,
      endedAt: fpt.endedAt,
      durationMs: roundFigure(data.state.testRunDurationMs, 3),
      region: fpt.region,
      tags: { ...fpt.tags },
      outcome: fpt.outcome,
      exitCode: fpt.exitCode,
    },
    ...figures,
    timeline: fpt.timeline.map((point) => ({ ...point })),
  };
  return { baseline, warnings };
}
