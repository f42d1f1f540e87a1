import type { BrowserSpec, BrowserStep } from '@fpt/preset';
import { defaultPageName, parseDurationMs } from '@fpt/preset';
import { type CompiledTemplate, compileTemplate } from '../template.js';

interface StepBase {
  /** Position in the journey, 0-based. */
  readonly index: number;
  /** The check this step records: its name, else one generated from what it does. */
  readonly checkName: string;
  readonly timeoutMs: number;
}

export type CompiledStep = StepBase &
  (
    | { readonly action: 'goto'; readonly url: CompiledTemplate; readonly pageName: string }
    | { readonly action: 'click'; readonly selector: CompiledTemplate }
    | { readonly action: 'fill'; readonly selector: CompiledTemplate; readonly value: CompiledTemplate }
    | { readonly action: 'press'; readonly selector: CompiledTemplate; readonly key: CompiledTemplate }
    | {
        readonly action: 'waitFor';
        readonly selector: CompiledTemplate | undefined;
        readonly text: CompiledTemplate | undefined;
      }
    | {
        readonly action: 'expect';
        readonly selector: CompiledTemplate | undefined;
        readonly text: CompiledTemplate | undefined;
        readonly visible: boolean;
      }
  );

const absoluteUrl = /^[a-z][a-z0-9+.-]*:/i;

/** A goto target as the browser gets it: absolute URLs as they are, paths joined to target.baseUrl. */
export function gotoUrlSource(goto: string, baseUrl: string): string {
  if (absoluteUrl.test(goto)) return goto;
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}${goto.startsWith('/') ? '' : '/'}${goto}`;
}

/**
 * The default page name of a goto: its path without query, taken from the unrendered source so that a
 * templated goto (`/users/{{__VU}}`) stays one name rather than one per VU.
 */

/** The check name of a step without a name of its own, e.g. `expect text "Clicked!"`. */
export function generatedCheckName(step: BrowserStep): string {
  if (step.goto !== undefined) return `goto ${step.goto}`;
  if (step.click !== undefined) return `click ${step.click}`;
  if (step.fill !== undefined) return `fill ${step.fill.selector}`;
  if (step.press !== undefined) return `press ${step.press.key} in ${step.press.selector}`;
  const target = step.waitFor ?? step.expect;
  const parts: string[] = [step.waitFor !== undefined ? 'waitFor' : 'expect'];
  if (target?.selector !== undefined) parts.push(`selector ${target.selector}`);
  if (target?.text !== undefined) parts.push(`text ${JSON.stringify(target.text)}`);
  if (step.expect?.visible === false) parts.push('hidden');
  return parts.join(' ');
}

function optionalTemplate(source: string | undefined): CompiledTemplate | undefined {
  return source === undefined ? undefined : compileTemplate(source);
}

/** Compiles the journey once per scenario; the preset package already checked one action per step. */
export function compileBrowserSteps(browser: BrowserSpec, baseUrl: string): CompiledStep[] {
  const defaultTimeoutMs = parseDurationMs(browser.stepTimeout);
  return browser.steps.map((step, index): CompiledStep => {
    const base: StepBase = {
      index,
      checkName: step.name ?? generatedCheckName(step),
      timeoutMs: step.timeout !== undefined ? parseDurationMs(step.timeout) : defaultTimeoutMs,
    };
    if (step.goto !== undefined) {
      return {
        ...base,
        action: 'goto',
        url: compileTemplate(gotoUrlSource(step.goto, baseUrl)),
        pageName: step.name ?? defaultPageName(step.goto),
      };
    }
    if (step.click !== undefined) return { ...base, action: 'click', selector: compileTemplate(step.click) };
    if (step.fill !== undefined) {
      return {
        ...base,
        action: 'fill',
        selector: compileTemplate(step.fill.selector),
        value: compileTemplate(step.fill.value),
      };
    }
    if (step.press !== undefined) {
      return {
        ...base,
        action: 'press',
        selector: compileTemplate(step.press.selector),
        key: compileTemplate(step.press.key),
      };
    }
    if (step.waitFor !== undefined) {
      return {
        ...base,
        action: 'waitFor',
        selector: optionalTemplate(step.waitFor.selector),
        text: optionalTemplate(step.waitFor.text),
      };
    }
    const expectation = step.expect ?? {};
    return {
      ...base,
      action: 'expect',
      selector: optionalTemplate(expectation.selector),
      text: optionalTemplate(expectation.text),
      visible: expectation.visible ?? true,
    };
  });
}
