import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { RunRow } from '../api/agent-types.js';
import type { RunSummaryJson } from '../api/summary-types.js';
import { seriesColor } from '../components/colors.js';
import { ErrorBox, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';
import { type ChartLine, TimeChart } from '../components/time-chart.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useLoad } from '../hooks/use-load.js';
import { comparabilityWarnings } from '../lib/comparability-warnings.js';
import { compareKpis, compareVerdict } from '../lib/compare-kpis.js';
import { formatMs } from '../lib/format-latency.js';
import { formatErrorPercent, formatSignedPercent } from '../lib/format-percent.js';
import { formatLocalTime } from '../lib/format-time.js';
import { routeHash } from '../lib/hash-route.js';
import { alignOverlay } from '../lib/overlay-series.js';
import { diffRequests } from '../lib/request-diff.js';
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

const significanceLevels = [0, 5, 10, 25] as const;
const verdictTone = { REGRESSION: 'bad', IMPROVEMENT: 'good', 'NO SIGNIFICANT CHANGE': 'neutral' } as const;
const verdictIcon = { REGRESSION: '▼', IMPROVEMENT: '▲', 'NO SIGNIFICANT CHANGE': '=' } as const;
const meaningWords = { better: '▲ better', worse: '▼ worse', same: '= same', unknown: '?' } as const;

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

function RequestDiff({
  a,
  b,
  significance,
}: {
  readonly a: Side;
  readonly b: Side;
  readonly significance: number;
}) {
  if (!a.summary || !b.summary) return <p class="muted">Per-request figures need both runs' summary.json.</p>;
  const rows = diffRequests(a.summary.fpt.requests, b.summary.fpt.requests, significance);
  if (rows.length === 0) return <p class="muted">Neither run made a request.</p>;
  return (
    <table class="data" id="request-diff-table">
      <thead>
        <tr>
          <th>Request</th>
          <th>Scenario</th>
          <th class="num">A p95</th>
          <th class="num">B p95</th>
          <th class="num">Δ p95</th>
          <th class="num">Δ %</th>
          <th class="num">A error %</th>
          <th class="num">B error %</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.scenario} ${r.name}`} data-change={r.change}>
            <td>
              {r.name} {r.change !== 'both' ? <span class={`tag tag-${r.change}`}>{r.change}</span> : null}
            </td>
            <td>{r.scenario}</td>
            <td class="num">{formatMs(r.a?.p95Ms)}</td>
            <td class="num">{formatMs(r.b?.p95Ms)}</td>
            <td class={`num meaning-${r.meaning}`}>
              {r.deltaP95Ms === null ? '—' : `${r.deltaP95Ms > 0 ? '+' : ''}${formatMs(r.deltaP95Ms)}`}
            </td>
            <td class={`num meaning-${r.meaning}`}>
              {r.deltaP95Pct === null ? '—' : formatSignedPercent(r.deltaP95Pct)}
            </td>
            <td class="num">{formatErrorPercent(r.a?.errorRate)}</td>
            <td class="num">{formatErrorPercent(r.b?.errorRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Comparison({ a, b }: { readonly a: Side; readonly b: Side }) {
  const [significance, setSignificance] = useState(5);
  const kpis = compareKpis(a.run, b.run, significance);
  const verdict = compareVerdict(kpis);
  const warnings = comparabilityWarnings(a.run, b.run, {
    a: a.summary?.fpt.scenarios,
    b: b.summary?.fpt.scenarios,
  });
  return (
    <>
      <section class={`verdict tone-${verdictTone[verdict.word]}`} aria-label="Comparison verdict">
        <div class="verdict-badge" data-verdict={verdict.word}>
          <span aria-hidden="true">{verdictIcon[verdict.word]}</span> {verdict.word}
        </div>
        <div class="verdict-main">
          <div class="verdict-detail">
            {verdict.drivers.length > 0
              ? verdict.drivers.join(', ')
              : `no key figure moved by ${significance} % or more`}
          </div>
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
          {warnings.map((w) => (
            <div key={w} class="banner warn" data-warning>
              ⚠ {w}
            </div>
          ))}
        </div>
        <div class="verdict-actions">
          <a class="button secondary" href={routeHash({ page: 'compare', a: b.run.id, b: a.run.id })}>
            ⇄ Swap A and B
          </a>
          <label class="small">
            Significance
            <select
              value={String(significance)}
              onChange={(e) => setSignificance(Number((e.target as HTMLSelectElement).value))}
            >
              {significanceLevels.map((level) => (
                <option key={level} value={String(level)}>
                  {level} %
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      <div class="narrow-scroll">
        <table class="data" id="kpi-table">
          <thead>
            <tr>
              <th>Metric</th>
              <th class="num">A</th>
              <th class="num">B</th>
              <th class="num">Δ</th>
              <th class="num">Δ %</th>
              <th>Meaning</th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((row) => (
              <tr key={row.label} data-kpi={row.label}>
                <td>{row.label}</td>
                <td class="num">{row.a}</td>
                <td class="num">{row.b}</td>
                <td class={`num meaning-${row.meaning}`}>{row.deltaText}</td>
                <td class={`num meaning-${row.meaning}`}>{row.deltaPctText}</td>
                <td class={`meaning-${row.meaning}`}>{meaningWords[row.meaning]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Overlays a={a} b={b} />
      <section>
        <h2>Requests</h2>
        <div class="narrow-scroll">
          <RequestDiff a={a} b={b} significance={significance} />
        </div>
      </section>
    </>
  );
}

/** Two runs side by side: what changed, whether it matters, and whether they are comparable at all. */
export function ComparePage({ a, b }: { readonly a: string; readonly b: string }) {
  useDocumentTitle(`Compare ${a} and ${b}`);
  const sides = useLoad(() => Promise.all([loadSide(a), loadSide(b)]), `${a}/${b}`);
  return (
    <main class="page">
      <h1>Compare runs</h1>
      {sides.state === 'loading' ? <Loading what="both runs" /> : null}
      {sides.state === 'error' ? <ErrorBox error={sides.error} retry={sides.retry} /> : null}
      {sides.state === 'ok' ? <Comparison a={sides.data[0]} b={sides.data[1]} /> : null}
    </main>
  );
}
