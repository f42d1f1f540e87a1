import type { SharedIterationsSpec } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';

/** VUs take iterations from one shared total until it runs out or maxDuration ends (k6 shared-iterations). */
export function sharedIterations(spec: SharedIterationsSpec): Executor {
  const maxDurationMs = parseDurationMs(spec.maxDuration);
  return {
    async run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(maxDurationMs, parseDurationMs(spec.gracefulStop));
      let taken = 0;
      const vus = Array.from({ length: spec.vus }, () => execution.createVu());
      await Promise.all(
        vus.map(async (vu) => {
          while (taken < spec.iterations && !execution.stopping && execution.elapsedMs() < maxDurationMs) {
            taken++;
            if ((await execution.iterate(vu)) === 'interrupted') break;
          }
        }),
      );
      execution.drop(spec.iterations - taken);
      return execution.finish();
    },
  };
}
