import type { RequestSpec } from '@fpt/preset';
import { camelIdentifier } from './js-identifier.js';
import { quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';

/**
 * One set of custom metrics per request name (setup and every scenario; k6 adds the scenario tag), each
 * named with the request name made a valid k6 metric name (`create-item` → `create_item`). Returns the
 * constant that holds each name's metrics, and the declarations.
 */
export function declareRequestMetrics(
  requests: readonly RequestSpec[],
  context: ScriptContext,
): { metricsOf: Map<string, string>; code: string[] } {
  const metricsOf = new Map<string, string>();
  const suffixes = new Set<string>();
  const code: string[] = [];
  for (const { name } of requests) {
    if (metricsOf.has(name)) continue;
    const base = name.replace(/[^A-Za-z0-9_]/g, '_');
    let suffix = base;
    for (let n = 2; suffixes.has(suffix); n++) suffix = `${base}_${n}`;
    suffixes.add(suffix);
    const constant = context.identifiers.claim(`${camelIdentifier(name)}Metrics`);
    metricsOf.set(name, constant);
    code.push(`const ${constant} = ${context.use('requestMetrics')}(${quoteJsString(suffix)});`);
  }
  if (code.length > 0) {
    code.unshift('// Per request name: http_reqs_<name>, http_req_failed_<name>, http_req_duration_<name>.');
  }
  return { metricsOf, code };
}
