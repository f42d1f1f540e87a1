export {
  type CompiledScript,
  compileScript,
  InitTimeoutError,
  type ScriptExports,
  type ScriptHost,
  type SharedGlobals,
  type VuGlobals,
} from './compile-script.js';
export { displayPath, type LoadedScript, type LoadScriptOptions, loadScript } from './load-script.js';
export { isOutsideRoot, openScriptFile } from './open-script-file.js';
export { isTypeScriptFile } from './strip-types.js';
export { classifySpecifier, type K6ModuleName, k6Modules } from './module-specifiers.js';
export { formatScriptProblem, ScriptError, type ScriptProblem } from './script-problem.js';
export { moduleParameters, transformModule } from './transform-module.js';
export { inspectScript, type ScriptDeclarations } from './inspect-script.js';
export { k6CryptoModule } from './k6/k6-crypto-module.js';
export { k6DataModule } from './k6/k6-data-module.js';
export { k6EncodingModule, toBuffer } from './k6/k6-encoding-module.js';
export { type ConvertedScript, convertToAwaited } from './convert-to-awaited.js';
