import { BASELINE_FORMAT, BASELINE_VERSION, type Baseline } from './baseline.js';
import { GateInputError } from './gate-input-error.js';

const SAVE_HINT =
  'save a baseline with `fpt baseline save <summary.json> -o <file>` from a run written with --summary-export';
const MAX_PROBLEMS = 20;

/**
 * Reads a baseline file's text, refusing with every problem listed what the gate could not use: another
 * kind of file, a version this FPT does not know, or fields missing or of the wrong type.
 */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GateInputError(`not JSON: ${(error as Error).message}`, [], SAVE_HINT, { cause: error });
  }
  if (!isObject(value))
    throw new GateInputError('not a baseline: the file holds no JSON object', [], SAVE_HINT);
  if (value['format'] !== BASELINE_FORMAT) {
    const summary = isObject(value['fpt']) && isObject(value['metrics']);
    throw new GateInputError(
      summary
        ? 'this is a run summary, not a baseline'
        : `not a baseline: "format" is ${JSON.stringify(value['format'])}, expected "${BASELINE_FORMAT}"`,
      [],
      summary ? `turn it into one with \`fpt baseline save <this file> -o <baseline.json>\`` : SAVE_HINT,
    );
  }
  if (value['version'] !== BASELINE_VERSION) {
    const newer = typeof value['version'] === 'number' && value['version'] > BASELINE_VERSION;
    throw new GateInputError(
      `unsupported baseline version ${JSON.stringify(value['version'])}; this FPT reads version ${BASELINE_VERSION}`,
      [],
      newer
        ? 'the baseline was saved by a newer FPT: gate with that version, or save the baseline again'
        : SAVE_HINT,
    );
  }

  const problems: string[] = [];
  const need = (ok: boolean, where: string, what: string) => {
    if (!ok) problems.push(`${where}: ${what}`);
  };
  need(typeof value['createdAt'] === 'string', 'createdAt', 'expected an ISO 8601 string');
  const preset = isObject(value['preset']) ? value['preset'] : {};
  need(typeof preset['name'] === 'string', 'preset.name', 'expected a string');
  need(
    preset['identity'] === null || typeof preset['identity'] === 'string',
    'preset.identity',
    'expected a string or null',
  );
  const run = isObject(value['run']) ? value['run'] : undefined;
  if (run === undefined) problems.push('run: expected an object');
  else {
    need(run['id'] === null || typeof run['id'] === 'string', 'run.id', 'expected a string or null');
    need(typeof run['startedAt'] === 'string', 'run.startedAt', 'expected an ISO 8601 string');
    need(typeof run['endedAt'] === 'string', 'run.endedAt', 'expected an ISO 8601 string');
    need(isNumber(run['durationMs']), 'run.durationMs', 'expected a number');
    need(
      run['region'] === null || typeof run['region'] === 'string',
      'run.region',
      'expected a string or null',
    );
    need(isObject(run['tags']), 'run.tags', 'expected an object');
    need(typeof run['outcome'] === 'string', 'run.outcome', 'expected a string');
    need(isNumber(run['exitCode']), 'run.exitCode', 'expected a number');
  }
  checkFigures(value['overall'], 'overall', problems);
  eachItem(value, 'requests', problems, (item, where) => {
    need(typeof item['name'] === 'string', `${where}.name`, 'expected a string');
    need(typeof item['scenario'] === 'string', `${where}.scenario`, 'expected a string');
    checkFigures(item, where, problems);
  });
  eachItem(value, 'regions', problems, (item, where) => {
    need(typeof item['region'] === 'string', `${where}.region`, 'expected a string');
    checkFigures(item, where, problems);
  });
  if (value['webVitals'] !== undefined) {
    eachItem(value, 'webVitals', problems, (item, where) => {
      need(typeof item['page'] === 'string', `${where}.page`, 'expected a string');
      need(typeof item['vital'] === 'string', `${where}.vital`, 'expected a string');
      need(isNumber(item['count']) && item['count'] >= 0, `${where}.count`, 'expected a number ≥ 0');
      need(isNumber(item['p75']) && item['p75'] >= 0, `${where}.p75`, 'expected a number ≥ 0');
    });
  }
  // Absent in baselines saved before custom metrics were gated: they compare without metric rows.
  if (value['customMetrics'] !== undefined) {
    eachItem(value, 'customMetrics', problems, (item, where) => {
      need(typeof item['metric'] === 'string', `${where}.metric`, 'expected a string');
      const count = item['count'];
      need(
        isNumber(count) && Number.isInteger(count) && count > 0,
        `${where}.count`,
        'expected a whole number > 0',
      );
      for (const field of ['p50Ms', 'p95Ms', 'p99Ms'])
        need(isNumber(item[field]) && item[field] >= 0, `${where}.${field}`, 'expected ms ≥ 0');
    });
  }
  if (value['timeline'] !== undefined) {
    eachItem(value, 'timeline', problems, (item, where) => {
      need(isNumber(item['tMs']) && isNumber(item['requests']), `${where}.tMs/requests`, 'expected numbers');
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more`);
    throw new GateInputError(
      `the baseline is missing what the gate needs (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      shown,
      `was the file edited by hand? ${SAVE_HINT}`,
    );
  }
  return value as unknown as Baseline;
}

function checkFigures(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where}: expected an object`);
    return;
  }
  const count = value['count'];
  if (!(isNumber(count) && Number.isInteger(count) && count >= 0))
    problems.push(`${where}.count: expected a whole number ≥ 0`);
  if (!(isNumber(value['ratePerSec']) && value['ratePerSec'] >= 0))
    problems.push(`${where}.ratePerSec: expected a number ≥ 0`);
  const errorRate = value['errorRate'];
  if (!(errorRate === null || (isNumber(errorRate) && errorRate >= 0 && errorRate <= 1)))
    problems.push(`${where}.errorRate: expected a share from 0 to 1, or null`);
  for (const field of ['p50Ms', 'p95Ms', 'p99Ms']) {
    const ms = value[field];
    if (!(ms === null || (isNumber(ms) && ms >= 0)))
      problems.push(`${where}.${field}: expected ms ≥ 0, or null`);
  }
}

function eachItem(
  parent: Record<string, unknown>,
  field: string,
  problems: string[],
  check: (item: Record<string, unknown>, where: string) => void,
): void {
  const list = parent[field];
  if (!Array.isArray(list)) {
    problems.push(`${field}: expected an array`);
    return;
  }
  list.forEach((item, i) => {
    if (isObject(item)) check(item, `${field}[${i}]`);
    else problems.push(`${field}[${i}]: expected an object`);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
