import type { LoadedPreset, Preset } from '@fpt/preset';
import { bareVariableNames } from './bare-variable-names.js';
import { declareCustomMetrics } from './custom-metrics-code.js';
import { declareDataFiles } from './data-files-code.js';
import { warnFptOnlySettings } from './fpt-only-settings.js';
import { referencedNames } from './iteration-variables.js';
import { JsObject } from './js-code.js';
import { camelIdentifier } from './js-identifier.js';
import { optionsDeclaration } from './options-declaration.js';
import { printAfter } from './print-js-literal.js';
import { declareRequestMetrics } from './request-metric-names.js';
import { type K6ExportWarning, ScriptContext } from './script-context.js';
import { type ScriptPlan, scenarioFunctions, setupFunctions, teardownFunctions } from './script-functions.js';
import { scriptHeader } from './script-header.js';
import { targetDeclarations } from './target-code.js';
import { warnTargetSettings } from './target-options.js';

/** A k6 script for a preset, and what it could not carry over (also written as comments in the script). */
export interface K6Export {
  readonly script: string;
  readonly warnings: readonly K6ExportWarning[];
}

/**
 * Turns a loaded preset into a self-contained k6 script (an ES module): the same scenarios, thresholds
 * and tags in `options`, the preset's custom metrics, setup and teardown, one exported function per
 * scenario, API requests through k6/http and browser journeys through k6/browser. Pure: no I/O, no clock.
 */
export function exportK6Script(loaded: LoadedPreset): K6Export {
  const { preset } = loaded;
  const context = new ScriptContext();
  warnFptOnlySettings(preset, context);
  warnTargetSettings(preset.target, context);
  // Declared before anything else claims a name, so that each metric's constant can take the metric's name.
  const customMetrics = declareCustomMetrics(preset, context);
  const scenarios = Object.entries(preset.scenarios);
  const execNames = new Map(
    scenarios.map(([name]) => [name, context.identifiers.claim(camelIdentifier(name))]),
  );

  const allRequests = [
    ...(preset.setup ?? []),
    ...scenarios.flatMap(([, s]) => s.requests ?? []),
    ...(preset.teardown ?? []),
  ];
  const dataNames = new Set((preset.data ?? []).map((entry) => entry.name));
  const readNames = [
    ...referencedNames([allRequests, preset.target.headers, scenarios.map(([, s]) => s.browser)]),
    ...allRequests.flatMap(bareVariableNames),
  ];
  const usedData = new Set(
    readNames.map((name) => name.split('.')[0] ?? '').filter((name) => dataNames.has(name)),
  );
  const data = declareDataFiles(loaded, usedData, context);
  const metrics = declareRequestMetrics(allRequests, context);
  const plan: ScriptPlan = {
    preset,
    data: data.declarations,
    metricsOf: metrics.metricsOf,
    customMetrics: customMetrics.metrics,
    hasConstants: Object.keys(preset.variables ?? {}).length > 0,
    setupCaptures: (preset.setup ?? []).flatMap((request) => (request.captures ?? []).map((c) => c.name)),
  };

  const functions: string[][] = [];
  if (preset.setup && preset.setup.length > 0) functions.push(...setupFunctions(plan, preset.setup, context));
  for (const [name, spec] of scenarios) {
    functions.push(...scenarioFunctions(plan, name, spec, execNames.get(name)!, context));
  }
  if (preset.teardown && preset.teardown.length > 0)
    functions.push(...teardownFunctions(plan, preset.teardown, context));
  const options = optionsDeclaration(preset, execNames, context);

  const sections = [
    targetDeclarations(preset.target),
    plan.hasConstants ? constantsDeclaration(preset) : [],
    data.code,
    filesDeclaration(context),
    options,
    customMetrics.code,
    metrics.code,
    ...functions,
    context.helperSources().length > 0 ? [context.helperSources().join('\n\n')] : [],
  ];
  const body = sections.filter((lines) => lines.length > 0).map((lines) => lines.join('\n'));
  const script = [
    scriptHeader(preset, context.warnings).join('\n'),
    context.importLines().join('\n'),
    ...body,
  ]
    .join('\n\n')
    .concat('\n');
  return { script, warnings: context.warnings };
}

/** The files the script reads (certificates, bodies), at the top level: k6's open() works nowhere else. */
function filesDeclaration(context: ScriptContext): string[] {
  const declarations = context.fileDeclarations();
  if (declarations.length === 0) return [];
  return [
    '// Files the preset names, read once at the start: keep them at the same paths relative to this script.',
    ...declarations,
  ];
}

function constantsDeclaration(preset: Preset): string[] {
  const constants = Object.entries(preset.variables ?? {}).map(
    ([name, value]) => [name, String(value)] as const,
  );
  return [
    "/** The preset's variables, as text (as {{name}} renders them). */",
    printAfter('const VARIABLES = ', new JsObject(constants), ';'),
  ];
}
