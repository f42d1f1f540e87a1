import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accessoryService,
  envOf,
  get,
  loadDestinations,
  mountsOf,
} from '../../test-support/deploy/kamal-fleet.js';
import { readRepoFile, readRepoYaml, repoRoot } from '../../test-support/deploy/repo-files.js';

// The metrics node's Grafana is provisioned from the files `npm run grafana` generates into deploy/grafana/:
// these tests tie the accessory's mounts and environment to those files and to the InfluxDB accessory.
const metricsNodes = loadDestinations().filter((d) => get(d.config, 'accessories', 'grafana') !== undefined);
const node = metricsNodes[0]!;
const grafana = get(node.config, 'accessories', 'grafana');
const influxdb = get(node.config, 'accessories', 'influxdb');
const mounts = mountsOf(get(grafana, 'files'));
const grafanaEnv = envOf(get(grafana, 'env'));
const influxEnv = envOf(get(influxdb, 'env'));

const generated = (folder: string) =>
  readdirSync(join(repoRoot, 'deploy/grafana', folder)).map((file) => `deploy/grafana/${folder}/${file}`);
const provisioning = [...generated('provisioning/datasources'), ...generated('provisioning/dashboards')];
const dashboards = generated('dashboards');
const providerPath = String(
  get(readRepoYaml('deploy/grafana/provisioning/dashboards/fpt.yaml'), 'providers', '0', 'options', 'path'),
);

describe('the metrics node: Grafana provisioned from deploy/grafana/', () => {
  it('is one destination, which also runs InfluxDB', () => {
    expect(metricsNodes.map((d) => d.name)).toEqual(['near-a']);
    expect(influxdb).toBeDefined();
  });

  it('mounts only files that exist', () => {
    expect(mounts.filter((m) => !existsSync(join(repoRoot, m.local)))).toEqual([]);
  });

  it.each(provisioning)('mounts %s into /etc/grafana/provisioning/', (file) => {
    const kind = posix.basename(posix.dirname(file));
    expect(mounts).toContainEqual({
      local: file,
      remote: `/etc/grafana/provisioning/${kind}/${posix.basename(file)}`,
    });
  });

  it.each(dashboards)('mounts %s where the dashboard provider looks', (file) => {
    expect(providerPath).toMatch(/^\//);
    expect(mounts).toContainEqual({ local: file, remote: posix.join(providerPath, posix.basename(file)) });
  });

  it('sets every variable the provisioning files expand', () => {
    const used = provisioning.flatMap((file) =>
      [...readRepoFile(file).matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(0);
    const set = [...Object.keys(grafanaEnv.clear), ...grafanaEnv.secret.map((s) => s.name)];
    expect(used.filter((name) => !set.includes(name))).toEqual([]);
  });

  it("reads InfluxDB's database as its read-only user, over the kamal network", () => {
    const url = new URL(grafanaEnv.clear.FPT_GRAFANA_INFLUXDB_URL ?? '');
    const [containerPort] = String(get(influxdb, 'port')).split(':').slice(-1);
    expect(url.hostname).toBe(accessoryService(node.config, 'influxdb'));
    expect(url.port).toBe(containerPort);
    expect(grafanaEnv.clear.FPT_GRAFANA_INFLUXDB_DB).toBe(influxEnv.clear.INFLUXDB_DB);
    expect(grafanaEnv.clear.FPT_GRAFANA_INFLUXDB_USER).toBe(influxEnv.clear.INFLUXDB_READ_USER);
    const password = grafanaEnv.secret.find((s) => s.name === 'FPT_GRAFANA_INFLUXDB_PASSWORD');
    expect(password?.secret).toBe('INFLUXDB_READ_USER_PASSWORD');
    expect(influxEnv.secret.map((s) => s.secret)).toContain('INFLUXDB_READ_USER_PASSWORD');
  });

  it('publishes InfluxDB on a private address only', () => {
    const [address] = String(get(influxdb, 'port')).split(':');
    expect(address).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(influxEnv.clear.INFLUXDB_HTTP_AUTH_ENABLED).toBe('true');
  });
});
