import type { BaselineComparison } from '../baseline-comparison.js';

export interface HtmlReportOptions {
  /**
   * OPTIONAL: this run against a stored baseline, as the baseline gate computes it. When present the
   * report adds a baseline line to the verdict, Δ on the tiles, dashed baseline series on the charts
   * and a comparison section; when absent none of that appears.
   */
  readonly baseline?: BaselineComparison;
  /** When the report was written (ISO 8601); the package reads no clock, so the caller passes it. */
  readonly generatedAt?: string;
  /** What wrote it, e.g. "fpt 0.1.0". */
  readonly generator?: string;
  /** Most points per chart series (default 2000); longer timelines keep each bucket's min and max. */
  readonly maxChartPoints?: number;
  /** Request names shown in the main table (default 50); the rest are collapsed and searchable. */
  readonly topRequests?: number;
}
