import { decodeSink, SnapshotFormatError, type TrendSink } from '@fpt/metrics';
import type { SummaryData } from '@fpt/report';
import { GateInputError } from './gate-input-error.js';

/**
 * A trend's merged HDR histogram from the summary's `fpt.histograms`; undefined when the run recorded
 * none. A histogram that will not decode means the file was changed after FPT wrote it: that is unusable
 * input (GateInputError, exit 104), not a crash.
 */
export function decodeHistogram(data: SummaryData, metric: string): TrendSink | undefined {
  if (!Object.hasOwn(data.fpt.histograms, metric)) return undefined;
  let sink: ReturnType<typeof decodeSink>;
  try {
    sink = decodeSink(data.fpt.histograms[metric]!);
  } catch (error) {
    if (!(error instanceof SnapshotFormatError)) throw error;
    throw new GateInputError(
      `fpt.histograms.${metric} cannot be decoded: ${error.message}`,
      [],
      'was the summary edited by hand? Write it again with fpt run --summary-export',
      { cause: error },
    );
  }
  return sink.type === 'trend' ? sink : undefined;
}
