import type { JsCode } from './js-code.js';
import { hasPlaceholder, templateExpression, typedPlaceholderName } from './template-expression.js';

/**
 * A JSON value from the preset (a body, GraphQL variables) with every string that holds a `{{name}}`
 * replaced by its expression, ready for printJsLiteral; the rest stays as it is. With `typed`, a string
 * that is exactly `{{= name}}` becomes typed(name) instead: the variable's value as JSON, not as text.
 */
export function templatedValue(
  value: unknown,
  variable: (name: string) => JsCode,
  typed?: (name: string) => JsCode,
): unknown {
  if (typeof value === 'string') {
    const typedName = typedPlaceholderName(value);
    if (typed !== undefined && typedName !== undefined) return typed(typedName);
    return hasPlaceholder(value) ? templateExpression(value, variable) : value;
  }
  if (Array.isArray(value)) return value.map((item) => templatedValue(item, variable, typed));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, templatedValue(item, variable, typed)]),
    );
  }
  return value;
}
