import { useEffect, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { AgentStatus } from '../api/agent-types.js';

export const STATUS_POLL_MS = 3000;

export interface AgentStatusState {
  readonly status: AgentStatus | undefined;
  /** The last poll failed: the status shown is the last one known, marked stale. */
  readonly error: Error | undefined;
}

/** GET /api/status now and every few seconds while the page is open. */
export function useAgentStatus(reloadKey: number): AgentStatusState {
  const [state, setState] = useState<AgentStatusState>({ status: undefined, error: undefined });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      agentApi.status().then(
        (status) => !stopped && setState({ status, error: undefined }),
        (error: Error) => !stopped && setState((previous) => ({ status: previous.status, error })),
      );
      timer = setTimeout(poll, STATUS_POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reloadKey]);
  return state;
}
