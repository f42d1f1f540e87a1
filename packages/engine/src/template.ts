/**
 * `{{name}}` templates compiled once per preset, so that rendering in the hot path is a join of parts
 * with no parsing. A string without `{{` compiles to itself.
 */
export type Variables = ReadonlyMap<string, string>;

export interface CompiledTemplate {
  readonly source: string;
  /** Literal text at even indexes, variable names at odd ones. */
  readonly parts: readonly string[];
  readonly isConstant: boolean;
}

// `{{= name}}` is the typed form; as text it renders like `{{name}}` (see compileValue for where it differs).
const placeholder = /\{\{\s*=?\s*([^{}]*?)\s*\}\}/g;
const typedPlaceholder = /^\{\{\s*=\s*([^{}]*?)\s*\}\}$/;

export function compileTemplate(source: string): CompiledTemplate {
  const parts: string[] = [];
  let last = 0;
  for (const match of source.matchAll(placeholder)) {
    parts.push(source.slice(last, match.index), match[1] ?? '');
    last = match.index + match[0].length;
  }
  parts.push(source.slice(last));
  return { source, parts, isConstant: parts.length === 1 };
}

/** Renders with the iteration's variables; an unset variable renders empty and is reported through `onMissing`. */
export function renderTemplate(
  template: CompiledTemplate,
  variables: Variables,
  onMissing?: (name: string) => void,
): string {
  if (template.isConstant) return template.source;
  const { parts } = template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = variables.get(parts[i]!);
    if (value === undefined) onMissing?.(parts[i]!);
    out += (value ?? '') + parts[i + 1]!;
  }
  return out;
}

/** A JSON value whose strings may hold templates, compiled into a function that builds the value. */
export type CompiledValue = (variables: Variables, onMissing?: (name: string) => void) => unknown;

export function compileValue(value: unknown): CompiledValue {
  if (typeof value === 'string') {
    const typed = typedPlaceholder.exec(value)?.[1];
    if (typed !== undefined) return (vars, onMissing) => typedValue(typed, vars, onMissing);
    const template = compileTemplate(value);
    return template.isConstant ? () => value : (vars, onMissing) => renderTemplate(template, vars, onMissing);
  }
  if (Array.isArray(value)) {
    const items = value.map(compileValue);
    return (vars, onMissing) => items.map((item) => item(vars, onMissing));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => [key, compileValue(item)] as const);
    return (vars, onMissing) =>
      Object.fromEntries(entries.map(([key, item]) => [key, item(vars, onMissing)]));
  }
  return () => value;
}

export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsTemplate);
  return false;
}

/**
 * A typed template (`{{= id}}`) filling a whole JSON field: the variable's value as JSON when it reads as
 * JSON (5 stays a number, true a boolean, a captured object an object), as text otherwise; null when unset.
 */
function typedValue(name: string, variables: Variables, onMissing?: (name: string) => void): unknown {
  const text = variables.get(name);
  if (text === undefined) {
    onMissing?.(name);
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
