import { formatMs, threeSignificant } from './format-latency.js';

/**
 * A threshold's observed value in its metric's unit: a fraction as a percentage for `rate`, ms for
 * time aggregations of a duration or a Web Vital (CLS has no unit), a plain number otherwise.
 */
export function formatObserved(metric: string, expression: string, observed: number | undefined): string {
  if (observed === undefined) return 'no data';
  const aggregation =
    expression
      .trim()
      .split(/[<>=!]/)[0]
      ?.trim() ?? '';
  const base = metric.replace(/\{.*$/, '');
  if (aggregation === 'rate') return `${threeSignificant(observed * 100)} %`;
  const timeMetric =
    /duration|_time|web_vital_(lcp|fcp|inp|ttfb)|^http_req_/.test(base) && base !== 'http_req_failed';
  if (timeMetric && /^(p\(|avg|min|max|med)/.test(aggregation)) return formatMs(observed);
  return String(threeSignificant(observed));
}
