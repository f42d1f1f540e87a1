import type { Preset } from '@fpt/preset';
import { requestRateOption } from './fpt-only-settings.js';
import { JsObject, js } from './js-code.js';
import { printAfter } from './print-js-literal.js';
import { k6Scenario } from './scenario-options.js';
import type { ScriptContext } from './script-context.js';
import { connectionOptions } from './target-options.js';
import { k6Thresholds } from './threshold-options.js';

/**
 * `export const options`: the scenarios, thresholds and test-wide tags (the region from FPT_REGION when
 * set), and how requests are sent and connections made; typed with JSDoc so the type check holds it to
 * k6's Options.
 */
export function optionsDeclaration(
  preset: Preset,
  execNames: ReadonlyMap<string, string>,
  context: ScriptContext,
): string[] {
  const scenarios = Object.fromEntries(
    Object.entries(preset.scenarios).map(([name, spec]) => [
      name,
      k6Scenario(name, spec, execNames.get(name)!, context),
    ]),
  );
  const thresholds = k6Thresholds(preset, context);
  const tags = new JsObject([
    ...Object.entries(preset.tags ?? {}),
    js('...(__ENV.FPT_REGION ? { region: __ENV.FPT_REGION } : {})'),
  ]);
  const options = new JsObject([
    ['scenarios', scenarios],
    ['thresholds', Object.keys(thresholds).length > 0 ? thresholds : undefined],
    ['tags', tags],
    ['maxRedirects', preset.target.maxRedirects],
    ['insecureSkipTLSVerify', preset.target.insecureSkipTLSVerify],
    ...connectionOptions(preset.target, context),
    // k6 empties each VU's cookie jar per iteration by default, like FPT's `cookies: iteration`.
    ['noCookiesReset', preset.target.cookies === 'vu' ? true : undefined],
    ['rps', requestRateOption(preset)],
  ]);
  return ["/** @type {import('k6/options').Options} */", printAfter('export const options = ', options, ';')];
}
