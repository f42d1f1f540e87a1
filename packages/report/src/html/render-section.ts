import { type HtmlValue, html, type SafeHtml } from './html-template.js';

/** One titled block of the page; `id` is its anchor in the table of contents. */
export function renderSection(id: string, title: string, body: HtmlValue): SafeHtml {
  return html`<section class="section" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;
}

/** A quiet sentence; `thin` frames it where a chart or table would have been. */
export function renderNote(text: HtmlValue, thin = false): SafeHtml {
  return html`<p class="${thin ? 'note thin' : 'note'}">${text}</p>`;
}
