import { RunOutcome } from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import { assertBaselineForPreset } from './assert-baseline-for-preset.js';
import type { Baseline } from './baseline.js';
import { compareCustomMetrics } from './compare-custom-metrics.js';
import { compareFigures, judgeVital } from './compare-figures.js';
import { describeErrorRate, describeP95, describeVital } from './describe-change.js';
import type { Figures, RunFigures, VitalFigures } from './figures.js';
import { GateInputError } from './gate-input-error.js';
import {
  Change,
  type ComparedRow,
  type ComparedVital,
  GATE_VERDICT_FORMAT,
  GATE_VERDICT_VERSION,
  GateStatus,
  type GateVerdict,
  RowScope,
  RowStatus,
} from './gate-verdict.js';
import { pairByKey } from './pair-by-key.js';
import { summaryFigures } from './summary-figures.js';
import type { ResolvedTolerances, Tolerances } from './tolerances.js';
import { unpairedRow } from './unpaired-row.js';

/**
 * Compares a run (its summary JSON) with a baseline: overall, per request (name × scenario), per
 * region, each browser page's Web Vitals p75, and each custom trend of times. A row on one side only is
 * reported as added or removed and does not fail the gate; everything on both sides is judged
 * (compareFigures, judgeVital, compareCustomMetrics). Throws
 * GateInputError when the two cannot be compared at all (another preset, or a run that measured nothing).
 */
export function compareWithBaseline(
  data: SummaryData,
  baseline: Baseline,
  resolved: ResolvedTolerances,
): GateVerdict {
  const { fpt } = data;
  const { tolerances } = resolved;
  assertBaselineForPreset(baseline, fpt.preset.name);
  const figures = summaryFigures(data);
  if (figures.overall.count === 0 && figures.webVitals.length === 0) {
    throw new GateInputError(
      'the run made no HTTP request and measured no Web Vital, so there is nothing to compare with the baseline',
      [],
      'check that the target answered; the run summary lists what happened',
    );
  }

  const overall = compareRow(RowScope.overall, 'all requests', baseline.overall, figures.overall, tolerances);
  const requests = compareGroups(
    RowScope.request,
    baseline.requests,
    figures.requests,
    (r) => `${r.scenario}\u0000${r.name}`,
    requestLabels([...baseline.requests, ...figures.requests]),
    tolerances,
  );
  const regions = compareGroups(
    RowScope.region,
    baseline.regions,
    figures.regions,
    (r) => r.region,
    (r) => r.region,
    tolerances,
  );

  const webVitals = compareVitals(baseline.webVitals ?? [], figures.webVitals, tolerances);
  // A baseline saved before FPT kept custom metrics knows nothing of them: calling each one "new" would be
  // wrong, so there are no metric rows (comparabilityWarnings says which went unjudged).
  const customMetrics =
    baseline.customMetrics === undefined
      ? []
      : compareCustomMetrics(baseline.customMetrics, figures.customMetrics, tolerances);

  const rows: readonly { readonly status: RowStatus }[] = [
    overall,
    ...requests,
    ...regions,
    ...webVitals,
    ...customMetrics,
  ];
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const counts = {
    regressions: count(RowStatus.regression),
    improvements: count(RowStatus.improvement),
    added: count(RowStatus.added),
    removed: count(RowStatus.removed),
  };
  return {
    format: GATE_VERDICT_FORMAT,
    version: GATE_VERDICT_VERSION,
    status: counts.regressions > 0 ? GateStatus.regression : GateStatus.pass,
    preset: fpt.preset.name,
    tolerances,
    toleranceSources: resolved.sources,
    baseline: {
      createdAt: baseline.createdAt,
      runId: baseline.run.id,
      startedAt: baseline.run.startedAt,
      region: baseline.run.region,
      identity: baseline.preset.identity,
    },
    run: {
      id: fpt.runId ?? null,
      startedAt: fpt.startedAt,
      region: fpt.region,
      identity: fpt.preset.identity ?? null,
      outcome: fpt.outcome,
      exitCode: fpt.exitCode,
    },
    overall,
    requests,
    regions,
    webVitals,
    customMetrics,
    counts,
    warnings: comparabilityWarnings(data, figures, baseline, counts),
  };
}

function compareRow(
  scope: RowScope,
  name: string,
  baseline: Figures,
  current: Figures,
  tolerances: Tolerances,
  scenario?: string,
): ComparedRow {
  const compared = compareFigures(baseline, current, tolerances);
  const p95Reason = describeP95(compared.p95, tolerances);
  const errorRateReason = describeErrorRate(compared.errorRate, tolerances);
  return {
    scope,
    name,
    ...(scenario === undefined ? {} : { scenario }),
    status: compared.change,
    baseline,
    current,
    p95: compared.p95,
    errorRate: compared.errorRate,
    reasons: [p95Reason, errorRateReason],
    failures: [
      ...(compared.p95.change === Change.regression ? [p95Reason] : []),
      ...(compared.errorRate.change === Change.regression ? [errorRateReason] : []),
    ],
  };
}

/** Judges the rows on both sides; a row on one side only is removed or added (pairByKey). */
function compareGroups<T extends Figures & { readonly scenario?: string }>(
  scope: typeof RowScope.request | typeof RowScope.region,
  baselineRows: readonly T[],
  currentRows: readonly T[],
  keyOf: (row: T) => string,
  labelOf: (row: T) => string,
  tolerances: Tolerances,
): ComparedRow[] {
  return pairByKey(baselineRows, currentRows, keyOf).map((pair) => {
    if (pair.kind === 'added') return unpairedRow(scope, labelOf(pair.now), pair.now, 'added');
    if (pair.kind === 'removed') return unpairedRow(scope, labelOf(pair.before), pair.before, 'removed');
    const { before, now } = pair;
    return compareRow(scope, labelOf(before), before, now, tolerances, before.scenario);
  });
}

/** Judges each page × vital on both sides; one on one side only is removed or added (pairByKey). */
function compareVitals(
  baselineRows: readonly VitalFigures[],
  currentRows: readonly VitalFigures[],
  tolerances: Tolerances,
): ComparedVital[] {
  const keyOf = (row: VitalFigures) => `${row.page}\u0000${row.vital}`;
  return pairByKey(baselineRows, currentRows, keyOf).map((pair): ComparedVital => {
    if (pair.kind === 'added') return unpairedVital(pair.now, 'added');
    if (pair.kind === 'removed') return unpairedVital(pair.before, 'removed');
    const { before: was, now } = pair;
    const judgement = judgeVital(was.vital, was.p75, now.p75, tolerances);
    const reason = describeVital(was.vital, judgement, tolerances);
    return {
      page: was.page,
      vital: was.vital,
      status: judgement.change,
      judgement,
      baselineP75: was.p75,
      currentP75: now.p75,
      reason,
      failures: judgement.change === Change.regression ? [reason] : [],
    };
  });
}

function unpairedVital(row: VitalFigures, status: 'added' | 'removed'): ComparedVital {
  return {
    page: row.page,
    vital: row.vital,
    status,
    judgement: null,
    baselineP75: status === 'removed' ? row.p75 : null,
    currentP75: status === 'added' ? row.p75 : null,
    reason:
      status === 'added'
        ? `${row.vital.toUpperCase()} of page ${row.page} is new: the baseline has no figure for it, so it is not judged`
        : `the baseline has ${row.vital.toUpperCase()} for page ${row.page} but the run measured none: renamed, removed, or not reached?`,
    failures: [],
  };
}

/** A request's name, with its scenario when the same name runs in several scenarios. */
function requestLabels(
  rows: readonly { readonly name: string; readonly scenario: string }[],
): (row: { readonly name: string; readonly scenario?: string }) => string {
  const scenariosByName = new Map<string, Set<string>>();
  for (const row of rows) {
    const scenarios = scenariosByName.get(row.name) ?? new Set<string>();
    scenarios.add(row.scenario);
    scenariosByName.set(row.name, scenarios);
  }
  return (row) =>
    (scenariosByName.get(row.name)?.size ?? 0) > 1 ? `${row.name} (${row.scenario})` : row.name;
}

function comparabilityWarnings(
  data: SummaryData,
  figures: RunFigures,
  baseline: Baseline,
  counts: GateVerdict['counts'],
): string[] {
  const { fpt } = data;
  const warnings: string[] = [];
  const identity = fpt.preset.identity ?? null;
  if (identity === null || baseline.preset.identity === null) {
    warnings.push(
      `the ${identity === null ? 'run' : 'baseline'} has no preset identity (older FPT), so it is unknown whether both put the same load on the same target`,
    );
  } else if (identity !== baseline.preset.identity) {
    warnings.push(
      'the target URL or the scenarios (load profile, requests) differ from the baseline run: the comparison may mislead; save a new baseline if the change is intended',
    );
  }
  if (fpt.outcome === RunOutcome.interrupted || fpt.outcome === RunOutcome.abortedByThreshold)
    warnings.push(
      `the run stopped early (${fpt.abortReason ?? fpt.outcome}): its figures cover part of the load`,
    );
  if (baseline.run.outcome !== RunOutcome.passed)
    warnings.push(`the baseline run itself did not pass (${baseline.run.outcome})`);
  if ((fpt.region ?? null) !== baseline.run.region)
    warnings.push(
      `the run is from region ${fpt.region ?? '(none)'}, the baseline from ${baseline.run.region ?? '(none)'}: network distance alone changes latency`,
    );
  if (counts.added + counts.removed > 0)
    warnings.push(
      `${counts.added} added and ${counts.removed} removed request, region, metric or Web Vital row(s) are reported but not judged`,
    );
  if (baseline.customMetrics === undefined && figures.customMetrics.length > 0)
    warnings.push(
      `the baseline was saved before FPT kept custom metrics, so ${figures.customMetrics.map((m) => m.metric).join(', ')} ${figures.customMetrics.length === 1 ? 'is not compared: save a new baseline to include it' : 'are not compared: save a new baseline to include them'}`,
    );
  return warnings;
}
