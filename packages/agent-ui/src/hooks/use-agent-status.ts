import type { AgentStatus } from '@fpt/api-types';
import { useEffect, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import {
  type LiveRunUpdate,
  mergeAgentStatus,
  type PolledStatus,
  type StatusSource,
  subscribeLiveRun,
} from '../lib/live-run-status.js';
import { usePoll } from './use-poll.js';

export const STATUS_POLL_MS = 3000;

export interface AgentStatusState {
  readonly status: AgentStatus | undefined;
  /** The last poll failed: the status shown is the last one known, marked stale. */
  readonly error: Error | undefined;
  /** Where the busy/idle state shown comes from: the last poll, or the live stream of the run on screen. */
  readonly source?: StatusSource;
}

/** The status, stamped with when it was asked, so that a live update newer than the question wins. */
function loadStatus(): Promise<PolledStatus> {
  const askedAtMs = Date.now();
  return agentApi.status().then((status) => ({ status, askedAtMs }));
}

/**
 * GET /api/status now and every few seconds while the page is open; again at once after a login. Between
 * polls, the live stream of the run on screen (lib/live-run-status.ts) moves busy and idle at once.
 */
export function useAgentStatus(reloadKey: number): AgentStatusState {
  const { data, error, refresh } = usePoll(loadStatus, 'status', STATUS_POLL_MS);
  const [live, setLive] = useState<LiveRunUpdate | undefined>(undefined);
  useEffect(() => subscribeLiveRun(setLive), []);
  useEffect(() => {
    if (reloadKey > 0) refresh();
  }, [reloadKey, refresh]);
  const merged = mergeAgentStatus(data, live);
  return { status: merged.status, error, source: merged.source };
}
