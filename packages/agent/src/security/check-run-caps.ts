import { plural } from '@fpt/readable';
import {
  type ExecutionSegment,
  formatDuration,
  loadExtent,
  type Preset,
  peakConcurrent,
  type ScenarioProfile,
  segmentShare,
  wholeRun,
} from '@fpt/preset';
import type { AgentCaps } from '../config/agent-config.js';

/**
 * What a run would exceed of the agent's hard caps, in words; empty when it fits. A run split across agents
 * is judged by this agent's share of the VUs (its segment), since that is what runs here.
 */
export function checkRunCaps(
  preset: Preset,
  caps: AgentCaps,
  segment: ExecutionSegment = wholeRun,
): string[] {
  const extent = loadExtent(preset.scenarios);
  const problems: string[] = [];
  const vus = segmentShare(segment, extent.peakVUs);
  if (vus > caps.maxVus)
    problems.push(`the run peaks at ${plural(vus, 'VU')}; this agent allows at most ${caps.maxVus} (FPT_MAX_VUS)`);
  const browserVus = segmentShare(segment, extent.peakBrowserVUs);
  if (browserVus > caps.maxBrowserVus) {
    problems.push(
      `the run peaks at ${plural(browserVus, 'browser VU')}; this agent allows at most ${caps.maxBrowserVus} (FPT_MAX_BROWSER_VUS)`,
    );
  }
  const rate = segmentRate(segment, peakOpenRequestRate(extent.profiles, preset));
  if (rate > caps.maxRequestRate) {
    problems.push(
      `the run starts up to ${Math.round(rate)} requests/s; this agent allows at most ${caps.maxRequestRate} (FPT_MAX_RATE)`,
    );
  }
  if (extent.maxDurationMs > caps.maxDurationMs) {
    problems.push(
      `the run may last ${formatDuration(extent.maxDurationMs)}; this agent allows at most ${formatDuration(caps.maxDurationMs)} (FPT_MAX_DURATION)`,
    );
  }
  return problems;
}

/**
 * Requests per second the open-model scenarios start at their common peak (closed models set no rate). A
 * script's iteration sends what its code sends, unknown before it runs: it counts as at least one request,
 * so that a script cannot pass the cap that the same rate of one-request iterations would not.
 */
function peakOpenRequestRate(profiles: readonly ScenarioProfile[], preset: Preset): number {
  return peakConcurrent(
    profiles.filter((p) => p.model === 'open'),
    (p) =>
      (p.peakIterationsPerSec ?? 0) *
      (preset.scenarios[p.name]?.exec === undefined
        ? p.requestsPerIteration
        : Math.max(1, p.requestsPerIteration)),
  );
}

/** This agent's share of a rate: a run split over n agents starts 1/n of the iterations here. */
function segmentRate(segment: ExecutionSegment, rate: number): number {
  return rate / segment.count;
}
