import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentProcess } from '../../../tools/test-support/agent-process.js';

/** A one-second run: short enough for many back-to-back runs, long enough for live points. */
export const tinyPreset = `name: tiny
description: two VUs for one second
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 1s
    gracefulStop: 1s
    requests:
      - name: fast
        path: /fast
      - name: slow
        path: /delay
        query:
          ms: 20
thresholds:
  http_req_failed:
    - rate<0.5
`;

/** A run that lasts until it is stopped (or its agent dies). */
export const longPreset = tinyPreset
  .replace('name: tiny', 'name: long')
  .replace('duration: 1s', 'duration: 5m')
  .replace('description: two VUs for one second', 'description: runs until stopped');

/**
 * A k6-style script for the presets folder: 5 iterations shared by 2 VUs, two requests each (10 in all),
 * the second sent by a module of its own in lib/ (a module, never an entry), counted by a threshold. Its
 * check names what `__ENV.FPT_TOKENS` holds for it: an agent's script must not see the agent's token.
 */
export const tinyScript = `import http from 'k6/http';
import { check } from 'k6';
import { slow } from './lib/requests.js';

export const options = {
  scenarios: { api: { executor: 'shared-iterations', vus: 2, iterations: 5 } },
  thresholds: { http_req_failed: ['rate<0.5'], 'http_reqs{name:slow}': ['count==5'] },
};

export default async function () {
  const fast = await http.get(\`\${__ENV.TARGET_URL}/fast\`, { tags: { name: 'fast' } });
  check(fast, { [\`fast, FPT_TOKENS=\${__ENV.FPT_TOKENS ?? 'unset'}\`]: (r) => r.status === 200 });
  await slow(__ENV.TARGET_URL);
}
`;

/** The module tinyScript imports: lib/requests.js. */
export const tinyScriptModule = `import http from 'k6/http';

export async function slow(base) {
  return http.get(\`\${base}/delay?ms=20\`, { tags: { name: 'slow' } });
}
`;

/** A seed folder holding the test presets, for FPT_SEED_PRESETS_DIR. */
export function seedFolder(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-seed-'));
  const files = { 'tiny.yaml': tinyPreset, 'long.yaml': longPreset, ...extra };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

export interface RunRowLike {
  id: string;
  status: string;
  reason: string | null;
  requests: number | null;
  p95Ms: number | null;
  region: string;
  agentId: string;
  preset: string;
  startedAt: number;
}

export async function api<T = unknown>(
  agent: AgentProcess,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${agent.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: agent.headers({
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    }),
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a report, a log): the text is the body.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** Polls a run until it is no longer running. */
export async function waitForEnd(agent: AgentProcess, id: string, timeoutMs = 60_000): Promise<RunRowLike> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<RunRowLike>(agent, `/api/runs/${id}`);
    if (body.status !== 'running') return body;
    if (Date.now() > deadline) throw new Error(`run ${id} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the running run has sent at least `count` live points (its load has started). */
export async function waitForPoints(agent: AgentProcess, id: string, count: number): Promise<void> {
  const events = await readLiveEvents(agent, id, { stopAfterPoints: count });
  if (events.filter((e) => e.event === 'point').length < count) {
    throw new Error(`run ${id} ended before ${count} live points`);
  }
}

export interface LiveEventRecord {
  event: string;
  data: Record<string, unknown>;
}

/** Reads the SSE stream of a run until `end` (or until enough points), parsing every event. */
export async function readLiveEvents(
  agent: AgentProcess,
  id: string,
  options: { stopAfterPoints?: number; histograms?: boolean } = {},
): Promise<LiveEventRecord[]> {
  const controller = new AbortController();
  const response = await fetch(
    `${agent.url}/api/runs/${id}/live${options.histograms ? '?histograms=1' : ''}`,
    {
      headers: agent.headers(),
      signal: controller.signal,
    },
  );
  if (response.status !== 200 || !response.body) throw new Error(`live stream answered ${response.status}`);
  const events: LiveEventRecord[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf('\n\n');
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
      const points = events.filter((e) => e.event === 'point').length;
      if (events.some((e) => e.event === 'end')) break;
      if (options.stopAfterPoints !== undefined && points >= options.stopAfterPoints) break;
    }
  } finally {
    controller.abort();
  }
  return events;
}
