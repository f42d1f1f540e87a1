import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableAfter } from './markdown-table.js';
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

export const runbookFile = 'docs/deploy.md';

export interface SecretsTableRow {
  secret: string;
  keptIn: string;
  /** `.kamal/secrets-common`, `.kamal/secrets.<destination>` (every one), `.kamal/secrets.near-a`; none: not Kamal's. */
  kamalFile: string | undefined;
  what: string;
  rotate: string;
}

/** The runbook's list of every secret: the table under "## Secrets" in docs/deploy.md. */
export function readSecretsTable(runbook = readRepoFile(runbookFile)): SecretsTableRow[] {
  return tableAfter(runbook, '## Secrets', runbookFile).map((row) => {
    const [secret, keptIn, kamalFile, what, rotate] = row;
    const name = /^`([A-Z0-9_]+)`$/.exec(secret ?? '')?.[1];
    if (!name) throw new Error(`${runbookFile}, Secrets: "${secret}" is not a \`SECRET_NAME\``);
    const file = /^`(\.kamal\/[^`]+)`$/.exec(kamalFile ?? '')?.[1];
    return { secret: name, keptIn: keptIn ?? '', kamalFile: file, what: what ?? '', rotate: rotate ?? '' };
  });
}

/**
 * Where the runbook's table and the secrets files disagree: a secret a file defines that the table leaves
 * out, or a Kamal secret the table places in other files than the ones that define it.
 */
export function secretsTableProblems(table: SecretsTableRow[], files: Map<string, SecretsFile>): string[] {
  const problems: string[] = [];
  const destinationFiles = [...files.keys()].filter((name) => name !== 'secrets-common');
  const holders = (secret: string) =>
    [...files].filter(([, file]) => file.defined.has(secret)).map(([name]) => `.kamal/${name}`);
  for (const secret of new Set([...files.values()].flatMap((file) => [...file.defined.keys()]))) {
    if (!table.some((row) => row.secret === secret)) {
      problems.push(`${secret} (${holders(secret).join(', ')}) is not in ${runbookFile}'s Secrets table`);
    }
  }
  for (const row of table.filter((r) => r.kamalFile !== undefined)) {
    const expected =
      row.kamalFile === '.kamal/secrets.<destination>'
        ? destinationFiles.map((name) => `.kamal/${name}`)
        : [row.kamalFile!];
    const actual = holders(row.secret);
    if (actual.sort().join() !== expected.sort().join()) {
      problems.push(
        `${row.secret}: the table says ${row.kamalFile}, but ${actual.join(', ') || 'no file'} defines it`,
      );
    }
  }
  return problems;
}
