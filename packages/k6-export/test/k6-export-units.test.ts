import vm from 'node:vm';
import { compileJsonPath, compileTemplate, evaluateJsonPath, renderTemplate } from '@fpt/engine';
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
    const names = ['token', 'users.username', '__VU', '$uuid', 'with space', ''];
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

describe('identifiers', () => {
  it('turns preset names into readable identifiers that are never reserved words', () => {
    expect(camelIdentifier('create-item')).toBe('createItem');
    expect(camelIdentifier('2nd.wave')).toBe('_2ndWave');
    expect(camelIdentifier('default')).toBe('_default');
    expect(camelIdentifier('---')).toBe('_');
    expect(isIdentifierName('class')).toBe(false);
    expect(isIdentifierName('$uuid')).toBe(true);
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
