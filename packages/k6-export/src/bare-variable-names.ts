import type { RequestSpec } from '@fpt/preset';
import { referencedNames } from './iteration-variables.js';

/**
 * Variables a request names without braces: the one its `when` tests, the list it repeats over, and those
 * it records from. They are read like `{{name}}` placeholders, so the script must hold them too.
 */
export function bareVariableNames(request: RequestSpec): string[] {
  const names: string[] = [];
  if (request.when?.variable !== undefined) names.push(request.when.variable);
  if (typeof request.repeat === 'object') names.push(request.repeat.over);
  for (const record of request.record === undefined ? [] : [request.record].flat()) {
    if (typeof record.value === 'object' && 'variable' in record.value) names.push(record.value.variable);
  }
  return names;
}

/** Every variable a request reads, in `{{name}}` placeholders or by bare name. */
export function namesReadBy(request: RequestSpec): Set<string> {
  return new Set([...referencedNames(request), ...bareVariableNames(request)]);
}
