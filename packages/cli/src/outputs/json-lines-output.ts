import { createWriteStream, type WriteStream } from 'node:fs';
import { decodeSink, type MetricsSnapshot } from '@fpt/metrics';

/**
 * `--out json=<file>`: one JSON object per line, per metric series per interval (not per request: a
 * per-request file grows with test length, which FPT avoids everywhere). Documented in docs/outputs.md.
 *   {"type":"Point","metric":"http_req_duration","time":"…","tags":{…},"values":{"count":…,"avg":…,"p(95)":…}}
 */
export class JsonLinesOutput {
  readonly #stream: WriteStream;
  readonly #described = new Set<string>();

  constructor(file: string) {
    this.#stream = createWriteStream(file, { flags: 'w' });
  }

  write(delta: MetricsSnapshot, at: Date): void {
    const time = at.toISOString();
    for (const definition of delta.definitions) {
      if (this.#described.has(definition.name)) continue;
      this.#described.add(definition.name);
      this.#stream.write(
        `${JSON.stringify({ type: 'Metric', metric: definition.name, data: definition })}\n`,
      );
    }
    for (const series of delta.series) {
      const sink = decodeSink(series.sink);
      const tags = delta.tagSets[series.tagSet] ?? {};
      let values: Record<string, number>;
      switch (sink.type) {
        case 'counter':
          values = { count: sink.count };
          break;
        case 'gauge':
          values = { value: sink.value, min: sink.min, max: sink.max };
          break;
        case 'rate':
          values = { rate: sink.rate ?? 0, passes: sink.passes, fails: sink.fails };
          break;
        case 'trend':
          values = {
            count: sink.count,
            avg: sink.avg,
            min: sink.min,
            max: sink.max,
            'p(50)': sink.percentile(50),
            'p(90)': sink.percentile(90),
            'p(95)': sink.percentile(95),
            'p(99)': sink.percentile(99),
          };
          break;
      }
      this.#stream.write(`${JSON.stringify({ type: 'Point', metric: series.metric, time, tags, values })}\n`);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
