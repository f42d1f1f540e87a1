import type { LatencyStats, SummaryData } from '@fpt/report';
import { customMetricFigures } from './custom-metric-figures.js';
import { decodeHistogram } from './decode-histogram.js';
import type { Figures, RegionFigures, RequestFigures, RunFigures, VitalFigures } from './figures.js';
import { roundFigure } from './round-figure.js';

const noRequests: Figures = {
  count: 0,
  ratePerSec: 0,
  errorRate: null,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
};

/**
 * The figures of a run from its summary JSON: overall from the merged http_req_duration histogram (so
 * percentiles do not depend on the summary's trend stats) and the http_reqs / http_req_failed metrics;
 * per request and per region from `fpt.requests` and `fpt.regions`; each page's Web Vitals p75 from
 * `fpt.webVitals`; each custom trend of times from its histogram (customMetricFigures).
 */
export function summaryFigures(data: SummaryData): RunFigures {
  return {
    overall: overallFigures(data),
    requests: data.fpt.requests.map(
      (r): RequestFigures => ({
        name: r.name,
        scenario: r.scenario,
        ...groupFigures(r.count, r.ratePerSec, r.errorRate, r),
      }),
    ),
    regions: data.fpt.regions.map(
      (r): RegionFigures => ({ region: r.region, ...groupFigures(r.count, r.ratePerSec, r.errorRate, r) }),
    ),
    webVitals: data.fpt.webVitals.flatMap((v): VitalFigures[] =>
      v.count > 0 && v.p75 !== null
        ? [
            {
              page: v.page,
              vital: v.vital,
              count: v.count,
              p75: roundFigure(v.p75, v.vital === 'cls' ? 4 : 3),
            },
          ]
        : [],
    ),
    customMetrics: customMetricFigures(data),
  };
}

function overallFigures(data: SummaryData): Figures {
  const sink = decodeHistogram(data, 'http_req_duration');
  if (sink === undefined || sink.count === 0) return noRequests;
  const reqs = data.metrics['http_reqs']?.values;
  const failed = data.metrics['http_req_failed']?.values;
  const count = reqs?.['count'] ?? sink.count;
  const durationSec = data.state.testRunDurationMs / 1000;
  return groupFigures(
    count,
    reqs?.['rate'] ?? (durationSec > 0 ? count / durationSec : 0),
    failed?.['rate'] ?? 0,
    { p50Ms: sink.percentile(50), p95Ms: sink.percentile(95), p99Ms: sink.percentile(99) },
  );
}

function groupFigures(
  count: number,
  ratePerSec: number,
  errorRate: number,
  latency: Pick<LatencyStats, 'p50Ms' | 'p95Ms' | 'p99Ms'>,
): Figures {
  if (count === 0) return noRequests;
  return {
    count,
    ratePerSec: roundFigure(ratePerSec, 4),
    errorRate: roundFigure(errorRate, 6),
    p50Ms: roundFigure(latency.p50Ms, 3),
    p95Ms: roundFigure(latency.p95Ms, 3),
    p99Ms: roundFigure(latency.p99Ms, 3),
  };
}
