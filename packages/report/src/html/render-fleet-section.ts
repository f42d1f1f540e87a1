import { formatCount, formatMs, formatPerSecond, formatShare, trimNumber } from '@fpt/readable';
import type { FleetAgentRun, FleetRegion, FleetSummary } from '../fleet-summary.js';
import { html, type SafeHtml } from './html-template.js';
import { renderSection } from './render-section.js';

const dash = html`<span class="muted">–</span>`;

/**
 * A fleet run's regions side by side, each from its own merged data (its agents together), with how each
 * ended and links to every agent's own run. A missing region keeps its row, with the reason.
 */
export function renderFleetSection(fleet: FleetSummary): SafeHtml {
  const rows = fleet.regions.map(regionRow);
  const missing = fleet.missingRegions;
  return renderSection(
    'regions',
    'Regions',
    html`<p class="hint">Fleet run <code>${fleet.id}</code>, coordinated by ${fleet.coordinator}. Each row is one region's own data, its agents merged; the verdict above is evaluated on every region together.${missing.length > 0 ? html` <strong>Missing: ${missing.join(', ')}</strong>.` : ''}</p>
<div class="table-scroll"><table class="data" id="fleet-regions-table"><thead><tr><th>region</th><th>status</th><th class="num">requests</th><th class="num">rate</th><th class="num">error %</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">LCP p75</th><th class="num">CLS p75</th><th class="num">INP p75</th><th class="num">thresholds</th><th>agents' runs</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

function regionRow(region: FleetRegion): SafeHtml {
  const f = region.figures;
  const crossed = region.thresholds.filter((t) => !t.ok).length;
  const status =
    region.status === 'complete'
      ? html`<span class="status good">✓ complete</span>`
      : region.status === 'missing'
        ? html`<span class="status bad">✗ missing</span>${region.reason ? html`<br><span class="muted">${region.reason}</span>` : ''}`
        : html`<span class="status neutral">… ${region.status}</span>`;
  const number = (value: number | null | undefined, format: (n: number) => string) =>
    value === null || value === undefined ? dash : format(value);
  return html`<tr class="${region.status === 'missing' || crossed > 0 ? 'failing' : ''}" data-region="${region.region}"><td class="name">${region.region}</td><td>${status}</td><td class="num">${number(f?.requests, formatCount)}</td><td class="num">${number(f?.requestRate, formatPerSecond)}</td><td class="num">${number(f?.errorRate, formatShare)}</td><td class="num">${number(f?.p50Ms, formatMs)}</td><td class="num">${number(f?.p95Ms, formatMs)}</td><td class="num">${number(f?.p99Ms, formatMs)}</td><td class="num">${number(f?.lcpP75Ms, formatMs)}</td><td class="num">${number(f?.clsP75, trimNumber)}</td><td class="num">${number(f?.inpP75Ms, formatMs)}</td><td class="num">${region.thresholds.length === 0 ? dash : `${crossed} of ${region.thresholds.length} crossed`}</td><td>${region.agents.map(agentLink)}</td></tr>`;
}

function agentLink(agent: FleetAgentRun, position: number): SafeHtml {
  const name = agent.agentId ?? agent.peer;
  const share = agent.segment.count > 1 ? ` (${agent.segment.index + 1}/${agent.segment.count})` : '';
  const label = html`${name}${share}: ${agent.state}`;
  return html`${position > 0 ? html`<br>` : ''}${agent.links ? html`<a href="${agent.links.report}" rel="noreferrer">${label}</a>` : label}${agent.reason && agent.state !== 'passed' ? html` <span class="muted">(${agent.reason})</span>` : ''}`;
}
