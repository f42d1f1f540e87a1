import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnectProxy } from '@fpt/testkit';
import { describe, expect, it } from 'vitest';
import { proxyEnvironmentOf } from '../src/proxy-environment.js';
import { runFpt } from './cli-process.js';

describe('fpt run and proxy variables', () => {
  it('sends a run through HTTP_PROXY (a name, not loopback) and reaches the target', async () => {
    const origin = createServer((_, res) => res.end('behind the proxy'));
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const port = (origin.address() as { port: number }).port;
    const proxy = await startConnectProxy({ hosts: { 'api.test': '127.0.0.1' } });
    const dir = mkdtempSync(join(tmpdir(), 'fpt-cli-proxy-'));
    try {
      const preset = join(dir, 'proxied.yaml');
      writeFileSync(
        preset,
        `name: proxied
target: { baseUrl: "http://api.test:${port}" }
scenarios:
  s:
    executor: shared-iterations
    iterations: 3
    requests: [{ name: r, path: /hello, checks: [{ bodyContains: behind the proxy }] }]
thresholds:
  checks: ["rate==1"]
`,
      );
      const result = await runFpt(['run', preset, '--quiet', '--workers', '1'], {
        env: { HTTP_PROXY: proxy.url, http_proxy: '', NO_PROXY: '', no_proxy: '' },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(proxy.log.map((entry) => entry.target)).toEqual(Array(3).fill(`http://api.test:${port}/hello`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await proxy.close();
      origin.close();
    }
  });

  it('reads the upper-case variables first, then the lower-case ones', () => {
    expect(
      proxyEnvironmentOf({ HTTP_PROXY: 'http://a:1', http_proxy: 'http://b:1', https_proxy: 'http://c:1' }),
    ).toEqual({
      httpProxy: 'http://a:1',
      httpsProxy: 'http://c:1',
      noProxy: undefined,
    });
    expect(proxyEnvironmentOf({ HTTP_PROXY: '' })).toEqual({
      httpProxy: undefined,
      httpsProxy: undefined,
      noProxy: undefined,
    });
  });
});
