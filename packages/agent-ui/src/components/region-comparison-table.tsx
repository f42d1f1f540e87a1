import type { FleetAgentRun } from '@fpt/api-types';
import { agentStateBadge, regionStatusBadge } from '../lib/fleet-badges.js';
import { peerPageUrl } from '../lib/peer-page-url.js';
import type { RegionComparison, RegionComparisonRow, ThresholdTally } from '../lib/region-comparison.js';
import { ToneBadge } from './tone-badge.js';

function Thresholds({ tally }: { readonly tally: ThresholdTally }) {
  return (
    <>
      <span class={tally.ok ? (tally.total === 0 ? 'muted' : '') : 'meaning-worse'}>{tally.words}</span>
      {tally.crossed.length > 0 ? (
        <ul class="plain mono small">
          {tally.crossed.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** One agent's share: its state in words, why, and links to its own run on its own UI. */
function AgentLine({ agent }: { readonly agent: FleetAgentRun }) {
  const running = agent.state === 'starting' || agent.state === 'running';
  return (
    <li data-agent={agent.peer} data-state={agent.state}>
      <ToneBadge badge={agentStateBadge(agent.state)} detail={agent.reason} /> <strong>{agent.peer}</strong>
      {agent.segment.count > 1 ? (
        <span class="muted small">
          {' '}
          share {agent.segment.index + 1}/{agent.segment.count}
        </span>
      ) : null}
      {agent.runId ? (
        <>
          {' · '}
          <a
            href={peerPageUrl(agent.url, { page: running ? 'live' : 'run', id: agent.runId })}
            target="_blank"
            rel="noopener"
            data-link="agent-run"
          >
            its run
          </a>
          {agent.links && !running ? (
            <>
              {' · '}
              <a href={agent.links.report} target="_blank" rel="noopener" data-link="agent-report">
                report
              </a>
            </>
          ) : null}
        </>
      ) : null}
      {agent.reason ? <div class="muted small">{agent.reason}</div> : null}
    </li>
  );
}

function RegionRow({
  row,
  comparison,
}: {
  readonly row: RegionComparisonRow;
  readonly comparison: RegionComparison;
}) {
  return (
    <tr data-region={row.region} data-status={row.status}>
      <th scope="row">{row.region}</th>
      <td>
        <ToneBadge badge={regionStatusBadge(row.status)} detail={row.reason} />
        {row.reason ? <div class="muted small">{row.reason}</div> : null}
      </td>
      {comparison.columns.map((c) => (
        <td key={c.id} class="num" data-column={c.id}>
          {row.highest.includes(c.id) ? (
            <span class="meaning-worse" title="the highest of the regions">
              <span aria-hidden="true">▲</span> {row.cells[c.id]}
            </span>
          ) : (
            row.cells[c.id]
          )}
        </td>
      ))}
      <td data-field="thresholds">
        <Thresholds tally={row.thresholds} />
      </td>
      <td>
        {row.agents.length === 0 ? (
          <span class="muted small">not started yet</span>
        ) : (
          <ul class="plain agents">
            {row.agents.map((agent) => (
              <AgentLine key={agent.peer} agent={agent} />
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/**
 * The regions side by side: each region's own figures (its agents merged), the thresholds that apply to
 * it on its data alone, and every agent's state; the merged fleet at the bottom. The highest latency and
 * error figures are marked, so the region behind a verdict stands out.
 */
export function RegionComparisonTable({
  comparison,
  fleetThresholds,
}: {
  readonly comparison: RegionComparison;
  readonly fleetThresholds: ThresholdTally;
}) {
  return (
    <table class="data" id="fleet-regions-table">
      <thead>
        <tr>
          <th>Region</th>
          <th>Status</th>
          {comparison.columns.map((c) => (
            <th key={c.id} class="num">
              {c.label}
            </th>
          ))}
          <th>Thresholds</th>
          <th>Agents</th>
        </tr>
      </thead>
      <tbody>
        {comparison.rows.map((row) => (
          <RegionRow key={row.region} row={row} comparison={comparison} />
        ))}
      </tbody>
      <tfoot>
        <tr data-region="fleet">
          <th scope="row">Fleet</th>
          <th class="muted small">complete regions merged</th>
          {comparison.columns.map((c) => (
            <th key={c.id} class="num" data-column={c.id}>
              {comparison.fleet[c.id]}
            </th>
          ))}
          <th>
            <Thresholds tally={fleetThresholds} />
          </th>
          <th />
        </tr>
      </tfoot>
    </table>
  );
}
