import { MetricStore, type RunSummary } from '@fpt/metrics';
import { type AnsiStyle, ansiStyle } from './ansi-style.js';
import type { BaselineComparison } from './baseline-comparison.js';
import { buildRootGroup } from './build-root-group.js';
import { collectMetricEntries } from './collect-metric-entries.js';
import { CONTENT_INDENT, layoutSummaryLines } from './layout-summary-lines.js';
import { mergeChecksByName } from './merge-checks-by-name.js';
import { renderCheckLine } from './render-check-line.js';
import { renderChecks } from './render-checks.js';
import { renderFailures } from './render-failures.js';
import { renderGroupedCheckLines } from './render-grouped-check-lines.js';
import { renderHeader } from './render-header.js';
import { renderMetricGroups } from './render-metric-groups.js';
import { renderScenarioSection } from './render-scenario-section.js';
import { renderThresholds } from './render-thresholds.js';
import { renderVerdict } from './render-verdict.js';
import { resolveTrendStats } from './resolve-trend-stats.js';
import type { SummaryLine } from './summary-line.js';
import { thresholdSelector } from './threshold-selector.js';

export const SummaryMode = {
  /** k6's default: request phase timings hidden unless a threshold uses them. */
  compact: 'compact',
  /** Every metric, plus one section per scenario. */
  full: 'full',
} as const;
export type SummaryMode = (typeof SummaryMode)[keyof typeof SummaryMode];

export interface TextSummaryOptions {
  /** ANSI colours; pass false for files, pipes and CI logs. */
  readonly color: boolean;
  readonly trendStats?: readonly string[];
  readonly mode?: SummaryMode;
  /** The run against its baseline, when it was judged against one: a regression (exit 90) is the last line. */
  readonly baseline?: BaselineComparison;
}

// The phases add up to http_req_duration (or precede it); k6 keeps them out of the compact view.
const HIDDEN_IN_COMPACT = new Set([
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'group_duration',
]);

/** The end-of-test console summary, laid out like k6's; ends with a newline. */
export function renderTextSummary(summary: RunSummary, options: TextSummaryOptions): string {
  const style = ansiStyle(options.color);
  const mode = options.mode ?? SummaryMode.compact;
  const trendStats = resolveTrendStats(options.trendStats);
  const store = MetricStore.fromSnapshot(summary.metrics);
  const entries = collectMetricEntries(store, summary.thresholds);
  const elapsedMs = summary.durationMs;

  const lines: SummaryLine[] = [...renderHeader(summary)];
  if (summary.thresholds.length > 0) {
    lines.push('', title('THRESHOLDS', style), '', ...renderThresholds(summary.thresholds, store, style));
  }

  lines.push('', title('TOTAL RESULTS', style));
  const checkEntries = entries.filter((entry) => entry.metric === 'checks');
  const wholeChecks = checkEntries.find((entry) => entry.filterText === '')?.sink;
  const namedChecks = mergeChecksByName(summary.checks);
  const totals =
    wholeChecks?.type === 'rate' && !wholeChecks.empty
      ? { passes: wholeChecks.passes, fails: wholeChecks.fails }
      : namedChecks.reduce((sum, c) => ({ passes: sum.passes + c.passes, fails: sum.fails + c.fails }), {
          passes: 0,
          fails: 0,
        });
  if (checkEntries.length > 0 || namedChecks.length > 0) {
    const subEntries = checkEntries.filter((entry) => entry.filterText !== '');
    const rootGroup = buildRootGroup(store, summary.checks);
    const checkLines =
      rootGroup.groups.length > 0
        ? renderGroupedCheckLines(rootGroup, style)
        : namedChecks.flatMap((check) => renderCheckLine(check, style));
    lines.push('', ...renderChecks(totals, checkLines, subEntries, elapsedMs, 'checks'));
  }

  const thresholdMetrics = new Set(summary.thresholds.map((t) => thresholdSelector(t)?.metric));
  const visible = entries.filter(
    (entry) =>
      entry.metric !== 'checks' &&
      (mode === SummaryMode.full ||
        !HIDDEN_IN_COMPACT.has(entry.metric) ||
        thresholdMetrics.has(entry.metric)),
  );
  const groups = renderMetricGroups(visible, { trendStats, elapsedMs, block: 'metrics' });
  if (groups.length > 0) lines.push('', ...groups);
  else if (checkEntries.length === 0 && namedChecks.length === 0) {
    lines.push('', `${CONTENT_INDENT}no metrics were recorded`);
  }

  if (mode === SummaryMode.full) {
    for (const scenario of summary.scenarios) {
      lines.push('', title(`SCENARIO: ${scenario.name}`, style), '');
      lines.push(...renderScenarioSection(scenario, summary, store, trendStats, style));
    }
  }

  const failures = renderFailures(store.failures, summary.startedAt, style);
  if (failures.length > 0) lines.push('', title('FAILURES', style), '', ...failures);

  if (summary.warnings.length > 0) {
    lines.push('', title('WARNINGS', style), '');
    for (const warning of summary.warnings) lines.push(`${CONTENT_INDENT}${style.yellow('!')} ${warning}`);
  }

  lines.push('', `  ${renderVerdict(summary, style, options.baseline)}`);
  return layoutSummaryLines(lines, style).join('\n') + '\n';
}

function title(text: string, style: AnsiStyle): string {
  return `  ${style.bold(`█ ${text}`)}`;
}
