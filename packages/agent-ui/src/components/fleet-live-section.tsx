import type { FleetRunRow } from '@fpt/api-types';
import { formatMs, formatPerSecond } from '@fpt/readable';
import { useMemo } from 'preact/hooks';
import type { LiveConnection } from '../hooks/use-event-source.js';
import { useFleetLive } from '../hooks/use-fleet-live.js';
import { regionLiveState } from '../lib/fleet-live-regions.js';
import { livePointsOf } from '../lib/fleet-live-series.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { LIVE_WINDOW_POINTS, liveFigures } from '../lib/live-tiles.js';
import { requestPalette } from './colors.js';
import { LiveFigureTiles } from './live-figure-tiles.js';
import { Tile } from './tile.js';
import { type ChartLine, TimeChart } from './time-chart.js';
import { ToneBadge } from './tone-badge.js';

const connectionWords: Partial<Record<LiveConnection, string>> = {
  connecting: 'Connecting to the live stream…',
  reconnecting: '⚠ Live stream lost: reconnecting… (the seconds so far are kept)',
  failed: '✗ The coordinator refused the live stream; reload the page to try again.',
};

/**
 * A fleet run while it runs, pushed by the coordinator's merged live stream: the fleet-wide live figures
 * (as a single run's live view shows them), each region's, and each region's p95 second by second.
 */
export function FleetLiveSection({ run }: { readonly run: FleetRunRow }) {
  const live = useFleetLive(run.id, true);
  const figures = useMemo(() => liveFigures(livePointsOf(live.points)), [live.points]);
  const regions = run.requestedRegions;
  const byRegion = useMemo(
    () => new Map(regions.map((region) => [region, livePointsOf(live.points, region)])),
    [live.points, regions],
  );
  const x = useMemo(() => live.points.map((point) => point.elapsedMs / 1000), [live.points]);
  const lines = useMemo(
    () =>
      regions.map(
        (region, i): ChartLine => ({
          label: region,
          color: requestPalette[i % requestPalette.length]!,
          values: byRegion.get(region)!.map((point) => point.p95Ms ?? null),
          unit: 'ms',
        }),
      ),
    [regions, byRegion],
  );
  const latest = live.points.at(-1);
  return (
    <section aria-label="Live figures of the fleet" data-field="fleet-live" data-connection={live.connection}>
      <h2>Live, every agent merged</h2>
      <p class="muted small">
        Pushed by the coordinator each second it has merged the agents' seconds (a laggard is left out after 2
        s); p95 from their histograms merged, never an average of percentiles.
      </p>
      {connectionWords[live.connection] ? (
        <div class="banner warn">{connectionWords[live.connection]}</div>
      ) : null}
      <LiveFigureTiles figures={figures} />
      <section class="tiles" aria-label="Live figures by region">
        {regions.map((region) => {
          const own = liveFigures(byRegion.get(region)!);
          const state = regionLiveState(
            run.regions.find((r) => r.region === region),
            live.sources,
            latest?.regions.find((r) => r.region === region),
          );
          return (
            <Tile
              key={region}
              id={`region-${region}`}
              label={`${region} · p95`}
              value={formatMs(own.p95Ms)}
              secondary={`${formatPerSecond(own.requestsPerSec)} · ${formatErrorPercent(own.windowErrorRate)} errors, last ${LIVE_WINDOW_POINTS} s`}
            >
              <ToneBadge
                badge={state.badge}
                detail={state.detail}
                data={{ 'live-state': state.badge.word }}
              />
            </Tile>
          );
        })}
      </section>
      <TimeChart
        id="chart-fleet-live-p95"
        title="p95 by region"
        note="per second, each region's agents merged"
        syncKey={`fleet-live-${run.id}`}
        x={x}
        yLabel="p95 (ms)"
        emptyReason={
          live.points.length === 0
            ? 'No second merged yet: the first arrives about a second after the load starts.'
            : undefined
        }
        lines={lines}
      />
    </section>
  );
}
