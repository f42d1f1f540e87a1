import type { KeyFigures } from '../api/agent-types.js';
import { formatMs } from './format-latency.js';

export interface WebVitalFigure {
  readonly id: 'lcp' | 'cls' | 'inp';
  /** e.g. "LCP" */
  readonly short: string;
  readonly name: string;
  /** p75, formatted: ms for LCP and INP, a unitless score for CLS. */
  readonly value: string;
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
    });
  if (run.clsP75 !== null)
    figures.push({ id: 'cls', short: 'CLS', name: 'Cumulative Layout Shift', value: run.clsP75.toFixed(3) });
  if (run.inpP75Ms !== null)
    figures.push({
      id: 'inp',
      short: 'INP',
      name: 'Interaction to Next Paint',
      value: formatMs(run.inpP75Ms),
    });
  return figures;
}
