import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, startDemoTarget } from '../src/index.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

async function page(path: string): Promise<string> {
  const res = await fetch(`${target.url}${path}`);
  expect(res.status).toBe(200);
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

  it('rejects a bad ms with 400', async () => {
    for (const path of ['/pages/slow-lcp?ms=x', '/pages/shift?ms=60001']) {
      const res = await fetch(`${target.url}${path}`);
      expect(res.status, path).toBe(400);
      await res.arrayBuffer();
    }
  });
});
