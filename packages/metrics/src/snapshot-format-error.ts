/**
 * Encoded metrics (a histogram, a sink or a whole snapshot) that cannot be decoded. Snapshots cross
 * threads, processes and the network, so a peer on another version or a corrupt message must fail
 * loudly instead of merging garbage into the run's results.
 */
export class SnapshotFormatError extends Error {
  readonly code = 'ERR_METRICS_SNAPSHOT';
  readonly hint: string;

  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SnapshotFormatError';
    this.hint =
      options?.hint ??
      'snapshots must come from snapshot()/drainSnapshot() of the same FPT version; check that every agent and worker runs the same release';
  }
}
