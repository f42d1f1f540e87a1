import type {
  FptSummaryPart,
  RunRow,
  RunSummaryJson,
  SummaryCheck,
  SummaryMetric,
  SummaryThreshold,
} from '@fpt/api-types';
import {
  describeThreshold,
  formatCount,
  formatMs,
  formatPerSecond,
  formatRoom,
  webVitalRatingLook,
} from '@fpt/readable';
import { type CheckGroup, checkGroups } from '../lib/check-groups.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { formatLocalClock, formatUtcTime } from '../lib/format-time.js';

const NO_METRICS: Readonly<Record<string, SummaryMetric>> = {};

function Ok({ ok, words }: { readonly ok: boolean; readonly words?: readonly [string, string] }) {
  const [good, bad] = words ?? ['passed', 'failed'];
  return ok ? (
    <span class="badge tone-good">
      <span aria-hidden="true">✓</span> {good}
    </span>
  ) : (
    <span class="badge tone-bad">
      <span aria-hidden="true">✗</span> {bad}
    </span>
  );
}

/** Thresholds and their outcomes, crossed ones first: what was observed, the limit and the margin to it. */
export function ThresholdsTable({
  thresholds,
  metrics = NO_METRICS,
  id = 'thresholds-table',
}: {
  readonly thresholds: readonly SummaryThreshold[];
  /** The summary's metrics, which give each value its unit; without them the unit is guessed. */
  readonly metrics?: Readonly<Record<string, SummaryMetric>>;
  readonly id?: string;
}) {
  if (thresholds.length === 0)
    return <p class="muted">No thresholds defined: the run was not judged against any limit.</p>;
  const rows = [...thresholds].sort((a, b) => Number(a.ok) - Number(b.ok));
  // On a phone each threshold is a card: its metric and status on top, each figure labelled below.
  return (
    <table class="data cards threshold-cards" id={id}>
      <thead>
        <tr>
          <th>Status</th>
          <th>Metric</th>
          <th>Expression</th>
          <th class="num">Observed</th>
          <th class="num">Limit</th>
          <th
            class="num"
            title="how far inside (+) or past (−) the limit, in the metric's unit (pp: percentage points)"
          >
            Margin
          </th>
          <th class="num" title="the margin as a share of the limit">
            Margin %
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => {
          const words = describeThreshold(t, metrics);
          const worse = words.margin !== undefined ? words.margin < 0 : (words.room ?? 0) < 0;
          return (
            <tr
              key={`${t.metric} ${t.expression}`}
              class={t.ok ? undefined : 'failing'}
              data-metric={t.metric}
              data-expression={t.expression}
            >
              <td class="card-action">
                <Ok ok={t.ok} />
                {t.noData ? (
                  <span class="muted small"> no data{t.allowNoData ? ' (allowed)' : ''}</span>
                ) : null}
              </td>
              <td class="mono card-head">{t.metric}</td>
              <td class="mono" data-label="Expression">
                {t.expression}
                {t.abortOnFail ? <span class="muted small"> abortOnFail</span> : null}
              </td>
              <td class="num" data-label="Observed" data-field="observed">
                {words.observedText}
              </td>
              <td class="num" data-label="Limit" data-field="limit">
                {words.limitText}
              </td>
              <td class={`num ${worse ? 'meaning-worse' : ''}`} data-label="Margin" data-field="margin">
                {formatRoom(words.room, words.kind)}
              </td>
              <td class={`num ${worse ? 'meaning-worse' : ''}`} data-label="Margin %" data-field="margin-pct">
                {words.marginText}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One row per request name × scenario, busiest first, with the run's totals at the bottom. */
export function RequestsTable({ fpt, run }: { readonly fpt: FptSummaryPart; readonly run: RunRow }) {
  if (fpt.requests.length === 0) return <p class="muted">No requests were made.</p>;
  return (
    <table class="data" id="requests-table">
      <thead>
        <tr>
          <th>Request</th>
          <th>Scenario</th>
          <th>Protocol</th>
          <th class="num">Requests</th>
          <th class="num">Rate</th>
          <th class="num">Failed</th>
          <th class="num">Error %</th>
          <th class="num">p50</th>
          <th class="num">p95</th>
          <th class="num">p99</th>
          <th class="num">max</th>
        </tr>
      </thead>
      <tbody>
        {fpt.requests.map((r) => (
          <tr key={`${r.scenario} ${r.name}`}>
            <td>
              <span class="muted small">{r.methods.join(' ')}</span> {r.name}
            </td>
            <td>{r.scenario}</td>
            <td>{(r.protocols ?? []).join(', ') || '—'}</td>
            <td class="num">{formatCount(r.count)}</td>
            <td class="num">{formatPerSecond(r.ratePerSec)}</td>
            <td class="num">{formatCount(r.failed)}</td>
            <td class="num">{formatErrorPercent(r.errorRate)}</td>
            <td class="num">{formatMs(r.p50Ms)}</td>
            <td class="num">{formatMs(r.p95Ms)}</td>
            <td class="num">{formatMs(r.p99Ms)}</td>
            <td class="num">{formatMs(r.maxMs)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>All requests</th>
          <th />
          <th />
          <th class="num">{formatCount(run.requests)}</th>
          <th class="num">{formatPerSecond(run.requestRate)}</th>
          <th class="num">
            {run.requests !== null && run.errorRate !== null
              ? formatCount(run.requests * run.errorRate)
              : '—'}
          </th>
          <th class="num">{formatErrorPercent(run.errorRate)}</th>
          <th class="num">{formatMs(run.p50Ms)}</th>
          <th class="num">{formatMs(run.p95Ms)}</th>
          <th class="num">{formatMs(run.p99Ms)}</th>
          <th />
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * One row per check × request × scenario, most failures first; in a run with groups, under a heading per
 * group (`checkout › pay`) that says how long the group took.
 */
export function ChecksTable({ summary }: { readonly summary: RunSummaryJson }) {
  const { fpt } = summary;
  const groups = checkGroups(summary);
  if (fpt.checks.length === 0 && groups.length === 0) return <p class="muted">The preset has no checks.</p>;
  const head = (
    <thead>
      <tr>
        <th>Status</th>
        <th>Check</th>
        <th>Request</th>
        <th>Scenario</th>
        <th class="num">Passed</th>
        <th class="num">Failed</th>
      </tr>
    </thead>
  );
  if (groups.length === 0) {
    return (
      <table class="data" id="checks-table">
        {head}
        <tbody>{mostFailuresFirst(fpt.checks).map(CheckRow)}</tbody>
      </table>
    );
  }
  return (
    <table class="data grouped" id="checks-table">
      {head}
      {groups.map((g) => (
        <tbody key={g.path} data-group={g.path}>
          <tr class="group-head">
            <th colSpan={6} scope="rowgroup" style={{ '--depth': g.depth }}>
              <span class="group-name">{g.label}</span>{' '}
              {durationText(g) ? <span class="group-duration muted small">{durationText(g)}</span> : null}
            </th>
          </tr>
          {g.checks.length === 0 ? (
            <tr>
              <td colSpan={6} class="muted">
                no checks in this group
              </td>
            </tr>
          ) : (
            mostFailuresFirst(g.checks).map(CheckRow)
          )}
        </tbody>
      ))}
    </table>
  );
}

/** "group duration p95 22 ms · avg 11 ms", or empty when the summary has neither figure. */
function durationText(group: CheckGroup): string {
  const parts = [
    group.p95Ms === undefined ? '' : `p95 ${formatMs(group.p95Ms)}`,
    group.avgMs === undefined ? '' : `avg ${formatMs(group.avgMs)}`,
  ].filter((part) => part !== '');
  return parts.length === 0 ? '' : `group duration ${parts.join(' · ')}`;
}

function mostFailuresFirst(checks: readonly SummaryCheck[]): SummaryCheck[] {
  return [...checks].sort((a, b) => b.fails - a.fails);
}

function CheckRow(c: SummaryCheck) {
  return (
    <tr key={`${c.scenario} ${c.request} ${c.name}`}>
      <td>
        <Ok ok={c.fails === 0} />
      </td>
      <td>{c.name}</td>
      <td>{c.request}</td>
      <td>{c.scenario}</td>
      <td class="num">{formatCount(c.passes)}</td>
      <td class="num">{formatCount(c.fails)}</td>
    </tr>
  );
}

export function ErrorsTable({ fpt }: { readonly fpt: FptSummaryPart }) {
  if (fpt.errors.length === 0) return <p class="muted">No request failed.</p>;
  return (
    <>
      <div class="table-scroll">
        <table class="data" id="errors-table">
          <thead>
            <tr>
              <th>Request</th>
              <th>Method</th>
              <th>Status</th>
              <th>Error code</th>
              <th>Why</th>
              <th class="num">Count</th>
            </tr>
          </thead>
          <tbody>
            {fpt.errors.slice(0, 20).map((e) => (
              <tr key={`${e.scenario} ${e.name} ${e.method} ${e.status} ${e.errorCode}`}>
                <td>{e.name}</td>
                <td>{e.method}</td>
                <td>{e.status === '0' ? 'no response' : e.status}</td>
                <td>{e.errorCode || '—'}</td>
                <td class="reason">
                  {(e.reasons ?? []).slice(0, 3).map((reason) => (
                    <div key={reason.message}>
                      {reason.message}
                      {(e.reasons?.length ?? 0) > 1 ? ` ×${formatCount(reason.count)}` : ''}{' '}
                      <span class="muted" title={`first seen ${formatUtcTime(Date.parse(reason.firstSeen))}`}>
                        (first {formatLocalClock(Date.parse(reason.firstSeen))})
                      </span>
                    </div>
                  ))}
                  {(e.reasons?.length ?? 0) === 0 ? '—' : null}
                </td>
                <td class="num">{formatCount(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fpt.unexplainedFailures ? (
        <p class="muted">
          {formatCount(fpt.unexplainedFailures)} failures are counted without their reason (more distinct
          reasons than FPT keeps).
        </p>
      ) : null}
    </>
  );
}

export function IterationsTable({ fpt }: { readonly fpt: FptSummaryPart }) {
  return (
    <table class="data" id="iterations-table">
      <thead>
        <tr>
          <th>Scenario</th>
          <th>Executor</th>
          <th class="num">Completed</th>
          <th class="num">Interrupted</th>
          <th class="num">Dropped</th>
          <th class="num">avg</th>
          <th class="num">p95</th>
          <th class="num">max</th>
        </tr>
      </thead>
      <tbody>
        {fpt.scenarios.map((s) => {
          const d = fpt.iterationDurations.find((i) => i.scenario === s.name);
          return (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td>{s.executor}</td>
              <td class="num">{formatCount(s.completedIterations)}</td>
              <td class="num">{formatCount(s.interruptedIterations)}</td>
              <td class="num">
                {s.droppedIterations > 0 ? <strong>{formatCount(s.droppedIterations)}</strong> : '0'}
              </td>
              <td class="num">{formatMs(d?.avgMs)}</td>
              <td class="num">{formatMs(d?.p95Ms)}</td>
              <td class="num">{formatMs(d?.maxMs)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Per page × vital: p75 and its rating, as the HTML report's Web Vitals table lists them. */
export function WebVitalsTable({ fpt }: { readonly fpt: FptSummaryPart }) {
  return (
    <table class="data" id="web-vitals-table">
      <thead>
        <tr>
          <th>Page</th>
          <th>Vital</th>
          <th class="num">p75</th>
          <th>Rating</th>
          <th class="num">Samples</th>
          <th class="num">Not observed</th>
        </tr>
      </thead>
      <tbody>
        {fpt.webVitals.map((v) => (
          <tr
            key={`${v.page} ${v.vital}`}
            data-vital={v.vital}
            class={v.rating === 'poor' ? 'failing' : undefined}
          >
            <td>{v.page}</td>
            <td>{v.vital.toUpperCase()}</td>
            <td class="num">
              {v.p75 === null ? 'not observed' : v.vital === 'cls' ? v.p75.toFixed(3) : formatMs(v.p75)}
            </td>
            <td>
              {v.rating ? (
                <span class={`badge tone-${webVitalRatingLook[v.rating].tone}`} data-rating={v.rating}>
                  {webVitalRatingLook[v.rating].icon} {webVitalRatingLook[v.rating].word}
                </span>
              ) : (
                '—'
              )}
            </td>
            <td class="num">{formatCount(v.count)}</td>
            <td class="num">{formatCount(v.notObserved)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
