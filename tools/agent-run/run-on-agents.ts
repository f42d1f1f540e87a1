import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentApiError, AgentClient, type RunRow } from './agent-client.js';
import type { AgentRunOutcome } from './agent-run-outcome.js';
import type { AgentRunConfig, AgentTarget } from './parse-agent-run-args.js';

const RUN_FILES = ['summary.json', 'report.html', 'junit.xml'] as const;
// Agents answer 400 (invalid preset or overrides), 403 (target not allowed), 422 (over a hard cap).
const REFUSALS = new Set([400, 403, 422]);

/** Runs the preset on every selected agent at once and returns how each region's run ended. */
export function runOnAgents(config: AgentRunConfig, log: (line: string) => void): Promise<AgentRunOutcome[]> {
  const deadline = Date.now() + config.timeoutMs;
  return Promise.all(config.agents.map((agent) => runOnAgent(agent, config, deadline, log)));
}

async function runOnAgent(
  agent: AgentTarget,
  config: AgentRunConfig,
  deadline: number,
  log: (line: string) => void,
): Promise<AgentRunOutcome> {
  const client = new AgentClient(agent.url, config.token);
  let region = agent.region ?? agent.url;
  try {
    if (agent.region === null) {
      region = await client.region();
      if (config.regions.length > 0 && !config.regions.includes(region))
        return {
          kind: 'failed',
          region,
          message: `${agent.url} serves region ${region}, not one of ${config.regions.join(', ')}: name each agent's region in FPT_AGENT_URLS`,
        };
    }
    const run = await startWhenIdle(client, config, deadline, (line) => log(`[${region}] ${line}`));
    log(`[${region}] run ${run.id} started on ${agent.url}`);
    const ended = await waitForEnd(client, run, config.pollMs, deadline);
    if (ended.status === 'running') {
      await client.stopRun(run.id).catch(() => undefined);
      return {
        kind: 'failed',
        region,
        message: `run ${run.id} did not end within the timeout; asked the agent to stop it`,
      };
    }
    const dir = join(config.outDir, region);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'run.json'), `${JSON.stringify(ended, null, 2)}\n`);
    for (const name of RUN_FILES) {
      const content = await client.runFile(run.id, name);
      if (content === undefined) log(`[${region}] run ${run.id} has no ${name}`);
      else writeFileSync(join(dir, name), content);
    }
    log(
      `[${region}] run ${run.id} ${ended.status}${ended.reason ? `: ${ended.reason}` : ''} (exit ${ended.exitCode ?? '–'}); files in ${dir}`,
    );
    return {
      kind: 'finished',
      region,
      runId: run.id,
      status: ended.status,
      exitCode: ended.exitCode,
      reason: ended.reason,
    };
  } catch (error) {
    if (error instanceof AgentApiError && REFUSALS.has(error.status)) {
      const details = [...error.problems, ...(error.hint ? [`hint: ${error.hint}`] : [])];
      return { kind: 'refused', region, message: [error.message, ...details].join('\n  ') };
    }
    const message =
      error instanceof AgentApiError && error.status === 401
        ? `${error.message} (check FPT_AGENT_TOKEN)`
        : `${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ''}`;
    return { kind: 'failed', region, message };
  }
}

/** POST /api/runs, waiting while the agent is busy with another run (409) until the deadline. */
async function startWhenIdle(
  client: AgentClient,
  config: AgentRunConfig,
  deadline: number,
  log: (line: string) => void,
): Promise<RunRow> {
  for (;;) {
    try {
      return await client.startRun({
        preset: config.preset,
        ...(Object.keys(config.overrides).length > 0 ? { overrides: config.overrides } : {}),
        ...(Object.keys(config.tags).length > 0 ? { tags: config.tags } : {}),
      });
    } catch (error) {
      if (!(error instanceof AgentApiError && error.status === 409) || Date.now() + config.pollMs > deadline)
        throw error;
      log('agent busy with another run; waiting');
      await sleep(config.pollMs);
    }
  }
}

async function waitForEnd(
  client: AgentClient,
  run: RunRow,
  pollMs: number,
  deadline: number,
): Promise<RunRow> {
  let current = run;
  while (current.status === 'running' && Date.now() < deadline) {
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
    current = await client.getRun(run.id);
  }
  return current;
}
