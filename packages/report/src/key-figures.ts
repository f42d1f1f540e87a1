import type { KeyFigures } from '@fpt/api-types';
import { decodeSink, type EncodedSink } from '@fpt/metrics';
import { peakVus } from './peak-vus.js';
import type { SummaryData } from './summary-data.js';

/**
 * The handful of figures a history row, a fleet region or a comparison shows; null when the run had none
 * (no requests, no browser) or has not ended yet. Declared in @fpt/api-types, where the web UI reads them;
 * `maxVus` is the most VUs running at once (peakVus), not vus_max.
 */
export type { KeyFigures } from '@fpt/api-types';

export const noFigures: KeyFigures = {
  requests: null,
  requestRate: null,
  errorRate: null,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
  maxVus: null,
  iterations: null,
  checksPassed: null,
  checksFailed: null,
  thresholdsPassed: null,
  thresholdsFailed: null,
  lcpP75Ms: null,
  clsP75: null,
  inpP75Ms: null,
};

/** The key figures of a run, read from its summary JSON (percentiles from the merged histograms). */
export function keyFigures(summary: SummaryData): KeyFigures {
  const value = (metric: string, stat: string): number | null => {
    const found = summary.metrics[metric]?.values[stat];
    return typeof found === 'number' && Number.isFinite(found) ? found : null;
  };
  const percentile = (metric: string, p: number): number | null => {
    const encoded = summary.fpt.histograms[metric];
    if (!encoded) return null;
    const sink = decodeSink(encoded as EncodedSink);
    return sink.type === 'trend' && sink.count > 0 ? sink.percentile(p) : null;
  };
  const thresholds = summary.fpt.thresholds;
  return {
    requests: value('http_reqs', 'count'),
    requestRate: value('http_reqs', 'rate'),
    errorRate: value('http_req_failed', 'rate'),
    p50Ms: percentile('http_req_duration', 50),
    p95Ms: percentile('http_req_duration', 95),
    p99Ms: percentile('http_req_duration', 99),
    maxVus: peakVus(summary),
    iterations: value('iterations', 'count'),
    checksPassed: value('checks', 'passes'),
    checksFailed: value('checks', 'fails'),
    thresholdsPassed: thresholds.filter((t) => t.ok).length,
    thresholdsFailed: thresholds.filter((t) => !t.ok).length,
    lcpP75Ms: percentile('browser_web_vital_lcp', 75),
    clsP75: percentile('browser_web_vital_cls', 75),
    inpP75Ms: percentile('browser_web_vital_inp', 75),
  };
}
