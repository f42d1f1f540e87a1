import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPresetFile, PresetError } from '../src/index.js';
import { load, minimalPreset, presetFolder, problemsOf, summarise } from './preset-fixtures.js';

describe('environment interpolation', () => {
  const text = minimalPreset
    .replace('http://127.0.0.1:8080', '${TARGET:-http://127.0.0.1:1}')
    .replace('vus: 2', 'vus: ${VUS:-3}');

  it('uses the variable, else the default; a plain ${VAR} scalar becomes a number', () => {
    expect(load(text).preset.target.baseUrl).toBe('http://127.0.0.1:1');
    expect(load(text).preset.scenarios.api).toMatchObject({ vus: 3 });
    const withEnv = load(text, { TARGET: 'http://127.0.0.1:2', VUS: '7' });
    expect(withEnv.preset.target.baseUrl).toBe('http://127.0.0.1:2');
    expect(withEnv.preset.scenarios.api).toMatchObject({ vus: 7 });
  });

  it('names a missing variable without a default, where it is used', () => {
    const problems = problemsOf(minimalPreset.replace('http://127.0.0.1:8080', '${TARGET_URL}/v1'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 12, fieldPath: 'target.baseUrl' });
    expect(problems[0]!.message).toBe('environment variable TARGET_URL is not set and has no default');
    expect(problems[0]!.hint).toContain('${TARGET_URL:-value}');
  });

  it('reports a missing variable together with the other problems, not instead of them', () => {
    const text = minimalPreset
      .replace('http://127.0.0.1:8080', '${TARGET_URL}')
      .replace('vus: 2', 'vus: 2\n    vu: 3');
    expect(summarise(problemsOf(text))).toEqual([
      expect.stringMatching(/^target\.baseUrl: environment variable TARGET_URL is not set/),
      'scenarios.api.vu: unknown field "vu" (did you mean "vus"?)',
    ]);
  });

  it('keeps $${ as a literal and quoted references as strings', () => {
    const preset = load(
      `${minimalPreset}\ndescription: "costs $\${PRICE} and \${N:-5}"\ntags: { n: "\${N:-5}" }`,
    ).preset;
    expect(preset.description).toBe('costs ${PRICE} and 5');
    expect(preset.tags).toEqual({ n: '5' });
  });

  it('reports a malformed reference', () => {
    expect(summarise(problemsOf(`${minimalPreset}\ndescription: "\${1BAD}"`))[0]).toMatch(
      /malformed variable reference/,
    );
  });
});

describe('errors point at file:line:column', () => {
  it('points at a misspelt key, lists all problems at once, sorted by line', () => {
    const text = [
      'name: x',
      'target:',
      '  baseUrl: http://127.0.0.1:1',
      '  timout: 5s',
      'scenarios:',
      '  api:',
      '    executor: constant-vus',
      '    vus: many',
      '    duration: 1s',
      '    requests: [{ name: a, path: / }]',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.column, p.fieldPath])).toEqual([
      [4, 3, 'target.timout'],
      [8, 10, 'scenarios.api.vus'],
    ]);
    expect(problems[0]!.hint).toBe('did you mean "timeout"?');
    expect(problems[1]!.message).toBe('expected a whole number');
  });

  it('refuses duplicate keys', () => {
    const problems = problemsOf(`${minimalPreset}\nname: again`);
    expect(problems[0]).toMatchObject({
      line: 14,
      message: 'duplicate key: each key may appear once in a mapping',
    });
  });

  it('reports YAML syntax errors with their position', () => {
    const problems = problemsOf('name: x\ntarget: [unclosed\n');
    expect(problems[0]!.message).toMatch(/^YAML syntax error/);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('says what a preset is when the file holds something else', () => {
    expect(summarise(problemsOf('- just\n- a list'))).toEqual([
      ': a preset must be a mapping of fields (name, target, scenarios, ...)',
    ]);
    expect(() => loadPresetFile('/nonexistent/preset.yaml')).toThrow(PresetError);
  });
});

describe('extends', () => {
  const base = `name: base
target: { baseUrl: "http://127.0.0.1:1", timeout: 5s }
tags: { team: web }
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 10s
    requests: [{ name: home, path: / }]
thresholds:
  http_req_duration: ["p(95)<500"]
`;
  const dir = presetFolder({
    'base.yaml': base,
    'child.yaml': `extends: base\nname: child\nscenarios:\n  api:\n    vus: 4\nthresholds:\n  http_req_failed: ["rate<0.01"]\ntags: null\n`,
    'grandchild.yaml': `extends: ./child.yaml\nname: grandchild\ntarget: { timeout: 1s }\n`,
    'bad-child.yaml': `extends: base\nname: bad\nscenarios:\n  api:\n    vus: -1\n`,
    'missing.yaml': `extends: nowhere\nname: m\n`,
    'cycle-a.yaml': `extends: cycle-b\nname: a\n`,
    'cycle-b.yaml': `extends: cycle-a\nname: b\n`,
  });

  it('merges mappings, replaces lists and scalars, and removes keys set to null', () => {
    const { preset, files } = loadPresetFile(join(dir, 'child.yaml'));
    expect(files.map((f) => f.split('/').pop())).toEqual(['child.yaml', 'base.yaml']);
    expect(preset.name).toBe('child');
    expect(preset.scenarios.api).toMatchObject({ vus: 4, duration: '10s' });
    expect(Object.keys(preset.thresholds ?? {})).toEqual(['http_req_duration', 'http_req_failed']);
    expect(preset.tags).toBeUndefined();
  });

  it('chains through several files', () => {
    const { preset, files } = loadPresetFile(join(dir, 'grandchild.yaml'));
    expect(files).toHaveLength(3);
    expect(preset.target).toMatchObject({ baseUrl: 'http://127.0.0.1:1', timeout: '1s' });
    expect(preset.scenarios.api).toMatchObject({ vus: 4 });
  });

  it('reports a problem in the file that holds the bad value', () => {
    try {
      loadPresetFile(join(dir, 'bad-child.yaml'));
      expect.unreachable();
    } catch (error) {
      const problem = (error as PresetError).problems[0]!;
      expect(problem.file).toMatch(/bad-child\.yaml$/);
      expect(problem).toMatchObject({ line: 5, column: 10, fieldPath: 'scenarios.api.vus' });
    }
  });

  it('reports a missing parent and a cycle', () => {
    expect(() => loadPresetFile(join(dir, 'missing.yaml'))).toThrow(/cannot find preset "nowhere" to extend/);
    expect(() => loadPresetFile(join(dir, 'cycle-a.yaml'))).toThrow(/makes a cycle/);
  });
});

describe('data files', () => {
  const dir = presetFolder({
    'users.csv': 'user,pass\na,1\n"b, c",2\n',
    'items.json': '[{"id": 1}, {"id": 2}]',
    'broken.csv': 'user,pass\na\n',
    'preset.yaml': `name: d
target: { baseUrl: "http://127.0.0.1:1" }
data:
  - { name: users, file: users.csv, assign: per-vu }
  - { name: items, file: items.json }
scenarios:
  api:
    executor: constant-vus
    duration: 1s
    requests: [{ name: a, path: "/{{users.user}}/{{items.id}}" }]
`,
    'bad.yaml': `name: d
target: { baseUrl: "http://127.0.0.1:1" }
data:
  - { name: users, file: users.csv }
  - { name: gone, file: gone.csv }
  - { name: broken, file: broken.csv }
scenarios:
  api:
    executor: constant-vus
    duration: 1s
    requests: [{ name: a, path: "/{{users.email}}" }]
`,
  });

  it('reads CSV and JSON rows', () => {
    const { data, preset } = loadPresetFile(join(dir, 'preset.yaml'));
    expect(data.users).toEqual([
      { user: 'a', pass: '1' },
      { user: 'b, c', pass: '2' },
    ]);
    expect(data.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(preset.data?.[1]?.assign).toBe('per-iteration');
  });

  it('reports a missing file, a ragged CSV and a column that does not exist', () => {
    const problems = (() => {
      try {
        loadPresetFile(join(dir, 'bad.yaml'));
      } catch (error) {
        return summarise((error as PresetError).problems);
      }
      return [];
    })();
    expect(problems).toEqual([
      'data[0].file: {{users.email}} is used, but users.csv has no column "email" (columns: user, pass)',
      expect.stringMatching(/^data\[1\]\.file: data file not found: .*gone\.csv$/),
      'data[2].file: data file broken.csv line 2: row 2 has 1 fields, the header has 2',
    ]);
  });
});
