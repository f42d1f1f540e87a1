import type { RunRow } from '@fpt/api-types';
import { formatCount, formatMs } from '@fpt/readable';
import { useMemo, useState } from 'preact/hooks';
import { agentApi, agentLink } from '../api/agent-api.js';
import { BaselineVerdictBadge } from '../components/baseline-action.js';
import { seriesColor } from '../components/colors.js';
import { Empty, ErrorBox, Loading } from '../components/states.js';
import { StatusBadge } from '../components/status-badge.js';
import { TimeChart } from '../components/time-chart.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useLoad } from '../hooks/use-load.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { type HistoryFilters, routeHash } from '../lib/hash-route.js';
import { buildHistoryTrend } from '../lib/history-trend.js';
import { runStatuses } from '../lib/run-statuses.js';
import { HISTORY_PAGE_SIZE } from '../lib/runs-query.js';
import { webVitalFigures } from '../lib/web-vital-figures.js';

function go(filters: HistoryFilters, before?: number) {
  location.hash = routeHash(
    before === undefined ? { page: 'history', filters } : { page: 'history', filters, before },
  );
}

function TextFilter(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        placeholder="any"
        size={12}
      />
    </label>
  );
}

function FilterBar({ filters }: { readonly filters: HistoryFilters }) {
  const [preset, setPreset] = useState(filters.preset ?? '');
  const [region, setRegion] = useState(filters.region ?? '');
  const apply = (event: Event) => {
    event.preventDefault();
    go({ ...filters, preset: preset.trim() || undefined, region: region.trim() || undefined });
  };
  return (
    <form class="filters" onSubmit={apply} aria-label="Filters">
      <TextFilter name="preset" label="Preset" value={preset} onInput={setPreset} />
      <label>
        Status
        <select
          name="status"
          value={filters.status ?? ''}
          onChange={(e) => {
            const value = (e.target as HTMLSelectElement).value;
            go({ ...filters, status: value === '' ? undefined : (value as HistoryFilters['status']) });
          }}
        >
          <option value="">any</option>
          {runStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <TextFilter name="region" label="Region" value={region} onInput={setRegion} />
      <button type="submit">Apply</button>
    </form>
  );
}

function vitals(run: RunRow): string {
  return webVitalFigures(run)
    .map((vital) => `${vital.short} ${vital.value}`)
    .join(' · ');
}

function RunsTable({
  runs,
  selected,
  toggle,
}: {
  readonly runs: readonly RunRow[];
  readonly selected: readonly string[];
  readonly toggle: (id: string) => void;
}) {
  const anyVitals = runs.some((r) => webVitalFigures(r).length > 0);
  return (
    <table class="data" id="runs-table">
      <thead>
        <tr>
          <th>
            <span class="sr-only">Compare</span>
          </th>
          <th>Status</th>
          <th>Run</th>
          <th>Started</th>
          <th class="num">Duration</th>
          <th class="num">Requests</th>
          <th class="num">Error %</th>
          <th class="num">p50</th>
          <th class="num">p95</th>
          <th class="num">p99</th>
          {anyVitals ? <th>Web Vitals (p75)</th> : null}
          <th class="num">Checks</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-run={run.id}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${run.id} to compare`}
                checked={selected.includes(run.id)}
                disabled={!selected.includes(run.id) && selected.length >= 2}
                onChange={() => toggle(run.id)}
              />
            </td>
            <td>
              <StatusBadge run={run} />
              <BaselineVerdictBadge run={run} />
            </td>
            <td>
              <a
                href={routeHash({ page: run.status === 'running' ? 'live' : 'run', id: run.id })}
                class="mono small"
              >
                {run.id}
              </a>
              <div class="muted small">
                {run.preset} · {run.region}
              </div>
            </td>
            <td title={formatUtcTime(run.startedAt)}>{formatLocalTime(run.startedAt)}</td>
            <td class="num">{run.status === 'running' ? 'running' : formatDuration(run.durationMs)}</td>
            <td class="num">{formatCount(run.requests)}</td>
            <td class="num">{formatErrorPercent(run.errorRate)}</td>
            <td class="num">{formatMs(run.p50Ms)}</td>
            <td class="num">{formatMs(run.p95Ms)}</td>
            <td class="num">{formatMs(run.p99Ms)}</td>
            {anyVitals ? <td class="small">{vitals(run) || '—'}</td> : null}
            <td class="num">
              {run.checksPassed === null || run.checksFailed === null
                ? '—'
                : `${formatCount(run.checksPassed)} / ${formatCount(run.checksPassed + run.checksFailed)}`}
            </td>
            <td class="small">
              <a href={agentLink(run.links.report)} target="_blank" rel="noopener" data-link="report">
                report
              </a>{' '}
              <a href={agentLink(run.links.summary)} target="_blank" rel="noopener" data-link="summary">
                JSON
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Past runs, newest first, a page at a time, filtered in the URL; pick two to compare. */
export function HistoryPage({
  filters,
  before,
}: {
  readonly filters: HistoryFilters;
  readonly before: number | undefined;
}) {
  useDocumentTitle(filters.preset ? `History of ${filters.preset}` : 'History');
  const key = routeHash(
    before === undefined ? { page: 'history', filters } : { page: 'history', filters, before },
  );
  const page = useLoad(() => agentApi.runs(filters, before), key);
  const [selected, setSelected] = useState<string[]>([]);
  const runs = page.state === 'ok' ? page.data.runs : [];
  const trend = useMemo(() => buildHistoryTrend(runs), [runs]);
  const filtered = Boolean(filters.preset || filters.status || filters.region);
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  const compareHash = () => {
    // The older run is the base (A), the newer one B: "what changed since".
    const [first, second] = selected
      .map((id) => runs.find((r) => r.id === id)!)
      .sort((a, b) => a.startedAt - b.startedAt);
    return routeHash({ page: 'compare', a: first!.id, b: second!.id });
  };
  const last = runs.at(-1);
  return (
    <main class="page">
      <h1>History</h1>
      <FilterBar filters={filters} />
      {page.state === 'loading' ? <Loading what="runs" /> : null}
      {page.state === 'error' ? <ErrorBox error={page.error} retry={page.retry} /> : null}
      {page.state === 'ok' && runs.length === 0 && !filtered && before === undefined ? (
        <Empty>
          No runs yet, start one from <a href="#/presets">Presets</a>.
        </Empty>
      ) : null}
      {page.state === 'ok' && runs.length === 0 && (filtered || before !== undefined) ? (
        <Empty>
          No runs match. <a href="#/history">Clear filters</a>
        </Empty>
      ) : null}
      {page.state === 'ok' && runs.length > 0 ? (
        <>
          <TimeChart
            id="chart-history"
            title="p95 per run"
            note="one point per run on this page; error rate on the right"
            syncKey="history"
            xAxis={{
              label: 'run (1 = oldest on this page)',
              incrs: [1, 2, 5, 10, 25],
              pad: 0.5,
              tick: (n) => `#${n}`,
              legend: (n) => {
                const startedAt = trend.startedAt[n - 1];
                return startedAt === undefined ? '—' : `#${n}, ${formatLocalTime(startedAt)}`;
              },
            }}
            x={trend.x}
            yLabel="p95 (ms)"
            rightLabel="errors (%)"
            emptyReason={
              trend.x.length === 0
                ? 'No run on this page has figures (they were all errors or are still running).'
                : undefined
            }
            lines={[
              { label: 'p95', color: seriesColor.p95, values: trend.p95Ms, dots: true, unit: 'ms' },
              {
                label: 'error %',
                color: seriesColor.errors,
                values: trend.errorPct,
                dots: true,
                unit: 'percent',
                right: true,
              },
            ]}
            onPointClick={(i) => {
              const id = trend.ids[i];
              if (id) location.hash = routeHash({ page: 'run', id });
            }}
          />
          <div class="table-toolbar">
            <span>
              {runs.length} of {formatCount(page.data.total)} run{page.data.total === 1 ? '' : 's'}
              {before === undefined ? ', newest first' : `, started before ${formatLocalTime(before)}`}
            </span>
            {selected.length === 2 ? (
              <a class="button" href={compareHash()} id="compare-selected">
                Compare the 2 selected
              </a>
            ) : (
              <span class="muted small">Tick two runs to compare them.</span>
            )}
          </div>
          <div class="narrow-scroll">
            <RunsTable runs={runs} selected={selected} toggle={toggle} />
          </div>
          <div class="pager">
            {before !== undefined ? (
              <button type="button" class="secondary" onClick={() => go(filters)}>
                ← Newest
              </button>
            ) : null}
            {last && runs.length === HISTORY_PAGE_SIZE ? (
              <button type="button" class="secondary" onClick={() => go(filters, last.startedAt)}>
                Older →
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </main>
  );
}
