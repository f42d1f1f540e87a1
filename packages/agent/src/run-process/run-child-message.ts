import type { LivePoint } from '../runs/live-point.js';

/**
 * What a run child process (`fpt run --live-ipc`) sends its agent over the IPC channel: one point per
 * second. Everything else (summary, report, JUnit, log) it writes to the run's folder.
 */
export type RunChildMessage = { readonly type: 'point'; readonly point: LivePoint };
