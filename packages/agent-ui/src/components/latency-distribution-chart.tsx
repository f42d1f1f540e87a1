import type { FptSummaryPart } from '@fpt/api-types';
import { formatNines } from '@fpt/readable';
import { useMemo } from 'preact/hooks';
import { seriesColor } from './colors.js';
import { TimeChart, type XAxis } from './time-chart.js';

const ninesAxis: XAxis = {
  label: 'percentile',
  // Whole nines only (0 %, 90 %, 99 %, 99.9 %), as the report's axis has them.
  incrs: [1],
  tick: formatNines,
  legend: (nines) => `p${formatNines(nines).replace(/ %$/, '')}`,
};

/**
 * The whole run's request duration at each percentile, x stretched by the number of nines so the tail
 * gets room: the curve the summary carries (latencyByPercentile), the one the HTML report draws.
 */
export function LatencyDistributionChart({
  fpt,
  syncKey,
}: {
  readonly fpt: FptSummaryPart;
  readonly syncKey: string;
}) {
  const curve = fpt.latencyByPercentile;
  // Columns keep their identity across re-renders (the status poll), which would otherwise reset the zoom.
  const x = useMemo(() => (curve ? [...curve.nines] : []), [curve]);
  const lines = useMemo(
    () => [
      { label: 'duration', color: seriesColor.p95, values: curve ? [...curve.ms] : [], unit: 'ms' as const },
    ],
    [curve],
  );
  return (
    <TimeChart
      id="chart-distribution"
      title="Latency by percentile"
      note="whole run, all responses, from the merged histogram (at most 0.1 % above the true value)"
      // Its own group: x is a percentile, not time, so it must not zoom with the timeline.
      syncKey={`${syncKey}-distribution`}
      xAxis={ninesAxis}
      x={x}
      yLabel="duration (ms)"
      emptyReason={curve ? undefined : whyNoCurve(fpt)}
      lines={lines}
    />
  );
}

function whyNoCurve(fpt: FptSummaryPart): string {
  const requests = Object.hasOwn(fpt.histograms, 'http_req_duration')
    ? (fpt.histograms.http_req_duration?.count ?? 0)
    : 0;
  if (requests === 0) return 'No request finished during the run, so there is no distribution to draw.';
  if (requests === 1) return 'One request only, so there is no distribution to draw.';
  return 'This summary was written by an older FPT version, without the percentile curve; its HTML report draws it.';
}
