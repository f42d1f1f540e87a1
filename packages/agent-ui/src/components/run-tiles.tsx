import type { KeyFigures } from '@fpt/api-types';
import {
  formatCompactCount,
  formatCount,
  formatMs,
  formatPerSecond,
  webVitalRatingLook,
} from '@fpt/readable';
import { formatErrorPercent } from '../lib/format-percent.js';
import { isBrowserOnly, webVitalFigures } from '../lib/web-vital-figures.js';
import { Tile } from './tile.js';

/** A finished run's key figures, from its row (or a fleet run's, merged over its regions). */
export function RunTiles({
  figures,
  browserOnly = isBrowserOnly(figures),
}: {
  readonly figures: KeyFigures;
  /** Whether the run is judged on its Web Vitals alone; from its figures unless the page knows better. */
  readonly browserOnly?: boolean;
}) {
  const checks =
    figures.checksPassed === null || figures.checksFailed === null
      ? null
      : figures.checksPassed + figures.checksFailed;
  const failedRequests =
    figures.requests !== null && figures.errorRate !== null
      ? Math.round(figures.requests * figures.errorRate)
      : null;
  const vitals = webVitalFigures(figures).map((vital) => (
    <Tile
      key={vital.id}
      id={vital.id}
      label={`${vital.short} p75`}
      value={vital.value}
      secondary={vital.name}
    >
      <span class={`badge tone-${webVitalRatingLook[vital.rating].tone}`} data-rating={vital.rating}>
        {webVitalRatingLook[vital.rating].icon} {webVitalRatingLook[vital.rating].word}
      </span>
    </Tile>
  ));
  // A browser-only run is judged on its Web Vitals: they come first, as in the report, and it has no
  // request figures to show.
  return (
    <section class="tiles" aria-label="Key figures">
      {browserOnly ? (
        vitals
      ) : (
        <>
          <Tile
            id="requests"
            label="Requests"
            value={formatCompactCount(figures.requests)}
            secondary={`${formatPerSecond(figures.requestRate)} mean`}
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
        </>
      )}
      <Tile
        id="vus"
        label="Peak VUs"
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
      {browserOnly ? null : vitals}
    </section>
  );
}
