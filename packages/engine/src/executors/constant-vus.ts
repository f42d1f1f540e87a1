import type { ConstantVusSpec } from '@fpt/preset';
import { parseDurationMs, segmentShare } from '@fpt/preset';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';

/** A fixed number of VUs loop over iterations until the duration ends (k6 constant-vus). */
export function constantVus(spec: ConstantVusSpec): Executor {
  const durationMs = parseDurationMs(spec.duration);
  return {
    async run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(durationMs, parseDurationMs(spec.gracefulStop));
      const vus = Array.from({ length: segmentShare(context.segment, spec.vus) }, () => execution.createVu());
      await Promise.all(
        vus.map(async (vu) => {
          while (!execution.stopping && execution.elapsedMs() < durationMs) {
            if ((await execution.iterate(vu)) === 'interrupted') break;
          }
        }),
      );
      return execution.finish();
    },
  };
}
