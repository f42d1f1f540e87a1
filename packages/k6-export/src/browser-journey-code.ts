import {
  type BrowserSpec,
  type BrowserStep,
  defaultPageName,
  parseDurationMs,
  webVitalNames,
} from '@fpt/preset';
import { variableExpression } from './iteration-variables.js';
import { indentBlock } from './indent-block.js';
import { JsObject, js } from './js-code.js';
import { printAfter, printJsLiteral, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';
import { joinTemplate, templateExpression, templatePieces } from './template-expression.js';

const absoluteUrl = /^[a-z][a-z0-9+.-]*:/i;

/** FPT's name for a step's check when the step has none: what it does, from the unrendered step. */
export function stepCheckName(step: BrowserStep): string {
  if (step.name !== undefined) return step.name;
  if (step.goto !== undefined) return `goto ${step.goto}`;
  if (step.click !== undefined) return `click ${step.click}`;
  if (step.fill !== undefined) return `fill ${step.fill.selector}`;
  if (step.press !== undefined) return `press ${step.press.key} in ${step.press.selector}`;
  const wait = step.waitFor !== undefined;
  const { selector, text } = step.waitFor ?? step.expect ?? {};
  return [
    wait ? 'waitFor' : 'expect',
    selector === undefined ? undefined : `selector ${selector}`,
    text === undefined ? undefined : `text ${JSON.stringify(text)}`,
    step.expect?.visible === false ? 'hidden' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** A goto's URL: absolute as written, else joined to BASE_URL as FPT joins it to target.baseUrl. */
function gotoUrl(goto: string): string {
  if (absoluteUrl.test(goto)) return templateExpression(goto, variableExpression).text;
  const path = goto.startsWith('/') ? goto : `/${goto}`;
  return joinTemplate([js('BASE_URL'), ...templatePieces(path, variableExpression)]).text;
}

/** A pattern for the URLs of a page, from its path with `{{variables}}` standing for any text. */
function pageUrlPattern(goto: string): string {
  const path = defaultPageName(goto);
  const pattern = templatePieces(path, () => js('[^?#]*'))
    .map((piece) => (typeof piece === 'string' ? piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : piece.text))
    .join('');
  return `^[a-z][a-z0-9+.-]*://[^/?#]*${pattern}(?:[?#].*)?$`;
}

/** The locator a waitFor or expect step watches: the first match, as a person reads the page. */
function locatorExpression(selector: string | undefined, text: string | undefined): string {
  const render = (source: string) => templateExpression(source, variableExpression).text;
  if (selector === undefined) return `page.getByText(${render(text ?? '')}).first()`;
  const options = text === undefined ? '' : `, { hasText: ${render(text)} }`;
  return `page.locator(${render(selector)}${options}).first()`;
}

/** What one step does, as a k6 browser call on `page` that rejects when the step fails. */
function stepAction(step: BrowserStep, timeoutMs: number): string {
  const render = (source: string) => templateExpression(source, variableExpression).text;
  const timeout = `{ timeout: ${timeoutMs} }`;
  if (step.goto !== undefined)
    return `page.goto(${gotoUrl(step.goto)}, { timeout: ${timeoutMs}, waitUntil: 'load' })`;
  if (step.click !== undefined) return `page.click(${render(step.click)}, ${timeout})`;
  if (step.fill !== undefined)
    return `page.fill(${render(step.fill.selector)}, ${render(step.fill.value)}, ${timeout})`;
  if (step.press !== undefined)
    return `page.press(${render(step.press.selector)}, ${render(step.press.key)}, ${timeout})`;
  const target = step.waitFor ?? step.expect ?? {};
  const state = step.expect?.visible === false ? 'hidden' : 'visible';
  return `${locatorExpression(target.selector, target.text)}.waitFor({ state: '${state}', timeout: ${timeoutMs} })`;
}

/**
 * The statements of a browser iteration: a fresh context with the preset's viewport, the page names
 * for browser metrics, and the steps run by runJourney (one check each, stop at the first failure).
 */
export function journeyStatements(name: string, browser: BrowserSpec, context: ScriptContext): string[] {
  context.import({ module: 'k6/browser', name: 'browser' });
  const defaultTimeoutMs = parseDurationMs(browser.stepTimeout);
  let pageName = 'about:blank';
  const pages = new Map<string, string>();
  const steps = browser.steps.map((step) => {
    if (step.goto !== undefined) {
      pageName = step.name ?? defaultPageName(step.goto);
      pages.set(pageUrlPattern(step.goto), pageName);
    }
    const timeoutMs = step.timeout === undefined ? defaultTimeoutMs : parseDurationMs(step.timeout);
    return new JsObject([
      ['check', stepCheckName(step)],
      ['page', pageName],
      js(`run: () => ${stepAction(step, timeoutMs)}`),
    ]);
  });
  const pageTable = [...pages].map(
    ([pattern, page]) => new JsObject([['name', page], js(`url: new RegExp(${quoteJsString(pattern)})`)]),
  );
  if (browser.webVitals.length < webVitalNames.length) {
    context.warn(
      `scenarios.${name}.browser.webVitals`,
      `k6 records every Web Vital; this journey collects only ${browser.webVitals.join(', ')} in FPT`,
    );
  }
  const run = printAfter(`await ${context.use('runJourney')}(page, `, steps, ');', 2);
  return [
    `const context = await browser.newContext({ viewport: ${printJsLiteral(browser.viewport)} });`,
    'const page = await context.newPage();',
    ...(pageTable.length > 0 ? [printAfter(`${context.use('namePages')}(page, `, pageTable, ');', 1)] : []),
    'try {',
    indentBlock(run),
    '} finally {',
    '  await page.close();',
    '  await context.close();',
    '}',
  ];
}
