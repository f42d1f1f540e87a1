// A deliberately small GraphQL reader: operations, aliases, scalar arguments, variables and nested
// selections. Enough to answer real client queries with only the requested fields, without pulling
// a GraphQL library into the demo target's hot path.

export type GraphqlValue =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null };

export type GraphqlField = {
  readonly alias: string | undefined;
  readonly name: string;
  readonly arguments: ReadonlyMap<string, GraphqlValue>;
  readonly selections: readonly GraphqlField[] | undefined;
};

export type GraphqlOperationKind = 'query' | 'mutation' | 'subscription';

export type GraphqlOperation = {
  readonly kind: GraphqlOperationKind;
  readonly name: string | undefined;
  readonly selections: readonly GraphqlField[];
};

export type GraphqlParseResult =
  | { readonly ok: true; readonly operations: readonly GraphqlOperation[] }
  | { readonly ok: false; readonly message: string };

type TokenKind = 'punct' | 'name' | 'string' | 'number' | 'spread' | 'end';
type Token = { readonly kind: TokenKind; readonly value: string };

class GraphqlSyntaxError extends Error {}

export function parseGraphqlDocument(source: string): GraphqlParseResult {
  try {
    return { ok: true, operations: new Parser(tokenize(source)).document() };
  } catch (error) {
    if (error instanceof GraphqlSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

const punctuators = new Set(['{', '}', '(', ')', '[', ']', ':', '$', '!', '=', '@', '|', '&']);
const namePattern = /[_A-Za-z][_0-9A-Za-z]*/y;
const numberPattern = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const stringPattern = /"(?:[^"\\\n\r]|\\.)*"/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (
      char === ' ' ||
      char === '\t' ||
      char === '\n' ||
      char === '\r' ||
      char === ',' ||
      char === '\uFEFF'
    ) {
      i++;
    } else if (char === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (source.startsWith('...', i)) {
      tokens.push({ kind: 'spread', value: '...' });
      i += 3;
    } else if (punctuators.has(char)) {
      tokens.push({ kind: 'punct', value: char });
      i++;
    } else if (source.startsWith('"""', i)) {
      throw new GraphqlSyntaxError('Syntax Error: block strings are not supported by the demo target.');
    } else {
      const token =
        matchAt(stringPattern, 'string', source, i) ??
        matchAt(namePattern, 'name', source, i) ??
        matchAt(numberPattern, 'number', source, i) ??
        undefined;
      if (token === undefined) throw new GraphqlSyntaxError(`Syntax Error: Unexpected character "${char}".`);
      tokens.push(token);
      i += token.value.length;
    }
  }
  tokens.push({ kind: 'end', value: '<EOF>' });
  return tokens;
}

function matchAt(pattern: RegExp, kind: TokenKind, source: string, index: number): Token | undefined {
  pattern.lastIndex = index;
  const match = pattern.exec(source);
  return match === null ? undefined : { kind, value: match[0] };
}

class Parser {
  readonly #tokens: readonly Token[];
  #index = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
  }

  document(): GraphqlOperation[] {
    const operations: GraphqlOperation[] = [];
    do operations.push(this.#operation());
    while (this.#peek().kind !== 'end');
    return operations;
  }

  #operation(): GraphqlOperation {
    const token = this.#peek();
    if (token.kind === 'punct' && token.value === '{') {
      return { kind: 'query', name: undefined, selections: this.#selectionSet() };
    }
    if (
      token.kind === 'name' &&
      (token.value === 'query' || token.value === 'mutation' || token.value === 'subscription')
    ) {
      this.#index++;
      const name = this.#peek().kind === 'name' ? this.#next().value : undefined;
      if (this.#isPunct('(')) this.#skipBalanced('(', ')');
      this.#rejectDirectives();
      return { kind: token.value, name, selections: this.#selectionSet() };
    }
    if (token.kind === 'name' && token.value === 'fragment') {
      throw new GraphqlSyntaxError('Fragments are not supported by the demo target.');
    }
    throw unexpected(token);
  }

  #selectionSet(): GraphqlField[] {
    this.#expectPunct('{');
    const fields: GraphqlField[] = [];
    while (!this.#isPunct('}')) {
      if (this.#peek().kind === 'spread') {
        throw new GraphqlSyntaxError('Fragments are not supported by the demo target.');
      }
      fields.push(this.#field());
    }
    if (fields.length === 0) throw unexpected(this.#peek());
    this.#index++;
    return fields;
  }

  #field(): GraphqlField {
    let alias: string | undefined;
    let name = this.#expectName();
    if (this.#isPunct(':')) {
      this.#index++;
      alias = name;
      name = this.#expectName();
    }
    const args = new Map<string, GraphqlValue>();
    if (this.#isPunct('(')) {
      this.#index++;
      do {
        const argName = this.#expectName();
        this.#expectPunct(':');
        args.set(argName, this.#value());
      } while (!this.#isPunct(')'));
      this.#index++;
    }
    this.#rejectDirectives();
    const selections = this.#isPunct('{') ? this.#selectionSet() : undefined;
    return { alias, name, arguments: args, selections };
  }

  #value(): GraphqlValue {
    const token = this.#next();
    if (token.kind === 'punct' && token.value === '$') return { kind: 'variable', name: this.#expectName() };
    if (token.kind === 'string') return { kind: 'literal', value: parseStringLiteral(token.value) };
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.value) };
    if (token.kind === 'name') {
      if (token.value === 'true') return { kind: 'literal', value: true };
      if (token.value === 'false') return { kind: 'literal', value: false };
      if (token.value === 'null') return { kind: 'literal', value: null };
      return { kind: 'literal', value: token.value };
    }
    if (token.kind === 'punct' && (token.value === '[' || token.value === '{')) {
      throw new GraphqlSyntaxError('List and object arguments are not supported by the demo target.');
    }
    throw unexpected(token);
  }

  #rejectDirectives(): void {
    if (this.#isPunct('@')) throw new GraphqlSyntaxError('Directives are not supported by the demo target.');
  }

  #skipBalanced(open: string, close: string): void {
    let depth = 0;
    do {
      const token = this.#next();
      if (token.kind === 'end') throw unexpected(token);
      if (token.kind === 'punct' && token.value === open) depth++;
      if (token.kind === 'punct' && token.value === close) depth--;
    } while (depth > 0);
  }

  #peek(): Token {
    return this.#tokens[this.#index] ?? endToken;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  #isPunct(value: string): boolean {
    const token = this.#peek();
    return token.kind === 'punct' && token.value === value;
  }

  #expectPunct(value: string): void {
    const token = this.#next();
    if (token.kind !== 'punct' || token.value !== value) throw unexpected(token, `Expected "${value}"`);
  }

  #expectName(): string {
    const token = this.#next();
    if (token.kind !== 'name') throw unexpected(token, 'Expected Name');
    return token.value;
  }
}

const endToken: Token = { kind: 'end', value: '<EOF>' };

function unexpected(token: Token, expected?: string): GraphqlSyntaxError {
  const found = token.kind === 'end' ? '<EOF>' : `"${token.value}"`;
  return new GraphqlSyntaxError(
    `Syntax Error: ${expected === undefined ? 'Unexpected' : `${expected}, found`} ${found}.`,
  );
}

// GraphQL string escapes are JSON's, except \u{...}, which JSON rejects and we report as a syntax error.
function parseStringLiteral(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    throw new GraphqlSyntaxError(`Syntax Error: Invalid string ${literal}.`);
  }
}
