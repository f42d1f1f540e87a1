import { FPT_SUMMARY_FORMAT, type SummaryData } from './summary-data.js';
import { SummaryInputError } from './summary-input-error.js';

const WRITE_HINT =
  'write the summary with `fpt run <preset> --summary-export summary.json`, then rebuild the report from that file';
const MAX_PROBLEMS = 20;

/**
 * Reads a summary JSON file's text for the report builders, refusing with every problem listed what
 * they could not use. Fields this version added (fpt.requests, errors, regions, iterationDurations,
 * webVitals) may be missing from a file an earlier FPT wrote; the report then says it has no such rows.
 */
export function parseSummaryJson(text: string): SummaryData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SummaryInputError(`not JSON: ${(error as Error).message}`, [], WRITE_HINT, { cause: error });
  }
  if (!isObject(value))
    throw new SummaryInputError('not a summary: the file holds no JSON object', [], WRITE_HINT);
  const fpt = value['fpt'];
  if (!isObject(fpt)) {
    const k6 = isObject(value['metrics']) && isObject(value['root_group']);
    throw new SummaryInputError(
      k6 ? "a k6 summary without FPT's `fpt` field" : 'not an FPT summary: there is no `fpt` field',
      [],
      k6 ? `the report needs FPT's timeline and verdict, which k6 does not write; ${WRITE_HINT}` : WRITE_HINT,
    );
  }
  if (fpt['format'] !== FPT_SUMMARY_FORMAT) {
    const newer = typeof fpt['format'] === 'string' && /^fpt-summary\/\d+$/.test(fpt['format']);
    throw new SummaryInputError(
      `unsupported summary format ${JSON.stringify(fpt['format'])}; this FPT reads ${FPT_SUMMARY_FORMAT}`,
      [],
      newer
        ? 'the file was written by another FPT version: rebuild the report with that version'
        : WRITE_HINT,
    );
  }

  const problems: string[] = [];
  const need = (ok: boolean, where: string, what: string) => {
    if (!ok) problems.push(`${where}: ${what}`);
  };
  need(isObject(value['metrics']), 'metrics', 'expected an object');
  need(
    isObject(value['root_group']) && Array.isArray(value['root_group']['checks']),
    'root_group.checks',
    'expected an array',
  );
  need(
    isObject(value['options']) && Array.isArray(value['options']['summaryTrendStats']),
    'options.summaryTrendStats',
    'expected an array',
  );
  need(
    isObject(value['state']) && isNumber(value['state']['testRunDurationMs']),
    'state.testRunDurationMs',
    'expected a number',
  );
  need(
    isObject(fpt['preset']) && typeof fpt['preset']['name'] === 'string',
    'fpt.preset.name',
    'expected a string',
  );
  need(
    isObject(fpt['preset']) && Array.isArray(fpt['preset']['files']),
    'fpt.preset.files',
    'expected an array',
  );
  need(
    fpt['region'] === null || typeof fpt['region'] === 'string',
    'fpt.region',
    'expected a string or null',
  );
  need(fpt['runId'] === undefined || typeof fpt['runId'] === 'string', 'fpt.runId', 'expected a string');
  const preset = isObject(fpt['preset']) ? fpt['preset'] : {};
  need(
    preset['identity'] === undefined || typeof preset['identity'] === 'string',
    'fpt.preset.identity',
    'expected a string',
  );
  if (preset['baseline'] !== undefined) {
    const tolerances = isObject(preset['baseline']) ? preset['baseline'] : {};
    for (const field of ['p95IncreasePct', 'errorRateIncreasePts', 'minAbsoluteMs']) {
      need(
        isNumber(tolerances[field]) && (tolerances[field] as number) >= 0,
        `fpt.preset.baseline.${field}`,
        'expected a number ≥ 0',
      );
    }
    const vitals = tolerances['webVitalIncreasePct'];
    need(
      vitals === undefined || (isNumber(vitals) && vitals >= 0),
      'fpt.preset.baseline.webVitalIncreasePct',
      'expected a number ≥ 0',
    );
  }
  need(isObject(fpt['tags']), 'fpt.tags', 'expected an object');
  need(typeof fpt['startedAt'] === 'string', 'fpt.startedAt', 'expected an ISO 8601 string');
  need(typeof fpt['endedAt'] === 'string', 'fpt.endedAt', 'expected an ISO 8601 string');
  need(typeof fpt['outcome'] === 'string', 'fpt.outcome', 'expected a string');
  need(isNumber(fpt['exitCode']), 'fpt.exitCode', 'expected a number');
  need(isObject(fpt['histograms']), 'fpt.histograms', 'expected an object');
  need(Array.isArray(fpt['warnings']), 'fpt.warnings', 'expected an array');
  eachItem(fpt, 'scenarios', problems, (item, where) => {
    need(typeof item['name'] === 'string', `${where}.name`, 'expected a string');
    for (const field of ['completedIterations', 'interruptedIterations', 'droppedIterations', 'maxVUs']) {
      need(isNumber(item[field]), `${where}.${field}`, 'expected a number');
    }
  });
  eachItem(fpt, 'checks', problems, (item, where) => {
    need(typeof item['name'] === 'string', `${where}.name`, 'expected a string');
    need(isNumber(item['passes']) && isNumber(item['fails']), `${where}.passes/fails`, 'expected numbers');
  });
  eachItem(fpt, 'thresholds', problems, (item, where) => {
    need(typeof item['metric'] === 'string', `${where}.metric`, 'expected a string');
    need(typeof item['expression'] === 'string', `${where}.expression`, 'expected a string');
    need(typeof item['ok'] === 'boolean', `${where}.ok`, 'expected true or false');
    need(typeof item['noData'] === 'boolean', `${where}.noData`, 'expected true or false');
    need(
      item['observed'] === undefined || isNumber(item['observed']),
      `${where}.observed`,
      'expected a number',
    );
  });
  eachItem(fpt, 'timeline', problems, (item, where) => {
    for (const field of ['tMs', 'vus', 'requests', 'failedRequests', 'iterations', 'droppedIterations']) {
      need(isNumber(item[field]), `${where}.${field}`, 'expected a number');
    }
  });
  // Added after fpt-summary/1 first shipped, so optional here; when present they must be usable.
  const numbers = (item: Record<string, unknown>, where: string, fields: readonly string[]) => {
    for (const field of fields) need(isNumber(item[field]), `${where}.${field}`, 'expected a number');
  };
  const stats = [
    'count',
    'ratePerSec',
    'failed',
    'errorRate',
    'avgMs',
    'p50Ms',
    'p90Ms',
    'p95Ms',
    'p99Ms',
    'maxMs',
  ];
  const optional = (field: string, check: (item: Record<string, unknown>, where: string) => void) => {
    if (fpt[field] !== undefined) eachItem(fpt, field, problems, check);
  };
  optional('requests', (item, where) => {
    need(
      typeof item['name'] === 'string' && typeof item['scenario'] === 'string',
      `${where}.name/scenario`,
      'expected strings',
    );
    need(Array.isArray(item['methods']), `${where}.methods`, 'expected an array');
    numbers(item, where, stats);
  });
  optional('regions', (item, where) => {
    need(typeof item['region'] === 'string', `${where}.region`, 'expected a string');
    numbers(item, where, stats);
  });
  optional('errors', (item, where) => {
    for (const field of ['name', 'scenario', 'method', 'status', 'errorCode']) {
      need(typeof item[field] === 'string', `${where}.${field}`, 'expected a string');
    }
    numbers(item, where, ['count']);
    const reasons = item['reasons'];
    if (reasons === undefined) return;
    need(Array.isArray(reasons), `${where}.reasons`, 'expected an array');
    if (!Array.isArray(reasons)) return;
    reasons.forEach((reason: unknown, index: number) => {
      const at = `${where}.reasons[${index}]`;
      need(isObject(reason), at, 'expected an object');
      if (!isObject(reason)) return;
      need(typeof reason['message'] === 'string', `${at}.message`, 'expected a string');
      need(typeof reason['firstSeen'] === 'string', `${at}.firstSeen`, 'expected a string');
      numbers(reason, at, ['count']);
    });
  });
  optional('iterationDurations', (item, where) => {
    need(typeof item['scenario'] === 'string', `${where}.scenario`, 'expected a string');
    numbers(item, where, ['count', 'avgMs', 'p50Ms', 'p90Ms', 'p95Ms', 'p99Ms', 'maxMs']);
  });
  optional('webVitals', (item, where) => {
    need(
      typeof item['page'] === 'string' && typeof item['vital'] === 'string',
      `${where}.page/vital`,
      'expected strings',
    );
    need(item['p75'] === null || isNumber(item['p75']), `${where}.p75`, 'expected a number or null');
    need(isObject(item['ratings']), `${where}.ratings`, 'expected an object');
    numbers(item, where, ['count', 'notObserved']);
  });
  const curve = fpt['latencyByPercentile'];
  if (curve !== undefined) {
    const nines = isObject(curve) ? curve['nines'] : undefined;
    const ms = isObject(curve) ? curve['ms'] : undefined;
    need(
      Array.isArray(nines) &&
        Array.isArray(ms) &&
        nines.length === ms.length &&
        [...nines, ...ms].every(isNumber),
      'fpt.latencyByPercentile',
      'expected nines and ms, arrays of numbers of one length',
    );
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more`);
    throw new SummaryInputError(
      `the summary is missing what the report needs (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      shown,
      `was the file edited by hand? ${WRITE_HINT}`,
    );
  }
  const data = value as unknown as SummaryData;
  return {
    ...data,
    fpt: {
      ...data.fpt,
      requests: data.fpt.requests ?? [],
      errors: data.fpt.errors ?? [],
      regions: data.fpt.regions ?? [],
      iterationDurations: data.fpt.iterationDurations ?? [],
      webVitals: data.fpt.webVitals ?? [],
    },
  };
}

function eachItem(
  parent: Record<string, unknown>,
  field: string,
  problems: string[],
  check: (item: Record<string, unknown>, where: string) => void,
): void {
  const list = parent[field];
  if (!Array.isArray(list)) {
    problems.push(`fpt.${field}: expected an array`);
    return;
  }
  list.forEach((item, i) => {
    if (isObject(item)) check(item, `fpt.${field}[${i}]`);
    else problems.push(`fpt.${field}[${i}]: expected an object`);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
