import type { ServerResponse } from 'node:http';
import { demoTargetLimits } from './demo-target-routes.js';
import { parseIntegerParam } from './query-params.js';
import type { RequestContext } from './request-context.js';
import { sendBadRequest } from './send-response.js';

const chunkSizeBytes = 64 * 1024;

// One shared, never-mutated chunk: every body is slices of it, so a 50 MiB response allocates nothing big.
const chunk = Buffer.alloc(chunkSizeBytes);
for (let i = 0; i < chunkSizeBytes; i++) chunk[i] = 0x61 + (i % 26);

export function handleBytes({ res, params }: RequestContext): void {
  const sizeBytes = parseIntegerParam('n', params['n'], { min: 0, max: demoTargetLimits.maxBodyBytes });
  if (!sizeBytes.ok) {
    sendBadRequest(res, sizeBytes.message);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': sizeBytes.value });
  writeRepeated(res, sizeBytes.value);
}

function writeRepeated(res: ServerResponse, totalBytes: number): void {
  let remainingBytes = totalBytes;
  const pump = (): void => {
    while (remainingBytes > chunkSizeBytes) {
      remainingBytes -= chunkSizeBytes;
      if (!res.write(chunk)) {
        // Respect backpressure so a slow reader does not make us queue the whole body in memory.
        res.once('drain', pump);
        return;
      }
    }
    res.end(remainingBytes === chunkSizeBytes ? chunk : chunk.subarray(0, remainingBytes));
  };
  pump();
}
