import { SAMPLE_ROW, type SampleBatch, type Tags } from '@fpt/metrics';
import { OutputFile } from './output-file.js';

/** k6's CSV columns for its default system tags, in its order (internal/output/csv MakeHeader). */
const tagColumns = [
  'check',
  'error',
  'error_code',
  'expected_response',
  'group',
  'method',
  'name',
  'proto',
  'scenario',
  'service',
  'status',
  'subproto',
  'tls_version',
  'url',
] as const;
const columnSet = new Set<string>(tagColumns);

export const k6CsvHeader = [
  'metric_name',
  'timestamp',
  'metric_value',
  ...tagColumns,
  'extra_tags',
  'metadata',
].join(',');

/**
 * `--out csv=<file>` as k6 writes it: one row per sample, the timestamp in Unix seconds, the value with six
 * decimals (Go's %f), k6's system tags in their columns and every other tag (region, your own) in
 * extra_tags as k=v&k2=v2. A .gz name writes it gzip-compressed.
 */
export class K6CsvOutput {
  readonly #file: OutputFile;

  constructor(path: string) {
    this.#file = new OutputFile(path);
    this.#file.write(`${k6CsvHeader}\n`);
  }

  write(batch: SampleBatch): void {
    // The tag columns of a tag set are the same for all its samples: built once per batch.
    const tagCells = batch.tagSets.map(tagRowCells);
    const names = batch.metrics.map(csvField);
    const { rows } = batch;
    for (let at = 0; at < rows.length; at += SAMPLE_ROW) {
      const seconds = Math.floor(rows[at + 3]! / 1000);
      this.#file.write(
        `${names[rows[at]!]},${seconds},${rows[at + 2]!.toFixed(6)},${tagCells[rows[at + 1]!]},\n`,
      );
    }
    this.#file.flush();
  }

  /** Why the file is incomplete, if it is. */
  close(): Promise<string | undefined> {
    return this.#file.close();
  }
}

function tagRowCells(tags: Tags): string {
  const extra = Object.entries(tags)
    .filter(([key]) => !columnSet.has(key))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [...tagColumns.map((column) => csvField(tags[column] ?? '')), csvField(extra)].join(',');
}

/** A CSV field as Go's encoding/csv writes it: quoted when it holds a comma, quote, line break or leading space. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith(' ') ? `"${value.replaceAll('"', '""')}"` : value;
}
