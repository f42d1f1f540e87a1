import { html, type SafeHtml } from './html-template.js';

export type StatusTone = 'good' | 'bad' | 'warn' | 'neutral';

/** The icon that goes with each tone, so status never rests on colour alone. */
export const STATUS_ICON: Readonly<Record<StatusTone, string>> = {
  good: '✓',
  bad: '✗',
  warn: '!',
  neutral: '–',
};

/** A status as icon + word + colour, never colour alone. */
export function renderStatus(tone: StatusTone, word: string): SafeHtml {
  return html`<span class="status ${tone}"><span aria-hidden="true">${STATUS_ICON[tone]}</span> ${word}</span>`;
}
