import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThrowawayCa } from '@fpt/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { repoRoot, runFpt } from './cli-process.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('failures explained', () => {
  it('says why requests failed in the CLI summary, the summary JSON and the report, across worker threads', async () => {
    const ca = createThrowawayCa();
    const selfSigned = ca.issue({
      name: 'self',
      commonName: 'localhost',
      altNames: ['IP:127.0.0.1'],
      selfSigned: true,
    });
    const api = createServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('answer');
    });
    const tls = createHttpsServer({ cert: selfSigned.cert, key: selfSigned.key }, (_, res) =>
      res.end('secure'),
    );
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const apiPort = (api.address() as { port: number }).port;
    const tlsPort = (tls.address() as { port: number }).port;
    const nothing = await closedPort();
    const dir = mkdtempSync(join(tmpdir(), 'fpt-failures-'));
    try {
      const preset = join(dir, 'failing.yaml');
      writeFileSync(
        preset,
        `name: failing
target: { baseUrl: "http://127.0.0.1:${apiPort}" }
scenarios:
  s:
    executor: shared-iterations
    vus: 4
    iterations: 8
    selection: sequence
    requests:
      - { name: missing, path: /missing }
      - { name: refused, url: "http://127.0.0.1:${nothing}/x" }
      - { name: untrusted, url: "https://127.0.0.1:${tlsPort}/" }
      - { name: fine, path: /ok }
`,
      );
      const summaryFile = join(dir, 'summary.json');
      const reportFile = join(dir, 'report.html');
      const result = await runFpt([
        'run',
        preset,
        '--workers',
        '2',
        '--summary-export',
        summaryFile,
        '--report',
        reportFile,
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('FAILURES');
      expect(result.stdout).toMatch(/✗ 8× missing GET: HTTP 404 Not Found/);
      expect(result.stdout).toMatch(
        new RegExp(`✗ 8× refused GET: connection refused \\(127\\.0\\.0\\.1:${nothing}\\)`),
      );
      expect(result.stdout).toMatch(
        /✗ 8× untrusted GET: TLS: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );

      const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
      const byName = Object.fromEntries(
        summary.fpt.errors.map(
          (e: { name: string; reasons: { message: string; count: number; firstSeen: string }[] }) => [
            e.name,
            e.reasons,
          ],
        ),
      );
      expect(byName.missing).toEqual([
        { message: 'HTTP 404 Not Found', count: 8, firstSeen: expect.any(String) },
      ]);
      expect(byName.refused[0].message).toBe(`connection refused (127.0.0.1:${nothing})`);
      expect(byName.untrusted[0].message).toMatch(/self-signed certificate.*target\.tls\.ca/);
      expect(Date.parse(byName.refused[0].firstSeen)).toBeGreaterThanOrEqual(
        Date.parse(summary.fpt.startedAt) - 1000,
      );
      expect(byName.fine).toBeUndefined();
      const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/summary.schema.json'), 'utf8'));
      const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
      expect(validate(summary) ? [] : validate.errors).toEqual([]);

      const report = readFileSync(reportFile, 'utf8');
      expect(report).toContain('why (first seen)');
      expect(report).toContain(`connection refused (127.0.0.1:${nothing})`);
      expect(report).toContain('HTTP 404 Not Found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      ca.cleanup();
      api.close();
      tls.close();
    }
  });
});
