import type { FleetAgentRun, FleetRunRow, KeyFigures, SummaryThreshold } from '@fpt/api-types';
import { formatCount, formatMs, formatPerSecond } from '@fpt/readable';
import type { RegionRowStatus } from './fleet-badges.js';
import { formatErrorPercent, formatPercentagePoints } from './format-percent.js';

export type RegionColumnId =
  | 'requests'
  | 'requestRate'
  | 'errorRate'
  | 'p50'
  | 'p95'
  | 'p99'
  | 'maxVus'
  | 'lcp'
  | 'cls'
  | 'inp';

export interface RegionColumn {
  readonly id: RegionColumnId;
  readonly label: string;
  readonly value: (figures: KeyFigures) => number | null;
  readonly format: (value: number | null) => string;
  /** A (positive) difference between two regions in the figure's own unit, signed: `+319 ms`, `+1.20 pp`. */
  readonly formatSpread: (delta: number) => string;
  /** Higher is worse (latency, errors): the highest region is marked, so the eye finds it. */
  readonly highlightHighest: boolean;
  /**
   * Whether the highest region is apart from the lowest by more than noise: the baseline gate's own default
   * floors (p95 +10 % and at least 5 ms; errors +1 percentage point), so a 0.006 ms difference is not marked.
   */
  readonly beyondNoise: (highest: number, lowest: number) => boolean;
  /** A Web Vital: shown only when some region measured it (browser journeys). */
  readonly vital: boolean;
}

const column = (
  id: RegionColumnId,
  label: string,
  value: RegionColumn['value'],
  format: RegionColumn['format'],
  options: {
    highest?: boolean;
    vital?: boolean;
    spread?: RegionColumn['formatSpread'];
    beyondNoise?: RegionColumn['beyondNoise'];
  } = {},
): RegionColumn => ({
  id,
  label,
  value,
  format,
  formatSpread: options.spread ?? ((delta) => `+${format(delta)}`),
  highlightHighest: options.highest ?? false,
  beyondNoise: options.beyondNoise ?? latencyBeyondNoise,
  vital: options.vital ?? false,
});

/** The gate's defaults: p95IncreasePct 10 and minAbsoluteMs 5 (docs/gate.md). */
function latencyBeyondNoise(highest: number, lowest: number): boolean {
  return highest - lowest >= 5 && highest - lowest >= 0.1 * lowest;
}

/** The gate's default errorRateIncreasePts: 1 percentage point. */
function errorRateBeyondNoise(highest: number, lowest: number): boolean {
  return (highest - lowest) * 100 >= 1;
}

/** CLS has no unit to floor in ms: 10 % and at least 0.01 (a tenth of "good"'s 0.1). */
function clsBeyondNoise(highest: number, lowest: number): boolean {
  return highest - lowest >= 0.01 && highest - lowest >= 0.1 * lowest;
}

const formatCls = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/** The comparison's columns, left to right. */
export const regionColumns: readonly RegionColumn[] = [
  column('requests', 'Requests', (f) => f.requests, formatCount),
  column('requestRate', 'Rate', (f) => f.requestRate, formatPerSecond),
  column('errorRate', 'Error %', (f) => f.errorRate, formatErrorPercent, {
    highest: true,
    spread: (delta) => formatPercentagePoints(delta * 100),
    beyondNoise: errorRateBeyondNoise,
  }),
  column('p50', 'p50', (f) => f.p50Ms, formatMs, { highest: true }),
  column('p95', 'p95', (f) => f.p95Ms, formatMs, { highest: true }),
  column('p99', 'p99', (f) => f.p99Ms, formatMs, { highest: true }),
  column('maxVus', 'Peak VUs', (f) => f.maxVus, formatCount),
  column('lcp', 'LCP p75', (f) => f.lcpP75Ms, formatMs, { highest: true, vital: true }),
  column('cls', 'CLS p75', (f) => f.clsP75, formatCls, {
    highest: true,
    vital: true,
    beyondNoise: clsBeyondNoise,
  }),
  column('inp', 'INP p75', (f) => f.inpP75Ms, formatMs, { highest: true, vital: true }),
];

export interface ThresholdTally {
  readonly total: number;
  /** "metric expression" of each threshold crossed. */
  readonly crossed: readonly string[];
  /** "✓ 2 held", "✗ 1 of 2 crossed", "none apply", or why nothing was judged. */
  readonly words: string;
  readonly ok: boolean;
}

/**
 * The thresholds that apply to a region (or the fleet), counted. They are judged once its data is in:
 * while it runs, or when it delivered nothing, an empty list says so rather than "none apply".
 */
export function tallyThresholds(
  thresholds: readonly SummaryThreshold[],
  judged: 'judged' | 'pending' | 'no-data' = 'judged',
): ThresholdTally {
  const crossed = thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
  const total = thresholds.length;
  const words =
    total > 0
      ? crossed.length === 0
        ? `✓ ${total} held`
        : `✗ ${crossed.length} of ${total} crossed`
      : judged === 'pending'
        ? 'judged at the end'
        : judged === 'no-data'
          ? 'not judged: no data'
          : 'none apply';
  return { total, crossed, words, ok: crossed.length === 0 };
}

const judgedWhen: Readonly<Record<RegionRowStatus, 'judged' | 'pending' | 'no-data'>> = {
  starting: 'pending',
  running: 'pending',
  complete: 'judged',
  missing: 'no-data',
};

export interface RegionComparisonRow {
  readonly region: string;
  readonly status: RegionRowStatus;
  /** Why it is missing. */
  readonly reason: string | null;
  readonly figures: KeyFigures | null;
  /** Each column formatted; a dash where the region has no figure (not complete, or none measured). */
  readonly cells: Readonly<Record<RegionColumnId, string>>;
  /** Columns in which this region is the highest of two or more regions with that figure. */
  readonly highest: readonly RegionColumnId[];
  readonly thresholds: ThresholdTally;
  readonly agents: readonly FleetAgentRun[];
}

export interface RegionComparison {
  /** The columns to show: Web Vitals only when some region measured them. */
  readonly columns: readonly RegionColumn[];
  readonly rows: readonly RegionComparisonRow[];
  /** The fleet-wide figures in the same columns, for the merged row at the bottom. */
  readonly fleet: Readonly<Record<RegionColumnId, string>>;
}

export function formatCells(figures: KeyFigures | null): Record<RegionColumnId, string> {
  return Object.fromEntries(
    regionColumns.map((c) => [c.id, c.format(figures ? c.value(figures) : null)]),
  ) as Record<RegionColumnId, string>;
}

/**
 * The regions of a fleet run side by side, in the order they were asked for (the order the user chose, as
 * in the report). A requested region the coordinator has not listed yet is `starting`; a region it lists
 * but that was not requested (it should not happen) comes last rather than being hidden.
 */
export function regionComparison(run: FleetRunRow): RegionComparison {
  const byName = new Map(run.regions.map((r) => [r.region, r]));
  const names = [
    ...run.requestedRegions,
    ...run.regions.map((r) => r.region).filter((name) => !run.requestedRegions.includes(name)),
  ];
  const highestOf = new Map<RegionColumnId, string>();
  for (const c of regionColumns.filter((c) => c.highlightHighest)) {
    const measured = run.regions
      .map((r) => ({ region: r.region, value: r.figures ? c.value(r.figures) : null }))
      .filter((m): m is { region: string; value: number } => m.value !== null);
    if (measured.length < 2) continue;
    const top = measured.reduce((a, b) => (b.value > a.value ? b : a));
    const low = measured.reduce((a, b) => (b.value < a.value ? b : a));
    if (c.beyondNoise(top.value, low.value)) highestOf.set(c.id, top.region);
  }
  const rows = names.map((name): RegionComparisonRow => {
    const region = byName.get(name);
    return {
      region: name,
      status: region?.status ?? 'starting',
      reason: region?.reason ?? null,
      figures: region?.figures ?? null,
      cells: formatCells(region?.figures ?? null),
      highest: [...highestOf].filter(([, top]) => top === name).map(([id]) => id),
      thresholds: tallyThresholds(region?.thresholds ?? [], judgedWhen[region?.status ?? 'starting']),
      agents: region?.agents ?? [],
    };
  });
  const anyVital = (c: RegionColumn) =>
    [run.figures, ...run.regions.map((r) => r.figures)].some((f) => f !== null && c.value(f) !== null);
  return {
    columns: regionColumns.filter((c) => !c.vital || anyVital(c)),
    rows,
    fleet: formatCells(run.figures),
  };
}

export type SpreadMetric = 'p50' | 'p95' | 'p99' | 'errorRate';

export interface SpreadBar {
  readonly region: string;
  readonly value: number;
  readonly text: string;
  /** Of the highest bar, 0..1, for the bar's length. */
  readonly fraction: number;
}

export interface RegionSpread {
  readonly label: string;
  /** Highest first: the region that needs a look comes first. */
  readonly bars: readonly SpreadBar[];
  /** The spread in words, e.g. "eu-far is highest at 341 ms, eu-near lowest at 22.4 ms: +319 ms (15.2×)". */
  readonly summary: string | undefined;
  /** Why there is nothing to draw. */
  readonly emptyReason: string | undefined;
}

/** One figure of every region that has it, as bars, and how far apart the highest and lowest are. */
export function regionSpread(rows: readonly RegionComparisonRow[], metric: SpreadMetric): RegionSpread {
  const spec = regionColumns.find((c) => c.id === metric)!;
  const measured = rows
    .map((row) => ({ region: row.region, value: row.figures ? spec.value(row.figures) : null }))
    .filter((m): m is { region: string; value: number } => m.value !== null);
  if (measured.length === 0) {
    return {
      label: spec.label,
      bars: [],
      summary: undefined,
      emptyReason: rows.some((r) => r.status === 'running' || r.status === 'starting')
        ? 'No region has finished yet: figures arrive when its agents end.'
        : `No region has a ${spec.label} (no complete region made a request).`,
    };
  }
  // Stable: equal values keep the regions' own order.
  const sorted = [...measured].sort((a, b) => b.value - a.value);
  const top = sorted[0]!;
  const bottom = sorted.at(-1)!;
  const bars = sorted.map((m) => ({
    region: m.region,
    value: m.value,
    text: spec.format(m.value),
    fraction: top.value > 0 ? m.value / top.value : 0,
  }));
  if (measured.length === 1)
    return {
      label: spec.label,
      bars,
      summary: `Only ${top.region} has a ${spec.label}: nothing to compare it with.`,
      emptyReason: undefined,
    };
  if (top.value === bottom.value)
    return {
      label: spec.label,
      bars,
      summary: `Every region has the same ${spec.label}: ${spec.format(top.value)}.`,
      emptyReason: undefined,
    };
  const delta = spec.formatSpread(top.value - bottom.value);
  const ratio = bottom.value > 0 ? ` (${Number((top.value / bottom.value).toPrecision(3))}×)` : '';
  return {
    label: spec.label,
    bars,
    summary: `${top.region} is highest at ${spec.format(top.value)}, ${bottom.region} lowest at ${spec.format(bottom.value)}: ${delta}${ratio}`,
    emptyReason: undefined,
  };
}
