import { ItemStore } from './demo-items.js';
import { type DemoTargetRouteName, demoTargetLimits, demoTargetRoutes } from './demo-target-routes.js';
import { FailSequence } from './fail-sequence.js';

/** Everything one server instance remembers; per instance so parallel test servers never interfere. */
export type DemoTargetState = {
  readonly requestCounts: Record<DemoTargetRouteName, number>;
  unmatchedRequests: number;
  totalRequests: number;
  readonly failSequence: FailSequence;
  readonly items: ItemStore;
  nextRequestId: number;
  /** Extra time before a route answers (setRouteDelay), by route name. */
  readonly routeDelaysMs: Map<DemoTargetRouteName, number>;
};

export function createDemoTargetState(): DemoTargetState {
  return {
    requestCounts: zeroCounts(),
    unmatchedRequests: 0,
    totalRequests: 0,
    failSequence: new FailSequence(demoTargetLimits.maxFailKeys),
    items: new ItemStore(demoTargetLimits.maxCreatedItems),
    nextRequestId: 1,
    routeDelaysMs: new Map(),
  };
}

export function zeroCounts(): Record<DemoTargetRouteName, number> {
  const counts = {} as Record<DemoTargetRouteName, number>;
  for (const route of demoTargetRoutes) counts[route.name] = 0;
  return counts;
}
