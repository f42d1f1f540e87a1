import type { GateVerdictJson, RunRow } from '@fpt/api-types';
import type { ThresholdDescription } from '@fpt/readable';
import { agentLink } from '../api/agent-api.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { gateRegressions } from '../lib/gate-regressions.js';
import { routeHash } from '../lib/hash-route.js';

/**
 * Why the run failed, in the verdict block: each crossed threshold with its metric, what was observed,
 * the limit and how far past it (the margin), as the HTML report's thresholds table has them.
 */
export function CrossedThresholds({ thresholds }: { readonly thresholds: readonly ThresholdDescription[] }) {
  const crossed = thresholds.filter((t) => t.status === 'failed' || t.status === 'no-data');
  if (crossed.length === 0) return null;
  return (
    <section class="verdict-reasons" aria-label="Crossed thresholds">
      <h3 class="verdict-reasons-title">
        {crossed.length === 1 ? 'The crossed threshold' : `The ${crossed.length} crossed thresholds`}{' '}
        {/* A button, not a #fragment: the hash is the page's route. */}
        <button
          type="button"
          class="link-button small"
          onClick={() => document.getElementById('thresholds')?.scrollIntoView({ behavior: 'smooth' })}
        >
          all thresholds ↓
        </button>
      </h3>
      <div class="table-scroll">
        <table class="data compact cards" id="verdict-thresholds">
          <thead>
            <tr>
              <th>Metric</th>
              <th>Threshold</th>
              <th class="num">Observed</th>
              <th class="num">Limit</th>
              <th class="num">Margin</th>
            </tr>
          </thead>
          <tbody>
            {crossed.map((t) => (
              <tr key={`${t.key} ${t.expression}`} data-metric={t.key} class="failing">
                <td class="mono" data-field="metric" data-label="Metric">
                  {t.key}
                </td>
                <td class="mono" data-label="Threshold">
                  {t.expression}
                  {t.abortOnFail ? <span class="muted small"> abortOnFail</span> : null}
                </td>
                <td class="num" data-field="observed" data-label="Observed">
                  {t.observedText}
                </td>
                <td class="num" data-field="limit" data-label="Limit">
                  {t.limitText}
                </td>
                <td
                  data-label="Margin"
                  class="num meaning-worse"
                  data-field="margin"
                  title="how far past the limit, as a share of it"
                >
                  {t.marginText}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** gate.md beside gate.json: the same verdict as Markdown, as CI appends it to a job summary. */
function gateMarkdownLink(gateJson: string): string {
  return gateJson.replace(/gate\.json$/, 'gate.md');
}

/**
 * What regressed against the baseline, in the verdict block: each request (region, metric, Web Vital)
 * that got worse beyond its tolerance, the baseline's and this run's figure and the change, with the
 * gate's own verdict files.
 */
export function GateRegressions({
  run,
  gate,
  error,
}: {
  readonly run: RunRow;
  readonly gate: GateVerdictJson | undefined;
  readonly error: Error | undefined;
}) {
  const gateLink = run.links.gate ?? `/api/runs/${encodeURIComponent(run.id)}/gate.json`;
  const links = (
    <span class="small">
      Gate verdict:{' '}
      <a href={agentLink(gateLink)} target="_blank" rel="noopener" data-link="gate">
        gate.json
      </a>{' '}
      ·{' '}
      <a href={agentLink(gateMarkdownLink(gateLink))} target="_blank" rel="noopener" data-link="gate-md">
        gate.md
      </a>
    </span>
  );
  if (error)
    return (
      <section class="verdict-reasons" aria-label="Regressions against the baseline">
        <p class="small">
          The gate's verdict could not be read ({error.message}). {links}
        </p>
      </section>
    );
  if (!gate) return null;
  const rows = gateRegressions(gate);
  const { baseline, tolerances } = gate;
  return (
    <section class="verdict-reasons" aria-label="Regressions against the baseline" id="verdict-regressions">
      <h3 class="verdict-reasons-title">
        Worse than the baseline
        {baseline.runId ? (
          <>
            {' '}
            (run{' '}
            <a class="mono" href={routeHash({ page: 'run', id: baseline.runId })}>
              {baseline.runId}
            </a>
            )
          </>
        ) : null}
      </h3>
      <p class="small muted">
        Tolerances: p95 +{tolerances.p95IncreasePct} % (changes under {tolerances.minAbsoluteMs} ms never
        count), error rate +{tolerances.errorRateIncreasePts} pp. Baseline saved{' '}
        <span title={formatUtcTime(Date.parse(baseline.createdAt))}>
          {formatLocalTime(Date.parse(baseline.createdAt))}
        </span>
        . {links}
      </p>
      {rows.length === 0 ? (
        <p class="small">The gate names no row; see its verdict.</p>
      ) : (
        <div class="table-scroll">
          <table class="data compact cards" id="regressions-table">
            <thead>
              <tr>
                <th>What</th>
                <th class="num">Change</th>
                <th class="num">Baseline → this run</th>
                <th>Why it counts</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.scope} ${r.name} ${r.baseline}`} data-regression={r.name} class="failing">
                  <td>
                    <span class="muted small">{r.scope}</span> <span data-field="name">{r.name}</span>
                  </td>
                  <td class="num meaning-worse" data-field="delta" data-label="Change">
                    {r.delta}
                  </td>
                  <td class="num" data-label="Baseline → this run">
                    {r.baseline} → {r.current}
                  </td>
                  <td class="small failures" data-label="Why it counts">
                    {r.failures.join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
