import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoFile, repoRoot } from './repo-files.js';

export interface SecretsFile {
  file: string;
  /** Secret name → the environment variable (or command) its value comes from. */
  defined: Map<string, string>;
  problems: string[];
}

/**
 * A .kamal/secrets* file (dotenv with $VAR and $(command) substitution). Each line may only say where the
 * value comes from: `NAME=$VAR`, `NAME=${VAR}` or `NAME=$(kamal secrets ...)`. A literal value is a secret
 * committed to git, so it is a problem, reported without repeating the value.
 */
export function parseSecretsFile(file: string, text: string): SecretsFile {
  const defined = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      problems.push(`${where}: not a NAME=$VARIABLE line`);
      return;
    }
    const [, name, value] = match as unknown as [string, string, string];
    const reference =
      /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(value)?.[1] ??
      /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value)?.[1] ??
      (/^\$\(kamal secrets (fetch|extract) .+\)$/.test(value) ? value : undefined);
    if (reference === undefined) {
      problems.push(
        `${where}: ${name} holds a literal value; reference an environment variable instead (${name}=$${name})`,
      );
      return;
    }
    if (defined.has(name)) problems.push(`${where}: ${name} is defined twice`);
    defined.set(name, reference);
  });
  return { file, defined, problems };
}

/** .kamal/secrets-common and every .kamal/secrets.<destination>. */
export function readSecretsFiles(): Map<string, SecretsFile> {
  const files = readdirSync(join(repoRoot, '.kamal')).filter((name) => name.startsWith('secrets'));
  return new Map(
    files.map((name) => {
      const file = `.kamal/${name}`;
      return [name, parseSecretsFile(file, readRepoFile(file))];
    }),
  );
}

/** What `kamal -d <destination>` reads: secrets-common, then secrets.<destination> (never plain secrets). */
export function secretsForDestination(
  files: Map<string, SecretsFile>,
  destination: string,
): Map<string, string> {
  return new Map([
    ...(files.get('secrets-common')?.defined ?? []),
    ...(files.get(`secrets.${destination}`)?.defined ?? []),
  ]);
}
