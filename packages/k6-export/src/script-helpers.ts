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
  isExpected: {
    source: `/**
 * Whether a response counts as success (k6's expected_response): its status lies in one of the inclusive
 * ranges (k6's default is 200-399). A response that never came (status 0) never does.
 * @param {import('k6/http').Response} res
 * @param {Array<[number, number]>} expected
 */
function isExpected(res, expected) {
  return expected.some(([low, high]) => res.status >= low && res.status <= high);
}`,
  },
  recordRequest: {
    source: `/**
 * Adds one response to its request's metrics; \`expected\` lists the statuses that count as success.
 * @param {ReturnType<typeof requestMetrics>} metrics
 * @param {import('k6/http').Response} res
 * @param {Array<[number, number]>} expected
 */
function recordRequest(metrics, res, expected) {
  metrics.reqs.add(1);
  metrics.failed.add(!isExpected(res, expected));
  metrics.duration.add(res.timings.duration);
}`,
    needs: ['requestMetrics', 'isExpected'],
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
  addReadValue: {
    source: `/**
 * Adds a value read from a response or a variable to a custom metric, as FPT records it: a number, or text
 * that reads as one; for a rate also true or false, and a number counts as true unless it is 0. Anything
 * else (nothing found, not a number) adds nothing, where k6 would record NaN or throw.
 * @param {import('k6/metrics').Metric} metric
 * @param {unknown} value
 * @param {boolean} isRate
 * @param {Record<string, string>} tags
 */
function addReadValue(metric, value, isRate, tags) {
  if (isRate && (value === true || value === false || value === 'true' || value === 'false')) {
    metric.add(value === true || value === 'true', tags);
    return;
  }
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isFinite(number)) metric.add(isRate ? number !== 0 : number, tags);
}`,
  },
  typedValue: {
    source: `/**
 * A variable written {{= name}} as a whole JSON field: its value as JSON when it reads as JSON (5 stays a
 * number, true a boolean, a captured object an object), as text otherwise, and null when it is unset
 * (empty here: see hasValue).
 * @param {string | undefined} text
 * @returns {unknown}
 */
function typedValue(text) {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}`,
  },
  hasValue: {
    source: `/**
 * Whether a variable is set, for when: { variable }. The script holds an unset variable as '' (captures
 * start empty, and one that finds nothing empties its variable, so that templates render it as FPT does),
 * so an empty variable counts as unset.
 * @param {string | undefined} text
 */
function hasValue(text) {
  return text !== undefined && text !== '';
}`,
  },
  numberOf: {
    source: `/**
 * A variable as a number, for when's equals, above and below: NaN (no test holds) when it is empty or not
 * a number.
 * @param {string | undefined} text
 */
function numberOf(text) {
  return text === undefined || text.trim() === '' ? NaN : Number(text);
}`,
  },
  repeatCount: {
    source: `/**
 * How many times a request repeats, from a variable: a whole number from 0, else 0 (FPT then sends it no
 * time, as it does for a count it cannot read).
 * @param {string | undefined} text
 */
function repeatCount(text) {
  const count = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isSafeInteger(count) && count >= 0 ? count : 0;
}`,
  },
  listOf: {
    source: `/**
 * The list a request repeats over: the variable's JSON array (a captured list), else none, as FPT sends
 * the request no time when the variable holds no list.
 * @param {string | undefined} text
 * @returns {unknown[]}
 */
function listOf(text) {
  if (text === undefined) return [];
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}`,
  },
  setElement: {
    source: `/**
 * Makes one element of a repeat's list readable as {{<as>}} (text as it is, anything else as JSON) and,
 * for an object, each field as {{<as>.<field>}}, as FPT does; fields an earlier element had and this one
 * lacks are emptied.
 * @param {Vars} vars
 * @param {string} as
 * @param {unknown} element
 */
function setElement(vars, as, element) {
  for (const name of Object.keys(vars)) if (name.startsWith(\`\${as}.\`)) vars[name] = '';
  vars[as] = asText(element);
  if (element !== null && typeof element === 'object' && !Array.isArray(element)) {
    for (const [field, value] of Object.entries(element)) vars[\`\${as}.\${field}\`] = asText(value);
  }
}`,
    needs: ['Vars', 'asText'],
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
