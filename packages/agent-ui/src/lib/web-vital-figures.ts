import type { KeyFigures } from '@fpt/api-types';
import { formatMs, type WebVitalRating, webVitalRating } from '@fpt/readable';

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
 * Whether the run's Web Vitals lead its page, as they lead the HTML report: a browser run that sent no
 * HTTP requests of its own is judged on them, before request figures it has none of.
 */
export function webVitalsLead(run: KeyFigures): boolean {
  return webVitalFigures(run).length > 0 && (run.requests ?? 0) === 0;
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
