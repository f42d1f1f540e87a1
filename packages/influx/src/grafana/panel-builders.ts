import { fptDatasourceRef } from './fpt-datasource.js';
import type {
  DataPanel,
  FieldDefaults,
  FieldOverride,
  InfluxQueryTarget,
  QueryVariable,
  Thresholds,
} from './grafana-types.js';

/** A panel before layout gives it an id and a place. */
export type PanelSpec = Omit<DataPanel, 'id' | 'gridPos'>;

export function influxTarget(
  refId: string,
  query: string,
  options: { readonly alias?: string; readonly format?: 'time_series' | 'table' } = {},
): InfluxQueryTarget {
  return {
    refId,
    datasource: fptDatasourceRef,
    query,
    rawQuery: true,
    resultFormat: options.format ?? 'time_series',
    ...(options.alias !== undefined ? { alias: options.alias } : {}),
  };
}

/** Green below `good`, orange up to `poor`, red from `poor`: the Web Vitals and error-rate bands. */
export function goodPoorThresholds(good: number, poor: number): Thresholds {
  return {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      { color: 'orange', value: good },
      { color: 'red', value: poor },
    ],
  };
}

const plainThresholds: Thresholds = { mode: 'absolute', steps: [{ color: 'green', value: null }] };

interface CommonPanelOptions {
  readonly title: string;
  readonly description: string;
  readonly targets: readonly InfluxQueryTarget[];
  readonly unit: string;
  readonly decimals?: number;
  readonly thresholds?: Thresholds;
  readonly overrides?: readonly FieldOverride[];
}

export function timeseriesPanel(
  options: CommonPanelOptions & {
    /** Draw the thresholds as lines with shaded bands. */
    readonly drawThresholds?: boolean;
    readonly min?: number;
  },
): PanelSpec {
  const defaults: FieldDefaults = {
    unit: options.unit,
    ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
    ...(options.min !== undefined ? { min: options.min } : {}),
    color: { mode: 'palette-classic' },
    thresholds: options.thresholds ?? plainThresholds,
    custom: {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: 10,
      showPoints: 'never',
      spanNulls: true,
      thresholdsStyle: { mode: options.drawThresholds ? 'line+area' : 'off' },
    },
  };
  return {
    type: 'timeseries',
    title: options.title,
    description: options.description,
    datasource: fptDatasourceRef,
    targets: options.targets,
    fieldConfig: { defaults, overrides: options.overrides ?? [] },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['mean', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

export function statPanel(options: CommonPanelOptions): PanelSpec {
  return {
    type: 'stat',
    title: options.title,
    description: options.description,
    datasource: fptDatasourceRef,
    targets: options.targets,
    fieldConfig: {
      defaults: {
        unit: options.unit,
        ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
        color: { mode: 'thresholds' },
        thresholds: options.thresholds ?? plainThresholds,
      },
      overrides: options.overrides ?? [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'none',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: 'auto',
    },
  };
}

/** A table merging several table-format queries on their shared tag columns, without the time column. */
export function tablePanel(options: CommonPanelOptions): PanelSpec {
  return {
    type: 'table',
    title: options.title,
    description: options.description,
    datasource: fptDatasourceRef,
    targets: options.targets,
    fieldConfig: {
      defaults: {
        unit: options.unit,
        ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
        thresholds: options.thresholds ?? plainThresholds,
      },
      overrides: options.overrides ?? [],
    },
    options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } },
    transformations: [
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { Time: true } } },
    ],
  };
}

export function unitOverride(fieldName: string, unit: string): FieldOverride {
  return { matcher: { id: 'byName', options: fieldName }, properties: [{ id: 'unit', value: unit }] };
}

export function queryVariable(
  options: Pick<QueryVariable, 'name' | 'label' | 'description' | 'query' | 'sort'> & {
    readonly multi: boolean;
  },
): QueryVariable {
  return {
    type: 'query',
    name: options.name,
    label: options.label,
    ...(options.description !== undefined ? { description: options.description } : {}),
    datasource: fptDatasourceRef,
    query: options.query,
    definition: options.query,
    // On time-range change, so a run that just started shows up without reloading the dashboard.
    refresh: 2,
    sort: options.sort,
    multi: options.multi,
    includeAll: options.multi,
    ...(options.multi ? { allValue: '.*' } : {}),
    current: {},
    options: [],
    hide: 0,
    regex: '',
    skipUrlSync: false,
  };
}
