import type { KeyFigures } from '../api/agent-types.js';
import { formatCompactCount, formatCount } from '../lib/format-count.js';
import { formatMs } from '../lib/format-latency.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { formatRate } from '../lib/format-rate.js';
import { webVitalFigures } from '../lib/web-vital-figures.js';
import { Tile } from './tile.js';

/** A finished run's key figures, from its row (or a fleet run's, merged over its regions). */
export function RunTiles({ figures }: { readonly figures: KeyFigures }) {
  const checks =
    figures.checksPassed === null || figures.checksFailed === null
      ? null
      : figures.checksPassed + figures.checksFailed;
  const failedRequests =
    figures.requests !== null && figures.errorRate !== null
      ? Math.round(figures.requests * figures.errorRate)
      : null;
  return (
    <section class="tiles" aria-label="Key figures">
      <Tile
        id="requests"
        label="Requests"
        value={formatCompactCount(figures.requests)}
        secondary={`${formatRate(figures.requestRate)} mean`}
      />
      <Tile
        id="errors"
        label="Error rate"
        value={formatErrorPercent(figures.errorRate)}
        secondary={`${formatCount(failedRequests)} failed`}
      />
      <Tile
        id="p95"
        label="p95 latency"
        value={formatMs(figures.p95Ms)}
        secondary={`p50 ${formatMs(figures.p50Ms)} · whole run`}
      />
      <Tile id="p99" label="p99 latency" value={formatMs(figures.p99Ms)} secondary="whole run" />
      <Tile
        id="vus"
        label="Max VUs"
        value={formatCount(figures.maxVus)}
        secondary={`${formatCompactCount(figures.iterations)} iterations`}
      />
      <Tile
        id="checks"
        label="Checks"
        value={
          checks === null
            ? '—'
            : `${formatCompactCount(figures.checksPassed)} / ${formatCompactCount(checks)}`
        }
        secondary={checks === null ? 'no checks' : `${formatCount(figures.checksFailed)} failed`}
      />
      {webVitalFigures(figures).map((vital) => (
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
