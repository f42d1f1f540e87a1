import type { Preset, RequestSpec, ScenarioSpec } from '@fpt/preset';
import { journeyStatements } from './browser-journey-code.js';
import { commentText } from './comment-text.js';
import type { DataDeclaration } from './data-files-code.js';
import { indentBlock } from './indent-block.js';
import { declareVariables, variableExpression } from './iteration-variables.js';
import { JsObject, js } from './js-code.js';
import { camelIdentifier } from './js-identifier.js';
import { printAfter } from './print-js-literal.js';
import { requestFunction } from './request-code.js';
import { selectionStatements } from './request-selection-code.js';
import type { ScriptContext } from './script-context.js';
import { thinkTimeStatement } from './think-time-code.js';

/** What every generated function shares about the preset. */
export interface ScriptPlan {
  readonly preset: Preset;
  readonly data: ReadonlyMap<string, DataDeclaration>;
  readonly metricsOf: ReadonlyMap<string, string>;
  readonly hasConstants: boolean;
  /** Setup captures values, which k6 hands to every scenario function as `data`. */
  readonly setupCaptures: readonly string[];
}

/** The request functions of a group of requests (setup's, or a scenario's), and their names in order. */
function requestFunctions(
  plan: ScriptPlan,
  requests: readonly RequestSpec[],
  /** Where the requests are in the preset: `setup`, `scenarios.<name>.requests`. */
  where: string,
  takesVars: boolean,
  context: ScriptContext,
): { names: string[]; code: string[][] } {
  const names: string[] = [];
  const code = requests.map((request) => {
    const functionName = context.identifiers.claim(`${camelIdentifier(request.name)}Request`);
    names.push(functionName);
    return requestFunction(
      request,
      {
        functionName,
        metricsName: plan.metricsOf.get(request.name)!,
        takesVars,
        target: plan.preset.target,
        field: `${where}.${request.name}`,
      },
      context,
    );
  });
  return { names, code };
}

/** setup(): the preset's setup requests once, returning their captures (and the constants) as k6 setup data. */
export function setupFunctions(
  plan: ScriptPlan,
  setup: readonly RequestSpec[],
  context: ScriptContext,
): string[][] {
  const vars = declareVariables(
    {
      templates: [setup, plan.preset.target.headers],
      captures: plan.setupCaptures,
      hasConstants: plan.hasConstants,
      readsSetupData: false,
      env: [],
      data: plan.data,
      inSetup: true,
    },
    context,
  );
  const requests = requestFunctions(plan, setup, 'setup', vars.length > 0, context);
  const body = [...vars, ...requests.names.map((name) => `${name}(${vars.length > 0 ? 'vars' : ''});`)];
  if (plan.setupCaptures.length > 0) {
    const data = new JsObject([
      ...(plan.hasConstants ? [js('...VARIABLES')] : []),
      ...plan.setupCaptures.map((name) => [name, variableExpression(name)] as const),
    ]);
    body.push(printAfter('return ', data, ';', 1));
  }
  return [
    ...requests.code,
    [
      "/** Setup: FPT's setup requests, run once before the scenarios; what they capture is every VU's (k6 setup data). */",
      'export function setup() {',
      ...body.map((statement) => indentBlock(statement)),
      '}',
    ],
  ];
}

/** A scenario's exported function (its k6 `exec`), preceded by the request functions it calls. */
export function scenarioFunctions(
  plan: ScriptPlan,
  name: string,
  spec: ScenarioSpec,
  execName: string,
  context: ScriptContext,
): string[][] {
  const requests = spec.requests ?? [];
  const vars = declareVariables(
    {
      templates: spec.browser ? spec.browser : [requests, plan.preset.target.headers],
      captures: requests.flatMap((request) => (request.captures ?? []).map((capture) => capture.name)),
      hasConstants: plan.hasConstants,
      readsSetupData: plan.setupCaptures.length > 0,
      env: Object.keys(spec.env ?? {}),
      data: plan.data,
      inSetup: false,
    },
    context,
  );
  const takesData = vars.length > 0 && plan.setupCaptures.length > 0;
  const generated = spec.browser
    ? { names: [], code: [] }
    : requestFunctions(plan, requests, `scenarios.${name}.requests`, vars.length > 0, context);
  const iteration = spec.browser
    ? journeyStatements(name, spec.browser, context)
    : selectionStatements(spec, generated.names, vars.length > 0, context);
  const think = thinkTimeStatement(spec, context);
  const what = spec.browser
    ? `a browser journey of ${spec.browser.steps.length} steps in Chromium`
    : `${requests.length} request${requests.length === 1 ? '' : 's'}, ${spec.selection}`;
  const summary = `Scenario ${commentText(name)} (${spec.executor}): ${what}.`;
  return [
    ...generated.code,
    [
      ...(takesData
        ? ['/**', ` * ${summary}`, " * @param {Vars} data setup's captures and the preset's variables", ' */']
        : [`/** ${summary} */`]),
      `export ${spec.browser ? 'async ' : ''}function ${execName}(${takesData ? 'data' : ''}) {`,
      ...[...vars, ...iteration, ...(think ? [think] : [])].map((statement) => indentBlock(statement)),
      '}',
    ],
  ];
}
