import type { FleetRun } from '@fpt/fleet';
import { verdictOfStatus, verdictWords } from '@fpt/readable';

/** The regions side by side under the merged summary, and the fleet verdict in one line. */
export function renderFleetTable(run: FleetRun): string {
  const ms = (value: number | null | undefined) => (value == null ? '–' : `${value.toFixed(1)}ms`);
  const rows = run.regions.map((region) => {
    const f = region.figures;
    return [
      region.region,
      region.status,
      f?.requests == null ? '–' : String(f.requests),
      f?.requestRate == null ? '–' : `${f.requestRate.toFixed(1)}/s`,
      f?.errorRate == null ? '–' : `${(f.errorRate * 100).toFixed(2)}%`,
      ms(f?.p50Ms),
      ms(f?.p95Ms),
      ms(f?.p99Ms),
      region.agents
        .map((a) => `${a.agentId ?? a.peer} ${a.segment.index + 1}/${a.segment.count} ${a.state}`)
        .join(', '),
    ];
  });
  const header = ['region', 'status', 'requests', 'rate', 'errors', 'p50', 'p95', 'p99', 'agents'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`;
  const missing = run.regions.filter((region) => region.status === 'missing');
  return [
    '',
    `  fleet run ${run.id}`,
    line(header),
    ...rows.map(line),
    ...missing.map((region) => `  ✗ ${region.region} missing: ${region.reason ?? 'no reason given'}`),
    ...run.warnings.map((warning) => `  WARN ${warning}`),
    '',
    `  ${verdictLine(run)} (exit code ${run.exitCode ?? '–'})${run.reason ? `: ${run.reason}` : ''}`,
    '',
  ].join('\n');
}

/** "✓ PASSED", "◐ INCOMPLETE": the badge the HTML report and the web UI show for the same fleet run. */
function verdictLine(run: FleetRun): string {
  const verdict = verdictOfStatus(run.status, run.thresholds.length > 0);
  if (verdict === undefined) return run.status.toUpperCase();
  const { icon, badge } = verdictWords[verdict];
  return `${icon} ${badge}`;
}
