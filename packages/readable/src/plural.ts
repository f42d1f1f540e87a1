import { formatCount } from './format-count.js';

/** "1 threshold", "3 thresholds", "1,200 VUs": a count and its noun, as English reads it. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
