/** Where a threshold stands after the run. */
export const ThresholdStatus = {
  passed: 'passed',
  failed: 'failed',
  noData: 'no-data',
  noDataAllowed: 'no-data-allowed',
} as const;
export type ThresholdStatus = (typeof ThresholdStatus)[keyof typeof ThresholdStatus];

/** Whether a threshold in this status fails the run: crossed, or without data and not allowed to be. */
export function isCrossed(status: ThresholdStatus): boolean {
  return status === ThresholdStatus.failed || status === ThresholdStatus.noData;
}

/** The order a verdict lists thresholds in: what failed the run first, what held last. */
export const failingFirst: Readonly<Record<ThresholdStatus, number>> = {
  [ThresholdStatus.failed]: 0,
  [ThresholdStatus.noData]: 1,
  [ThresholdStatus.noDataAllowed]: 2,
  [ThresholdStatus.passed]: 3,
};
