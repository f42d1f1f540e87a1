import type { SharedIterationsSpec } from '@fpt/preset';
import { cappedSegment, parseDurationMs, segmentShare } from '@fpt/preset';
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
      // The pool is split statically, as k6 segments do: each part takes its share with its share of VUs.
      const segment = cappedSegment(context.segment, spec.vus);
      const total = segment ? segmentShare(segment, spec.iterations) : 0;
      execution.armGracefulStop(maxDurationMs, parseDurationMs(spec.gracefulStop));
      let taken = 0;
      const vus = Array.from({ length: segment ? segmentShare(segment, spec.vus) : 0 }, () =>
        execution.createVu(),
      );
      await Promise.all(
        vus.map(async (vu) => {
          while (taken < total && !execution.stopping && execution.elapsedMs() < maxDurationMs) {
            taken++;
            if ((await execution.iterate(vu)) === 'interrupted') break;
          }
        }),
      );
      execution.drop(total - taken);
      return execution.finish();
    },
  };
}
