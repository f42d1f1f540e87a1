import type { ScenarioSpec } from '@fpt/preset';
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantVus } from './constant-vus.js';
import { perVuIterations } from './per-vu-iterations.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import { rampingVus } from './ramping-vus.js';
import type { Executor } from './scenario-execution.js';
import { sharedIterations } from './shared-iterations.js';

export function createExecutor(spec: ScenarioSpec): Executor {
  switch (spec.executor) {
    case 'constant-vus':
      return constantVus(spec);
    case 'ramping-vus':
      return rampingVus(spec);
    case 'constant-arrival-rate':
      return constantArrivalRate(spec);
    case 'ramping-arrival-rate':
      return rampingArrivalRate(spec);
    case 'per-vu-iterations':
      return perVuIterations(spec);
    case 'shared-iterations':
      return sharedIterations(spec);
  }
}

/**
 * Executors that count dropped_iterations: the open model drops an iteration no VU is free for; the
 * iteration executors drop what maxDuration cuts off. constant-vus and ramping-vus never drop one.
 */
const droppingExecutors: ReadonlySet<ScenarioSpec['executor']> = new Set([
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'per-vu-iterations',
  'shared-iterations',
]);

export function executorCanDrop(executor: ScenarioSpec['executor']): boolean {
  return droppingExecutors.has(executor);
}
