/** One colour per series on every page, as in the HTML report: RPS blue, errors red, VUs grey, p50/p95/p99 green/orange/purple. */
export const seriesColor = {
  requests: '#2563eb',
  errors: '#dc2626',
  vus: '#6b7280',
  p50: '#16a34a',
  p95: '#ea580c',
  p99: '#9333ea',
  limit: '#b91c1c',
} as const;

/** For the per-request chart: distinct hues that are not the fixed ones above. */
export const requestPalette = ['#0891b2', '#ca8a04', '#db2777', '#4f46e5', '#65a30d'] as const;
