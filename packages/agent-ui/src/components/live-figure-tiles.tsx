import { formatCompactCount, formatMs, formatPerSecond } from '@fpt/readable';
import { formatElapsed } from '../lib/format-elapsed.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { LIVE_WINDOW_POINTS, type LiveFigures } from '../lib/live-tiles.js';
import { Tile } from './tile.js';

/**
 * The key numbers of a run in progress, from its live stream: a single run's, or a fleet run's merged
 * over its agents. Rates over the last few seconds (one second is too jumpy to read), p95 of the last
 * second with requests, VUs now, and elapsed of planned.
 */
export function LiveFigureTiles({ figures }: { readonly figures: LiveFigures }) {
  const planned = figures.plannedMs;
  const overtime = planned > 0 && figures.elapsedMs > planned;
  return (
    <section class="tiles" aria-label="Live figures">
      <Tile
        id="rps"
        label="Requests/s"
        value={formatPerSecond(figures.requestsPerSec)}
        secondary={`last ${LIVE_WINDOW_POINTS} s · ${formatCompactCount(figures.totalRequests)} in total`}
      />
      <Tile
        id="errors"
        label="Error rate"
        value={formatErrorPercent(figures.windowErrorRate)}
        secondary={`last ${LIVE_WINDOW_POINTS} s · ${formatErrorPercent(figures.totalErrorRate)} whole run`}
      />
      <Tile
        id="p95"
        label="p95 latency"
        value={formatMs(figures.p95Ms)}
        secondary="last second with requests"
      />
      <Tile
        id="vus"
        label="VUs"
        value={figures.vus === null ? '—' : String(figures.vus)}
        secondary="active now"
      />
      <Tile
        id="elapsed"
        label="Elapsed"
        value={formatElapsed(figures.elapsedMs)}
        secondary={
          planned
            ? `of ${formatElapsed(planned)} planned${overtime ? ', graceful stop' : ''}`
            : 'planned length not known yet'
        }
      />
    </section>
  );
}
