import type { YamlValue } from './format-yaml.js';
import { fptDatasource } from './fpt-datasource.js';

/** Where the Grafana container finds the dashboards (mount deploy/grafana/dashboards there). */
export const DASHBOARDS_PATH = '/var/lib/grafana/dashboards/fpt';

/**
 * Grafana data-source provisioning for the InfluxDB FPT writes to. Connection details come from the
 * Grafana process environment (Grafana expands `$VAR` in provisioning files), so one file serves every
 * deployment and no secret is committed.
 */
export function datasourceProvisioning(): { readonly [key: string]: YamlValue } {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: fptDatasource.name,
        uid: fptDatasource.uid,
        type: fptDatasource.type,
        access: 'proxy',
        url: '${FPT_GRAFANA_INFLUXDB_URL}',
        user: '${FPT_GRAFANA_INFLUXDB_USER}',
        isDefault: true,
        editable: false,
        jsonData: {
          version: 'InfluxQL',
          dbName: '${FPT_GRAFANA_INFLUXDB_DB}',
          httpMode: 'POST',
          // FPT writes one snapshot per second: a finer $__interval would only split pseudo-samples.
          timeInterval: '1s',
        },
        secureJsonData: { password: '${FPT_GRAFANA_INFLUXDB_PASSWORD}' },
      },
    ],
  };
}

/** Grafana dashboard provider: load the generated JSON files into an "FPT" folder, read-only. */
export function dashboardProvisioning(): { readonly [key: string]: YamlValue } {
  return {
    apiVersion: 1,
    providers: [
      {
        name: 'fpt',
        orgId: 1,
        folder: 'FPT',
        folderUid: 'fpt',
        type: 'file',
        disableDeletion: false,
        updateIntervalSeconds: 30,
        // The repository is the source of truth; regenerate with `npm run grafana` instead.
        allowUiUpdates: false,
        options: { path: DASHBOARDS_PATH, foldersFromFilesStructure: false },
      },
    ],
  };
}
