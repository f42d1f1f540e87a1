import type { LivePoint, RunRow } from '@fpt/api-types';
import { browserOnlyNote, describeThresholds } from '@fpt/readable';
import { useMemo } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { BaselineAction } from '../components/baseline-action.js';
import { CustomMetricsTables } from '../components/custom-metrics-tables.js';
import { LatencyDistributionChart } from '../components/latency-distribution-chart.js';
import { IterationsChart, RunCharts } from '../components/run-charts.js';
import { RunLinks } from '../components/run-links.js';
import { RunTiles } from '../components/run-tiles.js';
import { ErrorBox, Loading } from '../components/states.js';
import {
  ChecksTable,
  ErrorsTable,
  IterationsTable,
  RequestsTable,
  ThresholdsTable,
} from '../components/summary-tables.js';
import { VerdictBlock } from '../components/verdict-block.js';
import { CrossedThresholds, GateRegressions } from '../components/verdict-reasons.js';
import { WebVitalsSection } from '../components/web-vitals-section.js';
import { useLoad } from '../hooks/use-load.js';
import { chartLimits } from '../lib/chart-limits.js';
import { customMetricRows } from '../lib/custom-metric-rows.js';
import { routeHash } from '../lib/hash-route.js';
import { runCompleted } from '../lib/run-verdict.js';
import { seriesPointsFromLive, seriesPointsFromTimeline } from '../lib/series-point.js';
import { isBrowserOnly } from '../lib/web-vital-figures.js';

/** A finished run: verdict, evidence links, key figures, the timeline and the summary's tables. */
export function RunDetail({
  run,
  livePoints,
}: {
  readonly run: RunRow;
  readonly livePoints: readonly LivePoint[];
}) {
  const summary = useLoad(() => agentApi.summary(run), `${run.id}:${run.status}`);
  const data = summary.state === 'ok' ? summary.data : undefined;
  const fpt = data?.fpt;
  // Only a run of a preset with a baseline was gated, and only it has a gate.json.
  const gate = useLoad(
    () => (run.verdict ? agentApi.gate(run) : Promise.resolve(undefined)),
    `${run.id}:${run.verdict}`,
  );
  const gateData = gate.state === 'ok' ? gate.data : undefined;
  const thresholdWords = useMemo(
    () => (data ? describeThresholds(data.fpt.thresholds, data.metrics) : undefined),
    [data],
  );
  const limits = useMemo(() => chartLimits(fpt?.thresholds ?? []), [fpt]);
  const customMetrics = useMemo(() => (data ? customMetricRows(data) : []), [data]);
  // The live stream's replay has per-request figures; summary.json's timeline is the fallback.
  const points = useMemo(
    () =>
      livePoints.length > 0
        ? seriesPointsFromLive(livePoints)
        : seriesPointsFromTimeline(fpt?.timeline ?? []),
    [livePoints, fpt],
  );
  const partial = run.status === 'aborted' || run.status === 'stopped' || run.status === 'error';
  // A browser run without requests of its own leads with its Web Vitals and, as the HTML report does, says
  // once that it made no request instead of showing every request chart and table empty.
  const browserOnly = isBrowserOnly(run, fpt?.webVitals.length);
  const syncKey = `run-${run.id}`;
  return (
    <main class="page" data-view="detail" data-status={run.status}>
      <VerdictBlock
        run={run}
        plannedMs={livePoints.at(-1)?.plannedMs}
        thresholds={thresholdWords}
        gate={gateData}
        reasons={
          <>
            {thresholdWords ? <CrossedThresholds thresholds={thresholdWords} /> : null}
            {run.verdict === 'regression' && runCompleted(run) ? (
              <GateRegressions
                run={run}
                gate={gateData}
                error={gate.state === 'error' ? gate.error : undefined}
              />
            ) : null}
          </>
        }
        actions={
          <>
            <RunLinks links={run.links} />
            <BaselineAction run={run} />
            <a
              class="button secondary"
              href={routeHash({ page: 'history', filters: { preset: run.preset } })}
            >
              Compare with…
            </a>
          </>
        }
      >
        {partial ? (
          <div class="banner warn">
            ⚠ Partial data: the run did not complete{run.reason ? ` (${run.reason})` : ''}.
          </div>
        ) : null}
        {fpt?.warnings.map((w) => (
          <div key={w} class="banner warn">
            ⚠ {w}
          </div>
        ))}
        {fpt?.scenarios.some((s) => s.droppedIterations > 0) ? (
          <div class="banner warn">
            ⚠ Iterations were dropped: the load was lower than planned, so the result may be unreliable.
          </div>
        ) : null}
      </VerdictBlock>
      <RunTiles figures={run} browserOnly={browserOnly} />
      {browserOnly && fpt && fpt.webVitals.length > 0 ? (
        <WebVitalsSection fpt={fpt} points={points} syncKey={syncKey} />
      ) : null}
      {browserOnly ? (
        <>
          <p id="no-requests" class="muted">
            {browserOnlyNote}
          </p>
          <IterationsChart points={points} syncKey={syncKey} />
        </>
      ) : (
        <RunCharts
          points={points}
          livePoints={livePoints.length > 0 ? livePoints : undefined}
          limits={limits}
          syncKey={syncKey}
        />
      )}
      {summary.state === 'loading' ? <Loading what="the run's summary" /> : null}
      {summary.state === 'error' ? (
        <ErrorBox
          error={summary.error}
          title={
            run.status === 'error'
              ? 'This run left no summary.json (it errored)'
              : 'summary.json could not be read'
          }
          retry={summary.retry}
        />
      ) : null}
      {data && fpt ? (
        <>
          <section id="thresholds">
            <h2>Thresholds</h2>
            <div class="narrow-scroll">
              <ThresholdsTable thresholds={fpt.thresholds} metrics={data.metrics} />
            </div>
          </section>
          {browserOnly ? null : (
            <>
              <section id="latency-distribution">
                <h2>Latency distribution</h2>
                <div class="chart-grid">
                  <LatencyDistributionChart fpt={fpt} syncKey={syncKey} />
                </div>
              </section>
              <section>
                <h2>Requests</h2>
                <p class="muted small">
                  Durations of every response, failed ones included; rates per second of the whole run.
                </p>
                <div class="narrow-scroll">
                  <RequestsTable fpt={fpt} run={run} />
                </div>
              </section>
              <section>
                <h2>Errors</h2>
                <ErrorsTable fpt={fpt} />
              </section>
            </>
          )}
          <section>
            <h2>Checks</h2>
            <div class="narrow-scroll">
              <ChecksTable summary={data} />
            </div>
          </section>
          {customMetrics.length > 0 ? (
            <section id="custom-metrics">
              <h2>Custom metrics</h2>
              <p class="muted small">
                The metrics this preset declares under <span class="mono">metrics:</span>, over the whole run.
                A <span class="mono">{'{tag:value}'}</span> row is a sub-metric a threshold selects.
              </p>
              <CustomMetricsTables rows={customMetrics} />
            </section>
          ) : null}
          <section>
            <h2>Iterations</h2>
            <div class="narrow-scroll">
              <IterationsTable fpt={fpt} />
            </div>
          </section>
          {!browserOnly && fpt.webVitals.length > 0 ? (
            <WebVitalsSection fpt={fpt} points={points} syncKey={syncKey} />
          ) : null}
        </>
      ) : null}
    </main>
  );
}
