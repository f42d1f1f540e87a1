/**
 * One colour per series on every page, as in the HTML report: RPS blue, errors red, VUs grey,
 * p50/p95/p99 green/orange/purple. Each is a CSS variable (styles.css), with a lighter shade in dark
 * mode; charts resolve them when they draw (chart-theme.ts), HTML uses them as they are.
 */
export const seriesColor = {
  requests: 'var(--series-requests)',
  errors: 'var(--series-errors)',
  vus: 'var(--series-vus)',
  p50: 'var(--series-p50)',
  p95: 'var(--series-p95)',
  p99: 'var(--series-p99)',
  limit: 'var(--series-limit)',
  lcp: 'var(--series-lcp)',
  inp: 'var(--series-inp)',
  cls: 'var(--series-cls)',
} as const;

/** For the per-request chart: distinct hues that are not the fixed ones above. */
export const requestPalette = [
  'var(--series-request-1)',
  'var(--series-request-2)',
  'var(--series-request-3)',
  'var(--series-request-4)',
  'var(--series-request-5)',
] as const;
