import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  describeInfluxOutputStats,
  InfluxConfigError,
  InfluxOutput,
  parseInfluxOutputSpec,
} from '@fpt/influx';
import type { MetricsSnapshot } from '@fpt/metrics';
import { JsonLinesOutput } from './json-lines-output.js';

/** Where `--out` sends per-interval metrics while a run goes. */
export interface RunOutputs {
  write(delta: MetricsSnapshot, at: Date): void;
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
  const json: JsonLinesOutput[] = [];
  const influx: InfluxOutput[] = [];
  for (const spec of specs) {
    const kind = spec.split('=', 1)[0] ?? '';
    if (kind === 'json') {
      const file = spec.slice('json='.length);
      if (!file) throw new OutputSpecError(`"${spec}" names no file`, 'write --out json=<file>');
      mkdirSync(dirname(file), { recursive: true });
      json.push(new JsonLinesOutput(file));
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
        'use --out json=<file>, --out influxdb=http://host:8086/<db> or --out influxdb2=http://host:8086?org=<org>&bucket=<bucket>',
      );
    }
  }
  let closed: Promise<ClosedOutputs> | undefined;
  const closeAll = async (): Promise<ClosedOutputs> => {
    await Promise.all(json.map((output) => output.close()));
    const stats = await Promise.all(influx.map((output) => output.close()));
    return {
      lines: stats.map(describeInfluxOutputStats),
      warnings: stats
        .filter((s) => s.dropped > 0)
        .map(
          (s) =>
            `InfluxDB lost ${s.dropped} of ${s.written + s.dropped} metric points${s.written === 0 ? ' (none arrived)' : ''}: its dashboards miss part of this run${s.lastError === undefined ? '' : ` (last error: ${s.lastError})`}; the summary and report are complete`,
        ),
    };
  };
  return {
    write(delta, at) {
      for (const output of json) output.write(delta, at);
      for (const output of influx) output.write(delta, at);
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
