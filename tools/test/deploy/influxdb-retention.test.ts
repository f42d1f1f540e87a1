import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envOf, get, loadDestinations, mountsOf } from '../../test-support/deploy/kamal-fleet.js';
import { readRepoFile, readRepoYaml, repoRoot } from '../../test-support/deploy/repo-files.js';
import {
  type InfluxdProcess,
  influxdMissingReason,
  spawnInfluxd,
} from '../../test-support/influxd-process.js';

// The metrics node's InfluxDB keeps a bounded window of metrics: deploy/influxdb/retention.sh sets the
// default policy's duration from the accessory's environment. It runs here against a real InfluxDB 1.x, as
// the image's init script sources it on an empty volume and as the deploy workflow runs it afterwards.
const missing = influxdMissingReason();
if (missing !== undefined) console.warn(`Skipping the InfluxDB retention tests: ${missing}`);

const script = 'deploy/influxdb/retention.sh';
const metricsNode = loadDestinations().find((d) => get(d.config, 'accessories', 'influxdb') !== undefined)!;
const influxdb = get(metricsNode.config, 'accessories', 'influxdb');
const env = envOf(get(influxdb, 'env')).clear;
const mount = mountsOf(get(influxdb, 'files')).find((m) => m.local === script);

let server: InfluxdProcess | undefined;
beforeAll(async () => {
  if (missing !== undefined) return;
  server = await spawnInfluxd();
  await server.ready;
  await influxQuery(`CREATE DATABASE "${env.INFLUXDB_DB}"`);
});
afterAll(async () => {
  await server?.stop();
});

async function influxQuery(q: string): Promise<unknown> {
  const response = await fetch(`${server!.url}/query`, {
    method: 'POST',
    body: new URLSearchParams({ q }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function retentionPolicies(): Promise<Record<string, unknown>[]> {
  const body = (await influxQuery(`SHOW RETENTION POLICIES ON "${env.INFLUXDB_DB}"`)) as {
    results: { series: { columns: string[]; values: unknown[][] }[] }[];
  };
  const [series] = body.results[0]!.series;
  return series!.values.map((row) => Object.fromEntries(series!.columns.map((c, i) => [c, row[i]])));
}

/** Runs the script as the container would: its environment, InfluxDB on 127.0.0.1. */
function runScript(overrides: Record<string, string> = {}, sourced = false) {
  const port = new URL(server!.url).port;
  const command = sourced
    ? `set -e; . ${join(repoRoot, script)}; echo init-continues`
    : join(repoRoot, script);
  return spawnSync('bash', sourced ? ['-c', command] : [command], {
    env: {
      PATH: process.env.PATH,
      ...env,
      INFLUXDB_ADMIN_PASSWORD: 'admin-password',
      // The image's init script runs its temporary influxd on this port; the script follows it.
      INFLUXDB_INIT_PORT: port,
      ...overrides,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('InfluxDB retention on the metrics node', () => {
  it('is configured on the accessory and mounted where the image runs init scripts', () => {
    expect(env.FPT_INFLUXDB_RETENTION).toMatch(/^\d+[hdw]$/);
    expect(env.FPT_INFLUXDB_SHARD_DURATION).toMatch(/^\d+[hdw]$/);
    expect(mount?.remote).toMatch(/^\/docker-entrypoint-initdb\.d\/[\w-]+\.sh$/);
  });

  it('is applied by the deploy workflow after booting the accessories, from the mounted path', () => {
    const workflow = readRepoFile('.github/workflows/deploy.yml');
    expect(workflow).toContain(
      `kamal accessory exec influxdb -d "$DESTINATION" --reuse "bash ${mount?.remote}"`,
    );
    const steps = (
      readRepoYaml('.github/workflows/deploy.yml') as {
        jobs: { deploy: { steps: { if?: string; run?: string }[] } };
      }
    ).jobs.deploy.steps;
    const apply = steps.findIndex((s) => s.run?.includes('fpt-retention.sh'));
    const reboot = steps.findIndex((s) => s.run?.includes('kamal accessory reboot'));
    expect(apply).toBeGreaterThan(reboot);
    expect(steps[apply]?.if).toBe("inputs.accessories != 'skip'");
  });

  it.skipIf(missing !== undefined)(
    "sets the database's default policy to the configured window, twice over",
    async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const run = runScript();
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain(`${env.INFLUXDB_DB} keeps ${env.FPT_INFLUXDB_RETENTION} of metrics`);
      }
      const days = Number(/^(\d+)d$/.exec(env.FPT_INFLUXDB_RETENTION ?? '')?.[1]);
      const shardDays = Number(/^(\d+)d$/.exec(env.FPT_INFLUXDB_SHARD_DURATION ?? '')?.[1]);
      expect(await retentionPolicies()).toEqual([
        {
          name: 'autogen',
          duration: `${days * 24}h0m0s`,
          shardGroupDuration: `${shardDays * 24}h0m0s`,
          replicaN: 1,
          default: true,
        },
      ]);
    },
  );

  it.skipIf(missing !== undefined)(
    'lets the init script go on when sourced, and stops it on a bad value',
    () => {
      const sourced = runScript({}, true);
      expect(sourced.status).toBe(0);
      expect(sourced.stdout).toContain('init-continues');
      const bad = runScript({ FPT_INFLUXDB_RETENTION: 'forever' }, true);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).not.toContain('init-continues');
      expect(bad.stderr).toContain('could not set the retention');
      const unset = runScript({ FPT_INFLUXDB_RETENTION: '' });
      expect(unset.status).not.toBe(0);
      expect(unset.stderr).toContain('FPT_INFLUXDB_RETENTION is not set');
    },
  );
});
