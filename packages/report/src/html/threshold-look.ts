import { ThresholdStatus } from '@fpt/readable';
import type { StatusTone } from './render-status.js';

/** How a threshold's status reads in the report: its tone and its word. */
export const THRESHOLD_LOOK: Readonly<Record<ThresholdStatus, readonly [StatusTone, string]>> = {
  [ThresholdStatus.passed]: ['good', 'passed'],
  [ThresholdStatus.failed]: ['bad', 'failed'],
  [ThresholdStatus.noData]: ['bad', 'no data'],
  [ThresholdStatus.noDataAllowed]: ['neutral', 'no data (allowed)'],
};

/** Whether a threshold in this status makes the run fail. */
export function isFailingThreshold(status: ThresholdStatus): boolean {
  return status === ThresholdStatus.failed || status === ThresholdStatus.noData;
}
