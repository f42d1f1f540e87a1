import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot } from './cli-process.js';

/** Runs `fpt` under a lower open-file limit (prlimit, util-linux), as a user with a small ulimit would. */
function runWithFileLimit(
  limit: number,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('prlimit', [`--nofile=${limit}:${limit}`, process.execPath, binPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('capacity before load, for real', () => {
  it('warns before the run that 300 VUs do not fit a 200-file limit, then explains the EMFILE failures', async () => {
    const server = createServer((_, res) => setTimeout(() => res.end('ok'), 20));
    server.maxConnections = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'fpt-capacity-'));
    try {
      const preset = join(dir, 'crowded.yaml');
      writeFileSync(
        preset,
        `name: crowded
target: { baseUrl: "http://127.0.0.1:${port}" }
scenarios:
  s:
    executor: constant-vus
    vus: 300
    duration: 2s
    gracefulStop: 1s
    requests: [{ name: r, path: / }]
safety: { maxVUs: 300 }
`,
      );
      const summaryFile = join(dir, 'summary.json');
      const result = await runWithFileLimit(200, [
        'run',
        preset,
        '--workers',
        '1',
        '--summary-export',
        summaryFile,
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(
        /WARN this run can hold 300 connections at once \(300 VUs × 1 origin\), but the open-file limit is 200/,
      );
      expect(result.stdout).toMatch(/✗ [\d,]+× r GET: too many open files \(EMFILE\)/);
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
      const reasons = summary.fpt.errors.flatMap((e: { reasons?: { message: string }[] }) => e.reasons ?? []);
      expect(
        reasons.some((r: { message: string }) => r.message.startsWith('too many open files (EMFILE)')),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      server.closeAllConnections();
      server.close();
    }
  });
});
