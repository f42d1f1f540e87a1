import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router as createRouter, type Router } from 'express';

/** The web UI's built files (packages/agent-ui/dist), or undefined when the UI is not installed or built. */
export function findUiDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@fpt/agent-ui/package.json');
    const dir = join(dirname(manifest), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the UI; hashed assets are cached for long, index.html never (so a new version shows at once). */
export function staticUi(uiDir: string | undefined): Router {
  const router = createRouter();
  if (!uiDir) {
    router.get('/', (_request, response) => {
      response
        .type('text/html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>FPT agent</title><p>The FPT agent is running, but its web UI is not built. Run <code>npm run build</code>; the API is under <code>/api/</code> (see docs/agent.md).</p>',
        );
    });
    return router;
  }
  router.use(
    express.static(uiDir, {
      index: 'index.html',
      setHeaders: (response, path) => {
        response.setHeader(
          'Cache-Control',
          path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    }),
  );
  return router;
}
