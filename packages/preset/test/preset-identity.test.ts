import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPresetText, loadScriptFile, presetIdentity } from '../src/index.js';
import { load, minimalPreset } from './preset-fixtures.js';

const identityOf = (text: string) => presetIdentity(load(text).preset);
const base = identityOf(minimalPreset);

describe('presetIdentity', () => {
  it('is a hex SHA-256 that the same preset always gets', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(identityOf(minimalPreset)).toBe(base);
  });

  it('ignores key order, written defaults, budgets, tolerances, safety, tags and descriptions', () => {
    const reordered = `
scenarios:
  api:
    requests: [{ path: /, name: home }]
    duration: 10s
    vus: 2
    executor: constant-vus
    gracefulStop: 30s
target: { baseUrl: "http://127.0.0.1:8080" }
name: minimal
`;
    expect(identityOf(reordered)).toBe(base);
    const decorated = `${minimalPreset}description: other words
tags: { team: a }
thresholds: { http_req_duration: ["p(95)<100"] }
baseline: { p95IncreasePct: 50 }
safety: { maxVUs: 7 }
`;
    expect(identityOf(decorated)).toBe(base);
  });

  it('changes with the target, the load profile and the requests', () => {
    const changes = [
      minimalPreset.replace('127.0.0.1:8080', '127.0.0.1:9090'),
      minimalPreset.replace('vus: 2', 'vus: 3'),
      minimalPreset.replace('duration: 10s', 'duration: 20s'),
      minimalPreset.replace('path: /', 'path: /other'),
      minimalPreset.replace('name: home', 'name: start'),
    ];
    const identities = changes.map(identityOf);
    expect(new Set([base, ...identities]).size).toBe(changes.length + 1);
  });

  it('is taken after overrides and interpolation, so --target and --vus count', () => {
    const templated = minimalPreset.replace('http://127.0.0.1:8080', '${TARGET_URL}');
    expect(
      presetIdentity(
        loadPresetText(templated, 't.yaml', { env: { TARGET_URL: 'http://127.0.0.1:8080' } }).preset,
      ),
    ).toBe(base);
    const overridden = (overrides: { target?: string; vus?: number }) =>
      presetIdentity(loadPresetText(minimalPreset, 't.yaml', { overrides }).preset);
    expect(overridden({ target: 'http://127.0.0.1:8080' })).toBe(base);
    expect(overridden({ target: 'http://127.0.0.1:1' })).not.toBe(base);
    expect(overridden({ vus: 5 })).not.toBe(base);
  });
});

describe('presetIdentity of a script', () => {
  const flow =
    "import http from 'k6/http';\nimport { path } from './lib/path.js';\nexport const options = { vus: 1, iterations: 1 };\nexport default async function () { await http.get(`http://127.0.0.1:9${path}`); }\n";
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  function identityIn(libSource: string): string {
    const folder = mkdtempSync(join(tmpdir(), 'fpt-identity-'));
    folders.push(folder);
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'flow.js'), flow);
    writeFileSync(join(folder, 'lib', 'path.js'), libSource);
    const { loaded } = loadScriptFile(join(folder, 'flow.js'));
    return presetIdentity(loaded.preset, loaded.scripts);
  }

  it('is the same wherever the suite lies, and changes when one of its modules does', () => {
    const here = identityIn("export const path = '/fast';\n");
    expect(identityIn("export const path = '/fast';\n")).toBe(here);
    expect(identityIn("export const path = '/slow';\n")).not.toBe(here);
  });
});

describe('loadScriptFile', () => {
  it('runs the init code once, with the __ENV it was given, to read options and metrics alike', () => {
    const folder = mkdtempSync(join(tmpdir(), 'fpt-script-env-'));
    try {
      // The init code calls a method of an __ENV value: it only works with the environment given.
      writeFileSync(
        join(folder, 'flow.js'),
        "import { Counter } from 'k6/metrics';\nconst base = __ENV.BASE_URL.trim();\nconst hits = new Counter(`hits_${base.length}`);\nexport const options = { vus: 1, iterations: 1, thresholds: { hits_18: ['count>0'] } };\nexport default function () { hits.add(1); }\n",
      );
      const { loaded } = loadScriptFile(join(folder, 'flow.js'), {
        env: { BASE_URL: ' http://127.0.0.1:9 ' },
      });
      expect(Object.keys(loaded.preset.thresholds ?? {})).toEqual(['hits_18']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
