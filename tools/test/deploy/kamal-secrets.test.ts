import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDestinations, secretReferences } from '../../test-support/deploy/kamal-fleet.js';
import {
  parseSecretsFile,
  readSecretsFiles,
  readSecretsTable,
  secretsForDestination,
  secretsTableProblems,
} from '../../test-support/deploy/kamal-secrets.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

const destinations = loadDestinations();
const files = readSecretsFiles();

describe('Kamal secrets', () => {
  it('has only the files Kamal reads with a destination: secrets-common and secrets.<destination>', () => {
    // With -d, Kamal never reads .kamal/secrets; a "secrets-<destination>" (hyphen) is never read at all.
    const expected = ['secrets-common', ...destinations.map((d) => `secrets.${d.name}`)].sort();
    expect([...files.keys()].sort()).toEqual(expected);
  });

  it.each([...files.values()].map((file) => [file.file, file] as const))(
    '%s only references environment variables',
    (_file, file) => {
      expect(file.problems).toEqual([]);
      expect(file.defined.size).toBeGreaterThan(0);
    },
  );

  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s defines every secret its configuration names',
    (name, d) => {
      const defined = secretsForDestination(files, name);
      const missing = secretReferences(d.config)
        .filter(({ secret }) => !defined.has(secret))
        .map(({ secret, where }) => `${secret} (${where}) is in no .kamal/secrets-common or secrets.${name}`);
      expect(missing).toEqual([]);
    },
  );

  it('defines no secret that no destination uses', () => {
    const used = new Set(destinations.flatMap((d) => secretReferences(d.config).map((r) => r.secret)));
    const unused = [...files.values()].flatMap((file) =>
      [...file.defined.keys()].filter((name) => !used.has(name)).map((name) => `${file.file}: ${name}`),
    );
    expect(unused).toEqual([]);
  });

  it('refuses a literal value without repeating it', () => {
    const file = parseSecretsFile(
      '.kamal/secrets.example',
      [
        '# comment',
        'FPT_TOKENS=$FPT_TOKENS',
        'TUNNEL_TOKEN=eyJhIjoiZXhhbXBsZSJ9',
        'FPT_OUT=${FPT_OUT}',
        'GF_SECURITY_ADMIN_PASSWORD="hunter2"',
        'REGISTRY=$(kamal secrets extract REGISTRY $SECRETS)',
        'INFLUXDB_ADMIN_PASSWORD=prefix-$INFLUXDB_ADMIN_PASSWORD',
      ].join('\n'),
    );
    expect([...file.defined.keys()]).toEqual(['FPT_TOKENS', 'FPT_OUT', 'REGISTRY']);
    expect(file.problems).toEqual([
      '.kamal/secrets.example:3: TUNNEL_TOKEN holds a literal value; reference an environment variable instead (TUNNEL_TOKEN=$TUNNEL_TOKEN)',
      '.kamal/secrets.example:5: GF_SECURITY_ADMIN_PASSWORD holds a literal value; reference an environment variable instead (GF_SECURITY_ADMIN_PASSWORD=$GF_SECURITY_ADMIN_PASSWORD)',
      '.kamal/secrets.example:7: INFLUXDB_ADMIN_PASSWORD holds a literal value; reference an environment variable instead (INFLUXDB_ADMIN_PASSWORD=$INFLUXDB_ADMIN_PASSWORD)',
    ]);
  });
});

// One list of every secret: docs/deploy.md's Secrets table. It must name exactly what the secrets files
// define (with the same scope), what the configuration references and what the deploy workflow uses, and
// say how to rotate each one.
describe("the runbook's list of secrets", () => {
  const table = readSecretsTable();
  const names = table.map((row) => row.secret);

  it('lists each secret once, with what it is and how to rotate it', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const row of table) {
      expect(row.keptIn, row.secret).not.toBe('');
      expect(row.what, row.secret).not.toBe('');
      expect(row.rotate, row.secret).not.toMatch(/^(|—|-)$/);
    }
  });

  it('names the secrets files that define each Kamal secret, and no other', () => {
    expect(table.filter((row) => row.kamalFile !== undefined).length).toBeGreaterThan(5);
    expect(secretsTableProblems(table, files)).toEqual([]);
  });

  it('catches a secret left out of the list, and one placed in the wrong file', () => {
    const runbook = readRepoFile('docs/deploy.md');
    const withoutPeerToken = runbook.replace(/^\| `FPT_PEER_TOKEN` .*\n/m, '');
    expect(withoutPeerToken).not.toBe(runbook);
    expect(secretsTableProblems(readSecretsTable(withoutPeerToken), files)).toEqual([
      "FPT_PEER_TOKEN (.kamal/secrets-common) is not in docs/deploy.md's Secrets table",
    ]);
    const misplaced = runbook.replace(
      /^(\| `GF_SECURITY_ADMIN_PASSWORD` +\|[^|]+\| )`\.kamal\/secrets\.near-a`/m,
      '$1`.kamal/secrets-common`',
    );
    expect(secretsTableProblems(readSecretsTable(misplaced), files)).toEqual([
      'GF_SECURITY_ADMIN_PASSWORD: the table says .kamal/secrets-common, but .kamal/secrets.near-a defines it',
    ]);
  });

  it("leads from each row to the runbook's own sections", () => {
    const runbook = readRepoFile('docs/deploy.md');
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = [...runbook.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]!
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-'),
    );
    const links = [...runbook.matchAll(/\]\(#([a-z0-9-]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(expect.arrayContaining(['the-peer-token', 'grafanas-admin-password']));
    expect(links.filter((link) => !anchors.includes(link))).toEqual([]);
  });

  it('covers every secret the configuration references', () => {
    const referenced = destinations.flatMap((d) => secretReferences(d.config).map((r) => r.secret));
    expect(referenced.filter((secret) => !names.includes(secret))).toEqual([]);
  });

  it('covers every secret the deploy workflow and the perf-gate deep check use, and lists none they do not', () => {
    // The deep check reaches the agents from CI, through Cloudflare Access: its secrets are the fleet's too.
    const perfGate = parse(readRepoFile('.github/workflows/perf-gate.yml')) as {
      jobs: Record<string, unknown>;
    };
    const workflow = [
      readRepoFile('.github/workflows/deploy.yml'),
      stringify(perfGate.jobs['deep-check'] ?? {}),
    ].join('\n');
    const used = new Set([...workflow.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1]!));
    used.delete('GITHUB_TOKEN'); // the registry password's source, listed as KAMAL_REGISTRY_PASSWORD
    expect([...used].filter((secret) => !names.includes(secret))).toEqual([]);
    expect([...used]).toEqual(expect.arrayContaining(['FPT_AGENT_TOKEN', 'CF_ACCESS_CLIENT_SECRET']));
    for (const row of table) {
      const exported = new RegExp(`\\b${row.secret}:`).test(workflow);
      expect(used.has(row.secret) || exported, row.secret).toBe(true);
    }
  });
});
