import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { dockerfilePath } from '../../test-support/deploy/agent-image.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

// dockerfile-utils is the parser behind VS Code's Docker support; with no Docker engine here it is the
// syntax check (instructions, flags, HEALTHCHECK durations, JSON forms), warnings included.
function lint(text: string): string[] {
  return validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

describe('deploy/Dockerfile lint', () => {
  it('has no problem, not even a warning', () => {
    expect(lint(readRepoFile(dockerfilePath))).toEqual([]);
  });

  it('would report a broken instruction and a bad HEALTHCHECK duration', () => {
    const broken = readRepoFile(dockerfilePath)
      .replace('FROM node:20-bookworm-slim AS runtime', 'FRM node:20-bookworm-slim AS runtime')
      .replace('--interval=30s', '--interval=abc');
    const problems = lint(broken);
    expect(problems.some((p) => p.includes('Unknown instruction: FRM'))).toBe(true);
    expect(problems.some((p) => p.includes('invalid duration'))).toBe(true);
  });
});
