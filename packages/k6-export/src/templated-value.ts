import type { JsCode } from './js-code.js';
import { hasPlaceholder, templateExpression } from './template-expression.js';

/**
 * A JSON value from the preset (a body, GraphQL variables) with every string that holds a `{{name}}`
 * replaced by its expression, ready for printJsLiteral; the rest stays as it is.
 */
export function templatedValue(value: unknown, variable: (name: string) => JsCode): unknown {
  if (typeof value === 'string') return hasPlaceholder(value) ? templateExpression(value, variable) : value;
  if (Array.isArray(value)) return value.map((item) => templatedValue(item, variable));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, templatedValue(item, variable)]),
    );
  }
  return value;
}
