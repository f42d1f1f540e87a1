import type { ScriptVirtualUser } from './script-virtual-user.js';

/**
 * `k6/execution`: what a script can ask about where it runs. Values are this VU's and this thread's part
 * of the run (FPT splits a run over worker threads and agents, as k6 splits one over instances).
 */
export function k6ExecutionModule(vu: ScriptVirtualUser): object {
  const execution = {
    get scenario() {
      return {
        name: vu.scenario,
        executor: vu.executor,
        startTime: vu.scenarioStartMs,
        iterationInInstance: vu.iterationInScenario,
        iterationInTest: vu.iterationInScenario,
      };
    },
    get vu() {
      return {
        idInInstance: vu.id,
        idInTest: vu.id,
        iterationInInstance: vu.iterationInScenario,
        iterationInScenario: vu.iterationInScenario,
        tags: vu.customTags,
        metrics: { tags: vu.customTags },
      };
    },
    get instance() {
      return { currentTestRunDuration: vu.elapsedMs };
    },
    test: {
      abort: (reason?: string) => vu.abortTest(reason),
    },
  };
  return { ...execution, default: execution };
}
