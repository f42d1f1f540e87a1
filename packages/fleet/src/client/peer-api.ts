import type { EncodedTrendSink } from '@fpt/metrics';
import type { LoadOverrides } from '@fpt/preset';
import type { KeyFigures } from '@fpt/report';

/**
 * The parts of the agent API (docs/agent.md) a coordinator reads. Declared here rather than imported,
 * because the fleet talks to agents over HTTP (possibly of another version), never to their code.
 */
export interface PeerStatus {
  readonly version: string;
  readonly region: string;
  readonly agentId: string;
  readonly busy: boolean;
  readonly run: { readonly id: string } | null;
}

export type PeerRunStatus = 'running' | 'passed' | 'failed' | 'aborted' | 'stopped' | 'error';

export interface PeerRunRow extends KeyFigures {
  readonly id: string;
  readonly preset: string;
  readonly region: string;
  readonly agentId: string;
  readonly status: PeerRunStatus;
  readonly reason: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly plannedMs: number | null;
}

export interface PeerStartRequest {
  readonly preset: string;
  readonly overrides: LoadOverrides;
  readonly tags: Readonly<Record<string, string>>;
  readonly segment: { readonly index: number; readonly count: number };
}

export interface PeerPresetInfo {
  readonly name: string;
  readonly regions: readonly string[];
}

/**
 * One second of an agent's run as its live stream sends it (GET /api/runs/:id/live, event `point`): the
 * parts a coordinator merges across agents.
 */
export interface PeerLivePoint {
  /** Milliseconds since the agent's own run started (end of the interval). */
  readonly tMs: number;
  readonly elapsedMs: number;
  readonly plannedMs: number;
  readonly vus: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  readonly totalRequests: number;
  readonly totalFailed: number;
  /** The second's http_req_duration histogram; absent without requests, or from an older agent. */
  readonly httpReqDuration?: EncodedTrendSink;
}
