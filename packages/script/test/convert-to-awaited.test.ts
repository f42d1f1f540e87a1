import { describe, expect, it } from 'vitest';
import { convertToAwaited } from '../src/index.js';

const convert = (body: string) =>
  convertToAwaited(
    `import http from 'k6/http';\nimport * as k6 from 'k6';\nimport { get } from 'k6/http';\nimport { Trend } from 'k6/metrics';\n${body}`,
    'script.js',
  );

describe('fpt k6 import: the awaits a plain k6 script needs', () => {
  it('awaits network calls and sleep, parenthesised where the result is read at once, and makes their functions async', () => {
    const { code, awaited, madeAsync, problems } = convert(
      `export default function () {\n  const n = http.get('http://a/').json().length;\n  get('http://b/');\n  k6.sleep(1);\n}\n`,
    );
    expect(problems).toEqual([]);
    expect(code).toContain(`export default async function () {`);
    expect(code).toContain(`const n = (await http.get('http://a/')).json().length;`);
    expect(code).toContain(`  await get('http://b/');`);
    expect(code).toContain(`  await k6.sleep(1);`);
    expect([awaited, madeAsync]).toEqual([3, 1]);
  });

  it('follows the calls through the script own functions, arrows and methods, to any depth', () => {
    const { code } = convert(
      `const t = new Trend('t');\nconst api = { item(id) { return http.get('http://a/' + id); } };\nconst twice = (id) => [api.item(id), api.item(id)];\nfunction flow() { return twice(1); }\nexport default function () { t.add(1); flow(); }\n`,
    );
    expect(code).toContain(`async item(id) { return await http.get('http://a/' + id); }`);
    expect(code).toContain(`const twice = async (id) => [await api.item(id), await api.item(id)];`);
    expect(code).toContain(`async function flow() { return await twice(1); }`);
    expect(code).toContain(`export default async function () { t.add(1); await flow(); }`);
  });

  it('awaits a group whose function became async, and leaves calls already awaited alone', () => {
    const { code, awaited } = convert(
      `export default async function () {\n  k6.group('g', () => { http.get('http://a/'); });\n  await http.get('http://b/');\n}\n`,
    );
    expect(code).toContain(`await k6.group('g', async () => { await http.get('http://a/'); });`);
    expect(code).toContain(`  await http.get('http://b/');`);
    expect(code).not.toContain('await await');
    expect(awaited).toBe(3);
  });

  it('changes nothing in a script without network calls', () => {
    const source = `import { check } from 'k6';\nexport default function () { check(1, { one: (v) => v === 1 }); }\n`;
    expect(convertToAwaited(source, 'script.js')).toEqual({
      code: source,
      awaited: 0,
      madeAsync: 0,
      problems: [],
    });
  });
});
