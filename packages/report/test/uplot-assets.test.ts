import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uplotLicense, uplotScript, uplotStyles, uplotVersion } from '../src/html/uplot-assets.js';
import { readInstalledUplot, uplotAssetsModule, uplotAssetsPath } from './write-uplot-assets.js';

describe('the inlined uPlot', () => {
  const installed = readInstalledUplot();

  it('is the installed uplot package, byte for byte (regenerate with write-uplot-assets.ts after an upgrade)', () => {
    expect(readFileSync(uplotAssetsPath, 'utf8')).toBe(uplotAssetsModule(installed));
    expect(uplotVersion).toBe(installed.version);
    expect(uplotScript).toBe(installed.script);
    expect(uplotStyles).toBe(installed.styles);
    expect(uplotLicense).toContain('Copyright (c) 2022 Leon Sorokin');
  });

  it('can sit inside a <script> and a <style> element as it is', () => {
    // An inline element ends at the first "</script" or "</style"; the report does not rewrite uPlot.
    expect(uplotScript).not.toMatch(/<\/script|<!--/i);
    expect(uplotStyles).not.toMatch(/<\/style/i);
    expect(uplotScript).toContain('var uPlot=');
  });
});
