import { rmSync } from 'node:fs';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { seedFolder } from './agent-fixtures.js';

export interface AgentsOnDemoTarget {
  /** Starts an agent with the seeded presets against the demo target, in a new data folder or `dataDir`. */
  agentWith(options?: { dataDir?: string }): Promise<AgentProcess>;
  /** An agent the test stopped itself: not stopped again after the test. */
  forget(agent: AgentProcess): void;
  /** A folder the test made (backups, restores): removed after the test. */
  removeAfter(folder: string): void;
}

/**
 * For tests that start, stop and restart agents themselves (redeploys, rollbacks, backups): one demo target
 * and seed folder for the file; after each test, its agents stopped newest first (an agent sharing a data
 * folder stops before the one whose folder it is) and its folders removed.
 */
export function useAgentsOnDemoTarget(): AgentsOnDemoTarget {
  let target: DemoTarget;
  let seed: string;
  const agents: AgentProcess[] = [];
  const folders: string[] = [];
  beforeAll(async () => {
    target = await startDemoTarget();
    seed = seedFolder();
  });
  afterAll(async () => {
    await target?.close();
    rmSync(seed, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const agent of agents.splice(0).reverse()) await agent.stop({ keepData: true });
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async agentWith(options = {}) {
      const agent = await startAgentProcess({
        env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
        ...options,
      });
      agents.push(agent);
      folders.push(agent.dataDir);
      return agent;
    },
    forget(agent) {
      const at = agents.indexOf(agent);
      if (at >= 0) agents.splice(at, 1);
    },
    removeAfter(folder) {
      folders.push(folder);
    },
  };
}
