import { groupNames, type RequestSpec } from '@fpt/preset';
import { indentBlock } from './indent-block.js';
import { k6Imports } from './k6-import.js';
import { quoteJsString } from './print-js-literal.js';
import { repeatLoop } from './repeat-loop-code.js';
import type { ScriptContext } from './script-context.js';
import { lastStatusName, readsPreviousStatus, whenCondition } from './when-condition-code.js';

/** A request of a list, and the generated function that sends it. */
export interface RequestStep {
  readonly spec: RequestSpec;
  readonly functionName: string;
}

/**
 * The statements that run a list of requests in order (a sequence, setup, teardown) as FPT runs them:
 * requests next to each other in one group inside one k6 group() call, nested for checkout::pay; each
 * request under its `when` as an if and its `repeat` as a for loop. Where a request tests the previous
 * response's status, every call keeps its status in lastStatus.
 */
export function sequenceStatements(
  steps: readonly RequestStep[],
  takesVars: boolean,
  /** Where the requests are in the preset, for warnings: `setup`, `scenarios.<name>.requests`. */
  where: string,
  context: ScriptContext,
): string[] {
  const tracksStatus = readsPreviousStatus(steps.map((step) => step.spec));
  const send = (step: RequestStep) =>
    `${tracksStatus ? `${lastStatusName} = ` : ''}${step.functionName}(${takesVars ? 'vars' : ''});`;
  const statements = groupedStatements(steps, 0, { send, where, context, warned: false });
  return tracksStatus ? [`let ${lastStatusName} = 0;`, ...statements] : statements;
}

interface FlowWriter {
  /** The statement that sends a step's request. */
  readonly send: (step: RequestStep) => string;
  readonly where: string;
  readonly context: ScriptContext;
  /** A group around these steps was warned about already; the groups inside it need no warning of their own. */
  readonly warned: boolean;
}

/** The statements of steps that share their first `depth` groups: runs of the same next group nest. */
function groupedStatements(steps: readonly RequestStep[], depth: number, writer: FlowWriter): string[] {
  const { context } = writer;
  const statements: string[] = [];
  let start = 0;
  while (start < steps.length) {
    const group = groupNames(steps[start]!.spec)[depth];
    if (group === undefined) {
      statements.push(stepStatement(steps[start]!, writer.send, context));
      start++;
      continue;
    }
    let end = start + 1;
    while (end < steps.length && groupNames(steps[end]!.spec)[depth] === group) end++;
    const members = steps.slice(start, end);
    const skippable = members.every((step) => mayBeSkipped(step.spec));
    if (skippable && !writer.warned) {
      const path = groupNames(members[0]!.spec)
        .slice(0, depth + 1)
        .join('::');
      context.warn(
        `${writer.where}.${members[0]!.spec.name}.group`,
        `k6 times every group() call, so group_duration gets a sample for ${path} even in an iteration whose when or repeat skip all its requests; FPT records a group only when one of its requests runs`,
      );
    }
    const inner = groupedStatements(members, depth + 1, { ...writer, warned: writer.warned || skippable });
    context.import(k6Imports.group);
    statements.push(
      [`group(${quoteJsString(group)}, () => {`, ...inner.map((line) => indentBlock(line)), '});'].join('\n'),
    );
    start = end;
  }
  return statements;
}

/** True when a request may run no time in an iteration: its `when` may not hold, or its repeat may be 0. */
function mayBeSkipped(spec: RequestSpec): boolean {
  return (
    spec.when !== undefined ||
    (spec.repeat !== undefined && !(typeof spec.repeat === 'number' && spec.repeat > 0))
  );
}

/** One request's statement: its call, in its repeat loop, under its `when`. */
function stepStatement(
  step: RequestStep,
  send: (step: RequestStep) => string,
  context: ScriptContext,
): string {
  const looped = repeatLoop(step.spec, send(step), context);
  if (step.spec.when === undefined) return looped;
  return [`if (${whenCondition(step.spec.when, context)}) {`, indentBlock(looped), '}'].join('\n');
}

/**
 * A call that sends one request inside its groups, nested outermost first, as an expression: for a
 * selection that runs one request per iteration, where each group wraps the one request drawn.
 */
export function groupedCall(spec: RequestSpec, call: string, context: ScriptContext): string {
  const groups = groupNames(spec);
  if (groups.length > 0) context.import(k6Imports.group);
  return groups.reduceRight((inner, group) => `group(${quoteJsString(group)}, () => ${inner})`, call);
}
