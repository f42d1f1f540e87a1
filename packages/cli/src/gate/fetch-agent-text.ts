import { GateInputError } from '@fpt/gate';
import type { AgentLocation } from './agent-location.js';

/** GETs a file of the agent's API (a run's summary, a preset's baseline); anything but 200 is a GateInputError. */
export async function fetchAgentText(agent: AgentLocation, path: string, what: string): Promise<string> {
  const url = `${agent.url}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: agent.token ? { authorization: `Bearer ${agent.token}` } : {},
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new GateInputError(
      `cannot reach the agent for ${what} (${url}): ${(error as Error).message}`,
      [],
      'check --agent / $FPT_AGENT_URL and that the agent is up (GET /healthz)',
      { cause: error },
    );
  }
  const text = await response.text();
  if (response.status === 200) return text;
  let reason = text.slice(0, 300);
  try {
    reason = (JSON.parse(text) as { error?: string }).error ?? reason;
  } catch {
    // Not JSON: the start of the body says enough.
  }
  throw new GateInputError(
    `the agent answered ${response.status} for ${what} (${url}): ${reason}`,
    [],
    response.status === 401
      ? 'set $FPT_AGENT_TOKEN to a token the agent accepts'
      : 'check the run id or preset name against the agent (GET /api/runs, the UI history)',
  );
}
