import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, expectedShiftCls, startDemoTarget } from '../src/index.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

async function page(path: string, status = 200): Promise<string> {
  const res = await fetch(`${target.url}${path}`);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.text();
}

function expectSelfContained(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  // Any absolute URL would make Web Vitals depend on the network instead of this server.
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/@import|url\(/i);
}

describe('HTML pages', () => {
  it('/pages/home has a heading, a hero, a clickable button and a form', async () => {
    const html = await page('/pages/home');
    expectSelfContained(html);
    expect(html).toContain('<h1 id="title">');
    expect(html).toContain('id="hero"');
    expect(html).toContain('<button id="cta" type="button">');
    expect(html).toContain('<p id="result"');
    expect(html).toContain("textContent = 'Clicked!'");
    expect(html).toMatch(/<form id="search-form"[^>]*>[\s\S]*<input id="q"/);
  });

  it('/pages/home also has the #buy button and #email field the seed presets use, and echoes a submit', async () => {
    const html = await page('/pages/home?q=a&email=b');
    expect(html).toContain('<button id="buy" type="button">');
    expect(html).toMatch(/<form id="search-form"[^>]*>[\s\S]*<input id="email" name="email"/);
    expect(html).toContain("getElementById('buy').addEventListener('click', showClicked)");
    expect(html).toContain(
      "'Submitted q=' + (params.get('q') || '') + ' email=' + (params.get('email') || '')",
    );
  });

  it('/pages/slow-lcp inserts the hero after ms', async () => {
    const html = await page('/pages/slow-lcp?ms=1234');
    expectSelfContained(html);
    expect(html).not.toContain('id="hero"');
    expect(html).toContain("hero.id = 'hero'");
    expect(html).toMatch(/\}, 1234\);/);
    expect(await page('/pages/slow-lcp')).toMatch(/\}, 800\);/);
  });

  it('/pages/shift inserts a banner above the content after load + ms', async () => {
    const html = await page('/pages/shift');
    expectSelfContained(html);
    expect(html.indexOf('id="banner-slot"')).toBeLessThan(html.indexOf('id="content"'));
    expect(html).toContain("addEventListener('load'");
    expect(html).toMatch(/\}, 300\);/);
    expect(html).toContain('#banner { height: 200px;');
  });

  it('/pages/shift has fixed-height boxes, so its CLS is a known number', async () => {
    const html = await page('/pages/shift');
    expect(html).toContain('header { height: 100px; box-sizing: border-box; overflow: hidden;');
    expect(html).toContain('#content { height: 300px; box-sizing: border-box; overflow: hidden;');
    // (400 px of boxes + 200 px banner) / 800 px high × 200 px moved / 1280 px widest side
    expect(expectedShiftCls({ width: 1280, height: 800 })).toBe(0.1171875);
    expect(expectedShiftCls({ width: 1280, height: 720 })).toBeCloseTo(0.1302083, 6);
  });

  it('/pages/slow-click blocks the main thread for ms in the click handler', async () => {
    const html = await page('/pages/slow-click?ms=240');
    expectSelfContained(html);
    expect(html).toContain('<button id="slow" type="button">');
    expect(html).toContain('while (performance.now() - start < 240) {}');
    expect(html).toContain("getElementById('result').textContent = 'Done'");
    expect(await page('/pages/slow-click')).toContain('performance.now() - start < 304)');
  });

  it('/pages/no-lcp paints nothing: its only element is visibility:hidden', async () => {
    const html = await page('/pages/no-lcp');
    expectSelfContained(html);
    const body = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>')).trim();
    expect(body).toBe('<p id="invisible" style="visibility: hidden">This text is never painted.</p>');
  });

  it('/pages/error answers 500 with an HTML page', async () => {
    const html = await page('/pages/error', 500);
    expectSelfContained(html);
    expect(html).toContain('<h1 id="title">Something went wrong</h1>');
  });

  it('rejects a bad ms with 400', async () => {
    for (const path of ['/pages/slow-lcp?ms=x', '/pages/shift?ms=60001', '/pages/slow-click?ms=10001']) {
      const res = await fetch(`${target.url}${path}`);
      expect(res.status, path).toBe(400);
      await res.arrayBuffer();
    }
  });
});
