import { describe, expect, it } from 'vitest';
import { loadDestinations, secretReferences } from '../../test-support/deploy/kamal-fleet.js';
import {
  parseSecretsFile,
  readSecretsFiles,
  secretsForDestination,
} from '../../test-support/deploy/kamal-secrets.js';

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
