import type { RunSummary } from '@fpt/metrics';
import { formatDurationMs } from './format-duration-ms.js';

/** What ran, where and for how long: right-aligned labels like k6's execution header. */
export function renderHeader(summary: RunSummary): string[] {
  const rows: [string, string][] = [['preset', summary.preset.name]];
  if (summary.region !== undefined) rows.push(['region', summary.region]);
  const tags = Object.entries(summary.tags).map(([name, value]) => `${name}=${value}`);
  if (tags.length > 0) rows.push(['tags', tags.join(', ')]);
  rows.push(['duration', formatDurationMs(summary.durationMs)]);

  const scenarios = summary.scenarios;
  const maxVUs = scenarios.reduce((sum, s) => sum + s.maxVUs, 0);
  rows.push([
    'scenarios',
    scenarios.length === 0
      ? 'none'
      : `${scenarios.length} ${scenarios.length === 1 ? 'scenario' : 'scenarios'}, ${maxVUs} max VUs`,
  ]);

  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.map(([label, value]) => `${label.padStart(width)}: ${value}`);
  const continuation = ' '.repeat(width + 2);
  for (const s of scenarios) {
    const dropped = s.droppedIterations > 0 ? `, ${s.droppedIterations} dropped` : '';
    lines.push(
      `${continuation}* ${s.name} (${s.executor}, ${s.maxVUs} max VUs): ` +
        `${s.completedIterations} completed and ${s.interruptedIterations} interrupted iterations${dropped}`,
    );
  }
  return lines;
}
