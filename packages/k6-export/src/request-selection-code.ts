import type { ScenarioSpec } from '@fpt/preset';
import { k6Imports } from './k6-import.js';
import type { ScriptContext } from './script-context.js';

/**
 * The statements that run one iteration's requests, by the scenario's selection mode: all of them in
 * order (sequence), one in turn across the scenario (round-robin), or one drawn by weight (weighted).
 */
export function selectionStatements(
  spec: ScenarioSpec,
  requestFunctions: readonly string[],
  takesVars: boolean,
  context: ScriptContext,
): string[] {
  const args = takesVars ? 'vars' : '';
  if (spec.selection === 'sequence') return requestFunctions.map((name) => `${name}(${args});`);
  if (requestFunctions.length === 1) return [`${requestFunctions[0]}(${args});`];
  if (spec.selection === 'round-robin') {
    context.import(k6Imports.exec);
    return [
      '// round-robin: the requests in turn, counted over all iterations of the scenario',
      `const request = [${requestFunctions.join(', ')}][exec.scenario.iterationInTest % ${requestFunctions.length}];`,
      `request(${args});`,
    ];
  }
  const weights = (spec.requests ?? []).map((request) => request.weight);
  const choices = requestFunctions.map((name, index) => `[${weights[index]}, ${name}]`);
  return [
    '// weighted: one request per iteration, drawn in proportion to its weight',
    `${context.use('pickWeighted')}([${choices.join(', ')}])(${args});`,
  ];
}
