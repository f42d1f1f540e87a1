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
  switch (scenario.executor) {
    case 'constant-vus': {
      const durationMs = parseDurationMs(scenario.duration);
      return {
        ...base,
        model: 'closed',
        durationMs,
        maxDurationMs: durationMs + gracefulStopMs,
        peakVUs: scenario.vus,
      };
    }
    case 'ramping-vus': {
      const durationMs = sumStagesMs(scenario.stages);
      const rampDownMs = parseDurationMs(scenario.gracefulRampDown);
      return {
        ...base,
        model: 'closed',
        durationMs,
        maxDurationMs: durationMs + Math.max(gracefulStopMs, rampDownMs),
        peakVUs: Math.max(scenario.startVUs, ...scenario.stages.map((s) => s.target)),
      };
    }
    case 'constant-arrival-rate': {
      const durationMs = parseDurationMs(scenario.duration);
      return {
        ...base,
        model: 'open',
        durationMs,
        maxDurationMs: durationMs + gracefulStopMs,
        peakVUs: scenario.maxVUs ?? scenario.preAllocatedVUs,
        peakIterationsPerSec: scenario.rate / (parseDurationMs(scenario.timeUnit) / 1000),
      };
    }
    case 'ramping-arrival-rate': {
      const durationMs = sumStagesMs(scenario.stages);
      const peakRate = Math.max(scenario.startRate, ...scenario.stages.map((s) => s.target));
      return {
        ...base,
        model: 'open',
        durationMs,
        maxDurationMs: durationMs + gracefulStopMs,
        peakVUs: scenario.maxVUs ?? scenario.preAllocatedVUs,
        peakIterationsPerSec: peakRate / (parseDurationMs(scenario.timeUnit) / 1000),
      };
    }
    case 'per-vu-iterations':
    case 'shared-iterations': {
      const durationMs = parseDurationMs(scenario.maxDuration);
      return {
        ...base,
        model: 'closed',
        durationMs,
        maxDurationMs: durationMs + gracefulStopMs,
        peakVUs: scenario.vus,
      };
    }
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
