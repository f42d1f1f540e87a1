import type { RampingArrivalRateSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { runArrivalRate } from './arrival-rate-loop.js';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';
import { arrivalTimeMs, stageProfile } from './stage-profile.js';

/** The start rate follows the stages linearly (k6 ramping-arrival-rate). */
export function rampingArrivalRate(spec: RampingArrivalRateSpec): Executor {
  const perMs = 1 / parseDurationMs(spec.timeUnit);
  const profile = stageProfile(spec.startRate, spec.stages, perMs);
  return {
    run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(profile.totalMs, parseDurationMs(spec.gracefulStop));
      return runArrivalRate(execution, {
        spec,
        startTimeOf: (n) => arrivalTimeMs(profile, n),
      });
    },
  };
}
