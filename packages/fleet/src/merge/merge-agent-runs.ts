import { ThresholdSet } from '@fpt/engine';
import {
  type CheckOutcome,
  type EncodedTrendSink,
  MetricStore,
  type MetricsSnapshot,
  RunOutcome,
  type RunSummary,
  type ScenarioOutcome,
  type Tags,
} from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import { addVusMaxSideBySide } from './add-vus-max-side-by-side.js';
import { mergeTimelines } from './merge-timelines.js';
import type { ThresholdSpecs } from './threshold-specs.js';

/** What one agent's run left: its summary, and every series (`metrics.json`) for the exact merge. */
export interface AgentEvidence {
  readonly summary: SummaryData;
  readonly metrics: MetricsSnapshot;
  /** Its per-second latency histograms (RunSummary.timelineLatency), when it kept them. */
  readonly timelineLatency?: readonly (EncodedTrendSink | null)[] | undefined;
}

export interface MergeOptions {
  readonly thresholds: ThresholdSpecs;
  readonly tags: Tags;
  /** The region of a one-region merge; absent for the fleet-wide one. */
  readonly region?: string;
  /** The regions the run covers: a threshold filtered on another region does not apply to it. */
  readonly regions: readonly string[];
  /** Used when no agent delivered anything. */
  readonly fallback: { readonly preset: string; readonly startedAt: string; readonly endedAt: string };
  /** The runs were stopped on request: the merge is partial. */
  readonly stopped: boolean;
  readonly warnings: readonly string[];
}

/**
 * One RunSummary from several agents' runs, as if one engine had run them all: their series merged into
 * one store (histograms exactly), thresholds evaluated on the merged store, scenario and check counts added,
 * timelines added second by second. The agents ran at the same time, so the duration is the longest of theirs.
 */
export function mergeAgentRuns(parts: readonly AgentEvidence[], options: MergeOptions): RunSummary {
  const store = new MetricStore();
  for (const part of parts) store.mergeSnapshot(part.metrics);
  addVusMaxSideBySide(
    store,
    parts.map((part) => part.metrics),
  );
  const durationMs = Math.max(0, ...parts.map((part) => part.summary.state.testRunDurationMs));
  const thresholds = new ThresholdSet(options.thresholds, options.regions).evaluate(store, durationMs);
  const crossed = thresholds.some((outcome) => !outcome.ok);
  const outcome = options.stopped
    ? RunOutcome.interrupted
    : crossed
      ? RunOutcome.thresholdsFailed
      : RunOutcome.passed;
  const first = parts[0]?.summary.fpt;
  const aborted = parts.map((part) => part.summary.fpt.abortReason).find((reason) => reason !== undefined);
  return {
    format: 'fpt-run-summary/1',
    preset: first
      ? { ...first.preset, files: [...first.preset.files] }
      : { name: options.fallback.preset, files: [] },
    ...(options.region === undefined ? {} : { region: options.region }),
    tags: options.tags,
    startedAt: earliest(parts.map((part) => part.summary.fpt.startedAt)) ?? options.fallback.startedAt,
    endedAt: latest(parts.map((part) => part.summary.fpt.endedAt)) ?? options.fallback.endedAt,
    durationMs,
    outcome,
    exitCode: outcome === RunOutcome.interrupted ? 105 : crossed ? 99 : 0,
    ...(options.stopped && aborted ? { abortReason: aborted } : {}),
    scenarios: mergeScenarios(parts.flatMap((part) => part.summary.fpt.scenarios)),
    metrics: store.snapshot(),
    thresholds,
    checks: mergeChecks(parts.flatMap((part) => part.summary.fpt.checks)),
    ...timelineOf(parts),
    warnings: [...new Set([...options.warnings, ...parts.flatMap((part) => part.summary.fpt.warnings)])],
  };
}

/** The parts' timelines merged, with per-second percentiles from their histograms when all kept them. */
function timelineOf(parts: readonly AgentEvidence[]): Pick<RunSummary, 'timeline' | 'timelineLatency'> {
  const merged = mergeTimelines(
    parts.map((part) => ({ timeline: part.summary.fpt.timeline, latency: part.timelineLatency })),
  );
  return { timeline: merged.timeline, ...(merged.latency ? { timelineLatency: merged.latency } : {}) };
}

/** Per scenario: the agents' iterations and VUs add up (they ran side by side). */
function mergeScenarios(scenarios: readonly ScenarioOutcome[]): ScenarioOutcome[] {
  const merged = new Map<string, ScenarioOutcome>();
  for (const s of scenarios) {
    const sum = merged.get(s.name);
    merged.set(
      s.name,
      sum
        ? {
            ...sum,
            completedIterations: sum.completedIterations + s.completedIterations,
            interruptedIterations: sum.interruptedIterations + s.interruptedIterations,
            droppedIterations: sum.droppedIterations + s.droppedIterations,
            maxVUs: sum.maxVUs + s.maxVUs,
          }
        : { ...s },
    );
  }
  return [...merged.values()];
}

function mergeChecks(checks: readonly CheckOutcome[]): CheckOutcome[] {
  const merged = new Map<string, CheckOutcome>();
  for (const check of checks) {
    const key = JSON.stringify([check.scenario, check.request, check.name]);
    const sum = merged.get(key);
    merged.set(
      key,
      sum ? { ...sum, passes: sum.passes + check.passes, fails: sum.fails + check.fails } : { ...check },
    );
  }
  return [...merged.values()];
}

function earliest(times: readonly string[]): string | undefined {
  return [...times].sort()[0];
}

function latest(times: readonly string[]): string | undefined {
  return [...times].sort().at(-1);
}
