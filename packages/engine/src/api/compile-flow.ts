import type { RepeatSpec, WhenSpec } from '@fpt/preset';
import { valueAsText } from '../json-path.js';
import { compileTemplate, renderTemplate, type Variables } from '../template.js';

/** Whether a request runs this time: its `when`, given the iteration's variables and its last status. */
export type CompiledWhen = (variables: Variables, previousStatus: number | undefined) => boolean;

/**
 * A `when:` condition, compiled once. Every test it names must hold. The status test reads the status of
 * the previous response of the iteration (none before the first request: the test fails); the variable
 * tests read a capture, a data column or any other variable, as text or as a number.
 */
export function compileWhen(spec: WhenSpec): CompiledWhen {
  const tests: CompiledWhen[] = [];
  if (spec.status !== undefined) {
    const statuses = [spec.status].flat();
    tests.push((_variables, previous) => previous !== undefined && statuses.includes(previous));
  }
  const name = spec.variable;
  if (name !== undefined) {
    const number = (variables: Variables) => {
      const text = variables.get(name);
      return text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    };
    const exists =
      spec.exists ?? (spec.equals === undefined && spec.above === undefined && spec.below === undefined);
    if (spec.exists !== undefined || exists) tests.push((variables) => variables.has(name) === exists);
    if (typeof spec.equals === 'number') {
      const expected = spec.equals;
      tests.push((variables) => number(variables) === expected);
    } else if (spec.equals !== undefined) {
      // true/false and text compare as the variable's text; text may name variables ("{{expectedId}}").
      const expected = compileTemplate(String(spec.equals));
      tests.push((variables) => variables.get(name) === renderTemplate(expected, variables));
    }
    if (spec.above !== undefined) {
      const above = spec.above;
      tests.push((variables) => number(variables) > above);
    }
    if (spec.below !== undefined) {
      const below = spec.below;
      tests.push((variables) => number(variables) < below);
    }
  }
  return (variables, previous) => tests.every((test) => test(variables, previous));
}

/** One pass of a repeated request: its position and, for a repeat over a list, the element. */
export interface RepeatPlan {
  readonly count: number;
  readonly elements?: readonly unknown[];
  /** Why the request runs no time though it was asked to run (a count or a list that is not one). */
  readonly problem?: string;
}

export interface CompiledRepeat {
  /** The variable an element is readable under ({{item}}, {{item.id}}), for a repeat over a list. */
  readonly as: string | undefined;
  plan(variables: Variables): RepeatPlan;
}

/** A `repeat:` compiled once: a fixed count, a count a variable holds, or the elements of a captured list. */
export function compileRepeat(spec: RepeatSpec): CompiledRepeat {
  if (typeof spec === 'number') return { as: undefined, plan: () => ({ count: spec }) };
  if (typeof spec === 'string') {
    const template = compileTemplate(spec);
    return {
      as: undefined,
      plan(variables) {
        const text = renderTemplate(template, variables);
        const count = Number(text);
        return Number.isSafeInteger(count) && count >= 0 && text.trim() !== ''
          ? { count }
          : { count: 0, problem: `${spec} is ${JSON.stringify(text)}, not a count (0, 1, 2, …)` };
      },
    };
  }
  const { over, as } = spec;
  return {
    as,
    plan(variables) {
      const text = variables.get(over);
      let list: unknown;
      try {
        list = text === undefined ? undefined : JSON.parse(text);
      } catch {
        list = undefined;
      }
      if (!Array.isArray(list)) {
        return {
          count: 0,
          problem:
            text === undefined
              ? `{{${over}}} has no value (its capture found nothing?)`
              : `{{${over}}} is not a JSON list (capture a list, for example jsonPath: $.items)`,
        };
      }
      return { count: list.length, elements: list };
    },
  };
}

/**
 * Makes one element readable under `as`: {{item}} is the element (text as it is, anything else as JSON),
 * and for an object each field is {{item.field}} as data columns are. Returns the names it set, so the
 * next element can clear fields this one had and it lacks.
 */
export function setElementVariables(
  variables: Map<string, string>,
  as: string,
  element: unknown,
  previous: readonly string[],
): string[] {
  for (const name of previous) variables.delete(name);
  const names = [as];
  variables.set(as, valueAsText(element));
  if (typeof element === 'object' && element !== null && !Array.isArray(element)) {
    for (const [field, value] of Object.entries(element)) {
      const name = `${as}.${field}`;
      variables.set(name, valueAsText(value));
      names.push(name);
    }
  }
  return names;
}
