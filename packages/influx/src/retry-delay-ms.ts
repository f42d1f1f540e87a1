export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Wait before the next write after `failures` consecutive failures: exponential from baseMs, capped at
 * maxMs, with jitter between 50% and 100% so several agents that lost the same InfluxDB do not retry in
 * step. A server's Retry-After (seconds) is honoured when longer, up to maxMs.
 */
export function retryDelayMs(
  failures: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterHeader?: string | null,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(failures - 1, 0));
  const jittered = exponential * (0.5 + 0.5 * random());
  const retryAfterSeconds = retryAfterHeader ? Number(retryAfterHeader) : Number.NaN;
  const serverMs = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(policy.maxMs, Math.max(jittered, serverMs));
}
