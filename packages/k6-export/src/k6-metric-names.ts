import { k6MetricNames as names } from '@fpt/readable';

/**
 * The metrics k6 itself records (k6 v1 and v2, browser module included). A threshold on any other
 * built-in metric of FPT's (iteration_start_delay, http_req_duration_corrected, ...) would make k6 refuse
 * the script, so such thresholds are left out with a warning.
 */
export const k6MetricNames: ReadonlySet<string> = new Set(names);
