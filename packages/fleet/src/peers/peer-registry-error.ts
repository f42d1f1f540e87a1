/** A peer registry FPT cannot use: every problem found, where it is, and how to fix it. */
export class PeerRegistryError extends Error {
  readonly problems: readonly string[];
  readonly hint: string;
  constructor(source: string, problems: readonly string[], hint: string) {
    super(
      `${source}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`,
    );
    this.name = 'PeerRegistryError';
    this.problems = problems;
    this.hint = hint;
  }
}
