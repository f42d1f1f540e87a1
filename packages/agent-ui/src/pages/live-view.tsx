import type { LivePoint, PresetThresholdInfo, RunRow } from '@fpt/api-types';
import { useMemo } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { LiveFigureTiles } from '../components/live-figure-tiles.js';
import { RunCharts } from '../components/run-charts.js';
import { StopButton } from '../components/stop-button.js';
import { VerdictBlock } from '../components/verdict-block.js';
import type { LiveConnection } from '../hooks/use-live-run.js';
import { useLoad } from '../hooks/use-load.js';
import { chartLimits } from '../lib/chart-limits.js';
import { formatElapsed } from '../lib/format-elapsed.js';
import { liveFigures, progressFraction } from '../lib/live-tiles.js';
import { seriesPointsFromLive } from '../lib/series-point.js';
import { describeLiveThresholds, liveThresholdStates } from '../lib/threshold-states.js';

const NO_THRESHOLDS: readonly PresetThresholdInfo[] = [];

const connectionWords: Partial<Record<LiveConnection, string>> = {
  connecting: 'Connecting to the live stream…',
  reconnecting: '⚠ Live stream lost: reconnecting… (the data so far is kept)',
  failed: '✗ The live stream was refused; reload the page to try again.',
};

/** A run in progress: progress, provisional thresholds, live tiles and charts, and Stop. */
export function LiveView({
  run,
  points,
  connection,
}: {
  readonly run: RunRow;
  readonly points: readonly LivePoint[];
  readonly connection: LiveConnection;
}) {
  const preset = useLoad(() => agentApi.preset(run.preset), run.preset);
  const figures = liveFigures(points);
  const failing = points.at(-1)?.failingThresholds ?? [];
  const presetThresholds = preset.state === 'ok' ? preset.data.thresholds : NO_THRESHOLDS;
  const states = liveThresholdStates(presetThresholds, failing);
  const limits = useMemo(() => chartLimits(presetThresholds), [presetThresholds]);
  const seriesPoints = useMemo(() => seriesPointsFromLive(points), [points]);
  // The stream's planned length leaves graceful stops out; the row's plannedMs is the longest the run may
  // take, graceful stops included, so it is not shown as "planned".
  const planned = figures.plannedMs;
  const progress = progressFraction(figures.elapsedMs, planned);
  const overtime = planned > 0 && figures.elapsedMs > planned;
  return (
    <main class="page" data-view="live">
      <VerdictBlock
        run={run}
        actions={
          <StopButton
            stop={() => agentApi.stopRun(run.id)}
            what="run"
            question="Stop this run? The results so far are kept as a partial run."
            afterwards="Stop requested: the run is writing its summary…"
          />
        }
      >
        <div
          class="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
        >
          <div class="progress-fill" style={{ width: `${progress * 100}%` }} />
        </div>
        <div class="small" data-field="progress">
          {planned ? (
            <>
              {formatElapsed(figures.elapsedMs)} of {formatElapsed(planned)} planned
              {overtime ? ' (graceful stop: letting iterations finish)' : ''}
            </>
          ) : (
            'planned length: known from the first second on'
          )}{' '}
          ·{' '}
          <span data-field="threshold-summary">
            thresholds: {describeLiveThresholds(states)} <em>(provisional)</em>
          </span>
        </div>
        {connectionWords[connection] ? <div class="banner warn">{connectionWords[connection]}</div> : null}
      </VerdictBlock>
      <LiveFigureTiles figures={figures} />
      <section aria-label="Thresholds so far">
        <h2>Thresholds, so far</h2>
        {states.length === 0 ? (
          <p class="muted">
            {preset.state === 'loading'
              ? 'Loading the preset…'
              : 'This preset defines no thresholds: the run will be COMPLETED, not judged.'}
          </p>
        ) : (
          <div class="narrow-scroll">
            <table class="data compact" id="live-thresholds">
              <tbody>
                {states.map((s) => (
                  <tr key={`${s.metric} ${s.expression}`} data-failing={String(s.failing)}>
                    <td>
                      {s.failing ? (
                        <span class="badge tone-bad">
                          <span aria-hidden="true">✗</span> crossed
                        </span>
                      ) : (
                        <span class="badge tone-good">
                          <span aria-hidden="true">✓</span> holding
                        </span>
                      )}
                    </td>
                    <td class="mono">{s.metric}</td>
                    <td class="mono">{s.expression}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RunCharts points={seriesPoints} livePoints={points} limits={limits} syncKey={`run-${run.id}`} />
    </main>
  );
}
