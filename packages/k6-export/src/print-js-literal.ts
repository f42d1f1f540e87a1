import { JsCall, JsCode, JsObject } from './js-code.js';
import { isIdentifierName } from './js-identifier.js';

/** Lines of generated code stay under this width when an object or array can be written on one line. */
const lineWidth = 100;

/**
 * Escapes text for the inside of a JavaScript string literal delimited by `quote`: the quote itself,
 * backslashes, `${` in a template literal, and every character a reader cannot see.
 */
export function escapeJsText(text: string, quote: "'" | '`'): string {
  let out = '';
  let previous = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (quote === '`' && char === '{' && previous === '$') out = `${out.slice(0, -1)}\\\${`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    // Control characters and the two line separators JavaScript treats as line ends inside a literal.
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
    previous = char;
  }
  return out;
}

/** A string as a single-quoted JavaScript literal. */
export function quoteJsString(text: string): string {
  return `'${escapeJsText(text, "'")}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function jsPropertyKey(key: string): string {
  return isIdentifierName(key) ? key : quoteJsString(key);
}

/**
 * Prints a JSON-like value (strings, finite numbers, booleans, null, arrays, plain objects, JsCode,
 * JsObject, JsCall) as JavaScript, indented by `indent` levels of two spaces. Undefined properties are left out,
 * as JSON does. An object or array goes on one line when it fits before the line width from `column`
 * (where the value starts on its line); else it gets one entry per line, with trailing commas.
 */
export function printJsLiteral(value: unknown, indent = 0, column = indent * 2): string {
  if (value instanceof JsCode) return value.text;
  if (value instanceof JsObject) return printJsObject(value.entries, indent, column);
  if (value instanceof JsCall) {
    const argument = printJsLiteral(value.argument, indent, column + value.callee.length + 1);
    return `${value.callee}(${argument})`;
  }
  if (typeof value === 'string') return quoteJsString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot print ${value} as a JavaScript literal`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => (next: number, at: number) => printJsLiteral(item, next, at));
    return printEntries(items, '[', ']', indent, column);
  }
  if (typeof value === 'object')
    return printJsObject(Object.entries(value as Record<string, unknown>), indent, column);
  throw new TypeError(`cannot print a ${typeof value} as a JavaScript literal`);
}

/**
 * An object literal from its entries in order: `[key, value]` pairs (undefined values left out) and
 * JsCode entries written as they are, such as a spread (`...data`).
 */
export function printJsObject(
  entries: readonly (readonly [string, unknown] | JsCode)[],
  indent = 0,
  column = indent * 2,
): string {
  const printers = entries
    .filter((entry) => entry instanceof JsCode || entry[1] !== undefined)
    .map((entry) => {
      if (entry instanceof JsCode) return () => entry.text;
      const key = `${jsPropertyKey(entry[0])}: `;
      return (next: number, at: number) => key + printJsLiteral(entry[1], next, at + key.length);
    });
  return printEntries(printers, '{', '}', indent, column);
}

/** An entry printer: given its indent level and the column it starts at, its text. */
type EntryPrinter = (indent: number, column: number) => string;

function printEntries(
  entries: readonly EntryPrinter[],
  open: string,
  close: string,
  indent: number,
  column: number,
): string {
  if (entries.length === 0) return `${open}${close}`;
  const padding = open === '{' ? ' ' : '';
  // Measured as if it all fitted on one line: nested values are laid out from where they would start.
  let at = column + open.length + padding.length;
  const flat = entries.map((entry) => {
    const text = entry(indent, at);
    at += text.length + 2;
    return text;
  });
  const oneLine = `${open}${padding}${flat.join(', ')}${padding}${close}`;
  if (!oneLine.includes('\n') && column + oneLine.length <= lineWidth) return oneLine;
  const inner = '  '.repeat(indent + 1);
  const lines = entries.map((entry) => `${inner}${entry(indent + 1, inner.length)},`);
  return `${open}\n${lines.join('\n')}\n${'  '.repeat(indent)}${close}`;
}

/**
 * `prefix`, then the value laid out from where the prefix ends (its last line, when it has several), then
 * `suffix`: a statement written at `indent` levels, such as `const vars = {...};` in a function body.
 */
export function printAfter(prefix: string, value: unknown, suffix = '', indent = 0): string {
  const lastLine = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const startsAt = prefix.includes('\n') ? lastLine.length : indent * 2 + lastLine.length;
  return `${prefix}${printJsLiteral(value, 0, startsAt)}${suffix}`;
}
