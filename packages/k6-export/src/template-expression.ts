import { JsCode, js } from './js-code.js';
import { escapeJsText, quoteJsString } from './print-js-literal.js';

/** Literal text, or an expression whose string value goes in its place. */
export type TemplatePiece = string | JsCode;

/**
 * FPT's `{{name}}` placeholder, spaces inside the braces allowed (as the engine reads it). The typed form
 * `{{= name}}` renders the same in text; only a JSON field it fills alone differs (see templatedValue).
 */
const placeholder = /\{\{\s*=?\s*([^{}]*?)\s*\}\}/g;
const typedPlaceholder = /^\{\{\s*=\s*([^{}]*?)\s*\}\}$/;

/** Splits a preset string into literal text and the expressions that replace its `{{name}}` parts. */
export function templatePieces(source: string, variable: (name: string) => JsCode): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let last = 0;
  for (const match of source.matchAll(placeholder)) {
    pieces.push(source.slice(last, match.index), variable(match[1] ?? ''));
    last = match.index + match[0].length;
  }
  pieces.push(source.slice(last));
  return pieces.filter((piece) => piece !== '');
}

/** Pieces as one string expression: a quoted literal when all are text, else a template literal. */
export function joinTemplate(pieces: readonly TemplatePiece[]): JsCode {
  if (pieces.every((piece) => typeof piece === 'string')) return js(quoteJsString(pieces.join('')));
  // Every expression here is a string already (variables hold text), so a lone one needs no template.
  if (pieces.length === 1 && pieces[0] instanceof JsCode) return pieces[0];
  const body = pieces
    .map((piece) => (typeof piece === 'string' ? escapeJsText(piece, '`') : `\${${piece.text}}`))
    .join('');
  return js(`\`${body}\``);
}

/** A preset string with `{{name}}` placeholders as a JavaScript string expression. */
export function templateExpression(source: string, variable: (name: string) => JsCode): JsCode {
  return joinTemplate(templatePieces(source, variable));
}

/** True when the string has a `{{name}}` placeholder. */
export function hasPlaceholder(source: string): boolean {
  return source.match(placeholder) !== null;
}

/** The variable a string names when it is exactly one typed placeholder (`{{= count}}`), else undefined. */
export function typedPlaceholderName(source: string): string | undefined {
  return typedPlaceholder.exec(source)?.[1];
}
