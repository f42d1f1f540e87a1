import type { Preset, RequestSpec, ScenarioSpec } from '@fpt/preset';
import { bareVariableNames } from './bare-variable-names.js';
import { journeyStatements } from './browser-journey-code.js';
import { commentText } from './comment-text.js';
import type { CustomMetricCode } from './custom-metrics-code.js';
import type { DataDeclaration } from './data-files-code.js';
import { indentBlock } from './indent-block.js';
import { declareVariables, type RunsOnce, variableExpression } from './iteration-variables.js';
import { JsObject, js } from './js-code.js';
import { camelIdentifier } from './js-identifier.js';
import { thinkTimeStatement } from './pause-code.js';
import { printAfter } from './print-js-literal.js';
import { elementNames } from './repeat-loop-code.js';
import { requestFunction } from './request-code.js';
import { type RequestStep, sequenceStatements } from './request-flow-code.js';
import { selectionStatements } from './request-selection-code.js';
import type { ScriptContext } from './script-context.js';
import { readsPreviousStatus } from './when-condition-code.js';

/** What every generated function shares about the preset. */
export interface ScriptPlan {
  readonly preset: Preset;
  readonly data: ReadonlyMap<string, DataDeclaration>;
  readonly metricsOf: ReadonlyMap<string, string>;
  /** The preset's custom metrics (metrics:), by name. */
  readonly customMetrics: ReadonlyMap<string, CustomMetricCode>;
  readonly hasConstants: boolean;
  /** Setup captures values, which k6 hands to every scenario function (and teardown) as `data`. */
  readonly setupCaptures: readonly string[];
}

/** A list of requests (setup's, teardown's or a scenario's) made ready for the function that runs it. */
interface PreparedRequests {
  /** The statement declaring the function's `vars`, or none when nothing reads a variable. */
  readonly vars: string[];
  /** Each request with the generated function that sends it, in order. */
  readonly steps: RequestStep[];
  /** The request functions' code. */
  readonly code: string[][];
}

/** Where a list of requests runs: in setup or teardown, or in a scenario's iterations (with its env). */
interface ListPlace {
  /** Where the requests are in the preset: `setup`, `scenarios.<name>.requests`. */
  readonly where: string;
  readonly once: RunsOnce | undefined;
  readonly env: readonly string[];
}

/** The `vars` a list of requests reads and writes, and one function per request that sends it. */
function prepareRequests(
  plan: ScriptPlan,
  requests: readonly RequestSpec[],
  place: ListPlace,
  context: ScriptContext,
): PreparedRequests {
  const vars = declareVariables(
    {
      templates: [requests, plan.preset.target.headers],
      bareNames: requests.flatMap(bareVariableNames),
      captures: requests.flatMap((request) => [
        ...(request.captures ?? []).map((capture) => capture.name),
        ...elementNames(request),
      ]),
      hasConstants: plan.hasConstants,
      // Setup makes the data; teardown and the scenarios read it.
      readsSetupData: place.once !== 'setup' && plan.setupCaptures.length > 0,
      env: place.env,
      data: plan.data,
      once: place.once,
    },
    context,
  );
  const returnsStatus = readsPreviousStatus(requests);
  const steps: RequestStep[] = [];
  const code = requests.map((request) => {
    const functionName = context.identifiers.claim(`${camelIdentifier(request.name)}Request`);
    steps.push({ spec: request, functionName });
    return requestFunction(
      request,
      {
        functionName,
        metricsName: plan.metricsOf.get(request.name)!,
        takesVars: vars.length > 0,
        target: plan.preset.target,
        field: `${place.where}.${request.name}`,
        customMetrics: plan.customMetrics,
        returnsStatus,
      },
      context,
    );
  });
  return { vars, steps, code };
}

/** The JSDoc of a function k6 hands setup's data to, when it reads it. */
function dataComment(summary: string, takesData: boolean): string[] {
  return takesData
    ? ['/**', ` * ${summary}`, " * @param {Vars} data setup's captures and the preset's variables", ' */']
    : [`/** ${summary} */`];
}

/** setup(): the preset's setup requests once, returning their captures (and the constants) as k6 setup data. */
export function setupFunctions(
  plan: ScriptPlan,
  setup: readonly RequestSpec[],
  context: ScriptContext,
): string[][] {
  const place = { where: 'setup', once: 'setup', env: [] } as const;
  const { vars, steps, code } = prepareRequests(plan, setup, place, context);
  const body = [...vars, ...sequenceStatements(steps, vars.length > 0, place.where, context)];
  if (plan.setupCaptures.length > 0) {
    const data = new JsObject([
      ...(plan.hasConstants ? [js('...VARIABLES')] : []),
      ...plan.setupCaptures.map((name) => [name, variableExpression(name)] as const),
    ]);
    body.push(printAfter('return ', data, ';', 1));
  }
  return [
    ...code,
    [
      "/** Setup: FPT's setup requests, run once before the scenarios; what they capture is every VU's (k6 setup data). */",
      'export function setup() {',
      ...body.map((statement) => indentBlock(statement)),
      '}',
    ],
  ];
}

/**
 * teardown(data): the preset's teardown requests once, after every scenario ended, reading setup's
 * captures from k6's setup data as FPT's teardown does.
 */
export function teardownFunctions(
  plan: ScriptPlan,
  teardown: readonly RequestSpec[],
  context: ScriptContext,
): string[][] {
  const place = { where: 'teardown', once: 'teardown', env: [] } as const;
  const { vars, steps, code } = prepareRequests(plan, teardown, place, context);
  const takesData = vars.length > 0 && plan.setupCaptures.length > 0;
  const body = [...vars, ...sequenceStatements(steps, vars.length > 0, place.where, context)];
  return [
    ...code,
    [
      ...dataComment(
        "Teardown: FPT's teardown requests, run once after every scenario ended (k6 teardown), with setup's data.",
        takesData,
      ),
      `export function teardown(${takesData ? 'data' : ''}) {`,
      ...body.map((statement) => indentBlock(statement)),
      '}',
    ],
  ];
}

/** What a scenario function holds: its `vars`, the statements of one iteration, and the code it calls. */
interface ScenarioBody {
  readonly vars: string[];
  readonly iteration: string[];
  readonly code: string[][];
}

/** A scenario's exported function (its k6 `exec`), preceded by the request functions it calls. */
export function scenarioFunctions(
  plan: ScriptPlan,
  name: string,
  spec: ScenarioSpec,
  execName: string,
  context: ScriptContext,
): string[][] {
  const { vars, iteration, code } = spec.browser
    ? browserBody(plan, name, spec.browser, spec, context)
    : apiBody(plan, name, spec, context);
  const takesData = vars.length > 0 && plan.setupCaptures.length > 0;
  const think = thinkTimeStatement(spec, context);
  const requests = spec.requests ?? [];
  const what = spec.browser
    ? `a browser journey of ${spec.browser.steps.length} steps in Chromium`
    : `${requests.length} request${requests.length === 1 ? '' : 's'}, ${spec.selection}`;
  return [
    ...code,
    [
      ...dataComment(`Scenario ${commentText(name)} (${spec.executor}): ${what}.`, takesData),
      `export ${spec.browser ? 'async ' : ''}function ${execName}(${takesData ? 'data' : ''}) {`,
      ...[...vars, ...iteration, ...(think ? [think] : [])].map((statement) => indentBlock(statement)),
      '}',
    ],
  ];
}

function apiBody(plan: ScriptPlan, name: string, spec: ScenarioSpec, context: ScriptContext): ScenarioBody {
  const place = { where: `scenarios.${name}.requests`, once: undefined, env: Object.keys(spec.env ?? {}) };
  const { vars, steps, code } = prepareRequests(plan, spec.requests ?? [], place, context);
  return { vars, iteration: selectionStatements(spec, steps, vars.length > 0, place.where, context), code };
}

function browserBody(
  plan: ScriptPlan,
  name: string,
  browser: NonNullable<ScenarioSpec['browser']>,
  spec: ScenarioSpec,
  context: ScriptContext,
): ScenarioBody {
  const vars = declareVariables(
    {
      templates: browser,
      bareNames: [],
      captures: [],
      hasConstants: plan.hasConstants,
      readsSetupData: plan.setupCaptures.length > 0,
      env: Object.keys(spec.env ?? {}),
      data: plan.data,
      once: undefined,
    },
    context,
  );
  return { vars, iteration: journeyStatements(name, browser, context), code: [] };
}
