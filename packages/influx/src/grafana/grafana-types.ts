/*
 * The parts of Grafana's dashboard JSON model (schemaVersion 39) the generated dashboards use, typed so a
 * misspelt key fails the build. Written from Grafana's documented model, not from its source.
 */

export interface DatasourceRef {
  readonly type: 'influxdb';
  readonly uid: string;
}

/** An InfluxQL query in raw mode, as Grafana's InfluxDB data source stores it. */
export interface InfluxQueryTarget {
  readonly refId: string;
  readonly datasource: DatasourceRef;
  readonly query: string;
  readonly rawQuery: true;
  readonly resultFormat: 'time_series' | 'table';
  /** Legend text; `$tag_<key>` and `$col` are filled in by the data source. */
  readonly alias?: string;
}

export interface ThresholdStep {
  readonly color: string;
  /** null for the base step, below every value. */
  readonly value: number | null;
}

export interface Thresholds {
  readonly mode: 'absolute' | 'percentage';
  readonly steps: readonly ThresholdStep[];
}

export interface FieldDefaults {
  readonly unit?: string;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: Thresholds;
  readonly color?: { readonly mode: string };
  readonly custom?: Readonly<Record<string, unknown>>;
}

export interface FieldOverride {
  readonly matcher: { readonly id: 'byName' | 'byFrameRefID' | 'byRegexp'; readonly options: string };
  readonly properties: readonly { readonly id: string; readonly value: unknown }[];
}

export interface GridPos {
  readonly h: number;
  readonly w: number;
  readonly x: number;
  readonly y: number;
}

export interface DataPanel {
  readonly id: number;
  readonly type: 'timeseries' | 'stat' | 'table';
  readonly title: string;
  readonly description?: string;
  readonly gridPos: GridPos;
  readonly datasource: DatasourceRef;
  readonly targets: readonly InfluxQueryTarget[];
  readonly fieldConfig: { readonly defaults: FieldDefaults; readonly overrides: readonly FieldOverride[] };
  readonly options: Readonly<Record<string, unknown>>;
  readonly transformations?: readonly {
    readonly id: string;
    readonly options: Readonly<Record<string, unknown>>;
  }[];
}

export interface RowPanel {
  readonly id: number;
  readonly type: 'row';
  readonly title: string;
  readonly gridPos: GridPos;
  readonly collapsed: false;
  readonly panels: readonly [];
}

export type Panel = DataPanel | RowPanel;

export interface QueryVariable {
  readonly type: 'query';
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  readonly datasource: DatasourceRef;
  /** InfluxQL, usually SHOW TAG VALUES; may refer to earlier variables. */
  readonly query: string;
  readonly definition: string;
  /** 1: on dashboard load, 2: on time range change. */
  readonly refresh: 1 | 2;
  /** 1: alphabetical ascending, 2: alphabetical descending. */
  readonly sort: 1 | 2;
  readonly multi: boolean;
  readonly includeAll: boolean;
  /** What "All" becomes; `.*` so a regex filter also matches points without the tag. */
  readonly allValue?: string;
  readonly current: Readonly<Record<string, never>>;
  readonly options: readonly [];
  readonly hide: 0;
  readonly regex: '';
  readonly skipUrlSync: false;
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: 'browser';
  readonly editable: boolean;
  readonly graphTooltip: 0 | 1 | 2;
  readonly schemaVersion: number;
  readonly version: number;
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly timepicker: Readonly<Record<string, never>>;
  readonly fiscalYearStartMonth: 0;
  readonly liveNow: false;
  readonly links: readonly [];
  readonly annotations: { readonly list: readonly Readonly<Record<string, unknown>>[] };
  readonly templating: { readonly list: readonly QueryVariable[] };
  readonly panels: readonly Panel[];
}
