/**
 * A piece of JavaScript that the printer writes as it is (an expression such as `__ENV.TARGET_URL`),
 * as opposed to a value it turns into a literal.
 */
export class JsCode {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export function js(text: string): JsCode {
  return new JsCode(text);
}

/**
 * An object literal given as entries in order: `[key, value]` pairs and JsCode entries written as they
 * are, such as a spread (`...data`). The printer lays it out like any object it prints.
 */
export class JsObject {
  readonly entries: readonly (readonly [string, unknown] | JsCode)[];
  constructor(entries: readonly (readonly [string, unknown] | JsCode)[]) {
    this.entries = entries;
  }
}

/** A call with one argument the printer lays out like any value: `JSON.stringify({...})`. */
export class JsCall {
  readonly callee: string;
  readonly argument: unknown;
  constructor(callee: string, argument: unknown) {
    this.callee = callee;
    this.argument = argument;
  }
}
