import type { KeyFigures } from '@fpt/api-types';
import { formatMs, isBrowserOnlyRun, type WebVitalRating, webVitalRating } from '@fpt/readable';

export interface WebVitalFigure {
  readonly id: 'lcp' | 'cls' | 'inp';
  /** e.g. "LCP" */
  readonly short: string;
  readonly name: string;
  /** p75, formatted: ms for LCP and INP, a unitless score for CLS. */
  readonly value: string;
  /** web.dev's rating of the p75. */
  readonly rating: WebVitalRating;
}

/**
 * A browser-only run, as the HTML report tells it: its Web Vitals lead the page, and the request tiles,
 * charts and tables, which could only say "no requests", give way to one sentence. The one place the
 * run detail page decides it. `summaryVitals`: the summary's Web Vitals rows (FCP and TTFB included), once
 * loaded, which is what the report counts; the row's LCP/CLS/INP figures until then.
 */
export function isBrowserOnly(run: KeyFigures, summaryVitals?: number): boolean {
  return isBrowserOnlyRun({
    requests: run.requests,
    webVitals: summaryVitals ?? webVitalFigures(run).length,
  });
}

/** A browser run's Web Vitals (p75) that were measured; none for an API-only run. */
export function webVitalFigures(run: KeyFigures): WebVitalFigure[] {
  const figures: WebVitalFigure[] = [];
  if (run.lcpP75Ms !== null)
    figures.push({
      id: 'lcp',
      short: 'LCP',
      name: 'Largest Contentful Paint',
      value: formatMs(run.lcpP75Ms),
      rating: webVitalRating('lcp', run.lcpP75Ms),
    });
  if (run.clsP75 !== null)
    figures.push({
      id: 'cls',
      short: 'CLS',
      name: 'Cumulative Layout Shift',
      value: run.clsP75.toFixed(3),
      rating: webVitalRating('cls', run.clsP75),
    });
  if (run.inpP75Ms !== null)
    figures.push({
      id: 'inp',
      short: 'INP',
      name: 'Interaction to Next Paint',
      value: formatMs(run.inpP75Ms),
      rating: webVitalRating('inp', run.inpP75Ms),
    });
  return figures;
}
