import type { Sink } from '@fpt/metrics';

export interface RequestTotals {
  readonly count: number;
  readonly ratePerSec: number;
  readonly failed: number;
  readonly errorRate: number;
}

/** Count, rate per second of the run, failures and their share, from merged http_reqs and http_req_failed. */
export function requestTotals(
  count: Sink | undefined,
  failed: Sink | undefined,
  durationMs: number,
): RequestTotals {
  const requests = count?.type === 'counter' ? count.count : 0;
  const failures = failed?.type === 'rate' ? failed.passes : 0;
  return {
    count: requests,
    ratePerSec: durationMs > 0 ? requests / (durationMs / 1000) : 0,
    failed: failures,
    errorRate: requests > 0 ? failures / requests : 0,
  };
}
