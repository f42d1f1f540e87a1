import { useEffect } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { AgentStatus } from '../api/agent-types.js';
import { usePoll } from './use-poll.js';

export const STATUS_POLL_MS = 3000;

export interface AgentStatusState {
  readonly status: AgentStatus | undefined;
  /** The last poll failed: the status shown is the last one known, marked stale. */
  readonly error: Error | undefined;
}

/** GET /api/status now and every few seconds while the page is open; again at once after a login. */
export function useAgentStatus(reloadKey: number): AgentStatusState {
  const { data, error, refresh } = usePoll(agentApi.status, 'status', STATUS_POLL_MS);
  useEffect(() => {
    if (reloadKey > 0) refresh();
  }, [reloadKey, refresh]);
  return { status: data, error };
}
