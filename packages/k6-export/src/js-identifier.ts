/** Words a generated name must never be: JavaScript's reserved words and strict-mode restrictions. */
const reservedWords = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if implements import in instanceof interface let new null package ' +
    'private protected public return static super switch this throw true try typeof var void while ' +
    'with yield arguments eval undefined NaN Infinity'
  ).split(' '),
);

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True for a name usable as a bare property key or a binding (ASCII only, which is all FPT names use). */
export function isIdentifierName(name: string): boolean {
  return identifierPattern.test(name) && !reservedWords.has(name);
}

/** `create-item` → `createItem`, `2nd.step` → `_2ndStep`: a readable identifier from a preset name. */
export function camelIdentifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9_$]+/).filter((word) => word !== '');
  const joined = words
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
  const safe = joined === '' ? '_' : /^[0-9]/.test(joined) ? `_${joined}` : joined;
  return reservedWords.has(safe) ? `_${safe}` : safe;
}

/**
 * Hands out names that are unique in one generated script: the preferred one when it is free, else the
 * same with 2, 3, ... appended. Names the script itself declares are taken up front.
 */
export class IdentifierPool {
  readonly #taken = new Set<string>();

  constructor(taken: Iterable<string>) {
    for (const name of taken) this.#taken.add(name);
  }

  claim(preferred: string): string {
    let name = preferred;
    for (let suffix = 2; this.#taken.has(name) || reservedWords.has(name); suffix++)
      name = `${preferred}${suffix}`;
    this.#taken.add(name);
    return name;
  }
}
