import { parseDurationMs } from '../duration.js';
import type { Preset } from '../schema/preset.js';
import type { SchemaProblem } from '../zod-issues.js';
import { checkBrowser } from './check-browser.js';
import { requestLists } from '../request-lists.js';
import { checkRequests } from './check-requests.js';

export function checkScenarios(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const entries = Object.entries(preset.scenarios);
  if (entries.length === 0) {
    problems.push({ path: ['scenarios'], message: 'a preset needs at least one scenario', atKey: true });
  }
  for (const list of requestLists(preset)) problems.push(...checkRequests(list.requests, list.path));
  // Requests and browser steps are joined to the base URL; only scripts name whole URLs themselves.
  const needsBase = requestLists(preset).length > 0 || entries.some(([, s]) => s.browser !== undefined);
  if (needsBase && preset.target.baseUrl === undefined) {
    problems.push({
      path: ['target'],
      message: 'target.baseUrl is missing: requests and browser steps are joined to it',
      hint: 'add target: { baseUrl: ${TARGET_URL:-http://127.0.0.1:8080} }',
      atKey: true,
    });
  }
  for (const [name, scenario] of entries) {
    const path = ['scenarios', name];
    if (scenario.requests === undefined && scenario.browser === undefined && scenario.exec === undefined) {
      problems.push({
        path,
        message: `scenario "${name}" runs nothing: give it requests, a browser journey or a script function (exec)`,
        atKey: true,
      });
    }
    if (scenario.exec !== undefined && (scenario.requests !== undefined || scenario.browser !== undefined)) {
      problems.push({
        path: [...path, 'exec'],
        message: `scenario "${name}" has exec and ${scenario.requests !== undefined ? 'requests' : 'a browser journey'}: a scenario runs one of them`,
        hint: 'put the script function in a scenario of its own',
        atKey: true,
      });
    }
    if (scenario.requests !== undefined && scenario.browser !== undefined) {
      problems.push({
        path: [...path, 'browser'],
        message: `scenario "${name}" has both requests and a browser journey`,
        hint: 'put the browser journey in a scenario of its own; two scenarios side by side make a hybrid preset',
        atKey: true,
      });
    }
    if (scenario.browser) problems.push(...checkBrowser(scenario.browser, [...path, 'browser']));
    if (scenario.thinkTime !== undefined && typeof scenario.thinkTime === 'object') {
      if (parseDurationMs(scenario.thinkTime.min) > parseDurationMs(scenario.thinkTime.max)) {
        problems.push({
          path: [...path, 'thinkTime'],
          message: 'thinkTime.min is longer than thinkTime.max',
        });
      }
    }
    if (scenario.executor === 'constant-arrival-rate' || scenario.executor === 'ramping-arrival-rate') {
      if (scenario.maxVUs !== undefined && scenario.maxVUs < scenario.preAllocatedVUs) {
        problems.push({
          path: [...path, 'maxVUs'],
          message: `maxVUs (${scenario.maxVUs}) is below preAllocatedVUs (${scenario.preAllocatedVUs})`,
          hint: 'maxVUs is the most the scenario may grow to; set it at least to preAllocatedVUs',
        });
      }
      if (scenario.preAllocatedVUs === 0 && scenario.maxVUs === undefined) {
        problems.push({
          path: [...path, 'preAllocatedVUs'],
          message: 'with no preAllocatedVUs and no maxVUs, no iteration can start',
        });
      }
    }
    if (scenario.executor === 'shared-iterations' && scenario.vus > scenario.iterations) {
      problems.push({
        path: [...path, 'vus'],
        message: `${scenario.vus} VUs cannot share ${scenario.iterations} iterations`,
        hint: 'use at most as many VUs as iterations (k6 refuses this too)',
      });
    }
  }
  return problems;
}
