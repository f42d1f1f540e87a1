import type { FleetRunRow } from '@fpt/api-types';
import { useMemo } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { FleetLiveSection } from '../components/fleet-live-section.js';
import { hasMergedEvidence } from '../components/fleet-runs-table.js';
import { RegionComparisonTable } from '../components/region-comparison-table.js';
import { RegionSpreadChart } from '../components/region-spread-chart.js';
import { RunLinks } from '../components/run-links.js';
import { RunTiles } from '../components/run-tiles.js';
import { Empty, ErrorBox, Loading } from '../components/states.js';
import { StopButton } from '../components/stop-button.js';
import { ThresholdsTable } from '../components/summary-tables.js';
import { VerdictFrame } from '../components/verdict-frame.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { usePoll } from '../hooks/use-poll.js';
import { fleetRunVerdict } from '../lib/fleet-run-verdict.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { regionComparison, tallyThresholds } from '../lib/region-comparison.js';

/** The coordinator updates each agent's state as it learns it; once a second follows it closely enough. */
export const FLEET_RUN_POLL_MS = 1000;

function describeOverrides(overrides: FleetRunRow['overrides']): string {
  return Object.entries(overrides)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function FleetVerdict({ run, stale }: { readonly run: FleetRunRow; readonly stale: Error | undefined }) {
  const verdict = fleetRunVerdict(run);
  useDocumentTitle(`${verdict.badge} · fleet ${run.preset}`);
  const overrides = describeOverrides(run.overrides);
  const tags = Object.entries(run.tags);
  const running = run.status === 'running';
  return (
    <VerdictFrame
      verdict={verdict}
      actions={
        running ? (
          <StopButton
            stop={() => agentApi.stopFleetRun(run.id)}
            what="fleet run"
            question="Stop this fleet run? Every agent's run is stopped; what they measured so far is merged as a partial result."
            afterwards="Stop requested: the agents are stopping and their data is being merged…"
          />
        ) : hasMergedEvidence(run) ? (
          <RunLinks links={run.links} />
        ) : (
          <span class="muted small">No merged evidence: the coordinator did not finish.</span>
        )
      }
      facts={
        <>
          <dt>Fleet run</dt>
          <dd class="mono">{run.id}</dd>
          <dt>Preset</dt>
          <dd>{run.preset}</dd>
          <dt>Regions</dt>
          <dd data-field="regions">
            {run.requestedRegions.join(', ')}
            {run.missingRegions.length > 0 ? (
              <span class="meaning-worse"> · missing: {run.missingRegions.join(', ')}</span>
            ) : null}
          </dd>
          <dt>Coordinator</dt>
          <dd>{run.coordinator}</dd>
          <dt>Started</dt>
          <dd title={formatUtcTime(run.startedAt)}>{formatLocalTime(run.startedAt)}</dd>
          <dt>Duration</dt>
          <dd>{running ? 'running' : formatDuration(run.durationMs)}</dd>
          {overrides ? (
            <>
              <dt>Overrides</dt>
              <dd>{overrides}</dd>
            </>
          ) : null}
          {tags.length > 0 ? (
            <>
              <dt>Tags</dt>
              <dd>{tags.map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
            </>
          ) : null}
          {run.exitCode !== null ? (
            <>
              <dt>Exit code</dt>
              <dd>{run.exitCode}</dd>
            </>
          ) : null}
        </>
      }
    >
      {running ? (
        <div class="small muted" data-field="polling">
          Following the run: each agent's state is updated as the coordinator learns it; the figures of a
          region arrive when its agents end.
        </div>
      ) : null}
      {run.status === 'stopped' ? (
        <div class="banner warn">⚠ Partial data: the fleet run was stopped before its end.</div>
      ) : null}
      {run.warnings.map((w) => (
        <div key={w} class="banner warn">
          ⚠ {w}
        </div>
      ))}
      {stale ? (
        <div class="banner warn">⚠ This may be out of date: the last update failed ({stale.message}).</div>
      ) : null}
    </VerdictFrame>
  );
}

function FleetRunView({ run, stale }: { readonly run: FleetRunRow; readonly stale: Error | undefined }) {
  const comparison = useMemo(() => regionComparison(run), [run]);
  const running = run.status === 'running';
  return (
    <main class="page" data-view="fleet-run" data-status={run.status}>
      <FleetVerdict run={run} stale={stale} />
      {running ? <FleetLiveSection run={run} /> : null}
      <section aria-label="Fleet-wide figures">
        <h2>Fleet-wide figures</h2>
        <p class="muted small">
          Every complete region's data merged: percentiles from the merged histograms, not averages of the
          regions'.
        </p>
        {run.figures ? (
          <RunTiles figures={run.figures} />
        ) : (
          <Empty>
            {running
              ? 'The merged figures arrive when every region has ended.'
              : 'No region delivered data, so there are no fleet-wide figures.'}
          </Empty>
        )}
      </section>
      <section aria-label="Regions side by side">
        <h2>Regions side by side</h2>
        <p class="muted small">
          Each region's agents merged; thresholds that apply to a region judged on its data alone. ▲ marks the
          highest latency or error figure among the regions when it stands apart by more than the baseline
          gate's noise floor (10 % and 5 ms; 1 percentage point of errors).
        </p>
        <div class="narrow-scroll">
          <RegionComparisonTable
            comparison={comparison}
            fleetThresholds={tallyThresholds(run.thresholds, running ? 'pending' : 'judged')}
          />
        </div>
        <RegionSpreadChart rows={comparison.rows} />
      </section>
      <section aria-label="Fleet-wide thresholds">
        <h2>Fleet-wide thresholds</h2>
        <p class="muted small">
          Judged on the merged data of every complete region; a threshold filtered on one region (
          <code>{'{region:eu-far}'}</code>) on that region's samples. These decide the verdict.
        </p>
        {running ? (
          <p class="muted">Judged at the end, on the merged data.</p>
        ) : (
          <div class="narrow-scroll">
            <ThresholdsTable thresholds={run.thresholds} id="fleet-thresholds-table" />
          </div>
        )}
      </section>
    </main>
  );
}

/** One fleet run, followed once a second while it runs: verdict, fleet-wide figures, regions side by side. */
export function FleetRunPage({ id }: { readonly id: string }) {
  const polled = usePoll(
    () => agentApi.fleetRun(id),
    `fleet-run:${id}`,
    FLEET_RUN_POLL_MS,
    (run) => run.status === 'running',
  );
  if (polled.data) return <FleetRunView run={polled.data} stale={polled.error} />;
  return (
    <main class="page">
      {polled.error ? (
        <ErrorBox error={polled.error} retry={polled.refresh} title={`Fleet run ${id} could not be read`} />
      ) : (
        <Loading what={`fleet run ${id}`} />
      )}
    </main>
  );
}
