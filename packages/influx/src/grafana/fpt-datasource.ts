import type { DatasourceRef } from './grafana-types.js';

/**
 * The one InfluxDB data source the dashboards query, provisioned with this fixed uid so panels can refer
 * to it without a data-source variable.
 */
export const fptDatasource = {
  name: 'FPT InfluxDB',
  uid: 'fpt-influxdb',
  type: 'influxdb',
} as const;

export const fptDatasourceRef: DatasourceRef = { type: fptDatasource.type, uid: fptDatasource.uid };
