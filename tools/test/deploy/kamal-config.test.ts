import { describe, expect, it } from 'vitest';
import {
  accessoriesOf,
  baseConfigFile,
  type Config,
  deepMerge,
  envOf,
  get,
  hostsOf,
  loadBaseConfig,
  loadDestinations,
} from '../../test-support/deploy/kamal-fleet.js';
import { kamalKeys } from '../../test-support/deploy/kamal-keys.js';
import { checkKeys } from '../../test-support/deploy/key-schema.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

const base = loadBaseConfig();
const destinations = loadDestinations();

/** RFC 5737 documentation networks and RFC 1918's 10/8 (private routes): never someone's real server. */
const exampleAddress = /^(192\.0\.2|198\.51\.100|203\.0\.113|10\.\d{1,3}\.\d{1,3})\.\d{1,3}$/;
const exampleName = /^([a-z0-9-]+\.)+example\.(com|org|net)$/;

describe('Kamal configuration keys', () => {
  const files: [string, Config][] = [
    [baseConfigFile, base],
    ...destinations.map((d): [string, Config] => [d.file, d.own]),
    ...destinations.map((d): [string, Config] => [`${baseConfigFile} + ${d.file}`, d.config]),
  ];
  it.each(files)('%s uses only keys Kamal 2 accepts', (_file, config) => {
    expect(checkKeys(config, kamalKeys)).toEqual([]);
  });

  it('catches a misspelled key, a wrong type and an unknown accessory key', () => {
    const broken = deepMerge(base, {
      retain_container: 3,
      proxy: { forward_header: true, app_port: '8790' },
      accessories: { cloudflared: { volume: ['x:/y'] } },
    });
    expect(checkKeys(broken, kamalKeys)).toEqual([
      expect.stringMatching(/^proxy\.app_port: should be an integer$/),
      expect.stringMatching(/^proxy\.forward_header: unknown key \(known keys here: host, hosts, app_port/),
      expect.stringMatching(/^accessories\.cloudflared\.volume: unknown key/),
      expect.stringMatching(/^retain_container: unknown key/),
    ]);
  });

  it('has no ERB: the files are plain YAML, read as such by these tests and by the workflow', () => {
    for (const file of [baseConfigFile, ...destinations.map((d) => d.file)]) {
      expect(readRepoFile(file)).not.toContain('<%');
    }
  });
});

describe('Kamal service', () => {
  it('names a service, an image on GHCR and requires a destination', () => {
    expect(base.service).toMatch(/^[a-z0-9_-]+$/);
    expect(base.image).toMatch(/^[a-z0-9._-]+\/[a-z0-9._-]+$/); // <owner>/<name>: ghcr.io is registry.server
    expect(get(base, 'registry', 'server')).toBe('ghcr.io');
    expect(base.require_destination).toBe(true);
  });

  it('ends TLS at Cloudflare: kamal-proxy without ssl, passing the forwarded headers on', () => {
    expect(get(base, 'proxy', 'ssl')).toBe(false);
    expect(get(base, 'proxy', 'forward_headers')).toBe(true);
  });

  it('rotates logs and keeps old containers for rollback', () => {
    expect(get(base, 'logging', 'options', 'max-size')).toMatch(/^\d+[km]$/);
    expect(base.retain_containers).toBeGreaterThanOrEqual(2);
  });
});

describe('destinations (one per regional agent)', () => {
  it('has the three example regions', () => {
    expect(destinations.map((d) => d.name)).toEqual(['far-a', 'near-a', 'near-b']);
  });

  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s sets its hosts, public name and identity',
    (_name, d) => {
      const env = envOf(d.own.env).clear;
      expect(env.FPT_REGION).toMatch(/^[a-z0-9-]+$/);
      expect(env.FPT_AGENT_ID).toMatch(/^[a-z0-9-]+$/);
      expect(hostsOf(d.own).length).toBe(1); // one agent per destination: its id, tunnel and public name
      expect(get(d.own, 'proxy', 'host')).toMatch(exampleName);
    },
  );

  it('gives every agent its own id, host and public name', () => {
    const unique = (values: unknown[]) => expect(new Set(values).size).toBe(values.length);
    unique(destinations.map((d) => envOf(d.config.env).clear.FPT_AGENT_ID));
    unique(destinations.flatMap((d) => hostsOf(d.config)));
    unique(destinations.map((d) => get(d.config, 'proxy', 'host')));
  });

  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s runs its accessories on its own host',
    (_name, d) => {
      const hosts = hostsOf(d.config);
      for (const [name, accessory] of Object.entries(accessoriesOf(d.config))) {
        const placed = [accessory.host, ...((accessory.hosts as unknown[]) ?? [])].filter(Boolean);
        const roles = (accessory.roles as string[] | undefined) ?? [];
        expect(placed.length + roles.length, `accessory ${name} has no host or role`).toBeGreaterThan(0);
        for (const host of placed) expect(hosts).toContain(host);
        for (const role of roles) expect(Object.keys(d.config.servers as object)).toContain(role);
      }
    },
  );

  it('names no real host: documentation addresses and example.com names only', () => {
    for (const d of destinations) {
      for (const host of hostsOf(d.config)) expect(host).toMatch(exampleAddress);
    }
    const text = ['config/deploy.yml', ...destinations.map((d) => d.file)].map(readRepoFile).join('\n');
    for (const address of text.match(/\b\d{1,3}(\.\d{1,3}){3}\b/g) ?? [])
      expect(address).toMatch(exampleAddress);
  });
});
