import {
  builtinMetrics,
  isAggregationSupported,
  type MetricDefinition,
  parseMetricSelector,
  parseThresholdExpression,
  supportedAggregations,
} from '@fpt/metrics';
import { customMetricDefinitions } from '../custom-metric-definitions.js';
import { didYouMean } from '../did-you-mean.js';
import { pageNameOf } from '../page-name.js';
import { groupNames, groupPath, requestLists } from '../request-lists.js';
import type { Preset } from '../schema/preset.js';
import type { SchemaProblem } from '../zod-issues.js';

/**
 * Thresholds are parsed with the k6 grammar, and checked against what this preset can produce:
 * an aggregation that does not fit the metric's type, an unknown metric, or a filter on a request or
 * scenario name that does not exist would otherwise only show up as a failed or silent threshold later.
 */
export function checkThresholds(
  preset: Preset,
  scriptMetrics: readonly MetricDefinition[] = [],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const scenarios = Object.values(preset.scenarios);
  const lists = requestLists(preset);
  const requestNames = new Set(lists.flatMap((list) => list.requests.map((r) => r.name)));
  // Every group and enclosing group a request runs in: ::checkout and ::checkout::pay.
  const groupPaths = new Set(
    lists.flatMap((list) =>
      list.requests.flatMap((r) =>
        groupNames(r).map((_, depth, names) => groupPath(names.slice(0, depth + 1))),
      ),
    ),
  );
  const customMetrics: Record<string, MetricDefinition> = {
    ...Object.fromEntries(scriptMetrics.map((m) => [m.name, m])),
    ...customMetricDefinitions(preset),
  };
  const scenarioNames = new Set(Object.keys(preset.scenarios));
  const pageNames = new Set(
    scenarios.flatMap((s) =>
      (s.browser?.steps ?? []).map(pageNameOf).filter((n): n is string => n !== undefined),
    ),
  );
  // A script's requests are named at run time: their names cannot be checked here.
  const hasScripts = scenarios.some((s) => s.exec !== undefined);
  const hasApi = requestNames.size > 0 || hasScripts;
  const hasBrowser = scenarios.some((s) => s.browser !== undefined);

  for (const [key, expressions] of Object.entries(preset.thresholds ?? {})) {
    const path = ['thresholds', key];
    let metric: MetricDefinition | undefined;
    try {
      const selector = parseMetricSelector(key);
      metric = builtinMetrics[selector.metric] ?? customMetrics[selector.metric];
      if (!metric) {
        problems.push({
          path,
          message: `unknown metric "${selector.metric}"`,
          hint:
            didYouMean(selector.metric, [...Object.keys(builtinMetrics), ...Object.keys(customMetrics)]) ??
            'see docs/metrics.md for the metrics FPT records, or declare your own under metrics:',
          atKey: true,
        });
      } else if (selector.metric.startsWith('http_') && !hasApi) {
        problems.push({ path, message: `no API scenario produces ${selector.metric}`, atKey: true });
      } else if (selector.metric.startsWith('browser_') && !hasBrowser) {
        problems.push({ path, message: `no browser scenario produces ${selector.metric}`, atKey: true });
      }
      for (const [tag, value] of Object.entries(selector.filter)) {
        if (tag === 'url' && !selector.metric.startsWith('browser_')) {
          // k6 tags samples with the URL; FPT never does (a tag per URL would grow without bound), so this
          // filter could never match.
          problems.push({
            path,
            message: `FPT does not tag request samples with url, so a filter on url would get no data`,
            hint: 'filter on the request name instead: name it in the preset (name: ...) and write {name:...}',
            atKey: true,
          });
          continue;
        }
        // Browser metrics are named by page, HTTP ones by request; `checks` may be either.
        const isBrowser = selector.metric.startsWith('browser_');
        let names: ReadonlySet<string> | undefined;
        if (tag === 'scenario') names = scenarioNames;
        else if (tag === 'name') {
          names = isBrowser
            ? pageNames
            : selector.metric === 'checks'
              ? new Set([...requestNames, ...pageNames])
              : requestNames;
        }
        if (tag === 'group') names = groupPaths;
        const what =
          tag === 'scenario' ? 'scenario' : tag === 'group' ? 'group' : isBrowser ? 'page' : 'request';
        if (names && !names.has(value) && !(hasScripts && tag !== 'scenario')) {
          problems.push({
            path,
            message: `no ${what} is named "${value}", so this threshold would get no data`,
            hint:
              didYouMean(value, names) ??
              (tag === 'group'
                ? `groups are written as k6 paths: ${[...names].join(', ') || '(none: give requests a group:)'}`
                : `${what} names: ${[...names].join(', ') || '(none)'}`),
            atKey: true,
          });
        }
      }
    } catch (error) {
      problems.push({ path, message: errorMessage(error), hint: errorHint(error), atKey: true });
    }
    expressions.forEach((entry, index) => {
      const source = typeof entry === 'string' ? entry : entry.threshold;
      const entryPath = typeof entry === 'string' ? [...path, index] : [...path, index, 'threshold'];
      try {
        const expression = parseThresholdExpression(source);
        if (metric) {
          const allowed = supportedAggregations(metric.type);
          if (!isAggregationSupported(expression.aggregation, metric.type)) {
            problems.push({
              path: entryPath,
              message: `${expression.aggregationKey} does not apply to ${metric.name}, a ${metric.type} metric`,
              hint: `use one of: ${allowed.join(', ')}`,
            });
          }
        }
      } catch (error) {
        problems.push({ path: entryPath, message: errorMessage(error), hint: errorHint(error) });
      }
      if (typeof entry !== 'string' && entry.delayAbortEval !== undefined && !entry.abortOnFail) {
        problems.push({
          path: [...path, index, 'delayAbortEval'],
          message: 'delayAbortEval only matters with abortOnFail: true',
          atKey: true,
        });
      }
    });
  }
  return problems;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorHint(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'hint' in error
    ? String((error as { hint: unknown }).hint)
    : undefined;
}
