import type { GateVerdict } from './gate-verdict.js';

/** The verdict as a JSON file for scripts (`format: "fpt-gate-verdict"`, docs/gate.md), newline-terminated. */
export function renderVerdictJson(verdict: GateVerdict): string {
  return `${JSON.stringify(verdict, null, 2)}\n`;
}
