import type { GateVerdictJson, RunRow, RunSummaryJson } from '@fpt/api-types';
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { ApiError } from '../api/api-error.js';
import { seriesColor } from '../components/colors.js';
import { ErrorBox, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';
import { type ChartLine, TimeChart } from '../components/time-chart.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useLoad } from '../hooks/use-load.js';
import { compareFigures, compareHeadline, compareRows, notComparable } from '../lib/compare-verdict.js';
import { formatLocalTime } from '../lib/format-time.js';
import { routeHash } from '../lib/hash-route.js';
import { alignOverlay } from '../lib/overlay-series.js';
import { buildRunSeries, type RunSeries } from '../lib/run-series.js';
import { seriesPointsFromTimeline } from '../lib/series-point.js';

interface Side {
  readonly run: RunRow;
  /** Undefined when the run left no readable summary.json (an errored run). */
  readonly summary: RunSummaryJson | undefined;
}

async function loadSide(id: string): Promise<Side> {
  const run = await agentApi.run(id);
  const summary = await agentApi.summary(run).catch(() => undefined);
  return { run, summary };
}

function seriesOf(side: Side): RunSeries | undefined {
  return side.summary ? buildRunSeries(seriesPointsFromTimeline(side.summary.fpt.timeline)) : undefined;
}

/** The overlays: which column of each run, its colour, and how the chart is titled. */
const overlaySpecs = [
  {
    id: 'chart-compare-rps',
    title: 'Throughput, A solid, B dashed',
    note: "aligned at each run's start",
    yLabel: 'requests (/s)',
    unit: 'requests/s',
    valueUnit: 'per-second',
    color: seriesColor.requests,
    column: (s: RunSeries) => s.requestsPerSec,
  },
  {
    id: 'chart-compare-p95',
    title: 'p95 latency, A solid, B dashed',
    note: 'per second, failed requests included',
    yLabel: 'p95 (ms)',
    unit: 'p95',
    valueUnit: 'ms',
    color: seriesColor.p95,
    column: (s: RunSeries) => s.p95Ms,
  },
  {
    id: 'chart-compare-vus',
    title: 'VUs, A solid, B dashed',
    note: 'a difference here is a difference in load',
    yLabel: 'VUs',
    unit: 'VUs',
    valueUnit: 'count',
    color: seriesColor.vus,
    column: (s: RunSeries) => s.vus,
  },
] as const;

function Overlays({ a, b }: { readonly a: Side; readonly b: Side }) {
  const charts = useMemo(() => {
    const sa = seriesOf(a);
    const sb = seriesOf(b);
    return overlaySpecs.map((spec) => {
      const overlay =
        sa && sb
          ? alignOverlay({ x: sa.x, values: spec.column(sa) }, { x: sb.x, values: spec.column(sb) })
          : undefined;
      const lines: ChartLine[] = [
        { label: `A ${spec.unit}`, color: spec.color, values: overlay?.a ?? [], unit: spec.valueUnit },
        {
          label: `B ${spec.unit}`,
          color: spec.color,
          values: overlay?.b ?? [],
          dashed: true,
          unit: spec.valueUnit,
        },
      ];
      return { spec, x: overlay?.x ?? [], lines };
    });
  }, [a, b]);
  const empty = !a.summary
    ? 'A has no summary.json, so it has no timeline.'
    : !b.summary
      ? 'B has no summary.json, so it has no timeline.'
      : charts[0]?.x.length === 0
        ? 'Neither run has timeline points.'
        : undefined;
  return (
    <section class="chart-grid" aria-label="Overlays">
      {charts.map(({ spec, x, lines }) => (
        <TimeChart
          key={spec.id}
          id={spec.id}
          title={spec.title}
          note={spec.note}
          syncKey="compare"
          x={x}
          yLabel={spec.yLabel}
          emptyReason={empty}
          lines={lines}
        />
      ))}
    </section>
  );
}

/** Worse in the colour of worse, better in the colour of better: the gate's judgement, not the sign. */
const changeTone = (change: string) =>
  change === 'regression' ? 'meaning-worse' : change === 'improvement' ? 'meaning-better' : '';

function GateRows({ gate }: { readonly gate: GateVerdictJson }) {
  const rows = compareRows(gate);
  return (
    <table class="data" id="gate-rows-table">
      <thead>
        <tr>
          <th>Scope</th>
          <th>Name</th>
          <th>Scenario</th>
          <th class="num">A p95</th>
          <th class="num">B p95</th>
          <th class="num">Δ p95</th>
          <th class="num">A errors</th>
          <th class="num">B errors</th>
          <th class="num">Δ errors</th>
          <th>Gate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.scope} ${r.scenario} ${r.name}`}
            data-scope={r.scope}
            data-name={r.name}
            data-status={r.status}
            title={r.reasons.join('\n')}
          >
            <td>{r.scope}</td>
            <td>{r.name}</td>
            <td>{r.scenario}</td>
            <td class="num">{r.baseP95}</td>
            <td class="num">{r.runP95}</td>
            <td class={`num ${changeTone(r.p95Judged)}`}>{r.p95Change}</td>
            <td class="num">{r.baseErrors}</td>
            <td class="num">{r.runErrors}</td>
            <td class={`num ${changeTone(r.errorJudged)}`}>{r.errorChange}</td>
            <td class={`${changeTone(r.status)}`}>{r.statusWords}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The gate's verdict on B against a baseline made from A, or why the gate cannot compare them. */
type GateAnswer =
  | { readonly kind: 'verdict'; readonly gate: GateVerdictJson }
  | { readonly kind: 'refused'; readonly message: string; readonly hint: string | undefined };

async function loadGate(base: string, run: string): Promise<GateAnswer> {
  try {
    return { kind: 'verdict', gate: await agentApi.compare(base, run) };
  } catch (error) {
    const refusal = error instanceof ApiError ? notComparable(error.status, error.body) : undefined;
    if (refusal === undefined) throw error;
    return { kind: 'refused', message: refusal, hint: (error as ApiError).body?.hint };
  }
}

function Facts({ a, b }: { readonly a: Side; readonly b: Side }) {
  return (
    <dl class="facts">
      {(
        [
          ['A (base)', a.run],
          ['B', b.run],
        ] as const
      ).map(([label, run]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>
            <StatusBadge run={run} />{' '}
            <a href={routeHash({ page: 'run', id: run.id })} class="mono small">
              {run.id}
            </a>{' '}
            <span class="muted small">
              {run.preset} · {formatLocalTime(run.startedAt)}
            </span>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Comparison({ a, b, answer }: { readonly a: Side; readonly b: Side; readonly answer: GateAnswer }) {
  const swap = (
    <div class="verdict-actions">
      <a class="button secondary" href={routeHash({ page: 'compare', a: b.run.id, b: a.run.id })}>
        ⇄ Swap A and B
      </a>
    </div>
  );
  if (answer.kind === 'refused') {
    return (
      <>
        <section class="verdict tone-neutral" aria-label="Comparison verdict">
          <div class="verdict-badge" data-verdict="NOT COMPARABLE">
            <span aria-hidden="true">≠</span> NOT COMPARABLE
          </div>
          <div class="verdict-main">
            <div class="verdict-detail" data-refusal>
              {answer.message}
            </div>
            {answer.hint ? <div class="small muted">{answer.hint}</div> : null}
            <Facts a={a} b={b} />
          </div>
          {swap}
        </section>
        <Overlays a={a} b={b} />
      </>
    );
  }
  const { gate } = answer;
  const headline = compareHeadline(gate);
  const figures = compareFigures(gate);
  return (
    <>
      <section class={`verdict tone-${headline.tone}`} aria-label="Comparison verdict">
        <div class="verdict-badge" data-verdict={headline.word}>
          <span aria-hidden="true">{headline.icon}</span> {headline.word}
        </div>
        <div class="verdict-main">
          <div class="verdict-detail">
            {headline.counts}
            {headline.headline ? ` · ${headline.headline}` : ''}
          </div>
          {headline.reasons.length > 1 ? (
            <ul class="small">
              {headline.reasons.map((reason) => (
                <li key={reason} data-reason>
                  {reason}
                </li>
              ))}
            </ul>
          ) : null}
          <div class="small muted" data-field="tolerances">
            Baseline gate of B against A: tolerances {headline.tolerances} (from B's preset)
          </div>
          <Facts a={a} b={b} />
          {gate.warnings.map((w) => (
            <div key={w} class="banner warn" data-warning>
              ⚠ {w}
            </div>
          ))}
        </div>
        {swap}
      </section>
      <div class="narrow-scroll">
        <table class="data" id="kpi-table">
          <thead>
            <tr>
              <th>All requests</th>
              <th class="num">A</th>
              <th class="num">B</th>
              <th class="num">Δ</th>
              <th>Gate</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((row) => (
              <tr key={row.key} data-kpi={row.key}>
                <td>{row.label}</td>
                <td class="num">{row.base}</td>
                <td class="num">{row.run}</td>
                <td class={`num ${changeTone(row.judged)}`}>{row.change}</td>
                <td class={`${changeTone(row.judged)}`}>{row.judged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Overlays a={a} b={b} />
      <section>
        <h2>Per request and region, as the gate judged them</h2>
        <div class="narrow-scroll">
          <GateRows gate={gate} />
        </div>
      </section>
    </>
  );
}

/**
 * Two runs side by side: the baseline gate's verdict on B against A (GET /api/compare, the same comparison
 * as `fpt gate`), or why the gate cannot compare them, with both runs' timelines overlaid.
 */
export function ComparePage({ a, b }: { readonly a: string; readonly b: string }) {
  useDocumentTitle(`Compare ${a} and ${b}`);
  const sides = useLoad(() => Promise.all([loadSide(a), loadSide(b), loadGate(a, b)]), `${a}/${b}`);
  return (
    <main class="page">
      <h1>Compare runs</h1>
      {sides.state === 'loading' ? <Loading what="both runs" /> : null}
      {sides.state === 'error' ? <ErrorBox error={sides.error} retry={sides.retry} /> : null}
      {sides.state === 'ok' ? (
        <Comparison a={sides.data[0]} b={sides.data[1]} answer={sides.data[2]} />
      ) : null}
    </main>
  );
}
