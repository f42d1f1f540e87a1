import { html, type SafeHtml } from './html-template.js';

export type StatusTone = 'good' | 'bad' | 'warn' | 'neutral';

const ICON: Readonly<Record<StatusTone, string>> = { good: '✓', bad: '✗', warn: '!', neutral: '–' };

/** A status as icon + word + colour, never colour alone. */
export function renderStatus(tone: StatusTone, word: string): SafeHtml {
  return html`<span class="status ${tone}"><span aria-hidden="true">${ICON[tone]}</span> ${word}</span>`;
}
