import { isBrowserOnlyRun } from '@fpt/readable';
import { keyFigures } from '../key-figures.js';
import { latencyByPercentile } from '../latency-by-percentile.js';
import type { SummaryData } from '../summary-data.js';
import { buildChartBlocks, ChartId } from './build-chart-blocks.js';
import { buildWebVitalsChart } from './build-web-vitals-chart.js';
import type { ChartSpec } from './chart-spec.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { customMetricRows } from './custom-metric-rows.js';
import { embeddedSummary } from './embedded-summary.js';
import type { HtmlReportOptions } from './html-report-options.js';
import { html, rawHtml, type SafeHtml } from './html-template.js';
import { renderBaselineSection } from './render-baseline-section.js';
import { renderChartsSection } from './render-charts-section.js';
import { renderChecksSection } from './render-checks-section.js';
import { renderConfigSection } from './render-config-section.js';
import { renderCustomMetricsSection } from './render-custom-metrics-section.js';
import { renderErrorsSection } from './render-errors-section.js';
import { renderFleetSection } from './render-fleet-section.js';
import { renderFooter } from './render-footer.js';
import { renderIterationsSection } from './render-iterations-section.js';
import { renderKeyNumbers } from './render-key-numbers.js';
import { renderLatencySection } from './render-latency-section.js';
import { renderRegionsSection } from './render-regions-section.js';
import { renderRequestsSection } from './render-requests-section.js';
import { renderSection } from './render-section.js';
import { renderThresholdsSection } from './render-thresholds-section.js';
import { renderVerdictBlock } from './render-verdict-block.js';
import { renderWebVitalTiles } from './render-web-vital-tiles.js';
import { renderWebVitalsSection } from './render-web-vitals-section.js';
import { reportClientScript } from './report-client-script.js';
import { reportStyles } from './report-styles.js';
import { reportTotals } from './report-totals.js';
import { reportVerdict } from './report-verdict.js';
import { scriptJson } from './script-json.js';
import { uplotLicense, uplotScript, uplotStyles } from './uplot-assets.js';

/** One block of the page and its entry in the table of contents. */
type ReportSection = [id: string, title: string, body: SafeHtml];

const DEFAULT_MAX_POINTS = 2000;
const DEFAULT_TOP_REQUESTS = 50;

/**
 * The self-contained HTML report of a run: one file with its CSS, scripts (uPlot included) and data
 * inline, which makes no network request, so it opens from disk, an artifact store or an air-gapped
 * machine. Built from the summary JSON alone (`buildSummaryData`, or a file written earlier), and
 * always written: thin data gets an explanation instead of an empty chart.
 */
export function buildHtmlReport(data: SummaryData, options: HtmlReportOptions = {}): string {
  const { fpt } = data;
  const baseline = options.baseline;
  const verdict = reportVerdict(data, baseline);
  const totals = reportTotals(data);
  const maxPoints = Math.max(2, options.maxChartPoints ?? DEFAULT_MAX_POINTS);
  // A browser run that made no HTTP request of its own is judged by its Web Vitals: they lead, and the
  // request sections, which could only say "no requests", give way to one sentence in Key numbers.
  const browserOnly = isBrowserOnlyRun({ requests: totals.requests, webVitals: fpt.webVitals.length });
  const charts = buildChartBlocks({
    series: totals.series,
    durationMs: totals.durationMs,
    thresholds: fpt.thresholds,
    distribution: {
      // A summary an older FPT wrote has no curve: the same computation, from its histogram.
      curve: fpt.latencyByPercentile ?? latencyByPercentile(totals.latency?.sink),
      requests: totals.latency?.count ?? 0,
    },
    ...(baseline?.timeline ? { baselineTimeline: baseline.timeline, baselineLabel: 'baseline' } : {}),
    maxPoints,
    browserOnly,
  });
  const vitalsChart = buildWebVitalsChart(totals.series, maxPoints);
  // Without request charts, iterations over time is the overview (with the zoom tools), not under Iterations.
  const overview = browserOnly ? charts.timeline : charts.timeline.filter((b) => b.id !== ChartId.iterations);
  const iterationsChart = browserOnly ? undefined : charts.timeline.find((b) => b.id === ChartId.iterations);
  const distribution = browserOnly ? undefined : charts.distribution;
  const specs: ChartSpec[] = [
    ...charts.timeline,
    ...(distribution ? [distribution] : []),
    ...(vitalsChart && fpt.webVitals.length > 0 ? [vitalsChart] : []),
  ].flatMap((b) => (b.spec ? [b.spec] : []));
  const pointCount = specs.find((s) => s.xKind === 'elapsed')?.x.length ?? 0;
  const embedded = embeddedSummary(data);
  const fileStem = fileStemOf(fpt.preset.name);
  const customMetrics = customMetricRows(data, verdict.thresholds);

  // A run without Web Vitals, or with a single region, gets no empty section for them.
  const webVitals: ReportSection[] =
    fpt.webVitals.length > 0
      ? [
          [
            'web-vitals',
            'Web Vitals',
            renderWebVitalsSection(fpt.webVitals, renderWebVitalTiles(keyFigures(data)), vitalsChart),
          ],
        ]
      : [];
  const ofRequests: ReportSection[] = browserOnly
    ? []
    : [
        [
          'requests',
          'Requests',
          renderRequestsSection(fpt.requests, totals, options.topRequests ?? DEFAULT_TOP_REQUESTS),
        ],
        [
          'errors',
          'Errors',
          renderErrorsSection(fpt.errors, totals.failed, fpt.startedAt, fpt.unexplainedFailures),
        ],
      ];
  const sections: ReportSection[] = [
    ...(browserOnly ? webVitals : []),
    ['key-numbers', 'Key numbers', renderKeyNumbers(totals, baseline, browserOnly)],
    ['thresholds', 'Thresholds', renderThresholdsSection(verdict)],
    [
      'charts',
      'Over time',
      renderChartsSection(overview, charts.downsampledFrom, pointCount, charts.footnote),
    ],
    distribution
      ? ['latency', 'Latency', renderLatencySection(data, distribution)]
      : ['trend-metrics', 'Trend metrics', renderLatencySection(data, undefined)],
    ...ofRequests,
    ['checks', 'Checks', renderChecksSection(data)],
    ...(customMetrics.length > 0
      ? [
          [
            'custom-metrics',
            'Custom metrics',
            renderCustomMetricsSection(customMetrics),
          ] satisfies ReportSection,
        ]
      : []),
    ...(browserOnly ? [] : webVitals),
    ['iterations', 'Iterations', renderIterationsSection(data, iterationsChart)],
    ...(fpt.fleet || fpt.regions.length > 1
      ? [
          [
            'regions',
            'Regions',
            fpt.fleet ? renderFleetSection(fpt.fleet) : renderRegionsSection(fpt.regions, fpt.region),
          ] satisfies ReportSection,
        ]
      : []),
  ];
  if (baseline) sections.push(['baseline', 'Baseline', renderBaselineSection(baseline)]);
  if (fpt.warnings.length > 0) {
    sections.push([
      'warnings',
      'Warnings',
      renderSection('warnings', 'Warnings', html`<ul>${fpt.warnings.map((w) => html`<li>${w}</li>`)}</ul>`),
    ]);
  }
  sections.push(['config', 'Configuration', renderConfigSection(data, options.generator, embedded.note)]);

  const chartModel = scriptJson({ startedAt: fpt.startedAt, charts: specs });
  const csp = contentSecurityPolicy([uplotScript, reportClientScript]);
  const started = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(fpt.startedAt);
  const title = `${verdict.badge} · ${fpt.preset.name}${started ? ` · ${started[1]} ${started[2]} UTC` : ''} · FPT report`;

  return `<!doctype html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="color-scheme" content="light dark">
${options.generator ? html`<meta name="generator" content="${options.generator}">` : ''}
<title>${title}</title>
<style>${rawHtml(uplotStyles)}</style>
<style>${rawHtml(reportStyles)}</style>
</head>
<body>
<nav class="toc" aria-label="Sections"><span class="toc-title">FPT report</span><a href="#verdict">Verdict</a>${sections.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
<main>
${renderVerdictBlock(data, verdict, totals, baseline, fileStem)}
${sections.map(([, , body]) => html`${body}\n`)}
</main>
${renderFooter(options.generatedAt, options.generator)}
<script type="application/json" id="fpt-summary" data-format="${fpt.format}"${embedded.trimmed ? html` data-trimmed="${embedded.trimmed}"` : ''}>${rawHtml(embedded.json)}</script>
<script type="application/json" id="fpt-charts">${rawHtml(chartModel)}</script>
<!--
${rawHtml(`uPlot: ${uplotLicense.replace(/--/g, '- -').trim()}`)}
-->
<script>${rawHtml(uplotScript)}</script>
<script>${rawHtml(reportClientScript)}</script>
</body>
</html>
`}`;
}

/** A file-name-safe stem from the preset name, for "Save summary JSON". */
function fileStemOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'fpt';
}
