import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catchAllProblems,
  cloudflaredKeys,
  type IngressRule,
} from '../../test-support/deploy/cloudflared-keys.js';
import { accessoryService, get, loadDestinations, mountsOf } from '../../test-support/deploy/kamal-fleet.js';
import { checkKeys } from '../../test-support/deploy/key-schema.js';
import { readRepoYaml, repoRoot } from '../../test-support/deploy/repo-files.js';

// One ingress file per destination: the public host name to kamal-proxy, extra names to accessories of
// the same destination, and the catch-all last.
const destinations = loadDestinations();
const files = readdirSync(join(repoRoot, 'deploy/cloudflared')).sort();

describe('cloudflared ingress per region', () => {
  it('has one file per destination and no other', () => {
    expect(files).toEqual(destinations.map((d) => `${d.name}.yml`).sort());
  });

  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s: keys, catch-all last, public host to kamal-proxy, mounted by its cloudflared',
    (name, d) => {
      const file = `deploy/cloudflared/${name}.yml`;
      const config = readRepoYaml(file);
      expect(checkKeys(config, cloudflaredKeys)).toEqual([]);
      const ingress = get(config, 'ingress') as IngressRule[];
      expect(catchAllProblems(ingress)).toEqual([]);
      expect(ingress.at(-1)?.service).toBe('http_status:404');

      const publicHost = get(d.config, 'proxy', 'host');
      expect(ingress).toContainEqual({ hostname: publicHost, service: 'http://kamal-proxy:80' });
      // Any other name must reach an accessory of this destination by its container name.
      const accessories = Object.keys(get(d.config, 'accessories') as object).map((a) =>
        accessoryService(d.config, a),
      );
      for (const rule of ingress.slice(0, -1).filter((r) => r.hostname !== publicHost)) {
        expect(accessories).toContain(new URL(rule.service ?? '').hostname);
        expect(rule.hostname).toMatch(/\.example\.(com|org|net)$/);
      }
      expect(mountsOf(get(d.config, 'accessories', 'cloudflared', 'files'))).toEqual([
        { local: file, remote: '/etc/cloudflared/config.yml' },
      ]);
      expect(get(d.config, 'accessories', 'cloudflared', 'cmd')).toContain(
        '--config /etc/cloudflared/config.yml',
      );
    },
  );

  it('catches a catch-all that is missing or not last, and unknown keys', () => {
    expect(catchAllProblems([{ hostname: 'a.example.com', service: 'http://kamal-proxy:80' }])).toEqual([
      'the last ingress rule must match everything (no hostname, no path), e.g. `- service: http_status:404`',
    ]);
    expect(
      catchAllProblems([
        { service: 'http_status:404' },
        { hostname: 'a.example.com', service: 'http://x:80' },
      ]),
    ).toHaveLength(2);
    expect(checkKeys({ ingress: [{ hostName: 'a.example.com', service: 'x' }] }, cloudflaredKeys)).toEqual([
      'ingress[0].hostName: unknown key (known keys here: hostname, path, service, originRequest)',
    ]);
  });
});
