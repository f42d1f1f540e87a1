/** Google's rating of a Web Vital (summary.json's `webVitals[].rating`). */
export const WebVitalRating = {
  good: 'good',
  needsImprovement: 'needs-improvement',
  poor: 'poor',
} as const;
export type WebVitalRating = (typeof WebVitalRating)[keyof typeof WebVitalRating];

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

/** Google's rating of one value of a vital (ms, or the CLS score): a p75 as much as a single sample. */
export function webVitalRating(vital: WebVitalName, value: number): WebVitalRating {
  const [good, poor] = LIMITS[vital];
  if (value <= good) return WebVitalRating.good;
  return value > poor ? WebVitalRating.poor : WebVitalRating.needsImprovement;
}

/** The limits a vital is rated against, for a legend. */
export function webVitalLimits(vital: WebVitalName): readonly [good: number, poor: number] {
  return LIMITS[vital];
}

/** How a rating reads: a tone for its colour, an icon and a word, never colour alone. */
export const webVitalRatingLook: Readonly<
  Record<
    WebVitalRating,
    { readonly tone: 'good' | 'warn' | 'bad'; readonly icon: string; readonly word: string }
  >
> = {
  good: { tone: 'good', icon: '✓', word: 'good' },
  'needs-improvement': { tone: 'warn', icon: '▲', word: 'needs improvement' },
  poor: { tone: 'bad', icon: '✗', word: 'poor' },
};
