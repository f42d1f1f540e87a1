import { html, type SafeHtml } from './html-template.js';

/**
 * An ISO timestamp written in UTC ("2025-01-01 10:00:00 UTC"); the page's script shows it in the
 * reader's zone and keeps UTC in the tooltip.
 */
export function renderTime(iso: string): SafeHtml {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  const text = match ? `${match[1]} ${match[2]} UTC` : iso;
  return html`<time datetime="${iso}" data-local>${text}</time>`;
}
