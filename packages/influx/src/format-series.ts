import type { Tags } from '@fpt/metrics';
import { escapeMeasurement, escapeTag, quoteStringField } from './escape-line-protocol.js';
import type { TagAsField } from './influx-output-config.js';

/** The constant parts of every line of one series: `measurement,k=v,…` and any extra `,field=…`. */
export interface FormattedSeries {
  readonly key: string;
  /** `,name=value` pairs from tags written as fields; empty when there are none. */
  readonly extraFields: string;
}

/**
 * Builds the series key of a metric's points. Run tags (testid, preset, region, agent) are added to the
 * sample's tags, and a sample tag of the same name wins, as a k6 request tag wins over a test-wide tag.
 * Tags with an empty value are left out (line protocol has no empty tag values, and k6's "no tag" reads
 * the same in InfluxQL), `time` is left out (InfluxDB refuses it), and keys are sorted, which is the
 * order InfluxDB indexes fastest.
 */
export function formatSeries(
  measurement: string,
  sampleTags: Tags,
  runTags: Tags,
  tagsAsFields: readonly TagAsField[],
): FormattedSeries {
  const merged: Record<string, string> = { ...runTags, ...sampleTags };
  let extraFields = '';
  for (const { tag, type } of tagsAsFields) {
    const value = merged[tag];
    if (value === undefined) continue;
    delete merged[tag];
    extraFields += `,${escapeTag(tag)}=${fieldValue(value, type)}`;
  }
  let key = escapeMeasurement(measurement);
  const names = Object.keys(merged)
    .filter((name) => name !== '' && name !== 'time' && merged[name] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) key += `,${escapeTag(name)}=${escapeTag(merged[name]!)}`;
  return { key, extraFields };
}

/** k6's conversion: a value that does not convert to the asked type is written as a string. */
function fieldValue(value: string, type: TagAsField['type']): string {
  switch (type) {
    case 'int':
      return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))
        ? `${value}i`
        : quoteStringField(value);
    case 'float': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? String(n) : quoteStringField(value);
    }
    case 'bool':
      return value === 'true' || value === 'false' ? value : quoteStringField(value);
    default:
      return quoteStringField(value);
  }
}
