/**
 * Google's Core Web Vitals bands (web.dev): at or below `good` is good, above `poor` is poor, between
 * needs improvement. They are assessed at the 75th percentile of page loads, which the dashboard uses.
 */
export const webVitals = [
  {
    metric: 'browser_web_vital_lcp',
    short: 'LCP',
    title: 'Largest Contentful Paint',
    good: 2500,
    poor: 4000,
    unit: 'ms',
  },
  {
    metric: 'browser_web_vital_fcp',
    short: 'FCP',
    title: 'First Contentful Paint',
    good: 1800,
    poor: 3000,
    unit: 'ms',
  },
  {
    metric: 'browser_web_vital_ttfb',
    short: 'TTFB',
    title: 'Time to First Byte',
    good: 800,
    poor: 1800,
    unit: 'ms',
  },
  // CLS is a unitless score.
  {
    metric: 'browser_web_vital_cls',
    short: 'CLS',
    title: 'Cumulative Layout Shift',
    good: 0.1,
    poor: 0.25,
    unit: 'none',
  },
  {
    metric: 'browser_web_vital_inp',
    short: 'INP',
    title: 'Interaction to Next Paint',
    good: 200,
    poor: 500,
    unit: 'ms',
  },
] as const;

export type WebVital = (typeof webVitals)[number];

/** The percentile the bands are defined at. */
export const WEB_VITAL_PERCENTILE = 75;
