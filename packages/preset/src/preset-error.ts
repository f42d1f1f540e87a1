/** One thing wrong with a preset, located as precisely as the source allows. */
export interface PresetProblem {
  /** File the problem is in (the preset itself, or the preset it extends). */
  readonly file: string;
  /** 1-based line and column; 0 when the problem has no place in the file (a missing file, say). */
  readonly line: number;
  readonly column: number;
  /** Dotted field path, for example scenarios.api.stages[1].target; empty for the whole file. */
  readonly fieldPath: string;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** The only error the preset loader throws: every problem found, all at once. */
export class PresetError extends Error {
  readonly code = 'ERR_PRESET_INVALID';
  readonly problems: readonly PresetProblem[];

  constructor(problems: readonly PresetProblem[], options?: { cause?: unknown }) {
    super(formatProblems(problems), options);
    this.name = 'PresetError';
    this.problems = problems;
  }
}

export function formatProblem(problem: PresetProblem): string {
  const place = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const field = problem.fieldPath ? ` ${problem.fieldPath}:` : '';
  const hint = problem.hint ? `\n    hint: ${problem.hint}` : '';
  return `${place}${field} ${problem.message}${hint}`;
}

export function formatProblems(problems: readonly PresetProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
}

/** Path segments as they appear in errors: a.b[2].c */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
      out += plain ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
