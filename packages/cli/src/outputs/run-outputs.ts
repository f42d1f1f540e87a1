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
  /** Flushes and closes every output; returns one line per output for the end of the run. */
  close(): Promise<string[]>;
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
  let closed: Promise<string[]> | undefined;
  const closeAll = async () => {
    await Promise.all(json.map((output) => output.close()));
    const stats = await Promise.all(influx.map((output) => output.close()));
    return stats.map(describeInfluxOutputStats);
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
        return [];
      }
      closed = closeAll();
      return closed;
    },
  };
}
