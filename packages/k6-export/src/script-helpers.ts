import { type K6Import, k6Imports } from './k6-import.js';

/**
 * Functions (and one type) a generated script may need, written once here as k6 JavaScript with JSDoc
 * types so that `tsc --checkJs` against @types/k6 can check them. A script carries only those it uses.
 */
export interface ScriptHelper {
  readonly source: string;
  /** Helpers this one calls (names in scriptHelpers). */
  readonly needs?: readonly string[];
  readonly imports?: readonly K6Import[];
}

export const scriptHelpers = {
  Vars: {
    source: `/** Variables of one iteration, read by the preset's {{name}} placeholders. @typedef {Record<string, string>} Vars */`,
  },
  requestMetrics: {
    source: `/**
 * FPT's per-request figures as k6 custom metrics: k6's http_reqs, http_req_failed and http_req_duration
 * with the request name appended, so a request's count, failed share and response time show in the summary.
 * @param {string} name
 */
function requestMetrics(name) {
  return {
    reqs: new Counter(\`http_reqs_\${name}\`),
    failed: new Rate(\`http_req_failed_\${name}\`),
    duration: new Trend(\`http_req_duration_\${name}\`, true),
  };
}`,
    imports: [
      { module: 'k6/metrics', name: 'Counter' },
      { module: 'k6/metrics', name: 'Rate' },
      { module: 'k6/metrics', name: 'Trend' },
    ],
  },
  recordRequest: {
    source: `/**
 * Adds one response to its request's metrics. \`expected\` lists the statuses that count as success, as
 * inclusive ranges (k6's default is 200-399); a response that never came (status 0) is a failure.
 * @param {ReturnType<typeof requestMetrics>} metrics
 * @param {import('k6/http').Response} res
 * @param {Array<[number, number]>} expected
 */
function recordRequest(metrics, res, expected) {
  metrics.reqs.add(1);
  metrics.failed.add(!expected.some(([low, high]) => res.status >= low && res.status <= high));
  metrics.duration.add(res.timings.duration);
}`,
    needs: ['requestMetrics'],
  },
  NOT_FOUND: {
    source: `/** What valueAt returns where the document has nothing (a JSON null is something). */
const NOT_FOUND = Symbol('not found');`,
  },
  jsonBody: {
    source: `/**
 * The response body as JSON, or NOT_FOUND when it is not JSON: a malformed body fails checks, never throws.
 * @param {import('k6/http').Response} res
 * @returns {unknown}
 */
function jsonBody(res) {
  if (typeof res.body !== 'string') return NOT_FOUND;
  try {
    return JSON.parse(res.body);
  } catch {
    return NOT_FOUND;
  }
}`,
    needs: ['NOT_FOUND'],
  },
  valueAt: {
    source: `/**
 * Follows a JSON path, given as its keys and array indexes, the way FPT reads \`$.items[0].id\`: only a
 * document's own keys, and indexes only inside arrays.
 * @param {unknown} document
 * @param {Array<string | number>} path
 * @returns {unknown}
 */
function valueAt(document, path) {
  return path.reduce((/** @type {unknown} */ node, key) => {
    if (node === null || typeof node !== 'object') return NOT_FOUND;
    const found =
      typeof key === 'number'
        ? Array.isArray(node) && key < node.length
        : Object.prototype.hasOwnProperty.call(node, key);
    return found ? /** @type {Record<string | number, unknown>} */ (node)[key] : NOT_FOUND;
  }, document);
}`,
    needs: ['NOT_FOUND'],
  },
  asText: {
    source: `/**
 * A JSON value as FPT compares and captures it: strings as they are, anything else as JSON text.
 * @param {unknown} value
 * @returns {string}
 */
function asText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}`,
  },
  jsonEquals: {
    source: `/**
 * True when a value found in a JSON body equals the expected one, as values or as text (2 equals "2").
 * @param {unknown} value
 * @param {unknown} expected
 */
function jsonEquals(value, expected) {
  return value !== NOT_FOUND && (value === expected || asText(value) === asText(expected));
}`,
    needs: ['NOT_FOUND', 'asText'],
  },
  headerValue: {
    source: `/**
 * A response header, whatever the case of its name.
 * @param {import('k6/http').Response} res
 * @param {string} name
 * @returns {string | undefined}
 */
function headerValue(res, name) {
  const wanted = name.toLowerCase();
  const entry = Object.entries(res.headers).find(([key]) => key.toLowerCase() === wanted);
  return entry?.[1];
}`,
  },
  bodyText: {
    source: `/**
 * The response body as text ('' when there was none).
 * @param {import('k6/http').Response} res
 */
function bodyText(res) {
  return typeof res.body === 'string' ? res.body : '';
}`,
  },
  firstMatch: {
    source: `/**
 * The first group of a regular expression's first match in the text, else the whole match.
 * @param {RegExp} pattern
 * @param {string} text
 */
function firstMatch(pattern, text) {
  const match = pattern.exec(text);
  return match ? (match[1] ?? match[0]) : undefined;
}`,
  },
  capture: {
    source: `/**
 * Keeps a value from a response for the next requests of the iteration. As in FPT, a capture that finds
 * nothing leaves the variable empty and records a failed check named \`capture <name>\`.
 * @param {Vars} vars
 * @param {string} name
 * @param {unknown} value
 * @param {string} request
 */
function capture(vars, name, value, request) {
  if (value === NOT_FOUND || value === undefined || value === null) {
    vars[name] = '';
    check(null, { [\`capture \${name}\`]: () => false }, { name: request });
  } else {
    vars[name] = asText(value);
  }
}`,
    needs: ['Vars', 'NOT_FOUND', 'asText'],
    imports: [k6Imports.check],
  },
  hasNoGraphqlErrors: {
    source: `/**
 * GraphQL answers errors with status 200: a JSON object body whose \`errors\` array is not empty fails.
 * @param {import('k6/http').Response} res
 */
function hasNoGraphqlErrors(res) {
  const document = jsonBody(res);
  if (document === null || typeof document !== 'object') return false;
  const errors = valueAt(document, ['errors']);
  return !(Array.isArray(errors) && errors.length > 0);
}`,
    needs: ['jsonBody', 'valueAt'],
  },
  pickWeighted: {
    source: `/**
 * One choice drawn at random in proportion to its weight (FPT's weighted selection).
 * @template T
 * @param {Array<[number, T]>} choices
 * @returns {T}
 */
function pickWeighted(choices) {
  let point = Math.random() * choices.reduce((sum, [weight]) => sum + weight, 0);
  for (const [weight, choice] of choices) {
    if (point < weight) return choice;
    point -= weight;
  }
  return choices[choices.length - 1][1];
}`,
  },
  uuidv4: {
    source: `/**
 * A random UUID (version 4) for {{$uuid}}.
 * @returns {string}
 */
function uuidv4() {
  const bytes = new Uint8Array(crypto.randomBytes(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}`,
    imports: [{ module: 'k6/crypto', name: 'crypto', isDefault: true }],
  },
  runJourney: {
    source: `/**
 * One browser step: the check it records, the page it runs on, and what it does.
 * @typedef {{ check: string, page: string, run: () => Promise<unknown> }} JourneyStep
 */

/**
 * Runs a journey's steps in order, as FPT does: each step records one \`checks\` sample tagged with its
 * page; the first step that fails saves a screenshot and ends the iteration, since later steps depend on it.
 * @param {import('k6/browser').Page} page
 * @param {JourneyStep[]} steps
 */
async function runJourney(page, steps) {
  for (const [index, step] of steps.entries()) {
    try {
      await step.run();
    } catch {
      check(null, { [step.check]: () => false }, { name: step.page });
      const path = \`screenshots/\${exec.scenario.name}-vu\${__VU}-iter\${__ITER}-step\${index + 1}.png\`;
      await page.screenshot({ path }).catch(() => null);
      return;
    }
    check(null, { [step.check]: () => true }, { name: step.page });
  }
}`,
    imports: [k6Imports.check, k6Imports.exec],
  },
  namePages: {
    source: `/**
 * Gives the browser metrics of each visited page the page's name as \`name\` and \`url\` tags (k6 would tag
 * the full URL), so thresholds such as browser_web_vital_lcp{name:/pages/home} work as in FPT.
 * @param {import('k6/browser').Page} page
 * @param {Array<{ name: string, url: RegExp }>} pages
 */
function namePages(page, pages) {
  page.on('metric', (metric) => {
    for (const { name, url } of pages) metric.tag({ name, matches: [{ url }] });
  });
}`,
  },
} satisfies Record<string, ScriptHelper>;

export type HelperName = keyof typeof scriptHelpers;
