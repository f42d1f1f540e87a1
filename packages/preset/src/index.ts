export { describeLoadShape } from './describe-load-shape.js';
export { builtinVariables, findTemplateReferences, repeatIndexVariable } from './checks/check-variables.js';
export { customMetricDefinitions } from './custom-metric-definitions.js';
export { DataFileError, type DataRow, parseCsv, parseDataFile } from './data-file.js';
export { closestMatch, didYouMean } from './did-you-mean.js';
export { formatDuration, isDuration, parseDurationMs } from './duration.js';
export {
  cappedSegment,
  type ExecutionSegment,
  executionSegments,
  globalUnit,
  ownsUnit,
  segmentShare,
  wholeRun,
} from './execution-segment.js';
export type { EnvLookup } from './interpolate-env.js';
export { presetJsonSchema } from './json-schema.js';
export type { LoadOverrides } from './load-overrides.js';
export {
  isScriptFile,
  type LoadScriptFileOptions,
  loadScriptFile,
  scriptExtensions,
} from './load-script-file.js';
export { type LoadedPreset, type LoadPresetOptions, loadPresetFile, loadPresetText } from './load-preset.js';
export {
  type LoadExtent,
  loadExtent,
  peakConcurrent,
  type ScenarioProfile,
  scenarioProfile,
  totalMaxDurationMs,
} from './load-profile.js';
export { defaultPageName, pageNameOf } from './page-name.js';
export { formatProblem, formatProblems, PresetError, type PresetProblem } from './preset-error.js';
export { presetIdentity } from './preset-identity.js';
export { groupNames, groupPath, type RequestList, requestLists } from './request-lists.js';
export { type BrowserSpec, type BrowserStep, webVitalNames } from './schema/browser.js';
export {
  type BaselineSpec,
  baselineDefaults,
  type CustomMetricSpec,
  customMetricTypes,
  dataAssignments,
  type Preset,
  type PresetInput,
  presetSchema,
  type SafetySpec,
  type TargetSpec,
  type ThresholdSpec,
} from './schema/preset.js';
export {
  type CaptureSpec,
  type CheckSpec,
  type HttpMethod,
  type RecordSpec,
  type RepeatSpec,
  type RequestSpec,
  type WhenSpec,
  requestCompressions,
} from './schema/request.js';
export {
  connectionReuseModes,
  cookieModes,
  dnsPolicies,
  dnsSelections,
  httpVersionModes,
  tlsVersions,
} from './schema/target.js';
export { isByteSize, parseByteSize } from './byte-size.js';
export type { PresetAssets } from './read-assets.js';
export type { PresetScripts } from './read-scripts.js';
export {
  type ConstantArrivalRateSpec,
  type ConstantVusSpec,
  type ExecutorName,
  executorNames,
  type PerVuIterationsSpec,
  type RampingArrivalRateSpec,
  type RampingVusSpec,
  type ScenarioSpec,
  type SharedIterationsSpec,
  selectionModes,
} from './schema/scenario.js';
