import vm from 'node:vm';
import { compileJsonPath, compileTemplate, evaluateJsonPath, renderTemplate } from '@fpt/engine';
import { exportK6Script } from '@fpt/k6-export';
import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../tools/test-support/create-prng.js';
import { variableExpression } from '../src/iteration-variables.js';
import { JsObject, js } from '../src/js-code.js';
import { camelIdentifier, IdentifierPool, isIdentifierName } from '../src/js-identifier.js';
import { jsonPathKeys } from '../src/json-path-keys.js';
import { printJsLiteral } from '../src/print-js-literal.js';
import { scriptHelpers } from '../src/script-helpers.js';
import { templateExpression } from '../src/template-expression.js';

const random = createPrng(20260611);
/** Characters that break naive quoting: quotes, backslashes, template syntax, line ends, controls, emoji. */
const tricky = [
  "'",
  '"',
  '`',
  '\\',
  '$',
  '{',
  '}',
  '${',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u007f',
  'é',
  '😀',
  ' ',
  'a',
  '{{',
  '}}',
];

function trickyString(): string {
  let out = '';
  const length = Math.floor(random() * 12);
  for (let i = 0; i < length; i++) out += tricky[Math.floor(random() * tricky.length)];
  return out;
}

function randomValue(depth: number): unknown {
  const kind = Math.floor(random() * (depth > 2 ? 4 : 6));
  if (kind === 0) return trickyString();
  if (kind === 1) return Math.round((random() - 0.5) * 1e6) / 100;
  if (kind === 2) return random() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(random() * 4) }, () => [trickyString(), randomValue(depth + 1)]),
  );
}

/** Evaluates a JavaScript expression in a fresh context. */
function evaluate(expression: string, globals: Record<string, unknown> = {}): unknown {
  return vm.runInNewContext(`(${expression})`, globals);
}

describe('printJsLiteral', () => {
  it('prints values that JavaScript reads back equal, whatever characters their strings hold', () => {
    for (let i = 0; i < 300; i++) {
      const value = randomValue(0);
      const printed = printJsLiteral(value);
      expect(JSON.stringify(evaluate(printed)), printed).toBe(JSON.stringify(value));
    }
  });

  it('puts a value on one line when it fits, else one entry per line with trailing commas', () => {
    expect(printJsLiteral({ a: 1, b: ['x'] })).toBe("{ a: 1, b: ['x'] }");
    const wide = { first: 'x'.repeat(50), second: 'y'.repeat(50) };
    expect(printJsLiteral(wide)).toBe(`{\n  first: '${wide.first}',\n  second: '${wide.second}',\n}`);
    expect(printJsLiteral(new JsObject([js('...base'), ['undefinedIsLeftOut', undefined], ['k', 2]]))).toBe(
      '{ ...base, k: 2 }',
    );
  });
});

describe('templateExpression', () => {
  it('renders as the engine renders the template, for any literal text around the placeholders', () => {
    // Typed placeholders ({{= name}}) render as text like {{name}} outside a JSON field of their own.
    const names = [
      'token',
      'users.username',
      '__VU',
      '$uuid',
      'with space',
      '',
      '= token',
      '=users.username',
    ];
    for (let i = 0; i < 300; i++) {
      let source = '';
      for (let part = 0; part < 4; part++) {
        source +=
          random() < 0.5
            ? trickyString()
            : `{{${random() < 0.3 ? ' ' : ''}${names[Math.floor(random() * names.length)]}}}`;
      }
      // Every name the engine sees gets a value (literal text may form placeholders of its own): this
      // compares rendering; a missing variable is the script's iteration variables' business.
      const template = compileTemplate(source);
      const referenced = template.parts.filter((_, index) => index % 2 === 1);
      const values = Object.fromEntries(referenced.map((name) => [name, trickyString()]));
      const expected = renderTemplate(template, new Map(Object.entries(values)));
      const expression = templateExpression(source, variableExpression).text;
      expect(evaluate(expression, { vars: values }), `${JSON.stringify(source)} → ${expression}`).toBe(
        expected,
      );
    }
  });
});

describe('JSON paths', () => {
  const paths = [
    '$',
    '$.a',
    'a.b',
    '$.data.items[0].id',
    "$['weird key'][1]",
    '$["x.y"].z',
    '$[0]',
    '$.a-b.$c',
  ];

  it('splits a preset JSON path into the keys the engine follows', () => {
    for (const path of paths) expect(jsonPathKeys(path), path).toEqual(compileJsonPath(path));
  });

  it("finds in a document what the engine finds (the script's valueAt helper)", () => {
    const helpers = `${scriptHelpers.NOT_FOUND.source}\n${scriptHelpers.valueAt.source}\n({ valueAt, NOT_FOUND })`;
    const { valueAt, NOT_FOUND } = vm.runInNewContext(helpers) as {
      valueAt: (document: unknown, keys: unknown[]) => unknown;
      NOT_FOUND: symbol;
    };
    const documents: unknown[] = [
      { a: { b: null }, data: { items: [{ id: 7 }] }, 'weird key': [0, 'one'], 'x.y': { z: false } },
      [{ a: 1 }],
      null,
      'text',
      { a: [], 'a-b': { $c: 3 }, toString: 1 },
    ];
    for (const document of documents) {
      for (const path of [...paths, '$.toString', '$.a.length', '$.a.b.c', '$[5]']) {
        const engine = evaluateJsonPath(document, compileJsonPath(path));
        const script = valueAt(JSON.parse(JSON.stringify(document)), jsonPathKeys(path));
        expect(script === NOT_FOUND ? 'not found' : script, `${path} in ${JSON.stringify(document)}`).toEqual(
          typeof engine === 'symbol' ? 'not found' : engine,
        );
      }
    }
  });
});

describe('script helpers for the preset logic', () => {
  const names = [
    'asText',
    'typedValue',
    'hasValue',
    'numberOf',
    'repeatCount',
    'listOf',
    'setElement',
    'addReadValue',
  ];
  const sources = names.map((name) => scriptHelpers[name as keyof typeof scriptHelpers].source);
  const helpers = vm.runInNewContext(`${sources.join('\n')}\n({ ${names.join(', ')} })`) as {
    typedValue: (text: string | undefined) => unknown;
    hasValue: (text: string | undefined) => boolean;
    numberOf: (text: string | undefined) => number;
    repeatCount: (text: string | undefined) => number;
    listOf: (text: string | undefined) => unknown[];
    setElement: (vars: Record<string, string>, as: string, element: unknown) => void;
    addReadValue: (
      metric: { add(value: unknown): void },
      value: unknown,
      isRate: boolean,
      tags: object,
    ) => void;
  };
  // Values cross from the vm's realm: compare them as JSON.
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;

  it('typedValue: the JSON a variable holds, its text when it is not JSON, null when unset', () => {
    expect(plain(helpers.typedValue('5'))).toBe(5);
    expect(plain(helpers.typedValue('true'))).toBe(true);
    expect(plain(helpers.typedValue('{"a":[1]}'))).toEqual({ a: [1] });
    expect(helpers.typedValue('abc')).toBe('abc');
    expect(helpers.typedValue('')).toBeNull();
    expect(helpers.typedValue(undefined)).toBeNull();
  });

  it("when's tests: an empty variable is unset; a blank or non-numeric one is no number", () => {
    expect([
      helpers.hasValue('x'),
      helpers.hasValue('0'),
      helpers.hasValue(''),
      helpers.hasValue(undefined),
    ]).toEqual([true, true, false, false]);
    expect([helpers.numberOf(' 3 '), helpers.numberOf('-1.5')]).toEqual([3, -1.5]);
    for (const text of ['', ' ', 'x', undefined]) expect(helpers.numberOf(text)).toBeNaN();
  });

  it('repeat counts and lists: whole counts from 0 and JSON arrays only, else no pass', () => {
    expect(['0', '3', ' 2 '].map(helpers.repeatCount)).toEqual([0, 3, 2]);
    expect(['', '-1', '2.5', 'two', '1e400', undefined].map(helpers.repeatCount)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(plain(helpers.listOf('[1,{"id":2}]'))).toEqual([1, { id: 2 }]);
    expect(['{"a":1}', '3', 'not json', '', undefined].map((text) => helpers.listOf(text).length)).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  it('setElement: the element as text, its fields by name, fields of the previous element emptied', () => {
    const vars: Record<string, string> = { other: 'kept' };
    helpers.setElement(vars, 'item', { id: 1, name: 'a', tags: ['x'], none: null });
    expect(vars).toEqual({
      other: 'kept',
      item: '{"id":1,"name":"a","tags":["x"],"none":null}',
      'item.id': '1',
      'item.name': 'a',
      'item.tags': '["x"]',
      'item.none': 'null',
    });
    helpers.setElement(vars, 'item', 'plain');
    expect(vars).toEqual({
      other: 'kept',
      item: 'plain',
      'item.id': '',
      'item.name': '',
      'item.tags': '',
      'item.none': '',
    });
  });

  it('addReadValue: numbers and numeric text; for a rate true/false too; nothing for anything else', () => {
    const added = (value: unknown, isRate: boolean) => {
      const values: unknown[] = [];
      helpers.addReadValue({ add: (v) => values.push(v) }, value, isRate, {});
      return values;
    };
    expect([added(4, false), added(' 2.5 ', false), added('0', false)]).toEqual([[4], [2.5], [0]]);
    for (const value of [undefined, null, '', 'abc', true, 'true', [1], { a: 1 }, Number.NaN, Infinity])
      expect(added(value, false), String(value)).toEqual([]);
    expect([added(true, true), added('false', true), added(3, true), added('0', true)]).toEqual([
      [true],
      [false],
      [true],
      [false],
    ]);
    expect(added('yes', true)).toEqual([]);
  });
});

describe('identifiers', () => {
  it('turns preset names into readable identifiers that are never reserved words', () => {
    expect(camelIdentifier('create-item')).toBe('createItem');
    expect(camelIdentifier('2nd.wave')).toBe('_2ndWave');
    expect(camelIdentifier('default')).toBe('_default');
    expect(camelIdentifier('---')).toBe('_');
    expect(isIdentifierName('class')).toBe(false);
    expect(isIdentifierName('$uuid')).toBe(true);
  });

  it("names a custom metric's constant after the metric, unless the script or its functions use that name", () => {
    const preset = `name: m
target: { baseUrl: "http://127.0.0.1:8787" }
metrics:
  checkout_time: { type: trend, isTime: true }
  vars: { type: counter }
  check: { type: rate }
scenarios:
  api:
    executor: constant-vus
    duration: 5s
    requests:
      - name: r
        path: /fast
        record: [{ metric: checkout_time }, { metric: vars }, { metric: check, value: status }]
`;
    const { script } = exportK6Script(loadPresetText(preset, '/virtual/m.yaml', { env: {} }));
    expect(script).toContain("const checkout_time = new Trend('checkout_time', true);");
    expect(script).toContain("const vars2 = new Counter('vars');");
    expect(script).toContain("const check2 = new Rate('check');");
    expect(script).toContain("vars2.add(1, { name: 'r' });");
  });

  it('hands out each name once, numbering the next claims', () => {
    const pool = new IdentifierPool(['check']);
    expect([pool.claim('check'), pool.claim('login'), pool.claim('login'), pool.claim('login')]).toEqual([
      'check2',
      'login',
      'login2',
      'login3',
    ]);
  });
});
