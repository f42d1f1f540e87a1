import { isValidMetricName } from './is-valid-metric-name.js';
import { MetricSelectorError } from './metric-selector-error.js';
import type { Tags } from './tag-set-registry.js';

export interface MetricSelector {
  readonly metric: string;
  /** Tags a series must all have, with equal values, to count (empty: the whole metric). */
  readonly filter: Tags;
  /** The name k6 shows for it: the metric, plus `{` + the trimmed filter text + `}` for a sub-metric. */
  readonly key: string;
}

const SHAPE_HINT =
  'write it as metric or metric{tag:value,tag2:value2}, for example http_req_duration{name:login}';

/**
 * Parses a threshold key: a metric name, optionally followed by a k6 sub-metric filter. Stricter than
 * k6 in two places that are always mistakes: an entry without `:` (k6 reads it as an empty value) and
 * a repeated tag key (k6 keeps the last) are errors here.
 */
export function parseMetricSelector(key: string): MetricSelector {
  const text = String(key).trim();
  const open = text.indexOf('{');
  if (open === -1) {
    if (text.includes('}')) throw new MetricSelectorError(key, 'there is a } without a {', SHAPE_HINT);
    requireName(key, text);
    return { metric: text, filter: {}, key: text };
  }
  if (!text.endsWith('}')) {
    throw new MetricSelectorError(key, 'the tag filter must end with } as the last character', SHAPE_HINT);
  }
  const metric = text.slice(0, open).trim();
  requireName(key, metric);
  const body = text.slice(open + 1, -1);
  if (body.includes('{') || body.includes('}')) {
    throw new MetricSelectorError(key, 'braces are unbalanced or nested', SHAPE_HINT);
  }
  const filter: Record<string, string> = {};
  let pairs = 0;
  for (const entry of body.split(',')) {
    // k6 skips empty entries, so a trailing comma is harmless.
    if (entry.trim() === '') continue;
    const colon = entry.indexOf(':');
    if (colon === -1) {
      throw new MetricSelectorError(
        key,
        `tag filter entry ${JSON.stringify(entry.trim())} has no ':'`,
        `write each entry as tag:value, for example ${metric}{${unquote(entry) || 'name'}:value}`,
      );
    }
    const tag = unquote(entry.slice(0, colon));
    const value = unquote(entry.slice(colon + 1));
    if (tag === '') {
      throw new MetricSelectorError(
        key,
        `tag filter entry ${JSON.stringify(entry.trim())} has no tag name`,
        SHAPE_HINT,
      );
    }
    if (Object.hasOwn(filter, tag)) {
      throw new MetricSelectorError(
        key,
        `tag ${JSON.stringify(tag)} appears twice`,
        'a series has one value per tag, so give each tag once; to cover two values write two thresholds',
      );
    }
    Object.defineProperty(filter, tag, { value, enumerable: true, writable: true, configurable: true });
    pairs++;
  }
  if (pairs === 0) {
    throw new MetricSelectorError(
      key,
      'the tag filter is empty',
      `remove the braces to select the whole metric (${metric}), or add tag:value pairs`,
    );
  }
  return { metric, filter, key: `${metric}{${body.trim()}}` };
}

function requireName(key: string, name: string): void {
  if (isValidMetricName(name)) return;
  const problem =
    name === '' ? 'the metric name is missing' : `${JSON.stringify(name)} is not a valid metric name`;
  throw new MetricSelectorError(
    key,
    problem,
    'metric names are 1 to 128 ASCII letters, digits or underscores, starting with a letter or underscore; ' +
      SHAPE_HINT,
  );
}

/** Trims surrounding whitespace, then surrounding quote characters, like k6 (quotes are not paired). */
function unquote(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, '');
}
