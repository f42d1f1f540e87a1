import type { FleetRunRow } from '@fpt/api-types';
import { formatCount, formatMs } from '@fpt/readable';
import { agentLink } from '../api/agent-api.js';
import { fleetRunVerdict } from '../lib/fleet-run-verdict.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatErrorPercent } from '../lib/format-percent.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { routeHash } from '../lib/hash-route.js';
import { ToneBadge } from './tone-badge.js';

/** Whether the coordinator wrote the merged evidence: every fleet run that ended, unless it errored. */
export function hasMergedEvidence(run: FleetRunRow): boolean {
  return run.status !== 'running' && run.status !== 'error';
}

/** Fleet runs this agent coordinated, newest first. */
export function FleetRunsTable({ runs }: { readonly runs: readonly FleetRunRow[] }) {
  return (
    <table class="data" id="fleet-runs-table">
      <thead>
        <tr>
          <th>Status</th>
          <th>Fleet run</th>
          <th>Regions</th>
          <th>Started</th>
          <th class="num">Duration</th>
          <th class="num">Requests</th>
          <th class="num">Error %</th>
          <th class="num">p95</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const verdict = fleetRunVerdict(run);
          return (
            <tr key={run.id} data-fleet-run={run.id}>
              <td>
                <ToneBadge
                  badge={{ icon: verdict.icon, word: verdict.badge, tone: verdict.tone }}
                  detail={verdict.detail}
                  data={{ status: run.status }}
                />
              </td>
              <td>
                <a href={routeHash({ page: 'fleet-run', id: run.id })} class="mono small">
                  {run.id}
                </a>
                <div class="muted small">{run.preset}</div>
              </td>
              <td class="small">
                {run.requestedRegions.map((region, i) => (
                  <span key={region}>
                    {i > 0 ? ', ' : ''}
                    {run.missingRegions.includes(region) ? (
                      <span class="meaning-worse" title="missing: no result from this region">
                        ✗ {region}
                      </span>
                    ) : (
                      region
                    )}
                  </span>
                ))}
              </td>
              <td title={formatUtcTime(run.startedAt)}>{formatLocalTime(run.startedAt)}</td>
              <td class="num">{run.status === 'running' ? 'running' : formatDuration(run.durationMs)}</td>
              <td class="num">{formatCount(run.figures?.requests)}</td>
              <td class="num">{formatErrorPercent(run.figures?.errorRate)}</td>
              <td class="num">{formatMs(run.figures?.p95Ms)}</td>
              <td class="small">
                {hasMergedEvidence(run) ? (
                  <a href={agentLink(run.links.report)} target="_blank" rel="noopener" data-link="report">
                    report
                  </a>
                ) : (
                  <span class="muted">{run.status === 'running' ? 'at the end' : 'none'}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
