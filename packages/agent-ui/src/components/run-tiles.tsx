import type { RunRow } from '../api/agent-types.js';
import { formatCompactCount, formatCount } from '../lib/format-count.js';
import { formatMs } from '../lib/format-latency.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { formatRate } from '../lib/format-rate.js';
import { webVitalFigures } from '../lib/web-vital-figures.js';
import { Tile } from './tile.js';

/** A finished run's key figures, from its row. */
export function RunTiles({ run }: { readonly run: RunRow }) {
  const checks =
    run.checksPassed === null || run.checksFailed === null ? null : run.checksPassed + run.checksFailed;
  const failedRequests =
    run.requests !== null && run.errorRate !== null ? Math.round(run.requests * run.errorRate) : null;
  return (
    <section class="tiles" aria-label="Key figures">
      <Tile
        id="requests"
        label="Requests"
        value={formatCompactCount(run.requests)}
        secondary={`${formatRate(run.requestRate)} mean`}
      />
      <Tile
        id="errors"
        label="Error rate"
        value={formatErrorPercent(run.errorRate)}
        secondary={`${formatCount(failedRequests)} failed`}
      />
      <Tile
        id="p95"
        label="p95 latency"
        value={formatMs(run.p95Ms)}
        secondary={`p50 ${formatMs(run.p50Ms)} · whole run`}
      />
      <Tile id="p99" label="p99 latency" value={formatMs(run.p99Ms)} secondary="whole run" />
      <Tile
        id="vus"
        label="Max VUs"
        value={formatCount(run.maxVus)}
        secondary={`${formatCompactCount(run.iterations)} iterations`}
      />
      <Tile
        id="checks"
        label="Checks"
        value={
          checks === null ? '—' : `${formatCompactCount(run.checksPassed)} / ${formatCompactCount(checks)}`
        }
        secondary={checks === null ? 'no checks' : `${formatCount(run.checksFailed)} failed`}
      />
      {webVitalFigures(run).map((vital) => (
        <Tile
          key={vital.id}
          id={vital.id}
          label={`${vital.short} p75`}
          value={vital.value}
          secondary={vital.name}
        />
      ))}
    </section>
  );
}
