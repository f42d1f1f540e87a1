import { type MetricsExport, RunOutcome, type RunSummary } from '@fpt/metrics';
import {
  buildSummaryData,
  type FleetAgentRun,
  FleetAgentState,
  FleetRegionStatus,
  type FleetSummary,
  keyFigures,
  type SummaryData,
} from '@fpt/report';
import { type AgentEvidence, mergeAgentRuns } from './merge-agent-runs.js';
import { regionThresholdSpecs, thresholdSpecsOf } from './threshold-specs.js';

/** A share as read from a file: where it came from, and what `fpt run --metrics-export` wrote there. */
export interface ShareFile {
  readonly file: string;
  readonly content: unknown;
}

/** The shares do not make one run: every reason, each naming the files it concerns. */
export class ShareSetError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly hint: string,
  ) {
    super(problems.join('; '));
    this.name = 'ShareSetError';
  }
}

export interface MergedShares {
  readonly summary: RunSummary;
  /** The summary's data with the shares listed (as a fleet run lists its agents). */
  readonly data: SummaryData;
}

interface Share {
  readonly file: string;
  readonly segment: { readonly index: number; readonly count: number };
  readonly summary: RunSummary;
}

/**
 * Merges the shares of one split run (`fpt run --segment i/n --metrics-export`) into the run they make,
 * exactly as the fleet coordinator merges its agents' runs (mergeAgentRuns: histograms, not averages), and
 * evaluates the thresholds the shares ran with on the merged data. Refuses what is not one whole run: a file
 * that is no share, shares of different presets or split counts, an index missing or given twice.
 */
export function mergeShares(files: readonly ShareFile[], idFor: (preset: string) => string): MergedShares {
  const problems: string[] = [];
  const shares: Share[] = [];
  for (const { file, content } of files) {
    const share = readShare(file, content);
    if (typeof share === 'string') problems.push(share);
    else shares.push(share);
  }
  if (problems.length > 0)
    throw new ShareSetError(
      problems,
      'each file must be what `fpt run <preset> --segment i/n --metrics-export <file>` wrote',
    );
  if (shares.length === 0)
    throw new ShareSetError(['no share files were given'], 'name every share file, or a folder holding them');
  problems.push(...coverageProblems(shares), ...presetProblems(shares));
  if (problems.length > 0)
    throw new ShareSetError(
      problems,
      'merge the n shares of one run: the same preset, --segment 0/n to (n-1)/n, each once',
    );

  const parts: AgentEvidence[] = shares.map((share) => ({
    summary: buildSummaryData(share.summary),
    metrics: share.summary.metrics,
    ...(share.summary.timelineLatency ? { timelineLatency: share.summary.timelineLatency } : {}),
  }));
  const first = shares[0]!.summary;
  const id = idFor(first.preset.name);
  const regions = [...new Set(shares.map((share) => share.summary.region ?? 'local'))];
  const stopped = shares.some((share) => share.summary.outcome === RunOutcome.interrupted);
  const specs = thresholdSpecsOf(first.thresholds);
  const merged = mergeAgentRuns(parts, {
    thresholds: specs,
    tags: first.tags,
    regions,
    fallback: { preset: first.preset.name, startedAt: first.startedAt, endedAt: first.endedAt },
    stopped,
    warnings: [],
  });
  const summary: RunSummary = {
    ...merged,
    runId: id,
    preset: { ...merged.preset, ...(first.preset.identity ? { identity: first.preset.identity } : {}) },
    ...(regions.length === 1 && first.region !== undefined ? { region: first.region } : {}),
  };
  const fleet: FleetSummary = {
    id,
    coordinator: 'fpt merge',
    complete: true,
    missingRegions: [],
    regions: regions.map((region) => {
      const members = shares.filter((share) => (share.summary.region ?? 'local') === region);
      const regional =
        regions.length === 1
          ? summary
          : mergeAgentRuns(
              members.map((share) => parts[shares.indexOf(share)]!),
              {
                thresholds: regionThresholdSpecs(specs, region),
                tags: first.tags,
                region,
                regions: [region],
                fallback: { preset: first.preset.name, startedAt: first.startedAt, endedAt: first.endedAt },
                stopped,
                warnings: [],
              },
            );
      return {
        region,
        status: FleetRegionStatus.complete,
        reason: null,
        figures: keyFigures(buildSummaryData(regional)),
        thresholds: regional.thresholds,
        agents: members.map((share) => shareRun(share, parts[shares.indexOf(share)]!.summary)),
      };
    }),
  };
  return { summary, data: buildSummaryData(summary, { fleet }) };
}

/** A file's share, or why it is none. */
function readShare(file: string, content: unknown): Share | string {
  const exported = content as Partial<MetricsExport> | null;
  if (typeof exported !== 'object' || exported === null || exported.format !== 'fpt-metrics/1')
    return `${file} is not a metrics export (no "format": "fpt-metrics/1")`;
  if (exported.run === undefined)
    return `${file} is a metrics export without its run (written by an FPT before fpt merge): run the share again`;
  if (exported.run.segment === undefined)
    return `${file} is a whole run, not a share: it was run without --segment i/n`;
  const { run, ...metrics } = exported as MetricsExport;
  return {
    file,
    segment: run!.segment!,
    summary: { ...run!.summary, metrics } as RunSummary,
  };
}

/** Every index 0..n-1 once, all of the same n. */
function coverageProblems(shares: readonly Share[]): string[] {
  const counts = [...new Set(shares.map((share) => share.segment.count))];
  if (counts.length > 1)
    return [
      `the shares split the run differently: ${counts
        .map(
          (count) =>
            `${shares
              .filter((s) => s.segment.count === count)
              .map(describe)
              .join(', ')} of ${count}`,
        )
        .join('; ')}`,
    ];
  const count = counts[0]!;
  const problems: string[] = [];
  for (let index = 0; index < count; index++) {
    const holders = shares.filter((share) => share.segment.index === index);
    if (holders.length === 0) problems.push(`share ${index}/${count} is missing`);
    if (holders.length > 1)
      problems.push(`share ${index}/${count} is given twice: ${holders.map((h) => h.file).join(', ')}`);
  }
  return problems;
}

/** One preset, as run: its name and identity (target, scenarios, script code) agree across the shares. */
function presetProblems(shares: readonly Share[]): string[] {
  const first = shares[0]!;
  const key = (share: Share) => `${share.summary.preset.name}\u0000${share.summary.preset.identity ?? ''}`;
  const others = shares.filter((share) => key(share) !== key(first));
  if (others.length === 0) return [];
  return [
    `the shares ran different presets: ${describe(first)} ran ${first.summary.preset.name}, ${others
      .map(
        (share) =>
          `${describe(share)} ran ${share.summary.preset.name}${share.summary.preset.name === first.summary.preset.name ? ' with another target, load or code' : ''}`,
      )
      .join(', ')}`,
  ];
}

function describe(share: Share): string {
  return `${share.file} (${share.segment.index}/${share.segment.count})`;
}

/** A share as the report lists a fleet's agents: its file, its part, its own outcome and figures. */
function shareRun(share: Share, data: SummaryData): FleetAgentRun {
  const outcome = share.summary.outcome;
  return {
    peer: `share ${share.segment.index}/${share.segment.count}`,
    agentId: null,
    url: share.file,
    segment: share.segment,
    state:
      outcome === RunOutcome.passed
        ? FleetAgentState.passed
        : outcome === RunOutcome.interrupted
          ? FleetAgentState.stopped
          : outcome === RunOutcome.abortedByThreshold
            ? FleetAgentState.aborted
            : FleetAgentState.failed,
    reason: share.summary.abortReason ?? null,
    runId: share.summary.runId ?? null,
    links: null,
    figures: keyFigures(data),
  };
}
