export { exportK6Script, type K6Export } from './export-k6-script.js';
export type { K6ExportWarning } from './script-context.js';
