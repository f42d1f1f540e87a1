import type { MetricStore, Tags } from '@fpt/metrics';
import { isWebVitalName, type WebVitalName, webVitalNames, webVitalRating } from '@fpt/readable';
import { compareCodeUnits } from './compare-code-units.js';
import { mergeSeriesBy } from './merge-series-by.js';
import type { WebVitalStats } from './summary-data.js';

const METRIC_PREFIX = 'browser_web_vital_';
const NOT_OBSERVED = 'browser_web_vital_not_observed';
const SEP = '\u0000';

/** The page a browser sample belongs to: the step or page name when there is one, else the URL, as k6 tags it. */
function pageOf(tags: Tags): string {
  return tags.name ?? tags.url ?? '';
}

/**
 * Per page × vital: p75 and its rating, and how many samples the browser rated good, needs improvement
 * or poor (its `rating` tag), plus the loads where the vital was never reported.
 */
export function collectWebVitals(store: MetricStore): WebVitalStats[] {
  const rows = new Map<string, { page: string; vital: WebVitalName } & Mutable>();
  const row = (page: string, vital: WebVitalName) => {
    const key = `${page}${SEP}${vital}`;
    let found = rows.get(key);
    if (found === undefined) {
      found = {
        page,
        vital,
        count: 0,
        p75: null,
        good: 0,
        needsImprovement: 0,
        poor: 0,
        unrated: 0,
        notObserved: 0,
      };
      rows.set(key, found);
    }
    return found;
  };

  for (const vital of webVitalNames) {
    const metric = METRIC_PREFIX + vital;
    for (const [page, sink] of mergeSeriesBy(store, metric, pageOf)) {
      if (sink.type !== 'trend' || sink.count === 0) continue;
      const entry = row(page, vital);
      entry.count = sink.count;
      entry.p75 = sink.percentile(75);
    }
    for (const { tagSet, sink } of store.series(metric)) {
      if (sink.type !== 'trend' || sink.count === 0) continue;
      const entry = row(pageOf(tagSet.tags), vital);
      const rating = tagSet.tags.rating;
      if (rating === 'good') entry.good += sink.count;
      else if (rating === 'needs-improvement') entry.needsImprovement += sink.count;
      else if (rating === 'poor') entry.poor += sink.count;
      else entry.unrated += sink.count;
    }
  }
  for (const { tagSet, sink } of store.series(NOT_OBSERVED)) {
    const vital = vitalOf(tagSet.tags);
    if (vital === undefined || sink.type !== 'counter' || sink.count === 0) continue;
    row(pageOf(tagSet.tags), vital).notObserved += sink.count;
  }

  return [...rows.values()]
    .sort(
      (a, b) =>
        compareCodeUnits(a.page, b.page) || webVitalNames.indexOf(a.vital) - webVitalNames.indexOf(b.vital),
    )
    .map((r) => ({
      page: r.page,
      vital: r.vital,
      metric: METRIC_PREFIX + r.vital,
      count: r.count,
      p75: r.p75,
      rating: r.p75 === null ? null : webVitalRating(r.vital, r.p75),
      ratings: { good: r.good, needsImprovement: r.needsImprovement, poor: r.poor, unrated: r.unrated },
      notObserved: r.notObserved,
    }));
}

interface Mutable {
  count: number;
  p75: number | null;
  good: number;
  needsImprovement: number;
  poor: number;
  unrated: number;
  notObserved: number;
}

/** The vital a not-observed sample is about, from its `vital` or `metric` tag, short or full name. */
function vitalOf(tags: Tags): WebVitalName | undefined {
  const raw = tags.vital ?? tags.metric;
  if (raw === undefined) return undefined;
  const name = raw.startsWith(METRIC_PREFIX) ? raw.slice(METRIC_PREFIX.length) : raw;
  return isWebVitalName(name) ? name : undefined;
}
