import {
  type ExecutionSegment,
  formatDuration,
  type Preset,
  peakConcurrent,
  scenarioProfile,
  segmentShare,
  totalMaxDurationMs,
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
  const profiles = Object.entries(preset.scenarios).map(([name, spec]) => scenarioProfile(name, spec));
  const problems: string[] = [];
  const vus = segmentShare(
    segment,
    peakConcurrent(profiles, (p) => p.peakVUs),
  );
  if (vus > caps.maxVus)
    problems.push(`the run peaks at ${vus} VUs; this agent allows at most ${caps.maxVus} (FPT_MAX_VUS)`);
  const browserVus = segmentShare(
    segment,
    peakConcurrent(profiles, (p) => (p.isBrowser ? p.peakVUs : 0)),
  );
  if (browserVus > caps.maxBrowserVus) {
    problems.push(
      `the run peaks at ${browserVus} browser VUs; this agent allows at most ${caps.maxBrowserVus} (FPT_MAX_BROWSER_VUS)`,
    );
  }
  const durationMs = totalMaxDurationMs(profiles);
  if (durationMs > caps.maxDurationMs) {
    problems.push(
      `the run may last ${formatDuration(durationMs)}; this agent allows at most ${formatDuration(caps.maxDurationMs)} (FPT_MAX_DURATION)`,
    );
  }
  return problems;
}
