export { assertBaselineForPreset } from './assert-baseline-for-preset.js';
export { BASELINE_FORMAT, BASELINE_VERSION, type Baseline, type BaselineRun } from './baseline.js';
export { type BuiltBaseline, buildBaseline } from './build-baseline.js';
export { compareFigures, type FiguresComparison } from './compare-figures.js';
export { compareWithBaseline } from './compare-with-baseline.js';
export type {
  Figures,
  MetricFigures,
  RegionFigures,
  RequestFigures,
  RunFigures,
} from './figures.js';
export { GateInputError } from './gate-input-error.js';
export {
  Change,
  type ComparedMetric,
  type ComparedRow,
  type ErrorRateJudgement,
  GATE_VERDICT_FORMAT,
  GATE_VERDICT_VERSION,
  GateStatus,
  type GateVerdict,
  type P95Judgement,
  RowScope,
  RowStatus,
} from './gate-verdict.js';
export { parseBaseline } from './parse-baseline.js';
export { renderVerdictJson } from './render-verdict-json.js';
export { renderVerdictJUnit } from './render-verdict-junit.js';
export { renderVerdictMarkdown } from './render-verdict-markdown.js';
export { renderVerdictText } from './render-verdict-text.js';
export { summaryFigures } from './summary-figures.js';
export { toBaselineComparison } from './to-baseline-comparison.js';
export {
  type ResolvedTolerances,
  resolveTolerances,
  type ToleranceSource,
  type Tolerances,
} from './tolerances.js';
