import { WebVitalRating } from './summary-data.js';

/** The Web Vitals in report order: loading, then stability, responsiveness and the server. */
export const webVitalNames = ['lcp', 'fcp', 'cls', 'inp', 'ttfb'] as const;
export type WebVitalName = (typeof webVitalNames)[number];

// Google's published limits (web.dev/vitals): at most the first is good, above the second is poor.
const LIMITS: Readonly<Record<WebVitalName, readonly [good: number, poor: number]>> = {
  lcp: [2500, 4000],
  fcp: [1800, 3000],
  cls: [0.1, 0.25],
  inp: [200, 500],
  ttfb: [800, 1800],
};

export function isWebVitalName(name: string): name is WebVitalName {
  return (webVitalNames as readonly string[]).includes(name);
}

/** Google's rating of one value of a vital (ms, or the CLS score). */
export function webVitalRating(vital: WebVitalName, value: number): WebVitalRating {
  const [good, poor] = LIMITS[vital];
  if (value <= good) return WebVitalRating.good;
  return value > poor ? WebVitalRating.poor : WebVitalRating.needsImprovement;
}

/** The limits a vital is rated against, for a report's legend. */
export function webVitalLimits(vital: WebVitalName): readonly [good: number, poor: number] {
  return LIMITS[vital];
}
