/** Type a tag is converted to when it is written as a field instead (k6's `tagsAsFields`, `name:type`). */
export type TagFieldType = 'string' | 'int' | 'float' | 'bool';

export interface TagAsField {
  readonly tag: string;
  readonly type: TagFieldType;
}

interface InfluxCommonConfig {
  /** Server URL without credentials, query or trailing slash; a path prefix (reverse proxy) is kept. */
  readonly url: string;
  /** How often buffered points are sent (k6 `pushInterval`). */
  readonly pushIntervalMs: number;
  /** Most write requests in flight at once (k6 `concurrentWrites`). */
  readonly concurrentWrites: number;
  /** Points held while InfluxDB is slow or down; past it the oldest are dropped. */
  readonly maxBufferedPoints: number;
  /** Pseudo-samples written per trend or rate series per interval; past it they are downsampled. */
  readonly maxPointsPerSeries: number;
  /** Tags written as fields instead (k6 `tagsAsFields`), to keep high-cardinality values out of the index. */
  readonly tagsAsFields: readonly TagAsField[];
}

/** InfluxDB 1.x: `POST /write?db=&rp=&precision=ns`, optional basic auth. */
export interface InfluxV1Config extends InfluxCommonConfig {
  readonly kind: 'v1';
  readonly db: string;
  /** Retention policy (`rp`); the database's default when absent. */
  readonly retention?: string;
  readonly username?: string;
  readonly password?: string;
}

/** InfluxDB 2.x (and 3.x's v2 compatibility API): `POST /api/v2/write?org=&bucket=&precision=ns`, token auth. */
export interface InfluxV2Config extends InfluxCommonConfig {
  readonly kind: 'v2';
  readonly org: string;
  readonly bucket: string;
  readonly token: string;
}

export type InfluxOutputConfig = InfluxV1Config | InfluxV2Config;

/** Defaults, k6's where k6 has the setting. */
export const influxDefaults = {
  url: 'http://localhost:8086',
  db: 'k6',
  pushIntervalMs: 1000,
  concurrentWrites: 4,
  maxBufferedPoints: 200_000,
  maxPointsPerSeries: 1000,
} as const;

/** Where the output writes, without credentials, for logs and the end-of-run line. */
export function describeInfluxTarget(config: InfluxOutputConfig): string {
  return config.kind === 'v1'
    ? `InfluxDB ${config.url} database ${config.db}${config.retention ? ` (retention ${config.retention})` : ''}`
    : `InfluxDB ${config.url} org ${config.org} bucket ${config.bucket}`;
}
