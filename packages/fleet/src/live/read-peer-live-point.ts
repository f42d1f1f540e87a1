import { decodeSink, type EncodedSink, type TrendSink } from '@fpt/metrics';
import type { PeerLivePoint } from '../client/peer-api.js';

/** An agent's live point as the merge takes it: checked, its histogram decoded. */
export interface AgentSecond extends Omit<PeerLivePoint, 'httpReqDuration'> {
  /** Absent when no request finished, or the agent sent no readable histogram. */
  readonly duration: TrendSink | undefined;
}

const countFields = [
  'tMs',
  'elapsedMs',
  'plannedMs',
  'vus',
  'requests',
  'failedRequests',
  'iterations',
  'droppedIterations',
  'totalRequests',
  'totalFailed',
] as const;

/**
 * A point's JSON from an agent's stream, or undefined when it is not one (another version, a broken
 * proxy). A histogram that cannot be decoded costs the point its latency, not its counts.
 */
export function readPeerLivePoint(data: unknown): AgentSecond | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const raw = data as Record<string, unknown>;
  const counts: Partial<Record<(typeof countFields)[number], number>> = {};
  for (const field of countFields) {
    const value = raw[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
    counts[field] = value;
  }
  return {
    ...(counts as Record<(typeof countFields)[number], number>),
    duration: decodeDuration(raw.httpReqDuration),
  };
}

function decodeDuration(encoded: unknown): TrendSink | undefined {
  if (encoded === undefined) return undefined;
  try {
    const sink = decodeSink(encoded as EncodedSink);
    return sink.type === 'trend' && !sink.empty ? sink : undefined;
  } catch {
    return undefined;
  }
}
