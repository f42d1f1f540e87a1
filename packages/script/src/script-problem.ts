/** One thing wrong with a script, at its place in a file. */
export interface ScriptProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

/** A script FPT cannot load: every problem found, each with file:line:column (exit 104 in the CLI). */
export class ScriptError extends Error {
  readonly code = 'ERR_SCRIPT';
  readonly problems: readonly ScriptProblem[];

  constructor(problems: readonly ScriptProblem[]) {
    super(
      `${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:\n${problems.map(formatScriptProblem).join('\n')}`,
    );
    this.name = 'ScriptError';
    this.problems = problems;
  }
}

export function formatScriptProblem(problem: ScriptProblem): string {
  const at = `${problem.file}:${problem.line}:${problem.column}`;
  return `  ${at} ${problem.message}${problem.hint ? `\n    hint: ${problem.hint}` : ''}`;
}
