import { defaultClientConditions, defineConfig } from 'vite';

// base './': every asset URL is relative, so the agent can serve the UI under any path prefix.
// JSX settings come from tsconfig.json (Preact's automatic runtime), so no framework plugin is needed.
export default defineConfig({
  base: './',
  // The one workspace package the UI imports, @fpt/readable, is bundled from its TypeScript sources (its
  // package.json's "source" export), so the UI never needs a built dist/ of it, nor a stale one.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
  },
});
