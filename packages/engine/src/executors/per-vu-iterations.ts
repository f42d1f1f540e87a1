import type { PerVuIterationsSpec } from '@fpt/preset';
import { parseDurationMs, segmentShare } from '@fpt/preset';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';

/** Each VU runs its own number of iterations; what maxDuration cuts off counts as dropped (k6 per-vu-iterations). */
export function perVuIterations(spec: PerVuIterationsSpec): Executor {
  const maxDurationMs = parseDurationMs(spec.maxDuration);
  return {
    async run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(maxDurationMs, parseDurationMs(spec.gracefulStop));
      const vus = Array.from({ length: segmentShare(context.segment, spec.vus) }, () => execution.createVu());
      await Promise.all(
        vus.map(async (vu) => {
          let started = 0;
          while (started < spec.iterations && !execution.stopping && execution.elapsedMs() < maxDurationMs) {
            started++;
            if ((await execution.iterate(vu)) === 'interrupted') break;
          }
          execution.drop(spec.iterations - started);
        }),
      );
      return execution.finish();
    },
  };
}
