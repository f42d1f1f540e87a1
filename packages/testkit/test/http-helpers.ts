import { type Agent, request } from 'node:http';

export type RawResponse = {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly localPort: number | undefined;
};

/** node:http rather than fetch where a test needs socket-level facts: error codes, reuse, byte counts. */
export function rawGet(url: string, agent?: Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          localPort: req.socket?.localPort,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Streams the body and counts it, so a 50 MiB response is not held in test memory. */
export function countBodyBytes(
  url: string,
): Promise<{ status: number; sizeBytes: number; firstByte: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let sizeBytes = 0;
      let firstByte = -1;
      res.on('data', (chunk: Buffer) => {
        if (firstByte === -1 && chunk.length > 0) firstByte = chunk[0] ?? -1;
        sizeBytes += chunk.length;
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sizeBytes, firstByte }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function postJson(
  url: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function inBatches<T>(
  count: number,
  batchSize: number,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const batch: Promise<T>[] = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) batch.push(run(i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
