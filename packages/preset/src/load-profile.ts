import { parseDurationMs } from './duration.js';
import type { ScenarioSpec } from './schema/scenario.js';

/** What a scenario will do at most, computed before anything starts (for safety limits and the banner). */
export interface ScenarioProfile {
  readonly name: string;
  readonly executor: ScenarioSpec['executor'];
  readonly model: 'closed' | 'open';
  readonly isBrowser: boolean;
  readonly startTimeMs: number;
  /** Planned length without graceful stop (for iteration executors: maxDuration). */
  readonly durationMs: number;
  /** Planned length plus gracefulStop (and gracefulRampDown for ramping-vus): the longest it can run. */
  readonly maxDurationMs: number;
  /** Most VUs alive at once (arrival-rate: maxVUs). */
  readonly peakVUs: number;
  /** Open models: most iterations started per second. */
  readonly peakIterationsPerSec?: number;
  /** Requests each iteration sends (sequence: all of them; weighted and round-robin: one). */
  readonly requestsPerIteration: number;
}

export function scenarioProfile(name: string, scenario: ScenarioSpec): ScenarioProfile {
  const startTimeMs = parseDurationMs(scenario.startTime);
  const gracefulStopMs = parseDurationMs(scenario.gracefulStop);
  const requestsPerIteration =
    scenario.requests === undefined ? 0 : scenario.selection === 'sequence' ? scenario.requests.length : 1;
  const base = {
    name,
    executor: scenario.executor,
    isBrowser: scenario.browser !== undefined,
    startTimeMs,
    requestsPerIteration,
  };
  // Most executors run for a duration plus their graceful stop; what differs is the length and the peak.
  const profile = (
    model: 'closed' | 'open',
    durationMs: number,
    peakVUs: number,
    extraStopMs = gracefulStopMs,
  ) => ({
    ...base,
    model,
    durationMs,
    maxDurationMs: durationMs + extraStopMs,
    peakVUs,
  });
  switch (scenario.executor) {
    case 'constant-vus':
      return profile('closed', parseDurationMs(scenario.duration), scenario.vus);
    case 'ramping-vus':
      return profile(
        'closed',
        sumStagesMs(scenario.stages),
        Math.max(scenario.startVUs, ...scenario.stages.map((s) => s.target)),
        Math.max(gracefulStopMs, parseDurationMs(scenario.gracefulRampDown)),
      );
    case 'constant-arrival-rate':
      return {
        ...profile('open', parseDurationMs(scenario.duration), scenario.maxVUs ?? scenario.preAllocatedVUs),
        peakIterationsPerSec: scenario.rate / (parseDurationMs(scenario.timeUnit) / 1000),
      };
    case 'ramping-arrival-rate':
      return {
        ...profile('open', sumStagesMs(scenario.stages), scenario.maxVUs ?? scenario.preAllocatedVUs),
        peakIterationsPerSec:
          Math.max(scenario.startRate, ...scenario.stages.map((s) => s.target)) /
          (parseDurationMs(scenario.timeUnit) / 1000),
      };
    case 'per-vu-iterations':
    case 'shared-iterations':
      return profile('closed', parseDurationMs(scenario.maxDuration), scenario.vus);
  }
}

function sumStagesMs(stages: readonly { duration: string }[]): number {
  return stages.reduce((total, stage) => total + parseDurationMs(stage.duration), 0);
}

/** The most of `measure` alive at once across scenarios, given when each one starts and can last until. */
export function peakConcurrent(
  profiles: readonly ScenarioProfile[],
  measure: (p: ScenarioProfile) => number,
): number {
  const events = profiles.flatMap((p) => [
    { atMs: p.startTimeMs, delta: measure(p) },
    { atMs: p.startTimeMs + p.maxDurationMs, delta: -measure(p) },
  ]);
  // Ends sort before starts at the same instant: a scenario that starts as another ends does not overlap it.
  events.sort((a, b) => a.atMs - b.atMs || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const event of events) {
    current += event.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Length of the whole test: the latest end of any scenario, graceful stops included. */
export function totalMaxDurationMs(profiles: readonly ScenarioProfile[]): number {
  return profiles.reduce((longest, p) => Math.max(longest, p.startTimeMs + p.maxDurationMs), 0);
}

/** What a preset asks of a machine at most: the figures its safety limits and an agent's hard caps judge. */
export interface LoadExtent {
  readonly profiles: readonly ScenarioProfile[];
  /** Most VUs alive at once over overlapping scenarios. */
  readonly peakVUs: number;
  /** The same, counting browser scenarios only. */
  readonly peakBrowserVUs: number;
  /** The whole test's length, graceful stops included. */
  readonly maxDurationMs: number;
  /**
   * The length the user planned: the latest end of any scenario without its graceful stop (what "of 15s"
   * means to them; maxDurationMs is how long it may take to wind down).
   */
  readonly plannedDurationMs: number;
}

export function loadExtent(scenarios: Readonly<Record<string, ScenarioSpec>>): LoadExtent {
  const profiles = Object.entries(scenarios).map(([name, spec]) => scenarioProfile(name, spec));
  return {
    profiles,
    peakVUs: peakConcurrent(profiles, (p) => p.peakVUs),
    peakBrowserVUs: peakConcurrent(profiles, (p) => (p.isBrowser ? p.peakVUs : 0)),
    maxDurationMs: totalMaxDurationMs(profiles),
    plannedDurationMs: profiles.reduce((longest, p) => Math.max(longest, p.startTimeMs + p.durationMs), 0),
  };
}
