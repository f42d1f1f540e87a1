import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import sibling packages from their TypeScript sources, so a test run never reads a stale dist/.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@fpt\/([a-z0-9-]+)$/,
        replacement: fileURLToPath(new URL('./packages/$1/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tools/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON file lets .ci/run print one plain closing line and refuse skipped tests.
    reporters: ['default', ['json', { outputFile: '.fpt/test-results.json' }]],
  },
});
