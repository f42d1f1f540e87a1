import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinMetrics } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
// The project's YAML parser (a dependency of @fpt/preset), used here to read the files as Grafana would.
import { parse as parseYaml } from 'yaml';
import { buildDashboards, type DataPanel, fptDashboards, fptDatasource, webVitals } from '../src/index.js';

const deployDir = fileURLToPath(new URL('../../../deploy/grafana/', import.meta.url));
const { files } = buildDashboards();
const dashboards = Object.values(fptDashboards());

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Grafana's own macros, filled in by the data source rather than by dashboard variables. */
const MACROS = new Set(['timeFilter', '__interval', '__interval_ms']);

function referencedVariables(query: string): string[] {
  return [...query.matchAll(/\$\{(\w+)\}|\[\[(\w+)\]\]|\$(\w+)/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3])!)
    .filter((name) => !MACROS.has(name) && !name.startsWith('tag_'));
}

describe('generated Grafana files', () => {
  it('are committed under deploy/grafana exactly as the generator writes them (run `npm run grafana`)', () => {
    const committed = listFiles(deployDir).map((file) => relative(deployDir, file).split('\\').join('/'));
    expect(committed.sort()).toEqual(Object.keys(files).sort());
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(deployDir, path), 'utf8'), `${path} differs; run npm run grafana`).toBe(
        content,
      );
    }
  });

  it('are the same on every run of the generator', () => {
    expect(buildDashboards().files).toEqual(files);
  });

  it('provision one InfluxDB data source and a file provider for the dashboards folder', () => {
    const datasources = parseYaml(files['provisioning/datasources/influxdb.yaml']!) as {
      apiVersion: number;
      datasources: Record<string, unknown>[];
    };
    expect(datasources.apiVersion).toBe(1);
    expect(datasources.datasources).toHaveLength(1);
    expect(datasources.datasources[0]).toMatchObject({
      uid: fptDatasource.uid,
      type: 'influxdb',
      access: 'proxy',
      url: '${FPT_GRAFANA_INFLUXDB_URL}',
      jsonData: { dbName: '${FPT_GRAFANA_INFLUXDB_DB}', httpMode: 'POST', timeInterval: '1s' },
      secureJsonData: { password: '${FPT_GRAFANA_INFLUXDB_PASSWORD}' },
    });
    const providers = parseYaml(files['provisioning/dashboards/fpt.yaml']!) as {
      providers: { type: string; options: { path: string } }[];
    };
    expect(providers.providers).toMatchObject([
      { type: 'file', options: { path: '/var/lib/grafana/dashboards/fpt' } },
    ]);
  });
});

describe('dashboard JSON', () => {
  it('parses back to the generated objects', () => {
    for (const [name, dashboard] of Object.entries(fptDashboards())) {
      expect(JSON.parse(files[`dashboards/${name}`]!)).toEqual(JSON.parse(JSON.stringify(dashboard)));
    }
  });

  it('has unique dashboard uids and, within each dashboard, unique panel ids', () => {
    const uids = dashboards.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const dashboard of dashboards) {
      const ids = dashboard.panels.map((p) => p.id);
      expect(new Set(ids).size, dashboard.title).toBe(ids.length);
      expect(dashboard.title.length).toBeGreaterThan(0);
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    }
  });

  it('gives every data panel queries, each with a unique refId and non-empty InfluxQL', () => {
    for (const dashboard of dashboards) {
      for (const panel of dashboard.panels) {
        if (panel.type === 'row') continue;
        expect(panel.targets.length, panel.title).toBeGreaterThan(0);
        const refIds = panel.targets.map((t) => t.refId);
        expect(new Set(refIds).size, panel.title).toBe(refIds.length);
        for (const target of panel.targets) {
          expect(target.query, panel.title).toMatch(/^SELECT .+ FROM .+ WHERE .+\$timeFilter/);
          expect(target.rawQuery).toBe(true);
        }
      }
    }
  });

  it('points every data source reference at the provisioned data source', () => {
    for (const dashboard of dashboards) {
      const refs = [
        ...dashboard.templating.list.map((v) => v.datasource),
        ...dashboard.panels.flatMap((p) =>
          p.type === 'row' ? [] : [p.datasource, ...p.targets.map((t) => t.datasource)],
        ),
      ];
      for (const ref of refs) expect(ref).toEqual({ type: 'influxdb', uid: fptDatasource.uid });
    }
  });

  it('only uses variables the dashboard defines, each defined before it is used', () => {
    for (const dashboard of dashboards) {
      const names = dashboard.templating.list.map((v) => v.name);
      expect(names).toEqual(['testid', 'preset', 'region', 'name']);
      dashboard.templating.list.forEach((variable, index) => {
        expect(variable.query).toMatch(/^SHOW TAG VALUES FROM /);
        for (const used of referencedVariables(variable.query)) expect(names.slice(0, index)).toContain(used);
      });
      for (const panel of dashboard.panels) {
        if (panel.type === 'row') continue;
        for (const target of panel.targets) {
          for (const used of referencedVariables(target.query)) expect(names, target.query).toContain(used);
        }
      }
    }
  });

  it('queries only built-in FPT/k6 measurements', () => {
    for (const dashboard of dashboards) {
      for (const panel of dashboard.panels) {
        if (panel.type === 'row') continue;
        for (const target of panel.targets) {
          for (const [, measurement] of target.query.matchAll(/FROM "(\w+)"/g)) {
            expect(builtinMetrics[measurement!], measurement).toBeDefined();
          }
        }
      }
    }
  });

  it('lays panels out inside the 24-column grid without overlaps', () => {
    for (const dashboard of dashboards) {
      const taken = new Set<string>();
      for (const { gridPos, title } of dashboard.panels) {
        expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
        for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
          for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
            expect(taken.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
            taken.add(`${x},${y}`);
          }
        }
      }
    }
  });

  it('has the panels the issue asks for', () => {
    const titles = (uid: string) => dashboards.find((d) => d.uid === uid)!.panels.map((p) => p.title);
    expect(titles('fpt-regional-api')).toEqual(
      expect.arrayContaining([
        'p95 response time, all regions',
        'Error rate',
        'Requests per second by region',
        'Active VUs by region',
        'p50 and p95 response time by region',
        'Throughput and data transfer',
        'Endpoint breakdown',
      ]),
    );
    const vitals = titles('fpt-web-vitals');
    for (const vital of webVitals) {
      expect(vitals).toEqual(
        expect.arrayContaining([`${vital.short} p75 by page`, `${vital.short} p75 by region`]),
      );
    }
  });

  it('draws the Web Vitals good/poor thresholds on every vital panel', () => {
    const expected = {
      LCP: [2500, 4000],
      FCP: [1800, 3000],
      TTFB: [800, 1800],
      CLS: [0.1, 0.25],
      INP: [200, 500],
    } as const;
    const web = dashboards.find((d) => d.uid === 'fpt-web-vitals')!;
    let checked = 0;
    for (const panel of web.panels) {
      if (panel.type !== 'timeseries' && panel.type !== 'stat') continue;
      const short = panel.title.split(' ')[0] as keyof typeof expected;
      const steps = (panel as DataPanel).fieldConfig.defaults.thresholds?.steps.map((s) => s.value);
      expect(steps, panel.title).toEqual([null, ...expected[short]]);
      if (panel.type === 'timeseries') {
        expect(panel.fieldConfig.defaults.custom?.thresholdsStyle, panel.title).toEqual({
          mode: 'line+area',
        });
      }
      checked++;
    }
    expect(checked).toBe(15);
  });
});
