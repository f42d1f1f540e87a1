import { parseDurationMs } from '../duration.js';
import { requestLists } from '../request-lists.js';
import type { Preset } from '../schema/preset.js';
import type { SchemaProblem } from '../zod-issues.js';

/**
 * The control flow a request may carry (when, repeat, sleep) has rules the schema cannot say: a condition
 * on "the previous response" and a loop only mean something where requests run in order.
 */
export function checkFlow(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const list of requestLists(preset)) {
    list.requests.forEach((request, index) => {
      const path = [...list.path, index];
      for (const field of ['when', 'repeat'] as const) {
        if (request[field] !== undefined && !list.sequence) {
          problems.push({
            path: [...path, field],
            message: `${field} applies to requests that run in order: this scenario picks one request per iteration (selection: ${list.scenario === undefined ? '' : preset.scenarios[list.scenario]?.selection})`,
            hint: 'set selection: sequence on the scenario',
            atKey: true,
          });
        }
      }
      const when = request.when;
      if (when !== undefined) {
        const tests = (['exists', 'equals', 'above', 'below'] as const).filter((k) => when[k] !== undefined);
        if (when.status === undefined && when.variable === undefined) {
          problems.push({
            path: [...path, 'when'],
            message: 'when needs a status or a variable to test',
            hint: 'for example when: { status: 200 } or when: { variable: orderId, exists: true }',
            atKey: true,
          });
        }
        if (tests.length > 0 && when.variable === undefined) {
          problems.push({
            path: [...path, 'when', tests[0]!],
            message: `${tests.join(' and ')} test${tests.length === 1 ? 's' : ''} a variable: add variable: <name>`,
            atKey: true,
          });
        }
        if (when.exists !== undefined && tests.length > 1) {
          problems.push({
            path: [...path, 'when', 'exists'],
            message: 'exists cannot go with equals, above or below (they need the variable to exist already)',
            atKey: true,
          });
        }
        if (when.above !== undefined && when.below !== undefined && when.above >= when.below) {
          problems.push({
            path: [...path, 'when', 'above'],
            message: `no number is above ${when.above} and below ${when.below}`,
            atKey: true,
          });
        }
      }
      const sleep = request.sleep;
      if (typeof sleep === 'object' && parseDurationMs(sleep.min) > parseDurationMs(sleep.max)) {
        problems.push({ path: [...path, 'sleep'], message: 'sleep.min is longer than sleep.max' });
      }
    });
  }
  return problems;
}
