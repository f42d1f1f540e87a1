import { decodeSink, type EncodedSink } from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import type { KeyFigures } from './run-row.js';

/** The history row's figures, read from the summary JSON the run wrote. */
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
    maxVus: value('vus_max', 'max') ?? value('vus_max', 'value'),
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
