import { describe, expect, it } from 'vitest';
import { transformModule } from '../src/index.js';

const transform = (source: string) =>
  transformModule('/s/main.js', source, (specifier) => ({ key: `/s/${specifier.replace('./', '')}` }));

describe('a script module as a function body', () => {
  it('keeps every statement on its own line, so errors point at the script lines', () => {
    const source = `import http from 'k6/http';\nimport { helper } from './lib.js';\n\nexport default function () {\n  throw new Error('here');\n}\n`;
    const { module, problems } = transform(source);
    expect(problems).toEqual([]);
    const lines = module!.body.split('\n');
    expect(lines).toHaveLength(source.split('\n').length);
    expect(lines[4]).toBe(`  throw new Error('here');`);
    expect(module!.fileImports).toEqual(['/s/lib.js']);
  });

  it('turns imports into __import calls and exports into live getters, per-VU globals into the VU values', () => {
    const { module } = transform(
      `import http, { get as fetch } from 'k6/http';\nimport * as lib from './lib.js';\nexport let count = 0;\nexport { count as total };\nexport default () => __VU + __ITER + lib.x + ({ __VU }).__VU;\n`,
    );
    expect(module!.body).toContain('const http = __import("k6/http").default;');
    expect(module!.body).toContain('const { "get": fetch } = __import("k6/http");');
    expect(module!.body).toContain('const lib = __import("/s/lib.js");');
    expect(module!.body).toContain(
      'Object.defineProperty(__exports, "total", { enumerable: true, get: () => count });',
    );
    expect(module!.body).toContain(
      '__exports.default = (() => __fpt.vu + __fpt.iter + lib.x + ({ __VU: __fpt.vu }).__VU);',
    );
  });

  it('refuses await in the init code, import.meta and TypeScript, each at its place', () => {
    expect(
      transform(`const x = await 1;\nexport default function () { return import.meta.url; }\n`).problems,
    ).toEqual([
      expect.objectContaining({
        line: 1,
        column: 11,
        message: expect.stringContaining('await outside a function'),
      }),
      expect.objectContaining({
        line: 2,
        column: 37,
        message: 'import.meta is not available in FPT scripts',
      }),
    ]);
    expect(transformModule('/s/a.ts', 'let x: number = 1;', () => ({ key: '' })).problems[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('not valid JavaScript'),
      hint: expect.stringContaining('TypeScript'),
    });
  });
});
