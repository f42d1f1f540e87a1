import {
  describeInfluxOutputStats,
  InfluxConfigError,
  InfluxOutput,
  parseInfluxOutputSpec,
} from '@fpt/influx';
import { builtinMetrics, type MetricsSnapshot, type SampleBatch } from '@fpt/metrics';
import { customMetricDefinitions, type Preset } from '@fpt/preset';
import { IntervalJsonOutput } from './interval-json-output.js';
import { K6CsvOutput } from './k6-csv-output.js';
import { K6JsonOutput } from './k6-json-output.js';

/** Where `--out` sends metrics while a run goes: per-interval aggregates, and samples for per-sample outputs. */
export interface RunOutputs {
  write(delta: MetricsSnapshot, at: Date): void;
  /** Some output writes every sample (k6's json or csv): the run must keep them (RunOptions.onSamples). */
  readonly wantsSamples: boolean;
  writeSamples(batch: SampleBatch): void;
  /** Flushes and closes every output: one line per output for the end of the run, and what was lost. */
  close(): Promise<ClosedOutputs>;
}

export interface ClosedOutputs {
  readonly lines: readonly string[];
  /** Metrics an output could not deliver: the run's evidence has a gap, which the run's warnings say. */
  readonly warnings: readonly string[];
}

export interface RunContext {
  readonly testid: string;
  readonly preset: string;
  readonly region?: string;
  readonly agent?: string;
  /** The preset's custom metrics and thresholds, which k6's JSON lines describe. */
  readonly metrics?: Pick<Preset, 'metrics' | 'thresholds'>;
}

/** An `--out` value FPT cannot use: exit 104 with the reason. */
export class OutputSpecError extends Error {
  readonly code = 'ERR_OUTPUT_SPEC';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export function openRunOutputs(
  specs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  context: RunContext,
  onWarning: (message: string) => void,
): RunOutputs {
  const intervals: IntervalJsonOutput[] = [];
  const perSample: (K6JsonOutput | K6CsvOutput)[] = [];
  const influx: InfluxOutput[] = [];
  const custom = customMetricDefinitions(context.metrics ?? {});
  const definitionOf = (name: string) => builtinMetrics[name] ?? custom[name];
  for (const spec of specs) {
    const kind = spec.split('=', 1)[0] ?? '';
    if (kind === 'json' || kind === 'json-intervals' || kind === 'csv') {
      const file = spec.slice(kind.length + 1);
      if (!file) throw new OutputSpecError(`"${spec}" names no file`, `write --out ${kind}=<file>`);
      if (kind === 'json-intervals') intervals.push(new IntervalJsonOutput(file));
      else if (kind === 'csv') perSample.push(new K6CsvOutput(file));
      else perSample.push(new K6JsonOutput(file, definitionOf, context.metrics?.thresholds));
    } else if (['influxdb', 'influxdb2', 'xk6-influxdb'].includes(kind)) {
      try {
        influx.push(
          new InfluxOutput(parseInfluxOutputSpec(spec, env as Record<string, string | undefined>), context, {
            onWarning,
          }),
        );
      } catch (error) {
        if (error instanceof InfluxConfigError) throw new OutputSpecError(error.message, error.hint);
        throw error;
      }
    } else {
      throw new OutputSpecError(
        `unknown output "${spec}"`,
        'use --out json=<file> (k6 lines, one per sample), --out csv=<file>, --out json-intervals=<file> (one line per series per second), --out influxdb=http://host:8086/<db> or --out influxdb2=http://host:8086?org=<org>&bucket=<bucket>',
      );
    }
  }
  let closed: Promise<ClosedOutputs> | undefined;
  const closeAll = async (): Promise<ClosedOutputs> => {
    const incomplete = await Promise.all([...intervals, ...perSample].map((output) => output.close()));
    const stats = await Promise.all(influx.map((output) => output.close()));
    return {
      lines: stats.map(describeInfluxOutputStats),
      warnings: [
        ...incomplete.filter((why): why is string => why !== undefined),
        ...stats
          .filter((s) => s.dropped > 0)
          .map(
            (s) =>
              `InfluxDB lost ${s.dropped} of ${s.written + s.dropped} metric points${s.written === 0 ? ' (none arrived)' : ''}: its dashboards miss part of this run${s.lastError === undefined ? '' : ` (last error: ${s.lastError})`}; the summary and report are complete`,
          ),
      ],
    };
  };
  return {
    write(delta, at) {
      for (const output of intervals) output.write(delta, at);
      for (const output of influx) output.write(delta, at);
    },
    wantsSamples: perSample.length > 0,
    writeSamples(batch) {
      for (const output of perSample) output.write(batch);
    },
    async close() {
      // The first close reports; a second one (from a finally block) reports nothing again.
      if (closed) {
        await closed;
        return { lines: [], warnings: [] };
      }
      closed = closeAll();
      return closed;
    },
  };
}
