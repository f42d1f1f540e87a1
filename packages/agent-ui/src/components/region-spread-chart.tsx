import { useState } from 'preact/hooks';
import { type RegionComparisonRow, regionSpread, type SpreadMetric } from '../lib/region-comparison.js';
import { seriesColor } from './colors.js';

const metrics: readonly { readonly id: SpreadMetric; readonly label: string; readonly color: string }[] = [
  { id: 'p95', label: 'p95 latency', color: seriesColor.p95 },
  { id: 'p50', label: 'p50 latency', color: seriesColor.p50 },
  { id: 'p99', label: 'p99 latency', color: seriesColor.p99 },
  { id: 'errorRate', label: 'error rate', color: seriesColor.errors },
];

/** One figure per region as bars, highest first, and the spread between highest and lowest in words. */
export function RegionSpreadChart({ rows }: { readonly rows: readonly RegionComparisonRow[] }) {
  const [metric, setMetric] = useState<SpreadMetric>('p95');
  const spread = regionSpread(rows, metric);
  const color = metrics.find((m) => m.id === metric)!.color;
  return (
    <figure class="chart-card spread" id="region-spread" data-metric={metric}>
      <figcaption>
        <span class="chart-title">Spread between regions</span>
        <span class="chart-note">whole run, each region's agents merged; failed requests included</span>
        <label class="inline">
          Figure{' '}
          <select
            name="spread-metric"
            value={metric}
            onChange={(e) => setMetric((e.target as HTMLSelectElement).value as SpreadMetric)}
          >
            {metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      {spread.emptyReason ? (
        <div class="chart-empty">{spread.emptyReason}</div>
      ) : (
        <>
          <div class="bars" role="img" aria-label={spread.summary ?? spread.label}>
            {spread.bars.map((bar) => (
              <div class="bar-row" key={bar.region} data-region={bar.region}>
                <span class="bar-label">{bar.region}</span>
                <span class="bar-track">
                  <span
                    class="bar-fill"
                    style={{ width: `${Math.max(bar.fraction * 100, 0.5)}%`, background: color }}
                  />
                </span>
                <span class="bar-value num">{bar.text}</span>
              </div>
            ))}
          </div>
          {spread.summary ? (
            <p class="small" data-field="spread-summary">
              {spread.summary}
            </p>
          ) : null}
        </>
      )}
    </figure>
  );
}
