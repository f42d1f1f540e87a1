import { defaultPageName, loadPresetText } from '@fpt/preset';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumFlags, runsAsRoot } from '../src/browser/chromium-flags.js';
import {
  compileBrowserSteps,
  generatedCheckName,
  gotoUrlSource,
} from '../src/browser/compile-browser-steps.js';
import { chromiumCandidates, findChromium } from '../src/browser/find-chromium.js';
import { flushExpression } from '../src/browser/page-vitals-collector.js';
import { screenshotPath } from '../src/browser/screenshot-path.js';
import { settleWithin } from '../src/browser/settle-within.js';
import { webVitalsInitScript } from '../src/browser/web-vitals-init-script.js';
import { EngineError } from '../src/engine-error.js';
import { runPreset } from '../src/index.js';
import { renderTemplate } from '../src/template.js';

describe('findChromium', () => {
  it('takes FPT_CHROMIUM_PATH when it is executable', () => {
    expect(findChromium({ FPT_CHROMIUM_PATH: '/opt/chrome' }, (p) => p === '/opt/chrome')).toBe(
      '/opt/chrome',
    );
  });

  it('refuses an FPT_CHROMIUM_PATH that is not executable, naming it', () => {
    expect(() => findChromium({ FPT_CHROMIUM_PATH: '/nope' }, () => false)).toThrow(
      /FPT_CHROMIUM_PATH is \/nope/,
    );
  });

  it('finds the first executable candidate on the machine', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
    expect(chromiumCandidates[0]).toBe('/usr/bin/chromium');
  });

  it('without any Chromium, throws an EngineError whose hint names the Debian package', () => {
    let error: unknown;
    try {
      findChromium({}, () => false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toContain('/usr/bin/chromium');
    expect((error as EngineError).hint).toContain('Debian package "chromium"');
    expect((error as EngineError).hint).toContain('FPT_CHROMIUM_PATH');
  });
});

describe('Chromium flags', () => {
  it('fit small containers and closed networks', () => {
    expect(chromiumFlags).toEqual([
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ]);
    // --no-sandbox is Playwright's chromiumSandbox: false, chosen from this.
    expect(runsAsRoot()).toBe(process.getuid?.() === 0);
  });
});

describe('compiled browser steps', () => {
  const browser = {
    webVitals: ['lcp' as const],
    viewport: { width: 1280, height: 800 },
    stepTimeout: '7s',
    steps: [
      { goto: '/pages/home?x=1' },
      { goto: 'users/{{__VU}}', name: 'user page', timeout: '2s' },
      { click: '#buy' },
      { fill: { selector: '#email', value: 'u{{__VU}}@example.test' } },
      { press: { selector: '#email', key: 'Enter' } },
      { waitFor: { text: 'Done' } },
      { expect: { text: 'Clicked!' } },
      { expect: { selector: '.spinner', visible: false } },
      { expect: { selector: 'h1', text: 'Shop' }, name: 'title shown' },
    ],
  };

  it('name their checks from what they do, unless named', () => {
    const steps = compileBrowserSteps(browser, 'http://127.0.0.1:8787/');
    expect(steps.map((s) => s.checkName)).toEqual([
      'goto /pages/home?x=1',
      'user page',
      'click #buy',
      'fill #email',
      'press Enter in #email',
      'waitFor text "Done"',
      'expect text "Clicked!"',
      'expect selector .spinner hidden',
      'title shown',
    ]);
    expect(steps.map((s) => s.timeoutMs)).toEqual([7000, 2000, 7000, 7000, 7000, 7000, 7000, 7000, 7000]);
  });

  it('join goto paths to the base URL and render their templates; page names come from the unrendered path', () => {
    const steps = compileBrowserSteps(browser, 'http://127.0.0.1:8787/');
    const vars = new Map([['__VU', '3']]);
    const [home, user] = steps;
    if (home?.action !== 'goto' || user?.action !== 'goto') throw new Error('expected gotos');
    expect(renderTemplate(home.url, vars)).toBe('http://127.0.0.1:8787/pages/home?x=1');
    expect(home.pageName).toBe('/pages/home');
    expect(renderTemplate(user.url, vars)).toBe('http://127.0.0.1:8787/users/3');
    expect(user.pageName).toBe('user page');
    expect(defaultPageName('users/{{__VU}}')).toBe('/users/{{__VU}}');
    expect(defaultPageName('https://example.test/a/b?c=d#e')).toBe('/a/b');
    expect(defaultPageName('https://example.test')).toBe('/');
    expect(gotoUrlSource('https://other.test/x', 'http://127.0.0.1:1')).toBe('https://other.test/x');
    expect(gotoUrlSource('/x', 'http://127.0.0.1:1/base/')).toBe('http://127.0.0.1:1/base/x');
    expect(generatedCheckName({ waitFor: { selector: '#a', text: 'b' } })).toBe(
      'waitFor selector #a text "b"',
    );
  });
});

describe('browser helpers', () => {
  it('screenshot paths: scenario made file-safe, iteration from 0, step from 1', () => {
    expect(screenshotPath('/tmp/a', 'my scenario/1', 2, 0, 4)).toBe(
      '/tmp/a/screenshots/my_scenario_1-vu2-iter0-step5.png',
    );
  });

  it('settleWithin never rejects: value, error, timeout, abort', async () => {
    expect(await settleWithin(Promise.resolve(1), 100)).toEqual({ ok: true, value: 1 });
    const failed = await settleWithin(Promise.reject(new Error('x')), 100);
    expect(failed).toMatchObject({ ok: false, reason: 'error' });
    expect(await settleWithin(new Promise(() => {}), 10)).toEqual({ ok: false, reason: 'timeout' });
    const stop = new AbortController();
    const pending = settleWithin(new Promise(() => {}), 10_000, stop.signal);
    stop.abort();
    expect(await pending).toEqual({ ok: false, reason: 'aborted' });
  });

  it('the init script is the web-vitals IIFE, put on window, then the collector', () => {
    const script = webVitalsInitScript();
    expect(script.startsWith('var webVitals=function')).toBe(true);
    expect(script).toContain(';window.webVitals = webVitals;');
    expect(script).toContain('reportAllChanges: true');
    expect(script).not.toContain('sourceMappingURL');
    expect(flushExpression()).toBe('window.__fptVitals ? window.__fptVitals.flush(2000, 1000, 300) : null');
  });
});

describe('a browser scenario without Chromium', () => {
  const saved = process.env.FPT_CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.FPT_CHROMIUM_PATH;
    else process.env.FPT_CHROMIUM_PATH = saved;
  });

  it('fails the run before any load with an EngineError that says how to get one', async () => {
    process.env.FPT_CHROMIUM_PATH = '/nonexistent/chromium';
    const loaded = loadPresetText(
      `name: t
target: { baseUrl: "http://127.0.0.1:9" }
scenarios:
  b:
    executor: per-vu-iterations
    maxDuration: 1m
    browser: { steps: [{ goto: / }] }
`,
      't.yaml',
    );
    await expect(runPreset({ loaded, workers: 1 })).rejects.toThrow(EngineError);
    await expect(runPreset({ loaded, workers: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('FPT_CHROMIUM_PATH is /nonexistent/chromium'),
      hint: expect.stringContaining('Debian package "chromium"'),
    });
  });
});
