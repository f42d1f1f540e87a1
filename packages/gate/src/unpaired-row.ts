import type { ComparedRowOf, RowScope } from './gate-verdict.js';

/**
 * A row on one side only: added (the run has it, the baseline not) or removed. Not judged, since there is
 * nothing to judge it against, so it never fails the gate; its reason says what to do about it.
 */
export function unpairedRow<F extends { readonly count: number; readonly scenario?: string }>(
  scope: Exclude<RowScope, 'overall'>,
  name: string,
  figures: F,
  status: 'added' | 'removed',
): ComparedRowOf<F> {
  return {
    scope,
    name,
    ...(figures.scenario === undefined ? {} : { scenario: figures.scenario }),
    status,
    baseline: status === 'removed' ? figures : null,
    current: status === 'added' ? figures : null,
    p95: null,
    errorRate: null,
    reasons: [unpairedReason(scope, status)],
    failures: [],
  };
}

function unpairedReason(scope: Exclude<RowScope, 'overall'>, status: 'added' | 'removed'): string {
  if (status === 'added')
    return `new ${scope}: the baseline has no figures for it, so it is not judged (save a new baseline to include it)`;
  // A custom metric is not "made" like a request: a run that never recorded into it has no histogram of it.
  const missing = scope === 'metric' ? 'the run recorded no sample of it' : 'the run did not make it';
  return `the baseline has this ${scope} but ${missing}: renamed, removed, or not reached?`;
}
