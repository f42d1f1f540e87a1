import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { contrastRatio, over, parseColor, type Rgba } from '../src/lib/contrast.js';

/** Screenshots land in the repository's .fpt/ (ignored by git), for a reviewer to look at. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../.fpt/ui-screenshots/', import.meta.url));

/** The widths and colour schemes every page must work in: a laptop and a phone, light and dark. */
export const LAYOUTS = [
  { width: 1440, height: 900, colorScheme: 'light' },
  { width: 1440, height: 900, colorScheme: 'dark' },
  { width: 390, height: 844, colorScheme: 'light' },
  { width: 390, height: 844, colorScheme: 'dark' },
] as const;

export type Layout = (typeof LAYOUTS)[number];

/** WCAG 2 AA for normal text. */
export const AA = 4.5;

/**
 * In the page: each element's text colour and the background colours behind it, innermost first, up to
 * the first opaque one (the page's scripts compile without the DOM library here, so this is a string).
 */
export const colorsOf = (selector: string) => `[...document.querySelectorAll(${JSON.stringify(selector)})]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => {
    const backgrounds = [];
    for (let node = el; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') {
        backgrounds.push(bg);
        if (!bg.startsWith('rgba')) break;
      }
    }
    backgrounds.push(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)');
    return { what: (el.className || el.tagName) + ': ' + el.textContent.trim().slice(0, 40), color: getComputedStyle(el).color, backgrounds };
  })`;

/** The colour an element's text is seen on: its backgrounds composited from the outermost in. */
export function seenBackground(backgrounds: readonly string[]): Rgba {
  const layers = backgrounds.map((b) => parseColor(b)!);
  let seen = layers.at(-1)!;
  for (const layer of layers.slice(0, -1).reverse()) seen = over(layer, seen);
  return over(seen, { r: 255, g: 255, b: 255, a: 1 });
}

/** A drawn chart: the axis colour it was given, its scheme, the page's --chart-axis and what it sits on. */
export interface DrawnChart {
  readonly id: string;
  readonly axis: string;
  readonly scheme: string;
  readonly variable: string;
  readonly backgrounds: string[];
}

/**
 * Every chart uPlot drew on the page, with the colours its axis text was given and is seen on. The UI's
 * charts say their axis colour (`data-axis-stroke`); for another page, `axis` is an expression that reads it.
 */
export function drawnCharts(page: Page, axis = 'el.dataset.axisStroke'): Promise<DrawnChart[]> {
  return page.evaluate<DrawnChart[]>(`[...document.querySelectorAll('.chart[data-drawn=true]')].map((el) => {
      const backgrounds = [];
      for (let node = el; node; node = node.parentElement) {
        const bg = getComputedStyle(node).backgroundColor;
        if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') { backgrounds.push(bg); if (!bg.startsWith('rgba')) break; }
      }
      backgrounds.push(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)');
      return { id: el.id, axis: ${axis}, scheme: el.dataset.scheme, variable: getComputedStyle(el).getPropertyValue('--chart-axis').trim(), backgrounds };
    })`);
}

/**
 * uPlot draws axis text on a canvas, so each chart says what colour it was given: the page's --chart-axis
 * for the layout's scheme, at AA contrast on the chart's background.
 */
export function expectReadableAxes(charts: readonly DrawnChart[], layout: Layout, where: string): void {
  for (const chart of charts) {
    const at = `${chart.id} on ${where}`;
    expect(chart.scheme, at).toBe(layout.colorScheme);
    expect(chart.axis, at).toBe(chart.variable);
    const ratio = contrastRatio(parseColor(chart.axis)!, seenBackground(chart.backgrounds));
    expect(ratio, `${at}: axis ${chart.axis} on ${chart.backgrounds.join(' over ')}`).toBeGreaterThanOrEqual(
      AA,
    );
  }
}

/** Nothing scrolls sideways: wide tables scroll in their own box or become cards. */
export async function expectNoSidewaysScroll(page: Page, layout: Layout, where: string): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), where).toBeLessThanOrEqual(
    layout.width,
  );
}
