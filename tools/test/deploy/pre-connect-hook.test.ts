import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { hooksDir, runHook } from '../../test-support/deploy/kamal-hooks.js';
import { readSecretsFiles, secretsForDestination } from '../../test-support/deploy/kamal-secrets.js';
import { readRepoFile, repoRoot } from '../../test-support/deploy/repo-files.js';

// Kamal writes an empty secret into the container's env file without a word (FPT_PEER_TOKEN= ). The
// pre-connect hook refuses the commands that start containers while a secret this destination reads is
// empty; these tests run the hook itself, with the variables the deploy workflow exports.
const destinations = loadDestinations();
const files = readSecretsFiles();
const hook = 'pre-connect';

/** The variables a destination's secrets come from, each with a value. */
function allSet(destination: string): Record<string, string> {
  const variables = [...secretsForDestination(files, destination).values()];
  return Object.fromEntries(variables.map((variable) => [variable, `value-of-${variable}`]));
}

function deploy(destination: string, env: Record<string, string | undefined>, command = 'deploy') {
  const [kamalCommand, subcommand] = command.split(' ');
  return runHook(hook, {
    KAMAL_COMMAND: kamalCommand,
    KAMAL_SUBCOMMAND: subcommand,
    KAMAL_DESTINATION: destination,
    ...env,
  });
}

describe('the pre-connect hook refuses empty secrets', () => {
  it('is an executable bash script where Kamal looks for it', () => {
    const path = join(repoRoot, hooksDir, hook);
    expect(statSync(path).mode & 0o111).not.toBe(0);
    expect(readRepoFile(`${hooksDir}/${hook}`).split('\n')[0]).toBe('#!/usr/bin/env bash');
  });

  it.each(destinations.map((d) => [d.name]))('lets %s deploy with every secret set', (name) => {
    const run = deploy(name, allSet(name));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.each(
    destinations.flatMap((d) =>
      [...secretsForDestination(files, d.name)].map(([secret, variable]) => [d.name, secret, variable]),
    ),
  )('stops %s when %s is empty or unset', (name, secret, variable) => {
    for (const value of ['', ' ', undefined]) {
      const run = deploy(name, { ...allSet(name), [variable]: value });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`refusing to deploy ${name}`);
      expect(run.stderr).toContain(`  ${secret} (from $${variable}, `);
    }
  });

  it('checks the commands that start containers, and only those', () => {
    for (const command of [
      'setup',
      'deploy',
      'redeploy',
      'rollback',
      'app boot',
      'accessory boot',
      'accessory reboot',
    ]) {
      expect(deploy('near-a', {}, command).status, command).toBe(1);
    }
    for (const command of [
      'lock status',
      'lock release',
      'app logs',
      'accessory exec',
      'proxy reboot',
      'server exec',
    ]) {
      expect(deploy('near-a', {}, command).status, command).toBe(0);
    }
  });

  it("asks only for the destination's own secrets", () => {
    const nearA = [...secretsForDestination(files, 'near-a').keys()];
    const nearB = [...secretsForDestination(files, 'near-b').keys()];
    expect(nearA).toContain('GF_SECURITY_ADMIN_PASSWORD');
    expect(nearB).not.toContain('GF_SECURITY_ADMIN_PASSWORD');
    expect(deploy('near-b', allSet('near-b')).status).toBe(0);
    const run = deploy('near-a', allSet('near-b'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'GF_SECURITY_ADMIN_PASSWORD (from $GF_SECURITY_ADMIN_PASSWORD, secrets.near-a)',
    );
    expect(run.stderr).not.toContain('FPT_PEER_TOKEN');
  });
});
