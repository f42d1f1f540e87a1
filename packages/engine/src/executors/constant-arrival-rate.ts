import type { ConstantArrivalRateSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import { runArrivalRate } from './arrival-rate-loop.js';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';

/** `rate` iterations start per `timeUnit`, evenly spaced, for `duration` (k6 constant-arrival-rate). */
export function constantArrivalRate(spec: ConstantArrivalRateSpec): Executor {
  const durationMs = parseDurationMs(spec.duration);
  const intervalMs = parseDurationMs(spec.timeUnit) / spec.rate;
  return {
    run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(durationMs, parseDurationMs(spec.gracefulStop));
      return runArrivalRate(execution, {
        spec,
        startTimeOf: (n) => {
          const atMs = n * intervalMs;
          return atMs < durationMs ? atMs : undefined;
        },
      });
    },
  };
}
