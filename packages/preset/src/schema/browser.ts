import * as z from 'zod';
import { duration } from './common.js';

export const webVitalNames = ['lcp', 'fcp', 'cls', 'inp', 'ttfb'] as const;

const selector = z.string().min(1).describe('A CSS or Playwright selector.');

export const stepActions = ['goto', 'click', 'fill', 'press', 'waitFor', 'expect'] as const;

export const browserStepSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Step name used in errors and the report.'),
    goto: z
      .string()
      .min(1)
      .optional()
      .describe('Go to this path (joined to target.baseUrl) or absolute URL.'),
    click: selector.optional(),
    fill: z
      .strictObject({ selector, value: z.string().describe('Text to type; may use {{variables}}.') })
      .optional()
      .describe('Fill a form field.'),
    press: z
      .strictObject({ selector, key: z.string().min(1).describe('A key name such as Enter or Tab.') })
      .optional()
      .describe('Press a key in an element.'),
    waitFor: z
      .strictObject({
        selector: selector.optional(),
        text: z.string().optional().describe('Text that must become visible.'),
      })
      .optional()
      .describe('Wait until a selector or a text is visible.'),
    expect: z
      .strictObject({
        selector: selector.optional(),
        text: z.string().optional().describe('The page (or the selected element) must show this text.'),
        visible: z
          .boolean()
          .optional()
          .describe('With selector: the element must be visible (default true).'),
      })
      .optional()
      .describe('An expectation; a failed one is a failed check and saves a screenshot.'),
    timeout: duration('How long this step may take').optional(),
  })
  .describe('One browser step: exactly one of goto, click, fill, press, waitFor, expect.');

export const browserSchema = z
  .strictObject({
    steps: z.array(browserStepSchema).min(1).describe('The journey, run in order in each iteration.'),
    webVitals: z
      .array(z.enum(webVitalNames))
      .default([...webVitalNames])
      .describe('Which Web Vitals to collect as browser_web_vital_* metrics.'),
    viewport: z
      .strictObject({
        width: z.number().int().min(320).describe('Width in CSS pixels.'),
        height: z.number().int().min(240).describe('Height in CSS pixels.'),
      })
      .default({ width: 1280, height: 800 })
      .describe('Viewport size. INP is not reported at 1280×720 in headless Chromium, hence 1280×800.'),
    stepTimeout: duration('Default timeout of each step').default('30s'),
  })
  .describe('A browser journey run in headless Chromium, measured with Web Vitals.');

export type BrowserSpec = z.infer<typeof browserSchema>;
export type BrowserStep = z.infer<typeof browserStepSchema>;
