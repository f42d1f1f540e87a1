import { groupNames, type ScenarioSpec } from '@fpt/preset';
import { k6Imports } from './k6-import.js';
import { groupedCall, type RequestStep, sequenceStatements } from './request-flow-code.js';
import type { ScriptContext } from './script-context.js';

/**
 * The statements that run one iteration's requests, by the scenario's selection mode: all of them in
 * order (sequence), one in turn across the scenario (round-robin), or one drawn by weight (weighted).
 */
export function selectionStatements(
  spec: ScenarioSpec,
  steps: readonly RequestStep[],
  takesVars: boolean,
  /** Where the requests are in the preset, for warnings: `scenarios.<name>.requests`. */
  where: string,
  context: ScriptContext,
): string[] {
  const args = takesVars ? 'vars' : '';
  if (spec.selection === 'sequence') return sequenceStatements(steps, takesVars, where, context);
  const call = (step: RequestStep) => groupedCall(step.spec, `${step.functionName}(${args})`, context);
  if (steps.length === 1) return [`${call(steps[0]!)};`];
  // A request in a group is drawn as a function that opens its group around the call.
  const grouped = steps.some((step) => groupNames(step.spec).length > 0);
  const choices = steps.map((step) => (grouped ? `() => ${call(step)}` : step.functionName));
  const invocation = grouped ? '()' : `(${args})`;
  if (spec.selection === 'round-robin') {
    context.import(k6Imports.exec);
    return [
      '// round-robin: the requests in turn, counted over all iterations of the scenario',
      `const request = [${choices.join(', ')}][exec.scenario.iterationInTest % ${steps.length}];`,
      `request${invocation};`,
    ];
  }
  const weighted = steps.map((step, index) => `[${step.spec.weight}, ${choices[index]}]`);
  return [
    '// weighted: one request per iteration, drawn in proportion to its weight',
    `${context.use('pickWeighted')}([${weighted.join(', ')}])${invocation};`,
  ];
}
